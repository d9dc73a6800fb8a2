"""The scoring's weights and penalties, each named, in one place; docs/scoring.md explains them.

What a reply's words earn or cost (+10 for an acknowledgement, -40 for blame, ...) is per language
in the phrase rules, scoring/lexicons/*.yaml (`points:`); the numbers here are the rest: how much a
complaint counts, what a reply must score to count as an answer, what the case calls for, and the
penalties of each dimension. Changing one changes every score: docs/scoring.md quotes them, and
tests/test_gaming.py and tests/test_scorecard.py hold the scores they give on the library.
"""

from __future__ import annotations

# --- How much a complaint counts (speed, empathy; docs/scoring.md "Speed") ---------------------------
# weight = 1 + log10(1 + reach) + anger + WEIGHT_ESCALATE (a press, legal or safety case: a policy
# escalation rule or a journalist) + WEIGHT_NEEDS_DATA (a personal case that needs data)
WEIGHT_ESCALATE = 2.0
WEIGHT_NEEDS_DATA = 0.5
# The rest of a real inbox (storm.mix): questions and rumours wait for an answer like complaints,
# a rumour weighing WEIGHT_RUMOUR more since it spreads until it is corrected in public; a compliment
# weighs a flat WEIGHT_COMPLIMENT (thank it, or like it); off-topic noise is not counted at all.
WAITING_KINDS = ("complaint", "question", "rumour")
WEIGHT_RUMOUR = 1.0
WEIGHT_COMPLIMENT = 0.5

# --- Speed ---------------------------------------------------------------------------------------------
# A reply scoring below this (a paste, a defensive line) is a reply, not an answer.
RESPONSE_FLOOR = 40.0
# The policy's curve: 100 at or under the target, SPEED_AT_NORM at the norm, 0 at the max.
SPEED_AT_NORM = 50.0
# The dimension: the threads' part and the holding statement's part, weighted.
SPEED_THREADS_SHARE = 0.8
SPEED_STATEMENT_SHARE = 0.2
# A late holding statement loses all its marks over `holding_statement.within`, at least this long.
STATEMENT_LATE_SPAN = 60.0
# A promised update time ("back to you at 10:00") broken: points off each, at most the cap; a
# message up to PROMISE_GRACE seconds after the time still keeps the promise.
BROKEN_PROMISE_PENALTY = 5.0
BROKEN_PROMISES_CAP = 30.0
PROMISE_GRACE = 300

# --- Empathy ---------------------------------------------------------------------------------------
# A holding statement weighs this much against one complaint's replies in the empathy average.
STATEMENT_EMPATHY_WEIGHT = 3.0
# What the case called for and the reply left out (points lost; docs/scoring.md "The reply's score").
MISSING_APOLOGY = 15.0  # the brand is at fault: an apology or ownership
MISSING_ACKNOWLEDGE = 8.0  # an angry customer (anger >= ACKNOWLEDGE_ANGER): their feelings
ACKNOWLEDGE_ANGER = 0.6
MISSING_SOLUTION = 8.0  # a severe case: a concrete step, fix or compensation
MISSING_PRIVATE_CHANNEL = 8.0  # a personal case answered in public: an invitation to go private
MISSING_SIGN_OFF = 5.0  # the policy asks for a sign-off
# What the grading guide puts in its weak band (30-49) however good the rest of the reply scores at most
# WEAK_BAND_CEILING: the wrong form of address and personal data asked in public (docs/grading-guide.md,
# "Grade bands"; scoring/rubric.py, _weak_band).
# - The wrong form of address (je where the policy promised u, or the reverse) always costs at least
#   WRONG_ADDRESS_LEAST. The 888 graded Dutch replies it is found in (through the fifty-seventh batch) are
#   graded 31 on average; a flat -50 scored them 18 and put 458 under 10 where the graders put 73; the
#   ceiling scores them 30, on average 7.5 points from their grade (was 15.2): docs/scoring.md, "The
#   fifty-sixth round".
# - Personal data asked in public costs at least its own (learned) points. The 1,639 graded replies it is
#   found in (through the fifty-eighth batch) are graded 23 on average, 25 of them 45 or more; without the
#   ceiling 181 scored 45 or more, up to 78: docs/scoring.md, "The fifty-seventh round".
WEAK_BAND_CEILING = 44.0
WRONG_ADDRESS_LEAST = 5.0
# Left-out parts together cost at most this much: a reply that does nothing wrong but leaves everything
# out is curt, the grading guide's "weak" band (30-49): its worked example "DM us your order number."
# grades 36 and scores 35 (50, +8 for the DM and a little more, -25). Only what a reply does wrong
# (blame, a pitch, data asked in public) takes it lower (docs/grading-guide.md).
MISSING_CAP = 25.0
# A breach of a rule the policy marks critical weighs this many times its points.
CRITICAL_WEIGHT = 2.0

# --- Learned findings (scoring/detector.py) ------------------------------------------------------------
# Blame the learned detector finds where no phrase rule fired is mostly the implied kind (a notice, the
# terms, advice for next time): a fifth of such replies are graded 50 or more, against one in a hundred
# of the blame the phrase rules find. It costs this share of the phrase rules' blame points. Chosen out of
# sample only: rank agreement on the fifth batch, relabelled, judged by detectors fitted without it, and
# leave one file out (docs/scoring.md, "The sixth round").
LEARNED_BLAME_SHARE = 0.5

# --- Privacy ---------------------------------------------------------------------------------------
# A personal case moved private after too many public replies keeps at most this score.
TOO_MANY_PUBLIC_CAP = 50.0
PUBLIC_PERSONAL_DATA_PENALTY = 20.0  # each reply asking for personal data in public
HIDDEN_COMPLAINT_PENALTY = 35.0  # each post hidden without a reason the policy allows

# --- Containment -----------------------------------------------------------------------------------
ESCALATION_POINTS = -5.0  # shown beside each escalation the storm took (evidence, not in the score)

# --- Grades (docs/scoring.md "Grades") ---------------------------------------------------------------
GRADES = (
    (85, "A", "excellent"),
    (70, "B", "good"),
    (55, "C", "adequate"),
    (40, "D", "weak"),
    (0, "F", "poor"),
)
