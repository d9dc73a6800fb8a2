"""`stormdrill play`: the trainee console."""

from __future__ import annotations

import argparse
import gc
import os
import signal
import sys
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from stormdrill import command

if TYPE_CHECKING:
    from .app import StormdrillApp


def play(args: argparse.Namespace) -> int:
    from stormdrill.scenarios.cli import scenario_or_explain
    from stormdrill.scenarios.plaintext import one_line
    from stormdrill.scoring import assess
    from stormdrill.simulator.logfile import why_not_writable

    from .app import StormdrillApp
    from .play import LiveSession, default_log_path

    scenario = scenario_or_explain(args.file)
    args.trainee = one_line(args.trainee).strip() or None if args.trainee else None
    if args.speed is not None and not 0 < args.speed <= 3600:
        print(
            f"--speed {args.speed:g}: give a speed between 0 and 3600 simulated seconds per second",
            file=sys.stderr,
        )
        return 2
    language = args.ui_language or scenario.language
    log_path = Path(args.log) if args.log else default_log_path(scenario, args.trainee)
    seed = scenario.network.seed if args.seed is None else args.seed
    problem = why_not_writable(log_path)
    if problem:  # said now, not after the trainee has played
        print(f"the session log can't be written: {problem}", file=sys.stderr)
        return 1
    if not sys.stdout.isatty() and not _web_driver():
        print(
            f"the console needs a terminal; for a headless run try: {command()} simulate",
            file=sys.stderr,
        )
        return 2
    print(
        "building the follower network and preparing the engine"
        " (the first run on a machine takes a few seconds more)...",
        file=sys.stderr,
        flush=True,
    )
    from stormdrill.simulator.network import load_or_build, spec_for

    network = load_or_build(spec_for(scenario), use_cache=not args.no_cache)
    live = LiveSession(
        scenario,
        seed,
        assess,
        trainee=args.trainee,
        log_path=log_path,
        network=network,
        speed=args.speed,
        coaching=False if getattr(args, "no_coaching", False) else None,
    )
    # What the session made at its start lives as long as the console: keep it out of the garbage
    # collector's full passes, which otherwise walk it all (50-75 ms, a visible stutter).
    gc.freeze()
    app = StormdrillApp(live, language, assess)
    _close_log_on_signals(app)
    try:
        app.run()
    finally:
        live.close("quit")
    app.live.close("quit")
    failed = next(
        (log for log in (live.log, app.recorder) if log is not None and log.error is not None), None
    )
    if failed is not None:
        print(
            f"the session log could not be written completely: {failed.file.describe_error()}; "
            f"the first {failed.file.written} of {len(failed.file.lines)} lines are in {failed.path}",
            file=sys.stderr,
        )
        return 1
    if live.log is not None:
        from .i18n import t

        log_path = live.log.path  # where it ended up, if the trainee moved it
        print(t("exit.kept", language, path=log_path))
        last = app.recorder.path if app.live is not live and app.recorder is not None else log_path
        if last != log_path:
            print(t("exit.rewound", language, path=last))
        for key in ("exit.score", "exit.report", "exit.replay"):
            print(t(key, language, cmd=command(), path=last))
    return app.return_code or 0


def _web_driver() -> bool:
    """Run by textual-serve (`run.py serve`): the console talks to a browser, not to a terminal."""
    return "web_driver" in os.environ.get("TEXTUAL_DRIVER", "")


def _close_log_on_signals(app: StormdrillApp) -> None:
    """A closed terminal (SIGHUP) or a kill (SIGTERM) still ends the log cleanly (after a rewind, the new one)."""

    def handler(signum: int, _frame: FrameType | None) -> None:
        app.live.close(
            "terminal closed" if signum == getattr(signal, "SIGHUP", None) else "stopped"
        )
        signal.signal(signum, signal.SIG_DFL)
        signal.raise_signal(signum)

    for name in ("SIGHUP", "SIGTERM"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), handler)


def replay(args: argparse.Namespace) -> int:
    from stormdrill.scoring import assess
    from stormdrill.scoring.cli import load_log_or_explain

    from .app import StormdrillApp
    from .play import REPLAY_SPEEDS, ReplayPlayer

    log = load_log_or_explain(args.log)
    if args.speed not in REPLAY_SPEEDS:
        print(
            f"--speed {args.speed:g}: replays run at ×{', ×'.join(map(str, REPLAY_SPEEDS))}",
            file=sys.stderr,
        )
        return 2
    if not sys.stdout.isatty():
        print(
            f"the replay needs a terminal; for the score try: {command()} score LOG",
            file=sys.stderr,
        )
        return 2
    player = ReplayPlayer(log, assess, multiplier=float(args.speed))
    if args.at:
        player.seek(args.at * 60)
    app = StormdrillApp(player, args.ui_language or log.scenario.language, assess)
    app.run()
    if player.divergences:
        print(
            f"warning: replaying {log.path} differed from the log in {len(player.divergences)} place(s):",
            file=sys.stderr,
        )
        for divergence in player.divergences[:10]:
            print(f"  {divergence}", file=sys.stderr)
    if app.live is not player and app.live.log_path:
        from .i18n import t

        print(t("exit.new_try", app.language, path=app.live.log_path, parent=log.path))
    return app.return_code or 0
