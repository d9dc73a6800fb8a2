"""The rubric reads like a team lead: inflections, negation, who is at fault, facts, and no way to game it."""

from __future__ import annotations

import json
import time

import pytest
from stormdrill.scenarios.model import Facts, Policy
from stormdrill.scoring import assess, assess_many, points
from stormdrill.scoring.lexicon import lexicon
from stormdrill.scoring.weights import WEAK_BAND_CEILING, WRONG_ADDRESS_LEAST
from stormdrill.simulator.assessment import NEGATIVE, ReplyContext

import run


def ctx(language: str = "en", **extra) -> ReplyContext:
    return ReplyContext(language=language, **extra)


def spans(verdict, category: str) -> list[str]:
    return [f.span for f in verdict.findings if f.category == category and f.polarity != "missing"]


# (language, category, reply, expected span)
NEW_CATEGORIES = [
    ("en", "deflection", "That's the supplier's fault, please contact them.", "the supplier's"),
    (
        "nl",
        "deflection",
        "Daar kunnen wij niets aan doen, dat ligt bij de vervoerder.",
        "Daar kunnen wij niets aan doen",
    ),
    (
        "en",
        "patronising",
        "Threatening us with ads doesn't help, let's keep it civil.",
        "Threatening us",
    ),
    ("nl", "patronising", "Met dreigen komen we niet verder, doe eens rustig.", "Met dreigen"),
    (
        "en",
        "speculation",
        "Probably a cable cut by the roadworks.",
        "Probably a cable cut by the roadworks",
    ),
    (
        "nl",
        "speculation",
        "Waarschijnlijk een kabelbreuk door de werkzaamheden.",
        "Waarschijnlijk een kabelbreuk door de werkzaamheden",
    ),
    ("en", "blame", "You chose the wrong settings yourself.", "You chose the wrong"),
    (
        "en",
        "blame",
        "As our terms state, you were responsible for checking the zone.",
        "you were responsible",
    ),
    ("nl", "blame", "U had zelf de verkeerde instellingen gekozen.", "U had zelf"),
    (
        "nl",
        "blame",
        "Dat staat in de huisregels die u heeft geaccepteerd.",
        "die u heeft geaccepteerd",
    ),
    (
        "en",
        "non_apology",
        "Sorry that you experience it that way, but the network is fine.",
        "Sorry that you experience",
    ),
    ("en", "non_apology", "We regret that you feel let down.", "regret that you feel"),
    (
        "nl",
        "non_apology",
        "Jammer dat u het zo heeft ervaren.",
        "Jammer dat u het zo heeft ervaren",
    ),
    ("nl", "non_apology", "Sorry als je dat zo voelt.", "Sorry als"),
]


@pytest.mark.parametrize(
    ("language", "category", "text", "span"),
    NEW_CATEGORIES,
    ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(NEW_CATEGORIES)],
)
def test_the_real_forms_of_bad_replies_are_found(language, category, text, span):
    verdict = assess(text, ctx(language, at_fault=False, anger=0.2))
    found = [f for f in verdict.findings if f.category == category]
    assert found, [(f.category, f.span) for f in verdict.findings]
    assert found[0].span == span
    assert found[0].polarity == "penalty" and found[0].points < 0 and found[0].explanation


@pytest.mark.parametrize(
    ("language", "post", "text"),
    [
        (
            "en",
            "My parcel never arrived and I needed it today",
            "So so sorry! We totally understand your frustration and truly value you as our amazing customer!",
        ),
        (
            "nl",
            "Mijn pakket is nooit aangekomen en ik had het vandaag nodig",
            "Het spijt ons enorm! We begrijpen je frustratie en waarderen je als onze fantastische klant!",
        ),
    ],
)
def test_praise_without_content_is_hollow_and_its_empathy_capped(language, post, text):
    verdict = assess(text, ctx(language, at_fault=True, anger=0.7, post=post))
    assert verdict.has("hollow")
    earned = sum(f.points for f in verdict.findings if f.polarity == "earned")
    assert earned <= 12
    assert verdict.score <= 40


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Sorry for the trouble with your parcel, the courier brings it tomorrow before 12:00.",
        ),
        ("nl", "Sorry voor het gedoe met je pakket, de koerier brengt het morgen voor 12:00."),
    ],
)
def test_warm_words_with_a_concrete_step_are_not_hollow(language, text):
    verdict = assess(text, ctx(language, at_fault=True, post="parcel"))
    assert not verdict.has("hollow")
    assert verdict.score >= 70


