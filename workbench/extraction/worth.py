"""Check-worthiness: a 0–100 score with its reasons for every proposed claim (issue 17).

The score is explainable the way ClaimBuster's is not: it is `BASE` plus the points of every rule
in `workbench.extraction.lexicon.worth_rules` that fires on the claim, clamped to 0–100, and the
rules that fired are its reasons ("+16 a number with a unit", "−6 a prediction"). A proposal whose
worth is below the threshold is *weak*: kept, but hidden until the checker asks for weak proposals,
and left out of reports until someone accepts it.

`assess(WorthInput)` is a pure function of the claim span, the sentence around it, its numbers and
its attribution, so the same score is computed at extraction (engine.py) and for claims stored
before worth existed (`assess_span`, used by db/migrations.py).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from workbench.extraction.headings import heading_spans
from workbench.extraction.lexicon.worth_rules import BASE, WORTH_RULES, Scope, WorthRule
from workbench.extraction.worth_features import FEATURES, WORD, WorthInput
from workbench.model import ClaimKind, NumberMention, ProposedClaim, SourceKind, Span, WorthReason
from workbench.text.sentences import split_sentences

__all__ = ["DEFAULT_THRESHOLD", "Worth", "WorthInput", "assess", "assess_span", "fired", "input_for"]

# Proposals below this worth are weak (hidden by default, a setting in the app). Chosen from the
# dev curves (benchmarks/worth_tune.py, docs/worth.md).
DEFAULT_THRESHOLD = 50
# A sentence in the outlet's own voice with neither a name nor a number is still proposed when its
# worth alone reaches the threshold ("The use of cocaine by teenagers is dramatically down").
PROPOSE_WORTH = DEFAULT_THRESHOLD
MAX_SCORED_CHARS = 1500  # a claim is a sentence or a few: longer text is read up to here


@dataclass(frozen=True, slots=True)
class Worth:
    """A proposal's check-worthiness: 0–100 and the reasons, strongest first."""

    score: int
    reasons: tuple[WorthReason, ...] = ()

    def weak(self, threshold: int = DEFAULT_THRESHOLD) -> bool:
        return self.score < threshold

    def labels(self) -> list[str]:
        return [r.label() for r in self.reasons]


# A capitalised word that does not open a sentence or a quotation: part of a name or a title.
# ((?=[A-Z]) first: a cheap test before the look-behinds; speed, same matches.)
_NAME_WORD = re.compile(r"(?=[A-Z])(?<![.!?:;\"“‘(]\s)(?<![\"“‘(])(?<!^)\b[A-Z][a-z][\w'’-]*")


@lru_cache(maxsize=4096)
def _word_set(text: str) -> frozenset[str]:
    """Lower-cased words, without capitalised words inside a sentence ("Bill" of "Bill Clinton",
    "May" the month, "Court" of "Supreme Court"), so that a name never reads as a cue word.

    Cached: a pure function of the text, and the cue words ("said", "told") and many claim texts
    repeat (a claim is scored at extraction, again when stored, and for each threshold tried)."""
    return frozenset(WORD.findall(_NAME_WORD.sub(" ", text).lower()))


def _scope_text(x: WorthInput, scope: Scope) -> str:
    if scope is Scope.CLAIM:
        return x.text
    if scope is Scope.SENTENCE:
        return x.sentence or x.text
    return x.source if scope is Scope.SOURCE else x.cue


def _plan(rules: Iterable[WorthRule]) -> tuple[tuple, ...]:
    """The rows as flat tuples (row, feature function, scope, words, pattern, cased, needs), built
    once per rule table (kept by identity: hashing the rows would cost more than the loop saves);
    the loop of `fired` then reads locals instead of attributes and a dict."""
    kept = _PLANS.get(id(rules))
    if kept is not None and kept[0] is rules:
        return kept[1]
    rows = tuple(rules)
    plan = tuple(
        (r, FEATURES[r.feature] if r.feature else None, r.scope, r.words, r.pattern, r.cased, r.needs)
        for r in rows
    )
    if isinstance(rules, tuple):
        _PLANS[id(rules)] = (rules, plan)
    return plan


