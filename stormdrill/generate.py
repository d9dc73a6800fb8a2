"""`stormdrill generate`: a complete scenario from a topic, a language, a size and a duration.

Brand, people and places come from Faker in the scenario's language; the brief,
the opening posts and the policy from per-topic profiles below and the
simulator's text banks. Everything is keyed by the seed: the same arguments
give the same scenario.

It lives in the app, not in scenarios/: it writes the opening posts with the engine's own text
banks (simulator/writing.py), and the formats never import the engine (docs/architecture.md).
"""

from __future__ import annotations

import math
import random
import re
import sys
from pathlib import Path
from typing import NotRequired, TypedDict

import yaml
from faker import Faker

from stormdrill import command
from stormdrill.scenarios.durations import FormatError, format_duration, parse_duration
from stormdrill.scenarios.errors import InvalidFile
from stormdrill.scenarios.loader import load_scenario
from stormdrill.scenarios.vocabulary import TOPICS, Language
from stormdrill.simulator.writing import Writer, content_words  # the same text banks as the storm

LOCALES: dict[Language, str] = {"en": "en_US", "nl": "nl_NL"}


class Profile(TypedDict):
    suffix: dict[Language, str]  # the brand is a surname and this: JansenNet, BakkerEnergie
    related: list[str]  # the neighbouring topics the storm drags in
    en: tuple[str, str, str, str]  # the brand's trade, what broke, why, what a DM asks for
    nl: tuple[str, str, str, str]


class Words(TypedDict):
    weekday: list[str]
    brief: str
    debrief: str
    press_words: list[str]
    legal_words: list[str]
    forbidden: list[str]
    acknowledge: str
    to_dm: str
    to_dm_u: NotRequired[str]  # Dutch only: the same in the formal `u`
    holding: str
    media: list[str]


