"""Fit the learned detectors (scoring/detector.py) on the graded corpus and measure them out of sample.

`python -m scoring.refit_detector [--write] [--l2 X]` reads every tests/data/corpus_*.yaml but the
sixty-first batch's (`HELD_OUT`), judges each reply once with the phrase rules alone,
and for each language and category of DETECTED fits a logistic regression on the reply's features
(labels: the grader's). It prints, per language and category, precision and recall of the rules
alone and of the detector, and the Spearman of the whole score, two ways, both out of sample: (a)
fitted on every file except corpus_holdout60_*, judged on corpus_holdout60_* (the last batch
learned from, written blind; `PROXY`); (b) leave one file out over all files. `--write` then fits
on every file and writes scoring/detector.json, and (a)'s weights to scoring/detector_proxy.json.
Needs numpy only; with (a) and --write (`--skip b`) it takes about a quarter of an hour on two cores
(sixty batches learned from), growing with each batch."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import detector
from .evaluate import TARGET_CATEGORIES, Evaluation, Judged, evaluate, spearman

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
LANGUAGES = ("en", "nl")
L2 = 3.0
THRESHOLD = 0.35
MIN_WORDS = detector.MIN_WORDS
# The proxy for the next blind batch in choosing settings, (a): fitted without it, judged on it.
PROXY = "corpus_holdout60"
# The sixty-first batch, written blind while the sixtieth was learned from, is kept out of every fit: it
# stays a measure of replies to cases nothing here has learned from (docs/scoring.md).
HELD_OUT = ("corpus_holdout61_",)
# (a)'s weights, written beside detector.json by --write: the tests judge the proxy with them instead
# of fitting all 28 detectors again (they refit one to check the file is what the refit produces).
PROXY_WEIGHTS = Path(__file__).resolve().parent / "detector_proxy.json"


def training_files(data: Path = DATA) -> list[Path]:
    """The graded corpus files a fit may learn from: every corpus_*.yaml in `data` but HELD_OUT's."""
    return [p for p in sorted(data.glob("corpus_*.yaml")) if not p.stem.startswith(HELD_OUT)]


