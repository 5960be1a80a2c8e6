"""Claim kinds and short summaries built only from the words of a claim span.

A summary is the label a fact-checker would write ("Pompeo called Saleh", "around 3,000 troops"):
every word in it is a word of the claim span, in span order. Titles and first names are dropped
from runs of capitalised words, leading adverbial clauses are skipped, and the label is cut at
the first subordinate clause.
"""

from __future__ import annotations

import re

from workbench.model import ClaimKind, NumberMention
from workbench.text.wordsets import word_set

_LETTERS = re.compile(r"[A-Za-z']+")
MAX_SUMMARY_WORDS = 9

_LEADING_CLAUSE = word_set(
    """in on at since after before during while when as with within following amid despite for by under
    unless if although though because whereas enraged"""
)
# Clauses set off by commas inside a sentence ("Trump, despite ..., polls"), skipped by a summary.
_INSERTED = word_set("despite although though while whereas after before since unlike like including")
_CUT = word_set(
    """to that which who because if unless after before while when since as so but and although though
    where whether last this next on in at for with by from"""
)
_DROP = word_set("""the a an its their his her our also still even just really very""")
# Verbs after which "to" continues the predicate ("threatened to close", "seem to have deepened").
_CATENATIVE = word_set(
    """seem seems seemed appear appears appeared want wants wanted plan plans planned able going try tries
    tried hope hopes hoped threaten threatens threatened vow vows vowed need needs needed agreed refused
    decided promised pledged expected expects used continue continues continued began begin"""
)
_ADVERB_AFTER_AUX = word_set("long since twice once already repeatedly recently")
_PAST_IRREGULAR = word_set(
    """said told made took gave won lost met went came saw began ran fell rose left sent paid built
    struck killed held hit shot bought sold brought thought found spent led fled kept wrote spoke chose"""
)
_AUX = word_set(
    "has have had is are was were would will could can may might should must did does do says said"
)
_VERBS = word_set("has have had is are was were said says")
_OPINION = re.compile(r"\b(?:should|ought|must|seems?|appears?|perhaps|maybe|arguably)\b", re.IGNORECASE)
_CAPITALISED = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-z]")


def claim_kind(text: str, numbers: tuple[NumberMention, ...], quote: bool) -> ClaimKind:
    """quote > quantity > event > statement (see docs/claims.md)."""
    if quote:
        return ClaimKind.QUOTE
    if any(n.unit not in ("year", "date") for n in numbers):
        return ClaimKind.QUANTITY
    words = _LETTERS.findall(text)
    if any(w.endswith("ed") and len(w) > 4 or w in _PAST_IRREGULAR for w in words) and _CAPITALISED.search(
        text
    ):
        return ClaimKind.EVENT
    return ClaimKind.STATEMENT


def is_checkable(text: str, numbers: tuple[NumberMention, ...]) -> bool:
    """Whether a sentence in the outlet's own voice asserts something checkable.

    Questions, very short fragments and sentences with neither a number nor a name nor a past
    event are skipped as scene-setting or opinion.
    """
    stripped = text.rstrip("\"”’' ")
    if stripped.endswith("?") or len(text.split()) < 5:
        return False
    if numbers:
        return True
    has_name = _CAPITALISED.search(text) is not None
    if _OPINION.search(text) and not has_name:
        return False
    return has_name


def summarise(text: str, numbers: tuple[NumberMention, ...], start: int = 0) -> str:
    """A short label from the words of `text` (a claim span starting at article offset `start`)."""
    if not text.strip():
        return ""
    quantities = [n for n in numbers if n.unit not in ("year", "date")]
    if quantities:
        # A precise figure is more checkable than "dozens" or "hundreds".
        ranked = sorted(quantities, key=lambda q: (q.approximate and q.bound == "lower", q.unit == "time"))
        n = ranked[0]
        before = text[: max(0, n.start - start)]
        head = _subject_words(before)
        pred = _predicate(before, head)
        bridge = _bridge(before, pred)
        if bridge is None:
            return _clause_label(text)
        return " ".join(_no_trailing_preposition((head + bridge + n.text.split())[: MAX_SUMMARY_WORDS + 2]))
    return _clause_label(text)


def _no_trailing_preposition(out: list[str]) -> list[str]:
    """'... in Cleveland on': a label never ends on a preposition, an article or a conjunction."""
    while len(out) > 2 and out[-1].lower() in _SUBJECT_PREPOSITIONS | _DROP | {"to", "and", "or"}:
        out = out[:-1]
    return out


