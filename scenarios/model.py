"""The scenario and policy formats (docs/scenario-format.md) as typed models.

Every optional field has a default, so a ten-line scenario is valid. Durations
are held as seconds and written back in their canonical spelling (`1h30m`).
Descriptions feed `stormdrill schema` and docs/scenario-format.md.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from .durations import format_duration, format_rate, parse_duration, parse_rate
from .vocabulary import (
    PERSONAL_DATA,
    TEMPLATE_SLOTS,
    TOPIC_PATTERN,
    TOPIC_SLOTS,
    AddressForm,
    Channel,
    CriticalRule,
    Currency,
    EscalationKind,
    HideReason,
    Language,
    NetworkModel,
    PersonaKind,
    PersonalData,
    RubricReward,
    StormShape,
    Team,
    Temper,
)

FORMAT_VERSION = 1

Duration = Annotated[
    int,
    BeforeValidator(parse_duration),
    PlainSerializer(format_duration, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^(\d+h)?(\d+m)?(\d+s)?$",
            "examples": ["90s", "15m", "2h", "1h30m"],
        }
    ),
]
Rate = Annotated[
    float,
    BeforeValidator(parse_rate),
    PlainSerializer(format_rate, return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^\d+(\.\d+)?/(s|m|h|d)$", "examples": ["40/h"]}),
]
Share = Annotated[float, Field(ge=0.0, le=1.0)]
# The words themselves live in vocabulary.py (Language, Channel, Team, …); the models check against them.
# A free word: a built-in pack's name (vocabulary.TOPICS) or a topic the scenario defines under `topics:`.
Topic = Annotated[str, Field(pattern=TOPIC_PATTERN)]

_SLOT = re.compile(r"\{([^{}]*)\}")


def _clock_time(value: object) -> object:
    """YAML 1.1 reads an unquoted 10:00 as the number 600 (base 60); read it back as the time it was."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        return f"{value // 60:02d}:{value % 60:02d}"
    return value


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, validate_default=False)


# --------------------------------------------------------------------------- policy


class ResponseTimes(Model):
    """How fast the team answers in a crisis (docs/grading-guide.md: good teams within the hour, all
    within about 4 hours). It answers "how late is this" itself: `lateness`, `overtime`, `late_at`."""

    target: Duration = Field(900, description="Full marks for a first response within this time.")
    norm: Duration = Field(3600, description="Half marks at this time: the norm a good team meets.")
    max: Duration = Field(14400, description="Zero marks from this time on: the outer norm.")
    acknowledge_if_busy: bool = Field(
        True,
        description="An acknowledgement ('we're on it, back to you by 10:00') counts as a response.",
    )

    # The shortest span the scale below divides by: a policy may set norm = target (or max = norm),
    # and an answer then turns from on time to late over a minute rather than at once.
    MIN_SPAN: ClassVar[int] = 60

    @property
    def late_span(self) -> int:
        """Seconds from the target to the norm: the scale `lateness` divides by (MIN_SPAN at least)."""
        return max(self.norm - self.target, self.MIN_SPAN)

    def lateness(self, waited: Any) -> Any:
        """How late a first answer after `waited` seconds is: 0 at the target, 1 at the norm (linear,
        below 0 before the target, above 1 past the norm). `waited` may be a numpy array."""
        return (waited - self.target) / self.late_span

    def overtime(self, waited: Any) -> Any:
        """How far past the norm `waited` seconds are: 0 at the norm, 1 at the max (linear)."""
        return (waited - self.norm) / max(self.max - self.norm, self.MIN_SPAN)

    @property
    def late_at(self) -> int:
        """When an unanswered post counts as late: the norm, at least MIN_SPAN after the target."""
        return self.target + self.late_span

    def targets_waited(self, waited: float) -> float:
        """`waited` in units of the target (1.0: exactly the target); a target of 0 counts as 1 s."""
        return waited / max(self.target, 1)

    @model_validator(mode="after")
    def _ordered(self) -> ResponseTimes:
        if not self.target <= self.norm <= self.max:
            raise ValueError(
                f"response times must grow: target ({format_duration(self.target)}) <= "
                f"norm ({format_duration(self.norm)}) <= max ({format_duration(self.max)})"
            )
        return self