# The categories a detector decides: every target category (non_apology and public_personal_data since
# the fourth batch was fitted on: out of sample they now beat the rules), and since the seventh round the
# rest of what moves a reply's score, where the phrase rules find too much (a solution: "today", "review")
# or too little (deflection, an empty promise): docs/scoring.md, "The seventh round".
DETECTED = (
    *TARGET_CATEGORIES,
    "solution",
    "explanation",
    "ownership",
    "deflection",
    "patronising",
    "sales",
    *detector.LATE,
)
# Where a language's detector decides at another probability than THRESHOLD, or weighs replies shorter
# than detector.MIN_WORDS: each chosen by leave-one-file-out alone (b), the best F1 of its category,
# ties to the default; chosen again after the relabelling (docs/scoring.md, "The sixth round").
PER = (
    ("en", "apology", "threshold", 0.4),
    ("en", "acknowledge", "threshold", 0.35),
    ("nl", "apology", "threshold", 0.45),
    ("nl", "non_apology", "threshold", 0.3),
    ("nl", "acknowledge", "threshold", 0.3),
    ("nl", "private_channel", "threshold", 0.5),
    # the seventh round's categories, chosen the same way; a solution the rules found is withdrawn only
    # under 0.3, not at the threshold: "ik heb je omgeboekt ... het hotel betalen wij" (p 0.46) kept its
    # finding, for 0.01 of F1 on (b)
    ("en", "solution", "withdraw", 0.3),
    ("nl", "solution", "withdraw", 0.4),
    ("en", "solution", "threshold", 0.45),
    ("en", "sales", "threshold", 0.2),
    ("en", "speculation", "threshold", 0.35),
    # 0.45 gave the best F1 in (b) by 0.008, but lost 0.05 on the tenth batch (a) and let the grading
    # guide's DM macro ("... we'll look at your line right away", graded like 60) score 70, not 64;
    # 0.3 since the eleventh round (below)
    ("en", "empty_promise", "threshold", 0.3),
    ("nl", "solution", "threshold", 0.4),
    ("nl", "patronising", "threshold", 0.2),
    ("nl", "sales", "threshold", 0.3),
    ("nl", "empty_promise", "threshold", 0.35),
    # the eighth round, with the ninth and tenth batches learned from: chosen again by (b) where the
    # best F1 gained 0.005 or more (docs/scoring.md, "The eighth round"). An English non-apology the
    # rules found is never withdrawn ("apologies if ...", "sorry if there's been a mix-up": the
    # detector withdrew one in six on the tenth batch), and is added at 0.4 as before (at the best
    # F1's 0.15, "sorry for any inconvenience this may have caused" became one). A short reply
    # (`short_words` up to MIN_WORDS) gets a detector's finding only at `short_threshold`, and never
    # loses the rules' one.
    ("en", "non_apology", "threshold", 0.4),
    ("en", "non_apology", "withdraw", 0.0),
    ("en", "blame", "short_words", 6),
    ("en", "blame", "short_threshold", 0.6),
    ("nl", "blame", "threshold", 0.35),
    ("en", "public_personal_data", "threshold", 0.3),
    ("en", "public_personal_data", "short_words", 8),
    ("en", "public_personal_data", "short_threshold", 0.6),
    ("nl", "public_personal_data", "threshold", 0.3),
    ("nl", "public_personal_data", "withdraw", 0.25),
    ("nl", "public_personal_data", "short_words", 6),
    ("nl", "public_personal_data", "short_threshold", 0.6),
    ("en", "explanation", "threshold", 0.5),
    ("en", "explanation", "withdraw", 0.15),
    ("en", "ownership", "threshold", 0.45),
    ("en", "ownership", "withdraw", 0.1),
    ("en", "patronising", "threshold", 0.3),
    ("en", "patronising", "withdraw", 0.25),
    ("nl", "explanation", "withdraw", 0.15),
    ("nl", "ownership", "threshold", 0.4),
    ("nl", "ownership", "withdraw", 0.25),
    ("nl", "deflection", "threshold", 0.25),
    ("nl", "speculation", "threshold", 0.25),
    # the ninth round, with the eleventh batch learned from: chosen again the same way (docs/scoring.md,
    # "The ninth round"); Dutch blame back to 0.35, which the eleventh batch (precision 0.76 at 0.25)
    # and leaving one file out both preferred. Changed in place above: en acknowledge 0.45 -> 0.35,
    # en ownership 0.35 -> 0.45, en blame 0.35 -> 0.3 (below), nl blame 0.25 -> 0.35, nl solution
    # 0.5 -> 0.35, nl patronising 0.2 -> 0.3, nl sales 0.1 -> 0.15, nl empty promise 0.3 -> 0.4, nl
    # ownership 0.4 -> 0.5. Not Dutch blame in short replies (+0.003 of F1): it read the rule tests'
    # look-alikes "Met een OV-chipkaart kunt u de volgende keer gewoon instappen" as blame
    ("nl", "explanation", "threshold", 0.45),
    ("nl", "empty_promise", "withdraw", 0.15),
    ("nl", "sales", "withdraw", 0.05),
    ("nl", "patronising", "withdraw", 0.2),
    ("en", "blame", "threshold", 0.3),
    # the tenth round, with the twelfth batch learned from: chosen again the same way (docs/scoring.md,
    # "The tenth round"); no target category's best F1 gained 0.005. Changed in place above: en
    # patronising 0.3 -> 0.25, nl ownership 0.5/0.15 -> 0.4/0.25 (threshold/withdraw), nl speculation
    # 0.25 -> 0.2, nl solution 0.35/0.3 -> 0.4/0.4. Not en empty promise at 0.35 (+0.011 leaving one
    # file out, -0.027 on the twelfth batch; the DM macro, above)
    ("en", "deflection", "threshold", 0.25),
    ("en", "deflection", "withdraw", 0.15),
    ("nl", "speculation", "withdraw", 0.15),
    # the eleventh round, with the thirteenth batch learned from: chosen again the same way
    # (docs/scoring.md, "The eleventh round"). Changed in place: en personal data 0.2 -> 0.3, en
    # deflection 0.3 -> 0.25 (above), nl deflection 0.3 -> 0.25, en patronising 0.25 -> 0.3 (back),
    # nl patronising 0.3 -> 0.2, en sales 0.15 -> 0.2, nl sales 0.15 -> 0.3, en speculation 0.25 ->
    # 0.35 (withdraw 0.15, below), nl speculation 0.2 -> 0.25 (back), en empty promise 0.25 -> 0.3,
    # nl empty promise 0.4 -> 0.35. Not nl blame at 0.3 (+0.005): blame precision on the Dutch fresh
    # dev file fell under its floor (0.92 against 0.95)
    ("en", "speculation", "withdraw", 0.15),
)


