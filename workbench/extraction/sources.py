"""Resolve pronouns and back-references in reading order, and build the article's source registry.

What kind of source a phrase names (`classify`, `describe`) is in workbench.extraction.source_kinds.
A `SourceTracker` walks an article in reading order. It remembers the people named so far (for
"he said" and for merging "Mr Kadhemi" with "Mustafa al-Kadhemi") and the anonymous sources
recently cited (so that "the official said" resolves to "a Western diplomat in Baghdad").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from workbench.extraction.lexicon.source_words import (
    ANIMATE_PRONOUNS,
    BACK_ROLES,
    GENERIC_ORG_NOUNS,
    GOVERNMENT_WORDS,
    NOT_NAME_WORDS,
    ORG_APPOSITION_RE,
    ORG_BACK_NOUNS,
    ORG_POSSESSIVE_RE,
    ORG_WHICH_RE,
    ORG_WORDS,
    PERSON_ROLES,
    PLACES,
    PLURAL_PRONOUNS,
    PRONOUN_GENDER,
    ROLE_ABBREVIATIONS,
    TITLES,
    gender_of,
)
from workbench.extraction.source_kinds import (
    MAX_NAME_WORDS,
    NAME_RE,
    POSSESSIVE,
    anon_key,
    canonical_outlet,
    classify,
    describe,
    ends_with_name,
    person_name,
    surname_key,
)
from workbench.model import SourceEntry, SourceKind

_THE = re.compile(r"^the\s+")
_THE_ANY_CASE = re.compile(r"^(?:the)\s+", re.IGNORECASE)
_SPACES_COMMAS = re.compile(r"[\s,]+")
_DEFINITE_ROLE = re.compile(r"the\s+([a-z]+)")
_PLACE_BEFORE = re.compile(r"\b(?:in|at|from|near|of|into|across|outside|across)\s+$")


@dataclass(slots=True)
class _Entry:
    key: str
    name: str
    kind: SourceKind
    aliases: list[str] = field(default_factory=list)
    description: str = ""
    claims: int = 0


@dataclass(frozen=True, slots=True)
class Resolved:
    """What a source phrase resolves to."""

    key: str
    name: str
    kind: SourceKind
    description: str = ""


class SourceTracker:
    """Resolves source phrases in reading order and builds the article's source registry."""

    def __init__(self, agency: str) -> None:
        self._agency = agency or "the article"
        self._entries: dict[str, _Entry] = {}
        self._order: list[str] = []
        self._names: dict[str, str] = {}  # surname -> longest full name seen
        self._last_person: str | None = None  # surname of the last person named
        self._recent_anon: list[tuple[int, str, bool]] = []  # (unit index, key, plural)
        self._last_speaker: Resolved | None = None
        self._people: list[str] = []  # surnames, most recently named last
        self._orgs: set[str] = set()  # first words of organisation names ("nordhavn", "voltara")
        self._gender: dict[str, str] = {}  # surname -> "m" / "f" when a title, first name or pronoun says so
        self._acronyms: dict[str, str] = {}  # "icco" -> "International Cocoa Organization"
        self._roles: dict[str, str] = {}  # "minister" -> surname of the person last named with that title
        self._recent_orgs: list[Resolved] = []  # institutions cited, most recent last
        self._org_names: set[str] = set()  # names that context shows to be organisations ("sacmex")

    # -- reading the article --------------------------------------------------------------

    def see_names(self, text: str) -> None:
        """Remember the people named in a stretch of text (for pronouns and alias merging)."""
        for m in NAME_RE.finditer(text):
            name = m.group()
            words = name.split()
            if len(words) > MAX_NAME_WORDS:
                continue  # a Title Case headline or a list, not a name
            if (
                any(w.lower().strip(".") in ORG_WORDS for w in words)
                and words[0].lower() not in NOT_NAME_WORDS
            ):
                first = POSSESSIVE.sub("", words[0]).lower()
                if first not in self._names and first.rstrip(".") not in TITLES:
                    self._orgs.add(first)  # "Nordhavn Shipping" -> "Nordhavn" alone is the company
            if any(w.lower().strip(".") in ORG_WORDS or w.lower() in NOT_NAME_WORDS for w in words):
                continue  # an organisation, or a Title Case headline ("Make Your Kid Pay")
            bare = person_name(name)
            if not bare:
                continue
            surname = surname_key(bare[-1])
            full = " ".join(bare)
            if len(full) > len(self._names.get(surname, "")):
                self._names[surname] = POSSESSIVE.sub("", full)
            if _PLACE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                continue  # "in the town of Chicago Park", "from New Delhi": a place, not a person
            if len(bare) >= 2 or len(words) > len(bare):
                self._last_person = surname
                self._remember(surname, gender_of(words))
                self._see_roles(words[: len(words) - len(bare)], surname)

    def _see_roles(self, words: list[str], surname: str) -> None:
        """'Gov. Gavin Newsom', 'the Minister of Health, Dr Elijah Muchima': later 'the governor' /
        'the Minister' refers back to that person."""
        for w in words:
            low = w.lower().strip(".,")
            role = ROLE_ABBREVIATIONS.get(low, low)
            if role in BACK_ROLES:
                self._roles[role] = surname

    def see_organisations(self, text: str) -> None:
        """Names that context shows to be organisations, whatever their words: 'the city's water
        authority, Sacmex,', 'Solidarités Sahel, which employs', "Hershey's chief executive"."""
        for pattern in (ORG_APPOSITION_RE, ORG_WHICH_RE, ORG_POSSESSIVE_RE):
            for m in pattern.finditer(text):
                name = m.group("name").strip()
                if pattern is ORG_POSSESSIVE_RE and surname_key(name) in self._names:
                    continue  # "Trump's spokesman": a person's
                self._org_names.add(name.lower())

    def see_acronym(self, name_end: int, text: str, acronym: str) -> None:
        """'The International Cocoa Organization (ICCO)': remember ICCO as a short name of the organisation."""
        words = text[max(0, name_end - 160) : name_end].split()
        run: list[str] = []
        for w in reversed(words):
            if w[:1].isupper() or (run and w in ("of", "for", "and", "on", "&", "de", "du", "des")):
                run.append(w)
            else:
                break
        while run and (run[-1] in ("of", "for", "and", "on", "&") or run[-1].lower() == "the"):
            run.pop()
        if len(run) >= 2:
            self._acronyms[acronym.lower()] = " ".join(reversed(run))

    # -- resolution -----------------------------------------------------------------------

    def resolve(self, phrase: str, unit_index: int, org_hint: bool = False) -> Resolved:
        """Resolve a source phrase to a registry entry and count one claim for it.

        org_hint: the context speaks of the source as a thing ("X said it would appeal",
        "X said in a statement"); a name never seen as a person's is then an organisation's.
        """
        resolved = self._resolve(phrase, unit_index)
        if org_hint and resolved.kind is SourceKind.NAMED and self._unknown_single_name(phrase):
            name = POSSESSIVE.sub("", phrase.split(",")[0].strip())
            resolved = Resolved("org:" + name.lower(), name, SourceKind.INSTITUTION)
        entry = self._entries.get(resolved.key)
        if entry is None:
            entry = _Entry(resolved.key, resolved.name, resolved.kind, description=resolved.description)
            self._entries[resolved.key] = entry
            self._order.append(resolved.key)
        if phrase and phrase not in entry.aliases and phrase != entry.name:
            entry.aliases.append(phrase)
        entry.claims += 1
        if resolved.kind is SourceKind.ANONYMOUS:
            plural = phrase.lower().rstrip(".").endswith("s")
            self._recent_anon.append((unit_index, resolved.key, plural))
        if resolved.kind is not SourceKind.AGENCY:
            self._last_speaker = resolved
        return resolved

    def count(self, key: str | None) -> None:
        """Count one more claim for an already registered source."""
        if key in self._entries:
            self._entries[key].claims += 1

    def uncount(self, key: str | None) -> None:
        """Take back one claim (a source resolved before its content was found)."""
        if key in self._entries:
            self._entries[key].claims -= 1

    def agency(self) -> Resolved:
        return self.resolve("", -1)

    @property
    def agency_name(self) -> str:
        return self._agency

    def entries(self) -> tuple[SourceEntry, ...]:
        out = []
        for key in self._order:
            e = self._entries[key]
            aliases = tuple(a for a in e.aliases if a.lower() != e.name.lower())
            out.append(SourceEntry(e.key, e.name, e.kind, aliases, e.description, e.claims))
        return tuple(out)

    def _resolve(self, phrase: str, unit_index: int) -> Resolved:
        if not phrase:
            name = canonical_outlet(self._agency) or self._agency
            return Resolved("agency:" + name.lower(), name, SourceKind.AGENCY)
        low = phrase.lower().strip()
        low = {"his": "he", "their": "they", "its": "it", "whom": "who"}.get(low, low)  # "his claim that"
        if low in ANIMATE_PRONOUNS or low in PLURAL_PRONOUNS or low in ("it", "you"):
            return self._pronoun(low)
        outlet = canonical_outlet(phrase)
        if outlet:
            return Resolved("org:" + outlet.lower(), outlet, SourceKind.INSTITUTION)
        full = self._acronyms.get(_THE.sub("", low))
        if full is not None:
            return self._resolve(full, unit_index)
        definite = _DEFINITE_ROLE.fullmatch(low)
        if definite is not None:
            back = self._role_reference(definite.group(1))
            if back is not None:
                return back
        kind = classify(phrase)
        bare = _THE_ANY_CASE.sub("", phrase.strip())
        name_part = bare.split(",")[0].strip()
        if kind is SourceKind.NAMED and name_part.lower() in self._org_names:
            org = Resolved("org:" + name_part.lower(), name_part, SourceKind.INSTITUTION)
            self._recent_orgs = [o for o in self._recent_orgs if o.key != org.key][-7:] + [org]
            return org
        if kind is SourceKind.NAMED and " " not in bare and bare.lower() in self._orgs:
            # "Voltara expects" after "Voltara Energy Inc.": the short name of an organisation seen before.
            return Resolved("org:" + bare.lower(), bare, SourceKind.INSTITUTION)
        if kind is SourceKind.NAMED:
            words = person_name(phrase)
            surname = surname_key(words[-1])
            self._see_roles(_SPACES_COMMAS.split(phrase), surname)
            full = self._names.get(surname, " ".join(words))
            if len(" ".join(words)) > len(full):
                full = " ".join(words)
            self._names[surname] = full
            self._last_person = surname
            self._remember(surname, gender_of(phrase.split()))
            parts = [p.strip() for p in phrase.split(",") if p.strip()]
            desc = ", ".join(p for p in parts[1:] if not ends_with_name(p)) if len(parts) > 1 else ""
            if len(parts) > 1 and ends_with_name(parts[1]) and not ends_with_name(parts[0]):
                desc = parts[0]  # "the Minister of Health, Dr Elijah Muchima"
            return Resolved("person:" + surname, full, kind, describe(desc) if desc else "")
        if kind is SourceKind.ANONYMOUS:
            back = self._back_reference(low, unit_index)
            if back is not None:
                return back
            desc = describe(phrase)
            for adj in ("top ", "senior ", "high-ranking "):
                if desc.lower().startswith(adj) and len(desc.split()) > 2:
                    desc = desc[len(adj) :]
            return Resolved(anon_key(phrase), desc, kind, desc)
        if kind is SourceKind.INSTITUTION:
            name = _THE_ANY_CASE.sub("", phrase.strip())
            org = Resolved("org:" + name.lower(), name, kind)
            if name.lower() not in PLACES and (len(name.split()) > 1 or name[:1].isupper()):
                self._recent_orgs = [o for o in self._recent_orgs if o.key != org.key][-7:] + [org]
            return org
        desc = describe(phrase)
        return Resolved("doc:" + desc.lower(), desc, kind, desc)

    def _remember(self, surname: str, gender: str | None) -> None:
        if self._people and self._people[-1] == surname:
            pass
        else:
            if surname in self._people:
                self._people.remove(surname)
            self._people.append(surname)
        if gender and surname not in self._gender:
            self._gender[surname] = gender

    def _person(self, surname: str) -> Resolved:
        return Resolved("person:" + surname, self._names.get(surname, surname.title()), SourceKind.NAMED)

    def _pronoun(self, low: str) -> Resolved:
        gender = PRONOUN_GENDER.get(low)
        if gender is not None and self._people:
            # "she" after "Mr X ... Mrs Y": the most recent person whose known gender fits;
            # the last speaker first when it is that person.
            fits = [p for p in reversed(self._people[-8:]) if self._gender.get(p, gender) == gender]
            if not fits:
                return self._person(self._people[-1])
            best = fits[0]
            speaker = self._last_speaker
            if speaker is not None and speaker.kind is SourceKind.NAMED and speaker.key == "person:" + best:
                return speaker
            if best not in self._gender:
                self._gender[best] = gender  # "he said" fixes the gender of a person named without a title
            return self._person(best)
        if low == "who" and self._last_person:
            # "Mitch McConnell, who said": the nearest name (names before the source are seen first).
            surname = self._last_person
            return Resolved("person:" + surname, self._names.get(surname, surname.title()), SourceKind.NAMED)
        if (
            low in ("he", "she", "i", "him", "her")
            and self._last_speaker
            and self._last_speaker.kind in (SourceKind.NAMED,)
        ):
            speaker = self._last_speaker
            if self._last_person is None or speaker.key == "person:" + self._last_person:
                return speaker
        if low in ("he", "she", "i", "him", "her") and self._last_person:
            surname = self._last_person
            return Resolved("person:" + surname, self._names.get(surname, surname.title()), SourceKind.NAMED)
        if self._last_speaker is not None:
            return self._last_speaker
        return Resolved("anon:" + low, low, SourceKind.ANONYMOUS, "")

    def _unknown_single_name(self, phrase: str) -> bool:
        """'Hershey': one capitalised word, no title, never seen as part of a person's full name."""
        words = phrase.split(",")[0].split()
        if len(words) != 1 or gender_of(words) is not None or not words[0][:1].isupper():
            return False
        return len(self._names.get(surname_key(words[0]), "").split()) < 2

    def _role_reference(self, role: str) -> Resolved | None:
        """'the minister' -> the person last named as minister; 'the company' / 'the utility' -> the
        organisation last cited (of that type when its name says: 'the ministry' -> 'Ministry of Health')."""
        role = ROLE_ABBREVIATIONS.get(role, role)
        if role in self._roles:
            return self._person(self._roles[role])
        if role in ORG_BACK_NOUNS:
            typed = [o for o in self._recent_orgs if role in o.name.lower().split()]
            if typed:
                return typed[-1]
            if role in GENERIC_ORG_NOUNS:
                plain = [
                    o for o in self._recent_orgs if not GOVERNMENT_WORDS.intersection(o.name.lower().split())
                ]
                if plain:
                    return plain[-1]
        return None

    def _back_reference(self, low: str, unit_index: int) -> Resolved | None:
        """'the official', 'the sources': a definite bare role noun refers to a recent anonymous source."""
        words = low.split()
        if len(words) != 2 or words[0] not in ("the", "this", "that", "these", "those"):
            return None
        if words[1] not in PERSON_ROLES:
            return None
        plural = words[1].endswith("s")
        for idx, key, was_plural in reversed(self._recent_anon):
            if unit_index - idx > 6:
                break
            if was_plural == plural:
                e = self._entries[key]
                return Resolved(key, e.name, e.kind, e.description)
        return None
