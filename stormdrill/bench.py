"""Key press to screen during a peak storm: how long the console takes to react (for `run.py bench`)."""

from __future__ import annotations

import asyncio
import statistics
import time


def keypress_latency(presses: int = 40) -> float | None:
    """Median milliseconds from a key press to the redrawn screen, at a storm's peak, on the largest
    library network (None: no key drew a screen); the storm is stepped between presses as the clock would."""
    return asyncio.run(_measure(presses))


async def _measure(presses: int) -> float | None:
    from textual import events

    from stormdrill.scenarios import LIBRARY, load_scenario
    from stormdrill.scoring import assess
    from stormdrill.simulator.network import load_or_build, spec_for

    from .app import StormdrillApp
    from .play import LiveSession

    class TimedApp(StormdrillApp):
        """Times each key from its arrival to the end of the screen update that follows."""

        key_at: float | None = None
        latencies: list[float] = []

        async def on_event(self, event) -> None:
            if isinstance(event, events.Key):
                self.key_at = time.perf_counter()
            await super().on_event(event)

        def post_display_hook(self) -> None:
            if self.key_at is not None:
                self.latencies.append((time.perf_counter() - self.key_at) * 1000)
                self.key_at = None

    scenarios = [load_scenario(path) for path in sorted(LIBRARY.glob("*.yaml"))]
    scenario = max(scenarios, key=lambda s: s.network.size)
    live = LiveSession(scenario, 1, assess, network=load_or_build(spec_for(scenario)))
    live.compute_baseline()
    app = TimedApp(live, scenario.language, assess, autoplay=False, blink=False)
    app.latencies = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        peak = scenario.storm.generated.peak_at if scenario.storm.generated else 2400
        for minute in range(0, int(peak // 60) + 1, 5):
            app.step_to(minute * 60)
        await pilot.pause()
        for i in range(presses):
            # a clock tick of the storm at ×60, drawn as the live clock draws it, together with the key
            app.step_to(live.session.now + 6, force=False)
            await pilot.press("down" if i % 2 == 0 else "up")
            await pilot.pause()
    return round(statistics.median(app.latencies), 1) if app.latencies else None
