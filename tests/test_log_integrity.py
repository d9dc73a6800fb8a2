"""Session logs read with integrity: bounded, times checked, a running hash that tells modified from ok."""

from __future__ import annotations

import json
import os
import threading
import time

import pytest
from stormdrill.simulator import logread as logmod
from stormdrill.simulator.headless import run_bot
from stormdrill.simulator.log import LogError, read_log

import run


@pytest.fixture(scope="module")
def written(library, assess, tmp_path_factory):
    """A reference bot's complete session log on the TelNet outage."""
    path = tmp_path_factory.mktemp("logs") / "ref.jsonl"
    run_bot(library["telnet-outage"], "reference", 3, assess, log_path=str(path))
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def save(tmp_path, lines, name="log.jsonl") -> str:
    path = tmp_path / name
    path.write_text("".join(lines), encoding="utf-8")
    return str(path)


def edit(line: str, **changes) -> str:
    obj = json.loads(line)
    obj.update(changes)
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False) + "\n"


def action_index(lines) -> int:
    return next(i for i, line in enumerate(lines) if '"type":"action"' in line)


def test_a_log_as_written_reads_ok(written, tmp_path):
    log = read_log(save(tmp_path, written))
    assert log.integrity == "ok" and log.problems == [] and log.complete


@pytest.mark.parametrize("how", ["deleted", "duplicated", "text changed"])
def test_an_edited_action_makes_the_log_modified(written, tmp_path, how):
    lines = list(written)
    i = action_index(lines)
    if how == "deleted":
        del lines[i]
    elif how == "duplicated":
        lines.insert(i, lines[i])
    else:
        lines[i] = lines[i].replace('"text":"', '"text":"Better: ', 1)
    log = read_log(save(tmp_path, lines))
    assert log.integrity == "modified"
    assert any(f":{i + 1}:" in note or f":{i + 2}:" in note for note in log.integrity_notes)


def test_changed_weights_in_the_header_make_it_modified_even_without_hashes(written, tmp_path):
    header = json.loads(written[0])
    header.pop("h")
    header["scenario"]["scoring"] = {
        "weights": {"speed": 100, "empathy": 0, "privacy": 0, "containment": 0, "policy": 0}
    }
    lines = [json.dumps(header) + "\n"] + [edit(line) for line in written[1:]]
    for i, line in enumerate(lines[1:], start=1):
        obj = json.loads(line)
        obj.pop("h")
        lines[i] = json.dumps(obj) + "\n"
    log = read_log(save(tmp_path, lines))
    assert log.integrity == "modified"
    assert "does not match its scenario_hash" in log.integrity_notes[0]


def test_an_old_log_without_hashes_reads_unchecked(written, tmp_path):
    lines = []
    for line in written:
        obj = json.loads(line)
        obj.pop("h")
        lines.append(json.dumps(obj, separators=(",", ":"), ensure_ascii=False) + "\n")
    log = read_log(save(tmp_path, lines))
    assert log.integrity == "unchecked" and log.problems == []


def test_a_crash_mid_write_is_truncated_not_modified(written, tmp_path):
    lines = [*written[:-3], written[-3][:40]]
    log = read_log(save(tmp_path, lines))
    assert log.integrity == "truncated"
    assert "cut off" in log.problems[-1]


def test_a_utf8_byte_order_mark_is_accepted(written, tmp_path):
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + "".join(written).encode("utf-8"))
    assert read_log(path).integrity == "ok"


@pytest.mark.parametrize(
    ("t", "words"),
    [
        (-5, "negative"),
        (float("nan"), "not a finite number"),
        (float("inf"), "not a finite number"),
        ("soon", "not a number"),
        (10**9, "after the storm ends"),
    ],
)
def test_bad_times_are_refused_with_file_and_line(written, tmp_path, t, words):
    lines = list(written)
    i = action_index(lines)
    lines[i] = edit(lines[i], t=t)
    path = save(tmp_path, lines)
    with pytest.raises(LogError, match=rf"{path}:{i + 1}: .*{words}"):
        read_log(path)


