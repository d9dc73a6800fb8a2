"""Scoring: the reply rubric and the session scorecard, each point lost with its evidence."""

from .rubric import assess, assess_many

__all__ = ["assess", "assess_many"]
