"""Wire copies: stored articles that carry one agency story, republished by several outlets. Pure.

Two articles are copies of one story when a large part of the shorter one appears verbatim in
the other, in runs of at least `PASSAGE_MIN_WORDS` words (a shared quotation alone is not
enough). Finding candidates must be cheap at import time, so each long sentence gets a 64-bit
key of its normalised words (`sentence_keys`); only articles sharing `MIN_SHARED_SENTENCES`
keys are compared word by word (`is_wire_copy`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from difflib import SequenceMatcher

from workbench.matching.query import normalise

KEY_MIN_WORDS = 8  # shorter sentences are too generic to key ("The official declined to comment.")
MIN_SHARED_SENTENCES = 2  # candidates share at least this many keyed sentences...
PASSAGE_MIN_WORDS = 8  # ...and verbatim runs this long count towards the shared part...
MIN_SHARED_FRACTION = 0.5  # ...which must cover this share of the shorter article's words


def sentence_key(sentence: str) -> int | None:
    """A signed 64-bit key of a sentence's normalised words, or None when it is too short to key."""
    words = normalise(sentence).split()
    if len(words) < KEY_MIN_WORDS:
        return None
    digest = hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def sentence_keys(sentences: Iterable[str]) -> list[int]:
    """Distinct keys of the sentences long enough to key, in order."""
    keys: dict[int, None] = {}
    for sentence in sentences:
        key = sentence_key(sentence)
        if key is not None:
            keys.setdefault(key, None)
    return list(keys)


def shared_fraction(a: str, b: str) -> float:
    """Share of the shorter text's words found verbatim in the other, in runs of PASSAGE_MIN_WORDS+."""
    wa, wb = normalise(a).split(), normalise(b).split()
    shorter = min(len(wa), len(wb))
    if shorter == 0:
        return 0.0
    blocks = SequenceMatcher(None, wa, wb, autojunk=False).get_matching_blocks()
    shared = sum(block.size for block in blocks if block.size >= PASSAGE_MIN_WORDS)
    return shared / shorter


def is_wire_copy(a: str, b: str) -> bool:
    """True when `a` and `b` carry the same story (see the module docstring)."""
    return shared_fraction(a, b) >= MIN_SHARED_FRACTION


def merged_group(candidates: Iterable[tuple[int, int | None]]) -> int | None:
    """The group a new copy joins, given its confirmed copies as (article_id, wire_group).

    The lowest existing group wins (groups that the new article bridges are merged into it);
    with no group yet, the oldest copy's id names the new group.
    """
    pairs = list(candidates)
    if not pairs:
        return None
    groups = [g for _, g in pairs if g is not None]
    return min(groups) if groups else min(a for a, _ in pairs)
