"""workbench/matching/relation.py and quantities.py through rerank.explain: agree / conflict / unrelated."""

from __future__ import annotations

import pytest

from workbench.matching.quantities import compare_quantities, governing_context, quantities
from workbench.matching.relation import verdict_key
from workbench.matching.rerank import explain, to_result
from workbench.model import MatchRelation, SentenceHit

AGREE, CONFLICT, UNRELATED = MatchRelation.AGREE, MatchRelation.CONFLICT, MatchRelation.UNRELATED
POMPEO = (
    "In a new escalation, US Secretary of State Mike Pompeo called Iraqi President Barham Saleh last week"
)


@pytest.mark.parametrize(
    ("claim", "sentence", "relation"),
    [
        # the same sentence, and a shorter report of the same call: agree without any number
        (POMPEO, POMPEO + " to deliver an ultimatum, Iraqi and foreign officials said.", AGREE),
        (POMPEO, "Mike Pompeo called Barham Saleh and threatened to close the US embassy in Baghdad.", AGREE),
        # polarity: a negation before the shared predicate, or a denial
        (
            POMPEO,
            "Secretary of State Mike Pompeo did not call Iraqi President Barham Saleh, a spokesman said.",
            CONFLICT,
        ),
        ("Pompeo called Saleh", "Pompeo never called Saleh, officials said.", CONFLICT),
        ("Pompeo called Saleh", "Pompeo denied calling Saleh.", CONFLICT),
        ("Pompeo did not call Saleh", "Pompeo did not call Saleh, his office said.", AGREE),
        (
            "The Americans aren't just angry.",
            "The Americans are angry, one official said.",
            AGREE,
        ),  # "not just"
        # a negation away from the shared words changes nothing
        (
            "The US has 3,000 troops in Iraq",
            "The US, which did not comment, has 3,000 troops in Iraq.",
            AGREE,
        ),
        # the same unit in different contexts: not the same count
        (
            "Kenya floods killed 38 people",
            "Flash floods have displaced more than 40,000 people in Kenya.",
            UNRELATED,
        ),
        ("The floods killed 38 people", "38 people died in the floods, the Red Cross said.", AGREE),
        ("The floods killed 38 people", "The floods killed 40 people, the Red Cross said.", CONFLICT),
        # vague quantities against precise ones: only within one order of magnitude
        (
            "Since 2019, dozens of rockets have targeted these sites",
            "Since 2019, more than 100 rockets have targeted US sites.",
            UNRELATED,
        ),
        ("Dozens of rockets have targeted the embassy", "About 40 rockets have targeted the embassy.", AGREE),
        ("Hundreds of diplomats work at the embassy", "About 300 diplomats work at the embassy.", AGREE),
        ("The troops are spread across several bases", "The troops are spread across three bases.", AGREE),
        # a place stated on both sides: different places are different counts
        ("The US has 3,000 troops in Iraq", "The US has 5,000 troops in Syria, officials said.", UNRELATED),
        ("The US has 3,000 troops in Iraq", "The US has 5,000 troops in Iraq, officials said.", CONFLICT),
        ("The US has 3,000 troops in Iraq", "In Iraq, the US has 3,000 troops, officials said.", AGREE),
        ("The US has 3,000 troops in Iraq", "The US has 5,000 troops, officials said.", CONFLICT),  # one side
        ("Prices rose 3 percent in September", "Prices rose 5 percent in September, data showed.", CONFLICT),
        # a change read as its end value: "rose X to Y", "up X points to Y"
        (
            "The unemployment rate rose to 5 percent",
            "The unemployment rate rose 0.3 percent to 5 percent, the bureau said.",
            AGREE,
        ),
        (
            "The unemployment rate rose to 4 percent",
            "The unemployment rate rose 0.3 percent to 5 percent, the bureau said.",
            CONFLICT,
        ),
        (
            "Support for the plan rose to 45 percent",
            "Support for the plan was up 3 points to 45 percent.",
            AGREE,
        ),
        (
            "Support for the plan is at 48 percent",
            "Support for the plan was up 3 points to 45 percent.",
            CONFLICT,
        ),
        ("The number of troops doubled to 6,000 troops", "The troops rose by 3,000 to 6,000 troops.", AGREE),
        # percentage points are a change of a share, not a share
        (
            "Support for the plan rose 2 percentage points",
            "Support for the plan was at 2 percent in the poll.",
            UNRELATED,
        ),
        # the direction of a change: the same end value reached going opposite ways is no agreement
        (
            "The unemployment rate rose to 5 percent in September",
            "The unemployment rate fell to 5 percent in September, the bureau said.",
            CONFLICT,
        ),
        (
            "The unemployment rate rose to 5 percent in September",
            "The unemployment rate ticked up from 4.9 percent to 5 percent in September.",
            AGREE,
        ),
        (
            "The unemployment rate rose to 5 percent in September",
            "The unemployment rate was 5 percent in September, down from 5.2 percent.",
            CONFLICT,
        ),
        (
            "The unemployment rate rose to 5 percent in September",
            "The unemployment rate went from 5.2 percent to 5 percent in September.",
            CONFLICT,
        ),
        ("Prices rose 3 percent in September", "Prices fell 3 percent in September, data showed.", CONFLICT),
        (
            "Prices rose 3 percent in September",
            "Prices increased 3 percent in September, data showed.",
            AGREE,
        ),
        ("The number of troops doubled to 6,000", "The number of troops fell to 6,000 troops.", CONFLICT),
        ("The party lost 3 seats in the election", "The party gained 3 seats in the election.", CONFLICT),
        # a change is not a level: "rose 0.3 percent" says nothing against "was 5 percent"
        (
            "The unemployment rate rose 0.3 percent in September",
            "The unemployment rate was 5 percent in September, the bureau said.",
            UNRELATED,
        ),
        ("The US will send up to 3,000 troops", "The US will send 3,000 troops, officials said.", AGREE),
        # percentage points: "up 2 points" in a text of shares is 2 percentage points, not 2 percent
        (
            "Support for the plan rose 2 percentage points",
            "Support for the plan was up 2 points in the poll, to 45 percent.",
            AGREE,
        ),
        (
            "Support for the plan rose 2 percentage points",
            "Support for the plan rose 2 percent in the poll.",
            UNRELATED,
        ),
        # ranges are one figure
        (
            "The US has around 3,000 troops in Iraq",
            "The US has roughly 2,500 to 3,000 troops in Iraq.",
            AGREE,
        ),
        ("The US has 10,000 troops in Iraq", "The US has roughly 2,500 to 3,000 troops in Iraq.", CONFLICT),
        ("The US has 2,800 troops in Iraq", "The US has between 2,500 and 3,000 troops in Iraq.", AGREE),
        # the issue's own cases still hold
        (
            "around 3,000 troops based in three bases",
            "The US has about 5,200 troops in Iraq, based in three bases.",
            CONFLICT,
        ),
        # figures of unlike texts are about different things
        (
            "A dinner cost $12 million in Paris",
            "The mayor turned down $5 million for towing cars.",
            UNRELATED,
        ),
        # a claim's figure the sentence does not confirm: no agreement on words alone
        (
            "Egypt imported 12 million tonnes of wheat",
            "Egypt imported wheat from Russia and Ukraine.",
            UNRELATED,
        ),
    ],
)
def test_relation(claim, sentence, relation):
    assert explain(claim, sentence).relation is relation


