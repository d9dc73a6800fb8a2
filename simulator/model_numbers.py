"""The behaviour model's named numbers, each with where it comes from.

The spread engine (spread.py, session.py) reads these; docs/trainers.md
explains which `calibrate` figure each one moves. "Calibrated" means: chosen
so that `python run.py calibrate` meets the targets in docs/trainers.md on the
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
ACTIVITY_EXPONENT = 0.8
ACTIVITY_CAP = 40.0  # no account reshares more than this many times the average (calibrated)

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
# its peak (the seed article's outage storm: people who are affected look for others with the
# same problem, and join in while it is happening). Outside a generated storm it is 1.
# "Me too" is quick: its delay is the attention kernel's times PILE_DELAY_SCALE. Calibrated so
# that the complaints-per-10-minutes curve peaks at the declared peak_at.
PILE_DELAY_SCALE = 0.35

# --- Reposts by an ignored author -----------------------------------------------------------------
# A customer nobody answers posts again with a hazard that grows with how long they have waited
# since their last post and with how angry they are (the seed articles: an ignored complainer comes
# back louder; an hour is the everyday norm for an answer). Weibull in the time since their last
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
REPOST_REACH = 0.1

# --- The single-post experiment (calibrate, tests) ------------------------------------------------
# One complaint that mentions the brand, by a random customer, nobody answering, watched for this
# long. Kwak et al. 2010 ("What is Twitter, a social network or a news media?"): about half of
# retweets come within the hour, three quarters within a day; SEISMIC (Zhao et al. 2015): the
# reaction kernel is flat for ~5 minutes, then a power law. Observed over 6 hours, as a storm is.
SINGLE_POST_HOURS = 6.0
