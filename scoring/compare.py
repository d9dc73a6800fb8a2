"""Comparisons: a rewind branch against the session it came from, and a cohort of trainees."""

from __future__ import annotations

from dataclasses import dataclass

from stormdrill.scenarios.durations import format_span

from .i18n import number
from .scorecard import DIMENSIONS, Scorecard, no_real_difference

WORDS = {
    "en": {
        "headline": "{change} kept negative reach {pct} {direction} than the first try ({ours} against {theirs}).",
        "answer": "answering {handle} at {new} instead of {old}",
        "no_answer_then": "answering {handle} at {new} instead of not at all",
        "retry": "this try",
        "lower": "lower",
        "higher": "higher",
        "overall": "Overall {old} → {new} ({diff:+.0f}).",
        "dimension": "{name}: {old} → {new} ({diff:+.0f})",
        "weakest": "The team's weakest dimension: {name} (mean {mean:.0f}).",
        "same_reach": "Negative reach the same as the first try ({ours}).",
    },
    "nl": {
        "headline": "{change} hield het negatieve bereik {pct} {direction} dan de eerste poging ({ours} tegen {theirs}).",
        "answer": "{handle} beantwoorden na {new} in plaats van {old}",
        "no_answer_then": "{handle} beantwoorden na {new} in plaats van helemaal niet",
        "retry": "deze poging",
        "lower": "lager",
        "higher": "hoger",
        "overall": "Totaal {old} → {new} ({diff:+.0f}).",
        "dimension": "{name}: {old} → {new} ({diff:+.0f})",
        "weakest": "De zwakste dimensie van het team: {name} (gemiddeld {mean:.0f}).",
        "same_reach": "Negatief bereik gelijk aan de eerste poging ({ours}).",
    },
}


def branch_comparison(first: Scorecard, retry: Scorecard, language: str = "en") -> list[str]:
    """Sentences comparing a rewind branch with its parent, the headline first."""
    from .i18n import say

    w = WORDS.get(language, WORDS["en"])
    ours = retry.containment["negative_reach"]
    theirs = first.containment["negative_reach"]
    change = _biggest_response_change(first, retry, w) or w["retry"]
    if theirs and ours != theirs:
        pct = abs(ours - theirs) / theirs
        direction = w["lower"] if ours < theirs else w["higher"]
        headline = w["headline"].format(
            change=change,
            pct=f"{pct:.0%}",
            direction=direction,
            ours=number(ours, language),
            theirs=number(theirs, language),
        )
        headline = headline[0].upper() + headline[1:]
    else:
        headline = w["same_reach"].format(ours=number(ours, language))
    lines = [
        headline,
        w["overall"].format(
            old=f"{first.overall:.0f}",
            new=f"{retry.overall:.0f}",
            diff=round(retry.overall) - round(first.overall),
        ),
    ]
    for name in DIMENSIONS:
        old, new = first.dimensions[name].score, retry.dimensions[name].score
        if old is None or new is None or abs(new - old) < 1:
            continue
        lines.append(
            w["dimension"].format(
                name=say(f"dim.{name}", language),
                old=f"{old:.0f}",
                new=f"{new:.0f}",
                diff=round(new) - round(old),
            )
        )
    return lines


def _biggest_response_change(first: Scorecard, retry: Scorecard, w: dict) -> str | None:
    before = {th.id: th for th in first.threads}
    best, best_gain = None, 0.0
    for th in retry.threads:
        old = before.get(th.id)
        if old is None or old.handle != th.handle or th.first_response is None:
            continue
        new_wait = th.first_response - th.created
        old_wait = (old.first_response - old.created) if old.first_response is not None else None
        gain = (old_wait if old_wait is not None else first.played_until - old.created) - new_wait
        if gain > best_gain + 1e-9:
            best_gain = gain
            if old_wait is None:
                best = w["no_answer_then"].format(handle=th.handle, new=format_span(new_wait))
            else:
                best = w["answer"].format(
                    handle=th.handle, new=format_span(new_wait), old=format_span(old_wait)
                )
    return best if best_gain >= 60 else None


class MixedScenarios(ValueError):
    """Logs of different scenarios in one cohort: their scores are not on one scale."""


@dataclass
class Failure:
    dimension: str
    rule: str
    example: str  # one explanation, to say what the rule is about
    times: int  # how often it happened across the cohort
    trainees: int  # how many trainees it happened to


@dataclass
class Cohort:
    cards: list[Scorecard]
    means: dict[str, float | None]
    weakest: str | None
    failures: list[Failure]

    @property
    def scenarios(self) -> list[str]:
        return sorted({card.scenario_id for card in self.cards})

    def ranked(self) -> list[tuple[Scorecard, bool]]:
        """The cards, best overall first, each with whether it differs really from the one above it (False:
        the two are within seed noise of each other, so their order says nothing)."""
        rows = sorted(self.cards, key=lambda card: -card.overall)
        return [
            (card, i == 0 or not no_real_difference(rows[i - 1], card))
            for i, card in enumerate(rows)
        ]


def cohort(cards: list[Scorecard], mixed: bool = False) -> Cohort:
    """A cohort's means per dimension, its weakest dimension and its most common failures. Scores of
    different scenarios are not averaged unless `mixed` says so (MixedScenarios)."""
    scenarios = sorted({card.scenario_id for card in cards})
    if len(scenarios) > 1 and not mixed:
        raise MixedScenarios(
            f"these logs come from {len(scenarios)} scenarios ({', '.join(scenarios)}); their "
            "scores are not on one scale. Compare one scenario at a time, or pass --mixed"
        )
    means: dict[str, float | None] = {}
    for name in DIMENSIONS:
        scores = [score for c in cards if (score := c.dimensions[name].score) is not None]
        means[name] = sum(scores) / len(scores) if scores else None
    weighted = [
        (name, mean)
        for name, mean in means.items()
        if mean is not None and any(c.dimensions[name].weight > 0 for c in cards)
    ]
    weakest = min(weighted, key=lambda item: item[1])[0] if weighted else None
    return Cohort(cards, means, weakest, failures(cards))


def failures(cards: list[Scorecard]) -> list[Failure]:
    """Every rule that cost points, counted across the cohort: how often, and for how many trainees."""
    seen: dict[tuple[str, str], Failure] = {}
    who: dict[tuple[str, str], set[int]] = {}
    for n, card in enumerate(cards):
        for name in DIMENSIONS:
            for f in card.dimensions[name].findings:
                if not (f.points < 0 or f.passed is False):
                    continue
                key = (name, f.rule)
                found = seen.setdefault(key, Failure(name, f.rule, f.explanation, 0, 0))
                found.times += max(1, len(f.threads))
                who.setdefault(key, set()).add(n)
    for key, found in seen.items():
        found.trainees = len(who[key])
    return sorted(seen.values(), key=lambda f: (-f.trainees, -f.times, f.dimension, f.rule))


def weakest_sentence(group: Cohort, language: str = "en") -> str:
    from .i18n import say

    if group.weakest is None:
        return ""
    w = WORDS.get(language, WORDS["en"])
    return w["weakest"].format(
        name=say(f"dim.{group.weakest}", language), mean=group.means[group.weakest]
    )
