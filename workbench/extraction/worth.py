"""Check-worthiness: a 0–100 score with its reasons for every proposed claim (issue 17).

The score is explainable the way ClaimBuster's is not: it is `BASE` plus the points of every rule
in `workbench.extraction.lexicon.worth_rules` that fires on the claim, clamped to 0–100, and the
rules that fired are its reasons ("+18 a number with a unit", "−10 a prediction"). A proposal whose
worth is below the threshold is *weak*: kept, but hidden until the checker asks for weak proposals.

`assess(WorthInput)` is a pure function of the claim span, the sentence around it, its numbers,
and its attribution, so the same score is computed at extraction (engine.py) and for claims
stored before worth existed (db/migrations.py::m007).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from workbench.extraction.lexicon.worth_rules import BASE, WORTH_RULES, Scope, WorthRule
from workbench.model import ClaimKind, NumberMention, ProposedClaim, SourceKind, Span, WorthReason

# Proposals below this worth are weak (hidden by default). Chosen from the dev curves
# (benchmarks/worth_tune.py; docs/worth.md): the lowest threshold that keeps debate NCS shown under
# 20 % while news recall of high-worth claims stays at or above 0.95.
DEFAULT_THRESHOLD = 50
MIN_WORDS = 6  # fewer words than this: "too short to check"
LONG_WORDS = 22  # a sentence this long usually carries detail
# A sentence in the outlet's own voice with neither a name nor a number is still proposed when its
# worth alone reaches this ("The use of cocaine by teenagers is dramatically down").
PROPOSE_WORTH = DEFAULT_THRESHOLD

_WORD = re.compile(r"[a-z0-9$%€£]+(?:[.'’][a-z]+)*|['’]ll")
_CAPITALISED = re.compile(r"(?<![.!?:\"“]\s)(?<!^)\b[A-Z][a-z]+")
_VERB_HINT = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|do|does|did|will|would|can|could|may|might|must|should|"
    r"says?|said|\w+ed|\w+s)\b",
    re.IGNORECASE,
)
_AGE = re.compile(r"[A-Za-z],\s+\d{1,2}\b|\b\d{1,3}-year-old\b")
# A share of people as the source: "63 percent", "Nearly eight of 10 voters", "A majority of voters".
_FIGURE = re.compile(
    r"\d+(?:\.\d+)?\s*(?:%|percent\b|per cent\b)|\b(?:\w+|\d+) (?:in|of|out of) (?:10|ten|\d+)\b|"
    r"\b(?:a|the)\s+(?:\w+\s+)?(?:majority|plurality)\s+of\b|\b(?:half|two-thirds|three-quarters|a third|a quarter)"
    r"\s+of\b|\bmost\s+(?:voters|americans|people|respondents)\b",
    re.IGNORECASE,
)
# A verb in the past: irregular forms and "-ed" words, except participles used as adjectives after
# a present "be" ("I am committed", "they are concerned") and "supposed to" / "used to".
_PAST = re.compile(
    r"(?<!\bam )(?<!\bis )(?<!\bare )(?<!['’]m )(?<!['’]re )(?<!\bbe )(?<!\bbeing )"
    r"\b(?!(?:supposed|used|concerned|committed|prepared|interested|tired|pleased|determined|convinced|"
    r"involved|required|based|so-called|united|limited|needed|red|bed|shed|speed|seed|need|feed|"
    r"hundred|indeed|proceed|exceed|succeed)\b)"
    r"(?:said|told|made|took|gave|won|lost|met|went|came|saw|began|ran|fell|rose|left|"
    r"sent|paid|built|struck|held|hit|shot|bought|sold|brought|found|spent|led|fled|kept|wrote|spoke|chose|"
    r"[a-z]{3,}ed)\b"
)
_OFFICIAL_ROLE = re.compile(
    r"\b(?:president|minister|secretary|senator|sen\.|rep\.|governor|gov\.|mayor|official|officials|"
    r"spokes(?:man|woman|person)|director|chief|chairman|chairwoman|chair|leader|judge|professor|analyst|"
    r"economist|expert|lawyer|attorney|commissioner|ceo|executive|police|sheriff|candidate|nominee|"
    r"congressman|congresswoman|lawmaker|adviser|advisor|ambassador|general|researcher|scientist)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class WorthInput:
    """What the score reads: the claim, the sentence it is in, and who says it."""

    text: str
    sentence: str = ""
    numbers: tuple[NumberMention, ...] = ()
    quote: bool = False
    source_kind: SourceKind = SourceKind.AGENCY
    source: str = ""
    cue: str = ""
    heading: bool = False
    description: str = ""  # what the registry knows of the source ("Jimmy Tompkins, 31")


@dataclass(frozen=True, slots=True)
class Worth:
    """A proposal's check-worthiness: 0–100 and the reasons, strongest first."""

    score: int
    reasons: tuple[WorthReason, ...] = ()

    def weak(self, threshold: int = DEFAULT_THRESHOLD) -> bool:
        return self.score < threshold

    def labels(self) -> list[str]:
        return [r.label() for r in self.reasons]


