"""`stormdrill assess --evaluate FILE`: how far the rubric agrees with a graded corpus of replies.

A corpus file (YAML) holds cases (the customer's post, the case's facts and
policy) and replies, each graded 0–100 by a webcare team lead and labelled with
the categories present in it (format: docs/scoring.md). Every reply is judged
in its own case's context; the figures are the Spearman rank correlation
between the reply's score and its grade, and per category the precision and
recall of "the rubric finds it" against "the grader labelled it".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from stormdrill.scenarios.model import Policy
from stormdrill.scenarios.yamlread import YamlReadError, decode, read
from stormdrill.simulator.assessment import CATEGORIES, ReplyAssessment, ReplyContext

from .rubric import assess

# The categories whose precision and recall must reach TARGET_PR (tests/test_corpus.py).
TARGET_CATEGORIES = (
    "apology",
    "blame",
    "non_apology",
    "private_channel",
    "public_personal_data",
    "acknowledge",
)
TARGET_SPEARMAN = 0.85
TARGET_PR = 0.9
KINDS = ("reply", "dm", "resolve")


class CorpusError(Exception):
    """A corpus file that can't be read: the message says where (file:line:col) and what."""


@dataclass(frozen=True)
class Judged:
    id: str
    case: str
    text: str
    grade: float
    labels: frozenset[str]
    verdict: ReplyAssessment

    @property
    def found(self) -> set[str]:
        return {c for c in CATEGORIES if self.verdict.has(c)}


@dataclass
class Agreement:
    """One category: replies labelled with it and found (tp), found only (fp), labelled only (fn)."""

    tp: list[str] = field(default_factory=list)
    fp: list[str] = field(default_factory=list)
    fn: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        found = len(self.tp) + len(self.fp)
        return len(self.tp) / found if found else None

    @property
    def recall(self) -> float | None:
        labelled = len(self.tp) + len(self.fn)
        return len(self.tp) / labelled if labelled else None


