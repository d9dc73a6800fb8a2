"""`stormdrill new NAME`: a commented scenario that validates as written."""

from __future__ import annotations

import os
import re
from pathlib import Path

SCHEMA_DIR = Path(__file__).parent / "schema"

_TEMPLATE = """\
# yaml-language-server: $schema={schema}
# A Stormdrill scenario. Check it with: stormdrill validate {filename}
# The format reference: docs/scenario-format.md
stormdrill: 1
id: {slug}
title: "{title}"
language: {language}                  # nl or en: generated posts, names and the reply rubric
brand: {{name: {brand}, handle: "@{handle}", followers: 25000}}
brief: |
  {brief}
duration: 2h                  # simulated time; 90s, 15m, 2h, 1h30m
speed: 60                     # simulated seconds per real second
controls: {{pause: true, coaching: true}}   # coaching: false for an exam (no scores or warnings while playing)
network: {{size: 20000, model: scale_free, seed: 1, customers: 0.3}}

words: {{customer: {customer}, currency: EUR}}   # how generated posts name people and prices

topics:                       # your own topics; or use a built-in pack (outage, billing, recall, waste, ...)
  app:                        # a topic is a free word
    {language}:
      things: [{things}]
      complaints: [{complaints}]
      follow_ups: [{follow_ups}]

personas:                     # named accounts that post scripted messages
  - {{id: first, handle: "@{persona_handle}", name: {persona_name}, followers: 180, temper: constructive}}
  - {{id: press, handle: "@{press_handle}", name: {press_name}, followers: 90000, kind: journalist}}
  - {{id: councillor, handle: "@{politician_handle}", name: {politician_name}, followers: 4000, kind: politician,
     bio: "{politician_bio}"}}

storm:
  scripted:                   # posts at fixed times; `if:` makes one wait for a condition
    - {{id: first-post, at: 0m, by: first, channel: twitter, topic: outage, anger: 0.6, needs_data: true,
       text: "{first_text}",
       expect: {{private: true, must_mention: ["{dm_words}"],   # what good handling looks like: checked
                model_reply: "{model_reply}"}}}}
    - {{at: 40m, by: press, channel: twitter, topic: outage, if: {{reach_over: 3000}}, at_fault: true,
       text: "{press_text}",
       expect: {{team: pr}}}}
    - {{at: 10m, by: brand, name: "{legal_name}", text: "{legal_text}",
       if: {{post: first-post, ignored_for: 10m}}}}   # a colleague's message when the trainee ignores a post
    - {{at: 25m, by: councillor, topic: app, if: {{any: [{{no_holding_statement: true}}, {{after: 50m}}]}},
       text: "{politician_text}"}}    # safety: true flags a post where someone could get hurt
  generated:                  # the stream of fresh complaints that makes the storm
    topics: [outage, app]
    peak: 30/h
    peak_at: 45m
    shape: surge              # constant, surge or wave
  mix: {{complaint: 0.85, question: 0.05, compliment: 0.04, off_topic: 0.03, rumour: 0.03}}   # a real inbox
  escalations:                # rules over a thread's state
    - {{when: {{ignored_for: 60m}}, then: complaint_site}}
    - {{when: {{hidden: true}}, then: censorship_wave}}
    - {{when: {{reach_over: 4000}}, then: press_pickup, by: press}}
    - {{if: {{post: first-post, ignored_for: 30m, not: {{post: first-post, escalated_to: pr}}}}, then: influencer_pickup,
       by: councillor}}       # no `when:`: fires once on the post its `if:` names

facts:                        # what is known; a reply that claims more speculates (docs/scoring.md)
  cause_known: false          # true: also give the cause, e.g. cause: "a router failed during maintenance"
  fix_expected: null          # e.g. "around 10:00, not promised"; null: no fix time is known
  compensation: {compensation}

policy:                       # or a file beside this one: policy: policies/mine.yaml
  name: "{brand} webcare policy, crisis section"
  response_times: {{target: 15m, norm: 1h, max: 4h}}
  tone: {{address: {address}, sign_off: true}}
  holding_statement: {{within: 30m}}
  escalate:
    - {{name: press, mentions: [{press_words}], team: pr, within: 30m}}
  forbidden: [{forbidden}]
  critical: [forbidden]       # rules whose breach weighs double: forbidden, private, address
  rubric: {{unrewarded: []}}    # rewards to switch off, e.g. [explanation] when speculating is forbidden
  templates:
    acknowledge: "{template}"
  team: {{size: 2, read: 45s, per_char: 0.3}}   # the team on shift: the reference team's seats and pace
  approvals: {{holding_statement: true, escalate: [legal]}}   # team exercises: the lead approves these first

scoring: {{weights: {{speed: 25, empathy: 25, privacy: 15, containment: 25, policy: 10}}}}
debrief: |
  What good looked like: {debrief}
"""

