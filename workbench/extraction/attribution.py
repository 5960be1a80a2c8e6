"""Find attribution relations (source, cue, content) in one unit of text.

A unit is a sentence, or several sentences merged when a quotation spans them. The finder works
on a *masked* copy of the text in which the inside of every quotation is blanked out, so that
cue verbs inside quoted speech are never taken for attributions, while offsets stay exact.

Patterns, tried for every cue verb of the lexicon (see docs/claims.md):
- `<content>, <source> <cue> [told AFP / on Monday].`        trailing attribution
- `<content>, <cue> <source>.` / `"<quote>," <cue> <source>`   inverted attribution
- `<source> <cue> [recipient] (that|:) <content>`              leading attribution
- `<content part>, <source> <cue>, <content part>`              parenthetical
- `According to <source>, <content>` / `<content>, according to <source>.`
- `SPEAKER: <content>` at the start of a paragraph (transcripts, headlines)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from workbench.extraction import clause_cues, vetoes
from workbench.extraction.clause_stance import (
    AND_BEFORE,
    ASKED_INTRO,
    SPEECH_CUES,
    asked_intro,
    bare_gerund,
    clause_content,
    coordinated_source,
    find_clause_stance,
)
from workbench.extraction.lexicon.cues import (
    ANON_CLAUSE_NEEDS,
    ANON_CLAUSE_RE,
    AUDIENCE_RE,
    CUE_RE,
    CUE_SET,
    DANGLING_RE,
    DASH_SOURCE_NEEDS,
    DASH_SOURCE_RE,
    INTRO_RE,
    NOT_SPEAKERS,
    NOTICE_CUE,
    OBJECT_CUES,
    PREPOSITIONS,
    PRONOUNS,
    QUOTE_CLOSERS,
    SAID_FIRST_RE,
    SETTING_RE,
    SPEAKER_RE,
    SUBJECT_ONLY_RE,
    TELL_VERBS,
    THAT_RE,
    TOPIC_RE,
    WEAK_CUES,
    WORD_RE,
)
from workbench.extraction.lexicon.stance_words import ING, PAST, THIRD
from workbench.extraction.phrases import (
    MASK,
    opening_apposition,
    quote_inner,
    recipient,
    source_after,
    source_before,
    trim,
    word_count,
)
from workbench.extraction.stance import find_stance
from workbench.extraction.vetoes import Site
from workbench.model import Span
from workbench.text.prefilter import has_any, may_contain

SUBJECT_FALLBACK = True
NOTICE_RE = re.compile(NOTICE_CUE)
_ACCUSED_OF = re.compile(r"(?:him|her|them|it|us|me)\s+of\b")
_PLATFORM = re.compile(r"took to ((?:[A-Z]\w*\s?)+|social media)")
_WHICH = re.compile(r",\s+which\b")
_TIME = re.compile(
    r"(?:\s*,?\s+(?:on|in|at|last|this|earlier|later)?\s*(?:[A-Z][a-z]+day|today|yesterday|"
    r"week|month|year|night|morning|evening|afternoon|earlier|later|again|also|then)\b)+"
)
_NP = re.compile(r"[^,;.:!?\"“”()\x00]*")  # a noun phrase runs to the next punctuation
MIN_CONTENT_WORDS = 3
STANCE_FINITE = PAST | THIRD
# Between a source and a later cue: "<verb> <object> and [also] <cue>", one clause (no comma).
_SHARED_VERB = re.compile(
    r",?\s+(?:(?:also|then|publicly|repeatedly|again|first|openly|sharply)\s+)?(?P<verb>[a-z]+)\b[^,;:]{3,160}?"
    r"\s(?P<and>and)\s+(?:also\s+|later\s+|then\s+)?\Z"
)
# ", arguing that", ", touting": the -ing forms of the verb classes of lexicon/stance_words.py.
CLASS_PARTICIPLE_RE = re.compile(r",\s+(?:also\s+|then\s+|even\s+|again\s+)?([a-z]+ing)\b")
# An opening phrase that is not a clause: a preposition, a subordinator or a participle first.
_PHRASE_OPENING = re.compile(
    r"\W*(?:(?:In|On|At|During|After|Before|With|For|From|By|Of|As|When|While|Like|Unlike|To|Through|"
    r"Since|Despite|Amid|Among|Over|Under|If|Although|Though|Because|Once|Until|Upon)\b|[A-Z][a-z]+ing\b)"
    r"|[a-z]"
)


@dataclass(frozen=True, slots=True)
class Found:
    """One attribution relation found in a unit; all spans are article offsets."""

    content: Span
    source: Span | None
    cue: Span
    via: Span | None = None
    quote: bool = False


def _last_visible(text: str, end: int) -> str:
    """The last character before `end` that is not white space ("" if none): what
    `text[:end].rstrip()[-1:]` is, without copying the text before `end` (a copy per cue was
    quadratic on a long article)."""
    i = end - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return text[i] if i >= 0 else ""


def find_in_unit(text: str, masked: str, unit: Span, quotes: list[Span], para_start: bool) -> list[Found]:
    """Attribution relations in one unit, outermost first."""
    found: list[Found] = []
    if para_start:
        speaker = SPEAKER_RE.match(text, unit.start, unit.end)
        if speaker is not None and speaker.group(1).split()[0].lower().strip(".") in NOT_SPEAKERS:
            speaker = None  # "The Latest: ...", "CORRECTION: ...": a label, not a speaker
        if speaker is not None and SAID_FIRST_RE.match(text, unit.start, unit.end):
            speaker = None  # 'Said Ellis: "..."' is an inverted cue, not a speaker label
        if speaker is not None and word_count(text, speaker.end(), unit.end) >= MIN_CONTENT_WORDS:
            content = trim(text, speaker.end(), unit.end)
            if content is not None:
                colon = speaker.end() - 2
                found.append(Found(content, Span(*speaker.span(1)), Span(colon, colon + 1)))
                return found
    said = SAID_FIRST_RE.match(masked, unit.start, unit.end)
    if said is not None and not ASKED_INTRO.match(masked, unit.start, unit.end):
        content = _content_after(text, said.end(), unit.end, quotes)
        src = trim(text, said.start("src"), said.end("src"))
        if content is not None and src is not None:
            return [Found(content, src, Span(*said.span("cue")), quote=_is_quote(content, quotes))]
    dash = (
        DASH_SOURCE_RE.search(masked, unit.start, unit.end)
        if has_any(masked[unit.start : unit.end], DASH_SOURCE_NEEDS)
        else None
    )
    if dash is not None and dash.end() >= unit.end - 1:
        content = _content_before(text, unit.start, dash.start(), quotes)
        src = trim(text, dash.start(2), dash.end(2))
        if content is not None and src is not None:
            return [
                Found(
                    content, src, Span(dash.start("dash"), dash.end("dash")), quote=_is_quote(content, quotes)
                )
            ]
    anon = (
        [Span(*a.span()) for a in ANON_CLAUSE_RE.finditer(masked, unit.start, unit.end)]
        if may_contain(masked[unit.start : unit.end], ANON_CLAUSE_NEEDS)
        else []
    )
    for m in CUE_RE.finditer(masked, unit.start, unit.end):
        if any(a.start <= m.start(1) < a.end for a in anon):
            continue  # "who asked not to be named": why a source is unnamed, not what it says
        if asked_intro(masked, unit, m) or bare_gerund(masked, unit, m):
            continue
        rel = _relation(text, masked, unit, m, quotes)
        if rel is None and m.group(1).endswith("ing") and _last_visible(masked, m.start(1)) == ",":
            rel = _participle(text, masked, unit, m, quotes, found)
        elif (
            rel is None
            and m.group(1).lower() in SPEECH_CUES
            and AND_BEFORE.search(masked, max(unit.start, m.start(1) - 12), m.start(1))
        ):
            rel = _participle(text, masked, unit, m, quotes, found)  # "X exhorted ... and said he was"
        if rel is not None:
            same = [
                i for i, f in enumerate(found) if f.source == rel.source and f.content.overlaps(rel.content)
            ]
            if same and not _split_at_and(text, masked, found, same[0], rel):
                continue
            if m.group(1).lower() in WEAK_CUES and any(
                f.content.start <= rel.cue.start < f.content.end for f in found
            ):
                continue  # "X said he believes Y": the stance inside reported speech is part of X's claim
            found.append(rel)
            if len(found) >= 3:
                break
    if anon:
        found = [_without_anon_clause(text, f, anon) for f in found]
    found = [_without_which_clause(text, f) for f in found]
    found = [_inside_relative_clause(masked, unit, f) for f in found]
    found = [f for f in (_in_its_clause(text, masked, unit, f) for f in found) if f is not None]
    found = _with_clause_cues(text, masked, unit, quotes, found)
    if not found and SUBJECT_FALLBACK:
        stance = find_stance(text, masked, unit) or find_clause_stance(text, masked, unit)
        if stance is not None and not any(a.start <= stance.cue.start < a.end for a in anon):
            found.append(
                Found(stance.content, stance.source, stance.cue, quote=_is_quote(stance.content, quotes))
            )
    elif SUBJECT_FALLBACK and len(found) < 3:
        stance = find_clause_stance(text, masked, unit)
        if stance is not None and not any(
            f.content.overlaps(stance.content)
            or f.content.start <= stance.cue.start < f.content.end
            or f.cue.overlaps(stance.cue)
            or (f.source is not None and f.source.overlaps(stance.source))
            for f in found
        ):
            found.append(
                Found(stance.content, stance.source, stance.cue, quote=_is_quote(stance.content, quotes))
            )
    for row in SHARED_SOURCE_RULES:
        if found and len(found) < 3:
            found.extend(row.find(text, masked, unit, quotes, found, anon))
    return found


def _split_at_and(text: str, masked: str, found: list[Found], i: int, rel: Found) -> bool:
    """'Clinton criticized the plan and said it would cost jobs': the first cue's content ends at
    the 'and' before the second cue of the same source (both relations are kept)."""
    f = found[i]
    if f.quote or not (f.content.start < rel.cue.start < f.content.end):
        return False
    m = AND_BEFORE.search(masked, max(f.content.start, rel.cue.start - 12), rel.cue.start)
    if m is None:
        return False
    head = trim(text, f.content.start, m.start() + 1)
    if head is None or word_count(text, head.start, head.end) < 2:
        return False
    found[i] = Found(head, f.source, f.cue, f.via, f.quote)
    return True


def _shared_subject_verbs(
    text: str, masked: str, unit: Span, quotes: list[Span], found: list[Found], anon: list[Span]
) -> list[Found]:
    """'X bemoaned the unrest and said ...': a first verb of speech, cognition or stance sharing the
    subject of a cue after 'and' is the source's too, its object the content."""
    out = []
    for f in found:
        if f.source is None or f.source.end >= f.cue.start or f.cue.start - f.source.end > 200:
            continue
        gap = masked[f.source.end : f.cue.start]
        m = _SHARED_VERB.match(gap)
        if m is None or m.group("verb") not in STANCE_FINITE or MASK in gap[: m.start("and")]:
            continue
        content = trim(text, f.source.end + m.end("verb"), f.source.end + m.start("and"))
        if content is None or word_count(text, content.start, content.end) < 2:
            continue
        cue = Span(f.source.end + m.start("verb"), f.source.end + m.end("verb"))
        if not any(g.cue.overlaps(cue) or g.content.overlaps(content) for g in found + out):
            out.append(Found(content, f.source, cue, quote=_is_quote(content, quotes)))
    return out