# Per topic: the brand's trade, what broke, why, and the neighbouring topics the storm drags in.
PROFILES: dict[str, Profile] = {
    "outage": {
        "suffix": {"en": "Net", "nl": "Net"},
        "related": ["billing", "service"],
        "en": ("telecom provider", "mobile data", "a failed core router", "customer number"),
        "nl": (
            "telecomaanbieder",
            "mobiel internet",
            "een uitgevallen centrale router",
            "klantnummer",
        ),
    },
    "billing": {
        "suffix": {"en": "Energy", "nl": "Energie"},
        "related": ["service", "refund"],
        "en": (
            "energy supplier",
            "this month's direct debits",
            "an error in the invoice run",
            "customer number",
        ),
        "nl": (
            "energieleverancier",
            "de incasso's van deze maand",
            "een fout in de factuurrun",
            "klantnummer",
        ),
    },
    "delay": {
        "suffix": {"en": "Air", "nl": "Air"},
        "related": ["baggage", "refund"],
        "en": (
            "airline",
            "the morning departures",
            "two aircraft grounded with a technical issue",
            "booking reference",
        ),
        "nl": (
            "luchtvaartmaatschappij",
            "de ochtendvluchten",
            "twee toestellen met een technisch probleem",
            "boekingsnummer",
        ),
    },
    "baggage": {
        "suffix": {"en": "Air", "nl": "Air"},
        "related": ["delay", "service"],
        "en": ("airline", "checked baggage", "a failure in the baggage hall", "booking reference"),
        "nl": (
            "luchtvaartmaatschappij",
            "ingecheckte bagage",
            "een storing in de bagagekelder",
            "boekingsnummer",
        ),
    },
    "refund": {
        "suffix": {"en": "Shop", "nl": "Shop"},
        "related": ["service", "delivery"],
        "en": ("web shop", "refunds", "a backlog after a system migration", "order number"),
        "nl": (
            "webwinkel",
            "terugbetalingen",
            "een achterstand na een systeemmigratie",
            "ordernummer",
        ),
    },
    "repair": {
        "suffix": {"en": "Bikes", "nl": "Fietsen"},
        "related": ["quality", "service"],
        "en": ("bike shop", "repairs", "a supplier that stopped delivering parts", "order number"),
        "nl": (
            "fietsenwinkel",
            "reparaties",
            "een leverancier die geen onderdelen meer levert",
            "ordernummer",
        ),
    },
    "delivery": {
        "suffix": {"en": "Parcel", "nl": "Pakket"},
        "related": ["refund", "service"],
        "en": (
            "parcel service",
            "deliveries",
            "a sorting centre that went down",
            "tracking number",
        ),
        "nl": ("pakketdienst", "bezorging", "een uitgevallen sorteercentrum", "trackingnummer"),
    },
    "quality": {
        "suffix": {"en": "Cycles", "nl": "Rijwiel"},
        "related": ["repair", "refund"],
        "en": ("bike maker", "the new e-bike model", "a faulty batch of frames", "order number"),
        "nl": (
            "fietsfabrikant",
            "het nieuwe e-bikemodel",
            "een defecte partij frames",
            "ordernummer",
        ),
    },
    "claim": {
        "suffix": {"en": "Insure", "nl": "Verzekeringen"},
        "related": ["service"],
        "en": (
            "insurer",
            "storm damage claims",
            "a backlog after the storm and a batch of template rejections",
            "policy number",
        ),
        "nl": (
            "verzekeraar",
            "schadeclaims na de storm",
            "een achterstand na de storm en een reeks standaardafwijzingen",
            "polisnummer",
        ),
    },
    "service": {
        "suffix": {"en": "Bank", "nl": "Bank"},
        "related": ["billing"],
        "en": (
            "bank",
            "the helpdesk and the app",
            "a failed update of the customer system",
            "customer number",
        ),
        "nl": (
            "bank",
            "de helpdesk en de app",
            "een mislukte update van het klantsysteem",
            "klantnummer",
        ),
    },
    "recall": {
        "suffix": {"en": "Market", "nl": "Markt"},
        "related": ["refund", "service"],
        "en": (
            "supermarket chain",
            "the chicken salad",
            "listeria found at a supplier",
            "loyalty card number",
        ),
        "nl": (
            "supermarktketen",
            "de kipsalade",
            "listeria bij een leverancier",
            "klantenkaartnummer",
        ),
    },
    "power_cut": {
        "suffix": {"en": "Grid", "nl": "Netbeheer"},
        "related": ["service", "billing"],
        "en": (
            "energy network operator",
            "the power supply in the region",
            "a failed substation",
            "postcode and house number",
        ),
        "nl": (
            "netbeheerder",
            "de stroomvoorziening in de regio",
            "een uitgevallen onderstation",
            "postcode en huisnummer",
        ),
    },
    "price_rise": {
        "suffix": {"en": "Energy", "nl": "Energie"},
        "related": ["billing", "service"],
        "en": (
            "energy supplier",
            "the new tariffs",
            "a price change that was announced badly",
            "customer number",
        ),
        "nl": (
            "energieleverancier",
            "de nieuwe tarieven",
            "een slecht aangekondigde prijswijziging",
            "klantnummer",
        ),
    },
    "cancellation": {
        "suffix": {"en": "Rail", "nl": "Spoor"},
        "related": ["refund", "service"],
        "en": ("rail operator", "the morning trains", "a signalling failure", "ticket number"),
        "nl": ("spoorvervoerder", "de ochtendtreinen", "een seinstoring", "ticketnummer"),
    },
    "fraud": {
        "suffix": {"en": "Bank", "nl": "Bank"},
        "related": ["service"],
        "en": (
            "bank",
            "customer accounts",
            "a wave of phishing texts in the bank's name",
            "customer number",
        ),
        "nl": (
            "bank",
            "klantrekeningen",
            "een golf nep-sms'jes uit naam van de bank",
            "klantnummer",
        ),
    },
    "data_breach": {
        "suffix": {"en": "Online", "nl": "Online"},
        "related": ["service"],
        "en": ("web shop", "customer data", "a hacked system at a supplier", "customer number"),
        "nl": (
            "webwinkel",
            "klantgegevens",
            "een gehackt systeem bij een leverancier",
            "klantnummer",
        ),
    },
    "waste": {
        "suffix": {"en": "Waste", "nl": "Afval"},
        "related": ["service"],
        "en": (
            "waste collection service",
            "bin collection",
            "a strike at the depot",
            "postcode and house number",
        ),
        "nl": (
            "afvalinzamelaar",
            "de afvalinzameling",
            "een staking bij het depot",
            "postcode en huisnummer",
        ),
    },
    "benefits": {
        "suffix": {"en": "Benefits", "nl": "Uitkeringen"},
        "related": ["service"],
        "en": (
            "benefits agency",
            "this month's payments",
            "an error in the payment run",
            "citizen service number",
        ),
        "nl": (
            "uitkeringsinstantie",
            "de betalingen van deze maand",
            "een fout in de betaalrun",
            "burgerservicenummer",
        ),
    },
    "exams": {
        "suffix": {"en": "College", "nl": "College"},
        "related": ["service"],
        "en": (
            "school",
            "the results app",
            "a failed update of the student system",
            "student number",
        ),
        "nl": (
            "school",
            "de cijferapp",
            "een mislukte update van het leerlingsysteem",
            "leerlingnummer",
        ),
    },
    "appointment": {
        "suffix": {"en": "Clinic", "nl": "Kliniek"},
        "related": ["service"],
        "en": ("hospital", "outpatient appointments", "a failed planning system", "patient number"),
        "nl": (
            "ziekenhuis",
            "de poliklinische afspraken",
            "een uitgevallen planningssysteem",
            "patiëntnummer",
        ),
    },
    "tickets": {
        "suffix": {"en": "Tickets", "nl": "Tickets"},
        "related": ["refund", "service"],
        "en": (
            "ticket seller",
            "the festival presale",
            "a crashed ticketing system",
            "order number",
        ),
        "nl": (
            "kaartverkoper",
            "de voorverkoop van het festival",
            "een gecrasht kaartsysteem",
            "ordernummer",
        ),
    },
}