def _bridge(before: str, pred: list[str]) -> list[str] | None:
    """The predicate continued up to the number when that is short: "would add", "were sufficient for".

    A lone auxiliary ("she would $1.2 trillion") or a verb far from its number ("Prices are four
    years") reads wrongly; the words between the verb and the number (at most MAX_BRIDGE) keep the
    label grammatical. None when those words are too many: the caller labels the clause instead.
    """
    words = [w for w in (_strip_punct(w) for w in before.split()) if w]
    if len(pred) != 1 or not words:
        return pred
    idx = max((i for i, w in enumerate(words) if w == pred[0]), default=-1)
    if idx < 0 or idx == len(words) - 1:
        return pred
    gap = [w for w in words[idx + 1 :] if w.lower() not in ("the", "a", "an")]
    if len(gap) > MAX_BRIDGE and gap[-1].lower() in _SUBJECT_PREPOSITIONS:
        # "had run out of rapid test kits in at least three provinces": the number is in a trailing
        # phrase; jumping to it ("government had at least three provinces") would misquote.
        return None
    if not gap or any(w.lower() in ("that", "which", "who", "because") for w in gap):
        return pred
    if pred[0].lower() not in _NEEDS_VERB and gap[-1].lower() not in _BRIDGE_PREPOSITIONS:
        return pred  # "The airline has a fleet of jets and some 40 turboprops" -> "airline has some 40 turboprops"
    return [pred[0], *gap]


MAX_BRIDGE = 5
_NEEDS_VERB = word_set("would will could can may might should must is are was were be been not")
_BRIDGE_PREPOSITIONS = word_set("in for of by to at over from within than about")


def _predicate(before: str, head: list[str]) -> list[str]:
    """The verb that leads to a number: 'threatened to bomb' / 'has' / 'plan to rebuild'.

    Args:
        before: the claim text before the number.
        head: the subject words already chosen (not repeated).
    """
    words = [_strip_punct(w) for w in before.split()]
    words = [w for w in words if w]
    if len(words) >= 2 and words[-2].lower() == "to" and words[-1].islower():
        # "threatened earlier this year to bomb": the catenative verb within a few words of "to"
        lo = max(0, len(words) - 7)
        for j in range(len(words) - 3, lo - 1, -1):
            w = words[j]
            if w.lower() in _CATENATIVE or w.islower() and _verbish(w.lower()) and w.lower() not in _AUX:
                k = j
                while k > 0 and (words[k - 1].lower() in _AUX or _is_negation(words[k - 1].lower())):
                    k -= 1  # "are not going to leave": the negation stays with its verb
                return [*words[k:j], w, "to", words[-1]]
        return ["to", words[-1]]
    last = words[-1] if words else ""
    if last.islower() and last not in _CUT and last not in _DROP and last not in head and _verbish(last):
        return [last]  # "plan rebuild 20,000 miles" -> the verb right before the number
    # Otherwise the first verb after the subject: "The US still has ... around 3,000 troops".
    seen = 0
    for w in words[:12]:
        low = w.lower()
        if w in head:
            seen += 1
            continue
        if seen and (low in _AUX or _verbish(low)) and low not in ("said", "says"):
            return [w]
    return []


def _is_negation(low: str) -> bool:
    return low in ("not", "never", "no") or low.endswith(("n't", "n’t"))


def _verbish(low: str) -> bool:
    return low in _AUX or low in _PAST_IRREGULAR or (low.endswith("ed") and len(low) > 4)


def _subject_words(text: str) -> list[str]:
    """The subject of a clause: its label up to the first auxiliary or verb-looking word.

    At most 3 words, or up to MAX_SUBJECT_WORDS when a prepositional phrase completes the subject
    ("Turnout in early voting"); a phrase that would be cut is dropped whole, so a preposition
    never ends the subject without its object ("hospital admissions in" -> "hospital admissions").
    """
    out: list[str] = []
    complete = False
    for w in _clause_label(text, max_words=MAX_SUBJECT_WORDS + 1).split():
        low = w.lower()
        if out and (low in _AUX or low in _PAST_IRREGULAR or (low.endswith("ed") and len(low) > 4)):
            complete = True
            break
        out.append(w)
    words = text.split()
    ends_before_number = _strip_punct(words[-1]).lower() if words else ""
    prep = next((i for i, w in enumerate(out) if i and w.lower() in _SUBJECT_PREPOSITIONS), None)
    if prep == len(out) - 1 and len(out) <= 3 and out[-1].lower() == ends_before_number:
        return out  # "Harlow at" + "49 percent": the number is the preposition's object
    if prep is not None and (not complete or len(out) > MAX_SUBJECT_WORDS):
        out = out[:prep]
    elif prep is None:
        out = out[:3]
    while len(out) > 1 and out[-1].lower() in _SUBJECT_PREPOSITIONS | _DROP:
        if out[-1].lower() == ends_before_number:
            break  # "Harlow at" + "49 percent": the number is the preposition's object
        out.pop()
    return out