def _with_clause_cues(
    text: str, masked: str, unit: Span, quotes: list[Span], found: list[Found]
) -> list[Found]:
    """Absolutes and relative clauses (workbench.extraction.clause_cues): a row's relation replaces
    one found on the same cue (it knows the clause better) and is added when it overlaps nothing."""
    for row in clause_cues.CLAUSE_CUES:
        for r in row.find(text, masked, unit):
            rel = Found(r.content, r.source, r.cue, quote=_is_quote(r.content, quotes))
            same_cue = [i for i, f in enumerate(found) if f.cue.overlaps(r.cue)]
            holder = [
                i for i, f in enumerate(found) if f.content.start < r.start < r.cue.start < f.content.end
            ]
            if same_cue:
                found[same_cue[0]] = rel
            elif holder and not found[holder[0]].quote:
                f = found[holder[0]]
                head = trim(text, f.content.start, r.start)
                if head is not None:
                    found[holder[0]] = Found(
                        head, f.source, f.cue, f.via, f.quote
                    )  # "denied the report, with X saying"
                found.append(rel)
            elif not any(
                f.content.overlaps(r.content) or (f.source is not None and f.source.overlaps(r.source))
                for f in found
            ):
                found.append(rel)
    return sorted(found, key=lambda f: f.cue.start)


