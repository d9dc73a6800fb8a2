#!/usr/bin/env python3
"""Stormdrill's command line: `stormdrill --help` (in a checkout also `stormdrill --help`).

Exit codes: 0 ok, 1 invalid input (a scenario, policy or log with problems), 2 usage.
Each subcommand lives with the package it belongs to; this file only wires them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from stormdrill import command
from stormdrill.scenarios.cli import InvalidInput, scenario_or_explain
from stormdrill.scenarios.vocabulary import TOPICS as TOPIC_CHOICES

CMD = command()  # how the user runs Stormdrill here, for the hints and examples we print

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)


def progress(done: int, total: int, what: str) -> None:
    """A progress line on stderr when someone is watching."""
    if sys.stderr.isatty():
        end = "\n" if done == total else ""
        print(f"\r{what} {done}/{total}", end=end, file=sys.stderr, flush=True)


def _invalid(message: str) -> InvalidInput:
    print(message, file=sys.stderr)
    return InvalidInput()


def canned_replies(path: str) -> list[str]:
    """A team's canned replies: one per line; blank lines and lines starting with # are skipped."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise _invalid(f"{path}: no such replies file; write one canned reply per line") from None
    except OSError as err:
        raise _invalid(f"{path}: cannot read it: {err.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        at = raw[: err.start].count(b"\n") + 1
        raise _invalid(f"{path}:{at}: not UTF-8 text; save the replies file as UTF-8") from None
    lines = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if len(line) > 5000:
            raise _invalid(
                f"{path}:{number}:1: this reply is {len(line)} characters; keep each under 5000"
            )
        lines.append(line)
    if not lines:
        raise _invalid(
            f"{path}: no replies in it; write one canned reply per line ({{first_name}} is filled in)"
        )
    return lines


def cmd_simulate(args) -> int:
    import json

    from stormdrill.scenarios.cli import said_if_slow
    from stormdrill.scoring import assess
    from stormdrill.simulator.headless import run_bot
    from stormdrill.simulator.logfile import LogWriteError, why_not_writable
    from stormdrill.simulator.network import load_or_build, spec_for

    scenario = scenario_or_explain(args.file)
    replies = canned_replies(args.replies) if args.bot == "canned" else None
    first = scenario.network.seed if args.seed is None else args.seed
    logs: Sequence[str | None] = [None] * args.runs
    if args.log:
        stem = Path(args.log)
        paths = (
            [args.log]
            if args.runs == 1
            else [
                str(stem.with_name(f"{stem.stem}-seed{first + i}{stem.suffix or '.jsonl'}"))
                for i in range(args.runs)
            ]
        )
        problem = why_not_writable(paths[0])
        if problem:
            print(problem, file=sys.stderr)
            return EXIT_INVALID
        logs = paths
    with said_if_slow(f"building the follower network ({scenario.network.size:,} accounts)"):
        network = load_or_build(spec_for(scenario), use_cache=not args.no_cache)
    results = []
    for i in range(args.runs):
        try:
            results.append(
                run_bot(
                    scenario,
                    args.bot,
                    first + i,
                    assess,
                    network=network,
                    log_path=logs[i],
                    replies=replies,
                )
            )
        except LogWriteError as err:
            print(err, file=sys.stderr)
            return EXIT_INVALID
        progress(i + 1, args.runs, f"{args.bot} runs")
    keys = [
        "negative_impressions",
        "positive_impressions",
        "complaints",
        "escalations",
        "peak_negative_per_minute",
        "reshares",
        "threads",
    ]
    if args.json:
        runs = [{"seed": r.seed, **r.totals} for r in results]
        mean = {k: round(sum(run[k] for run in runs) / len(runs), 2) for k in keys}
        print(
            json.dumps(
                {
                    "format": "stormdrill-simulate",
                    "version": 1,
                    "scenario": scenario.id,
                    "bot": args.bot,
                    "runs": runs,
                    "mean": mean,
                },
                indent=2,
            )
        )
        return EXIT_OK
    print(
        f"{scenario.title}: bot {args.bot}, {len(results)} run(s) on {scenario.network.size:,} accounts"
    )
    header = [
        "seed",
        "negative reach",
        "positive reach",
        "peak/min",
        "complaints",
        "escalations",
        "reshares",
    ]
    rows = [
        [
            r.seed,
            r.totals["negative_impressions"],
            r.totals["positive_impressions"],
            r.totals["peak_negative_per_minute"],
            r.totals["complaints"],
            r.totals["escalations"],
            r.totals["reshares"],
        ]
        for r in results
    ]
    if len(rows) > 1:
        rows.append(
            [
                "mean",
                *(round(sum(row[i] for row in rows) / len(rows)) for i in range(1, len(header))),
            ]
        )
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=False)]
    for row in [header, *rows]:
        print("  ".join(str(x).rjust(w) for x, w in zip(row, widths, strict=False)))
    if args.log:
        print(
            f"log written: {args.log if args.runs == 1 else Path(args.log).stem + '-seed*.jsonl'}"
        )
    return EXIT_OK