@dataclass
class Evaluation:
    path: str
    language: str
    judged: list[Judged]

    @property
    def spearman(self) -> float:
        scores = np.array([j.verdict.score for j in self.judged], dtype=float)
        grades = np.array([j.grade for j in self.judged], dtype=float)
        return spearman(scores, grades)

    @property
    def categories(self) -> dict[str, Agreement]:
        out: dict[str, Agreement] = {}
        for j in self.judged:
            for category in sorted(j.labels | j.found):
                if category not in CATEGORIES:
                    continue
                agreement = out.setdefault(category, Agreement())
                labelled, found = category in j.labels, category in j.found
                (
                    agreement.tp if labelled and found else agreement.fp if found else agreement.fn
                ).append(j.id)
        return dict(sorted(out.items()))

    def to_dict(self) -> dict:
        return {
            "file": self.path,
            "language": self.language,
            "replies": len(self.judged),
            "spearman": round(self.spearman, 4),
            "categories": {
                name: {
                    "precision": _round(a.precision),
                    "recall": _round(a.recall),
                    "labelled": len(a.tp) + len(a.fn),
                    "found": len(a.tp) + len(a.fp),
                    "false_positives": a.fp,
                    "false_negatives": a.fn,
                }
                for name, a in self.categories.items()
            },
            "judged": [
                {
                    "id": j.id,
                    "grade": j.grade,
                    "score": round(j.verdict.score, 1),
                    "labels": sorted(j.labels),
                    "found": sorted(j.found),
                }
                for j in self.judged
            ],
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def spearman(x: np.ndarray, y: np.ndarray) -> float:
    """Spearman's rank correlation (ties get their average rank)."""
    if len(x) < 2:
        return float("nan")
    rx, ry = _ranks(x), _ranks(y)
    if rx.std() == 0 or ry.std() == 0:
        return float("nan")
    return float(np.corrcoef(rx, ry)[0, 1])


def _ranks(values: np.ndarray) -> np.ndarray:
    order = np.argsort(values, kind="mergesort")
    ranks = np.empty(len(values))
    ranks[order] = np.arange(len(values))
    _, group = np.unique(values, return_inverse=True)
    return (np.bincount(group, ranks) / np.bincount(group))[group]


# ------------------------------------------------------------------ reading a corpus


def evaluate(path: str | Path) -> Evaluation:
    """Judge every reply of a corpus file in its case's context."""
    language, cases, replies = load_corpus(path)
    judged = []
    for reply in replies:
        case = cases[reply["case"]]
        verdict = assess(reply["reply"], _context(case, reply, language))
        labels = frozenset(str(label) for label in reply.get("labels") or ())
        judged.append(
            Judged(
                str(reply["id"]),
                reply["case"],
                reply["reply"],
                float(reply["grade"]),
                labels,
                verdict,
            )
        )
    return Evaluation(str(path), language, judged)


def _context(case: dict, reply: dict, language: str) -> ReplyContext:
    policy_raw = case.get("policy") or {}
    address = policy_raw.get("address", "any")
    policy = Policy.model_validate(
        {"tone": {"address": address}, "forbidden": list(policy_raw.get("forbidden") or [])}
    )
    kind = reply.get("kind", "reply")
    return ReplyContext(
        language=case.get("language", language),
        kind=kind,
        public=kind != "dm",
        topic=case.get("topic"),
        anger=float(case.get("anger", 0.5)),
        at_fault=bool(case.get("at_fault", True)),
        needs_data=bool(case.get("needs_data", False)),
        severity=str(case.get("severity", "medium")),
        first_name=case.get("first_name"),
        policy=policy,
        post=str(case.get("post", "")),
        facts=case.get("facts"),
    )


def load_corpus(path: str | Path) -> tuple[str, dict[str, dict], list[dict]]:
    """The corpus's language, its cases by id and its replies; a CorpusError that says where, if it is broken.
    A file read before and unchanged since is not parsed again (a refit judges each file many times); the
    cases and replies are shared, so treat them as read-only."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError as err:
        raise CorpusError(f"{path}: cannot read it: {err.strerror}") from None
    return _load_corpus(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _load_corpus(path: Path, _mtime: int, _size: int) -> tuple[str, dict[str, dict], list[dict]]:
    try:
        data, marks = read(decode(path.read_bytes()))
    except OSError as err:
        raise CorpusError(f"{path}: cannot read it: {err.strerror}") from None
    except YamlReadError as err:
        first = err.problems[0]
        raise CorpusError(f"{path}:{first.line}:{first.col}: {first.message}") from None

    def fail(where: tuple, message: str) -> CorpusError:
        line, col = marks.value(where)
        return CorpusError(f"{path}:{line}:{col}: {message}")

    if (
        not isinstance(data, dict)
        or not isinstance(data.get("cases"), list)
        or not isinstance(data.get("replies"), list)
    ):
        raise fail(
            (),
            "a corpus has `language`, a list of `cases` and a list of `replies` (docs/scoring.md)",
        )
    language = data.get("language", "en")
    if language not in ("en", "nl"):
        raise fail(("language",), f"language '{language}' is not en or nl")
    cases = {}
    for i, case in enumerate(data["cases"]):
        if not isinstance(case, dict) or "id" not in case:
            raise fail(("cases", i), "each case needs an `id`")
        cases[str(case["id"])] = case
    for i, reply in enumerate(data["replies"]):
        if not isinstance(reply, dict):
            raise fail(
                ("replies", i), "each reply is a mapping with id, case, reply, grade and labels"
            )
        for key in ("id", "case", "reply", "grade"):
            if key not in reply:
                raise fail(("replies", i), f"reply {reply.get('id', i + 1)}: `{key}` is missing")
        if str(reply["case"]) not in cases:
            raise fail(("replies", i, "case"), f"reply {reply['id']}: no case '{reply['case']}'")
        if not isinstance(reply["grade"], int | float) or not 0 <= reply["grade"] <= 100:
            raise fail(
                ("replies", i, "grade"),
                f"reply {reply['id']}: grade '{reply['grade']}' is not 0-100",
            )
        if reply.get("kind", "reply") not in KINDS:
            raise fail(
                ("replies", i, "kind"),
                f"reply {reply['id']}: kind '{reply['kind']}' is not one of {', '.join(KINDS)}",
            )
        reply["case"] = str(reply["case"])
    if not data["replies"]:
        raise fail(("replies",), "no replies to evaluate")
    return language, cases, data["replies"]


# ------------------------------------------------------------------ printing


def report_text(evaluations: list[Evaluation]) -> str:
    lines = []
    for ev in evaluations:
        lines.append(f"{ev.path} · {ev.language} · {len(ev.judged)} replies")
        mark = "ok" if ev.spearman >= TARGET_SPEARMAN else f"below {TARGET_SPEARMAN}"
        lines.append(f"  Spearman (score vs grade): {ev.spearman:.3f}  ({mark})")
        lines.append(
            f"  {'category':<22}{'precision':>10}{'recall':>8}{'labelled':>10}{'found':>7}"
        )
        for name, a in ev.categories.items():
            target = " *" if name in TARGET_CATEGORIES else ""
            lines.append(
                f"  {name + target:<22}{_pct(a.precision):>10}{_pct(a.recall):>8}"
                f"{len(a.tp) + len(a.fn):>10}{len(a.tp) + len(a.fp):>7}"
            )
        lines.append(f"  * target: precision and recall ≥ {TARGET_PR:.0%}")
        lines.append("")
    return "\n".join(lines)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"
