"""Attributions the cue patterns of attribution.py miss: absolutes and relative clauses (issue 13 item 2).

Each pattern is a row: its name, its finder, an example sentence, the example's outcome through
`extract()` (who each claim is attributed to, as in workbench.extraction.vetoes) and why it exists.
tests/test_clause_cues.py runs every example with the row and without it, so no row stays unless
its example needs it. The finders read the masked unit (quotations blanked) and return
`attribution.Found` relations; the caller keeps only those that do not overlap what it found.

- `with_absolute`: "…, with spokesman Jason Miller saying the poll was rigged"
- `comma_absolute`: "…, Kissinger telling reporters that sanctions had failed"
- `relative_speaker`: "voters who worry that …", "a poll which showed …": the relative pronoun is
  the source (the engine resolves it to the noun phrase it attaches to)
- `speech_goes_on`: 'She continued, "…"', 'He went on: "…"', 'Trump put it this way: …': a verb that
  is speech only when a colon or a quotation follows
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from workbench.extraction.lexicon.source_words import DOCUMENT_WORDS
from workbench.extraction.lexicon.stance_words import FORMS, STANCE_LEMMAS
from workbench.extraction.phrases import MASK, is_head, source_before, trim, word_count
from workbench.model import Span
from workbench.text.prefilter import has_any, word_trie

MIN_WORDS = 3

# Speech and cognition verbs in the -ing form ("saying", "telling", "arguing"), from the verb classes.
_ING = sorted({FORMS[lemma][3] for lemma in STANCE_LEMMAS}, key=len, reverse=True)
_ING_RE = word_trie(_ING)  # always followed by \b: the same match as the alternation (prefilter.word_trie)
# Finite forms after a relative pronoun: "who worry", "which showed", "who has argued".
_FINITE = sorted(
    {f for lemma in STANCE_LEMMAS for f in (lemma, FORMS[lemma][0], FORMS[lemma][1])}, key=len, reverse=True
)
_FINITE_RE = word_trie(_FINITE)  # always followed by \b
_RECIPIENT = r"(?:(?<=telling)\s+(?:reporters|journalists|him|her|them|us|me|the\s+\w+|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?))?"
_THAT = r"(?:\s*,?\s*that\b|\s*:)?"

WITH_ABSOLUTE_RE = re.compile(
    r"\bwith\s+(?P<src>(?:[\w.'’-]+\s+){0,5}?[\w.'’-]+)\s+(?P<cue>" + _ING_RE + r")\b" + _RECIPIENT + _THAT
)
COMMA_ABSOLUTE_RE = re.compile(
    r",\s+(?P<src>(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*|he|she|they)\s+(?P<cue>"
    + _ING_RE
    + r")\b"
    + _RECIPIENT
    + _THAT
)
RELATIVE_RE = re.compile(
    r"(?<=[a-z])(?:,)?\s+(?P<src>who|which)\s+(?:(?:also|still|now|long|have|has|had|often)\s+)*"
    r"(?:(?P<cue>"
    + _FINITE_RE
    + r")\b\s*,?\s*that\b|(?P<evidence>shows?|showed|finds|found|suggests?|suggested|"
    r"indicates?|indicated|concluded|estimates?|estimated)\b)"
)
RELATIVE_NEEDS = ("who", "which")  # speed: every match of RELATIVE_RE holds one (workbench.text.prefilter)


@dataclass(frozen=True, slots=True)
class Relation:
    """What a finder returns: spans in article offsets."""

    content: Span
    source: Span
    cue: Span
    start: int  # where the phrase begins (", with ..."): a clause before it ends there


Finder = Callable[[str, str, Span], list[Relation]]


@dataclass(frozen=True, slots=True)
class ClauseCue:
    name: str
    find: Finder
    example: str
    expect: str
    why: str


def _content(text: str, masked: str, start: int, end: int) -> Span | None:
    if word_count(masked, start, end) < MIN_WORDS and MASK not in masked[start:end]:
        return None
    return trim(text, start, end)


def _absolute(pattern: re.Pattern[str], subject_ok: Callable[[str], bool]) -> Finder:
    def find(text: str, masked: str, unit: Span) -> list[Relation]:
        out = []
        for m in pattern.finditer(masked, unit.start, unit.end):
            src = m.group("src")
            if MASK in src or not subject_ok(src):
                continue
            content = _content(text, masked, m.end(), unit.end)
            if content is not None:
                out.append(Relation(content, Span(*m.span("src")), Span(*m.span("cue")), m.start()))
        return out

    return find


def _with_subject(src: str) -> bool:
    return is_head(src.split()[-1])


def _name_or_pronoun(src: str) -> bool:
    return src[0].isupper() or src in ("he", "she", "they")


def _relative(text: str, masked: str, unit: Span) -> list[Relation]:
    out = []
    if not has_any(masked[unit.start : unit.end], RELATIVE_NEEDS):
        return out
    for m in RELATIVE_RE.finditer(masked, unit.start, unit.end):
        content = _content(text, masked, m.end(), _clause_end(masked, m.end(), unit.end))
        cue = "cue" if m.group("cue") else "evidence"
        if content is not None:
            out.append(Relation(content, Span(*m.span("src")), Span(*m.span(cue)), m.start()))
    return out


GOES_ON_RE = re.compile(
    r"\b(?P<cue>continued|continues|went on|goes on|began|begins|put it(?: \w+)? (?:this|that) way|put it \w+ly)"
    r"(?:\s*,\s*(?=[\"“\x00])|\s*:\s*)"
)
GOES_ON_NEEDS = ("continue", "went on", "goes on", "began", "begins", "put it")


def _goes_on(text: str, masked: str, unit: Span) -> list[Relation]:
    out = []
    if not has_any(masked[unit.start : unit.end], GOES_ON_NEEDS):
        return out
    for m in GOES_ON_RE.finditer(masked, unit.start, unit.end):
        src = source_before(text, masked, unit.start, m.start("cue"))
        content = _content(text, masked, m.end(), unit.end)
        if content is not None and text[content.start] in '"“' and text[content.end - 1] in '"”':
            content = trim(text, content.start + 1, content.end - 1)  # the inside of the quotation
        if src is not None and content is not None:
            out.append(Relation(content, src, Span(*m.span("cue")), src.start))
    return out


# '"...," the letter reads.': a document "reads" its quotation (only right after one).
DOCUMENT_READS_RE = re.compile(
    r"[,?!]?[\"”]\s+(?P<src>(?:the|a|an|its|his|her|their|one)\s+(?:[\w'’-]+\s+){0,2}?(?P<head>[a-z]+))"
    r"\s+(?P<cue>reads|read)\b"
)


def _document_reads(text: str, masked: str, unit: Span) -> list[Relation]:
    out = []
    if "read" not in masked[unit.start : unit.end]:
        return out
    for m in DOCUMENT_READS_RE.finditer(masked, unit.start, unit.end):
        if m.group("head") not in DOCUMENT_WORDS:
            continue
        quote_end = m.start("src")
        content = _content(text, masked, unit.start, quote_end)
        if content is not None and text[content.start] in '"“' and text[content.end - 1] in '"”,':
            content = trim(text, content.start + 1, content.end - 1) or content
        if content is not None:
            out.append(Relation(content, Span(*m.span("src")), Span(*m.span("cue")), unit.start))
    return out


def _clause_end(masked: str, pos: int, end: int) -> int:
    """A relative clause's content ends at the next comma or semicolon outside a quotation."""
    m = re.compile(r"[,;]\s").search(masked, pos, end)
    return m.start() if m else end


