"""The terms of a text, and the FTS5 query for a claim with the plan that keeps it cheap. Pure.

1. `index_terms(text)` is what the sentence index holds and the rerank counts: the content words
   (diacritics and case folded, possessives, URLs and stopwords dropped, hashtags also spelt out)
   as English Snowball stems (`stem`, PyStemmer: "called" -> `call`, "troops" -> `troop`,
   "elections" -> `elect`), in order, repeats kept. Query, index and rerank all use it, and so does
   the PostgreSQL search, so that one word is the same term everywhere.
   `query_terms(claim)` gives each distinct content word of a claim its term (the word and its stem).
2. `choose_terms` keeps the rarest terms (by document frequency in the index) within a
   postings budget, so a query never walks the posting list of a word in every sentence;
   `fts_expression` writes the MATCH expression.
3. `correction` finds the indexed word closest to a word that occurs nowhere (a typo).

db/stores/search.py runs the SQL; workbench.matching.rerank scores what FTS5 returns.
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import Stemmer
from rapidfuzz import fuzz, process

from workbench.text.wordsets import word_set

MAX_QUERY_TERMS = 32  # a long claim (a tweet) is searched by its rarest terms only
POSTINGS_BUDGET = 5_000  # total sentences the lone (ORed) terms of a long claim may occur in
# A short claim (under SHORT_CLAIM_TERMS terms: what a checker types) keeps only its rarest words
# alone and finds the rest through pairs: FTS5 ranks every sentence of a lone word (its bm25 costs
# 2.4-3.5 us a sentence), while a pair's intersection is small. Planted claims at 1M sentences
# (benchmarks/match.py): recall@10 0.985 -> 0.990 (zipf) and 0.910 -> 1.000 (trigram), FTS5 CPU
# p50 8-12 -> 5-8 ms; CheckThat tweets (long) keep POSTINGS_BUDGET and their results.
SHORT_CLAIM_TERMS = 10  # (the rerank's LONG_QUERY_TERMS: a tweet has 10 terms and more)
SHORT_POSTINGS_BUDGET = 500
MIN_QUERY_TERMS = 2  # fewer lone terms than this: a pair of two of them is searched too
PAIR_LONE = 1  # the rarest lone term is paired with...
PAIR_TERMS = 3  # ...the next this many terms, and those with each other
COMMON_FRACTION = 0.05  # terms in more sentences than this share are never paired
ADDED_PAIR_FRACTION = 0.02  # ...and beside two lone terms, pairs take only terms in at most this share
CANDIDATES = 100  # sentences fetched from FTS5 for the rerank

STOPWORDS = word_set(
    """
    a about above after again against all also am an and any are aren as at be because been before being
    below between both but by can cannot could couldn did didn do does doesn doing don down during each
    few for from further had hadn has hasn have haven having he her here hers herself him himself his
    how i if in into is isn it its itself just ll me more most mustn my myself no nor not now of off on
    once only or other ought our ours ourselves out over own re same shan she should shouldn so some such
    than that the their theirs them themselves then there these they this those through to too under
    until up ve very was wasn we were weren what when where which while who whom why will with won would
    wouldn you your yours yourself yourselves s t d m o y
    said says say saying told tell according also would could may might must shall one ones via
    http https www com co amp rt pic"""
)

_URL = re.compile(r"https?://\S+|www\.\S+|pic\.twitter\.com/\S+", re.IGNORECASE)
_TOKEN = re.compile(r"\w+")
# Typographic quotes and dashes to ASCII first: most stored text is then ASCII and skips the
# Unicode decomposition (the hot path of every import and every candidate's rerank).
_APOSTROPHES = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "`": "'",
        "ʼ": "'",
        "“": '"',
        "”": '"',
        "–": "-",
        "—": "-",
        "…": "...",
        "\u00a0": " ",
    }
)
# "Iraq's" -> "iraq", "troops'" -> "troops"; "Shi'ite" keeps its apostrophe (FTS5 splits it there).
_POSSESSIVE = re.compile(r"(?<=\w)'s\b|(?<=s)'(?!\w)", re.IGNORECASE)


class _NoCombining(dict):
    """A `str.translate` table that drops combining marks, filled as characters are met."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_NO_COMBINING = _NoCombining()


