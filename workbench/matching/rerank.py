"""Matching a claim against stored sentences: rerank scores and reasons. Pure.

The pipeline (db/stores/search.py runs the SQL half):

1. workbench.matching.query builds the FTS5 query: `query_terms(claim)`, `choose_terms` within a
   postings budget, `fts_expression`.
2. FTS5 bm25 returns the `CANDIDATES` best sentences; `rerank` scores each with rapidfuzz and
   the weighted share of the claim's terms it contains, and keeps those over `SCORE_CUTOFF`.
3. `explain` gives the reasons: shared names, shared terms, numbers that agree or conflict.

All fuzzy matching of the workbench goes through this module and query.py (docs/matching.md has
the measurements behind the constants).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, process

# Counting stored matches lives in workbench/matching/corroboration.py; these names stay importable from here.
from workbench.matching.corroboration import (  # noqa: F401
    Corroboration,
    MatchRole,
    StoredMatch,
    corroboration,
    is_conflict,
    is_support,
    role,
)

# The query half lives in workbench/matching/query.py; db/stores/search.py imports these from here.
from workbench.matching.query import (  # noqa: F401
    CANDIDATES,
    STOPWORDS,
    WEAK_MIN_SCORE,
    QueryTerm,
    choose_terms,
    content_words,
    correction,
    fold,
    fts_expression,
    idf,
    index_terms,
    index_text,
    match_note,
    normalise,
    query_terms,
    stem,
    stems,
)
from workbench.matching.relation import Relation, relate, with_verdict
from workbench.model import MatchRelation, MatchResult, NumberMention, SentenceHit
from workbench.text.numbers import find_numbers, unit_key

# --- rerank -------------------------------------------------------------------------------------

# The rerank score (0-100) blends two coverages, the idf-weighted share of the claim's terms the
# sentence has (forward) and the share of the sentence's terms the claim has (back), with a
# rapidfuzz similarity of the normalised texts (word order, typos) and a BM25F share. Terms are
# `index_terms` (Snowball stems of the content words), the same the index holds. The better
# coverage weighs most, so a short claim inside a long sentence and a short sentence inside a long
# claim (a tweet repeating a fact-checked claim) both score high; one- to three-term sentences get
# little back coverage, so "Obama" does not match every claim naming him. Measured on CheckThat!
# 2020 and the planted-claim benchmark; the table is in docs/matching.md.
SCORER = fuzz.token_sort_ratio
W_FORWARD = 0.3  # the claim's coverage: ranks sentences sharing the claim's rarest terms first
W_CONTAINED = 0.2  # the better coverage: one text inside the other (a short claim in a long sentence)
W_FUZZY = 0.2
W_BM25 = 0.3  # the claim's coverage as BM25F counts it: repeated terms count, long texts less
BM25_K1 = 1.2  # FTS5's bm25 parameters
BM25_B = 0.75
# BM25F (Robertson and Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond", 3.5.1):
# a term's frequency is summed over the fields, each weighted and normalised by its own length,
# before the one saturation; a statement's title is a field of its own, not more words of the text.
BM25_AVG_TERMS = 12.0  # a typical sentence's length in index terms (content words), the text field's average
BM25_AVG_TITLE_TERMS = 8.0  # a typical statement title's length in index terms
W_TITLE = 1.0  # the title field's weight against the text's
# A long query (a tweet, a paragraph) is mostly words its match does not have; its rarest terms
# carry it, so its idf weights are sharpened. CheckThat dev MAP@5 0.790 -> 0.814 (tweets have 8-40
# terms; 0.814 for thresholds 7-13, power 2 0.811-0.813); short claims keep plain idf: on the planted
# benchmark (3-6 terms) idf^1.5 for every claim lost 1 of 200 at rank 10 and 3 at rank 1.
LONG_QUERY_TERMS = 10
LONG_QUERY_IDF_POWER = 1.5
BACK_FULL_WORDS = 6  # a sentence of fewer content words gets only part of its back coverage
SCORE_CUTOFF = 15.0  # results below this are not shown
FUZZY_CUTOFF = 0.0  # rapidfuzz's score_cutoff: 0 because the blend, not the fuzzy part, decides
SHORT_SENTENCE_WORDS = 3  # a sentence of this few content words must share all of them
W_NUMBERS = 10.0  # added per number the sentence states about the same thing (same unit), agreeing or
# not, times the square root of the texts' similarity figures aside. Unscaled, a tweet's "$12 million"
# lifted every sentence stating some million dollars (CheckThat dev MAP@5 0.779 -> 0.790 scaled);
# the square root (dev alike) keeps a long claim's conflicting figure in a short sentence storable
# (the seed's diplomats-and-troops claim vs "about 5,200 troops": 31.7, linear 29.4).
NUMBER_SIMILARITY_POWER = 0.5
MAX_NUMBER_BONUS = 2  # ...for at most this many numbers


@dataclass(frozen=True, slots=True)
class PreparedQuery:
    """A claim made ready for matching: its normalised text, terms and their weights."""

    text: str
    normalised: str
    terms: tuple[QueryTerm, ...]
    weights: Mapping[str, float]  # term key -> idf
    numbers: tuple[NumberMention, ...] = ()
    note: str = ""  # query.match_note: why the claim is too short to match well ("" when it is not)
    total_weight: float = field(init=False, default=0.0)
    mean_weight: float = field(init=False, default=1.0)
    # term key -> its weight times how many of the claim's terms have that key (two typos can be
    # corrected to one word): what `_coverage` adds up, per distinct key
    forward_weights: Mapping[str, float] = field(init=False, default_factory=dict)
    units: frozenset[str] = field(init=False, default=frozenset())  # `comparable_numbers`' units
    figure_free: PreparedQuery | None = field(init=False, default=None, compare=False, repr=False)

    @classmethod
    def build(
        cls,
        text: str,
        df: Mapping[str, int] | None = None,
        total: int = 0,
        terms: Sequence[QueryTerm] | None = None,
    ) -> PreparedQuery:
        """Args: `df`/`total` give idf weights; `terms` overrides `query_terms(text)` (corrected)."""
        terms = tuple(query_terms(text) if terms is None else terms)
        power = LONG_QUERY_IDF_POWER if len(terms) >= LONG_QUERY_TERMS else 1.0
        weights = {
            t.key: (idf(df.get(t.key, 0), total) ** power if df is not None else 1.0) * t.weight
            for t in terms
        }
        return cls(text, normalise(text), terms, weights, tuple(find_numbers(text)), match_note(text))

    @property
    def cutoff(self) -> float:
        """The lowest score shown: `SCORE_CUTOFF`, or `WEAK_MIN_SCORE` for a claim too short to
        match well (only near-verbatim matches, not the noise its few words find)."""
        return WEAK_MIN_SCORE if self.note else SCORE_CUTOFF

    def __post_init__(self) -> None:
        # the total and mean term weight, asked for by the rerank per candidate: worked out once
        object.__setattr__(self, "total_weight", sum(self.weights.get(t.key, 1.0) for t in self.terms))
        mean = sum(self.weights.values()) / len(self.weights) if self.weights else 1.0
        object.__setattr__(self, "mean_weight", mean)
        forward: dict[str, float] = {}
        for t in self.terms:
            forward[t.key] = forward.get(t.key, 0.0) + self.weights.get(t.key, 1.0)
        object.__setattr__(self, "forward_weights", forward)
        object.__setattr__(self, "units", counted_units(self.numbers))


def _coverage(query: PreparedQuery, terms: Sequence[str] | set[str]) -> float:
    """The idf-weighted share of the claim's terms that `terms` (a text's index terms) has."""
    total = query.total_weight
    if total <= 0:
        return 0.0
    found = sum([w for key, w in query.forward_weights.items() if key in terms])
    return found / total


def _back_coverage(query: PreparedQuery, terms: Sequence[str] | set[str]) -> float:
    """Share of the sentence's distinct terms the claim has; each weighs its claim term's idf, or
    the claim's mean idf when the claim lacks it (no index lookup per sentence term)."""
    distinct = terms if isinstance(terms, set | frozenset) else set(terms)
    if not distinct:
        return 0.0
    weights = query.weights
    common = [weights[t] for t in distinct if t in weights]
    found = sum(common)
    total = found + query.mean_weight * (len(distinct) - len(common))
    return found / total if total else 0.0