WORDS: dict[Language, Words] = {
    "en": {
        "weekday": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
        "brief": (
            "{day} {start}. Since {start} there has been a problem with {what} at {brand}, caused by {cause}. "
            "The team expects a fix in a few hours but won't promise a time. Customers notice first, and "
            "they say so on social media, on {brand}'s Facebook page and on complaint sites.\n\n"
            "You are on {brand}'s webcare desk ({trade}). There will be more complaints than you can answer "
            "one by one: acknowledge fast, say what you know, move personal cases (a {data}) to DM, get a "
            "holding statement out before the storm runs away from you, and send anything from the press "
            "to PR. {journalist} follows {brand} closely."
        ),
        "debrief": (
            "What good looked like: a first acknowledgement within 15 minutes, a holding statement "
            "within 30 minutes of the storm breaking (what is wrong, that people are working on it, when "
            "the next update comes), personal cases moved to DM with an invitation rather than a public "
            "request for a {data}, and the press enquiry escalated to PR. Replies that owned the problem "
            "and offered a concrete next step calmed threads down; silence sent people to complaint sites."
        ),
        "press_words": ["journalist", "press", "newspaper", "reporter"],
        "legal_words": ["lawyer", "court", "legal action"],
        "forbidden": ["we apologise for any inconvenience", "as per our terms and conditions"],
        "acknowledge": "Hi {first_name}, we're sorry: something is wrong with {what} and we're working on it. Next update by 11:00. ^{agent}",
        "to_dm": "Hi {first_name}, that's frustrating, sorry. Could you DM us your {data}? Then we'll look into it right away. ^{agent}",
        "holding": "We know many of you have had problems with {what} since {start}. We're sorry. Our teams are on it; next update here at 11:00. ^{agent}",
        "media": ["Daily", "Tech Desk", "Consumer Watch", "Morning News"],
    },
    "nl": {
        "weekday": ["Maandag", "Dinsdag", "Woensdag", "Donderdag", "Vrijdag"],
        "brief": (
            "{day} {start}. Sinds {start} is er bij {brand} een probleem met {what}, door {cause}. Het team verwacht "
            "binnen een paar uur een oplossing, maar belooft geen tijd. Klanten merken het als eersten en "
            "zeggen het op sociale media, op de Facebookpagina van {brand} en op klachtensites.\n\n"
            "Jij zit op de webcare van {brand} ({trade}). Er komen meer klachten dan je één voor één kunt "
            "beantwoorden: reageer snel, vertel wat je weet, haal persoonlijke zaken (een {data}) naar een "
            "DM, zorg dat er een holding statement staat voordat de storm uit de hand loopt, en zet alles "
            "van de pers door naar PR. {journalist} volgt {brand} op de voet."
        ),
        "debrief": (
            "Zo zag goed eruit: een eerste reactie binnen 15 minuten, een holding statement binnen 30 "
            "minuten nadat de storm losbrak (wat er mis is, dat eraan gewerkt wordt, wanneer de volgende "
            "update komt), persoonlijke zaken naar DM met een uitnodiging in plaats van een openbare vraag "
            "om een {data}, en de persvraag doorgezet naar PR. Antwoorden die verantwoordelijkheid namen en "
            "een concrete volgende stap boden, kalmeerden gesprekken; stilte stuurde mensen naar klachtensites."
        ),
        "press_words": ["journalist", "krant", "pers", "redactie"],
        "legal_words": ["advocaat", "rechter", "rechtszaak"],
        "forbidden": ["excuses voor het eventuele ongemak", "volgens onze voorwaarden"],
        "acknowledge": "Hoi {first_name}, sorry: er gaat iets mis met {what} en we werken eraan. Volgende update om 11:00. ^{agent}",
        "to_dm": "Hoi {first_name}, vervelend, sorry. Stuur je ons een DM met je {data}? Dan zoeken we het meteen uit. ^{agent}",
        "to_dm_u": "Beste {first_name}, vervelend, excuses. Wilt u ons een privébericht sturen met uw {data}? Dan zoeken wij het meteen uit. ^{agent}",
        "holding": "We weten dat er sinds {start} bij veel klanten iets misgaat met {what}. Sorry, dit ligt bij ons. We werken eraan; volgende update hier om 11:00. ^{agent}",
        "media": ["Dagblad", "Nieuwsdesk", "Consumentenshow", "Ochtendnieuws"],
    },
}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _ascii(text: str) -> str:
    import unicodedata

    return re.sub(
        r"[^A-Za-z0-9]", "", unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    )