@pytest.mark.parametrize(
    ("language", "case_language", "text"),
    [
        (
            "nl",
            "en",
            "Hoi Sam, wat vervelend! Sorry, we lossen het vandaag op en sturen je een DM ^JD",
        ),
        (
            "en",
            "nl",
            "Hi Sam, so sorry, that's really annoying! We'll fix it today and send you a DM ^JD",
        ),
    ],
)
def test_a_warm_reply_in_the_wrong_language_scores_low(language, case_language, text):
    verdict = assess(text, ctx(case_language, first_name="Sam", at_fault=True))
    assert verdict.language == language
    assert verdict.has("wrong_language")
    assert verdict.score <= 40


@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_keyword_salad_scores_low(language):
    text = (
        "sorry understand frustrating DM fix refund today"
        if language == "en"
        else "sorry vervelend begrijpelijk DM oplossen vergoeding vandaag"
    )
    verdict = assess(text, ctx(language, at_fault=True, anger=0.7))
    assert verdict.has("hollow")
    assert verdict.score <= 40


@pytest.mark.parametrize(
    ("language", "first", "second"),
    [
        (
            "en",
            "So sorry Sam, I understand your frustration! DM us and we'll fix it ^JD",
            "So sorry Kim, I understand your frustration! DM us and we'll fix it ^AB",
        ),
        (
            "nl",
            "Sorry Sam, ik begrijp je frustratie! Stuur ons een DM en we lossen het op ^JD",
            "Sorry Kim, ik begrijp je frustratie! Stuur ons een DM, dan lossen we het op ^AB",
        ),
    ],
)
def test_the_same_warm_template_scores_lower_the_second_time(language, first, second):
    one, two = assess_many([first, second], ctx(language, at_fault=True, anger=0.7))
    assert two.has("duplicate") and not one.has("duplicate")
    assert two.score <= one.score - 25


@pytest.mark.parametrize(
    ("language", "wanted", "text"),
    [
        (
            "nl",
            "u",
            "Hoi Sam, wat vervelend, sorry! Dat is onze fout. We storten je geld vandaag terug. ^JD",
        ),
        (
            "nl",
            "je",
            "Beste Sam, wat vervelend, sorry! Dat is onze fout. We storten uw geld vandaag terug. ^JD",
        ),
    ],
)
def test_the_wrong_form_of_address_costs_points_even_in_a_perfect_reply(language, wanted, text):
    policy = Policy.model_validate({"tone": {"address": wanted}})
    right = assess(text, ctx(language, first_name="Sam"))
    wrong = assess(text, ctx(language, first_name="Sam", policy=policy))
    assert right.score == 100
    assert wrong.has("wrong_address_form")
    # the grading guide's weak band, however good the rest
    assert wrong.score <= WEAK_BAND_CEILING


def test_the_wrong_form_of_address_is_the_weak_band_not_the_harmful_one():
    """A courteous reply that only gets the form of address wrong is weak (30-49), not harmful; one that
    is weak already still loses something for it (docs/grading-guide.md, "Grade bands")."""
    policy = Policy.model_validate({"tone": {"address": "u"}})
    polite = (
        "Beste mevrouw Smit, wat vervelend dat uw claim zo lang duurt, excuses daarvoor. Stuur je ons"
        " een DM met je polisnummer? ^Ilse"
    )
    right = assess(
        polite.replace("Stuur je ons", "Stuurt u ons").replace("je polis", "uw polis"),
        ctx("nl", policy=policy, needs_data=True),
    )
    wrong = assess(polite, ctx("nl", policy=policy, needs_data=True))
    assert right.score > WEAK_BAND_CEILING and not right.has("wrong_address_form")
    assert 30 <= wrong.score <= WEAK_BAND_CEILING
    # weak already: judged without a form of address, and with u
    curt = "Heb je al een DM gestuurd?"
    either, formal = assess(curt, ctx("nl")), assess(curt, ctx("nl", policy=policy))
    assert either.score < WEAK_BAND_CEILING
    assert formal.score <= either.score - WRONG_ADDRESS_LEAST


