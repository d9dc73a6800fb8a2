#!/usr/bin/env python3
"""Stormdrill's command line: `python run.py --help`.

Exit codes: 0 ok, 1 invalid input (a scenario, policy or log with problems), 2 usage.
Each subcommand lives with the package it belongs to; this file only wires them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scenarios.cli import InvalidInput, scenario_or_explain
from scenarios.vocabulary import TOPICS as TOPIC_CHOICES

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


def cmd_simulate(args) -> int:
    import json

    from scoring import assess
    from simulator.headless import run_bot
    from simulator.network import load_or_build, spec_for

    scenario = scenario_or_explain(args.file)
    network = load_or_build(spec_for(scenario), use_cache=not args.no_cache)
    first = scenario.network.seed if args.seed is None else args.seed
    results = []
    for i in range(args.runs):
        log = args.log
        if log and args.runs > 1:
            stem = Path(log)
            log = str(stem.with_name(f"{stem.stem}-seed{first + i}{stem.suffix or '.jsonl'}"))
        results.append(run_bot(scenario, args.bot, first + i, assess, network=network, log_path=log))
        progress(i + 1, args.runs, f"{args.bot} runs")
    keys = ["negative_impressions", "positive_impressions", "complaints", "escalations",
            "peak_negative_per_minute", "reshares", "threads"]
    if args.json:
        rows = [{"seed": r.seed, **r.totals} for r in results]
        if len(rows) == 1:
            out = {"scenario": scenario.id, "bot": args.bot, **rows[0]}
        else:
            means = {k: round(sum(r[k] for r in rows) / len(rows), 2) for k in keys}
            out = {"scenario": scenario.id, "bot": args.bot, **means, "runs": rows}
        print(json.dumps(out, indent=2))
        return EXIT_OK
    print(f"{scenario.title}: bot {args.bot}, {len(results)} run(s) on {scenario.network.size:,} accounts")
    header = ["seed", "negative reach", "positive reach", "peak/min", "complaints", "escalations", "reshares"]
    rows = [[r.seed, r.totals["negative_impressions"], r.totals["positive_impressions"],
             r.totals["peak_negative_per_minute"], r.totals["complaints"], r.totals["escalations"],
             r.totals["reshares"]] for r in results]
    if len(rows) > 1:
        rows.append(["mean", *(round(sum(row[i] for row in rows) / len(rows)) for i in range(1, len(header)))])
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=False)]
    for row in [header, *rows]:
        print("  ".join(str(x).rjust(w) for x, w in zip(row, widths, strict=False)))
    if args.log:
        print(f"log written: {args.log if args.runs == 1 else Path(args.log).stem + '-seed*.jsonl'}")
    return EXIT_OK


BENCH_LABELS = {
    "tick_ms_median_1m": ("median tick (1 simulated minute), {n} accounts", "ms"),
    "tick_ms_p99_1m": ("p99 tick, {n} accounts", "ms"),
    "build_s_cold_1m": ("build the {n}-account network, cold", "s"),
    "build_s_cached_1m": ("load it from the cache", "s"),
    "peak_rss_mb": ("peak memory (RSS)", "MB"),
    "headless_2h_100k_s": ("2-hour scenario, 100,000 accounts, reference bot", "s"),
    "ndlib_speedup": ("spread engine vs NDlib Independent Cascade", "×"),
    "keypress_ms": ("key press to screen, peak storm", "ms"),
}


def cmd_bench(args) -> int:
    import json

    from scoring import assess
    from simulator.bench import TARGETS, run_bench

    keypress = None
    if not args.no_ui:
        from tui.bench import keypress_latency

        keypress = keypress_latency
    say = (lambda text: print(text, file=sys.stderr, flush=True)) if not args.json else (lambda text: None)
    results = run_bench(assess, quick=args.quick, say=say, keypress=keypress)
    if args.json:
        print(json.dumps(results, indent=2))
        return EXIT_OK
    n = f"{results['network_size']:,}"
    print(f"\n{'measure':<52} {'measured':>12}  {'target':<14}")
    for key, (label, unit) in BENCH_LABELS.items():
        if key not in results:
            continue
        value = results[key]
        goal, ok = TARGETS[key]
        shown = "n/a" if value is None else f"{value:g} {unit}"
        verdict = "" if value is None else ("ok" if ok(value) else "MISSED")
        print(f"{label.format(n=n):<52} {shown:>12}  {goal:<14} {verdict}")
    if "ic_mean_size_ndlib" in results:
        print(f"\nIndependent Cascade on {results['ic_graph_size']:,} accounts, p={results['ic_p']}: mean final size "
              f"{results['ic_mean_size_ours']} (Stormdrill) vs {results['ic_mean_size_ndlib']} (NDlib), "
              f"{'the same' if results['ic_same_mean'] else 'NOT the same'} within sampling error")
    elif results.get("ndlib_note"):
        print(f"\n{results['ndlib_note']}")
    return EXIT_OK


def cmd_validate(args) -> int:
    from scenarios import validate_file

    bad = 0
    for path in args.files:
        problems = validate_file(path)
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            bad += 1
        elif not args.quiet:
            print(f"{path}: ok")
    if len(args.files) > 1 and not args.quiet:
        print(f"{len(args.files) - bad} of {len(args.files)} files valid")
    return EXIT_INVALID if bad else EXIT_OK


def cmd_new(args) -> int:
    from scenarios import validate_file
    from scenarios.template import new_scenario_text, slugify

    target = Path(args.output) if args.output else Path(slugify(args.name) + ".yaml")
    if target.exists() and not args.force:
        print(f"{target} already exists; choose another name, -o PATH, or --force to overwrite", file=sys.stderr)
        return EXIT_INVALID
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(new_scenario_text(args.name, args.language, filename=str(target)), encoding="utf-8")
    problems = validate_file(target)
    for problem in problems:  # pragma: no cover - the template is tested to validate
        print(problem, file=sys.stderr)
    print(f"wrote {target}; edit it, then: python run.py validate {target} && python run.py play {target}")
    return EXIT_INVALID if problems else EXIT_OK


def cmd_schema(args) -> int:
    from scenarios.schema_export import schema_text, write_schemas

    if args.output:
        for path in write_schemas(Path(args.output)):
            print(f"wrote {path}")
        return EXIT_OK
    kinds = ["scenario", "policy"] if args.kind == "both" else [args.kind]
    if len(kinds) == 1:
        sys.stdout.write(schema_text(kinds[0]))
    else:
        import json

        from scenarios.schema_export import schemas

        sys.stdout.write(json.dumps(schemas(), indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK


def cmd_replay(args) -> int:
    from tui.commands import replay

    return replay(args)


def cmd_generate(args) -> int:
    from scenarios.generate import generate_command

    return generate_command(args)


def cmd_calibrate(args) -> int:
    from scoring.calibrate import calibrate_command

    return calibrate_command(args)


def cmd_compare(args) -> int:
    from scoring.cli import compare_command

    return compare_command(args)


def cmd_assess(args) -> int:
    from scoring.cli import assess_command

    return assess_command(args)


def cmd_score(args) -> int:
    from scoring.cli import score_command

    return score_command(args)


def cmd_report(args) -> int:
    from scoring.cli import report_command

    return report_command(args)


def cmd_play(args) -> int:
    from tui.commands import play

    return play(args)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="run.py",
        description="Stormdrill: rehearse a webcare complaint storm in the terminal.\n"
        "With no command, plays the default library scenario.",
        epilog="Exit codes: 0 ok, 1 invalid input, 2 usage. `run.py COMMAND --help` for details.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    p = sub.add_parser("play", help="play a scenario in the console (default: the TelNet outage)",
                       description="Play a scenario as a trainee: briefing, live storm, debrief.\n"
                       "example: python run.py play scenarios/library/telnet-outage.yaml --seed 3")  # fmt: skip
    p.add_argument("file", nargs="?", help="scenario file (default: the library's TelNet outage)")
    p.add_argument("--seed", type=int, default=None, help="storm seed (default: the scenario's network seed)")
    p.add_argument("--speed", type=float, default=None, help="simulated seconds per real second")
    p.add_argument("--trainee", default=None, help="your name, recorded in the session log")
    p.add_argument("--ui-language", choices=["nl", "en"], default=None, help="interface language")
    p.add_argument("--log", default=None, help="where to write the session log (default: sessions/...)")
    p.add_argument("--no-cache", action="store_true", help="build the network afresh")
    p.set_defaults(func=cmd_play)

    p = sub.add_parser("replay", help="watch a recorded session again; rewind and play on from any moment",
                       description="Replay a session log in the console, read-only: play/pause (space), speed\n"
                       "×1…×32 (+ −), seek (← → 5 min, [ ] 15 min), each action annotated with its score;\n"
                       "r takes over as the trainee from the moment on screen (a new log records the branch).\n"
                       "example: python run.py replay sessions/telnet-outage-sam.jsonl --speed 8")  # fmt: skip
    p.add_argument("log", help="a session log (.jsonl)")
    p.add_argument("--speed", type=int, default=4, help="replay speed: 1, 2, 4, 8, 16 or 32 (default 4)")
    p.add_argument("--at", type=float, default=0, help="start at this many minutes into the storm")
    p.add_argument("--ui-language", choices=["nl", "en"], default=None, help="interface language")
    p.set_defaults(func=cmd_replay)

    p = sub.add_parser("validate", help="check scenario and policy files",
                       description="Check scenario and policy files; every problem as file:line:col.\n"
                       "example: python run.py validate scenarios/library/*.yaml")  # fmt: skip
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("new", help="write a commented scenario to start from",
                       description="Write a commented scenario that validates, to edit.\n"
                       "example: python run.py new 'Parcel chaos' --language nl")  # fmt: skip
    p.add_argument("name", help="the scenario's title; the file name is made from it")
    p.add_argument("--language", choices=["nl", "en"], default="en")
    p.add_argument("-o", "--output", help="file to write (default: NAME.yaml here)")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("schema", help="JSON Schema of the scenario and policy formats",
                       description="Print the JSON Schema of the formats, for editors.\n"
                       "example: python run.py schema scenario > scenario.schema.json")  # fmt: skip
    p.add_argument("kind", nargs="?", choices=["scenario", "policy", "both"], default="both")
    p.add_argument("-o", "--output", metavar="DIR", help="write scenario.schema.json and policy.schema.json here")
    p.set_defaults(func=cmd_schema)
    p = sub.add_parser("simulate", help="let a bot play a scenario headless and print what the storm did",
                       description="Run a scenario headless with a bot: none (nobody answers), reference\n"
                       "(a competent team) or bad (slow, defensive, hides posts).\n"
                       "example: python run.py simulate scenarios/library/telnet-outage.yaml --bot reference --seed 3")  # fmt: skip
    p.add_argument("file", nargs="?", help="scenario file (default: the TelNet outage)")
    p.add_argument("--bot", choices=["none", "reference", "bad"], default="none")
    p.add_argument("--seed", type=int, default=None, help="first seed (default: the scenario's network seed)")
    p.add_argument("--runs", type=int, default=1, help="runs with consecutive seeds (default 1)")
    p.add_argument("--json", action="store_true", help="one JSON object instead of a table")
    p.add_argument("--log", help="write the session log here (several runs: one file per seed)")
    p.add_argument("--no-cache", action="store_true", help="build the network afresh")
    p.set_defaults(func=cmd_simulate)
    p = sub.add_parser("generate", help="write a complete scenario from a few parameters",
                       description="Generate a scenario (brand, brief, personas, opening posts, escalations, a policy)\n"
                       "that validates and plays.\n"
                       "example: python run.py generate --topic outage --language nl --size 100000 -o storm.yaml")  # fmt: skip
    p.add_argument("--topic", required=True, choices=TOPIC_CHOICES)
    p.add_argument("--language", choices=["nl", "en"], default="en")
    p.add_argument("--size", type=int, default=50_000, help="accounts in the network (default 50,000)")
    p.add_argument("--duration", default="2h", help="e.g. 90m, 2h (default 2h)")
    p.add_argument("--seed", type=int, default=1, help="the same seed gives the same scenario")
    p.add_argument("-o", "--output", required=True, help="scenario file to write (its policy goes beside it)")
    p.add_argument("--force", action="store_true", help="overwrite existing files")
    p.set_defaults(func=cmd_generate)

    p = sub.add_parser("calibrate", help="run the bots over many seeds: does the scenario separate good from bad?",
                       description="Run the none, reference and bad bots over many seeds in parallel; print the\n"
                       "distribution of overall score and negative reach per bot, and flag a scenario that\n"
                       "doesn't separate good from bad play, or whose storm often fizzles. Measure the spread\n"
                       "against its targets (single-post cascades, network share, the curve's peak and shape),\n"
                       "the workload on one seat, and hint which knob to turn to what value.\n"
                       "example: python run.py calibrate scenarios/library/telnet-outage.yaml --runs 50")  # fmt: skip
    p.add_argument("file", help="scenario file")
    p.add_argument("--runs", type=int, default=200, help="seeds to run (default 200)")
    p.add_argument("--workers", type=int, default=None, help="parallel processes (default: all cores)")
    p.add_argument("--seed", type=int, default=0, help="first seed (default 0)")
    p.add_argument("--posts", type=int, default=1000,
                   help="single posts for the cascade figures (default 1000; 0 skips them)")  # fmt: skip
    p.add_argument("--executor", metavar="dask://HOST:PORT",
                   help="run the sweep on an existing Dask cluster (needs the dask extra)")  # fmt: skip
    p.add_argument("--json", action="store_true", help="one JSON object")
    p.set_defaults(func=cmd_calibrate)

    p = sub.add_parser("compare", help="trainees of a cohort side by side, per dimension",
                       description="Score several session logs and put them side by side; name the team's weakest\n"
                       "dimension.\n"
                       "example: python run.py compare sessions/*.jsonl --format html -o cohort.html")  # fmt: skip
    p.add_argument("logs", nargs="+", metavar="LOG")
    p.add_argument("--format", choices=["md", "html"], default="md")
    p.add_argument("-o", "--output", help="write here instead of printing")
    p.add_argument("--language", choices=["nl", "en"], help="language of the texts (default: the first log's)")
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("assess", help="judge one reply (or a file of replies) with the rubric",
                       description="Judge how a reply reads: every rule that matched, with the words and points.\n"
                       "example: python run.py assess \"Sorry Sam, our fault. DM us your order number? ^JD\" --name Sam")  # fmt: skip
    p.add_argument("text", nargs="?", help="the reply")
    p.add_argument("--file", help="several replies, one per line (pasted duplicates are judged across them)")
    p.add_argument("--language", choices=["nl", "en"], help="default: detected, else en (or the scenario's)")
    p.add_argument("--policy", help="a policy file, or a scenario file whose policy to use")
    p.add_argument("--json", action="store_true", help="findings as JSON")
    p.add_argument("--name", help="the customer's first name (a personal touch counts)")
    p.add_argument("--anger", type=float, default=0.5, help="0 calm .. 1 furious (default 0.5)")
    p.add_argument("--not-at-fault", action="store_true", help="the brand is not at fault")
    p.add_argument("--needs-data", action="store_true", help="the case needs personal data (DM expected)")
    p.add_argument("--severity", choices=["low", "medium", "high"], default="medium")
    p.add_argument("--dm", action="store_true", help="judge it as a private message")
    p.set_defaults(func=cmd_assess)

    p = sub.add_parser("score", help="the scorecard of a session log",
                       description="Score a session: speed, empathy, privacy, containment, policy, with evidence.\n"
                       "example: python run.py score sessions/telnet-outage-sam.jsonl --json")  # fmt: skip
    p.add_argument("log", help="a session log (.jsonl)")
    p.add_argument("--json", action="store_true", help="the whole scorecard as JSON")
    p.add_argument("--language", choices=["nl", "en"], help="language of the texts (default: the scenario's)")
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("report", help="write a report of a session: md, html or json",
                       description="Write a report: Markdown, one self-contained HTML file with charts, or JSON.\n"
                       "example: python run.py report sessions/telnet-outage-sam.jsonl --format html -o sam.html")  # fmt: skip
    p.add_argument("log", help="a session log (.jsonl)")
    p.add_argument("--format", choices=["md", "html", "json"], default="html")
    p.add_argument("-o", "--output", help="file to write (default: the log's name with the format's suffix)")
    p.add_argument("--language", choices=["nl", "en"], help="language of the report (default: the scenario's)")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("bench", help="measure the performance targets on this machine",
                       description="Measure speed and memory against DESIGN §6: tick time on a 1M-account storm,\n"
                       "network build time, a headless 2-hour run, the spread engine against NDlib\n"
                       "(pip install -e '.[bench]'), key-press latency in the console.\n"
                       "example: python run.py bench --quick")  # fmt: skip
    p.add_argument("--quick", action="store_true", help="100,000 accounts instead of 1,000,000 (under a minute)")
    p.add_argument("--json", action="store_true", help="one JSON object")
    p.add_argument("--no-ui", action="store_true", help="skip the console key-press measurement")
    p.set_defaults(func=cmd_bench)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    argv = sys.argv[1:] if argv is None else argv
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help")):
        argv = ["play", *argv]  # `run.py` and `run.py --seed 3` play the default scenario
    args = parser.parse_args(argv)
    if getattr(args, "runs", 1) < 1:
        parser.error("--runs must be at least 1")
    try:
        return args.func(args)
    except InvalidInput:
        return EXIT_INVALID
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `run.py schema | head`
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
