"""Numbers in news text: values, counted nouns, approximation and bounds.

`find_numbers` turns "around 3,000 troops" into NumberMention(value=3000, unit="troops",
approximate=True, bound="approx"). `compare_numbers` tells whether two mentions agree, conflict
or talk about different things; the matching engine uses it to flag conflicting sources.

Conventions (see docs/claims.md):
- `unit` is the counted noun as written, lowercased ("troops", "sites"), or a normalised unit:
  "percent", "usd", "gbp", "eur". Compare units with `unit_key`, which folds simple plurals.
- Years ("since 2019") are kept with unit "year" and days of a month ("Sept. 12") with unit
  "date": they are dates, not quantities, so `compare_numbers` never calls them a conflict.
- Vague counts ("dozens of rockets", "hundreds of diplomats") are approximate, with the
  smallest value the word implies (24, 200) and bound "lower".
- "twice" is a count: value 2, unit "time". The word "one" alone is skipped (it is mostly a
  pronoun or an article: "one Iraqi official").
"""

from __future__ import annotations

import functools
import math
import re

from workbench.model import NumberMention
from workbench.text.number_words import (
    CURRENCIES,
    CURRENCY_NOUNS,
    DATE_UNITS,
    DENOMINATORS,
    DETERMINERS,
    DIGITS,
    FRACTION_VERBS,
    IRREGULAR_PLURALS,
    MONTH_WORDS,
    NO_S_SINGULAR,
    NOT_BEFORE_HALF,
    ONE_IN,
    QUALIFIERS,
    SCALES,
    STOP,
    TENS,
    UNITS,
    VAGUE,
)

_DECIMALS = re.compile(r"\d+(?:\.(\d+))?")
_LAST_WORD = re.compile(r"([A-Za-z]+)\W*$")
_OF = re.compile(r"\s+(?:of\s+)?")
_UNIT_WORD = re.compile(r"([A-Za-z0-9][A-Za-z0-9'’-]*)\s*")

# Tolerance of an approximate value: "around 3,000" agrees with 2,600..3,450.
APPROX_TOLERANCE = 0.15


_NUMBER_WORD = "|".join([*TENS, *[k for k in UNITS if k != "ones"], "one"])
_QUALIFIER_RE = re.compile(
    r"(?:^|(?<=\W))("
    + "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True))
    + r")\s+$",
    re.IGNORECASE,
)
# MENTION_START: the characters a mention can open with (every alternative below; case is ignored), a
# cheap test before the look-behind and the alternatives at each position (speed; same matches).
MENTION_START = r"(?=[abdefghmnoqstu$£€\d])"
_MENTION = re.compile(
    MENTION_START
    + r"""
    (?<![\w.,$£€/])
    (?:
        (?P<frac>(?:(?P<fnum>a|one|two|three|four|five|six|seven|eight|nine)[-\ ])?
            (?P<fden>half|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?))
        (?=\ (?:of|the)\ )
      |
        (?P<onein>one\ (?:in|out\ of)\ (?:every\ )?(?P<oden>\d+|two|three|four|five|six|seven|eight|nine|ten|
            twenty|hundred|thousand|a\ hundred|a\ thousand))\b
      |
        (?P<cur>US\$|\$|£|€|(?:USD|EUR|GBP)\s?)?
        (?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)
        (?:(?P<scale>\s?(?:million|billion|trillion|thousand)\b|(?:bn|mn|tn|m|k|b)\b))?
        (?P<pct>\s?(?:%|percent\b|per\s?cent\b|percentage\ points?\b))?
      |
        (?P<vague>(?:tens|hundreds)\ of\ thousands|dozens|scores|hundreds|thousands|millions|billions)\b
      |
        (?P<dozen>(?:an?\ )?half[-\ ]dozen|(?:a\ )?dozen)\b
      |
        (?P<twice>twice)\b
      |
        (?P<word>(?:a|"""
    + _NUMBER_WORD
    + r""")(?:[-\ ](?:one|two|three|four|five|six|seven|eight|nine))?)
        (?P<wscale>\ (?:hundred|thousand|million|billion|trillion)\b)?
        (?P<wpct>\ (?:percent|per\ cent)\b)?
        (?=\W|$)
    )
    (?P<hyphen>-(?P<hunit>[a-z]+(?:-[a-z]+)?))?
    """,
    re.IGNORECASE | re.VERBOSE,
)
_WORD = re.compile(r"\s+(?:of\s+)?([A-Za-z][A-Za-z'’-]*)")
_NEXT_WORD = re.compile(r"\s+([A-Za-z][A-Za-z'’-]*)")
_MONTH_BEFORE = re.compile(r"\b(?:" + MONTH_WORDS + r")\.?\s+$", re.IGNORECASE)
_MONTH_AFTER = re.compile(r"\s+(?:" + MONTH_WORDS + r")\b", re.IGNORECASE)
_SEASON = re.compile(r"/(?:\d{2}|\d{4})\b")
# Between two numbers of a range: "2,500 to 3,000", "15-20", "between 30% and 50%".
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|and)\s*")
_TIME_AFTER = re.compile(r"\s?(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock)|:\d\d", re.IGNORECASE)


