"""How a matched sentence relates to a claim: agree, conflict or unrelated. Pure.

`relate(claim, sentence, similarity, shared)` decides, in this order:

1. **Numbers** (workbench.matching.quantities: `quantities`, `compare_quantities`): two figures are compared only when they count
   the same thing (same unit by `numbers.unit_key`) *in the same context*: the predicate that
   governs each figure ("floods killed 38 people" vs "floods displaced 40,000 people": kill vs
   displace, not comparable). Synonyms share a context (killed / died / dead). A figure with no
   governing predicate ("the US has 3,000 troops") is compared on its unit alone.
   Vague quantities ("dozens", "hundreds", "several", "a few") are compared only with figures of
   the same order of magnitude: "dozens of rockets" neither agrees with nor contradicts "more
   than 100 rockets". A range ("roughly 2,500 to 3,000 troops") is one figure: "3,000 troops"
   agrees with it. Any conflicting pair makes a *conflict*.
2. **Polarity** (`polarity_conflict`): a negation ("not", "never", "didn't", "no") within
   `NEGATION_WINDOW` words before a predicate both texts share, or a denial word ("denied",
   "false", "untrue") anywhere, in one text and not the other makes a *conflict*, when the texts
   are about the same thing (similarity >= `POLARITY_MIN_SIMILARITY`): "Pompeo did not call
   Saleh" vs "Pompeo called Saleh". Figures conflict only in texts of similarity >=
   `NUMBER_CONFLICT_MIN_SIMILARITY` (else they count different things).
3. **Agreement**: similar texts (`similarity` >= `AGREE_MIN_SIMILARITY`: the better of the
   idf-weighted share of the claim's terms the sentence has and the share of the sentence's
   words the claim has) sharing at least `AGREE_MIN_SHARED` names or terms and one of the
   claim's verbs (`shares_predicate`: "Saleh met Pompeo" does not say "Pompeo called Saleh")
   *agree*; so do
   somewhat similar ones (>= `NUMBER_AGREE_MIN_SIMILARITY`) whose figures agree. Agreeing dates
   alone decide nothing.
4. Otherwise *unrelated*.

docs/matching.md has the measurements behind the constants.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from workbench.matching.quantities import compare_figures, negated_figures, quantities, verb_key
from workbench.model import MatchRelation

AGREE_MIN_SIMILARITY = 0.5
AGREE_MIN_SHARED = 2
NUMBER_AGREE_MIN_SIMILARITY = 0.2
NUMBER_CONFLICT_MIN_SIMILARITY = 0.3  # below, two figures of one unit are about different things
POLARITY_MIN_SIMILARITY = 0.5
NEGATION_WINDOW = 3  # words before a shared predicate a negation may stand in ("did not call")

# --- fact-check verdicts ---------------------------------------------------------------------------

# A stored fact check's rating, normalised ("Pants on Fire!" -> "pants on fire"): what it says of
# the claim it checked. Ratings in neither set ("Half true", "Unproven") decide nothing.
FALSE_VERDICTS = frozenset(
    [
        "false", "misleading", "incorrect", "pants on fire", "mostly false", "not true", "untrue",
        "wrong", "inaccurate", "fake", "fabricated", "baseless", "distorted", "exaggerated",
        "debunked", "no evidence", "four pinocchios",
    ]
)  # fmt: skip
TRUE_VERDICTS = frozenset(
    ["true", "correct", "accurate", "mostly true", "mostly correct", "verified", "confirmed"]
)


def verdict_key(verdict: str) -> str:
    """ "false", "true" or "" for a fact-check rating ("Pants on fire!" -> "false")."""
    words = " ".join(_fold_words(verdict))
    if not words:
        return ""
    if words in FALSE_VERDICTS:
        return "false"
    if words in TRUE_VERDICTS:
        return "true"
    return ""


def with_verdict(found: Relation, verdict: str, checker: str, similarity: float) -> Relation:
    """A stored fact check's rating applied to how its sentence relates to the claim.

    When the sentence matches the claim closely (`relate` found it agreeing or conflicting, or
    similarity >= `AGREE_MIN_SIMILARITY`), a False / Misleading / Incorrect / Pants on fire rating
    makes a *conflict* ("fact-checked as Misleading by Wexford Verify"), never a corroboration; a
    True / Correct rating makes an agreement unless the figures conflict. Else nothing changes.
    """
    key = verdict_key(verdict)
    close = found.relation is not MatchRelation.UNRELATED or similarity >= AGREE_MIN_SIMILARITY
    if not key or not close:
        return found
    label = " ".join(verdict.split()).strip(" .!")
    if key == "false":
        reason = f"fact-checked as {label}" + (f" by {checker}" if checker else "")
        return Relation(found.agree, (*found.conflicts, reason), MatchRelation.CONFLICT)
    if found.relation is MatchRelation.CONFLICT:
        return found
    return Relation(found.agree, found.conflicts, MatchRelation.AGREE)


# --- polarity -----------------------------------------------------------------------------------

NEGATIONS = frozenset(
    """not no never nor neither none nobody nothing cannot didn doesn don isn wasn weren aren hasn haven
    hadn won wouldn couldn shouldn mustn nt""".split()  # noqa: SIM905
)
DENIALS = frozenset(
    [
        "deny",
        "denies",
        "denied",
        "denying",
        "false",
        "falsely",
        "untrue",
        "baseless",
        "fabricated",
        "hoax",
        "debunked",
        "refuted",
    ]
)
_NOT_NEGATING_NEXT = frozenset(["just", "only", "merely", "simply"])  # "not just angry"
_AUXILIARIES = frozenset(
    [
        "do",
        "does",
        "did",
        "has",
        "have",
        "had",
        "is",
        "was",
        "are",
        "were",
        "will",
        "would",
        "could",
        "can",
        "should",
    ]
)


_ALNUM = re.compile(r"[a-z0-9]+")


def _fold_words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    # "aren't" -> "aren": the split-off "t" (and a possessive "s") would stand between a negation
    # and the word after it ("aren't just angry").
    return [w for w in _ALNUM.findall(text) if w not in ("t", "s")]


def _negated(words: Sequence[str], predicates: set[str], stem_of) -> tuple[bool, str]:
    """Whether a negation stands before one of the predicates, or a denial word is present."""
    for i, word in enumerate(words):
        if stem_of(word) not in predicates:
            continue
        window = words[max(0, i - NEGATION_WINDOW) : i]
        for j, w in enumerate(window):
            after = window[j + 1] if j + 1 < len(window) else word
            if w in NEGATIONS and after not in _NOT_NEGATING_NEXT:
                start = i - len(window) + j
                if start > 0 and words[start - 1] in _AUXILIARIES:
                    start -= 1  # "did not call"
                return True, " ".join(words[start : i + 1])
    denial = next((w for w in words if w in DENIALS), None)
    return (True, denial) if denial else (False, "")


def polarity_conflict(claim: str, sentence: str, shared: Sequence[str], stem_of) -> str | None:
    """A reason ("did not call ≠ called") when one text negates a predicate both share and the
    other does not; else None.

    Args:
        claim, sentence: the two texts.
        shared: the folded terms both share (names left out: a predicate is a verb or a noun).
        stem_of: the stemmer the shared terms were made with (matching.stem).
    """
    predicates = {stem_of(w) for w in shared} - {stem_of(w) for w in DENIALS | NEGATIONS}
    if not predicates:
        return None
    claim_words, sentence_words = _fold_words(claim), _fold_words(sentence)
    shared_denials = DENIALS & set(claim_words) & set(sentence_words)
    claim_neg, claim_why = _negated([w for w in claim_words if w not in shared_denials], predicates, stem_of)
    sent_neg, sent_why = _negated([w for w in sentence_words if w not in shared_denials], predicates, stem_of)
    if claim_neg == sent_neg:
        return None
    plain_words = sentence_words if claim_neg else claim_words
    plain = next((w for w in plain_words if stem_of(w) in predicates), "")
    return f"{claim_why} ≠ {plain}" if claim_neg else f"{plain} ≠ {sent_why}"


# --- the relation -------------------------------------------------------------------------------


def predicates(text: str) -> set[str]:
    """The context keys of a text's verb-like words ("called" -> "call", "died" -> "kill")."""
    return {k for w in _fold_words(text) if (k := verb_key(w)) is not None}