def _without_anon_clause(text: str, f: Found, anon: list[Span]) -> Found:
    """Cut "who asked not to be named ..." off a source phrase and off the end of the content."""
    src, content = f.source, f.content
    for a in anon:
        if src is not None and src.start < a.start < src.end:
            src = trim(text, src.start, a.start) or src
        if content.start < a.start < content.end and a.end >= content.end - 1:
            cut = a.start
            if src is not None and content.start < src.start < cut:
                cut = min(src.start, f.cue.start)  # "<content>, the diplomat said, asking not to be named"
            content = trim(text, content.start, cut) or content
    return Found(content, src, f.cue, f.via, f.quote)


_RELATIVE_BEFORE = re.compile(r",\s+(?:which|who|that)\s+\Z", re.IGNORECASE)
_MAIN_VERB = re.compile(
    r",\s+(?:[a-z]+ed|is|was|are|were|will|would|has|have|had|can|could|may|might|must|should|"
    r"remains|faces|takes|goes|comes|says|still|also|now)\b"
)


def _inside_relative_clause(masked: str, unit: Span, f: Found) -> Found:
    """'The law, which critics say violates privacy, passed on Monday': the content ends with the
    relative clause, before the main clause's verb resumes."""
    if f.source is None or f.quote or f.content.start < f.cue.end:
        return f
    if _RELATIVE_BEFORE.search(masked, unit.start, f.source.start) is None:
        return f
    close = _MAIN_VERB.search(masked, f.content.start, f.content.end)
    if close is None or close.start() - f.content.start < 8:
        return f
    return Found(Span(f.content.start, close.start()), f.source, f.cue, f.via, f.quote)