_FRACTION_TEXT = re.compile(
    r"\b(?:half|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?|one (?:in|out of))\b",
    re.IGNORECASE,
)


def find_numbers(text: str, offset: int = 0) -> list[NumberMention]:
    """Find every number in `text`.

    Args:
        text: the text to scan (an article or a span of one).
        offset: added to every start/end, so that mentions found in a claim carry article offsets.

    Returns:
        Mentions in text order; `text` of a mention covers the qualifier, the number and the
        counted noun ("around 3,000 troops").
    """
    mentions: list[NumberMention] = []
    for m in _MENTION.finditer(text):
        word = m.group("word")
        if word is not None and m.group("wscale") is None and word.lower() in ("a", "one"):
            continue  # the article "a", "one Iraqi official": _mention gives None for them (speed: most matches)
        if mentions and _joins_range(text, mentions[-1], m, offset):
            mention = _mention(text, m)
            if mention is not None and (merged := _range(text, mentions[-1], mention, offset)) is not None:
                mentions[-1] = merged
                continue
        mention = _mention(text, m)
        if mention is None:
            continue
        start, end, value, unit, approximate, bound = mention
        start, value = _part_of_scale(text, start, value)
        mentions.append(
            NumberMention(
                text=text[start:end],
                start=start + offset,
                end=end + offset,
                value=value,
                unit=unit,
                approximate=approximate,
                bound=bound,
            )
        )
    return mentions


# "half a million", "a quarter of a billion", "three quarters of a million": a part of "a <scale>".
_PART_BEFORE = re.compile(
    r"\b(?:(?P<n>an?|one|two|three)[-\s])?(?P<part>half|third|quarter)s?\s+(?:of\s+)?$", re.IGNORECASE
)
_A_SCALE = re.compile(r"an?\s+(?:hundred|thousand|million|billion|trillion)\b", re.IGNORECASE)
_SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3}


def _part_of_scale(text: str, start: int, value: float) -> tuple[int, float]:
    """Take in a fraction written before "a million": "half a million" is 500,000, not 1,000,000."""
    if not _A_SCALE.match(text, start):
        return start, value
    part = _PART_BEFORE.search(text[max(0, start - 30) : start])
    if part is None:
        return start, value
    count = _SMALL[(part.group("n") or "a").lower()]
    share = count / DENOMINATORS[part.group("part").lower()]
    return max(0, start - 30) + part.start(), value * share


def _joins_range(text: str, a: NumberMention, m: re.Match[str], offset: int) -> bool:
    gap = text[a.end - offset : m.start()]
    join = _RANGE_JOIN.fullmatch(gap)
    if join is None or a.unit in DATE_UNITS:
        return False
    before = text[max(0, a.start - offset - 8) : a.start - offset].lower()
    if before.rstrip().endswith("from"):
        return False  # "cut from 40 tons to 15 tons": a change, not a range
    if join.group().strip() == "and":
        return before.rstrip().endswith("between")
    return True


