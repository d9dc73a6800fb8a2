"""`assess`, `score` and `report`: the scoring commands (wired in run.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from stormdrill.scenarios.cli import InvalidInput, explained, file_or_explain, said_if_slow
from stormdrill.scenarios.errors import InvalidFile
from stormdrill.scenarios.loader import read_file_bytes
from stormdrill.scenarios.model import Policy
from stormdrill.simulator.assessment import ReplyContext
from stormdrill.simulator.log import LogError, SessionLog, read_log

from stormdrill import command

from . import assess as judge
from . import assess_many
from .i18n import say
from .report import FORMATS, as_json, write
from .scorecard import DIMENSIONS, Scorecard, score_log
from .text import detect_language


def load_log_or_explain(path: str, strict: bool = False) -> SessionLog:
    """A session log, its problems and integrity said on stderr; with `strict`, a modified or cut log is refused."""
    try:
        log = read_log(path)
    except LogError as err:
        print(err, file=sys.stderr)
        raise InvalidInput from None
    for problem in log.problems:
        print(f"warning: {problem}", file=sys.stderr)
    if log.integrity in ("modified", "truncated"):
        for note in log.integrity_notes:
            print(f"{'error' if strict else 'warning'}: {note}", file=sys.stderr)
        print(f"{log.path}: integrity {log.integrity}", file=sys.stderr)
        if strict:
            raise InvalidInput
    return log


def _policy_from(path: str | None) -> tuple[Policy, str | None]:
    """The policy to judge by: a policy file, or a scenario file's policy (and its language)."""
    if not path:
        return Policy(), None
    loaded = file_or_explain(path)
    if isinstance(loaded, Policy):
        return loaded, None
    return loaded.resolved_policy, loaded.language


def assess_command(args) -> int:
    if getattr(args, "evaluate", None):
        return evaluate_command(args.evaluate, args.json)
    policy, scenario_language = _policy_from(args.policy)
    if args.file:
        try:
            raw = read_file_bytes(
                Path(args.file), "a text file, one reply per line"
            )  # a regular file of at most 1 MB: never a pipe or /dev/zero
            texts = [line.strip() for line in raw.decode("utf-8-sig").splitlines() if line.strip()]
        except InvalidFile as invalid:
            raise explained(invalid) from None
        except UnicodeDecodeError:
            print(
                f"{args.file}: not UTF-8 text; one reply per line, saved as UTF-8", file=sys.stderr
            )
            raise InvalidInput from None
    elif args.text:
        texts = [args.text]
    else:
        print(
            f'give a reply to judge: {command()} assess "TEXT" or --file FILE (one reply per line)',
            file=sys.stderr,
        )
        return 2
    if not texts:
        print(f"{args.file}: no replies in it (one per line)", file=sys.stderr)
        raise InvalidInput
    context = ReplyContext(
        # no scenario: the customer wrote in the language the replies are in (a lone Dutch reply is no
        # reply in the wrong language)
        language=args.language or scenario_language or detect_language(" ".join(texts), "en"),
        public=not args.dm,
        kind="dm" if args.dm else "reply",
        anger=args.anger,
        at_fault=not args.not_at_fault,
        needs_data=args.needs_data,
        severity=args.severity,
        first_name=args.name,
        policy=policy,
    )
    verdicts = assess_many(texts, context) if len(texts) > 1 else [judge(texts[0], context)]
    if args.json:
        out = [
            {
                "text": t,
                "language": v.language,
                "kind": v.kind,
                "quality": v.quality,
                "score": round(v.score, 1),
                "findings": [f.to_dict() for f in v.findings],
            }
            for t, v in zip(texts, verdicts, strict=True)
        ]
        print(json.dumps(out if args.file else out[0], indent=2, ensure_ascii=False))
        return 0
    for text, verdict in zip(texts, verdicts, strict=True):
        print(f"“{text}”")
        print(
            f"  score {_score(verdict):.0f}/100 · crowd reaction {verdict.quality:+.2f} · language {verdict.language}"
        )
        for f in sorted(verdict.findings, key=lambda f: -f.points):
            span = f"“{f.span}”" if f.span else "(missing)"
            print(f"  {f.points:+5.0f}  {f.category:<21} {span:<28} {f.explanation}")
        if not verdict.findings:
            print("  nothing to note")
        print()
    return 0


def _score(verdict) -> float:
    return verdict.score


