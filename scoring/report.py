"""Reports of a scorecard: Markdown, one self-contained HTML file (charts inline, no network), JSON.

All user and scenario text is escaped: HTML through Jinja2's autoescape, Markdown
by escaping the characters that would change its meaning, and both without the
control characters and escape sequences a terminal would obey (`cat report.md`). Charts are pygal SVG
with its scripts removed, so the file opens anywhere, offline.
"""

from __future__ import annotations

import copy
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pygal
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pygal.style import Style
from stormdrill.scenarios.durations import format_clock, format_span
from stormdrill.scenarios.plaintext import clean

from .charts import REACH_SERIES, REACH_X_AXIS, REACH_Y_AXIS
from .grouping import group_findings
from .i18n import say
from .members import Member, as_dicts
from .scorecard import DIMENSIONS, Scorecard

TEMPLATES = Path(__file__).parent / "templates"
FORMATS = ("md", "html", "json")
_SVG = "http://www.w3.org/2000/svg"
_STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#333",
    foreground_strong="#111",
    foreground_subtle="#999",
    colors=("#c0392b", "#7f8c8d", "#27ae60", "#2980b9"),
    font_family="system-ui, sans-serif",
)


SCORECARD_FORMAT, SCORECARD_VERSION = "stormdrill-scorecard", 1


def as_json(card: Scorecard, integrity: str | None = None) -> dict:
    """The scorecard as `score --json` and `report --format json` give it: format, version, integrity, card."""
    head = {"format": SCORECARD_FORMAT, "version": SCORECARD_VERSION}
    if integrity is not None:
        head["integrity"] = integrity
    return {**head, **card.to_dict()}


def render(
    card: Scorecard,
    fmt: str,
    clock=None,
    integrity: str | None = None,
    team: list[Member] | None = None,
) -> str:
    """The report in `fmt`; `team`: a team exercise's members (scoring/members.py), each with their
    own figures after the team's."""
    if fmt == "json":
        out = as_json(card, integrity)
        if team is not None:
            out["members"] = as_dicts(team)
        return json.dumps(out, indent=2, ensure_ascii=False)
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html.j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_plain_text,
    )
    env.filters["md"] = _md
    env.filters["clock"] = lambda t: _when(t, card, clock)
    env.filters["minutes"] = lambda s: "—" if s is None else format_span(s)
    context = _context(card)
    context["members"] = team or []
    if fmt == "html":
        context["charts"] = {
            "reach": _reach_chart(card),
            "response": _response_chart(card, context["targets"]),
        }
        return env.get_template("report.html.j2").render(**context)
    if fmt == "md":
        return env.get_template("report.md.j2").render(**context)
    raise ValueError(f"unknown format {fmt!r}; formats: {', '.join(FORMATS)}")


def write(
    card: Scorecard,
    fmt: str,
    path: str | Path,
    clock=None,
    integrity: str | None = None,
    team: list[Member] | None = None,
) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(card, fmt, clock, integrity, team), encoding="utf-8")
    return path


def _context(card: Scorecard) -> dict:
    lang = card.language
    t = {key.split(".", 1)[1]: say(key, lang) for key in _REPORT_KEYS}
    dims = []
    for name in DIMENSIONS:
        dim = card.dimensions[name]
        lost = sorted(
            (f for f in dim.findings if f.points < 0 or f.passed is False), key=lambda f: f.points
        )
        good = [f for f in dim.findings if f.points > 0 or f.passed is True]
        # every point, grouped: one "No response ×48" line instead of a list cut at "… +7"
        dims.append(
            {
                "name": name,
                "label": say(f"dim.{name}", lang),
                "dim": dim,
                "lost": group_findings(lost, lang),
                "lost_more": 0,
                "good": group_findings(good, lang),
            }
        )
    targets = card.targets
    band = ""
    if card.overall_band:
        low, high = card.overall_band
        band = say(
            "report.band", lang, margin=f"{card.margin:.0f}", low=f"{low:.0f}", high=f"{high:.0f}"
        )
    return {
        "card": card,
        "t": t,
        "dims": dims,
        "targets": targets,
        "band": band,
        "partial": say(
            "report.partial",
            lang,
            until=format_clock(card.played_until),
            duration=format_clock(card.duration),
        )
        if card.partial
        else "",
        "outcome": lambda th: _outcome(th, lang),
    }


