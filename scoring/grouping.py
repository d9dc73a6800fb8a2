"""Findings of the same kind, grouped: one "No response ×48, −N" line instead of 48.

Plain data in, plain data out: the debrief screen and the reports both read the groups, so the
points they show add up to the same totals (every point is in a group; nothing is cut).
"""

from __future__ import annotations

from dataclasses import replace

from .scorecard import Finding

THREADS_NAMED = 12  # thread numbers listed on a grouped line before "…"

# What a group of findings of one rule says (its members name one customer each); a rule not
# listed keeps its first member's words.
GROUP_LABELS = {
    "unanswered": {"en": "No response", "nl": "Geen reactie"},
    "not_an_answer": {
        "en": "Replies that don't count as an answer (each scored under 40: pasted or defensive)",
        "nl": "Reacties die niet als antwoord tellen (elk onder de 40: geplakt of defensief)",
    },
    "not_moved_private": {
        "en": "A case that needed personal details was never moved to a private channel",
        "nl": "Een zaak met persoonsgegevens ging nooit naar een privékanaal",
    },
    "complaint_site": {
        "en": "A customer took the complaint to a complaint site",
        "nl": "Een klant stapte met de klacht naar een klachtensite",
    },
    "hidden_complaint": {
        "en": "A complaint was hidden for a reason the policy does not allow",
        "nl": "Een klacht werd verborgen om een reden die het beleid niet toestaat",
    },
    "escalate": {
        "en": "A post was never escalated to {team}",
        "nl": "Een bericht werd nooit doorgezet naar {team}",
    },
    "expect": {
        "en": "A scripted post was not handled as the policy expects",
        "nl": "Een bericht werd niet behandeld zoals het beleid verwacht",
    },
}


def group_label(rule: str, language: str, fallback: str) -> str:
    head, _, rest = rule.partition(".")
    entry = GROUP_LABELS.get(rule) or GROUP_LABELS.get(head)
    if entry is None:
        return fallback
    return (entry.get(language) or entry["en"]).replace("{team}", rest)


def group_findings(findings: list[Finding], language: str = "en") -> list[Finding]:
    """One finding per (dimension, rule, polarity), in the order first seen: points summed, threads
    gathered, the first moment kept. A group of one is the finding itself."""
    groups: dict[tuple, list[Finding]] = {}
    for finding in findings:
        groups.setdefault((finding.dimension, finding.rule, finding.polarity), []).append(finding)
    out = []
    for members in groups.values():
        if len(members) == 1:
            out.append(members[0])
            continue
        first = members[0]
        threads = sorted(
            {n for f in members for n in (f.threads or ([f.thread] if f.thread else []))}
        )
        named = ", ".join(f"#{n}" for n in threads[:THREADS_NAMED]) + (
            " …" if len(threads) > THREADS_NAMED else ""
        )
        label = group_label(first.rule, language, first.explanation)
        passed = None if first.passed is None else all(f.passed for f in members)
        out.append(
            replace(
                first,
                explanation=f"{label} ×{len(members)}" + (f" ({named})" if named else ""),
                points=sum(f.points for f in members),
                quote="",
                thread=None,
                threads=threads,
                passed=passed,
            )
        )
    return out


MOVERS_SHOWN = 3  # differences named in a retry comparison
MOVERS_WORDS = {
    "en": "{label}: {old:.0f} → {new:.0f} points lost on {dimension}",
    "nl": "{label}: {old:.0f} → {new:.0f} punten verloren op {dimension}",
}
PER_REPLY = (
    "empathy",
)  # dimensions whose findings are on a per-reply scale: averaged over the replies


def _lost_by_rule(dim) -> dict[str, tuple[float, Finding]]:
    lost = [f for f in dim.findings if f.points < 0]
    replies = len({(f.thread, f.t) for f in dim.findings}) or 1 if dim.name in PER_REPLY else 1
    out: dict[str, tuple[float, Finding]] = {}
    for f in lost:
        points, sample = out.get(f.rule, (0.0, f))
        out[f.rule] = (points + f.points / replies, sample)
    return out


def biggest_differences(first, retry, language: str = "en", n: int = MOVERS_SHOWN) -> list[str]:
    """What moved the score most between two tries: per kind of mistake, the points it cost in each
    (per reply where the dimension scores replies), weighted by its dimension's share of the overall
    score, largest change first."""
    from .i18n import say

    total_weight = sum(d.weight for d in retry.dimensions.values()) or 1.0
    moves = []
    for name, dim in retry.dimensions.items():
        before, after = _lost_by_rule(first.dimensions[name]), _lost_by_rule(dim)
        for rule in before.keys() | after.keys():
            old = before[rule][0] if rule in before else 0.0
            new = after[rule][0] if rule in after else 0.0
            sample = (after.get(rule) or before[rule])[1]  # the retry's own words where it has them
            if abs(new - old) < 0.5:
                continue
            label = group_label(rule, language, sample.explanation)
            moves.append(
                (
                    abs(new - old) * dim.weight / total_weight,
                    label,
                    abs(old),
                    abs(new),
                    say(f"dim.{name}", language),
                )
            )
    moves.sort(key=lambda m: -m[0])
    words = MOVERS_WORDS.get(language, MOVERS_WORDS["en"])
    return [
        words.format(label=label, old=old, new=new, dimension=dimension)
        for _, label, old, new, dimension in moves[:n]
    ]
