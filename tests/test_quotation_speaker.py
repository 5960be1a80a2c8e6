"""First person inside a quotation and quotations nested in quotations (issue 13 items 1-2).

Made-up articles only."""

from __future__ import annotations

from workbench.extraction.engine import extract

RUNNING_QUOTE = (
    '"We cannot wait any longer," Mayor Ana Ruiz said on Monday.\n\n'
    '"I told the council that we would lose 3,000 jobs if the plant closed. We believe the state must act.\n\n'
    '"The plant must stay open," she added.'
)


def attributions(text: str):
    ex = extract(text)
    names = {s.key: s.name for s in ex.sources}
    return ex, [(c.text, c.attribution, names.get(c.attribution.source_key)) for c in ex.claims]


def test_i_and_we_in_a_quotation_running_over_paragraphs_are_its_speaker():
    _, got = attributions(RUNNING_QUOTE)
    first_person = [(a.source, name, a.unsure) for _, a, name in got if a.source in ("I", "We")]
    assert first_person == [("I", "Ana Ruiz", False), ("We", "Ana Ruiz", False)]


def test_a_quoted_paragraph_after_a_colon_speaks_for_the_speaker_of_the_colon():
    text = 'The letter was blunt. Ruiz wrote:\n\n"I told the council that we would lose 3,000 jobs if the plant closed.'
    _, got = attributions(text)
    assert [(a.source, name, a.unsure) for _, a, name in got] == [("I", "Ruiz", False)]


def test_first_person_outside_any_quotation_stays_unsure():
    text = 'Governor Tom Hale spoke first.\n\n"I told the council that we would lose 3,000 jobs if the plant closed.'
    _, got = attributions(text)
    assert [(a.source, a.unsure) for _, a, _ in got if a.source == "I"] == [("I", True)]


def test_told_skips_an_addressee_before_that():
    _, got = attributions("Ruiz told the city council that the plant would close in June.")
    assert [(t, a.source, a.cue) for t, a, _ in got] == [("the plant would close in June", "Ruiz", "told")]


def test_a_quotation_nested_in_a_quotation_stays_with_the_outer_speaker():
    for text in (
        "\"When I asked him, 'Will you close the plant before the vote?' he said no,\" Mayor Ruiz said.",
        "Mayor Ruiz was blunt. \"The governor told me, 'We will close the plant in June,' and I believed him."
        ' Then he changed his mind," she said.',
        '"My father always said, \u2018Never trust a man who counts your money,\u2019 and he was right," Ruiz said.',
    ):
        _, got = attributions(text)
        quoted = [(a.cue, name) for t, a, name in got if a.source_start is not None]
        assert quoted == [("said", "Ruiz")], text