@dataclass
class Row:
    file: str
    language: str
    labels: frozenset[str]
    features: dict[str, float]  # read before any detector decides: "r:" the rules' own findings
    # read after the facts check; None where they were not (`judged_with_rows`)
    late_features: dict[str, float] | None

    def features_for(self, category: str) -> dict[str, float]:
        if category not in detector.LATE:
            return self.features
        assert self.late_features is not None, f"{self.file}: no LATE features read"
        return self.late_features


def collect(paths: list[Path]) -> list[Row]:
    """Every reply judged by the rules alone, with the detector's features recorded where it would decide."""
    rows: list[Row] = []
    for path in paths:
        ev, features, late = _judge_recording(path, rules_alone=True)
        rows += [
            Row(path.stem, ev.language, j.labels, feats, after)
            for j, feats, after in zip(ev.judged, features, late, strict=True)
        ]
    return rows


def judged_with_rows(path: Path) -> tuple[Evaluation, list[Row]]:
    """A file judged end to end with the committed detectors, and its rows for refitting the word-level
    ones from that same pass: their features are read before any detector decides, so they are what
    `collect` reads with the rules alone (identical on all 38,213 graded replies, through the forty-eighth batch).
    The LATE detectors' features are not: they follow the word-level detectors' decisions."""
    ev, features, _ = _judge_recording(path, rules_alone=False)
    rows = [
        Row(path.stem, ev.language, j.labels, feats, None)
        for j, feats in zip(ev.judged, features, strict=True)
    ]
    return ev, rows


def _judge_recording(
    path: Path, rules_alone: bool
) -> tuple[Evaluation, list[dict[str, float]], list[dict[str, float]]]:
    """A file judged with the detector's features recorded for each reply, where the word-level detectors and
    the LATE ones would decide; with `rules_alone`, no detector decides anything."""
    detector.ENABLED, detector.RECORD, detector.RECORD_LATE = not rules_alone, [], []
    try:
        ev = evaluate(path)
        features, late = detector.RECORD, detector.RECORD_LATE
    finally:
        detector.ENABLED, detector.RECORD, detector.RECORD_LATE = True, None, None
    assert len(features) == len(late) == len(ev.judged), path
    return ev, features, late


WITHDRAW = None  # under this probability a rule's finding is withdrawn (None: the threshold)
# Categories whose detector only adds: it never withdraws what the rules found. An acknowledgement
# detector learns from the corpus that a reply asking for a DM and a customer number seldom
# acknowledges (curt "DM us your number" replies are common there), and then withdrew the grading
# guide's own examples ("I can imagine you're fed up…", "that's frustrating, sorry") from replies
# that also invite to DM: a wrong a trainer sees at once, for +0.09 precision on one batch.
ADD_ONLY = ("acknowledge",)
RULE_SHRINK = 3.0  # how hard the rules' own finding is pulled towards 0 (the words: L2)


@dataclass(frozen=True)
class Settings:
    l2: float = L2
    threshold: float = THRESHOLD
    rule_shrink: float = RULE_SHRINK
    withdraw: float | None = WITHDRAW
    drop: tuple[str, ...] = ()  # feature prefixes left out (experiments: "r:", "y:", ...)
    # (language, category, "threshold" | "min_words" | "l2" | "withdraw" | "short_words" |
    # "short_threshold", value) where they differ
    per: tuple[tuple[str, str, str, float], ...] = PER

    def get(self, language: str, category: str, name: str, default: float) -> float:
        for lang, cat, key, value in self.per:
            if (lang, cat, key) == (language, category, name):
                return value
        return default


