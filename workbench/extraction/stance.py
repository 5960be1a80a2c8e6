"""Attribution without a reporting cue: a speaking subject of a stance or speech-act verb.

Used by workbench.extraction.attribution when a unit has no cue of the reporting lexicon (`said`, `told`,
`according to`, ...). Three patterns, all on the masked text (quotations blanked):

- `<subject> [aux] <stance verb> <content>`: "The Trump campaign called the charges unfounded",
  "Critics have long argued ...", "The governor is urging ...", "The clip says ...". The subject
  is a name, a pronoun or a noun phrase whose head can speak (a role, an organisation, a
  document); the verb is one of speech, cognition or stance (`STANCE_LEMMAS`), in the form its
  auxiliary asks for (`is urging`, `has argued`, `did not address`, `argues`).
- `<content> was <reported|endorsed|...> by <source>`: the agent of a passive reporting verb.
- `<source> is a <staunch> <critic|opponent|supporter> of <content>`: a stance as a noun.

Plain actions stay in the outlet's voice ("Pompeo visited Baghdad", "Washington has threatened
to close its embassy": the outlet reports that the actor did something; a threat is an act, not
a proposition to check). `call` counts only with a complement ("called the charges
unsubstantiated", "called him a liar", 'called it "a disgrace"'), never "called Saleh last week".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.extraction import vetoes
from workbench.extraction.lexicon.cues import (
    CLAUSE_STOP,
    DETERMINERS,
    INTRO_RE,
    POSSESSIVES,
    SOURCE_HEADS,
    WORD_RE,
)
from workbench.extraction.lexicon.source_words import DOCUMENT_WORDS
from workbench.extraction.lexicon.stance_words import (
    ADVERBS,
    BASE,
    BE,
    CALL,
    CATENATIVE,
    EXTRA_HEADS,
    HAVE,
    ING,
    LY_NOUNS,
    MODAL,
    PARTICIPLE,
    PAST,
    PLURAL_SUBJECTS,
    STRONG_REPORTING,
    SUBJECT_PREPOSITIONS,
    SUBJECT_PRONOUNS,
    THIRD,
)
from workbench.extraction.phrases import MASK, opening_apposition, source_before, trim, word_count
from workbench.extraction.vetoes import Site
from workbench.model import Span
from workbench.text.prefilter import has_any

PASSIVE_RE = re.compile(
    r"\b(?P<aux>(?:was|were|is|are|has been|have been|had been|being|been))\s+(?:\w+ly\s+|first\s+|also\s+)*"
    r"(?P<verb>reported|announced|confirmed|revealed|disclosed|written|published|endorsed|backed|"
    r"supported|opposed|criticized|criticised|condemned|praised|denounced|disputed|rejected|questioned|"
    r"predicted|estimated|projected|claimed|alleged|cited|quoted|documented|detailed|described|"
    r"denied|hailed|slammed|blasted|mocked|ridiculed|challenged|contested)\s+by\s+"
)
NOUN_STANCE_RE = re.compile(
    r"\s+(?P<cue>(?:is|are|was|were|has been|have been|had been)\s+(?:an?|the|one of the)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:critic|opponent|supporter|proponent|advocate|backer|champion|defender|skeptic|sceptic|foe|"
    r"admirer|fan)s?\s+of)\s+"
)
# Speed: every match of NOUN_STANCE_RE holds one of these (workbench.text.prefilter).
NOUN_STANCE_NEEDS = (
    "critic", "opponent", "supporter", "proponent", "advocate", "backer", "champion", "defender", "skeptic",
    "sceptic", "foe", "admirer", "fan",
)  # fmt: skip
# Where the agent of a passive ends: punctuation, or a time or clause word after it.
_AGENT_END = re.compile(
    r"[,;:.!?\x00\"“”()—]|\s(?=(?:in|on|at|last|this|after|before|during|when|while|since|as|that|who|which|"
    r"because|and\s+(?:is|was|has|had|are|were))\b)"
)
_NEGATED = re.compile(r"^(is|are|was|were|has|have|had|did|does|do|would|could|can|wo|should)n['’]t$", re.I)
_CONTRACTED = re.compile(r"^(?P<subj>\w+)['’](?P<aux>s|re|ve|ll|d)$", re.I)
_PARTICLE = re.compile(r"\s+(?:that|of|about|on|out|to\s+(?=say|call|deny|argue|claim))\b\s*")
_FOR_ON = re.compile(r"\s+(?:for|on)\b")
_FOR_ON_PARTICLE = re.compile(r"\s+(?:for|on)\s+")
_STOP = re.compile(r"[^,;:!?\x00\"“”()—]*")
MIN_WORDS = 2
# Pronoun-like heads that speak for people: "Everyone agrees", "Few believe".
PARTITIVES = frozenset(
    ("one", "some", "many", "most", "each", "all", "none", "several", "both", "two", "three", "few")
)
QUANTIFIER_HEADS = frozenset(("everyone", "everybody", "nobody", "anyone", "each", "few", "none"))
MAX_SUBJECT_WORDS = 9


@dataclass(frozen=True, slots=True)
class Stance:
    """A relation found without a reporting cue: spans are article offsets."""

    content: Span
    source: Span
    cue: Span


def find_stance(text: str, masked: str, unit: Span) -> Stance | None:
    """The first of the three patterns (see module doc) that matches in the unit."""
    return (
        _noun_stance(text, masked, unit) or _passive(text, masked, unit) or subject_verb(text, masked, unit)
    )


def subject_verb(text: str, masked: str, unit: Span) -> Stance | None:
    pos = unit.start
    intro = INTRO_RE.match(masked, pos, unit.end)
    if intro is not None:
        pos = intro.end()
    words = []
    for w in WORD_RE.finditer(masked, pos, unit.end):
        words.append(w)
        if len(words) > MAX_SUBJECT_WORDS + 20:
            break
    if not words:
        return None
    # Where the subject ends: at the first auxiliary or verb-looking word after it.
    k = 0
    contraction = _CONTRACTED.match(words[0].group())
    if contraction is not None and contraction.group("subj").lower() in SUBJECT_PRONOUNS:
        subject = Span(words[0].start(), words[0].start() + len(contraction.group("subj")))
        aux = contraction.group("aux").lower()
        return verb_group(text, masked, unit, subject, words, 1, "'" + aux, plural=aux != "s")
    first = words[0].group()
    if first.lower() in SUBJECT_PRONOUNS:
        subject = Span(words[0].start(), words[0].end())
        return verb_group(
            text, masked, unit, subject, words, 1, None, plural=first.lower() in PLURAL_SUBJECTS
        )
    if not _can_open_subject(first):
        return None
    apposition_end = None
    for k in range(1, min(len(words), MAX_SUBJECT_WORDS + 16)):
        w = words[k].group()
        low = w.lower()
        gap = masked[words[k - 1].end() : words[k].start()]
        if "," in gap and not (apposition_end is not None and words[k - 1].end() <= apposition_end):
            if apposition_end is not None:
                return None
            close = masked.find(",", words[k].start(), unit.end)
            if close < 0:
                return None
            app = opening_apposition(masked, words[0].start(), close)
            if app is None or MASK in masked[words[0].start() : close]:
                return None
            apposition_end = close
        if apposition_end is not None and words[k].start() < apposition_end:
            continue
        if gap != " " and (MASK in gap or any(c in gap for c in ';:()"“”—')):  # one space: neither (speed)
            return None
        prev = words[k - 1].group().lower()
        after_det = prev in DETERMINERS or prev in POSSESSIVES or prev in ("these", "those")
        if is_verbish(w) and not (after_det and w.lower().endswith("ed")):  # "The embattled governor"
            head_words = [x.group() for x in words[:k]]
            if apposition_end is not None:
                head_words = WORD_RE.findall(masked[words[0].start() : masked.find(",", words[0].start())])
            if not _speaking_subject(head_words) and not _reporting_subject(head_words, words, k):
                return None
            subject = Span(words[0].start(), apposition_end or words[k - 1].end())
            plural = _plural(head_words)
            return verb_group(text, masked, unit, subject, words, k, None, plural=plural)
        if low in CLAUSE_STOP and low != "and" or k >= MAX_SUBJECT_WORDS and apposition_end is None:
            return None
    return None


def is_verbish(w: str) -> bool:
    low = w.lower()
    if w.islower() and (low in ADVERBS or low.endswith("ly") and len(low) > 4 and low not in LY_NOUNS):
        return True  # "Trump openly admires", "The ad then references"
    return (
        low in BE or low in MODAL or low in HAVE or _NEGATED.match(low) is not None
        or (w.islower() and (low in THIRD or low in PAST or low in BASE and low not in SOURCE_HEADS))
        or (w.islower() and low.endswith("ed") and len(low) > 4)
        or (w.islower() and low in CATENATIVE)
    )  # fmt: skip


def _can_open_subject(first: str) -> bool:
    """A word that can begin a speaking subject: a name, a determiner or possessive ("the",
    "his"), or a bare plural that speaks ("But environmentalists worry")."""
    low = first.lower()
    return (
        first[0].isupper()
        or first[0].isdigit()  # "5 percent prefer", "44 percent would back"
        or low in DETERMINERS
        or low in POSSESSIVES
        or (first.endswith("s") and _speaking_subject([first]))
    )


def _speaking_subject(words: list[str]) -> bool:
    if not words or len(words) > MAX_SUBJECT_WORDS:
        return False
    lows = [w.lower() for w in words]
    if len(lows) == 1 and lows[0] in QUANTIFIER_HEADS:
        return True  # "Everyone agrees", "Few believe"
    if any(w in CLAUSE_STOP and w != "and" for w in lows) or any(
        "'" in w[-2:] or "’" in w[-2:] for w in words[-1:]
    ):
        return False  # a clause, or a possessive ("Clinton's support among ...")
    head_i = next((i for i, w in enumerate(lows) if i > 0 and w in SUBJECT_PREPOSITIONS), len(words)) - 1
    if lows[head_i] in PARTITIVES and head_i + 2 < len(lows) and lows[head_i + 1] == "of":
        return _speaking_subject(
            words[head_i + 2 :]
        )  # "One of the two major candidates", "Many of his aides"
    head = words[head_i]
    low = head.lower()
    if head[0].isupper():
        return (
            low not in DETERMINERS and low not in POSSESSIVES and low not in ("it", "this", "that", "there")
        )
    return (
        low in SOURCE_HEADS
        or low.rstrip("s") in SOURCE_HEADS
        or low in EXTRA_HEADS
        or (
            low in DOCUMENT_WORDS and low != "figures"
        )  # "independent analyses agree"; "government figures" are people
        or (
            len(low) > 5 and low.endswith(("ists", "ians", "ers", "ors")) and low not in ("others", "numbers")
        )
    )


def _reporting_subject(head_words: list[str], words: list, k: int) -> bool:
    """'The leaflet says ...': any determined noun phrase can be the subject of a strong reporting verb."""
    verbs = [w.group().lower() for w in words[k : k + 4]]
    if not any(v in STRONG_REPORTING for v in verbs):
        return False
    first, last = head_words[0].lower(), head_words[-1]
    owner = first.endswith(("'s", "’s")) and head_words[0][0].isupper()  # "POLITICO's average shows"
    return (first in DETERMINERS or first in POSSESSIVES or owner) and len(head_words) <= 5 and last.isalpha()


def _plural(words: list[str]) -> bool:
    lows = [w.lower() for w in words]
    if len(lows) == 2 and lows[1] in ("percent", "%") and lows[0] not in ("1", "one"):
        return True  # "5 percent prefer"
    head_i = next((i for i, w in enumerate(lows) if i > 0 and w in SUBJECT_PREPOSITIONS), len(words)) - 1
    return "and" in lows[: head_i + 1] or (lows[head_i].endswith("s") and not lows[head_i].endswith("ss"))


def verb_group(
    text: str, masked: str, unit: Span, subject: Span, words: list, k: int, aux: str | None, plural: bool
) -> Stance | None:
    """The verb after the subject in the form its auxiliary asks for, then the content."""
    last_aux = aux
    first = k
    while k < len(words):
        w = words[k].group()
        low = w.lower()
        gap = masked[words[k - 1].end() : words[k].start()] if k > first else ""
        if MASK in gap or "," in gap and low not in ADVERBS:
            return None
        neg = _NEGATED.match(low)
        if low in BE or low in MODAL or low in HAVE:
            last_aux = low
        elif neg is not None:
            last_aux = neg.group(1)
        elif low in ADVERBS or (low.endswith("ly") and len(low) > 3):
            pass
        elif (
            low in CATENATIVE
            and k + 1 < len(words)
            and words[k + 1].group() == "to"
            and CATENATIVE[low] in _fits_forms(last_aux, plural)
        ):
            last_aux = "to"  # "continued to call for", "appears to endorse": the verb after is a base form
            k += 1
        else:
            break
        k += 1
    if k >= len(words):
        return None
    verb = words[k]
    v = verb.group()
    if k > first and "," in masked[words[k - 1].end() : verb.start()]:
        return None
    if not v.islower() or not _form_fits(v, last_aux, plural):
        return None
    after = verb.end()
    particle = _PARTICLE.match(masked, after, unit.end)
    if v in CALL and _FOR_ON.match(masked[after : after + 5]):
        particle = _FOR_ON_PARTICLE.match(masked, after, unit.end)  # "called for", "called on"
    content = trim(text, particle.end() if particle is not None else after, unit.end)
    if content is None or word_count(text, content.start, content.end) < MIN_WORDS:
        return None
    site = Site(text, masked, v, verb.start(), verb.end(), unit.end, content=content)
    if vetoes.vetoed(vetoes.VERB_VETOES, site):
        return None  # "declared a state of emergency", "called Saleh last week", "spoke to reporters"
    return Stance(content, subject, Span(verb.start(), verb.end()))


def _fits_forms(aux: str | None, plural: bool) -> tuple[str, ...]:
    """The verb forms (names as in `CATENATIVE`) that may follow `aux`."""
    if aux is None:
        return ("past", "base") if plural else ("past", "third")
    aux = aux.lstrip("'’")
    if aux in ("is", "are", "was", "were", "be", "been", "being", "am", "s", "re"):
        return ("ing",)
    if aux in ("has", "have", "had", "ve", "d"):
        return ("participle",)
    return ("base",)


def _form_fits(v: str, aux: str | None, plural: bool) -> bool:
    if aux is None:
        return v in PAST or v in THIRD and not plural or v in BASE and plural
    aux = aux.lstrip("'’")
    if aux in ("is", "are", "was", "were", "be", "been", "being", "am", "s", "re"):
        return v in ING  # "was endorsed" is passive: see _passive
    if aux in ("has", "have", "had", "ve", "d"):
        return v in PARTICIPLE
    return v in BASE  # modal or do-support: "did not address", "will call for"


def _passive(text: str, masked: str, unit: Span) -> Stance | None:
    m = PASSIVE_RE.search(masked, unit.start, unit.end) if "by" in masked[unit.start : unit.end] else None
    if m is None or word_count(masked, unit.start, m.start()) < 1:
        return None
    stop = _AGENT_END.search(masked, m.end(), unit.end)
    src = trim(text, m.end(), stop.start() if stop else unit.end)
    if src is None or word_count(text, src.start, src.end) > 12:
        return None
    first = text[src.start : src.end].split()[0]
    if not _can_open_subject(first):
        return None
    content = trim(text, unit.start, unit.end)
    if content is None:
        return None
    return Stance(content, src, Span(m.start("verb"), m.end("verb")))


def _noun_stance(text: str, masked: str, unit: Span) -> Stance | None:
    if not has_any(masked[unit.start : unit.end], NOUN_STANCE_NEEDS):
        return None
    m = NOUN_STANCE_RE.search(masked, unit.start, unit.end)
    if m is None:
        return None
    src = source_before(text, masked, unit.start, m.start() + 1)
    if src is None:
        return None
    stop = _STOP.match(masked, m.end(), unit.end)
    content = trim(text, m.end(), stop.end() if stop else unit.end)
    if content is None:
        return None
    return Stance(content, src, Span(m.start("cue"), m.end("cue")))
