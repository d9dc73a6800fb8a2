"""Generated posts read like a native speaker wrote them, about the scenario's own topics and clock."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from stormdrill.scenarios import load_scenario_text
from stormdrill.scenarios.model import Words
from stormdrill.scenarios.slots import fill
from stormdrill.scenarios.vocabulary import TOPICS
from stormdrill.simulator.bots import play
from stormdrill.simulator.session import Session
from stormdrill.simulator.writing import SECTIONS, Writer, bank, stop_words

import run
from stormdrill.generate import generate

AFVAL = """stormdrill: 1
id: afval-staking
title: Afvalstaking
language: nl
brand: {name: Gemeente Zwolle, handle: "@gemeentezwolle", followers: 3000}
duration: 2h
starts_at: "07:30"
network: {size: 3000, seed: 2}
words: {customer: inwoner}
topics:
  afval:
    nl:
      things: [de groene container, de grijze bak, het oud papier]
      complaints:
        - "{thing} staat sinds {since} vol aan de straat in {place} en niemand haalt hem op."
        - "al {waited} staat {thing} op de stoep. De meeuwen hebben feest."
        - "waarom hoor ik van de buren over de staking en niet van de gemeente? {thing} staat er nog."
      follow_ups:
        - "Nog steeds niks over {thing}, {handle}. Al {waited}."
personas:
  - {id: wethouder, handle: "@wethouder_jan", name: Jan Pietersen, followers: 400, kind: politician,
     bio: "Wethouder afval en milieu"}
storm:
  scripted:
    - {id: eerste, at: 0m, by: wethouder, topic: afval,
       text: "Inwoners bellen mij over de containers die niet geleegd worden. Wat is het plan?"}
  generated: {topics: [afval], peak: 80/h, peak_at: 30m}