def test_personal_data_asked_in_public_is_the_weak_band_however_warm_the_rest():
    """The grading guide puts a reply that asks for personal data in the thread in the weak band (30-49),
    however well it owns the problem; the same reply asking for it in a DM is excellent."""
    public = (
        "Sophie, we are so sorry. Scorching your new kitchen was our fault and we'll cover the repair in"
        " full. Please reply below with your full address and phone number so our fitter can ring you"
        " today. ^Jo"
    )
    private = public.replace("reply below with", "DM us")
    asked = assess(public, ctx("en", first_name="Sophie", needs_data=True))
    invited = assess(private, ctx("en", first_name="Sophie", needs_data=True))
    assert invited.score >= 90 and not invited.has("public_personal_data")
    assert asked.score <= WEAK_BAND_CEILING and asked.has("public_personal_data")
    data = next(f for f in asked.findings if f.category == "public_personal_data")
    assert f"at most {WEAK_BAND_CEILING:.0f}" in data.explanation
    # both in the weak band: the wrong form of address still costs its part on top of the data asked
    policy = Policy.model_validate({"tone": {"address": "u"}})
    formal = "Sorry Sam, onze fout. Zet uw adres hieronder, dan belt onze monteur u vandaag."
    informal = formal.replace("uw adres", "je adres").replace("monteur u", "monteur je")
    right, wrong = (
        assess(text, ctx("nl", policy=policy, needs_data=True, first_name="Sam"))
        for text in (formal, informal)
    )
    assert right.score <= WEAK_BAND_CEILING and right.has("public_personal_data")
    assert wrong.score <= right.score - WRONG_ADDRESS_LEAST


def test_a_unit_is_no_form_of_address():
    """ "Windstoten tot 90 km/u" is kilometres an hour: a team that says "je" has not said "u"."""
    policy = Policy.model_validate({"tone": {"address": "je"}})
    text = "Balen, Kevin. Het KNMI meldt windstoten tot 90 km/u, dus we zetten geen kussen neer. Je krijgt je geld terug."
    assert not assess(text, ctx("nl", first_name="Kevin", policy=policy)).has("wrong_address_form")
    formal = text.replace("Je krijgt je", "U krijgt uw")
    assert assess(formal, ctx("nl", first_name="Kevin", policy=policy)).has("wrong_address_form")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Oh wow, so sorry our amazing service isn't good enough for you. Maybe read the manual next time? 🙄",
        ),
        (
            "nl",
            "Nou nou, sorry hoor dat onze service niet goed genoeg is. Lees het goed, dan gaat het vanzelf. 🙄",
        ),
    ],
)
def test_sarcasm_in_polite_words_scores_low(language, text):
    verdict = assess(text, ctx(language, at_fault=False, anger=0.6))
    assert verdict.has("patronising")
    assert verdict.score <= 30


# ------------------------------------------------------------------ negation and who is at fault


@pytest.mark.parametrize(
    ("language", "text", "category", "present"),
    [
        ("en", "We can't imagine how frustrating this must be.", "acknowledge", True),
        ("en", "We can't refund the ticket.", "solution", False),
        ("en", "We don't do DMs, sorry.", "private_channel", False),
        ("en", "Sorry, but this was not our mistake in any way.", "blame", True),
        ("en", "It's not your fault, and we're sorry.", "blame", False),
        ("nl", "We kunnen het ticket niet terugbetalen.", "solution", False),
        ("nl", "Dit is echt niet onze fout geweest.", "blame", True),
        ("nl", "Het is niet jouw schuld, sorry!", "blame", False),
    ],
)
def test_negation_reaches_to_the_end_of_its_clause(language, text, category, present):
    assert assess(text, ctx(language, at_fault=False)).has(category) is present