def _bm25_share(query: PreparedQuery, terms: Sequence[str], title: Sequence[str] = ()) -> float:
    """BM25F of a sentence's text and title terms for the claim's terms, as a share of the
    claim's total idf (0-1)."""
    total = query.total_weight
    if total <= 0 or not (terms or title):
        return 0.0
    weights = query.weights
    text_norm = 1 - BM25_B + BM25_B * len(terms) / BM25_AVG_TERMS
    title_norm = 1 - BM25_B + BM25_B * len(title) / BM25_AVG_TITLE_TERMS
    tf: dict[str, float] = {}
    step = 1 / text_norm
    for term in terms:  # the text's terms, not the claim's: a tweet has many more
        if term in weights:
            tf[term] = tf.get(term, 0.0) + step
    if title:
        step = W_TITLE / title_norm
        for term in title:
            if term in weights:
                tf[term] = tf.get(term, 0.0) + step
    found = sum(weights[t] * f * (BM25_K1 + 1) / (f + BM25_K1) for t, f in tf.items())
    return min(1.0, found / total)


def hit_terms(hit: SentenceHit) -> tuple[list[str], list[str]]:
    """A hit's index terms, text and title: as stored with it, else worked out from its text."""
    text = hit.terms.split() if hit.terms else index_terms(hit.text)
    title = hit.title_terms.split() if hit.title_terms else (index_terms(hit.title) if hit.title else [])
    return text, title