def test_reasons_name_the_polarity_and_the_range():
    reasons = explain("Pompeo called Saleh", "Pompeo did not call Saleh.")
    assert reasons.conflicts == ("called ≠ did not call",)
    reasons = explain("The US has 3,000 troops in Iraq", "The US has roughly 2,500 to 3,000 troops in Iraq.")
    assert reasons.shared_numbers == ("3,000 troops = roughly 2,500 to 3,000 troops",)


def test_reasons_name_the_directions_of_a_change():
    claim = "The unemployment rate rose to 5 percent in September"
    reasons = explain(claim, "The unemployment rate fell to 5 percent in September, the bureau said.")
    assert reasons.conflicts == ("rose to 5 percent ≠ fell to 5 percent",)
    reasons = explain(claim, "The unemployment rate was 5 percent in September, down from 5.2 percent.")
    assert reasons.conflicts == ("rose to 5 percent ≠ 5 percent, down",)
    reasons = explain("Prices rose 3 percent", "Prices fell 4 percent, data showed.")
    assert reasons.conflicts == ("rose 3 percent ≠ fell 4 percent",)
    reasons = explain("Prices rose 3 percent", "Prices rose 4 percent, data showed.")
    assert reasons.conflicts == ("3 percent ≠ 4 percent",)  # the same way: the values alone