@pytest.mark.parametrize(
    ("language", "text", "category"),
    [
        ("en", "Sorry Sam, we got your order wrong.", "ownership"),
        ("en", "The mistake was ours, sorry.", "ownership"),
        ("en", "You picked the wrong tariff yourself.", "blame"),
        ("nl", "Sorry, wij hebben je bestelling verkeerd ingepakt.", "ownership"),
        ("nl", "Je hebt zelf het verkeerde abonnement gekozen.", "blame"),
    ],
)
def test_the_subject_of_a_fault_decides_ownership_or_blame(language, text, category):
    verdict = assess(text, ctx(language, at_fault=False))
    other = "blame" if category == "ownership" else "ownership"
    assert verdict.has(category) and not verdict.has(other)


def test_you_received_the_wrong_item_is_not_blame():
    assert not assess("Sorry, you received the wrong item. A new one goes out today.", ctx()).has(
        "blame"
    )


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "We have apologized for the delays."),
        ("en", "Apologising for the delay, Sam!"),
        ("nl", "Wij bieden onze excuses aan."),
    ],
)
def test_phrases_match_their_inflections(language, text):
    assert assess(text, ctx(language, at_fault=False)).has("apology")


# ------------------------------------------------------------------ the policy


@pytest.mark.parametrize(
    ("language", "phrase", "text"),
    [
        ("en", "we apologise for any inconvenience", "We apologized for any inconvenience."),
        (
            "en",
            "we apologise for any inconvenience",
            "Apologies for any inconvenience this caused.",
        ),
        ("en", "as per our terms and conditions", "Per the terms and conditions, no refund."),
        ("nl", "excuses voor het ongemak", "Wij bieden excuses aan voor het ongemak."),
        ("nl", "zoals vermeld in de voorwaarden", "Dat is in de voorwaarden vermeld."),
    ],
)
def test_forbidden_phrases_match_by_lemma_and_close_variants(language, phrase, text):
    policy = Policy.model_validate({"forbidden": [phrase]})
    found = [
        f
        for f in assess(text, ctx(language, policy=policy, at_fault=False)).findings
        if f.category == "forbidden"
    ]
    assert found and found[0].span and found[0].span in text
    assert phrase in found[0].explanation


def test_a_forbidden_phrase_is_not_found_in_unrelated_words():
    policy = Policy.model_validate({"forbidden": ["we apologise for any inconvenience"]})
    assert not assess(
        "Sorry for the wait, Sam: your refund is on its way.", ctx(policy=policy)
    ).has("forbidden")


def test_a_critical_rule_weighs_double():
    plain = Policy.model_validate({"forbidden": ["as per our terms"]})
    critical = Policy.model_validate({"forbidden": ["as per our terms"], "critical": ["forbidden"]})
    text = "Sorry Sam, as per our terms we'll refund you today."
    points = [
        next(f.points for f in assess(text, ctx(policy=p)).findings if f.category == "forbidden")
        for p in (plain, critical)
    ]
    assert points[1] == 2 * points[0] < 0


def test_the_policy_can_switch_a_reward_off():
    policy = Policy.model_validate({"rubric": {"unrewarded": ["explanation"]}})
    text = "The outage is caused by a failed router."
    on, off = assess(text, ctx(at_fault=False)), assess(text, ctx(at_fault=False, policy=policy))
    earned = lexicon("en").categories["explanation"].points * points.factors()["explanation earned"]
    assert earned > 0
    assert [f.points for f in on.findings if f.category == "explanation"] == [round(earned, 1)]
    assert [f.points for f in off.findings if f.category == "explanation"] == [0.0]
    assert off.score < on.score


# ------------------------------------------------------------------ facts


UNKNOWN = Facts(cause_known=False, fix_expected=None, compensation=None)
KNOWN = Facts(
    cause_known=True,
    cause="a core router failed during maintenance",
    fix_expected="around 10:00",
    compensation="one day's subscription credit",
)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Sorry Sam, the outage is caused by a cable cut near the station."),
        ("nl", "Sorry Sam, de storing komt door een kabelbreuk bij het station."),
    ],
)
def test_naming_a_cause_nobody_knows_is_speculation(language, text):
    verdict = assess(text, ctx(language, facts=UNKNOWN))
    found = [f for f in verdict.findings if f.category == "speculation"]
    assert found and found[0].polarity == "penalty"
    assert "cable" in found[0].span or "kabel" in found[0].span
    assert "cause" in found[0].explanation or "oorzaak" in found[0].explanation