_DATES = frozenset(("year", "date"))
# "four years", "twice", "seven days": how long or how often, weaker than a count of things.
_DURATIONS = frozenset(
    "year years month months week weeks day days hour hours minute minutes second seconds decade decades "
    "century centuries time times".split()
)


def _numbers_with_unit(x: WorthInput) -> bool:
    return any(n.unit is not None and n.unit not in _DATES and n.unit not in _DURATIONS for n in x.numbers)


def _duration(x: WorthInput) -> bool:
    return not _numbers_with_unit(x) and any(n.unit in _DURATIONS for n in x.numbers)


def _bare_number(x: WorthInput) -> bool:
    return not _numbers_with_unit(x) and any(n.unit is None for n in x.numbers)


def _date_or_year(x: WorthInput) -> bool:
    return any(n.unit in ("year", "date") for n in x.numbers)


_SENTENCE_END = re.compile(r"[.!?]+[\"”’')]*(?=\s|$)")


def _question(x: WorthInput) -> bool:
    """Every sentence of the claim is a question (or the claim is part of one)."""
    text = x.text if x.text.rstrip("\"”’' )").endswith(("?", ".", "!")) else x.sentence or x.text
    ends = [m.group().rstrip("\"”’')") for m in _SENTENCE_END.finditer(text.strip())]
    return bool(ends) and all(e.endswith("?") for e in ends)


def _exclamation(x: WorthInput) -> bool:
    return x.text.rstrip("\"”’' )").endswith("!")


def _short(x: WorthInput) -> bool:
    return len(x.text.split()) < MIN_WORDS


def _fragment(x: WorthInput) -> bool:
    return not x.heading and _VERB_HINT.search(x.text) is None


def _proper_name(x: WorthInput) -> bool:
    return _CAPITALISED.search(x.text) is not None


def _several_names(x: WorthInput) -> bool:
    return len(set(_CAPITALISED.findall(x.text))) >= 3


def _several_figures(x: WorthInput) -> bool:
    return sum(n.unit not in _DATES for n in x.numbers) >= 2


def _long(x: WorthInput) -> bool:
    return len(x.text.split()) >= LONG_WORDS


def _vox_pop(x: WorthInput) -> bool:
    """An ordinary person as source: an age or an everyday role, and no office or expertise."""
    if x.source_kind not in (SourceKind.NAMED, SourceKind.ANONYMOUS) or not x.source:
        return False
    who = f"{x.source}, {x.description}" if x.description else x.source
    if _OFFICIAL_ROLE.search(who) or _figure_in_source(x):
        return False
    words = set(_WORD.findall(who.lower()))
    from workbench.extraction.lexicon.worth_rules import _ORDINARY_PEOPLE

    return bool(words & _ORDINARY_PEOPLE) or _AGE.search(who) is not None


def _figure_in_source(x: WorthInput) -> bool:
    return bool(x.source) and _FIGURE.search(x.source) is not None


def _past_event(x: WorthInput) -> bool:
    return _PAST.search(x.text) is not None


_SPEAKER_WORDS = frozenset("i we you i've we've you've i'm we're you're i'd we'd".split())


def _third_person_past(x: WorthInput) -> bool:
    """A past verb whose subject is not the speaker or the listener (no I/we/you before it)."""
    m = _PAST.search(x.text)
    if m is None:
        return False
    before = x.text[: m.start()].lower().replace("’", "'").split()
    return not any(w.strip(",.;:\"“") in _SPEAKER_WORDS for w in before)