class Tone(Model):
    """Tone of voice (docs/grading-guide.md: write it down in the policy)."""

    address: AddressForm = Field(
        "any", description="Dutch form of address: informal `je`, formal `u`, or `any`."
    )
    sign_off: bool = Field(
        False, description="Every reply ends with a personal sign-off such as `^JD` or `-Jan`."
    )


class Private(Model):
    """Moving complaints out of the public domain (docs/grading-guide.md: take it private)."""

    move_within: Duration = Field(
        1800, description="Personal cases are invited to DM within this time."
    )
    max_public_replies: int = Field(
        2, ge=0, le=10, description="…and within this many public replies."
    )
    never_ask_publicly: list[PersonalData] = Field(
        default_factory=lambda: list(PERSONAL_DATA),
        description="Personal data never asked for in a public reply.",
    )


_HIDE_ALLOWED: tuple[HideReason, ...] = ("spam", "abuse", "personal_data")


class Hide(Model):
    """When hiding a post is allowed (docs/grading-guide.md: hiding complaints backfires)."""

    allowed_reasons: list[HideReason] = Field(
        default_factory=lambda: list(_HIDE_ALLOWED),
        description="Reasons for which hiding a post is allowed; anything else costs privacy points.",
    )


class EscalationRule(Model):
    """Posts that mention these words go to a team within a time."""

    name: str | None = Field(None, description="A label for the debrief, e.g. 'press enquiries'.")
    mentions: list[Annotated[str, Field(min_length=2)]] = Field(
        ..., min_length=1, description="Words or phrases (case-insensitive) that trigger the rule."
    )
    team: Team = Field(..., description="The team to escalate to.")
    within: Duration = Field(1800, description="Escalate within this time of the post.")


class HoldingStatement(Model):
    """The brand's own public post: we know, we're on it, next update at …"""

    required: bool = Field(True, description="A crisis needs a holding statement.")
    within: Duration = Field(
        1800, description="Posted within this time after the storm is declared."
    )
    declare_after: int = Field(
        5,
        ge=1,
        le=1000,
        description="The storm is declared when this many complaints on one topic reach the inbox.",
    )


class Monitoring(Model):
    """Posts that do not mention the brand reach the inbox only through these keywords (docs/scenario-format.md)."""

    keywords: list[Annotated[str, Field(min_length=2)]] = Field(
        default_factory=list, description="Product, service or campaign words the team monitors."
    )


class TeamCapacity(Model):
    """The webcare team on shift: how many people answer at once and how long a message takes them.

    The reference team plays with it, so "as good as a reference team" means as good as this many
    people could be. The defaults are a storm-day webcare desk: two seats, about 45 seconds to read a
    post and look the case up, and typing with thinking at some 200 characters a minute (0.3 s per
    character), so a 250-character reply takes about two minutes.
    """

    size: int = Field(2, ge=1, le=50, description="Seats: people answering at the same time.")
    read: Duration = Field(
        45, description="Reading a post and its thread and looking the case up, per message."
    )
    per_char: float = Field(
        0.3, ge=0, le=5, description="Seconds of typing (and thinking) per character written."
    )
    handling: Duration | None = Field(
        None,
        description="A fixed handling time per message instead of `read` + `per_char` × its length.",
    )
    action: Duration = Field(
        20, description="An escalation, a like or closing a case without a message."
    )

    def message_seconds(self, text: str) -> float:
        """How long one seat takes to read up on a case and write `text`."""
        if self.handling is not None:
            return float(self.handling)
        return float(self.read) + self.per_char * len(text)


class RubricSwitches(Model):
    """How the policy changes the reply rubric."""

    unrewarded: list[RubricReward] = Field(
        default_factory=list,
        description="Rewards switched off, e.g. [explanation] when the policy forbids speculating about causes: "
        "the reply is still judged, the reward scores 0.",
    )