"""

# Words only the other language uses: a generated English post never contains one of the first set.
DUTCH_ONLY = {
    "het",
    "een",
    "niet",
    "mijn",
    "geen",
    "jullie",
    "nog",
    "zijn",
    "wordt",
    "naar",
    "ook",
    "bij",
    "maar",
    "weer",
    "ik",
    "uur",
    "dag",
    "wij",
    "hebben",
    "deze",
    "sinds",
    "heb",
}
ENGLISH_ONLY = {
    "the",
    "and",
    "my",
    "not",
    "with",
    "your",
    "you",
    "still",
    "have",
    "this",
    "they",
    "for",
    "from",
    "since",
    "our",
    "hours",
    "minutes",
    "nobody",
}
WRONG_ARTICLES = {
    "en": re.compile(r"\b(no|the|a|an|my|your|our) (the|a|an|my|your|our)\b", re.I),
    "nl": re.compile(r"\b(geen|de|het|een|mijn|onze) (de|het|een|mijn|jullie|onze)\b", re.I),
}
LONGER_THAN_THE_STORM = re.compile(
    r"\b(day|dag) \d|\bweeks\b|\bweken\b|wekenlang|maandenlang|\bfor months\b"
    r"|\d+ (weeks|weken|months|maanden)\b",
    re.I,
)
DOUBLED = re.compile(r"\b(\w+) \1\b", re.I)
ELAPSED = (300, 3000, 6900)  # five minutes, fifty minutes, nearly two hours into a 2-hour storm


def _every_rendering(language: str):
    """Every template of the bank with every {thing} of its topic, at three moments of a 2-hour storm."""
    texts = bank(language)
    for elapsed in ELAPSED:
        writer = Writer(language, "Brand", "@brand", seed=1, starts_at="08:00")
        writer.at(elapsed)
        for topic, pack in texts["topics"].items():
            for section in SECTIONS[1:]:
                for template in pack.get(section, []):
                    for thing in pack["things"]:
                        values = writer.slots(7, topic)
                        values["thing"] = fill(thing, values)
                        yield f"{topic}.{section}", fill(template, values)
        for section in (
            "followup",
            "angrier",
            "thanks",
            "witty",
            "censorship",
            "complaint_site",
            "paid_ad",
            "troll",
            "influencer",
            "questions",
            "compliments",
            "off_topic",
            "rumours",
        ):
            for template in texts[section]:
                yield section, fill(template, writer.slots(7, "outage", first_name="Sam"))
        for group in ("openers", "closers", "dm", "mentions", "echo"):
            for name, lines in texts[group].items():
                for template in lines:
                    values = writer.slots(7, "outage")
                    values["echo"] = (
                        "the bins were not emptied"
                        if language == "en"
                        else "de bakken zijn niet geleegd"
                    )
                    yield f"{group}.{name}", fill(template, values)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_template_renders_without_slots_doubled_words_or_the_other_language(language):
    other = DUTCH_ONLY if language == "en" else ENGLISH_ONLY
    problems = []
    count = 0
    for where, text in _every_rendering(language):
        count += 1
        words = set(re.findall(r"[a-zà-ÿ']+", text.lower()))
        if "{" in text or "}" in text:
            problems.append(f"{where}: leftover slot: {text}")
        if DOUBLED.search(text):
            problems.append(f"{where}: doubled word: {text}")
        if words & other:
            problems.append(f"{where}: {sorted(words & other)} is the other language: {text}")
        if WRONG_ARTICLES[language].search(text):
            problems.append(f"{where}: two articles: {text}")
        if LONGER_THAN_THE_STORM.search(text):
            problems.append(f"{where}: longer than a 2-hour storm: {text}")
    assert count > 2000
    assert not problems, "\n".join(problems[:30])


def test_there_are_at_least_twenty_topic_packs_in_both_languages():
    assert len(TOPICS) >= 20
    for language in ("en", "nl"):
        packs = bank(language)["topics"]
        assert set(packs) == set(TOPICS), language
        for name, pack in packs.items():
            assert len(pack["complaints"]) >= 5 and len(pack["pile_ons"]) >= 3, (language, name)
            assert pack["unmentioned"] and pack["headlines"] and pack["things"], (language, name)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_time_phrases_follow_the_storms_clock(language):
    writer = Writer(language, "Brand", "@brand", seed=3, starts_at="07:30")
    writer.at(40 * 60)
    clocks, waits = [], []
    for key in range(200):
        values = writer.slots(key)
        clocks.append(values["since"])
        waits.append(values["waited"])
    minutes = [int(h) * 60 + int(m) for h, m in (c.split(":") for c in clocks)]
    assert all(
        7 * 60 + 30 <= m <= 7 * 60 + 45 for m in minutes
    )  # the storm (and the brief) began at 07:30
    assert len(set(minutes)) > 5
    hour = "hours" if language == "en" else "uur"
    assert not any(
        re.search(rf"\b[2-9] {hour}", w) for w in waits
    )  # 40 minutes in: nobody waited 2 hours
    writer.at(3 * 3600)
    assert writer.slots(1)["waited"] in (
        ["3 hours", "4 hours"] if language == "en" else ["3 uur", "4 uur"]
    )


def test_no_line_repeats_before_its_bank_is_used_up():
    writer = Writer("en", "Brand", "@brand", seed=11)
    followups = bank("en")["followup"]
    lines = [
        writer.line("followup", 99) for _ in followups
    ]  # the same post key: only the line can differ
    assert len(set(lines)) == len(followups)
    again = Writer("en", "Brand", "@brand", seed=11)
    assert [again.line("followup", 99) for _ in followups] == lines  # deterministic per seed
    other = Writer("en", "Brand", "@brand", seed=12)
    assert [other.line("followup", 99) for _ in followups] != lines


def test_a_storm_does_not_repeat_a_complaint_line_while_others_are_unused(library, assess):
    session = Session(library["telnet-outage"], seed=3, assess=assess)
    play(session, "none")
    cores = Counter()
    for th in session.threads:
        if (
            th.cause == "a fresh complaint"
            and th.temper != "troll"
            and th.mentions_brand
            and th.topic == "outage"
        ):
            cores[th.text] += 1
    assert cores and max(cores.values()) == 1  # whole texts never repeat: the slots differ too


def test_prices_use_the_scenarios_currency():
    pounds = Writer("en", "Shop", "@shop", seed=1, words=Words(currency="GBP"))
    texts = [pounds.complaint(k, "billing", 0.5, True) for k in range(40)]
    assert any("£" in t for t in texts) and not any("€" in t for t in texts)
    euros = Writer("nl", "Winkel", "@winkel", seed=1)
    assert re.search(
        r"€\d+,\d\d", " ".join(euros.complaint(k, "billing", 0.5, True) for k in range(40))
    )


def test_a_scenarios_own_word_for_customer_reaches_the_headlines():
    writer = Writer("nl", "Gemeente Zwolle", "@zwolle", seed=1, words=Words(customer="inwoner"))
    headlines = [writer.press(k, "waste") for k in range(6)]
    assert any("inwoners" in h for h in headlines) and not any("klanten" in h for h in headlines)


@pytest.mark.parametrize("topic", TOPICS)
@pytest.mark.parametrize("language", ["en", "nl"])
def test_generate_never_monitors_stop_words(topic, language):
    _, policy = generate(topic, language, size=3000, duration=3600, seed=2)
    keywords = policy["monitoring"]["keywords"]
    assert len(keywords) >= 2
    assert not set(keywords) & stop_words(language), keywords
    assert all(len(k) >= 4 for k in keywords), keywords


def test_a_scenario_with_its_own_topic_validates_plays_and_uses_its_words(assess):
    scenario = load_scenario_text(AFVAL)
    answered = Session(scenario, seed=2, assess=assess)
    play(
        answered, "reference"
    )  # the reference team can answer a topic it has no words of its own for
    assert any(th.first_response is not None for th in answered.threads)
    session = Session(scenario, seed=2, assess=assess)
    play(session, "none")
    fresh = [
        th for th in session.threads if th.cause == "a fresh complaint" and th.temper != "troll"
    ]
    assert len(fresh) >= 10
    own = ("groene container", "grijze bak", "oud papier", "meeuwen", "de buren")
    assert all(any(word in th.text.lower() for word in own) for th in fresh), [
        th.text for th in fresh
    ][:5]
    everything = " ".join(
        m.text for th in session.threads for m in th.messages if m.who == "customer"
    )
    for foreign in (
        "4G",
        "mobiel internet",
        "ik betaal hier elke maand voor",
        "de remmen",
        "in de wacht",
    ):
        assert foreign not in everything
    follow_ups = [m.text for th in session.threads for m in th.messages if m.kind == "followup"]
    assert any("Nog steeds niks over" in text for text in follow_ups)


def test_a_topic_without_a_pack_talks_about_its_own_scripted_words():
    scripted = (
        (
            "lift",
            "The lift in tower B has been broken since Monday and my mother can't get downstairs.",
        ),
    )
    writer = Writer("en", "Housing Co", "@housingco", seed=4, scripted=scripted)
    pile_ons = [writer.pile_on(k, "lift", 0.5, False) for k in range(8)]
    headlines = [writer.press(k, "lift") for k in range(2)]
    said = " ".join(pile_ons + headlines).lower()
    assert "lift" in said or "tower" in said
    for pack in ("outage", "delay", "billing"):  # nothing from an unrelated pack
        assert not any(thing.lower() in said for thing in bank("en")["topics"][pack]["things"]), (
            pack
        )


def test_a_scripted_only_storm_on_an_unknown_topic_plays(assess):
    scenario = load_scenario_text("""stormdrill: 1
