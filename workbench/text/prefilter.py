"""Cheap tests that let a costly pattern be skipped where it cannot match (speed, never behaviour).

A case-insensitive regular expression (`re.IGNORECASE`) is slow to run over a sentence; most
sentences lack the words it needs. `may_contain(text, needles)` says whether `text`, read as
`re.IGNORECASE` reads it, may contain one of `needles` (lower-case ASCII strings): a pattern every
match of which contains one of them need only be run when it says so.
"""

from __future__ import annotations

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
