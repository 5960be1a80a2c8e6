"""Phrases of an attribution: quotations, source noun phrases and their edges.

Helpers of workbench.extraction.attribution. Offsets are always into the article text; `masked` is the
text with the inside of each quotation replaced by MASK characters (same length), so that words
inside quoted speech are never read as sources or cues.
"""

from __future__ import annotations

import re

from workbench.extraction.lexicon.cues import (
    ACRONYM_RE,
    AFFILIATION_RE,
    CLAUSE_STOP,
    CUE_SET,
    DETERMINERS,
    FINITE_WORDS,
    FUNCTION_WORDS,
    INTRO_WORDS,
    LEAD_PUNCT,
    NP_STOP_TAIL,
    PERSON_SUFFIXES,
    POSSESSIVES,
    PRONOUNS,
    QUOTE_RE,
    SKIP_BEFORE_CUE,
    SOURCE_AFTER_END,
    SOURCE_HEADS,
    TAIL_WORDS,
    TIME_TAIL_RE,
    TIME_WORDS,
    TRAIL_PUNCT,
    VERBISH,
    WORD_RE,
)
from workbench.extraction.lexicon.source_words import DOCUMENT_WORDS
from workbench.extraction.lexicon.stance_words import EXTRA_HEADS, ING
from workbench.model import Span

_PRONOUN_CONTRACTION = re.compile(r"(he|she|they|we|i|it)['’](?:s|re|ve|ll|d)$", re.IGNORECASE)
_CLAUSE_PUNCT = re.compile(r"[;:\"“”\x00—–]|--")
_SPACE = re.compile(r"\s+")
# '"...," said Caddell, speaking of the debate': a participle after the source is not part of it.
_PARTICIPLE_AFTER = re.compile(r",\s+(?:also\s+|then\s+)?(?P<ing>[a-z]+ing)\b")
_RECIPIENT = re.compile(r"\s+((?:the\s+)?(?:[A-Z][\w.&'’-]*\s*)+|reporters|journalists|[a-z]+ [a-z]+ers)")
_RECIPIENT_PRONOUN = re.compile(
    r"\s+(him|her|them|us|me|reporters|journalists|supporters"
    r"|(?:the|a|an|his|her|their|its)\s+(?:[\w-]+\s+){0,2}?[\w-]+(?=\s*,?\s+that\b))\b"
)  # "told the council that", "told a group of donors that": the addressee before "that"

MASK = "\x00"
MIN_QUOTE_WORDS = 2


def find_quotes(text: str, start: int, end: int) -> list[Span]:
    """Quotations of at least two words between start and end (one-word scare quotes are skipped)."""
    quotes = []
    for m in QUOTE_RE.finditer(text, start, end):
        width = 2 if m.group().startswith("''") else 1
        inner = m.group()[width:-width]
        if len(inner.split()) >= MIN_QUOTE_WORDS:
            quotes.append(
                Span(
                    m.start(),
                    m.end(),
                )
            )

    return quotes


def mask_quotes(text: str, quotes: list[Span]) -> str:
    """A copy of text with the inside of each quotation replaced by MASK characters."""
    if not quotes:
        return text
    parts = []
    pos = 0
    for q in quotes:
        parts.append(text[pos : q.start + 1])
        parts.append(MASK * (q.end - q.start - 2))
        pos = q.end - 1
    parts.append(text[pos:])
    return "".join(parts)


# The comma first and the digit before it as a look-behind: the engine scans for "," (speed; the same
# matches as "(?<=\d),(?=...)").
_NUMBER_COMMA = re.compile(r",(?<=\d,)(?=\d{3}(?!\d))")


def mask_number_commas(masked: str, start: int, end: int) -> str:
    """'1,200' -> '1 200' between start and end: a thousands separator never ends a phrase."""
    spans = [m.start() for m in _NUMBER_COMMA.finditer(masked, start, end)]
    if not spans:
        return masked
    parts = []
    pos = 0
    for i in spans:  # slices, not a list of every character of the article (once per paragraph)
        parts.append(masked[pos:i])
        parts.append("0")
        pos = i + 1
    parts.append(masked[pos:])
    return "".join(parts)


def mask_acronyms(text: str, masked: str, start: int, end: int) -> str:
    """Blank '(ICCO)' / '(NASDAQ: VLTA)' after a name, so that the name reads as the subject of its verb."""
    if " (" not in masked[start:end]:
        return masked  # every match of ACRONYM_RE opens with " (" (speed)
    spans = [
        m.span()
        for m in ACRONYM_RE.finditer(masked, start, end)
        if m.start() > 0 and _after_name(masked, m.start())
    ]
    if not spans:
        return masked
    parts = []
    pos = 0
    for s, e in spans:
        parts.append(masked[pos:s])
        parts.append(" " * (e - s))
        pos = e
    parts.append(masked[pos:])
    return "".join(parts)


