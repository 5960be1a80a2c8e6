"""Check-worthiness rules as data: what makes a proposal worth checking, and what makes it weak.

Each `WorthRule` row names one feature a fact-checker looks for (a number with a unit, a vote, a
named source) or against (an opinion word, a prediction, a question), the points it adds to or
takes from a proposal's worth, the reason shown to the checker, and an example sentence on which
it fires. `workbench.extraction.worth` runs the rows; tests/test_worth.py runs every example.

A row fires on one of:
- `words`: any of these lower-cased words in its `scope` (the claim span, the whole sentence around
  it, or the source phrase);
- `pattern`: a regular expression searched in that scope, lower-cased unless the row is `cased`;
- `feature`: a named computed feature (numbers, source kind, quotation, length), defined in
  `workbench.extraction.worth.FEATURES`.

The points are the named constants below, tuned on the dev sets (benchmarks/worth_tune.py fits
them on the ClaimBuster debate sentences outside the scorer's sample and on the news dev list,
then they were rounded by hand; docs/worth.md). They are never tuned on single sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from workbench.extraction.lexicon import worth_words as w
from workbench.text.wordsets import word_set


class Scope(StrEnum):
    """Which text a rule reads."""

    CLAIM = "claim"  # the claim span
    SENTENCE = "sentence"  # the sentence(s) the claim is in, attribution included
    SOURCE = "source"  # the attribution's source phrase ("a 34-year-old mother of three")
    CUE = "cue"  # the attribution's cue ("said", "called", "according to")


@dataclass(frozen=True, slots=True)
class WorthRule:
    """One check-worthiness feature and its points."""

    name: str
    points: int
    reason: str
    example: str
    scope: Scope = Scope.CLAIM
    words: frozenset[str] = field(default_factory=frozenset)
    pattern: re.Pattern[str] | None = None
    feature: str = ""
    cased: bool = False  # the pattern reads the text as written, not lower-cased
    # Speed (the score runs for every proposal): a pattern is only tried when one of these strings
    # occurs in the text it reads (lower-cased, white space collapsed). Every match of the pattern
    # must contain one of them; tests/test_worth.py and benchmarks/worth_tune.py --check-needs check it.
    needs: tuple[str, ...] = ()
    # The row does not count when one of these rules fires on the same claim: the condition of a
    # stated threat ("unless Iraq stops the rockets, Washington would shutter its embassy") is part
    # of what the threat says, not a hypothetical.
    unless: frozenset[str] = field(default_factory=frozenset)


def _re(pattern: str) -> re.Pattern[str]:
    """A pattern written in lower case, searched in the lower-cased text (faster than IGNORECASE)."""
    return re.compile(pattern)


_FIRST_PERSON = word_set(
    "i we i'm i've i'd i'll we're we've we'd we'll i’m i’ve i’d i’ll we’re we’ve we’d we’ll"
)

# --- points (named constants) ------------------------------------------------------------------

BASE = 39  # a proposal with no feature either way: weak (below DEFAULT_THRESHOLD, 50)

NUMBER_WITH_UNIT = 17
BARE_NUMBER = 10
DATE_OR_YEAR = 5
DURATION = 8
MONEY_OR_PERCENT = 10
STATISTIC_WORD = 8
HARM = 9
TREND_VERB = 4
COMPARISON = 6
AMOUNT_COMPARED = 4
PRESENT_STATE = 8
TIME_REFERENCE = 6
SUPERLATIVE = 6
LAW_OR_VOTE = 10
OFFICIAL_ACT = 5
RECORD_OF_OTHERS = 5
LEGAL_EFFECT = 2
STATED_ACTION = 12  # hand-set: also offsets the prediction points its "would"/"will" earns (too rare to tune)
NAMED_SOURCE = 3
INSTITUTION_SOURCE = 11
DOCUMENT_SOURCE = 10
FACTUAL_CUE = 3
PROPER_NAME = 3
SEVERAL_NAMES = 6
SEVERAL_FIGURES = 4
PAST_EVENT = 10
NEVER_DID = 4
NEGATED_EVENT = 6
ONGOING = 3
EVIDENCE_WORD = 7
PERFECT_CHANGE = 2
OWN_RECORD = 5
POSITION_OF_OTHERS = 4
THERE_WAS = 10
FIGURE_IN_SOURCE = 13

QUESTION = -30
FIRST_PERSON_OPINION = -8
FIRST_PERSON_PLAN = -11
PRESCRIPTIVE = -11
PREDICTION = -5
CAPABILITY = -9
CONDITIONAL = -4
HEDGE = -4
EVALUATION = -6
OPINION_CUE = -8
GREETING = -30
DEBATE_TALK = -2
VAGUE_SUBJECT = -5
HEADING = -6
COLOUR = -6
VOX_POP = -12
EXCLAMATION = -6
FIRST_PERSON_FEELING = -11
ANECDOTE = -6
SECTION_HEAD = -6
FEW_WORDS = -5


# --- the rules -------------------------------------------------------------------------------

WORTH_RULES: tuple[WorthRule, ...] = (
    # for
    WorthRule(
        "number_with_unit",
        NUMBER_WITH_UNIT,
        "a number with a unit",
        "The army sent 3,000 troops to the border.",
        feature="number_with_unit",
    ),
    WorthRule(
        "bare_number",
        BARE_NUMBER,
        "a count or figure",
        "The vote was 52 to 48.",
        feature="bare_number",
    ),
    WorthRule(
        "date_or_year",
        DATE_OR_YEAR,
        "a date or year",
        "The plant closed in 2019 after the merger.",
        feature="date_or_year",
    ),
    WorthRule(
        "duration",
        DURATION,
        "a length of time or a count of times",
        "The plant has been closed for four years.",
        feature="duration",
    ),
    WorthRule(
        "money_or_percent",
        MONEY_OR_PERCENT,
        "money or a percentage",
        "Unemployment stood at 7.8 percent in January.",
        pattern=_re(r"[$€£¥%]|\b(?:percent|per cent|dollars?|euros?|pounds)\b"),
        needs=("$", "€", "£", "¥", "%", "percent", "per cent", "dollar", "euro", "pound"),
    ),
    WorthRule(
        "statistic_word",
        STATISTIC_WORD,
        "a statistic (jobs, taxes, deficit, prices…)",
        "The deficit has grown under this administration.",
        words=w.STATISTIC,
    ),
    WorthRule(
        "harm",
        HARM,
        "violence, abuse or harm to people",
        "Mass atrocities continue in the region.",
        words=word_set(
            """atrocities atrocity attacks attacked violence abuse abuses killings massacre massacres genocide
            torture tortured casualties wounded injured refugees displaced famine starvation executed
            shootings bombing bombings airstrikes airstrike raped rape assault assaults"""
        ),
    ),
    WorthRule(
        "trend",
        TREND_VERB,
        "a change that can be measured (rose, fell, doubled…)",
        "The use of cocaine by teenagers has dropped sharply.",
        words=w.TREND,
    ),
    WorthRule(
        "comparison",
        COMPARISON,
        "a comparison",
        "The city has more police officers than it had a decade ago.",
        pattern=_re(
            r"\b(?:more|less|fewer|higher|lower|larger|smaller|greater|bigger|faster|slower|older|younger)\s+"
            r"(?:[\w'’-]+\s+){0,3}?than\b"
            r"|\bcompared (?:with|to)\b|\bas (?:many|much) as\b|\b(?:twice|three times|half) as\b"
        ),
        needs=("than", "compared", "as many", "as much", "twice as", "times as", "half as"),
    ),
    WorthRule(
        "amount_compared",
        AMOUNT_COMPARED,
        "an amount said to be more or less",
        "We are putting more money into every classroom.",
        words=w.AMOUNT_COMPARED,
    ),
    WorthRule(
        "present_state",
        PRESENT_STATE,
        "a statement about how things stand now",
        "The state currently has no rainy-day fund.",
        pattern=_re(
            r"\b(?:today|currently|at present|at the moment|right now|as of)\b|(?<!^)(?<![.?!]\s)\bnow\b(?!,)"
        ),
        needs=("today", "currently", "at present", "at the moment", "now", "as of"),
    ),
    WorthRule(
        "time_reference",
        TIME_REFERENCE,
        "a point or stretch of time it happened in",
        "Unemployment fell over the last four years.",
        pattern=_re(
            r"\b(?:years?|months?|weeks?|decades?) ago\b|\b(?:last|this|past|previous) (?:year|month|week|decade|session|term)\b"
            r"|\bover the (?:last|past)\b|\bsince (?:\d|the|last|then|i|we|he|she|they|taking)\b|\bin the (?:\d{4}s|'\d0s|’\d0s)\b"
        ),
        needs=(" ago", "last", "this ", "past", "previous ", "since ", "in the "),
    ),
    WorthRule(
        "superlative",
        SUPERLATIVE,
        "a record or superlative",
        "Power plants are the largest source of U.S. carbon emissions.",
        pattern=_re(
            r"\b(?:the|its|their|our|his|her|america['’]s|the world['’]s)\s+(?:\w+\s+)?(?:largest|biggest|"
            r"highest|lowest|smallest|fastest|slowest|deadliest|oldest|newest|first|only|most|least|"
            r"fewest|worst|best)\b(?!\s+(?:place|thing|of all|step|time i))|\brecords?\b|\bever\b|\bunprecedented\b|\bin (?:history|decades)\b"
        ),
        needs=(
            "largest",
            "biggest",
            "highest",
            "lowest",
            "smallest",
            "fastest",
            "slowest",
            "deadliest",
            "oldest",
            "newest",
            "first",
            "only",
            "most",
            "least",
            "fewest",
            "worst",
            "best",
            "record",
            "ever",
            "unprecedented",
            "in history",
            "in decades",
        ),
    ),
    WorthRule(
        "law_or_vote",
        LAW_OR_VOTE,
        "a law, vote, ruling or court case",
        "The Senate voted to override the president's veto.",
        words=w.LAW_OR_VOTE,
    ),
    WorthRule(
        "legal_effect",
        LEGAL_EFFECT,
        "what a law, ruling or deal does",
        "The legislation would end the immunity foreign countries have from civil suits.",
        pattern=_re(
            r"\b(?:bill|bills|legislation|law|laws|measure|rule|rules|ruling|amendment|regulation|regulations|"
            r"treaty|agreement|deal|order|act|statute|veto|decision|plan)\s+(?:that\s+)?(?:would|will|could)\b"
        ),
        needs=("would", "will", "could"),
    ),
    WorthRule(
        "stated_action",
        STATED_ACTION,
        "an act someone says they will take (would close, threatened to veto…)",
        "Washington would shutter its embassy and recall its troops.",
        pattern=_re(
            r"\b(?:would|will|plans? to|planned to|intends? to|threatened to|threatens to|vowed to|vows to|"
            r"pledged to|promised to)\s+(?:\w+\s+)?(?:close|shut|shutter|veto|withdraw|recall|impose|sanction|"
            r"ban|sign|deploy|strike|bomb|sue|appeal|resign|expel|suspend|halt|pull|repeal|cancel|"
            r"boycott|block|override|invade|retaliate|default)\b"
        ),
        needs=("would", "will", "plan", "intend", "threaten", "vow", "pledge", "promise"),
    ),
    WorthRule(
        "official_act",
        OFFICIAL_ACT,
        "an official act (announced, approved, deployed…)",
        "The ministry approved the new route on Monday.",
        words=w.OFFICIAL_ACT,
    ),
    WorthRule(
        "record_of_others",
        RECORD_OF_OTHERS,
        "a claim about someone's record",
        "My opponent supported the trade deal for years.",
        pattern=_re(
            r"\b(?:he|she|they|my opponent|the (?:senator|governor|president|congressman|vice president))\s+"
            r"(?:has\s+|had\s+|have\s+)?(?:voted|supported|opposed|proposed|signed|said|cut|raised|called|"
            r"wanted|spent|took|gave|sent)\b"
        ),
        needs=(
            "voted",
            "supported",
            "opposed",
            "proposed",
            "signed",
            "said",
            "cut",
            "raised",
            "called",
            "wanted",
            "spent",
            "took",
            "gave",
            "sent",
        ),
    ),
    WorthRule(
        "proper_name",
        PROPER_NAME,
        "names a person, place or organisation",
        "The plant in Ohio closed after Acme moved production.",
        feature="proper_name",
    ),
    WorthRule(
        "several_names",
        SEVERAL_NAMES,
        "names several people, places or bodies",
        "The talks in Geneva between Russia and Ukraine ended on Friday.",
        feature="several_names",
    ),
    WorthRule(
        "several_figures",
        SEVERAL_FIGURES,
        "several figures",
        "Exports rose 5 percent to 40,000 tonnes.",
        feature="several_figures",
    ),
    WorthRule(
        "named_source",
        NAMED_SOURCE,
        "a named source",
        "The bridge is safe, Mayor Ana Ruiz said.",
        feature="named_source",
    ),
    WorthRule(
        "institution_source",
        INSTITUTION_SOURCE,
        "an institution as source",
        "Jobless claims fell last week, the Labor Department said.",
        feature="institution_source",
    ),
    WorthRule(
        "document_source",
        DOCUMENT_SOURCE,
        "a document, poll or report as source",
        "Most voters back the plan, a new poll shows.",
        feature="document_source",
    ),
    WorthRule(
        "factual_cue",
        FACTUAL_CUE,
        "reported as a finding (announced, confirmed, found…)",
        "The agency announced that the plant would close.",
        scope=Scope.CUE,
        words=w.FACTUAL_CUES,
    ),
    WorthRule(
        "past_event",
        PAST_EVENT,
        "something that happened (past tense)",
        "The factory closed and moved to Mexico.",
        feature="past_event",
    ),
    WorthRule(
        "perfect_change",
        PERFECT_CHANGE,
        "a change up to now (has gone up, have increased…)",
        "Federal spending has gone up every year.",
        pattern=_re(
            r"\b(?:has|have|had|['’]ve|['’]s)\s+(?:\w+ly\s+)?(?:gone (?:up|down)|increased|decreased|risen|fallen|"
            r"grown|dropped|declined|doubled|tripled|climbed|shrunk|jumped|lost|gained|added|created|cut|raised|"
            r"lowered|reduced|been (?:cut|raised|reduced|increased))\b"
        ),
        needs=(
            "gone",
            "increased",
            "decreased",
            "risen",
            "fallen",
            "grown",
            "dropped",
            "declined",
            "doubled",
            "tripled",
            "climbed",
            "shrunk",
            "jumped",
            "lost",
            "gained",
            "added",
            "created",
            "cut",
            "raised",
            "lowered",
            "reduced",
            "been",
        ),
    ),
    WorthRule(
        "never_did",
        NEVER_DID,
        "says something never happened",
        "He has never traveled south of our border.",
        pattern=_re(
            r"\bnever\s+(?:once\s+)?(?:\w+ed|\w+en|said|been|had|did|was|were|voted|took|gave|made|paid|met|"
            r"went|came|wrote|spoke|supported|opposed)\b|\bnot (?:one|a single)\b"
        ),
        needs=("never", "not one", "not a single"),
    ),
    WorthRule(
        "negated_event",
        NEGATED_EVENT,
        "says something did not happen (didn't, has not…)",
        "He didn't take that position on Tibet.",
        pattern=_re(
            r"\b(?:did not|didn['’]t|has not|hasn['’]t|have not|haven['’]t|had not|hadn['’]t|was not|wasn['’]t|"
            r"were not|weren['’]t)\s+(?:yet\s+|even\s+|once\s+)?(?!think|know|believe|want|say|mean|see)[a-z]{3,}"
        ),
        needs=("not", "n't", "n’t"),
    ),
    WorthRule(
        "ongoing",
        ONGOING,
        "something going on now (is jamming, are sending…)",
        "The Soviet Union is still jamming Radio Free Europe.",
        pattern=_re(
            r"\b(?:is|are|['’]s|['’]re)\s+(?:still\s+|now\s+|already\s+|currently\s+)?"
            r"(?!going\b|trying\b|talking\b|saying\b|asking\b|looking\b|thinking\b|hoping\b|getting\b)"
            r"[a-z]{3,}ing\b"
        ),
        needs=("ing",),
    ),
    WorthRule(
        "evidence_word",
        EVIDENCE_WORD,
        "cites a study, report or data",
        "Every study has shown that the program costs less.",
        words=word_set(
            """study studies report reports analysis survey surveys poll polls data statistics figures census
            estimate estimates audit audits records evidence findings"""
        ),
    ),
    WorthRule(
        "own_record",
        OWN_RECORD,
        "the speaker's own record (I voted, we passed…)",
        "I vetoed that bill twice.",
        pattern=_re(
            r"\b(?:i|we)\s*(?:have\s+|['’]ve\s+|had\s+|['’]d\s+|also\s+|actually\s+)?(?:voted|signed|"
            r"vetoed|supported|opposed|cut|passed|created|balanced|introduced|sponsored|fought|led|raised|"
            r"reduced|increased|appointed|sent|spent|submitted|negotiated|won|ended|eliminated|"
            r"added|lowered|built|doubled|tripled|started|closed|proposed|initiated|implemented)\b"
        ),
        needs=("i ", "i'", "i’", "we"),
    ),
    WorthRule(
        "position_of_others",
        POSITION_OF_OTHERS,
        "someone's stated position (he is for, she was against…)",
        "My opponent was against the minimum wage.",
        pattern=_re(
            r"\b(?:he|she|they|my opponent|\w+)\s+(?:is|was|were|are|has been|have been|had been)\s+"
            r"(?:(?:not|always|never|strongly)\s+)?(?:for|against|opposed to|in favor of|in favour of|a supporter)\b"
        ),
        needs=("for", "against", "opposed", "favo", "supporter"),
    ),
    WorthRule(
        "there_was",
        THERE_WAS,
        "says something exists or existed (there are, there were no…)",
        "There were no weapons on that battlefield.",
        pattern=_re(r"\bthere\s+(?:is|are|was|were|has been|have been|had been)\s+(?:no|not|more|fewer|\d)"),
        needs=("there",),
    ),
    WorthRule(
        "figure_in_source",
        FIGURE_IN_SOURCE,
        "a poll share or count as source (63 percent said…)",
        "Nearly eight of 10 voters say they plan to tune in.",
        feature="figure_in_source",
    ),
    # against
    WorthRule(
        "question",
        QUESTION,
        "a question",
        "Who threatens freedom in the world?",
        feature="question",
    ),
    WorthRule(
        "first_person_opinion",
        FIRST_PERSON_OPINION,
        "a personal opinion (I think, I believe…)",
        "I think we have a powerful country.",
        pattern=_re(
            r"\b(?:i|we)\s+(?:do(?:n['’]t)?\s+|really\s+|also\s+|still\s+|strongly\s+)?"
            r"(?:think|believe|feel|felt|agree|disagree|guess|suppose|assume|imagine|bet|hope|trust|doubt|wish|"
            r"know|mean|would say|can only say|say that|expect|am sure|"
            r"['’]m sure|am convinced|['’]m convinced|am confident|['’]m confident|understand)\b"
            r"|\bin my (?:opinion|view|judgment|judgement)\b|\bit seems to me\b|\bmy (?:view|belief) is\b"
            r"|\byou know\b"
        ),
        needs=("i ", "we ", "in my", "seems to me", "my view", "my belief", "you know"),
    ),
    WorthRule(
        "first_person_plan",
        FIRST_PERSON_PLAN,
        "a plan or promise (I will, we're going to…)",
        "We're going to bring those jobs back.",
        pattern=_re(
            r"\b(?:i|we)\s*(?:will|['’]ll|would|['’]d|shall|am going to|['’]m going to|are going to|"
            r"['’]re going to|want to|intend to|plan to|propose|would like to|['’]d like to|have proposed|"
            r"have a plan|am proposing)\b|\blet(?:['’]s| us| me)\b|\bmy plan\b|\bour plan\b"
        ),
        needs=("i ", "i'", "i’", "we", "let", "my plan", "our plan"),
    ),
    WorthRule(
        "prescriptive",
        PRESCRIPTIVE,
        "says what should be done",
        "Congress must act before the deadline.",
        pattern=_re(
            r"\b(?:should|shouldn['’]t|must|mustn['’]t|ought to|need|needs|have to|has to|got to|gotta|"
            r"it['’]s time|it is time|i ask (?:for )?(?:you|your)|vote for)\b"
        ),
        needs=(
            "should",
            "must",
            "ought",
            "need",
            "have to",
            "has to",
            "got to",
            "gotta",
            "time",
            "i ask",
            "vote for",
        ),
    ),
    WorthRule(
        "prediction",
        PREDICTION,
        "a prediction (will, could, would…)",
        "The ruling could be pivotal for the regulations.",
        words=w.PREDICTION,
    ),
    WorthRule(
        "capability",
        CAPABILITY,
        "what can or cannot be done",
        "We can create five million new jobs.",
        words=word_set("can can't cannot"),
    ),
    WorthRule(
        "conditional",
        CONDITIONAL,
        "a condition (if, unless)",
        "If the bill passes, prices rise.",
        pattern=_re(r"\b(?:if|unless|whether)\b"),
        needs=("if", "unless", "whether"),
        unless=frozenset({"stated_action"}),
    ),
    WorthRule(
        "hedge",
        HEDGE,
        "hedged or uncertain (perhaps, likely, unclear…)",
        "A ruling is unlikely before the end of the year.",
        words=w.HEDGE,
    ),
    WorthRule(
        "evaluation",
        EVALUATION,
        "an opinion or evaluation word",
        "This is a disgusting day for the country.",
        words=w.EVALUATION,
    ),
    WorthRule(
        "opinion_cue",
        OPINION_CUE,
        "reported as a view (called, argued, believes…)",
        "Democrats called the measure a political ploy.",
        scope=Scope.CUE,
        words=w.OPINION_CUES,
    ),
    WorthRule(
        "greeting",
        GREETING,
        "a greeting, thanks or courtesy",
        "Thank you very much for having me tonight.",
        pattern=_re(
            r"\b(?:thank you|thanks|good (?:evening|morning|night)|congratulations|welcome|ladies and gentlemen|"
            r"nice to (?:see|be)|glad to|happy to|pleasure to|appreciate)\b"
        ),
        needs=(
            "thank",
            "good evening",
            "good morning",
            "good night",
            "congratulations",
            "welcome",
            "ladies and gentlemen",
            "nice to",
            "glad to",
            "happy to",
            "pleasure to",
            "appreciate",
        ),
    ),
    WorthRule(
        "debate_talk",
        DEBATE_TALK,
        "talk about the debate or the question",
        "Let me respond to that question first.",
        words=w.DEBATE_TALK,
    ),
    WorthRule(
        "few_words",
        FEW_WORDS,
        "too few words to say much",
        "That is the problem.",
        feature="few_words",
    ),
    WorthRule(
        "vague_subject",
        VAGUE_SUBJECT,
        "vague (people, everybody, things…)",
        "Everybody knows things are hard for people.",
        words=w.VAGUE,
    ),
    WorthRule(
        "first_person_feeling",
        FIRST_PERSON_FEELING,
        "a personal feeling or experience",
        "I was proud to stand with them.",
        pattern=_re(
            r"\b(?:i|we)\s*(?:am|['’]m|was|were|are|['’]re|have been|['’]ve been)\s+"
            r"(?:proud|happy|glad|sorry|pleased|honored|honoured|delighted|disappointed|concerned|worried|"
            r"grateful|sick and tired|tired|fed up|not going to)\b|\bi remember\b|\bi met\b|\bmy (?:dad|mom|"
            r"father|mother|wife|husband|family|grandfather|grandmother)\b"
        ),
        needs=("i ", "i'", "i’", "we", "my "),
    ),
    WorthRule(
        "anecdote",
        ANECDOTE,
        "a personal anecdote (I went, I met, I talked to…)",
        "I talked to the ambassador there last spring.",
        pattern=_re(
            r"\b(?:i|we)\s+(?:have\s+|['’]ve\s+|had\s+|just\s+|once\s+)?(?:was|went|met|talked|visited|saw|"
            r"spoke|grew up|served|traveled|travelled|remember|heard|listened|learned|asked|sat|stood|"
            r"watched|been to|came|knew|got to)\b"
        ),
        needs=("i ", "we "),
    ),
    WorthRule(
        "section_head",
        SECTION_HEAD,
        "opens with a section heading",
        "Little Relief for Refugees: The crisis is the sort of issue the body was made to tackle.",
        pattern=re.compile(
            r"^(?:[A-Z][\w'’.-]*\s+(?:(?:of|for|on|the|and|in|to|by|a)\s+)*){1,6}[A-Z][\w'’.-]*:\s"
        ),
        cased=True,
        needs=(":",),
    ),
    WorthRule(
        "exclamation",
        EXCLAMATION,
        "an exclamation",
        "What a day this has been!",
        feature="exclamation",
    ),
    WorthRule(
        "heading",
        HEADING,
        "a headline or section heading",
        "Examining the Record on Global Challenges",
        feature="heading",
    ),
    WorthRule(
        "colour",
        COLOUR,
        "scene-setting colour",
        "On Sunday afternoon, Jimmy tossed a football in the park with his son.",
        words=w.COLOUR,
    ),
    WorthRule(
        "vox_pop",
        VOX_POP,
        "a vox-pop quote of an ordinary person",
        '"We\'re not going to stop," said a 25-year-old protester.',
        feature="vox_pop",
    ),
)