def _range(
    text: str, a: NumberMention, b: tuple[int, int, float, str | None, bool, str], offset: int
) -> NumberMention | None:
    """'roughly 2,500 to 3,000 troops' -> value 3000, low 2500, bound "range" (None: not a range)."""
    start, end, value, unit, approximate, _ = b
    if unit in DATE_UNITS or (a.unit is not None and unit is not None and unit_key(a.unit) != unit_key(unit)):
        return None
    low = a.value
    scale = next((s for w, s in SCALES.items() if len(w) > 2 and w in text[start:end].lower()), 1.0)
    if (
        scale > 1
        and low * scale <= value
        and not any(w in a.text.lower() for w in ("million", "billion", "thousand"))
    ):
        low *= scale  # "1.7 to 1.8 million"
    if low >= value:
        return None  # "a 52 to 48 vote": not a range
    lo = a.start - offset
    if text[max(0, lo - 8) : lo].lower().rstrip().endswith("between"):
        lo = text.lower().rindex("between", 0, lo)
    return NumberMention(
        text=text[lo:end],
        start=lo + offset,
        end=end + offset,
        value=value,
        unit=unit or a.unit,
        approximate=a.approximate or approximate,
        bound="range",
        low=low,
    )


@functools.lru_cache(maxsize=4096)
def numbers_in(text: str) -> tuple[NumberMention, ...]:
    """`find_numbers(text)`, remembered: matching reads the numbers of the same candidate sentences
    for the rerank, for the reasons and again for the next claims of a batch."""
    return tuple(find_numbers(text))


def unit_key(unit: str | None) -> str:
    """A comparison key for a unit: lowercase, singular ("troops" -> "troop", "cities" -> "city")."""
    if not unit:
        return ""
    key = unit.lower().strip().replace("’", "'")
    key = key.split()[-1] if " " in key else key
    if key in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[key]
    if key.endswith(NO_S_SINGULAR) or len(key) <= 3:
        return key
    if key.endswith("ies"):
        return key[:-3] + "y"
    if key.endswith(("ches", "shes", "sses", "xes", "zes")):
        return key[:-2]
    if key.endswith("s"):
        return key[:-1]
    return key


def compare_numbers(a: NumberMention, b: NumberMention) -> str:
    """Compare two mentions: "agree", "conflict" or "unrelated".

    Units must match by `unit_key` (a mention without a unit matches any unit, but then can only
    agree, never conflict). Each mention stands for an interval built from its value, bound and
    approximation; overlapping intervals agree. Dates (unit "year"/"date") agree when equal and
    are otherwise unrelated: two different years are usually two different events.
    """
    ka, kb = unit_key(a.unit), unit_key(b.unit)
    if a.unit in DATE_UNITS or b.unit in DATE_UNITS:
        return "agree" if a.unit == b.unit and a.value == b.value else "unrelated"
    fa, fb = is_fraction(a), is_fraction(b)
    if fa != fb:
        return _fraction_vs_other(a, b) if fa else _fraction_vs_other(b, a)
    if ka and kb and ka != kb:
        return "unrelated"
    lo_a, hi_a = _interval(a)
    lo_b, hi_b = _interval(b)
    if lo_a <= hi_b and lo_b <= hi_a:
        return "agree"
    return "conflict" if ka and kb else "unrelated"


def is_fraction(m: NumberMention) -> bool:
    """Whether a mention is a proportion written as a fraction ("a quarter of", "one in five")."""
    return m.unit != "percent" and 0 < m.value < 1 and _FRACTION_TEXT.search(m.text) is not None


def _fraction_vs_other(fraction: NumberMention, other: NumberMention) -> str:
    """A fraction agrees with the same share as a percentage ("a quarter" = 25%); anything else is
    unrelated: a percentage may be of another whole, and a proportion is not a count."""
    if other.unit != "percent":
        return "unrelated"
    lo_f, hi_f = _interval(fraction)
    lo_p, hi_p = _interval(other)
    return "agree" if lo_f * 100 <= hi_p and lo_p <= hi_f * 100 else "unrelated"


# Written fractions are rounded shares: "a third" stands for 31..36 %.
_FRACTION_ROUNDING = 0.025