_REPORT_KEYS = [
    k
    for k in (
        "report.title",
        "report.trainee",
        "report.scenario",
        "report.seed",
        "report.played",
        "report.overall",
        "report.weight",
        "report.evidence",
        "report.points_lost",
        "report.went_well",
        "report.threads",
        "report.debrief",
        "report.chart_reach",
        "report.chart_response",
        "report.you",
        "report.nobody",
        "report.reference",
        "report.minutes",
        "report.target",
        "report.norm",
        "report.col.thread",
        "report.col.who",
        "report.col.topic",
        "report.col.reach",
        "report.col.first",
        "report.col.private",
        "report.col.outcome",
        "report.col.replies",
        "report.none",
        "report.members",
        "report.col.member",
        "report.col.role",
        "report.col.actions",
        "report.col.messages",
        "report.col.first_answers",
        "report.col.median_first",
        "report.col.message_score",
        "report.col.member_threads",
        "report.passed",
        "report.failed",
        "report.generated",
        "report.divergences",
        "report.played_at",
    )
]


def _outcome(th, lang: str) -> str:
    if th.hidden:
        return say("report.hidden", lang)
    if th.resolved:
        return say("report.resolved", lang) if th.satisfied else say("report.unsatisfied", lang)
    return say("report.open", lang)


def _when(t: float | None, card: Scorecard, clock) -> str:
    if t is None:
        return ""
    return f"{clock(t)} (+{format_clock(t)})" if clock else f"+{format_clock(t)}"


def _plain_text(value: object) -> object:
    """Every value a template prints, without control characters or escape sequences (charts stay SVG)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return clean(value)
    return value


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#])")


def _md(text: object) -> str:
    """Text that reads as itself in Markdown (no markup, no HTML, no table breaks)."""
    return _MD_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def _clean_svg(chart) -> str:
    """pygal's SVG without its scripts (they would need the network, and we want none)."""
    root = ET.fromstring(chart.render(is_unicode=True))
    for parent in root.iter():
        for child in list(parent):
            if child.tag in (f"{{{_SVG}}}script", "script"):
                parent.remove(child)
    ET.register_namespace("", _SVG)
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    return ET.tostring(root, encoding="unicode")


def _reach_chart(card: Scorecard) -> str:
    lang = card.language
    style = copy.copy(_STYLE)
    style.colors = tuple(colour for _key, _label, colour in REACH_SERIES)
    chart = pygal.Line(
        js=[],
        width=820,
        height=340,
        show_dots=False,
        style=style,
        x_label_rotation=0,
        show_minor_x_labels=False,
        truncate_legend=-1,
        truncate_label=-1,
        legend_at_bottom=True,
        title=say("report.chart_reach", lang),
        x_title=say(REACH_X_AXIS, lang),
        y_title=say(REACH_Y_AXIS, lang),
    )
    minutes = len(card.series.get("trainee", []))
    chart.x_labels = [format_clock(m * 60) for m in range(minutes)]
    chart.x_labels_major = [format_clock(m * 60) for m in range(0, minutes, 15)]
    for key, label, _colour in REACH_SERIES:  # the console's colours too (scoring/charts.py)
        chart.add(say(label, lang), np.cumsum(card.series.get(key, [])).tolist())
    return _clean_svg(chart)