def shares_predicate(claim: str, sentence: str) -> bool:
    """Whether the texts share a verb, when both have verbs we can tell: "Saleh met Pompeo" shares
    the names of "Pompeo called Saleh" but does not say it."""
    verbs, other = predicates(claim), predicates(sentence)
    return not verbs or not other or bool(verbs & other)


@dataclass(frozen=True, slots=True)
class Relation:
    """What `relate` found: agreeing and conflicting figures, a polarity conflict, the verdict."""

    agree: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()
    relation: MatchRelation = MatchRelation.UNRELATED


def relate(
    claim: str,
    sentence: str,
    similarity: float,
    shared: Sequence[str],
    predicates: Sequence[str],
    stem_of,
) -> Relation:
    """How `sentence` relates to `claim` (see the module doc).

    Args:
        claim, sentence: the texts.
        similarity: 0-1, the better of the two idf-weighted coverages (matching.similarity).
        shared: the names and terms both texts have.
        predicates: the shared terms that are not names (where a negation matters).
        stem_of: matching.stem.
    """
    claim_figures = quantities(claim)
    sentence_figures = quantities(sentence)
    agree, conflict, counted = compare_figures(claim_figures, sentence_figures)
    counts_something = any(q.unit and not q.is_date for q in claim_figures)
    undone, denied = negated_figures(claim_figures, sentence, sentence_figures)
    if undone:
        agree = [a for a in agree if a not in undone]
        counted = counted and bool(agree)
    if similarity < NUMBER_CONFLICT_MIN_SIMILARITY:
        conflict = []  # "$12 million" in a tweet about E. coli vs "$5 million" in a tow-truck story
    if denied and similarity >= NUMBER_AGREE_MIN_SIMILARITY:
        # the sentence denies the claim's own figure: about the same thing, whatever the wording
        conflict = [*denied, *(c for c in conflict if not any(d.startswith(c + " (") for d in denied))]
    if not conflict and similarity >= POLARITY_MIN_SIMILARITY:
        flipped = polarity_conflict(claim, sentence, predicates, stem_of)
        if flipped:
            conflict.append(flipped)
    if conflict:
        relation = MatchRelation.CONFLICT
    elif counted and similarity >= NUMBER_AGREE_MIN_SIMILARITY:
        relation = MatchRelation.AGREE
    elif counts_something:
        relation = MatchRelation.UNRELATED  # the sentence does not confirm the claim's figures
    elif (
        similarity >= AGREE_MIN_SIMILARITY
        and len(shared) >= AGREE_MIN_SHARED
        and shares_predicate(claim, sentence)
    ):
        relation = MatchRelation.AGREE
    else:
        relation = MatchRelation.UNRELATED
    return Relation(tuple(agree), tuple(conflict), relation)