class Approvals(Model):
    """What an agent sends only after the team lead approved it, in a team exercise (docs/teams.md).

    Played alone there is no lead, and nothing waits for approval.
    """

    holding_statement: bool = Field(
        False, description="The lead approves the holding statement before it goes out."
    )
    escalate: list[Team] = Field(
        default_factory=list,
        description="Escalations to these teams need the lead's approval, e.g. [legal, management].",
    )


class Policy(Model):
    """A team's webcare policy, its crisis section: what the scoring checks."""

    stormdrill: Literal[1] = Field(1, description="Format version.")
    name: str = Field("Webcare policy", min_length=1, description="Shown in the briefing.")
    response_times: ResponseTimes = Field(default_factory=ResponseTimes)
    tone: Tone = Field(default_factory=Tone)
    private: Private = Field(default_factory=Private)
    hide: Hide = Field(default_factory=Hide)
    escalate: list[EscalationRule] = Field(default_factory=list)
    holding_statement: HoldingStatement = Field(default_factory=HoldingStatement)
    forbidden: list[Annotated[str, Field(min_length=2)]] = Field(
        default_factory=list, description="Phrases never to use in a reply."
    )
    templates: dict[str, str] = Field(
        default_factory=dict,
        description="Named replies the trainee can insert and edit; slots: "
        + ", ".join("{" + s + "}" for s in TEMPLATE_SLOTS),
    )
    monitoring: Monitoring = Field(default_factory=Monitoring)
    team: TeamCapacity = Field(
        default_factory=TeamCapacity,
        description="The team on shift (seats, reading and typing time); a scenario's `team:` overrides it.",
    )
    critical: list[CriticalRule] = Field(
        default_factory=list,
        description="Rules whose breach weighs double in the reply rubric: forbidden (a forbidden phrase), "
        "private (personal data asked in public), address (the wrong form of address).",
    )
    rubric: RubricSwitches = Field(default_factory=RubricSwitches)
    approvals: Approvals = Field(
        default_factory=Approvals,
        description="In a team exercise: what waits for the team lead's approval.",
    )
    lexicon: dict[Language, dict[str, list[str]]] = Field(
        default_factory=dict,
        description="Extra phrases for the reply rubric, per language and category "
        "(e.g. en: {apology: ['our bad']}).",
    )

    @field_validator("templates")
    @classmethod
    def _known_slots(cls, templates: dict[str, str]) -> dict[str, str]:
        for name, text in templates.items():
            for slot in _SLOT.findall(text):
                if slot not in TEMPLATE_SLOTS:
                    from .suggest import did_you_mean

                    raise ValueError(
                        f"template '{name}' uses unknown slot {{{slot}}}{did_you_mean(slot, TEMPLATE_SLOTS)}; "
                        f"slots: {', '.join('{' + s + '}' for s in TEMPLATE_SLOTS)}"
                    )
        return templates


# --------------------------------------------------------------------------- scenario


class Brand(Model):
    name: str = Field(..., min_length=1, description="The brand's name, e.g. TelNet.")
    handle: str = Field(..., pattern=r"^@\w{1,30}$", description="Its social handle, e.g. @TelNet.")
    followers: int = Field(
        10000, ge=0, le=100_000_000, description="Followers of the brand account."
    )


class Network(Model):
    """The simulated follower network the storm spreads through."""

    size: int = Field(20000, ge=200, le=10_000_000, description="Accounts in the network.")
    model: NetworkModel = Field(
        "scale_free",
        description="scale_free: fast numpy generator for any size (power-law followers, "
        "reciprocity, communities); the others are networkx generators for up to 200,000 accounts.",
    )
    seed: int = Field(1, ge=0, description="The network's own seed: same seed, same network.")
    customers: Share = Field(
        0.3, description="Share of accounts that are the brand's customers (can pile on)."
    )
    mean_followers: int = Field(20, ge=2, le=200, description="Average followers per account.")

    @model_validator(mode="after")
    def _networkx_size(self) -> Network:
        if self.model != "scale_free" and self.size > 200_000:
            raise ValueError(
                f"model {self.model} is built with networkx, which is too slow beyond 200000 accounts; "
                "use model: scale_free for a network this size"
            )
        return self


