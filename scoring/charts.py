"""The reach chart's series, colours and axes: one table for the console and the reports alike.

The console draws it with plotext, the HTML report with pygal; both read this, so "you" is the same
colour in both, and both label their axes with units.
"""

from __future__ import annotations

# (series key in Scorecard.series, label key in scoring/i18n.py, colour)
REACH_SERIES = (
    ("trainee", "report.you", "#2980b9"),  # you: blue, the line to watch
    ("none", "report.nobody", "#c0392b"),  # nobody answering: red, what the storm does alone
    ("reference", "report.reference", "#27ae60"),  # a reference team: green, the yardstick
)
REACH_COLOURS = {key: colour for key, _label, colour in REACH_SERIES}
REACH_X_AXIS = "report.axis_minutes"  # minutes since the storm began
REACH_Y_AXIS = "report.axis_reach"  # its unit: impressions, cumulative (the title says what)