def _in_its_clause(text: str, masked: str, unit: Span, f: Found) -> Found | None:
    """Source and content cut to their clauses (see workbench.extraction.clause_stance)."""
    if f.source is None:
        return f
    source = coordinated_source(text, masked, f.source)
    if source is None:
        return None
    content = f.content if f.quote else clause_content(text, masked, unit, f.content, f.source, f.cue)
    return Found(content, source, f.cue, f.via, f.quote)


def _without_which_clause(text: str, f: Found) -> Found:
    """'Solidarités Sahel, which employs 300 people in Niger, said': the source is the name."""
    if f.source is None:
        return f
    m = _WHICH.search(text[f.source.start : f.source.end])
    if m is None or m.start() == 0:
        return f
    src = trim(text, f.source.start, f.source.start + m.start())
    return Found(f.content, src, f.cue, f.via, f.quote) if src is not None else f


def dangling_speaker(text: str, masked: str, unit: Span) -> tuple[Span, Span] | None:
    """'Limbaugh added:' closing a paragraph: (source, cue) for the text that follows."""
    m = DANGLING_RE.search(masked, unit.start, unit.end) if ":" in masked[unit.start : unit.end] else None
    if m is None:
        return None
    cue = Span(m.start(1), m.end(1))
    src = source_before(text, masked, unit.start, cue.start)
    return (src, cue) if src is not None else None


def _class_participles(
    text: str, masked: str, unit: Span, quotes: list[Span], found: list[Found], anon: list[Span]
) -> list[Found]:
    """', arguing that ...', ', emphasizing why ...', ', touting ...': a participle of a verb of speech,
    cognition or stance after a comma shares the clause's source (the cue lexicon has only some)."""
    out: list[Found] = []
    for m in CLASS_PARTICIPLE_RE.finditer(masked, unit.start, unit.end):
        if m.group(1) not in ING or m.group(1) in CUE_SET or any(a.start <= m.start(1) < a.end for a in anon):
            continue
        if any(f.cue.overlaps(Span(m.start(1), m.end(1))) for f in found):
            continue
        rel = _participle(text, masked, unit, m, quotes, found + out)
        if rel is not None and not any(
            f.content.overlaps(rel.content) and f.source == rel.source for f in found
        ):
            out.append(rel)
        if len(found) + len(out) >= 3:
            break
    return out


