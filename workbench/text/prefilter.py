"""Cheap tests that let a costly pattern be skipped where it cannot match (speed, never behaviour).

A case-insensitive regular expression (`re.IGNORECASE`) is slow to run over a sentence; most
sentences lack the words it needs. `may_contain(text, needles)` says whether `text`, read as
`re.IGNORECASE` reads it, may contain one of `needles` (lower-case ASCII strings): a pattern every
match of which contains one of them need only be run when it says so.
"""

from __future__ import annotations

import re

# The only non-ASCII characters that re.IGNORECASE matches to ASCII letters (İ ı ↔ i, K ↔ k, ſ ↔ s);
# str.lower() does not map them to those letters, so a text holding one is always searched.
_CASE_ODD = ("\u0130", "\u0131", "\u212a", "\u017f")


def may_contain(text: str, needles: tuple[str, ...]) -> bool:
    """False only when no needle occurs in `text` in any case (re.IGNORECASE's sense)."""
    low = text.lower()
    for needle in needles:  # noqa: SIM110 (a plain loop is cheaper than any() over a generator)
        if needle in low:
            return True
    if text.isascii():
        return False
    return any(c in text for c in _CASE_ODD)


def has_any(text: str, needles: tuple[str, ...]) -> bool:
    """Whether one of `needles` occurs in `text` as written (for case-sensitive patterns)."""
    for needle in needles:  # noqa: SIM110 (a plain loop is cheaper than any() over a generator)
        if needle in text:
            return True
    return False


def word_trie(words: frozenset[str] | set[str] | list[str]) -> str:
    """A regular expression (no capturing groups) that matches exactly the strings of `words`,
    written as a trie ("said|says|saying" -> "sa(?:id|y(?:ing|s))"): the regex engine tries one
    letter against each branch instead of every word at every position. The same strings match as
    with a plain alternation. Followed by `\\b`, it finds what the alternation finds in any order:
    of words made of letters and digits only, at most one can end at a word boundary at a place.
    """
    if not all(w.isalnum() for w in words):
        raise ValueError("word_trie takes words of letters and digits only")
    root: dict[str, dict] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(root)


def _trie_regex(node: dict[str, dict]) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return (body if len(branches) > 1 or len(branches[0]) == 1 else "(?:" + body + ")") + "?"
    return body
