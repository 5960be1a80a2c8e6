"""What kind of source a phrase names, and how an unnamed one is described.

`classify(phrase)` decides between a named person, an anonymous source, an institution and a
document from the phrase alone (its head noun, a name at its end, an outlet, an acronym);
`describe` and `anon_key` word an anonymous source; `person_name` and `surname_key` pick a
person's name out of a phrase. The SourceTracker (workbench.extraction.sources) calls these as it
resolves pronouns and back-references. Word lists: lexicon/source_words.py.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Protocol

from workbench.extraction.lexicon.source_words import (
    DETERMINERS,
    DOCUMENT_WORDS,
    GROUP_WORDS,
    NAMED_AGENCY_RE,
    NOT_NAME_WORDS,
    ORG_WORDS,
    OUTLET_ALIASES,
    OWNED_ORG_RE,
    PARTICIPLES,
    PARTICLES,
    PERSON_ROLES,
    PLACES,
    ROLE_WORDS,
    TITLES,
)
from workbench.model import SourceKind

MAX_NAME_WORDS = 6
# One capitalised name word: "Pompeo", "McConnell", "DeSantis", "O'Brien", "Holtz-Eakin", "Raúl".
NAME_WORD = r"(?:[A-Z]['’])?[A-Z](?:[a-zà-ÿ]+[A-Z])?[a-zà-ÿ]+(?:[-'’][A-Za-zà-ÿ]+)*"
# (?=[A-Z]) first: every match opens with a capital, and the cheap test spares the engine the title
# alternatives at every other word boundary (speed; same matches, tests/test_prefilter.py).
NAME_RE = re.compile(
    r"(?=[A-Z])\b(?:(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Adm)\.?\s+)?"
    + NAME_WORD
    + r"(?:\s+(?:[A-Z]\.\s+)?(?:(?:al|el|bin|van|von|de|da|du|di|le|la)-?\s*)?"
    + NAME_WORD
    + r")+"
)
_PARTICLE = re.compile(r"^(?:al|el|bin|ibn|van|von|de|da|du|di|le|la)[-\s]", re.IGNORECASE)
POSSESSIVE = re.compile(r"['’]s?$")
_AMPERSAND_NAME = re.compile(r"[A-Z][\w.'’-]*\s+&\s+[A-Z]")
_CORE_END = re.compile(r",| in | from | at | of | with ")
_COMMA_OR_PAREN = re.compile(r",|\s\(")


def canonical_outlet(phrase: str) -> str | None:
    """'Agence France-Presse' -> 'AFP'; None when the phrase is not a known outlet."""
    return OUTLET_ALIASES.get(phrase.lower().strip().rstrip("."))


def outlet_display(name: str | None) -> str:
    """How an outlet is shown: its usual short name for a known spelling ("AGENCE FRANCE-PRESSE",
    "Agence France-Presse" -> "AFP"), otherwise the name as stored ("" for none)."""
    return (canonical_outlet(name) or name) if name else ""


class HasOutlet(Protocol):
    """An article or an article list's row: what it says of where it comes from."""

    @property
    def agency(self) -> str: ...

    @property
    def publisher(self) -> str: ...


def article_outlet(article: HasOutlet) -> str:
    """The outlet an article is shown under: its agency, else its publisher, as `outlet_display`."""
    return outlet_display(article.agency or article.publisher)


def classify(phrase: str) -> SourceKind:
    """The kind of an explicit source phrase (pronouns are resolved separately)."""
    words = phrase.replace("’", "'").split()
    if not words:
        return SourceKind.ANONYMOUS
    low = [w.lower().strip(",.") for w in words]
    core = _core_words([w.lower().strip(".") for w in words])
    head = core[-1] if core else low[-1]
    head = drop_possessive(head)
    if canonical_outlet(phrase) or canonical_outlet(" ".join(core)):
        return SourceKind.INSTITUTION
    first_part = phrase.split(",")[0].strip().rstrip(".")
    if OWNED_ORG_RE.search(first_part) or NAMED_AGENCY_RE.search(first_part):
        return SourceKind.INSTITUTION
    if head in DOCUMENT_WORDS:
        return SourceKind.DOCUMENT
    if _AMPERSAND_NAME.search(phrase.split(",")[0]):
        return SourceKind.INSTITUTION  # "Johnson & Bright", "Pacific Gas & Electric": people have no "&"
    if any(ends_with_name(seg) for seg in phrase.split(",")):
        # "union president Carlos Mella", "the Minister of Health, Dr Elijah Muchima"
        return SourceKind.NAMED
    if head in PERSON_ROLES or head in ("official", "officials"):
        # "a State Department official" is an unnamed person; "Mr Ali Mamouri, an analyst" is named.
        core_phrase = _CORE_END.split(phrase)[0]
        return SourceKind.NAMED if _has_person_name(core_phrase) else SourceKind.ANONYMOUS
    if head in ORG_WORDS or any(w in ORG_WORDS for w in core[-2:]) or " ".join(core) in PLACES:
        return SourceKind.INSTITUTION
    if low[0] in ("a", "an", "the", "one", "some", "several", "many", "two", "three") and len(words) > 1:
        words, low = words[1:], low[1:]
    first = words[0]
    if head in GROUP_WORDS:
        return SourceKind.ANONYMOUS
    head_written = next((w for w in words if drop_possessive(w.lower().strip(",.")) == head), words[-1])
    if head_written.isupper() and 2 <= len(head_written) <= 6:
        return SourceKind.INSTITUTION  # "IMF", "the FAO", "UNICEF"
    if head_written[0].islower() and head.endswith("s") and len(core) > 1:
        return SourceKind.ANONYMOUS  # "two European traders", "Aid agencies": an unnamed group
    if first[0].isupper() or low[0] in TITLES:
        return SourceKind.NAMED
    return SourceKind.ANONYMOUS


