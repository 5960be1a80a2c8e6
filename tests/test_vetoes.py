"""The vetoes of workbench/extraction/vetoes.py: each row's example comes out as the row says, and
comes out otherwise without that row (so no guard can be deleted unnoticed); docs/claims.md lists
the same rows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from workbench.extraction import vetoes
from workbench.extraction.engine import extract

DOCS = Path(__file__).resolve().parent.parent / "docs" / "claims.md"
CASES = [(stage, row) for stage, name in vetoes.STAGES.items() for row in getattr(vetoes, name)]


def outcome(text: str) -> str:
    """Who each claim of `text` is attributed to: "outlet", or "<source phrase> <cue>"."""
    parts = []
    for claim in extract(text).claims:
        a = claim.attribution
        if a is None or a.source_start is None:
            parts.append("outlet")
        else:
            parts.append(f"{text[a.source_start : a.source_end]} {a.cue}")
    return " | ".join(parts)


@pytest.mark.parametrize(("stage", "row"), CASES, ids=[f"{stage}-{row.name}" for stage, row in CASES])
def test_each_veto_decides_its_example(stage, row, monkeypatch):
    assert outcome(row.example) == row.expect
    name = vetoes.STAGES[stage]
    monkeypatch.setattr(vetoes, name, tuple(r for r in getattr(vetoes, name) if r is not row))
    assert outcome(row.example) != row.expect, f"{row.name} is not needed by its example"


def test_rows_have_unique_names_and_a_reason():
    rows = {id(row): row for _, row in CASES}.values()
    names = [row.name for row in rows]
    assert len(names) == len(set(names))
    assert all(row.why and row.example.endswith(".") for row in rows)


def documented_rows() -> set[tuple[str, str, str, str]]:
    """(name, stages, example, outcome) from the table under "### Vetoes" in docs/claims.md."""
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("### Vetoes", 1)[1].split("\n#", 1)[0]
    rows = set()
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0].startswith("`"):
            rows.add(tuple(re.sub(r"^`|`$", "", c) for c in cells))
    return rows


def test_docs_list_every_veto():
    stages_of: dict[str, list[str]] = {}
    rows = {}
    for stage, row in CASES:
        stages_of.setdefault(row.name, []).append(stage)
        rows[row.name] = row
    in_code = {(name, ", ".join(stages_of[name]), row.example, row.expect) for name, row in rows.items()}
    assert documented_rows() == in_code


def test_call_takes_a_complement_not_a_time():
    """The `call` row's test on its own: a complement makes a stance, a time word a phone call."""
    for text, expected in [
        (" the charges unsubstantiated and politically motivated", True),
        (" him a liar in front of the cameras", True),
        (" Saleh last week to deliver an ultimatum", False),
        (" a meeting of the council", False),
    ]:
        assert vetoes.call_complement(text, 0, len(text)) is expected, text