id: lift
title: Broken lift
brand: {name: Housing Co, handle: "@housingco"}
duration: 1h
network: {size: 2000, seed: 3}
personas:
  - {id: ann, handle: "@ann", name: Ann Lee, followers: 900}
storm:
  scripted:
    - {at: 0m, by: ann, topic: lift, anger: 0.9,
       text: "@housingco the lift in tower B has been broken since Monday and my mother can't get downstairs."}
  spread: {pile_on: 0.2, reshare: 0.2, visibility: 0.5}
""")
    session = Session(scenario, seed=1, assess=assess)
    play(session, "none")
    texts = [th.text for th in session.threads[1:]] + [
        m.text for m in session.threads[0].messages[1:]
    ]
    assert texts, "the storm said nothing after the scripted post"
    assert session.topics == {"lift": 0}


def test_validate_and_simulate_take_a_scenario_with_its_own_topic(tmp_path, capsys):
    path = tmp_path / "afval.yaml"
    path.write_text(AFVAL, encoding="utf-8")
    assert run.main(["validate", str(path)]) == 0
    assert run.main(["simulate", str(path), "--bot", "reference", "--seed", "2"]) == 0
    assert "Afvalstaking: bot reference" in capsys.readouterr().out


def test_a_fresh_complaint_says_the_same_whatever_the_trainee_did(library, assess):
    """Common random numbers: the run nobody answers and the trainee's run share their fresh complaints' words."""
    scenario = library["telnet-outage"]
    nobody, team = (
        Session(scenario, seed=6, assess=assess),
        Session(scenario, seed=6, assess=assess),
    )
    play(nobody, "none")
    play(team, "reference")  # its holding statement holds back some fresh complaints
    fresh = {th.key: th.text for th in nobody.threads if th.cause == "a fresh complaint"}
    shared = [
        (fresh[th.key], th.text)
        for th in team.threads
        if th.cause == "a fresh complaint" and th.key in fresh
    ]
    assert len(shared) >= 20 and len(fresh) > len(shared)
    assert all(a == b for a, b in shared)


def test_sentence_capitalises_as_a_split_at_each_sentence_end_would():
    """postslots.sentence capitalises in one pass what a split and join at each of ". ", "? " and
    "! " in turn capitalised (a-z only, so é, ß and capitals stay as written)."""
    import random

    from stormdrill.simulator.postslots import sentence

    def capital(text: str) -> str:
        return text[0].upper() + text[1:] if text and "a" <= text[0] <= "z" else text

    def by_splits(text: str) -> str:
        text = " ".join(text.split())
        for end in (". ", "? ", "! "):
            if end in text:
                text = end.join([capital(part) for part in text.split(end)])
        return capital(text)

    draw = random.Random(5)
    for _ in range(20_000):
        text = "".join(draw.choice("ab zZé.?!\t\n…ß") for _ in range(draw.randint(0, 12)))
        assert sentence(text) == by_splits(text), text
