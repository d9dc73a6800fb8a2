"""The team commands: `host` and `join` (docs/teams.md). argparse wiring is in add_parsers."""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
from pathlib import Path

from .client import Connection, JoinError
from .protocol import ROLES

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def default_team_log(scenario_id: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return Path("sessions") / f"{scenario_id}-team-{stamp}.jsonl"


def host_command(args) -> int:
    from stormdrill.scenarios.cli import scenario_or_explain
    from stormdrill.scoring import assess

    from .exercise import Exercise
    from .host import Host

    scenario = scenario_or_explain(args.file)
    if not 0 <= args.port < 65536:
        print(f"--port {args.port}: give a port between 1 and 65535", file=sys.stderr)
        return EXIT_USAGE
    if args.speed is not None and not 0 < args.speed <= 3600:
        print(f"--speed {args.speed}: give a speed from above 0 to 3600", file=sys.stderr)
        return EXIT_USAGE
    log_path = Path(args.log) if args.log else default_team_log(scenario.id)
    log_path.parent.mkdir(parents=True, exist_ok=True)
    seed = scenario.network.seed if args.seed is None else args.seed
    exercise = Exercise(
        scenario, seed, assess, log_path=log_path, speed=args.speed, code=args.code or _code()
    )
    exercise.paused = args.paused
    host = Host(exercise, bind=args.bind, port=args.port)

    async def main() -> None:
        try:
            port = await host.start()
        except OSError as err:
            raise JoinError(
                f"{args.bind}:{args.port}: cannot listen there: {err.strerror or err}"
            ) from None
        address = f"{args.bind}:{port}"
        print(
            f"hosting {scenario.title} at {address}, join code {exercise.code}, ×{exercise.speed:g}"
            f"{' (paused: the trainer starts it)' if exercise.paused else ''}\n"
            f"  join: stormdrill join {address} --code {exercise.code} --name NAME --role agent\n"
            f"  log:  {log_path}",
            file=sys.stderr,
            flush=True,
        )
        while len(exercise.seats) < args.wait_for:
            await asyncio.sleep(0.05)
        await host.run()

    try:
        asyncio.run(main())
    except JoinError as err:
        print(err, file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        exercise.close("host stopped")
        print(f"stopped; the log is kept: {log_path}", file=sys.stderr)
        return 130
    print(f"the storm is over; the log: {log_path}", file=sys.stderr)
    return EXIT_OK


def _code() -> str:
    from .protocol import new_code

    return new_code()


def join_command(args) -> int:
    if args.bot:
        return asyncio.run(_join_bot(args))
    from .client import parse_address
    from .console import run_console

    try:
        parse_address(args.address)  # said here, before the console takes the terminal
        return run_console(args.address, args.code, args.name, args.role)
    except JoinError as err:
        print(err, file=sys.stderr)
        return EXIT_INVALID


async def _join_bot(args) -> int:
    from stormdrill.scoring import assess

    from .bot import play_seat

    try:
        connection = await asyncio.wait_for(_open(args), args.connect_timeout)
    except (JoinError, TimeoutError) as err:
        print(str(err) or f"{args.address}: no answer in time", file=sys.stderr)
        return EXIT_INVALID
    mirror = await play_seat(connection, args.bot, assess)
    mine = sum(names.count(args.name) for names in mirror.authors.values())
    print(
        f"{args.name}: {mine} action(s); storm {'over' if mirror.ended else 'left early'}",
        file=sys.stderr,
    )
    return EXIT_OK


async def _open(args) -> Connection:
    """The seat's connection; a host that is still starting gets a few more tries."""
    while True:
        try:
            return await Connection.open(args.address, args.code, args.name, "agent")
        except JoinError as err:
            if "cannot reach" not in str(err):
                raise
            await asyncio.sleep(0.2)


def add_parsers(sub, cmd: str) -> None:
    """`host` and `join`, in the command line's subparsers."""
    p = sub.add_parser(
        "host",
        help="host a team exercise: one storm, several seats (docs/teams.md)",
        description="Run one storm as the authority for a team: seats join with the code printed\n"
        "here (agents, a lead, the trainer's white cell, observers, bots). Listens on\n"
        "127.0.0.1 unless --bind opens it to a network. The one log is written as it plays.\n"
        f"example: {cmd} host scenarios/library/telnet-outage.yaml --port 8700 --speed 15",
    )
    p.add_argument("file", help="scenario file")
    p.add_argument(
        "--port", type=int, default=8700, help="port to listen on (default 8700; 0: any free)"
    )
    p.add_argument(
        "--bind", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine)"
    )
    p.add_argument(
        "--speed",
        type=float,
        default=None,
        help="simulated seconds per real second (default: the scenario's)",
    )
    p.add_argument(
        "--seed", type=int, default=None, help="storm seed (default: the scenario's network seed)"
    )
    p.add_argument(
        "--code", default=None, help="the join code (default: six random letters and digits)"
    )
    p.add_argument(
        "--log", default=None, help="the exercise's log (default: sessions/ID-team-TIME.jsonl)"
    )
    p.add_argument(
        "--paused", action="store_true", help="start paused: the trainer starts the clock (space)"
    )
    p.add_argument(
        "--wait-for",
        type=int,
        default=0,
        metavar="N",
        help="start the clock once N seats have joined",
    )
    p.set_defaults(func=host_command)

    p = sub.add_parser(
        "join",
        help="join a team exercise: a console seat, or a bot with --bot",
        description="Take a seat in a hosted exercise: agent, lead, trainer (white cell) or observer,\n"
        "or a headless bot seat that plays as an agent.\n"
        f"example: {cmd} join 127.0.0.1:8700 --code K7P2QX --name Anna --role agent\n"
        f"example: {cmd} join 127.0.0.1:8700 --code K7P2QX --bot reference --name Bot1",
    )
    p.add_argument("address", help="HOST:PORT of the exercise")
    p.add_argument("--code", required=True, help="the join code the host printed")
    p.add_argument(
        "--name", required=True, help="your name in the exercise (shown to the team, in the log)"
    )
    p.add_argument("--role", choices=ROLES, default="agent")
    p.add_argument(
        "--bot", choices=["reference", "bad"], default=None, help="a headless seat played by a bot"
    )
    p.add_argument("--connect-timeout", type=float, default=10.0, help=argparse_suppress())
    p.set_defaults(func=join_command)

    # `serve` opens a seat in browsers: the join parameters on the existing command.
    serve = sub.choices["serve"]
    serve.add_argument(
        "--join", metavar="HOST:PORT", help="serve a seat of a team exercise (docs/teams.md)"
    )
    serve.add_argument("--code", help="with --join: the exercise's join code")
    serve.add_argument("--name", help="with --join: the seat's name")
    serve.add_argument(
        "--role", choices=ROLES, default="agent", help="with --join: the seat's role"
    )


def argparse_suppress():
    import argparse

    return argparse.SUPPRESS