def _apposed_subject(masked: str, unit: Span) -> Span | None:
    """'Donald Trump, her Republican opponent, bemoaned ... and said': the name and its apposition."""
    first = masked.find(",", unit.start, unit.end)
    second = masked.find(",", first + 1, unit.end) if first > 0 else -1
    if (
        second < 0
        or INTRO_RE.match(masked, unit.start, unit.end)
        or _PHRASE_OPENING.match(masked, unit.start)
    ):
        return None  # "On Thursday, however, X ...": an opening phrase, no subject
    head = WORD_RE.findall(masked, unit.start, first)
    if not head or not all(w[0].isupper() for w in head) or head[0].lower().endswith(("ed", "ing")):
        return None  # "Chastened, Trump ...": a participle, not a name
    return opening_apposition(masked, unit.start, second)


def _participle(
    text: str, masked: str, unit: Span, m: re.Match[str], quotes: list[Span], found: list[Found]
) -> Found | None:
    """'X said ..., adding that Y' / 'X left, saying Y': the participle shares the clause's subject."""
    after = m.end(1)
    that = THAT_RE.match(masked, after, unit.end)
    if that is not None:
        after = that.end()
    if word_count(masked, after, unit.end) < MIN_CONTENT_WORDS and not _quote_at(quotes, after, unit.end):
        return None
    content = _content_after(text, after, unit.end, quotes)
    if content is None or _ACCUSED_OF.match(text[content.start : content.end]):
        return None  # "accusing them of spying": the object of an accusation, not a proposition
    if found:
        source = found[-1].source
    else:
        pos = unit.start
        intro = INTRO_RE.match(masked, pos, unit.end)
        subject = SUBJECT_ONLY_RE.match(masked, intro.end() if intro else pos, unit.end)
        apposed = _apposed_subject(masked, unit) if subject is None else None
        if apposed is not None:
            return Found(content, apposed, Span(m.start(1), m.end(1)), quote=_is_quote(content, quotes))
        if subject is None or subject.group("subj").endswith(("'s", "’s")) or subject.group("subj") in (
            "The", "A", "An", "This", "That", "These", "Those",
        ):  # fmt: skip
            return None  # "Niger's military government ..., accusing it of": no subject of the participle
        source = Span(subject.start("subj"), subject.end("subj"))
    return Found(content, source, Span(m.start(1), m.end(1)), quote=_is_quote(content, quotes))


