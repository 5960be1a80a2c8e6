"""Resolve pronouns and back-references in reading order, and build the article's source registry.

What kind of source a phrase names (`classify`, `describe`) is in workbench.extraction.source_kinds.
A `SourceTracker` walks an article in reading order. It remembers the people named so far (for
"he said" and for merging "Mr Kadhemi" with "Mustafa al-Kadhemi") and the anonymous sources
recently cited (so that "the official said" resolves to "a Western diplomat in Baghdad").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from workbench.extraction.coref import (
    Salience,
    context_words,
    description_head,
    gender_votes,
    is_subject,
)
from workbench.extraction.lexicon.coref_words import NOT_PEOPLE, ORG_KINDS
from workbench.extraction.lexicon.source_words import (
    ANIMATE_PRONOUNS,
    BACK_ROLES,
    GENERIC_ORG_NOUNS,
    GOVERNMENT_WORDS,
    NOT_NAME_WORDS,
    ORG_APPOSITION_NEEDS,
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
from workbench.text.prefilter import has_any

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
    unsure: bool = False  # a pronoun or description resolved on weak evidence


_ORG_KIND_WORDS = frozenset().union(*ORG_KINDS.values())
# "his advisers", "her spokeswoman", "their lawyers", "its chief executive": a role of a pronoun's owner.
_OWNED = re.compile(r"(his|her|their|its)\s+([a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})")
_PRONOUN_NEAR = re.compile(r"\b(?:he|she|his|her|him|He|She|His|Her)\b")
_LESSER = frozenset(["vice", "deputy", "former", "ex", "assistant", "acting", "associate", "lieutenant"])
_CAP_WORD = re.compile(r"(?=[A-Z])\b[A-Z][\w'’-]+")
# An organisation's name: capitalised words, joined by "of", "on", "for", "and", "&" ("Commission on
# Presidential Debates", "United Mine Workers of America"). (?=[A-Z]) first here and in _CAP_WORD: a
# cheap test that spares the engine the word-boundary test at every other position (speed; same matches).
ORG_NAME_RE = re.compile(r"(?=[A-Z])\b[A-Z][\w&'’.-]*(?:\s+(?:(?:of|on|for|and|&|the)\s+)*[A-Z][\w&'’.-]*)*")


def _discourse_word(part: str) -> bool:
    """'meanwhile', 'however', 'too', 'in turn': a comma-set adverb, never a description."""
    low = part.strip().lower()
    return low in _DISCOURSE or (low.endswith("ly") and " " not in low)


_DISCOURSE = frozenset(
    ["meanwhile", "however", "too", "also", "though", "instead", "in turn", "for his part", "for her part",
     "for their part", "in fact", "indeed", "still", "then", "now", "again", "moreover", "of course"]
)  # fmt: skip


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
        self._salience = Salience()  # who "he" / "the senator" can be (workbench.extraction.coref)
        self._voted: dict[str, str] = {}  # name as written -> gender from "he"/"she" right after it
        self._family: dict[str, dict[str, str]] = {}  # surname -> first name -> person key
        self._last_mentioned: str | None = None  # the person named last in the text seen last
        self._plural_recent: list[tuple[int, Resolved]] = []  # groups and bodies cited, most recent last
        self._unit = 0
        self._last_at = -1
        self._org_mentions: list[str] = []  # organisations named in the text, most recent last

    # -- reading the article --------------------------------------------------------------

    def see_article(self, text: str) -> None:
        """Before reading: the gender each name takes from the pronouns that follow it in its sentence."""
        names = []
        for m in NAME_RE.finditer(text):
            if _PRONOUN_NEAR.search(text, m.end(), m.end() + 120) is None:
                continue  # no "he"/"she" close enough to vote
            bare = person_name(m.group())
            if bare and len(m.group().split()) <= MAX_NAME_WORDS:
                names.append((m.start(), m.end(), " ".join(bare).lower()))
        self._voted = gender_votes(text, names)

    def next_sentence(self, paragraph: bool) -> None:
        """A new unit begins (a new paragraph when `paragraph`): older mentions weigh less."""
        self._salience.next_sentence(paragraph)
        self._unit += 1

    def see_names(self, text: str) -> None:
        """Remember the people named in a stretch of text (for pronouns and alias merging).

        `text` starts at a sentence start (a unit of the article, or the headline)."""
        spans: list[tuple[int, int]] = []
        self._last_mentioned = None
        self._last_at = -1
        self._orgs_in(text)
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
            titled = [i for i, w in enumerate(words[:-1]) if w.lower().rstrip(".") in TITLES]
            own = (
                words[titled[-1] + 1 :] if titled else words
            )  # "New York Attorney General Eric Schneiderman"
            if any(w.lower().strip(".") in ORG_WORDS or w.lower() in NOT_NAME_WORDS for w in own):
                continue  # an organisation, or a Title Case headline ("Make Your Kid Pay")
            bare = person_name(name)
            if not bare or bare[-1].lower().rstrip(".") in TITLES:
                continue  # "Pennsylvania Gov" before ". Ed Rendell": not a name
            surname = self._person_key(bare, gender_of(words))
            full = " ".join(bare)
            if len(full) > len(self._names.get(surname, "")):
                self._names[surname] = POSSESSIVE.sub("", full)
            if _PLACE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                continue  # "in the town of Chicago Park", "from New Delhi": a place, not a person
            if len(bare) >= 2 or len(words) > len(bare):
                self._last_person = surname
                self._remember(surname, gender_of(words))
                self._see_roles(words[: len(words) - len(bare)], surname)
                titles = words[: len(words) - len(bare)]
                self._see_mention(text, m.start(), m.end(), surname, bare, titles)
                spans.append(m.span())
        self._see_surnames(text, spans)

    def _orgs_in(self, text: str) -> None:
        for m in ORG_NAME_RE.finditer(text):
            words = m.group().split()
            if len(words) > 1 and any(w.lower() in ORG_WORDS or w.lower() in _ORG_KIND_WORDS for w in words):
                self._see_org(m.group())

    def _see_org(self, name: str) -> None:
        """'the Commission on Presidential Debates' named: later 'the commission' is that body."""
        name = POSSESSIVE.sub("", _THE_ANY_CASE.sub("", name))
        if name in self._org_mentions:
            self._org_mentions.remove(name)
        self._org_mentions = self._org_mentions[-11:] + [name]

    def _see_mention(
        self, text: str, start: int, end: int, surname: str, bare: list[str], titles: list[str]
    ) -> None:
        """One mention of a person for the salience model: is it a person (a title, a known first
        name, a pronoun after it), and is it the subject of its sentence?"""
        titled = bool(titles)
        if any(POSSESSIVE.sub("", w).lower() in NOT_PEOPLE for w in bare) and not titled:
            return  # "North Korea", "Labor Day", "Black Lives Matter": not a person
        voted = self._voted.get(" ".join(bare).lower())
        evidence = titled or gender_of(bare[:1]) is not None or voted is not None
        if surname not in self._gender and voted is not None:
            self._gender[surname] = voted
        self._salience.mention(
            surname, is_subject(text, start, end), evidence, context_words(text, start, end, titles)
        )
        self._mentioned_at(start, surname)

    def _mentioned_at(self, start: int, key: str) -> None:
        if start > self._last_at:
            self._last_at, self._last_mentioned = start, key

    def _see_surnames(self, text: str, spans: list[tuple[int, int]]) -> None:
        """'Trump said', 'Clinton's plan': a known person's surname alone is a mention too."""
        people = self._salience.people
        for m in _CAP_WORD.finditer(text):
            if surname_key(m.group()) not in self._family or any(a <= m.start() < b for a, b in spans):
                continue
            key = self._person_key([m.group()])
            c = people.get(key)
            if c is None:
                continue
            self._salience.mention(key, is_subject(text, m.start(), m.end()), c.evidence)
            self._mentioned_at(m.start(), key)

    def _person_key(self, bare: list[str], gender: str | None = None) -> str:
        """'Hillary Clinton' and 'Bill Clinton' are two people: the first person of a surname keeps
        the plain key ("clinton"), another first name gets its own ("clinton-bill"); a surname alone
        or with a title ("Mrs. Clinton") goes to the most salient of them whose gender fits."""
        surname = surname_key(bare[-1])
        family = self._family.setdefault(surname, {})
        first = bare[0].lower().rstrip(".") if len(bare) >= 2 else ""
        if len(first) < 2:
            keys = list(dict.fromkeys(family.values())) or [surname]
            fits = [k for k in keys if gender is None or self._gender.get(k, gender) == gender]
            return max(fits or keys, key=self._salience.score)
        if first not in family:
            family[first] = f"{surname}-{first}" if family else surname
        return family[first]

    def _see_roles(self, words: list[str], surname: str) -> None:
        """'Gov. Gavin Newsom', 'the Minister of Health, Dr Elijah Muchima': later 'the governor' /
        'the Minister' refers back to that person."""
        before = ""
        for w in words:
            low = w.lower().strip(".,")
            role = ROLE_ABBREVIATIONS.get(low, low)
            if role in BACK_ROLES and before not in _LESSER:
                self._roles[role] = surname  # not "Vice President Biden" for "the president"
            before = low

    def see_organisations(self, text: str) -> None:
        """Names that context shows to be organisations, whatever their words: 'the city's water
        authority, Sacmex,', 'Solidarités Sahel, which employs', "Hershey's chief executive"."""
        for pattern, needles in (
            (ORG_APPOSITION_RE, ORG_APPOSITION_NEEDS),
            (ORG_WHICH_RE, ("which",)),
            (ORG_POSSESSIVE_RE, ("'s", "’s")),
        ):
            if not has_any(text, needles):
                continue  # speed: every match holds one of the needles (workbench.text.prefilter)
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
        low = phrase.lower()
        if (
            low not in ANIMATE_PRONOUNS
            and low not in ("they", "their", "them", "it", "its")
            and (
                resolved.kind is SourceKind.INSTITUTION
                or (resolved.kind is SourceKind.ANONYMOUS and low.rstrip(".").endswith("s"))
                or " and " in phrase
            )
        ):
            self._plural_recent.append((self._unit, resolved))  # what "they" can be
        if resolved.kind is not SourceKind.AGENCY:
            self._last_speaker = resolved
        return resolved

    def first_person_of(self, phrase: str, speaker_key: str) -> Resolved | None:
        """'I' or 'we' inside a quotation: the quotation's speaker, already registered (sure)."""
        entry = self._entries.get(speaker_key)
        if entry is None or entry.kind is SourceKind.AGENCY:
            return None
        entry.claims += 1
        if phrase not in entry.aliases and phrase != entry.name:
            entry.aliases.append(phrase)
        return Resolved(entry.key, entry.name, entry.kind, entry.description)

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
        owned = _OWNED.fullmatch(low)
        if owned is not None:
            return self._owned(owned.group(1), owned.group(2))
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
        described = self._described(phrase, low, unit_index)
        if described is not None:
            return described
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
            surname = self._person_key(words, gender_of(phrase.split()))
            self._see_roles(_SPACES_COMMAS.split(phrase), surname)
            full = self._names.get(surname, " ".join(words))
            if len(" ".join(words)) > len(full):
                full = " ".join(words)
            self._names[surname] = full
            self._last_person = surname
            self._remember(surname, gender_of(phrase.split()))
            if not any(POSSESSIVE.sub("", w).lower() in NOT_PEOPLE for w in words):
                self._salience.spoke(surname)
            parts = [p.strip() for p in phrase.split(",") if p.strip() and not _discourse_word(p)]
            phrase = ", ".join(parts)  # "Trump, meanwhile," is Trump
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
        if gender is not None:
            # "she" after "Mr X ... Mrs Y": the most salient person whose gender fits (coref.Salience)
            choice = self._salience.pick_person(gender, self._gender)
            if choice is not None:
                if not choice.unsure and choice.key not in self._gender:
                    self._gender[choice.key] = gender  # "he said" fixes the gender of an untitled name
                return self._spoken(choice.key, choice.unsure)
        return self._old_pronoun(low)

    def _spoken(self, surname: str, unsure: bool) -> Resolved:
        """A pronoun or description resolved to a person: that person speaks (salience)."""
        self._salience.spoke(surname)
        person = self._person(surname)
        speaker = self._last_speaker
        if speaker is not None and speaker.key == person.key:
            person = Resolved(speaker.key, speaker.name, speaker.kind, speaker.description)
        return replace(person, unsure=unsure)

    def _old_pronoun(self, low: str) -> Resolved:
        """Pronouns the salience model leaves open: "who" takes the nearest name; "they", "it", "we"
        and a "he" with no person in reach take the last speaker or person, marked unsure."""
        if low == "who" and (self._last_mentioned or self._last_person):
            # "Mitch McConnell, who said": the nearest name (names before the source are seen first).
            return self._spoken(self._last_mentioned or self._last_person, False)
        if low in ("he", "she", "i", "him", "her") and self._last_speaker is not None:
            speaker = self._last_speaker
            if speaker.kind is SourceKind.NAMED and (
                self._last_person is None or speaker.key == "person:" + self._last_person
            ):
                return replace(speaker, unsure=True)
        if low in ("he", "she", "i", "him", "her") and self._last_person:
            return replace(self._person(self._last_person), unsure=True)
        if low in ("they", "them"):
            return self._they()
        if low == "it":
            body = next(
                (r for _, r in reversed(self._plural_recent) if r.kind is SourceKind.INSTITUTION), None
            )
            if body is not None:
                return replace(body, unsure=True)  # "it said": the body cited last
        if self._last_speaker is not None:
            return replace(self._last_speaker, unsure=True)
        return Resolved("anon:" + low, low, SourceKind.ANONYMOUS, "", unsure=True)

    def _owned(self, possessive: str, noun: str) -> Resolved:
        """'his advisers' -> "Barack Obama's advisers", 'its spokesman' -> "Wells Fargo's spokesman":
        the owner resolved as its pronoun would be; unsure when that is."""
        pronoun = {"his": "he", "her": "she", "their": "they", "its": "it"}[possessive]
        choice = self._salience.pick_person(PRONOUN_GENDER.get(pronoun), self._gender)
        if pronoun in ("he", "she") and choice is not None:
            owner = replace(self._person(choice.key), unsure=choice.unsure)  # the owner does not speak
        else:
            owner = self._pronoun(pronoun)
        if owner.kind not in (SourceKind.NAMED, SourceKind.INSTITUTION):
            return Resolved(
                "anon:" + possessive + " " + noun, possessive + " " + noun, SourceKind.ANONYMOUS, unsure=True
            )
        name = f"{owner.name}'s {noun}"
        kind = SourceKind.INSTITUTION if noun.split()[-1] in ORG_WORDS else SourceKind.ANONYMOUS
        return Resolved(
            ("org:" if kind is SourceKind.INSTITUTION else "anon:") + name.lower(),
            name,
            kind,
            name,
            owner.unsure,
        )

    def _they(self) -> Resolved:
        """'they': the group or body cited last ("Republicans", "the FBI", "Grassley and Leahy"),
        never one person; unsure when it was cited more than two sentences ago."""
        speaker = self._last_speaker
        if speaker is not None and speaker.kind in (SourceKind.ANONYMOUS, SourceKind.INSTITUTION):
            return replace(speaker, unsure=True)  # "two traders in Accra said. They estimated"
        if self._plural_recent:
            at, group = self._plural_recent[-1]
            if self._unit - at <= 6:
                return replace(group, unsure=self._unit - at > 2)
        return Resolved("anon:they", "they", SourceKind.ANONYMOUS, "", unsure=True)

    def _described(self, phrase: str, low: str, unit_index: int) -> Resolved | None:
        """'the Indiana governor', 'The Republican nominee', 'the 34-year-old mother of three': the
        person whose words in the article fit the description best (coref.Salience.pick_described);
        'the campaign', 'the commission': the organisation of that kind named last."""
        org = self._org_described(low)
        if org is not None:
            return org
        head = description_head(phrase)
        if head is None or ends_with_name(phrase.split(",")[0]):
            return None
        back = self._back_reference(low, unit_index)
        if back is not None:
            return back  # "the official" after "a senior official": the anonymous source
        words, gender = head
        choice = self._salience.pick_described(words, gender, self._gender)
        if choice is None:
            return None
        return self._spoken(choice.key, choice.unsure)

    def _org_described(self, low: str) -> Resolved | None:
        words = low.split()
        if len(words) != 2 or words[0] not in ("the", "this", "that"):
            return None
        noun = words[1]
        named = next((o for o in reversed(self._org_mentions) if noun in o.lower().split()), None)
        kinds = ORG_KINDS.get(noun)
        if named is None and kinds is not None:
            named = next((o for o in reversed(self._org_mentions) if kinds & set(o.lower().split())), None)
        if named is not None:
            return Resolved("org:" + named.lower(), named, SourceKind.INSTITUTION)
        if noun == "campaign":
            choice = self._salience.pick_person(None, self._gender)
            if choice is not None:
                name = self._names.get(choice.key, choice.key.title()).split()[-1] + " campaign"
                return Resolved("org:" + name.lower(), name, SourceKind.INSTITUTION, unsure=choice.unsure)
        return None

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
