"""The storm behaves like a real one: heavy-tailed cascades, and it reacts to how it is handled."""

from __future__ import annotations

import numpy as np
import pytest
from stormdrill.scenarios import load_scenario_text
from stormdrill.simulator.bots import play
from stormdrill.simulator.kernel import share_within
from stormdrill.simulator.network import load_or_build, spec_for
from stormdrill.simulator.session import Session
from stormdrill.simulator.spread import CHANNELS, Shares, expand
from stormdrill.simulator.spread_stats import (
    meets,
    post_topic,
    run_single_post,
    single_post_figures,
    single_post_scenario,
    storm_figures,
    storm_voices,
)
from stormdrill.simulator.storm import repost_after

from .conftest import SCENARIO_FILES

ONE_POST = """stormdrill: 1
id: one-post
title: One post on a library-sized network
brand: {name: Brand, handle: "@brand", followers: 50000}
network: {size: 50000, seed: 1}
duration: 2h
"""


def _single_posts(scenario, assess, posts=1000) -> dict:
    single = single_post_scenario(scenario)
    network = load_or_build(spec_for(single))
    topic = post_topic(scenario)
    return single_post_figures(
        [run_single_post(single, topic, seed, assess, network) for seed in range(posts)]
    )


def _assert_published_cascades(figures: dict) -> None:
    """Goel et al. 2016: most posts are never reshared, the tail is heavy; Kwak et al. 2010: half within the hour."""
    assert figures["never_reshared"] >= 0.95, figures
    assert figures["cascade_size_max"] >= 50, figures
    assert 20 <= figures["reshare_delay_median_min"] <= 60, figures
    assert 0.40 <= figures["reshares_within_1h"] <= 0.60, figures


def test_single_posts_on_a_library_network_cascade_as_published(library, assess):
    _assert_published_cascades(_single_posts(library["telnet-outage"], assess))


@pytest.mark.slow
@pytest.mark.parametrize(
    "path", [p for p in SCENARIO_FILES if p.stem != "telnet-outage"], ids=lambda p: p.stem
)
def test_single_posts_on_each_library_network_cascade_as_published(path, library, assess):
    _assert_published_cascades(_single_posts(library[path.stem], assess))


@pytest.mark.slow
def test_single_posts_in_a_single_post_scenario_cascade_as_published(assess):
    _assert_published_cascades(_single_posts(load_scenario_text(ONE_POST), assess))


def test_the_biggest_cascades_ride_on_well_followed_accounts(assess):
    """A cascade of 50+ posts needs a resharer with far more followers than the median account."""
    scenario = single_post_scenario(load_scenario_text(ONE_POST))
    network = load_or_build(spec_for(scenario))
    median = float(np.median(network.follower_counts[network.named :]))
    biggest = None
    for seed in range(1000):
        session = Session(scenario, seed=seed, assess=assess, network=network)
        session.inject("outage", "Is anyone else having this problem? @brand", mention=True)
        session.advance_to(scenario.duration)
        if biggest is None or session.metrics["reshares"].sum() > biggest.metrics["reshares"].sum():
            biggest = session
    resharers = [
        node
        for mark in biggest._shared
        if (node := mark & 0xFFFFFFFF) != biggest.threads[0].author_node
    ]
    assert max(network.follower_counts[resharers]) >= 20 * median


def _storm(scenario, assess, seeds) -> dict:
    network = load_or_build(spec_for(scenario))
    runs = [
        storm_voices(play(Session(scenario, seed=seed, assess=assess, network=network), "none"))
        for seed in seeds
    ]
    return meets(storm_figures(scenario, runs))


def _assert_storm_targets(checks: dict) -> None:
    """Half the complaints come through the network; the curve has the declared peak and shape."""
    for name in ("network_share", "peak_at_min", "shape_match"):
        assert checks[name]["ok"], (name, checks[name])


def test_a_storm_nobody_answers_spreads_through_the_network_and_peaks_as_declared(library, assess):
    _assert_storm_targets(_storm(library["telnet-outage"], assess, range(10)))


@pytest.mark.slow
@pytest.mark.parametrize("path", SCENARIO_FILES, ids=lambda p: p.stem)
def test_every_library_storm_spreads_through_the_network_and_peaks_as_declared(
    path, library, assess
):
    _assert_storm_targets(_storm(library[path.stem], assess, range(20)))


def test_an_ignored_author_posts_again_sooner_when_angrier_and_not_on_a_schedule():
    norm = 3600.0
    calm = [repost_after(0.2, norm, (i + 0.5) / 200) for i in range(200)]
    furious = [repost_after(1.0, norm, (i + 0.5) / 200) for i in range(200)]
    assert np.median(furious) < 0.75 * np.median(calm)
    # A Weibull hazard that grows with waiting: the gaps vary, and few come very early.
    assert np.percentile(calm, 90) > 2.5 * np.percentile(calm, 10)
    assert np.mean(np.asarray(calm) < 0.1 * norm) < 0.02


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
        runs = {
            bot: play(Session(scenario, seed=seed, assess=assess, network=network), bot)
            for bot in ("none", "reference", "bad")
        }
        none = runs["none"].metrics["negative"]
        # Left alone, it is a real storm: the peak hour dwarfs the first quarter of an hour.
        assert _peak_hour(none) >= 10 * max(1, int(none[:15].sum())), f"seed {seed}"
        reach = {bot: int(s.metrics["negative"].sum()) for bot, s in runs.items()}
        assert reach["reference"] <= 0.5 * reach["none"], f"seed {seed}: {reach}"
        assert reach["bad"] >= reach["none"], f"seed {seed}: {reach}"