def _interval(m: NumberMention) -> tuple[float, float]:
    if is_fraction(m) and m.bound == "exact":
        tol = max(m.value * APPROX_TOLERANCE if m.approximate else 0.0, _FRACTION_ROUNDING)
        return m.value - tol, m.value + tol
    low_text = m.text.lower()
    for word, (lo, hi) in sorted(VAGUE.items(), key=lambda kv: -len(kv[0])):
        if word in low_text:
            return lo, hi
    v = m.value
    tol = abs(v) * APPROX_TOLERANCE if m.approximate else 0.0
    if m.bound == "range" and m.low is not None:
        return m.low - abs(m.low) * (APPROX_TOLERANCE if m.approximate else 0.0), v + tol
    if m.bound == "lower":
        return v - tol, math.inf
    if m.bound == "upper":
        return -math.inf if v < 0 else 0.0, v + tol
    # Rounded figures ("5.2 million") stand for anything that rounds to them.
    return v - max(tol, _rounding(m)), v + max(tol, _rounding(m))


def _rounding(m: NumberMention) -> float:
    digits = _DECIMALS.search(m.text)
    scale = next((s for w, s in SCALES.items() if len(w) > 2 and w in m.text.lower()), 1.0)
    if digits is None or scale == 1.0:
        return 0.0
    decimals = len(digits.group(1) or "")
    return 0.5 * scale / 10**decimals


def _mention(text: str, m: re.Match[str]) -> tuple[int, int, float, str | None, bool, str] | None:
    start, end = m.start(), m.end()
    approximate = False
    unit: str | None = None
    vague = m.group("vague")
    fraction = False
    if m.group("frac") or m.group("onein"):
        found = _fraction(text, m)
        if found is None:
            return None
        value, unit, end = found
        fraction = True
    elif m.group("num"):
        raw = m.group("num")
        value = float(raw.replace(",", ""))
        scale = (m.group("scale") or "").strip().lower()
        if scale in ("m", "k", "b") and not m.group("cur"):
            return None  # "100m race", "5k run": not money without a currency sign
        if scale:
            value *= SCALES[scale]
        if m.group("cur"):
            unit = CURRENCIES[m.group("cur").strip().lower()]
        if m.group("pct"):
            unit = "percent"
        if unit is None and not scale and _is_time(text, end):
            return None
        season = _SEASON.match(text, end)
        if season is not None and 1800 <= value <= 2100 and not m.group("cur"):
            return start, season.end(), value, "year", False, "exact"  # "2023/24 season": one season
        if unit is None and not scale:
            if _MONTH_BEFORE.search(text, max(0, start - 12), start) or _MONTH_AFTER.match(text, end):
                return start, end, value, "date", False, "exact"
            if "," not in raw and "." not in raw and 1800 <= value <= 2100 and not m.group("hyphen"):
                return start, end, value, "year", False, "exact"
    elif vague:
        value = float(VAGUE[vague.lower()][0])
        approximate = True
    elif m.group("dozen"):
        value = 6.0 if "half" in m.group("dozen").lower() else 12.0
    elif m.group("twice"):
        return start, end, 2.0, "time", False, "exact"
    else:
        word = m.group("word").lower()
        value = _word_value(word)
        if value is None:
            return None
        if m.group("wscale"):
            value *= SCALES[m.group("wscale").strip().lower()]
        elif word in ("a", "one"):
            return None  # "a", "one Iraqi official": an article or a pronoun, not a count
        if m.group("wpct"):
            unit = "percent"
    bound = "exact"
    before = _QUALIFIER_RE.search(text, max(0, start - 24), start)
    if before is not None:
        bound = QUALIFIERS[before.group(1).lower()]
        approximate = approximate or bound == "approx"
        start = before.start(1)
    if vague:
        bound = "lower" if bound == "exact" else bound
    if m.group("hyphen"):
        unit = unit or m.group("hunit").lower()
    if unit is None and not fraction:
        unit, end = _counted_noun(text, end, allow_of=bool(vague or m.group("dozen")))
    if unit in CURRENCY_NOUNS:
        unit = CURRENCY_NOUNS[unit]
    return start, end, value, unit, approximate, bound


