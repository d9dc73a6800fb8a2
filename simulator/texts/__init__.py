"""Text banks: what generated customers write, per language and topic."""
