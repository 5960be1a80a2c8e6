"""Recall rules for attribution patterns found in PolNeAR misses (made-up sentences only)."""

import pytest

from workbench.extraction.engine import extract
from workbench.model import SourceKind


def sourced(text: str):
    return [c for c in extract(text, agency="AFP").claims if c.attribution.kind is not SourceKind.AGENCY]


@pytest.mark.parametrize(
    ("sentence", "source", "content"),
    [
        (
            "The Orlen council approved the budget, but she has long argued that the plan wastes money.",
            "she",
            "the plan wastes money",
        ),
        (
            "Lawmakers in Vessen delayed the vote because they feared the levy would hurt farmers.",
            "they",
            "the levy would hurt farmers",
        ),
        (
            "The mayor of Tarrow signed the order on Friday, and Councillor Anna Brevik denounced it as reckless.",
            "Councillor Anna Brevik",
            "it as reckless",
        ),
    ],
)
def test_a_later_clause_with_its_own_speaking_subject_is_attributed(sentence, source, content):
    claims = sourced(sentence)
    assert [(c.attribution.source, c.text) for c in claims] == [(source, content)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The Orlen council met on Monday, but she left the meeting early on Tuesday.",
        "Prices rose in March because they were pushed up by fuel costs in Vessen.",
    ],
)
def test_a_later_clause_with_a_plain_action_stays_with_the_outlet(sentence):
    assert sourced(sentence) == []


def test_a_later_clause_never_repeats_a_found_cue():
    text = "Pompeo called Saleh last week to deliver an ultimatum, Iraqi and foreign officials told AFP."
    claims = sourced(text)
    assert [c.attribution.source for c in claims] == ["Iraqi and foreign officials"]
    assert claims[0].text.startswith("Pompeo called Saleh")


@pytest.mark.parametrize(
    ("headline", "source", "content"),
    [
        (
            "Prime Minister Tom Hale Says Budget Will Cut Taxes For Farmers",
            "Prime Minister Tom Hale",
            "Budget Will Cut Taxes For Farmers",
        ),
        (
            "Farm Exports Will Fall Next Year, Trade Minister Says",
            "Trade Minister",
            "Farm Exports Will Fall Next Year",
        ),
        ("Senator Ana Ruiz Calls Tax Plan 'A Disgrace'", "Senator Ana Ruiz", "Tax Plan 'A Disgrace'"),
    ],
)
def test_a_title_case_headline_with_a_cue_verb_is_attributed(headline, source, content):
    text = headline + "\n\nThe budget was published in Vessen on Monday."
    claims = sourced(text)
    assert [(c.attribution.source, c.text) for c in claims] == [(source, content)]


def test_a_title_case_headline_without_a_cue_stays_with_the_outlet():
    text = "Farm Exports Fall As Drought Hits Vessen\n\nThe budget was published in Vessen on Monday."
    assert sourced(text) == []


@pytest.mark.parametrize(
    ("sentence", "source", "content"),
    [
        (
            "The senator has continued to argue that the tariff will hurt farmers.",
            "The senator",
            "the tariff will hurt farmers",
        ),
        (
            "Governor Ann Brey appears to endorse the plan to close the mine.",
            "Governor Ann Brey",
            "the plan to close the mine",
        ),
        (
            "The mine lost money in 2023. But environmentalists worry that the cleanup could fall to taxpayers.",
            "environmentalists",
            "the cleanup could fall to taxpayers",
        ),
    ],
)
def test_catenative_verbs_and_bare_plural_speakers(sentence, source, content):
    claims = sourced(sentence)
    assert [(c.attribution.source, c.text) for c in claims] == [(source, content)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Prices in Vessen continued to rise in March after the drought.",
        "But prices seem to fall when the harvest in Vessen comes in.",
    ],
)
def test_catenative_verbs_of_things_stay_with_the_outlet(sentence):
    assert sourced(sentence) == []


def test_an_asked_intro_is_not_the_source():
    claims = sourced("Asked whether the plant would close, the company said it had no plans to do so.")
    assert [(c.attribution.source, c.text) for c in claims] == [("the company", "it had no plans to do so")]


def test_a_gerund_after_a_noun_is_not_a_cue():
    claims = sourced("Republicans are slamming the governor for his work defending the mine owners.")
    assert [c.attribution.source for c in claims] == ["Republicans"]
    assert claims[0].attribution.cue == "slamming"


