"""The scenario and policy formats (DESIGN §5) as typed models.

Every optional field has a default, so a ten-line scenario is valid. Durations
are held as seconds and written back in their canonical spelling (`1h30m`).
Descriptions feed `python run.py schema` and docs/scenario-format.md.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

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
    ADDRESS_FORMS,
    CHANNELS,
    ESCALATIONS,
    HIDE_REASONS,
    LANGUAGES,
    NETWORK_MODELS,
    PERSONA_KINDS,
    PERSONAL_DATA,
    STORM_SHAPES,
    TEAMS,
    TEMPERS,
    TEMPLATE_SLOTS,
    TOPICS,
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
# The words themselves live in vocabulary.py; the models only type-check against them.
Language = Literal[LANGUAGES]
Topic = Literal[TOPICS]
Channel = Literal[CHANNELS]
Temper = Literal[TEMPERS]
PersonaKind = Literal[PERSONA_KINDS]
EscalationKind = Literal[ESCALATIONS]
Team = Literal[TEAMS]
HideReason = Literal[HIDE_REASONS]
PersonalData = Literal[PERSONAL_DATA]

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
    """How fast the team answers in a crisis (seed 000: good teams within the hour, all within 4 hours)."""

    target: Duration = Field(900, description="Full marks for a first response within this time.")
    norm: Duration = Field(3600, description="Half marks at this time: the norm a good team meets.")
    max: Duration = Field(14400, description="Zero marks from this time on: the outer norm.")
    acknowledge_if_busy: bool = Field(
        True, description="An acknowledgement ('we're on it, back to you by 10:00') counts as a response."
    )

    @model_validator(mode="after")
    def _ordered(self) -> ResponseTimes:
        if not self.target <= self.norm <= self.max:
            raise ValueError(
                f"response times must grow: target ({format_duration(self.target)}) <= "
                f"norm ({format_duration(self.norm)}) <= max ({format_duration(self.max)})"
            )
        return self


class Tone(Model):
    """Tone of voice (seed 003: write it down in the policy)."""

    address: Literal[ADDRESS_FORMS] = Field(
        "any", description="Dutch form of address: informal `je`, formal `u`, or `any`."
    )
    sign_off: bool = Field(
        False, description="Every reply ends with a personal sign-off such as `^JD` or `-Jan`."
    )


class Private(Model):
    """Moving complaints out of the public domain (seed 004)."""

    move_within: Duration = Field(1800, description="Personal cases are invited to DM within this time.")
    max_public_replies: int = Field(2, ge=0, le=10, description="…and within this many public replies.")
    never_ask_publicly: list[PersonalData] = Field(
        default_factory=lambda: ["order_number", "customer_number", "booking_reference", "policy_number",
                                 "address", "phone", "email", "iban", "date_of_birth", "password"],
        description="Personal data never asked for in a public reply.",
    )  # fmt: skip


class Hide(Model):
    """When hiding a post is allowed (seed 000: hiding complaints backfires)."""

    allowed_reasons: list[HideReason] = Field(
        default_factory=lambda: ["spam", "abuse", "personal_data"],
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
    within: Duration = Field(1800, description="Posted within this time after the storm is declared.")
    declare_after: int = Field(
        5, ge=1, le=1000, description="The storm is declared when this many complaints on one topic reach the inbox."
    )


class Monitoring(Model):
    """Posts that do not mention the brand reach the inbox only through these keywords (seed 003)."""

    keywords: list[Annotated[str, Field(min_length=2)]] = Field(
        default_factory=list, description="Product, service or campaign words the team monitors."
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
        description="Named replies the trainee can insert and edit; slots: " + ", ".join(
            "{" + s + "}" for s in TEMPLATE_SLOTS),
    )  # fmt: skip
    monitoring: Monitoring = Field(default_factory=Monitoring)
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
    followers: int = Field(10000, ge=0, le=100_000_000, description="Followers of the brand account.")


class Network(Model):
    """The simulated follower network the storm spreads through."""

    size: int = Field(20000, ge=200, le=10_000_000, description="Accounts in the network.")
    model: Literal[NETWORK_MODELS] = Field(
        "scale_free",
        description="scale_free: fast numpy generator for any size (power-law followers, "
        "reciprocity, communities); the others are networkx generators for up to 200,000 accounts.",
    )
    seed: int = Field(1, ge=0, description="The network's own seed: same seed, same network.")
    customers: Share = Field(0.3, description="Share of accounts that are the brand's customers (can pile on).")
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
    kind: PersonaKind = Field("customer", description="customer, influencer or media.")


class Condition(Model):
    """A scripted post waits (from its `at`) until every condition holds."""

    reach_over: int | None = Field(None, ge=0, description="Negative reach of its topic above this.")
    no_holding_statement: bool | None = Field(None, description="Only if no holding statement was posted.")
    unanswered_over: int | None = Field(None, ge=0, description="More than this many complaints unanswered.")


class ScriptedPost(Model):
    at: Duration = Field(..., description="When it is posted (or from when its `if` is checked).")
    by: str = Field(..., description="The persona id who posts.")
    channel: Channel = Field("twitter")
    topic: Topic = Field(...)
    anger: Share = Field(0.5, description="0 calm … 1 furious.")
    text: str = Field(..., min_length=1, max_length=2000)
    at_fault: bool = Field(True, description="Is the brand at fault? Then an apology or ownership is expected.")
    needs_data: bool = Field(False, description="Needs personal data (order, account): move to DM.")
    severity: Literal["low", "medium", "high"] = Field("medium", description="High: compensation expected.")
    rating: int | None = Field(None, ge=1, le=5, description="Stars, for a review.")
    condition: Condition | None = Field(None, alias="if", description="Post only when these hold.")


class Generated(Model):
    """The exogenous stream of fresh complaints that makes a storm ignite (DESIGN §3)."""

    topics: list[Topic] = Field(..., min_length=1)
    peak: Rate = Field(..., description="Fresh complaints per hour at the peak, e.g. 40/h.")
    peak_at: Duration = Field(2700, description="When the peak comes.")
    shape: Literal[STORM_SHAPES] = Field("surge")
    base: Rate | None = Field(None, description="Rate outside the peak; default peak/8.")
    waves: int = Field(3, ge=1, le=12, description="Number of waves for shape: wave.")
    channels: dict[Channel, Annotated[float, Field(ge=0)]] = Field(
        default_factory=lambda: {"twitter": 0.6, "facebook": 0.25, "forum": 0.1, "review": 0.05},
        description="Relative share of each channel.",
    )
    mention_share: Share = Field(0.75, description="Share of posts that mention the brand's handle.")
    at_fault: Share = Field(0.8, description="Share of complaints where the brand is at fault.")
    needs_data: Share = Field(0.4, description="Share of complaints that need personal data.")
    trolls: Share = Field(0.04, description="Share of posters who are trolls.")


class EscalationWhen(Model):
    ignored_for: Duration | None = Field(None, description="A complaint without any response for this long.")
    unresolved_contacts: int | None = Field(None, ge=1, description="A complainer who posted this often unresolved.")
    reach_over: int | None = Field(None, ge=1, description="A thread's negative reach above this.")
    hidden: bool | None = Field(None, description="A hidden post (discovered by its author).")

    @model_validator(mode="after")
    def _one_condition(self) -> EscalationWhen:
        if all(v is None for v in (self.ignored_for, self.unresolved_contacts, self.reach_over, self.hidden)):
            raise ValueError("needs a condition: ignored_for, unresolved_contacts, reach_over or hidden")
        return self


class Escalation(Model):
    when: EscalationWhen
    then: EscalationKind = Field(..., description="What happens.")
    by: str | None = Field(None, description="The persona who picks it up (press_pickup, influencer_pickup).")


class Spread(Model):
    """Spread parameters (DESIGN §3); the defaults are calibrated, change them with `calibrate`."""

    visibility: Share = Field(0.1, description="Share of followers who see a post.")
    reshare: Share = Field(0.01, description="Chance that someone who saw a complaint reshares it.")
    pile_on: Share = Field(0.1, description="Chance that a customer who saw a complaint posts their own.")
    response_heat: float = Field(1.0, ge=0, le=5, description="How strongly replies move heat (1 = default).")


class Storm(Model):
    scripted: list[ScriptedPost] = Field(default_factory=list)
    generated: Generated | None = None
    escalations: list[Escalation] = Field(default_factory=list)
    spread: Spread = Field(default_factory=Spread)


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
    max_speed: float | None = Field(None, gt=0, le=3600, description="Fastest clock allowed; default 4 × speed.")


class Scenario(Model):
    """A complaint storm to rehearse."""

    stormdrill: Literal[1] = Field(..., description="Format version: 1.")
    id: str = Field(..., pattern=r"^[a-z0-9][a-z0-9-]{0,63}$", description="Short slug, e.g. telnet-outage.")
    title: str = Field(..., min_length=1, max_length=120)
    language: Language = Field("en", description="nl or en: texts, lexicons, names.")
    brand: Brand
    brief: str = Field("", description="The situation, as the trainee reads it before starting.")
    duration: Duration = Field(7200, description="How long the storm runs in simulated time (at most 24h).")
    starts_at: Annotated[str, BeforeValidator(_clock_time)] = Field(
        "09:00", pattern=r"^([01]\d|2[0-3]):[0-5]\d$",
        description="Clock time at the start of the storm (HH:MM), shown on the console clock.")  # fmt: skip
    speed: float = Field(60, gt=0, le=3600, description="Simulated seconds per real second.")
    controls: Controls = Field(default_factory=Controls)
    network: Network = Field(default_factory=Network)
    personas: list[Persona] = Field(default_factory=list)
    storm: Storm = Field(default_factory=Storm)
    policy: Policy | str | None = Field(
        None, description="A policy file (path relative to this file, inside its folder tree) or the policy inline."
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

    @property
    def resolved_policy(self) -> Policy:
        """The policy in force: the loader replaces a path by the policy it names."""
        if isinstance(self.policy, Policy):
            return self.policy
        if self.policy is None:
            return Policy()
        raise ValueError(f"policy '{self.policy}' was not loaded; load scenarios with scenarios.load_scenario")
