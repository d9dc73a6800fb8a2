"""The words the scenario format accepts: topics, channels, tempers, escalations, teams.

Kept here, below the engine, so that validating a file never needs the engine;
the simulator's text banks are tested to cover every topic in both languages.
"""

LANGUAGES = ("en", "nl")

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
CURRENCIES = {
    "EUR": "€",
    "GBP": "£",
    "USD": "$",
    "CHF": "CHF ",
    "DKK": "kr ",
    "SEK": "kr ",
    "NOK": "kr ",
}
DEFAULT_CURRENCY = {"en": "EUR", "nl": "EUR"}

# twitter: fast, public; facebook: the brand's own page (posts can be hidden);
# forum: complaint site or forum, slow and persistent; review: star rating.
CHANNELS = ("twitter", "facebook", "forum", "review")
HIDEABLE_CHANNELS = ("twitter", "facebook")

TEMPERS = ("constructive", "vindictive", "troll")
# media and journalist are the same kind: a post that always reaches the inbox and is a press enquiry.
PERSONA_KINDS = (
    "customer",
    "influencer",
    "media",
    "journalist",
    "politician",
    "employee",
    "competitor",
)
PRESS_KINDS = ("media", "journalist")

ESCALATIONS = (
    "complaint_site",  # an ignored complainer takes it to a complaint site, a collective forms
    "paid_ad",  # repeatedly unresolved: the complainer pays to promote the complaint
    "press_pickup",  # a journalist writes about it
    "influencer_pickup",  # a big account shares it
    "censorship_wave",  # a hidden complaint is discovered: "they are deleting our posts"
)

TEAMS = ("pr", "legal", "tech", "management", "billing", "operations", "safety")

# What a fresh post of the storm can be besides a complaint (`storm.mix`): triage between them is the skill.
MIX_KINDS = ("complaint", "question", "compliment", "off_topic", "rumour")

HIDE_REASONS = ("spam", "abuse", "personal_data", "off_topic", "other")

NETWORK_MODELS = ("scale_free", "barabasi_albert", "small_world", "random")

STORM_SHAPES = ("constant", "surge", "wave")

ADDRESS_FORMS = ("je", "u", "any")

# Personal data a webcare employee must never ask for in a public reply.
PERSONAL_DATA = (
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
)

# Policy rules a policy can mark `critical:` (a breach weighs double in the reply rubric).
CRITICAL_RULES = ("forbidden", "private", "address")

# Rewards of the reply rubric a policy can switch off (`rubric: {unrewarded: [...]}`).
RUBRIC_REWARDS = (
    "acknowledge",
    "apology",
    "ownership",
    "solution",
    "explanation",
    "private_channel",
    "personal",
    "human_voice",
)

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
