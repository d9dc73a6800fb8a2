"""`stormdrill join … --role agent|lead|trainer|observer`: a seat's console against the host.

One screen for every role: the inbox (with who claimed what), the selected thread, a line to type
in, and what the team says (errors, approvals, notes, the trainer's messages). The keys a role may
use are its bindings (docs/teams.md has the table); the rest are hidden. The storm itself runs on
the seat's own copy of the session (mirror.py), which follows the host's messages.
"""

from __future__ import annotations

import asyncio
import time

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Footer, Input, RichLog, Static

from .client import Connection, JoinError
from .mirror import Mirror

REDRAW_EVERY = 0.5  # wall seconds between inbox redraws on clock ticks alone
RECONNECT_TRIES = 30
RECONNECT_WAIT = 1.0
SPEEDS = (1, 2, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 360, 600)

ROLE_KEYS = {
    "agent": {
        "claim",
        "release",
        "reply",
        "dm",
        "statement",
        "escalate",
        "resolve",
        "like",
        "hide",
    },
    "lead": {
        "claim",
        "release",
        "reply",
        "dm",
        "statement",
        "escalate",
        "resolve",
        "like",
        "hide",
        "approve",
        "reject",
        "reassign",
        "note",
    },
    "trainer": {
        "inject",
        "persona",
        "escalation",
        "press",
        "pause",
        "faster",
        "slower",
        "say",
        "note",
        "reassign",
    },
    "observer": {"note"},
}

# mode -> the line's placeholder while typing
PROMPTS = {
    "reply": "public reply to #{thread}; enter sends, esc cancels",
    "dm": "DM to #{thread}; enter sends",
    "statement": "holding statement to all followers; enter sends",
    "escalate": "escalate #{thread} to which team? (pr, legal, tech, management, billing, operations, safety)",
    "resolve": "closing message for #{thread} (may be empty)",
    "hide": "hide #{thread}: reason (spam, abuse, personal_data, off_topic, other)",
    "reassign": "reassign #{thread} to (a name)",
    "reject": "reject the request: why?",
    "inject": "inject a customer post: text (topic: the scenario's first)",
    "persona": "a persona's post: PERSONA_ID text",
    "escalation": "a colleague's escalation note: text",
    "press": "a press call to the desk: text",
    "say": "message to a player: NAME text (or: all text)",
    "note": "a note for the log and the debrief",
}


