"""Finding a stored span again in a changed text (an updated article). Pure.

A span is stored as a `TextAnchor`: the exact text, `CONTEXT_LEN` characters of context on
each side, and its old position. `resolve(anchor, new_text)` tries, cheapest first:

1. **position**: the old offsets, accepted only if the text there still equals `exact` and
   the context around it is unchanged;
2. **exact**: every occurrence of `exact`, ranked by how well the prefix and suffix around it
   agree with the stored ones and by closeness to the old position (the hint);
3. **fuzzy**: spans found by rapidfuzz's best partial alignment (over the whole text and in
   the neighbourhood of the hint) and between an unchanged prefix and suffix, their ends
   refined to the best `fuzz.ratio`, ranked the same way.

Ranking follows Hypothesis' `match-quote.ts`: a weighted score of quote, prefix, suffix and
position (weights 50, 20, 20, 2), here normalised to 0..1 and returned as the confidence.
A fuzzy span is accepted only over `MIN_QUOTE_SIMILARITY` and `MIN_CONFIDENCE`; otherwise
`resolve` returns None and the caller keeps the span as an orphan.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

CONTEXT_LEN = 32  # characters of prefix/suffix kept with an anchor (as Hypothesis does)

QUOTE_WEIGHT = 50
PREFIX_WEIGHT = 20
SUFFIX_WEIGHT = 20
POSITION_WEIGHT = 2
TOTAL_WEIGHT = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT

MIN_QUOTE_SIMILARITY = 0.75  # a fuzzy span must be at least this similar to the old text...
MIN_CONFIDENCE = 0.6  # ...and score at least this much overall
SHORT_QUOTE = 30  # a fuzzy match of a quote shorter than this also needs its context to agree
MIN_CONTEXT_SIMILARITY = 0.8
MAX_EXACT_HITS = 500  # occurrences of a very common quote ("said") considered at most
CONTEXT_PROBE = 16  # characters of context looked up exactly to bracket an edited quote
NEIGHBOURHOOD = 2_000  # characters either side of the hint searched on their own


@dataclass(frozen=True, slots=True)
class TextAnchor:
    """A span of a text, with enough context to find it again after the text changes."""

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int

    @classmethod
    def from_span(cls, text: str, start: int, end: int, context: int = CONTEXT_LEN) -> TextAnchor:
        """The anchor of `text[start:end]`.

        Raises:
            ValueError: the span is not inside the text.
        """
        if not 0 <= start <= end <= len(text):
            raise ValueError(f"span {start}-{end} is not inside a text of length {len(text)}")
        return cls(
            exact=text[start:end],
            prefix=text[max(0, start - context) : start],
            suffix=text[end : end + context],
            start=start,
            end=end,
        )


@dataclass(frozen=True, slots=True)
class Resolved:
    """Where an anchor lies in the new text, how sure we are (0..1), and which step found it."""

    start: int
    end: int
    confidence: float
    method: str  # "position", "exact" or "fuzzy"


def resolve(anchor: TextAnchor, text: str) -> Resolved | None:
    """The new span of `anchor` in `text`, or None when it cannot be placed (an orphan)."""
    exact = anchor.exact
    if not exact:
        return None
    start, end = anchor.start, anchor.end
    if (
        text[start:end] == exact
        and _context_before(text, start, len(anchor.prefix)) == anchor.prefix
        and text[end : end + len(anchor.suffix)] == anchor.suffix
    ):
        return Resolved(start, end, 1.0, "position")
    hits = _exact_hits(text, exact)
    if hits:
        best = max(hits, key=lambda s: (_score(anchor, text, s, s + len(exact), 1.0), -abs(s - start)))
        confidence = _score(anchor, text, best, best + len(exact), 1.0)
        return Resolved(best, best + len(exact), confidence, "position" if best == start else "exact")
    return _fuzzy(anchor, text)


# --- scoring ------------------------------------------------------------------------------------


def _context_before(text: str, start: int, length: int) -> str:
    return text[max(0, start - length) : start]


def _similarity(a: str, b: str) -> float:
    return fuzz.ratio(a, b) / 100.0


def _context_scores(anchor: TextAnchor, text: str, start: int, end: int) -> tuple[float, float]:
    # An empty stored context (a span at the very start or end) agrees with anything, as in Hypothesis.
    prefix = (
        _similarity(anchor.prefix, _context_before(text, start, len(anchor.prefix))) if anchor.prefix else 1.0
    )
    suffix = _similarity(anchor.suffix, text[end : end + len(anchor.suffix)]) if anchor.suffix else 1.0
    return prefix, suffix


def _score(anchor: TextAnchor, text: str, start: int, end: int, quote: float) -> float:
    prefix, suffix = _context_scores(anchor, text, start, end)
    position = 1.0 - min(abs(start - anchor.start), len(text)) / max(len(text), 1)
    total = (
        QUOTE_WEIGHT * quote + PREFIX_WEIGHT * prefix + SUFFIX_WEIGHT * suffix + POSITION_WEIGHT * position
    )
    return total / TOTAL_WEIGHT


def _exact_hits(text: str, exact: str) -> list[int]:
    hits, at = [], text.find(exact)
    while at != -1 and len(hits) < MAX_EXACT_HITS:
        hits.append(at)
        at = text.find(exact, at + 1)
    return hits


# --- fuzzy search -------------------------------------------------------------------------------


def _fuzzy(anchor: TextAnchor, text: str) -> Resolved | None:
    found = _bracketed(anchor, text) | _aligned(anchor, text)
    # Each span as found and as refined: a span between unchanged context is often right as it is.
    candidates = found | {_refine(anchor, text, start, end) for start, end in found}
    best: tuple[float, int, int, float] | None = None
    for start, end in candidates:
        if end <= start or not _keeps_boundaries(anchor, text, start, end):
            continue
        quote = _similarity(anchor.exact, text[start:end])
        if quote < MIN_QUOTE_SIMILARITY:
            continue
        if len(anchor.exact) < SHORT_QUOTE:
            prefix, suffix = _context_scores(anchor, text, start, end)
            if max(prefix, suffix) < MIN_CONTEXT_SIMILARITY:
                continue
        score = _score(anchor, text, start, end, quote)
        if best is None or score > best[0]:
            best = (score, start, end, quote)
    if best is None or best[0] < MIN_CONFIDENCE:
        return None
    return Resolved(best[1], best[2], best[0], "fuzzy")


def _bracketed(anchor: TextAnchor, text: str) -> set[tuple[int, int]]:
    """Spans between an unchanged end of the prefix and an unchanged start of the suffix."""
    probe_before = anchor.prefix[-CONTEXT_PROBE:]
    probe_after = anchor.suffix[:CONTEXT_PROBE]
    if len(probe_before) < 4 and len(probe_after) < 4:
        return set()
    length = len(anchor.exact)
    low, high = max(1, length // 2), 2 * length + 20
    ends = [h + len(probe_before) for h in _exact_hits(text, probe_before)] if len(probe_before) >= 4 else []
    starts = _exact_hits(text, probe_after) if len(probe_after) >= 4 else []
    spans = set()
    for s in ends:
        for e in starts:
            if low <= e - s <= high:
                spans.add((s, e))
    if not spans:  # only one side survived: take the quote's length from it
        spans |= {(s, min(len(text), s + length)) for s in ends[:20]}
        spans |= {(max(0, e - length), e) for e in starts[:20]}
    return spans


def _aligned(anchor: TextAnchor, text: str) -> set[tuple[int, int]]:
    """The best partial alignment of the quote in the whole text and near its old position."""
    spans = set()
    cutoff = 100 * MIN_QUOTE_SIMILARITY * 0.8  # the refine step may still lift a span over the bar
    windows = [(0, len(text))]
    lo, hi = max(0, anchor.start - NEIGHBOURHOOD), min(len(text), anchor.end + NEIGHBOURHOOD)
    if (lo, hi) != (0, len(text)):
        windows.append((lo, hi))
    for lo, hi in windows:
        window = text[lo:hi]
        if len(window) < len(anchor.exact):
            found = fuzz.partial_ratio_alignment(window, anchor.exact, score_cutoff=cutoff)
            if found is not None:
                spans.add((lo, hi))
            continue
        found = fuzz.partial_ratio_alignment(anchor.exact, window, score_cutoff=cutoff)
        if found is not None:
            spans.add((lo + found.dest_start, lo + found.dest_end))
    return spans


def _mid_word(text: str, at: int) -> bool:
    return 0 < at < len(text) and text[at - 1].isalnum() and text[at].isalnum()


def _keeps_boundaries(anchor: TextAnchor, text: str, start: int, end: int) -> bool:
    """A span whose old ends were at word boundaries must not start or end inside a word now."""
    exact = anchor.exact
    if not (anchor.prefix[-1:].isalnum() and exact[0].isalnum()) and _mid_word(text, start):
        return False
    return not (not (exact[-1].isalnum() and anchor.suffix[:1].isalnum()) and _mid_word(text, end))


def _refine(anchor: TextAnchor, text: str, start: int, end: int) -> tuple[int, int]:
    """Move each end of a span within reach to where the text is most like the quote.

    A partial alignment has the quote's length, so an edit that lengthened or shortened the
    quote leaves an end off by the difference; a few rounds of coordinate search fix that.
    An end that was at a word boundary stays at one ("Enraged" -> "Angered", not "red").
    """
    exact = anchor.exact
    whole_start = not (anchor.prefix[-1:].isalnum() and exact[0].isalnum())
    whole_end = not (exact[-1].isalnum() and anchor.suffix[:1].isalnum())
    reach = max(8, len(exact) // 3)
    for _ in range(3):
        starts = [s for s in range(max(0, start - reach), min(end, start + reach + 1))]
        if whole_start:
            starts = [s for s in starts if not _mid_word(text, s)] or starts
        if not exact[0].isspace():
            starts = [s for s in starts if not text[s : s + 1].isspace()] or starts
        new_start = max(
            starts, key=lambda s: (fuzz.ratio(exact, text[s:end]), -abs(s - start)), default=start
        )
        ends = list(range(max(new_start + 1, end - reach), min(len(text), end + reach) + 1))
        if whole_end:
            ends = [e for e in ends if not _mid_word(text, e)] or ends
        if not exact[-1].isspace():
            ends = [e for e in ends if not text[e - 1 : e].isspace()] or ends
        new_end = max(ends, key=lambda e: (fuzz.ratio(exact, text[new_start:e]), -abs(e - end)), default=end)
        if (new_start, new_end) == (start, end):
            break
        start, end = new_start, new_end
    return start, end
