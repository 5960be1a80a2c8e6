"""Figures in context: what a number counts, the predicate that governs it, and how two compare.

`quantities(text)` gives a text's figures (numbers.py's mentions, "X to Y" ranges joined into
one, vague counts such as "several bases" added), each with the predicate governing it
(`governing_context`: "floods killed 38 people" -> kill; synonyms share a key). Two figures are
compared (`compare_quantities`) only when they count the same thing in the same context; vague
words only with figures of the same order of magnitude. A figure the text denies ("…, not $2
billion") undoes an agreement (`negated_figures`). workbench.matching.relation decides the
relation from these.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from workbench.model import NumberMention
from workbench.text.numbers import APPROX_TOLERANCE, compare_numbers, find_numbers, unit_key
from workbench.text.wordsets import word_set

_DATE_UNITS = ("year", "date")

# What a vague word usually means (tighter than numbers.py's generous ceilings: "dozens" is
# rarely 140). Its order of magnitude is that of the low end.
VAGUE_SPANS = {
    "a few": (2.0, 5.0), "a couple of": (2.0, 3.0), "a handful of": (2.0, 6.0), "several": (3.0, 9.0),
    "dozens": (24.0, 99.0), "scores": (40.0, 99.0), "hundreds": (200.0, 999.0),
    "thousands": (2e3, 9999.0), "tens of thousands": (2e4, 99999.0), "hundreds of thousands": (2e5, 999999.0),
    "millions": (2e6, 9.99e8), "billions": (2e9, 9.99e11),
}  # fmt: skip
# Longest first, each with its whole-word pattern: "tens of thousands" before "thousands".
_VAGUE_BY_LENGTH = [(w, re.compile(rf"\b{w}\b")) for w in sorted(VAGUE_SPANS, key=len, reverse=True)]
# Vague counts numbers.py does not find ("several bases", "a few people").
_EXTRA_VAGUE = re.compile(
    r"\b(?P<q>a few|a couple of|a handful of|several)\s+(?:[a-z]+ly\s+)?(?P<unit>[a-z][a-z'’-]{2,})",
    re.IGNORECASE,
)
_RANGE_JOIN = re.compile(r"\s*(?:to|-|–|—|and)\s*", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_FROM = re.compile(r"\bfrom\s+$", re.IGNORECASE)
_WORDS = re.compile(r"[A-Za-z][A-Za-z'’]*")

# Words passed over on the way from a figure to its governing predicate.
_SKIP_BEFORE = word_set(
    """the a an some its their his her our all another further additional of just only also already
    reportedly now still so far nearly almost around roughly about at least more than over"""
)
_AUX_AFTER = frozenset(
    [
        "are",
        "were",
        "was",
        "is",
        "have",
        "has",
        "had",
        "been",
        "being",
        "be",
        "who",
        "that",
        "which",
        "reportedly",
        "all",
    ]
)
# Predicates that say nothing about what is counted: having, including, reporting, measuring.
_NEUTRAL = word_set(
    """has have had having is are was were be been being there with including includes included
    totaling totalling totalled totaled numbering numbered reached reaching estimated estimates reported
    recorded counted stood stands listed put puts said says told confirmed showed shows"""
)
_IRREGULAR = {
    "fled": "flee", "left": "leave", "lost": "lose", "won": "win", "sent": "send", "paid": "pay",
    "bought": "buy", "sold": "sell", "took": "take", "made": "make", "held": "hold", "kept": "keep",
    "built": "build", "spent": "spend", "fell": "fall", "rose": "rise", "gave": "give", "got": "get",
    "brought": "bring", "shot": "shoot", "struck": "strike", "drew": "draw", "flew": "fly",
    "died": "die", "dying": "die", "dead": "die", "hit": "hit", "cut": "cut", "hurt": "hurt",
    "met": "meet", "went": "go", "came": "come", "saw": "see", "knew": "know", "thought": "think",
    "found": "find", "became": "become", "began": "begin", "wrote": "write", "spoke": "speak",
    "ate": "eat", "drove": "drive", "chose": "choose", "wore": "wear", "led": "lead", "fought": "fight",
    "taught": "teach", "sought": "seek", "stole": "steal", "broke": "break", "hid": "hide", "threw": "throw",
    "grew": "grow", "ran": "run",
}  # fmt: skip
# Count verbs used in the present tense ("floods kill 38"): anything else must look past or -ing.
_COUNT_VERBS = word_set(
    """kill die displace evacuate flee injure wound hurt arrest detain import export deploy station send
    buy purchase sell lose win spend raise cut pay receive build employ hire fire vaccinate infect rescue
    strike launch target attack sign collect donate earn owe borrow lend produce harvest cost"""
)
# Predicates that mean the same for a count share a key.
_SYNONYMS = {
    "die": "kill", "perish": "kill", "drown": "kill",
    "wound": "injur", "hurt": "injur",
    "evacuat": "displac", "flee": "displac", "uproot": "displac",
    "station": "deploy", "bas": "deploy", "send": "deploy",
    "detain": "arrest",
    "purchas": "buy",
    "launch": "fir", "shoot": "fir",
}  # fmt: skip
_NOT_VERBS = frozenset(
    ["including", "according", "during", "following", "regarding", "morning", "building", "evening"]
)


def verb_key(word: str) -> str | None:
    """The context key of a predicate word ("killed" -> "kill", "died" -> "kill"), or None."""
    word = word.lower().replace("’", "'")
    if word in _NEUTRAL or word in _NOT_VERBS or word.endswith(("thing", "king")):
        return None
    base = _IRREGULAR.get(word)
    if base is None:
        looks_verb = (word.endswith("ed") and len(word) >= 5) or (word.endswith("ing") and len(word) >= 6)
        base = word
        for suffix in ("ing", "ed", "es", "s"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                base = word[: -len(suffix)]
                break
        if not looks_verb and base not in _COUNT_VERBS and word not in _COUNT_VERBS:
            return None
    key = base[:-1] if base.endswith("e") and len(base) > 3 else base
    return _SYNONYMS.get(key, _SYNONYMS.get(base, key))


def governing_context(text: str, start: int, end: int) -> str | None:
    """The predicate governing the figure at text[start:end], as a context key, or None.

    The nearest word before the figure (past articles, qualifiers and adverbs) when it is a verb
    ("floods killed 38 people"); else a past participle after it ("38 people were killed").
    """
    before = _WORDS.findall(text[max(0, start - 80) : start])
    for word in reversed(before[-6:]):
        low = word.lower()
        if low in _SKIP_BEFORE or (low.endswith("ly") and len(low) > 4):
            continue
        key = verb_key(low)
        if key is not None:
            return key
        break
    for word in _WORDS.findall(text[end : end + 60])[:4]:
        low = word.lower()
        if low in _AUX_AFTER:
            continue
        if low in _IRREGULAR or (low.endswith("ed") and len(low) >= 5):
            return verb_key(low)
        break
    return None


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure of a text with what it counts and the predicate governing it."""

    mention: NumberMention
    low: float  # the interval the figure stands for (for vague words and ranges)
    high: float
    vague: bool = False
    is_range: bool = False
    context: str | None = None
    measured: str | None = None  # "unemployment rate": what a rate or share measures
    place: str | None = None  # "iraq" in "3,000 troops in Iraq": where the counted thing is
    direction: str | None = None  # "up" / "down": "rose to 5 percent", "5 percent, down from 5.2"
    change: bool = False  # the figure is a change, not a level: "rose 0.3 percent", "lost 3 seats"
    said: str = ""  # the figure with its change words, for reasons: "fell to 5 percent"

    @property
    def text(self) -> str:
        return self.mention.text

    @property
    def label(self) -> str:
        """The figure as a reason shows it: with its direction when it has one."""
        return self.said or self.mention.text

    @property
    def unit(self) -> str:
        return unit_key(self.mention.unit)

    @property
    def is_date(self) -> bool:
        return self.mention.unit in _DATE_UNITS

    def orders(self) -> set[int]:
        """Orders of magnitude the figure spans (a vague word: that of its low end)."""
        if self.vague:
            return {_order(self.low)}
        value = self.mention.value
        if self.is_range:
            return {_order(self.low), _order(value)}
        return {_order(value)}


