"""Attribution in a unit's later clauses, without a reporting cue (see workbench.extraction.stance).

- `<clause>, but|and|although|because <subject> <stance verb> <content>`: a later clause with its
  own speaking subject ("..., but she has long argued that ...", "because they feared ...");
- `<NP>, who|which|many of whom <stance verb> <content>`: a relative pronoun speaks for its
  antecedent (the registry resolves `who`), and the content ends where the main clause resumes;
- `Though|Although|Because <subject> <stance verb> <content>, <main clause>`: a stance inside a
  leading subordinate clause, whose content ends with the clause.
"""

from __future__ import annotations

import re

from workbench.extraction.lexicon.cues import INTRO_RE, WORD_RE
from workbench.extraction.lexicon.stance_words import ADVERBS
from workbench.extraction.phrases import MASK, trim
from workbench.extraction.stance import Stance, is_verbish, subject_verb, verb_group
from workbench.model import Span
from workbench.text.prefilter import has_any

_AND = re.compile(r"\band\b")
_RELATIVE = re.compile(r"\b(?:who|whom|which|that|whose)\b")
_TOKEN = re.compile(r"[\w'’.-]+")

# A later clause with its own subject: "..., but she has long argued ...", "because they felt ...".
_CLAUSE_OPEN = re.compile(
    r"(?:[,;]\s+(?:(?:and|but|so|yet|while|although|though|because|since|whereas|even\s+though)\s+)?"
    r"|\s(?:because|although|though|while|whereas|even\s+though|since)\s+)"
    r"(?=[A-Za-z])"
)


LEADING_SUBORDINATE = re.compile(
    r"(?:Though|Although|Even though|Because|While|Whereas|As)\s+(?=[a-z]|[A-Z])"
)
_RELATIVE_OPEN = re.compile(r"[,—–]\s*(?:(?:many|most|some|all|each|none|both)\s+of\s+)?(?:who|whom|which)\s")


# "Trump's claim that ...", "his insistence that ...": a stance noun with a possessor and a that-clause.
_POSSESSIVE_STANCE = re.compile(
    r"(?P<src>\b(?:[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w-]*['’]s?)"
    r"(?=\s))\s+(?:(?:own|latest|repeated|earlier|recent|false|new|main|central)\s+)?"
    r"(?P<cue>claims?|assertions?|arguments?|insistence|contention|belief|beliefs|view|warnings?|"
    r"promises?|pledges?|accusations?|allegations?|suggestion|conclusion|prediction|charge|complaint)"
    r"\s+that\s+"
)
# Speed: every match of _POSSESSIVE_STANCE holds one of these (workbench.text.prefilter).
POSSESSIVE_STANCE_NEEDS = (
    "claim", "assertion", "argument", "insistence", "contention", "belief", "view", "warning", "promise",
    "pledge", "accusation", "allegation", "suggestion", "conclusion", "prediction", "charge", "complaint",
)  # fmt: skip


def possessive_stance(text: str, masked: str, unit: Span) -> Stance | None:
    """'Politifact checked Trump's claim that there were thousands of shootings': the possessor speaks."""
    if not has_any(masked[unit.start : unit.end], POSSESSIVE_STANCE_NEEDS):
        return None
    m = _POSSESSIVE_STANCE.search(masked, unit.start, unit.end)
    if m is None:
        return None
    comma = masked.find(",", m.end(), unit.end)
    content = trim(text, m.end(), comma if comma > m.end() else unit.end)
    src = m.group("src")
    end = m.end("src") - (2 if src.endswith(("'s", "’s")) else 1 if src.endswith(("'", "’")) else 0)
    source = trim(text, m.start("src"), end)
    if content is None or source is None or len(WORD_RE.findall(text, content.start, content.end)) < 3:
        return None
    return Stance(content, source, Span(m.start("cue"), m.end("cue")))


def find_clause_stance(text: str, masked: str, unit: Span) -> Stance | None:
    """A subject of a stance verb opening a later clause of the unit (see `_CLAUSE_OPEN`), or a
    relative pronoun: 'Mr Obama, who understood that ...' (the source is `who`, resolved by the
    registry)."""
    possessive = possessive_stance(text, masked, unit)
    if possessive is not None:
        return possessive
    relatives = (
        _RELATIVE_OPEN.finditer(masked, unit.start, unit.end)
        if has_any(masked[unit.start : unit.end], ("who", "which"))  # every match holds one (speed)
        else ()
    )
    for m in relatives:
        words = list(WORD_RE.finditer(masked, m.start() + 1, min(unit.end, m.end() + 200)))
        k = next((i for i, w in enumerate(words) if w.group().lower() in ("who", "whom", "which")), None)
        if k is None or k + 1 >= len(words):
            continue
        subject = Span(words[0].start(), words[k].end())
        rel = words[k:]
        stance = verb_group(text, masked, unit, subject, rel, 1, None, plural=False) or verb_group(
            text, masked, unit, subject, rel, 1, None, plural=True
        )
        if stance is not None:
            return end_of_relative(text, masked, stance)
    for m in _CLAUSE_OPEN.finditer(masked, unit.start, unit.end):
        if m.start() <= unit.start:
            continue
        stance = subject_verb(text, masked, Span(m.end(), unit.end))
        if stance is not None:
            return stance
    lead = LEADING_SUBORDINATE.match(masked, unit.start, unit.end)
    if lead is not None:
        comma = masked.find(",", lead.end(), unit.end)  # "Though she called X "outrageous", Ruiz voted"
        if comma > lead.end():
            return subject_verb(text, masked, Span(lead.end(), comma))
    return None


