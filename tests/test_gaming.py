"""A score a copy-pasted template cannot beat: what the canned bot scores with a team's standard lines
(docs/scoring.md, "Gaming"), on every library scenario, against the reference team and the bad bot."""

from __future__ import annotations

import pytest
from stormdrill.scoring.scorecard import score_session
from stormdrill.simulator.bots import play
from stormdrill.simulator.network import load_or_build, spec_for
from stormdrill.simulator.session import Session

from .conftest import SCENARIO_FILES

TEMPLATES = {  # one warm template for every complaint, and one that blames, as a team might have them
    "en": {
        "warm": [
            "So sorry {first_name}, I understand your frustration! DM us and we'll fix it ^JD"
        ],
        "blaming": [
            "Hi {first_name}, this is clearly covered in our terms and conditions; please check "
            "your own settings first. ^JD"
        ],
    },
    "nl": {
        "warm": [
            "Wat vervelend {first_name}, we begrijpen je frustratie echt! Stuur ons een DM, dan lossen "
            "we het op ^JD"
        ],
        "blaming": [
            "Hoi {first_name}, dit staat duidelijk in onze voorwaarden; controleer eerst zelf je "
            "instellingen. ^JD"
        ],
    },
}


def _overall(scenario, bot, assess, replies=None, seed=0) -> float:
    session = Session(scenario, seed=seed, assess=assess, network=load_or_build(spec_for(scenario)))
    play(session, bot, replies=replies)
    return score_session(session, assess).overall


@pytest.mark.slow
@pytest.mark.parametrize("name", [p.stem for p in SCENARIO_FILES])
def test_a_pasted_template_scores_below_a_real_team(name, library, assess):
    scenario = library[name]
    lines = TEMPLATES[scenario.language]
    reference = _overall(scenario, "reference", assess)
    warm = _overall(scenario, "canned", assess, lines["warm"])
    blaming = _overall(scenario, "canned", assess, lines["blaming"])
    bad = _overall(scenario, "bad", assess)
    assert reference >= 80, reference
    assert warm <= 60, warm
    assert blaming <= 35, blaming
    assert bad <= 15, bad