class Persona(Model):
    """A named account that can post scripted messages or pick a story up."""

    id: str = Field(..., pattern=r"^[a-z0-9][a-z0-9_-]*$", description="Short id used in `by:`.")
    handle: str = Field(..., pattern=r"^@\w{1,30}$")
    name: str = Field(..., min_length=1)
    followers: int = Field(100, ge=0, le=100_000_000)
    temper: Temper = Field("constructive", description="constructive, vindictive or troll.")
    kind: PersonaKind = Field(
        "customer",
        description="customer, influencer, media or journalist (a press enquiry), politician, employee "
        "(the brand's own staff, posting in public) or competitor.",
    )
    bio: str = Field(
        "", max_length=300, description="The profile line the trainee sees with their posts."
    )


# Conditions on what the trainee did to one post or persona: they need a `post:` or `persona:`.
_SUBJECT_KEYS = ("replied", "replied_within", "ignored_for", "hid", "escalated_to", "moved_to_dm")


class Condition(Model):
    """A condition on the storm and on what the trainee did; every key given must hold."""

    post: str | None = Field(
        None, description="The scripted post (its `id`) the trainee's handling is checked on."
    )
    persona: str | None = Field(None, description="…or the persona (its `id`): any of their posts.")
    replied: bool | None = Field(
        None, description="The trainee answered it (in public or in a DM), or not."
    )
    replied_within: Duration | None = Field(
        None, description="The trainee answered it within this time."
    )
    ignored_for: Duration | None = Field(
        None, description="It has waited this long without any answer."
    )
    hid: bool | None = Field(None, description="The trainee hid it, or not.")
    escalated_to: Team | None = Field(None, description="The trainee escalated it to this team.")
    moved_to_dm: bool | None = Field(
        None, description="The trainee invited it to, or continued in, a DM."
    )
    said: Annotated[str, Field(min_length=2)] | None = Field(
        None,
        description="The trainee wrote this phrase (case-insensitive) to it; without a subject: anywhere.",
    )
    after: Duration | None = Field(None, description="Storm time: from this moment on.")
    before: Duration | None = Field(None, description="Storm time: until this moment.")
    reach_over: int | None = Field(
        None, ge=0, description="Negative reach of its topic above this."
    )
    no_holding_statement: bool | None = Field(
        None, description="Only if no holding statement was posted."
    )
    unanswered_over: int | None = Field(
        None, ge=0, description="More than this many complaints unanswered."
    )
    declared: bool | None = Field(
        None, description="The storm has been declared (true) or not yet (false)."
    )
    all_: list[Condition] | None = Field(None, alias="all", description="Every one of these holds.")
    any_: list[Condition] | None = Field(
        None, alias="any", description="At least one of these holds."
    )
    not_: Condition | None = Field(None, alias="not", description="This does not hold.")

    @model_validator(mode="after")
    def _subject_named(self) -> Condition:
        used = [key for key in _SUBJECT_KEYS if getattr(self, key) is not None]
        if used and self.post is None and self.persona is None:
            raise ValueError(
                f"{used[0]} is about one post or persona: add post: ID (a scripted post's id) "
                "or persona: ID"
            )
        if self.post is not None and self.persona is not None:
            raise ValueError("name either post: or persona:, not both")
        if not self.model_fields_set:
            raise ValueError("an empty condition; write one, e.g. {post: first, ignored_for: 20m}")
        return self

    def subjects(self) -> list[tuple[str, str]]:
        """The posts and personas this condition names, as ('post' | 'persona', id)."""
        found = [
            (kind, value)
            for kind, value in (("post", self.post), ("persona", self.persona))
            if value
        ]
        for child in [*(self.all_ or []), *(self.any_ or []), *([self.not_] if self.not_ else [])]:
            found += child.subjects()
        return found


def phrase_in(text: str, phrase: str) -> bool:
    """Does `text` say `phrase`? Case-insensitive, from the start of a word (`call` also finds `calls`);
    `a|b` accepts either."""
    lowered = text.lower()
    return any(
        re.search(r"(?<!\w)" + re.escape(option.strip().lower()), lowered)
        for option in phrase.split("|")
        if option.strip()
    )


