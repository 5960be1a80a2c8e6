import pytest

from workbench.model import NumberMention
from workbench.text.numbers import compare_numbers, find_numbers, unit_key


def one(text: str) -> NumberMention:
    found = find_numbers(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "unit", "approximate", "bound"),
    [
        ("around 3,000 troops", 3000, "troops", True, "approx"),
        ("more than 120 further sites", 120, "sites", False, "lower"),
        ("A half-dozen previously unheard-of groups", 6, "groups", False, "exact"),
        ("dozens of rockets", 24, "rockets", True, "lower"),
        ("hundreds of diplomats", 200, "diplomats", True, "lower"),
        ("5.2 million people", 5_200_000, "people", False, "exact"),
        ("a $3bn deal", 3e9, "usd", False, "exact"),
        ("about $1.5 billion in aid", 1.5e9, "usd", True, "approx"),
        ("40% of voters", 40, "percent", False, "exact"),
        ("up to 50 percent", 50, "percent", False, "upper"),
        ("fewer than 50 seats", 50, "seats", False, "upper"),
        ("three bases", 3, "bases", False, "exact"),
        ("twenty-five cars", 25, "cars", False, "exact"),
        ("two million dollars", 2e6, "usd", False, "exact"),
        ("at least 12 people were killed", 12, "people", False, "lower"),
        ("3,000 US troops", 3000, "troops", False, "exact"),
        ("a 10-point lead", 10, "point", False, "exact"),
        ("twice retaliated", 2, "time", False, "exact"),
        ("since 2019", 2019, "year", False, "exact"),
        ("on Sept. 12", 12, "date", False, "exact"),
        ("nearly 7 million Americans", 7e6, "americans", True, "approx"),
        ("tens of thousands of people", 20_000, "people", True, "lower"),
    ],
)
def test_find_numbers(text, value, unit, approximate, bound):
    m = one(text)
    assert m.value == value
    assert m.unit == unit
    assert m.approximate is approximate
    assert m.bound == bound
    assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    "text", ["one Iraqi official said", "at 3 p.m. today", "no numbers here", "a 100m race"]
)
def test_not_quantities(text):
    assert find_numbers(text) == []


def test_offset_and_order():
    text = "The US has hundreds of diplomats and around 3,000 troops in three bases."
    found = find_numbers(text, offset=100)
    assert [m.unit for m in found] == ["diplomats", "troops", "bases"]
    for m in found:
        assert text[m.start - 100 : m.end - 100] == m.text


@pytest.mark.parametrize(
    ("unit", "key"),
    [("troops", "troop"), ("Troops", "troop"), ("cities", "city"), ("churches", "church"), ("people", "person"),
     ("bus", "bus"), ("analysis", "analysis"), ("percent", "percent"), (None, ""), ("sites", "site")],
)  # fmt: skip
def test_unit_key(unit, key):
    assert unit_key(unit) == key


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        ("around 3,000 troops", "3,000 troops", "agree"),
        ("120 sites", "more than 120 sites", "agree"),
        ("3,000 troops", "5,200 troops", "conflict"),
        ("3,000 troops", "3,000 sites", "unrelated"),
        ("5.2 million people", "5,200,000 people", "agree"),
        ("dozens of rockets", "60 rockets", "agree"),
        ("dozens of rockets", "5 rockets", "conflict"),
        ("3,000 troop", "3,000 troops", "agree"),
        ("40%", "45%", "conflict"),
        ("since 2019", "in 2018", "unrelated"),
        ("since 2019", "in 2019", "agree"),
        ("fewer than 50 seats", "60 seats", "conflict"),
        ("fewer than 50 seats", "45 seats", "agree"),
        ("about 100 people", "110 people", "agree"),
        ("about 100 people", "200 people", "conflict"),
    ],
)
def test_compare_numbers(a, b, relation):
    assert compare_numbers(one(a), one(b)) == relation
    assert compare_numbers(one(b), one(a)) == relation


def test_unitless_number_never_conflicts():
    a = NumberMention("3,000", 0, 5, 3000.0)
    b = NumberMention("5,000 troops", 0, 12, 5000.0, unit="troops")
    assert compare_numbers(a, b) == "unrelated"
    assert compare_numbers(a, NumberMention("3,000 troops", 0, 12, 3000.0, unit="troops")) == "agree"


