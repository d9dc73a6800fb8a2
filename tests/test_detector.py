"""The learned detectors (scoring/detector.py): they beat the phrase rules on cases no rule was written on,
their committed weights are what the refit produces, and their findings quote the reply and explain themselves."""

from __future__ import annotations

import json
import time

import pytest
from stormdrill.scoring import detector, refit_detector
from stormdrill.scoring.evaluate import evaluate, load_corpus

from tests.test_corpus import DATA

PROXY = sorted(DATA.glob("corpus_holdout3_*.yaml"))


@pytest.fixture(scope="module")
def rows():
    return refit_detector.collect(sorted(DATA.glob("corpus_*.yaml")))


def test_fitted_without_the_last_blind_batch_it_judges_that_batch_better_than_the_rules(rows):
    fitted = refit_detector.fit([r for r in rows if not r.file.startswith("corpus_holdout3")])
    rules = refit_detector.judged(PROXY, None)
    learned = refit_detector.judged(PROXY, fitted)
    for language in ("en", "nl"):
        before = refit_detector.figures(rules, language)
        after = refit_detector.figures(learned, language)
        assert after["spearman"] >= before["spearman"], language
        for category in ("blame", "acknowledge", "private_channel", "apology"):
            assert after[category][0] >= before[category][0], (language, category)  # precision
        for category in ("blame", "acknowledge"):
            assert after[category][0] > before[category][0], (language, category)
        f1 = {
            name: 2 * p * r / (p + r)
            for name, (p, r) in (("before", before["blame"]), ("after", after["blame"]))
        }
        assert f1["after"] > f1["before"], language


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
    for path in sorted(DATA.glob("corpus_*.yaml")):
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


def test_judging_a_reply_stays_well_under_two_milliseconds():
    from stormdrill.scoring.evaluate import _context
    from stormdrill.scoring.rubric import assess

    language, cases, replies = load_corpus(PROXY[0])
    items = [(r["reply"], _context(cases[r["case"]], r, language)) for r in replies]
    for text, ctx in items:  # warm: lemmas cached as in a session
        assess(text, ctx)
    start = time.perf_counter()
    for text, ctx in items:
        assess(text, ctx)
    per_reply = (time.perf_counter() - start) / len(items)
    assert per_reply < 0.002