_PLANS: dict[int, tuple[tuple[WorthRule, ...], tuple[tuple, ...]]] = {}


def fired(x: WorthInput, rules: Iterable[WorthRule] = WORTH_RULES) -> list[WorthRule]:
    """The rules that fire on a claim, in table order.

    A scope's text, lower-cased text and word set are computed when a rule first reads them (the
    rows read the claim and the cue only)."""
    texts: dict[Scope, str] = {}
    words: dict[Scope, frozenset[str]] = {}
    out = []
    for r, feature, scope, row_words, pattern, cased, needs in _plan(rules):
        if feature is not None:
            hit = feature(x)
        elif row_words and not row_words.isdisjoint(
            words[scope] if scope in words else words.setdefault(scope, _word_set(_scope_text(x, scope)))
        ):
            hit = True
        elif pattern is not None:
            key = (scope, cased)
            if key in texts:
                text = texts[key]
            else:
                text = texts[key] = _scope_text(x, scope) if cased else _scope_text(x, scope).lower()
            hit = False
            if needs:
                # a plain loop: any() over a generator costs more than the search it saves
                for needle in needs:
                    if needle in text:
                        hit = pattern.search(text) is not None
                        break
            else:
                hit = pattern.search(text) is not None
        else:
            hit = False
        if hit:
            out.append(r)
    if len(out) > 1:
        names = {r.name for r in out}
        return [r for r in out if r.unless.isdisjoint(names)]
    return [r for r in out if not r.unless or r.unless.isdisjoint((r.name,))]


def assess(x: WorthInput, rules: Iterable[WorthRule] = WORTH_RULES, base: int = BASE) -> Worth:
    """The claim's worth: `base` plus the points of the rules that fire, clamped to 0–100."""
    if len(x.text) > MAX_SCORED_CHARS or len(x.sentence) > MAX_SCORED_CHARS:
        x = replace(x, text=x.text[:MAX_SCORED_CHARS], sentence=x.sentence[:MAX_SCORED_CHARS])
    hits = fired(x, rules)
    score = max(0, min(100, base + sum(r.points for r in hits)))
    reasons = sorted((WorthReason(r.name, r.points, r.reason) for r in hits), key=lambda r: -abs(r.points))
    return Worth(score, tuple(reasons))


def sentence_worth(text: str, numbers: tuple[NumberMention, ...] = ()) -> int:
    """The worth of a sentence in the outlet's own voice, read alone."""
    return assess(WorthInput(text=text, sentence=text, numbers=numbers)).score


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


def _inside(pos: int, spans: Sequence[Span]) -> bool:
    """Whether `pos` lies in one of `spans` (sorted, not overlapping)."""
    i = bisect_right(spans, pos, key=lambda s: s.start) - 1
    return i >= 0 and spans[i].start <= pos < spans[i].end


def input_for(
    text: str, claim: ProposedClaim, sentences: Sequence[Span], headings: Sequence[Span]
) -> WorthInput:
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
        heading=_inside(claim.start, headings),
    )


@dataclass(frozen=True, slots=True)
class ArticleContext:
    """The sentences and heading paragraphs of one article, for scoring many of its claims."""

    text: str
    sentences: list[Span]
    headings: list[Span]

    @classmethod
    def of(cls, text: str, title: str = "") -> ArticleContext:
        return cls(text, split_sentences(text), heading_spans(text, title))


def assess_span(context: ArticleContext, claim: ProposedClaim) -> Worth:
    """The worth of a claim stored on `context.text[claim.start:claim.end]` (claims stored before
    worth existed, or edited by a person)."""
    return assess(input_for(context.text, claim, context.sentences, context.headings))
