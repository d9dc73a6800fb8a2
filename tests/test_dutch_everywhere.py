"""Everything a Dutch trainee reads is Dutch: a walk through the screens fails on an English word
from the translation tables' English side (vocabulary values: teams, hide reasons, topics, data, templates)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from stormdrill.simulator.network import load_or_build, spec_for

from stormdrill.app import StormdrillApp
from stormdrill.i18n import UI
from stormdrill.play import LiveSession
from stormdrill.screens.dialogs import Choice

SIZE = (120, 40)
VOCABULARIES = (
    "team.",
    "reason.",
    "topic.",
    "data.",
    "address.",
    "template.",
    "channel.",
    "exit.",
    "inbox.",
)
ENGLISH = sorted(
    {
        entry["en"]
        for key, entry in UI.items()
        if key.startswith(VOCABULARIES)
        and "en" in entry
        and entry["en"] != entry.get("nl")
        and "{" not in entry["en"]
    }
)
ENGLISH_RAW = (
    "personal_data",
    "to_dm",
    "off_topic",
    "operations",
)  # raw vocabulary ids shown as themselves


def english_in(text: str) -> list[str]:
    found = [w for w in ENGLISH if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]
    untranslated = re.findall(
        r"\b(?:team|reason|topic|data|template|address)\.[a-z_]+", text
    )  # a missing key
    return found + [w for w in ENGLISH_RAW if w in text] + untranslated


def screen_text(app) -> str:
    return "\n".join(
        str(widget.render()) for widget in app.screen.query("Static, Label, OptionList")
    )


async def test_a_dutch_walk_through_briefing_console_and_dialogs(library, assess, tmp_path):
    scenario = library["zekerheid-claim"]
    live = LiveSession(
        scenario,
        7,
        assess,
        trainee="Sam Jansen",
        log_path=tmp_path / "s.jsonl",
        network=load_or_build(spec_for(scenario)),
    )
    live.compute_baseline()
    app = StormdrillApp(live, "nl", assess, autoplay=False, blink=False)
    seen = {}
    async with app.run_test(size=SIZE) as pilot:
        seen["briefing"] = screen_text(app)
        await pilot.press("enter")
        app.step_to(30 * 60)
        await pilot.pause()
        seen["console"] = screen_text(app)
        for key in ("h", "e", "t", "q"):
            await pilot.press(key)
            await pilot.pause()
            if isinstance(app.screen, Choice):
                seen[key] = screen_text(app)
                await pilot.press("escape")
    assert {"briefing", "console", "e", "t", "q"} <= set(seen)
    for where, text in seen.items():
        assert english_in(text) == [], f"{where}: {english_in(text)}"


def test_the_lines_printed_on_leaving_are_dutch(tmp_path):
    code = (
        "from pathlib import Path; from stormdrill.i18n import t; "
        "print('\\n'.join(t(k, 'nl', path=Path('s.jsonl'), cmd='stormdrill') "
        "for k in ('exit.kept', 'exit.score', 'exit.report', 'exit.replay')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parent.parent,
    ).stdout
    assert "sessielog bewaard" in out and english_in(out) == [] and "kept" not in out
