"""The command line's contract: bounded validation, --version, JSON outputs, the cache, the schema line."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from stormdrill.scenarios import validate_file

import run

from .conftest import ROOT, SCENARIO_FILES

BROKEN = ROOT / "tests" / "broken"


# ------------------------------------------------------------------ bounded validation


def test_500_levels_of_nesting_get_a_message_not_a_recursion_error(tmp_path):
    for name, text in (
        ("flow", "a: " + "[" * 500 + "]" * 500),
        ("block", "".join(f"{' ' * i}k:\n" for i in range(500))),
    ):
        path = tmp_path / f"{name}.yaml"
        path.write_text(text + "\n")
        problems = validate_file(path)
        assert len(problems) == 1 and "nested more than" in problems[0].message
        assert problems[0].line >= 1 and problems[0].col >= 1


def test_a_300_character_policy_path_is_a_message(tmp_path):
    path = tmp_path / "long.yaml"
    path.write_text(
        "stormdrill: 1\nid: x\ntitle: X\nbrand: {name: B, handle: '@b'}\npolicy: "
        + "p" * 300
        + ".yaml\n"
    )
    [problem] = validate_file(path)
    assert (problem.line, problem.col, problem.path) == (
        5,
        9,
        "policy",
    ) and "at most 255" in problem.message


def test_a_300_character_file_name_is_a_message(tmp_path, capsys):
    assert run.main(["validate", str(tmp_path / ("x" * 300 + ".yaml"))]) == 1
    assert "at most 255" in capsys.readouterr().out


@pytest.mark.parametrize("kind", ["folder", "fifo", "device"])
def test_only_regular_files_are_read_as_scenarios_or_policies(kind, tmp_path):
    target = {
        "folder": tmp_path / "policies",
        "fifo": tmp_path / "policies" / "p.yaml",
        "device": None,
    }[kind]
    (tmp_path / "policies").mkdir()
    if kind == "fifo":
        os.mkfifo(target)
    policy = "/dev/zero" if kind == "device" else os.path.relpath(target, tmp_path)
    if kind == "device":
        [problem] = validate_file("/dev/zero")
        assert "a device" in problem.message
        return
    scenario = tmp_path / "s.yaml"
    scenario.write_text(
        f"stormdrill: 1\nid: x\ntitle: X\nbrand: {{name: B, handle: '@b'}}\npolicy: {policy}\n"
    )
    started = time.monotonic()
    [problem] = validate_file(scenario)
    assert time.monotonic() - started < 5
    assert (
        "a folder" if kind == "folder" else "a named pipe"
    ) in problem.message and problem.line == 5
    if kind == "fifo":
        [direct] = validate_file(target)
        assert "a named pipe" in direct.message


def test_size_is_checked_before_reading(tmp_path, monkeypatch):
    from stormdrill.scenarios import yamlread

    path = tmp_path / "big.yaml"
    path.write_text("a: 1\n" * 300_000)
    [problem] = validate_file(path)
    assert f"at most {yamlread.MAX_BYTES:,} bytes" in problem.message


# ------------------------------------------------------------------ the command line


def test_version(capsys):
    with pytest.raises(SystemExit) as done:
        run.main(["--version"])
    assert done.value.code == 0
    assert re.fullmatch(r"stormdrill \d+\.\d+\.\d+\S*\n", capsys.readouterr().out)


def test_validate_json_lists_every_file_and_problem(capsys):
    broken = str(BROKEN / "duration-in-words.yaml")
    assert run.main(["validate", "--json", str(SCENARIO_FILES[0]), broken]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["format"] == "stormdrill-validate" and out["valid"] is False
    ok, bad = out["files"]
    assert ok == {"file": str(SCENARIO_FILES[0]), "valid": True, "problems": []}
    assert bad["problems"][0] == {
        "file": broken,
        "line": 5,
        "col": 11,
        "path": "duration",
        "message": "'2 hours' is not a duration; write 2h",
    }


def test_validate_prints_problems_on_stdout(capsys):
    assert run.main(["validate", str(BROKEN / "duration-in-words.yaml")]) == 1
    assert "duration-in-words.yaml:5:11: duration:" in capsys.readouterr().out


def test_simulate_json_keeps_runs_and_their_mean_apart(library, capsys):
    assert run.main(["simulate", "--runs", "2", "--seed", "1", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["format"] == "stormdrill-simulate" and [r["seed"] for r in out["runs"]] == [1, 2]
    assert set(out) == {"format", "version", "scenario", "bot", "runs", "mean"}
    mean = (out["runs"][0]["complaints"] + out["runs"][1]["complaints"]) / 2
    assert out["mean"]["complaints"] == pytest.approx(mean)


def test_a_slow_build_is_said_on_stderr(capsys):
    from stormdrill.scenarios.cli import said_if_slow

    with said_if_slow("building", after=0.05):
        time.sleep(0.2)
    with said_if_slow("quick", after=5):
        pass
    err = capsys.readouterr().err
    assert "building..." in err and "building: done in" in err and "quick" not in err


def test_the_cache_is_shown_capped_and_cleared(tmp_path, monkeypatch, capsys):
    from stormdrill.simulator import cache

    monkeypatch.setenv("STORMDRILL_CACHE", str(tmp_path))
    monkeypatch.setenv("STORMDRILL_CACHE_MAX_MB", "0.003")
    for i in range(3):
        (tmp_path / f"n{i}.npz").write_bytes(b"x" * 1000)
        os.utime(tmp_path / f"n{i}.npz", (1000 + i, 1000 + i))
    assert run.main(["cache", "info", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert (info["folder"], info["files"], info["bytes"], info["cap_bytes"]) == (
        str(tmp_path),
        3,
        3000,
        3000,
    )
    (tmp_path / "n3.npz").write_bytes(b"x" * 1000)
    assert cache.prune(tmp_path, keep=tmp_path / "n3.npz") == 1
    assert not (tmp_path / "n0.npz").exists() and (tmp_path / "n3.npz").exists()
    assert run.main(["cache", "clear"]) == 0
    assert (
        "removed 3 cached network(s)" in capsys.readouterr().out and cache.info(tmp_path).files == 0
    )


def test_new_writes_a_relative_schema_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run.main(["new", "Parcel chaos"]) == 0
    first = (tmp_path / "parcel-chaos.yaml").read_text().splitlines()[0]
    reference = first.split("$schema=")[1]
    assert not reference.startswith(("/", "file:"))
    assert (tmp_path / reference).resolve() == (
        ROOT / "scenarios" / "schema" / "scenario.schema.json"
    ).resolve()


# ------------------------------------------------------------------ the console in a browser


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    """`run.py serve` on a free loopback port, run from tmp_path (where its session logs go)."""
    pytest.importorskip("textual_serve")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "run.py"), "serve", "--port", str(port)],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        page, deadline = None, time.monotonic() + 30
        while page is None and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    page = response.read().decode()
            except OSError:
                time.sleep(0.2)
        assert page is not None, "the server never answered"
        yield port, page
    finally:
        process.terminate()
        process.wait(10)


def test_serve_answers_on_loopback(server):
    port, page = server
    assert "Stormdrill" in page and f"ws://127.0.0.1:{port}/ws" in page


async def test_a_browser_session_reaches_the_briefing_and_keeps_its_log(server, tmp_path):
    """What the page's script does: open the websocket, read the screen, press enter."""
    import aiohttp

    port, _ = server
    seen = ""
    async with (
        aiohttp.ClientSession() as client,
        client.ws_connect(
            f"http://127.0.0.1:{port}/ws?width=120&height=40",
            timeout=aiohttp.ClientWSTimeout(ws_close=5),
        ) as ws,
    ):
        deadline = time.monotonic() + 60
        while "Start" not in seen and time.monotonic() < deadline:
            message = await ws.receive(timeout=deadline - time.monotonic())
            if message.type == aiohttp.WSMsgType.BINARY:
                seen += re.sub(
                    r"\x1b\[[0-9;?]*[A-Za-z]", "", message.data.decode("utf-8", "replace")
                )
            elif message.type in (
                aiohttp.WSMsgType.CLOSE,
                aiohttp.WSMsgType.CLOSED,
                aiohttp.WSMsgType.ERROR,
            ):
                break
        assert "TelNet" in seen and "Start" in seen, seen[-2000:]
        await ws.send_json(["stdin", "\r"])  # enter starts the storm: the log is kept from then on
        deadline = time.monotonic() + 30
        while not list((tmp_path / "sessions").glob("*.jsonl")) and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
        await ws.send_json(["stdin", "\x11"])  # ctrl+q
        await asyncio.sleep(1)
    [log] = (tmp_path / "sessions").glob("telnet-outage-*.jsonl")
    assert log.read_text().startswith('{"type":"header"')


