"""The extraction engine: claims with numbers and attribution, plus the article's source registry.

`extract(text)` walks the article paragraph by paragraph. Sentences that a quotation spans are
merged into one unit; each unit is searched for attribution relations (workbench.extraction.attribution).
A relation becomes a claim whose span is the content only (never the "the sources said" part);
a quotation with no cue of its own continues the previous speaker of the paragraph; a unit with
no attribution becomes a claim in the outlet's own voice when it holds something checkable.
See docs/claims.md.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from workbench.extraction.attribution import Found, dangling_speaker, find_in_unit
from workbench.extraction.headings import TITLE_WORD, heading_spans, is_title_case
from workbench.extraction.junk import is_junk
from workbench.extraction.lexicon.cues import ACRONYM_RE, CUE_WORDS
from workbench.extraction.lexicon.stance_words import BASE, ING, PAST, THIRD
from workbench.extraction.phrases import (
    find_quotes,
    mask_acronyms,
    mask_number_commas,
    mask_quotes,
    quote_inner,
)
from workbench.extraction.source_kinds import canonical_outlet
from workbench.extraction.sources import SourceTracker
from workbench.extraction.summary import claim_kind, is_checkable, summarise
from workbench.extraction.worth import DEFAULT_THRESHOLD, PROPOSE_WORTH, assess, input_for, sentence_worth
from workbench.model import (
    ArticleMeta,
    Attribution,
    Extraction,
    NumberMention,
    ProposedClaim,
    SourceKind,
    Span,
)
from workbench.progress import NO_STEPS, Steps
from workbench.text.decoding import find_dateline, is_furniture
from workbench.text.numbers import find_numbers
from workbench.text.sentences import split_paragraphs, split_sentences
from workbench.text.wordsets import word_set

_IN_A_STATEMENT = re.compile(r"\bin\s+an?\s+(?:\w+\s+)?(?:statement|filing|release)\b")
# Press-release fine print: everything from such a heading on is contact details and legal text.
_FINE_PRINT = re.compile(
    r"(?:Forward[- ]Looking Statements|Safe Harbou?r Statement|Media [Cc]ontacts?|Press [Cc]ontacts?|"
    r"Investor [Cc]ontacts?|Contacts?:)|This (?:press )?release contains forward-looking statements"
)
# Editor's notes: "The interview has been edited for length and clarity."
_NOTE = re.compile(
    r"(?:This|The) (?:interview|conversation|transcript) has been (?:lightly )?(?:edited|condensed)"
)
# A clause boundary right before an attributed second clause: "Exports rose 5%, and the ministry said".
_CLAUSE_BREAK = re.compile(
    r"(?:,\s*(?:and|but|while|whereas|yet|so|which|with|an?\s+[a-z]+\s+(?:that|which))|;"
    r"|,?\s+(?:although|though|because|even\s+though|whereas))\s*\Z",
    re.IGNORECASE,
)
_FIRST_PERSON = frozenset(["i", "we", "our", "my", "us", "me"])
# A sentence with neither name nor number is proposed on its worth alone only from this length on
# (the same minimum as `is_checkable`): a one-word heading ("Refugees.") is never a claim.
MIN_CHECKABLE_WORDS = 5
# Interviewer lines and answer labels without a name: "Q:", "Question:", "A:".
_QA_LABEL = re.compile(r"(?:Q|Question|A|Answer)\s*[:.]\s+")


def extract(text: str, agency: str = "", title: str = "", steps: Steps = NO_STEPS) -> Extraction:
    """Propose claims and sources for one article body.

    Args:
        text: the article body (offsets of the result index into it).
        agency: the outlet or wire agency whose voice unattributed claims carry.
        title: the headline; used only as context (it is not part of `text`).
        steps: told how far into the text the engine is (characters), sentence by sentence; it
            may stop the work there (workbench.progress.Cancelled).

    Returns:
        The proposed claims in text order and the distinct sources, aliases merged.
    """
    tracker = SourceTracker(agency)
    tracker.see_article(text)
    if title:
        tracker.see_names(title)
    claims: list[ProposedClaim] = []
    unit_index = 0
    sentences = split_sentences(text)
    pending: Attribution | None = None  # "Limbaugh added:" at the end of the previous paragraph
    boilerplate = False
    quoting: Attribution | None = None  # the speaker of the quotation the paragraph goes on with
    for para in split_paragraphs(text):
        line = text[para.start : para.end]
        if _FINE_PRINT.match(line):
            boilerplate = True  # "Forward-Looking Statements", "Media contact:": the rest is fine print
        if (
            boilerplate
            or is_furniture(line)
            or (title and line.strip() == title.strip())
            or _NOTE.match(line)
        ):
            pending = None
            continue
        para = _body_start(text, para)
        quotes = find_quotes(text, para.start, para.end)
        masked = mask_acronyms(text, mask_quotes(text, quotes), para.start, para.end)
        masked = mask_number_commas(masked, para.start, para.end)
        if is_title_case(line):
            masked = lower_headline_cues(masked, para)
        tracker.see_organisations(masked[para.start : para.end])
        for m in ACRONYM_RE.finditer(text, para.start, para.end):
            if m.group("acr"):
                tracker.see_acronym(m.start(), text, m.group("acr"))
        last: tuple[Found, Attribution] | None = None
        opens_quote = _opens_unclosed_quote(text, para, quotes)
        if pending is not None and opens_quote:
            quoting = pending  # 'McCrummen reports:' then a quoted paragraph
        elif not opens_quote:
            quoting = None
        dangling = None
        speaker: Attribution | None = None  # "Villalobos: ..." speaks for the whole paragraph
        for i, unit in enumerate(_units(text, sentences, para, quotes)):
            steps.step(unit.start, len(text), "proposing claims")
            tracker.next_sentence(paragraph=i == 0)
            unit_first_claim = len(claims)
            found = find_in_unit(text, masked, unit, quotes, para_start=i == 0)
            if speaker is not None:
                # In an answer, "I tell my students" or "our estimates suggest" is the speaker's own claim.
                found = [
                    f
                    for f in found
                    if text[f.source.start : f.source.end].split()[0].lower() not in _FIRST_PERSON
                ]
            made = False
            if pending is not None and not found:
                content = _agency_span(text, unit)
                if text[content.start] in "\"“'‘":
                    content = quote_inner(text, Span(content.start, unit.end)) or content
                tracker.count(pending.source_key)
                claims.append(_claim(text, content, False, pending))
                made = True
            dangling = dangling_speaker(text, masked, unit) if not found else None
            if dangling is not None:
                rel = Found(unit, dangling[0], dangling[1])
                pending = _attribution(text, rel, tracker, unit_index)
                tracker.uncount(pending.source_key)
                made = True
            first_clause = _first_clause(text, masked, unit, found) if speaker is None else None
            if first_clause is not None:
                numbers = tuple(find_numbers(text[first_clause.start : first_clause.end], first_clause.start))
                if is_checkable(text[first_clause.start : first_clause.end], numbers):
                    claims.append(_claim(text, first_clause, False, _agency_attribution(tracker), numbers))
            for rel in found:
                if rel.source is not None and rel.source.start > unit.start:
                    # Names right before the source ("Trump, who said") are the nearest antecedents;
                    # names inside quotations are not (masked).
                    tracker.see_names(masked[unit.start : rel.source.start])
                attribution = _attribution(text, rel, tracker, unit_index, quoting if opens_quote else None)
                claims.append(_claim(text, rel.content, rel.quote, attribution))
                last = (rel, attribution)
                if rel.quote:
                    quoting = attribution
                made = True
                if i == 0 and text[rel.cue.start : rel.cue.end] == ":" and rel.source.start == unit.start:
                    speaker = attribution
            if not made:
                made = _continued_quote(text, unit, quotes, last, tracker, claims)
            if not made:
                content = _agency_span(text, unit)
                numbers = tuple(find_numbers(text[content.start : content.end], content.start))
                body = text[content.start : content.end]
                if is_checkable(body, numbers) or (
                    len(body.split()) >= MIN_CHECKABLE_WORDS
                    and sentence_worth(body, numbers) >= PROPOSE_WORTH
                ):
                    voice = speaker or _agency_attribution(tracker)
                    if speaker is not None:
                        tracker.count(speaker.source_key)
                    claims.append(_claim(text, content, False, voice, numbers))
            claims[unit_first_claim:] = sorted(claims[unit_first_claim:], key=lambda c: (c.start, c.end))
            tracker.see_names(masked[unit.start : unit.end])
            unit_index += 1
        if dangling is None:
            pending = None
    kept = []
    for c in claims:
        if is_junk(c.text):
            tracker.uncount(c.attribution.source_key if c.attribution else None)
        else:
            kept.append(c)
    headings = heading_spans(text, title)
    return Extraction(claims=tuple(_with_worth(text, kept, sentences, headings)), sources=tracker.entries())


def _with_worth(
    text: str, claims: list[ProposedClaim], sentences: list[Span], headings: list[Span]
) -> list[ProposedClaim]:
    """Each claim with its check-worthiness and reasons (workbench.extraction.worth)."""
    out = []
    for c in claims:
        w = assess(input_for(text, c, sentences, headings))
        out.append(replace(c, worth=w.score, reasons=w.reasons))
    return out


def extraction_to_json(
    article_text: str, meta: ArticleMeta, extraction: Extraction, threshold: int = DEFAULT_THRESHOLD
) -> dict:
    """The JSON shape shared by the CLI (`workbench extract --json`) and the benchmarks.

    Each claim carries its `worth` (0–100), its `reasons` ("+19 a number with a unit") and `weak`
    (true below `threshold`: hidden by default in the workbench, left out of reports).
    """
    ids = {s.key: f"s{i + 1}" for i, s in enumerate(extraction.sources)}
    claims = []
    for i, c in enumerate(extraction.claims):
        a = c.attribution
        claims.append(
            {
                "id": f"c{i + 1}",
                "start": c.start,
                "end": c.end,
                "text": c.text,
                "summary": c.summary,
                "kind": str(c.kind),
                "worth": c.worth,
                "reasons": [r.label() for r in c.reasons],
                "weak": c.worth is not None and c.worth < threshold,
                "numbers": [
                    {
                        "text": n.text,
                        "start": n.start,
                        "end": n.end,
                        "value": n.value,
                        "unit": n.unit,
                        "approximate": n.approximate,
                        "bound": n.bound,
                        "low": n.low,
                    }
                    for n in c.numbers
                ],
                "attribution": None
                if a is None
                else {
                    "source": a.source,
                    "source_start": a.source_start,
                    "source_end": a.source_end,
                    "cue": a.cue,
                    "via": a.via,
                    "kind": str(a.kind),
                    "source_id": ids.get(a.source_key or ""),
                    "description": a.description,
                    "resolved": a.resolved or None,
                    "unsure": a.unsure,
                },
            }
        )
    sources = [
        {
            "id": ids[s.key],
            "name": s.name,
            "kind": str(s.kind),
            "aliases": list(s.aliases),
            "description": s.description,
            "claims": s.claims,
        }
        for s in extraction.sources
    ]
    article = {
        "title": meta.title,
        "date": meta.date,
        "dateline": meta.dateline,
        "agency": meta.agency,
        "text": article_text,
    }
    return {"article": article, "claims": claims, "sources": sources}


def _body_start(text: str, para: Span) -> Span:
    """A paragraph without its leading wire dateline ("BAGHDAD, Sept 29 (Reuters) -") or Q/A label."""
    m = find_dateline(text, para.start) or _QA_LABEL.match(text, para.start, para.end)
    if m is None or m.end() >= para.end:
        return para
    return Span(m.end(), para.end)


_HEADLINE_CUES = word_set(CUE_WORDS) | BASE | THIRD | PAST | ING


def lower_headline_cues(masked: str, para: Span) -> str:
    """In a title-case headline, cue and stance verbs ('Says', 'Calls', 'Warns') are read in lower case
    in the masked copy (same length), so the patterns of attribution.py apply; the first word stays."""
    chars = list(masked)
    for m in TITLE_WORD.finditer(masked, para.start, para.end):
        w = m.group()
        if m.start() > para.start and w[0].isupper() and w[1:].islower() and w.lower() in _HEADLINE_CUES:
            chars[m.start()] = w[0].lower()
    return "".join(chars)


def _units(text: str, sentences: list[Span], para: Span, quotes: list[Span]) -> list[Span]:
    """Sentences of a paragraph, merged where a quotation runs across a sentence boundary."""
    units: list[Span] = []
    lo = max(0, bisect_right(sentences, para.start, key=lambda s: s.start) - 1)
    hi = bisect_right(sentences, para.end, key=lambda s: s.start)
    for s in sentences[lo:hi]:
        if s.end > para.end or s.end <= para.start:
            continue
        if s.start < para.start:
            s = Span(para.start, s.end)  # the first sentence without its dateline
        if units and any(q.start < units[-1].end < q.end for q in quotes):
            units[-1] = Span(units[-1].start, s.end)
        elif (
            units
            and _QUESTION_QUOTE_END.search(text, units[-1].start, units[-1].end)
            and _SPEAKER_NEXT.match(text, s.start, s.end)
        ):
            units[-1] = Span(units[-1].start, s.end)  # '"Who would have believed it?" Trump said.'
        else:
            units.append(s)
    return units


# A quotation that ends its sentence with "?" or "!", and a next sentence that only says who said it.
_QUESTION_QUOTE_END = re.compile(r"[?!][\"”’']\s*\Z")
_SPEAKER_NEXT = re.compile(
    r"\s*(?:(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*|he|she|they|I|we|the\s+[a-z]+)\s+"
    r"(?:said|says|asked|asks|added|adds|wrote|writes|told\s+\w+|tweeted|explained|continued|recalled|joked|"
    r"quipped|replied|responded|shouted|yelled|wondered)\b"
    r"|\s*(?:said|says|asked|asks|added|wrote|tweeted)\s+[A-Z]"
)


def _opens_unclosed_quote(text: str, para: Span, quotes: list[Span]) -> bool:
    """A paragraph that opens a quotation it does not close (a quotation running over several
    paragraphs opens each of them and closes only the last)."""
    i = para.start
    while i < para.end and text[i].isspace():
        i += 1
    return i < para.end and text[i] in '"“' and not any(q.start == i for q in quotes)


def _attribution(
    text: str, rel: Found, tracker: SourceTracker, unit_index: int, quoting: Attribution | None = None
) -> Attribution:
    assert rel.source is not None
    phrase = text[rel.source.start : rel.source.end]
    quoted = None
    if quoting is not None and quoting.source_key and phrase.lower() in _FIRST_PERSON:
        # 'I told the council' inside a speaker's quotation: "I" is the speaker
        quoted = tracker.first_person_of(phrase, quoting.source_key)
    antecedent = _antecedent(text, rel.source.start) if phrase.lower() in ("who", "which") else None
    if antecedent is not None and (phrase.lower() == "which" or antecedent[-1:].islower()):
        # "voters who worry", "a poll which showed", "the Chicago Police Department, which": the
        # relative pronoun speaks for the noun phrase it attaches to (a name's "who" stays with the name)
        resolved = tracker.resolve(antecedent, unit_index)
        resolved = replace(resolved, name=resolved.name or antecedent)
    elif quoted is not None:
        resolved = quoted
    else:
        resolved = tracker.resolve(phrase, unit_index, org_hint=_speaks_as_thing(text, rel))
    via = None
    if rel.via is not None:
        raw = text[rel.via.start : rel.via.end]
        via = canonical_outlet(raw) or raw
    return Attribution(
        source=phrase,
        kind=resolved.kind,
        source_start=rel.source.start,
        source_end=rel.source.end,
        cue=text[rel.cue.start : rel.cue.end],
        cue_start=rel.cue.start,
        cue_end=rel.cue.end,
        via=via,
        source_key=resolved.key,
        description=resolved.description,
        resolved=resolved.name if resolved.name != phrase else "",
        unsure=resolved.unsure,
    )


_ANTECEDENT_WORD = re.compile(r"[\w'’.&-]+")
_NOT_IN_NP = word_set(
    """is are was were be been has have had will would can could said says told that which who and but or
    to in on at for from by with as than when while after before because if"""
)
_NP_START = word_set("the a an this that these those his her its their our some many most all")


def _antecedent(text: str, pos: int) -> str | None:
    """The noun phrase a relative pronoun at `pos` attaches to: up to five words back, stopping at a
    verb or a conjunction, including a determiner ("Many voters", "a poll", "the Chicago Police
    Department"); None when a quotation, a clause break or nothing stands there."""
    before = text[max(0, pos - 120) : pos].rstrip()
    before = before[:-1].rstrip() if before.endswith(",") else before
    if not before or not (before[-1].isalnum()):
        return None
    words = _ANTECEDENT_WORD.findall(before.split("\n")[-1])[-5:]
    kept: list[str] = []
    for w in reversed(words):
        low = w.lower()
        if low in _NOT_IN_NP or (low.endswith("ed") and kept and not w[0].isupper()):
            break
        kept.append(w)
        if low in _NP_START:
            break
    kept.reverse()
    if not kept or kept[-1].lower() in _NP_START:
        return None
    return " ".join(kept)


_IT_SUBJECT = re.compile(
    r"(?:that\s+)?its?\s+(?!is\b|was\b|['’]s\b|seems|seemed|appears|appeared|remains|(?:will|would|could|may|might|"
    r"should|must)\s+(?:not\s+)?(?:be|take|become|seem)\b)[a-z]"
)


def _speaks_as_thing(text: str, rel: Found) -> bool:
    """'X said it would appeal', 'X said its sales fell', 'X said in a statement': X is an organisation."""
    if rel.source is None or rel.source.end > rel.cue.start:
        return False
    between = text[rel.cue.end : rel.content.start]
    if _IN_A_STATEMENT.search(between):
        return True
    return _IT_SUBJECT.match(text, rel.content.start, rel.content.end) is not None


def _agency_attribution(tracker: SourceTracker) -> Attribution:
    resolved = tracker.agency()
    return Attribution(source=resolved.name, kind=SourceKind.AGENCY, source_key=resolved.key)


def _continued_quote(
    text: str,
    unit: Span,
    quotes: list[Span],
    last: tuple[Found, Attribution] | None,
    tracker: SourceTracker,
    claims: list[ProposedClaim],
) -> bool:
    """A quotation with no cue of its own continues the paragraph's previous speaker."""
    if last is None:
        return False
    inside = [q for q in quotes if unit.start <= q.start and q.end <= unit.end + 1]
    if not inside:
        return False
    _, prev = last
    made = False
    for q in inside:
        span = quote_inner(text, q)
        if span is None:
            continue
        tracker.count(prev.source_key)
        claims.append(_claim(text, span, True, prev))
        made = True
    return made


def _first_clause(text: str, masked: str, unit: Span, found: list[Found]) -> Span | None:
    """The outlet's own clause before an attributed one in the same sentence.

    "Exports rose 5% in March, and the ministry said demand would hold" -> "Exports rose 5% in
    March"; also "; critics argue that ..." and ", which officials said would ...". None when a
    relation's content or source reaches into that clause (trailing and parenthetical attributions).
    """
    first = min(found, key=lambda f: f.cue.start, default=None)
    if first is None or first.source is None or first.source.start <= unit.start:
        return None
    head = masked[unit.start : first.source.start]
    brk = _CLAUSE_BREAK.search(head)
    if brk is None:
        return None
    end = unit.start + brk.start()
    if any(f.content.start < end or (f.source is not None and f.source.start < end) for f in found):
        return None
    start = unit.start
    while start < end and text[start] in " \n":
        start += 1
    return Span(start, end) if end - start >= 20 else None


def _agency_span(text: str, unit: Span) -> Span:
    end = unit.end
    while end > unit.start and text[end - 1] in ".!? ":
        end -= 1
    return Span(unit.start, end)


def _without_attribution(text: str, span: Span, attribution: Attribution) -> str:
    """The claim text for its summary, minus an attribution inside it ("X, analysts said, could ...").

    The removed part is blanked with spaces so that number offsets stay valid.
    """
    body = text[span.start : span.end]
    a = attribution
    if a.source_start is None or a.cue_end is None:
        return body
    lo, hi = min(a.source_start, a.cue_start or a.source_start), max(a.source_end or 0, a.cue_end)
    if not (span.start <= lo and hi <= span.end):
        return body
    lo, hi = lo - span.start, hi - span.start
    while hi < len(body) and body[hi] in ", ":
        hi += 1
    return body[:lo] + " " * (hi - lo) + body[hi:]


def _claim(
    text: str,
    span: Span,
    quote: bool,
    attribution: Attribution,
    numbers: tuple[NumberMention, ...] | None = None,
) -> ProposedClaim:
    body = text[span.start : span.end]
    if numbers is None:
        numbers = tuple(find_numbers(body, span.start))
    return ProposedClaim(
        start=span.start,
        end=span.end,
        text=body,
        summary=summarise(_without_attribution(text, span, attribution), numbers, span.start),
        kind=claim_kind(body, numbers, quote),
        numbers=numbers,
        attribution=attribution,
    )