def fold(text: str) -> str:
    """Lowercase, strip diacritics ("Kadhimí" -> "kadhimi") and possessives ("Iraq's" -> "iraq")."""
    text = text.translate(_APOSTROPHES)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).translate(_NO_COMBINING)
    text = text.casefold()
    # (the possessive pattern needs an apostrophe: most sentences have none, and the scan is most
    # of the cost of folding them)
    return _POSSESSIVE.sub("", text) if "'" in text else text


def _has_url(text: str) -> bool:
    """Whether `_URL` can match: each of its forms holds "://", "www." or ".com/" (any case;
    no other character matches those letters under IGNORECASE, so lowercasing finds them all)."""
    if "://" in text:
        return True
    lowered = text.lower()
    return "www." in lowered or ".com/" in lowered


def normalise(text: str) -> str:
    """The form rapidfuzz compares: folded, URLs removed, words separated by single spaces."""
    if _has_url(text):
        text = _URL.sub(" ", text)
    return " ".join(_TOKEN.findall(fold(text).replace("_", " ")))


# "#BlackHistoryMonth" / "@realDonaldTrump": the words of a hashtag or handle are searched as well
# as the tag itself (stored text may spell them out or carry the same tag).
_TAG = re.compile(r"[#@](\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)")


def _spell_out_tags(text: str) -> str:
    def words(m: re.Match[str]) -> str:
        tag = m.group(1)
        spelt = _CAMEL.sub(" ", tag)
        return tag if spelt == tag else f"{tag} {spelt}"

    return _TAG.sub(words, text)


def _words(text: str) -> list[str]:
    """Folded words of `text` that carry meaning, in order, repeats kept."""
    return [
        w
        for w in normalise(_spell_out_tags(text)).split()
        if w not in STOPWORDS and (len(w) > 1 or w.isdigit())
    ]


def content_words(text: str) -> list[str]:
    """Folded words of `text` that carry meaning, in order, without repeats (hashtags and handles
    also by their words: "#BlackHistoryMonth" -> blackhistorymonth, black, history, month)."""
    return list(dict.fromkeys(_words(text)))


# English Snowball ("Porter2") through PyStemmer, the C implementation of the Snowball project's
# stemmers: the algorithm Lucene, Elasticsearch and bm25s use for English. The original Porter of
# FTS5's `porter` tokenizer conflates more ("general" and "generous" are both gener, "news" is new);
# Snowball keeps them apart. About 0.2 us a word.
# A Stemmer object is not safe to share between threads (matching runs off the GUI thread too).
_local = threading.local()


def _stemmer() -> Stemmer.Stemmer:
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("english")
    return stemmer


def stem(word: str) -> str:
    """The English Snowball stem of a folded word ("troops" -> "troop", "called" -> "call")."""
    return _stemmer().stemWord(word)


def stems(words: Sequence[str]) -> list[str]:
    """`stem` of each word, in one call."""
    return _stemmer().stemWords(words)


def index_terms(text: str) -> list[str]:
    """The terms the sentence index holds for `text` and the rerank counts: the Snowball stems of
    its content words, in order, repeats kept ("The troops were called back" -> troop, call, back).

    Public: the SQLite index (the `terms` columns, migration m010) and the PostgreSQL search store
    exactly this, and a query's terms are stems of the same function.
    """
    return stems(_words(text))


def index_text(text: str) -> str:
    """`index_terms` as the space-separated text an index column stores."""
    return " ".join(index_terms(text))


@dataclass(frozen=True, slots=True)
class QueryTerm:
    """One FTS5 term of a query: a folded word of the claim and the stem it is searched by."""

    word: str  # the folded word of the claim
    key: str  # what is searched: its stem, as `index_terms` writes it
    weight: float = 1.0  # times its idf in the rerank: less for a date's words, a guessed typo fix

    @property
    def fts(self) -> str:
        return f'"{self.key}"'

    def found_in(self, terms: Sequence[str] | set[str] | frozenset[str]) -> bool:
        """Whether `terms` (a text's `index_terms`) has this term."""
        return self.key in terms