def _base(query: PreparedQuery, text_terms: Sequence[str], title_terms: Sequence[str]) -> float:
    """`score` without its fuzzy part (0-80); -1 when a very short text does not count at all."""
    distinct = set(text_terms)
    back = _back_coverage(query, distinct)
    if len(distinct) <= SHORT_SENTENCE_WORDS and back < 1.0:
        return -1.0  # "The", "Obama": a very short text matches only when all of it is in the claim
    forward = _coverage(query, distinct.union(title_terms) if title_terms else distinct)
    back *= min(1.0, len(distinct) / BACK_FULL_WORDS)
    if title_terms:  # a statement's title restates its claim: the better of the two is contained
        titled = set(title_terms)
        back = max(back, _back_coverage(query, titled) * min(1.0, len(titled) / BACK_FULL_WORDS))
    return 100 * (
        W_FORWARD * forward
        + W_CONTAINED * max(forward, back)
        + W_BM25 * _bm25_share(query, text_terms, title_terms)
    )


def score(
    query: PreparedQuery,
    sentence: str,
    fuzzy: float | None = None,
    title: str = "",
    terms: tuple[Sequence[str], Sequence[str]] | None = None,
) -> float:
    """The rerank score (0-100) of one stored sentence for a prepared claim.

    Args:
        query: the prepared claim.
        sentence: the stored sentence.
        fuzzy: `SCORER`'s similarity of the normalised texts, when already computed in bulk.
        title: the title of a stored statement (a fact-check headline): a BM25F field of its own,
            and its terms count as the sentence's for the claim's coverage.
        terms: the sentence's and the title's `index_terms`, when stored (else worked out).
    """
    if terms is None:
        terms = (index_terms(sentence), index_terms(title) if title else [])
    base = _base(query, *terms)
    if base < 0:
        return 0.0
    if fuzzy is None:
        fuzzy = SCORER(query.normalised, normalise(sentence))
    return base + W_FUZZY * fuzzy


MAX_NUMBERS_PART = W_NUMBERS * MAX_NUMBER_BONUS


@functools.lru_cache(maxsize=20_000)
def _normalised(text: str) -> str:
    """`normalise` of a candidate sentence, remembered: the same sentences come back for many
    claims of a batch, and normalising is most of a candidate's cost. (Fuzzy similarity of the
    stored stems instead, which needs no normalising, ranked worse: CheckThat dev 0.801 vs 0.818.)"""
    return normalise(text)


def rerank(
    query: PreparedQuery, hits: Sequence[SentenceHit], limit: int = 10
) -> list[tuple[SentenceHit, float]]:
    """Rank FTS5 candidates for a claim, best first; only scores >= `query.cutoff` are kept.

    Scores come from the stored terms; the figures (reading a text's numbers is the costly part)
    only for candidates that can still make the best `limit` with them at their best, so the
    result is the same as scoring every candidate in full.
    """
    if not hits:
        return []
    terms = [hit_terms(h) for h in hits]
    bases = [_base(query, *t) for t in terms]
    fuzzy = process.cdist(
        [query.normalised], [_normalised(h.text) for h in hits],
        scorer=SCORER, processor=None, score_cutoff=FUZZY_CUTOFF,
    )[0]  # fmt: skip
    values = [b + W_FUZZY * float(f) if b >= 0 else -1.0 for b, f in zip(bases, fuzzy, strict=True)]
    # the figures (reading a text's numbers is the costly part) only where they can still decide
    floor = sorted(values, reverse=True)[min(limit, len(values)) - 1]
    bar = max(query.cutoff, floor) - MAX_NUMBERS_PART if query.units else math.inf
    scored = []
    for i, hit in enumerate(hits):
        value = values[i]
        if value < 0:
            continue
        count = min(MAX_NUMBER_BONUS, comparable_numbers(query.units, hit.text)) if value >= bar else 0
        if count:  # as far as the texts are about the same thing otherwise (see W_NUMBERS)
            value += W_NUMBERS * count * similarity(query, hit.text, terms[i][0]) ** NUMBER_SIMILARITY_POWER
        if value >= query.cutoff:
            scored.append((hit, round(value, 1)))
    scored.sort(key=lambda pair: (-pair[1], pair[0].rank, pair[0].sentence_id))
    return scored[:limit]


