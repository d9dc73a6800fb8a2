"""Inviting a personal case to DM against answering it in public, on the same storms (docs/scoring.md).

A scripted team answers every complaint five minutes after it reaches the inbox with a reply built from
varied parts; the `invite` team adds an invitation to DM on the cases that need personal data, the
`public` team doesn't. Everything else is equal. Run as a script for the figures over 20 seeds:

    python -m tests.privacy_measure [scenario.yaml] [seeds]
"""

from __future__ import annotations

import sys

import numpy as np
from stormdrill.simulator.events import Action, ActionError
from stormdrill.simulator.session import Session

PARTS_NL = {  # the same team in Dutch (u-form, as the Dutch library policies ask)
    "greet": ("Hoi {name},", "Hallo {name},", "{name},", "Beste {name},", "Dag {name},"),
    "own": ("het spijt ons, dit ligt aan ons.", "onze excuses, dit is onze fout.", "sorry, dit hebben we fout gedaan.",
            "dit had niet mogen gebeuren, en dat is onze schuld.", "het spijt ons echt."),
    "step": ("Ons team is ermee bezig; binnen het uur zetten we hier een update.",
             "Een collega kijkt er nu naar; u hoort vandaag van ons.",
             "We werken aan een oplossing en houden u in dit bericht op de hoogte.",
             "De specialisten hebben het en we laten het u weten zodra we meer weten.",
             "We hebben het met voorrang doorgezet en komen er vanmiddag bij u op terug."),
    "invite": ("Kunt u ons een DM sturen met uw klantnummer? Dan regel ik uw zaak persoonlijk.",
               "Stuurt u ons uw klantnummer in een privébericht? Dan bekijken we uw account privé.",
               "Wilt u ons uw gegevens in een DM sturen? Dan kijken we privé naar uw zaak."),
}  # fmt: skip
JE_FORM = (("Kunt u", "Kun je"), ("Stuurt u", "Stuur je"), ("Wilt u", "Wil je"), ("uw ", "je "),
           (" u ", " je "), (" u.", " je."))  # the same Dutch lines for a policy that says je


def _address(text: str, form: str) -> str:
    for formal, informal in JE_FORM if form == "je" else ():
        text = text.replace(formal, informal)
    return text


GREET = ("Hi {name},", "Hello {name},", "{name},", "Dear {name},", "Hey {name},")
OWN = ("we're sorry, that's on us.", "our apologies, this is our mistake.", "sorry, we got this wrong.",
       "that should not have happened, and it's our fault.", "we're really sorry about this.")  # fmt: skip
STEP = ("Our team is on it and we'll post an update here within the hour.",
        "A colleague is looking into it right now; you'll hear from us today.",
        "We're working on a fix and will keep you posted in this thread.",
        "The specialists have it and we'll update you as soon as we know more.",
        "We've passed it on with priority and will come back to you this afternoon.")  # fmt: skip
INVITE = ("Could you send us a DM with your account number? Then I'll sort out your case personally.",
          "Please DM us your customer number so we can check your account privately.",
          "Would you DM us your details? Then we'll look at your case in private.")  # fmt: skip
SIGN = ("^JD", "^MB", "^SK", "^AL", "^RV")
DELAY = 300.0


def reply_for(th, invite: bool, language: str = "en") -> str:
    k = th.id * 7919
    greet, own, step, invitation = ((PARTS_NL["greet"], PARTS_NL["own"], PARTS_NL["step"], PARTS_NL["invite"])
                                    if language == "nl" else (GREET, OWN, STEP, INVITE))  # fmt: skip
    parts = [greet[k % 5].format(name=th.first_name), own[(k // 5) % 5], step[(k // 25) % 5]]
    if invite and th.needs_data:
        parts.append(invitation[(k // 125) % 3])
    parts.append(SIGN[(k // 375) % 5])
    return " ".join(parts)


def _reply(session: Session, th, invite: bool) -> str:
    return _address(reply_for(th, invite, session.language), session.policy.tone.address)


def play_team(session: Session, invite: bool) -> Session:
    answered: set[int] = set()
    while not session.finished:
        session.advance_to(min(session.now + 60.0, session.duration))
        if session.finished:
            break
        for th in session.threads:
            if (
                th.id in answered
                or not th.needs_response
                or th.hidden
                or session.now < th.created + DELAY
            ):
                continue
            answered.add(th.id)
            try:
                session.apply(Action("reply", th.id, text=_reply(session, th, invite)))
            except ActionError:
                continue
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
    return {"rows": rows, **{f"{team}_{key}": float(np.mean([r[team][key] for r in rows]))
                             for team in ("invite", "public")
                             for key in ("privacy", "containment", "overall", "negative_reach", "case_reach")
                             if rows and rows[0][team][key] is not None}}  # fmt: skip


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