# A date ("June 4, 2019", "14 August 2017", "Sept. 2018") says when, not what: its words weigh
# DATE_WEIGHT of their idf. The month must be capitalised ("may", "march" are words too).
DATE_WEIGHT = 0.5
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}"
    rf"(?:,?\s+\d{{4}})?|{_MONTH},?\s+\d{{4}})\b"
)
# A hashtag or handle spelt out into words ("@realDonaldTrump": real, donald, trump) is also
# searched as one joined term, which is rare only because prose spells it out: JOINED_TAG_WEIGHT.
JOINED_TAG_WEIGHT = 0.5


def _date_words(text: str) -> set[str]:
    return {w for m in _DATE.finditer(text) for w in normalise(m.group(0)).split()}


def _joined_tags(text: str) -> set[str]:
    return {fold(m.group(1)) for m in _TAG.finditer(text) if _CAMEL.sub(" ", m.group(1)) != m.group(1)}


def query_terms(text: str) -> list[QueryTerm]:
    """The FTS5 terms for a claim: each distinct stem of its content words. See the module doc."""
    words = content_words(text)
    dates = _date_words(text) if DATE_WEIGHT != 1.0 else set()
    joined = _joined_tags(text) if JOINED_TAG_WEIGHT != 1.0 else set()
    elsewhere = set(_words(_DATE.sub(" ", text))) if dates else set()  # words also used outside a date
    terms: dict[str, QueryTerm] = {}
    for word, key in zip(words, stems(words), strict=True):
        weight = 1.0
        if word in dates and word not in elsewhere:
            weight = DATE_WEIGHT
        elif word in joined:
            weight = JOINED_TAG_WEIGHT
        old = terms.get(key)
        if old is None or old.weight < weight:
            terms[key] = QueryTerm(word, key, weight) if old is None else QueryTerm(old.word, key, weight)
    return list(terms.values())


def idf(df: int, total: int) -> float:
    """BM25's inverse document frequency (never negative)."""
    return math.log(1 + (total - df + 0.5) / (df + 0.5))


def choose_terms(
    terms: Sequence[QueryTerm], df: Mapping[str, int], total: int = 0
) -> list[tuple[QueryTerm, ...]]:
    """The FTS5 query plan for a claim: groups of terms, ANDed within a group, ORed between groups.

    The rarest terms that occur at all come first, alone, within the postings budget
    (`POSTINGS_BUDGET`, or `SHORT_POSTINGS_BUDGET` for a claim of under `SHORT_CLAIM_TERMS` terms)
    and `MAX_QUERY_TERMS` (FTS5 ranks every sentence of a lone term: about 2.4 us each). Then
    pairs `a AND b` of the rarest lone term (`PAIR_LONE`) and the next `PAIR_TERMS` terms, and of
    those next terms with each other: an intersection is cheap where ranking a common word's every
    sentence is not (6 ms instead of 45 ms for two words in 20,000 of 1M sentences), and a
    sentence holding several of the claim's common words is found even when its rare words are
    typos corrected to another word. A long claim with `MIN_QUERY_TERMS` lone terms gets no pairs
    (its own words suffice). Words in more than `COMMON_FRACTION` of all sentences are left out of
    pairs, and beside `MIN_QUERY_TERMS` lone terms those in more than `ADDED_PAIR_FRACTION` (FTS5
    counts every sentence of a term for its idf, once per time it is listed: the second lone term
    paired too, and pairs of terms in up to 5%, made the p95 at 1M 30-50% longer).

    Args:
        terms: from `query_terms`.
        df: how many sentences each term's `key` occurs in.
        total: how many sentences there are.
    """
    present = sorted((t for t in terms if df.get(t.key, 0) > 0), key=lambda t: (df[t.key], t.key))
    short = len(terms) < SHORT_CLAIM_TERMS
    budget = SHORT_POSTINGS_BUDGET if short else POSTINGS_BUDGET
    groups: list[tuple[QueryTerm, ...]] = []
    postings = 0
    rest = list(present)
    while rest and len(groups) < MAX_QUERY_TERMS and postings + df[rest[0].key] <= budget:
        term = rest.pop(0)
        groups.append((term,))
        postings += df[term.key]
    apart = len(groups) >= MIN_QUERY_TERMS  # enough lone terms: pairs only add to them
    if apart and not short:
        return groups  # a long claim has enough words of its own
    limit = (ADDED_PAIR_FRACTION if apart else COMMON_FRACTION) * total if total else math.inf
    usable = [t for t in rest if df[t.key] <= limit][:PAIR_TERMS]
    pool = [g[0] for g in groups[:PAIR_LONE]] + usable  # a rare term paired too: bm25 then favours both
    pairs = [(a, b) for i, a in enumerate(pool) for b in pool[i + 1 :]]
    if not groups and len(usable) == 1:
        pairs = [(usable[0],)]  # a lone common word: all there is to search for
    return groups + pairs


