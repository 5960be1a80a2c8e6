"""Lexicons and patterns of attribution: cue verbs, source heads, quotation and time phrases.

Pure data for workbench.extraction.attribution (see docs/claims.md). Word lists are plain text so that they read
and diff well; every list is a frozenset for fast membership tests.
"""

from __future__ import annotations

import re

from workbench.text.prefilter import word_trie
from workbench.text.wordsets import word_set

# Verb forms that introduce reported speech or a stance. Multi-word cues come first.
CUE_WORDS = """
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
MULTI_CUES = (
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
SOCIAL_CUE = (
    r"took to (?:Twitter|Facebook|Instagram|Truth Social|social media)(?:\s+(?:last|this|on|early|late)\s+\w+)?"
    r"(?:\s+to\s+(?:call for|say|demand|urge|criticise|criticize|announce|accuse|attack|praise|defend|ask|"
    r"blast|slam|deny|claim|warn))?"
)
# Government and corporate notices: "The Ministry wishes to inform the public that ...".
NOTICE_CUE = (
    r"(?:wish(?:es)?|would like|wants|want) to (?:inform|assure|reassure|remind|notify|advise|update|caution|"
    r"alert|clarify|announce|reiterate|emphasi[sz]e|stress)"
)
# The addressee of a notice: "the public", "the nation", "members of the public".
AUDIENCE_RE = re.compile(
    r"\s+(?:(?:the|all|its)\s+)?(?:general\s+)?(?:members\s+of\s+the\s+public|public|nation|citizens|residents|"
    r"people|country|population|customers|shareholders|stakeholders|parents|media|press)\b"
)
CUE_RE = re.compile(
    r"\b("
    + SOCIAL_CUE
    + "|"
    + NOTICE_CUE
    + "|"
    + "|".join(re.escape(c) for c in MULTI_CUES)
    + "|"
    + word_trie(word_set(CUE_WORDS))  # one word at most can end at the \b: same match as an alternation
    + r")\b"
)
CUE_SET = word_set(CUE_WORDS)
TELL_VERBS = word_set("told tells tell telling")
# Cues that need a stricter context to count ("found" a poll, not "found dead").
WEAK_CUES = word_set(
    """found finds shows showed show knows think thought believe hopes expects fears feared want wants wanted
    plans planned expected expect hope hoped called supported supports backed opposed attacked attacks
    defended questions threatened"""
)
# Cue forms that are also plural nouns ("battleground states", "his tweets", "savings plans").
NOUN_LIKE_CUES = word_set(
    """states tweets plans questions claims comments advocates views reports attacks promises
    notes estimates demands proposals supports fears hopes wants concerns warnings"""
)
# Reporting verbs that also take a plain object ("reported 12 cases", "announced plans to build").
OBJECT_CUES = word_set(
    "reported reports announced announces confirmed confirms revealed reveals disclosed discloses"
)
# "declared a state of emergency", "declared war": the object of the verb is an act, not a proposition.
ACT_OBJECT_RE = re.compile(
    r"\s+(?:(?:an?|the|its|his|her|their)\s+)?(?:[\w-]+\s+){0,2}?(?:state\s+of\s+(?:emergency|disaster|siege|alert)|"
    r"emergency|disaster|war|ceasefire|cease-fire|truce|holiday|curfew|lockdown|victory|independence|bankruptcy|"
    r"insolvency|martial\s+law|day\s+of\s+mourning|dividend|candidacy|quarantine)\b"
)
ACT_VERBS = word_set("declared declares declare declaring announced announces")
# Lowercase head nouns that can speak (besides plurals): "the government said", "the poll found".
SOURCE_HEADS = word_set(
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
    airline carrier brief motion petition indictment regulator watchdog exchange market markets
    authority authorities utility charity people audit inquiry investigation probe review assessment"""
)
SKIP_BEFORE_CUE = word_set(
    """today yesterday tonight has have had also previously later then once repeatedly recently reportedly will would could may might
    did does do never not often already has long further again publicly privately later just even still
    is was were are has been had been flatly now"""
)
# Words that open the tail of a subject noun phrase ("a person close to", "one banker involved in").
TAIL_WORDS = word_set("close familiar involved based in of from at for with by on")
FINITE_WORDS = word_set("is are was were has have had will would could should can may might did does do not")
PRONOUNS = word_set("he she they it we i you who which")
CLAUSE_STOP = word_set(
    """that because but when while if as since after before so than where why how what whether though
    although unless until whom whose and or nor to be been being is are was were has have had will would can
    could should may might must do does did not no said says told""".replace("and or", "or")
)
NP_STOP_TAIL = word_set("in of for from at with by on and")
DETERMINERS = word_set("the a an one two three some several many most all both other another this that")
TIME_WORDS = word_set(
    """monday tuesday wednesday thursday friday saturday sunday today yesterday tonight earlier later
    last this next week month year on in at night morning afternoon evening recently again also then"""
)
WORD_RE = re.compile(  # (?=[A-Z]) first: a cheap test before the titles (speed; same matches)
    r"(?=[A-Z])\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Adm|Prof|Rev|St|Corp|Inc|Co|Ltd|Jr|Sr|[A-Z])\."
    r"|[^\W_][\w'’.&-]*[\w’]|[^\W_]"
)
QUOTE_RE = re.compile(r"“[^”\"\n]*[”\"]|\"[^\"\n]*\"|''(?:(?!'')[^\n])*''|‘[^’\n]{12,}?’(?=[\s,.;:!?)]|$)")
SPEAKER_RE = re.compile(r"[\"“]?([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2}): (?=\S)")
# Labels that end with a colon at the start of a paragraph but are not speakers.
NOT_SPEAKERS = word_set(
    """the a an update updated correction clarification note editor editor's watch related photo photos video
    abstract transcript source sources credit read see more breaking live analysis opinion exclusive warning"""
)
# "says of Clinton, ..." / "said about the plan: ...": the topic before the content.
TOPIC_RE = re.compile(r"\s+(?:of|about)\s+(?!\d)[^,:;\x00\"“]{1,60}?[,:](?!\d)\s*")
SETTING_RE = re.compile(
    r"\s*,?\s*(?:in|during|at|on|via|through)\s+(?:an?|the|his|her|their|its)?\s*(?:[\w'’-]+\s+){0,3}?"
    r"(?:statement|interview|tweet|post|speech|appearance|email|letter|release|conference|briefing|event|rally|"
    r"call|message|hearing|broadcast|gaggle|op-ed|video|Twitter|Facebook)"
    r"(?:\s+(?:with|to|on|at|in)\s+(?:[A-Z][\w.'’&-]*\s*)+)?\s*,?"
)
THAT_RE = re.compile(r"\s*(?:,\s*)?(?:that\b|:)\s*")
QUOTE_CLOSERS = ('"', "”", "''", "’")
LEAD_PUNCT = " \t\n,;:—–-"
TRAIL_PUNCT = " \t\n,;:.—–-"
# Titles and initials whose period does not end the phrase: "said Dr. Anjali Ramos", "Sen. Mark Ortiz".
NAME_TITLES = word_set("Mr Mrs Ms Dr Prof Gen Sen Rep Gov Lt Col Capt Sgt Adm Rev Hon Pres Sr Jr St")
_NOT_A_TITLE = "".join(rf"(?<!\b{t})" for t in NAME_TITLES) + r"(?<!\b[A-Z])"
SOURCE_AFTER_END = re.compile(
    rf"[.!?]?[\"”’)]*\s*$|{_NOT_A_TITLE}[.!?][\"”’)]*\s+(?=[\"“'‘A-Z\x00])|\s*[\"“\x00(]"
)
DANGLING_RE = re.compile(
    r"\b(said|says|added|adds|continued|continues|wrote|writes|explained|explains|stated|states|declared|"
    r"tweeted|tweets|posted|noted|notes|argued|argues|asked|asks|reported|reports|concluded|concludes|"
    r"announced|announces|reads|read|told \w+|following)\s*:\s*$"
)
# "President Joe Biden on Tuesday announced": a time phrase between the source and its cue.
TIME_TAIL_RE = re.compile(
    r"\s+(?:(?:on|last|this|early|late|earlier|later)\s+)?(?:[A-Z][a-z]+day|week|month|year|night|morning|"
    r"afternoon|evening|today|yesterday|tonight)\s*,?\s*$|\s+in\s+(?:[A-Z][a-z]+\s+)?\d{4}\s*,?\s*$"
)
PERSON_SUFFIXES = ("man", "woman", "person", "er", "or", "ist", "ian", "ant", "ent", "ee")
NOUN_CONTEXT_RE = re.compile(r"(?:\b(?:the|a|an|his|her|their|its|our|my|your)|\w['’]s?)\s+$", re.IGNORECASE)
# 'Said Ellis: "..."' / 'Says Mr. Smith, "..."'
SAID_FIRST_RE = re.compile(
    r"(?P<cue>Said|Says|Added|Adds|Asked|Wrote|Writes)\s+(?P<src>[^,:\x00\"“]{2,80}?)\s*[:,]\s*"
)
PREPOSITIONS = word_set("by of from before")
POSSESSIVES = word_set("his her their its my our your")
FUNCTION_WORDS = word_set(
    """now sometimes then so but and yet still meanwhile however also here there today yesterday this let's let
    these those such many much more most some any every each other another together however never ever
    whether either neither rather further later after under over per cent moment among about above
    across against along amid around behind below beside beyond despite during except inside near outside
    through toward towards upon within without like unlike"""
)
INTRO_WORDS = word_set("but and yet still so meanwhile however also then now")
VERBISH = word_set(
    "to that is are was were has have had will would could should can may might be been did does do not"
)
# "The International Cocoa Organization (ICCO) forecast", "Voltara Energy Inc. (NASDAQ: VLTA), a maker":
# an acronym or a stock ticker in parentheses right after a name.
ACRONYM_RE = re.compile(
    r" \((?:(?P<acr>[A-Z][A-Za-z&]*[A-Z])|(?:NYSE|NASDAQ|Nasdaq|LSE|TSX|ASX|OTC[A-Z]*|NYSE American|"
    r"Euronext|HKEX|SGX|JSE)\s*:\s*[A-Z][A-Z.]{0,6}(?:\s*;[^()\n]{1,20})?)\)"
)
# "(R-Fla.)" or ", R-Ky.," between a name and its cue.
AFFILIATION_RE = re.compile(r"\s*(?:\([^()\x00]{1,40}\)|,\s*[RDI]-[A-Z][\w.]*,?)\s*$")
DASH_SOURCE_RE = re.compile(r"\s*(?P<dash>[―—]{1,2})\s*([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})\s*\.?$")
DASH_SOURCE_NEEDS = ("―", "—")  # speed: every match holds one (workbench.text.prefilter)
INTRO_RE = re.compile(
    r"(?:(?:In|On|At|After|Since|During|While|When|Last|Earlier|Later|On|But|And|Yet|Still|Meanwhile|Now|Then|"
    r"However|Instead|Also|So|Indeed)\b[^,;:\x00]{0,80},\s*|(?:But|And|Yet|Still|Now|So|Then)\s+)"
)
SUBJECT_ONLY_RE = re.compile(
    r"(?P<subj>(?:He|She|They|We|I|he|she|they|we|it|(?:(?:Mr|Mrs|Ms|Dr|Sen|Gov|Rep|Gen)\.?\s+|(?:President|Senator|Governor|"
    r"Secretary)\s+)?[A-Z][\w'’-]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][\w'’-]+){0,3}))\s+[a-z]"
)
# Why a source is unnamed: "who asked not to be named because ...", "speaking on condition of anonymity".
# Never a claim, never part of the source phrase, and its verbs ("asked", "want") are not cues.
ANON_CLAUSE_RE = re.compile(
    r",?\s*(?:(?:who|and|but)\s+)?(?:"
    r"(?:asked|asking|requested|requesting)\s+(?:not\s+to\s+be\s+(?:named|identified|quoted)|anonymity)"
    r"|(?:spoke|speaking|talked|talking)\s+(?:on|under)\s+(?:the\s+)?(?:condition|promise)\s+of\s+anonymity"
    r"|(?:spoke|speaking)\s+anonymously"
    r"|(?:declined|declining|did\s+not\s+want|didn['’]t\s+want|not\s+wanting)\s+to\s+be\s+(?:named|identified)"
    r"|(?:was|were|is|are|being)\s+not\s+authori[sz]ed\s+to\s+(?:speak|talk|comment|discuss)\w*"
    r"(?:\s+(?:publicly|on\s+the\s+record|to\s+the\s+(?:media|press)|about\s+it))?"
    r")(?:\s+(?:because|as|since|for|to)\b[^,.;\"“”\x00]*)?",
    re.IGNORECASE,
)
# Speed: every match of ANON_CLAUSE_RE contains one of these (in any case), so a unit holding none is
# not searched (workbench.text.prefilter; tests/test_prefilter.py).
ANON_CLAUSE_NEEDS = ("anonym", "named", "identified", "quoted", "authori")
