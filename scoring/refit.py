"""Learned points (scoring/points.py): fitted on the graded corpus, measured by grouped cross-validation.

`python -m stormdrill.scoring.refit [--write] [FILE...]` (default: every tests/data/corpus_*.yaml but the
held-out batch's, `refit_detector.HELD_OUT`) judges each reply
once with the hand-set points, sums the points of its findings per (category, polarity), and fits one factor per (category, polarity)
that multiplies those points, two ways: least squares of the score formula's linear part against the grade
(ridge, shrunk towards 1), and a pairwise rank loss (replies of one file whose grades differ by 10 or more
should be ordered like their grades; shrunk towards 1, factors kept in 0.1-3). Each is fitted on four fifths
of the cases and scores the fifth it never saw (5 folds, grouped by file and case, so a case's replies are
never on both sides), through the real formula (cap at 100, penalties after it, clamp to 0-100). It prints
the out-of-fold Spearman per language and per file beside the hand-set points' figures, and the factors
fitted on everything. `--write` commits the rank loss's factors, fitted on everything, to
scoring/points.json: what the rubric multiplies each finding's points by (PINNED ones stay 1).

Until the twelfth round the hand-set points were kept; fitted without the fourteenth and fifteenth
batches, the rank loss's factors then raised both batches' rank agreement by 0.016-0.032 (docs/scoring.md,
"The twelfth round"), and they are used since. numpy only.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

from . import points as learned
from .evaluate import evaluate, spearman
from .refit_detector import PROXY, training_files

FOLDS = 5
RIDGE = 3000.0  # least squares: how hard the factors are pulled towards 1 (in squared points)
RANK_SHRINK = 1.0  # rank loss: the same, per factor
MIN_GAP = 10.0  # two grades this far apart make a pair the rank loss must order

Key = tuple[str, str]


class Corpus:
    """Every reply judged once: its file, language, case, grade, and its points per (category, polarity)."""

    def __init__(self, paths: list[Path]):
        rows: list[tuple[str, str, str, float, dict[Key, float]]] = []
        learned.OVERRIDE = {}  # the hand-set points, which the factors multiply
        try:
            evaluations = [evaluate(path) for path in paths]
        finally:
            learned.OVERRIDE = None
        for path, ev in zip(paths, evaluations, strict=True):
            for j in ev.judged:
                points: dict[Key, float] = {}
                for f in j.verdict.findings:
                    key = (f.category, f.polarity)
                    points[key] = points.get(key, 0.0) + f.points
                rows.append((path.stem, ev.language, j.case, j.grade, points))
        self.keys: list[Key] = sorted({k for *_, p in rows for k in p})
        index = {k: i for i, k in enumerate(self.keys)}
        self.x = np.zeros((len(rows), len(self.keys)))
        for r, (*_, points) in enumerate(rows):
            for k, v in points.items():
                self.x[r, index[k]] = v
        self.file = np.array([r[0] for r in rows])
        self.language = np.array([r[1] for r in rows])
        self.grade = np.array([r[3] for r in rows])
        cases = sorted({(r[0], r[2]) for r in rows})
        random.Random(0).shuffle(cases)
        fold = {c: i % FOLDS for i, c in enumerate(cases)}
        self.fold = np.array([fold[(r[0], r[2])] for r in rows])
        self.penalty = np.array([p == "penalty" for _, p in self.keys])
        self.pinned = np.array([f"{c} {p}" in learned.PINNED for c, p in self.keys])

    def score(self, rows: np.ndarray, factors: np.ndarray) -> np.ndarray:
        """The reply's score with every (category, polarity)'s points multiplied by its factor."""
        x = self.x[rows]
        up = x[:, ~self.penalty] @ factors[~self.penalty]
        down = x[:, self.penalty] @ factors[self.penalty]
        return np.clip(np.minimum(100.0, 50.0 + up) + down, 0.0, 100.0)

    def least_squares(self, rows: np.ndarray) -> np.ndarray:
        x, n = self.x[rows], len(self.keys)
        a = x.T @ x + RIDGE * np.eye(n)
        b = x.T @ (self.grade[rows] - 50.0) + RIDGE * np.ones(n)
        return np.linalg.solve(a, b)

    def rank_loss(self, rows: np.ndarray, steps: int = 300) -> np.ndarray:
        better, worse = [], []
        for name in sorted(set(self.file[rows])):
            mine = rows[self.file[rows] == name]
            a, b = np.meshgrid(mine, mine, indexing="ij")
            pair = (self.grade[a] - self.grade[b]) >= MIN_GAP
            better.append(a[pair])
            worse.append(b[pair])
        diff = self.x[np.concatenate(better)] - self.x[np.concatenate(worse)]
        factors = np.ones(len(self.keys))
        temperature = 10.0  # points: a pair ordered by this much counts as well ordered
        for _ in range(steps):
            margin = diff @ factors / temperature
            weight = 1.0 / (1.0 + np.exp(margin))
            grad = -(diff * weight[:, None]).mean(0) / temperature
            grad += RANK_SHRINK * (factors - 1.0) / len(self.keys) * 0.01
            factors = np.clip(factors - 2.5 * grad, 0.1, 3.0)
            factors[self.pinned] = 1.0
        return factors

    def cross_validated(self, fit: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
        """Each reply scored by factors fitted on the folds its case is not in."""
        out = np.zeros(len(self.grade))
        for k in range(FOLDS):
            train, test = np.where(self.fold != k)[0], np.where(self.fold == k)[0]
            out[test] = self.score(test, fit(train))
        return out

    def by_file(self, fit: Callable[[np.ndarray], np.ndarray], held: np.ndarray) -> np.ndarray:
        """The `held` replies scored by factors fitted on every other file's."""
        out = np.zeros(len(self.grade))
        for name in sorted(set(self.file[held])):
            test = np.where(self.file == name)[0]
            out[test] = self.score(test, fit(np.where(self.file != name)[0]))
        return out