def fts_expression(groups: Sequence[tuple[QueryTerm, ...]]) -> str:
    """An FTS5 MATCH expression: any group, each group all of its terms."""
    parts = [" AND ".join(t.fts for t in group) for group in groups]
    return " OR ".join(p if len(g) == 1 else f"({p})" for p, g in zip(parts, groups, strict=True))


# --- claims too short to match well -------------------------------------------------------------

MIN_CONTENT_WORDS = 3  # fewer content words than this: too short ("rigged election", "Obama")
WEAK_MIN_SCORE = 60.0  # such a claim shows only matches this good (near-verbatim), not noise
_FIGURE = re.compile(r"\d")
# A claim starting with one of these in lowercase begins mid-sentence: what comes before it (the
# subject, the clause it belongs to) is missing. A pronoun or a determiner can start a whole clause.
FRAGMENT_STARTS = word_set(
    """is are was were be been being am has have had do does did will would could should can may
    might must shall of to in on at by for from with about into over after before than as and or
    but nor so because while whereas although though if that which who whom whose where when"""
)
_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*")


def match_note(text: str) -> str:
    """Why a claim is too short to match well, or "" when it is not.

    Too short: under `MIN_CONTENT_WORDS` content words. No checkable core: a fragment that starts
    mid-sentence (its first word a lowercase verb, preposition or conjunction of `FRAGMENT_STARTS`:
    "were the latest signs of a 'rigged election'") and names no one and no figure, so it says
    nothing that one sentence could state.
    """
    words = content_words(text)
    if len(words) < MIN_CONTENT_WORDS:
        found = f": only {', '.join(words)}" if words else ""
        return (
            f"Too short to match well ({len(words)} content word{'s' if len(words) != 1 else ''}{found}). "
            "Say who did what to match it."
        )
    first = text.strip().split(maxsplit=1)[0].strip("\"'“‘(")
    named = any(fold(w) not in STOPWORDS for w in _CAPITALISED.findall(text))
    if first[:1].islower() and fold(first) in FRAGMENT_STARTS and not named and not _FIGURE.search(text):
        return (
            f"Too short to match well: a fragment (it starts with {first!r} and names no one and no "
            "figure). Give the whole sentence to match it."
        )
    return ""


TYPO_MIN_LEN = 4  # words this long that occur nowhere are looked up as typos
TYPO_MIN_RATIO = 80.0  # fuzz.ratio of a word to its correction ("kadhimi" -> "kadhemi" is 85.7)


def correction(word: str, vocabulary: Sequence[str]) -> str | None:
    """The indexed word closest to a word that occurs nowhere (a typo or a spelling variant).

    Args:
        word: a folded word of the claim.
        vocabulary: indexed words sharing its first two letters.
    """
    if len(word) < TYPO_MIN_LEN or word.isdigit() or not vocabulary:
        return None
    best = process.extractOne(
        word, vocabulary, scorer=fuzz.ratio, processor=None, score_cutoff=TYPO_MIN_RATIO
    )
    return best[0] if best else None
