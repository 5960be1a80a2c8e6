"""Vetoes: the guards that keep a cue word or a stance verb from being taken for an attribution.

Each guard is a row: its name, its test (a predicate on the `Site` where the word stands), an
example sentence on which it fires, and the expected outcome of that sentence through
`extract()`: who each of its claims is attributed to, `"outlet"` for the outlet's own voice,
else `"<source> <cue>"`, joined by `" | "`. tests/test_vetoes.py runs every example with its
guard and without it: with it, the outcome is the expected one; without it, the outcome changes
(so each guard is needed by its example). docs/claims.md lists the same rows.

The guards run at three places, one tuple each (a row may stand in two):
- `CUE_VETOES`: a cue of the reporting lexicon (`said`, `claimed`, `found`, ...), before any
  attribution pattern is tried (workbench.extraction.attribution);
- `SOURCE_VETOES`: the same cue once the source phrase before it is known (the leading pattern);
- `VERB_VETOES`: the verb after a speaking subject, once its content is known
  (workbench.extraction.stance.verb_group).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from workbench.extraction.lexicon.cues import (
    ACT_OBJECT_RE,
    ACT_VERBS,
    NOUN_CONTEXT_RE,
    NOUN_LIKE_CUES,
    PRONOUNS,
    SKIP_BEFORE_CUE,
    SOURCE_HEADS,
    WEAK_CUES,
    WORD_RE,
)
from workbench.extraction.lexicon.stance_words import (
    ADJ_SUFFIXES,
    CALL,
    CALL_SOFT_STOP,
    CALL_STOP,
    CALL_TIME,
    NEEDS_TOPIC,
    RULE,
    SEE,
    VOLITION,
)
from workbench.extraction.phrases import MASK
from workbench.model import Span
from workbench.text.wordsets import word_set


@dataclass(frozen=True, slots=True)
class Site:
    """Where a cue or a verb stands in a unit; offsets index the article (`text` and `masked`)."""

    text: str
    masked: str  # the text with the inside of every quotation blanked
    word: str  # the cue or the verb, lower case
    start: int
    end: int
    unit_end: int
    before: str = ""  # the masked unit text before the cue
    source: Span | None = None  # the source phrase before the cue (SOURCE_VETOES)
    content: Span | None = None  # the content after the verb and its particle (VERB_VETOES)


@dataclass(frozen=True, slots=True)
class Veto:
    """One guard: when `test(site)` holds, the word at the site is no attribution."""

    name: str
    test: Callable[[Site], bool]
    example: str
    expect: str  # the example's outcome: "outlet" or "<source> <cue>" per claim, joined by " | "
    why: str


def vetoed(rows: tuple[Veto, ...], site: Site) -> bool:
    """Whether any guard of `rows` holds at `site`."""
    return any(row.test(site) for row in rows)


# --- the tests --------------------------------------------------------------------------------

_SUBJECT_IS = re.compile(r"\b(?:he|she|it|that|what|who)['’]s\s+$", re.IGNORECASE)
_RESPONSIBILITY = re.compile(r"\s+(?:responsibility|credit)\b")
_TO_VERB = re.compile(r"\s+(?:\w+\s+){0,4}?to\s+[a-z]")
_AFTER_BE = re.compile(r"\b(?:was|were|been|be|is|are)\s+$")
_BY = re.compile(r"\s+by\s")
_TOPIC_PARTICLE = re.compile(r"\s+(?:of|about|on)\b")
_SEE_AS = re.compile(
    r"\s+(?:that\b|(?:[\w'’-]+\s+){1,5}?as\s+(?:an?|the|his|her|their|its|one|[a-z]+(?:ing|ed|ive|al|ous|ful|ble|ic|less)\b))"
)
_NO_SPEAKERS = word_set("i you we it which nobody everyone everybody anyone anybody") | {"no one"}
_CONTENT_PREPOSITIONS = word_set("to by with at in")
_PROMISE_VERBS = ("vow", "pledg", "promis", "urg")
# "I want to", "we plan to": a speaker's own plan (a debate, an interview) is no one's reported intention.
_FIRST_PERSON_BEFORE = re.compile(r"\b(?:I|[Ww]e|[Yy]ou)(?:['’]\w+)?\s+(?:\w+\s+){0,2}\Z")
_RULED_THAT = re.compile(r"\s+(?:\w+\s+){0,3}?(?:that\b|(?:in\s+favor|in\s+favour)\s+of\b|against\b)")
# "to <verb>", never "to the families"; "declined to comment" / "to elaborate" is no-comment boilerplate.
_INFINITIVE = re.compile(
    r"\s+(?!(?:the|a|an|his|her|their|its|this|that|these|those|my|our|your|comment|elaborate|be)\b)[a-z]+\b"
)
_QUANTITY = re.compile(
    r"\s+(?:about\s+|nearly\s+|some\s+|more\s+than\s+|another\s+|an\s+estimated\s+)?[$€£]?\d"
)
_ADD_FORMS = word_set("add adds added adding")


def _noun_context(s: Site) -> bool:
    return _ends_in_noun_context(s.before) and not _SUBJECT_IS.search(s.before)


def _ends_in_noun_context(before: str) -> bool:
    """NOUN_CONTEXT_RE.search(before), tried only where a match can start: it ends at the end, after
    the white space there and a word of at most five letters (speed: the cue's whole sentence
    before it was searched; `pos` keeps what lies before in view for \\b)."""
    tail = len(before) - len(before.rstrip())
    return NOUN_CONTEXT_RE.search(before, max(0, len(before) - tail - 6)) is not None


def _added_quantity(s: Site) -> bool:
    return s.word in _ADD_FORMS and bool(_QUANTITY.match(s.masked, s.end, s.unit_end))


def _claim_of_responsibility(s: Site) -> bool:
    return s.word.startswith("claim") and bool(_RESPONSIBILITY.match(s.masked[s.end : s.end + 20]))


def _threat_to_act(s: Site) -> bool:
    return s.word.startswith("threaten") and bool(_TO_VERB.match(s.masked[s.end : s.end + 60]))


def _act_object(s: Site) -> bool:
    return s.word in ACT_VERBS and bool(ACT_OBJECT_RE.match(s.masked, s.end, s.unit_end))


def _weak_cue_after_be(s: Site) -> bool:
    return s.word in WEAK_CUES and bool(_AFTER_BE.search(s.before))


def _passive_by(s: Site) -> bool:
    return s.word.endswith("ed") and bool(_BY.match(s.masked[s.end : s.end + 5]))


def _weak_cue_no_speaker(s: Site) -> bool:
    return (
        s.word in WEAK_CUES
        and s.source is not None
        and s.text[s.source.start : s.source.end].lower() in _NO_SPEAKERS
    )


def _plural_noun_cue(s: Site) -> bool:
    return s.word in NOUN_LIKE_CUES and s.source is not None and not _verb_subject(s)


def _verb_subject(s: Site) -> bool:
    """Whether a source phrase right before a noun-like cue ('tweets', 'states') is its subject."""
    src = s.source
    gap = s.masked[src.end : s.start]
    if gap.strip(" ,") and not all(w.lower() in SKIP_BEFORE_CUE or w.endswith("ly") for w in gap.split()):
        return False  # a head before a prepositional tail: "Democrats from coal states"
    last = s.text[src.start : src.end].split()[-1].strip(",")
    low = last.lower().rstrip("'’s")
    return last[0].isupper() or low in PRONOUNS or low in SOURCE_HEADS or last.lower() in SOURCE_HEADS


def _ruling_without_that(s: Site) -> bool:
    return s.word in RULE and not _RULED_THAT.match(s.masked, s.end, s.unit_end)


def _seen_not_viewed(s: Site) -> bool:
    return s.word in SEE and not _SEE_AS.match(s.masked, s.end, s.unit_end)


def _call_without_complement(s: Site) -> bool:
    return s.word in CALL and not call_complement(s.masked, s.end, s.unit_end)


def _speech_without_topic(s: Site) -> bool:
    return s.word in NEEDS_TOPIC and not _TOPIC_PARTICLE.match(s.masked, s.end, s.unit_end)


def _preposition_content(s: Site) -> bool:
    if s.content is None:
        return False
    first = WORD_RE.match(s.text, s.content.start, s.content.end)
    word = first.group().lower() if first else ""
    if (
        word == "to"
        and s.word in VOLITION
        and _INFINITIVE.match(s.text, first.end(), s.content.end)
        and not _FIRST_PERSON_BEFORE.search(s.masked, max(0, s.start - 24), s.start)
    ):
        return False  # "declined to appeal", "sought to protect": an intention, not an addressee
    return word in _CONTENT_PREPOSITIONS and not s.word.startswith(_PROMISE_VERBS)


def call_complement(masked: str, pos: int, end: int) -> bool:
    """'called the charges unsubstantiated' / 'called him a liar' / 'called it "a disgrace"' /
    'called half of the mayor's supporters "cowards"' / 'called her vote in favor of the war a mistake'.
    A hard stop (`to`, `last`, a comma, ...) ends the object; a preposition inside it (`of`, `in`,
    `and`) does not, but after one only a quotation or `a`/`an` not right after the preposition counts."""
    soft = False
    prev, prev_end = "", pos
    for i, w in enumerate(WORD_RE.finditer(masked, pos, min(end, pos + 160))):
        gap = masked[prev_end : w.start()]
        if MASK in gap or "“" in gap or '"' in gap:
            return i > 0  # 'called X "a disgrace"', 'called X “cowards”' (a short quotation is not masked)
        low = w.group().lower()
        if "," in gap or i >= 14:
            return False
        if low in CALL_SOFT_STOP and i > 0:
            soft = True
        elif low in CALL_STOP and not (prev in CALL_SOFT_STOP and low in CALL_TIME):
            return False  # "called Saleh last week"; "on Saturday" is only a preposition's object
        elif i == 0:
            if low in ("a", "an"):
                return False
        elif low in ("a", "an"):
            return not soft or prev not in CALL_SOFT_STOP
        elif (
            not soft
            and w.group().islower()
            and low.endswith(ADJ_SUFFIXES)
            and len(low) > 4
            and low not in SOURCE_HEADS
        ):
            return True
        prev, prev_end = low, w.end()
    return MASK in masked[pos : min(end, pos + 160)]


# --- the rows ---------------------------------------------------------------------------------

NOUN_CONTEXT = Veto(
    "noun_context",
    _noun_context,
    "The administration's plans for the new border wall were published on Friday.",
    "outlet",
    "after a determiner or a possessive the cue word is a noun ('the administration's plans', 'his claims')",
)
CLAIM_OF_RESPONSIBILITY = Veto(
    "claim_of_responsibility",
    _claim_of_responsibility,
    "Islamic State claimed responsibility for the bombing, the interior ministry said on Sunday.",
    "the interior ministry said",
    "claiming responsibility or credit is an act the outlet reports, not a proposition to check",
)
ADDED_QUANTITY = Veto(
    "added_quantity",
    _added_quantity,
    "U.S. employers added 156,000 jobs in September, fewer than in August.",
    "outlet",
    "'added 156,000 jobs', 'adds $2 billion': a quantity added is an event, not speech",
)
THREAT_TO_ACT = Veto(
    "threat_to_act",
    _threat_to_act,
    "Washington has threatened to close its embassy in Baghdad if the rocket attacks continue.",
    "outlet",
    "'threatened to close': a threat is an act in the outlet's voice",
)
ACT_OBJECT = Veto(
    "act_object",
    _act_object,
    "The governor declared a state of emergency across the three northern counties on Monday.",
    "outlet",
    "'declared a state of emergency', 'announced a ceasefire': the object is an act, not a proposition",
)
WEAK_CUE_AFTER_BE = Veto(
    "weak_cue_after_be",
    _weak_cue_after_be,
    "The missing hiker was found dead near the summit of the mountain on Sunday.",
    "outlet",
    "'was found dead', 'is thought to': a weak cue after a form of 'be' is a passive, not a speaker's",
)
PASSIVE_BY = Veto(
    "passive_by",
    _passive_by,
    "Health workers counted 412,000 cases, with 9,000 deaths confirmed by the end of July.",
    "outlet",
    "'deaths confirmed by the end of July', 'cases reported by the council': a passive participle, no speaker",
)
WEAK_CUE_NO_SPEAKER = Veto(
    "weak_cue_no_speaker",
    _weak_cue_no_speaker,
    "It found that 40% of the schools in Ohio lacked clean water.",
    "outlet",
    "a weak cue ('found', 'think', 'hopes') after 'it', 'we', 'nobody', ... names no speaker to cite",
)
PLURAL_NOUN_CUE = Veto(
    "plural_noun_cue",
    _plural_noun_cue,
    "Democrats in battleground states held rallies across the region on Saturday.",
    "outlet",
    "'battleground states', 'early-morning tweets': a cue form that is a plural noun after its modifier",
)
SEEN_NOT_VIEWED = Veto(
    "seen_not_viewed",
    _seen_not_viewed,
    "Nigeria has seen its oil output fall by 20% since 2019.",
    "outlet",
    "'has seen its output stagnate' is an experience; 'sees the vote as a test' is a view",
)
RULING_WITHOUT_THAT = Veto(
    "ruling_without_that",
    _ruling_without_that,
    "The party ruled the province for 40 years before the 2019 election.",
    "outlet",
    "'ruled that ...', 'ruled against ...' is a finding; 'ruled the province', 'ruled out' are acts",
)
CALL_WITHOUT_COMPLEMENT = Veto(
    "call_without_complement",
    _call_without_complement,
    "Pompeo called Saleh last week to deliver an ultimatum about the militias.",
    "outlet",
    "'called Saleh last week' is a telephone call; 'called the charges unfounded' is a stance",
)
SPEECH_WITHOUT_TOPIC = Veto(
    "speech_without_topic",
    _speech_without_topic,
    "The minister spoke after the president at the summit in Brussels on Monday.",
    "outlet",
    "'spoke', 'talked', 'complained' say something only with a topic ('of', 'about', 'on')",
)
PREPOSITION_CONTENT = Veto(
    "preposition_content",
    _preposition_content,
    "The minister apologised to the families of the 40 victims on Monday.",
    "outlet",
    "'apologised to the families', 'debated with his rival': what follows is not the content (unless a vow or a plea)",
)

CUE_VETOES: tuple[Veto, ...] = (
    NOUN_CONTEXT,
    CLAIM_OF_RESPONSIBILITY,
    ADDED_QUANTITY,
    THREAT_TO_ACT,
    ACT_OBJECT,
    WEAK_CUE_AFTER_BE,
    PASSIVE_BY,
)
SOURCE_VETOES: tuple[Veto, ...] = (WEAK_CUE_NO_SPEAKER, PLURAL_NOUN_CUE)
VERB_VETOES: tuple[Veto, ...] = (
    ACT_OBJECT,
    SEEN_NOT_VIEWED,
    RULING_WITHOUT_THAT,
    CALL_WITHOUT_COMPLEMENT,
    SPEECH_WITHOUT_TOPIC,
    PREPOSITION_CONTENT,
)
STAGES = {"cue": "CUE_VETOES", "source": "SOURCE_VETOES", "verb": "VERB_VETOES"}