Phrase = Annotated[str, Field(min_length=2, max_length=200)]


class Expectation(Model):
    """What good handling of one scripted post looks like: the reference team follows it, the scorecard
    checks every item of it against what the trainee did in that thread."""

    model_reply: str | None = Field(
        None,
        min_length=1,
        max_length=1000,
        description="A first reply a good team would send; slots: "
        + ", ".join("{" + s + "}" for s in TEMPLATE_SLOTS),
    )
    team: Team | None = Field(None, description="The thread is escalated to this team.")
    private: bool | None = Field(
        None,
        description="true: the conversation moves to a private channel; false: it is answered in public.",
    )
    must_mention: list[Phrase] = Field(
        default_factory=list,
        description="Each of these is said in one of the brand's messages in the thread; `call|phone` accepts either.",
    )
    must_not_say: list[Phrase] = Field(
        default_factory=list,
        description="None of the brand's messages in the thread says any of these.",
    )

    @model_validator(mode="after")
    def _model_reply_fits(self) -> Expectation:
        reply = self.model_reply
        if reply is None:
            return self
        for slot in _SLOT.findall(reply):
            if slot not in TEMPLATE_SLOTS:
                from .suggest import did_you_mean

                raise ValueError(
                    f"model_reply uses unknown slot {{{slot}}}{did_you_mean(slot, TEMPLATE_SLOTS)}; "
                    f"slots: {', '.join('{' + s + '}' for s in TEMPLATE_SLOTS)}"
                )
        for phrase in self.must_mention:
            if not phrase_in(reply, phrase):
                raise ValueError(
                    f"model_reply does not say '{phrase}', which must_mention asks of every reply"
                )
        for phrase in self.must_not_say:
            said = [
                option
                for option in phrase.split("|")
                if option.strip() and phrase_in(reply, option)
            ]
            if said:
                raise ValueError(
                    f"model_reply says '{said[0].strip()}', which must_not_say forbids ('{phrase}')"
                )
        return self


class ScriptedPost(Model):
    id: str | None = Field(
        None,
        pattern=r"^[a-z0-9][a-z0-9_-]*$",
        description="A name for this post, for `if: {post: ...}`.",
    )
    at: Duration = Field(..., description="When it is posted (or from when its `if` is checked).")
    by: str = Field(
        ..., description="The persona id who posts, or `brand`: a colleague's message to the desk."
    )
    name: str | None = Field(
        None,
        min_length=1,
        max_length=60,
        description="For `by: brand`: who writes it, e.g. 'Legal (Mara)'.",
    )
    channel: Channel = Field("twitter")
    topic: Topic | None = Field(
        None, description="A free word: a built-in pack or one defined under `topics:`."
    )
    anger: Share = Field(0.5, description="0 calm … 1 furious.")
    text: str = Field(..., min_length=1, max_length=2000)
    at_fault: bool = Field(
        True, description="Is the brand at fault? Then an apology or ownership is expected."
    )
    needs_data: bool = Field(False, description="Needs personal data (order, account): move to DM.")
    severity: Literal["low", "medium", "high"] = Field(
        "medium", description="High: compensation expected."
    )
    safety: bool = Field(
        False, description="Someone's safety is at stake: flagged, and escalated to `safety`."
    )
    rating: int | None = Field(None, ge=1, le=5, description="Stars, for a review.")
    condition: Condition | None = Field(None, alias="if", description="Post only when these hold.")
    expect: Expectation | None = Field(
        None,
        description="What good handling looks like: model reply, team, private, must_mention, must_not_say.",
    )

    @model_validator(mode="after")
    def _topic_given(self) -> ScriptedPost:
        if self.topic is None and self.by != "brand":
            raise ValueError(
                "'topic' is missing; add it (a built-in pack such as outage, or your own word)"
            )
        return self