def ends_with_name(segment: str) -> bool:
    """Whether a comma-separated part of a source phrase ends with a person's name."""
    seg = segment.strip()
    m = None
    for m in NAME_RE.finditer(seg):  # noqa: B007 - the last match is wanted
        pass
    if m is None or m.end() != len(seg.rstrip(".")):
        return False
    before = seg[: m.start()].lower().split()
    if any(w in ("of", "from", "at", "in", "by", "for") for w in before):
        return False  # "a spokesman for Acme Energy": the name is an organisation's
    words = [w.lower().strip(".,") for w in m.group().split()]
    return not any(w in ORG_WORDS or w in PLACES or w in DOCUMENT_WORDS for w in words)


def _core_words(low: list[str]) -> list[str]:
    """Words of the main noun phrase: before an apposition comma or a prepositional tail."""
    out = []
    for w in low:
        if w in (
            "in",
            "from",
            "at",
            "of",
            "with",
            "for",
            "close",
            "familiar",
            "who",
            "on",
            "by",
            "which",
        ) or (out and w in PARTICIPLES):
            break
        out.append(w)
        if w.endswith(","):
            break
    return [w.strip(",") for w in out]


def _has_person_name(phrase: str) -> bool:
    m = NAME_RE.search(phrase)
    if m is None:
        return False
    name_words = [w.lower().strip(".,") for w in m.group().split()]
    return not any(w in ORG_WORDS for w in name_words)


@lru_cache(maxsize=8192)
def surname_key(word: str) -> str:
    """'al-Kadhemi' and 'Kadhemi' -> 'kadhemi'; "Trump's" -> 'trump'. (Cached: a pure function of
    the word, asked for every capitalised word of every sentence.)"""
    return _PARTICLE.sub("", drop_possessive(word)).lower()


def drop_possessive(word: str) -> str:
    """`POSSESSIVE.sub("", word)`, without running the pattern on a word with no apostrophe (speed)."""
    return POSSESSIVE.sub("", word) if "'" in word or "’" in word else word


def person_name(phrase: str) -> list[str]:
    """The words of a person's name: the last run of capitalised words, titles and roles dropped."""
    return list(_person_name(phrase))


@lru_cache(maxsize=4096)
def _person_name(phrase: str) -> tuple[str, ...]:
    """person_name, cached: a pure function of the phrase (nothing of an article is kept)."""
    parts = _COMMA_OR_PAREN.split(phrase)
    # "the Minister of Health, Dr Elijah Muchima": the part that ends with a name, else the first
    part = next((p for p in parts[1:3] if ends_with_name(p) and not ends_with_name(parts[0])), parts[0])
    head = drop_possessive(part.strip())
    words = head.split()[-MAX_NAME_WORDS:]
    run: list[str] = []
    for w in reversed(words):
        if w[:1].isupper() or _PARTICLE.match(w) or (run and w.lower() in PARTICLES):
            run.append(w)
        elif run:
            break
    run.reverse()
    titled = [i for i, w in enumerate(run[:-1]) if w.lower().rstrip(".") in TITLES]
    if titled and titled[-1] > 0:
        run = run[titled[-1] + 1 :]  # "FBI Director James Comey": the name after the last title
    while len(run) > 1 and (
        run[0].lower().rstrip(".") in TITLES
        or run[0].lower() in ROLE_WORDS
        or run[0].lower() in NOT_NAME_WORDS
    ):
        run.pop(0)
    return tuple(run or words)


def describe(phrase: str) -> str:
    """An anonymous source's description: the phrase without determiner ("Western diplomat in Baghdad")."""
    low = phrase.strip()
    for det in DETERMINERS:
        if low.lower().startswith(det):
            if low[len(det) :].lstrip().lower().startswith("of "):
                return low  # "One of the two major candidates" is a part of a group: kept whole
            low = low[len(det) :]
            break
    return low


def anon_key(phrase: str) -> str:
    """Key of an anonymous source: its description, ranks kept ("top Iraqi official" != "Iraqi official")."""
    return "anon:" + describe(phrase).lower()