MAX_SUBJECT_WORDS = 5
_SUBJECT_PREPOSITIONS = word_set(
    "in of for from at with by on across among between into over under within near around throughout"
)


def _clause_label(text: str, max_words: int = MAX_SUMMARY_WORDS, stop_at_verb: bool = False) -> str:
    words = text.split()
    # Skip a leading adverbial clause ("In a new escalation, ...").
    if words and words[0].lower() in _LEADING_CLAUSE:
        for i, w in enumerate(words[:25]):
            if w.endswith(","):
                words = words[i + 1 :]
                break
    out: list[str] = []
    in_list = False
    i = 0
    while i < len(words) and len(out) < max_words:
        w = words[i]
        bare = _strip_punct(w)
        if not bare:
            i += 1
            continue
        # A run of capitalised words ("US Secretary of State Mike Pompeo") keeps only its last word.
        if bare[:1].isupper() and i + 1 < len(words):
            j = i
            while j + 1 < len(words) and (
                _strip_punct(words[j + 1])[:1].isupper() or words[j + 1] in ("of", "al-", "bin")
            ):
                if words[j].endswith(","):
                    break
                j += 1
            if j > i:
                k = i - 1 if i > 0 and words[i - 1].lower() not in ("the", "a", "an") else i - 2
                after_prep = k >= 0 and words[k].lower() in _SUBJECT_PREPOSITIONS
                if after_prep and j - i < 4 and not words[j].endswith(","):
                    # "across Southeast Asia", "in Metro Manila": a place's name is kept whole
                    out.extend(_strip_punct(x) for x in words[i:j])
                bare = _strip_punct(words[j])
                if len(bare) == 1 and j > i:
                    bare = _strip_punct(words[j - 1]) + " " + bare  # "Jay Z", "Malcolm X": not "Z"
                i = j
        low = bare.lower()
        prev = out[-1].lower() if out else ""
        if low in _ADVERB_AFTER_AUX and prev in _AUX:
            i += 1
            continue  # "Iraq has long been caught" -> "Iraq has been caught"
        in_list = in_list or (i > 0 and words[i - 1].endswith(","))
        if (
            out
            and low in _CUT
            and len(out) >= 3
            and not (low == "to" and prev in _CATENATIVE)
            and not (low in ("and", "or") and in_list)  # "a security, military and parliamentary committee"
        ):
            break
        negated = prev in ("not", "never", "no") or prev.endswith(("n't", "n’t"))
        if (
            low not in _DROP
            or (not out and low not in ("the", "a", "an"))
            or (negated and low not in ("the", "a", "an"))
        ):
            # "aren't just angry" is not "aren't angry": words after a negation stay
            out.append(bare)
            if stop_at_verb and out and (low in _VERBS or low.endswith("ed")) and len(out) > 1:
                break
        if w.endswith(",") and i + 1 < len(words) and words[i + 1].lower() in _INSERTED:
            # "Trump, despite making a concerted effort to court black voters, polls at 2 percent":
            # the inserted clause is skipped, the predicate kept
            close = next((k for k in range(i + 1, min(len(words), i + 25)) if words[k].endswith(",")), None)
            if close is not None:
                i = close + 1
                continue
        if (
            w.endswith((";", ":"))
            and len(out) >= 3
            or w.endswith(",")
            and len(out) >= 4
            and not _list_ahead(words, i)
        ):
            break
        if (
            w.rstrip("\"”’'").endswith((".", "!", "?"))
            and len(bare) > 3
            and not bare.isupper()
            and len(out) >= 2
        ):
            break  # the first sentence of a quotation is enough
        i += 1
    return " ".join(_no_trailing_preposition(out))


def _list_ahead(words: list[str], i: int) -> bool:
    """Whether the comma after words[i] separates items of a list ("housing, transport and food")."""
    for w in words[i + 1 : i + 7]:
        if w in ("and", "or"):
            return True
        if not w.endswith(",") and w[-1:] in ".;:!?":
            return False
    return False


def _strip_punct(w: str) -> str:
    return w.strip('.,;:!?"“”‘’()')
