"""`stormdrill calibrate`: the bots over many seeds, in parallel. Does the scenario work?

A good training scenario separates good play from bad, and its storm reliably
becomes a storm. This runs `none`, `reference` and `bad` on each seed, scores
them, and flags a scenario that doesn't.
"""

from __future__ import annotations

import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed

import numpy as np
from stormdrill.scenarios import Scenario, scenario_from_dict
from stormdrill.scenarios.cli import scenario_or_explain

BOTS = ("none", "reference", "bad")
MIN_GAP = 30.0  # reference's median overall score should beat bad's by this much
FIZZLE_SHARE = 0.25  # flag when more than this share of `none` runs never becomes a storm


def run_seed(scenario_data: dict, seed: int) -> dict:
    """One seed: the three bots, scored. Top-level so worker processes can run it."""
    from stormdrill.simulator.bots import play
    from stormdrill.simulator.network import load_or_build, spec_for
    from stormdrill.simulator.session import Session

    from . import assess
    from .scorecard import baseline_of, score_session

    scenario = scenario_from_dict(scenario_data)
    network = load_or_build(spec_for(scenario))
    sessions = {bot: play(Session(scenario, seed=seed, assess=assess, network=network), bot) for bot in BOTS}
    baselines = {bot: baseline_of(sessions[bot]) for bot in ("none", "reference")}
    out = {"seed": seed}
    for bot, session in sessions.items():
        card = score_session(session, assess, trainee=bot, baselines=baselines)
        negative = session.metrics["negative"]
        peak_hour = max(int(negative[i : i + 60].sum()) for i in range(max(1, len(negative) - 59)))
        out[bot] = {"overall": card.overall, "negative_reach": int(negative.sum()),
                    "storm": peak_hour >= 10 * max(1, int(negative[:15].sum()))}  # fmt: skip
    return out


def _spread(values: list[float]) -> dict:
    arr = np.asarray(values, dtype=float)
    return {"median": round(float(np.median(arr)), 1), "p10": round(float(np.percentile(arr, 10)), 1),
            "p90": round(float(np.percentile(arr, 90)), 1)}  # fmt: skip


def calibrate(scenario: Scenario, runs: int, workers: int | None = None, first_seed: int = 0, progress=None) -> dict:
    from stormdrill.simulator.network import load_or_build, spec_for

    load_or_build(spec_for(scenario))  # build once here; the workers load it from the cache
    data = scenario.model_dump(mode="json", by_alias=True, exclude_none=True)
    seeds = list(range(first_seed, first_seed + runs))
    workers = max(1, min(workers or os.cpu_count() or 1, runs))
    rows = []
    if workers == 1:
        for seed in seeds:
            rows.append(run_seed(data, seed))
            if progress:
                progress(len(rows), runs)
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(run_seed, data, seed) for seed in seeds]
            for future in as_completed(futures):
                rows.append(future.result())
                if progress:
                    progress(len(rows), runs)
    rows.sort(key=lambda r: r["seed"])
    result = {"scenario": scenario.id, "runs": runs, "workers": workers, "bots": {}}
    for bot in BOTS:
        result["bots"][bot] = {"overall": _spread([r[bot]["overall"] for r in rows]),
                               "negative_reach": _spread([r[bot]["negative_reach"] for r in rows])}  # fmt: skip
    fizzled = sum(1 for r in rows if not r["none"]["storm"]) / len(rows)
    result["fizzled_share"] = round(fizzled, 3)
    ref, bad = result["bots"]["reference"], result["bots"]["bad"]
    flags = []
    gap = ref["overall"]["median"] - bad["overall"]["median"]
    if gap < MIN_GAP or ref["overall"]["p10"] <= bad["overall"]["p90"]:
        flags.append(f"does not separate good from bad play: reference median {ref['overall']['median']:g} vs bad "
                     f"{bad['overall']['median']:g} (p10 {ref['overall']['p10']:g} vs p90 {bad['overall']['p90']:g})")
    if fizzled > FIZZLE_SHARE:
        flags.append(f"the storm often fizzles: {fizzled:.0%} of the runs nobody answers never become a storm "
                     "(peak hour under 10x the first 15 minutes); raise storm.generated.peak or lower base")
    none_reach = result["bots"]["none"]["negative_reach"]["median"]
    if ref["negative_reach"]["median"] > 0.5 * none_reach:
        flags.append("answering well barely contains it: reference negative reach is over half of nobody answering")
    result["gap"] = round(gap, 1)
    result["flags"] = flags
    return result


def calibrate_command(args) -> int:
    scenario = scenario_or_explain(args.file)
    if args.runs < 1:
        print("--runs must be at least 1", file=sys.stderr)
        return 2
    bar = None
    if not args.json and sys.stderr.isatty():
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        bar = Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                       TimeRemainingColumn(), transient=True)  # fmt: skip
        bar.start()
        task = bar.add_task(f"{scenario.id}: 3 bots × {args.runs} seeds", total=args.runs)
        progress = lambda done, total: bar.update(task, completed=done)  # noqa: E731
    else:
        progress = None
    try:
        result = calibrate(scenario, args.runs, args.workers, args.seed, progress)
    finally:
        if bar:
            bar.stop()
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{scenario.title}: {args.runs} seeds, {result['workers']} worker(s)\n")
    print(f"{'bot':<10} {'overall median':>15} {'p10':>6} {'p90':>6}   {'negative reach median':>22} {'p10':>8} {'p90':>8}")
    for bot, stats in result["bots"].items():
        o, n = stats["overall"], stats["negative_reach"]
        print(f"{bot:<10} {o['median']:>15g} {o['p10']:>6g} {o['p90']:>6g}   {n['median']:>22,.0f} {n['p10']:>8,.0f} "
              f"{n['p90']:>8,.0f}")  # fmt: skip
    print(f"\nreference − bad: {result['gap']:+g} points; the storm fizzled in {result['fizzled_share']:.0%} of runs")
    if result["flags"]:
        print("\nflags:")
        for flag in result["flags"]:
            print(f"  ! {flag}")
    else:
        print("no flags: the scenario separates good from bad play, and its storm is a storm")
    return 0