def fit_logistic(
    rows: list[dict[str, float]],
    labels: Iterable[int],
    l2: float,
    min_count: int = 4,
    smallest: float = 0.05,
    free: tuple[str, ...] = (),
    free_shrink: float = 1e-3,
) -> dict[str, float]:
    """L2-regularised logistic regression by Newton steps, each solved by conjugate gradients on the
    sparse feature matrix (a reply has a hundred or so of the thousands of features: a dense solve took
    ten times as long for the same weights). Features seen in fewer than `min_count` replies are left
    out, and weights under `smallest` dropped, so the weights file stays small. The `free` features are
    shrunk by `free_shrink` instead of `l2`."""
    y = np.array(list(labels), dtype=float)
    counts: dict[str, int] = {}
    for r in rows:
        for k in r:
            counts[k] = counts.get(k, 0) + 1
    names = sorted(k for k, c in counts.items() if c >= min_count or k == "bias")
    index = {k: i for i, k in enumerate(names)}
    # the matrix as (row, column, value) triples, row by row; every row has its bias, every column
    # `min_count` rows, so each product sums runs of cells (reduceat: twice as fast as bincount here)
    cells = [(i, index[k], v) for i, r in enumerate(rows) for k, v in r.items() if k in index]
    row_of, col, val = (np.array(a) for a in zip(*cells, strict=True))
    d = len(names)
    row_starts = np.flatnonzero(np.r_[True, row_of[1:] != row_of[:-1]])
    by_col = np.argsort(col, kind="stable")
    col_row, col_val = row_of[by_col], val[by_col]
    col_starts = np.flatnonzero(np.r_[True, np.diff(col[by_col]) != 0])
    assert len(row_starts) == len(rows) and len(col_starts) == d

    def times(w: np.ndarray) -> np.ndarray:  # X w
        return np.add.reduceat(val * w[col], row_starts)

    def times_t(v: np.ndarray) -> np.ndarray:  # X^T v
        return np.add.reduceat(col_val * v[col_row], col_starts)

    w = np.zeros(d)
    penalty = np.full(d, l2)
    penalty[index["bias"]] = 1e-3  # the intercept is not shrunk
    for name in free:  # the rules' own finding: shrunk less than the words
        if name in index:
            penalty[index[name]] = free_shrink
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(times(w), -30, 30)))
        grad = times_t(p - y) + penalty * w
        s = p * (1 - p)
        # the Newton step solves (X^T S X + D) step = grad; preconditioned by its diagonal
        diagonal = np.bincount(col, weights=val * val * s[row_of], minlength=d) + penalty
        step, residual = np.zeros(d), grad.copy()
        z = residual / diagonal
        direction, rz = z.copy(), residual @ z
        for _ in range(300):
            h = times_t(s * times(direction)) + penalty * direction
            a = rz / (direction @ h)
            step += a * direction
            residual -= a * h
            # an inexact Newton step: solved to 1e-4 of the gradient, the outer loop still converges to the
            # same weights (the committed ones to the third decimal), in 60% of the time of 1e-9 absolute
            if np.abs(residual).max() < 1e-4 * np.abs(grad).max():
                break
            z = residual / diagonal
            rz, rz_before = residual @ z, rz
            direction = z + (rz / rz_before) * direction
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return {k: round(float(v), 3) for k, v in zip(names, w, strict=True) if abs(v) >= smallest}


def fit(
    rows: list[Row],
    settings: Settings = Settings(),
    languages: Iterable[str] = LANGUAGES,
    categories: Iterable[str] = DETECTED,
) -> dict:
    """{language: {category: {"threshold", "withdraw", "min_words", "weights"}}} fitted on `rows`."""
    out: dict = {}
    for language in languages:
        mine = [r for r in rows if r.language == language]
        out[language] = {}
        for category in categories:
            own = "r:" + category
            weights = fit_logistic(
                [
                    {
                        k: v
                        for k, v in r.features_for(category).items()
                        if k == own or not k.startswith(settings.drop)
                    }
                    for r in mine
                ],
                [category in r.labels for r in mine],
                settings.get(language, category, "l2", settings.l2),
                free=(own,),
                free_shrink=settings.rule_shrink,
            )
            threshold = settings.get(language, category, "threshold", settings.threshold)
            withdraw = settings.get(
                language,
                category,
                "withdraw",
                threshold if settings.withdraw is None else settings.withdraw,
            )
            out[language][category] = {
                "threshold": threshold,
                "withdraw": 0.0 if category in ADD_ONLY else withdraw,
                "min_words": int(settings.get(language, category, "min_words", MIN_WORDS)),
                "weights": weights,
            }
            short = settings.get(language, category, "short_words", 0)
            if short:  # shorter replies: the detector only adds, at `short_threshold`
                out[language][category]["short_words"] = int(short)
                out[language][category]["short_threshold"] = settings.get(
                    language, category, "short_threshold", 1.0
                )
    return out