def test_times_running_backwards_are_refused(written, tmp_path):
    lines = list(written)
    last = len(lines) - 2
    lines[last] = edit(lines[last], t=0.0)
    path = save(tmp_path, lines)
    with pytest.raises(LogError, match=rf"{path}:{last + 1}: .*comes before"):
        read_log(path)


def test_bad_times_exit_1_with_one_line_in_every_command(written, tmp_path, capsys):
    lines = list(written)
    i = action_index(lines)
    lines[i] = lines[i].replace('"t":', '"t":NaN,"x":', 1)
    path = save(tmp_path, lines)
    for argv in (
        ["score", path],
        ["report", path, "-o", str(tmp_path / "r.html")],
        ["compare", path],
    ):
        assert run.main(argv) == 1
        err = capsys.readouterr().err
        assert f"{path}:{i + 1}:" in err and "Traceback" not in err


def test_a_named_pipe_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    result = []

    def read() -> None:
        try:
            read_log(fifo)
        except LogError as err:
            result.append(str(err))

    reader = threading.Thread(target=read, daemon=True)
    started = time.monotonic()
    reader.start()
    reader.join(5)
    assert not reader.is_alive() and time.monotonic() - started < 5
    assert "not a regular file" in result[0]


@pytest.mark.parametrize("path", ["/dev/zero", "/dev/null"])
def test_devices_and_folders_are_refused(path, tmp_path):
    with pytest.raises(LogError, match="not a regular file"):
        read_log(path)
    with pytest.raises(LogError, match="is a folder"):
        read_log(tmp_path)


def test_a_log_past_the_size_limit_is_refused_before_reading(written, tmp_path, monkeypatch):
    monkeypatch.setattr(logmod, "MAX_LOG_BYTES", 10_000)
    with pytest.raises(LogError, match="at most 10,000 bytes"):
        read_log(save(tmp_path, written))


def test_a_line_past_the_limit_is_refused(written, tmp_path, monkeypatch):
    monkeypatch.setattr(logmod, "MAX_LINE_BYTES", len(written[0].encode()) + 10)
    lines = list(written)
    lines.insert(
        1, '{"type":"event","t":0,"kind":"post","cause":"' + "x" * (len(written[0]) + 20) + '"}\n'
    )
    with pytest.raises(LogError, match=":2: the line is longer"):
        read_log(save(tmp_path, lines))


def test_score_report_and_compare_say_modified_and_strict_exits_1(written, tmp_path, capsys):
    lines = list(written)
    del lines[action_index(lines)]
    path = save(tmp_path, lines)
    assert run.main(["score", path, "--json"]) == 0
    captured = capsys.readouterr()
    card = json.loads(captured.out)
    assert card["integrity"] == "modified" and "integrity modified" in captured.err
    assert run.main(["score", path, "--strict"]) == 1
    out = tmp_path / "r.json"
    assert run.main(["report", path, "--format", "json", "-o", str(out)]) == 0
    assert json.loads(out.read_text())["integrity"] == "modified"
    assert run.main(["report", path, "--strict", "-o", str(out)]) == 1
    assert run.main(["compare", path, "--strict"]) == 1
    assert run.main(["score", save(tmp_path, written, "ok.jsonl"), "--strict"]) == 0


def test_score_json_and_report_json_carry_the_same_version_fields(written, tmp_path, capsys):
    path = save(tmp_path, written)
    assert run.main(["score", path, "--json"]) == 0
    score = json.loads(capsys.readouterr().out)
    out = tmp_path / "r.json"
    assert run.main(["report", path, "--format", "json", "-o", str(out)]) == 0
    report = json.loads(out.read_text())
    for key in ("format", "version", "integrity"):
        assert score[key] == report[key]
    assert score["format"] == "stormdrill-scorecard" and score["integrity"] == "ok"


def test_an_event_kind_this_version_does_not_know_is_reported_with_its_line(written, tmp_path):
    lines = list(written)
    i = next(i for i, line in enumerate(lines) if '"type":"event"' in line)
    lines[i] = edit(lines[i], kind="tsunami")
    path = save(tmp_path, lines)
    log = read_log(path)
    assert (
        f"{path}:{i + 1}: unknown event 'tsunami'; skipped this line, kept the rest" in log.problems
    )
