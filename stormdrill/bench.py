"""Key press to screen during a peak storm, with the clock running (for `stormdrill bench`).

The console runs as a trainee has it: its own timer ticks the storm at the scenario's top speed,
redrawing as it goes. Keys arrive the way a terminal delivers them (through the driver), at
uneven moments between ticks, and nothing forces a refresh: each press is timed from the moment
it is sent to the end of the first screen update after the console has handled it.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import random
import statistics
import time

import numpy as np

PRESSES = 240  # at least 200, as docs/trainers.md promises
GAP_MS = (20, 120)  # a person moving through the inbox: uneven, some presses mid-tick
LEAD_IN = 600.0  # start this many storm seconds before the peak, so the presses cross it
TIMEOUT = 5.0  # a press not on screen after this long counts as this long


def keypress_latency(presses: int = PRESSES, million: bool = True) -> dict:
    """p50 / p95 / max milliseconds from a key press to the redrawn screen on the busiest library
    scenario at its top speed, and (with `million`) on the same storm over 1,000,000 accounts."""
    from stormdrill.scenarios import LIBRARY, load_scenario

    scenarios = [load_scenario(path) for path in sorted(LIBRARY.glob("*.yaml"))]
    busiest = max(scenarios, key=_peak)
    results = {"keypress_scenario": busiest.id, "keypress_presses": presses}
    results.update(_prefixed("keypress_ms", asyncio.run(_measure(busiest, presses))))
    results["keypress_speed"] = busiest.max_speed
    if million:
        big = busiest.model_copy(deep=True)
        big.network.size = 1_000_000
        results.update(_prefixed("keypress_ms_1m", asyncio.run(_measure(big, presses))))
    return results


def _peak(scenario) -> float:
    generated = scenario.storm.generated
    return generated.peak if generated else len(scenario.storm.scripted)


def _prefixed(prefix: str, latencies: list[float]) -> dict:
    if not latencies:
        return {f"{prefix}_p50": None, f"{prefix}_p95": None, f"{prefix}_max": None}
    return {
        f"{prefix}_p50": round(statistics.median(latencies), 1),
        f"{prefix}_p95": round(float(np.percentile(latencies, 95)), 1),
        f"{prefix}_max": round(max(latencies), 1),
    }


async def _measure(scenario, presses: int) -> list[float]:
    from textual import events

    from stormdrill.scoring import assess
    from stormdrill.simulator.network import load_or_build, spec_for

    from .app import StormdrillApp
    from .play import LiveSession

    class TimedApp(StormdrillApp):
        """Marks when a key has been handled; the next finished screen update is when it shows."""

        handled = False
        shown: asyncio.Event

        async def on_event(self, event) -> None:
            await super().on_event(event)
            if isinstance(event, events.Key):
                self.handled = True

        def post_display_hook(self) -> None:
            if self.handled:
                self.handled = False
                self.shown.set()

    live = LiveSession(scenario, 1, assess, network=load_or_build(spec_for(scenario)))
    live.compute_baseline()
    live.speed = live.max_speed  # the clock at the scenario's top speed
    gc.freeze()  # as `play` does (stormdrill/commands.py): start-up objects out of full collections
    try:
        app = TimedApp(live, scenario.language, assess, autoplay=True, blink=False)
        app.shown = asyncio.Event()
        generated = scenario.storm.generated
        peak_at = generated.peak_at if generated else scenario.duration / 3
        gaps = random.Random(1)
        latencies: list[float] = []
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("enter")  # the briefing: start the storm (its timer starts too)
            app.step_to(max(0.0, peak_at - LEAD_IN))
            await pilot.pause(0.3)
            driver = app._driver
            assert driver is not None  # run_test has started the app's (headless) driver
            for i in range(presses):
                await asyncio.sleep(gaps.uniform(*GAP_MS) / 1000)
                key = events.Key("down" if i % 2 == 0 else "up", None)
                key.set_sender(app)
                app.shown.clear()
                sent = time.perf_counter()
                driver.send_message(key)  # as the terminal driver delivers a key
                with contextlib.suppress(TimeoutError):  # counted as TIMEOUT, not dropped
                    await asyncio.wait_for(app.shown.wait(), TIMEOUT)
                latencies.append((time.perf_counter() - sent) * 1000)
            app.exit()
        return latencies
    finally:  # `play` runs one session a process; the next measurement here starts clean
        gc.unfreeze()
        gc.collect()
