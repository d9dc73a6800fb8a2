"""A scenario's expectations of its scripted posts, checked against what the trainee did.

A scripted post may say what good handling looks like (`expect:` in the scenario, see
docs/scenario-format.md): the team it goes to, whether it moves to a private channel, what every
good answer mentions and what it must never say. Each item becomes a pass or a fail that quotes
the trainee's reply (or the post, when nothing was said) and the expectation, for the policy
dimension of the scorecard. An item is judged once the trainee had the time to meet it: the
policy's norm for a first response, or its `private.move_within` for moving to a private channel.
"""

from __future__ import annotations

from dataclasses import dataclass

from stormdrill.scenarios.model import Expectation, Scenario, phrase_in
from stormdrill.scenarios.slots import fill
from stormdrill.simulator.threads import Message, Thread

TEXTS = {
    "team.passed": {
        "en": "{handle}'s post went to {team}, as this case needs.",
        "nl": "Het bericht van {handle} ging naar {team}, zoals deze zaak vraagt.",
    },
    "team.failed": {
        "en": "{handle}'s post should have gone to {team}; it never did.",
        "nl": "Het bericht van {handle} had naar {team} gemoeten; dat is niet gebeurd.",
    },
    "private.passed": {
        "en": "{handle}'s case moved to a private channel, as it should.",
        "nl": "De zaak van {handle} ging naar een privékanaal, zoals het hoort.",
    },
    "private.failed": {
        "en": "{handle}'s case belongs in a private channel; it stayed in public.",
        "nl": "De zaak van {handle} hoort in een privékanaal; hij bleef openbaar.",
    },
    "public.passed": {
        "en": "{handle} got an answer in public, as this case needs.",
        "nl": "{handle} kreeg een openbaar antwoord, zoals deze zaak vraagt.",
    },
    "public.failed": {
        "en": "{handle} needed an answer in public, where others read along.",
        "nl": "{handle} had een openbaar antwoord nodig, waar anderen meelezen.",
    },
    "mention.passed": {
        "en": "Your answer to {handle} says '{phrase}'.",
        "nl": "Je antwoord aan {handle} noemt '{phrase}'.",
    },
    "mention.failed": {
        "en": "Your answers to {handle} never say '{phrase}', which this case needs.",
        "nl": "Je antwoorden aan {handle} noemen nergens '{phrase}', terwijl deze zaak dat vraagt.",
    },
    "mention.unanswered": {
        "en": "{handle} never got an answer, so nobody said '{phrase}'.",
        "nl": "{handle} kreeg geen antwoord, dus niemand noemde '{phrase}'.",
    },
    "avoid.passed": {
        "en": "You never said '{phrase}' to {handle}.",
        "nl": "Je zei nergens '{phrase}' tegen {handle}.",
    },
    "avoid.failed": {
        "en": "You said '{phrase}' to {handle}, which this case must not hear.",
        "nl": "Je zei '{phrase}' tegen {handle}, wat deze zaak niet mag horen.",
    },
    "model": {"en": " A model answer: “{reply}”", "nl": " Een voorbeeldantwoord: “{reply}”"},
    "initials": {"en": "[your initials]", "nl": "[je initialen]"},
}


@dataclass(frozen=True)
class ExpectationCheck:
    rule: str  # expect.team, expect.private, expect.must_mention, expect.must_not_say
    passed: bool
    explanation: str
    quote: str  # the trainee's reply it is about, or the post when nothing was said
    thread: int
    t: float
    clause: str  # where the expectation is written, and what it says


def _say(key: str, language: str, **slots) -> str:
    texts = TEXTS[key]
    return fill(texts.get(language, texts["en"]), slots)


def _shown(phrase: str, language: str) -> str:
    """`call|phone` as people write it: call' or 'phone (the message adds the outer quotes)."""
    options = [option.strip() for option in phrase.split("|") if option.strip()]
    return ("' of '" if language == "nl" else "' or '").join(options)


def check_expectations(
    scenario: Scenario, threads: list[Thread], until: float, language: str | None = None
) -> list[ExpectationCheck]:
    """Every expectation of every scripted post that reached the inbox, judged by `until` (seconds)."""
    language = language or scenario.language
    index = {id(post): i for i, post in enumerate(scenario.storm.scripted)}
    checks: list[ExpectationCheck] = []
    for th in threads:
        if not th.visible or th.kind_name != "complaint":
            continue
        post = scenario.scripted_post(th.handle, th.text)
        if post is None or post.expect is None:
            continue
        where = f"storm.scripted[{index[id(post)]}].expect"
        checks += _Case(scenario, th, post.expect, until, language, where).checks()
    return checks