WITH_ABSOLUTE = ClauseCue(
    "with_absolute",
    _absolute(WITH_ABSOLUTE_RE, _with_subject),
    "The campaign denied the report on Friday, with spokesman Jason Miller saying the poll was off by 5 points.",
    "The campaign denied | spokesman Jason Miller saying",
    "'with X saying Y': an absolute phrase whose subject speaks",
)
COMMA_ABSOLUTE = ClauseCue(
    "comma_absolute",
    _absolute(COMMA_ABSOLUTE_RE, _name_or_pronoun),
    "Kissinger met Putin in Moscow, Kissinger telling reporters that sanctions had cost Russia 2 percent.",
    "Kissinger telling",
    "', X telling reporters that Y': a participle with its own named subject",
)
RELATIVE_SPEAKER = ClauseCue(
    "relative_speaker",
    _relative,
    "Many voters who worry that the economy is rigged backed Sanders in the primary.",
    "who worry",
    "'voters who worry that Y', 'a poll which showed Y': the relative clause attributes Y",
)

SPEECH_GOES_ON = ClauseCue(
    "speech_goes_on",
    _goes_on,
    'She continued, "All we are asking for is a chance to have our case heard in a courtroom."',
    "She continued",
    "'continued', 'went on', 'put it this way' are speech only before a colon or a quotation",
)

DOCUMENT_READS = ClauseCue(
    "document_reads",
    _document_reads,
    '"We see charter schools offering hope to parents of color in 40 cities," the letter reads.',
    "the letter reads",
    "'\"...,\" the letter reads': a document's text quoted; 'reads' is a cue only there",
)

CLAUSE_CUES: tuple[ClauseCue, ...] = (
    WITH_ABSOLUTE,
    COMMA_ABSOLUTE,
    RELATIVE_SPEAKER,
    SPEECH_GOES_ON,
    DOCUMENT_READS,
)
