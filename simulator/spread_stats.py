"""What the spread does, measured: single-post cascades and a storm's curve (for `calibrate`).

- A single post: one complaint that mentions the brand, by a random customer, on the
  scenario's network, nobody answering, watched for SINGLE_POST_HOURS (no other storm).
  Its cascade is the post, its reshares and the pile-ons it set off (and theirs).
- A storm: the scenario played by nobody. Each new voice in the inbox (a customer's first
  visible complaint about a topic) came either through the network (a pile-on: they saw a
  follower's post or the complaint on the brand's page) or from outside (a fresh complaint,
  a scripted post).

The figures and their targets are explained in docs/trainers.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from stormdrill.scenarios.model import Scenario

from .assessment import Assess
from .model_numbers import SINGLE_POST_HOURS
from .network import Network
from .storm import rate_at

BIN = 10  # minutes per point of the complaints curve

TARGETS = {
    "never_reshared": (0.95, 1.0),
    "cascade_size_max": (50, math.inf),
    "reshare_delay_median_min": (20.0, 60.0),
    "reshares_within_1h": (0.40, 0.60),
    "network_share": (0.50, 1.0),
}
CASCADE_POSTS = 1000  # cascade_size_max is the largest of this many single posts
PEAK_TOLERANCE = 0.15  # the curve peaks within ±15% of the declared peak_at
SHAPE_MATCH = 0.7  # the curve correlates at least this well with the declared shape


@dataclass
class SinglePost:
    reshares: int
    size: int  # posts in the cascade: the post, its reshares, the pile-ons and their reshares
    delays: np.ndarray  # reshares per minute after the post they passed on


def single_post_scenario(scenario: Scenario) -> Scenario:
    """The scenario's network and brand with no storm, for SINGLE_POST_HOURS."""
    single = scenario.model_copy(deep=True)
    single.storm.generated = None
    single.storm.scripted = []
    single.storm.escalations = []
    single.duration = int(SINGLE_POST_HOURS * 3600)
    return single


def post_topic(scenario: Scenario) -> str:
    if scenario.storm.generated is not None:
        return scenario.storm.generated.topics[0]
    if scenario.storm.scripted:
        return scenario.storm.scripted[0].topic or "outage"  # None: the brand's own message
    return "outage"


def run_single_post(
    single: Scenario, topic: str, seed: int, assess: Assess, network: Network
) -> SinglePost:
    from .session import Session

    session = Session(single, seed=seed, assess=assess, network=network)
    thread = session.inject(
        topic, "Is anyone else having this problem? " + single.brand.handle, mention=True
    )
    session.advance_to(single.duration)
    size = len(session.threads) + int(session.metrics["reshares"].sum())
    return SinglePost(thread.reshares, size, session.reshare_delays.copy())


def single_post_figures(posts: list[SinglePost]) -> dict:
    delays = np.sum([p.delays for p in posts], axis=0) if posts else np.zeros(1, dtype=np.int64)
    total = int(delays.sum())
    cumulative = np.cumsum(delays)
    median = float(np.searchsorted(cumulative, total / 2.0)) + 0.5 if total else None
    sizes = np.array([p.size for p in posts])
    return {
        "posts": len(posts),
        "never_reshared": round(float(np.mean([p.reshares == 0 for p in posts])), 3),
        "cascade_size_max": int(sizes.max()) if len(sizes) else 0,
        "cascade_size_p99": float(np.percentile(sizes, 99)) if len(sizes) else 0.0,
        "reshares": total,
        "reshare_delay_median_min": median,
        "reshares_within_1h": round(float(delays[:60].sum() / total), 3) if total else None,
    }


def storm_voices(session) -> dict:
    """A finished session's new voices per minute, by how they came."""
    return {
        "network": session.voices["network"].tolist(),
        "outside": session.voices["outside"].tolist(),
    }


def storm_figures(scenario: Scenario, runs: list[dict]) -> dict:
    """Network share and the complaints-per-10-minutes curve over runs of `storm_voices`."""
    network = np.sum([np.asarray(r["network"]) for r in runs], axis=0)
    outside = np.sum([np.asarray(r["outside"]) for r in runs], axis=0)
    total = network + outside
    minutes = math.ceil(scenario.duration / 60)
    total = total[:minutes]
    bins = np.add.reduceat(total, np.arange(0, len(total), BIN)) / max(1, len(runs))
    out: dict[str, float | str | list[float] | None] = {
        "network_share": round(float(network.sum() / total.sum()), 3) if total.sum() else None,
        "curve": [round(float(x), 2) for x in bins],
        "curve_bin_min": BIN,
        "complaints": round(float(total.sum()) / max(1, len(runs)), 1),
        "peak_at_min": _peak(bins),
    }
    gen = scenario.storm.generated
    if gen is not None:
        declared = [
            np.mean(
                [rate_at(gen, scenario.duration, 60.0 * (i * BIN + j + 0.5)) for j in range(BIN)]
            )
            for i in range(len(bins))
        ]
        out["declared_peak_at_min"] = round(gen.peak_at / 60.0, 1)
        out["declared_shape"] = gen.shape
        out["shape_match"] = _correlation(bins, np.asarray(declared))
    return out


def _peak(bins: np.ndarray) -> float | None:
    """Where the curve peaks, in minutes: the top bin, refined by a parabola through its neighbours."""
    if not len(bins) or bins.max() <= 0:
        return None
    i = int(np.argmax(bins))
    offset = 0.0
    if 0 < i < len(bins) - 1:
        left, mid, right = bins[i - 1], bins[i], bins[i + 1]
        denominator = left - 2 * mid + right
        if denominator < 0:
            offset = 0.5 * (left - right) / denominator
    return round((i + 0.5 + offset) * BIN, 1)


def _correlation(a: np.ndarray, b: np.ndarray) -> float | None:
    if len(a) < 3 or np.std(a) == 0 or np.std(b) == 0:
        return None
    return round(float(np.corrcoef(a, b)[0, 1]), 3)


def meets(figures: dict) -> dict:
    """Each figure that has a target: {value, target, ok}."""
    checks = {}
    for name, (low, high) in TARGETS.items():
        value = figures.get(name)
        if value is None or (
            name == "cascade_size_max" and figures.get("posts", 0) < CASCADE_POSTS
        ):
            continue  # the largest of fewer posts is no test of the tail
        checks[name] = {
            "value": value,
            "target": [low, None if math.isinf(high) else high],
            "ok": bool(low <= value <= high),
        }
    declared, measured = figures.get("declared_peak_at_min"), figures.get("peak_at_min")
    if declared is not None and measured is not None:
        low, high = declared * (1 - PEAK_TOLERANCE), declared * (1 + PEAK_TOLERANCE)
        checks["peak_at_min"] = {
            "value": measured,
            "target": [round(low, 1), round(high, 1)],
            "ok": bool(low <= measured <= high),
        }
    if figures.get("shape_match") is not None:
        checks["shape_match"] = {
            "value": figures["shape_match"],
            "target": [SHAPE_MATCH, 1.0],
            "ok": figures["shape_match"] >= SHAPE_MATCH,
        }
    return checks