def _order(value: float) -> int:
    return int(math.floor(math.log10(value))) if value > 0 else 0


def _vague_word(text: str) -> str | None:
    low = text.lower()
    return next((w for w, pattern in _VAGUE_BY_LENGTH if pattern.search(low)), None)


def _interval(m: NumberMention) -> tuple[float, float]:
    tol = abs(m.value) * APPROX_TOLERANCE if m.approximate else 0.0
    if m.bound == "lower":
        return m.value - tol, math.inf
    if m.bound == "upper":
        return 0.0, m.value + tol
    return m.value - tol, m.value + tol


# Nouns that name a measure rather than a count: the word before one says what is measured
# ("unemployment rate" vs "participation rate"), so two such figures compare only when it matches.
MEASURE_HEADS = word_set("rate rates share ratio index level turnout margin yield")
_MEASURE = re.compile(r"\b([a-z][a-z-]+)\s+(" + "|".join(sorted(MEASURE_HEADS)) + r")\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.;!?]\s")
# Words before a measure that do not say what it measures ("the rate", "its share"): no modifier.
_NOT_MODIFIERS = word_set(
    "the a an its their his her our your this that these those same new current overall"
)


def measured_thing(text: str, start: int) -> str | None:
    """The nearest "<modifier> <measure>" before the figure at `start` in its sentence
    ("The unemployment rate rose to 5 percent" -> "unemployment rate"), or None."""
    window = text[max(0, start - 120) : start]
    ends = list(_CLAUSE_END.finditer(window))
    if ends:
        window = window[ends[-1].end() :]
    found = list(_MEASURE.finditer(window))
    if not found:
        return None
    modifier, head = found[-1].group(1).lower(), found[-1].group(2).lower().removesuffix("s")
    return None if modifier in _NOT_MODIFIERS else f"{modifier} {head}"