def _after_name(masked: str, pos: int) -> bool:
    """Whether the word ending at pos is capitalised ('Organization', 'Inc.')."""
    i = pos
    while i > 0 and (masked[i - 1].isalnum() or masked[i - 1] in ".&'’-"):
        i -= 1
    return i < pos and masked[i].isupper()


def source_before(text: str, masked: str, lo: int, cue_start: int) -> Span | None:
    """The subject noun phrase right before a cue verb ("a top Iraqi official told")."""
    tailed = tailed_subject(masked, lo, cue_start)
    if tailed is not None:
        return tailed
    words = [
        (w.start(), w.end(), w.group()) for w in WORD_RE.finditer(masked, max(lo, cue_start - 200), cue_start)
    ]
    if not words:
        return None
    when = TIME_TAIL_RE.search(masked, lo, cue_start)
    if when is not None:
        words = [w for w in words if w[1] <= when.start()]
        cue_start = when.start()
    affiliation = AFFILIATION_RE.search(masked, lo, cue_start)
    if affiliation is not None:
        words = [w for w in words if w[1] <= affiliation.start()]
        cue_start = affiliation.start()
        if not words:
            return None
    i = len(words) - 1
    while i >= 0 and (words[i][2].lower() in SKIP_BEFORE_CUE or words[i][2].lower().endswith("ly")):
        i -= 1
    if i < 0:
        return None
    gap = masked[words[i][1] : cue_start]
    if gap.startswith(".") and words[i][2][:1].isupper() and len(words[i][2]) <= 4:
        gap = gap[1:]  # "Johnnie Wilson, of Springfield, Va., said": the abbreviation's full stop
    if gap.strip() in ("--", "—", "–") and MASK not in gap:
        return dash_apposition(masked, lo, words[i][1] + gap.index(gap.strip()))
    if MASK in gap or any(c in gap for c in '"“”;:()'):
        return None
    if gap.strip(" ,") and not only_skipped(gap.replace(",", " ")):
        return None
    if gap.strip() == "," or gap.rstrip().endswith(",") or gap.lstrip().startswith(","):
        return apposition(masked, lo, words[i][1])
    end = words[i][1]
    last = words[i][2]
    if last.lower() in PRONOUNS:
        return Span(words[i][0], end)
    contraction = _PRONOUN_CONTRACTION.match(last)
    if contraction is not None:
        return Span(words[i][0], words[i][0] + len(contraction.group(1)))  # "He’s claiming"
    if not is_head(last):
        # "Experts on North Korea and nuclear nonproliferation said": a head before a prepositional tail.
        k = i - 1
        while k > 0 and i - k < 6 and words[k][2].lower() not in ("on", "of", "in", "at", "from", "for"):
            k -= 1
        if (
            k <= 0
            or i - k >= 6
            or not is_head(words[k - 1][2])
            or masked[words[k - 1][0] : end].count(",") > 0
        ):
            return None
        tail = [w[2].lower() for w in words[k + 1 : i + 1]]
        if last.lower() in CLAUSE_STOP or last.lower() in NP_STOP_TAIL or last.lower() in FUNCTION_WORDS:
            return None
        if any(w.endswith("ed") or w in CLAUSE_STOP and w != "and" for w in tail):
            return None
        i_head = k - 1
    else:
        i_head = i
    start = words[i_head][0]
    j = i_head - 1
    count = 1
    while j >= 0 and count < 9:
        between = masked[words[j][1] : words[j + 1][0]]
        if between.strip() and not (between.strip() == "&" and words[j][2][0].isupper()):
            break  # "Pacific Gas & Electric" is one name
        lw = words[j][2].lower()
        if (lw in CLAUSE_STOP and lw != "and") or lw in PRONOUNS or (lw in CUE_SET and words[j][2].islower()):
            break  # a cue word, never a name's word ("the United States", "Battleground States average")
        start = words[j][0]
        j -= 1
        count += 1
    span_words = [(s, e, w) for s, e, w in words if start <= s and e <= end]
    while span_words and span_words[0][2].lower() in NP_STOP_TAIL:
        span_words.pop(0)
    if not span_words:
        return None
    return Span(span_words[0][0], span_words[-1][1])


_BARE_HEADS = frozenset(["those", "some", "many", "others", "people", "several"])


