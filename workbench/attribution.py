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
from dataclasses import dataclass

from workbench.model import Span


def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Verb forms that introduce reported speech or a stance. Multi-word cues come first.
_CUE_WORDS = """
said says say saying told tells tell telling added adds adding stated states stating claimed claims claiming
wrote writes writing tweeted tweets announced announces announcing argued argues arguing argue insisted
insists insisting warned warns warning noted notes noting explained explains explaining reported reports
acknowledged acknowledges asserted asserts asserting believes believe believed thinks think thought
suggested suggests suggesting asked asks asking agreed agrees found finds shows showed show cited cites
citing recalled recalls declared declares emphasized emphasizes emphasised stressed stresses stressing
countered counters replied replies responded responds admitted admits conceded concedes predicted
predicts estimated estimates confirmed confirms denied denies alleged alleges accused accuses accusing
urged urges urging vowed vows promised promises promising pledged pledges wants hopes expects
complained complains testified testifies maintained maintains contended contends concluded concludes
revealed reveals observed observes remarked mentioned mentions described describes predicted
blasted criticized criticised condemned questioned demanded demands proposed proposes
indicated indicates announced suggests wondered worried fears feared knows
wants want wanted plans planned planning vowing vow hope hoped expect expected joked jokes joking
proposing propose advocates advocated supports supported opposes opposed backed backs endorsed endorses
pointing questions questioning slammed slams attacked attacks defended defends defending praised praises
boasted boasts bragged brags lamented laments conceding acknowledging agreeing disputed disputes rejected
rejects dismissed dismisses recommended recommends demanding insist reiterated reiterates repeated
promised pledging announcing threatened threatens threatening
"""
_MULTI_CUES = (
    "according to",
    "According to",
    "called for",
    "calls for",
    "calling for",
    "called on",
    "calls on",
    "pointed out",
    "points out",
    "went on to say",
    "put it",
    "pointed to",
    "laid out",
    "railed against",
)
# "took to Twitter last week to call for": the platform is the channel (`via`).
_SOCIAL_CUE = (
    r"took to (?:Twitter|Facebook|Instagram|Truth Social|social media)(?:\s+(?:last|this|on|early|late)\s+\w+)?"
    r"(?:\s+to\s+(?:call for|say|demand|urge|criticise|criticize|announce|accuse|attack|praise|defend|ask|"
    r"blast|slam|deny|claim|warn))?"
)
_CUE_RE = re.compile(
    r"\b("
    + _SOCIAL_CUE
    + "|"
    + "|".join(re.escape(c) for c in _MULTI_CUES)
    + "|"
    + "|".join(sorted(_words(_CUE_WORDS), key=len, reverse=True))
    + r")\b"
)
_CUE_SET = _words(_CUE_WORDS)
_TELL_VERBS = _words("told tells tell telling")
# Cues that need a stricter context to count ("found" a poll, not "found dead").
_WEAK_CUES = _words(
    """found finds shows showed show knows think thought believe hopes expects fears feared want wants wanted
    plans planned expected expect hope hoped called supported supports backed opposed attacked attacks
    defended questions threatened"""
)
# Lowercase head nouns that can speak (besides plurals): "the government said", "the poll found".
_SOURCE_HEADS = _words(
    """official source diplomat analyst expert aide spokesman spokeswoman spokesperson adviser advisor observer
    insider officer lawmaker critic supporter resident witness activist member leader person someone
    investigator researcher economist strategist voter candidate nominee president campaign government
    administration agency department ministry court police poll survey study report statement letter memo
    analysis document judge committee group company firm network website organization organisation
    council board commission spokesperson governor senator mayor minister secretary chairman director
    chief attorney lawyer prosecutor lawsuit complaint ruling filing book article editorial newspaper
    magazine paper team party movement coalition union association foundation institute center centre
    university school family mother father son daughter wife husband brother sister friend man woman
    boy girl doctor professor scientist teacher student worker owner manager executive author writer
    reporter journalist host anchor commentator pundit pollster data ad video tweet post blog
    representative congressman congresswoman speaker republican democrat independent percent majority
    minority half third quarter most many some others all both respondents public electorate bank
    airline carrier brief motion petition indictment regulator watchdog exchange market markets"""
)
_SKIP_BEFORE_CUE = _words(
    """today yesterday tonight has have had also previously later then once repeatedly recently reportedly will would could may might
    did does do never not often already has long further again publicly privately later just even still
    is was were are has been had been flatly"""
)
_PRONOUNS = _words("he she they it we i you who which")
_CLAUSE_STOP = _words(
    """that because but when while if as since after before so than where why how what whether though
    although unless until whom whose and or nor to be been being is are was were has have had will would can
    could should may might must do does did not no said says told""".replace("and or", "or")
)
_NP_STOP_TAIL = _words("in of for from at with by on and")
_DETERMINERS = _words("the a an one two three some several many most all both other another this that")
_TIME_WORDS = _words(
    """monday tuesday wednesday thursday friday saturday sunday today yesterday tonight earlier later
    last this next week month year on in at night morning afternoon evening recently again also then"""
)
_WORD_RE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Adm|Prof|Rev|St|Corp|Inc|Co|Ltd|Jr|Sr|[A-Z])\."
    r"|[^\W_][\w'’.&-]*[\w’]|[^\W_]"
)
_QUOTE_RE = re.compile(r"“[^”\"\n]*[”\"]|\"[^\"\n]*\"|''(?:(?!'')[^\n])*''|‘[^’\n]{12,}?’(?=[\s,.;:!?)]|$)")
_SPEAKER_RE = re.compile(r"[\"“]?([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2}): (?=\S)")
_SETTING_RE = re.compile(
    r"\s*,?\s*(?:in|during|at|on|via|through)\s+(?:an?|the|his|her|their|its)?\s*(?:[\w'’-]+\s+){0,3}?"
    r"(?:statement|interview|tweet|post|speech|appearance|email|letter|release|conference|briefing|event|rally|"
    r"call|message|hearing|broadcast|gaggle|op-ed|video|Twitter|Facebook)"
    r"(?:\s+(?:with|to|on|at|in)\s+(?:[A-Z][\w.'’&-]*\s*)+)?\s*,?"
)
_THAT_RE = re.compile(r"\s*(?:,\s*)?(?:that\b|:)\s*")
_QUOTE_CLOSERS = ('"', "”", "''", "’")
_LEAD_PUNCT = " \t\n,;:—–-"
_TRAIL_PUNCT = " \t\n,;:.—–-"
_SOURCE_AFTER_END = re.compile(r"[.!?]?[\"”’)]*\s*$|[.!?][\"”’)]*\s+(?=[\"“'‘A-Z\x00])|\s*[\"“\x00(]")
_DANGLING_RE = re.compile(
    r"\b(said|says|added|adds|continued|continues|wrote|writes|explained|explains|stated|states|declared|"
    r"tweeted|noted|argued|asked|told \w+|following)\s*:\s*$"
)
# "President Joe Biden on Tuesday announced": a time phrase between the source and its cue.
_TIME_TAIL_RE = re.compile(
    r"\s+(?:(?:on|last|this|early|late|earlier|later)\s+)?(?:[A-Z][a-z]+day|week|month|year|night|morning|"
    r"afternoon|evening|today|yesterday|tonight)\s*,?\s*$|\s+in\s+(?:[A-Z][a-z]+\s+)?\d{4}\s*,?\s*$"
)
_PERSON_SUFFIXES = ("man", "woman", "person", "er", "or", "ist", "ian", "ant", "ent", "ee")
_NOUN_CONTEXT_RE = re.compile(r"(?:\b(?:the|a|an|his|her|their|its|our|my|your)|\w['’]s?)\s+$", re.IGNORECASE)
# 'Said Ellis: "..."' / 'Says Mr. Smith, "..."'
_SAID_FIRST_RE = re.compile(
    r"(?P<cue>Said|Says|Added|Adds|Asked|Wrote|Writes)\s+(?P<src>[^,:\x00\"“]{2,80}?)\s*[:,]\s*"
)
_PREPOSITIONS = _words("by of from before")
_POSSESSIVES = _words("his her their its my our your")
_FUNCTION_WORDS = _words(
    """now sometimes then so but and yet still meanwhile however also here there today yesterday this let's let
    these those such many much more most some any every each other another together however never ever
    whether either neither rather further later after under over per cent moment among about above
    across against along amid around behind below beside beyond despite during except inside near outside
    through toward towards upon within without like unlike"""
)
_INTRO_WORDS = _words("but and yet still so meanwhile however also then now")
_VERBISH = _words(
    "to that is are was were has have had will would could should can may might be been did does do not"
)
MASK = "\x00"
SUBJECT_FALLBACK = True
# "(R-Fla.)" or ", R-Ky.," between a name and its cue.
_AFFILIATION_RE = re.compile(r"\s*(?:\([^()\x00]{1,40}\)|,\s*[RDI]-[A-Z][\w.]*,?)\s*$")
_DASH_SOURCE_RE = re.compile(r"\s*(?P<dash>[―—]{1,2})\s*([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})\s*\.?$")
_INTRO_RE = re.compile(
    r"(?:(?:In|On|At|After|Since|During|While|When|Last|Earlier|Later|On|But|And|Yet|Still|Meanwhile|Now|Then|"
    r"However|Instead|Also|So|Indeed)\b[^,;:\x00]{0,80},\s*|(?:But|And|Yet|Still|Now|So|Then)\s+)"
)
# Verb forms of stance and speech acts for "<person> <verb> <content>" without a speech cue.
_STANCE_FORMS = _words(
    """accused accuses acknowledged acknowledges admired admires admited admits advised advises agreed agrees announced announces
    apologised apologises apologized apologizes applauded applauds approved approves articulated articulates asked asks assumed assumes
    attacked attacks backed backs believed believes bemoaned bemoans blamed blames blasted blasts boasted boasts
    braged brags branded brands called calls cautioned cautions celebrated celebrates challenged challenges championed champions
    chided chides cited cites clarified clarifies commented comments compared compares complimented compliments conceded concedes
    condemned condemns congratulated congratulates considered considers contested contests countered counters criticised criticises criticized criticizes
    declared declares declined declines decried decries defended defends demanded demands denied denies denounced denounces
    deplored deplores described describes disagreed disagrees disapproved disapproves discussed discusses disliked dislikes dismissed dismisses
    disputed disputes doubted doubts dubed dubs echoed echos embraced embraces emphasised emphasises emphasized emphasizes
    encouraged encourages endorsed endorses estimated estimates exhorted exhorts expected expects expressed expresses faulted faults
    favored favors favoured favours feared fears felt floated floats forecasted forecasts hailed hails hated
    hates held highlighted highlights hinted hints hoped hopes implied implies indicated indicates insisted insists
    invited invites invoked invokes joked jokes judged judges knew knocked knocks knowed knows labeled
    labels lambasted lambastes lamented laments likened likens lobbied lobbies loved loves made mentioned mentions
    mocked mocks needed needs opposed opposes ordered orders outlined outlines paned pans pitched pitches
    planed plans pledged pledges portrayed portrays posted posts praised praises predicted predicts prefered prefers
    pressed presses pressured pressures proclaimed proclaims projected projects promised promises promoted promotes proposed proposes
    pushed pushes put questioned questions quiped quips rebuked rebukes rebuted rebuts recognised recognises recognized
    recognizes recommended recommends referenced references refused refuses refuted refutes regarded regards reiterated reiterates rejected
    rejects repeated repeats requested requests retweeted retweets riped rips said saw scolded scolds seed
    sees seized seizes signaled signals slamed slams sought spoke stressed stresses suggested suggests supported
    supports suspected suspects talked talks targeted targets thanked thanks thought threatened threatens told took
    touted touts tweeted tweets underscored underscores understanded understands understood unveiled unveils urged urges veted
    vets viewed views voted votes vowed vows wanted wants warned warns welcomed welcomes wrote"""
)
_SUBJECT_RE = re.compile(
    r"(?P<subj>(?:He|She|They|We|I|(?:(?:Mr|Mrs|Ms|Dr|Sen|Gov|Rep|Gen)\.?\s+|(?:President|Senator|Governor|"
    r"Secretary)\s+)?[A-Z][\w'’-]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][\w'’-]+){0,3}))"
    r"(?:\s+(?:has|have|had|also|will|would|could|did|does|not|never|still|again|once|\w+ly))*"
    r"\s+(?P<verb>" + "|".join(sorted(_STANCE_FORMS, key=len, reverse=True)) + r")\b"
)
_SUBJECT_ONLY_RE = re.compile(
    r"(?P<subj>(?:He|She|They|We|I|(?:(?:Mr|Mrs|Ms|Dr|Sen|Gov|Rep|Gen)\.?\s+|(?:President|Senator|Governor|"
    r"Secretary)\s+)?[A-Z][\w'’-]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][\w'’-]+){0,3}))\s+[a-z]"
)
_LEADING_FUNCTION = _words("as but and so yet while when if after before since though although because")
_NOT_STANCE = _words(
    """is was has does goes comes lives dies died lived arrived returned went came stayed remains remained
    seems looks gets got sits sat stands stood runs ran walked moved started ended began grew became
    served serves worked works happened occurred passed visited traveled travelled landed used uses
    appeared played plays led leads includes included contains experienced accepted picked interrupted
    handed planted unveiled pressed assembled presided composed created filed lifted surrounded assumed
    received failed managed decided allowed helped joined hired fired signed killed injured arrested
    attended hosted opened closed raised dropped jumped rose fell elected named appointed born based
    located scheduled slated expected"""
)
_NOT_SUBJECT = _words("the this that these those it there here today yesterday")
MIN_CONTENT_WORDS = 3
MIN_QUOTE_WORDS = 2