def evaluate_command(paths: list[str], as_json: bool) -> int:
    """Agreement of the rubric with graded corpus files: Spearman per language, precision/recall per category."""
    from .evaluate import CorpusError, evaluate, report_text

    try:
        evaluations = [evaluate(path) for path in paths]
    except CorpusError as err:
        print(err, file=sys.stderr)
        raise InvalidInput from None
    if as_json:
        print(json.dumps([ev.to_dict() for ev in evaluations], indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(report_text(evaluations))
    return 0


def score_command(args) -> int:
    log = load_log_or_explain(args.log, strict=getattr(args, "strict", False))
    with said_if_slow("scoring the session (the follower network is built if it is not cached)"):
        card = score_log(
            log, judge, language=args.language, band=not getattr(args, "no_band", False)
        )
    warn_divergences(card)
    from .members import as_dicts, team_of, timeline

    team = team_of(log, card)
    if args.json:
        out = as_json(card, log.integrity)
        if team is not None:
            out.update(members=as_dicts(team), timeline=timeline(log))
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    print_scorecard(card, log.scenario.clock)
    if team is not None:
        print_members(team, log, log.scenario.clock)
    return 0


def print_members(team, log: SessionLog, clock) -> None:
    """A team exercise: each member's own figures, then the white cell's injects and the notes."""
    print("\nTeam members (who answered what, how fast, how well)")
    for m in team:
        speed = "—" if m.median_first_response is None else f"{m.median_first_response / 60:.0f}m"
        quality = "—" if m.message_score is None else f"{m.message_score:.0f}/100"
        threads = ", ".join(f"#{t}" for t in m.threads[:8]) + (" …" if len(m.threads) > 8 else "")
        print(
            f"  {m.name} ({m.role}): {m.actions} actions, {m.messages} messages, "
            f"{m.first_answers} first answers (median {speed}), messages {quality}; threads {threads or '—'}"
        )
    from .members import timeline

    lines = timeline(log)
    if lines:
        print("\nInjects and notes")
        for line in lines[:20]:
            who = (line.get("by") or {}).get("name", "?")
            what = (
                line.get("text") or (line.get("inject") or {}).get("text") or line.get("what", "")
            )
            print(f"  {clock(float(line.get('t', 0)))} {line['type']} by {who}: {str(what)[:80]}")


def warn_divergences(card: Scorecard, limit: int = 10) -> None:
    """Where replaying the log came out otherwise than the log says (on stderr: the score still stands on
    the recorded verdicts)."""
    if not card.divergences:
        return
    print(
        f"warning: replaying this log differs from it in {len(card.divergences)} place(s); the score uses "
        "the verdicts recorded when the replies were sent:",
        file=sys.stderr,
    )
    for line in card.divergences[:limit]:
        print(f"  {line}", file=sys.stderr)
    if len(card.divergences) > limit:
        print(
            f"  … {len(card.divergences) - limit} more ({command()} score LOG --json)",
            file=sys.stderr,
        )


def print_scorecard(card: Scorecard, clock, limit: int = 5) -> None:
    lang = card.language
    print(f"{card.title} · {card.trainee} · seed {card.seed}")
    if card.partial:
        from stormdrill.scenarios.durations import format_clock

        print(
            say(
                "report.partial",
                lang,
                until=format_clock(card.played_until),
                duration=format_clock(card.duration),
            )
        )
    band = f" ± {card.margin:.0f}" if card.overall_band else ""
    print(
        f"\n{say('report.overall', lang)}: {card.overall:.0f}/100{band} · {card.grade} ({card.grade_word})"
    )
    if card.overall_band:
        low, high = card.overall_band
        print(
            say(
                "report.band",
                lang,
                margin=f"{card.margin:.0f}",
                low=f"{low:.0f}",
                high=f"{high:.0f}",
            )
        )
    print()
    for name in DIMENSIONS:
        dim = card.dimensions[name]
        score = "  —" if dim.score is None else f"{dim.score:3.0f}"
        print(f"  {say('dim.' + name, lang):<12} {score}  (×{dim.weight:g})  {dim.summary}")
    for name in DIMENSIONS:
        dim = card.dimensions[name]
        lost = sorted((f for f in dim.findings if f.points < 0), key=lambda f: f.points)
        if not lost:
            continue
        print(f"\n{say('dim.' + name, lang)}: {say('report.points_lost', lang).lower()}")
        for f in lost[:limit]:
            where = f" · {clock(f.t)}" if f.t is not None else ""
            thread = f" · #{f.thread}" if f.thread else ""
            quote = f" “{f.quote[:70]}{'…' if len(f.quote) > 70 else ''}”" if f.quote else ""
            print(f"  {f.points:+6.1f} {f.explanation}{quote}{where}{thread}")
        if len(lost) > limit:
            print(f"  … {len(lost) - limit} more ({command()} report LOG --format html)")


def report_command(args) -> int:
    log = load_log_or_explain(args.log, strict=getattr(args, "strict", False))
    with said_if_slow("scoring the session (the follower network is built if it is not cached)"):
        card = score_log(
            log, judge, language=args.language, band=not getattr(args, "no_band", False)
        )
    warn_divergences(card)
    from .members import team_of

    team = team_of(log, card)
    fmt = args.format
    output = args.output or str(Path(args.log).with_suffix("." + fmt))
    try:
        path = write(
            card, fmt, output, clock=log.scenario.clock, integrity=log.integrity, team=team
        )
    except OSError as err:
        print(
            f"{err.filename or output}: cannot write the report: {err.strerror or err}",
            file=sys.stderr,
        )
        raise InvalidInput from None
    print(f"wrote {path}")
    return 0


__all__ = ["FORMATS", "InvalidInput", "assess_command", "report_command", "score_command"]


def compare_command(args) -> int:
    from .compare import MixedScenarios, cohort, weakest_sentence
    from .report import compare_text

    logs = [load_log_or_explain(path, strict=getattr(args, "strict", False)) for path in args.logs]
    language = args.language or logs[0].scenario.language
    scenarios = sorted({log.scenario.id for log in logs})
    if len(scenarios) > 1 and not args.mixed:
        print(
            f"compare: these logs come from {len(scenarios)} scenarios ({', '.join(scenarios)}); their scores "
            "are not on one scale. Compare one scenario at a time, or pass --mixed",
            file=sys.stderr,
        )
        raise InvalidInput
    cards = []
    with said_if_slow(f"scoring {len(logs)} session(s)"):
        for log in logs:
            card = score_log(log, judge, language=language)
            for line in card.divergences:
                print(f"warning: {log.path}: replay differs from the log: {line}", file=sys.stderr)
            cards.append(card)
    try:
        group = cohort(cards, mixed=args.mixed)
    except MixedScenarios as err:
        print(f"compare: {err}", file=sys.stderr)
        raise InvalidInput from None
    text = compare_text(group, args.format, language, weakest_sentence(group, language))
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as err:
            print(f"{args.output}: cannot write it: {err.strerror or err}", file=sys.stderr)
            raise InvalidInput from None
        print(f"wrote {args.output}")
    else:
        sys.stdout.write(text)
    return 0
