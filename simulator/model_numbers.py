"""The behaviour model's named numbers, each with where it comes from.

The spread engine (spread.py, session.py) reads these; docs/trainers.md
explains which `calibrate` figure each one moves. "Calibrated" means: chosen
so that `stormdrill calibrate` meets the targets in docs/trainers.md on the
library scenarios and on a single post, measured with the engine as it is.
"""

from __future__ import annotations

# --- Who reshares: activity and audience go together --------------------------------------------
# Accounts that share a lot gather followers (the activity-popularity correlation of Cha et al.
# 2010, "Measuring user influence in Twitter"), so a viewer's reshare propensity grows with their
# follower count as (followers / mean)^ACTIVITY_EXPONENT, normalised to mean 1 over the network.
# This is what gives single-post cascades their heavy tail: a reshare by a well-followed account
# reaches many people who are themselves likelier to reshare (Goel et al. 2016, "The structural
# virality of online diffusion": big cascades are rare and ride on big accounts). Calibrated.
ACTIVITY_EXPONENT = 1.2
ACTIVITY_CAP = 200.0  # no account reshares more than this many times the average (calibrated)

# --- Appeal: some posts are simply more shareable -------------------------------------------------
# A post's appeal multiplies its reshare chance; lognormal with mean 1 (Cheng et al. 2014, "Can
# cascades be predicted?": content explains much of a cascade's size). Drawn per thread from its
# key. Calibrated: sigma 1 keeps >= 95% of posts unshared and lets the top 1% travel.
APPEAL_SIGMA = 1.5

# --- Novelty: news gets old -----------------------------------------------------------------------
# Whether someone still passes a post on decays with its age: Wu and Huberman 2007 ("Novelty and
# collective attention", PNAS) measured the novelty of a story halving in about an hour. Applied to
# reshares (the post's age when the reshare falls due); it keeps big cascades broad and quick, as
# Goel et al. 2016 found them, rather than long chains. Seconds.
NOVELTY_HALF_LIFE = 3600.0

# --- Pile-ons: "me too" ---------------------------------------------------------------------------
# A customer who sees a complaint about something that affects them right now posts their own.
# The chance follows the storm's attention: the declared shape's rate at that moment relative to
# its peak (the outage storm in the webcare articles summarised in docs/grading-guide.md: people who are
# affected look for others with the same problem, and join in while it is happening), raised to ATTENTION_POWER: the viewer must be
# affected right now, be looking right now, and not have posted yet, and all three follow the
# storm. Calibrated: with 3, the curve of a storm that mostly spreads through the network has the
# declared shape (calibrate: shape_match).
ATTENTION_POWER = 3.0
# A lone post (no generated storm) has no storm to follow: whoever sees it and has the same
# problem may say so, and QUIET_ATTENTION of the usual BRAND_PAGE_CUSTOMERS look at the brand's
# page: a storm's default base rate against its peak (storm.generated.base defaults to peak / 8).
QUIET_ATTENTION = 0.125
# A problem prompts only so many: for each customer who complains about a topic on their own, at
# most PILE_POOL more are prompted by seeing others (the affected are a finite group). In the library
# storms the network brings 1.3-1.8 voices per own one, so this rarely binds there; it keeps a storm
# with a long peak from running away (calibrated on 6-hour generated storms). PILE_HEAT and PILE_POOL
# guard storms; a lone post (no generated storm) has neither: its pile-ons are part of its cascade.
PILE_POOL = 4.0
# "Me too" is quick: lognormal delays with median PILE_DELAY_MEDIAN seconds and spread
# PILE_DELAY_SIGMA, far quicker than a reshare (calibrated with NETWORK_LAG below).
# The heat a pile-on's chance follows tops out here (heat runs 0.5 for a calm new complaint to
# HEAT_CAP = 3 for a furious, ignored one): pile-ons per complaint then stay below one, so a storm
# left alone for hours stays a storm instead of running away. Calibrated on 6-hour storms.
PILE_HEAT = 1.5
PILE_DELAY_MEDIAN = 300.0
PILE_DELAY_SIGMA = 0.8
# The network takes time: a pile-on comes minutes after the post that set it off, and pile-ons set
# off more. A storm's declared peak_at is when the inbox peaks, so the fresh complaints and the
# attention that drive it peak this many seconds earlier. Calibrated on the library (calibrate:
# peak_at_min against the declared peak_at).
NETWORK_LAG = 360
# Where they see it: a complaint that mentions the brand or sits on its Facebook page is seen by
# some of the brand's own followers, who go there to find out whether it's just them (the webcare
# articles, docs/grading-guide.md: a complainer is never alone, they look for others). They may post their own;
# they don't reshare it. How many of the brand's customers among its followers read each such
# complaint there (other followers read it too, in proportion); calibrated so that about half of a
# library storm's complaints come through the network (calibrate: network_share).
BRAND_PAGE_CUSTOMERS = 19