@dataclass(frozen=True, slots=True)
class Found:
    """One attribution relation found in a unit; all spans are article offsets."""

    content: Span
    source: Span | None
    cue: Span
    via: Span | None = None
    quote: bool = False


def find_quotes(text: str, start: int, end: int) -> list[Span]:
    """Quotations of at least two words between start and end (one-word scare quotes are skipped)."""
    quotes = []
    for m in _QUOTE_RE.finditer(text, start, end):
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


def find_in_unit(text: str, masked: str, unit: Span, quotes: list[Span], para_start: bool) -> list[Found]:
    """Attribution relations in one unit, outermost first."""
    found: list[Found] = []
    if para_start:
        speaker = _SPEAKER_RE.match(text, unit.start, unit.end)
        if speaker is not None and _SAID_FIRST_RE.match(text, unit.start, unit.end):
            speaker = None  # 'Said Ellis: "..."' is an inverted cue, not a speaker label
        if speaker is not None and _word_count(text, speaker.end(), unit.end) >= MIN_CONTENT_WORDS:
            content = _trim(text, speaker.end(), unit.end)
            if content is not None:
                colon = speaker.end() - 2
                found.append(Found(content, Span(*speaker.span(1)), Span(colon, colon + 1)))
                return found
    said = _SAID_FIRST_RE.match(masked, unit.start, unit.end)
    if said is not None:
        content = _content_after(text, said.end(), unit.end, quotes)
        src = _trim(text, said.start("src"), said.end("src"))
        if content is not None and src is not None:
            return [Found(content, src, Span(*said.span("cue")), quote=_is_quote(content, quotes))]
    dash = _DASH_SOURCE_RE.search(masked, unit.start, unit.end)
    if dash is not None and dash.end() >= unit.end - 1:
        content = _content_before(text, unit.start, dash.start(), quotes)
        src = _trim(text, dash.start(2), dash.end(2))
        if content is not None and src is not None:
            return [
                Found(
                    content, src, Span(dash.start("dash"), dash.end("dash")), quote=_is_quote(content, quotes)
                )
            ]
    for m in _CUE_RE.finditer(masked, unit.start, unit.end):
        rel = _relation(text, masked, unit, m, quotes)
        if rel is None and m.group(1).endswith("ing") and masked[: m.start(1)].rstrip().endswith(","):
            rel = _participle(text, masked, unit, m, quotes, found)
        if rel is not None:
            if any(f.source == rel.source and f.content.overlaps(rel.content) for f in found):
                continue
            if m.group(1).lower() in _WEAK_CUES and any(
                f.content.start <= rel.cue.start < f.content.end for f in found
            ):
                continue  # "X said he believes Y": the stance inside reported speech is part of X's claim
            found.append(rel)
            if len(found) >= 3:
                break
    if not found and SUBJECT_FALLBACK:
        rel = _subject_stance(text, masked, unit, quotes)
        if rel is not None:
            found.append(rel)
    return found