def generate(
    topic: str, language: Language = "en", size: int = 50_000, duration: int = 7200, seed: int = 1
) -> tuple[dict, dict]:
    """(scenario, policy) as plain data; the scenario refers to its policy as policies/<id>.yaml."""
    if topic not in TOPICS:
        raise ValueError(f"unknown topic {topic!r}; topics: {', '.join(TOPICS)}")
    profile, words = PROFILES[topic], WORDS[language]
    trade, what, cause, data = profile[language]
    pick = random.Random(f"{topic}/{language}/{size}/{duration}/{seed}")
    fake = Faker(LOCALES[language])
    fake.seed_instance(pick.randrange(2**31))
    brand = _ascii(fake.last_name()).capitalize()[:14] + profile["suffix"][language]
    handle = "@" + brand[:30]
    start = f"{pick.randint(7, 10):02d}:{pick.choice([0, 10, 20, 30, 40, 50]):02d}"
    address = pick.choice(["je", "u"]) if language == "nl" else "any"

    def person(
        followers: int, temper: str, kind: str = "customer", name: str | None = None
    ) -> dict:
        first, last = fake.first_name(), fake.last_name()
        full = name or f"{first} {last}"
        tag = _ascii(name or (first + last[:1])).lower()[:14] or "user"
        return {
            "handle": f"@{tag}{pick.randint(1, 99)}",
            "name": full,
            "followers": followers,
            "temper": temper,
            "kind": kind,
        }

    media_name = f"{pick.choice(words['media'])} {fake.city()}"
    personas = [
        {"id": "first", **person(pick.randint(40, 400), "constructive")},
        {"id": "angry", **person(pick.randint(300, 3000), "vindictive")},
        {"id": "press", **person(min(500_000, size * 4), "constructive", "media", media_name)},
        {"id": "influencer", **person(min(300_000, size), "constructive", "influencer")},
    ]
    handles = set()
    for p in personas:  # keep handles unique
        while p["handle"].lower() in handles:
            p["handle"] += str(pick.randint(0, 9))
        handles.add(p["handle"].lower())

    writer = Writer(language, brand, handle, seed=seed, starts_at=start)
    key = pick.randrange(2**62)
    first_text = writer.complaint(key, topic, 0.6, True)
    angry_text = writer.complaint(key + 1, topic, 0.85, True)
    press_text = writer.press(key + 2, topic)
    minutes = duration // 60
    peak = int(max(15, min(150, round(25 + 15 * math.log10(max(size, 2000) / 10_000)))))
    # A longer storm spreads the same complaints over more hours (scenarios/limits.py: it must stay runnable).
    peak = max(2, round(peak * min(1.0, 7200 / duration)))
    reach_press = max(500, size // 20)
    scenario_id = _slug(f"{brand}-{topic}")[:64]
    day = pick.choice(words["weekday"])
    fields = {
        "day": day,
        "start": start,
        "brand": brand,
        "what": what,
        "what_cap": what[:1].upper() + what[1:],
        "cause": cause,
        "trade": trade,
        "data": data,
        "journalist": media_name,
    }
    scenario = {
        "stormdrill": 1,
        "id": scenario_id,
        "title": f"{brand}: {what}",
        "language": language,
        "brand": {"name": brand, "handle": handle, "followers": max(2000, size * 2)},
        "brief": words["brief"].format(**fields),
        "duration": format_duration(duration),
        "starts_at": start,
        "speed": 60,
        "network": {"size": size, "model": "scale_free", "seed": seed, "customers": 0.3},
        "personas": personas,
        "storm": {
            "scripted": [
                {
                    "at": "0m",
                    "by": "first",
                    "channel": "twitter",
                    "topic": topic,
                    "anger": 0.6,
                    "needs_data": True,
                    "text": first_text,
                },
                {
                    "at": format_duration(min(minutes, 6) * 60),
                    "by": "angry",
                    "channel": "facebook",
                    "topic": topic,
                    "anger": 0.85,
                    "severity": "high",
                    "text": angry_text,
                },
                {
                    "at": format_duration(min(minutes, 30) * 60),
                    "by": "press",
                    "channel": "twitter",
                    "topic": topic,
                    "anger": 0.5,
                    "if": {"reach_over": reach_press},
                    "text": press_text,
                },
            ],
            "generated": {
                "topics": [topic, *profile["related"][:1]],
                "peak": f"{peak}/h",
                "peak_at": format_duration(int(duration * 0.35) // 60 * 60),
                "shape": "surge",
            },
            "escalations": [
                {"when": {"ignored_for": "45m"}, "then": "complaint_site"},
                {"when": {"unresolved_contacts": 3}, "then": "paid_ad"},
                {
                    "when": {"reach_over": max(300, reach_press // 2)},
                    "then": "press_pickup",
                    "by": "press",
                },
                {
                    "when": {"reach_over": reach_press},
                    "then": "influencer_pickup",
                    "by": "influencer",
                },
                {"when": {"hidden": True}, "then": "censorship_wave"},
            ],
        },
        "policy": f"policies/{scenario_id}.yaml",
        "scoring": {
            "weights": {"speed": 25, "empathy": 25, "privacy": 15, "containment": 25, "policy": 10}
        },
        "debrief": words["debrief"].format(**fields),
    }
    to_dm = words["to_dm_u"] if address == "u" else words["to_dm"]
    policy = {
        "stormdrill": 1,
        "name": f"{brand} webcare policy, crisis section"
        if language == "en"
        else f"{brand}: webcarebeleid, crisisdeel",
        "response_times": {"target": "15m", "norm": "1h", "max": "4h"},
        "tone": {"address": address, "sign_off": True},
        "private": {"move_within": "30m", "max_public_replies": 2},
        "hide": {"allowed_reasons": ["spam", "abuse", "personal_data"]},
        "escalate": [
            {"name": "press", "mentions": words["press_words"], "team": "pr", "within": "20m"},
            {"name": "legal", "mentions": words["legal_words"], "team": "legal", "within": "30m"},
        ],
        "holding_statement": {"required": True, "within": "30m", "declare_after": 5},
        "forbidden": words["forbidden"],
        "templates": {
            "acknowledge": words["acknowledge"].replace("{what}", what),
            "to_dm": to_dm.replace("{data}", data),
            "holding": words["holding"].replace("{what}", what).replace("{start}", start),
        },
        "monitoring": {
            "keywords": [brand.lower(), *content_words(what, language, skip=(brand,))[:2]]
        },
    }
    return scenario, policy


def write(scenario: dict, policy: dict, output: Path, force: bool = False) -> tuple[Path, Path]:
    output = Path(output)
    policy_path = output.parent / scenario["policy"]
    for path in (output, policy_path):
        if path.exists() and not force:
            raise FileExistsError(
                f"{path} already exists; choose another -o, or --force to overwrite"
            )
    policy_path.parent.mkdir(parents=True, exist_ok=True)
    output.parent.mkdir(parents=True, exist_ok=True)
    header = "# Generated by `stormdrill generate`; edit freely, then: stormdrill validate {}\n"
    output.write_text(
        header.format(output.name)
        + yaml.safe_dump(scenario, sort_keys=False, allow_unicode=True, width=100),
        encoding="utf-8",
    )
    policy_path.write_text(
        yaml.safe_dump(policy, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8"
    )
    return output, policy_path


def generate_command(args) -> int:
    try:
        duration = parse_duration(args.duration)
    except FormatError as err:
        print(f"--duration: {err}", file=sys.stderr)
        return 2
    if not 600 <= duration <= 24 * 3600:
        print("--duration: give between 10m and 24h", file=sys.stderr)
        return 2
    if not 200 <= args.size <= 10_000_000:
        print("--size: give between 200 and 10,000,000 accounts", file=sys.stderr)
        return 2
    scenario, policy = generate(args.topic, args.language, args.size, duration, args.seed)
    try:
        scenario_path, policy_path = write(scenario, policy, Path(args.output), force=args.force)
    except FileExistsError as err:
        print(err, file=sys.stderr)
        return 1
    try:
        load_scenario(scenario_path)
    except InvalidFile as invalid:  # pragma: no cover - generate is tested to validate
        print(invalid, file=sys.stderr)
        return 1
    print(f"wrote {scenario_path} and {policy_path}")
    print(
        f"  try it:  {command()} simulate {scenario_path} --bot none   |   {command()} play {scenario_path}"
    )
    return 0
