"""Inviting a personal case to DM against answering it in public, on the same storms (docs/scoring.md).

The reference team plays the storm twice: once as it is (personal cases are invited to DM), once
answering every case in public. Everything else (seats, pace, triage, words) is equal.
Run as a script for the figures over 20 seeds:

    python -m tests.privacy_measure [scenario.yaml] [seeds]
"""

from __future__ import annotations

import contextlib
import sys
from dataclasses import replace

import numpy as np
from stormdrill.simulator.bots import ReferenceTeam
from stormdrill.simulator.events import ActionError
from stormdrill.simulator.session import Session


class PublicTeam(ReferenceTeam):
    """The reference team, except that it answers every case in public: it never invites anyone to DM."""

    def situation(self, th):
        return replace(super().situation(th), needs_data=False)


def play_team(session: Session, invite: bool) -> Session:
    """The reference team (same seats, pace, triage and words) with or without its invitations to DM."""
    team = ReferenceTeam(session) if invite else PublicTeam(session)
    while not session.finished:
        session.advance_to(min(session.now + 60.0, session.duration))
        if session.finished:
            break
        for action in team.act():
            with contextlib.suppress(ActionError):
                session.apply(action)
    return session


def measure(scenario, seeds, assess, network=None, containment: bool = True) -> dict:
    """Per seed and team: privacy, containment (against the seed's own baselines), negative reach, and the
    negative reach of the personal cases."""
    from stormdrill.scoring.scorecard import score_session

    rows = []
    for seed in seeds:
        row = {"seed": seed}
        for team in ("invite", "public"):
            session = play_team(
                Session(scenario, seed=seed, assess=assess, network=network), team == "invite"
            )
            card = score_session(session, assess) if containment else None
            cases = [th for th in session.threads if th.needs_data and th.needs_response]
            row[team] = {
                "privacy": card.dimensions["privacy"].score if card else None,
                "containment": card.dimensions["containment"].score if card else None,
                "overall": card.overall if card else None,
                "negative_reach": int(session.metrics["negative"].sum()),
                "case_reach": int(sum(th.impressions for th in cases)),
                "cases": len(cases),
                "moved": sum(1 for th in cases if th.dm_invited is not None),
            }
        rows.append(row)
    return {
        "rows": rows,
        **{
            f"{team}_{key}": float(np.mean([r[team][key] for r in rows]))
            for team in ("invite", "public")
            for key in ("privacy", "containment", "overall", "negative_reach", "case_reach")
            if rows and rows[0][team][key] is not None
        },
    }


def main(argv: list[str]) -> None:
    from stormdrill.scenarios import load_scenario
    from stormdrill.scoring import assess
    from stormdrill.simulator.network import load_or_build, spec_for

    path = argv[0] if argv else "scenarios/library/telnet-outage.yaml"
    seeds = range(int(argv[1]) if len(argv) > 1 else 20)
    scenario = load_scenario(path)
    result = measure(scenario, seeds, assess, load_or_build(spec_for(scenario)))
    rows = result["rows"]
    for key in ("privacy", "containment", "overall", "negative_reach", "case_reach"):
        a = np.array([r["invite"][key] for r in rows], dtype=float)
        b = np.array([r["public"][key] for r in rows], dtype=float)
        better = (
            int(np.sum(a > b))
            if key in ("privacy", "containment", "overall")
            else int(np.sum(a < b))
        )
        print(
            f"{key:<15} invite {a.mean():9.1f} (sd {a.std(ddof=1):7.1f})   public {b.mean():9.1f} "
            f"(sd {b.std(ddof=1):7.1f})   invite better on {better}/{len(rows)} seeds"
        )
    cases = sum(r["invite"]["cases"] for r in rows)
    print(
        f"{path}: {len(rows)} seeds, {cases} personal cases; moved to DM: invite "
        f"{sum(r['invite']['moved'] for r in rows)}, public {sum(r['public']['moved'] for r in rows)}"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