def dangling_speaker(text: str, masked: str, unit: Span) -> tuple[Span, Span] | None:
    """'Limbaugh added:' closing a paragraph: (source, cue) for the text that follows."""
    m = _DANGLING_RE.search(masked, unit.start, unit.end)
    if m is None:
        return None
    cue = Span(m.start(1), m.end(1))
    src = _source_before(text, masked, unit.start, cue.start)
    return (src, cue) if src is not None else None


def _participle(
    text: str, masked: str, unit: Span, m: re.Match[str], quotes: list[Span], found: list[Found]
) -> Found | None:
    """'X said ..., adding that Y' / 'X left, saying Y': the participle shares the clause's subject."""
    after = m.end(1)
    that = _THAT_RE.match(masked, after, unit.end)
    if that is not None:
        after = that.end()
    if _word_count(masked, after, unit.end) < MIN_CONTENT_WORDS and not _quote_at(quotes, after, unit.end):
        return None
    content = _content_after(text, after, unit.end, quotes)
    if content is None:
        return None
    if found:
        source = found[-1].source
    else:
        pos = unit.start
        intro = _INTRO_RE.match(masked, pos, unit.end)
        subject = _SUBJECT_ONLY_RE.match(masked, intro.end() if intro else pos, unit.end)
        if subject is None:
            return None
        source = Span(subject.start("subj"), subject.end("subj"))
    return Found(content, source, Span(m.start(1), m.end(1)), quote=_is_quote(content, quotes))


