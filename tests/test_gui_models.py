"""The table models without widgets: Qt's model tester, sorting, filtering, offsets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from db.flows.importing import propose_claims
from db.queries.claim_rows import ClaimRow, all_rows, article_rows, generate_claims
from ui.app.panels.article_list import ArticleListModel
from ui.app.panels.claim_columns import ClaimFilter, Col
from ui.app.panels.claims_model import ClaimsModel, ClaimsProxy
from ui.app.text_offsets import Utf16Map


@pytest.fixture
def proposed_ws(seed_ws):
    propose_claims(seed_ws, 1)
    return seed_ws


def test_claims_model_passes_qt_model_tester(qtmodeltester, proposed_ws):
    model = ClaimsModel(proposed_ws)
    model.show_article(1)
    assert model.rowCount() > 2
    qtmodeltester.check(model, force_py=True)


def test_proxy_passes_qt_model_tester(qtmodeltester, proposed_ws):
    model = ClaimsModel(proposed_ws)
    model.show_article(1)
    proxy = ClaimsProxy()
    proxy.setSourceModel(model)
    proxy.set_claim_filter(ClaimFilter(text="official"))
    assert 0 < proxy.rowCount() < model.total()
    qtmodeltester.check(proxy, force_py=True)


def test_article_list_model_passes_qt_model_tester(qtmodeltester, proposed_ws):
    model = ArticleListModel()
    model.set_items(proposed_ws.articles.summaries())
    assert model.rowCount() == 1
    qtmodeltester.check(model, force_py=True)


def test_sorting_happens_in_the_source_and_keeps_ids(proposed_ws):
    model = ClaimsModel(proposed_ws)
    model.show_article(1)
    proxy = ClaimsProxy()
    proxy.setSourceModel(model)
    before = {model.claim_id(r) for r in range(model.rowCount())}
    proxy.sort(Col.SOURCE, Qt.SortOrder.AscendingOrder)
    sources = [model.row_tuple(r)[ClaimRow.SOURCE].casefold() for r in range(model.rowCount())]
    assert sources == sorted(sources)
    assert {model.claim_id(r) for r in range(model.rowCount())} == before
    assert all(model.row_of(model.claim_id(r)) == r for r in range(model.rowCount()))
    proxy.sort(Col.NUMBER, Qt.SortOrder.DescendingOrder)
    numbers = [int(proxy.index(r, Col.NUMBER).data()) for r in range(proxy.rowCount())]
    assert numbers == sorted(numbers, reverse=True)


def test_number_column_is_the_stable_claim_id(proposed_ws):
    """ "#" is the claim id (as in reports and the CLI): adding a claim renumbers nothing."""
    model = ClaimsModel(proposed_ws)
    model.show_article(1)
    n = model.rowCount()
    before = {model.claim_id(r): model.index(r, Col.NUMBER).data() for r in range(n)}
    assert before == {cid: str(cid) for cid in before}
    new = proposed_ws.claims.add(1, 0, 5)  # before every other claim in the text
    model.update_claims([new.id])
    assert model.rowCount() == n + 1
    assert model.row_of(new.id) == 0  # default order stays text order
    assert model.index(0, Col.NUMBER).data() == str(new.id)
    assert {cid: model.index(model.row_of(cid), Col.NUMBER).data() for cid in before} == before
    assert "Claim #" in model.index(0, Col.SUMMARY).data(Qt.ItemDataRole.ToolTipRole)
    proposed_ws.claims.delete(new.id)
    model.update_claims([new.id])
    assert model.rowCount() == n and model.row_of(new.id) is None


def test_number_sorts_numerically_and_clearing_restores_text_order(proposed_ws):
    model = ClaimsModel(proposed_ws)
    model.show_article(1)
    for i in range(12):  # ids past 9 and 10: "10" must sort after "9"
        proposed_ws.claims.add(1, 200 + i, 205 + i)
    model.reload()
    text_order = [model.claim_id(r) for r in range(model.rowCount())]
    model.sort(Col.NUMBER, Qt.SortOrder.AscendingOrder)
    ids = [int(model.index(r, Col.NUMBER).data()) for r in range(model.rowCount())]
    assert ids == sorted(ids) and max(ids) >= 10
    model.sort(-1)  # the header's sort indicator cleared
    assert [model.claim_id(r) for r in range(model.rowCount())] == text_order


def test_rows_match_between_article_and_workspace_queries(proposed_ws):
    assert article_rows(proposed_ws, 1) == all_rows(proposed_ws)


def test_generated_workspace_rows(fresh_ws):
    generate_claims(fresh_ws, 1000, articles=10)
    rows = all_rows(fresh_ws)
    assert len(rows) == 1000
    assert all(
        fresh_ws.articles.get(r[ClaimRow.ARTICLE_ID]).text[r[ClaimRow.START] : r[ClaimRow.END]]
        == r[ClaimRow.TEXT]
        for r in rows[:50]
    )


@pytest.mark.parametrize(
    ("text", "cp", "u16"),
    [
        ("abc", 2, 2),
        ("a😀b", 1, 1),
        ("a😀b", 2, 3),
        ("a😀b", 3, 4),
        ("😀😀x", 2, 4),
        ("é😀", 2, 3),
    ],
)
def test_utf16_map_round_trip(text, cp, u16):
    m = Utf16Map(text)
    assert m.to_utf16(cp) == u16
    assert m.to_cp(u16) == cp


def test_utf16_inside_a_surrogate_pair_rounds():
    m = Utf16Map("a😀b")
    assert m.to_cp(2) == 1
    assert m.to_cp(2, round_up=True) == 2
