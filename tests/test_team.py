"""Team exercises: a host with seats in-process, as a trainer would run one (docs/teams.md).

The host's clock is stepped by the tests (`host.advance_to`), never by the wall clock; the seats
are real TCP connections on 127.0.0.1, the consoles run under Textual's Pilot.
"""

from __future__ import annotations

import asyncio
import json

import pytest
from stormdrill.simulator.events import Action
from stormdrill.simulator.log import read_log, replay
from stormdrill.simulator.network import load_or_build, spec_for

from stormdrill.team.client import Connection, JoinError
from stormdrill.team.console import TeamApp
from stormdrill.team.exercise import Exercise
from stormdrill.team.host import Host
from stormdrill.team.mirror import Mirror
from stormdrill.team.protocol import MAX_MESSAGE_BYTES, encode, hello

CODE = "TEST42"


def _with_approvals(scenario):
    """The library scenario with a policy whose lead approves the holding statement and legal."""
    policy = scenario.resolved_policy
    approvals = policy.approvals.model_copy(
        update={"holding_statement": True, "escalate": ["legal"]}
    )
    return scenario.model_copy(
        update={"policy": policy.model_copy(update={"approvals": approvals})}
    )


@pytest.fixture
async def host(library, assess, tmp_path):
    scenario = _with_approvals(library["telnet-outage"])
    network = load_or_build(spec_for(scenario))
    exercise = Exercise(
        scenario, 7, assess, log_path=tmp_path / "team.jsonl", network=network, code=CODE
    )
    served = Host(exercise, port=0)
    served.manual = True
    await served.start()
    served.network = network
    yield served
    await served.stop()


def _address(host: Host) -> str:
    return f"127.0.0.1:{host.port}"


async def _until(condition, what: str, timeout: float = 10.0) -> None:
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not condition():
        if loop.time() > end:
            raise AssertionError(f"waited {timeout}s for {what}")
        await asyncio.sleep(0.02)


def _console(host: Host, assess, name: str, role: str) -> TeamApp:
    return TeamApp(assess, _address(host), CODE, name, role, network=host.network)