def test_stating_the_known_cause_is_not_speculation():
    verdict = assess(
        "Sorry Sam, a router failed during maintenance; engineers are on it.", ctx(facts=KNOWN)
    )
    assert not verdict.has("speculation") and verdict.has("explanation")


def test_a_cause_that_contradicts_the_facts_quotes_both():
    verdict = assess("Sorry, this is caused by a storm damaging our masts.", ctx(facts=KNOWN))
    found = [f for f in verdict.findings if f.category == "speculation"]
    assert found and "storm" in found[0].span and KNOWN.cause in found[0].explanation


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Sorry Sam, it'll be fixed within the hour."),
        ("nl", "Sorry Sam, het is binnen een uur opgelost."),
    ],
)
def test_a_fix_time_nobody_expects_is_speculation(language, text):
    assert assess(text, ctx(language, facts=UNKNOWN)).has("speculation")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Sorry Sam, we'll refund your whole year."),
        ("nl", "Sorry Sam, we vergoeden je hele jaar."),
    ],
)
def test_promising_more_than_the_facts_allow_is_an_empty_promise(language, text):
    facts = (
        KNOWN
        if language == "en"
        else KNOWN.model_copy(update={"compensation": "een dag abonnementskosten terug"})
    )
    verdict = assess(text, ctx(language, facts=facts))
    found = [f for f in verdict.findings if f.category == "empty_promise"]
    assert found and facts.compensation in found[0].explanation


def test_the_allowed_compensation_is_a_solution_not_a_promise():
    verdict = assess("Sorry Sam, every affected customer gets one day's credit.", ctx(facts=KNOWN))
    assert verdict.has("solution") and not verdict.has("empty_promise")


def test_invented_facts_score_low():
    verdict = assess(
        "Sorry Sam! You've already been refunded three times, so all good.", ctx(facts=KNOWN)
    )
    assert verdict.has("speculation")
    assert verdict.score <= 40


@pytest.mark.parametrize(
    "text",
    [
        "Sorry Sam, your refund was processed this morning and should already be in your account.",
        "Sorry Sam, the line will be working again by 4pm.",
    ],
)
def test_a_payment_or_a_fix_time_the_facts_do_not_give_is_speculation(text):
    assert assess(text, ctx(facts=UNKNOWN)).has("speculation")


@pytest.mark.parametrize(
    "text",
    [
        "Sorry Sam, your day's subscription credit is refunded automatically for everyone.",
        "Sorry Sam, best to ring the office on 01632 960411, 8am-4pm.",
        "Sam, a 6:40 text when you're both on shifts is awful, sorry.",
        "Sorry Sam, the outage was due to circumstances beyond our control.",
        "Sam, upgrade to Premium today: only £15.99 this week and you get 4K!",
    ],
)
def test_allowed_compensation_opening_hours_and_stock_phrases_are_not_speculation(text):
    assert not assess(text, ctx(facts=KNOWN)).has("speculation")


def test_a_cause_named_inside_a_dutch_compound_is_the_known_cause():
    facts = Facts(cause_known=True, cause="personeelstekort op de operatiekamers")
    verdict = assess("Het ligt aan een tekort aan OK-personeel, excuses.", ctx("nl", facts=facts))
    assert not verdict.has("speculation")


# ------------------------------------------------------------------ the contract


def test_every_bad_category_is_a_penalty_after_the_cap():
    text = "Sorry Sam, our mistake, that's annoying! Engineers fix it today, DM us. As per our terms, you should have."
    verdict = assess(
        text,
        ctx(first_name="Sam", policy=Policy.model_validate({"forbidden": ["as per our terms"]})),
    )
    bad = [f for f in verdict.findings if f.category in NEGATIVE]
    assert bad and all(f.polarity == "penalty" for f in bad)
    assert verdict.score <= 100 + sum(f.points for f in bad)


def test_a_missing_invitation_never_counts_as_one():
    verdict = assess("Hi Sanne, we know. ^JD", ctx(first_name="Sanne", needs_data=True))
    assert verdict.lacks("private_channel") and not verdict.has("private_channel")


def test_no_private_channel_is_demanded_when_the_case_needs_no_data():
    verdict = assess(
        "Nothing works in Matthewshire? Sorry, engineers are on it, update at 10:00.", ctx()
    )
    assert not verdict.lacks("private_channel")