_CHANNEL_SHARES: dict[Channel, float] = {
    "twitter": 0.6,
    "facebook": 0.25,
    "forum": 0.1,
    "review": 0.05,
}


class Generated(Model):
    """The exogenous stream of fresh complaints that makes a storm ignite (docs/architecture.md)."""

    topics: list[Topic] = Field(
        ...,
        min_length=1,
        description="Topics of the fresh complaints: built-in packs or topics under `topics:`.",
    )
    peak: Rate = Field(..., description="Fresh complaints per hour at the peak, e.g. 40/h.")
    peak_at: Duration = Field(2700, description="When the peak comes.")
    shape: StormShape = Field("surge")
    base: Rate | None = Field(None, description="Rate outside the peak; default peak/8.")
    waves: int = Field(3, ge=1, le=12, description="Number of waves for shape: wave.")
    channels: dict[Channel, Annotated[float, Field(ge=0)]] = Field(
        default_factory=lambda: dict(_CHANNEL_SHARES),
        description="Relative share of each channel.",
    )
    mention_share: Share = Field(
        0.75, description="Share of posts that mention the brand's handle."
    )
    at_fault: Share = Field(0.8, description="Share of complaints where the brand is at fault.")
    needs_data: Share = Field(0.4, description="Share of complaints that need personal data.")
    trolls: Share = Field(0.04, description="Share of posters who are trolls.")


class EscalationWhen(Model):
    ignored_for: Duration | None = Field(
        None, description="A complaint without any response for this long."
    )
    unresolved_contacts: int | None = Field(
        None, ge=1, description="A complainer who posted this often unresolved."
    )
    reach_over: int | None = Field(None, ge=1, description="A thread's negative reach above this.")
    hidden: bool | None = Field(None, description="A hidden post (discovered by its author).")

    @model_validator(mode="after")
    def _one_condition(self) -> EscalationWhen:
        if all(
            v is None
            for v in (self.ignored_for, self.unresolved_contacts, self.reach_over, self.hidden)
        ):
            raise ValueError(
                "needs a condition: ignored_for, unresolved_contacts, reach_over or hidden"
            )
        return self


class Escalation(Model):
    when: EscalationWhen | None = Field(
        None,
        description="A thread's state; without it, the rule fires on the post or persona its `if` names.",
    )
    condition: Condition | None = Field(None, alias="if", description="Fire only while these hold.")
    then: EscalationKind = Field(..., description="What happens.")
    by: str | None = Field(
        None, description="The persona who picks it up (press_pickup, influencer_pickup)."
    )

    @model_validator(mode="after")
    def _something_to_fire_on(self) -> Escalation:
        if self.when is None and (self.condition is None or not self.condition.subjects()):
            raise ValueError(
                "needs when: (e.g. {ignored_for: 45m}) or an if: that names a post or persona"
            )
        return self


class Spread(Model):
    """Spread parameters (docs/architecture.md, "The spread model"); the defaults are calibrated, change them with `calibrate`."""

    visibility: Share = Field(0.1, description="Share of followers who see a post.")
    reshare: Share = Field(0.01, description="Chance that someone who saw a complaint reshares it.")
    pile_on: Share = Field(
        0.1, description="Chance that a customer who saw a complaint posts their own."
    )
    response_heat: float = Field(
        1.0, ge=0, le=5, description="How strongly replies move heat (1 = default)."
    )


class Mix(Model):
    """What the generated posts are, as relative shares: a real inbox is not only complaints."""

    complaint: Annotated[float, Field(ge=0)] = Field(
        1.0, description="A complaint about one of the topics."
    )
    question: Annotated[float, Field(ge=0)] = Field(
        0.0, description="An ordinary question to the brand."
    )
    compliment: Annotated[float, Field(ge=0)] = Field(
        0.0, description="Praise (positive reach; thank it)."
    )
    off_topic: Annotated[float, Field(ge=0)] = Field(
        0.0, description="A mention that needs nothing from you."
    )
    rumour: Annotated[float, Field(ge=0)] = Field(
        0.0, description="A false claim that spreads like a complaint until corrected in public."
    )

    @model_validator(mode="after")
    def _something(self) -> Mix:
        if self.complaint + self.question + self.compliment + self.off_topic + self.rumour <= 0:
            raise ValueError("at least one share must be above 0")
        return self


