"""Coreference for pronoun and description sources: who "he", "she" or "the senator" is.

A salience model in the manner of Lappin and Leass (1994), on the words the rules already find:
every mention of a person adds weight to that person (more when the mention is the subject of its
sentence, most when the person is the source of an attribution), and all weights halve at each new
sentence and again at a paragraph break, so the nearest, most prominent compatible candidate wins.
Compatibility is number, gender (a title, the first-name lexicon, or "he"/"she" seen right after the
name elsewhere in the article) and person vs organisation. A description ("the Indiana governor",
"the Republican nominee", "the 69-year-old") also scores the words the article wrote around each
name ("Indiana Gov. Mike Pence", "Trump, the Republican nominee,").

An answer is *unsure* when the evidence is weak: the runner-up is nearly as salient, the winner's
gender is unknown while another candidate is in play, or the winner was last seen long ago.
Everything here lives in one article's `SourceTracker`; nothing is shared between articles.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from workbench.extraction.lexicon.coref_words import (
    DESCRIBING,
    DESCRIPTION_GENDER,
    DESCRIPTION_HEADS,
    MODIFIER_STOP,
    SAME_WORD,
)
from workbench.extraction.lexicon.source_words import PRONOUN_GENDER

# Weights (Lappin and Leass: recency 100, subject 80; a speaker is the strongest subject).
MENTION = 100.0
SUBJECT = 80.0
SPEAKER = 150.0
SENTENCE_DECAY = 0.5
PARAGRAPH_DECAY = 0.6
# A candidate below this is out of reach (about five sentences since its last plain mention).
MIN_SALIENCE = 4.0
# Unsure when the runner-up has at least this share of the winner's salience.
CLOSE_RIVAL = 0.6
MODIFIER_POINTS = 120.0

_VERB_AFTER = re.compile(
    r"\s*(?:,[^,]{1,60},\s*)?(?:has|had|is|was|were|will|would|could|can|did|does|also|then|later|"
    r"still|again|now|said|says|told|met|spoke|went|made|took|gave|won|lost|ran|wrote|sent|saw|got|"
    r"came|left|held|led|kept|put|set|thought|knew|felt|heard|[a-z]+ed|[a-z]+s)\b"
)
_NAME_AND = re.compile(r"((?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’-]*) and \Z")
_PRONOUN = re.compile(r"\b(?:he|she|his|her|him)\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][\w'’.-]*")


@dataclass(slots=True)
class Candidate:
    """One person of the article as the resolver sees it."""

    key: str
    salience: float = 0.0
    mentions: int = 0
    evidence: bool = False  # a title, a known first name, a pronoun or a speech act says it is a person
    words: set[str] = field(default_factory=set)  # what the article wrote around the name


@dataclass(frozen=True, slots=True)
class Choice:
    key: str
    unsure: bool


class Salience:
    """Salience of the people of one article, in reading order."""

    def __init__(self) -> None:
        self.people: dict[str, Candidate] = {}
        self._credited: set[str] = set()  # keys credited in the current sentence

    def next_sentence(self, paragraph: bool) -> None:
        factor = SENTENCE_DECAY * (PARAGRAPH_DECAY if paragraph else 1.0)
        for c in self.people.values():
            c.salience *= factor
        self._credited.clear()

    def candidate(self, key: str) -> Candidate:
        c = self.people.get(key)
        if c is None:
            c = self.people[key] = Candidate(key)
        return c

    def mention(self, key: str, subject: bool, evidence: bool, words: set[str] = frozenset()) -> None:
        c = self.candidate(key)
        c.evidence = c.evidence or evidence
        c.words.update(words)
        if key in self._credited:
            return
        self._credited.add(key)
        c.mentions += 1
        c.salience += MENTION + (SUBJECT if subject else 0.0)

    def score(self, key: str) -> float:
        c = self.people.get(key)
        return c.salience if c is not None else 0.0

    def spoke(self, key: str) -> None:
        c = self.candidate(key)
        c.evidence = True
        c.salience += SPEAKER
        self._credited.add(key)

    def pick_person(self, gender: str | None, genders: dict[str, str]) -> Choice | None:
        """The most salient person of a compatible gender."""
        ranked = sorted(
            (c for c in self.people.values() if c.salience >= MIN_SALIENCE),
            key=lambda c: (c.evidence, c.salience),
            reverse=True,
        )
        fits = [c for c in ranked if gender is None or genders.get(c.key, gender) == gender]
        if not fits:
            return None
        best = fits[0]
        rivals = [c for c in fits[1:] if c.evidence or not best.evidence]
        unsure = not best.evidence
        if rivals and rivals[0].salience >= CLOSE_RIVAL * best.salience:
            unsure = True
        if gender is not None and best.key not in genders and rivals:
            unsure = True
        return Choice(best.key, unsure)

    def pick_described(self, words: set[str], gender: str | None, genders: dict[str, str]) -> Choice | None:
        """The person a description fits best: its words among those written around the name,
        then salience and how often the article names the person."""
        scored = []
        for c in self.people.values():
            if not c.evidence or (gender is not None and genders.get(c.key, gender) != gender):
                continue
            match = len(words & c.words)
            scored.append((match * MODIFIER_POINTS + c.salience + 10.0 * c.mentions, match, c))
        if not scored:
            return None
        scored.sort(key=lambda t: t[0], reverse=True)
        top, match, best = scored[0]
        unsure = bool(words) and match == 0
        if len(scored) > 1 and scored[1][0] >= CLOSE_RIVAL * top:
            unsure = True
        return Choice(best.key, unsure)


def is_subject(text: str, start: int, end: int, sentence_start: int = 0) -> bool:
    """A name at the start of its sentence or right before its verb is the sentence's subject."""
    lead = text[sentence_start:start]
    if not lead.strip(" \n\"“'‘—-"):
        return True
    if lead.endswith(" and ") and _NAME_AND.search(lead):
        return is_subject(text, start - 5 - len(_NAME_AND.search(lead).group(1)), start - 5, sentence_start)
    return _VERB_AFTER.match(text, end) is not None