def _subject_stance(text: str, masked: str, unit: Span, quotes: list[Span]) -> Found | None:
    """'Trump openly admires Putin ...': a person (name or pronoun) as subject of a stance verb."""
    pos = unit.start
    intro = _INTRO_RE.match(masked, pos, unit.end)
    if intro is not None:
        pos = intro.end()
    m = _SUBJECT_RE.match(masked, pos, unit.end)
    if m is None:
        return None
    verb = m.group("verb").lower()
    if verb in _NOT_STANCE:
        return None
    subject = m.group("subj")
    if subject.split()[-1].lower().rstrip("'’s") in _NOT_SUBJECT:
        return None
    subj_start = m.start("subj")
    first = _WORD_RE.match(masked, subj_start)
    while first is not None and first.group().lower() in _LEADING_FUNCTION and first.end() < m.end("subj"):
        subj_start = _WORD_RE.search(masked, first.end()).start()
        first = _WORD_RE.match(masked, subj_start)
    content = _content_after(text, m.end(), unit.end, quotes)
    if content is None or _word_count(text, content.start, content.end) < MIN_CONTENT_WORDS:
        return None
    return Found(content, Span(subj_start, m.end("subj")), Span(m.start("verb"), m.end("verb")),
                 quote=_is_quote(content, quotes))  # fmt: skip


