"""The computed features of check-worthiness: what a rule row with `feature=` reads (issue 17).

Lexical rules (word lists and patterns) are rows in `lexicon/worth_rules.py`; the features here
need more than the words: the numbers found in the claim, its source, its tense, whether it is a
question. Each takes a `WorthInput` and says yes or no.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice

from workbench.extraction.lexicon.worth_words import ORDINARY_PEOPLE
from workbench.model import NumberMention, SourceKind


@dataclass(frozen=True, slots=True)
class WorthInput:
    """What the score reads: the claim, the sentence it is in, and who says it."""

    text: str
    sentence: str = ""
    numbers: tuple[NumberMention, ...] = ()
    quote: bool = False
    source_kind: SourceKind = SourceKind.AGENCY
    source: str = ""  # the source phrase as written ("a 34-year-old mother of three"); "" for the outlet
    cue: str = ""
    heading: bool = False
    description: str = ""  # what the registry knows of the source ("Jimmy Tompkins, 31")


WORD = re.compile(r"[a-z0-9$%€£]+(?:[.'’][a-z]+)*|['’]ll")
# A capitalised word that does not open a sentence: a name. ((?=[A-Z]) first: speed, same matches.)
_CAPITALISED = re.compile(r"(?=[A-Z])(?<![.!?:\"“]\s)(?<!^)\b[A-Z][a-z]+")
# "Quina Jones, 25", "a 34-year-old mother": an age in the description of a person.
_AGE = re.compile(r"[A-Za-z],\s+\d{1,2}\b|\b\d{1,3}-year-old\b")
# A share of people as the source: "63 percent", "Nearly eight of 10 voters", "A majority of voters".
_FIGURE = re.compile(
    r"\d+(?:\.\d+)?\s*(?:%|percent\b|per cent\b)|\b(?:\w+|\d+) (?:in|of|out of) (?:10|ten|\d+)\b|"
    r"\b(?:a|the)\s+(?:\w+\s+)?(?:majority|plurality)\s+of\b|\b(?:half|two-thirds|three-quarters|a third|a quarter)"
    r"\s+of\b|\bmost\s+(?:voters|americans|people|respondents)\b",
    re.IGNORECASE,
)
# A verb in the past: irregular forms and "-ed" words, except participles used as adjectives after
# a present "be" ("I am committed", "they are concerned") and "supposed to" / "used to". The
# candidates are found by one plain pattern and the exceptions checked in Python (lookbehinds at
# every word made this the slowest feature).
_PAST_WORD = re.compile(
    r"\b(?:said|told|made|took|gave|won|lost|met|went|came|saw|began|ran|fell|rose|left|sent|paid|built|"
    r"struck|held|hit|shot|bought|sold|brought|found|spent|led|fled|kept|wrote|spoke|chose|[a-z]{3,}ed)\b"
)
_NOT_PAST = frozenset(
    """supposed used interested tired pleased involved required based so-called united limited red bed
    shed speed seed need feed hundred indeed proceed exceed succeed""".split()  # noqa: SIM905
)
_PRESENT_BE = ("am ", "is ", "are ", "'m ", "’m ", "'re ", "’re ", "be ", "being ")


def _past_verb(text: str) -> re.Match[str] | None:
    for m in _PAST_WORD.finditer(text):
        if m.group() in _NOT_PAST or text[max(0, m.start() - 6) : m.start()].endswith(_PRESENT_BE):
            continue
        return m
    return None


# Words that make a source someone speaking for an office or expertise, not a passer-by.
_OFFICIAL_ROLE = re.compile(
    r"\b(?:president|minister|secretary|senator|sen\.|rep\.|governor|gov\.|mayor|official|officials|"
    r"spokes(?:man|woman|person)|director|chief|chairman|chairwoman|chair|leader|judge|professor|analyst|"
    r"economist|expert|lawyer|attorney|commissioner|ceo|executive|police|sheriff|candidate|nominee|"
    r"congressman|congresswoman|lawmaker|adviser|advisor|ambassador|general|researcher|scientist)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?]+[\"”’')]*(?=\s|$)")
_DATES = frozenset(("year", "date"))
# "four years", "twice", "seven days": how long or how often, weaker than a count of things.
_DURATIONS = frozenset(
    """year years month months week weeks day days hour hours minute minutes second seconds decade
    decades century centuries time times""".split()  # noqa: SIM905
)


def _numbers_with_unit(x: WorthInput) -> bool:
    return any(n.unit is not None and n.unit not in _DATES and n.unit not in _DURATIONS for n in x.numbers)


def _duration(x: WorthInput) -> bool:
    return not _numbers_with_unit(x) and any(n.unit in _DURATIONS for n in x.numbers)


def _bare_number(x: WorthInput) -> bool:
    return not _numbers_with_unit(x) and any(n.unit is None for n in x.numbers)


def _date_or_year(x: WorthInput) -> bool:
    return any(n.unit in _DATES for n in x.numbers)


def _several_figures(x: WorthInput) -> bool:
    return sum(n.unit not in _DATES for n in x.numbers) >= 2


def _question(x: WorthInput) -> bool:
    """Every sentence of the claim is a question (or the claim is part of one)."""
    text = x.text if x.text.rstrip("\"”’' )").endswith(("?", ".", "!")) else x.sentence or x.text
    ends = [m.group().rstrip("\"”’')") for m in _SENTENCE_END.finditer(text.strip())]
    return bool(ends) and all(e.endswith("?") for e in ends)


def _exclamation(x: WorthInput) -> bool:
    return x.text.rstrip("\"”’' )").endswith("!")


def _proper_name(x: WorthInput) -> bool:
    return _CAPITALISED.search(x.text) is not None


def _several_names(x: WorthInput) -> bool:
    return len(set(_CAPITALISED.findall(x.text))) >= 3


_ONGOING = re.compile(r"\b(?:has|have|had)\s+been\s+[a-z]{3,}ing\b")


def _past_event(x: WorthInput) -> bool:
    """Something happened, or has been happening ("Iran has been gathering…")."""
    return _past_verb(x.text) is not None or _ONGOING.search(x.text) is not None


def _figure_in_source(x: WorthInput) -> bool:
    return bool(x.source) and _FIGURE.search(x.source) is not None


def _vox_pop(x: WorthInput) -> bool:
    """An ordinary person as source: an age or an everyday role ("a 25-year-old protester",
    "Jimmy Tompkins, 31"), and no office, expertise or poll share."""
    if x.source_kind not in (SourceKind.NAMED, SourceKind.ANONYMOUS) or not x.source:
        return False
    who = f"{x.source}, {x.description}" if x.description else x.source
    if _OFFICIAL_ROLE.search(who) or _figure_in_source(x):
        return False
    return not ORDINARY_PEOPLE.isdisjoint(WORD.findall(who.lower())) or _AGE.search(who) is not None


FEW_WORDS = 7  # a claim of fewer words than this says little a checker can check ("That is the problem.")


def _few_words(x: WorthInput) -> bool:
    # counts words up to FEW_WORDS only (the answer is known there; speed)
    return sum(1 for _ in islice(WORD.finditer(x.text.lower()), FEW_WORDS)) < FEW_WORDS


FEATURES: dict[str, Callable[[WorthInput], bool]] = {
    "few_words": _few_words,
    "number_with_unit": _numbers_with_unit,
    "bare_number": _bare_number,
    "date_or_year": _date_or_year,
    "duration": _duration,
    "several_figures": _several_figures,
    "question": _question,
    "exclamation": _exclamation,
    "heading": lambda x: x.heading,
    "proper_name": _proper_name,
    "several_names": _several_names,
    "past_event": _past_event,
    "figure_in_source": _figure_in_source,
    "named_source": lambda x: x.source_kind is SourceKind.NAMED,
    "institution_source": lambda x: x.source_kind is SourceKind.INSTITUTION,
    "document_source": lambda x: x.source_kind is SourceKind.DOCUMENT,
    "vox_pop": _vox_pop,
}