def test_a_participle_after_a_comma_is_still_a_cue():
    claims = sourced("Mayor Ana Ruiz left the meeting early, saying the talks on the dam had failed.")
    assert [(c.attribution.source, c.text) for c in claims] == [
        ("Mayor Ana Ruiz", "the talks on the dam had failed")
    ]


def test_a_later_clause_with_a_determined_speaking_subject_is_attributed():
    claims = sourced(
        "The plant in Vessen reopened in May, although the regulators argued that it was unsafe."
    )
    assert [(c.attribution.source, c.text) for c in claims] == [("the regulators", "it was unsafe")]
    assert sourced("The plant in Vessen reopened in May, although the rain delayed the work.") == []


@pytest.mark.parametrize(
    ("sentence", "source", "content", "key"),
    [
        (
            "Mayor Ana Ruiz, who argued that the dam was unsafe, left office in May.",
            "who",
            "the dam was unsafe",
            "person:ruiz",
        ),
        (
            "The families of the Vessen miners, many of whom say the company ignored warnings, met on Friday.",
            "many of whom",
            "the company ignored warnings",
            None,
        ),
    ],
)
def test_a_relative_pronoun_speaks_for_its_antecedent_and_the_content_ends_with_the_clause(
    sentence, source, content, key
):
    claims = sourced(sentence)
    assert [(c.attribution.source, c.text) for c in claims] == [(source, content)]
    if key is not None:
        assert claims[0].attribution.source_key == key


def test_a_relative_clause_of_a_thing_stays_with_the_outlet():
    assert sourced("The dam in Vessen, which was built in 1970, failed in May.") == []


@pytest.mark.parametrize(
    ("sentence", "source", "content"),
    [
        (
            "The minister visited the dam and said the repairs would cost $3 million.",
            "The minister",
            "the repairs would cost $3 million",
        ),
        (
            "Prices in Vessen rose and analysts said the trend would continue.",
            "analysts",
            "the trend would continue",
        ),
        (
            "Iraqi and foreign officials said the talks in Vessen had failed.",
            "Iraqi and foreign officials",
            "the talks in Vessen had failed",
        ),
        (
            "Ana Ruiz, an economist who served at the bank and advised the mayor, said the plan would fail.",
            "Ana Ruiz, an economist who served at the bank and advised the mayor",
            "the plan would fail",
        ),
    ],
)
def test_a_source_phrase_never_spans_two_clauses(sentence, source, content):
    claims = sourced(sentence)
    assert [(c.attribution.source, c.text) for c in claims] == [(source, content)]


def test_a_second_verb_of_speech_shares_the_subject_of_the_first():
    text = "Senator Ted Cole thanked the volunteers in Vessen and said he was standing on principle."
    claims = sourced(text)
    assert [(c.attribution.source, c.text) for c in claims] == [
        ("Senator Ted Cole", "he was standing on principle")
    ]


@pytest.mark.parametrize(
    ("sentence", "source", "content"),
    [
        (
            "At the rally, Senator Ana Ruiz called half of the mayor’s supporters “cowards.”",
            "Senator Ana Ruiz",
            "half of the mayor’s supporters “cowards.”",
        ),
        (
            'Senator Ana Ruiz called the mayor\'s remarks on Saturday "a true wake-up call" to voters.',
            "Senator Ana Ruiz",
            'the mayor\'s remarks on Saturday "a true wake-up call" to voters',
        ),
        (
            "At the forum, Ana Ruiz called her vote in favor of the war a mistake.",
            "Ana Ruiz",
            "her vote in favor of the war a mistake",
        ),
    ],
)
def test_call_with_a_complement_after_a_long_object(sentence, source, content):
    claims = sourced(sentence)
    assert [(c.attribution.source, c.text) for c in claims] == [(source, content)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Pompeo called Saleh on Monday in a bid to end the row in Vessen.",
        "Pompeo called the leaders of Iraq and Iran on Monday.",
        "Pompeo called Saleh last week to deliver an ultimatum.",
    ],
)
def test_call_without_a_complement_is_a_phone_call(sentence):
    assert sourced(sentence) == []


def test_a_leading_subordinate_clause_holds_its_own_attribution():
    claims = sourced("Although the regulators argued that the dam was unsafe, the plant reopened in May.")
    assert [(c.attribution.source, c.text) for c in claims] == [("the regulators", "the dam was unsafe")]
    claims = sourced("Though she called the bank’s behavior “outrageous”, Ruiz voted for the bill in Vessen.")
    assert [c.attribution.source for c in claims] == ["she"]


