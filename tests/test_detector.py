"""The learned detectors (scoring/detector.py): they beat the phrase rules on cases no rule was written on,
their committed weights are what the refit produces, and their findings quote the reply and explain themselves."""

from __future__ import annotations

import json
import math
import re

import pytest
from stormdrill.scoring import detector, refit_detector
from stormdrill.scoring.evaluate import TARGET_PR, load_corpus
from stormdrill.scoring.rubric import assess
from stormdrill.simulator.assessment import ReplyContext

from tests.test_corpus import DATA

from .conftest import CORPUS_FITS, detector_rows, judged_file

PROXY = sorted(DATA.glob(f"{refit_detector.PROXY}_*.yaml"))
# Wording the corpus's graders split on, in so many words: a reply with it counts neither for nor against a
# detector of that category below. The Dutch form letter "wij vinden het vervelend dat u niet tevreden bent"
# is labelled a non-apology in 144 of the 199 graded replies with it before the fifty-sixth batch, whose
# writers labelled none of their six (its second grader labelled 13 non-apologies to their 5);
# docs/grading-guide.md does not settle it.
SPLIT = {
    ("nl", "non_apology"): re.compile(
        r"\b(vervelend|jammer|betreuren)\b[^.!?]{0,40}\b(niet tevreden|ontevreden|niet naar wens|"
        r"niet aan (je|uw|jouw) verwachtingen)",
        re.IGNORECASE,
    )
}


@pytest.fixture(scope="module")
def rows():
    """Every training file's rows for the word-level detectors, read while tests/test_corpus.py judges it (on the
    same worker: CORPUS_FITS); the refit's own rules-alone pass (`collect`) reads the same features."""
    return [row for path in refit_detector.training_files() for row in detector_rows(path)]


@pytest.fixture(scope="module")
def judged_training():
    """Every training file judged end to end with the committed weights (shared with tests/test_corpus.py
    on the same worker: CORPUS_FITS)."""
    return {
        path.stem: (evaluation.language, evaluation.judged)
        for path in refit_detector.training_files()
        for evaluation in [judged_file(path)]
    }


