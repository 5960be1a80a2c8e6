"""CSV exports never hand a spreadsheet a formula (OWASP's CSV injection rule), audit included.

Any cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe;
`read_csv` takes it off again, so every value reads back exactly.
"""

from __future__ import annotations

import csv
import io

import pytest
from report_seed import seed_claims

from db.queries.report_data import audit_records, load_report_data
from workbench.reports.csv_export import guard_cell, read_csv, render_audit_csv, render_csv

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PAYLOADS = [
    "-1+1",
    "-2+3+cmd|' /C calc'!A0",
    "-5",
    "-.5",
    '=HYPERLINK("http://evil.example")',
    "+1+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "'already quoted",
]


def _raw_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_guard_defuses_every_formula_start(payload: str) -> None:
    guarded = guard_cell(payload)
    assert not guarded.startswith(FORMULA_START)
    assert guarded == "'" + payload


@pytest.mark.parametrize("value", ["", "3,000 troops", "Pompeo called", "12-3", " -1+1", "e=mc2"])
def test_guard_leaves_ordinary_text_alone(value: str) -> None:
    assert guard_cell(value) == value


def test_claims_and_audit_csv_hold_no_formula_cell(seed_ws) -> None:
    seeded = seed_claims(seed_ws)
    ids = list(seeded.claims.values())
    for claim_id, payload in zip(ids, PAYLOADS, strict=False):
        seed_ws.claims.update(claim_id, summary=payload, review_comment=payload)
    data = load_report_data(seed_ws, 1)
    entries = audit_records(seed_ws)
    for text in (render_csv(data), render_audit_csv(entries)):
        cells = _raw_cells(text)
        bad = [c for c in cells if c.startswith(FORMULA_START)]
        assert bad == []
        for payload in PAYLOADS[: len(ids)]:
            assert "'" + payload in cells  # guarded, not dropped
    rows = {int(r["claim_id"]): r for r in read_csv(render_csv(data))}
    for claim_id, payload in zip(ids, PAYLOADS, strict=False):
        assert rows[claim_id]["summary"] == payload  # reads back exactly
    audit = read_csv(render_audit_csv(entries))
    assert {r["new"] for r in audit} >= set(PAYLOADS[: len(ids)])
