"""Word lists written as text: one helper for every lexicon of the package."""

from __future__ import annotations


def word_set(words: str) -> frozenset[str]:
    """The white-space separated words of `words` as a frozenset ("said says say" -> 3 words)."""
    return frozenset(words.split())