# Labels by key without its size (bench.py: each key ends in the size it was measured at).
BENCH_LABELS = {
    "tick_ms_median": ("median tick (1 simulated minute), {n} accounts", "ms"),
    "tick_ms_p99": ("p99 tick, {n} accounts", "ms"),
    "tick_cpu_ms_median": ("  median tick, CPU time", "ms"),
    "tick_cpu_ms_p99": ("  p99 tick, CPU time", "ms"),
    "tick_samples": ("  ticks measured (warm, four seeds)", ""),
    "build_s_cold": ("build the {n}-account network, fresh process", "s"),
    "build_cpu_s_cold": ("  the same, CPU time", "s"),
    "build_peak_rss_mb": ("  its peak memory (RSS)", "MB"),
    "build_s_cached": ("load it from the cache, fresh process", "s"),
    "engine_peak_rss_mb": ("engine's peak memory (RSS), the storm and the bot", "MB"),
    "headless_2h_100k_s": ("2-hour scenario, 100,000 accounts, reference bot", "s"),
    "headless_library_s_max": ("slowest headless run, library and generated scenarios", "s"),
    "headless_library_cpu_s_max": ("  the same, CPU time", "s"),
    "cynetdiff_speedup": ("spread kernel vs cynetdiff IC, {n} accounts (CPU)", "×"),
    "ndlib_speedup": ("spread kernel vs NDlib IC, {n} accounts (CPU)", "×"),
    "keypress_ms_p50": ("key press to screen, peak storm, clock running: p50", "ms"),
    "keypress_ms_p95": ("key press to screen: p95", "ms"),
    "keypress_ms_max": ("key press to screen: slowest", "ms"),
    "keypress_ms_1m_p95": ("key press to screen, 1,000,000 accounts: p95", "ms"),
    "keypress_ms_1m_max": ("key press to screen, 1,000,000 accounts: slowest", "ms"),
}


def _bench_label(key: str) -> tuple[str, str, str] | None:
    """(label, unit, the size's number) for a bench key, or None for a key not shown."""
    import re

    if key in BENCH_LABELS:
        return (*BENCH_LABELS[key], "")
    base, _, tag = key.rpartition("_")
    match = re.fullmatch(r"(\d+)([km]?)", tag)
    if base not in BENCH_LABELS or not match:
        return None
    count = int(match[1]) * {"": 1, "k": 1_000, "m": 1_000_000}[match[2]]
    return (*BENCH_LABELS[base], f"{count:,}")


def _positive_size(text: str) -> int:
    try:
        value = int(text.replace("_", "").replace(",", ""))
    except ValueError:
        value = 0
    if not 20 <= value <= 100_000_000:
        raise argparse.ArgumentTypeError(f"{text!r}: a number of accounts from 20 to 100,000,000")
    return value


