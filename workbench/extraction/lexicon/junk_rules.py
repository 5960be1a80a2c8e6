"""Spans that are never claims: sourcing clauses, bylines, datelines, credits and boilerplate (issue 17).

Each `JunkRule` row is a pattern that must match a proposed claim's whole text (leading and trailing
punctuation aside) for the proposal to be dropped, with an example of such a span. They are metadata
about the story or about who said what, never something to check. `workbench.extraction.junk` runs
the rows; tests/test_worth.py runs every example.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class JunkRule:
    name: str
    pattern: re.Pattern[str]
    example: str
    reason: str
    # Speed: the pattern is only tried on a span holding one of these (any case; every full match of
    # the pattern does: tests/test_prefilter.py). Empty: always tried.
    needs: tuple[str, ...] = ()


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# A name or short noun phrase ("Jane Doe", "the mayor's office", "officials"): at most six words.
_WHO = r"(?:[\w.'’-]+\s+){0,5}?[\w.'’-]+"
_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|al-\w+|and))*"

JUNK_RULES: tuple[JunkRule, ...] = (
    JunkRule(
        "anonymity",
        _re(
            r"(?:(?:who\s+)?(?:spoke|speaking|talked|talking)\s+)?(?:(?:on|under)\s+)?(?:the\s+)?(?:condition|promise)\s+of\s+"
            r"anonymity(?:\s+(?:because|to)\b.*)?"
            r"|(?:who\s+)?(?:asked|asking|requested)\s+not\s+to\s+be\s+(?:named|identified|quoted)(?:\s+because\b.*)?"
            r"|(?:he|she|they|who)\s+(?:was|were|is|are)\s+not\s+authori[sz]ed\s+to\s+(?:speak|discuss|comment)\b.*"
        ),
        "the condition of anonymity",
        "why a source is unnamed",
        ("anonymity", "named", "identified", "quoted", "authori"),
    ),
    JunkRule(
        "sourcing_only",
        _re(
            rf"(?:according\s+to|as\s+reported\s+by|citing)\s+{_WHO}"
            rf"|(?:{_WHO}\s+)?(?:told|tells)\s+(?:reporters|journalists|the\s+press|a\s+news\s+conference)"
            rf"(?:\s+(?:on|in|at)\s+{_WHO})?"
            rf"|(?:{_WHO}\s+)?(?:said|says)\s+in\s+(?:a|an)\s+(?:statement|interview|email|e-mail|post)"
        ),
        "according to people familiar with the matter",
        "only says who said it",
        ("according", "reported", "citing", "told", "tells", "said", "says"),
    ),
    JunkRule(
        "no_comment",
        _re(
            rf"(?:[^,]{{0,40}},\s*)?{_WHO}\s+(?:declined|refused|could\s+not\s+be\s+reached|did\s+not\s+(?:immediately\s+)?"
            rf"(?:respond|reply|return)|has\s+not\s+responded|had\s+not\s+responded)"
            rf"(?:\s+to)?(?:\s+(?:comment|a\s+request|requests|calls|messages|emails)\b.*)?"
        ),
        "Reached by phone, she declined to comment",
        "a source not answering is not a claim",
        ("declined", "refused", "reached", "respond", "reply", "return"),
    ),
    JunkRule(
        "byline",
        re.compile(
            rf"(?:By\s+{_NAME}(?:\s*[,·|]\s*.{{0,60}})?"
            rf"|(?:{_NAME}\s+)?(?:reports|writes|reported)\s+for\s+(?:the\s+)?[A-Z].{{0,80}}"
            rf"|{_NAME}\s+is\s+an?\s+(?:\w+\s+){{0,3}}(?:writer|reporter|correspondent|editor|columnist|"
            rf"contributor|journalist)\b.{{0,80}})"
        ),
        "Jane Doe reports for the Naples (Fla.) Daily News",
        "a byline",
        (
            "by",
            "reports",
            "writes",
            "reported",
            "writer",
            "reporter",
            "correspondent",
            "editor",
            "columnist",
            "contributor",
            "journalist",
        ),
    ),
    JunkRule(
        "credit",
        _re(
            r".{0,120}\bcontributed\s+(?:reporting|to\s+(?:this|the)\s+(?:report|story|article))\b.{0,60}"
            r"|\(?(?:additional\s+)?(?:reporting|writing|editing)\s+by\b.{0,160}"
        ),
        "Bryant Rousseau and Caryn Wilson contributed reporting",
        "a credit line",
        ("contributed", "reporting", "writing", "editing"),
    ),
    JunkRule(
        "photo_credit",
        _re(
            r"\(?\s*(?:AP|AFP|Reuters|Getty)?\s*(?:Photo|Photograph|Picture|Image)s?\s*(?:by|:|/|credit:?)\s*.{0,80}"
            r"|.{0,60}\(\s*(?:AP|AFP|Reuters|Getty Images|EPA)\s*(?:Photo)?\s*/[^)]{1,60}\)"
            r"|.{0,60}/\s*(?:Getty Images|AFP via Getty Images|Shutterstock)"
        ),
        "(AP Photo/Evan Vucci)",
        "a photo credit",
        ("photo", "picture", "image", "/"),
    ),
    JunkRule(
        "dateline",
        re.compile(
            r"[A-Z][A-Z .'’-]{1,40}[A-Z](?:,\s*[A-Z][a-z]{1,5}\.?)?(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
            r"(?:\s*\([A-Z][\w .&'’-]{0,40}\))?\s*(?:--|[-–—―])"
        ),
        "BAGHDAD, Sept. 29 (Reuters) -",
        "a dateline",
        ("-", "–", "—", "―"),
    ),
    JunkRule(
        "boilerplate",
        _re(
            r"(?:editor['’]s\s+note|note\s+to\s+readers|correction)\s*:.{0,300}"
            r"|(?:this|the)\s+(?:story|article|report|post)\s+(?:has\s+been|was)\s+(?:updated|corrected).{0,200}"
            r"|(?:sign\s+up|subscribe)\s+(?:for|to)\b.{0,120}"
            r"|follow\s+(?:us|him|her|them|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)\s+on\s+(?:twitter|facebook|instagram|x)\b.{0,60}"
            r"|(?:copyright|©).{0,120}|.{0,80}\ball\s+rights\s+reserved\b.{0,40}"
            r"|(?:click\s+here|read\s+more\s*:|related\s*:).{0,120}"
        ),
        "Editor's note: This story has been updated with the governor's response.",
        "boilerplate",
        (
            "note",
            "correction",
            "updated",
            "corrected",
            "sign",
            "subscribe",
            "follow",
            "copyright",
            "©",
            "rights",
            "click",
            "read",
            "related",
        ),  # fmt: skip
    ),
)