def _relation(text: str, masked: str, unit: Span, m: re.Match[str], quotes: list[Span]) -> Found | None:
    cue = m.group(1)
    cue_span = Span(m.start(1), m.end(1))
    low = cue.lower()
    if low == "according to":
        return _according(text, masked, unit, cue_span, quotes)
    before = masked[unit.start : cue_span.start]
    if vetoes.vetoed(
        vetoes.CUE_VETOES, Site(text, masked, low, cue_span.start, cue_span.end, unit.end, before=before)
    ):
        return None  # "his claims", "claimed responsibility", "declared a state of emergency", ...
    # Inverted: '..., said a source from X.' / '"...," says Mr Y'
    stripped = before.rstrip()
    if (
        not low.endswith("ing")
        and stripped.endswith((",", '"', "”", "—", "'", "’"))
        and not (
            stripped.endswith(",") and opening_apposition(masked, unit.start, unit.start + len(stripped) - 1)
        )
    ):
        src = source_after(text, masked, cue_span.end, unit.end)
        if src is not None:
            content = _content_before(
                text, unit.start, _content_end_before(masked, unit.start, cue_span.start), quotes
            )
            if content is not None:
                return Found(content, src, cue_span, quote=_is_quote(content, quotes))
    src = source_before(text, masked, unit.start, cue_span.start)
    if src is None:
        return None
    if vetoes.vetoed(
        vetoes.SOURCE_VETOES, Site(text, masked, low, cue_span.start, cue_span.end, unit.end, source=src)
    ):
        return None  # "we think", "battleground states"
    after = cue_span.end
    via = None
    if low in TELL_VERBS:
        via, after = recipient(text, masked, after, unit.end)
    elif NOTICE_RE.fullmatch(low):
        audience = AUDIENCE_RE.match(masked, after, unit.end)
        if audience is not None:
            after = audience.end()
    elif low.startswith("took to"):
        platform = _PLATFORM.match(cue)
        if platform is not None:
            via = Span(
                cue_span.start + platform.start(1),
                cue_span.start + platform.start(1) + len(platform.group(1).rstrip()),
            )
    after = _skip_time(masked, after, unit.end)
    setting = SETTING_RE.match(masked, after, unit.end)
    if setting is not None:
        after = _skip_time(masked, setting.end(), unit.end)
    topic = TOPIC_RE.match(masked, after, unit.end)
    if topic is not None:
        after = topic.end()
    that = THAT_RE.match(masked, after, unit.end)
    if that is not None:
        after = that.end()
    content = None
    lead = text[unit.start : src.start].rstrip()
    if lead.endswith(QUOTE_CLOSERS) and lead.rstrip("\"”'’ ").endswith((",", "?", "!", "—")):
        content = _content_before(
            text, unit.start, _content_end_before(masked, unit.start, src.start), quotes
        )
        introduced = _introduced_quote(text, masked, unit, src, quotes)
        if introduced is not None and not (content is not None and _is_quote(content, quotes)):
            return Found(introduced, src, cue_span, via=via, quote=True)
        if content is not None and (_is_quote(content, quotes) or _partial_quote(masked, unit, src, quotes)):
            # '"...," he told the group' and 'The country "has changed," McConnell said': the text
            # before the closing quotation is the content, whatever follows the cue; not when the
            # quotation is a title inside an opening phrase ('On "Face the Nation," Ryan said').
            return Found(content, src, cue_span, via=via, quote=_is_quote(content, quotes))
    parenthetical = masked[unit.start : src.start].rstrip().endswith(",") and masked[after : after + 1] == ","
    if parenthetical and word_count(masked, unit.start, src.start) >= 2:
        content = trim(text, unit.start, unit.end)  # "X's downfall, analysts said, could be ..."
    elif word_count(masked, after, unit.end) >= MIN_CONTENT_WORDS or _quote_at(quotes, after, unit.end):
        content = _content_after(text, after, unit.end, quotes)
        first = WORD_RE.match(text, content.start) if content is not None else None
        if first is not None and first.group().lower() in PREPOSITIONS:
            content = None  # "... reported by the council in 2015": not reported speech
        elif (
            first is not None
            and that is None
            and low in OBJECT_CUES
            and first.group().lower() not in PRONOUNS
            and not _is_quote(content, quotes)
            and src.end <= cue_span.start
        ):
            # "The Institute (ZNPHI) has also reported sporadic cases in ...": the verb and its object
            # are the claim (an act of the source), not a proposition after "that".
            content = trim(text, src.end, unit.end) or content
    if content is None:
        # Trailing or parenthetical: "<content>, the sources said." / "X, analysts said, could ..."
        head_end = _content_end_before(masked, unit.start, src.start)
        content = _content_before(text, unit.start, head_end, quotes)
        if content is not None and word_count(masked, after, unit.end) >= MIN_CONTENT_WORDS:
            tail = trim(text, after, unit.end)
            if tail is not None:
                content = Span(content.start, tail.end)
    if content is None:
        return None
    return Found(content, src, cue_span, via=via, quote=_is_quote(content, quotes))


def _introduced_quote(text: str, masked: str, unit: Span, src: Span, quotes: list[Span]) -> Span | None:
    """'McCaskill scolded him: "...," she said' / 'X said she felt that "...," she said': the
    quotation right before the source, when a colon or an earlier cue of the unit introduces it."""
    last = [
        q
        for q in quotes
        if unit.start < q.start and q.end <= src.start and _only_punct(text[q.end : src.start])
    ]
    if not last:
        return None
    before = masked[unit.start : last[-1].start].rstrip()
    if not before.endswith(":") and not ("," not in before and CUE_RE.search(before)):
        return None
    return quote_inner(text, last[-1])


def _partial_quote(masked: str, unit: Span, src: Span, quotes: list[Span]) -> bool:
    """'The country "has made dramatic changes," McConnell said': a short subject, then the
    quotation that ends right before the source (never an opening phrase holding a title)."""
    if _PHRASE_OPENING.match(masked, unit.start, unit.end) is not None:
        return False
    last = [q for q in quotes if unit.start < q.start and q.end <= src.start]
    if not last:
        return False
    prefix = masked[unit.start : last[-1].start]
    return (
        "," not in prefix and MASK not in prefix and 1 <= word_count(masked, unit.start, last[-1].start) <= 8
    )


