"""The storm behaves like a real one: heavy-tailed cascades, and it reacts to how it is handled."""

from __future__ import annotations

import numpy as np
import pytest

from scenarios import load_scenario_text
from simulator.bots import play
from simulator.kernel import share_within
from simulator.network import load_or_build, spec_for
from simulator.session import Session
from simulator.spread import CHANNELS, Shares, expand

from .conftest import SCENARIO_FILES

ONE_POST = """stormdrill: 1
id: one-post
title: One post on a default network
brand: {name: Brand, handle: "@brand"}
duration: 6h
"""


def test_single_posts_mostly_fizzle_and_rarely_explode(assess):
    """Goel et al. 2012/2016: most posts are never reshared; big cascades are rare."""
    scenario = load_scenario_text(ONE_POST)
    network = load_or_build(spec_for(scenario))
    reshares = []
    for seed in range(1000):
        session = Session(scenario, seed=seed, assess=assess, network=network)
        thread = session.inject("outage", "is anyone else's internet down?", mention=False)
        session.advance_to(scenario.duration)
        reshares.append(thread.reshares)
    reshares = np.array(reshares)
    assert (reshares == 0).mean() >= 0.90
    assert (reshares >= 100).mean() <= 0.01
    assert reshares.max() >= 1  # they are not all dead either


def test_reaction_delays_put_about_half_of_six_hours_reshares_in_the_first_hour(library):
    """Kwak et al.: about half of a post's reshares within the hour; a lognormal kernel (Doerr et al.)."""
    twitter = CHANNELS["twitter"]
    assert 0.4 <= share_within(twitter.median, twitter.sigma, 3600, 6 * 3600) <= 0.6
    network = load_or_build(spec_for(library["telnet-outage"]))
    audience = np.arange(network.named, network.size, dtype=np.int64)
    shares = Shares.empty()
    shares.add(0, 5, 0.0, 12345, 1.0, 1.0, 0.0, 0, audience)
    result = expand(network, shares)
    delays = result.cand_due[~result.cand_pile]
    assert len(delays) > 1000
    assert 30 * 60 <= np.median(delays) <= 90 * 60
    assert 0.4 <= (delays <= 3600).mean() <= 0.6


def _peak_hour(series: np.ndarray) -> int:
    return max(int(series[i : i + 60].sum()) for i in range(max(1, len(series) - 59)))


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=lambda p: p.stem)
def test_library_storms_react_to_how_they_are_handled(path, library, assess):
    scenario = library[path.stem]
    network = load_or_build(spec_for(scenario))
    for seed in range(3):
        runs = {bot: play(Session(scenario, seed=seed, assess=assess, network=network), bot)
                for bot in ("none", "reference", "bad")}  # fmt: skip
        none = runs["none"].metrics["negative"]
        # Left alone, it is a real storm: the peak hour dwarfs the first quarter of an hour.
        assert _peak_hour(none) >= 10 * max(1, int(none[:15].sum())), f"seed {seed}"
        reach = {bot: int(s.metrics["negative"].sum()) for bot, s in runs.items()}
        assert reach["reference"] <= 0.5 * reach["none"], f"seed {seed}: {reach}"
        assert reach["bad"] >= reach["none"], f"seed {seed}: {reach}"