def _response_chart(card: Scorecard, targets: dict) -> str:
    """Each answered complaint's first response (dots) against the policy's target and norm (lines)."""
    lang = card.language
    chart = pygal.Line(
        js=[],
        width=820,
        height=300,
        style=_STYLE,
        legend_at_bottom=True,
        truncate_label=-1,
        truncate_legend=-1,
        title=say("report.chart_response", lang),
        y_title=say("report.minutes", lang),
        x_label_rotation=0,
        include_x_axis=True,
    )
    rows = sorted(card.response_times, key=lambda r: r["created"])
    chart.x_labels = [f"#{r['thread']}" for r in rows]
    chart.add(
        say("report.col.first", lang),
        [round(r["seconds"] / 60, 1) for r in rows],
        stroke=False,
        dots_size=4,
    )
    for key in ("target", "norm"):
        if targets.get(key):
            chart.add(
                f"{say('report.' + key, lang)} ({format_span(targets[key])})",
                [round(targets[key] / 60, 1)] * len(rows),
                show_dots=False,
            )
    return _clean_svg(chart)


def compare_text(group, fmt: str, language: str, weakest: str) -> str:
    """A cohort side by side: Markdown, or one self-contained HTML page with the score and reach charts."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html.j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_plain_text,
    )
    env.filters["md"] = _md
    labels = {name: say(f"dim.{name}", language) for name in DIMENSIONS}
    words = {
        key: say(f"compare.{key}", language)
        for key in (
            "no_difference",
            "scenario",
            "seed",
            "date",
            "failures",
            "rule",
            "times",
            "trainees",
            "band_note",
        )
    }
    charts = {}
    if fmt == "html":
        charts = {
            "scores": _cohort_score_chart(group, language),
            "reach": _cohort_reach_chart(group, language),
        }
    return env.get_template(f"compare.{fmt}.j2").render(
        rows=group.ranked(),
        group=group,
        labels=labels,
        dims=DIMENSIONS,
        weakest=weakest,
        language=language,
        overall=say("report.overall", language),
        trainee=say("report.trainee", language),
        title=say("compare.title", language),
        mean=say("compare.mean", language),
        w=words,
        charts=charts,
        several=len(group.scenarios) > 1,
        scenarios=", ".join(group.scenarios),
        day=_day,
    )


def _day(stamp: str) -> str:
    """The date of an ISO 8601 time stamp ("" when unknown)."""
    return stamp[:10] if stamp else "—"


def _cohort_score_chart(group, language: str) -> str:
    """Each trainee's overall score (the middle line) and its band of seed noise (the box)."""
    chart = pygal.Box(
        js=[],
        box_mode="extremes",
        width=820,
        height=320,
        style=_STYLE,
        legend_at_bottom=True,
        truncate_legend=-1,
        title=say("compare.chart_scores", language),
        range=(0, 100),
    )
    for card, _ in group.ranked():
        low, high = card.overall_band or (card.overall, card.overall)
        chart.add(card.trainee, [low, card.overall, card.overall, card.overall, high])
    return _clean_svg(chart)


def _cohort_reach_chart(group, language: str) -> str:
    """Cumulative negative reach per trainee, and if nobody had answered (the first card's storm)."""
    chart = pygal.Line(
        js=[],
        width=820,
        height=340,
        show_dots=False,
        style=_STYLE,
        x_label_rotation=0,
        show_minor_x_labels=False,
        truncate_legend=-1,
        truncate_label=-1,
        legend_at_bottom=True,
        title=say("compare.chart_reach", language),
    )
    minutes = max((len(card.series.get("trainee", [])) for card in group.cards), default=0)
    chart.x_labels = [format_clock(m * 60) for m in range(minutes)]
    chart.x_labels_major = [format_clock(m * 60) for m in range(0, minutes, 15)]
    for card in group.cards:
        chart.add(card.trainee, np.cumsum(card.series.get("trainee", [])).tolist())
    if group.cards and len({(c.scenario_id, c.seed) for c in group.cards}) == 1:
        chart.add(
            say("report.nobody", language),
            np.cumsum(group.cards[0].series.get("none", [])).tolist(),
        )
    return _clean_svg(chart)