def _according(text: str, masked: str, unit: Span, cue: Span, quotes: list[Span]) -> Found | None:
    src_end = _np_end(masked, cue.end, unit.end)
    src = trim(text, cue.end, src_end)
    if src is None:
        return None
    content = None
    before = _content_before(text, unit.start, cue.start, quotes)
    if before is not None and masked[src_end : src_end + 1] == ",":
        # "The US has about 5,200 troops in Iraq, according to the Pentagon, spread across several
        # bases.": the claim is the whole sentence around the attribution, not the tail after it.
        tail = trim(text, src_end + 1, unit.end)
        return Found(Span(before.start, tail.end if tail else before.end), src, cue, quote=False)
    if masked[src_end : src_end + 1] == "," and (
        word_count(masked, src_end, unit.end) >= MIN_CONTENT_WORDS or _quote_at(quotes, src_end, unit.end)
    ):
        content = _content_after(text, src_end + 1, unit.end, quotes)
    if content is None:
        content = _content_before(text, unit.start, cue.start, quotes)
    if content is None:
        return None
    return Found(content, src, cue, quote=_is_quote(content, quotes))


def _skip_time(masked: str, pos: int, end: int) -> int:
    m = _TIME.match(masked, pos, end)
    return m.end() if m else pos


def _content_after(text: str, pos: int, end: int, quotes: list[Span]) -> Span | None:
    for q in quotes:
        if q.start >= pos and _only_punct(text[pos : q.start]) and _only_punct(text[q.end : end]):
            return quote_inner(text, q)
    return trim(text, pos, end)


def _content_before(text: str, start: int, end: int, quotes: list[Span]) -> Span | None:
    for q in quotes:
        if q.end <= end + 1 and _only_punct(text[start : q.start]) and _only_punct(text[q.end : end]):
            return quote_inner(text, q)
    span = trim(text, start, end)
    if span is None or word_count(text, span.start, span.end) < MIN_CONTENT_WORDS:
        return None
    return span


def _content_end_before(masked: str, lo: int, pos: int) -> int:
    """Where content before an attribution ends: at the comma or quote that precedes the source."""
    seg = masked[lo:pos].rstrip()
    return lo + len(seg.rstrip(",—–- "))


def _np_end(masked: str, pos: int, end: int) -> int:
    m = _NP.match(masked, pos, end)
    return m.end() if m else pos


def _quote_at(quotes: list[Span], pos: int, end: int) -> bool:
    return any(pos <= q.start < end for q in quotes)


def _is_quote(content: Span, quotes: list[Span]) -> bool:
    return any(q.start <= content.start and content.end <= q.end for q in quotes)


def _only_punct(s: str) -> bool:
    return not any(c.isalnum() for c in s)


@dataclass(frozen=True, slots=True)
class SharedSourceRule:
    """A relation that shares the source of one already found in the unit (issue 13 item 2).

    Rows like those of workbench.extraction.clause_cues: tests/test_shared_source.py runs each
    example with and without its row; `expect` lists the source phrase and cue of every claim."""

    name: str
    find: Callable[[str, str, Span, list[Span], list[Found], list[Span]], list[Found]]
    example: str
    expect: str
    why: str


SHARED_SOURCE_RULES: tuple[SharedSourceRule, ...] = (
    SharedSourceRule(
        "class_participle",
        _class_participles,
        '"We will not back down," Mayor Ruiz said on Monday, emphasizing that the levy funds 40 schools.',
        "Mayor Ruiz said | Mayor Ruiz emphasizing",
        "', emphasizing that ...', ', touting ...': the -ing form of any verb of the speech, cognition and "
        "stance classes after a comma shares the clause's source (the cue lexicon lists only some)",
    ),
    SharedSourceRule(
        "shared_subject_verb",
        _shared_subject_verbs,
        "Senator Okafor bemoaned the closures in Tarrow and said the state would lose 3,000 jobs.",
        "Senator Okafor bemoaned | Senator Okafor said",
        "'X bemoaned A and said B': a verb of the classes before 'and <cue>' has the same subject",
    ),
)