class TeamApp(App):
    CSS = """
    #top { height: 1; background: $primary; color: $text; padding: 0 1; }
    #seats { height: 1; padding: 0 1; color: $text-muted; }
    #body { height: 1fr; }
    #inbox { width: 3fr; }
    #thread { width: 2fr; border-left: solid $primary; padding: 0 1; }
    #said { height: 7; border-top: solid $primary; }
    #line { height: 3; }
    """

    BINDINGS = [
        Binding("c", "claim", "claim", id="claim"),
        Binding("u", "release", "release", id="release"),
        Binding("r", "type('reply')", "reply", id="reply"),
        Binding("m", "type('dm')", "DM", id="dm"),
        Binding("s", "type('statement')", "statement", id="statement"),
        Binding("e", "type('escalate')", "escalate", id="escalate"),
        Binding("x", "type('resolve')", "resolve", id="resolve"),
        Binding("h", "type('hide')", "hide", id="hide"),
        Binding("l", "like", "like", id="like"),
        Binding("a", "approve", "approve", id="approve"),
        Binding("j", "type('reject')", "reject", id="reject"),
        Binding("g", "type('reassign')", "reassign", id="reassign"),
        Binding("i", "type('inject')", "inject post", id="inject"),
        Binding("p", "type('persona')", "persona", id="persona"),
        Binding("o", "type('escalation')", "escalation", id="escalation"),
        Binding("w", "type('press')", "press call", id="press"),
        Binding("space", "pause", "pause", id="pause"),
        Binding("plus,equals_sign", "faster", "faster", id="faster"),
        Binding("minus", "slower", "slower", id="slower"),
        Binding("y", "type('say')", "say", id="say"),
        Binding("n", "type('note')", "note", id="note"),
        Binding("escape", "cancel", "cancel", show=False),
        Binding("q", "quit", "quit"),
    ]

    def __init__(
        self,
        assess,
        address: str,
        code: str,
        name: str,
        role: str,
        connection: Connection | None = None,
        network=None,
    ):
        super().__init__()
        self.assess, self.network = assess, network
        self.address, self.code = address, code
        self.me = {"name": name, "role": role}
        self.role = role
        self.connection = connection
        self.mirror: Mirror | None = None
        self.error: str | None = None
        self.mode: str | None = None
        self.mode_thread: int | None = None
        self._drawn, self._stale = 0.0, False
        self.said_lines: list[
            str
        ] = []  # what the team said to this seat, for tests and the log view

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Static(id="top")
        yield Static(id="seats")  # the lead's and the white cell's view of the team
        with Horizontal(id="body"):
            yield DataTable(id="inbox", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="thread"):
                yield Static(id="thread-text")
        yield RichLog(id="said", max_lines=200, wrap=True)
        yield Input(id="line", placeholder=self._hint())
        yield Footer()

    async def on_mount(self) -> None:
        table = self.query_one("#inbox", DataTable)
        for key, label in (
            ("id", "#"),
            ("who", "who"),
            ("status", "status"),
            ("claim", "claimed"),
            ("text", "post"),
        ):
            table.add_column(label, key=key)
        if self.connection is None:
            try:
                self.connection = await Connection.open(self.address, self.code, *self.me.values())
            except JoinError as err:
                self.error = str(err)
                self.exit()
                return
        self.mirror = Mirror(self.connection.welcome, self.assess, self.network)
        self.set_interval(REDRAW_EVERY, self._redraw_if_stale)
        self.redraw()
        table.focus()
        self.follow_host()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        name = parameters[0] if action == "type" and parameters else action
        if name in ("cancel", "quit"):
            return True
        return name in ROLE_KEYS[self.role]

    def _hint(self) -> str:
        return {
            "agent": "c claim · r reply · m DM · e escalate · x resolve · s statement",
            "lead": "a approve · j reject · g reassign · c claim · r reply · s statement",
            "trainer": "i post · p persona · o escalation · w press call · space pause · +/- speed · y say",
            "observer": "n: a note for the log and the debrief",
        }[self.role]

    # ------------------------------------------------------------------ the host

    @work(exclusive=True, group="host")
    async def follow_host(self) -> None:
        while True:
            message = await self.link.receive()
            if message is None:
                if self.joined.ended or not await self._reconnect():
                    self.say("the host is gone; the exercise's log is on the host")
                    return
                continue
            self.joined.follow(message)
            self.on_host(message)
            if message["type"] == "end":
                self.say("the storm is over")

    async def _reconnect(self) -> bool:
        name, role = self.me["name"], self.role
        for _ in range(RECONNECT_TRIES):
            self.say("connection lost; joining again…")
            await asyncio.sleep(RECONNECT_WAIT)
            try:
                self.connection = await Connection.open(self.address, self.code, name, role)
            except (JoinError, OSError):
                continue
            self.mirror = Mirror(self.connection.welcome, self.assess, self.network)
            self.say("back in; nothing was lost")
            self.redraw()
            return True
        return False

    def on_host(self, message: dict) -> None:
        kind = message["type"]
        if kind == "error":
            self.say(f"refused: {message['error']}")
        elif kind == "message":
            self.say(f"{message['from']['name']}: {message['text']}")
        elif kind == "note":
            self.say(f"note by {message['by']['name']}: {message['text']}")
        elif kind == "approval":
            request = message["request"]
            action = request["action"]
            what = action["kind"] + (f" #{action['thread']}" if action.get("thread") else "")
            self.say(f"approval asked by {request['by']['name']}: {what} (request {request['id']})")
        elif kind == "decided":
            word = "approved" if message["approved"] else "rejected"
            self.say(
                f"request {message['request']} {word} by {message['by']['name']} {message.get('why', '')}"
            )
        elif kind == "injected":
            self.say(f"new post #{message['thread']}")
        if kind == "tick" and time.monotonic() - self._drawn < REDRAW_EVERY:
            self._top()
            self._stale = True  # the timer draws it
            return
        self.redraw()

    def _redraw_if_stale(self) -> None:
        if self._stale and self.mirror is not None:
            self.redraw()

    @property
    def joined(self) -> Mirror:
        """The exercise as this seat sees it: on_mount makes it before anything draws or sends."""
        assert self.mirror is not None
        return self.mirror

    @property
    def link(self) -> Connection:
        """The connection to the host: open once on_mount has made the mirror."""
        assert self.connection is not None
        return self.connection

    async def send(self, message: dict) -> None:
        await self.link.send(message)

    # ------------------------------------------------------------------ drawing

    def say(self, line: str) -> None:
        self.said_lines.append(line)
        self.query_one("#said", RichLog).write(Text(line))

    def _top(self) -> None:
        mirror = self.joined
        clock = mirror.scenario.clock(mirror.session.now)
        state = "paused" if mirror.paused else f"×{mirror.speed:g}"
        pending = f" · {len(mirror.pending)} waiting for approval" if mirror.pending else ""
        seats = sum(1 for s in mirror.seats if s.get("online"))
        self.query_one("#top", Static).update(
            Text(
                f"{self.me['name']} ({self.role}) · {clock} {state} · {seats} seats{pending} · {mirror.scenario.title}"
            )
        )

    def _seats(self) -> None:
        """Who is in, and each one's claims: the team's workload, for the lead and the white cell."""
        view = self.query_one("#seats", Static)
        if self.role not in ("lead", "trainer"):
            view.display = False
            return
        load: dict[str, int] = {}
        for name in self.joined.claims.values():
            load[name] = load.get(name, 0) + 1
        parts = [
            f"{s['name']} ({s['role']}{'' if s['online'] else ', away'}) {load.get(s['name'], 0)} claimed"
            for s in self.joined.seats
            if s["role"] in ("agent", "lead")
        ]
        view.update(Text("team: " + " · ".join(parts) if parts else "team: nobody yet"))

    def redraw(self) -> None:
        self._drawn, self._stale = time.monotonic(), False
        self._top()
        self._seats()
        table = self.query_one("#inbox", DataTable)
        selected = self.selected()
        table.clear()
        for item in self.joined.session.snapshot().inbox:
            holder = self.joined.holder(item.id) or ""
            table.add_row(
                str(item.id),
                item.handle,
                item.status,
                holder,
                Text(item.text[:80]),
                key=str(item.id),
            )
        if selected is not None and str(selected) in table.rows:
            table.move_cursor(row=table.get_row_index(str(selected)))
        self._show_thread()

    def selected(self) -> int | None:
        table = self.query_one("#inbox", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        return int(key) if key is not None else None

    def on_data_table_row_highlighted(self, _event) -> None:
        if self.mirror is not None:
            self._show_thread()

    def _show_thread(self) -> None:
        thread_id = self.selected()
        view = self.query_one("#thread-text", Static)
        if thread_id is None:
            view.update("")
            return
        th = self.joined.session.thread(thread_id)
        out = Text()
        holder = self.joined.holder(thread_id)
        out.append(f"#{th.id} {th.name} {th.handle} · {th.channel}", style="bold")
        out.append(f" · {holder}'s\n" if holder else "\n")
        for message in th.messages:
            who = th.handle if message.who == "customer" else self.joined.scenario.brand.handle
            where = "" if message.public else " (DM)"
            out.append(f"{self.joined.scenario.clock(message.t)} {who}{where}: ", style="dim")
            out.append(message.text + "\n")
        view.update(out)

    # ------------------------------------------------------------------ keys

    def action_type(self, mode: str) -> None:
        thread = self.selected()
        if "{thread}" in PROMPTS[mode] and thread is None:
            self.say("pick a post first")
            return
        self.mode, self.mode_thread = mode, thread
        line = self.query_one("#line", Input)
        line.placeholder = PROMPTS[mode].format(thread=thread)
        line.value = ""
        line.focus()

    def action_cancel(self) -> None:
        self.mode = None
        line = self.query_one("#line", Input)
        line.value, line.placeholder = "", self._hint()
        self.query_one("#inbox", DataTable).focus()

    async def action_claim(self) -> None:
        if (thread := self.selected()) is not None:
            await self.send({"type": "claim", "thread": thread})

    async def action_release(self) -> None:
        if (thread := self.selected()) is not None:
            await self.send({"type": "release", "thread": thread})

    async def action_like(self) -> None:
        if (thread := self.selected()) is not None:
            await self.send({"type": "act", "action": {"kind": "like", "thread": thread}})

    async def action_approve(self) -> None:
        if not self.joined.pending:
            self.say("nothing waits for approval")
            return
        await self.send({"type": "approve", "request": min(self.joined.pending)})

    async def action_pause(self) -> None:
        await self.send({"type": "pause", "paused": not self.joined.paused})

    async def action_faster(self) -> None:
        faster = [s for s in SPEEDS if s > self.joined.speed]
        if faster:
            await self.send({"type": "speed", "speed": faster[0]})

    async def action_slower(self) -> None:
        slower = [s for s in SPEEDS if s < self.joined.speed]
        if slower:
            await self.send({"type": "speed", "speed": slower[-1]})

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        mode, thread, text = self.mode, self.mode_thread, event.value.strip()
        self.action_cancel()
        if mode is None:
            return
        message = self.message_for(mode, thread, text)
        if message is None:
            self.say(f"{mode}: {PROMPTS[mode].format(thread=thread)}")
            return
        await self.send(message)

    def message_for(self, mode: str, thread: int | None, text: str) -> dict | None:
        """The message a typed line makes in a mode; None if the line does not fit it."""

        def act(**action) -> dict:
            return {"type": "act", "action": action}

        first, _, rest = text.partition(" ")
        topics = [*self.joined.session.topics]
        topic = topics[0] if topics else "other"
        builders = {
            "reply": lambda: act(kind="reply", thread=thread, text=text) if text else None,
            "dm": lambda: act(kind="dm", thread=thread, text=text) if text else None,
            "statement": lambda: act(kind="holding_statement", text=text) if text else None,
            "escalate": lambda: act(kind="escalate", thread=thread, team=first) if first else None,
            "resolve": lambda: act(kind="resolve", thread=thread, text=text),
            "hide": lambda: act(kind="hide", thread=thread, reason=first) if first else None,
            "reassign": lambda: (
                {"type": "reassign", "thread": thread, "to": text} if text else None
            ),
            "reject": lambda: (
                {"type": "reject", "request": min(self.joined.pending), "why": text}
                if self.joined.pending
                else None
            ),
            "inject": lambda: (
                {"type": "inject", "inject": {"kind": "post", "topic": topic, "text": text}}
                if text
                else None
            ),
            "persona": lambda: (
                {
                    "type": "inject",
                    "inject": {"kind": "persona", "persona": first, "topic": topic, "text": rest},
                }
                if rest
                else None
            ),
            "escalation": lambda: (
                {"type": "inject", "inject": {"kind": "escalation", "text": text}} if text else None
            ),
            "press": lambda: (
                {"type": "inject", "inject": {"kind": "press", "text": text}} if text else None
            ),
            "say": lambda: {"type": "say", "to": first, "text": rest} if rest else None,
            "note": lambda: {"type": "note", "text": text} if text else None,
        }
        return builders[mode]()


def run_console(address: str, code: str, name: str, role: str) -> int:
    from stormdrill.scoring import assess

    app = TeamApp(assess, address, code, name, role)
    app.run()
    if app.error is not None:
        raise JoinError(app.error)
    return 0