def _relation(text: str, masked: str, unit: Span, m: re.Match[str], quotes: list[Span]) -> Found | None:
    cue = m.group(1)
    cue_span = Span(m.start(1), m.end(1))
    low = cue.lower()
    if low == "according to":
        return _according(text, masked, unit, cue_span, quotes)
    if low == "in a statement":
        return None
    before = masked[unit.start : cue_span.start]
    if _NOUN_CONTEXT_RE.search(before):
        return None  # "the administration's plans", "his claims": the cue word is a noun here
    if low in _WEAK_CUES and re.search(r"\b(?:was|were|been|be|is|are)\s+$", before):
        return None  # "was found dead", "is thought to"
    # Inverted: '..., said a source from X.' / '"...," says Mr Y'
    stripped = before.rstrip()
    if stripped.endswith((",", '"', "”", "—", "'", "’")) and not (
        stripped.endswith(",") and _opening_apposition(masked, unit.start, unit.start + len(stripped) - 1)
    ):
        src = _source_after(text, masked, cue_span.end, unit.end)
        if src is not None:
            content = _content_before(
                text, unit.start, _content_end_before(masked, unit.start, cue_span.start), quotes
            )
            if content is not None:
                return Found(content, src, cue_span, quote=_is_quote(content, quotes))
    src = _source_before(text, masked, unit.start, cue_span.start)
    if src is None:
        return None
    if low in _WEAK_CUES and text[src.start : src.end].lower() in ("i", "you", "we", "it", "which"):
        return None
    after = cue_span.end
    via = None
    if low in _TELL_VERBS:
        via, after = _recipient(text, masked, after, unit.end)
    elif low.startswith("took to"):
        platform = re.match(r"took to ((?:[A-Z]\w*\s?)+|social media)", cue)
        if platform is not None:
            via = Span(
                cue_span.start + platform.start(1),
                cue_span.start + platform.start(1) + len(platform.group(1).rstrip()),
            )
    after = _skip_time(masked, after, unit.end)
    setting = _SETTING_RE.match(masked, after, unit.end)
    if setting is not None:
        after = _skip_time(masked, setting.end(), unit.end)
    that = _THAT_RE.match(masked, after, unit.end)
    if that is not None:
        after = that.end()
    content = None
    lead = text[unit.start : src.start].rstrip()
    if lead.endswith(_QUOTE_CLOSERS) and lead.rstrip("\"”'’").endswith((",", "?", "!", "—")):
        content = _content_before(
            text, unit.start, _content_end_before(masked, unit.start, src.start), quotes
        )
        if content is not None and _is_quote(content, quotes):
            return Found(content, src, cue_span, via=via, quote=True)
    parenthetical = masked[unit.start : src.start].rstrip().endswith(",") and masked[after : after + 1] == ","
    if parenthetical and _word_count(masked, unit.start, src.start) >= 2:
        content = _trim(text, unit.start, unit.end)  # "X's downfall, analysts said, could be ..."
    elif _word_count(masked, after, unit.end) >= MIN_CONTENT_WORDS or _quote_at(quotes, after, unit.end):
        content = _content_after(text, after, unit.end, quotes)
        first = _WORD_RE.match(text, content.start) if content is not None else None
        if first is not None and first.group().lower() in _PREPOSITIONS:
            content = None  # "... reported by the council in 2015": not reported speech
    if content is None:
        # Trailing or parenthetical: "<content>, the sources said." / "X, analysts said, could ..."
        head_end = _content_end_before(masked, unit.start, src.start)
        content = _content_before(text, unit.start, head_end, quotes)
        if content is not None and _word_count(masked, after, unit.end) >= MIN_CONTENT_WORDS:
            tail = _trim(text, after, unit.end)
            if tail is not None:
                content = Span(content.start, tail.end)
    if content is None:
        return None
    return Found(content, src, cue_span, via=via, quote=_is_quote(content, quotes))


