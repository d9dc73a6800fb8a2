"""The briefing: title, brand, situation, the policy's crisis section, the keys, start.

Every line is a `Text`: scenario and policy text shows as written, never parsed as markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Label, Static

from stormdrill.scenarios.durations import format_span

from ..i18n import localize_bindings, t, word
from ..play import LiveSession

if TYPE_CHECKING:
    from ..app import StormdrillApp


class BriefingScreen(Screen):
    BINDINGS = [
        Binding("enter", "start", "Start", id="briefing.start"),
        Binding("q", "app.quit", "Quit", id="briefing.quit"),
    ]

    app: StormdrillApp

    def __init__(self, live: LiveSession, language: str):
        super().__init__(id="briefing")
        localize_bindings(self, language)
        self.live = live
        self.language = language

    def compose(self) -> ComposeResult:
        scenario, lang = self.live.scenario, self.language
        policy = scenario.resolved_policy
        with VerticalScroll(id="briefing-body"):
            yield Label(Text(scenario.title), id="briefing-title")  # Text: a title is never markup
            yield Static(
                Text(
                    f"{scenario.brand.name} {scenario.brand.handle} · "
                    f"{scenario.brand.followers:,} followers · {scenario.clock(0)}"
                ),
                classes="muted",
            )
            yield Label(Text(t("brief.situation", lang)), classes="section")
            yield Static(Text(scenario.brief.strip() or "—"), id="briefing-brief")
            yield Label(Text(t("brief.policy", lang) + f" ({policy.name})"), classes="section")
            yield Static(
                Text("\n".join("• " + line for line in self._policy_lines())), id="briefing-policy"
            )
            yield Label(Text(t("brief.keys", lang)), classes="section")
            yield Static(Text(self._keys()), id="briefing-keys")
            yield Static(Text(self._clock_line()), classes="muted")
            if self.live.clock.compose_speed < self.live.speed:
                yield Static(Text(self._writing_line()), id="briefing-time", classes="muted")
            yield Static(Text(t("brief.symbols", lang)), id="briefing-symbols", classes="muted")
            if self.live.log_path:
                yield Static(
                    Text(t("brief.log", lang, path=str(self.live.log_path))), classes="muted"
                )
            with Center():
                yield Button(t("brief.start", lang), id="start", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#start", Button).focus()

    def _policy_lines(self) -> list[str]:
        lang = self.language
        policy = self.live.scenario.resolved_policy
        rt, hs, private = policy.response_times, policy.holding_statement, policy.private
        lines = [
            t(
                "brief.respond",
                lang,
                target=format_span(rt.target),
                norm=format_span(rt.norm),
                max=format_span(rt.max),
            )
        ]
        if hs.required:
            lines.append(
                t("brief.holding", lang, within=format_span(hs.within), n=hs.declare_after)
            )
        data = ", ".join(word("data", d, lang) for d in private.never_ask_publicly[:4])
        lines.append(t("brief.private", lang, within=format_span(private.move_within), data=data))
        signoff = t("brief.signoff", lang, agent=self.live.agent) if policy.tone.sign_off else ""
        lines.append(
            t(
                "brief.tone",
                lang,
                address=word("address", policy.tone.address, lang),
                signoff=signoff,
            )
        )
        for rule in policy.escalate:
            lines.append(
                t(
                    "brief.escalate",
                    lang,
                    team=word("team", rule.team, lang),
                    within=format_span(rule.within),
                    words=", ".join(rule.mentions),
                )
            )
        lines.append(
            t(
                "brief.hide",
                lang,
                reasons=", ".join(word("reason", r, lang) for r in policy.hide.allowed_reasons),
            )
        )
        if policy.forbidden:
            lines.append(
                t("brief.forbidden", lang, phrases=" · ".join(f"“{p}”" for p in policy.forbidden))
            )
        return lines

    def _keys(self) -> str:
        lang = self.language
        keys = [
            ("↑ ↓", "console.inbox"),
            ("enter", "key.reply"),
            ("m", "key.dm"),
            ("i", "key.invite"),
            ("t", "key.template"),
            ("s", "key.statement"),
            ("e", "key.escalate"),
            ("h", "key.hide"),
            ("x", "key.resolve"),
            ("l", "key.like"),
            ("n", "key.next"),
            ("ctrl+s", "key.send"),
            ("space", "key.pause"),
            ("+ −", "key.faster"),
            ("?", "key.help"),
            ("q", "key.quit"),
        ]
        return "   ".join(f"{key} {t(label, lang)}" for key, label in keys)

    def _clock_line(self) -> str:
        scenario, lang = self.live.scenario, self.language
        real = scenario.duration / self.live.speed
        pause = t("brief.pause_ok" if scenario.controls.pause else "brief.pause_no", lang)
        return t(
            "brief.clock",
            lang,
            duration=format_span(scenario.duration),
            speed=f"{self.live.speed:g}",
            real=format_span(real),
            pause=pause,
        )

    def _writing_line(self) -> str:
        """How time runs while the trainee writes (stormdrill/play/handling.py), in the team's own numbers."""
        clock, lang = self.live.clock, self.language
        team = clock.team
        if team.handling is not None:
            return t(
                "brief.time_fixed",
                lang,
                compose=f"{clock.compose_speed:g}",
                handling=format_span(team.handling),
                speed=f"{self.live.speed:g}",
            )
        chars = 250  # a typical considered reply
        return t(
            "brief.time",
            lang,
            compose=f"{clock.compose_speed:g}",
            read=format_span(team.read),
            per_char=f"{team.per_char:g}",
            example=format_span(clock.allowance("x" * chars)),
            chars=chars,
            speed=f"{self.live.speed:g}",
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()

    def action_start(self) -> None:
        self.app.start_storm()
