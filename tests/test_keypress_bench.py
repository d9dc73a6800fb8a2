"""`stormdrill bench` times real key presses with the console's own clock running (a smoke run)."""

from __future__ import annotations

from stormdrill.bench import keypress_latency


def test_the_keypress_bench_reports_p50_p95_and_max_with_the_clock_running():
    results = keypress_latency(presses=6, million=False)
    assert results["keypress_scenario"] == "telnet-outage"  # the busiest library storm
    assert results["keypress_speed"] == 120  # its top speed, not the default ×15
    p50, p95, worst = (results[f"keypress_ms_{k}"] for k in ("p50", "p95", "max"))
    assert 0 < p50 <= p95 <= worst < 5000  # every press reached the screen (5 s counts as lost)
