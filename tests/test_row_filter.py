"""The claims table's fast filter (ui/app/panels/row_filter.py) shows exactly what a plain pass of
ClaimFilter.accepts shows, whatever it remembers: typed, narrowed, backspaced, after edits and sorts."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from db import Workspace
from db.queries.claim_rows import ClaimRow, generate_claims
from ui.app.panels.claim_columns import ClaimFilter, Col, attention_reasons, haystack
from ui.app.panels.claims_model import ClaimsModel
from ui.app.panels.row_filter import RowFilter, prepare


def plain(rows: list[tuple], f: ClaimFilter) -> list[int]:
    needle = f.text.strip().casefold()
    return [r[ClaimRow.ID] for r in rows if f.accepts(r, haystack(r), needle)]


@pytest.fixture
def big_ws():
    ws = Workspace.memory()
    generate_claims(ws, 3000, articles=10)
    yield ws
    ws.close()


def shown(model: ClaimsModel) -> list[int]:
    return [model.claim_id(r) for r in range(model.rowCount())]


def test_typing_narrowing_and_backspace_match_a_plain_pass(big_ws):
    model = ClaimsModel(big_ws)
    model.show_all()
    texts = ["c", "ce", "cea", "ceasefire", "ceasefir", "cease", "", "sai", "said", "SAID ", "x", ""]
    for f in (
        ClaimFilter(),
        ClaimFilter(status="false"),
        ClaimFilter(attention=True, source_kind="anonymous"),
    ):
        for text in texts:
            model.set_filter(replace(f, text=text))
            assert shown(model) == plain(model.rows(), replace(f, text=text)), (f, text)


def test_edits_and_sorting_are_seen_by_the_next_keystroke(big_ws):
    model = ClaimsModel(big_ws)
    model.show_all()
    model.set_filter(ClaimFilter(text="cease"))
    model.set_filter(ClaimFilter(text="ceasefire"))
    before = shown(model)
    outsider = next(r[ClaimRow.ID] for r in model.rows() if "ceasefire" not in haystack(r))
    big_ws.claims.update(outsider, summary="a ceasefire now")
    model.update_claims([outsider])
    model.set_filter(ClaimFilter(text="ceasefire "))  # grows: must not narrow a stale result
    assert outsider in shown(model)
    model.set_filter(ClaimFilter(text="ceasefire"))  # typed before: must not answer from before
    assert set(shown(model)) == set(before) | {outsider}
    model.sort(Col.SUMMARY, Qt.SortOrder.AscendingOrder)
    model.set_filter(ClaimFilter(text="ceasefir"))
    assert shown(model) == plain(model.rows(), ClaimFilter(text="ceasefir"))


def test_prepared_haystacks_and_the_attention_cache():
    ws = Workspace.memory()
    generate_claims(ws, 400, articles=2)
    model = ClaimsModel(ws)
    from db.queries.claim_rows import all_rows

    model.show_all_rows(prepare(all_rows(ws)))
    model.set_filter(ClaimFilter(attention=True))
    assert shown(model) == [r[ClaimRow.ID] for r in model.rows() if attention_reasons(r)]
    f = RowFilter()
    rows = all_rows(ws)
    assert f.apply(rows, ClaimFilter(text="officials")) == [r for r in rows if "officials" in haystack(r)]
    ws.close()
