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
    """The shell command each browser page runs: `play` with the scenario and options given to `serve`."""
    from stormdrill.scenarios.loader import DEFAULT_SCENARIO

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