def _according(text: str, masked: str, unit: Span, cue: Span, quotes: list[Span]) -> Found | None:
    src_end = _np_end(masked, cue.end, unit.end)
    src = _trim(text, cue.end, src_end)
    if src is None:
        return None
    content = None
    if masked[src_end : src_end + 1] == "," and _word_count(masked, src_end, unit.end) >= MIN_CONTENT_WORDS:
        content = _content_after(text, src_end + 1, unit.end, quotes)
    if content is None:
        content = _content_before(text, unit.start, cue.start, quotes)
    if content is None:
        return None
    return Found(content, src, cue, quote=_is_quote(content, quotes))


def _source_before(text: str, masked: str, lo: int, cue_start: int) -> Span | None:
    """The subject noun phrase right before a cue verb ("a top Iraqi official told")."""
    words = [
        (w.start(), w.end(), w.group())
        for w in _WORD_RE.finditer(masked, max(lo, cue_start - 200), cue_start)
    ]
    if not words:
        return None
    when = _TIME_TAIL_RE.search(masked, lo, cue_start)
    if when is not None:
        words = [w for w in words if w[1] <= when.start()]
        cue_start = when.start()
    affiliation = _AFFILIATION_RE.search(masked, lo, cue_start)
    if affiliation is not None:
        words = [w for w in words if w[1] <= affiliation.start()]
        cue_start = affiliation.start()
        if not words:
            return None
    i = len(words) - 1
    while i >= 0 and (words[i][2].lower() in _SKIP_BEFORE_CUE or words[i][2].lower().endswith("ly")):
        i -= 1
    if i < 0:
        return None
    gap = masked[words[i][1] : cue_start]
    if gap.strip() in ("--", "—", "–") and MASK not in gap:
        return _dash_apposition(masked, lo, words[i][1] + gap.index(gap.strip()))
    if MASK in gap or any(c in gap for c in '"“”;:()'):
        return None
    if gap.strip(" ,") and not _only_skipped(gap.replace(",", " ")):
        return None
    if gap.strip() == "," or gap.rstrip().endswith(","):
        return _apposition(masked, lo, words[i][1])
    end = words[i][1]
    last = words[i][2]
    if last.lower() in _PRONOUNS:
        return Span(words[i][0], end)
    if not _is_head(last):
        # "Experts on North Korea and nuclear nonproliferation said": a head before a prepositional tail.
        k = i - 1
        while k > 0 and i - k < 6 and words[k][2].lower() not in ("on", "of", "in", "at", "from", "for"):
            k -= 1
        if (
            k <= 0
            or i - k >= 6
            or not _is_head(words[k - 1][2])
            or masked[words[k - 1][0] : end].count(",") > 0
        ):
            return None
        tail = [w[2].lower() for w in words[k + 1 : i + 1]]
        if last.lower() in _CLAUSE_STOP or last.lower() in _NP_STOP_TAIL or last.lower() in _FUNCTION_WORDS:
            return None
        if any(w.endswith("ed") or w in _CLAUSE_STOP and w != "and" for w in tail):
            return None
        i_head = k - 1
    else:
        i_head = i
    start = words[i_head][0]
    j = i_head - 1
    count = 1
    while j >= 0 and count < 9:
        between = masked[words[j][1] : words[j + 1][0]]
        if between.strip():
            break
        lw = words[j][2].lower()
        if (lw in _CLAUSE_STOP and lw != "and") or lw in _PRONOUNS or lw in _CUE_SET:
            break
        start = words[j][0]
        j -= 1
        count += 1
    span_words = [(s, e, w) for s, e, w in words if start <= s and e <= end]
    while span_words and span_words[0][2].lower() in _NP_STOP_TAIL:
        span_words.pop(0)
    if not span_words:
        return None
    return Span(span_words[0][0], span_words[-1][1])