def test_a_headless_chromium_reaches_the_briefing_and_starts_the_storm(tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("no chromium on this machine (apt-get install chromium)")
    from .browser_smoke import smoke

    log = smoke(chromium, tmp_path, screenshot=tmp_path / "briefing.png")
    assert log.parent == tmp_path / "sessions" and log.read_text().startswith('{"type":"header"')
    assert (tmp_path / "briefing.png").exists()


def test_play_starts_under_the_web_driver_without_a_terminal(tmp_path, monkeypatch, capsys):
    """textual-serve runs `play` with pipes, not a terminal: it must not refuse to start."""
    from stormdrill import commands

    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")
    assert commands._web_driver()
    monkeypatch.delenv("TEXTUAL_DRIVER")
    assert not commands._web_driver()
    assert run.main(["play", "--log", str(tmp_path / "s.jsonl")]) == 2  # no terminal, no web driver
    assert "needs a terminal" in capsys.readouterr().err


def test_serve_plays_the_chosen_scenario_with_its_options():
    from argparse import Namespace

    from stormdrill.serve import play_command

    command = play_command(
        Namespace(file=str(SCENARIO_FILES[1]), seed=4, trainee="Sam [b]O'Neil", ui_language="nl")
    )
    assert " play " in command and str(Path(SCENARIO_FILES[1]).resolve()) in command
    assert (
        "--seed 4" in command
        and "'Sam [b]O'\"'\"'Neil'" in command
        and "--ui-language nl" in command
    )
