"""How well a source is described: the score of an anonymous source's description, and whether a
phrase names a group.

`check_description("a top Iraqi official", context)` gives points for what the reader learns
(affiliation, institution, role, rank, place, access) and flags a description below
`SPECIFIC_ENOUGH` as vague, and one whose paragraph does not say why the source is not named.
workbench.reports.sourcing uses these for the sourcing summary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NAMED_BODY = re.compile(r"\b[A-Z][a-z]+ (Department|Ministry|Office|Council|Embassy|Agency|House)\b")
_AND_BETWEEN = re.compile(r"\w\s+and\s+\w")
_TITLE = re.compile(r"^(mr|ms|mrs|dr)\b", re.I)

# A description earns points for what it tells the reader about the source; below
# SPECIFIC_ENOUGH it is flagged as vague. The weights are named so a test pins them.
POINTS_AFFILIATION = 1.0  # "Iraqi", "Western", "from Iraq's Shi'ite political network"
POINTS_INSTITUTION = 1.5  # "State Department", "the ministry of defence"
POINTS_ROLE = 1.0  # a specific role: diplomat, minister, commander (not "official", "source")
POINTS_RANK = 0.5  # "senior", "top"
POINTS_PLACE = 0.5  # "in Baghdad"
POINTS_ACCESS = 1.0  # what the source knows: "familiar with", "who attended", "briefed on"
SPECIFIC_ENOUGH = 1.5

_GENERIC_NOUNS = {
    "source", "sources", "official", "officials", "person", "people", "insider", "insiders",
    "figure", "figures", "member", "members", "individual", "individuals", "someone", "observer",
    "observers", "party", "parties", "contact", "contacts", "group", "groups",
}  # fmt: skip
_ROLES = {
    "diplomat", "diplomats", "minister", "ministers", "aide", "aides", "adviser", "advisers",
    "advisor", "advisors", "analyst", "analysts", "officer", "officers", "commander", "commanders",
    "spokesman", "spokeswoman", "spokesperson", "lawmaker", "lawmakers", "legislator", "mp", "mps",
    "senator", "congressman", "cleric", "clerics", "general", "colonel", "envoy", "ambassador",
    "negotiator", "negotiators", "investigator", "investigators", "prosecutor", "judge", "lawyer",
    "doctor", "doctors", "nurse", "executive", "executives", "employee", "employees", "staffer",
    "staffers", "researcher", "researchers", "economist", "economists", "banker", "bankers",
    "witness", "witnesses", "resident", "residents", "soldier", "soldiers", "fighter", "fighters",
    "militant", "militants", "commentator", "expert", "experts", "politician", "politicians",
    "leader", "leaders", "engineer", "engineers", "worker", "workers", "director", "manager",
    "activist", "activists", "journalist", "journalists", "intelligence", "security", "military",
}  # fmt: skip
_RANKS = {"senior", "top", "high-ranking", "high-level", "ranking", "junior", "former", "chief", "deputy"}
_INSTITUTION_WORDS = {
    "department", "ministry", "ministries", "office", "council", "embassy", "agency", "army",
    "police", "government", "parliament", "commission", "committee", "bank", "company", "court",
    "administration", "presidency", "cabinet", "mission", "force", "forces", "service", "secretariat",
    "white house", "pentagon", "kremlin", "un", "nato", "united nations", "network", "party",
}  # fmt: skip
_ACCESS = re.compile(
    r"\b(familiar with|with (direct )?knowledge of|close to|involved in|briefed on|who (attended|took part|"
    r"was present|saw|witnessed|heard|read)|present at|privy to|directly involved|participated in)\b",
    re.I,
)
_PLACE = re.compile(r"\b(in|at|based in)\s+(the\s+)?[A-Z][\w'’-]+", re.U)
_FROM_GROUP = re.compile(r"\b(from|at|of|within|inside)\s+(the\s+)?[\w'’-]+(\s+[\w'’-]+)+", re.U)
# Why the source is not named: the reader should be told (AP, Reuters, AFP style guides).
_ANONYMITY_REASON = re.compile(
    r"\b(condition of anonymity|on condition (that )?(he|she|they) (not )?be (named|identified)|"
    r"not (authori[sz]ed|allowed|permitted) to (speak|talk|comment|discuss)|asked not to be (named|identified)|"
    r"declined to be (named|identified)|requested anonymity|for fear of|because of the sensitivity|"
    r"speaking anonymously|who (did not|didn't) want to be named)\b",
    re.I,
)
_PLURAL_HINTS = re.compile(
    r"\b(officials|sources|diplomats|analysts|people|residents|witnesses|experts|figures|members|"
    r"officers|aides|advisers|lawmakers|insiders|observers|several|multiple|many|two|three|four|"
    r"both|others)\b",
    re.I,
)
_WORD = re.compile(r"[\w'’-]+", re.U)


@dataclass(frozen=True, slots=True)
class DescriptionCheck:
    """How well an anonymous source is described: `vague` when the reader learns too little."""

    score: float
    vague: bool
    issues: tuple[str, ...] = ()


def check_description(text: str, context: str = "") -> DescriptionCheck:
    """Score a description of an anonymous source ("a top Iraqi official").

    Args:
        text: the description (or every phrase the article uses for the source, joined by "; ").
        context: the paragraphs the source speaks in, searched for why it is not named.

    Returns:
        The score, the vague flag, and issues written for an editor.
    """
    words = [w.casefold() for w in _WORD.findall(text)]
    content = [w for w in words if w not in {"a", "an", "the", "one", "some", "and", "or"}]
    score = 0.0
    found: list[str] = []
    lowered = " " + " ".join(words) + " "
    if any(f" {w} " in lowered for w in _INSTITUTION_WORDS) or _NAMED_BODY.search(text):
        score += POINTS_INSTITUTION
        found.append("institution")
    elif _affiliation(text):
        score += POINTS_AFFILIATION
        found.append("affiliation")
    if any(w in _ROLES for w in content):
        score += POINTS_ROLE
    if any(w in _RANKS for w in content):
        score += POINTS_RANK
    if _PLACE.search(text):
        score += POINTS_PLACE
    if _ACCESS.search(text):
        score += POINTS_ACCESS
    issues: list[str] = []
    vague = score < SPECIFIC_ENOUGH
    if vague:
        if not content or all(w in _GENERIC_NOUNS for w in content):
            issues.append("says only that there is a source: not who, nor what they know")
        elif not found:
            issues.append("does not say where the source works or which side they are on")
        else:
            issues.append("too general: give the source's role, rank or what they know")
    if not _ACCESS.search(text) and not _ACCESS.search(context):
        issues.append("does not say how the source knows")
    if not _ANONYMITY_REASON.search(text + " " + context):
        issues.append("does not say why the source is not named")
    return DescriptionCheck(score=score, vague=vague, issues=tuple(issues))


_NOT_AFFILIATION = {"a", "an", "the", "one", "mr", "ms", "mrs", "dr"} | _GENERIC_NOUNS | _ROLES | _RANKS


def _affiliation(text: str) -> bool:
    """A capitalised qualifier ("Iraqi", "Western", "US") or "from/within <group>"."""
    for match in _WORD.finditer(text):
        word = match.group(0)
        if word[:1].isupper() and word.casefold() not in _NOT_AFFILIATION:
            return True
    return bool(_FROM_GROUP.search(text))


def is_plural_source(phrase: str) -> bool:
    """True when a source phrase names a group ("Iraqi and foreign officials", "the sources")."""
    phrase = phrase.strip()
    if not phrase:
        return False
    if _PLURAL_HINTS.search(phrase):
        return True
    # "X and Y" between two nouns: "diplomats and analysts", "Iraqi and US officials"
    return bool(_AND_BETWEEN.search(phrase)) and not _TITLE.match(phrase)