def test_assess_json_has_the_score_and_the_polarity(capsys):
    assert run.main(["assess", "Sorry if you feel that way", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["score"] <= 29  # a non-apology is a bad reply (docs/grading-guide.md: 10-29)
    assert {f["polarity"] for f in out["findings"]} >= {"penalty"}


def test_one_judgement_takes_about_a_millisecond():
    context = ctx(
        first_name="Sam",
        post="no mobile data since 7, I need to work on the train",
        earlier_replies=tuple(
            f"Hi Kim {i}, sorry about the outage, engineers are on it" for i in range(20)
        ),
    )
    assess("warm up", context)
    start = time.perf_counter()
    for i in range(200):
        assess(
            f"Hi Sam {i}, that's annoying, sorry! A router failed; engineers expect it back by 10:00.",
            context,
        )
    assert (
        time.perf_counter() - start
    ) / 200 < 0.01  # ~1 ms here; generous for a busy test machine


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "So sorry! Please DM us your card number and login details and we'll check it."),
        (
            "nl",
            "Wat vervelend! Stuur ons een DM met je pincode en inloggegevens, dan kijken we mee.",
        ),
    ],
)
def test_asking_for_secrets_is_harmful_even_in_a_dm(language, text):
    verdict = assess(text, ctx(language, at_fault=True))
    assert verdict.has("secret_data") and verdict.has("private_channel")
    assert verdict.score <= 40


# Blame follows who the fault or the task belongs to, not the words: each reproach beside its look-alike.
BLAME_BY_STRUCTURE = [
    # the brand takes the task on
    ("en", "Make sure your booking reference is right before you travel.", True),
    (
        "en",
        "DM us your booking reference and we'll make sure your refund goes through today.",
        False,
    ),
    # the customer should have been told: in a reply that apologises, that is the brand's fault
    ("en", "Sorry, Robert. You should have read the letter we sent.", True),
    ("en", "Sorry, Robert. You should have heard this from the clinic before today.", False),
    ("nl", "Het spijt ons, Sandra. Het spreekuur liep uit, maar u had dat moeten horen.", False),
    # an ability offered is no guess at the customer's doing
    ("en", "Sorry about the 07:42. You may have forgotten to tap in.", True),
    ("en", "Sorry about the 07:42. You may be able to claim Delay Repay.", False),
    # a guess at what the customer did blames; a guess about their things ("je" as possessive) does not
    ("nl", "Je hebt waarschijnlijk met een ander account ingelogd.", True),
    ("nl", "Waarschijnlijk staat je vergunning nog op je oude kenteken.", False),
    # after a non-apology, what the customer was already told puts it back on them; a defence without them
    # in it is no blame
    (
        "en",
        "Sorry if the charge came as a surprise, but a reminder was sent before your trial ended.",
        True,
    ),
    (
        "nl",
        "Jammer dat je de rekening zo hoog vindt. We hebben je bij aankomst een sms gestuurd.",
        True,
    ),
    (
        "nl",
        "Sorry dat je het als oplichterij ervaart. Onze tickets worden altijd op tijd verstuurd.",
        False,
    ),
    # a fact of life is a rebuke; with the customer as subject beside it, it is their doing
    ("nl", "Vertraging hoort er nu eenmaal bij als u in het hoogseizoen vliegt.", True),
    ("nl", "Handhaving controleert nu eenmaal op kenteken.", False),
]


@pytest.mark.parametrize(("language", "reply", "blames"), BLAME_BY_STRUCTURE)
def test_blame_goes_by_who_the_fault_or_the_task_belongs_to(language, reply, blames):
    verdict = assess(reply, ctx(language))
    assert verdict.has("blame") is blames, [(f.category, f.span) for f in verdict.findings]


# A private channel is an invitation to it; a channel named is not.
CHANNEL_INVITED = [
    ("en", "Call us on 0800 123 456 and we'll sort it.", True),
    ("en", "Calling us thieves won't change the outcome.", False),
    ("nl", "Stuur ons een mail met je ordernummer.", True),
    ("nl", "Lees eerst even je mail voordat je ons beschuldigt.", False),
    ("nl", "U ontvangt de onderbouwing per mail.", False),
]


