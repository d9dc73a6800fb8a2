"""The reply rubric: every rule in both languages, with the trainee's own words as evidence."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stormdrill.scenarios.model import Policy
from stormdrill.scoring import assess, assess_many
from stormdrill.scoring.lexicon import raw as _raw
from stormdrill.simulator.assessment import CATEGORIES, ReplyContext

import run

CALM = {"at_fault": False, "anger": 0.2}
SIGNED = Policy.model_validate({"tone": {"sign_off": True}})
FORMAL = Policy.model_validate({"tone": {"address": "u"}})
INFORMAL = Policy.model_validate({"tone": {"address": "je"}})
FORBIDS = Policy.model_validate({"forbidden": ["as per our terms"]})

# (language, category, reply, expected span, context)
CASES = [
    ("en", "acknowledge", "That is really frustrating.", "frustrating", CALM),
    ("en", "apology", "We're sorry about this.", "sorry", CALM),
    ("en", "non_apology", "Sorry if you feel that way.", "Sorry if you feel", CALM),
    ("en", "ownership", "That's our mistake.", "our mistake", CALM),
    ("en", "solution", "We'll refund you today.", "refund", CALM),
    ("en", "explanation", "It happened because a router failed.", "because", CALM),
    ("en", "private_channel", "Could you send us a DM?", "DM", CALM),
    ("en", "human_voice", "I'm on it.", "I'm", CALM),
    ("en", "blame", "You should have read the manual.", "You should have", CALM),
    ("en", "boilerplate", "We value your feedback.", "We value your feedback", CALM),
    ("en", "sales", "Why not upgrade to our premium plan?", "Why not upgrade", CALM),
    ("en", "empty_promise", "It will never happen again.", "never happen again", CALM),
    ("en", "public_personal_data", "What is your order number?", "order number", CALM),
    ("en", "shouting", "THIS IS FIXED NOW", "THIS FIXED", CALM),
    ("nl", "acknowledge", "Wat vervelend voor je.", "vervelend", CALM),
    ("nl", "apology", "Het spijt ons echt.", "Het spijt ons", CALM),
    ("nl", "non_apology", "Jammer dat u het zo ervaart.", "Jammer dat u het zo ervaart", CALM),
    ("nl", "ownership", "Dit is onze fout.", "onze fout", CALM),
    ("nl", "solution", "We regelen vandaag een leenfiets.", "regelen", CALM),
    ("nl", "explanation", "Dat komt door een storing.", "komt door", CALM),
    ("nl", "private_channel", "Stuur ons een privébericht.", "privébericht", CALM),
    ("nl", "human_voice", "Ik ga het uitzoeken.", "Ik ga", CALM),
    ("nl", "blame", "Controleer uw instellingen.", "Controleer uw instellingen", CALM),
    ("nl", "boilerplate", "Bedankt voor uw feedback.", "Bedankt voor uw feedback", CALM),
    ("nl", "sales", "Profiteer van onze aanbieding!", "Profiteer", CALM),
    ("nl", "empty_promise", "We lossen het zo snel mogelijk op.", "zo snel mogelijk", CALM),
    ("nl", "public_personal_data", "Wat is uw klantnummer?", "klantnummer", CALM),
    ("nl", "shouting", "DIT IS ECHT OPGELOST", "ECHT OPGELOST", CALM),
]


def ctx(language: str, **extra) -> ReplyContext:
    return ReplyContext(language=language, **extra)


@pytest.mark.parametrize(
    ("language", "category", "text", "span", "extra"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES]
)
def test_each_rule_finds_the_trainees_words(language, category, text, span, extra):
    verdict = assess(text, ctx(language, **extra))
    found = [f for f in verdict.findings if f.category == category and f.points != 0]
    assert found, [(f.category, f.span) for f in verdict.findings]
    assert found[0].span == span
    assert found[0].rule.startswith(f"{language}.{category}.")
    assert found[0].explanation


@pytest.mark.parametrize("language", ["en", "nl"])
def test_personal_touch_from_name_and_sign_off(language):
    text = "Hi Sam, on it. ^JD" if language == "en" else "Hoi Sam, we zijn ermee bezig. ^JD"
    spans = {
        f.span
        for f in assess(text, ctx(language, first_name="Sam", **CALM)).findings
        if f.category == "personal"
    }
    assert spans == {"Sam", "^JD"}


@pytest.mark.parametrize(
    ("language", "first", "second"),
    [
        (
            "en",
            "Hi Sam, sorry, engineers are working on the outage, update at 10:00",
            "Hi Kim, sorry, engineers are working on the outage, update at 10:00",
        ),
        (
            "nl",
            "Hoi Sam, sorry, monteurs werken aan de storing, update om 10:00",
            "Hoi Kim, sorry, monteurs werken aan de storing, update om 10:00",
        ),
    ],
)
def test_pasting_the_same_reply_is_a_duplicate(language, first, second):
    verdicts = assess_many([first, second], ctx(language, first_name=None, **CALM))
    assert not verdicts[0].has("duplicate")
    assert verdicts[1].has("duplicate")


def test_a_pasted_promise_counts_only_when_it_is_concrete():
    """A pasted "DM us and we'll fix it" is no step for anyone; a pasted update with a time still is."""
    vague = assess_many(
        [
            "So sorry Sam, I understand your frustration! DM us and we'll fix it ^JD",
            "So sorry Kim, I understand your frustration! DM us and we'll fix it ^JD",
        ],
        ctx("en", first_name="Kim"),
    )[1]
    concrete = assess_many(
        [
            "Hi Sam, sorry, engineers are working on the outage, update here at 10:00 ^JD",
            "Hi Kim, sorry, engineers are working on the outage, update here at 10:00 ^JD",
        ],
        ctx("en", first_name="Kim"),
    )[1]
    assert vague.has("duplicate") and concrete.has("duplicate")
    assert vague.has("solution") and concrete.has("solution")
    assert vague.score < concrete.score
    assert vague.score < 40 <= concrete.score  # an answer for speed only when it says something


@pytest.mark.parametrize(
    ("language", "policy", "text", "span"),
    [
        ("nl", FORMAL, "Hoi, heb je al een DM gestuurd?", "je"),
        ("nl", INFORMAL, "Beste klant, heeft u al een DM gestuurd?", "heeft u"),
    ],
)
def test_wrong_form_of_address_for_the_policy(language, policy, text, span):
    found = [
        f
        for f in assess(text, ctx(language, policy=policy, **CALM)).findings
        if f.category == "wrong_address_form"
    ]
    assert found and found[0].span == span


@pytest.mark.parametrize(
    ("language", "phrase", "text", "span"),
    [
        ("nl", "volgens onze voorwaarden", "Volgens de voorwaarden valt dit niet onder de garantie.",
         "Volgens de voorwaarden"),
        ("nl", "excuses voor het eventuele ongemak", "Excuses voor het mogelijke ongemak.",
         "Excuses voor het mogelijke ongemak"),
        ("nl", "bedankt voor je geduld", "Bedankt voor uw geduld!", "Bedankt voor uw geduld"),
        ("en", "unfortunately this is out of our hands", "Unfortunately this was out of our hands.",
         "Unfortunately this was out of our hands"),
        ("en", "our staff are fully trained", "Our fitters are fully trained.",
         "Our fitters are fully trained"),
    ],
)  # fmt: skip
def test_a_forbidden_phrase_with_one_word_swapped_is_still_forbidden(language, phrase, text, span):
    """docs/grading-guide.md: swapping one word of a banned phrase does not make it allowed."""
    policy = Policy.model_validate({"forbidden": [phrase]})
    verdict = assess(text, ctx(language, policy=policy, **CALM))
    assert [f.span for f in verdict.findings if f.category == "forbidden"] == [span]


@pytest.mark.parametrize(
    ("language", "phrase", "text"),
    [
        # a content word swapped in a phrase of three, a negation dropped, nothing inside to swap
        ("nl", "wij betreuren het", "Wij vinden het fijn dat u het meldt."),
        ("nl", "we horen je", "We voelen je pijn, Jesse."),
        ("en", "our records show", "Our log shows both visits."),
        ("en", "the sale cannot be stopped", "Good news: the sale can be stopped."),
        ("en", "rest assured", "Rest easy, it's sorted."),
    ],
)
def test_another_phrase_is_not_a_variant_of_a_forbidden_one(language, phrase, text):
    policy = Policy.model_validate({"forbidden": [phrase]})
    assert not assess(text, ctx(language, policy=policy, **CALM)).has("forbidden")


@pytest.mark.parametrize("language", ["en", "nl"])
def test_forbidden_phrases_of_the_policy(language):
    verdict = assess("Closed, as per our terms.", ctx(language, policy=FORBIDS, **CALM))
    assert [f.span for f in verdict.findings if f.category == "forbidden"] == ["as per our terms"]


@pytest.mark.parametrize(
    ("language", "text", "denial"),
    [
        ("en", "This is not our fault.", "not our fault"),
        ("en", "That isn't our mistake.", "isn't our mistake"),
        ("nl", "Dit is niet onze schuld.", "niet onze schuld"),
        ("nl", "Het is geen fout van ons, zeker niet onze fout.", "geen fout van ons"),
    ],
)
def test_negated_ownership_is_blame(language, text, denial):
    verdict = assess(text, ctx(language, **CALM))
    assert not verdict.has("ownership")
    assert [f.span for f in verdict.findings if f.category == "blame"] == [denial]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Sorry if you feel that way."),
        ("en", "We apologise for any inconvenience."),
        ("nl", "Jammer dat je het zo ervaart."),
        ("nl", "Excuses voor het eventuele ongemak."),
    ],
)
def test_non_apologies_and_boilerplate_do_not_count_as_apology(language, text):
    verdict = assess(text, ctx(language, at_fault=True))
    assert not any(f.category == "apology" and f.points > 0 for f in verdict.findings)
    assert verdict.has("non_apology") or verdict.has("boilerplate")


@pytest.mark.parametrize("language", ["en", "nl"])
def test_requirements_depend_on_the_case(language):
    text = "Ok." if language == "en" else "Oké."
    calm = assess(text, ctx(language, at_fault=False, anger=0.1, severity="low"))
    serious = assess(
        text,
        ctx(language, at_fault=True, anger=0.9, severity="high", needs_data=True, policy=SIGNED),
    )
    assert not [f for f in calm.findings if f.points < 0]
    missing = {f.category for f in serious.findings if f.points < 0 and not f.span}
    assert missing == {"apology", "acknowledge", "solution", "private_channel", "personal"}


def test_dm_invitation_makes_asking_data_fine():
    verdict = assess("Please DM us your order number.", ctx("en", **CALM))
    assert verdict.has("private_channel") and not verdict.has("public_personal_data")
    assert not assess("What is your order number?", ctx("en", public=False, kind="dm", **CALM)).has(
        "public_personal_data"
    )


def test_mentioning_data_in_passing_is_not_asking_for_it():
    assert not assess("We'll send your bag to your address by courier.", ctx("en", **CALM)).has(
        "public_personal_data"
    )


def test_normalisation_ignores_case_accents_handles_and_links():
    verdict = assess(
        "@SamX SORRY — kijk op https://status.example/page of stuur ons een privébericht",
        ctx("nl", **CALM),
    )
    spans = {f.category: f.span for f in verdict.findings}
    assert spans["apology"] == "SORRY" and spans["private_channel"] == "privébericht"


def test_language_is_detected_per_reply():
    assert assess("Het spijt ons, we zijn ermee bezig.", ctx("en", **CALM)).language == "nl"
    assert assess("We are sorry, we are on it.", ctx("nl", **CALM)).language == "en"


def test_a_policy_can_extend_the_lexicon():
    policy = Policy.model_validate({"lexicon": {"en": {"apology": ["our bad"]}}})
    assert assess("Our bad, fixing it.", ctx("en", policy=policy, **CALM)).has("apology")
    assert not assess("Our bad, fixing it.", ctx("en", **CALM)).has("apology")


def test_sentiment_is_not_empathy():
    """Cheerful words are not empathy; a plain, owning reply is."""
    cheerful = assess("Great news!!! Have an awesome day :)", ctx("en", at_fault=True, anger=0.8))
    owning = assess(
        "Sorry, that was our mistake and it's frustrating. We'll refund you today.",
        ctx("en", at_fault=True, anger=0.8),
    )
    assert owning.quality > 0.5 > cheerful.quality


def test_every_category_has_words_in_both_languages():
    for language in ("en", "nl"):
        categories = _raw(language)["categories"]
        assert set(categories) == set(CATEGORIES), language


phrases = {
    "en": [
        "hi there",
        "we are looking at the outage",
        "the network is back",
        "thanks",
        "update at 10:00",
        "DM us",
        "what is your order number?",
        "calm down",
        "as soon as possible",
        "ok",
    ],
    "nl": [
        "hoi",
        "we kijken naar de storing",
        "het netwerk werkt weer",
        "dank",
        "update om 10:00",
        "stuur ons een DM",
        "wat is uw klantnummer?",
        "rustig aan",
        "zo snel mogelijk",
        "oké",
    ],
}
APOLOGY = {"en": "We're sorry, that's our fault.", "nl": "Het spijt ons, dat is onze fout."}


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["en", "nl"]).flatmap(
        lambda lang: st.tuples(
            st.just(lang), st.lists(st.sampled_from(phrases[lang]), min_size=1, max_size=5)
        )
    )
)
def test_adding_a_real_apology_when_at_fault_never_lowers_empathy(case):
    from stormdrill.scoring.scorecard import _reply_score

    language, parts = case
    text = ". ".join(parts)
    context = ctx(language, at_fault=True, anger=0.7)
    assert _reply_score(assess(f"{APOLOGY[language]} {text}", context)) >= _reply_score(
        assess(text, context)
    )


def test_assess_command_json_lists_findings(capsys):
    assert run.main(["assess", "Sorry if you feel that way", "--json"]) == 0
    import json

    out = json.loads(capsys.readouterr().out)
    findings = out["findings"]
    assert {"rule", "category", "polarity", "span", "points", "explanation"} <= set(findings[0])
    assert out["score"] <= 29  # the grading guide's "bad" band
    assert "non_apology" in {f["category"] for f in findings}


@pytest.mark.parametrize("anger", ["5", "-0.1", "nan", "furious"])
def test_assess_command_refuses_an_anger_outside_0_to_1(anger, capsys):
    with pytest.raises(SystemExit) as exit_:
        run.main(["assess", "Sorry Sam", "--anger", anger])
    assert exit_.value.code == 2
    assert "--anger" in capsys.readouterr().err


def test_assess_command_reads_a_lone_dutch_reply_as_written_to_a_dutch_customer(capsys):
    import json

    reply = "Sorry Henk, dat had niet mogen gebeuren. Stuur ons een DM? ^Mila"
    assert run.main(["assess", reply, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["language"] == "nl"
    assert "wrong_language" not in {f["category"] for f in out["findings"]}
    assert out["score"] >= 70
    # told the customer wrote in English, the same Dutch reply misses them
    assert run.main(["assess", reply, "--language", "en", "--json"]) == 0
    told = json.loads(capsys.readouterr().out)
    assert "wrong_language" in {f["category"] for f in told["findings"]}
    assert told["score"] < out["score"]


def test_assess_command_judges_a_file_for_duplicates(tmp_path, capsys):
    replies = tmp_path / "replies.txt"
    replies.write_text(
        "Sorry Sam, engineers are on the outage, update at 10:00 ^JD\n"
        "Sorry Kim, engineers are on the outage, update at 10:00 ^JD\n"
    )
    assert run.main(["assess", "--file", str(replies), "--json"]) == 0
    import json

    rows = json.loads(capsys.readouterr().out)
    assert [any(f["category"] == "duplicate" for f in r["findings"]) for r in rows] == [False, True]
