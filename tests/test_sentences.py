from pathlib import Path

import pytest

from workbench.text.sentences import MAX_SENTENCE_CHARS, split_paragraphs, split_sentences

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_49799be3d89e085a.txt"


WRAPPED = (
    "This is a hard-wrapped paragraph of plain text that goes on\n"
    "and on over several lines, the way e-mail and old wire copy\n"
    "were written, with every line about the same width and none\n"
    "of them ending a sentence until the very end of it all.\n\n"
    "A second paragraph follows after a blank line and it is also\n"
    "wrapped at a fixed width so that the splitter keeps it whole."
)


def sentences(text: str) -> list[str]:
    return [s.slice(text) for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Smith went to Washington. He said so.", ["Mr. Smith went to Washington.", "He said so."]),
        ("He lives in the U.S. The weather is fine.", ["He lives in the U.S.", "The weather is fine."]),
        (
            "The U.S. President spoke on Sept. 12 at 3 p.m. in D.C. today.",
            ["The U.S. President spoke on Sept. 12 at 3 p.m. in D.C. today."],
        ),
        ("The U.N. Security Council met. It voted.", ["The U.N. Security Council met.", "It voted."]),
        ("John F. Kennedy was shot. It was 1963.", ["John F. Kennedy was shot.", "It was 1963."]),
        ('"Why?" he asked. "Because." She left!', ['"Why?" he asked.', '"Because."', "She left!"]),
        ("It cost $2.5 million. Or 3,000 troops.", ["It cost $2.5 million.", "Or 3,000 troops."]),
        ("Gen. al-Kadhemi spoke... Then left.", ["Gen. al-Kadhemi spoke...", "Then left."]),
        ("Dr. No met Sen. Rep. Gov. Jones. Ok.", ["Dr. No met Sen. Rep. Gov. Jones.", "Ok."]),
        ("He works at Apple Inc. in Cupertino.", ["He works at Apple Inc. in Cupertino."]),
        ("Shares of Acme Inc. fell. The firm said.", ["Shares of Acme Inc. fell.", "The firm said."]),
        ("“They are angry.” One official said so.", ["“They are angry.”", "One official said so."]),
        ('They are "angry." He said.', ['They are "angry."', "He said."]),
        ("St. Louis is big. No. 1 is here.", ["St. Louis is big.", "No. 1 is here."]),
        ("Growth was 2.5 percent in Jan. The end.", ["Growth was 2.5 percent in Jan.", "The end."]),
        ("  Padded.  ", ["Padded."]),
        ("", []),
    ],
)
def test_split_sentences(text, expected):
    assert sentences(text) == expected


def test_offsets_are_exact_and_stripped():
    text = SEED.read_text(encoding="utf-8")
    spans = split_sentences(text)
    assert len(spans) > 20
    for span in spans:
        part = text[span.start : span.end]
        assert part == part.strip()
        assert part
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))


def test_seed_quote_and_closing_quote():
    text = SEED.read_text(encoding="utf-8")
    got = sentences(text)
    assert "\"The Americans aren't just angry." in got
    assert "They're really, really, really angry,\" one Iraqi official said." in got
    assert (
        "Mr Kadhemi's downfall, Western diplomats and analysts said, could be a nightmare for Iraq's stability."
        in got
    )


def test_sentences_do_not_cross_paragraphs():
    text = "First paragraph without a stop\n\nSecond one. Third sentence."
    assert sentences(text) == ["First paragraph without a stop", "Second one.", "Third sentence."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One.\n\nTwo.\nTwo more.\n\n\n  Three.  ", ["One.", "Two.", "Two more.", "Three."]),
        (WRAPPED, [WRAPPED.split("\n\n")[0], WRAPPED.split("\n\n")[1]]),
        ("Line one.\nLine two.\n", ["Line one.", "Line two."]),
        ("\n\n", []),
    ],
)
def test_split_paragraphs(text, expected):
    assert [p.slice(text) for p in split_paragraphs(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "word " * 200_000,  # a 1 MB unpunctuated article
        "x" * 50_000,  # no whitespace at all: hard cuts
        ("Tiny. " * 10 + "a " * 30_000 + "The end."),  # bounded run between normal sentences
    ],
    ids=["unpunctuated", "no-whitespace", "mixed"],
)
def test_over_long_sentences_are_cut_at_the_bound_with_exact_offsets(text):
    spans = split_sentences(text)
    assert all(0 < s.end - s.start <= MAX_SENTENCE_CHARS for s in spans)
    # Pieces are in order, never overlap, and together hold every non-space character.
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))
    assert "".join(text[s.start : s.end] for s in spans).replace(" ", "") == text.replace(" ", "")
    # Cuts fall on whitespace when there is any, so pieces are at least half the bound.
    assert len(spans) <= 2 * len(text) // MAX_SENTENCE_CHARS + 12


def test_cut_falls_on_whitespace_and_keeps_short_sentences():
    text = "Tiny. " * 3 + "Long " + "a " * 3000 + "The end."
    spans = [text[s.start : s.end] for s in split_sentences(text)]
    assert spans[:3] == ["Tiny."] * 3
    assert spans[-1].endswith("The end.")
    assert all(not piece.startswith(" ") and not piece.endswith(" ") for piece in spans)
    assert spans[3].startswith("Long a a")
    assert all(piece.replace("a ", "").replace("a", "") == "" for piece in spans[4:-1])