def _fraction(text: str, m: re.Match[str]) -> tuple[float, str | None, int] | None:
    """Value, counted noun and end of a fraction ("a quarter of global copper supply" -> 0.25, "supply")."""
    end = m.end()
    if m.group("onein"):
        den_word = m.group("oden").lower()
        den = float(den_word) if den_word.isdigit() else ONE_IN.get(den_word) or _word_value(den_word)
        if not den or den < 2:
            return None
        unit, end = _counted_noun(text, end, allow_of=True)
        return 1.0 / den, unit, end
    den_word = m.group("fden").lower().removesuffix("s")
    num_word = (m.group("fnum") or "").lower()
    if not num_word:
        prev = _LAST_WORD.search(text[max(0, m.start() - 16) : m.start()])
        if den_word != "half" or (prev is not None and prev.group(1).lower() in NOT_BEFORE_HALF):
            return None  # "third of", "the first half of 2024"
    numerator = 1.0 if num_word in ("", "a", "one") else _word_value(num_word) or 1.0
    if numerator >= DENOMINATORS[den_word]:
        return None
    unit, end = _fraction_noun(text, end)
    if unit == "":
        return None  # "a quarter of a century", "half of 2023"
    return numerator / DENOMINATORS[den_word], unit, end


def _fraction_noun(text: str, end: int) -> tuple[str | None, int]:
    """The head of the noun phrase after a fraction: "of global copper supply" -> "supply".

    Returns ("", end) when the phrase is a time span or a number ("of a century", "of 2023").
    """
    of = _OF.match(text[end:])
    pos = end + (of.end() if of else 0)
    head: tuple[str | None, int] = (None, end)
    for i in range(5):
        w = _UNIT_WORD.match(text[pos:])
        if w is None:
            break
        low = w.group(1).lower().replace("’", "'")
        if i == 0 and (low in ("a", "an") or low[0].isdigit()):
            return "", end
        if low in DETERMINERS and head[0] is None:
            pos += w.end()
            continue
        if low in STOP or low in FRACTION_VERBS or low[0].isdigit():
            break
        word_end = pos + len(w.group(1))
        pos += w.end()
        if low.endswith("'s"):
            continue  # "the country's population": the possessor is not the head
        if low.endswith("ed") and len(low) > 4 and head[0] is not None:
            break  # "of Americans surveyed"
        head = (low, word_end)
        if pos > word_end and not text[word_end:pos].isspace():
            break
    return head


def _word_value(word: str) -> float | None:
    word = word.replace("-", " ")
    if word == "a":
        return 1.0
    parts = word.split()
    total = 0
    for part in parts:
        if part in TENS:
            total += TENS[part]
        elif part in UNITS and part != "ones":
            total += UNITS[part]
        elif part in DIGITS:
            total += DIGITS[part]
        else:
            return None
    return float(total)


def _is_time(text: str, end: int) -> bool:
    return _TIME_AFTER.match(text, end) is not None


def _counted_noun(text: str, end: int, allow_of: bool) -> tuple[str | None, int]:
    """The counted noun after a number: skip up to two modifiers, prefer a plural-looking noun."""
    pattern = _WORD if allow_of else _NEXT_WORD
    pos = end
    words: list[tuple[str, int]] = []
    for i in range(4):
        w = (pattern if i == 0 else _NEXT_WORD).match(text, pos)
        if w is None:
            break
        low = w.group(1).lower().replace("’", "'")
        if low in STOP:
            break
        pos = w.end()
        if _is_modifier(low):
            continue  # "previously unheard-of groups", "newly arrived troops"
        words.append((low, pos))
        if _looks_plural(low):
            return low, pos
    if not words:
        return None, end
    return words[0]


def _is_modifier(word: str) -> bool:
    return word.endswith(("ly", "ing")) or (word.endswith("ed") and len(word) > 4) or word.endswith("-of")


def _looks_plural(word: str) -> bool:
    if word in IRREGULAR_PLURALS:
        return True
    return len(word) > 3 and word.endswith("s") and not word.endswith(NO_S_SINGULAR) and "'" not in word
