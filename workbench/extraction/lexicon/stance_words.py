"""Word lists of the stance finder (workbench.extraction.stance): stance verbs and their forms,
auxiliaries, adverbs, speaking heads, and the words that end the object of "call".

Data only; the vetoes that read some of them are rows in workbench.extraction.vetoes.
"""

from __future__ import annotations

from workbench.text.wordsets import word_set

# Speech, cognition and stance verbs, base forms; inflections are generated below.
STANCE_LEMMAS = word_set(
    """accuse acknowledge admire admit advise advocate agree allege announce apologise apologize applaud
    approve argue articulate ask assert back belittle bemoan blame blast boast brag brand call caution
    celebrate challenge champion chastise chide cite claim clarify commend comment compare compliment
    concede concur condemn confirm congratulate consider contend contest counter criticise criticize
    debate declare decry defend demand denounce deny deplore deride describe disagree disapprove
    disclose discuss dislike dismiss disparage dispute doubt dub echo embrace emphasise emphasize
    encourage endorse estimate explain express fault favor favour fear float forecast hail hate
    highlight hint hope imply indicate insist invoke joke judge knock label lambast lament liken link
    lobby love mention mock muse note object oppose outline pan pitch pledge portray praise predict
    prefer press pressure proclaim project promise promote propose propound question quip rebuke rebut
    recall recognise recognize recommend reference refute regard reiterate reject remark repeat
    request respond reply retweet reveal ridicule scold signal slam speak stress suggest support
    suspect talk testify tout tweet underscore urge vow warn welcome wonder worry write say tell
    think know believe feel see view want wish expect complain charge confide address detail chronicle
    decline seek refer offer release publish read ignore show find intend
    aim understand learn demonstrate illustrate decide refuse plan rule"""
)
# Volition: verbs whose to-infinitive is the source's stated intention or refusal ("declined to
# appeal", "sought to protect", "decided not to recommend"), not a place or an addressee.
VOLITION_LEMMAS = word_set(
    "decline refuse decide seek intend aim plan want wish hope expect vow pledge promise urge"
)
IRREGULAR = {
    "say": ("said", "said"), "tell": ("told", "told"), "think": ("thought", "thought"),
    "know": ("knew", "known"), "feel": ("felt", "felt"), "write": ("wrote", "written"),
    "speak": ("spoke", "spoken"), "forecast": ("forecast", "forecast"), "see": ("saw", "seen"),
    "seek": ("sought", "sought"), "read": ("read", "read"), "find": ("found", "found"),
    "understand": ("understood", "understood"), "show": ("showed", "shown"),
}  # fmt: skip
DOUBLE_FINAL = word_set("slam pan knock rip quip rebut dub brag")


def inflect(lemma: str) -> tuple[str, str, str, str]:
    """(third person, past, past participle, -ing) of a regular or listed irregular verb."""
    if lemma.endswith(("s", "sh", "ch", "x", "o")):
        third = lemma + "es"
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    stem = lemma + lemma[-1] if lemma in DOUBLE_FINAL else lemma
    if lemma in IRREGULAR:
        past, participle = IRREGULAR[lemma]
    elif lemma.endswith("e"):
        past = participle = lemma + "d"
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        past = participle = lemma[:-1] + "ied"
    else:
        past = participle = stem + "ed"
    if lemma.endswith("ie"):
        ing = lemma[:-2] + "ying"
    elif lemma.endswith("e") and not lemma.endswith("ee"):
        ing = lemma[:-1] + "ing"
    else:
        ing = stem + "ing"
    return third, past, participle, ing


FORMS = {lemma: inflect(lemma) for lemma in STANCE_LEMMAS}
VOLITION = frozenset(f for lemma in VOLITION_LEMMAS for f in (lemma, *FORMS[lemma]))
BASE = STANCE_LEMMAS
THIRD = frozenset(f[0] for f in FORMS.values())
PAST = frozenset(f[1] for f in FORMS.values())
PARTICIPLE = frozenset(f[2] for f in FORMS.values())
ING = frozenset(f[3] for f in FORMS.values())
NEEDS_TOPIC = frozenset(f for lemma in ("speak", "talk", "complain", "muse") for f in (lemma, *FORMS[lemma]))
CALL = word_set("call calls called calling")
RULE = word_set("rule rules ruled ruling")
SEE = word_set("see sees saw seen seeing")
BE = word_set("is are was were be been being am 's 're")
MODAL = word_set("will would could can may might must should shall did does do 'll 'd")
HAVE = word_set("has have had 've")
ADVERBS = word_set(
    """not never also now then still again once already repeatedly publicly privately long openly often
    just even first recently since later earlier further frequently previously reportedly"""
)
SUBJECT_PRONOUNS = word_set("he she they we i")
PLURAL_SUBJECTS = word_set("they we i you")
# Heads of a subject noun phrase that can speak but are not in the general SOURCE_HEADS.
EXTRA_HEADS = word_set(
    """clip slide spot footage chart graphic headline sign banner billboard page bill law measure
    resolution platform manifesto proposal draft transcript record records note piece column op-ed
    editorial ad ads video videos website site campaign nominee republican democrat scholars
    historians economists critics opponents supporters general"""
)
LY_NOUNS = word_set("family ally supply assembly rally anomaly monopoly reply italy july")
SUBJECT_PREPOSITIONS = word_set("of from for at in with on by among")
ADJ_SUFFIXES = ("ous", "ful", "ble", "ic", "al", "ive", "ed", "less", "ent", "ant", "ist", "ary", "ish")
CALL_TIME = word_set("yesterday today tonight monday tuesday wednesday thursday friday saturday sunday")
CALL_SOFT_STOP = word_set("of in on at for and with from")
CALL_STOP = word_set(
    """to for on off up in back out last this next early late after before since during at when who which
    that and but or yesterday today tonight monday tuesday wednesday thursday friday saturday sunday"""
)
STRONG_REPORTING = word_set(
    """say says said states stated claims claimed argues argued shows showed finds found concludes concluded
    warns warned insists insisted predicts predicted reports reported notes noted suggests suggested"""
)

# Catenative verbs before a stance verb, by form: "continued to call for", "appears to endorse".
CATENATIVE = {
    **{w: "past" for w in ("continued", "appeared", "seemed", "began", "started")},
    **{w: "third" for w in ("continues", "appears", "seems", "begins", "starts")},
    **{w: "base" for w in ("continue", "appear", "seem", "begin", "start")},
    **{w: "ing" for w in ("continuing", "beginning", "starting")},
    **{w: "participle" for w in ("continued", "appeared", "seemed", "begun", "started")},
}
