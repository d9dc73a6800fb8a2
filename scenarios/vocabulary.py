"""The words the scenario format accepts: topics, channels, tempers, escalations, teams.

Kept here, below the engine, so that validating a file never needs the engine;
the simulator's text banks are tested to cover every topic in both languages.

A closed list is written once, as a `Literal` type (what mypy and the models check against), and
its tuple of words is read from that type (what the loader, the console and the errors list).
"""

from typing import Literal, get_args

Language = Literal["en", "nl"]
LANGUAGES: tuple[Language, ...] = get_args(Language)

# A scenario's `topic` is a free word (`afval`, `recall`, ...). These are the built-in topic
# packs (simulator/texts/*.yaml): a topic with a pack's name talks like that pack unless the
# scenario writes its own texts under `topics:`.
TOPICS = (
    "outage",  # telecom: service down: internet, app, payments
    "billing",  # energy, telecom: wrong invoice, double charge
    "delay",  # transport: late flight
    "baggage",  # transport: lost or damaged luggage
    "refund",  # retail: money not returned
    "repair",  # retail: repair taking forever or done badly
    "delivery",  # retail: order not delivered
    "quality",  # retail: product broke
    "claim",  # insurance: claim refused or stalled
    "service",  # banking and any trade: rude or absent staff, hold queues
    "recall",  # food safety: a product taken off the shelves
    "power_cut",  # energy: no electricity or gas
    "price_rise",  # energy, telecom: a tariff goes up
    "cancellation",  # transport: trains cancelled
    "fraud",  # banking: phishing, blocked accounts, money gone
    "data_breach",  # any trade: customer data leaked
    "waste",  # public sector: bins not collected
    "benefits",  # public sector: allowances paid late
    "exams",  # education: results late or wrong, the school's app down
    "appointment",  # healthcare: appointments cancelled, waiting lists
    "tickets",  # events: ticket sale crashed, event cancelled
)
TOPIC_PATTERN = r"^[a-z][a-z0-9_-]{0,39}$"  # a topic word: lowercase letters, digits, _ and -

# Currencies generated posts can name prices in (`words: {currency: GBP}`), with their sign.
Currency = Literal["EUR", "GBP", "USD", "CHF", "DKK", "SEK", "NOK"]
CURRENCIES: dict[Currency, str] = {
    "EUR": "€",
    "GBP": "£",
    "USD": "$",
    "CHF": "CHF ",
    "DKK": "kr ",
    "SEK": "kr ",
    "NOK": "kr ",
}
DEFAULT_CURRENCY: dict[Language, Currency] = {"en": "EUR", "nl": "EUR"}

# twitter: fast, public; facebook: the brand's own page (posts can be hidden);
# forum: complaint site or forum, slow and persistent; review: star rating.
Channel = Literal["twitter", "facebook", "forum", "review"]
CHANNELS: tuple[Channel, ...] = get_args(Channel)
HIDEABLE_CHANNELS: tuple[Channel, ...] = ("twitter", "facebook")

Temper = Literal["constructive", "vindictive", "troll"]
TEMPERS: tuple[Temper, ...] = get_args(Temper)
# media and journalist are the same kind: a post that always reaches the inbox and is a press enquiry.
PersonaKind = Literal[
    "customer",
    "influencer",
    "media",
    "journalist",
    "politician",
    "employee",
    "competitor",
]
PERSONA_KINDS: tuple[PersonaKind, ...] = get_args(PersonaKind)
PRESS_KINDS: tuple[PersonaKind, ...] = ("media", "journalist")

EscalationKind = Literal[
    "complaint_site",  # an ignored complainer takes it to a complaint site, a collective forms
    "paid_ad",  # repeatedly unresolved: the complainer pays to promote the complaint
    "press_pickup",  # a journalist writes about it
    "influencer_pickup",  # a big account shares it
    "censorship_wave",  # a hidden complaint is discovered: "they are deleting our posts"
]
ESCALATIONS: tuple[EscalationKind, ...] = get_args(EscalationKind)

Team = Literal["pr", "legal", "tech", "management", "billing", "operations", "safety"]
TEAMS: tuple[Team, ...] = get_args(Team)

# What a fresh post of the storm can be besides a complaint (`storm.mix`): triage between them is the skill.
MixKind = Literal["complaint", "question", "compliment", "off_topic", "rumour"]
MIX_KINDS: tuple[MixKind, ...] = get_args(MixKind)

HideReason = Literal["spam", "abuse", "personal_data", "off_topic", "other"]
HIDE_REASONS: tuple[HideReason, ...] = get_args(HideReason)

NetworkModel = Literal["scale_free", "barabasi_albert", "small_world", "random"]
NETWORK_MODELS: tuple[NetworkModel, ...] = get_args(NetworkModel)

StormShape = Literal["constant", "surge", "wave"]
STORM_SHAPES: tuple[StormShape, ...] = get_args(StormShape)

AddressForm = Literal["je", "u", "any"]
ADDRESS_FORMS: tuple[AddressForm, ...] = get_args(AddressForm)

# Personal data a webcare employee must never ask for in a public reply.
PersonalData = Literal[
    "order_number",
    "customer_number",
    "booking_reference",
    "policy_number",
    "address",
    "phone",
    "email",
    "iban",
    "date_of_birth",
    "password",
]
PERSONAL_DATA: tuple[PersonalData, ...] = get_args(PersonalData)

# Policy rules a policy can mark `critical:` (a breach weighs double in the reply rubric).
CriticalRule = Literal["forbidden", "private", "address"]
CRITICAL_RULES: tuple[CriticalRule, ...] = get_args(CriticalRule)

# Rewards of the reply rubric a policy can switch off (`rubric: {unrewarded: [...]}`).
RubricReward = Literal[
    "acknowledge",
    "apology",
    "ownership",
    "solution",
    "explanation",
    "private_channel",
    "personal",
    "human_voice",
]
RUBRIC_REWARDS: tuple[RubricReward, ...] = get_args(RubricReward)

# Slots a policy template may use, filled in by the console.
TEMPLATE_SLOTS = ("first_name", "name", "handle", "brand", "agent", "topic")

# Slots a scenario's own topic texts may use (`topics:`), filled in by the storm.
TOPIC_SLOTS = (
    "brand",
    "handle",
    "thing",
    "place",
    "since",
    "waited",
    "amount",
    "number",
    "days",
    "customer",
    "customers",
)