@pytest.mark.parametrize(
    ("text", "direction", "change", "said"),
    [
        ("The rate rose to 5 percent", "up", False, "rose to 5 percent"),
        (
            "The rate ticked up from 4.9 percent to 5 percent",
            "up",
            False,
            "ticked up from 4.9 percent to 5 percent",
        ),
        ("The rate went from 5.2 percent to 5 percent", "down", False, "from 5.2 percent to 5 percent"),
        ("The rate was 5 percent, up from 4.9 percent", "up", False, "5 percent, up"),
        ("Prices fell by about 3 percent", "down", True, "fell by about 3 percent"),
        ("Support was up 3 points to 45 percent", "up", False, "up 3 points to 45 percent"),
        ("The troops rose by 3,000 to 6,000 troops", "up", False, "rose by 3,000 to 6,000 troops"),
        ("The US will send up to 3,000 troops", None, False, ""),  # "up to": at most
        ("Prices rose, and the rate stood at 5 percent", None, False, ""),  # another clause
    ],
)
def test_direction_of_a_figure(text, direction, change, said):
    figure = quantities(text)[0]
    assert (figure.direction, figure.change, figure.said) == (direction, change, said)


def test_governing_context():
    text = "Floods killed 38 people and displaced more than 40,000 people; 12 were injured."
    figures = quantities(text)
    assert [q.context for q in figures] == ["kill", "displac", "injur"]
    assert governing_context("The US has 3,000 troops in Iraq", 11, 23) is None


def test_vague_and_precise_orders_of_magnitude():
    (dozens,) = quantities("dozens of rockets")
    (hundred,) = quantities("more than 100 rockets")
    (forty,) = quantities("40 rockets")
    (twelve,) = quantities("12 rockets")
    assert compare_quantities(dozens, hundred) == "unrelated"
    assert compare_quantities(dozens, forty) == "agree"
    assert compare_quantities(dozens, twelve) == "conflict"


def test_from_to_is_a_change_not_a_range():
    (now,) = quantities("troops rose from 2,500 to 3,000 troops")
    assert now.mention.value == 3000 and not now.is_range


# --- a fact check that refutes the claim is a conflict, never a corroboration ---------

HOLE = "Benton said his opponent's plan would blow a $2 billion hole in the state budget."
REFUTED = (
    "The Legislative Budget Office estimated Harlow's sales tax cut would cost about $1.3 billion a year, "
    "not $2 billion."
)


@pytest.mark.parametrize(
    ("sentence", "relation"),
    [
        (REFUTED, CONFLICT),  # the claim's figure denied beside another figure of the same unit
        ("The tax cut would cost $1.3 billion rather than $2 billion, the budget office said.", CONFLICT),
        ("The budget hole would be $1.3 billion instead of $2 billion, the office said.", CONFLICT),
        ("The plan would blow a $2 billion hole in the state budget, the office said.", AGREE),
    ],
)
def test_a_denied_figure_conflicts(sentence, relation):
    reasons = explain(HOLE, sentence)
    assert reasons.relation is relation
    if relation is CONFLICT:
        assert not reasons.shared_numbers  # "not $2 billion" never agrees with "$2 billion"
        assert any("not $2 billion" in c for c in reasons.conflicts)


def test_a_denied_figure_alone_does_not_agree():
    reasons = explain("The storm killed 40 people", "Officials said the storm killed far from 40 people.")
    assert reasons.shared_numbers == () and reasons.relation is UNRELATED
    assert (
        explain("The storm killed 40 people", "Officials said the storm killed 40 people.").relation is AGREE
    )


@pytest.mark.parametrize(
    ("verdict", "key"),
    [("False", "false"), ("Misleading", "false"), ("INCORRECT", "false"), ("Pants on Fire!", "false"),
     ("pants-on-fire", "false"), ("Mostly false", "false"), ("True", "true"), ("Correct.", "true"),
     ("Half true", ""), ("", "")],
)  # fmt: skip
def test_verdict_key_normalises(verdict, key):
    assert verdict_key(verdict) == key


def _result(sentence: str, verdict: str, claim: str = HOLE):
    hit = SentenceHit(sentence_id=1, article_id=6, start=0, end=len(sentence), text=sentence)
    article = {"title": "Fact check", "publisher": "Wexford Verify", "verdict": verdict}
    return to_result(hit, 50.0, explain(claim, sentence), article)


def test_a_close_fact_check_rated_false_conflicts_with_its_reason():
    agreeing = "The plan would blow a $2 billion hole in the state budget, Benton said."
    assert explain(HOLE, agreeing).relation is AGREE
    for verdict in ("False", "Misleading", "Pants on fire"):
        result = _result(agreeing, verdict)
        assert result.relation is CONFLICT
        assert f"fact-checked as {verdict} by Wexford Verify" in result.conflicts
    assert _result(REFUTED, "Misleading").relation is CONFLICT
    assert _result(agreeing, "True").relation is AGREE and not _result(agreeing, "True").conflicts


def test_a_false_fact_check_about_something_else_stays_unrelated():
    other = "Unemployment in Wexford stood at 4.6 percent in September, the labor department said."
    assert explain(HOLE, other).relation is UNRELATED
    assert _result(other, "False").relation is UNRELATED
