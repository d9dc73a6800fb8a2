"""Text from files is always text: markup, actions and escape sequences in every field shown.

Each payload is put in the title, the brief, the policy's name and templates, a persona's name,
a scripted post, the debrief and the trainee's name; the console shows it as written (never as
markup or a clickable action) and no printed output carries an escape sequence.
"""

from __future__ import annotations

import json

import pytest
import yaml
from stormdrill.scenarios import load_scenario
from stormdrill.scenarios.plaintext import clean
from stormdrill.scenarios.template import new_scenario_text
from stormdrill.simulator.log import LogWriter, make_header, read_log
from stormdrill.simulator.network import load_or_build, spec_for

import run
from stormdrill.app import StormdrillApp
from stormdrill.play import LiveSession
from stormdrill.screens.briefing import BriefingScreen
from stormdrill.screens.console import ConsoleScreen
from stormdrill.widgets.thread_view import ThreadView

OSC = "\x1b]0;pwned\x07"  # retitles the terminal window
CSI = "\x1b[2J\x1b[31m"  # clears the screen, turns text red
CLICK = "[@click=app.quit]click me[/]"
UNCLOSED = "[bold"
PAYLOAD = f"{CLICK} {UNCLOSED} {OSC}{CSI}<script>alert(1)</script> |a|"
SHOWN = f"{CLICK} {UNCLOSED} <script>alert(1)</script> |a|"  # what is left to see: the text itself


def no_escapes(text: str) -> bool:
    return not any(ch in text for ch in "\x1b\x07\x9b\x9d")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    data = yaml.safe_load(new_scenario_text("Hostile"))
    data["title"] = "Title " + PAYLOAD
    data["brief"] = "Brief " + PAYLOAD
    data["brand"]["name"] = "Brand " + PAYLOAD
    data["personas"][0]["name"] = "Persona " + PAYLOAD
    data["storm"]["scripted"][0]["text"] = "Post " + PAYLOAD
    data["policy"]["name"] = "Policy " + PAYLOAD
    data["policy"]["templates"] = {"ack": "Sorry {first_name} " + PAYLOAD}
    data["debrief"] = "Debrief " + PAYLOAD
    path = tmp_path_factory.mktemp("hostile") / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_the_cleaner_keeps_text_and_drops_what_a_terminal_obeys():
    assert clean(f"a{OSC}b{CSI}c\r\nd\te\x00\x9b31mf\u202eg") == "abc\nd\tefg"
    assert clean("Zoë [bold] {first_name} 😀") == "Zoë [bold] {first_name} 😀"


def test_a_hostile_scenario_validates_and_loads_as_plain_text(hostile, capsys):
    assert run.main(["validate", str(hostile)]) == 0
    scenario = load_scenario(hostile)
    for text in (
        scenario.title,
        scenario.brief,
        scenario.resolved_policy.name,
        scenario.personas[0].name,
        scenario.storm.scripted[0].text,
        scenario.debrief,
    ):
        assert SHOWN in text and no_escapes(text)


async def test_the_console_shows_markup_and_actions_as_written(hostile, assess, tmp_path):
    scenario = load_scenario(hostile)
    live = LiveSession(
        scenario,
        1,
        assess,
        trainee="Trainee " + PAYLOAD,
        log_path=tmp_path / "s.jsonl",
        network=load_or_build(spec_for(scenario)),
    )
    live.baseline = live.compute_baseline()
    app = StormdrillApp(live, "en", assess, autoplay=False, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, BriefingScreen)
        title = str(app.screen.query_one("#briefing-title").render())
        assert SHOWN in title
        assert SHOWN in str(app.screen.query_one("#briefing-brief").render())
        await pilot.click("#briefing-title")  # the [@click=app.quit] in it is text, not an action
        await pilot.pause()
        assert app.is_running
        await pilot.press("enter")
        assert isinstance(app.screen, ConsoleScreen)
        app.step_to(120)
        await pilot.pause()
        thread = live.session.thread(1)
        shown = "\n".join(
            t.plain for t in app.screen.query_one(ThreadView)._thread_text(thread, 120).renderables
        )
        assert "Post " + SHOWN in shown and "Persona " + SHOWN in shown and no_escapes(shown)
        app.notify("toast " + PAYLOAD, title=PAYLOAD)  # markup in a toast would raise MarkupError
        await pilot.pause()
        assert app.is_running
        app.quit_storm()
    log = read_log(tmp_path / "s.jsonl")
    assert log.trainee == "Trainee " + SHOWN