def tailed_subject(masked: str, lo: int, cue_start: int) -> Span | None:
    """A clause-initial subject whose head has a tail: 'One banker involved in the process said',
    'a person close to the fund said', 'A federal audit published in 2021 found', 'A lawsuit filed
    Monday ... by a company that relies on the bridge alleges'."""
    seg_start = lo
    for m in _CLAUSE_BREAK_RE.finditer(masked, max(lo, cue_start - 300), cue_start):
        seg_start = m.end()
    words = [(w.start(), w.end(), w.group()) for w in WORD_RE.finditer(masked, seg_start, cue_start)]
    if words and words[0][2].lower() in INTRO_WORDS:
        words.pop(0)
    while words and (words[-1][2].lower() in SKIP_BEFORE_CUE or words[-1][2].endswith("ly")):
        words.pop()
    if len(words) < 4 or len(words) > 22 or words[0][2].lower() not in DETERMINERS | _BARE_HEADS:
        return None
    if words[0][2].lower() in _BARE_HEADS and _tail_opener(words[1][2]):
        h = 0  # "Those close to him say", "Some familiar with the talks said"
    else:
        h = next((i for i in range(1, min(len(words) - 1, 6)) if _tail_opener(words[i + 1][2])), None)
    if h is None or (h > 0 and not (words[h][2].islower() and is_head(words[h][2]))):
        return None
    if any(_tail_opener(w) or w.lower() in CLAUSE_STOP or w.lower() in PRONOUNS for _, _, w in words[1:h]):
        return None
    relative = False
    for k in range(h + 1, len(words)):
        w = words[k][2].lower()
        gap = masked[words[k - 1][1] : words[k][0]]
        if gap.strip() not in ("", "&") or w in CUE_SET:
            return None
        if w in ("that", "who", "which") and not relative:
            relative = True
            continue
        if not relative and (w in FINITE_WORDS or w in PRONOUNS):
            return None
    return Span(words[0][0], words[-1][1])


_CLAUSE_BREAK_RE = re.compile(r"[,;:\"“”\x00()—–]|--")


def _tail_opener(word: str) -> bool:
    low = word.lower()
    return low in TAIL_WORDS or (word.islower() and low.endswith("ed") and len(low) > 4)


def is_head(word: str) -> bool:
    """Whether a word can end a source noun phrase: a name, a speaking noun or a plural."""
    low = word.lower().rstrip("'’")
    if low in ("all", "both", "most", "many", "some", "several", "others"):
        return True  # "To varying degrees, all agreed that ..."
    if low in CLAUSE_STOP or low in DETERMINERS or low in NP_STOP_TAIL or low in SKIP_BEFORE_CUE:
        return False
    if low in FUNCTION_WORDS or low in POSSESSIVES:
        return False
    if word[0].isupper() or word[0].isdigit() and low.endswith("s"):
        return True
    base = low[:-2] if low.endswith("'s") else low
    if (
        base in SOURCE_HEADS
        or base in DOCUMENT_WORDS  # "the email said", "the filing shows"
        or base in EXTRA_HEADS  # "one slide says", "the clip shows"
        or base.rstrip("s") in SOURCE_HEADS
        or base.endswith(("ies", "ers", "ists", "ans"))
    ):
        return True
    if len(base) > 4 and base.endswith(PERSON_SUFFIXES) and base not in FUNCTION_WORDS:
        return True  # "businessman", "researcher", "economist", "historian", "resident"
    return base.endswith("s") and not base.endswith(("ss", "us", "is")) and len(base) > 4


def apposition(masked: str, lo: int, comma_at: int) -> Span | None:
    """'Michael Mulgrew, president of the union, said' / '... since Clinton, at Monday's debate, cited'."""
    opening = opening_apposition(masked, lo, comma_at)
    if opening is not None:
        return opening
    p = masked.rfind(",", lo, comma_at)
    if p < 0 or MASK in masked[p:comma_at] or word_count(masked, p, comma_at) > 12:
        return None
    np = source_before(masked, masked, lo, p)
    if np is None or masked[np.end : p].strip():
        return None
    return Span(np.start, comma_at)


