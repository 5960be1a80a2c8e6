"""Wire copies: grouping republished stories at import, and counting them once."""

from __future__ import annotations

from db.flows.importing import store_item
from workbench.matching.wire import is_wire_copy, merged_group, sentence_key, sentence_keys, shared_fraction
from workbench.model import ArticleMeta, ImportItem, ItemKind


def _add(ws, text, title="copy", url=""):
    """Stored as an import stores it (the import flow groups wire copies)."""
    return store_item(ws, ImportItem(text, ArticleMeta(title=title, url=url))).article_id


def _republished(text: str) -> str:
    # Another outlet: its own standfirst, the credit spelt out, the last paragraph cut.
    body = text.replace("Agence France-Presse", "AFP").rsplit("\n\n", 2)[0]
    return "Published with permission of the wire service.\n\n" + body


def test_sentence_key_ignores_case_and_punctuation():
    a = sentence_key("The US still has hundreds of diplomats in its mission, in Baghdad.")
    assert a == sentence_key("the US still has hundreds of diplomats in its mission in Baghdad")
    assert a is not None and -(2**63) <= a < 2**63
    assert sentence_key("The official declined to comment.") is None  # too short to key
    assert len(sentence_keys(["x " * 10, "x " * 10, "y " * 10])) == 2


def test_is_wire_copy(seed_path):
    seed = seed_path.read_text(encoding="utf-8")
    assert is_wire_copy(seed, _republished(seed))
    assert shared_fraction(seed, _republished(seed)) > 0.9
    # A story that quotes one line of the seed is not a copy of it.
    quote = (
        'In other news, an analyst said: "If the US really closes its embassy, it will leave Kadhemi in a very '
        'weak and dangerous position." Markets rose on Monday as oil prices climbed for a third day, traders '
        "said, while the central bank kept rates on hold and promised more support for exporters this year."
    )
    assert not is_wire_copy(seed, quote)


def test_merged_group():
    assert merged_group([]) is None
    assert merged_group([(5, None), (3, None)]) == 3
    assert merged_group([(5, 9), (3, None), (8, 4)]) == 4


def test_republished_copy_joins_the_seed_group(seed_any, seed_path):
    copy = _add(seed_any, _republished(seed_path.read_text(encoding="utf-8")))
    other = _add(
        seed_any, "Oil prices rose on Monday for a third day as traders bet on tighter supply, analysts said."
    )
    group = seed_any.articles.get(1).wire_group
    assert group == 1 and seed_any.articles.get(copy).wire_group == group
    assert seed_any.articles.get(other).wire_group is None
    third = _add(seed_any, "From our wires.\n\n" + _republished(seed_path.read_text(encoding="utf-8")))
    assert seed_any.articles.get(third).wire_group == group
    assert seed_any.db.execute("SELECT count(*) FROM audit WHERE action = 'wire_group'").fetchone()[0] == 2


def test_new_version_keeps_the_group(seed_any, seed_path):
    text = _republished(seed_path.read_text(encoding="utf-8"))
    copy = _add(seed_any, text, url="https://example.com/story")
    updated = _add(seed_any, text + "\n\nThis story has been corrected.", url="https://example.com/story")
    assert seed_any.articles.get(updated).version_of == copy
    assert seed_any.articles.get(updated).wire_group == seed_any.articles.get(1).wire_group == 1


def test_statements_are_not_grouped(seed_any, seed_path):
    item = ImportItem(seed_path.read_text(encoding="utf-8"), ArticleMeta(title="s"), kind=ItemKind.STATEMENT)
    statement = seed_any.articles.add(item).article_id
    assert seed_any.articles.get(statement).wire_group is None
    assert seed_any.wire.assign(statement) is None
    assert seed_any.articles.get(1).wire_group is None