@pytest.mark.parametrize(("language", "reply", "invites"), CHANNEL_INVITED)
def test_a_private_channel_is_an_invitation_not_a_channel_named(language, reply, invites):
    verdict = assess(reply, ctx(language, needs_data=True))
    assert verdict.has("private_channel") is invites, [
        (f.category, f.span) for f in verdict.findings
    ]


def test_feelings_shouted_with_nothing_concrete_are_hollow_and_a_fix_shouted_is_not():
    noise = assess("DEAN!!! We are SO sorry!!! Cold fries, we feel for you!!! 🍟🍟", ctx("en"))
    fixed = assess("DEAN!!! We are SO sorry!!! A fresh meal is on us, DM us your order.", ctx("en"))
    assert noise.has("hollow") and noise.has("shouting")
    assert fixed.has("shouting") and not fixed.has("hollow")
    assert noise.score < fixed.score


def test_a_time_we_give_for_our_own_answer_is_a_commitment_not_a_forecast():
    facts = Facts(cause_known=False)
    ours = assess("I've passed it on; you'll hear from us tomorrow before 12:00.", ctx(facts=facts))
    nl = assess("Ik heb het doorgezet; u hoort morgen vóór 12:00 van ons.", ctx("nl", facts=facts))
    theirs = assess("The engineers will have it fixed before 12:00.", ctx(facts=facts))
    assert not ours.has("speculation") and not nl.has("speculation")
    assert theirs.has("speculation")


def test_sorry_that_the_customer_was_not_happy_is_a_non_apology_and_sorry_for_our_failure_is_not():
    feeling = assess("Hi Dean, we're sorry you weren't happy with your visit.", ctx("en"))
    failure = assess(
        "Hi Dean, we're sorry you weren't kept up to date about your order.", ctx("en")
    )
    # "sorry to hear ..." is sympathy: the graders label it an acknowledgement (rules.sympathy)
    heard = assess("Hi Dean, we're sorry to hear you weren't happy with your visit.", ctx("en"))
    assert feeling.has("non_apology") and not feeling.has("apology")
    assert failure.has("apology") and not failure.has("non_apology")
    assert heard.has("acknowledge") and not heard.has("non_apology") and not heard.has("apology")


def test_the_grading_guides_worked_example_is_ranked_as_the_guide_grades_it():
    """docs/grading-guide.md, "Worked example": seven replies to one missed sofa delivery, graded 97 to 6.
    The rubric's scores fall in the same order; the keyword pile (32) stays under the polite, vague
    reply (60), however many of the rubric's words it stacks."""
    post = (
        "@HomeNest took a day off work for my sofa delivery 8-12. It's 3pm. No sofa, no call, no"
        " answer on your line. Unbelievable."
    )
    context = ReplyContext(
        language="en",
        kind="reply",
        public=True,
        topic="sofa delivery missed",
        anger=0.8,
        at_fault=True,
        needs_data=True,
        severity="medium",
        first_name="Fatima",
        policy=Policy(),
        post=post,
        facts=Facts(cause_known=False, compensation="£50 voucher for a missed slot"),
    )
    graded = [
        "Fatima, you took a day off and we didn't turn up or call. That's poor from us, I'm sorry."
        " I don't know yet why, and I'd rather find out than guess. DM me your order number: I'll"
        " chase it and book a new slot, Saturday if easier, plus the £50 voucher for a missed slot."
        " ^Ines",
        "Fatima, a whole day off wasted, I'm sorry. DM us your order number and I'll rebook you.",
        "Hi Fatima, sorry about this. Please DM us your order number and we'll look into it.",
        "DM us your order number.",
        "We're SO sorry and completely understand how frustrating this must be! DM us and we'll"
        " make it up to you!",
        "The driver is stuck on the M25, he'll be with you within the hour.",
        "'Unbelievable' is a bit much. Deliveries sometimes run late.",
    ]
    scores = [assess(text, context).score for text in graded]
    assert scores == sorted(scores, reverse=True), scores
    assert scores[0] >= 90 and scores[-1] <= 10, scores
    assert scores[4] < scores[2] - 15, scores  # the keyword pile under the vague reply