_WORDS = {
    "en": dict(
        brief="Monday 08:10. Something went wrong and customers are starting to notice. "
        "Describe the situation the trainee walks into.",
        persona_name="Sam Jones",
        first_text="@{handle} nothing works since this morning, what is going on?",
        press_name="Daily Tech",
        press_text="Customers of {brand} report a major outage this morning",
        address="any",
        press_words="journalist, press, newspaper",
        forbidden='"we apologise for any inconvenience"',
        customer="customer",
        things="the app, the login page",
        complaints='"{{thing}} has been down since {{since}}.", "can\'t log in: {{thing}} shows an error."',
        follow_ups='"Still can\'t log in, {{handle}}. {{waited}} now."',
        politician_name="Alex Morgan",
        politician_bio="Councillor, consumer affairs",
        politician_text="Constituents tell me {brand} has been down all morning. What is the plan?",
        legal_name="Legal (Mara)",
        legal_text="Legal here: please don't promise compensation in public yet.",
        compensation='"one day\'s subscription credit"  # what the policy allows; null: none',
        template="Hi {{first_name}}, we're sorry, we know and we're working on it. Update by 10:00. ^{{agent}}",
        dm_words="DM|direct message|private message",
        model_reply="Hi {{first_name}}, sorry, that's a bad start of the day. We know and we're on it. "
        "Send us a DM and I'll look at yours personally. ^{{agent}}",
        debrief="an acknowledgement within 15 minutes, a holding statement within 30, "
        "personal cases moved to DM, the press enquiry escalated to PR.",
    ),
    "nl": dict(
        brief="Maandag 08:10. Er is iets misgegaan en klanten merken het. "
        "Beschrijf de situatie waarin de cursist terechtkomt.",
        persona_name="Sanne de Vries",
        first_text="@{handle} sinds vanochtend doet niets het meer, wat is er aan de hand?",
        press_name="Dagblad Tech",
        press_text="Klanten van {brand} melden grote storing vanochtend",
        address="je",
        press_words="journalist, pers, krant",
        forbidden='"excuses voor het eventuele ongemak"',
        customer="klant",
        things="de app, de inlogpagina",
        complaints='"{{thing}} ligt eruit sinds {{since}}.", "kan niet inloggen: {{thing}} geeft een foutmelding."',
        follow_ups='"Nog steeds niet ingelogd, {{handle}}. Al {{waited}}."',
        politician_name="Sanne Visser",
        politician_bio="Raadslid, consumentenzaken",
        politician_text="Inwoners melden dat {brand} de hele ochtend plat ligt. Wat is het plan?",
        legal_name="Juridische zaken (Mara)",
        legal_text="Juridisch hier: beloof nog geen compensatie in het openbaar.",
        compensation='"een dag abonnementskosten terug"  # wat het beleid toestaat; null: geen',
        template="Hoi {{first_name}}, sorry, we weten het en werken eraan. Update om 10:00. ^{{agent}}",
        dm_words="DM|privébericht",
        model_reply="Hoi {{first_name}}, sorry, wat een start van de dag. We weten het en werken eraan. "
        "Stuur je ons een DM? Dan kijk ik persoonlijk met je mee. ^{{agent}}",
        debrief="een reactie binnen 15 minuten, een holding statement binnen 30, "
        "persoonlijke zaken naar DM, de persvraag doorgezet naar PR.",
    ),
}


def slugify(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug[:64] or "my-scenario"


def schema_reference(target: Path) -> str:
    """The `$schema` of a new file at `target`: the schema's path relative to the file's folder.

    Relative, so the line holds when the folder is shared or moved with the project (never this
    machine's absolute path); `stormdrill schema -o DIR` writes a copy to point at instead.
    """
    schema = (SCHEMA_DIR / "scenario.schema.json").resolve()
    try:
        return Path(os.path.relpath(schema, target.resolve().parent)).as_posix()
    except ValueError:  # another drive (Windows): no relative path exists
        return "scenario.schema.json"


def new_scenario_text(name: str, language: str = "en", filename: str | None = None) -> str:
    slug = slugify(name)
    brand = "".join(part.capitalize() for part in slug.split("-")[:2]) or "Brand"
    handle = brand[:30]
    words = {k: v.format(handle=handle, brand=brand) for k, v in _WORDS[language].items()}
    return _TEMPLATE.format(
        schema=schema_reference(Path(filename or f"{slug}.yaml")),
        filename=filename or f"{slug}.yaml",
        slug=slug,
        title=name.replace('"', "'"),
        language=language,
        brand=brand,
        handle=handle,
        persona_handle=("first_" + handle.lower())[:30],
        press_handle=("press_" + handle.lower())[:30],
        politician_handle=("council_" + handle.lower())[:30],
        **words,
    )
