"""`stormdrill serve`: the console in a web browser, through textual-serve.

Each browser page starts its own `play` process under Textual's web driver;
the session log is kept in sessions/ exactly as in a terminal. By default the
server listens on 127.0.0.1 only: a trainee's session is nobody else's business.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path


def _stormdrill() -> list[str]:
    """How a browser page's process starts Stormdrill: this checkout's run.py, else the installed package
    (a page's process may start in another folder, where a checkout is not on the import path)."""
    from stormdrill import _CHECKOUT

    run = _CHECKOUT / "run.py"
    return [sys.executable, str(run)] if run.is_file() else [sys.executable, "-m", "stormdrill"]


def play_command(args) -> str:
    """The shell command each browser page runs: `play` with the scenario and options given to `serve`,
    or `join` a team exercise's seat (`--join HOST:PORT`, docs/teams.md)."""
    from stormdrill.scenarios.loader import DEFAULT_SCENARIO

    if getattr(args, "join", None):
        words = [*_stormdrill(), "join", args.join, "--code", args.code, "--name", args.name]
        return shlex.join([*words, "--role", args.role])

    words = [*_stormdrill(), "play", str(Path(args.file or DEFAULT_SCENARIO).resolve())]
    for flag, value in (
        ("--seed", args.seed),
        ("--trainee", args.trainee),
        ("--ui-language", args.ui_language),
    ):
        if value is not None:
            words += [flag, str(value)]
    return shlex.join(words)


def serve(args) -> int:
    from stormdrill.scenarios.cli import scenario_or_explain

    if getattr(args, "join", None):
        return _serve_seat(args)
    scenario = scenario_or_explain(
        args.file
    )  # a broken scenario is said here, not in every browser page
    if not 0 < args.port < 65536:
        print(f"--port {args.port}: give a port between 1 and 65535", file=sys.stderr)
        return 2
    try:
        from textual_serve.server import Server
    except ImportError:
        print(
            "serving in a browser needs textual-serve: pip install textual-serve", file=sys.stderr
        )
        return 1
    url = f"http://{args.host}:{args.port}"
    print(
        f"serving {scenario.title} at {url} (ctrl+c stops); session logs go to {Path('sessions').resolve()}",
        file=sys.stderr,
        flush=True,
    )
    server = Server(
        play_command(args), host=args.host, port=args.port, title=f"Stormdrill: {scenario.title}"
    )
    try:
        server.serve()
    except OSError as err:
        print(f"{url}: cannot listen there: {err.strerror or err}", file=sys.stderr)
        return 1
    return 0


def _serve_seat(args) -> int:
    """`serve --join`: one seat of a team exercise in the browser (each page joins as that seat)."""
    from stormdrill.team.client import JoinError, parse_address

    try:
        parse_address(args.join)
    except JoinError as err:
        print(f"--join: {err}", file=sys.stderr)
        return 2
    if not (args.code and args.name):
        print("--join needs --code and --name (the seat's name in the exercise)", file=sys.stderr)
        return 2
    from textual_serve.server import Server

    url = f"http://{args.host}:{args.port}"
    print(
        f"serving {args.name}'s seat ({args.role}) at {url} (ctrl+c stops)",
        file=sys.stderr,
        flush=True,
    )
    server = Server(
        play_command(args), host=args.host, port=args.port, title=f"Stormdrill: {args.name}"
    )
    try:
        server.serve()
    except OSError as err:
        print(f"{url}: cannot listen there: {err.strerror or err}", file=sys.stderr)
        return 1
    return 0
