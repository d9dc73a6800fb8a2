"""The learned detectors (scoring/detector.py): they beat the phrase rules on cases no rule was written on,
their committed weights are what the refit produces, and their findings quote the reply and explain themselves."""

from __future__ import annotations

import json

import pytest
from stormdrill.scoring import detector, refit_detector
from stormdrill.scoring.evaluate import evaluate, load_corpus
from stormdrill.scoring.rubric import assess

from tests.test_corpus import DATA

PROXY = sorted(DATA.glob("corpus_holdout3_*.yaml"))


@pytest.fixture(scope="module")
def rows():
    return refit_detector.collect(refit_detector.training_files())


def test_fitted_without_the_last_blind_batch_it_judges_that_batch_better_than_the_rules(rows):
    fitted = refit_detector.fit([r for r in rows if not r.file.startswith("corpus_holdout3")])
    rules = refit_detector.judged(PROXY, None)
    learned = refit_detector.judged(PROXY, fitted)
    for language in ("en", "nl"):
        before = refit_detector.figures(rules, language)
        after = refit_detector.figures(learned, language)
        assert after["spearman"] >= before["spearman"], language
        for category in ("blame", "private_channel", "apology"):
            assert after[category][0] >= before[category][0], (language, category)  # precision
        assert after["blame"][0] > before["blame"][0], language
        # the acknowledgement detector only adds (refit_detector.ADD_ONLY): more found, no worse F1
        assert after["acknowledge"][1] > before["acknowledge"][1], language
        for category, better in (("blame", True), ("acknowledge", False)):
            (p0, r0), (p1, r1) = before[category], after[category]
            f0, f1 = 2 * p0 * r0 / (p0 + r0), 2 * p1 * r1 / (p1 + r1)
            assert f1 > f0 if better else f1 >= f0, (language, category)


def test_the_grading_guides_own_acknowledgements_count_beside_an_invitation_to_dm():
    from stormdrill.scoring.evaluate import _context

    language, cases, replies = load_corpus(PROXY[0])
    context = _context(cases[replies[0]["case"]], replies[0], language)
    for text in (
        "I can imagine you're fed up after three days without a connection, Sanne. Send us a DM"
        " with your customer number and we'll book an engineer today. ^JD",
        "Hi Sanne, that's frustrating, sorry. Could you send us a DM with your customer number?"
        " Then we'll look at your line right away. ^JD",
    ):
        assert assess(text, context).has("acknowledge"), text


def test_the_fourth_batch_is_kept_out_of_every_fit():
    names = {p.stem for p in refit_detector.training_files()}
    assert {"corpus_holdout4_en", "corpus_holdout4_nl"}.isdisjoint(names)
    assert {"corpus_holdout3_en", "corpus_holdout3_nl"} <= names


def test_the_committed_weights_are_what_the_refit_produces(rows):
    committed = json.loads(detector.WEIGHTS.read_text(encoding="utf-8"))
    refitted = refit_detector.fit(rows)
    assert set(committed) == set(refitted)
    for language, detectors in refitted.items():
        assert set(detectors) == set(committed[language]) == set(refit_detector.DETECTED)
        for category, fitted in detectors.items():
            mine = committed[language][category]["weights"]
            common = set(mine) & set(fitted["weights"])
            assert len(common) >= 0.98 * len(mine), (language, category)
            assert max(abs(mine[k] - fitted["weights"][k]) for k in common) < 0.01


def test_a_learned_finding_quotes_a_clause_of_the_reply_and_explains_itself():
    seen = set()
    for path in refit_detector.training_files():
        ev = evaluate(path)
        for j in ev.judged:
            for f in j.verdict.findings:
                if f.rule.endswith(".learned"):
                    assert f.span and f.span in j.text
                    assert f.polarity == ("penalty" if f.points < 0 else "earned")
                    word = "team lead" if ev.language == "en" else "teamleider"
                    assert word in f.explanation
                    seen.add((ev.language, f.category))
    assert {language for language, _ in seen} == {"en", "nl"}
    assert {category for _, category in seen} >= {"blame", "acknowledge"}