class SentenceWords:
    """An in-memory term index of a few sentences (those of articles just imported).

    Stands in for FTS5 when stored claims are matched against new articles only.
    """

    MIN_SHARED_TERMS = 2  # a candidate shares at least this many terms with the claim (or all it has)

    def __init__(self, hits: Sequence[SentenceHit]) -> None:
        self.hits = [h if h.terms else replace(h, terms=index_text(h.text)) for h in hits]
        self.words: dict[str, set[int]] = {}
        for i, hit in enumerate(self.hits):
            for term in set(hit.terms.split()):
                self.words.setdefault(term, set()).add(i)

    def candidates(self, terms: Sequence[QueryTerm]) -> list[SentenceHit]:
        counts: dict[int, int] = {}
        for term in terms:
            for i in self.words.get(term.key, ()):
                counts[i] = counts.get(i, 0) + 1
        need = min(self.MIN_SHARED_TERMS, len(terms))
        return [self.hits[i] for i, n in sorted(counts.items()) if n >= need]


# --- reasons ------------------------------------------------------------------------------------

_NAME = re.compile(r"\b[A-Z][\w’'-]*(?:\s+(?:al-|bin\s+|de\s+|van\s+)?[A-Z][\w’'-]*)*")


@dataclass(frozen=True, slots=True)
class Reasons:
    """Why a sentence matched a claim, and how their numbers compare."""

    shared_names: tuple[str, ...] = ()
    shared_terms: tuple[str, ...] = ()
    shared_numbers: tuple[str, ...] = ()  # "around 3,000 troops = 3,000 troops"
    conflicts: tuple[str, ...] = ()  # "around 3,000 troops ≠ 5,200 troops"
    relation: MatchRelation = MatchRelation.UNRELATED
    similarity: float = 0.0  # relation.relate's similarity (how closely the texts say alike)

    def to_json(self) -> dict:
        return {
            "names": list(self.shared_names),
            "terms": list(self.shared_terms),
            "numbers": list(self.shared_numbers),
            "conflicts": list(self.conflicts),
        }


def names(text: str) -> list[str]:
    """Capitalised words of `text` that are not sentence-initial function words, folded."""
    return list(_names(text))


@functools.lru_cache(maxsize=512)
def _names(text: str) -> tuple[str, ...]:
    # remembered: a claim's names are read once for all the sentences it is compared with
    return tuple(_read_names(text))


def _read_names(text: str) -> list[str]:
    found: dict[str, None] = {}
    for m in _NAME.finditer(text):
        for word in normalise(m.group(0)).split():
            if word not in STOPWORDS and len(word) > 1 and not word.isdigit():
                found.setdefault(word, None)
    return list(found)


def counted_units(claim: Sequence[NumberMention]) -> frozenset[str]:
    """The units (`unit_key`) of the claim's numbers that count something (not years or dates)."""
    return frozenset(k for k in (unit_key(n.unit) for n in claim) if k not in ("", "year", "date"))


def comparable_numbers(claim: Sequence[NumberMention] | frozenset[str], sentence: str) -> int:
    """How many numbers of `sentence` speak of something the claim counts too (same unit).
    `claim`: its numbers, or their `counted_units`."""
    units = claim if isinstance(claim, frozenset) else counted_units(claim)
    if not units:
        return 0
    return sum(1 for n in _numbers(sentence) if unit_key(n.unit) in units)


@functools.lru_cache(maxsize=4096)
def _numbers(sentence: str) -> tuple[NumberMention, ...]:
    # remembered: the same candidates come back for many claims of a batch
    return tuple(find_numbers(sentence))


