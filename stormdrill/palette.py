"""Command palette (ctrl+p): every console action by name, only where it makes sense."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from .i18n import t

ACTIONS = [
    ("reply", "key.reply", "help.reply"),
    ("dm", "key.dm", "help.dm"),
    ("invite", "key.invite", "help.invite"),
    ("template", "key.template", "help.template"),
    ("statement", "key.statement", "help.statement"),
    ("escalate", "key.escalate", "help.escalate"),
    ("hide", "key.hide", "help.hide"),
    ("resolve", "key.resolve", "help.resolve"),
    ("like", "key.like", "help.like"),
    ("next_waiting", "key.next", "help.next"),
    ("pause", "key.pause", "help.pause"),
    ("faster", "key.faster", "help.speed"),
    ("slower", "key.slower", "help.speed"),
    ("help", "key.help", "key.help"),
    ("debrief", "key.debrief", "help.debrief"),
    ("leave", "key.quit", "help.quit"),
]


class ConsoleCommands(Provider):
    def _commands(self):
        from .screens.console import ConsoleScreen

        screen = self.screen
        if not isinstance(screen, ConsoleScreen):
            return []
        lang = screen.language
        return [
            (t(name, lang), t(help_key, lang), partial(screen.run_console_action, action))
            for action, name, help_key in ACTIONS
        ]

    async def discover(self) -> Hits:
        for name, help_text, run in self._commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, run in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)
