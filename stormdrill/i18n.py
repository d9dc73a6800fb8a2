"""The console's words, in English and Dutch (most webcare teams we serve work in Dutch)."""

from __future__ import annotations

from stormdrill.scenarios.slots import fill
from stormdrill.scoring.i18n import say as scoring_say

UI: dict[str, dict[str, str]] = {
    # briefing
    "brief.start": {"en": "Start the storm", "nl": "Start de storm"},
    "brief.keys": {"en": "Keys", "nl": "Toetsen"},
    "brief.situation": {"en": "The situation", "nl": "De situatie"},
    "brief.policy": {"en": "Your policy in a crisis", "nl": "Jullie beleid in een crisis"},
    "brief.respond": {
        "en": "First response within {target} (norm {norm}, never later than {max})",
        "nl": "Eerste reactie binnen {target} (norm {norm}, nooit later dan {max})",
    },
    "brief.holding": {
        "en": "Holding statement within {within} of the storm breaking ({n} complaints on one topic)",
        "nl": "Holding statement binnen {within} nadat de storm losbreekt ({n} klachten over één onderwerp)",
    },
    "brief.private": {
        "en": "Personal cases to DM within {within}; never ask {data} in public",
        "nl": "Persoonlijke zaken binnen {within} naar DM; vraag nooit {data} in het openbaar",
    },
    "brief.tone": {
        "en": "Tone: address '{address}'{signoff}",
        "nl": "Toon: aanspreekvorm '{address}'{signoff}",
    },
    "brief.signoff": {
        "en": ", sign every reply (e.g. ^{agent})",
        "nl": ", onderteken elk antwoord (bijv. ^{agent})",
    },
    "brief.escalate": {
        "en": "Escalate to {team} within {within}: {words}",
        "nl": "Doorzetten naar {team} binnen {within}: {words}",
    },
    "brief.forbidden": {"en": "Never write: {phrases}", "nl": "Schrijf nooit: {phrases}"},
    "brief.hide": {"en": "Hiding is only for: {reasons}", "nl": "Verbergen alleen bij: {reasons}"},
    "brief.clock": {
        "en": "The storm runs {duration} of simulated time at ×{speed} ({real} real time){pause}.",
        "nl": "De storm duurt {duration} gesimuleerde tijd op ×{speed} ({real} echte tijd){pause}.",
    },
    "brief.time": {
        "en": "Time while you write: with the reply box open the storm slows to ×{compose} (a real minute is a storm minute), for as long as a real webcare agent takes for that message: {read} to read up plus {per_char} s per character ({example} for a {chars}-character reply). After that, and while you read the inbox or wait, it runs at ×{speed}. Drafts you never send use up that time too.",
        "nl": "Tijd tijdens het schrijven: met het antwoordvak open loopt de storm op ×{compose} (een echte minuut is een stormminuut), zo lang als een echte webcaremedewerker over dat bericht doet: {read} inlezen plus {per_char} s per teken ({example} voor een antwoord van {chars} tekens). Daarna, en terwijl je de inbox leest of wacht, loopt hij op ×{speed}. Concepten die je nooit verstuurt, gebruiken die tijd ook.",
    },
    "brief.time_fixed": {
        "en": "Time while you write: with the reply box open the storm slows to ×{compose} (a real minute is a storm minute), for {handling} per message, what a real webcare agent takes. After that, and while you read the inbox or wait, it runs at ×{speed}. Drafts you never send use up that time too.",
        "nl": "Tijd tijdens het schrijven: met het antwoordvak open loopt de storm op ×{compose} (een echte minuut is een stormminuut), {handling} per bericht, zo lang als een echte webcaremedewerker erover doet. Daarna, en terwijl je de inbox leest of wacht, loopt hij op ×{speed}. Concepten die je nooit verstuurt, gebruiken die tijd ook.",
    },
    "brief.pause_ok": {"en": "; you may pause", "nl": "; pauzeren mag"},
    "brief.pause_no": {
        "en": "; no pausing in this exercise",
        "nl": "; pauzeren kan niet in deze oefening",
    },
    "brief.symbols": {
        "en": "On the top bar: ★ is the brand's public rating (1–5 stars) as customers rate it now; it falls when complaints are ignored or hidden and recovers when they are solved. ▮▮▮ in the inbox: priority. ↩ answered · ✉ in DM · ⊘ hidden · ✓ resolved · ↗ escalated.",
        "nl": "In de bovenbalk: ★ is de publieke waardering van het merk (1–5 sterren) zoals klanten die nu geven; die daalt als klachten genegeerd of verborgen worden en herstelt als ze opgelost worden. ▮▮▮ in de inbox: prioriteit. ↩ beantwoord · ✉ in DM · ⊘ verborgen · ✓ opgelost · ↗ doorgezet.",
    },
    "brief.log": {
        "en": "Your session is recorded in {path}",
        "nl": "Je sessie wordt vastgelegd in {path}",
    },
    # console
    "console.inbox": {"en": "Inbox", "nl": "Inbox"},
    "console.thread": {"en": "Thread", "nl": "Gesprek"},
    "console.nothing": {
        "en": "Pick a post in the inbox (↑↓, enter to answer).",
        "nl": "Kies een bericht in de inbox (↑↓, enter om te antwoorden).",
    },
    "inbox.new": {"en": "{n} new — press n", "nl": "{n} nieuw — druk op n"},
    "inbox.urgent": {
        "en": "Urgent: {handle} ({why}) — press n",
        "nl": "Urgent: {handle} ({why}) — druk op n",
    },
    "console.empty_inbox": {"en": "Quiet, for now.", "nl": "Nog rustig."},
    "col.prio": {"en": "!", "nl": "!"},
    "col.wait": {"en": "wait", "nl": "wacht"},
    "col.who": {"en": "who", "nl": "wie"},
    "col.ch": {"en": "ch", "nl": "kan"},
    "col.text": {"en": "post", "nl": "bericht"},
    "col.reach": {"en": "reach", "nl": "bereik"},
    "col.state": {"en": "", "nl": ""},
    "status.new": {"en": "new", "nl": "nieuw"},
    "status.answered": {"en": "answered", "nl": "beantwoord"},
    "status.dm": {"en": "in DM", "nl": "in DM"},
    "status.hidden": {"en": "hidden", "nl": "verborgen"},
    "status.resolved": {"en": "resolved", "nl": "opgelost"},
    "status.escalated": {"en": "escalated", "nl": "doorgezet"},
    "thread.followers": {"en": "{n} followers", "nl": "{n} volgers"},
    "thread.reach": {
        "en": "reach {reach} · reshares {reshares} · anger {anger}",
        "nl": "bereik {reach} · gedeeld {reshares} · boosheid {anger}",
    },
    "thread.waiting": {"en": "waiting {wait}", "nl": "wacht al {wait}"},
    "thread.private": {"en": "Private conversation", "nl": "Privégesprek"},
    "thread.you": {"en": "you", "nl": "jij"},
    "thread.escalated": {"en": "with {teams}", "nl": "bij {teams}"},
    "thread.via_monitoring": {
        "en": "found through monitoring (no @mention)",
        "nl": "gevonden via monitoring (geen @vermelding)",
    },
    "thread.ad": {"en": "paid ad", "nl": "betaalde advertentie"},
    "composer.public": {"en": "Public reply", "nl": "Openbaar antwoord"},
    "composer.dm": {"en": "Direct message", "nl": "Privébericht"},
    "composer.statement": {
        "en": "Holding statement (to all followers)",
        "nl": "Holding statement (aan alle volgers)",
    },
    "composer.resolve": {
        "en": "Resolve, with a closing message (optional)",
        "nl": "Afsluiten, met een slotbericht (mag leeg)",
    },
    "composer.hint": {
        "en": "ctrl+s send · ctrl+t template · ctrl+o public/DM · esc back",
        "nl": "ctrl+s versturen · ctrl+t sjabloon · ctrl+o openbaar/DM · esc terug",
    },
    "composer.too_long": {
        "en": "Too long for {channel}: {n}/{limit} characters.",
        "nl": "Te lang voor {channel}: {n}/{limit} tekens.",
    },
    "composer.no_thread": {"en": "Pick a post first.", "nl": "Kies eerst een bericht."},
    "composer.dm_invite": {
        "en": "Hi {first_name}, sorry to hear this. Could you send us a DM with your details? Then we'll sort it out personally. ^{agent}",
        "nl": "Hoi {first_name}, vervelend om te horen. Stuur je ons een DM met je gegevens? Dan zoeken we het persoonlijk uit. ^{agent}",
    },
    "composer.dm_invite_u": {
        "nl": "Beste {first_name}, vervelend om te horen. Wilt u ons een privébericht sturen met uw gegevens? Dan zoeken wij het persoonlijk uit. ^{agent}"
    },
    "live.reach": {"en": "negative reach", "nl": "negatief bereik"},
    "live.nobody": {"en": "if nobody answers", "nl": "als niemand reageert"},
    "live.you": {"en": "you", "nl": "jij"},
    "live.axis_minutes": {"en": "minutes", "nl": "minuten"},
    "live.axis_reach": {"en": "impressions", "nl": "vertoningen"},
    "live.per_minute": {"en": "complaints per minute", "nl": "klachten per minuut"},
    "live.events": {"en": "What happens", "nl": "Wat er gebeurt"},
    "header.unanswered": {"en": "unanswered {n}", "nl": "onbeantwoord {n}"},
    "header.statement_due": {
        "en": "holding statement due {clock}",
        "nl": "holding statement uiterlijk {clock}",
    },
    "header.statement_late": {
        "en": "holding statement LATE (due {clock})",
        "nl": "holding statement TE LAAT ({clock})",
    },
    "header.statement_done": {
        "en": "holding statement posted {clock}",
        "nl": "holding statement geplaatst {clock}",
    },
    "header.writing": {
        "en": "✎ ×{speed} while you write ({left} left, then ×{fast})",
        "nl": "✎ ×{speed} tijdens schrijven (nog {left}, daarna ×{fast})",
    },
    "header.paused": {"en": "paused", "nl": "gepauzeerd"},
    "header.over": {"en": "storm over", "nl": "storm voorbij"},
    # events in the ticker and toasts
    "event.post": {"en": "{handle} ({channel}): {text}", "nl": "{handle} ({channel}): {text}"},
    "event.followup": {"en": "{handle} again: {text}", "nl": "{handle} opnieuw: {text}"},
    "event.dm_in": {"en": "DM from {handle}: {text}", "nl": "DM van {handle}: {text}"},
    "event.declared": {
        "en": "Storm declared on {topic}: holding statement due {clock}",
        "nl": "Storm uitgeroepen over {topic}: holding statement uiterlijk {clock}",
    },
    "event.discovered": {
        "en": "{handle} found out their post was hidden",
        "nl": "{handle} ontdekte dat het bericht verborgen is",
    },
    "event.escalation": {"en": "{what} (#{thread})", "nl": "{what} (#{thread})"},
    "event.you": {"en": "You: {what} #{thread}", "nl": "Jij: {what} #{thread}"},
    "event.resolved_bad": {
        "en": "#{thread} closed without a solution; expect {handle} back",
        "nl": "#{thread} gesloten zonder oplossing; {handle} komt vast terug",
    },
    "event.thanks": {
        "en": "{handle} thanks you in public",
        "nl": "{handle} bedankt jullie in het openbaar",
    },
    "event.end": {
        "en": "The storm is over. Press d for your debrief.",
        "nl": "De storm is voorbij. Druk op d voor de nabespreking.",
    },
    "act.reply": {"en": "replied to", "nl": "antwoordde"},
    "act.dm": {"en": "sent a DM in", "nl": "stuurde een DM in"},
    "act.hide": {"en": "hid", "nl": "verborg"},
    "act.escalate": {"en": "escalated to {team}", "nl": "zette door naar {team}"},
    "act.holding_statement": {
        "en": "posted a holding statement",
        "nl": "plaatste een holding statement",
    },
    "act.resolve": {"en": "resolved", "nl": "sloot af"},
    "act.like": {"en": "liked", "nl": "likete"},
    # coaching
    "coach.head": {
        "en": "You {what} #{thread}: {score}/100",
        "nl": "Jij {what} #{thread}: {score}/100",
    },
    "coach.dismiss": {"en": "(c to close)", "nl": "(c om te sluiten)"},
    "coach.crowd.cools": {
        "en": "The crowd calms down a little.",
        "nl": "Het publiek kalmeert een beetje.",
    },
    "coach.crowd.shrugs": {"en": "The crowd shrugs.", "nl": "Het publiek haalt de schouders op."},
    "coach.crowd.inflames": {"en": "The crowd gets angrier.", "nl": "Het publiek wordt bozer."},
    "coach.warn_title": {"en": "Before you send this", "nl": "Voordat je dit verstuurt"},
    "coach.send_anyway": {"en": "Send anyway", "nl": "Toch versturen"},
    "coach.edit": {"en": "Edit it first", "nl": "Eerst aanpassen"},
    "coach.hide_anyway": {"en": "Hide anyway", "nl": "Toch verbergen"},
    "coach.keep": {"en": "Don't hide it", "nl": "Niet verbergen"},
    "warn.public_personal_data": {
        "en": "You ask for personal data ({span}) in public.",
        "nl": "Je vraagt in het openbaar om persoonsgegevens ({span}).",
    },
    "warn.secret_data": {
        "en": "You share something confidential ({span}).",
        "nl": "Je deelt iets vertrouwelijks ({span}).",
    },
    "warn.forbidden": {
        "en": "The policy forbids this phrase: {span}.",
        "nl": "Het beleid verbiedt deze zin: {span}.",
    },
    "warn.wrong_language": {
        "en": "This is not the customer's language.",
        "nl": "Dit is niet de taal van de klant.",
    },
    "warn.wrong_address_form": {
        "en": "Wrong form of address for this brand ({span}).",
        "nl": "Verkeerde aanspreekvorm voor dit merk ({span}).",
    },
    "warn.duplicate": {
        "en": "Nearly the same as an earlier reply: write this one for this customer.",
        "nl": "Bijna hetzelfde als een eerder antwoord: schrijf dit voor deze klant.",
    },
    "warn.hide_reason": {
        "en": "The policy allows hiding only for: {allowed}. Hiding for '{span}' costs privacy points and may be discovered.",
        "nl": "Het beleid staat verbergen alleen toe bij: {allowed}. Verbergen om '{span}' kost privacypunten en kan ontdekt worden.",
    },
    # dialogs
    "dialog.hide": {"en": "Hide #{thread}: why?", "nl": "#{thread} verbergen: waarom?"},
    "dialog.hide_warn": {
        "en": "Hiding a complaint protects nothing: its author and their friends still see it.",
        "nl": "Een klacht verbergen beschermt niets: de schrijver en vrienden zien het nog steeds.",
    },
    "dialog.escalate": {
        "en": "Escalate #{thread} to which team?",
        "nl": "#{thread} doorzetten naar welk team?",
    },
    "dialog.template": {"en": "Insert a template", "nl": "Sjabloon invoegen"},
    "dialog.no_templates": {
        "en": "The policy has no templates.",
        "nl": "Het beleid heeft geen sjablonen.",
    },
    "dialog.quit": {"en": "Leave the storm?", "nl": "De storm verlaten?"},
    "dialog.quit_after": {"en": "Quit Stormdrill?", "nl": "Stormdrill afsluiten?"},
    "dialog.quit_body": {
        "en": "Your session is kept in {path}.",
        "nl": "Je sessie blijft bewaard in {path}.",
    },
    "dialog.quit_debrief": {
        "en": "Debrief of what you played",
        "nl": "Nabespreking van wat je speelde",
    },
    "dialog.quit_now": {"en": "Quit", "nl": "Stoppen"},
    "dialog.cancel": {"en": "Back to the storm", "nl": "Terug naar de storm"},
    "dialog.stay": {"en": "Back to the debrief", "nl": "Terug naar de nabespreking"},
    "reason.spam": {"en": "spam", "nl": "spam"},
    "reason.abuse": {"en": "abuse", "nl": "scheldpartij"},
    "reason.personal_data": {"en": "exposes personal data", "nl": "toont persoonsgegevens"},
    "reason.off_topic": {"en": "off topic", "nl": "off-topic"},
    "reason.other": {"en": "other: I don't like it", "nl": "anders: ik vind het vervelend"},
    "team.pr": {"en": "PR / press office", "nl": "PR / persvoorlichting"},
    "team.legal": {"en": "Legal", "nl": "Juridische zaken"},
    "team.tech": {"en": "Tech", "nl": "Techniek"},
    "team.management": {"en": "Management", "nl": "Management"},
    "team.billing": {"en": "Billing", "nl": "Facturatie"},
    "team.operations": {"en": "Operations", "nl": "Operations"},
    "team.safety": {"en": "Safety", "nl": "Veiligheid"},
    # the scenario's vocabularies, as the trainee reads them (an unknown word shows as itself)
    "topic.outage": {"en": "outage", "nl": "storing"},
    "topic.billing": {"en": "billing", "nl": "facturen"},
    "topic.delay": {"en": "delay", "nl": "vertraging"},
    "topic.baggage": {"en": "baggage", "nl": "bagage"},
    "topic.refund": {"en": "refund", "nl": "terugbetaling"},
    "topic.repair": {"en": "repair", "nl": "reparatie"},
    "topic.delivery": {"en": "delivery", "nl": "bezorging"},
    "topic.quality": {"en": "quality", "nl": "kwaliteit"},
    "topic.claim": {"en": "claim", "nl": "claim"},
    "topic.service": {"en": "service", "nl": "service"},
    "topic.recall": {"en": "recall", "nl": "terugroepactie"},
    "topic.power_cut": {"en": "power cut", "nl": "stroomstoring"},
    "topic.price_rise": {"en": "price rise", "nl": "prijsverhoging"},
    "topic.cancellation": {"en": "cancellation", "nl": "annulering"},
    "topic.fraud": {"en": "fraud", "nl": "fraude"},
    "topic.data_breach": {"en": "data breach", "nl": "datalek"},
    "topic.waste": {"en": "waste", "nl": "afval"},
    "topic.benefits": {"en": "benefits", "nl": "uitkeringen"},
    "data.order_number": {"en": "order number", "nl": "ordernummer"},
    "data.customer_number": {"en": "customer number", "nl": "klantnummer"},
    "data.booking_reference": {"en": "booking reference", "nl": "boekingsnummer"},
    "data.policy_number": {"en": "policy number", "nl": "polisnummer"},
    "data.address": {"en": "address", "nl": "adres"},
    "data.phone": {"en": "phone number", "nl": "telefoonnummer"},
    "data.email": {"en": "email address", "nl": "e-mailadres"},
    "data.iban": {"en": "IBAN", "nl": "IBAN"},
    "data.date_of_birth": {"en": "date of birth", "nl": "geboortedatum"},
    "data.password": {"en": "password", "nl": "wachtwoord"},
    "address.je": {"en": "informal (je)", "nl": "je"},
    "address.u": {"en": "formal (u)", "nl": "u"},
    "address.any": {"en": "either", "nl": "je of u, zoals de klant"},
    "template.acknowledge": {"en": "acknowledge", "nl": "erkennen"},
    "template.to_dm": {"en": "to DM", "nl": "naar DM"},
    "template.holding": {"en": "holding statement", "nl": "holding statement"},
    "template.sorry": {"en": "sorry", "nl": "excuses"},
    "template.delay": {"en": "delay", "nl": "vertraging"},
    "channel.twitter": {"en": "twitter", "nl": "twitter"},
    "channel.facebook": {"en": "facebook", "nl": "facebook"},
    "channel.forum": {"en": "forum", "nl": "forum"},
    "channel.review": {"en": "review site", "nl": "reviewsite"},
    # printed on leaving
    "exit.kept": {"en": "session log kept: {path}", "nl": "sessielog bewaard: {path}"},
    "exit.rewound": {
        "en": "your rewound try is kept in {path}",
        "nl": "je teruggespoelde poging staat in {path}",
    },
    "exit.score": {
        "en": "  score it:  {cmd} score {path}",
        "nl": "  beoordelen:  {cmd} score {path}",
    },
    "exit.report": {
        "en": "  report:    {cmd} report {path} --format html",
        "nl": "  rapport:      {cmd} report {path} --format html",
    },
    "exit.replay": {
        "en": "  replay:    {cmd} replay {path}",
        "nl": "  terugkijken:  {cmd} replay {path}",
    },
    "exit.new_try": {
        "en": "your new try is kept in {path} (branched from {parent})",
        "nl": "je nieuwe poging staat in {path} (afgetakt van {parent})",
    },
    # debrief
    "debrief.title": {"en": "Debrief", "nl": "Nabespreking"},
    "debrief.working": {
        "en": "Scoring: replaying your storm and the same storm without you...",
        "nl": "Beoordelen: je storm opnieuw afspelen, en dezelfde storm zonder jou...",
    },
    "debrief.export": {"en": "Report written: {path}", "nl": "Rapport geschreven: {path}"},
    "debrief.keys": {
        "en": "m/h/j export report (md/html/json) · r rewind · q quit",
        "nl": "m/h/j rapport exporteren (md/html/json) · r terugspoelen · q stoppen",
    },
    "debrief.next_tab": {"en": "Next tab", "nl": "Volgend tabblad"},
    "debrief.previous_tab": {"en": "Previous tab", "nl": "Vorig tabblad"},
    "debrief.expand": {
        "en": "▶ lines open with enter or a click: one line per customer",
        "nl": "▶ regels openen met enter of een klik: één regel per klant",
    },
    "debrief.chart": {
        "en": "Negative reach: you, nobody answering, a reference team",
        "nl": "Negatief bereik: jij, niemand die reageert, een referentieteam",
    },
    # rewind and replay
    "rewind.title": {
        "en": "Rewind: play on from which moment?",
        "nl": "Terugspoelen: vanaf welk moment verder spelen?",
    },
    "rewind.note": {
        "en": "The storm replays your actions up to that moment; from there it's yours again. A new log is kept beside the first.",
        "nl": "De storm speelt je acties af tot dat moment; daarna is hij weer van jou. Er komt een nieuw log naast het eerste.",
    },
    "rewind.escalation": {
        "en": "{clock}: when {handle} should have had an answer ({what} at {at})",
        "nl": "{clock}: toen {handle} antwoord had moeten krijgen ({what} om {at})",
    },
    "rewind.declared": {
        "en": "{clock}: when the storm was declared",
        "nl": "{clock}: toen de storm werd uitgeroepen",
    },
    "rewind.now": {
        "en": "{clock}: this moment of the replay",
        "nl": "{clock}: dit moment van de herhaling",
    },
    "rewind.start": {"en": "{clock}: the start", "nl": "{clock}: het begin"},
    "rewind.custom": {
        "en": "…or type minutes from the start, then enter",
        "nl": "…of typ minuten vanaf het begin, dan enter",
    },
    "rewind.bad_minutes": {
        "en": "Give the minutes from the start of the storm, within its duration.",
        "nl": "Geef het aantal minuten vanaf het begin van de storm, binnen de duur.",
    },
    "rewind.started": {
        "en": "Rewound to {clock}: it's your storm again. Log: {path}",
        "nl": "Teruggespoeld naar {clock}: de storm is weer van jou. Log: {path}",
    },
    "rewind.no_log": {
        "en": "There is no session log to rewind.",
        "nl": "Er is geen sessielog om terug te spoelen.",
    },
    "debrief.compare": {
        "en": "Compared with the first try",
        "nl": "Vergeleken met de eerste poging",
    },
    "replay.title": {"en": "REPLAY of {trainee}", "nl": "HERHALING van {trainee}"},
    "replay.action": {
        "en": "{who} {what} #{thread}: {score}/100{notes}",
        "nl": "{who} {what} #{thread}: {score}/100{notes}",
    },
    "replay.keys": {
        "en": "space play/pause · + − speed ×1…×32 · ← → 5 min · [ ] 15 min · home/end · r rewind here · d debrief · q quit",
        "nl": "spatie afspelen/pauze · + − snelheid ×1…×32 · ← → 5 min · [ ] 15 min · home/end · r hier terugspoelen · d nabespreking · q stoppen",
    },
    "key.rewind": {"en": "Rewind here", "nl": "Hier terugspoelen"},
    "key.seek_back": {"en": "−5 min", "nl": "−5 min"},
    "key.seek_on": {"en": "+5 min", "nl": "+5 min"},
    # help and small terminal
    "help.title": {"en": "Keys", "nl": "Toetsen"},
    "help.close": {"en": "esc or ? to close", "nl": "esc of ? om te sluiten"},
    "small.title": {"en": "This terminal is too small", "nl": "Dit venster is te klein"},
    "small.body": {
        "en": "Stormdrill needs at least {w}×{h} characters; this one is {cw}×{ch}.\nMake the window bigger or the font smaller. The storm is paused until then.",
        "nl": "Stormdrill heeft minstens {w}×{h} tekens nodig; dit venster is {cw}×{ch}.\nMaak het venster groter of het lettertype kleiner. De storm staat zolang op pauze.",
    },
    # key descriptions
    "key.reply": {"en": "Reply", "nl": "Antwoord"},
    "key.dm": {"en": "DM", "nl": "DM"},
    "key.invite": {"en": "Ask to DM", "nl": "Vraag DM"},
    "key.template": {"en": "Template", "nl": "Sjabloon"},
    "key.hide": {"en": "Hide", "nl": "Verberg"},
    "key.escalate": {"en": "Escalate", "nl": "Doorzetten"},
    "key.statement": {"en": "Holding statement", "nl": "Holding statement"},
    "key.resolve": {"en": "Resolve", "nl": "Afsluiten"},
    "key.like": {"en": "Like", "nl": "Like"},
    "key.next": {"en": "Next waiting", "nl": "Volgende wachtende"},
    "key.pause": {"en": "Pause", "nl": "Pauze"},
    "key.faster": {"en": "Faster", "nl": "Sneller"},
    "key.slower": {"en": "Slower", "nl": "Langzamer"},
    "key.help": {"en": "Help", "nl": "Help"},
    "key.quit": {"en": "Quit", "nl": "Stoppen"},
    "key.debrief": {"en": "Debrief", "nl": "Nabespreking"},
    "key.send": {"en": "Send", "nl": "Versturen"},
    "key.back": {"en": "Back", "nl": "Terug"},
    "key.toggle": {"en": "Public/DM", "nl": "Openbaar/DM"},
    "key.start": {"en": "Start", "nl": "Start"},
    "key.md": {"en": "Markdown", "nl": "Markdown"},
    "key.html": {"en": "HTML", "nl": "HTML"},
    "key.json": {"en": "JSON", "nl": "JSON"},
    "flag.escalate": {"en": "escalate", "nl": "doorzetten"},
    "flag.media": {"en": "press", "nl": "pers"},
    "flag.influencer": {"en": "influencer", "nl": "influencer"},
    "flag.ad": {"en": "ad", "nl": "advertentie"},
    "flag.troll": {"en": "troll", "nl": "trol"},
    "flag.safety": {"en": "safety", "nl": "veiligheid"},
    "flag.journalist": {"en": "press", "nl": "pers"},
    "flag.politician": {"en": "politician", "nl": "politicus"},
    "flag.employee": {"en": "staff", "nl": "collega"},
    "flag.competitor": {"en": "competitor", "nl": "concurrent"},
    "flag.brand": {"en": "internal", "nl": "intern"},
    "flag.question": {"en": "question", "nl": "vraag"},
    "flag.rumour": {"en": "rumour", "nl": "gerucht"},
    "flag.off_topic": {"en": "off-topic", "nl": "niet relevant"},
    "help.reply": {
        "en": "Answer the selected post in public",
        "nl": "Beantwoord het gekozen bericht openbaar",
    },
    "help.dm": {"en": "Send a private message", "nl": "Stuur een privébericht"},
    "help.invite": {
        "en": "Insert an invitation to DM into the reply",
        "nl": "Zet een uitnodiging voor een DM in het antwoord",
    },
    "help.template": {
        "en": "Insert one of the policy's templates",
        "nl": "Voeg een sjabloon uit het beleid in",
    },
    "help.hide": {
        "en": "Hide the post (the policy says when that is allowed)",
        "nl": "Verberg het bericht (het beleid zegt wanneer dat mag)",
    },
    "help.escalate": {
        "en": "Hand the thread to a team: PR, legal, tech...",
        "nl": "Geef het gesprek aan een team: PR, juridisch, techniek...",
    },
    "help.statement": {
        "en": "Write the brand's holding statement to all followers",
        "nl": "Schrijf het holding statement aan alle volgers",
    },
    "help.resolve": {
        "en": "Close the case (with a closing message if you like)",
        "nl": "Sluit de zaak af (met een slotbericht als je wilt)",
    },
    "help.like": {"en": "Like the post", "nl": "Like het bericht"},
    "help.next": {
        "en": "Jump to the most urgent post still waiting",
        "nl": "Spring naar het urgentste bericht dat nog wacht",
    },
    "help.pause": {
        "en": "Pause or resume the clock (if the exercise allows it)",
        "nl": "Pauzeer of hervat de klok (als de oefening het toestaat)",
    },
    "help.speed": {
        "en": "Clock faster or slower, within what the exercise allows",
        "nl": "Klok sneller of langzamer, binnen wat de oefening toestaat",
    },
    "help.palette": {"en": "Every action, by name", "nl": "Elke actie, op naam"},
    "help.debrief": {
        "en": "Go to the debrief (after the storm, or to end early)",
        "nl": "Naar de nabespreking (na de storm, of om eerder te stoppen)",
    },
    "help.quit": {
        "en": "Leave; your session log is kept",
        "nl": "Stoppen; je sessielog blijft bewaard",
    },
    "error.pause": {
        "en": "This exercise doesn't allow pausing.",
        "nl": "Deze oefening staat pauzeren niet toe.",
    },
    "error.speed": {
        "en": "The clock runs between ×{low} and ×{high} in this exercise.",
        "nl": "De klok loopt tussen ×{low} en ×{high} in deze oefening.",
    },
}