def _is_head(word: str) -> bool:
    """Whether a word can end a source noun phrase: a name, a speaking noun or a plural."""
    low = word.lower().rstrip("'’")
    if low in _CLAUSE_STOP or low in _DETERMINERS or low in _NP_STOP_TAIL or low in _SKIP_BEFORE_CUE:
        return False
    if low in _FUNCTION_WORDS or low in _POSSESSIVES:
        return False
    if word[0].isupper() or word[0].isdigit() and low.endswith("s"):
        return True
    base = low[:-2] if low.endswith("'s") else low
    if (
        base in _SOURCE_HEADS
        or base.rstrip("s") in _SOURCE_HEADS
        or base.endswith(("ies", "ers", "ists", "ans"))
    ):
        return True
    if len(base) > 4 and base.endswith(_PERSON_SUFFIXES) and base not in _FUNCTION_WORDS:
        return True  # "businessman", "researcher", "economist", "historian", "resident"
    return base.endswith("s") and not base.endswith(("ss", "us", "is")) and len(base) > 4


def _apposition(masked: str, lo: int, comma_at: int) -> Span | None:
    """'Michael Mulgrew, president of the union, said' / '... since Clinton, at Monday's debate, cited'."""
    opening = _opening_apposition(masked, lo, comma_at)
    if opening is not None:
        return opening
    p = masked.rfind(",", lo, comma_at)
    if p < 0 or MASK in masked[p:comma_at] or _word_count(masked, p, comma_at) > 12:
        return None
    np = _source_before(masked, masked, lo, p)
    if np is None or masked[np.end : p].strip():
        return None
    return Span(np.start, comma_at)


def _opening_apposition(masked: str, lo: int, comma_at: int) -> Span | None:
    seg_start = lo
    for m in re.finditer(r"[;:\"“”\x00—–]|--", masked[lo:comma_at]):
        seg_start = lo + m.end()
    first = _WORD_RE.search(masked, seg_start, comma_at)
    if first is None:
        return None
    w = first.group()
    if not (w[0].isupper() or w.lower() in _DETERMINERS):
        return None
    if w.lower() in _INTRO_WORDS:
        first = _WORD_RE.search(masked, first.end(), comma_at)
        if first is None:
            return None
        w = first.group()
    if w.lower() in _CLAUSE_STOP or _word_count(masked, first.start(), comma_at) > 40:
        return None
    if "," not in masked[first.start() : comma_at]:
        return None  # "<content>, the sources, said" is not an apposition
    head_end = masked.index(",", first.start(), comma_at)
    head = _WORD_RE.findall(masked[first.start() : head_end])
    last = _WORD_RE.findall(masked[head_end:comma_at])
    if not head or len(head) > 6 or not (_is_head(head[-1]) or (last and _is_head(last[-1]))):
        return None
    return Span(first.start(), comma_at)


def _dash_apposition(masked: str, lo: int, dash_at: int) -> Span | None:
    """'Kall -- co-editor of a book on the debates -- said': the subject comes before the first dash."""
    dash = masked[dash_at : dash_at + 2] if masked.startswith("--", dash_at) else masked[dash_at]
    opening = masked.rfind(dash, lo, dash_at)
    if opening < 0 or _word_count(masked, opening, dash_at) > 30:
        return None
    np = _source_before(masked, masked, lo, opening)
    if np is None or masked[np.end : opening].strip():
        return None
    return Span(np.start, dash_at + len(dash))


def _only_skipped(gap: str) -> bool:
    return all(w.lower() in _SKIP_BEFORE_CUE or w.lower().endswith("ly") for w in gap.split())


