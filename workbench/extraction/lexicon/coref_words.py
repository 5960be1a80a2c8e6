"""Word lists for coreference (workbench.extraction.coref): what heads a description of a person,
the gender a head noun carries, and capitalised runs that never name a person."""

from __future__ import annotations

from workbench.text.wordsets import word_set

# "the senator", "the Republican nominee", "the New York businessman", "the 69-year-old": a definite
# description of a person ends in one of these (or in "-year-old").
DESCRIPTION_HEADS = word_set(
    """president senator governor nominee candidate businessman businesswoman billionaire mogul
    congressman congresswoman lawmaker legislator representative congressmen mayor secretary
    chairman chairwoman director judge justice prosecutor attorney lawyer leader minister premier
    chancellor ambassador commissioner spokesman spokeswoman speaker democrat republican
    veteran general admiral officer sheriff chief executive founder author actress actor singer star
    host anchor columnist reporter writer historian economist professor scientist doctor physician
    surgeon pastor reverend bishop cardinal pope mother father wife husband widow son daughter
    brother sister woman man girl boy
    contender challenger incumbent frontrunner front-runner runner-up tycoon magnate entrepreneur
    investor developer star player coach rapper comedian filmmaker director producer lady"""
)

DESCRIPTION_GENDER = {
    "businessman": "m", "businesswoman": "f", "congressman": "m", "congresswoman": "f",
    "chairman": "m", "chairwoman": "f", "spokesman": "m", "spokeswoman": "f", "mother": "f",
    "father": "m", "wife": "f", "husband": "m", "widow": "f", "son": "m", "daughter": "f",
    "brother": "m", "sister": "f", "woman": "f", "man": "m", "girl": "f", "boy": "m",
    "actress": "f", "actor": "m",
}  # fmt: skip

# Not description modifiers: determiners, function words, generic adjectives.
MODIFIER_STOP = word_set(
    """the a an this that his her their its of in for and to by with from at on as said says who
    former current then new top senior longtime long-time veteran"""
)

# Capitalised runs that look like names but are not people: places, calendar words, events.
NOT_PEOPLE = word_set(
    """monday tuesday wednesday thursday friday saturday sunday january february march april june
    july august september october november december day week war states united kingdom union korea
    east west north south middle new york america american americans carolina dakota virginia jersey
    hampshire mexico island city county street avenue square house building monument museum
    university college school center centre party campaign committee foundation institute council
    act bill law amendment program programme plan grants survey equality matter lives progress
    strategies warriors coalition league association today journal times post news network
    republican republicans democrat democrats democratic european african asian latino hispanic muslim
    christian jewish qaeda angeles francisco diego vegas"""
)

# One spelling for words that describe the same thing: "the GOP nominee" = "Republican nominee".
SAME_WORD = {
    "gop": "republican", "republicans": "republican", "democrat": "democratic", "democrats": "democratic",
    "gov": "governor", "sen": "senator", "rep": "representative", "congresswoman": "congressman",
    "lawmaker": "congressman", "justice": "judge", "pres": "president",
}  # fmt: skip

# What kind of organisation a generic noun names, by the words such names carry: "the agency" is the
# "Congressional Budget Office" or the "Homeland Security Investigations" named last.
ORG_KINDS = {
    "agency": word_set("agency office department administration bureau service commission investigations"),
    "union": word_set("union association workers federation brotherhood teamsters"),
    "newspaper": word_set("times post journal tribune herald gazette globe newspaper"),
    "paper": word_set("times post journal tribune herald gazette globe newspaper"),
    "network": word_set("network tv television broadcasting news channel"),
    "website": word_set("website site hedge news post politifact"),
    "bank": word_set("bank bancorp"),
    "company": word_set("company inc corp corporation co ltd group holdings"),
    "firm": word_set("company inc corp corporation co ltd group holdings partners llc"),
    "committee": word_set("committee panel"),
    "panel": word_set("committee panel commission"),
    "group": word_set("group coalition alliance association organization foundation fund"),
}  # fmt: skip

# Lower-case words that describe a person before the name besides the head nouns.
DESCRIBING = word_set(
    """presidential vice state federal party democratic republican independent libertarian conservative
    liberal progressive attorney district county city chief deputy acting"""
)