FOOTER = {  # action -> label key, for the footer in the interface's language
    "reply": "key.reply",
    "dm": "key.dm",
    "invite": "key.invite",
    "template": "key.template",
    "statement": "key.statement",
    "escalate": "key.escalate",
    "hide": "key.hide",
    "resolve": "key.resolve",
    "like": "key.like",
    "next_waiting": "key.next",
    "send": "key.send",
    "toggle_private": "key.toggle",
    "back": "key.back",
    "pause": "key.pause",
    "faster": "key.faster",
    "slower": "key.slower",
    "help": "key.help",
    "debrief": "key.debrief",
    "leave": "key.quit",
    "app.quit": "key.quit",
    "app.quit_storm": "key.quit",
    "app.confirm_quit": "key.quit",
    "start": "key.start",
    "rewind": "key.rewind",
    "seek(-300)": "key.seek_back",
    "seek(300)": "key.seek_on",
    "export('md')": "key.md",
    "export('html')": "key.html",
    "export('json')": "key.json",
    "next_tab": "debrief.next_tab",
    "previous_tab": "debrief.previous_tab",
    "close": "key.back",
    "dismiss_none": "key.back",
    "cancel": "key.back",
}


def localize_bindings(node, language: str) -> None:
    """Give a screen's key bindings their labels in the interface's language (Textual's are per class)."""
    import dataclasses

    mapping = node._bindings.key_to_bindings  # Textual keeps them here; there is no public setter
    for key, bindings in mapping.items():
        mapping[key] = [
            dataclasses.replace(b, description=t(FOOTER[b.action], language))
            if b.action in FOOTER
            else b
            for b in bindings
        ]


def word(kind: str, value: str, language: str = "en") -> str:
    """A value from the scenario's vocabularies (topic, team, data, reason, template, channel) in the
    trainee's language; a trainer's own word shows as written, underscores as spaces."""
    key = f"{kind}.{value}"
    return t(key, language) if key in UI else value.replace("_", " ")


def t(key: str, language: str = "en", **slots) -> str:
    entry = UI.get(key)
    if entry is None:
        return scoring_say(key, language, **slots)
    text = entry.get(language) or entry.get("en") or next(iter(entry.values()))
    return fill(text, slots)