def _anger(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:  # also NaN
        raise argparse.ArgumentTypeError(
            f"{text!r}: a number from 0 (calm) to 1 (furious), e.g. 0.7"
        )
    return value


def _generated_storms() -> tuple:
    """What `generate` writes for 2, 6 and 24 hours: the bench runs them headless too."""
    import tempfile

    from stormdrill.generate import generate, write
    from stormdrill.scenarios import load_scenario

    storms = []
    with tempfile.TemporaryDirectory() as folder:
        for hours in (2, 6, 24):
            scenario, policy = generate("outage", "en", size=50_000, duration=hours * 3600, seed=3)
            path, _ = write(scenario, policy, Path(folder) / f"storm-{hours}h.yaml")
            storms.append(load_scenario(path))
    return tuple(storms)


def cmd_bench(args) -> int:
    import json

    from stormdrill.scoring import assess
    from stormdrill.simulator.bench import TARGETS, run_bench

    keypress = None
    if not args.no_ui and not args.size:
        from stormdrill.bench import keypress_latency

        keypress = keypress_latency
    say = (
        (lambda text: print(text, file=sys.stderr, flush=True))
        if not args.json
        else (lambda text: None)
    )
    extra = () if args.quick or args.size else _generated_storms()
    results = run_bench(
        assess,
        quick=args.quick,
        say=say,
        keypress=keypress,
        size=args.size,
        extra_scenarios=extra,
    )
    if args.json:
        print(json.dumps(results, indent=2))
        return EXIT_OK
    print(f"\n{'measure':<56} {'measured':>12}  {'target':<14}")
    for key, value in results.items():
        label = _bench_label(key)
        if label is None or key == "build_peak_rss_mb":  # the same as its sized key
            continue
        text, unit, n = label
        goal, ok = TARGETS.get(key, ("", None))
        shown = "n/a" if value is None else f"{value:g} {unit}"
        verdict = "" if value is None or ok is None else ("ok" if ok(value) else "MISSED")
        print(f"{text.format(n=n):<56} {shown:>12}  {goal:<14} {verdict}")
    for key in results:
        if key.startswith("ic_same_mean_"):
            peer, _, tag = key.removeprefix("ic_same_mean_").partition("_")
            print(
                f"\nIndependent Cascade, {tag} accounts, p={results['ic_p']}, "
                f"{results[f'ic_seeds_{peer}_{tag}']} seeds, "
                f"{results[f'ic_runs_{peer}_{tag}']} runs each: mean final size "
                f"{results[f'ic_mean_size_stormdrill_vs_{peer}_{tag}']} (Stormdrill) vs "
                f"{results[f'ic_mean_size_{peer}_{tag}']} ({peer}), "
                f"{'the same' if results[key] else 'NOT the same'} "
                f"(p = {results[f'ic_p_value_{peer}_{tag}']}; the test sees a difference of "
                f"{results[f'ic_detects_{peer}_{tag}']:.0%}; rank test "
                f"p = {results[f'ic_rank_p_value_{peer}_{tag}']})"
            )
        elif key.endswith("_note"):
            print(f"\n{results[key]}")
    return EXIT_OK


def cmd_validate(args) -> int:
    import json

    from stormdrill.scenarios import validate_file

    results = [(path, validate_file(path)) for path in args.files]
    bad = sum(1 for _, problems in results if problems)
    if args.json:
        files = [
            {
                "file": path,
                "valid": not problems,
                "problems": [
                    {
                        "file": p.file,
                        "line": p.line,
                        "col": p.col,
                        "path": p.path,
                        "message": p.message,
                    }
                    for p in problems
                ],
            }
            for path, problems in results
        ]
        print(
            json.dumps(
                {"format": "stormdrill-validate", "version": 1, "valid": not bad, "files": files},
                indent=2,
                ensure_ascii=False,
            )
        )
        return EXIT_INVALID if bad else EXIT_OK
    also_stderr = (
        not sys.stdout.isatty()
    )  # `validate x > out.txt` still shows the problems on the terminal
    for path, problems in results:
        for problem in problems:
            print(problem)
            if also_stderr:
                print(problem, file=sys.stderr)
        if not problems and not args.quiet:
            print(f"{path}: ok")
    if len(args.files) > 1 and not args.quiet:
        print(f"{len(args.files) - bad} of {len(args.files)} files valid")
    return EXIT_INVALID if bad else EXIT_OK


def cmd_new(args) -> int:
    from stormdrill.scenarios import validate_file
    from stormdrill.scenarios.template import new_scenario_text, slugify

    target = Path(args.output) if args.output else Path(slugify(args.name) + ".yaml")
    if target.exists() and not args.force:
        print(
            f"{target} already exists; choose another name, -o PATH, or --force to overwrite",
            file=sys.stderr,
        )
        return EXIT_INVALID
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            new_scenario_text(args.name, args.language, filename=str(target)), encoding="utf-8"
        )
    except OSError as err:
        print(
            f"{err.filename or target}: cannot write the scenario: {err.strerror or err}",
            file=sys.stderr,
        )
        return EXIT_INVALID
    problems = validate_file(target)
    for problem in problems:  # pragma: no cover - the template is tested to validate
        print(problem, file=sys.stderr)
    print(f"wrote {target}; edit it, then: {CMD} validate {target} && {CMD} play {target}")
    return EXIT_INVALID if problems else EXIT_OK


