"""Never lose a session to the disk; every command that writes a file fails with one line."""

from __future__ import annotations

import errno
import os

import pytest
from stormdrill.simulator.log import LogWriter, make_header, read_log
from stormdrill.simulator.logfile import LineFile, why_not_writable
from stormdrill.simulator.network import load_or_build, spec_for

import run
from stormdrill.app import StormdrillApp
from stormdrill.play import LiveSession
from stormdrill.screens.console import ConsoleScreen
from stormdrill.screens.log_trouble import LogTroubleScreen

ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False


class FullDisk:
    """A file object whose writes fail as on a full disk, after `room` successful ones."""

    def __init__(self, real, room: int = 0):
        self.real, self.room = real, room

    def write(self, text: str) -> int:
        if self.room <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.room -= 1
        return self.real.write(text)

    def flush(self) -> None:
        self.real.flush()

    def fileno(self) -> int:
        return self.real.fileno()

    def close(self) -> None:
        self.real.close()
        raise OSError(
            errno.ENOSPC, os.strerror(errno.ENOSPC)
        )  # the buffered rest fails again on close


def test_a_full_disk_keeps_the_lines_in_memory_and_they_move_whole(library, tmp_path):
    writer = LogWriter(
        tmp_path / "a.jsonl", make_header(library["telnet-outage"], 1, trainee="Sam")
    )
    writer.file._file = FullDisk(writer.file._file, room=0)
    writer.close(10.0, "quit")  # no exception, no second one on close
    assert writer.error is not None and writer.error.errno == errno.ENOSPC
    assert len(writer.file.lines) == 2 and writer.file.written == 1
    writer.move_to(tmp_path / "elsewhere" / "a.jsonl")
    log = read_log(tmp_path / "elsewhere" / "a.jsonl")
    assert log.integrity == "ok" and log.end["reason"] == "quit"


def test_a_line_file_that_cannot_even_open_says_why(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    lines = LineFile(blocker / "log.jsonl")
    lines.write("{}\n")
    assert lines.failed and lines.lines == ["{}\n"]


async def test_a_disk_filling_mid_session_pauses_and_offers_another_folder(
    library, assess, tmp_path
):
    scenario = library["telnet-outage"]
    live = LiveSession(
        scenario,
        7,
        assess,
        trainee="Sam",
        log_path=tmp_path / "full" / "s.jsonl",
        network=load_or_build(spec_for(scenario)),
    )
    live.compute_baseline()
    app = StormdrillApp(live, "en", assess, autoplay=False, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, ConsoleScreen)
        live.log.file._file = FullDisk(live.log.file._file, room=3)
        app.step_to(30 * 60)
        await pilot.pause()
        assert isinstance(app.screen, LogTroubleScreen) and live.paused
        body = str(app.screen.query_one("#log-trouble-body").render())
        assert "No space left on device" in body and str(tmp_path / "full" / "s.jsonl") in body
        app.screen.query_one("Input").value = str(tmp_path / "rescue")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConsoleScreen) and not live.paused
        assert live.log.path == tmp_path / "rescue" / "s.jsonl"
        app.step_to(40 * 60)
        app.quit_storm()
    log = read_log(tmp_path / "rescue" / "s.jsonl")
    assert log.integrity == "ok" and log.last_time >= 40 * 60


async def test_ending_after_a_disk_error_leaves_without_a_traceback(library, assess, tmp_path):
    scenario = library["telnet-outage"]
    live = LiveSession(
        scenario,
        7,
        assess,
        log_path=tmp_path / "s.jsonl",
        network=load_or_build(spec_for(scenario)),
    )
    live.compute_baseline()
    app = StormdrillApp(live, "en", assess, autoplay=False, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        live.log.file._file = FullDisk(live.log.file._file)
        app.step_to(5 * 60)
        await pilot.pause()
        assert isinstance(app.screen, LogTroubleScreen)
        await pilot.click("#log-trouble-end")
        await pilot.pause()
    assert app.return_value == str(tmp_path / "s.jsonl") and live.log.closed


def unwritable_targets(tmp_path) -> list[str]:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    targets = ["/dev/full", str(blocker / "inside" / "out")]
    if not ROOT:  # root writes into read-only folders
        folder = tmp_path / "read-only"
        folder.mkdir()
        folder.chmod(0o555)
        targets.append(str(folder / "out"))
    return targets


def test_the_log_is_checked_before_the_briefing(tmp_path, capsys):
    for target in unwritable_targets(tmp_path):
        assert why_not_writable(target + ".jsonl" if target != "/dev/full" else target)
        assert run.main(["play", "--log", target]) == 1
        err = capsys.readouterr().err
        assert "the session log can't be written" in err and len(err.strip().splitlines()) == 1


@pytest.fixture(scope="module")
def a_log(library, assess, tmp_path_factory):
    from stormdrill.simulator.headless import run_bot

    path = tmp_path_factory.mktemp("w") / "ref.jsonl"
    run_bot(library["telnet-outage"], "none", 1, assess, log_path=str(path), until=600)
    return str(path)


@pytest.mark.parametrize(
    "command",
    [
        lambda out, log: ["simulate", "--log", out],
        lambda out, log: ["report", log, "-o", out],
        lambda out, log: ["compare", log, "-o", out],
        lambda out, log: ["new", "Parcel chaos", "-o", out, "--force"],
        lambda out, log: ["schema", "-o", out],
    ],
    ids=["simulate", "report", "compare", "new", "schema"],
)
def test_every_command_that_writes_fails_with_one_line(command, a_log, tmp_path, capsys):
    for target in unwritable_targets(tmp_path):
        assert run.main(command(target, a_log)) == 1, target
        err = capsys.readouterr().err
        lines = [line for line in err.splitlines() if not line.startswith("warning:")]
        assert len(lines) == 1 and "Traceback" not in err, err
        named = lines[0].split(": ")[0]
        assert target.startswith(named), lines[0]  # the file, or the folder on its way that failed
