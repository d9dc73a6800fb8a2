"""Any valid scenario written back to YAML loads to an equal scenario (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stormdrill.scenarios import dump_scenario, load_scenario_text
from stormdrill.scenarios.durations import format_duration, format_rate
from stormdrill.scenarios.model import Scenario
from stormdrill.scenarios.plaintext import clean_data
from stormdrill.scenarios.vocabulary import (
    CHANNELS,
    CURRENCIES,
    ESCALATIONS,
    PERSONA_KINDS,
    TEAMS,
    TEMPLATE_SLOTS,
    TOPICS,
)

words = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=30
)
# a topic's `things` fill the {thing} slot of its texts: braces there would be slots themselves
plain_words = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="{}"),
    min_size=1,
    max_size=30,
)
slugs = st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)
handles = st.from_regex(r"@[A-Za-z0-9_]{1,15}", fullmatch=True)
minutes = st.integers(min_value=0, max_value=600).map(lambda m: format_duration(m * 60))


@st.composite
def scenarios(draw) -> dict:
    duration_min = draw(st.integers(10, 600))
    persona_ids = draw(st.lists(slugs, max_size=3, unique=True))
    persona_handles = draw(
        st.lists(handles, min_size=len(persona_ids), max_size=len(persona_ids), unique_by=str.lower)
    )
    brand_handle = draw(
        handles.filter(lambda h: h.lower() not in {x.lower() for x in persona_handles})
    )
    personas = [
        {
            "id": pid,
            "handle": h,
            "name": draw(words),
            "followers": draw(st.integers(0, 10**6)),
            "temper": draw(st.sampled_from(["constructive", "vindictive", "troll"])),
            "kind": draw(st.sampled_from(PERSONA_KINDS)),
            "bio": draw(st.text(max_size=40)),
        }
        for pid, h in zip(persona_ids, persona_handles, strict=True)
    ]
    scripted = []
    if persona_ids:
        for _ in range(draw(st.integers(0, 3))):
            post = {
                "at": format_duration(draw(st.integers(0, duration_min)) * 60),
                "by": draw(st.sampled_from(persona_ids)),
                "topic": draw(st.sampled_from(TOPICS)),
                "channel": draw(st.sampled_from(CHANNELS)),
                "text": draw(words),
                "anger": draw(st.floats(0, 1, allow_nan=False)),
            }
            if draw(st.booleans()):
                post["if"] = {"reach_over": draw(st.integers(0, 10**5))}
            elif draw(st.booleans()):
                subject = {"persona": draw(st.sampled_from(persona_ids))}
                post["if"] = {
                    "any": [
                        {**subject, "ignored_for": draw(minutes)},
                        {"not": {**subject, "said": "sorry"}, "after": draw(minutes)},
                    ],
                    "all": [{**subject, "escalated_to": draw(st.sampled_from(TEAMS))}],
                }
            if draw(st.booleans()):
                post.update(id=f"post-{len(scripted)}", safety=draw(st.booleans()))
            scripted.append(post)
        if draw(st.booleans()):
            scripted.append({"at": "0s", "by": "brand", "name": draw(words), "text": draw(words)})
    storm: dict = {"scripted": scripted}
    if draw(st.booleans()):
        storm["generated"] = {
            "topics": draw(st.lists(st.sampled_from(TOPICS), min_size=1, max_size=3)),
            "peak": format_rate(draw(st.integers(1, 60))),  # within scenarios/limits.py
            "peak_at": format_duration(draw(st.integers(0, duration_min)) * 60),
            "shape": draw(st.sampled_from(["constant", "surge", "wave"])),
        }
    escalations = []
    for _ in range(draw(st.integers(0, 3))):
        then = draw(st.sampled_from([e for e in ESCALATIONS if e != "press_pickup"]))
        escalations.append({"when": {"ignored_for": draw(minutes)}, "then": then})
    storm["escalations"] = escalations
    target = draw(st.integers(1, 60))
    slot = draw(st.sampled_from(TEMPLATE_SLOTS))
    policy = {
        "response_times": {
            "target": format_duration(target * 60),
            "norm": format_duration(target * 120),
            "max": format_duration(target * 240),
        },
        "tone": {
            "address": draw(st.sampled_from(["je", "u", "any"])),
            "sign_off": draw(st.booleans()),
        },
        "escalate": [
            {
                "mentions": [draw(words.filter(lambda w: len(w) >= 2))],
                "team": draw(st.sampled_from(TEAMS)),
            }
        ],
        "forbidden": draw(st.lists(words.filter(lambda w: len(w) >= 2), max_size=3)),
        "templates": {"greet": f"Hi {{{slot}}}!"},
    }
    return {
        "stormdrill": 1,
        "id": draw(slugs),
        "title": draw(words),
        "language": draw(st.sampled_from(["en", "nl"])),
        "brand": {
            "name": draw(words),
            "handle": brand_handle,
            "followers": draw(st.integers(0, 10**7)),
        },
        "brief": draw(st.text(max_size=200)),
        "duration": format_duration(duration_min * 60),
        "speed": draw(st.floats(1, 600, allow_nan=False)),
        "network": {
            "size": draw(st.integers(200, 200_000)),
            "seed": draw(st.integers(0, 2**31)),
            "customers": draw(st.floats(0, 1, allow_nan=False)),
        },
        "personas": personas,
        "storm": storm,
        "policy": policy,
        "topics": {
            draw(st.from_regex(r"[a-z][a-z0-9_-]{0,10}", fullmatch=True)): {
                "pack": draw(st.sampled_from(TOPICS)),
                draw(st.sampled_from(["en", "nl"])): {
                    "things": [draw(plain_words)],
                    "complaints": ["{thing} in {place}!"],
                },
            }
        },
        "words": {"customer": draw(words), "currency": draw(st.sampled_from(list(CURRENCIES)))},
        "scoring": {
            "weights": {"speed": draw(st.integers(1, 50)), "policy": draw(st.integers(0, 50))}
        },
    }


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_dump_then_load_gives_the_same_scenario(data):
    """The same scenario, its text as loading leaves it: without control characters (scenarios/plaintext.py)."""
    scenario = Scenario.model_validate(data)
    again = load_scenario_text(dump_scenario(scenario))
    assert again == Scenario.model_validate(clean_data(data))
