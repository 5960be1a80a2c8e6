"""Drop proposals that are metadata, never claims (rows in workbench/extraction/lexicon/junk_rules.py).

A sourcing clause standing alone ("on the condition of anonymity", "according to officials"), a
byline or "reports for X", a credit, a photo credit, a dateline, a "declined to comment" and
editor's-note boilerplate say who wrote or said something, not what is claimed (issue 17).
"""

from __future__ import annotations

from workbench.extraction.lexicon.junk_rules import JUNK_RULES, JunkRule
from workbench.text.prefilter import CASE_ODD

_EDGES = " \t\n\"“”'‘’«»()[].,;:"


def junk_rule(text: str) -> JunkRule | None:
    """The junk rule whose pattern is the whole of `text` (edge punctuation aside), or None."""
    core = text.strip(_EDGES)
    if not core:
        return None
    low = core.lower()
    odd = not core.isascii() and any(c in core for c in CASE_ODD)  # see workbench.text.prefilter
    for rule in JUNK_RULES:
        if rule.needs and not _holds(low, odd, rule.needs):
            continue  # no full match can lack every needle (speed)
        if rule.pattern.fullmatch(core):
            return rule
    return None


def _holds(low: str, odd: bool, needles: tuple[str, ...]) -> bool:
    """workbench.text.prefilter.may_contain, with the lower-cased text made once for all rows."""
    for needle in needles:  # noqa: SIM110
        if needle in low:
            return True
    return odd


def is_junk(text: str) -> bool:
    return junk_rule(text) is not None