class Storm(Model):
    scripted: list[ScriptedPost] = Field(default_factory=list)
    generated: Generated | None = None
    mix: Mix | None = Field(
        None, description="What the generated posts are; default: all complaints."
    )
    escalations: list[Escalation] = Field(default_factory=list)
    spread: Spread = Field(default_factory=Spread)


class Facts(Model):
    """What is known about the incident; a reply that claims more speculates (docs/scoring.md)."""

    cause_known: bool = Field(
        False, description="Is the cause known? If not, a reply that names one speculates."
    )
    cause: str | None = Field(None, min_length=3, description="The known cause, in a few words.")
    fix_expected: str | None = Field(
        None,
        description="When a fix is expected, e.g. 'around 10:00, not promised'; null: no fix time is known.",
    )
    compensation: str | None = Field(
        None,
        description="The compensation the policy allows, e.g. 'one day's subscription credit'; null: none.",
    )

    @model_validator(mode="after")
    def _cause_matches(self) -> Facts:
        if self.cause_known and not self.cause:
            raise ValueError("cause_known is true: say what the cause is in `cause`")
        if self.cause and not self.cause_known:
            raise ValueError(
                "a `cause` is given but cause_known is false; set cause_known: true or drop the cause"
            )
        return self


class Weights(Model):
    speed: Annotated[float, Field(ge=0)] = 25
    empathy: Annotated[float, Field(ge=0)] = 25
    privacy: Annotated[float, Field(ge=0)] = 15
    containment: Annotated[float, Field(ge=0)] = 25
    policy: Annotated[float, Field(ge=0)] = 10

    @model_validator(mode="after")
    def _something_counts(self) -> Weights:
        if self.speed + self.empathy + self.privacy + self.containment + self.policy <= 0:
            raise ValueError("at least one weight must be above 0")
        return self


class Scoring(Model):
    weights: Weights = Field(default_factory=Weights)


class Controls(Model):
    pause: bool = Field(True, description="May the trainee pause the clock?")
    max_speed: float | None = Field(
        None, gt=0, le=3600, description="Fastest clock allowed; default 4 × speed."
    )
    coaching: bool = Field(
        True,
        description="Show each reply's score and warn before risky sends? Switch off for an exam.",
    )


_TopicText = Annotated[str, Field(min_length=2, max_length=400)]
_TOPIC_SECTIONS = ("things", "complaints", "follow_ups", "pile_ons", "unmentioned", "headlines")


class TopicTexts(Model):
    """What people write about one topic in one language (slots: see docs/scenario-format.md)."""

    things: list[Annotated[str, Field(min_length=1, max_length=60)]] = Field(
        default_factory=list,
        description="What it is about (the {thing} slot), e.g. [groene bak, container].",
    )
    complaints: list[_TopicText] = Field(
        default_factory=list,
        description="A fresh complaint's core line (an opener and a closer are added).",
    )
    follow_ups: list[_TopicText] = Field(
        default_factory=list, description="An ignored complainer posts again."
    )
    pile_ons: list[_TopicText] = Field(
        default_factory=list, description="Someone who saw it: 'same here…'."
    )
    unmentioned: list[_TopicText] = Field(
        default_factory=list,
        description="A post that does not tag the brand (found only by monitoring).",
    )
    headlines: list[_TopicText] = Field(default_factory=list, description="What the press writes.")

    @model_validator(mode="after")
    def _known_slots(self) -> TopicTexts:
        from .suggest import did_you_mean

        for section in _TOPIC_SECTIONS:
            allowed = [s for s in TOPIC_SLOTS if not (section == "things" and s == "thing")]
            for text in getattr(self, section):
                for slot in _SLOT.findall(text):
                    if slot not in allowed:
                        raise ValueError(
                            f"{section}: unknown slot {{{slot}}}{did_you_mean(slot, allowed)}; "
                            f"slots: {', '.join('{' + s + '}' for s in allowed)}"
                        )
        return self