class _Case:
    """One scripted thread and its expectation."""

    def __init__(
        self,
        scenario: Scenario,
        th: Thread,
        expect: Expectation,
        until: float,
        language: str,
        where: str,
    ):
        policy = scenario.resolved_policy
        self.th, self.expect, self.lang, self.where = th, expect, language, where
        self.brand: list[Message] = [m for m in th.messages if m.who == "brand"]
        waited = until - th.created
        self.answer_due = waited > policy.response_times.norm
        self.private_due = waited > policy.private.move_within
        model = (
            fill(
                expect.model_reply,
                {
                    "first_name": th.first_name,
                    "name": th.name,
                    "handle": th.handle,
                    "brand": scenario.brand.name,
                    # the reply's sign-off: the trainee's own, not a colleague's
                    "agent": _say("initials", language),
                },
            )
            if expect.model_reply
            else ""
        )
        self.model_hint = _say("model", language, reply=model) if model else ""

    def _check(self, rule: str, passed: bool, key: str, quote: str, t: float, clause: str, **slots):
        text = _say(key, self.lang, handle=self.th.handle, **slots)
        if not passed and rule in ("expect.must_mention", "expect.must_not_say", "expect.private"):
            text += self.model_hint
        return ExpectationCheck(rule, passed, text, quote, self.th.id, t, f"{self.where}.{clause}")

    @property
    def first_reply(self) -> Message | None:
        return self.brand[0] if self.brand else None

    def checks(self) -> list[ExpectationCheck]:
        out: list[ExpectationCheck] = []
        th, expect = self.th, self.expect
        first = self.first_reply
        quote = first.text if first else th.text
        t = first.t if first else th.created
        if expect.team:
            done = th.escalated.get(expect.team)
            if done is not None or self.answer_due:
                out.append(
                    self._check(
                        "expect.team",
                        done is not None,
                        "team.passed" if done is not None else "team.failed",
                        th.text,
                        done if done is not None else th.created,
                        f"team: {expect.team}",
                        team=expect.team,
                    )
                )
        if expect.private is True:
            moved = [x for x in (th.dm_invited, th.dm_started) if x is not None]
            moved += [m.t for m in self.brand if not m.public]
            if moved or self.private_due:
                out.append(
                    self._check(
                        "expect.private",
                        bool(moved),
                        "private.passed" if moved else "private.failed",
                        quote,
                        min(moved) if moved else t,
                        "private: true",
                    )
                )
        elif expect.private is False:
            public = [m for m in self.brand if m.public]
            if public or self.answer_due:
                out.append(
                    self._check(
                        "expect.private",
                        bool(public),
                        "public.passed" if public else "public.failed",
                        public[0].text if public else quote,
                        public[0].t if public else t,
                        "private: false",
                    )
                )
        for phrase in expect.must_mention:
            said = next((m for m in self.brand if phrase_in(m.text, phrase)), None)
            if said is not None:
                out.append(
                    self._check(
                        "expect.must_mention",
                        True,
                        "mention.passed",
                        said.text,
                        said.t,
                        f"must_mention: {phrase}",
                        phrase=_shown(phrase, self.lang),
                    )
                )
            elif self.brand or self.answer_due:
                key = "mention.failed" if self.brand else "mention.unanswered"
                out.append(
                    self._check(
                        "expect.must_mention",
                        False,
                        key,
                        quote,
                        t,
                        f"must_mention: {phrase}",
                        phrase=_shown(phrase, self.lang),
                    )
                )
        if self.brand:
            for phrase in expect.must_not_say:
                said = next((m for m in self.brand if phrase_in(m.text, phrase)), None)
                # A failure names the words that were said, not every variant of them.
                hit = (
                    next((o for o in phrase.split("|") if phrase_in(said.text, o)), phrase)
                    if said
                    else phrase
                )
                out.append(
                    self._check(
                        "expect.must_not_say",
                        said is None,
                        "avoid.passed" if said is None else "avoid.failed",
                        said.text if said else quote,
                        said.t if said else t,
                        f"must_not_say: {phrase}",
                        phrase=_shown(hit, self.lang),
                    )
                )
        return out
