"""Words for people, in English and Dutch: the scorecard, the reports (and, through tui.i18n, the console).

`say(key, language, **slots)` fills `{slot}`s by plain substitution. A missing
Dutch text falls back to English, so a new message never crashes a report.
"""

from __future__ import annotations

from stormdrill.scenarios.slots import fill

LANGUAGES = ("en", "nl")

TEXTS: dict[str, dict[str, str]] = {
    # dimensions and grades
    "dim.speed": {"en": "Speed", "nl": "Snelheid"},
    "dim.empathy": {"en": "Empathy", "nl": "Empathie"},
    "dim.privacy": {"en": "Privacy", "nl": "Privacy"},
    "dim.containment": {"en": "Containment", "nl": "Inperking"},
    "dim.policy": {"en": "Policy", "nl": "Beleid"},
    "grade.excellent": {"en": "excellent", "nl": "uitstekend"},
    "grade.good": {"en": "good", "nl": "goed"},
    "grade.adequate": {"en": "adequate", "nl": "voldoende"},
    "grade.weak": {"en": "weak", "nl": "zwak"},
    "grade.poor": {"en": "poor", "nl": "slecht"},
    # speed
    "speed.summary": {
        "en": "{answered} of {total} complaints answered; full marks within {target}, half at {norm}",
        "nl": "{answered} van {total} klachten beantwoord; volle punten binnen {target}, de helft bij {norm}",
    },
    "speed.no_response": {
        "en": "No response to {handle} (waited {waited}).",
        "nl": "Geen reactie aan {handle} (wachtte {waited}).",
    },
    "speed.not_an_answer": {
        "en": "{handle} got replies, but none that counts as an answer (each scored under {floor}): "
        "a pasted or defensive reply leaves the customer waiting.",
        "nl": "{handle} kreeg wel reacties, maar geen die als antwoord telt (elk onder de {floor}): "
        "een geplakte of defensieve reactie laat de klant wachten.",
    },
    "speed.slow_response": {
        "en": "First response to {handle} after {elapsed} (target {target}).",
        "nl": "Eerste reactie aan {handle} na {elapsed} (doel {target}).",
    },
    "speed.no_holding_statement": {
        "en": "No holding statement; it was due at {due} (storm declared {declared}).",
        "nl": "Geen holding statement; dat moest er om {due} zijn (storm uitgeroepen om {declared}).",
    },
    "speed.holding_on_time": {
        "en": "Holding statement at {posted}, before it was due at {due}.",
        "nl": "Holding statement om {posted}, op tijd voor {due}.",
    },
    "speed.holding_late": {
        "en": "Holding statement {late} late (due {due}).",
        "nl": "Holding statement {late} te laat (moest er om {due} zijn).",
    },
    "speed.unanswered": {
        "en": "{count} complaints never got an answer, together weighing {weight} of {total} "
        "(reach, anger, press/legal/safety, personal case); you answered {share} of the weight"
        "{reference}. Heaviest: {names}.",
        "nl": "{count} klachten kregen nooit antwoord, samen gewicht {weight} van {total} "
        "(bereik, boosheid, pers/juridisch/veiligheid, persoonlijke zaak); jij beantwoordde "
        "{share} van het gewicht{reference}. Zwaarste: {names}.",
    },
    "speed.unanswered_mixed": {
        "en": "{count} posts waiting for you never got an answer ({kinds}), together weighing {weight} "
        "of {total} (reach, anger, press/legal/safety, personal case, rumour); you answered {share} of "
        "the weight{reference}. Heaviest: {names}.",
        "nl": "{count} berichten die op jou wachtten kregen nooit antwoord ({kinds}), samen gewicht "
        "{weight} van {total} (bereik, boosheid, pers/juridisch/veiligheid, persoonlijke zaak, "
        "gerucht); jij beantwoordde {share} van het gewicht{reference}. Zwaarste: {names}.",
    },
    "speed.kind.complaint": {"en": "{count} complaints", "nl": "{count} klachten"},
    "speed.kind.question": {"en": "{count} questions", "nl": "{count} vragen"},
    "speed.kind.rumour": {"en": "{count} rumours", "nl": "{count} geruchten"},
    "speed.kind.praise": {"en": "{count} compliments", "nl": "{count} complimenten"},
    "speed.summary_mixed": {
        "en": "{answered} of {total} posts answered (complaints, questions, rumours, compliments); "
        "full marks within {target}, half at {norm}",
        "nl": "{answered} van {total} berichten beantwoord (klachten, vragen, geruchten, complimenten); "
        "volle punten binnen {target}, de helft bij {norm}",
    },
    "speed.rumour_answered": {
        "en": "Rumours corrected in public with the facts: {count}. A corrected rumour stops travelling.",
        "nl": "Geruchten in het openbaar weerlegd met de feiten: {count}. Een weerlegd gerucht reist "
        "niet verder.",
    },
    "speed.rumour_uncorrected": {
        "en": "Rumours never corrected in public: {count}. They kept spreading; a private message doesn't "
        "stop a rumour, a public reply with the facts does.",
        "nl": "Geruchten nooit in het openbaar weerlegd: {count}. Ze bleven zich verspreiden; een "
        "privébericht houdt een gerucht niet tegen, een openbaar antwoord met de feiten wel.",
    },
    "speed.question_answered": {
        "en": "Ordinary questions answered in the middle of the storm: {count}.",
        "nl": "Gewone vragen beantwoord midden in de storm: {count}.",
    },
    "speed.praise_answered": {
        "en": "Compliments thanked (a reply or a like): {count}.",
        "nl": "Complimenten bedankt (een reactie of een like): {count}.",
    },
    "speed.reference_share": {
        "en": ", a reference team with the same seats {share}",
        "nl": ", een referentieteam met dezelfde bezetting {share}",
    },
    "speed.more": {"en": " and {count} more", "nl": " en nog {count}"},
    "speed.broken_promise": {
        "en": "You promised an update at {time}; {handle} heard nothing by then.",
        "nl": "Je beloofde een update om {time}; {handle} hoorde toen niets.",
    },
    # empathy
    "empathy.summary": {
        "en": "{count} replies judged; average {average}/100 before weighting by priority",
        "nl": "{count} antwoorden beoordeeld; gemiddeld {average}/100 voor weging naar prioriteit",
    },
    "empathy.none": {"en": "no replies to judge", "nl": "geen antwoorden om te beoordelen"},
    # privacy
    "privacy.summary": {
        "en": "{moved} of {cases} personal cases moved private; {hidden} posts hidden",
        "nl": "{moved} van {cases} persoonlijke zaken naar privé; {hidden} berichten verborgen",
    },
    "privacy.not_moved": {
        "en": "{handle}'s case needed personal details but was never moved to a private channel.",
        "nl": "De zaak van {handle} vroeg om persoonlijke gegevens maar ging nooit naar een privékanaal.",
    },
    "privacy.moved_late": {
        "en": "Moved {handle} to DM after {after} and {replies} public replies.",
        "nl": "{handle} pas na {after} en {replies} openbare antwoorden naar DM.",
    },
    "privacy.moved": {
        "en": "Moved {handle}'s case to a private channel after {after}.",
        "nl": "De zaak van {handle} na {after} naar een privékanaal.",
    },
    "privacy.public_data": {
        "en": "Asked for personal data in public.",
        "nl": "Persoonsgegevens gevraagd in het openbaar.",
    },
    "privacy.hidden_allowed": {
        "en": "Hid {handle}'s post ({reason}).",
        "nl": "Bericht van {handle} verborgen ({reason}).",
    },
    "privacy.hidden_complaint": {
        "en": "Hid {handle}'s complaint: {why}. Hiding protects nothing; the author and their friends still see it.",
        "nl": "Klacht van {handle} verborgen: {why}. Verbergen beschermt niets; de schrijver en vrienden zien het nog.",
    },
    "privacy.reason_not_allowed": {
        "en": "'{reason}' is not a reason the policy allows",
        "nl": "'{reason}' is geen reden die het beleid toestaat",
    },
    "privacy.reason_untrue": {
        "en": "the post was a genuine complaint, not {reason}",
        "nl": "het was een echte klacht, geen {reason}",
    },
    # containment
    "containment.summary": {
        "en": "negative reach {ours} against {none} if nobody had answered and {ref} for a reference team: {avoided} avoided",
        "nl": "negatief bereik {ours} tegen {none} als niemand had gereageerd en {ref} voor een referentieteam: {avoided} voorkomen",
    },
    "containment.summary_worse": {
        "en": "negative reach {ours}: {more} more than the {none} if nobody had answered ({ref} for a reference team)",
        "nl": "negatief bereik {ours}: {more} meer dan de {none} als niemand had gereageerd ({ref} voor een referentieteam)",
    },
    "containment.pile_on": {
        "en": "{count} customers who saw a complaint posted their own (a complainer is never alone).",
        "nl": "{count} klanten die een klacht zagen, plaatsten er zelf een (een klager staat nooit alleen).",
    },
    "escalation.complaint_site": {
        "en": "took the complaint to a complaint site",
        "nl": "zette de klacht op een klachtensite",
    },
    "escalation.paid_ad": {
        "en": "paid to promote the complaint",
        "nl": "betaalde om de klacht te promoten",
    },
    "escalation.press_pickup": {
        "en": "a journalist picked it up",
        "nl": "een journalist pikte het op",
    },
    "escalation.influencer_pickup": {
        "en": "a big account shared it",
        "nl": "een groot account deelde het",
    },
    "escalation.censorship_wave": {
        "en": "a 'they hide our complaints' wave started",
        "nl": "een 'ze verbergen onze klachten'-golf begon",
    },
    "escalation.line": {"en": "{clock}: {handle} — {what}.", "nl": "{clock}: {handle} — {what}."},
    # policy
    "policy.summary": {
        "en": "{passed} of {total} policy checks passed",
        "nl": "{passed} van {total} beleidscontroles gehaald",
    },
    "policy.none": {"en": "no policy rule applied", "nl": "geen beleidsregel van toepassing"},
    "policy.escalated": {
        "en": "{handle}'s post went to {team} after {after}",
        "nl": "bericht van {handle} na {after} naar {team}",
    },
    "policy.not_escalated": {
        "en": "{handle}'s post was never escalated to {team}",
        "nl": "bericht van {handle} nooit naar {team} doorgezet",
    },
    "policy.holding": {
        "en": "holding statement at {posted}, due {due}",
        "nl": "holding statement om {posted}, uiterlijk {due}",
    },
    "policy.no_holding": {
        "en": "no holding statement (due {due})",
        "nl": "geen holding statement (uiterlijk {due})",
    },
    "policy.kept": {
        "en": "{label}: kept in all {count} replies",
        "nl": "{label}: in alle {count} antwoorden gehouden",
    },
    "policy.broken": {"en": "{label}: broken", "nl": "{label}: overtreden"},
    "policy.forbidden": {"en": "forbidden phrases", "nl": "verboden formuleringen"},
    "policy.public_data": {
        "en": "no personal data asked in public",
        "nl": "geen persoonsgegevens in het openbaar gevraagd",
    },
    "policy.address": {"en": "form of address '{form}'", "nl": "aanspreekvorm '{form}'"},
    "policy.sign_off": {
        "en": "sign-off: {signed} of {total} replies signed",
        "nl": "ondertekening: {signed} van {total} antwoorden ondertekend",
    },
    "policy.hide": {
        "en": "hid {handle}'s post for '{reason}'",
        "nl": "bericht van {handle} verborgen om '{reason}'",
    },
    # report
    "report.title": {"en": "Stormdrill debrief", "nl": "Stormdrill-nabespreking"},
    "report.trainee": {"en": "Trainee", "nl": "Cursist"},
    "report.scenario": {"en": "Scenario", "nl": "Scenario"},
    "report.seed": {"en": "Seed", "nl": "Seed"},
    "report.played": {"en": "Played", "nl": "Gespeeld"},
    "report.partial": {
        "en": "partial session: scored up to {until} of {duration}",
        "nl": "onvolledige sessie: beoordeeld tot {until} van {duration}",
    },
    "report.overall": {"en": "Overall", "nl": "Totaal"},
    "report.weight": {"en": "weight", "nl": "gewicht"},
    "report.evidence": {"en": "Evidence", "nl": "Bewijs"},
    "report.points_lost": {"en": "Where points were lost", "nl": "Waar punten verloren gingen"},
    "report.went_well": {"en": "What went well", "nl": "Wat goed ging"},
    "report.threads": {"en": "Thread by thread", "nl": "Per gesprek"},
    "report.debrief": {"en": "What good looked like", "nl": "Zo zag goed eruit"},
    "report.chart_reach": {"en": "Negative reach over time", "nl": "Negatief bereik in de tijd"},
    "report.chart_response": {
        "en": "First response times against the targets",
        "nl": "Eerste reactietijden tegen de doelen",
    },
    "report.you": {"en": "you", "nl": "jij"},
    "report.nobody": {"en": "nobody answers", "nl": "niemand reageert"},
    "report.reference": {"en": "reference team", "nl": "referentieteam"},
    "report.minutes": {"en": "minutes", "nl": "minuten"},
    "report.axis_minutes": {
        "en": "minutes since the storm began",
        "nl": "minuten sinds het begin van de storm",
    },
    "report.axis_reach": {
        "en": "impressions, cumulative",
        "nl": "vertoningen, opgeteld",
    },
    "report.target": {"en": "target", "nl": "doel"},
    "report.norm": {"en": "norm", "nl": "norm"},
    "report.col.thread": {"en": "#", "nl": "#"},
    "report.col.who": {"en": "who", "nl": "wie"},
    "report.col.topic": {"en": "topic", "nl": "onderwerp"},
    "report.col.reach": {"en": "reach", "nl": "bereik"},
    "report.col.first": {"en": "first response", "nl": "eerste reactie"},
    "report.col.private": {"en": "to DM", "nl": "naar DM"},
    "report.col.outcome": {"en": "outcome", "nl": "afloop"},
    "report.col.replies": {"en": "your replies", "nl": "jouw antwoorden"},
    "report.none": {"en": "none", "nl": "geen"},
    "report.members": {
        "en": "Team members: who answered what, how fast, how well",
        "nl": "Teamleden: wie wat beantwoordde, hoe snel, hoe goed",
    },
    "report.col.member": {"en": "member", "nl": "teamlid"},
    "report.col.role": {"en": "role", "nl": "rol"},
    "report.col.actions": {"en": "actions", "nl": "acties"},
    "report.col.messages": {"en": "messages", "nl": "berichten"},
    "report.col.first_answers": {"en": "first answers", "nl": "eerste antwoorden"},
    "report.col.median_first": {"en": "median first answer", "nl": "mediaan eerste antwoord"},
    "report.col.message_score": {"en": "message score", "nl": "score berichten"},
    "report.col.member_threads": {"en": "threads", "nl": "gesprekken"},
    "report.resolved": {"en": "resolved", "nl": "opgelost"},
    "report.unsatisfied": {"en": "closed, unsatisfied", "nl": "gesloten, ontevreden"},
    "report.hidden": {"en": "hidden", "nl": "verborgen"},
    "report.open": {"en": "open", "nl": "open"},
    "report.passed": {"en": "pass", "nl": "gehaald"},
    "report.failed": {"en": "fail", "nl": "niet gehaald"},
    "compare.title": {"en": "Cohort", "nl": "Groep"},
    "compare.mean": {"en": "mean", "nl": "gemiddeld"},
    "report.band": {
        "en": "give or take {margin} from the luck of the storm alone (range {low}–{high})",
        "nl": "plus of min {margin} door alleen het toeval van de storm (bereik {low}–{high})",
    },
    "report.divergences": {
        "en": "This replay differs from the log",
        "nl": "Deze herhaling wijkt af van het log",
    },
    "report.played_at": {"en": "Played on", "nl": "Gespeeld op"},
    "compare.no_difference": {"en": "no real difference", "nl": "geen echt verschil"},
    "compare.scenario": {"en": "Scenario", "nl": "Scenario"},
    "compare.seed": {"en": "Seed", "nl": "Seed"},
    "compare.date": {"en": "Date", "nl": "Datum"},
    "compare.failures": {
        "en": "What went wrong most across the cohort",
        "nl": "Wat in de groep het vaakst misging",
    },
    "compare.rule": {"en": "rule", "nl": "regel"},
    "compare.times": {"en": "times", "nl": "keer"},
    "compare.trainees": {"en": "trainees", "nl": "cursisten"},
    "compare.chart_scores": {
        "en": "Overall score with its band",
        "nl": "Totaalscore met bandbreedte",
    },
    "compare.chart_reach": {
        "en": "Negative reach over time, per trainee",
        "nl": "Negatief bereik in de tijd, per cursist",
    },
    "compare.band_note": {
        "en": "Rows whose difference with the row above is within seed noise are marked "
        '"no real difference": their order says nothing.',
        "nl": "Rijen die binnen de ruis van de seed van de rij erboven liggen zijn gemarkeerd met "
        '"geen echt verschil": hun volgorde zegt niets.',
    },
    "report.generated": {"en": "Generated by Stormdrill", "nl": "Gemaakt met Stormdrill"},
}


def number(value: float, language: str = "en") -> str:
    """12,345 in English, 12.345 in Dutch."""
    text = f"{value:,.0f}"
    return text.replace(",", ".") if language == "nl" else text


def say(key: str, language: str = "en", **slots) -> str:
    entry = TEXTS.get(key)
    if entry is None:
        return key
    text = entry.get(language) or entry["en"]
    return fill(text, slots)