# --- Reposts by an ignored author -----------------------------------------------------------------
# A customer nobody answers posts again with a hazard that grows with how long they have waited
# since their last post and with how angry they are (the webcare articles in docs/grading-guide.md: an
# ignored complainer comes back louder; an hour is the everyday norm for an answer). Weibull in the time since their last
# post, shape REPOST_SHAPE, scale = norm * REPOST_SCALE / (REPOST_ANGER_BASE + anger): a calm
# customer's next post comes after about 1.3x the norm on average, a furious one's after 0.9x; each
# repost raises anger, so the next comes sooner. Calibrated against the old fixed schedule (a
# repost every 0.7-1.3x the norm).
REPOST_SHAPE = 2.0  # > 1: the hazard grows with waiting
REPOST_SCALE = 1.5
REPOST_ANGER_BASE = 0.5
REPOST_ANGER_UP = 0.15  # each repost: anger + this
# A repost is a reply in one's own thread: fewer followers see it than the first post. Calibrated
# so that reshares of reposts don't outnumber those of the post (Kwak et al. 2010: about half of a
# post's retweets come within its first hour).
REPOST_REACH = 0.05

# --- The single-post experiment (calibrate, tests) ------------------------------------------------
# One complaint that mentions the brand, by a random customer, nobody answering, watched for this
# long. Kwak et al. 2010 ("What is Twitter, a social network or a news media?"): about half of
# retweets come within the hour, three quarters within a day; SEISMIC (Zhao et al. 2015): the
# reaction kernel is flat for ~5 minutes, then a power law. Observed over 6 hours, as a storm is.
SINGLE_POST_HOURS = 6.0

# --- How actions and neglect move heat --------------------------------------------------------------
# Each number is a lever a trainer can explain. "The webcare articles" below are the Dutch articles
# summarised in docs/grading-guide.md ("Why webcare is graded this strictly"); "set by hand" means a
# modelling choice that keeps the storm's reactions in the order the articles describe, checked by
# `calibrate` and the reference-team tests (docs/trainers.md), not a measured figure.
# An unanswered complaint heats up to 1 + IGNORED_GROWTH times between the policy's target and its
# norm (the webcare articles: speed is part of the answer; an ignored complainer comes back louder).
IGNORED_GROWTH = 0.8
# heat x exp(-REPLY_COOLING q) for a reply of quality q in [-1, 1] (set by hand)
REPLY_COOLING = 1.2
# Moving the conversation private halves the public thread's heat (the webcare articles: take a
# personal case out of the public domain quickly).
DM_COOLING = 0.5
RESOLVED_COOLING = 0.2  # a satisfied customer's thread keeps a fifth of its heat (set by hand)
# A holding statement cools its topic, and fewer people start a fresh complaint about it or join in
# (the webcare articles: if you are busy, at least say you have seen it). Set by hand.
TOPIC_STATEMENT_HEAT = 0.75
TOPIC_STATEMENT_FRESH = 0.65
TOPIC_STATEMENT_PILE = 0.6
MAX_CONTACTS = 5  # an ignored complainer gives up after this many posts (set by hand)
# A reply the crowd has seen word for word under other complaints heats its thread (docs/scoring.md,
# "Gaming": a pasted reply is noticed). Set by hand.
COPY_PASTE_HEAT = 1.3
# Share of pile-ons on a personal-case topic that are a personal case themselves (set by hand).
PILE_ON_PERSONAL = 0.4
# By temper: the chance that an escalation rule's trigger really sets the author off, that the author
# of a hidden post finds out (the webcare articles: hiding protects nothing, the author and their
# friends still see it), and that a satisfied customer thanks the brand in public (the webcare
# articles: a helped customer becomes an ambassador). Set by hand.
ESCALATION_CHANCE = {"constructive": 0.35, "vindictive": 0.9, "troll": 0.1}
DISCOVERY_CHANCE = {"constructive": 0.75, "vindictive": 0.95, "troll": 0.5}
THANKS_CHANCE = {"constructive": 0.5, "vindictive": 0.2, "troll": 0.0}
# The brand's review stars before the storm, and how many reviews they average (the webcare
# articles: most people read reviews, a quarter decide a purchase on them). Set by hand.
BASELINE_RATING = (4.2, 150)
# A paid ad (the webcare articles: a customer after several contacts without a solution may pay for
# an ad) reaches this share of the network over an hour. Set by hand.
AD_AUDIENCE_SHARE = 0.04
# The rest of a real inbox (storm.mix): what each kind of post is in the thread table, and how it
# behaves: kind -> (thread kind, text bank, anger, heat multiplier). Set by hand (the webcare
# articles: webcare is questions, complaints, compliments and factual errors alike).
MIX_POSTS = {
    "question": ("question", "questions", 0.2, 0.3),
    "compliment": ("praise", "compliments", 0.0, 1.0),
    "off_topic": ("off_topic", "off_topic", 0.1, 0.3),
    "rumour": ("rumour", "rumours", 0.7, 1.2),
}
# a rumour corrected in public travels on at this share of its heat (by hand)
RUMOUR_CORRECTED = 0.15