def test_cli_output_and_reports_carry_no_escape_sequence(hostile, tmp_path, capsys):
    log = tmp_path / "bot.jsonl"
    assert run.main(["simulate", str(hostile), "--bot", "reference", "--log", str(log)]) == 0
    out = capsys.readouterr().out
    assert "Title " + SHOWN in out and no_escapes(out)
    assert run.main(["score", str(log)]) == 0
    assert no_escapes(capsys.readouterr().out)
    for fmt in ("md", "html", "json"):
        target = tmp_path / f"r.{fmt}"
        assert run.main(["report", str(log), "--format", fmt, "-o", str(target)]) == 0
        text = target.read_text()
        assert no_escapes(text), fmt
    html = (tmp_path / "r.html").read_text()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    md = (tmp_path / "r.md").read_text()
    assert r"\[@click=app.quit\]" in md and r"\|a\|" in md


def test_a_log_written_by_hand_with_escapes_reads_clean(hostile, tmp_path, capsys):
    """A log's header, trainee name and reply texts are cleaned on reading, whoever wrote them."""
    from stormdrill.simulator.events import Action

    scenario = load_scenario(hostile)
    header = make_header(scenario, 1, trainee="Sam " + PAYLOAD)
    raw = json.loads(json.dumps(header))
    raw["scenario"]["title"] = "Forged " + PAYLOAD  # escapes that never went through the loader
    path = tmp_path / "forged.jsonl"
    writer = LogWriter(path, raw)
    writer.action(30.0, Action("holding_statement", text="We know " + PAYLOAD))
    writer.close(60.0)
    log = read_log(path)
    assert (
        no_escapes(log.scenario.title)
        and no_escapes(log.trainee)
        and no_escapes(log.actions[0][1].text)
    )
    assert run.main(["score", str(path)]) == 0
    captured = capsys.readouterr()
    assert no_escapes(captured.out) and no_escapes(captured.err)


def test_validate_messages_about_hostile_keys_carry_no_escapes(tmp_path, capsys):
    path = tmp_path / "keys.yaml"
    head = 'stormdrill: 1\nid: x\ntitle: X\nbrand: {name: B, handle: "@b"}\n'
    path.write_text(head + '"\\e[2Jt\\e]0;pwned\\a": 1\n')  # YAML's own escapes for ESC and BEL
    assert run.main(["validate", str(path)]) == 1
    captured = capsys.readouterr()
    assert (
        "unknown key 't'" in captured.out and no_escapes(captured.out) and no_escapes(captured.err)
    )


def test_a_raw_control_character_in_yaml_is_pointed_at(tmp_path, capsys):
    path = tmp_path / "raw.yaml"
    path.write_text(f"stormdrill: 1\nid: x\ntitle: X{OSC}\n")
    assert run.main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:3:9: character U+001B is a control character" in out and no_escapes(out)


def test_assess_prints_a_hostile_reply_without_its_escapes(tmp_path, capsys):
    assert run.main(["assess", "Sorry " + PAYLOAD]) == 0
    out = capsys.readouterr().out
    assert "Sorry " + SHOWN in out and no_escapes(out)
    replies = tmp_path / "replies.txt"
    replies.write_text(f"Sorry {PAYLOAD}\nOur fault {OSC}, DM us?\n", encoding="utf-8")
    assert run.main(["assess", "--file", str(replies), "--json"]) == 0
    out = capsys.readouterr().out
    assert no_escapes(out) and len(json.loads(out)) == 2
