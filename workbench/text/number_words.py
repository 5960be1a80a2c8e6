"""The words numbers are written with: number words, scales, vague counts, qualifiers, currencies,
months, the words that end a counted noun, irregular plurals, fractions. Data for
workbench.text.numbers.
"""

from __future__ import annotations

from workbench.text.wordsets import word_set

UNITS = {
    "ones": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
DIGITS = {"one": 1, **{k: v for k, v in UNITS.items() if v < 10 and k != "ones"}}
SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "bn": 1e9, "b": 1e9, "mn": 1e6, "m": 1e6, "k": 1e3, "tn": 1e12, "tr": 1e12,
}  # fmt: skip
# Vague plural counts: value is the least the word implies; upper is a generous ceiling.
VAGUE = {
    "dozens": (24, 144), "scores": (40, 200), "hundreds": (200, 1000), "thousands": (2000, 1e4),
    "tens of thousands": (2e4, 1e5), "hundreds of thousands": (2e5, 1e6), "millions": (2e6, 1e7),
    "billions": (2e9, 1e10),
}  # fmt: skip
CURRENCIES = {"$": "usd", "us$": "usd", "usd": "usd", "£": "gbp", "€": "eur", "eur": "eur", "gbp": "gbp"}
CURRENCY_NOUNS = {"dollar": "usd", "dollars": "usd", "euro": "eur", "euros": "eur", "pounds sterling": "gbp"}
QUALIFIERS = {
    "about": "approx", "around": "approx", "approximately": "approx", "roughly": "approx",
    "some": "approx", "an estimated": "approx", "estimated": "approx", "close to": "approx",
    "nearly": "approx", "almost": "approx", "circa": "approx", "or so": "approx",
    "more than": "lower", "over": "lower", "at least": "lower", "upwards of": "lower",
    "in excess of": "lower", "just over": "lower", "well over": "lower", "no fewer than": "lower",
    "no less than": "lower",
    "less than": "upper", "fewer than": "upper", "under": "upper", "at most": "upper",
    "no more than": "upper", "up to": "upper", "as many as": "upper", "as much as": "upper",
    "just under": "upper", "below": "upper",
}  # fmt: skip
MONTH_WORDS = (
    "jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|september"
    "|oct|october|nov|november|dec|december"
)
# Words that end the search for a counted noun.
STOP = word_set(
    """
    a an the of in on at to for from by with and or but as than that which who whom whose this these those
    is are was were be been being has have had will would could should may might can do does did not no
    said says say told according per each every its their his her our your my it they he she we you i
    into onto over under about around across after before since during between among against through
    while when where if so up down out off more most less least than also just only still even
    percent cent times time old"""
)
IRREGULAR_PLURALS = {
    "people": "person", "men": "man", "women": "woman", "children": "child", "police": "police",
    "feet": "foot", "teeth": "tooth", "mice": "mouse", "geese": "goose", "staff": "staff",
    "personnel": "personnel", "data": "data", "media": "media", "criteria": "criterion",
}  # fmt: skip
NO_S_SINGULAR = ("ss", "us", "is", "ous", "ics", "news", "series", "species")
# Fractions: "a quarter of", "two-thirds of", "half the budget", "one in five adults".
DENOMINATORS = {
    "half": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10,
}  # fmt: skip
ONE_IN = {"ten": 10, "twenty": 20, "hundred": 100, "a hundred": 100, "thousand": 1000, "a thousand": 1000}
# "the first half of 2024", "the other half": a part of a period or a thing, not a proportion.
NOT_BEFORE_HALF = word_set(
    "the first second latter other top bottom lower upper back front this that last next"
)
DETERMINERS = word_set("the its their his her our your all those these this that")
# Common verbs that end a noun phrase after a fraction ("half of spending went to ...").
FRACTION_VERBS = word_set(
    """went rose fell grew came got saw say think believe live own use want back support oppose
    comes goes lives owns uses wants backs supports opposes thinks believes says"""
)
# Units of dates (not quantities). A duration is plural: "15 years".
DATE_UNITS = ("year", "date")