def test_a_possessor_of_a_stance_noun_with_a_that_clause_speaks():
    claims = sourced(
        "The fact-checkers examined Mayor Ana Ruiz’s claim that crime in Vessen had doubled since 2019."
    )
    assert [(c.attribution.source, c.text) for c in claims] == [
        ("Mayor Ana Ruiz", "crime in Vessen had doubled since 2019")
    ]
    assert sourced("The company's plans to expand in Vessen were approved in May.") == []


def test_a_possessive_pronoun_resolves_to_the_person_and_claims_stay_in_text_order():
    text = "Mayor Ana Ruiz spoke on Monday. Contrary to his claim that voters would learn nothing, the records showed a great deal."
    claims = extract(text, agency="AFP").claims
    assert [c.start for c in claims] == sorted(c.start for c in claims)
    (his,) = [c for c in claims if c.attribution.source == "his"]
    assert his.text == "voters would learn nothing"
    assert his.attribution.source_key == "person:ruiz"


def test_the_outlet_clause_before_a_subordinate_attributed_clause_is_kept():
    claims = extract(
        "Lawmakers in Vessen delayed the vote because they feared the levy would hurt farmers.", agency="AFP"
    ).claims
    assert [(c.text, c.attribution.kind is SourceKind.AGENCY) for c in claims] == [
        ("Lawmakers in Vessen delayed the vote", True),
        ("the levy would hurt farmers", False),
    ]


@pytest.mark.parametrize(
    ("sentence", "source", "content"),
    [
        (
            "The Supreme Court declined to step into the dispute over the Ohio rolls.",
            "The Supreme Court",
            "to step",
        ),
        (
            "The agency decided after a long review not to recommend charges.",
            "The agency",
            "not to recommend",
        ),
        ("The campaign is seeking to contrast her plan with his tax cuts.", "The campaign", "to contrast"),
    ],
)
def test_a_verb_of_volition_with_a_to_infinitive_is_the_subjects_stated_intention(sentence, source, content):
    claims = sourced(sentence)
    assert [c.attribution.source for c in claims] == [source]
    assert content in claims[0].text


def test_to_before_a_noun_phrase_is_still_no_intention():
    assert sourced("The mayor apologised to the families of the 40 victims on Monday.") == []


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("In the poll, 5 percent prefer Gary Johnson for president.", "5 percent"),
        ("Few believe the deal will survive the winter in Vessen.", "Few"),
    ],
)
def test_shares_and_quantifiers_speak_for_people(sentence, source):
    assert [c.attribution.source for c in sourced(sentence)] == [source]


def test_a_paragraph_ending_with_reports_colon_speaks_for_the_next():
    text = (
        "The donors were few. The Tarrow Herald reports:\n\n"
        '"Just 24 percent of the contributors to the campaign have given $200 or less."'
    )
    claims = sourced(text)
    assert [(c.attribution.source, c.attribution.cue) for c in claims] == [("The Tarrow Herald", "reports")]


def test_a_ruling_with_that_is_a_finding_of_its_subject():
    claims = sourced(
        "The fact-checkers at Politifact ruled that the statement about 2,500 shootings is true."
    )
    assert [(c.attribution.cue, c.text) for c in claims] == [
        ("ruled", "the statement about 2,500 shootings is true")
    ]


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        (
            "The Herald's Battleground States average shows the mayor ahead by 3.7 points.",
            "The Herald's Battleground States average",
        ),
        ("The survey's average shows the mayor ahead by 4 points in Tarrow.", "The survey's average"),
    ],
)
def test_documents_speak_and_a_name_with_a_cue_word_stays_whole(sentence, source):
    assert [c.attribution.source for c in sourced(sentence)] == [source]


def test_a_part_of_a_speaking_group_speaks_and_is_described_whole():
    ex = extract(
        "One of the two major candidates is propounding views that threaten 3 million homes.", agency="AFP"
    )
    claim = next(c for c in ex.claims if c.attribution.kind is not SourceKind.AGENCY)
    assert claim.attribution.source == "One of the two major candidates"
    entry = next(s for s in ex.sources if s.key == claim.attribution.source_key)
    assert entry.name == "One of the two major candidates"


def test_a_speakers_own_plan_is_no_reported_intention():
    assert sourced("We want to bring 3 million jobs back to Ohio by 2020.") == []