_MAIN_RESUMES = re.compile(r",\s+(?:also\s+|later\s+|then\s+|now\s+)?([a-z]+)\b")
IRREGULAR_PAST = frozenset(
    """met left went said told took made came saw won lost ran held spent led began became got gave found
    kept paid sent set put stood sat fell rose grew drew wrote spoke""".split()  # noqa: SIM905
)


def end_of_relative(text: str, masked: str, stance: Stance) -> Stance:
    """'X, who argued that the dam was unsafe, left office': the content ends with the relative clause."""
    for m in _MAIN_RESUMES.finditer(masked, stance.content.start, stance.content.end):
        w = m.group(1)
        if w in IRREGULAR_PAST or (is_verbish(w) and w not in ADVERBS and not w.endswith("ly")):
            end = trim(text, stance.content.start, m.start())
            if end is not None:
                return Stance(end, stance.source, stance.cue)
    return stance


SPEECH_CUES = frozenset(
    """said says told tells added adds noted notes wrote writes argued argues insisted insists warned warns
    claimed claims stressed stresses explained explains acknowledged acknowledges found finds concluded
    concludes reported reports announced announces predicted predicts estimated estimates""".split()  # noqa: SIM905
)
AND_BEFORE = re.compile(r"[^,]\s+and\s+(?:also\s+|later\s+|then\s+)?\Z")
ASKED_INTRO = re.compile(
    r"(?:(?:When|After|Once)\s+)?[Aa]sked\s+(?:about|to|whether|if|why|what|how|for|on|by)\b"
)
_GERUND_OK_BEFORE = re.compile(
    r"(?:[,;:(—–-]|\b(?:is|are|was|were|be|been|am|['’]s|['’]re|keeps|kept|began|begun|started|"
    r"continued|continues|after|before|while|by|without|when|since|from)|" + MASK + r")\s*\Z"
)


def asked_intro(masked: str, unit: Span, m: re.Match[str]) -> bool:
    """'Asked about the fire, the chief said': the question is an intro, not a cue with a source."""
    if m.group(1).lower() != "asked":
        return False
    intro = INTRO_RE.match(masked, unit.start, unit.end)
    start = intro.end() if intro is not None else unit.start
    return m.start(1) - start <= 6 and ASKED_INTRO.match(masked, start, unit.end) is not None


def bare_gerund(masked: str, unit: Span, m: re.Match[str]) -> bool:
    """'slamming the governor for his work defending the owners': an -ing cue with no auxiliary and
    no comma before it modifies a noun; it neither ends a source nor starts a clause of speech."""
    cue = m.group(1)
    if not cue.endswith("ing") or " " in cue or m.start(1) == unit.start:
        return False
    return _GERUND_OK_BEFORE.search(masked, max(unit.start, m.start(1) - 12), m.start(1)) is None


def coordinated_source(text: str, masked: str, source: Span) -> Span | None:
    """A source phrase never spans a clause: 'Prices rose and analysts said' -> 'analysts';
    'The minister visited the dam and said' -> 'The minister' (the subject of both verbs). None when
    nothing of the phrase is a source."""
    phrase = masked[source.start : source.end]
    ands = list(_AND.finditer(phrase))
    if not ands:
        return source
    left = phrase[: ands[-1].start()]
    if "," in phrase or _RELATIVE.search(left):
        return source  # an apposition or a relative clause belongs to the source
    words = _TOKEN.findall(left)
    verbs = [
        w
        for i, w in enumerate(words[1:6], 1)
        if (w in IRREGULAR_PAST or w.islower() and w.endswith("ed") and len(w) > 4)
        and (i + 1 >= len(words) or words[i + 1] != "by")
    ]
    if not verbs:
        return source
    tail = trim(text, source.start + ands[-1].end(), source.end)
    if tail is not None:
        return tail
    first_verb = re.search(r"\b" + verbs[0] + r"\b", left)
    return trim(text, source.start, source.start + first_verb.start())


def clause_content(text: str, masked: str, unit: Span, content: Span, source: Span, cue: Span) -> Span:
    """The content of a relation whose cue precedes it, cut to its clause: a leading subordinate
    clause ('Although the regulators argued that the dam was unsafe, the plant reopened') or a `who`
    source's relative clause ('Mayor Ruiz, who argued that the dam was unsafe, left office')."""
    if content.start < cue.end:
        return content
    lead = LEADING_SUBORDINATE.match(masked, unit.start, unit.end)
    if lead is not None:
        comma = masked.find(",", lead.end(), unit.end)
        if cue.end <= comma < content.end - 1 and comma > content.start:
            content = trim(text, content.start, comma) or content
    if text[source.start : source.end].split()[-1].lower() in ("who", "whom", "which"):
        content = end_of_relative(text, masked, Stance(content, source, cue)).content
    return content