def _source_after(text: str, masked: str, pos: int, end: int) -> Span | None:
    """The noun phrase after an inverted cue: ', said Mr Ali Mamouri, an analyst.'"""
    m = re.compile(r"\s+").match(masked, pos, end)
    if m is None:
        return None
    pos = m.end()
    first = _WORD_RE.match(masked, pos, end)
    if first is None:
        return None
    w = first.group()
    if w.lower() in _CLAUSE_STOP or w.lower() in _TIME_WORDS or w.lower() == "that":
        return None
    if not (w[0].isupper() or w[0].isdigit() or w.lower() in _DETERMINERS or w.lower() in _PRONOUNS):
        return None
    stop = end
    cut = _SOURCE_AFTER_END.search(masked, pos, end)
    if cut is not None:
        stop = cut.start()
    if _word_count(masked, pos, stop) > 40 or MASK in masked[pos:stop]:
        return None
    head = _WORD_RE.findall(masked[pos:stop].split(",")[0])
    if len(head) > 8 or any(w.lower() in _VERBISH or (w.islower() and w.endswith("ed")) for w in head):
        return None
    return _trim(text, pos, stop)


def _recipient(text: str, masked: str, pos: int, end: int) -> tuple[Span | None, int]:
    """Skip the addressee of "told": 'told AFP that' -> (AFP, after)."""
    m = re.compile(r"\s+((?:the\s+)?(?:[A-Z][\w.&'’-]*\s*)+|reporters|journalists|[a-z]+ [a-z]+ers)").match(
        masked, pos, end
    )
    if m is None:
        m2 = re.compile(r"\s+(him|her|them|us|me|reporters|journalists|supporters)\b").match(masked, pos, end)
        return (None, m2.end()) if m2 else (None, pos)
    rec = m.group(1).rstrip()
    span = Span(m.start(1), m.start(1) + len(rec))
    via = span if rec[:1].isupper() else None
    return via, span.end


def _skip_time(masked: str, pos: int, end: int) -> int:
    m = re.compile(r"(?:\s*,?\s+(?:on|in|at|last|this|earlier|later)?\s*(?:[A-Z][a-z]+day|today|yesterday|"
                   r"week|month|year|night|morning|evening|afternoon|earlier|later|again|also|then)\b)+").match(
        masked, pos, end
    )  # fmt: skip
    return m.end() if m else pos


def _content_after(text: str, pos: int, end: int, quotes: list[Span]) -> Span | None:
    for q in quotes:
        if q.start >= pos and _only_punct(text[pos : q.start]) and _only_punct(text[q.end : end]):
            return quote_inner(text, q)
    return _trim(text, pos, end)


def _content_before(text: str, start: int, end: int, quotes: list[Span]) -> Span | None:
    for q in quotes:
        if q.end <= end + 1 and _only_punct(text[start : q.start]) and _only_punct(text[q.end : end]):
            return quote_inner(text, q)
    span = _trim(text, start, end)
    if span is None or _word_count(text, span.start, span.end) < MIN_CONTENT_WORDS:
        return None
    return span


def quote_inner(text: str, q: Span) -> Span | None:
    """The inside of a quotation, without its quote marks."""
    width = 2 if text.startswith("''", q.start) else 1
    return _trim(text, q.start + width, q.end - width)


def _content_end_before(masked: str, lo: int, pos: int) -> int:
    """Where content before an attribution ends: at the comma or quote that precedes the source."""
    seg = masked[lo:pos].rstrip()
    return lo + len(seg.rstrip(",—–- "))


def _np_end(masked: str, pos: int, end: int) -> int:
    m = re.compile(r"[^,;.:!?\"“”()\x00]*").match(masked, pos, end)
    return m.end() if m else pos


def _quote_at(quotes: list[Span], pos: int, end: int) -> bool:
    return any(pos <= q.start < end for q in quotes)


def _is_quote(content: Span, quotes: list[Span]) -> bool:
    return any(q.start <= content.start and content.end <= q.end for q in quotes)


def _only_punct(s: str) -> bool:
    return not any(c.isalnum() for c in s)


def _word_count(text: str, start: int, end: int) -> int:
    return sum(1 for _ in _WORD_RE.finditer(text, start, end))


def _trim(text: str, start: int, end: int) -> Span | None:
    while start < end and (
        text[start] in _LEAD_PUNCT or text[start] in "\"“”‘’'" and _unpaired(text, start, end)
    ):
        start += 1
    while end > start and (
        text[end - 1] in _TRAIL_PUNCT or text[end - 1] in "\"“”‘’'" and _unpaired(text, start, end)
    ):
        end -= 1
    if end <= start or not any(c.isalnum() for c in text[start:end]):
        return None
    return Span(start, end)


def _unpaired(text: str, start: int, end: int) -> bool:
    seg = text[start:end]
    return (
        (seg.count('"') % 2 == 1) or (seg.count("“") != seg.count("”")) or seg[:1] in "’" or seg[-1:] in "‘"
    )
