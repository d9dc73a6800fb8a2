"""The inbox: incoming posts sorted by priority, waiting time coloured against the policy's targets."""

from __future__ import annotations

import contextlib
import functools

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist, RowDoesNotExist

from stormdrill.scenarios.durations import format_span
from stormdrill.simulator.session import InboxItem

from ..i18n import t

CHANNEL_MARK = {"twitter": "tw", "facebook": "fb", "forum": "fo", "review": "★"}
URGENT_FLAGS = (
    "media",
    "journalist",
    "safety",
    "escalate",
)  # press, a safety risk, a post the policy escalates
SHOWN_FLAGS = (
    "media",
    "influencer",
    "escalate",
    "ad",
    "troll",
    "safety",
    "journalist",
    "politician",
    "employee",
    "competitor",
    "brand",
    "question",
    "rumour",
    "off_topic",
)


@functools.total_ordering
class Priority:
    """A priority that sorts by number and shows as a short bar."""

    def __init__(self, value: float, style: str = ""):
        self.value = value
        self.style = style

    def __eq__(self, other) -> bool:
        return isinstance(other, Priority) and self.value == other.value

    def __lt__(self, other) -> bool:
        return self.value < other.value

    def __hash__(self) -> int:
        return hash(self.value)

    def __rich__(self) -> Text:
        level = 0 if self.value < 3 else (1 if self.value < 5 else (2 if self.value < 7 else 3))
        return Text("▮" * level + "·" * (3 - level), style=self.style)


class Inbox(DataTable):
    """Rows keyed by thread id; cells are updated in place.

    A steady inbox: the order holds while the trainee reads and types. New posts wait behind an
    "N new — press n" marker and join (and the rows re-sort) only when the trainee asks: `n`, or
    after one of their own actions. `hold_new = False` (a replay) lets them in at once.
    """

    COLUMNS = ("prio", "wait", "who", "text", "reach", "state")
    STATE_MARK = {
        "new": "•",
        "answered": "↩",
        "dm": "✉",
        "hidden": "⊘",
        "resolved": "✓",
        "escalated": "↗",
    }

    def __init__(self, language: str, target: float, norm: float, **kwargs):
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.language = language
        self.target, self.norm = target, norm
        self._cells: dict[str, tuple] = {}
        self.hold_new = True
        self.waiting_new: dict[str, InboxItem] = {}  # posts behind the marker, by row key

    WIDTHS = {"prio": 3, "wait": 5, "who": 13, "text": 20, "reach": 6, "state": 2}

    def on_mount(self) -> None:
        for key in self.COLUMNS:
            self.add_column(t(f"col.{key}", self.language), key=key, width=self.WIDTHS[key])

    def on_resize(self, _event) -> None:
        """The post column takes what the others leave."""
        fixed = sum(w for k, w in self.WIDTHS.items() if k != "text") + 2 * len(self.COLUMNS) + 2
        column = self.columns.get(self._column_key("text"))
        if column is not None:
            column.width = max(12, self.size.width - fixed)
            column.auto_width = False
            self._clear_caches()  # DataTable has no public way to resize a column
            self._require_update_dimensions = True
            self.refresh()

    def _column_key(self, name: str):
        return next((key for key in self.columns if key.value == name), None)

    def reset(self) -> None:
        """Forget every row (a replay jumped back in time)."""
        self.clear()
        self._cells.clear()
        self.waiting_new.clear()
        self._mark()

    @property
    def selected(self) -> int | None:
        if self.row_count == 0:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        except CellDoesNotExist:
            return None
        return int(key.value) if key and key.value else None

    def select(self, thread_id: int) -> None:
        with contextlib.suppress(RowDoesNotExist):  # not in the inbox (yet)
            self.move_cursor(row=self.get_row_index(str(thread_id)))

    def _colours(self) -> dict[str, str]:
        theme = self.app.current_theme
        return {
            "ok": theme.success or "green",
            "warn": theme.warning or "yellow",
            "late": theme.error or "red",
            "muted": "dim",
        }

    def show(self, items: list[InboxItem], resort: bool) -> list[InboxItem]:
        """Update the rows; with `resort`, let the waiting posts in and sort. Returns the posts newly held back."""
        colours = self._colours()
        held: list[InboxItem] = []
        hold = self.hold_new and not resort and self.row_count > 0
        for item in items:
            key = str(item.id)
            if key not in self._cells and hold:
                if key not in self.waiting_new:
                    held.append(item)
                self.waiting_new[key] = item
                continue
            cells = self._row(item, colours)
            if key not in self._cells:
                self.waiting_new.pop(key, None)
                self.add_row(*cells, key=key)
            else:
                old = self._cells[key]
                for column, new, before in zip(self.COLUMNS, cells, old, strict=True):
                    if _plain(new) != _plain(before):
                        self.update_cell(key, column, new)
            self._cells[key] = cells
        if resort and self.row_count > 1:
            keep = self.selected
            self.sort(
                "prio", "wait", key=lambda cells: (cells[0], _seconds(cells[1])), reverse=True
            )
            if keep is not None:
                self.select(keep)
        self._mark()
        return held

    def _mark(self) -> None:
        n = len(self.waiting_new)
        self.border_subtitle = t("inbox.new", self.language, n=n) if n else ""

    def _row(self, item: InboxItem, colours: dict[str, str]) -> tuple:
        closed = item.status in ("resolved", "hidden")
        if item.waiting is None:
            wait = Text("", style=colours["muted"])
        else:
            level = (
                "ok"
                if item.waiting <= self.target
                else ("warn" if item.waiting <= self.norm else "late")
            )
            wait = Text(format_span(item.waiting), style=colours[level])
        flags = " ".join(
            f"[{t('flag.' + f, self.language)}]" for f in item.flags if f in SHOWN_FLAGS
        )
        text = Text(
            CHANNEL_MARK.get(item.channel, "?") + " ",
            style="dim",
            no_wrap=True,
            overflow="ellipsis",
        )
        if flags:
            text.append(flags + " ", style=colours["warn"])
        text.append(item.text, style="dim" if closed else "")
        priority = -100.0 if closed else item.priority
        return (
            Priority(priority, colours["late"] if priority >= 7 else ""),
            wait,
            Text(item.handle, no_wrap=True, overflow="ellipsis"),
            text,
            f"{item.reach:>5}",
            Text(self.STATE_MARK.get(item.status, "?"), style="dim" if closed else "bold"),
        )


def _plain(cell) -> object:
    if isinstance(cell, Text):
        return (cell.plain, str(cell.style))
    if isinstance(cell, Priority):
        return (cell.value, cell.style)
    return cell


def _seconds(wait: Text) -> float:
    text = wait.plain if isinstance(wait, Text) else str(wait)
    if not text:
        return -1.0
    total, number = 0.0, ""
    for ch in text:
        if ch.isdigit():
            number += ch
        else:
            total += int(number or 0) * {"h": 3600, "m": 60, "s": 1}.get(ch, 0)
            number = ""
    return total
