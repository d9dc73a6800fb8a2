"""`stormdrill calibrate`: the bots over many seeds, in parallel. Does the scenario work?

A good training scenario separates good play from bad, and its storm reliably
becomes a storm. This runs `none`, `reference` and `bad` on each seed, scores
them, and flags a scenario that doesn't. It also measures the spread against
its published targets (single-post cascades, the storm's network share and
curve, simulator/spread_stats.py), the workload on one seat, and gives hints
that name a knob and the value to try (docs/trainers.md).
"""

from __future__ import annotations

import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import TYPE_CHECKING, Any

import numpy as np
from stormdrill.scenarios import Scenario, scenario_from_dict
from stormdrill.scenarios.cli import scenario_or_explain
from stormdrill.scenarios.durations import format_duration

if TYPE_CHECKING:
    from dask.distributed import Client

BOTS = ("none", "reference", "bad")
POSTS_PER_TASK = 50  # single posts per worker task
# What one webcare seat can answer: about one considered reply a minute (calibration: the reference
# reply of the library takes 40-60 s to read, judge and write). Workload above it is a storm one
# trainee can only triage, which is a choice a trainer should make knowingly.
SEAT_REPLIES_PER_MINUTE = 1.0
MIN_GAP = 30.0  # reference's median overall score should beat bad's by this much
FIZZLE_SHARE = 0.25  # flag when more than this share of `none` runs never becomes a storm
TARGET_NETWORK_SHARE = 0.6  # what a network_share hint aims at (the target is 0.5 or more)
TARGET_NEVER_RESHARED = 0.96  # what a never_reshared hint aims at (the target is 0.95 or more)


def run_single_posts(scenario_data: dict, seeds: list[int]) -> list[dict]:
    """Single-post cascades on the scenario's network (spread_stats). Top-level for worker processes."""
    from stormdrill.simulator.network import load_or_build, spec_for
    from stormdrill.simulator.spread_stats import post_topic, run_single_post, single_post_scenario

    from . import assess

    scenario = scenario_from_dict(scenario_data)
    single = single_post_scenario(scenario)
    network = load_or_build(spec_for(single))
    topic = post_topic(scenario)
    out = []
    for seed in seeds:
        post = run_single_post(single, topic, seed, assess, network)
        out.append({"reshares": post.reshares, "size": post.size, "delays": post.delays.tolist()})
    return out


def run_seed(scenario_data: dict, seed: int) -> dict:
    """One seed: the three bots, scored. Top-level so worker processes can run it."""
    from stormdrill.simulator.bots import play
    from stormdrill.simulator.network import load_or_build, spec_for
    from stormdrill.simulator.session import Session
    from stormdrill.simulator.spread_stats import storm_voices

    from . import assess
    from .scorecard import baseline_of, score_session

    scenario = scenario_from_dict(scenario_data)
    network = load_or_build(spec_for(scenario))
    sessions = {
        bot: play(Session(scenario, seed=seed, assess=assess, network=network), bot) for bot in BOTS
    }
    baselines = {bot: baseline_of(sessions[bot]) for bot in ("none", "reference")}
    out = {"seed": seed, "voices": storm_voices(sessions["none"])}
    for bot, session in sessions.items():
        card = score_session(session, assess, trainee=bot, baselines=baselines)
        negative = session.metrics["negative"]
        peak_hour = max(int(negative[i : i + 60].sum()) for i in range(max(1, len(negative) - 59)))
        out[bot] = {
            "overall": card.overall,
            "negative_reach": int(negative.sum()),
            "storm": peak_hour >= 10 * max(1, int(negative[:15].sum())),
        }
    return out


def _spread(values: list[float]) -> dict:
    arr = np.asarray(values, dtype=float)
    return {
        "median": round(float(np.median(arr)), 1),
        "p10": round(float(np.percentile(arr, 10)), 1),
        "p90": round(float(np.percentile(arr, 90)), 1),
    }