def _committed(path=detector.WEIGHTS) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_fitted_without_the_last_blind_batch_it_judges_that_batch_better_than_the_rules():
    """With the weights fitted on every training file but the proxy's (refit_detector.PROXY_WEIGHTS,
    checked to be what the refit produces below)."""
    fitted = _committed(refit_detector.PROXY_WEIGHTS)
    rules = refit_detector.judged(PROXY, None)
    learned = refit_detector.judged(PROXY, fitted)

    def f1(pr):  # nothing found (precision NaN) or nothing right: 0
        p, r = (0.0 if math.isnan(x) else x for x in pr)
        return 2 * p * r / (p + r) if p + r else 0.0

    def counts(results, language, category):
        """(right, wrong) findings of the category: found and labelled, found and not labelled (the
        wording its graders split on left out)."""
        split = SPLIT.get((language, category))
        judged = [
            j
            for lang, js in results.values()
            if lang == language
            for j in js
            if split is None or not split.search(j.text)
        ]
        found = [category in j.labels for j in judged if category in j.found]
        return sum(found), len(found) - sum(found)

    for language in ("en", "nl"):
        before = refit_detector.figures(rules, language)
        after = refit_detector.figures(learned, language)
        assert after["spearman"] > before["spearman"], language
        for category in (
            "public_personal_data",
            "solution",
        ):  # what the rules got wrong most: the detector adds to them, or they already meet the target
            # and it keeps that (data asked in public on the eighteenth batch: 0.90/0.90 by the rules alone;
            # on the forty-ninth, nl: 1.00/1.00 by the rules, one of whose rules was written from its one
            # miss, and 1.00/0.86 with the detector, which had not seen that wording). Blame is held to
            # its own measure below: more of it found for a few points of precision (on the fifty-ninth
            # batch, en: 0.71/0.78 by the rules, 0.67/0.86 with the detector, F1 +0.01)
            gained = f1(after[category]) > f1(before[category]) + 0.03
            kept = min(f1(after[category]), f1(before[category])) >= TARGET_PR
            assert gained or kept, (language, category, before[category], after[category])
        assert after["public_personal_data"][0] >= before["public_personal_data"][0], language
        # blame: more of it found (+0.30 en, +0.25 nl on the eleventh batch, +0.11 and +0.19 on the
        # nineteenth), for at most a few points of precision. The bar is lower than it was (+0.15): each
        # round's rules are written from the proxy's misreadings, so the rules alone catch more of it.
        # A solution: the rules' single words ("today", "review") withdrawn.
        assert after["blame"][1] > before["blame"][1] + 0.05, language
        assert after["blame"][0] >= before["blame"][0] - 0.05, language
        assert after["solution"][0] > before["solution"][0], language
        # Speculation swings from batch to batch: on the tenth, English gained (F1 0.34 -> 0.59) and
        # Dutch lost (0.40 -> 0.31); on the eleventh, Dutch gained (0.36 -> 0.60) and English held
        # (0.58 -> 0.57). Like every other category it is held to "no worse, within a reply or two".
        assert after["deflection"][1] >= before["deflection"][1], language
        for category in refit_detector.DETECTED:  # none worse, within a reply or two
            right, wrong = counts(rules, language, category)
            right_after, wrong_after = counts(learned, language, category)
            # a rare category may lose a right finding or two, and gain one wrong one (patronising on the
            # nineteenth, en: 1 right and 6 wrong by the rules, 0 right and 3 wrong with the detector; on
            # the twenty-second, nl: 4 and 4 by the rules, 3 and 5 with it: one reply each way of 15; on
            # the thirtieth, nl non-apology: 8 and 0 by the rules, 8 and 2 with it, both "het spijt ons te
            # horen dat uw verblijf / ervaring niet …", which the graders of every file split on, 5 to 6;
            # on the thirty-seventh, nl patronising: 3 right and 6 wrong by the rules, 3 and 9 with it, among
            # them "wij zijn niet bureaucratisch: wij volgen gewoon de regels", which reads as talking down:
            # half again as many wrong ones at most; on the fifty-sixth, nl non-apology: 4 right and 1 wrong by
            # the rules, 4 and 7 with it, six of them the form letter in SPLIT)
            within = right - right_after <= 2 and wrong_after <= wrong + max(2, wrong // 2)
            worse = f1(after[category]) < f1(before[category]) - 0.02
            assert not worse or within, (language, category, before[category], after[category])
        # the acknowledgement detector only adds (refit_detector.ADD_ONLY): more found
        assert after["acknowledge"][1] > before["acknowledge"][1], language


@CORPUS_FITS
def test_an_acknowledgement_the_rules_find_is_never_withdrawn(rows, judged_training):
    committed = _committed()
    assert all(committed[language]["acknowledge"]["withdraw"] == 0.0 for language in committed)
    found = {(name, i) for name, i, r in _numbered(rows) if "r:acknowledge" in r.features}
    assert len(found) > 300
    after = {
        (name, i)
        for name, (_, js) in judged_training.items()
        for i, j in enumerate(js)
        if "acknowledge" in j.found
    }
    assert found <= after and len(after) > len(found)


def test_the_rows_read_while_judging_are_those_of_the_rules_alone():
    """The tests refit the word-level detectors from the pass that judges the corpus (`rows`); the refit reads
    them with the detectors off (`collect`). Both must see the same reply the same way."""
    path = PROXY[1]
    alone = refit_detector.collect([path])
    evaluation, rows = refit_detector.judged_with_rows(path)
    assert len(rows) == len(alone) == len(evaluation.judged) > 100
    assert [r.features for r in rows] == [r.features for r in alone]
    assert any("r:blame" in r.features for r in rows) and any(r.late_features for r in alone)
    with pytest.raises(AssertionError, match="no LATE features"):
        rows[0].features_for(detector.LATE[0])


def _numbered(rows):
    """Each row beside its index within its own file (the order evaluate() judges them in)."""
    seen: dict[str, int] = {}
    out = []
    for r in rows:
        seen[r.file] = seen.get(r.file, -1) + 1
        out.append((r.file, seen[r.file], r))
    return out


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


@CORPUS_FITS
def test_the_held_out_batch_is_kept_out_of_every_fit(tmp_path, rows):
    for path in sorted(DATA.glob("corpus_*.yaml")):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    names = {p.stem for p in refit_detector.training_files(tmp_path)}
    held_out = {f"corpus_holdout61_{language}" for language in ("en", "nl")}
    assert held_out.isdisjoint(names)
    others = {p.stem for p in DATA.glob("corpus_*.yaml")} - held_out
    assert others <= names and {"corpus_holdout60_en", "corpus_holdout60_nl"} <= names
    assert {r.file for r in rows} == {p.stem for p in refit_detector.training_files()}


@CORPUS_FITS
@pytest.mark.parametrize(
    "weights, checked, languages",
    [
        # two of the target categories the detectors decide most often, one for each file (a refit
        # grows with every batch learned from: three on both took ~2 minutes of the suite; blame and
        # the acknowledgement on detector.json ~65 s by the forty-first batch, when CI neared 10 min;
        # by the forty-fifth, one language for the proxy's file: each fit takes ~11 s)
        (detector.WEIGHTS, ("blame",), refit_detector.LANGUAGES),
        (refit_detector.PROXY_WEIGHTS, ("private_channel",), ("nl",)),
    ],
    ids=["every-file", "without-the-proxy"],
)
def test_the_committed_weights_are_what_the_refit_produces(rows, weights, checked, languages):
    """Spot-checked: target categories the detectors decide most often, refitted each run (all 28
    take minutes; `python -m stormdrill.scoring.refit_detector --write` refits them all), on every
    training file (detector.json) and on all but the proxy's (detector_proxy.json)."""
    committed = _committed(weights)
    if weights == refit_detector.PROXY_WEIGHTS:  # fitted without the proxy's rows
        rows = refit_detector.proxy_training(rows)
    refitted = refit_detector.fit(rows, languages=languages, categories=checked)
    assert set(committed) == set(refit_detector.LANGUAGES) and set(refitted) == set(languages)
    for language, detectors in refitted.items():
        assert set(committed[language]) == set(refit_detector.DETECTED)
        assert set(detectors) == set(checked)
        for category, fitted in detectors.items():
            mine = committed[language][category]["weights"]
            common = set(mine) & set(fitted["weights"])
            assert len(common) >= 0.98 * len(mine), (language, category)
            assert max(abs(mine[k] - fitted["weights"][k]) for k in common) < 0.01


@CORPUS_FITS
def test_a_learned_finding_quotes_a_clause_of_the_reply_and_explains_itself(judged_training):
    seen = set()
    for language, judged in judged_training.values():
        for j in judged:
            for f in j.verdict.findings:
                if f.rule.endswith(".learned"):
                    assert f.span and f.span in j.text
                    assert f.polarity == ("penalty" if f.points < 0 else "earned")
                    word = "team lead" if language == "en" else "teamleider"
                    assert word in f.explanation
                    seen.add((language, f.category))
    assert {language for language, _ in seen} == {"en", "nl"}
    assert {category for _, category in seen} >= {"blame", "acknowledge", "solution", "speculation"}


def test_a_solution_spelled_out_counts_in_both_languages():
    """The solution detector withdraws the rules' single words ("today") where a reply offers nothing,
    but not a rebooking and a paid hotel (refit_detector.PER: withdrawn only under 0.3)."""
    from stormdrill.scoring.evaluate import _context

    for path, text in (
        (
            PROXY[0],
            "I've rebooked you on the 14:05 tomorrow and tonight's hotel is on us; the confirmation"
            " is in your inbox now, Sanne. Sorry for the mess.",
        ),
        (
            PROXY[1],
            "Ik heb je omgeboekt op de trein van 14:05 morgen en het hotel van vannacht betalen wij;"
            " de bevestiging staat in je mail, Sanne.",
        ),
    ):
        language, cases, replies = load_corpus(path)
        context = _context(cases[replies[0]["case"]], replies[0], language)
        verdict = assess(text, context)
        assert verdict.has("solution"), text
        assert not any(
            f.category == "solution" and f.polarity == "missing" for f in verdict.findings
        )


def _blame_detector(bias: float, **extra) -> dict:
    """A stand-in blame detector that is sure (bias 30) or sure of the opposite (-30) of every reply."""
    blame = {"threshold": 0.35, "withdraw": 0.35, "min_words": 15, "weights": {"bias": bias}}
    return {"en": {"blame": blame | extra}}


def _blame(text: str, fitted: dict) -> list[str]:
    from tests.test_rules_depth import ctx

    previous = detector.OVERRIDE
    detector.OVERRIDE = fitted
    try:
        verdict = assess(text, ctx("en"))
    finally:
        detector.OVERRIDE = previous
    return [f.span for f in verdict.findings if f.category == "blame" and f.polarity == "penalty"]


def test_a_short_reply_gets_a_detectors_finding_only_at_its_short_threshold():
    curt = "Bins go out before six."  # five words: no blame phrase in it
    assert _blame(curt, _blame_detector(30.0)) == []  # too short to weigh at all
    assert _blame(curt, _blame_detector(30.0, short_words=4, short_threshold=0.6)) == [curt[:-1]]
    sure_not = _blame_detector(-30.0, short_words=4, short_threshold=0.6)
    assert _blame(curt, sure_not) == []
    # a short reply keeps the rules' blame, however sure the detector is that it is none
    assert _blame("It's in your email.", sure_not) == ["It's in your email"]
    long_one = (
        "Hi Nora, it's in your email from the first of April, and the new price applies to every"
        " member of the club from May."
    )
    assert _blame(long_one, _blame_detector(-30.0)) == []  # a long one: the detector withdraws it


def test_no_detector_adds_back_what_a_rule_cleared():
    cleared = (
        "Priya, you should have had an announcement every 15 minutes on that platform this morning."
        " Sorry."
    )
    neutral = "Priya, the next train leaves at ten past four from platform two, and it has seats."
    sure = _blame_detector(30.0)
    assert _blame(neutral, sure)  # the stand-in adds blame wherever nothing stops it...
    assert _blame(cleared, sure) == []  # ...but not where a rule read "you should have" as ours


@pytest.mark.parametrize("face", detector.MOCKING_FACES)
def test_a_face_that_mocks_the_customer_is_something_the_detectors_weigh(face):
    def weighed(text: str) -> dict[str, float]:
        seen: list[dict[str, float]] = []
        detector.RECORD = seen
        try:
            assess(text, ReplyContext(language="en"))
        finally:
            detector.RECORD = None
        return seen[0]

    assert weighed(f"Your parcel is at the depot {face} Collect it there.").get("e:mock") == 1.0
    assert "e:mock" not in weighed("Your parcel is at the depot 😊👍 Collect it there.")