FEATURES: dict[str, Callable[[WorthInput], bool]] = {
    "figure_in_source": _figure_in_source,
    "past_event": _past_event,
    "third_person_past": _third_person_past,
    "number_with_unit": _numbers_with_unit,
    "bare_number": _bare_number,
    "date_or_year": _date_or_year,
    "duration": _duration,
    "question": _question,
    "exclamation": _exclamation,
    "short": _short,
    "fragment": _fragment,
    "heading": lambda x: x.heading,
    "proper_name": _proper_name,
    "several_names": _several_names,
    "several_figures": _several_figures,
    "long": _long,
    "named_source": lambda x: x.source_kind is SourceKind.NAMED,
    "institution_source": lambda x: x.source_kind is SourceKind.INSTITUTION,
    "document_source": lambda x: x.source_kind is SourceKind.DOCUMENT,
    "vox_pop": _vox_pop,
}


@dataclass(frozen=True, slots=True)
class _Scopes:
    texts: dict[Scope, str]
    words: dict[Scope, frozenset[str]]


def _scopes(x: WorthInput) -> _Scopes:
    texts = {
        Scope.CLAIM: x.text,
        Scope.SENTENCE: x.sentence or x.text,
        Scope.SOURCE: x.source,
        Scope.CUE: x.cue,
    }
    return _Scopes(texts, {s: _word_set(t) for s, t in texts.items()})


_NAME_RUN_HEAD = re.compile(r"\b[A-Z][\w.'’-]*(?=\s+[A-Z])")


def _word_set(text: str) -> frozenset[str]:
    """Lower-cased words, without the first words of capitalised names ("Bill" of "Bill Clinton",
    "Supreme" of "Supreme Court"), so that a name never reads as a word of a rule's list."""
    return frozenset(_WORD.findall(_NAME_RUN_HEAD.sub(" ", text).lower()))


def fires(rule: WorthRule, x: WorthInput, scopes: _Scopes | None = None) -> bool:
    """Whether one rule fires on a claim."""
    if rule.feature:
        return FEATURES[rule.feature](x)
    s = scopes or _scopes(x)
    if rule.words and not rule.words.isdisjoint(s.words[rule.scope]):
        return True
    return rule.pattern is not None and rule.pattern.search(s.texts[rule.scope]) is not None


def fired(x: WorthInput, rules: Iterable[WorthRule] = WORTH_RULES) -> list[WorthRule]:
    """The rules that fire on a claim, in table order."""
    s = _scopes(x)
    return [r for r in rules if fires(r, x, s)]


def assess(x: WorthInput, rules: Iterable[WorthRule] = WORTH_RULES, base: int = BASE) -> Worth:
    """The claim's worth: `base` plus the points of the rules that fire, clamped to 0–100."""
    hits = fired(x, rules)
    score = max(0, min(100, base + sum(r.points for r in hits)))
    reasons = sorted((WorthReason(r.name, r.points, r.reason) for r in hits), key=lambda r: -abs(r.points))
    return Worth(score, tuple(reasons))


_END_PUNCT = tuple(".!?:;\"”’')…")
MAX_HEADING_WORDS = 20


def is_heading(line: str) -> bool:
    """A headline or section heading: a short line with no sentence-final punctuation."""
    line = line.strip()
    return bool(line) and not line.endswith(_END_PUNCT) and len(line.split()) <= MAX_HEADING_WORDS


def context_of(text: str, start: int, end: int, sentences: Sequence[Span]) -> str:
    """The sentence or sentences of `text` that the span `start:end` lies in."""
    i = max(0, bisect_right(sentences, start, key=lambda s: s.start) - 1)
    lo = hi = None
    for s in sentences[i:]:
        if s.start >= end:
            break
        if s.end > start:
            lo = s.start if lo is None else lo
            hi = s.end
    if lo is None or hi is None:
        return text[start:end]
    return text[min(lo, start) : max(hi, end)]


def input_for(text: str, claim: ProposedClaim, sentences: Sequence[Span], headings: Sequence[Span]) -> WorthInput:
    """What the score reads for a proposal of `text` (its sentences and heading paragraphs given)."""
    a = claim.attribution
    spoken = a is not None and a.source_start is not None
    return WorthInput(
        text=claim.text,
        sentence=context_of(text, claim.start, claim.end, sentences),
        numbers=claim.numbers,
        quote=claim.kind is ClaimKind.QUOTE,
        source_kind=a.kind if a is not None else SourceKind.AGENCY,
        source=a.source if spoken and a is not None else "",
        cue=a.cue if spoken and a is not None else "",
        description=a.description if a is not None else "",
        heading=any(h.start <= claim.start < h.end for h in headings),
    )


def sentence_worth(text: str, numbers: tuple[NumberMention, ...] = ()) -> int:
    """The worth of a sentence in the outlet's own voice, read alone."""
    return assess(WorthInput(text=text, sentence=text, numbers=numbers)).score