def gender_votes(text: str, names: list[tuple[int, int, str]]) -> dict[str, str]:
    """'Rakeyia Scott ... she said': each he/she/his/her takes the nearest name before it in the
    same sentence; a name whose votes agree takes that gender. names: (start, end, key), sorted."""
    votes: dict[str, list[str]] = {}
    ends = [n[1] for n in names]
    for m in _PRONOUN.finditer(text):
        i = bisect_right(ends, m.start())
        if i == 0:
            continue
        _, end, key = names[i - 1]
        gap = text[end : m.start()]
        if len(gap) > 120 or any(ch in gap for ch in ".!?\n"):
            continue
        votes.setdefault(key, []).append(PRONOUN_GENDER[m.group().lower()])
    return {k: v[0] for k, v in votes.items() if len(set(v)) == 1}


def description_head(phrase: str) -> tuple[set[str], str | None] | None:
    """'the Indiana governor' -> ({'indiana'}, None); 'the 34-year-old mother of three' -> (set(), 'f').

    None when the phrase is not a definite description of a person."""
    words = [w.lower().strip(",.") for w in _WORD.findall(phrase)]
    if len(words) < 2 or words[0] not in ("the", "this", "that"):
        return None
    core = []
    for w in words[1:]:
        if w in ("of", "in", "from", "at", "who", "and", "with", "for"):
            break
        core.append(w.replace("’", "'").removesuffix("'s"))
    if not core:
        return None
    head = core[-1]
    if head not in DESCRIPTION_HEADS and not head.endswith("-year-old"):
        return None
    modifiers = {SAME_WORD.get(w, w) for w in core[:-1] if w not in MODIFIER_STOP}
    modifiers.add(SAME_WORD.get(head, head))
    return modifiers, DESCRIPTION_GENDER.get(head)


def context_words(text: str, start: int, end: int, titles: list[str] = ()) -> set[str]:
    """Words the article writes around a name: its titles, the words before it ("Indiana Gov. Mike
    Pence", "Republican presidential nominee Donald Trump") and an apposition after it ("Trump,
    the GOP nominee,"); one spelling each (coref_words.SAME_WORD)."""
    out: set[str] = {w.lower().strip(".,") for w in titles}
    before = text[max(0, start - 60) : start]
    for w in reversed(before.split()[-4:]):
        low = w.lower().strip(".,")
        if not w[:1].isalnum() or w.endswith((",", ";", ":")) or low in MODIFIER_STOP:
            break
        if not (
            w[:1].isupper() or low in DESCRIPTION_HEADS or low in DESCRIBING or low.endswith("-year-old")
        ):
            break  # "worries Clinton", "have Trump": not a description of the name
        out.add(low)
    after = re.match(r",\s+(?:the|a|an)\s+([^,.;]{3,60})[,.;]", text[end : end + 80])
    if after is not None:
        out.update(w.lower().strip(".,") for w in after.group(1).split() if w.lower() not in MODIFIER_STOP)
    return {SAME_WORD.get(w, w) for w in out if w}