def cmd_schema(args) -> int:
    from stormdrill.scenarios.schema_export import schema_text, write_schemas

    if args.output:
        try:
            written = write_schemas(Path(args.output))
        except OSError as err:
            print(
                f"{err.filename or args.output}: cannot write the schema: {err.strerror or err}",
                file=sys.stderr,
            )
            return EXIT_INVALID
        for path in written:
            print(f"wrote {path}")
        return EXIT_OK
    kinds = ["scenario", "policy"] if args.kind == "both" else [args.kind]
    if len(kinds) == 1:
        sys.stdout.write(schema_text(kinds[0]))
    else:
        import json

        from stormdrill.scenarios.schema_export import schemas

        sys.stdout.write(json.dumps(schemas(), indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK


def cmd_replay(args) -> int:
    from stormdrill.commands import replay

    return replay(args)


def cmd_generate(args) -> int:
    from stormdrill.generate import generate_command

    return generate_command(args)


def cmd_calibrate(args) -> int:
    from stormdrill.scoring.calibrate import calibrate_command

    return calibrate_command(args)


def cmd_compare(args) -> int:
    from stormdrill.scoring.cli import compare_command

    return compare_command(args)


def cmd_assess(args) -> int:
    from stormdrill.scoring.cli import assess_command

    return assess_command(args)


def cmd_score(args) -> int:
    from stormdrill.scoring.cli import score_command

    return score_command(args)


def cmd_report(args) -> int:
    from stormdrill.scoring.cli import report_command

    return report_command(args)


def cmd_cache(args) -> int:
    import json

    from stormdrill.simulator import cache

    if args.action == "clear":
        files, size = cache.clear()
        print(f"removed {files} cached network(s), {size / 1e6:.1f} MB, from {cache.cache_dir()}")
        return EXIT_OK
    info = cache.info()
    if args.json:
        print(json.dumps({"format": "stormdrill-cache", "version": 1, **info.to_dict()}, indent=2))
        return EXIT_OK
    print(f"network cache: {info.folder}")
    print(
        f"  {info.files} file(s), {info.bytes / 1e6:.1f} MB of at most {info.cap / 1e6:.0f} MB "
        "(STORMDRILL_CACHE_MAX_MB); the least recently used go first"
    )
    print(f"  elsewhere: STORMDRILL_CACHE=FOLDER; empty it: {CMD} cache clear")
    return EXIT_OK


def cmd_serve(args) -> int:
    from stormdrill.serve import serve

    return serve(args)


def cmd_play(args) -> int:
    from stormdrill.commands import play

    return play(args)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog=CMD,
        description="Stormdrill: rehearse a webcare complaint storm in the terminal.\n"
        "With no command, plays the default library scenario.",
        epilog=f"Exit codes: 0 ok, 1 invalid input, 2 usage. `{CMD} COMMAND --help` for details.",
    )
    from stormdrill.scenarios.cli import stormdrill_version

    parser.add_argument("--version", action="version", version=f"stormdrill {stormdrill_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    p = sub.add_parser(
        "play",
        help="play a scenario in the console (default: the TelNet outage)",
        description="Play a scenario as a trainee: briefing, live storm, debrief.\n"
        f"example: {CMD} play scenarios/library/telnet-outage.yaml --seed 3",
    )
    p.add_argument("file", nargs="?", help="scenario file (default: the library's TelNet outage)")
    p.add_argument(
        "--seed", type=int, default=None, help="storm seed (default: the scenario's network seed)"
    )
    p.add_argument("--speed", type=float, default=None, help="simulated seconds per real second")
    p.add_argument("--trainee", default=None, help="your name, recorded in the session log")
    p.add_argument("--ui-language", choices=["nl", "en"], default=None, help="interface language")
    p.add_argument(
        "--log", default=None, help="where to write the session log (default: sessions/...)"
    )
    p.add_argument("--no-cache", action="store_true", help="build the network afresh")
    p.add_argument(
        "--no-coaching",
        action="store_true",
        help="an exam: no scores or warnings while playing (as controls: {coaching: false})",
    )
    p.set_defaults(func=cmd_play)

    p = sub.add_parser(
        "replay",
        help="watch a recorded session again; rewind and play on from any moment",
        description="Replay a session log in the console, read-only: play/pause (space), speed\n"
        "×1…×32 (+ −), seek (← → 5 min, [ ] 15 min), each action annotated with its score;\n"
        "r takes over as the trainee from the moment on screen (a new log records the branch).\n"
        f"example: {CMD} replay sessions/telnet-outage-sam.jsonl --speed 8",
    )
    p.add_argument("log", help="a session log (.jsonl)")
    p.add_argument(
        "--speed", type=int, default=4, help="replay speed: 1, 2, 4, 8, 16 or 32 (default 4)"
    )
    p.add_argument("--at", type=float, default=0, help="start at this many minutes into the storm")
    p.add_argument("--ui-language", choices=["nl", "en"], default=None, help="interface language")
    p.set_defaults(func=cmd_replay)

    p = sub.add_parser(
        "validate",
        help="check scenario and policy files",
        description="Check scenario and policy files; every problem as file:line:col.\n"
        f"example: {CMD} validate scenarios/library/*.yaml",
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    p.add_argument(
        "--json",
        action="store_true",
        help="one JSON object: every file, valid or not, its problems",
    )
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser(
        "new",
        help="write a commented scenario to start from",
        description="Write a commented scenario that validates, to edit.\n"
        f"example: {CMD} new 'Parcel chaos' --language nl",
    )
    p.add_argument("name", help="the scenario's title; the file name is made from it")
    p.add_argument("--language", choices=["nl", "en"], default="en")
    p.add_argument("-o", "--output", help="file to write (default: NAME.yaml here)")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser(
        "schema",
        help="JSON Schema of the scenario and policy formats",
        description="Print the JSON Schema of the formats, for editors.\n"
        f"example: {CMD} schema scenario > scenario.schema.json",
    )
    p.add_argument("kind", nargs="?", choices=["scenario", "policy", "both"], default="both")
    p.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        help="write scenario.schema.json and policy.schema.json here",
    )
    p.set_defaults(func=cmd_schema)
    p = sub.add_parser(
        "simulate",
        help="let a bot play a scenario headless and print what the storm did",
        description="Run a scenario headless with a bot: none (nobody answers), reference\n"
        "(a webcare team with the policy's seats and handling time), bad (slow, defensive, hides\n"
        "posts) or canned (the reference team sending your own canned replies, in turn).\n"
        f"example: {CMD} simulate storm.yaml --bot canned --replies our-replies.txt --log c.jsonl\n"
        f"example: {CMD} simulate scenarios/library/telnet-outage.yaml --bot reference --seed 3",
    )
    p.add_argument("file", nargs="?", help="scenario file (default: the TelNet outage)")
    p.add_argument(
        "--bot",
        choices=["none", "reference", "bad", "canned"],
        default="none",
        help="canned: the reference team's seats and timing, writing your --replies in turn",
    )
    p.add_argument(
        "--replies",
        metavar="FILE",
        help="for --bot canned: your team's canned replies, one per line; "
        "{first_name}, {name}, {agent}, {brand} are filled in",
    )
    p.add_argument(
        "--seed", type=int, default=None, help="first seed (default: the scenario's network seed)"
    )
    p.add_argument("--runs", type=int, default=1, help="runs with consecutive seeds (default 1)")
    p.add_argument("--json", action="store_true", help="one JSON object instead of a table")
    p.add_argument("--log", help="write the session log here (several runs: one file per seed)")
    p.add_argument("--no-cache", action="store_true", help="build the network afresh")
    p.set_defaults(func=cmd_simulate)
    p = sub.add_parser(
        "generate",
        help="write a complete scenario from a few parameters",
        description="Generate a scenario (brand, brief, personas, opening posts, escalations, a policy)\n"
        "that validates and plays.\n"
        f"example: {CMD} generate --topic outage --language nl --size 100000 -o storm.yaml",
    )
    p.add_argument("--topic", required=True, choices=TOPIC_CHOICES)
    p.add_argument("--language", choices=["nl", "en"], default="en")
    p.add_argument(
        "--size", type=int, default=50_000, help="accounts in the network (default 50,000)"
    )
    p.add_argument("--duration", default="2h", help="e.g. 90m, 2h (default 2h)")
    p.add_argument("--seed", type=int, default=1, help="the same seed gives the same scenario")
    p.add_argument(
        "-o", "--output", required=True, help="scenario file to write (its policy goes beside it)"
    )
    p.add_argument("--force", action="store_true", help="overwrite existing files")
    p.set_defaults(func=cmd_generate)

    p = sub.add_parser(
        "calibrate",
        help="run the bots over many seeds: does the scenario separate good from bad?",
        description="Run the none, reference and bad bots over many seeds in parallel; print the\n"
        "distribution of overall score and negative reach per bot, and flag a scenario that\n"
        "doesn't separate good from bad play, or whose storm often fizzles. Measure the spread\n"
        "against its targets (single-post cascades, network share, the curve's peak and shape),\n"
        "the workload on one seat, and hint which knob to turn to what value.\n"
        f"example: {CMD} calibrate scenarios/library/telnet-outage.yaml --runs 50",
    )
    p.add_argument("file", help="scenario file")
    p.add_argument("--runs", type=int, default=200, help="seeds to run (default 200)")
    p.add_argument(
        "--workers", type=int, default=None, help="parallel processes (default: all cores)"
    )
    p.add_argument("--seed", type=int, default=0, help="first seed (default 0)")
    p.add_argument(
        "--posts",
        type=int,
        default=1000,
        help="single posts for the cascade figures (default 1000; 0 skips them)",
    )
    p.add_argument(
        "--executor",
        metavar="dask://HOST:PORT",
        help="run the sweep on an existing Dask cluster (needs the dask extra)",
    )
    p.add_argument("--json", action="store_true", help="one JSON object")
    p.set_defaults(func=cmd_calibrate)

    p = sub.add_parser(
        "compare",
        help="trainees of a cohort side by side, per dimension",
        description="Score several session logs and put them side by side (scenario, seed, date per\n"
        "row; differences within seed noise marked 'no real difference'); name the team's weakest\n"
        "dimension and its most common failures. Logs of one scenario only, unless --mixed.\n"
        f"example: {CMD} compare sessions/*.jsonl --format html -o cohort.html",
    )
    p.add_argument("logs", nargs="+", metavar="LOG")
    p.add_argument("--format", choices=["md", "html"], default="md")
    p.add_argument("-o", "--output", help="write here instead of printing")
    p.add_argument(
        "--language", choices=["nl", "en"], help="language of the texts (default: the first log's)"
    )
    p.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 if a log was modified after it was written, or is cut short",
    )
    p.add_argument(
        "--mixed",
        action="store_true",
        help="allow logs of different scenarios (their scores are not on one scale)",
    )
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser(
        "assess",
        help="judge one reply (or a file of replies) with the rubric",
        description="Judge how a reply reads: every rule that matched, with the words and points.\n"
        f'example: {CMD} assess "Sorry Sam, our fault. DM us your order number? ^JD" --name Sam',
    )
    p.add_argument("text", nargs="?", help="the reply")
    p.add_argument(
        "--file", help="several replies, one per line (pasted duplicates are judged across them)"
    )
    p.add_argument(
        "--language", choices=["nl", "en"], help="default: detected, else en (or the scenario's)"
    )
    p.add_argument("--policy", help="a policy file, or a scenario file whose policy to use")
    p.add_argument("--json", action="store_true", help="findings as JSON")
    p.add_argument("--name", help="the customer's first name (a personal touch counts)")
    p.add_argument("--anger", type=_anger, default=0.5, help="0 calm .. 1 furious (default 0.5)")
    p.add_argument("--not-at-fault", action="store_true", help="the brand is not at fault")
    p.add_argument(
        "--needs-data", action="store_true", help="the case needs personal data (DM expected)"
    )
    p.add_argument("--severity", choices=["low", "medium", "high"], default="medium")
    p.add_argument("--dm", action="store_true", help="judge it as a private message")
    p.add_argument(
        "--evaluate",
        nargs="+",
        metavar="FILE",
        help="graded corpus files: Spearman of score vs grade, precision/recall per category",
    )
    p.set_defaults(func=cmd_assess)

    p = sub.add_parser(
        "score",
        help="the scorecard of a session log",
        description="Score a session: speed, empathy, privacy, containment, policy, with evidence.\n"
        f"example: {CMD} score sessions/telnet-outage-sam.jsonl --json",
    )
    p.add_argument("log", help="a session log (.jsonl)")
    p.add_argument("--json", action="store_true", help="the whole scorecard as JSON")
    p.add_argument(
        "--language", choices=["nl", "en"], help="language of the texts (default: the scenario's)"
    )
    p.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 if a log was modified after it was written, or is cut short",
    )
    p.add_argument(
        "--no-band",
        action="store_true",
        help="skip the overall score's band from seed noise (a few seconds once per scenario)",
    )
    p.set_defaults(func=cmd_score)

    p = sub.add_parser(
        "report",
        help="write a report of a session: md, html or json",
        description="Write a report: Markdown, one self-contained HTML file with charts, or JSON.\n"
        f"example: {CMD} report sessions/telnet-outage-sam.jsonl --format html -o sam.html",
    )
    p.add_argument("log", help="a session log (.jsonl)")
    p.add_argument("--format", choices=["md", "html", "json"], default="html")
    p.add_argument(
        "-o", "--output", help="file to write (default: the log's name with the format's suffix)"
    )
    p.add_argument(
        "--language", choices=["nl", "en"], help="language of the report (default: the scenario's)"
    )
    p.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 if a log was modified after it was written, or is cut short",
    )
    p.add_argument(
        "--no-band", action="store_true", help="skip the overall score's band from seed noise"
    )
    p.set_defaults(func=cmd_report)

    p = sub.add_parser(
        "bench",
        help="measure the performance targets on this machine",
        description="Measure speed and memory (docs/command-line.md, Performance): tick time on a\n"
        "1M-account storm, the network build and its peak memory (each in a fresh process),\n"
        "a headless 2-hour run, the spread kernel against cynetdiff and NDlib at equal work\n"
        "(pip install -e '.[bench]'), key-press latency in the console. Keys end in the\n"
        "network size they were measured at (_100k, _1m).\n"
        f"example: {CMD} bench --quick",
    )
    p.add_argument(
        "--quick",
        action="store_true",
        help="100,000 accounts instead of 1,000,000 (a few minutes)",
    )
    p.add_argument(
        "--size",
        type=_positive_size,
        metavar="N",
        help="only build an N-account network (fresh process): time and peak memory",
    )
    p.add_argument("--json", action="store_true", help="one JSON object")
    p.add_argument("--no-ui", action="store_true", help="skip the console key-press measurement")
    p.set_defaults(func=cmd_bench)

    p = sub.add_parser(
        "serve",
        help="serve the console in a web browser (textual-serve), on this machine only",
        description="Serve the console to a browser: each page opened plays the scenario, with\n"
        "its session log kept in sessions/ as in a terminal. Listens on 127.0.0.1 unless\n"
        "--host says otherwise.\n"
        f"example: {CMD} serve scenarios/library/skyhop-delay.yaml --port 8000",
    )
    p.add_argument("file", nargs="?", help="scenario file (default: the TelNet outage)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    p.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine)"
    )
    p.add_argument(
        "--seed", type=int, default=None, help="storm seed (default: the scenario's network seed)"
    )
    p.add_argument(
        "--trainee", default=None, help="the trainee's name, recorded in the session log"
    )
    p.add_argument("--ui-language", choices=["nl", "en"], default=None, help="interface language")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser(
        "cache",
        help="the network cache: where it is and how large; empty it",
        description="Built follower networks are cached (a 1M-account network is ~94 MB), in\n"
        "STORMDRILL_CACHE if set, else the user's cache folder, within STORMDRILL_CACHE_MAX_MB\n"
        "(default 1000); the least recently used go first.\n"
        f"example: {CMD} cache info",
    )
    p.add_argument("action", choices=["info", "clear"], nargs="?", default="info")
    p.add_argument("--json", action="store_true", help="info as one JSON object")
    p.set_defaults(func=cmd_cache)

    # Team exercises: `host` and `join` (stormdrill/team/, docs/teams.md).
    from stormdrill.team.commands import add_parsers as add_team_parsers

    add_team_parsers(sub, CMD)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    argv = sys.argv[1:] if argv is None else argv
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version")):
        argv = ["play", *argv]  # `run.py` and `run.py --seed 3` play the default scenario
    args = parser.parse_args(argv)
    if getattr(args, "runs", 1) < 1:
        parser.error("--runs must be at least 1")
    if getattr(args, "bot", None) == "canned" and not getattr(args, "replies", None):
        parser.error(
            "--bot canned plays your own replies: add --replies FILE (one canned reply per line)"
        )
    if getattr(args, "replies", None) and getattr(args, "bot", None) != "canned":
        parser.error("--replies goes with --bot canned")
    plain = args.func not in (
        cmd_play,
        cmd_replay,
        cmd_serve,
    )  # the console draws the terminal itself
    stdout = sys.stdout
    if plain:
        sys.stdout = PlainText(stdout)
    try:
        return args.func(args)
    except InvalidInput:
        return EXIT_INVALID
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `run.py schema | head`
        return EXIT_OK
    except (
        OSError
    ) as err:  # a file to write on a full disk or in a read-only folder: one line, no traceback
        where = err.filename or getattr(args, "output", None) or getattr(args, "log", None)
        print(
            f"{where}: {err.strerror or err}" if where else str(err.strerror or err),
            file=sys.stderr,
        )
        return EXIT_INVALID
    finally:
        sys.stdout = stdout


class PlainText:
    """stdout without the control characters and escape sequences that files may hold (see plaintext)."""

    def __init__(self, stream):
        from stormdrill.scenarios.plaintext import clean

        self._stream, self._clean = stream, clean

    def write(self, text: str) -> int:
        return self._stream.write(self._clean(text))

    def __getattr__(self, name: str):
        return getattr(self._stream, name)