def opening_apposition(masked: str, lo: int, comma_at: int) -> Span | None:
    seg_start = lo
    for m in _CLAUSE_PUNCT.finditer(masked[lo:comma_at]):
        seg_start = lo + m.end()
    first = WORD_RE.search(masked, seg_start, comma_at)
    if first is None:
        return None
    w = first.group()
    if w.endswith("ing") and w[0].isupper() and "," in masked[first.end() : comma_at]:
        # "Speaking at a briefing in Kasama, the Minister of Health, Dr X, said": the intro is no subject
        return opening_apposition(masked, masked.index(",", first.end(), comma_at) + 1, comma_at)
    if not (w[0].isupper() or w.lower() in DETERMINERS or w.lower() in POSSESSIVES):
        return None
    if w.lower() in INTRO_WORDS:
        first = WORD_RE.search(masked, first.end(), comma_at)
        if first is None:
            return None
        w = first.group()
    if w.lower() in CLAUSE_STOP or word_count(masked, first.start(), comma_at) > 40:
        return None
    if "," not in masked[first.start() : comma_at]:
        return None  # "<content>, the sources, said" is not an apposition
    head_end = masked.index(",", first.start(), comma_at)
    head = WORD_RE.findall(masked[first.start() : head_end])
    last = WORD_RE.findall(masked[head_end:comma_at])
    if not head or len(head) > 6 or not (is_head(head[-1]) or (last and is_head(last[-1]))):
        return None
    return Span(first.start(), comma_at)


def dash_apposition(masked: str, lo: int, dash_at: int) -> Span | None:
    """'Kall -- co-editor of a book on the debates -- said': the subject comes before the first dash."""
    dash = masked[dash_at : dash_at + 2] if masked.startswith("--", dash_at) else masked[dash_at]
    opening = masked.rfind(dash, lo, dash_at)
    if opening < 0 or word_count(masked, opening, dash_at) > 30:
        return None
    np = source_before(masked, masked, lo, opening)
    if np is None or masked[np.end : opening].strip():
        return None
    return Span(np.start, dash_at + len(dash))


def only_skipped(gap: str) -> bool:
    return all(w.lower() in SKIP_BEFORE_CUE or w.lower().endswith("ly") for w in gap.split())


def source_after(text: str, masked: str, pos: int, end: int) -> Span | None:
    """The noun phrase after an inverted cue: ', said Mr Ali Mamouri, an analyst.'"""
    m = _SPACE.match(masked, pos, end)
    if m is None:
        return None
    pos = m.end()
    first = WORD_RE.match(masked, pos, end)
    if first is None:
        return None
    w = first.group()
    if w.lower() in CLAUSE_STOP or w.lower() in TIME_WORDS or w.lower() == "that":
        return None
    if not (w[0].isupper() or w[0].isdigit() or w.lower() in DETERMINERS or w.lower() in PRONOUNS):
        return None
    stop = end
    cut = SOURCE_AFTER_END.search(masked, pos, end)
    if cut is not None:
        stop = cut.start()
    for p in _PARTICIPLE_AFTER.finditer(masked, pos, stop):
        if p.group("ing") in ING:
            stop = p.start()
            break
    if word_count(masked, pos, stop) > 40 or MASK in masked[pos:stop]:
        return None
    head = WORD_RE.findall(masked[pos:stop].split(",")[0])
    if len(head) > 8 or any(w.lower() in VERBISH or (w.islower() and w.endswith("ed")) for w in head):
        return None
    return trim(text, pos, stop)


def recipient(text: str, masked: str, pos: int, end: int) -> tuple[Span | None, int]:
    """Skip the addressee of "told": 'told AFP that' -> (AFP, after)."""
    m = _RECIPIENT.match(masked, pos, end)
    if m is None:
        m2 = _RECIPIENT_PRONOUN.match(masked, pos, end)
        return (None, m2.end()) if m2 else (None, pos)
    rec = m.group(1).rstrip()
    span = Span(m.start(1), m.start(1) + len(rec))
    via = span if rec[:1].isupper() else None
    return via, span.end


def quote_inner(text: str, q: Span) -> Span | None:
    """The inside of a quotation, without its quote marks."""
    width = 2 if text.startswith("''", q.start) else 1
    return trim(text, q.start + width, q.end - width)


def word_count(text: str, start: int, end: int) -> int:
    return len(WORD_RE.findall(text, start, end))  # WORD_RE has no groups: one string per word


def trim(text: str, start: int, end: int) -> Span | None:
    while start < end and (
        text[start] in LEAD_PUNCT or text[start] in "\"“”‘’'" and unpaired(text, start, end)
    ):
        start += 1
    while end > start and (
        text[end - 1] in TRAIL_PUNCT or text[end - 1] in "\"“”‘’'" and unpaired(text, start, end)
    ):
        end -= 1
    if end <= start or not any(c.isalnum() for c in text[start:end]):
        return None
    return Span(start, end)


def unpaired(text: str, start: int, end: int) -> bool:
    seg = text[start:end]
    return (
        (seg.count('"') % 2 == 1) or (seg.count("“") != seg.count("”")) or seg[:1] in "’" or seg[-1:] in "‘"
    )