@pytest.mark.parametrize(
    ("text", "low", "value", "unit", "approximate"),
    [
        ("roughly 2,500 to 3,000 troops", 2500, 3000, "troops", True),
        ("between 30% and 50% of the crop", 30, 50, "percent", False),
        ("between 1.7 million and 1.8 million tonnes", 1.7e6, 1.8e6, "tonnes", False),
        ("1.7 to 1.8 million barrels", 1.7e6, 1.8e6, "barrels", False),
    ],
)
def test_ranges(text, low, value, unit, approximate):
    (n,) = find_numbers(text)
    assert (n.low, n.value, n.unit, n.approximate, n.bound) == (low, value, unit, approximate, "range")


@pytest.mark.parametrize(
    "text", ["cut from 40 tons to 15 tons", "a 52 to 48 vote", "rose 2.4% to 5,950 pounds"]
)
def test_changes_and_scores_are_not_ranges(text):
    assert all(n.bound != "range" for n in find_numbers(text))


def test_a_range_agrees_with_values_inside_it():
    (r,) = find_numbers("roughly 2,500 to 3,000 troops")
    assert compare_numbers(r, find_numbers("2,800 troops")[0]) == "agree"
    assert compare_numbers(r, find_numbers("10,000 troops")[0]) == "conflict"


def test_season_and_dates_are_not_quantities():
    ns = find_numbers("BAGHDAD, Sept 29 (Reuters) - imports in the 2023/24 season rose on March 14")
    assert [(n.text, n.unit) for n in ns] == [("29", "date"), ("2023/24", "year"), ("14", "date")]


@pytest.mark.parametrize(
    ("text", "value", "unit", "approximate", "bound"),
    [
        ("Mines there produce about a quarter of global nickel output.", 0.25, "output", True, "approx"),
        ("A third of voters in the district backed him.", 1 / 3, "voters", False, "exact"),
        ("Salaries take half of the budget.", 0.5, "budget", False, "exact"),
        ("Nearly two-thirds of farmers surveyed said so.", 2 / 3, "farmers", True, "approx"),
        ("One in five adults smokes.", 0.2, "adults", False, "exact"),
        ("one in 10 children", 0.1, "children", False, "exact"),
        ("more than half the town's residents", 0.5, "residents", False, "lower"),
        ("three quarters of the members", 0.75, "members", False, "exact"),
        ("half of public spending went to pensions", 0.5, "spending", False, "exact"),
    ],
)
def test_fractions(text, value, unit, approximate, bound):
    (m,) = find_numbers(text)
    assert m.value == pytest.approx(value)
    assert (m.unit, m.approximate, m.bound) == (unit, approximate, bound)
    assert unit in m.text


@pytest.mark.parametrize(
    "text",
    ["a quarter of a century ago", "in the third quarter", "the other half of the team", "a third term"],
)
def test_not_fractions(text):
    assert all(m.value >= 1 for m in find_numbers(text))


def test_first_half_of_a_year_is_only_the_year():
    assert [(m.value, m.unit) for m in find_numbers("in the first half of 2024")] == [(2024.0, "year")]


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        ("about a quarter of copper supply", "25% of copper supply", "agree"),
        ("a quarter of copper supply", "26 percent", "agree"),
        ("a third of voters", "33%", "agree"),
        ("a third of voters", "60%", "unrelated"),  # a share of another whole, maybe
        ("a third of voters", "a half of voters", "conflict"),
        ("two-thirds of voters", "nearly two-thirds of voters", "agree"),
        ("one in five adults", "a fifth of adults", "agree"),
        ("a third of voters", "300 voters", "unrelated"),  # a share is not a count
    ],
)
def test_compare_fractions(a, b, relation):
    (ma,) = find_numbers(a)
    (mb,) = find_numbers(b)
    assert compare_numbers(ma, mb) == relation
    assert compare_numbers(mb, ma) == relation


@pytest.mark.parametrize(
    ("text", "value", "mention"),
    [
        ("half a million people fled", 500_000, "half a million people"),
        ("a quarter of a million homes", 250_000, "a quarter of a million homes"),
        ("three quarters of a million voters", 750_000, "three quarters of a million voters"),
        ("a million people", 1_000_000, "a million people"),
    ],
)
def test_part_of_a_scale_word(text, value, mention):
    [found] = find_numbers(text)
    assert (found.value, found.text) == (value, mention)
    assert text[found.start : found.end] == found.text