def out_of_sample(corpus: Corpus, proxy: str) -> None:
    """Spearman per language the way the detectors are chosen (docs/scoring.md): (a) fitted without
    the proxy batch's files, judged on them; (b) each file judged by a fit on the others (mean over files)."""
    everything = np.arange(len(corpus.grade))
    hand = corpus.score(everything, np.ones(len(corpus.keys)))
    in_proxy = np.char.startswith(corpus.file.astype(str), proxy)
    fits = {"least squares": corpus.least_squares, "rank loss": corpus.rank_loss}
    print(f"\n{'':<34}{'hand-set points':>16}" + "".join(f"{n:>16}" for n in fits))
    for language in sorted(set(corpus.language)):
        mine = corpus.language == language
        held = np.where(in_proxy & mine)[0]
        if len(held):
            a = [_rho(corpus, hand, held)]
            for fit in fits.values():
                scores = np.zeros(len(corpus.grade))
                scores[held] = corpus.score(held, fit(np.where(~in_proxy)[0]))
                a.append(_rho(corpus, scores, held))
            print(f"{f'(a) {proxy}_{language}':<34}" + "".join(f"{v:>16.3f}" for v in a))
        files = sorted(set(corpus.file[mine]))
        b = [np.mean([_rho(corpus, hand, np.where(corpus.file == f)[0]) for f in files])]
        for fit in fits.values():
            scores = corpus.by_file(fit, np.where(mine)[0])
            b.append(np.mean([_rho(corpus, scores, np.where(corpus.file == f)[0]) for f in files]))
        print(f"{f'(b) leave one file out, {language}':<34}" + "".join(f"{v:>16.3f}" for v in b))


def _rho(corpus: Corpus, scores: np.ndarray, rows: np.ndarray) -> float:
    return spearman(scores[rows], corpus.grade[rows])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m stormdrill.scoring.refit",
        description="Fit the points' factors to the graded corpus (scoring/points.json).",
    )
    parser.add_argument(
        "files", nargs="*", type=Path, help="corpus files (default: the training files)"
    )
    parser.add_argument("--write", action="store_true", help="fit on every file, write points.json")
    args = parser.parse_args(argv)
    write = args.write
    paths = args.files or training_files()
    corpus = Corpus(paths)
    if write:
        fitted = corpus.rank_loss(np.arange(len(corpus.grade)))
        table = {
            f"{c} {p}": round(float(v), 2) for (c, p), v in zip(corpus.keys, fitted, strict=True)
        }
        learned.FACTORS.write_text(
            json.dumps(table, indent=0, sort_keys=True) + "\n", encoding="utf-8"
        )
        print(f"wrote {learned.FACTORS}")
        return 0
    everything = np.arange(len(corpus.grade))
    columns = {
        "hand-set points": corpus.score(everything, np.ones(len(corpus.keys))),
        "least squares (CV)": corpus.cross_validated(corpus.least_squares),
        "rank loss (CV)": corpus.cross_validated(corpus.rank_loss),
    }
    print(f"{'Spearman':<28}" + "".join(f"{name:>20}" for name in columns))
    groups = [(f"all {lang}", corpus.language == lang) for lang in sorted(set(corpus.language))]
    groups += [(name, corpus.file == name) for name in sorted(set(corpus.file))]
    for label, mask in groups:
        cells = "".join(f"{spearman(s[mask], corpus.grade[mask]):>20.3f}" for s in columns.values())
        print(f"{label:<28}{cells}")
    out_of_sample(corpus, PROXY)
    print("\nfactors fitted on everything (least squares, rank loss):")
    for key, a, b in zip(
        corpus.keys, corpus.least_squares(everything), corpus.rank_loss(everything), strict=True
    ):
        print(f"  {key[0] + ' ' + key[1]:<32}{a:6.2f}{b:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