def _rows(app: TeamApp) -> list[list[str]]:
    from textual.widgets import DataTable

    table = app.query_one("#inbox", DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def _select(app: TeamApp, pilot, thread: int) -> None:
    from textual.widgets import DataTable

    table = app.query_one("#inbox", DataTable)
    await _until(lambda: str(thread) in table.rows, f"#{thread} in {app.me['name']}'s inbox")
    table.focus()
    table.move_cursor(row=table.get_row_index(str(thread)))
    await pilot.pause()
    assert app.selected() == thread


async def _type(pilot, key: str, text: str) -> None:
    """A key that opens the line, the text typed into it, enter."""
    from textual.widgets import Input

    await pilot.press(key)
    line = pilot.app.query_one("#line", Input)
    assert line.has_focus
    line.insert_text_at_cursor(text)
    await pilot.press("enter")


async def test_a_team_of_four_plays_one_storm_from_the_host(host, assess):
    anna, ben = _console(host, assess, "Anna", "agent"), _console(host, assess, "Ben", "agent")
    lea, tom = _console(host, assess, "Lea", "lead"), _console(host, assess, "Tom", "trainer")
    async with (
        anna.run_test(size=(140, 40)) as pa,
        ben.run_test(size=(140, 40)) as pb,
        lea.run_test(size=(140, 40)) as pl,
        tom.run_test(size=(140, 40)) as pt,
    ):
        apps = (anna, ben, lea, tom)
        await _until(lambda: len(host.exercise.seats) == 4, "four seats")
        host.advance_to(600)
        await _until(lambda: all(a.mirror.session.now == 600 for a in apps), "every seat at 10 min")
        thread = anna.mirror.session.snapshot().inbox[0].id

        # Anna claims the most urgent post; everyone sees it is hers, and Ben can't answer it.
        await _select(anna, pa, thread)
        await pa.press("c")
        await _until(lambda: all(a.mirror.holder(thread) == "Anna" for a in apps), "Anna's claim")
        await pb.pause()
        assert [str(thread), "Anna"] == [
            row[i] for row in _rows(ben) if row[0] == str(thread) for i in (0, 3)
        ]
        await _select(ben, pb, thread)
        await _type(pb, "r", "Hi, sorry about this, we are on it")
        await _until(lambda: any("claimed by Anna" in s for s in ben.said_lines), "Ben refused")
        await _type(pa, "r", "Sorry for the trouble, we know and we are on it. DM us? ^AN")
        await _until(
            lambda: all(a.mirror.authors.get(thread) == ["Anna"] for a in apps), "Anna's reply"
        )

        # Ben's holding statement waits for the lead; Lea approves it and it goes out as Ben's.
        await _type(
            pb, "s", "We know mobile internet is down and we are working on it. Update 18:30"
        )
        await _until(lambda: lea.mirror.pending, "the request at the lead")
        assert not host.exercise.session.statements
        assert any("approval asked by Ben" in s for s in lea.said_lines)
        await pl.press("a")
        await _until(lambda: all(len(a.mirror.session.statements) == 1 for a in apps), "statement")
        await pl.pause()
        seats = str(lea.query_one("#seats").render())
        assert "Anna (agent) 1 claimed" in seats and "Ben (agent)" in seats

        # The trainer's live inject reaches every agent's inbox; the trainer's note reaches the log.
        text = "My phone shop says the outage is TelNet's fault"
        await _type(pt, "i", text)
        await _until(
            lambda: all(any(text in row[4] for row in _rows(a)) for a in (anna, ben)),
            "the inject in both agents' inboxes",
        )
        await _type(pt, "n", "Ben waited for approval well")
        await _until(lambda: any(line["type"] == "note" for line in _log_lines(host)), "the note")

    host.exercise.close("test over")
    log = read_log(host.exercise.log_path)
    assert log.integrity == "ok" and not log.problems
    assert {(by["name"], by["role"]) for by in log.authors if by} == {
        ("Anna", "agent"),
        ("Ben", "agent"),
    }
    approval = [
        line for line in log.team if line["type"] == "approval" and line["what"] == "approved"
    ]
    assert approval[0]["by"]["name"] == "Lea"
    note = next(line for line in log.team if line["type"] == "note")
    assert note["by"] == {"name": "Tom", "role": "trainer"} and note["t"] == 600
    # The log replays to the host's storm, the inject included.
    again = replay(log, assess, until=600, network=host.network)
    assert [th.text for th in again.threads] == [th.text for th in host.exercise.session.threads]
    assert not again.divergences


def _log_lines(host: Host) -> list[dict]:
    return [json.loads(line) for line in host.exercise.log_path.read_text().splitlines()]


async def test_a_seat_that_drops_and_rejoins_gets_everything_back(host, assess):
    anna = await Connection.open(_address(host), CODE, "Anna", "agent")
    host.advance_to(900)
    thread = host.exercise.session.snapshot().inbox[0].id
    await anna.send({"type": "claim", "thread": thread})
    await anna.send(
        {
            "type": "act",
            "action": {"kind": "reply", "thread": thread, "text": "Sorry, we're on it. ^A"},
        }
    )
    await _until(lambda: host.exercise.history, "the reply")
    with pytest.raises(JoinError, match="already in this exercise"):
        await Connection.open(_address(host), CODE, "Anna", "agent")
    anna.close()
    await _until(lambda: not host.exercise.seats["Anna"].online, "the host noticing the drop")
    host.advance_to(1200)  # the storm goes on without her
    back = await Connection.open(_address(host), CODE, "Anna", "agent")
    assert back.welcome["claims"] == {str(thread): "Anna"}
    mirror = Mirror(back.welcome, assess, host.network)
    assert mirror.session.now == 1200
    assert mirror.session.snapshot() == host.exercise.session.snapshot()
    assert mirror.authors[thread] == ["Anna"]
    back.close()


async def _raw(host: Host):
    reader, writer = await asyncio.open_connection("127.0.0.1", host.port, limit=2**24)

    async def ask(data: bytes) -> dict:
        """The host's answer to one message (the broadcasts between are skipped)."""
        writer.write(data)
        await writer.drain()
        while True:
            answer = json.loads(await asyncio.wait_for(reader.readline(), 5))
            if answer["type"] in ("error", "pong", "welcome"):
                return answer

    return reader, writer, ask


async def test_malformed_and_unauthorised_messages_get_an_error_and_a_log_line(host):
    _, writer, ask = await _raw(host)
    wrong = await ask(encode(hello("NOPE99", "Eve", "agent")))
    assert wrong["type"] == "error" and "wrong join code" in wrong["error"]
    writer.close()

    _, writer, ask = await _raw(host)
    assert (await ask(encode(hello(CODE, "Eve", "agent"))))["type"] == "welcome"
    answers = {
        "junk": await ask(b"this is not json\n"),
        "list": await ask(b"[1, 2]\n"),
        "type": await ask(encode({"type": "launch_missiles"})),
        "field": await ask(encode({"type": "claim", "thread": "one"})),
        "extra": await ask(encode({"type": "claim", "thread": 1, "why": "x"})),
        "role": await ask(encode({"type": "inject", "inject": {"kind": "post", "text": "hi"}})),
        "action": await ask(encode({"type": "act", "action": {"kind": "nuke", "thread": 1}})),
        "thread": await ask(encode({"type": "claim", "thread": 99999})),
        "types": await ask(
            encode({"type": "act", "action": {"kind": "reply", "thread": True, "text": 5}})
        ),
        "long": await ask(b'{"type": "note", "text": "' + b"x" * MAX_MESSAGE_BYTES + b'"}\n'),
    }
    for what, answer in answers.items():
        assert answer["type"] == "error", (what, answer)
    assert "not a JSON message" in answers["junk"]["error"]
    assert "unknown message type" in answers["type"]["error"]
    assert "thread must be int" in answers["field"]["error"]
    assert "an agent may not send inject" in answers["role"]["error"]
    assert "unknown action 'nuke'" in answers["action"]["error"]
    assert "there is no thread #99999" in answers["thread"]["error"]
    assert "too long" in answers["long"]["error"]
    # Still serving, and every refusal is in the log with who sent it.
    assert (await ask(encode({"type": "ping"})))["type"] == "pong"
    refused = [line for line in _log_lines(host) if line["type"] == "refused"]
    assert len(refused) >= len(answers)
    assert refused[0]["about"] == "hello" and refused[-1]["by"] == {"name": "Eve", "role": "agent"}
    writer.close()


async def test_a_flood_is_refused_and_the_host_carries_on(host):
    reader, writer, ask = await _raw(host)
    assert (await ask(encode(hello(CODE, "Flo", "observer"))))["type"] == "welcome"
    writer.write(encode({"type": "ping"}) * 200)
    await writer.drain()
    answers = []
    while len(answers) < 200:
        answer = json.loads(await asyncio.wait_for(reader.readline(), 5))
        if answer["type"] in ("error", "pong"):
            answers.append(answer)
    assert any("too many messages" in a.get("error", "") for a in answers)
    assert sum(a["type"] == "pong" for a in answers) < 200
    writer.close()


def test_a_claim_times_out_when_its_holder_does_nothing(library, assess):
    wall = [0.0]
    exercise = Exercise(library["telnet-outage"], 7, assess, code=CODE, clock=lambda: wall[0])
    exercise.join("Anna", "agent", CODE)
    exercise.join("Ben", "agent", CODE)
    exercise.advance_to(900)
    thread = exercise.session.snapshot().inbox[0].id
    exercise.handle("Anna", {"type": "claim", "thread": thread})
    wall[0] = exercise.claim_timeout - 1
    exercise.advance_to(910)
    exercise.handle("Ben", {"type": "claim", "thread": thread})
    assert exercise.holder(thread) == "Anna"
    wall[0] = 2 * exercise.claim_timeout
    exercise.advance_to(920)
    assert exercise.holder(thread) is None
    exercise.handle("Ben", {"type": "claim", "thread": thread})
    assert exercise.holder(thread) == "Ben"


def test_the_lead_reassigns_a_thread_and_without_a_lead_nothing_waits(library, assess):
    exercise = Exercise(_with_approvals(library["telnet-outage"]), 7, assess, code=CODE)
    exercise.join("Anna", "agent", CODE)
    exercise.advance_to(900)
    exercise.handle(
        "Anna",
        {"type": "act", "action": {"kind": "holding_statement", "text": "We know. Update 18:30"}},
    )
    assert len(exercise.session.statements) == 1 and not exercise.pending  # nobody to approve
    exercise.join("Ben", "agent", CODE)
    exercise.join("Lea", "lead", CODE)
    thread = exercise.session.snapshot().inbox[0].id
    exercise.handle("Anna", {"type": "claim", "thread": thread})
    exercise.handle("Lea", {"type": "reassign", "thread": thread, "to": "Ben"})
    assert exercise.holder(thread) == "Ben"
    exercise.handle(
        "Anna", {"type": "act", "action": {"kind": "escalate", "thread": thread, "team": "legal"}}
    )
    assert not exercise.pending  # not hers any more: refused
    exercise.handle(
        "Ben", {"type": "act", "action": {"kind": "escalate", "thread": thread, "team": "legal"}}
    )
    assert [r.action for r in exercise.pending.values()] == [
        Action("escalate", thread, team="legal")
    ]
    exercise.handle("Lea", {"type": "reject", "request": 1, "why": "not a legal case"})
    assert not exercise.pending and not exercise.session.thread(thread).escalated


def test_a_team_log_replays_and_scores_with_its_authors_injects_and_notes(
    library, assess, tmp_path
):
    from stormdrill.scoring.members import members
    from stormdrill.scoring.scorecard import score_log

    from stormdrill.play import ReplayPlayer, branch_from

    path = tmp_path / "team.jsonl"
    exercise = Exercise(library["telnet-outage"], 7, assess, log_path=path, code=CODE)
    exercise.join("Anna", "agent", CODE)
    exercise.join("Tom", "trainer", CODE)
    exercise.advance_to(600)
    post = {"kind": "post", "topic": "outage", "text": "@TelNet my router died in the storm"}
    exercise.handle("Tom", {"type": "inject", "inject": post})
    injected = exercise.session.threads[-1].id
    reply = "Hi, sorry your router died, that's miserable. DM us and we'll sort it out. ^AN"
    exercise.handle(
        "Anna", {"type": "act", "action": {"kind": "reply", "thread": injected, "text": reply}}
    )
    exercise.handle("Tom", {"type": "note", "text": "Anna took the inject within a minute"})
    exercise.advance_to(900)
    exercise.close("test over")

    log = read_log(path)
    player = ReplayPlayer(log, assess)
    seen: list = []
    player.on_action = lambda t, action, verdict: seen.append((action.thread, player.last_author))
    player.on_team_line = lambda line: seen.append((line["type"], line["by"]["name"]))
    player.advance_to(900)
    assert seen == [
        ("inject", "Tom"),
        (injected, {"name": "Anna", "role": "agent"}),
        ("note", "Tom"),
    ]
    assert [th.text for th in player.session.threads] == [
        th.text for th in exercise.session.threads
    ]
    assert not player.divergences

    # A rewind to after the inject, for one trainee's retry, keeps it; so does the branch's own log.
    branch = branch_from(log, 800, assess, trainee="Anna", log_path=tmp_path / "retry.jsonl")
    assert [th.text for th in branch.session.threads] == [
        th.text for th in exercise.session.threads if th.created <= 800
    ]
    branch.advance_to(900)
    branch.close("quit")
    again = replay(read_log(tmp_path / "retry.jsonl"), assess)
    assert post["text"] in [th.text for th in again.threads] and not again.divergences

    card = score_log(log, assess, band=False)
    (anna,) = members(log, card)
    assert (anna.name, anna.first_answers, anna.threads) == ("Anna", 1, [injected])
    assert anna.median_first_response == 0 and anna.message_score is not None


@pytest.fixture(scope="module")
def two_agents_log(library, assess, tmp_path_factory):
    """A team exercise where Anna answers warmly and Ben curtly, one thread each."""
    path = tmp_path_factory.mktemp("team") / "team.jsonl"
    exercise = Exercise(library["telnet-outage"], 7, assess, log_path=path, code=CODE)
    exercise.join("Anna", "agent", CODE)
    exercise.join("Ben", "agent", CODE)
    exercise.advance_to(900)
    first, second = (th.id for th in exercise.session.snapshot().inbox[:2])
    for who, thread, text in (
        ("Anna", first, "Hi, sorry you're without internet, that's miserable. DM us? ^AN"),
        ("Ben", second, "We are aware."),
    ):
        exercise.handle(
            who, {"type": "act", "action": {"kind": "reply", "thread": thread, "text": text}}
        )
    exercise.advance_to(1200)
    exercise.close("test over")
    return path, first, second


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_team_exercise_report_gives_each_member_their_own_figures(
    two_agents_log, assess, tmp_path, fmt
):
    import run

    path, first, second = two_agents_log
    out = tmp_path / f"report.{fmt}"
    assert run.main(["report", str(path), "--format", fmt, "-o", str(out)]) == 0
    report = out.read_text(encoding="utf-8")
    anna, ben = members_of(path, assess)
    assert anna.message_score > ben.message_score  # the warm reply above the curt one
    section = report[report.index("Team members") :]
    for member, thread in ((anna, first), (ben, second)):
        row = section[section.index(member.name) :].split("\n", 1)[0]
        assert f"{member.message_score:.0f}/100" in row and f"#{thread}" in row


def test_a_team_exercise_json_report_lists_the_members(two_agents_log, tmp_path):
    import run

    path, first, second = two_agents_log
    out = tmp_path / "report.json"
    assert run.main(["report", str(path), "--format", "json", "-o", str(out)]) == 0
    listed = {
        m["name"]: (m["first_answers"], m["threads"])
        for m in json.loads(out.read_text())["members"]
    }
    assert listed == {"Anna": (1, [first]), "Ben": (1, [second])}


def members_of(path, assess):
    from stormdrill.scoring.members import members
    from stormdrill.scoring.scorecard import score_log

    log = read_log(path)
    return members(log, score_log(log, assess, band=False))


def test_serve_opens_a_seat_in_the_browser_with_the_join_parameters():
    from stormdrill.cli import build_parser
    from stormdrill.serve import play_command

    args = build_parser().parse_args(
        [
            "serve",
            "--join",
            "127.0.0.1:8700",
            "--code",
            CODE,
            "--name",
            "Anna Lee",
            "--role",
            "lead",
        ]
    )
    command = play_command(args)
    assert command.endswith(f"join 127.0.0.1:8700 --code {CODE} --name 'Anna Lee' --role lead")


def test_what_a_seat_writes_reaches_the_others_as_plain_text():
    from stormdrill.team.protocol import encode, read_client

    note = read_client(encode({"type": "note", "text": "calm\x1b[2J\x1b]0;owned\x07 down\x00"}))
    act = read_client(
        encode(
            {"type": "act", "action": {"kind": "reply", "thread": 1, "text": "hi\x1b[31m there"}}
        )
    )
    assert note["text"] == "calm down"
    assert act["action"]["text"] == "hi there"