def proxy_training(rows: list[Row]) -> list[Row]:
    """The rows of every training file but the proxy's: what (a) and PROXY_WEIGHTS are fitted on."""
    return [r for r in rows if not r.file.startswith(PROXY)]


def judged(paths: list[Path], fitted: dict | None) -> dict[str, tuple[str, list[Judged]]]:
    """Per file: its language and its replies judged end to end with `fitted` (None: the rules alone)."""
    out: dict[str, tuple[str, list[Judged]]] = {}
    detector.OVERRIDE, detector.ENABLED = fitted, fitted is not None
    try:
        for path in paths:
            ev = evaluate(path)
            out[path.stem] = (ev.language, ev.judged)
    finally:
        detector.OVERRIDE, detector.ENABLED = None, True
    return out


def figures(results: dict[str, tuple[str, list[Judged]]], language: str) -> dict:
    """Spearman (mean over the language's files) and P/R per target category (pooled), for one language."""
    judged_ = [(f, j) for f, (lang, js) in results.items() if lang == language for j in js]
    per_file = [
        spearman(
            np.array([j.verdict.score for j in js]), np.array([j.grade for j in js], dtype=float)
        )
        for lang, js in results.values()
        if lang == language
    ]
    out: dict = {"spearman": float(np.mean(per_file))}
    for category in DETECTED:
        tp = sum(1 for _, j in judged_ if category in j.labels and category in j.found)
        fp = sum(1 for _, j in judged_ if category not in j.labels and category in j.found)
        fn = sum(1 for _, j in judged_ if category in j.labels and category not in j.found)
        out[category] = (
            tp / (tp + fp) if tp + fp else float("nan"),
            tp / (tp + fn) if tp + fn else float("nan"),
        )
    return out


def show(title: str, before: dict, after: dict) -> None:
    print(f"\n{title}")
    for language in LANGUAGES:
        b, a = figures(before, language), figures(after, language)
        print(f"  {language}  Spearman {b['spearman']:.3f} -> {a['spearman']:.3f}")
        for category in DETECTED:
            (bp, br), (ap, ar) = b[category], a[category]
            print(
                f"    {category:<22} P/R rules {bp:.2f}/{br:.2f}   with detector {ap:.2f}/{ar:.2f}"
            )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m scoring.refit_detector")
    parser.add_argument(
        "--write", action="store_true", help="fit on every file, write detector.json"
    )
    parser.add_argument("--l2", type=float, default=L2)
    parser.add_argument(
        "--threshold", type=float, help="one threshold for every detector (default: PER's)"
    )
    parser.add_argument("--drop", action="append", default=[])
    parser.add_argument("--rule-shrink", type=float, default=RULE_SHRINK)
    parser.add_argument("--withdraw", type=float, default=WITHDRAW)
    parser.add_argument("--skip", choices=("a", "b"), action="append", default=[])
    args = parser.parse_args(argv)
    settings = Settings(
        args.l2,
        THRESHOLD if args.threshold is None else args.threshold,
        args.rule_shrink,
        args.withdraw,
        tuple(args.drop),
        per=PER if args.threshold is None else (),
    )
    paths = training_files()
    rows = collect(paths)
    rules = judged(paths, None)
    without_proxy = None
    if "a" not in args.skip:
        held = [p for p in paths if p.stem.startswith(PROXY)]
        without_proxy = fit(proxy_training(rows), settings)
        show(
            f"(a) fitted without {PROXY}_*, judged on it",
            {k: v for k, v in rules.items() if k.startswith(PROXY)},
            judged(held, without_proxy),
        )
    if "b" not in args.skip:
        after: dict = {}
        for path in paths:
            language = next(r.language for r in rows if r.file == path.stem)
            fitted = fit([r for r in rows if r.file != path.stem], settings, (language,))
            after.update(judged([path], fitted))
        show("(b) leave one file out", rules, after)
    if args.write:
        if without_proxy is None:
            without_proxy = fit(proxy_training(rows), settings)
        for path, fitted in (
            (detector.WEIGHTS, fit(rows, settings)),
            (PROXY_WEIGHTS, without_proxy),
        ):
            path.write_text(json.dumps(fitted, indent=0, sort_keys=True) + "\n", encoding="utf-8")
            print(f"\nwrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
