"""Figures compare only when they measure the same thing (issue 15's false alarms)."""

import pytest

from workbench.matching.quantities import compare_figures, measured_thing, quantities

CLAIM = "The unemployment rate rose to 5 percent in September"

# (sentence, expected agreements, expected conflicts): one row per rule, each its own example.
ROWS = [
    # "from X to Y" ends at Y, also when both figures carry the unit
    ("The unemployment rate ticked up from 4.9 percent to 5 percent in September.", 1, 0),
    # another measure (participation rate) is unrelated, not a conflict
    ("The labor force participation rate held at 62.9 percent.", 0, 0),
    # the same measure with another value still conflicts
    ("The unemployment rate rose to 6 percent in September.", 0, 1),
    # "the rate" names no measure: the figure is compared as before (here it conflicts)
    ("In September the rate rose to 6 percent.", 0, 1),
]


@pytest.mark.parametrize(("sentence", "agree", "conflict"), ROWS)
def test_figures_compare_only_the_same_measure(sentence: str, agree: int, conflict: int) -> None:
    agreed, conflicts, _ = compare_figures(quantities(CLAIM), quantities(sentence))
    assert (len(agreed), len(conflicts)) == (agree, conflict)


def test_measured_thing_is_the_nearest_measure_in_the_sentence() -> None:
    text = "Wages grew. The unemployment rate rose to 5 percent"
    assert measured_thing(text, text.index("5 percent")) == "unemployment rate"
    assert measured_thing("Prices rose 5 percent", len("Prices rose ")) is None
    assert measured_thing("Its rate rose to 5 percent", len("Its rate rose to ")) is None
