"""The rubric agrees with a webcare team lead's grades on a graded corpus of replies (docs/scoring.md).

The dev half of the corpus was used to write the rules and meets the targets. The validation set and the
old holdout have since been used too (docs/scoring.md, "How well it agrees with a team lead"): their tests
hold floors just under the figures reached, so that no change makes the rubric generalise worse. A fresh
batch written and graded blind by other people came after: its dev half was used for a second round of
rules; its holdout half only for a third round's error analysis, and holds floors at what the rubric reaches
on it (below the targets). A third batch, written and graded blind while the third round of rules was
written, was read once, as figures, after that round: it holds floors at what the rubric reaches on it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from stormdrill.scoring.evaluate import (
    TARGET_CATEGORIES,
    TARGET_PR,
    TARGET_SPEARMAN,
    CorpusError,
    evaluate,
)

import run

from .conftest import CORPUS_FITS, judged_file

DATA = Path(__file__).parent / "data"
DEV = [DATA / "corpus_dev_en.yaml", DATA / "corpus_dev_nl.yaml"]
# The figures reached (docs/scoring.md), as floors a little under them: Spearman, then (precision, recall)
# per category. Tune on dev and validation; the old holdout was used last, and only for general rules.
VALIDATION_REACHED = {
    "corpus_validation_en": (
        0.85,
        {
            "apology": (1.0, 1.0),
            "blame": (1.0, 0.8),
            "non_apology": (1.0, 1.0),
            # the thirty-first round's refitted detector reads "the venue manages them. Please contact them
            # directly" as a private channel: graders label "contact them" so in 9 of 27 English replies
            "private_channel": (0.95, 1.0),
            "public_personal_data": (1.0, 0.9),
            # the thirteenth round reads "you did nothing wrong" as recognising the customer (graders in
            # the later batches label it so; not here): 11 of 14 found are labelled
            "acknowledge": (0.78, 1.0),
        },
    ),
    "corpus_validation_nl": (
        0.86,
        {
            "apology": (1.0, 1.0),
            "blame": (1.0, 0.91),
            "non_apology": (1.0, 1.0),
            "private_channel": (0.91, 1.0),
            "public_personal_data": (1.0, 0.86),
            "acknowledge": (0.92, 1.0),
        },
    ),
    "corpus_holdout_en": (  # re-measured after the relabelling to the settled readings (docs/grading-guide.md)
        0.86,
        {
            "apology": (0.98, 1.0),
            # the twelfth round's detectors read two more replies as blame: a non-apology that ends "our
            # drivers always follow the delivery instructions they're given" (a denial that leaves only
            # the customer, blame by docs/grading-guide.md, not so labelled here) and a rebuke; the
            # thirteenth round's one more: "As stated clearly in the notice, there is no reason for
            # concern" (a notice quoted at the customer, blame by the guide); the forty-eighth round's one
            # more: "try logging out and in like everyone else" (its note says "implying user error"); the
            # forty-ninth round's one more: "sorry you see it that way, David, but the decision was made
            # correctly according to the policy" (graded 14, scored 0 before and after)
            "blame": (0.68, 0.82),
            "non_apology": (0.88, 1.0),
            "private_channel": (0.94, 0.92),
            "public_personal_data": (1.0, 1.0),
            # one reply fewer since the ninth round's refit: "sorry for the worry"; the fifty-third round's
            # detector reads one more, unlabelled: "It was missed twice because we didn't have enough crews,
            # and that's not acceptable" (graded 84, scored 84 before, 98 after)
            "acknowledge": (0.84, 0.94),
        },
    ),
    "corpus_holdout_nl": (  # re-measured after the relabelling to the settled readings (docs/grading-guide.md)
        0.87,
        {
            "apology": (1.0, 1.0),
            "blame": (0.95, 0.9),
            "non_apology": (0.91, 1.0),
            # the nineteenth round's refit: the detector no longer adds "Belt u met de afdeling
            # Declaraties" (the rules never found it): one reply of 26
            "private_channel": (0.94, 0.8),
            "public_personal_data": (1.0, 0.89),
            "acknowledge": (0.9, 0.88),
        },
    ),
    # The fresh batch, written and graded blind by other people: its dev half was used to find why the
    # rules didn't generalise (general rules and weights only); its other half is not in this repository.
    "corpus_fresh_dev_en": (
        0.86,
        {
            "apology": (1.0, 0.96),
            # 0.88: one rebuke ("please keep your comments respectful") now read as blame by a detector
            # whose threshold leave-one-file-out chose (docs/scoring.md, "The fifth round")
            "blame": (0.88, 0.87),
            # the eighth round: a non-apology the rules find is no longer withdrawn (docs/scoring.md)
            "non_apology": (0.87, 0.85),
            "private_channel": (0.84, 1.0),
            "public_personal_data": (1.0, 1.0),
            "acknowledge": (0.85, 0.85),
        },
    ),
    "corpus_fresh_dev_nl": (  # re-measured after the relabelling (docs/grading-guide.md)
        0.85,
        {
            "apology": (1.0, 1.0),
            # 12 of 13 since the thirty-sixth round: "Check je spamfolder even, daar komen onze mails vaak
            # terecht" reads as advice to the customer (rules.guessed_at_customer), which the refitted
            # detector no longer withdraws; the graders did not label it
            "blame": (0.92, 0.95),
            "non_apology": (1.0, 1.0),
            "private_channel": (0.89, 0.89),
            "public_personal_data": (0.88, 1.0),
            "acknowledge": (1.0, 0.84),
        },
    ),
}
# The fresh batch's holdout half: kept out of rule-writing for two rounds, then reported and studied like the
# rest (a third round's error analysis read it). The rubric does not reach the targets on it
# (docs/scoring.md): its floors hold what it reaches; the next fresh batch is the next honest check.
FRESH_HOLDOUT_REACHED = {
    "corpus_fresh_holdout_en": (  # re-measured after the relabelling (docs/grading-guide.md)
        0.77,
        {
            "apology": (0.87, 0.87),
            "blame": (0.65, 0.75),
            # the eighth round: a non-apology the rules find is no longer withdrawn (docs/scoring.md)
            "non_apology": (0.75, 0.87),
            # the nineteenth round's refit: the detector no longer withdraws "please call 111" (the
            # rules' reading): one reply of 17; the thirty-seventh round's refit adds "a member of our team
            # will be in touch", which the last two batches' graders label and this file's did not: 16 of 18
            "private_channel": (0.88, 0.85),
            "public_personal_data": (0.87, 0.87),
            "acknowledge": (0.6, 0.75),
        },
    ),
    "corpus_fresh_holdout_nl": (
        0.79,
        {
            "apology": (0.87, 0.87),
            "blame": (0.6, 0.6),
            "non_apology": (0.87, 0.87),
            "private_channel": (0.95, 0.8),
            "public_personal_data": (0.87, 0.8),
            "acknowledge": (0.85, 0.75),
        },
    ),
}

# The third batch: written and graded blind (and regraded blind by a second grader) while the third round of
# rules was written by someone who never saw it; read once, as figures, after that round (docs/scoring.md).
# The floors hold what the rules alone reached on it, a little under. The learned detectors are now fitted
# on it too (in-sample: they reach more); tests/test_detector.py holds the held-out comparison.
HOLDOUT3_REACHED = {
    "corpus_holdout3_en": (  # re-measured after the relabelling to the settled readings (docs/grading-guide.md)
        0.83,
        {
            "apology": (0.92, 0.83),
            "blame": (0.6, 0.55),
            "non_apology": (0.97, 0.92),
            "private_channel": (0.95, 0.9),
            "public_personal_data": (0.97, 0.8),
            "acknowledge": (0.62, 0.8),
        },
    ),
    "corpus_holdout3_nl": (  # re-measured after the relabelling to the settled readings (docs/grading-guide.md)
        0.76,
        {
            "apology": (0.97, 0.95),
            "blame": (0.38, 0.38),
            "non_apology": (0.92, 0.97),
            "private_channel": (0.78, 0.88),
            "public_personal_data": (0.97, 0.66),
            "acknowledge": (0.86, 0.85),
        },
    ),
}


# The fourth batch: written and graded blind (and regraded blind by a second grader) while the learned
# detectors were fitted by someone who never saw it; read once, as figures, after they were merged
# (docs/scoring.md, "The fourth batch"). The floors hold what the judge reached on it then, held out, a
# little under. The detectors are now fitted on it too, so what they reach there is in-sample;
# tests/test_detector.py holds the comparison fitted without it.
HOLDOUT4_REACHED = {
    "corpus_holdout4_en": (
        0.79,
        {
            "apology": (0.92, 0.95),
            "blame": (0.78, 0.44),
            "non_apology": (0.97, 0.88),
            "private_channel": (0.88, 0.9),
            "public_personal_data": (0.85, 0.93),
            "acknowledge": (0.74, 0.8),
        },
    ),
    "corpus_holdout4_nl": (
        0.83,
        {
            "apology": (0.88, 0.97),
            "blame": (0.7, 0.68),
            "non_apology": (0.92, 0.8),
            "private_channel": (0.93, 0.9),
            "public_personal_data": (0.86, 0.7),
            "acknowledge": (0.85, 0.88),
        },
    ),
}


# The fifth batch: written and graded blind (and regraded blind) while the detectors were refitted with the
# fourth batch and three training batches by someone who never saw it; read once, as figures, after the
# final weights were written (docs/scoring.md, "The fifth batch"). Kept out of every fit (HELD_OUT). The
# floors hold what the judge reached on it, a little under.
HOLDOUT5_REACHED = {
    "corpus_holdout5_en": (
        0.7,
        {
            "apology": (0.83, 0.97),
            "blame": (0.47, 0.6),
            "non_apology": (0.97, 0.97),
            "private_channel": (0.96, 0.83),
            "public_personal_data": (0.93, 0.97),
            "acknowledge": (0.5, 0.79),
        },
    ),
    "corpus_holdout5_nl": (
        0.78,
        {
            "apology": (0.9, 0.97),
            "blame": (0.53, 0.6),
            "non_apology": (0.97, 0.84),
            # the eighth round's refit withdraws two more call-backs ('dan bellen we u direct')
            "private_channel": (0.88, 0.9),
            "public_personal_data": (0.93, 0.97),
            "acknowledge": (0.8, 0.94),
        },
    ),
}


# The sixth batch: written and graded blind by two writers per language to the readings settled in
# docs/grading-guide.md, and regraded blind (Spearman 0.98 between graders in both languages), while the
# rules were changed and the detectors refitted on the relabelled corpus by someone who never saw it; read
# once, as figures, after the final weights were written (docs/scoring.md, "The sixth batch"). Kept out of
# every fit (HELD_OUT). The floors hold what the judge reached on it, a little under.
HOLDOUT6_REACHED = {
    "corpus_holdout6_en": (
        0.77,
        {
            "apology": (0.9, 0.95),
            "blame": (0.72, 0.74),
            "non_apology": (0.95, 0.85),
            "private_channel": (0.93, 0.86),
            "public_personal_data": (0.98, 0.91),
            "acknowledge": (0.86, 0.8),
        },
    ),
    "corpus_holdout6_nl": (
        0.73,
        {
            "apology": (0.87, 0.97),
            "blame": (0.72, 0.73),
            "non_apology": (0.95, 0.85),
            "private_channel": (0.87, 0.84),
            "public_personal_data": (0.96, 0.96),
            "acknowledge": (0.87, 0.85),
        },
    ),
}


# The seventh batch: written and graded blind by two writers per language to the settled readings while the
# sixth was learned from; read once, after the final weights were written (docs/scoring.md, "The seventh
# batch"). Learned from since (the floors are those it was read with).
HOLDOUT7_REACHED = {
    "corpus_holdout7_en": (
        0.79,
        {
            "apology": (0.94, 0.95),
            "blame": (0.68, 0.74),
            # the eighth round: a non-apology the rules find is no longer withdrawn (docs/scoring.md)
            "non_apology": (0.92, 0.92),
            "private_channel": (0.92, 0.89),
            "public_personal_data": (0.96, 0.94),
            "acknowledge": (0.8, 0.71),
        },
    ),
    "corpus_holdout7_nl": (
        0.78,
        {
            "apology": (0.86, 0.95),
            "blame": (0.71, 0.54),
            "non_apology": (0.94, 0.94),
            "private_channel": (0.89, 0.78),
            "public_personal_data": (0.98, 0.98),
            "acknowledge": (0.9, 0.89),
        },
    ),
}


# The eighth batch: written blind by two writers per language while the seventh was learned from, graded
# again blind by a second grader (Spearman 0.969 en, 0.934 nl); read once, after the final weights were
# written (docs/scoring.md, "The eighth batch"). Learned from since (the floors are those it was read with).
HOLDOUT8_REACHED = {
    "corpus_holdout8_en": (
        0.79,
        {
            "apology": (0.89, 0.98),
            "blame": (0.84, 0.53),
            "non_apology": (0.99, 0.84),
            "private_channel": (0.97, 0.94),
            "public_personal_data": (0.95, 0.92),
            "acknowledge": (0.85, 0.8),
        },
    ),
    "corpus_holdout8_nl": (
        0.8,
        {
            "apology": (0.91, 0.96),
            "blame": (0.83, 0.83),
            "non_apology": (0.94, 0.87),
            "private_channel": (0.91, 0.81),
            "public_personal_data": (0.97, 0.82),
            "acknowledge": (0.9, 0.88),
        },
    ),
}


# The ninth batch: written blind by two writers per language while the eighth was learned from, graded
# again blind by a second grader (Spearman 0.972 en, 0.984 nl); read once, after the final weights were
# written (docs/scoring.md, "The ninth batch"). Learned from since the eighth round (the eleventh held out).
HOLDOUT9_REACHED = {
    "corpus_holdout9_en": (
        0.85,
        {
            "apology": (0.9, 0.98),
            "blame": (0.7, 0.66),
            # the eighth round: a non-apology the rules find is no longer withdrawn (docs/scoring.md)
            "non_apology": (0.97, 0.9),
            "private_channel": (0.91, 0.88),
            "public_personal_data": (0.99, 0.95),
            "acknowledge": (0.87, 0.8),
        },
    ),
    "corpus_holdout9_nl": (
        0.83,
        {
            "apology": (0.94, 0.98),
            "blame": (0.73, 0.73),
            "non_apology": (0.95, 0.95),
            "private_channel": (0.94, 0.82),
            "public_personal_data": (0.94, 0.88),
            "acknowledge": (0.89, 0.88),
        },
    ),
}


# The tenth batch: written blind by two writers per language after the ninth was read, not regraded, and
# read once with the judge left as the ninth measured it (docs/scoring.md, "The tenth batch"). Kept out of
# every fit until the eighth round, which learned from it (the eleventh held out).
HOLDOUT10_REACHED = {
    "corpus_holdout10_en": (
        0.85,
        {
            "apology": (0.91, 0.97),
            "blame": (0.84, 0.65),
            "non_apology": (0.96, 0.74),
            "private_channel": (0.95, 0.84),
            "public_personal_data": (0.99, 0.92),
            "acknowledge": (0.84, 0.83),
        },
    ),
    "corpus_holdout10_nl": (
        0.84,
        {
            "apology": (0.96, 0.98),
            "blame": (0.89, 0.74),
            "non_apology": (0.99, 0.88),
            "private_channel": (0.93, 0.84),
            "public_personal_data": (0.92, 0.95),
            "acknowledge": (0.88, 0.88),
        },
    ),
}


# The eleventh batch: written blind by two writers per language while the ninth and tenth were
# learned from, graded again blind by a second grader (Spearman 0.972 en, 0.974 nl); read once, after
# the final weights were written (docs/scoring.md, "The eleventh batch"); learned from since the
# ninth round. Rank agreement met 0.85 in both languages; English met the precision/recall target in
# four of the six categories.
HOLDOUT11_REACHED = {
    "corpus_holdout11_en": (
        0.86,
        {
            "apology": (0.93, 0.99),
            "blame": (0.87, 0.84),
            "non_apology": (0.99, 0.92),
            "private_channel": (0.93, 0.91),
            "public_personal_data": (0.99, 0.94),
            "acknowledge": (0.83, 0.86),
        },
    ),
    "corpus_holdout11_nl": (
        0.85,
        {
            "apology": (0.89, 0.99),
            "blame": (0.74, 0.69),
            "non_apology": (0.99, 0.87),
            "private_channel": (0.93, 0.8),
            "public_personal_data": (0.99, 0.85),
            "acknowledge": (0.86, 0.87),
        },
    ),
}


# The twelfth batch: written blind by two writers per language while the eleventh was learned from,
# graded again blind by a second grader (Spearman 0.969 en, 0.971 nl); read once, after the final
# weights were written (docs/scoring.md, "The twelfth batch"); learned from since the tenth round.
# Rank agreement met 0.85 in both languages; apology and non-apology met the precision/recall target
# in both, personal data in English.
HOLDOUT12_REACHED = {
    "corpus_holdout12_en": (
        0.84,
        {
            "apology": (0.93, 0.98),
            "blame": (0.86, 0.71),
            "non_apology": (0.94, 0.92),
            "private_channel": (0.94, 0.87),
            "public_personal_data": (0.99, 0.96),
            "acknowledge": (0.81, 0.89),
        },
    ),
    "corpus_holdout12_nl": (
        0.84,
        {
            "apology": (0.93, 0.97),
            "blame": (0.85, 0.79),
            "non_apology": (0.94, 0.92),
            "private_channel": (0.95, 0.81),
            "public_personal_data": (0.99, 0.88),
            "acknowledge": (0.86, 0.88),
        },
    ),
}


# The thirteenth batch: written blind by two writers per language while the twelfth was learned from,
# graded again blind by a second grader (Spearman 0.979 en, 0.975 nl); read once, after the final
# weights were written (docs/scoring.md, "The thirteenth batch"); learned from since the eleventh round.
HOLDOUT13_REACHED = {
    "corpus_holdout13_en": (
        0.82,
        {
            "apology": (0.94, 0.96),
            "blame": (0.83, 0.87),
            "non_apology": (0.97, 0.95),
            "private_channel": (0.93, 0.86),
            "public_personal_data": (0.94, 0.88),
            "acknowledge": (0.79, 0.84),
        },
    ),
    "corpus_holdout13_nl": (
        0.85,
        {
            "apology": (0.9, 0.97),
            "blame": (0.89, 0.79),
            "non_apology": (0.99, 0.9),
            "private_channel": (0.95, 0.85),
            "public_personal_data": (0.97, 0.92),
            "acknowledge": (0.85, 0.92),
        },
    ),
}


# The fourteenth batch: written blind by two writers per language while the thirteenth was learned
# from, graded again blind by a second grader (Spearman 0.963 en, 0.979 nl); read once, after the
# final weights were written (docs/scoring.md, "The fourteenth batch"). Kept out of every fit
# (HELD_OUT). English met the precision/recall target in five of the six categories, Dutch in four.
HOLDOUT14_REACHED = {
    "corpus_holdout14_en": (
        0.86,
        {
            "apology": (0.98, 0.96),
            "blame": (0.8, 0.82),
            "non_apology": (0.99, 0.99),
            "private_channel": (0.96, 0.89),
            "public_personal_data": (0.99, 0.92),
            "acknowledge": (0.9, 0.94),
        },
    ),
    "corpus_holdout14_nl": (
        0.87,
        {
            "apology": (0.94, 0.99),
            "blame": (0.83, 0.85),
            "non_apology": (0.94, 0.94),
            "private_channel": (0.96, 0.9),
            "public_personal_data": (0.99, 0.92),
            "acknowledge": (0.88, 0.95),
        },
    ),
}


# The fifteenth batch: written blind by two writers per language after the eleventh round's weights
# were written, graded again blind by a second grader (Spearman 0.967 en, 0.936 nl); read once with
# that judge, as a second measure of it beside the fourteenth (docs/scoring.md, "The fifteenth
# batch"). Kept out of every fit (HELD_OUT). Rank agreement fell under 0.85 in both languages.
HOLDOUT15_REACHED = {
    "corpus_holdout15_en": (
        0.82,
        {
            "apology": (0.98, 0.98),
            "blame": (0.9, 0.75),
            "non_apology": (0.97, 0.95),
            "private_channel": (0.98, 0.92),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.83, 0.87),
        },
    ),
    "corpus_holdout15_nl": (
        0.82,
        {
            "apology": (0.93, 0.98),
            "blame": (0.8, 0.83),
            "non_apology": (0.88, 0.99),
            "private_channel": (0.96, 0.9),
            "public_personal_data": (0.99, 0.95),
            "acknowledge": (0.86, 0.9),
        },
    ),
}


# The sixteenth batch: written blind by two writers per language while the fourteenth and fifteenth were
# learned from, graded again blind by a second grader (Spearman 0.970 en, 0.980 nl); read once, after the
# twelfth round's learned points and detectors were committed (docs/scoring.md, "The sixteenth batch").
# Kept out of every fit until it was read; learned from since the thirteenth round.
HOLDOUT16_REACHED = {
    "corpus_holdout16_en": (
        0.87,
        {
            "apology": (0.92, 0.98),
            "blame": (0.79, 0.79),
            "non_apology": (0.99, 0.99),
            "private_channel": (0.97, 0.94),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.89, 0.78),
        },
    ),
    "corpus_holdout16_nl": (
        0.87,
        {
            "apology": (0.99, 0.97),
            "blame": (0.84, 0.96),
            "non_apology": (0.93, 0.99),
            "private_channel": (0.97, 0.89),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.88, 0.9),
        },
    ),
}

# The seventeenth batch: written blind by two writers per language in sectors no batch had (energy, public
# services, education, hospitality, sport, games) while the sixteenth was learned from, graded again blind
# by a second grader (Spearman 0.979 en, 0.981 nl); read once, after the thirteenth round's rules, detectors
# and points were committed (docs/scoring.md, "The seventeenth batch"). Learned from since the fourteenth round.
HOLDOUT17_REACHED = {
    "corpus_holdout17_en": (
        0.86,
        {
            "apology": (0.95, 0.97),
            "blame": (0.83, 0.69),
            "non_apology": (0.91, 0.91),
            "private_channel": (0.98, 0.92),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.92, 0.88),
        },
    ),
    "corpus_holdout17_nl": (
        0.88,
        {
            "apology": (0.98, 0.99),
            "blame": (0.86, 0.66),
            "non_apology": (0.99, 0.88),
            "private_channel": (0.98, 0.86),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.89, 0.91),
        },
    ),
}

# The eighteenth batch: written blind by two writers per language in sectors no batch had (home services,
# cars, care, events, pets, work platforms, memberships) while the seventeenth was learned from, graded
# again blind by a second grader (Spearman 0.976 en, 0.981 nl); read once, after the fourteenth round's
# rules, detectors and points were committed (docs/scoring.md, "The eighteenth batch"). Learned from since
# the fifteenth round.
HOLDOUT18_REACHED = {
    "corpus_holdout18_en": (
        0.85,
        {
            "apology": (0.96, 0.98),
            "blame": (0.9, 0.68),
            "non_apology": (0.72, 0.84),
            "private_channel": (0.98, 0.93),
            "public_personal_data": (0.89, 0.89),
            "acknowledge": (0.91, 0.92),
        },
    ),
    "corpus_holdout18_nl": (
        0.86,
        {
            "apology": (0.99, 0.98),
            "blame": (0.82, 0.76),
            "non_apology": (0.73, 0.87),
            "private_channel": (0.96, 0.91),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.87, 0.89),
        },
    ),
}

# The nineteenth batch: written blind by two writers per language in the sectors webcare teams answer most
# (telecom, energy, public transport, web shops and parcels, banking, insurance) with new situations, while
# the eighteenth was learned from; graded again blind by a second grader (Spearman 0.975 en, 0.978 nl);
# read once, after the fifteenth round's rules, detectors and points were committed (docs/scoring.md,
# "The nineteenth batch"). Learned from since the sixteenth round.
HOLDOUT19_REACHED = {
    "corpus_holdout19_en": (
        0.87,
        {
            "apology": (0.98, 0.98),
            "blame": (0.8, 0.73),
            "non_apology": (0.93, 0.99),
            "private_channel": (0.96, 0.94),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.83, 0.9),
        },
    ),
    "corpus_holdout19_nl": (
        0.89,
        {
            "apology": (0.99, 0.99),
            "blame": (0.82, 0.78),
            "non_apology": (0.99, 0.99),
            "private_channel": (0.97, 0.92),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.9, 0.93),
        },
    ),
}


# The twentieth batch: written blind by two writers per language in air travel and airports, holiday parks
# and campsites, parking, healthcare, housing associations and local government, while the nineteenth was
# learned from; graded again blind by a second grader (Spearman 0.983 en, 0.982 nl); read once, after the
# sixteenth round's rules, detectors and points were committed (docs/scoring.md, "The twentieth batch").
# Learned from since the seventeenth round.
HOLDOUT20_REACHED = {
    "corpus_holdout20_en": (
        0.87,
        {
            "apology": (0.98, 0.97),
            "blame": (0.88, 0.88),
            "non_apology": (0.99, 0.99),
            "private_channel": (0.97, 0.87),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.86, 0.93),
        },
    ),
    "corpus_holdout20_nl": (
        0.88,
        {
            "apology": (0.98, 0.99),
            "blame": (0.79, 0.77),
            # the thirty-first round's refitted detector reads "het spijt ons dat je gewond bent" as a
            # non-apology (one reply, graded 22, the graders gave none): 11 of 12 found are labelled
            "non_apology": (0.91, 0.99),
            "private_channel": (0.97, 0.85),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.85, 0.96),
        },
    ),
}


# The twenty-first batch: written blind by two writers per language in higher education and student finance,
# water companies, phone shops and repair, supermarkets and online grocery, car rental and sharing, furniture
# and electronics stores, while the twentieth was learned from; graded again blind by a second grader
# (Spearman 0.976 en, 0.986 nl); read once, after the seventeenth round's rules, detectors and points were
# committed (docs/scoring.md, "The twenty-first batch"). Learned from since the eighteenth round.
HOLDOUT21_REACHED = {
    "corpus_holdout21_en": (
        0.87,
        {
            "apology": (0.98, 0.99),
            "blame": (0.85, 0.79),
            "non_apology": (0.81, 0.89),
            "private_channel": (0.99, 0.94),
            "public_personal_data": (0.89, 0.99),
            "acknowledge": (0.88, 0.93),
        },
    ),
    "corpus_holdout21_nl": (
        0.9,
        {
            "apology": (0.96, 0.99),
            "blame": (0.91, 0.79),
            "non_apology": (0.89, 0.89),
            "private_channel": (0.97, 0.96),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.85, 0.96),
        },
    ),
}


# The twenty-second batch: written blind by two writers per language in pet care, opticians, event ticketing
# and theatres, home improvement and DIY, subscription services, driving schools and test booking, while the
# twenty-first was learned from; graded again blind by a second grader (Spearman 0.974 en, 0.971 nl); read
# once, after the eighteenth round's rules, detectors and points were committed (docs/scoring.md, "The
# twenty-second batch"). Learned from since the nineteenth round.
HOLDOUT22_REACHED = {
    "corpus_holdout22_en": (
        0.85,
        {
            "apology": (0.94, 0.97),
            "blame": (0.81, 0.79),
            "non_apology": (0.77, 0.99),
            "private_channel": (0.99, 0.9),
            "public_personal_data": (0.84, 0.99),
            "acknowledge": (0.82, 0.89),
        },
    ),
    "corpus_holdout22_nl": (
        0.87,
        {
            "apology": (0.95, 0.96),
            "blame": (0.91, 0.78),
            "non_apology": (0.82, 0.7),
            "private_channel": (0.96, 0.9),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.86, 0.91),
        },
    ),
}


# The twenty-third batch: written blind by two writers per language in leisure (cinemas, play and theme parks,
# zoos), hairdressers and beauty salons, photo and print services, pension funds and investment apps, home
# security and smart-home devices, cleaning services, while the twenty-second was learned from; graded again
# blind by a second grader (Spearman 0.981 en, 0.978 nl); read once, after the nineteenth round's rules,
# detectors and points were committed (docs/scoring.md, "The twenty-third batch"). Learned from since the
# twentieth round.
HOLDOUT23_REACHED = {
    "corpus_holdout23_en": (
        0.87,
        {
            "apology": (0.94, 0.98),
            "blame": (0.8, 0.87),
            "non_apology": (0.65, 0.91),
            "private_channel": (0.97, 0.89),
            "public_personal_data": (0.76, 0.99),
            "acknowledge": (0.84, 0.91),
        },
    ),
    "corpus_holdout23_nl": (
        0.9,
        {
            "apology": (0.98, 0.99),
            "blame": (0.79, 0.7),
            "non_apology": (0.89, 0.99),
            "private_channel": (0.95, 0.91),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.86, 0.94),
        },
    ),
}


# The twenty-fourth batch: written blind by two writers per language in bicycle shops and repair, childcare and
# schools' service desks, charities and memberships, printers and office supplies, sports clubs and swimming
# pools, home appliances and their service, while the twenty-third was learned from; graded again blind by a
# second grader (Spearman 0.981 en, 0.979 nl); read once, after the twentieth round's rules, detectors and
# points were committed (docs/scoring.md, "The twenty-fourth batch"). Learned from since the twenty-first round.
HOLDOUT24_REACHED = {
    "corpus_holdout24_en": (
        0.88,
        {
            "apology": (0.95, 0.99),
            "blame": (0.79, 0.76),
            "non_apology": (0.83, 0.83),
            "private_channel": (0.96, 0.93),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.84, 0.9),
        },
    ),
    "corpus_holdout24_nl": (
        0.85,
        {
            "apology": (0.95, 0.98),
            "blame": (0.79, 0.81),
            "non_apology": (0.92, 0.92),
            "private_channel": (0.95, 0.94),
            "public_personal_data": (0.99, 0.89),
            "acknowledge": (0.88, 0.94),
        },
    ),
}


# The twenty-fifth batch: written blind by two writers per language in dry cleaners and laundry services, garden
# centres and landscapers, recruitment and temp agencies, funeral and memorial services, music shops and lessons,
# dating and social apps, while the twenty-fourth was learned from; graded again blind by a second grader
# (Spearman 0.981 en, 0.983 nl); read once, after the twenty-first round's rules, detectors and points were
# committed (docs/scoring.md, "The twenty-fifth batch"). Learned from since the twenty-second round.
HOLDOUT25_REACHED = {
    "corpus_holdout25_en": (
        0.85,
        {
            "apology": (0.94, 0.99),
            "blame": (0.88, 0.72),
            "non_apology": (0.72, 0.99),
            "private_channel": (0.96, 0.91),
            "public_personal_data": (0.89, 0.99),
            "acknowledge": (0.85, 0.89),
        },
    ),
    "corpus_holdout25_nl": (
        0.87,
        {
            "apology": (0.97, 0.98),
            "blame": (0.8, 0.61),
            "non_apology": (0.88, 0.84),
            "private_channel": (0.96, 0.83),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.93, 0.9),
        },
    ),
}


# The twenty-sixth batch: written blind by two writers per language in wedding and event services, taxi and
# ride-hailing apps, web hosting and small-business software, baby and toy shops, jewellers and watch repair,
# language schools and online courses, while the twenty-fifth was learned from; graded again blind by a second
# grader (Spearman 0.978 en, 0.976 nl); read once, after the twenty-second round's rules, detectors and points
# were committed (docs/scoring.md, "The twenty-sixth batch"). Learned from since the twenty-third round.
HOLDOUT26_REACHED = {
    "corpus_holdout26_en": (
        0.85,
        {
            "apology": (0.99, 0.99),
            "blame": (0.83, 0.65),
            "non_apology": (0.65, 0.81),
            "private_channel": (0.97, 0.91),
            "public_personal_data": (0.84, 0.99),
            "acknowledge": (0.82, 0.87),
        },
    ),
    "corpus_holdout26_nl": (
        0.87,
        {
            "apology": (0.98, 0.99),
            "blame": (0.96, 0.81),
            "non_apology": (0.83, 0.9),
            "private_channel": (0.98, 0.87),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.85, 0.86),
        },
    ),
}


# The twenty-seventh batch: written blind by two writers per language in museums, attractions and guided tours,
# second-hand marketplaces, bakeries and patisseries, electronics retailers, tattoo and piercing studios, print and
# copy shops, while the twenty-sixth was learned from; graded again blind by a second grader (Spearman 0.984 en,
# 0.978 nl); read once, after the twenty-third round's rules, detectors and points were committed
# (docs/scoring.md, "The twenty-seventh batch"). Learned from since the twenty-fourth round.
HOLDOUT27_REACHED = {
    "corpus_holdout27_en": (
        0.85,
        {
            "apology": (0.95, 0.99),
            "blame": (0.75, 0.8),
            "non_apology": (0.99, 0.77),
            "private_channel": (0.96, 0.94),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.8, 0.82),
        },
    ),
    "corpus_holdout27_nl": (
        0.88,
        {
            "apology": (0.96, 0.99),
            "blame": (0.81, 0.8),
            "non_apology": (0.99, 0.93),
            "private_channel": (0.93, 0.9),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.85, 0.96),
        },
    ),
}


# The twenty-eighth batch: written blind by writers in campervan and caravan hire, roofers and window fitters,
# computer and laptop repair, carpet and flooring shops, wearables and fitness trackers, ski and adventure tour
# operators, while the twenty-seventh was learned from; graded again blind by a second grader (Spearman 0.978
# en, 0.968 nl); read once, after the twenty-fourth round's rules, detectors and points were committed
# (docs/scoring.md, "The twenty-eighth batch"). Learned from since the twenty-fifth round.
HOLDOUT28_REACHED = {
    "corpus_holdout28_en": (
        0.85,
        {
            "apology": (0.93, 0.97),
            "blame": (0.78, 0.78),
            "non_apology": (0.85, 0.71),
            "private_channel": (0.95, 0.98),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.79, 0.89),
        },
    ),
    "corpus_holdout28_nl": (
        0.9,
        {
            "apology": (0.99, 0.99),
            "blame": (0.72, 0.72),
            "non_apology": (0.83, 0.83),
            "private_channel": (0.98, 0.88),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.85, 0.95),
        },
    ),
}


# The twenty-ninth batch: written blind by writers in self-storage, solar panel installers, pest control, dental
# practices, car washes and petrol stations, public libraries and bookshops, while the twenty-eighth was learned
# from; graded again blind by a second grader (Spearman 0.975 en, 0.982 nl); read once, after the twenty-fifth
# round's rules, detectors and points were committed (docs/scoring.md, "The twenty-ninth batch"). Learned from
# since the twenty-sixth round.
HOLDOUT29_REACHED = {
    "corpus_holdout29_en": (
        0.87,
        {
            "apology": (0.94, 0.98),
            "blame": (0.8, 0.85),
            "non_apology": (0.89, 0.75),
            "private_channel": (0.97, 0.93),
            "public_personal_data": (0.99, 0.87),
            "acknowledge": (0.84, 0.9),
        },
    ),
    "corpus_holdout29_nl": (
        0.88,
        {
            "apology": (0.99, 0.99),
            "blame": (0.86, 0.64),
            "non_apology": (0.99, 0.99),
            "private_channel": (0.94, 0.94),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.91, 0.94),
        },
    ),
}


# The thirtieth batch: written blind by writers in car dealerships, cruise lines, airport parking, estate agents,
# online betting and lotteries, boiler and plumbing service plans, while the twenty-ninth was learned from; graded
# again blind by a second grader (Spearman 0.981 en, 0.975 nl); read once, after the twenty-sixth round's rules,
# detectors and points were committed (docs/scoring.md, "The thirtieth batch"). Learned from since the
# twenty-seventh round.
HOLDOUT30_REACHED = {
    "corpus_holdout30_en": (
        0.88,
        {
            "apology": (0.94, 0.99),
            "blame": (0.71, 0.73),
            "non_apology": (0.94, 0.89),
            "private_channel": (0.97, 0.88),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.88, 0.91),
        },
    ),
    "corpus_holdout30_nl": (
        0.86,
        {
            "apology": (0.96, 0.99),
            "blame": (0.86, 0.78),
            "non_apology": (0.79, 0.87),
            "private_channel": (0.96, 0.93),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.88, 0.93),
        },
    ),
}


# The thirty-first batch: written blind by writers in coach travel, soft-play and party venues, coffee machines and
# small appliances, online fashion, escape rooms and bowling, mobile networks, while the thirtieth was learned from;
# graded again blind by a second grader (Spearman 0.974 en, 0.983 nl); read once, after the twenty-seventh round's
# rules, detectors and points were committed (docs/scoring.md, "The thirty-first batch"). Learned from since the
# twenty-eighth round.
HOLDOUT31_REACHED = {
    "corpus_holdout31_en": (
        0.87,
        {
            "apology": (0.94, 0.97),
            "blame": (0.74, 0.83),
            "non_apology": (0.9, 0.83),
            "private_channel": (0.97, 0.94),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.92, 0.92),
        },
    ),
    "corpus_holdout31_nl": (
        0.9,
        {
            "apology": (0.99, 0.99),
            "blame": (0.75, 0.9),
            "non_apology": (0.93, 0.87),
            "private_channel": (0.94, 0.94),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.86, 0.96),
        },
    ),
}


# The thirty-second batch: written blind by writers in mattress and bed retailers, breakdown cover, football clubs,
# pay-later services and credit cards, summer camps and school trips, made-to-measure blinds, while the thirty-first
# was learned from; graded again blind by a second grader (Spearman 0.979 en, 0.978 nl); read once, after the
# twenty-eighth round's rules, detectors and points were committed (docs/scoring.md, "The thirty-second batch").
# Learned from since the twenty-ninth round.
HOLDOUT32_REACHED = {
    "corpus_holdout32_en": (
        0.89,
        {
            "apology": (0.91, 0.96),
            "blame": (0.84, 0.71),
            "non_apology": (0.89, 0.74),
            "private_channel": (0.97, 0.97),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.9, 0.88),
        },
    ),
    "corpus_holdout32_nl": (
        0.9,
        {
            "apology": (0.99, 0.98),
            "blame": (0.93, 0.83),
            "non_apology": (0.87, 0.99),
            "private_channel": (0.96, 0.95),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.86, 0.92),
        },
    ),
}


# The thirty-third batch: written blind by writers in dog kennels and pet daycare, glamping sites and holiday
# cottages, car leasing, language schools and tutoring, veg-box and milk delivery, padel, tennis and sports clubs,
# while the thirty-second was learned from; graded again blind by a second grader (Spearman 0.979 en, 0.977 nl);
# read once, after the twenty-ninth round's rules, detectors and points were committed (docs/scoring.md, "The
# thirty-third batch"). Learned from since the thirtieth round.
HOLDOUT33_REACHED = {
    "corpus_holdout33_en": (
        0.86,
        {
            "apology": (0.93, 0.98),
            "blame": (0.85, 0.81),
            "non_apology": (0.91, 0.99),
            "private_channel": (0.98, 0.93),
            "public_personal_data": (0.82, 0.99),
            "acknowledge": (0.8, 0.89),
        },
    ),
    "corpus_holdout33_nl": (
        0.85,
        {
            "apology": (0.95, 0.97),
            "blame": (0.79, 0.68),
            "non_apology": (0.91, 0.91),
            "private_channel": (0.96, 0.92),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.89, 0.93),
        },
    ),
}


# The thirty-fourth batch: written blind by writers in boat hire and marinas, home-care agencies, coworking and
# office rental, riding schools and livery stables, homeowners' associations and property managers, wine and beer
# subscription clubs, while the thirty-third was learned from; graded again blind by a second grader (Spearman
# 0.980 en, 0.975 nl); read once, after the thirtieth round's rules, detectors and points were committed
# (docs/scoring.md, "The thirty-fourth batch"). Learned from since the thirty-first round.
HOLDOUT34_REACHED = {
    "corpus_holdout34_en": (
        0.86,
        {
            "apology": (0.98, 0.98),
            "blame": (0.85, 0.77),
            "non_apology": (0.92, 0.92),
            "private_channel": (0.97, 0.91),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.83, 0.89),
        },
    ),
    "corpus_holdout34_nl": (
        0.88,
        {
            "apology": (0.99, 0.99),
            "blame": (0.86, 0.71),
            "non_apology": (0.69, 0.92),
            "private_channel": (0.94, 0.91),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.88, 0.93),
        },
    ),
}


# The thirty-fifth batch: written blind by writers in garden rooms, sheds and log cabins, experience-day gifts and
# balloon flights, picture framing and art supplies, heating-oil and LPG deliveries, pool and spa builders, chimney
# sweeps and stove installers, while the thirty-fourth was learned from; graded again blind by a second grader
# (Spearman 0.974 en, 0.981 nl); read once, after the thirty-first round's rules, detectors and points were committed
# (docs/scoring.md, "The thirty-fifth batch"). Learned from since the thirty-second round.
HOLDOUT35_REACHED = {
    "corpus_holdout35_en": (
        0.88,
        {
            "apology": (0.98, 0.98),
            "blame": (0.86, 0.75),
            "non_apology": (0.99, 0.99),
            "private_channel": (0.97, 0.93),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.84, 0.92),
        },
    ),
    "corpus_holdout35_nl": (
        0.87,
        {
            "apology": (0.99, 0.98),
            "blame": (0.81, 0.77),
            "non_apology": (0.99, 0.63),
            "private_channel": (0.97, 0.91),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.85, 0.91),
        },
    ),
}


# The thirty-sixth batch: written blind by writers in shoe repair and key cutting, sports-nutrition webshops, dog
# trainers and puppy classes, carpet and upholstery cleaners, cooking schools, mobility scooters and stairlifts, while
# the thirty-fifth was learned from; graded again blind by a second grader (Spearman 0.976 en, 0.983 nl); read once,
# after the thirty-second round's rules, detectors and points were committed (docs/scoring.md, "The thirty-sixth
# batch"). Learned from since the thirty-third round.
HOLDOUT36_REACHED = {
    "corpus_holdout36_en": (
        0.87,
        {
            "apology": (0.93, 0.96),
            "blame": (0.82, 0.8),
            "non_apology": (0.99, 0.92),
            "private_channel": (0.96, 0.97),
            "public_personal_data": (0.99, 0.89),
            "acknowledge": (0.87, 0.92),
        },
    ),
    "corpus_holdout36_nl": (
        0.87,
        {
            "apology": (0.96, 0.99),
            "blame": (0.87, 0.67),
            "non_apology": (0.77, 0.99),
            "private_channel": (0.98, 0.92),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.88, 0.93),
        },
    ),
}


# The thirty-seventh batch: written blind by writers in aquarium and pond shops, tailors and alteration shops, golf
# clubs and driving ranges, diving and watersports schools, family and newborn photographers, tree surgeons, while
# the thirty-sixth was learned from; graded again blind by a second grader (Spearman 0.981 en, 0.980 nl); read once,
# after the thirty-third round's rules, detectors and points were committed (docs/scoring.md, "The thirty-seventh
# batch"). Learned from since the thirty-fourth round.
HOLDOUT37_REACHED = {
    "corpus_holdout37_en": (
        0.89,
        {
            "apology": (0.94, 0.98),
            "blame": (0.89, 0.73),
            "non_apology": (0.93, 0.84),
            "private_channel": (0.97, 0.92),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.89, 0.9),
        },
    ),
    "corpus_holdout37_nl": (
        0.89,
        {
            "apology": (0.96, 0.98),
            "blame": (0.84, 0.84),
            "non_apology": (0.83, 0.77),
            "private_channel": (0.95, 0.88),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.85, 0.93),
        },
    ),
}


# The thirty-eighth batch: written blind by writers in windscreen repair and mobile tyre fitting, physiotherapy and
# sports massage, florists and flower delivery, drain unblocking and emergency plumbers, bridal-wear and suit hire,
# motorcycle dealers and training schools, while the thirty-seventh was learned from; graded again blind by a second
# grader (Spearman 0.978 en, 0.980 nl); read once, after the thirty-fourth round's rules, detectors and points were
# committed (docs/scoring.md, "The thirty-eighth batch"). Learned from since the thirty-fifth round.
HOLDOUT38_REACHED = {
    "corpus_holdout38_en": (
        0.87,
        {
            "apology": (0.95, 0.96),
            "blame": (0.84, 0.82),
            "non_apology": (0.93, 0.79),
            "private_channel": (0.97, 0.95),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.89, 0.87),
        },
    ),
    "corpus_holdout38_nl": (
        0.88,
        {
            "apology": (0.96, 0.97),
            "blame": (0.81, 0.79),
            "non_apology": (0.75, 0.82),
            "private_channel": (0.98, 0.92),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.88, 0.94),
        },
    ),
}


# The thirty-ninth batch: written blind by writers in indoor ski slopes and ice rinks, laser and skin clinics, phone
# and computer accessory webshops, painters and decorators, party caterers and food trucks, pet sitters and cat
# hotels, while the thirty-eighth was learned from; graded again blind by a second grader (Spearman 0.981 en, 0.985
# nl); read once, after the thirty-fifth round's rules, detectors and points were committed (docs/scoring.md, "The
# thirty-ninth batch"). Learned from since the thirty-sixth round.
HOLDOUT39_REACHED = {
    "corpus_holdout39_en": (
        0.89,
        {
            "apology": (0.96, 0.98),
            "blame": (0.85, 0.77),
            "non_apology": (0.89, 0.89),
            "private_channel": (0.97, 0.85),
            "public_personal_data": (0.99, 0.86),
            "acknowledge": (0.83, 0.94),
        },
    ),
    "corpus_holdout39_nl": (
        0.89,
        {
            "apology": (0.97, 0.99),
            "blame": (0.92, 0.85),
            "non_apology": (0.92, 0.86),
            "private_channel": (0.96, 0.96),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.85, 0.95),
        },
    ),
}


# The fortieth batch: written blind by writers in opticians and hearing-aid shops, dental practices and orthodontists,
# bowling alleys, trampoline parks and climbing halls, jewellers and watch repairers, print shops and photo-book
# services, dance, yoga and music schools, while the thirty-ninth was learned from; graded again blind by a second
# grader (Spearman 0.981 en, 0.977 nl); read once, after the thirty-sixth round's rules, detectors and points were
# committed (docs/scoring.md, "The fortieth batch"). Learned from since the thirty-seventh round.
HOLDOUT40_REACHED = {
    "corpus_holdout40_en": (
        0.89,
        {
            "apology": (0.99, 0.98),
            "blame": (0.94, 0.8),
            "non_apology": (0.99, 0.99),
            "private_channel": (0.97, 0.9),
            "public_personal_data": (0.79, 0.79),
            "acknowledge": (0.82, 0.92),
        },
    ),
    "corpus_holdout40_nl": (
        0.91,
        {
            "apology": (0.96, 0.97),
            "blame": (0.82, 0.75),
            "non_apology": (0.84, 0.74),
            "private_channel": (0.96, 0.88),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.88, 0.96),
        },
    ),
}


# The forty-first batch: written blind by writers in bakeries and cake makers, garden centres and landscapers,
# hairdressers and barbers, cinemas and theatres, zoos, petting farms and museums, furniture upholsterers and
# restorers, while the fortieth was learned from; graded again blind by a second grader (Spearman 0.983 en, 0.982
# nl); read once, after the thirty-eighth round's rules, detectors and points were committed (docs/scoring.md, "The
# forty-first batch"). Learned from since the thirty-ninth round.
HOLDOUT41_REACHED = {
    "corpus_holdout41_en": (
        0.84,
        {
            "apology": (0.96, 0.97),
            "blame": (0.82, 0.75),
            "non_apology": (0.99, 0.74),
            "private_channel": (0.98, 0.96),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.88, 0.9),
        },
    ),
    "corpus_holdout41_nl": (
        0.88,
        {
            "apology": (0.97, 0.96),
            "blame": (0.82, 0.87),
            "non_apology": (0.89, 0.89),
            "private_channel": (0.97, 0.91),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.89, 0.94),
        },
    ),
}


# The forty-second batch: written blind by writers in dry cleaners and laundries, funeral directors and memorial
# masons, window and gutter cleaners, wedding and party venues, computer and laptop repair shops, car washes and
# valeting, while the forty-first was learned from; graded again blind by a second grader (Spearman 0.979 en, 0.980
# nl); read once, after the thirty-ninth round's rules, detectors and points were committed (docs/scoring.md, "The
# forty-second batch"). Learned from since the fortieth round.
HOLDOUT42_REACHED = {
    "corpus_holdout42_en": (
        0.92,
        {
            "apology": (0.98, 0.97),
            "blame": (0.86, 0.82),
            "non_apology": (0.99, 0.99),
            "private_channel": (0.96, 0.94),
            "public_personal_data": (0.99, 0.84),
            "acknowledge": (0.87, 0.91),
        },
    ),
    "corpus_holdout42_nl": (
        0.89,
        {
            "apology": (0.96, 0.99),
            "blame": (0.73, 0.9),
            "non_apology": (0.99, 0.99),
            "private_channel": (0.99, 0.86),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.87, 0.94),
        },
    ),
}


# The forty-third batch: written blind by writers in locksmiths and security installers, kitchen and bathroom
# fitters, veterinary clinics, bicycle shops and bike repair, nail and beauty salons, music festivals and concert
# promoters, while the forty-second was learned from; graded again blind by a second grader (Spearman 0.979 en,
# 0.983 nl); read once, after the fortieth round's rules, detectors and points were committed (docs/scoring.md, "The
# forty-third batch"). Learned from since the forty-first round.
HOLDOUT43_REACHED = {
    "corpus_holdout43_en": (
        0.89,
        {
            "apology": (0.95, 0.97),
            "blame": (0.77, 0.77),
            "non_apology": (0.85, 0.99),
            "private_channel": (0.95, 0.94),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.91, 0.92),
        },
    ),
    "corpus_holdout43_nl": (
        0.9,
        {
            "apology": (0.97, 0.99),
            "blame": (0.81, 0.84),
            "non_apology": (0.99, 0.89),
            "private_channel": (0.97, 0.9),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.93, 0.92),
        },
    ),
}

# The forty-fourth batch: written blind by writers in ferry operators and water taxis, butchers, delis and cheese
# shops, hostels, ice-cream parlours and dessert bars, indoor leisure venues (karaoke, minigolf, paintball, laser
# tag), skip hire and private waste collection, while the forty-third was learned from; graded again blind by a
# second grader (Spearman 0.985 en, 0.979 nl); read once, after the forty-first round's rules, detectors and points
# were committed (docs/scoring.md, "The forty-fourth batch"). Learned from since the forty-second round.
HOLDOUT44_REACHED = {
    "corpus_holdout44_en": (
        0.88,
        {
            "apology": (0.97, 0.99),
            "blame": (0.81, 0.86),
            "non_apology": (0.99, 0.99),
            "private_channel": (0.95, 0.95),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.85, 0.91),
        },
    ),
    "corpus_holdout44_nl": (
        0.91,
        {
            "apology": (0.99, 0.99),
            "blame": (0.87, 0.75),
            "non_apology": (0.8, 0.91),
            "private_channel": (0.97, 0.92),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.91, 0.94),
        },
    ),
}

# The forty-fifth batch: written blind by writers in pawnshops and second-hand dealers, dog groomers, EV charging
# networks and home charge-point installers, sunbed and spray-tan studios, student housing providers, print shops
# and online printers, while the forty-fourth was learned from; graded again blind by a second grader (Spearman
# 0.983 en, 0.980 nl); read once, after the forty-second round's rules, detectors and points were committed
# (docs/scoring.md, "The forty-fifth batch"). Learned from since the forty-third round.
HOLDOUT45_REACHED = {
    "corpus_holdout45_en": (
        0.88,
        {
            "apology": (0.98, 0.97),
            "blame": (0.82, 0.89),
            "non_apology": (0.99, 0.8),
            "private_channel": (0.98, 0.88),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.86, 0.94),
        },
    ),
    "corpus_holdout45_nl": (
        0.9,
        {
            "apology": (0.99, 0.99),
            "blame": (0.76, 0.93),
            "non_apology": (0.86, 0.86),
            "private_channel": (0.99, 0.93),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.91, 0.89),
        },
    ),
}

# The forty-sixth batch: written blind by writers in ice rinks and skating lessons, dance schools and ballet
# studios, au pair and nanny agencies, party and event hire, chocolatiers and sweet shops, jewellers and watch
# repairers, while the forty-fifth was learned from; graded again blind by a second grader (Spearman 0.985 en,
# 0.979 nl); read once, after the forty-third round's rules, detectors and points were committed (docs/scoring.md,
# "The forty-sixth batch"). Learned from since the forty-fourth round.
HOLDOUT46_REACHED = {
    "corpus_holdout46_en": (
        0.87,
        {
            "apology": (0.95, 0.99),
            "blame": (0.82, 0.74),
            "non_apology": (0.99, 0.99),
            "private_channel": (0.97, 0.84),
            "public_personal_data": (0.74, 0.99),
            "acknowledge": (0.83, 0.9),
        },
    ),
    "corpus_holdout46_nl": (
        0.89,
        {
            "apology": (0.98, 0.99),
            "blame": (0.94, 0.83),
            "non_apology": (0.89, 0.99),
            "private_channel": (0.97, 0.85),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.84, 0.95),
        },
    ),
}

# The forty-seventh batch: written blind by writers in go-karting tracks, climbing and bouldering gyms, personal
# trainers and pilates studios, water parks and swimming paradises, tourist bike and e-scooter hire, fishing-tackle
# shops and fishing trips, while the forty-sixth was learned from; graded again blind by a second grader (Spearman
# 0.989 en, 0.984 nl); read once, after the forty-fourth round's rules, detectors and points were committed
# (docs/scoring.md, "The forty-seventh batch"). Learned from since the forty-fifth round.
HOLDOUT47_REACHED = {
    "corpus_holdout47_en": (
        0.89,
        {
            "apology": (0.95, 0.99),
            "blame": (0.74, 0.83),
            "non_apology": (0.91, 0.8),
            "private_channel": (0.98, 0.92),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.86, 0.95),
        },
    ),
    "corpus_holdout47_nl": (
        0.87,
        {
            "apology": (0.94, 0.96),
            "blame": (0.82, 0.85),
            "non_apology": (0.75, 0.7),
            "private_channel": (0.97, 0.89),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.89, 0.92),
        },
    ),
}

# The forty-eighth batch: written blind by writers in escape rooms, driving schools and instructors, toy shops and
# board-game cafés, saunas and wellness resorts, bookshops and book subscription boxes, self-storage facilities,
# while the forty-seventh was learned from; graded again blind by a second grader (Spearman 0.980 en, 0.987 nl);
# read once, after the forty-fifth round's rules, detectors and points were committed (docs/scoring.md, "The
# forty-eighth batch"). Learned from since the forty-sixth round.
HOLDOUT48_REACHED = {
    "corpus_holdout48_en": (
        0.9,
        {
            "apology": (0.94, 0.97),
            "blame": (0.83, 0.81),
            "non_apology": (0.89, 0.89),
            "private_channel": (0.96, 0.91),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.9, 0.89),
        },
    ),
    "corpus_holdout48_nl": (
        0.9,
        {
            "apology": (0.99, 0.97),
            "blame": (0.79, 0.75),
            "non_apology": (0.99, 0.75),
            "private_channel": (0.95, 0.91),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.89, 0.94),
        },
    ),
}

# The forty-ninth batch: written blind by writers in theme parks and amusement parks, pet shops, pottery,
# painting and art workshops, wedding planners, farm shops and pick-your-own farms, canal and harbour boat tours,
# while the forty-eighth was learned from; graded again blind by a second grader (Spearman 0.982 en, 0.985 nl);
# read once, after the forty-sixth round's rules, detectors and points were committed (docs/scoring.md, "The
# forty-ninth batch"). Learned from since the forty-seventh round.
HOLDOUT49_REACHED = {
    "corpus_holdout49_en": (
        0.9,
        {
            "apology": (0.95, 0.98),
            "blame": (0.81, 0.9),
            "non_apology": (0.84, 0.84),
            "private_channel": (0.96, 0.9),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.89, 0.93),
        },
    ),
    "corpus_holdout49_nl": (
        0.9,
        {
            "apology": (0.95, 0.97),
            "blame": (0.88, 0.85),
            "non_apology": (0.82, 0.82),
            "private_channel": (0.98, 0.89),
            "public_personal_data": (0.99, 0.84),
            "acknowledge": (0.83, 0.93),
        },
    ),
}

# The fiftieth batch: written blind by writers in coffee roasters and coffee subscriptions, removal companies and
# man-with-a-van services, holiday parks and bungalow parks, pharmacies and online pharmacies, solar panel and heat
# pump installers, tattoo and piercing studios, while the forty-ninth was learned from; graded again blind by a
# second grader (Spearman 0.975 en, 0.984 nl); read once, after the forty-seventh round's rules, detectors and
# points were committed (docs/scoring.md, "The fiftieth batch"). Learned from since the forty-eighth round.
HOLDOUT50_REACHED = {
    "corpus_holdout50_en": (
        0.88,
        {
            "apology": (0.97, 0.98),
            "blame": (0.78, 0.76),
            "non_apology": (0.8, 0.99),
            "private_channel": (0.98, 0.93),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.85, 0.92),
        },
    ),
    "corpus_holdout50_nl": (
        0.89,
        {
            "apology": (0.97, 0.96),
            "blame": (0.79, 0.86),
            "non_apology": (0.86, 0.99),
            "private_channel": (0.97, 0.87),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.9, 0.95),
        },
    ),
}

# The fifty-first batch: written blind by writers in campsites and glamping sites, handyman and odd-job services,
# music instrument shops and instrument rental, nurseries and after-school clubs, motorhome and caravan rental,
# domestic cleaning agencies, while the fiftieth was learned from; graded again blind by a second grader (Spearman
# 0.984 en, 0.983 nl); read once, after the forty-eighth round's detectors and points were committed
# (docs/scoring.md, "The fifty-first batch"). Learned from since the forty-ninth round.
HOLDOUT51_REACHED = {
    "corpus_holdout51_en": (
        0.89,
        {
            "apology": (0.96, 0.98),
            "blame": (0.83, 0.77),
            "non_apology": (0.99, 0.49),
            "private_channel": (0.97, 0.91),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.83, 0.91),
        },
    ),
    "corpus_holdout51_nl": (
        0.89,
        {
            "apology": (0.99, 0.96),
            "blame": (0.81, 0.78),
            "non_apology": (0.99, 0.99),
            "private_channel": (0.97, 0.89),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.83, 0.98),
        },
    ),
}

# The fifty-second batch: written blind by writers in guided city tours and walking tours, double glazing and door
# installers, costume hire and party shops, roofers, carpet and flooring fitters, airport lounges, while the
# fifty-first was learned from; graded again blind by a second grader (Spearman 0.979 en, 0.983 nl); read once,
# after the forty-ninth round's rules, detectors and points were committed (docs/scoring.md, "The fifty-second
# batch"). Learned from since the fiftieth round.
HOLDOUT52_REACHED = {
    "corpus_holdout52_en": (
        0.89,
        {
            "apology": (0.95, 0.98),
            "blame": (0.76, 0.72),
            "non_apology": (0.99, 0.91),
            "private_channel": (0.98, 0.89),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.84, 0.91),
        },
    ),
    "corpus_holdout52_nl": (
        0.89,
        {
            "apology": (0.97, 0.99),
            "blame": (0.79, 0.84),
            "non_apology": (0.8, 0.89),
            "private_channel": (0.96, 0.95),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.9, 0.93),
        },
    ),
}

# The fifty-third batch: written blind by writers in tool and equipment hire shops, bridal shops, children's
# swimming schools, appliance repair services, gaming cafés and video-game shops, ski schools and winter-sport
# rental, while the fifty-second was learned from; graded again blind by a second grader (Spearman 0.977 en, 0.986
# nl); read once, after the fiftieth round's detectors and points were committed (docs/scoring.md, "The
# fifty-third batch"). Learned from since the fifty-first round.
HOLDOUT53_REACHED = {
    "corpus_holdout53_en": (
        0.9,
        {
            "apology": (0.96, 0.96),
            "blame": (0.8, 0.84),
            "non_apology": (0.9, 0.83),
            "private_channel": (0.97, 0.86),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.92, 0.92),
        },
    ),
    "corpus_holdout53_nl": (
        0.9,
        {
            "apology": (0.99, 0.97),
            "blame": (0.9, 0.77),
            "non_apology": (0.82, 0.82),
            "private_channel": (0.96, 0.91),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.88, 0.9),
        },
    ),
}

# The fifty-fourth batch: written blind by writers in car rental at airports, pest control, meal kits and recipe
# boxes, furniture webshops, sailing, rowing and canoe schools and clubs, charities and fundraising, while the
# fifty-third was learned from; graded again blind by a second grader (Spearman 0.983 en, 0.980 nl); read once,
# after the fifty-first round's detectors and points were committed (docs/scoring.md, "The fifty-fourth batch").
# Learned from since the fifty-second round.
HOLDOUT54_REACHED = {
    "corpus_holdout54_en": (
        0.89,
        {
            "apology": (0.98, 0.96),
            "blame": (0.86, 0.82),
            "non_apology": (0.99, 0.99),
            "private_channel": (0.95, 0.92),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.8, 0.91),
        },
    ),
    "corpus_holdout54_nl": (
        0.9,
        {
            "apology": (0.96, 0.99),
            "blame": (0.85, 0.73),
            "non_apology": (0.99, 0.84),
            "private_channel": (0.97, 0.91),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.87, 0.9),
        },
    ),
}

# The fifty-fifth batch: written blind by writers in shoe shops and shoe webshops, parcel lockers and pick-up
# points, gyms and fitness chains, children's clothing and school-uniform webshops, dating apps, garden furniture
# and barbecue shops, while the fifty-fourth was learned from; graded again blind by a second grader (Spearman
# 0.982 en, 0.978 nl); read once, after the fifty-second round's detectors and points were committed
# (docs/scoring.md, "The fifty-fifth batch"). Learned from since the fifty-third round.
HOLDOUT55_REACHED = {
    "corpus_holdout55_en": (
        0.9,
        {
            "apology": (0.98, 0.98),
            "blame": (0.86, 0.81),
            "non_apology": (0.79, 0.99),
            "private_channel": (0.97, 0.9),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.89, 0.91),
        },
    ),
    "corpus_holdout55_nl": (
        0.91,
        {
            "apology": (0.99, 0.99),
            "blame": (0.84, 0.84),
            "non_apology": (0.89, 0.89),
            "private_channel": (0.96, 0.94),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.88, 0.92),
        },
    ),
}

# The fifty-sixth batch: written blind by writers in craft, fabric and sewing-machine shops, pizza and takeaway
# delivery, plumbers and emergency plumbing, baby and pram shops, perfume and cosmetics webshops, camera and drone
# shops, while the fifty-fifth was learned from; graded again blind by a second grader (Spearman 0.976 en, 0.984
# nl); read once, after the fifty-third round's detectors and points were committed (docs/scoring.md, "The
# fifty-sixth batch"). Learned from since the fifty-fourth round.
HOLDOUT56_REACHED = {
    "corpus_holdout56_en": (
        0.9,
        {
            "apology": (0.96, 0.99),
            "blame": (0.81, 0.86),
            "non_apology": (0.99, 0.99),
            "private_channel": (0.97, 0.93),
            "public_personal_data": (0.99, 0.87),
            "acknowledge": (0.9, 0.91),
        },
    ),
    "corpus_holdout56_nl": (
        0.9,
        {
            "apology": (0.97, 0.99),
            "blame": (0.9, 0.8),
            "non_apology": (0.35, 0.79),
            "private_channel": (0.96, 0.94),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.89, 0.92),
        },
    ),
}

# The fifty-seventh batch: written blind by writers in florists and flower delivery, mobile phone repair shops,
# car parks and parking apps, pet insurance, plant webshops and houseplant subscriptions, stationery and
# office-supply webshops, while the fifty-sixth was learned from; graded again blind by a second grader (Spearman
# 0.981 en, 0.982 nl); read once, after the fifty-fourth round's detectors and points were committed
# (docs/scoring.md, "The fifty-seventh batch"). Learned from since the fifty-fifth round.
HOLDOUT57_REACHED = {
    "corpus_holdout57_en": (
        0.89,
        {
            "apology": (0.97, 0.96),
            "blame": (0.75, 0.88),
            "non_apology": (0.99, 0.99),
            "private_channel": (0.96, 0.93),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.91, 0.95),
        },
    ),
    "corpus_holdout57_nl": (
        0.89,
        {
            "apology": (0.97, 0.97),
            "blame": (0.88, 0.79),
            "non_apology": (0.61, 0.99),
            "private_channel": (0.95, 0.94),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.88, 0.92),
        },
    ),
}


# The fifty-eighth batch: written blind by writers in ticket resale platforms, language-learning apps, antique and
# vintage shops, car-sharing clubs, tea and spice webshops, hiking and outdoor gear shops (the first batch by that
# name was lost unread with its machine, and written again), while the fifty-seventh was learned from; graded again
# blind by a second grader (Spearman 0.982 en, 0.986 nl); read once, after the fifty-sixth round's detectors and
# points were committed (docs/scoring.md, "The fifty-eighth batch"). Learned from since the fifty-seventh round.
HOLDOUT58_REACHED = {
    "corpus_holdout58_en": (
        0.88,
        {
            "apology": (0.99, 0.99),
            "blame": (0.7, 0.94),
            "non_apology": (0.99, 0.99),
            "private_channel": (0.96, 0.94),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.84, 0.93),
        },
    ),
    "corpus_holdout58_nl": (
        0.84,
        {
            "apology": (0.97, 0.99),
            "blame": (0.69, 0.84),
            "non_apology": (0.99, 0.99),
            "private_channel": (0.95, 0.92),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.82, 0.92),
        },
    ),
}


def assert_agrees_with_the_grades(path: Path) -> None:
    """Spearman of score vs grade and precision/recall of the target categories meet the targets."""
    evaluation = judged_file(path)
    assert len(evaluation.judged) >= 100, f"{path.name}: too few replies to judge the rubric by"
    assert evaluation.spearman >= TARGET_SPEARMAN, (
        f"{path.name}: Spearman {evaluation.spearman:.3f}"
    )
    categories = evaluation.categories
    for category in TARGET_CATEGORIES:
        agreement = categories[category]
        precision, recall = agreement.precision, agreement.recall
        assert precision >= TARGET_PR, (
            f"{path.name} {category}: precision {precision:.2f}, wrongly {agreement.fp}"
        )
        assert recall >= TARGET_PR, (
            f"{path.name} {category}: recall {recall:.2f}, missed {agreement.fn}"
        )


@CORPUS_FITS
@pytest.mark.parametrize("path", DEV, ids=lambda p: p.stem)
def test_the_rubric_agrees_with_the_graders_on_the_dev_half(path):
    assert_agrees_with_the_grades(path)


# The floors of every graded file but the dev half, by file (each batch's *_REACHED above says where its
# figures come from): one test per file.
# The fifty-ninth batch: written blind by writers in mobile hot-tub and sauna hire, school and class
# photographers, printer-ink and toner webshops, bike couriers and same-day delivery, insulation installers,
# audiobook and e-book apps, while the fifty-eighth was learned from; graded again blind by a second grader
# (Spearman 0.979 en, 0.978 nl); read once, after the fifty-seventh round's detectors and points were committed
# (docs/scoring.md, "The fifty-ninth batch"). Learned from since the fifty-ninth round.
HOLDOUT59_REACHED = {
    "corpus_holdout59_en": (
        0.89,
        {
            "apology": (0.96, 0.97),
            "blame": (0.65, 0.85),
            "non_apology": (0.99, 0.74),
            "private_channel": (0.99, 0.94),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.83, 0.95),
        },
    ),
    "corpus_holdout59_nl": (
        0.89,
        {
            "apology": (0.98, 0.99),
            "blame": (0.81, 0.83),
            "non_apology": (0.99, 0.95),
            "private_channel": (0.97, 0.88),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.91, 0.94),
        },
    ),
}


# The sixtieth batch: written blind by writers in vending-machine and office-coffee services, home-security
# cameras and smart doorbells, luggage and suitcase brands, train-ticket booking apps, meal delivery for elderly
# people, furniture rental and subscription services, while the fifty-ninth was learned from; graded again blind
# by a second grader (Spearman 0.984 en, 0.980 nl); read once, after the fifty-ninth round's detectors and points
# were committed (docs/scoring.md, "The sixtieth batch"). Learned from since the sixtieth round.
HOLDOUT60_REACHED = {
    "corpus_holdout60_en": (
        0.84,
        {
            "apology": (0.96, 0.96),
            "blame": (0.77, 0.81),
            "non_apology": (0.89, 0.75),
            "private_channel": (0.98, 0.92),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.87, 0.88),
        },
    ),
    "corpus_holdout60_nl": (
        0.88,
        {
            "apology": (0.97, 0.99),
            "blame": (0.71, 0.87),
            "non_apology": (0.99, 0.99),
            "private_channel": (0.97, 0.89),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.88, 0.9),
        },
    ),
}


# The sixty-first batch: written blind by writers in contact-lens and glasses webshops, bakeries and
# celebration-cake orders, crowdfunding platforms, heat-pump installers, board-game and puzzle webshops, moving
# companies, while the sixtieth was learned from; graded again blind by a second grader (Spearman 0.980 en, 0.984
# nl); read once, after the sixtieth round's detectors and points were committed (docs/scoring.md, "The
# sixty-first batch"). Kept out of every fit (scoring/refit_detector.py, HELD_OUT).
HOLDOUT61_REACHED = {
    "corpus_holdout61_en": (
        0.88,
        {
            "apology": (0.97, 0.96),
            "blame": (0.9, 0.76),
            "non_apology": (0.99, 0.99),
            "private_channel": (0.96, 0.92),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.9, 0.9),
        },
    ),
    "corpus_holdout61_nl": (
        0.87,
        {
            "apology": (0.97, 0.97),
            "blame": (0.86, 0.78),
            "non_apology": (0.99, 0.56),
            "private_channel": (0.96, 0.93),
            "public_personal_data": (0.99, 0.99),
            "acknowledge": (0.87, 0.96),
        },
    ),
}


REACHED = {
    **VALIDATION_REACHED,
    **FRESH_HOLDOUT_REACHED,
    **HOLDOUT3_REACHED,
    **HOLDOUT4_REACHED,
    **HOLDOUT5_REACHED,
    **HOLDOUT6_REACHED,
    **HOLDOUT7_REACHED,
    **HOLDOUT8_REACHED,
    **HOLDOUT9_REACHED,
    **HOLDOUT10_REACHED,
    **HOLDOUT11_REACHED,
    **HOLDOUT12_REACHED,
    **HOLDOUT13_REACHED,
    **HOLDOUT14_REACHED,
    **HOLDOUT15_REACHED,
    **HOLDOUT16_REACHED,
    **HOLDOUT17_REACHED,
    **HOLDOUT18_REACHED,
    **HOLDOUT19_REACHED,
    **HOLDOUT20_REACHED,
    **HOLDOUT21_REACHED,
    **HOLDOUT22_REACHED,
    **HOLDOUT23_REACHED,
    **HOLDOUT24_REACHED,
    **HOLDOUT25_REACHED,
    **HOLDOUT26_REACHED,
    **HOLDOUT27_REACHED,
    **HOLDOUT28_REACHED,
    **HOLDOUT29_REACHED,
    **HOLDOUT30_REACHED,
    **HOLDOUT31_REACHED,
    **HOLDOUT32_REACHED,
    **HOLDOUT33_REACHED,
    **HOLDOUT34_REACHED,
    **HOLDOUT35_REACHED,
    **HOLDOUT36_REACHED,
    **HOLDOUT37_REACHED,
    **HOLDOUT38_REACHED,
    **HOLDOUT39_REACHED,
    **HOLDOUT40_REACHED,
    **HOLDOUT41_REACHED,
    **HOLDOUT42_REACHED,
    **HOLDOUT43_REACHED,
    **HOLDOUT44_REACHED,
    **HOLDOUT45_REACHED,
    **HOLDOUT46_REACHED,
    **HOLDOUT47_REACHED,
    **HOLDOUT48_REACHED,
    **HOLDOUT49_REACHED,
    **HOLDOUT50_REACHED,
    **HOLDOUT51_REACHED,
    **HOLDOUT52_REACHED,
    **HOLDOUT53_REACHED,
    **HOLDOUT54_REACHED,
    **HOLDOUT55_REACHED,
    **HOLDOUT56_REACHED,
    **HOLDOUT57_REACHED,
    **HOLDOUT58_REACHED,
    **HOLDOUT59_REACHED,
    **HOLDOUT60_REACHED,
    **HOLDOUT61_REACHED,
}


@CORPUS_FITS
@pytest.mark.parametrize("path", [DATA / f"{stem}.yaml" for stem in REACHED], ids=lambda p: p.stem)
def test_the_rubric_is_no_worse_on_the_validation_set_and_the_holdout(path):
    spearman, reached = REACHED[path.stem]
    evaluation = judged_file(path)
    assert len(evaluation.judged) >= 60, f"{path.name}: too few replies"
    assert evaluation.spearman >= spearman, (
        f"{path.name}: Spearman {evaluation.spearman:.3f} < {spearman}"
    )
    for category in TARGET_CATEGORIES:
        agreement = evaluation.categories[category]
        precision, recall = reached[category]
        assert agreement.precision >= precision, (
            f"{path.name} {category}: precision {agreement.precision:.2f}"
        )
        assert agreement.recall >= recall, f"{path.name} {category}: recall {agreement.recall:.2f}"


def test_evaluate_prints_spearman_and_precision_recall(capsys):
    assert run.main(["assess", "--evaluate", str(DEV[0])]) == 0
    out = capsys.readouterr().out
    assert "Spearman" in out and "apology" in out and "precision" in out


def test_evaluate_json_lists_each_replys_score(capsys):
    import json

    assert run.main(["assess", "--evaluate", str(DEV[1]), "--json"]) == 0
    (result,) = json.loads(capsys.readouterr().out)
    assert result["language"] == "nl" and result["spearman"] >= TARGET_SPEARMAN
    assert all(0 <= r["score"] <= 100 for r in result["judged"])
    assert set(result["categories"]["apology"]) >= {
        "precision",
        "recall",
        "false_positives",
        "false_negatives",
    }


def test_a_broken_corpus_says_where(tmp_path, capsys):
    corpus = tmp_path / "corpus.yaml"
    corpus.write_text(
        "language: en\ncases:\n  - id: a\n    post: hi\nreplies:\n  - id: r1\n    case: b\n"
        "    reply: Sorry!\n    grade: 50\n"
    )
    with pytest.raises(CorpusError, match=r"corpus.yaml:7:11: reply r1: no case 'b'"):
        evaluate(corpus)
    assert run.main(["assess", "--evaluate", str(corpus)]) == 1
    assert "no case 'b'" in capsys.readouterr().err
