"""The words the scenario format accepts: topics, channels, tempers, escalations, teams.

Kept here, below the engine, so that validating a file never needs the engine;
the simulator's text banks are tested to cover every topic in both languages.
"""

LANGUAGES = ("en", "nl")

# Complaint topics the generated storm can talk about (simulator/texts/*.yaml).
TOPICS = (
    "outage",  # service down: internet, app, payments
    "billing",  # wrong invoice, double charge
    "delay",  # late flight, train, parcel
    "baggage",  # lost or damaged luggage
    "refund",  # money not returned
    "repair",  # repair taking forever or done badly
    "delivery",  # order not delivered
    "quality",  # product broke
    "claim",  # insurance claim refused or stalled
    "service",  # rude or absent staff, hold queues
)

# twitter: fast, public; facebook: the brand's own page (posts can be hidden);
# forum: complaint site or forum, slow and persistent; review: star rating.
CHANNELS = ("twitter", "facebook", "forum", "review")
HIDEABLE_CHANNELS = ("twitter", "facebook")

TEMPERS = ("constructive", "vindictive", "troll")
PERSONA_KINDS = ("customer", "influencer", "media")

ESCALATIONS = (
    "complaint_site",  # an ignored complainer takes it to a complaint site, a collective forms
    "paid_ad",  # repeatedly unresolved: the complainer pays to promote the complaint
    "press_pickup",  # a journalist writes about it
    "influencer_pickup",  # a big account shares it
    "censorship_wave",  # a hidden complaint is discovered: "they are deleting our posts"
)

TEAMS = ("pr", "legal", "tech", "management", "billing", "operations")

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

# Rewards of the reply rubric a policy can switch off (`rubric: {off: [...]}`).
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