class TopicDef(Model):
    """A topic of the trainer's own: its texts per language, optionally on top of a built-in pack."""

    pack: Topic | None = Field(
        None, description="A built-in pack whose texts fill in what is not written here."
    )
    en: TopicTexts | None = None
    nl: TopicTexts | None = None


class Words(Model):
    """Words the generated posts use for this scenario."""

    customer: str | None = Field(
        None, min_length=1, max_length=30, description="customer, resident, passenger …"
    )
    customers: str | None = Field(
        None, min_length=1, max_length=30, description="Its plural, if not regular."
    )
    currency: Currency | None = Field(
        None, description="Prices in generated posts: EUR (the default), GBP, USD, …"
    )


class Scenario(Model):
    """A complaint storm to rehearse."""

    stormdrill: Literal[1] = Field(..., description="Format version: 1.")
    id: str = Field(
        ..., pattern=r"^[a-z0-9][a-z0-9-]{0,63}$", description="Short slug, e.g. telnet-outage."
    )
    title: str = Field(..., min_length=1, max_length=120)
    language: Language = Field("en", description="nl or en: texts, lexicons, names.")
    brand: Brand
    brief: str = Field("", description="The situation, as the trainee reads it before starting.")
    duration: Duration = Field(
        7200, description="How long the storm runs in simulated time (at most 24h)."
    )
    starts_at: Annotated[str, BeforeValidator(_clock_time)] = Field(
        "09:00",
        pattern=r"^([01]\d|2[0-3]):[0-5]\d$",
        description="Clock time at the start of the storm (HH:MM), shown on the console clock.",
    )
    speed: float = Field(60, gt=0, le=3600, description="Simulated seconds per real second.")
    controls: Controls = Field(default_factory=Controls)
    network: Network = Field(default_factory=Network)
    personas: list[Persona] = Field(default_factory=list)
    topics: dict[Topic, TopicDef] = Field(
        default_factory=dict,
        description="The scenario's own topics: texts per language, or a pack to start from.",
    )
    words: Words = Field(default_factory=Words)
    storm: Storm = Field(default_factory=Storm)
    policy: Policy | str | None = Field(
        None,
        description="A policy file (path relative to this file, inside its folder tree) or the policy inline.",
    )
    team: TeamCapacity | None = Field(
        None, description="The team on shift for this exercise; default: the policy's `team:`."
    )
    facts: Facts | None = Field(
        None, description="What is known: cause, expected fix, allowed compensation."
    )
    scoring: Scoring = Field(default_factory=Scoring)
    debrief: str = Field("", description="What good looked like; shown after the storm.")

    @property
    def max_speed(self) -> float:
        return self.controls.max_speed or self.speed * 4

    def clock(self, t: float) -> str:
        """The wall-clock time (HH:MM) at simulated second t."""
        hours, minutes = map(int, self.starts_at.split(":"))
        total = (hours * 60 + minutes + int(t // 60)) % (24 * 60)
        return f"{total // 60:02d}:{total % 60:02d}"

    def persona(self, persona_id: str) -> Persona:
        for persona in self.personas:
            if persona.id == persona_id:
                return persona
        raise KeyError(persona_id)

    def scripted_post(self, handle: str, text: str) -> ScriptedPost | None:
        """The scripted post that a thread opened by `handle` with `text` came from (None: not scripted)."""
        handles = {p.id: p.handle for p in self.personas}
        for post in self.storm.scripted:
            if post.text == text and handles.get(post.by) == handle:
                return post
        return None

    @property
    def team_capacity(self) -> TeamCapacity:
        """The team on shift: the scenario's `team:`, else the policy's."""
        return self.team or self.resolved_policy.team

    @property
    def resolved_policy(self) -> Policy:
        """The policy in force: the loader replaces a path by the policy it names."""
        if isinstance(self.policy, Policy):
            return self.policy
        if self.policy is None:
            return Policy()
        raise ValueError(
            f"policy '{self.policy}' was not loaded; load scenarios with scenarios.load_scenario"
        )
