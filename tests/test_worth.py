"""Check-worthiness (issue 17): every rule row fires on its example, junk spans are never claims,
weak proposals are the ones the issue names, and the seed's checkable claims are shown."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.extraction.engine import extract, extraction_to_json
from workbench.extraction.junk import junk_rule
from workbench.extraction.lexicon.junk_rules import JUNK_RULES
from workbench.extraction.lexicon.worth_rules import BASE, NUMBER_WITH_UNIT, WORTH_RULES, Scope
from workbench.extraction.worth import DEFAULT_THRESHOLD, WorthInput, assess, fired
from workbench.model import ArticleMeta
from workbench.text.decoding import parse_wire
from workbench.text.numbers import find_numbers

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_49799be3d89e085a.txt"
SOURCE_FEATURES = {"named_source", "institution_source", "document_source", "figure_in_source", "vox_pop"}


def claims_of(text: str, **kw):
    return extract(text, agency=kw.pop("agency", "Wire"), **kw).claims


def reason_names(claim) -> set[str]:
    return {r.rule for r in claim.reasons}


# --- the rule rows ------------------------------------------------------------------------------


@pytest.mark.parametrize("rule", WORTH_RULES, ids=lambda r: r.name)
def test_every_worth_rule_fires_on_its_example(rule):
    """Rules that read the source or the cue need the engine's attribution: their example is run
    through `extract`; the others read the sentence as it is (a weak sentence may not be proposed
    at all, which is the point of a rule against it)."""
    if (
        rule.scope in (Scope.SOURCE, Scope.CUE)
        or rule.feature in SOURCE_FEATURES
        or rule.feature == "heading"
    ):
        text = rule.example if rule.feature != "heading" else rule.example + "\n\nThe mayor of Tarrow spoke."
        assert any(rule.name in reason_names(c) for c in claims_of(text)), rule.example
    else:
        x = WorthInput(text=rule.example, sentence=rule.example, numbers=tuple(find_numbers(rule.example)))
        assert rule in fired(x), rule.example


def test_rule_names_are_unique_and_points_move_the_score():
    names = [r.name for r in WORTH_RULES]
    assert len(names) == len(set(names))
    assert all(r.points != 0 and r.reason and r.example for r in WORTH_RULES)


@pytest.mark.parametrize("rule", JUNK_RULES, ids=lambda r: r.name)
def test_every_junk_rule_matches_its_example(rule):
    assert junk_rule(rule.example) is rule


def test_every_rule_is_documented():
    """docs/worth.md lists every rule row (worth and junk) in its tables, and no rule that is gone:
    removing or adding a rule without saying so fails here."""
    doc = (ROOT / "docs" / "worth.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([a-z_]+)` \|", doc, flags=re.M))
    assert listed == {r.name for r in WORTH_RULES} | {r.name for r in JUNK_RULES}


def test_the_score_is_base_plus_the_points_of_its_reasons():
    for text in (
        "The army sent 3,000 troops to the border on Monday.",
        "I think we should do better, folks?",
    ):
        x = WorthInput(text=text, sentence=text, numbers=tuple(find_numbers(text)))
        worth = assess(x)
        assert worth.score == max(0, min(100, BASE + sum(r.points for r in worth.reasons)))
        assert [abs(r.points) for r in worth.reasons] == sorted(
            (abs(r.points) for r in worth.reasons), reverse=True
        )
        assert all(label[0] in "+−" for label in worth.labels())


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_any_text_gets_a_worth_between_0_and_100(text):
    for c in claims_of(text):
        assert c.worth is not None and 0 <= c.worth <= 100
        assert all(r.text for r in c.reasons)


# --- junk spans: never claims ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "junk"),
    [
        # the examples: a sourcing clause credited to a named person, a byline
        (
            "Mr. Ortiz, who spoke on the condition of anonymity, said the talks would resume.",
            "the condition of anonymity",
        ),
        ("Lena Ruiz reports for the Naples (Fla.) Daily News.", "reports for"),
        ("The ferry carried 300 people, according to the port authority.", "according to the port authority"),
        ("The minister told reporters on Monday.", "told reporters"),
        ("(AP Photo/Evan Vucci)", "Photo"),
        ("Bryant Rousseau and Caryn Wilson contributed reporting.", "contributed reporting"),
        ("Reached by phone, the mayor declined to comment.", "declined to comment"),
        ("Editor's note: This story has been updated with the governor's response.", "Editor's note"),
        ("TARROW, Sept. 29 (Reuters) -", "TARROW"),
    ],
)
def test_sourcing_clauses_bylines_credits_and_notes_are_never_claims(text, junk):
    article = "The council voted 7-2 on Monday to close the old bridge in Tarrow.\n\n" + text
    for c in claims_of(article):
        assert junk not in c.text, c.text
    assert any("voted 7-2" in c.text for c in claims_of(article))


def test_junk_filter_keeps_the_facts_beside_a_sourcing_clause():
    claims = claims_of(
        "The US has about 5,200 troops in Iraq, according to the Pentagon, spread across bases."
    )
    assert any("5,200 troops" in c.text and c.worth >= DEFAULT_THRESHOLD for c in claims)
    assert junk_rule("The Senate declined to take up the bill") is None  # a refusal to act is a claim


def test_junk_claims_are_not_counted_for_their_source():
    ex = extract("Reached by phone, the mayor of Tarrow declined to comment.\n\nThe mayor closed 3 bridges.")
    assert sum(s.claims for s in ex.sources) == len(ex.claims)


# --- weak and worth checking ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # the examples: scene-setting colour, a prediction, a vox pop
        "Becky McCaughey steps into the humid Florida afternoon, smiling at the crowd on the park lawn.",
        "Trump's numbers are sliding, but she'll still clear 300, the strategist predicted.",
        '"We\'re not going to stop," said Quina Jones, 25, a protester.',
        "If the court rules against them, the government could reverse the rules.",
        "I think we have a powerful country, and I hope you agree, Jim?",
        "Thank you very much for having me here tonight.",
        "Democrats called the measure a transparent political ploy.",
    ],
)
def test_colour_predictions_opinions_and_vox_pops_are_weak(text):
    claims = claims_of(text)
    assert all(c.worth < DEFAULT_THRESHOLD for c in claims), [(c.text, c.worth, c.reasons) for c in claims]


@pytest.mark.parametrize(
    "text",
    [
        "The army sent 3,000 troops to the border on Monday, the defence ministry said.",
        "Unemployment fell to 4.2 percent in March, the lowest since 2001.",
        "The Senate voted 68-31 to override the president's veto.",
        "Power plants are the largest source of U.S. carbon emissions.",
        '"Prices have doubled since January," said Mayor Ana Ruiz.',
        # a vox pop that asserts a checkable fact is not weak
        '"The clinic closed 3 of its 5 wards last year," said Quina Jones, 25, a nurse\'s aide.',
    ],
)
def test_checkable_facts_are_worth_checking(text):
    claims = claims_of(text)
    assert claims and max(c.worth for c in claims) >= DEFAULT_THRESHOLD, [(c.text, c.worth) for c in claims]


def test_a_sentence_with_no_name_or_number_is_proposed_when_it_is_worth_checking():
    claims = claims_of("The use of cocaine by teenagers has dropped sharply since the programme began.")
    assert [c.worth >= DEFAULT_THRESHOLD for c in claims] == [True]


# The claims a fact-checker would record in the seed article (read as a checker before its worth was
# looked at; the quotes and forecasts of its last paragraphs are not on the list: they are views and
# predictions, which the news dev list leaves out too). All of them must be shown.
SEED_GOLD = (
    "Washington has threatened to close its embassy in Baghdad",
    'Washington\'s "maximum pressure" policy against Teheran since 2018',
    "Mike Pompeo called Iraqi President Barham Saleh last week to deliver an ultimatum",
    "Washington would shutter its embassy and recall its troops",
    "around 3,000 troops based in three bases across the country",
    "dozens of rockets and improvised explosives have targeted these sites",
    "Washington has twice retaliated with strikes on Kataeb Hizbollah in Iraq",
    "took office as Premier in May",
    "Iran-backed groups launching rockets at our embassy are a danger",
    "the US drone strike in January that killed top Iranian general Qasem Soleimani",
    "the creation of a security, military and parliamentary committee to investigate",
    "Mr Kadhemi and other top government figures endorsed the recommendation",
    "A half-dozen previously unheard-of groups have claimed responsibility for rocket attacks",
    "Iran has been gathering the most hardline among its Iraqi allies into these new formations",
)


@pytest.mark.parametrize("fragment", SEED_GOLD)
def test_the_seed_gold_claims_are_shown(fragment):
    parts = parse_wire(SEED.read_text(encoding="utf-8"))
    claims = [c for c in extract(parts.body, agency=parts.agency).claims if fragment in c.text]
    assert claims, fragment
    assert claims[0].worth >= DEFAULT_THRESHOLD, (claims[0].worth, claims[0].reasons)


def test_extraction_json_carries_worth_reasons_and_weak():
    text = "The army sent 3,000 troops to the border.\n\nThe ruling could perhaps be pivotal, folks."
    data = extraction_to_json(text, ArticleMeta(), extract(text))
    by_text = {c["text"]: c for c in data["claims"]}
    strong = by_text["The army sent 3,000 troops to the border"]
    assert strong["worth"] >= DEFAULT_THRESHOLD and strong["weak"] is False
    assert f"+{NUMBER_WITH_UNIT} a number with a unit" in strong["reasons"]
    json.dumps(data)  # plain JSON
    lowered = extraction_to_json(text, ArticleMeta(), extract(text), threshold=100)
    assert all(c["weak"] for c in lowered["claims"])


def test_a_pattern_skipped_for_want_of_its_strings_could_not_have_matched():
    """`needs` only saves time: on every example and every sentence of the seed and the test
    articles, each match of a pattern contains one of its needed strings."""
    parts = parse_wire(SEED.read_text(encoding="utf-8"))
    bodies = [parts.body] + [
        p.read_text(encoding="utf-8") for p in (ROOT / "tests" / "data" / "articles").glob("*.txt")
    ]
    texts = [r.example for r in WORTH_RULES] + [s for b in bodies for s in re.split(r"(?<=[.!?])\s+", b) if s]
    for rule in (r for r in WORTH_RULES if r.needs):
        for text in texts:
            read = text if rule.cased else " ".join(text.lower().split())
            for m in rule.pattern.finditer(read):
                assert any(n in m.group() for n in rule.needs), (rule.name, m.group())


def test_a_rule_does_not_count_beside_the_rule_that_overrides_it():
    """The condition of a stated threat is what the threat says: `conditional` gives way to
    `stated_action`, and counts on its own elsewhere."""
    threat = "Unless the rockets stop, Washington would shutter its embassy."
    hypothesis = "If the bill passes, prices rise."
    names = lambda t: {r.name for r in fired(WorthInput(text=t, sentence=t))}  # noqa: E731
    assert "stated_action" in names(threat) and "conditional" not in names(threat)
    assert "conditional" in names(hypothesis)