# "3,000 troops in Iraq", "in Iraq, 3,000 troops": a capitalised place after a locative
# preposition, in the figure's clause. Months and days are times, not places.
_PLACE = re.compile(r"\b(?i:in|inside|across|throughout)\s+(?:the\s+)?([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)")
_NOT_PLACES = word_set(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday"""
)


_PLACE_FIRST = re.compile(
    r"^\W*(?i:in|inside|across|throughout)\s+(?:the\s+)?([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)\s*,"
)
PLACE_AFTER_CHARS = 25  # the place phrase starts this close after the figure ("troops stationed in Iraq")


def place_of(text: str, start: int, end: int) -> str | None:
    """Where the figure at `start`-`end` counts: the place named just after it in its clause
    ("3,000 troops in Iraq", "troops stationed in Iraq"), else the place its clause opens with
    ("In Syria, 900 troops"); folded, or None. A place further away may be another thing's."""
    after = text[end : end + 60]
    if cut := _CLAUSE_END.search(after):
        after = after[: cut.start()]
    before = text[max(0, start - 80) : start]
    if ends := list(_CLAUSE_END.finditer(before)):
        before = before[ends[-1].end() :]
    found = _PLACE.search(after)
    if found is None or found.start() > PLACE_AFTER_CHARS:
        found = _PLACE_FIRST.search(before)
    if found and found.group(1).split()[0].lower() not in _NOT_PLACES:
        return found.group(1).casefold()
    return None


# A change before the figure that ends at another ("rose 0.3 percent to 5 percent", "up 3 points to
# 45 percent", "doubled by 3,000 to 6,000"): the first figure is the change, the second the end value.
_CHANGE_BEFORE = re.compile(
    r"\b(?:up|down|rose|risen|rises|rising|fell|fallen|falls|falling|increased|increases|decreased|"
    r"decreases|climbed|dropped|declined|jumped|gained|lost|grew|shrank|surged|slipped|plunged|soared|"
    r"ticked\s+(?:up|down)|doubled|tripled|halved|by)\s+(?:by\s+)?(?:about|around|nearly|almost|some|"
    r"roughly|more\s+than|less\s+than)?\s*$",
    re.IGNORECASE,
)
_TO = re.compile(r"\s*to\s*", re.IGNORECASE)
# "2 percentage points" is a change of a share, not a share: its own unit, never equal to "2 percent".
_POINTS = re.compile(r"percentage\s+points?\b", re.IGNORECASE)


_LAST_TO = re.compile(r".*\bto\s+", re.IGNORECASE | re.DOTALL)


def _as_points(text: str, m: NumberMention) -> NumberMention:
    """numbers.py's mention as a figure: a change read as its end value ("rose 0.3 percent to 5
    percent" is 5 percent, which numbers.py reads as a range), percentage points as their own unit."""
    change = m.bound == "range" and _CHANGE_BEFORE.search(text, max(0, m.start - 24), m.start)
    if change and (head := _LAST_TO.match(m.text)):
        m = replace(m, text=m.text[head.end() :], start=m.start + head.end(), bound="exact")
    if m.unit == "percent" and _POINTS.search(m.text):
        return replace(m, unit="percentage points")
    return m


# The direction of a change (issue 15): "rose to 5 percent" and "fell to 5 percent" end at the same
# value but say opposite things. A direction word stands a few words before the figure in its clause
# ("rose to", "ticked up from 4.9 percent to", "up 3 points to"), or ", up from" / ", down from"
# follows it; "from X to Y" goes the way its values go.
UP_WORDS = word_set(
    """up rose risen rise rises rising increased increase increases increasing climbed climb climbs
    jumped jump jumps gained gain gains grew grow grows grown surged surge surges soared soar soars
    doubled tripled quadrupled higher"""
)
DOWN_WORDS = word_set(
    """down fell fallen fall falls falling decreased decrease decreases decreasing dropped drop drops
    declined decline declines lost lose loses shrank shrunk shrink shrinks slipped slip slips plunged
    plunge plunges halved lower tumbled sank"""
)
DIRECTION_WINDOW = 5  # words before the figure a direction word may stand in ("rose in September to")
# Words a direction does not reach past: another predicate or clause ("rose, and stood at 5 percent").
_DIRECTION_STOPS = word_set(
    "is are was were be been stood stands remained remains stayed stays and but while whereas then"
)
_CLAUSE_BREAK = re.compile(r"[.;:!?,](?=\s)|[()]")  # not the point of "4.9" or the comma of "3,000"
# ", down from 5.2 percent" after the figure, in its clause ("5 percent in September, down from")
_DIRECTION_AFTER = re.compile(r"[^.;:!?]{0,30}?,?\s*\b(up|down)\s+from\b", re.IGNORECASE)
_PREVIOUS = re.compile(r"\b(?:up|down)\s+from\s+$", re.IGNORECASE)  # "..., down from 5.2 percent"
# A change amount: a direction word right before the figure, "by" and a qualifier allowed between
# ("rose 0.3 percent", "fell by about 2,000", "lost 3 seats"); not "rose to 5 percent" (a level).
_AMOUNT_GAP = re.compile(
    r"\s+(?:by\s+)?(?:(?:about|around|nearly|almost|some|roughly|more\s+than|less\s+than|over|just|another)\s+)?$",
    re.IGNORECASE,
)


_UP_TO = re.compile(r"\s+to\b", re.IGNORECASE)
_MOVED_UP = re.compile(
    r"\b(?:ticked|went|moved|crept|edged|inched|shot|climbed|rose|jumped)\s+$", re.IGNORECASE
)


def _direction_word(text: str, start: int) -> re.Match[str] | None:
    """The direction word governing the figure at `start` (see UP_WORDS), as a match in `text`."""
    window = text[max(0, start - 80) : start]
    if breaks := list(_CLAUSE_BREAK.finditer(window)):
        window = window[breaks[-1].end() :]
    offset = start - len(window)
    words = list(_WORDS.finditer(window))[-DIRECTION_WINDOW:]
    for i, found in enumerate(reversed(words)):
        low = found.group(0).lower()
        if low == "from" and i == 0:
            return None  # "down from 5.2 percent", "from 4.9 percent": a start value, not a direction
        if (
            low == "up"
            and _UP_TO.match(window, found.end())
            and not _MOVED_UP.search(window, 0, found.start())
        ):
            return None  # "up to 3,000 troops": at most, not a rise ("ticked up to 5 percent" is one)
        if low in UP_WORDS or low in DOWN_WORDS:
            return _WORDS.match(text, offset + found.start())
        if low in _DIRECTION_STOPS:
            return None
    return None


def direction_of(text: str, m: NumberMention) -> tuple[str | None, bool, str]:
    """A figure's direction ("up", "down" or None), whether it is a change amount rather than a
    level, and how the text says it ("fell to 5 percent"; "" without a direction)."""
    found = _direction_word(text, m.start)
    if found is not None:
        word = found.group(0).lower()
        direction = "up" if word in UP_WORDS else "down"
        change = _AMOUNT_GAP.fullmatch(text, found.end(), m.start) is not None
        moved = (
            _MOVED_UP.search(text, max(0, found.start() - 12), found.start())
            if word in ("up", "down")
            else None
        )
        begin = moved.start() if moved else found.start()  # "ticked up from 4.9 percent to 5 percent"
        return direction, change, " ".join(text[begin : m.end].split())
    after = _DIRECTION_AFTER.match(text, m.end)
    if after is not None:
        return after.group(1).lower(), False, f"{m.text}, {after.group(1).lower()}"
    return None, False, ""


def _quantity(text: str, m: NumberMention, start: NumberMention | None = None) -> Quantity:
    """A figure in context; `start` is the figure a "from X to Y" change starts at."""
    context = governing_context(text, m.start, m.end)
    measured = measured_thing(text, m.start)
    place = place_of(text, m.start, m.end)
    direction, change, said = direction_of(text, m)
    if start is not None:  # "from 4.9 percent to 5 percent" goes the way its values go
        if start.value != m.value:
            direction = "up" if m.value > start.value else "down"
        change = False
        if not said:
            opening = _FROM.search(text, max(0, start.start - 6), start.start)
            said = " ".join(text[opening.start() if opening else start.start : m.end].split())
    if change:
        context = "change"  # "rose 3 percent" and "fell 3 percent" are the same kind of figure
        if unit_key(m.unit) == "point" and "percent" in text.lower():
            m = replace(m, unit="percentage points")  # "up 2 points" in a text of shares
    extra = {"direction": direction, "change": change, "said": said}
    word = _vague_word(m.text)
    if word is not None:
        low, high = VAGUE_SPANS[word]
        return Quantity(m, low, high, vague=True, context=context, measured=measured, place=place, **extra)
    low_end = getattr(m, "low", None)  # numbers.py's own ranges, once it finds them
    if m.bound == "range" and low_end is not None:
        tol = APPROX_TOLERANCE if m.approximate else 0.0
        low, high = low_end * (1 - tol), m.value * (1 + tol)
        return Quantity(m, low, high, is_range=True, context=context, measured=measured, place=place, **extra)
    low, high = _interval(m)
    return Quantity(m, low, high, context=context, measured=measured, place=place, **extra)


def quantities(text: str) -> list[Quantity]:
    """The figures of a text: numbers.py's mentions, with "X to Y" ranges joined into one and
    vague counts numbers.py leaves out ("several bases") added."""
    return list(_quantities(text))


@functools.lru_cache(maxsize=512)
def _quantities(text: str) -> tuple[Quantity, ...]:
    # remembered: a claim's figures are read once for all the sentences it is compared with
    return tuple(_read_quantities(text))


def _read_quantities(text: str) -> list[Quantity]:
    found = sorted(find_numbers(text), key=lambda m: m.start)
    taken = [(m.start, m.end) for m in found]
    for v in _EXTRA_VAGUE.finditer(text):
        if not any(s < v.end() and v.start() < e for s, e in taken):
            low, _ = VAGUE_SPANS[v.group("q").lower()]
            found.append(
                NumberMention(v.group(0), v.start(), v.end(), low, v.group("unit").lower(), True, "lower")
            )
    found = sorted((_as_points(text, m) for m in found), key=lambda m: m.start)
    out: list[Quantity] = []
    starts: dict[int, NumberMention] = {}  # end figure's start -> the figure a "from X to Y" starts at
    i = 0
    while i < len(found):
        a = found[i]
        b = found[i + 1] if i + 1 < len(found) else None
        if (
            b is not None
            and _TO.fullmatch(text, a.end, b.start)
            and _CHANGE_BEFORE.search(text, max(0, a.start - 24), a.start)
        ):
            i += 1  # "rose 0.3 percent to 5 percent", "up 3 points to 45 percent": the end value
            continue
        joined = _joined_range(text, a, b) if b is not None else None
        if joined is not None and b is not None:
            out.append(joined)
            i += 2
            continue
        if (
            joined is None
            and b is not None
            and _FROM.search(text, max(0, a.start - 6), a.start)
            and _RANGE_JOIN.fullmatch(text, a.end, b.start)
            and (a.unit is None or unit_key(a.unit) == unit_key(b.unit))
        ):
            starts[b.start] = a
            i += 1  # "rose from 2,500 to 3,000 troops", "from 4.9 percent to 5 percent": the end value
            continue
        if out and _PREVIOUS.search(text, max(0, a.start - 12), a.start):
            i += 1  # "5 percent, down from 5.2 percent": what it was before, as "from X to Y" says
            continue
        out.append(_quantity(text, a, starts.get(a.start)))
        i += 1
    return out


def _joined_range(text: str, a: NumberMention, b: NumberMention) -> Quantity | None:
    """ "(roughly) 2,500 to 3,000 troops", "2,500-3,000 troops", "between 2,500 and 3,000 troops"."""
    gap = _RANGE_JOIN.fullmatch(text, a.end, b.start)
    if gap is None or a.unit in _DATE_UNITS or b.unit in _DATE_UNITS:
        return None
    if a.unit is not None and unit_key(a.unit) != unit_key(b.unit):
        return None
    if not a.value < b.value or _vague_word(a.text) or _vague_word(b.text):
        return None
    word = gap.group(0).strip().lower()
    between = _BETWEEN.search(text, max(0, a.start - 10), a.start) is not None
    if (word == "and") != between or _FROM.search(text, max(0, a.start - 6), a.start):
        return None
    approximate = a.approximate or b.approximate
    mention = NumberMention(text[a.start : b.end], a.start, b.end, b.value, b.unit, approximate, "exact")
    tol = APPROX_TOLERANCE if approximate else 0.0
    context = governing_context(text, a.start, b.end)
    return Quantity(mention, a.value * (1 - tol), b.value * (1 + tol), is_range=True, context=context)


def compare_quantities(a: Quantity, b: Quantity) -> str:
    """ "agree", "conflict" or "unrelated" for two figures (see the module doc)."""
    if a.context is not None and b.context is not None and a.context != b.context:
        return "unrelated"  # killed vs displaced: two different counts
    if a.measured is not None and b.measured is not None and a.measured != b.measured:
        return "unrelated"  # unemployment rate vs participation rate: two different measures
    if a.place is not None and b.place is not None and a.place != b.place:
        return "unrelated"  # troops in Iraq vs troops in Syria: two different counts
    if a.change != b.change:
        return "unrelated"  # "rose 0.3 percent" is a change, "5 percent" a level: not comparable
    verdict = _compare_values(a, b)
    if verdict == "agree" and opposite(a, b):
        return "conflict"  # "rose to 5 percent" vs "fell to 5 percent": the same end, opposite ways
    return verdict


def opposite(a: Quantity, b: Quantity) -> bool:
    """Whether both figures have a direction and they differ ("rose to 5" vs "fell to 5")."""
    return a.direction is not None and b.direction is not None and a.direction != b.direction


def _compare_values(a: Quantity, b: Quantity) -> str:
    if not (a.vague or b.vague or a.is_range or b.is_range):
        return compare_numbers(a.mention, b.mention)
    if a.is_date or b.is_date or not a.unit or not b.unit or a.unit != b.unit:
        return "unrelated"
    if (a.vague or b.vague) and not (a.orders() & b.orders()):
        return "unrelated"  # "dozens" vs "more than 100": too loose to say either way
    return "agree" if a.low <= b.high and b.low <= a.high else "conflict"


def compare_figures(
    claim: Sequence[Quantity], sentence: Sequence[Quantity]
) -> tuple[list[str], list[str], bool]:
    """Agreeing and conflicting pairs ("a = b", "a ≠ b"), and whether an agreement is about a
    counted thing (not only a date)."""
    agree: list[str] = []
    conflict: list[str] = []
    counted = False
    for a in claim:
        for b in sentence:
            verdict = compare_quantities(a, b)
            if verdict == "conflict" and opposite(a, b):
                conflict.append(f"{a.label} ≠ {b.label}")  # "rose to 5 percent ≠ fell to 5 percent"
            elif verdict == "conflict":
                conflict.append(f"{a.text} ≠ {b.text}")
            elif verdict == "agree" and (a.unit or a.mention.value == b.mention.value):
                agree.append(f"{a.text} = {b.text}")
                counted = counted or (not a.is_date and bool(a.unit))
    return agree, conflict, counted


# --- negated figures ("about $1.3 billion a year, not $2 billion") ------------------------------

# Words that deny the figure after them: "not $2 billion", "rather than 2,000", "instead of 40",
# "far from 100" (a qualifier may stand between: "not about 2,000").
_FIGURE_NEGATION = re.compile(
    r"\b(?:not|never|rather\s+than|instead\s+of|far\s+from|nowhere\s+near|as\s+opposed\s+to)"
    r"(?:\s+(?:even|quite|the|about|around|roughly|nearly|almost|some|over|more\s+than|less\s+than))?"
    r"\s*[,:]?\s*$",
    re.IGNORECASE,
)


def is_negated(text: str, q: Quantity) -> bool:
    """Whether the text denies the figure: "… a year, not $2 billion", "rather than 2,000"."""
    return _FIGURE_NEGATION.search(text, max(0, q.mention.start - 30), q.mention.start) is not None


def negated_figures(
    claim: Sequence[Quantity], sentence: str, figures: Sequence[Quantity]
) -> tuple[set[str], list[str]]:
    """The agreements a denial undoes ("$2 billion = $2 billion" when the sentence says "not $2
    billion") and the conflicts it makes: the claim's figure, denied in the sentence, beside
    another figure of the same unit there ("$2 billion ≠ about $1.3 billion (not $2 billion)")."""
    undone: set[str] = set()
    conflicts: list[str] = []
    for b in figures:
        if b.is_date or not b.unit or not is_negated(sentence, b):
            continue
        others = [o for o in figures if o is not b and o.unit == b.unit and not is_negated(sentence, o)]
        for a in claim:
            if compare_quantities(a, b) != "agree":
                continue
            undone.add(f"{a.text} = {b.text}")
            if others:
                conflicts.append(f"{a.text} ≠ {others[0].text} (not {b.text})")
    return undone, conflicts