# --- Who posts -------------------------------------------------------------------------------------
# A person drawn from the seed is vindictive rather than constructive with this chance, and their
# case is of low severity below LOW_SEVERITY_BELOW, high above HIGH_SEVERITY_ABOVE of a uniform
# draw (set by hand: most complaints are everyday ones; the webcare articles' escalation pattern
# comes from the few who keep going).
VINDICTIVE_SHARE = 0.3
LOW_SEVERITY_BELOW = 0.3
HIGH_SEVERITY_ABOVE = 0.85
PICK_CUSTOMER_TRIES = 64  # draws to find a customer who has not complained about the topic yet
# A fresh complaint: anger FRESH_ANGER + FRESH_ANGER_SPREAD x uniform; a troll's is TROLL_ANGER.
# Of fresh complaints, 3% name the press, 2% more a lawyer, 2% more an injury (on topics where
# someone can get hurt): thresholds on one uniform draw. A review's stars fall with anger:
# FRESH_REVIEW_STARS - FRESH_REVIEW_ANGER x anger (a scripted review: SCRIPTED_...). Set by hand.
FRESH_ANGER = 0.2
FRESH_ANGER_SPREAD = 0.7
TROLL_ANGER = 0.85
PRESS_LINE_BELOW = 0.03
LAWYER_LINE_BELOW = 0.05
INJURY_LINE_BELOW = 0.07
FRESH_REVIEW_STARS = 4.5
FRESH_REVIEW_ANGER = 3.5
SCRIPTED_REVIEW_STARS = 5
SCRIPTED_REVIEW_ANGER = 4
# A pile-on ("me too"): mentions the brand with this chance; anger PILE_ON_ANGER +
# PILE_ON_ANGER_SPREAD x uniform + PILE_ON_ANGER_CARRY x the post they saw. Set by hand.
PILE_ON_MENTION = 0.7
PILE_ON_ANGER = 0.25
PILE_ON_ANGER_SPREAD = 0.6
PILE_ON_ANGER_CARRY = 0.1

# --- Heat ----------------------------------------------------------------------------------------
# A complaint's heat starts at COMPLAINT_BASE_HEAT + anger (0.5 calm, 1.5 furious; HEAT_CAP is 3).
COMPLAINT_BASE_HEAT = 0.5
# Complaint-site and review readers keep finding a post even when it has cooled down (the webcare
# articles: complaint sites rank well in search): their rate never falls below this share of it.
READER_HEAT_FLOOR = 0.2
# The judge compares a reply with the brand's last DUPLICATE_MEMORY public replies (docs/scoring.md,
# "Gaming": a pasted reply is noticed).
DUPLICATE_MEMORY = 50