def calibrate(
    scenario: Scenario,
    runs: int,
    workers: int | None = None,
    first_seed: int = 0,
    progress=None,
    posts: int = 0,
    executor=None,
) -> dict:
    """The bots over `runs` seeds and `posts` single posts; `executor`: a concurrent.futures-style pool."""
    from stormdrill.simulator.network import load_or_build, spec_for
    from stormdrill.simulator.spread_stats import (
        SinglePost,
        meets,
        single_post_figures,
        storm_figures,
    )

    load_or_build(spec_for(scenario))  # build once here; the workers load it from the cache
    data = scenario.model_dump(mode="json", by_alias=True, exclude_none=True)
    seeds = list(range(first_seed, first_seed + runs))
    chunks = [
        list(range(s, min(s + POSTS_PER_TASK, posts))) for s in range(0, posts, POSTS_PER_TASK)
    ]
    workers = max(1, min(workers or os.cpu_count() or 1, runs + len(chunks)))
    rows: list[dict] = []  # one per seed: run_seed's figures
    singles: list[dict] = []  # one per single post: run_single_posts's figures
    total = runs + len(chunks)

    def collect(kind, value):
        (rows.append if kind == "seed" else singles.extend)(value)
        if progress:
            progress(len(rows) + min(len(singles) // POSTS_PER_TASK, len(chunks)), total)

    if executor is None and workers == 1:
        for seed in seeds:
            collect("seed", run_seed(data, seed))
        for chunk in chunks:
            collect("posts", run_single_posts(data, chunk))
    else:
        own = executor is None
        pool = ProcessPoolExecutor(max_workers=workers) if own else executor
        try:
            futures = {pool.submit(run_seed, data, seed): "seed" for seed in seeds}
            futures.update(
                {pool.submit(run_single_posts, data, chunk): "posts" for chunk in chunks}
            )
            for future in as_completed(futures):
                collect(futures[future], future.result())
        finally:
            if own:
                pool.shutdown()
    rows.sort(key=lambda r: r["seed"])
    result: dict[str, Any] = {"scenario": scenario.id, "runs": runs, "workers": workers, "bots": {}}
    for bot in BOTS:
        result["bots"][bot] = {
            "overall": _spread([r[bot]["overall"] for r in rows]),
            "negative_reach": _spread([r[bot]["negative_reach"] for r in rows]),
        }
    fizzled = sum(1 for r in rows if not r["none"]["storm"]) / len(rows)
    result["fizzled_share"] = round(fizzled, 3)
    ref, bad = result["bots"]["reference"], result["bots"]["bad"]
    flags = []
    gap = ref["overall"]["median"] - bad["overall"]["median"]
    if gap < MIN_GAP or ref["overall"]["p10"] <= bad["overall"]["p90"]:
        flags.append(
            f"does not separate good from bad play: reference median {ref['overall']['median']:g} vs bad "
            f"{bad['overall']['median']:g} (p10 {ref['overall']['p10']:g} vs p90 {bad['overall']['p90']:g})"
        )
    if fizzled > FIZZLE_SHARE:
        flags.append(
            f"the storm often fizzles: {fizzled:.0%} of the runs nobody answers never become a storm "
            "(peak hour under 10x the first 15 minutes); raise storm.generated.peak or lower base"
        )
    none_reach = result["bots"]["none"]["negative_reach"]["median"]
    if ref["negative_reach"]["median"] > 0.5 * none_reach:
        flags.append(
            "answering well barely contains it: reference negative reach is over half of nobody answering"
        )
    result["gap"] = round(gap, 1)
    result["flags"] = flags
    spread = {}
    if singles:
        posts_run = [SinglePost(p["reshares"], p["size"], np.asarray(p["delays"])) for p in singles]
        spread.update(single_post_figures(posts_run))
    spread.update(storm_figures(scenario, [r["voices"] for r in rows]))
    result["spread"] = spread
    result["targets"] = meets(spread)
    result["workload"] = workload(scenario, spread)
    result["hints"] = hints(scenario, spread, result["targets"], result["workload"])
    return result


def workload(scenario: Scenario, spread: dict) -> dict:
    """New complaints per real minute on one seat at the storm's peak, at the scenario's speed."""
    curve = spread.get("curve") or [0.0]
    per_sim_minute = max(curve) / spread.get("curve_bin_min", 10)
    per_real_minute = per_sim_minute * scenario.speed  # speed: simulated seconds per real second
    return {
        "speed": scenario.speed,
        "peak_complaints_per_sim_minute": round(per_sim_minute, 2),
        "peak_complaints_per_real_minute": round(per_real_minute, 2),
        "seat_capacity_per_real_minute": SEAT_REPLIES_PER_MINUTE,
        "ok": per_real_minute <= SEAT_REPLIES_PER_MINUTE,
    }


def hints(scenario: Scenario, spread: dict, targets: dict, load: dict) -> list[dict]:
    """What to change: each hint names a knob (a YAML path), the value to try, and why."""
    out = []
    knobs = scenario.storm.spread

    def hint(knob, value, why):
        out.append({"knob": knob, "value": value, "why": why})

    share = targets.get("network_share")
    if share and not share["ok"] and share["value"] > 0:
        value = min(1.0, round(knobs.pile_on * TARGET_NETWORK_SHARE / share["value"], 3))
        hint(
            "storm.spread.pile_on",
            value,
            f"network_share {share['value']:.2f} is outside 0.5-1: more (or fewer) "
            "customers who see a complaint post their own",
        )
    never = targets.get("never_reshared")
    if never and not never["ok"]:
        value = round(
            knobs.reshare * (1 - TARGET_NEVER_RESHARED) / max(1e-6, 1 - never["value"]), 4
        )
        hint(
            "storm.spread.reshare",
            value,
            f"never_reshared {never['value']:.3f} is under 0.95: fewer viewers reshare a post",
        )
    biggest = targets.get("cascade_size_max")
    if biggest and not biggest["ok"] and never and never["value"] >= TARGET_NEVER_RESHARED:
        room = (1 - TARGET_NEVER_RESHARED) / max(1e-6, 1 - never["value"])
        hint(
            "storm.spread.reshare",
            round(knobs.reshare * min(1.5, room), 4),
            f"the largest cascade has {biggest['value']} posts (target 50+) and never_reshared has room",
        )
    peak = targets.get("peak_at_min")
    gen = scenario.storm.generated
    if peak and not peak["ok"] and gen is not None:
        declared = gen.peak_at / 60.0
        shifted = max(0.0, declared + (declared - peak["value"]))
        hint(
            "storm.generated.peak_at",
            format_duration(60 * round(shifted)),
            f"the complaints peak at "
            f"{peak['value']:g} min, not at the declared {declared:g} min: move the drive by the difference",
        )
    if not load["ok"] and load["peak_complaints_per_real_minute"] > 0:
        ratio = SEAT_REPLIES_PER_MINUTE / load["peak_complaints_per_real_minute"]
        why = (
            f"{load['peak_complaints_per_real_minute']:g} new complaints a real minute at the peak is more than "
            f"one seat answers (about {SEAT_REPLIES_PER_MINUTE:g}); a team, or a trainee who must triage, may be "
            "what you want"
        )
        speed = scenario.speed * ratio
        hint("speed", max(1.0, round(speed, 1)), why)
        if speed < 1.0 and gen is not None:
            hint(
                "storm.generated.peak",
                f"{max(1, int(gen.peak * speed))}/h",
                why + "; even in real time",
            )
    return out


def calibrate_command(args) -> int:
    scenario = scenario_or_explain(args.file)
    if args.runs < 1:
        print("--runs must be at least 1", file=sys.stderr)
        return 2
    bar = None
    if not args.json and sys.stderr.isatty():
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        bar = Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            transient=True,
        )
        bar.start()
        task = bar.add_task(f"{scenario.id}: 3 bots × {args.runs} seeds", total=args.runs)
        progress = lambda done, total: bar.update(task, completed=done)  # noqa: E731
    else:
        progress = None
    posts = getattr(args, "posts", 1000)
    if posts < 0:
        print("--posts must be 0 or more", file=sys.stderr)
        return 2
    try:
        with _executor(getattr(args, "executor", None)) as executor:
            result = calibrate(
                scenario,
                args.runs,
                args.workers,
                args.seed,
                progress,
                posts=posts,
                executor=executor,
            )
    except ExecutorError as error:
        print(f"--executor: {error}", file=sys.stderr)
        return 2
    finally:
        if bar:
            bar.stop()
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{scenario.title}: {args.runs} seeds, {result['workers']} worker(s)\n")
    print(
        f"{'bot':<10} {'overall median':>15} {'p10':>6} {'p90':>6}   {'negative reach median':>22} {'p10':>8} {'p90':>8}"
    )
    for bot, stats in result["bots"].items():
        o, n = stats["overall"], stats["negative_reach"]
        print(
            f"{bot:<10} {o['median']:>15g} {o['p10']:>6g} {o['p90']:>6g}   {n['median']:>22,.0f} {n['p10']:>8,.0f} "
            f"{n['p90']:>8,.0f}"
        )
    print(
        f"\nreference − bad: {result['gap']:+g} points; the storm fizzled in {result['fizzled_share']:.0%} of runs"
    )
    if result["flags"]:
        print("\nflags:")
        for flag in result["flags"]:
            print(f"  ! {flag}")
    else:
        print("no flags: the scenario separates good from bad play, and its storm is a storm")
    print("\nthe spread (docs/trainers.md):")
    for name, check in result["targets"].items():
        low, high = check["target"]
        target = f"{low:g}+" if high is None else f"{low:g}-{high:g}"
        print(
            f"  {'ok' if check['ok'] else '!!'} {name:<26} {check['value']:>8g}   target {target}"
        )
    curve = result["spread"].get("curve", [])
    print(
        f"  complaints per {result['spread'].get('curve_bin_min', 10)} min: "
        + " ".join(f"{x:g}" for x in curve)
    )
    load = result["workload"]
    print(
        f"  workload at speed {load['speed']:g}: {load['peak_complaints_per_real_minute']:g} new complaints a real "
        f"minute at the peak (one seat answers about {load['seat_capacity_per_real_minute']:g})"
    )
    if result["hints"]:
        print("\nhints (change one, then calibrate again):")
        for item in result["hints"]:
            print(f"  {item['knob']}: {item['value']}   ({item['why']})")
    return 0


class ExecutorError(Exception):
    pass


class _executor:
    """`--executor dask://HOST:PORT`: the sweep on an existing Dask cluster (the `dask` extra)."""

    def __init__(self, address: str | None):
        self.address = address
        self.client: Client | None = None

    def __enter__(self):
        if not self.address:
            return None
        if not self.address.startswith("dask://"):
            raise ExecutorError(f"{self.address!r} is not dask://HOST:PORT")
        try:
            from dask.distributed import Client
        except ImportError:
            raise ExecutorError("needs dask.distributed: pip install -e '.[dask]'") from None
        try:
            self.client = Client(self.address.replace("dask://", "tcp://", 1), timeout=10)
        except OSError as error:
            raise ExecutorError(f"can't reach {self.address}: {error}") from None
        return self.client.get_executor()

    def __exit__(self, *exc):
        if self.client is not None:
            self.client.close()
        return False