# Figures and their qualifiers are left out of `similarity`: differing figures would otherwise
# make the texts look less alike exactly when their numbers conflict.
_FIGURE_WORDS = frozenset(
    stems(["around", "roughly", "approximately", "nearly", "almost", "estimated", "least"])
)


def _is_figure_term(term: str) -> bool:
    return term.isdigit() or term in _FIGURE_WORDS


def similarity(query: PreparedQuery, sentence: str, terms: Sequence[str] | None = None) -> float:
    """How much the texts say alike (0-1), figures aside: the better of the idf-weighted share of
    the claim's terms the sentence has and the share of the sentence's terms the claim has
    (short sentences get part of the latter, as in `score`). `terms`: the sentence's index terms."""
    plain = _figure_free(query)
    if plain is None:
        return 0.0
    distinct = {w for w in (index_terms(sentence) if terms is None else terms) if not _is_figure_term(w)}
    back = _back_coverage(plain, distinct) * min(1.0, len(distinct) / BACK_FULL_WORDS)
    return max(_coverage(plain, distinct), back)


def _figure_free(query: PreparedQuery) -> PreparedQuery | None:
    """The claim without its figure terms (None when nothing else is left), made once a claim."""
    plain = query.figure_free
    if plain is None:
        kept = tuple(t for t in query.terms if not _is_figure_term(t.key))
        if not kept:
            return None
        plain = PreparedQuery(query.text, query.normalised, kept, query.weights)
        object.__setattr__(query, "figure_free", plain)
    return plain


def explain(
    claim: str, sentence: str, query: PreparedQuery | None = None, terms: Sequence[str] | None = None
) -> Reasons:
    """The reasons a sentence matches a claim: names, content terms and figures in common, and
    the relation they add up to (`workbench/matching/relation.py`: figures in context, polarity, similarity).
    `terms`: the sentence's `index_terms` when stored with it (else worked out)."""
    query = query or PreparedQuery.build(claim)
    words = _normalised(sentence).split()
    terms = index_terms(sentence) if terms is None else terms
    found = set(terms)
    sentence_names = set(names(sentence))
    shared_names = tuple(n for n in names(claim) if n in sentence_names or n in words)
    shared_terms = tuple(
        t.word for t in query.terms if t.key in found and t.word not in shared_names and not t.word.isdigit()
    )
    alike = similarity(query, sentence, terms)
    found = relate(claim, sentence, alike, shared_names + shared_terms, shared_terms, stem)
    return Reasons(shared_names, shared_terms, found.agree, found.conflicts, found.relation, alike)


def with_fact_check(reasons: Reasons, verdict: str, checker: str) -> Reasons:
    """The reasons with a stored fact check's rating applied (relation.with_verdict): a close
    match of a fact check rated False / Misleading conflicts with the claim, never corroborates."""
    found = with_verdict(
        Relation(reasons.shared_numbers, reasons.conflicts, reasons.relation),
        verdict,
        checker,
        reasons.similarity,
    )
    return replace(reasons, shared_numbers=found.agree, conflicts=found.conflicts, relation=found.relation)


def to_result(
    hit: SentenceHit, value: float, reasons: Reasons, article: Mapping[str, object] | None = None
) -> MatchResult:
    """A `MatchResult` from a reranked hit, its reasons and its article's row (title, date...)."""
    article = article or {}
    verdict = str(article.get("verdict") or "")
    publisher = str(article.get("publisher") or article.get("agency") or "")
    if verdict:
        reasons = with_fact_check(reasons, verdict, publisher)
    return MatchResult(
        article_id=hit.article_id,
        start=hit.start,
        end=hit.end,
        text=hit.text,
        score=value,
        relation=reasons.relation,
        shared_terms=reasons.shared_names + reasons.shared_terms,
        shared_numbers=reasons.shared_numbers,
        conflicts=reasons.conflicts,
        article_title=str(article.get("title") or ""),
        article_date=str(article.get("date") or ""),
        article_url=str(article.get("url") or ""),
        publisher=publisher,
        wire_group=article.get("wire_group"),  # type: ignore[arg-type]
        sentence_id=hit.sentence_id,
        extra={
            "external_id": article.get("external_id") or "",
            "names": list(reasons.shared_names),
            "verdict": verdict,  # a stored fact check's rating ("False")
        },
    )