# --- The trainee's replies and what the crowd makes of them ----------------------------------------
# All set by hand, in the direction the webcare articles give (docs/grading-guide.md) and checked by
# the reference-team and debrief tests: a good reply calms, a bad one heats, going private cools.
REPLY_CALMING = 0.35  # a reply of quality q lowers its author's anger by REPLY_CALMING x q
# Delays are AFTER + SPREAD x uniform, in seconds.
DM_REPLY_AFTER, DM_REPLY_SPREAD = 120, 600  # the complainer answers a DM
DM_DATA_QUALITY = -0.3  # a DM at least this good gets the details it asked for
DM_THANKS_QUALITY = 0.2  # a DM at least this good is thanked; worse ones anger (DM_ANGER_UP)
DM_ANGER_UP = 0.1
# Personal data asked for or shown in public (the webcare articles: take it private).
PERSONAL_DATA_ANGER_UP = 0.1
PERSONAL_DATA_HEAT = 1.25
COPY_PASTE_AFTER, COPY_PASTE_SPREAD = 120, 480  # the crowd calls out a pasted reply
WORSE_REPLY_QUALITY = -0.1  # a reply below this makes it worse, said in public
WORSE_REPLY_AFTER, WORSE_REPLY_SPREAD = 180, 720
REACTION_ANGER_UP = 0.2  # anger the public reaction adds
# A warm, witty reply to a calm, low-severity complaint gets shared now and then (the webcare
# articles: witty, spontaneous replies can go viral in a good way).
WITTY_MAX_ANGER = 0.5
WITTY_MIN_QUALITY = 0.3
WITTY_CHANCE = 0.35
WITTY_AFTER, WITTY_SPREAD = 300, 900
WITTY_HEAT = 2.0  # the praise post's heat multiplier
# Hiding (the webcare articles: hiding protects nothing; the author finds out and reposts it).
TROLL_DISCOVERY_CHANCE = 0.2  # a troll hidden as spam or abuse rarely comes back
DISCOVERY_AFTER, DISCOVERY_SPREAD = 300, 2100
DISCOVERED_ANGER_UP = 0.2
CENSORSHIP_REPOST_ANGER_UP = 0.3
# Escalating to a team: PR's statement to the press and legal's formal side cool the thread.
PR_STATEMENT_HEAT = 0.8
LEGAL_HEAT = 0.9
# A second holding statement counts half; a bad one (quality < 0) heats its topics.
REPEAT_STATEMENT_STRENGTH = 0.5
BAD_STATEMENT_HEAT = 1.2
# Resolving: a case nobody replied to counts as this quality; a satisfied customer calms to
# RESOLVED_ANGER, adds RESOLVED_STARS_UP to their review and may thank the brand in public (the
# webcare articles: a helped customer becomes an ambassador); an unsatisfied one comes back angrier.
UNANSWERED_QUALITY = -0.5
RESOLVED_ANGER = 0.1
RESOLVED_STARS_UP = 2
THANKS_AFTER, THANKS_SPREAD = 300, 1500
THANKS_HEAT = 1.5  # the thank-you post's heat multiplier
UNSATISFIED_AFTER, UNSATISFIED_SPREAD = 600, 1200
REOPEN_ANGER_UP = 0.25
REOPEN_HEAT = 1.5
# A like helps praise travel, and reads as mockery under an angry complaint.
LIKED_PRAISE_HEAT = 1.3
MOCKERY_ANGER = 0.6
MOCKERY_HEAT = 1.1

# --- Escalations (the scenario's `storm.escalations`: the webcare articles' escalation pattern) ---
COMPLAINT_SITE_ANGER_UP = 0.2  # the complainer moves to a complaint site
PAID_AD_ANGER_UP = 0.1  # ... or pays for an ad
AD_RUNS_FOR = 3600.0  # seconds an ad runs (it reaches AD_AUDIENCE_SHARE of the network)
PICKUP_ANGER = 0.6  # a journalist's or influencer's post about it
PICKUP_HEAT = 1.3
CENSORSHIP_ANGER = 0.95  # "they delete complaints!"
CENSORSHIP_HEAT = 1.6
CENSORSHIP_TOPIC_HEAT = 1.2  # ... heats the whole topic

# --- The inbox's order (what the console shows first; docs/trainers.md) ----------------------------
# priority = PRIORITY_REACH log10(1 + reach) + PRIORITY_ANGER anger
#          + PRIORITY_WAITING min(waiting / target, PRIORITY_WAITING_CAP)
#          + PRIORITY_FLAGGED (escalation words, safety, a colleague's note) - PRIORITY_LOW (trolls,
#            praise, off-topic). Set by hand.
PRIORITY_REACH = 1.5
PRIORITY_ANGER = 2.0
PRIORITY_WAITING = 2.0
PRIORITY_WAITING_CAP = 3.0
PRIORITY_FLAGGED = 3.0
PRIORITY_LOW = 3.0
