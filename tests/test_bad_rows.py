"""One bad row never sinks a whole archive: the row is reported by its number, the rest import.

Also: text arguments on the command line that are not UTF-8 get a clear message (the CLI used
to leak "'utf-8' codec can't encode character '\\udce9'").
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from db import Workspace
from db.flows.importing import import_paths
from workbench.text.importers import read_items
from workbench.text.rows import MAX_CELL_CHARS

ROOT = Path(__file__).resolve().parent.parent


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _texts(path: Path) -> list[str]:
    return [item.text for item in read_items(path).items]


def test_a_cell_over_128_kb_imports(tmp_path: Path) -> None:
    """Python's csv refuses fields over 128 KB by default: the whole file was rejected."""
    long_text = "The council said 40 homes were built. " * 5000  # 190 KB
    path = tmp_path / "long.csv"
    path.write_text(_csv([["text", "speaker"], ["Short one.", "A"], [long_text, "B"], ["After.", "C"]]))
    assert _texts(path) == ["Short one.", long_text.strip(), "After."]
    assert read_items(path).skipped == ()


def test_a_cell_larger_than_any_article_is_one_bad_row(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    huge = "x" * (MAX_CELL_CHARS + 10)
    path.write_text(f'text,speaker\nBefore.,A\n"{huge}",B\nAfter.,C\n', encoding="utf-8")
    contents = read_items(path)
    assert [i.text for i in contents.items] == ["Before.", "After."]
    (problem,) = contents.skipped
    assert problem.row == 3 and "row 3" in problem.reason and "MB" in problem.reason


def test_an_unterminated_quote_is_reported_not_merged(tmp_path: Path) -> None:
    path = tmp_path / "quote.csv"
    path.write_text(
        "text,speaker,rating\n"
        '"The deficit doubled.",Jane,false\n'
        '"Taxes rose 10%,John,true\n'  # the quote opened here is never closed
        "Crime fell 5%.,Ann,true\n"
        '"Rents doubled since 2015.",Bob,false\n'
        "Exports rose 8%.,Eve,true\n",
        encoding="utf-8",
    )
    contents = read_items(path)
    assert [i.text for i in contents.items] == [
        "The deficit doubled.",
        "Crime fell 5%.",
        "Rents doubled since 2015.",
        "Exports rose 8%.",
    ]
    (problem,) = contents.skipped
    assert problem.row == 3
    assert "row 3 (line 3)" in problem.reason and "quote" in problem.reason
    assert "Taxes rose" not in " ".join(i.text for i in contents.items)  # nothing merged into a cell


def test_a_quote_never_closed_before_the_end(tmp_path: Path) -> None:
    path = tmp_path / "eof.csv"
    path.write_text('text,speaker\nFirst.,A\n"Second, B\nThird.,C\nFourth.,D\n', encoding="utf-8")
    contents = read_items(path)
    assert [i.text for i in contents.items] == ["First.", "Third.", "Fourth."]
    (problem,) = contents.skipped
    assert problem.row == 3 and "never closed" in problem.reason


def test_good_quoting_is_read_as_before(tmp_path: Path) -> None:
    path = tmp_path / "good.csv"
    multi = 'He said, "no".\n\nThen, later, he said "yes", twice.'
    path.write_text(
        _csv([["text", "speaker"], [multi, "A"], ["Plain.", "B"]]) + '"Sloppy" quoting,C\n', encoding="utf-8"
    )
    contents = read_items(path)
    assert [i.text for i in contents.items] == [multi, "Plain.", "Sloppy quoting"]
    assert contents.skipped == ()


def test_rows_after_a_bad_jsonl_line_import(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text(
        '{"text": "One."}\n{"text": "Two", oops}\n["not", "an object"]\n{"title": "no text"}\n{"text": "Five."}\n',
        encoding="utf-8",
    )
    contents = read_items(path)
    assert [i.text for i in contents.items] == ["One.", "Five."]
    assert [(p.row, p.reason.split(" (")[0]) for p in contents.skipped] == [
        (2, "line 2 is not valid JSON"),
        (3, "line 3 is not a JSON object"),
        (4, "row 4 has no text"),
    ]


def test_import_reports_each_bad_row_and_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(
        'text,speaker\nGood one.,A\nToo,many,fields\n"Open quote,B\nGood two.,C\n', encoding="utf-8"
    )
    with Workspace.open(tmp_path / "ws.db") as ws:
        report = import_paths(ws, [path])
        stored = [r[0] for r in ws.db.execute("SELECT text FROM articles ORDER BY id")]
    assert stored == ["Good one.", "Good two."]
    assert report.failed == [] and not report.ok
    assert [p.row for p in report.skipped] == [3, 4]
    assert "2 added, 0 duplicate, 2 rows skipped, 0 failed" in report.summary()


def test_cli_prints_each_bad_row(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text('{"text": "Kept."}\n{"text": \n', encoding="utf-8")
    result = _cli("import", str(path), "-w", str(tmp_path / "ws.db"), "--json")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"workbench: skipped {path}: line 2 is not valid JSON" in result.stderr
    out = json.loads(result.stdout)
    assert out["added"] == [1] and out["skipped"][0]["row"] == 2


def _cli(*args: str | bytes) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        cwd=ROOT,
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", "LC_ALL": "C.UTF-8"},
    )


@pytest.fixture
def ws_with_claim(tmp_path: Path, seed_path: Path) -> Path:
    ws_path = tmp_path / "ws.db"
    with Workspace.open(ws_path) as ws:
        import_paths(ws, [seed_path])
        text = ws.articles.get(1).text
        ws.claims.add(1, 0, text.index(" ", 10))
    return ws_path


@pytest.mark.parametrize(
    "args",
    [
        ["articles", "--search", b"caf\xe9"],
        ["verdict", "1", "verified", "--note", b"bad \xff note"],
        ["review", "1", "--approve", "--comment", b"\xfe"],
        ["match", b"3,000 troops\xff"],
        ["signoff", "1", "--force", "--user", b"Jos\xe9"],
    ],
    ids=["search", "note", "comment", "match", "user"],
)
def test_text_arguments_that_are_not_utf8_get_a_clear_message(ws_with_claim: Path, args: list) -> None:
    argv = [a if isinstance(a, bytes) else a.encode() for a in args] + [b"-w", os.fsencode(ws_with_claim)]
    result = _cli(*argv)
    assert result.returncode == 2, result.stderr
    assert "is not UTF-8 text" in result.stderr and "0x" in result.stderr
    assert "codec" not in result.stderr and "surrogates" not in result.stderr
    with Workspace.open(ws_with_claim, read_only=True) as ws:  # nothing was written
        assert ws.notes.for_claim(1) == [] and ws.claims.get(1).reviewer == ""
        assert ws.articles.sign_off(1)[0] in ("", None)


def test_rereading_after_broken_quotes_is_bounded(tmp_path: Path) -> None:
    """Each broken quote makes the lines it swallowed be read again: past a bound the file is
    refused as not CSV, so a file of broken quotes costs a few passes, not one per line."""
    path = tmp_path / "quotes.csv"
    path.write_text("text\n" + "".join(f'"broken {i}\n' for i in range(5000)), encoding="utf-8")
    with pytest.raises(Exception, match="quote that is never closed") as info:
        read_items(path)
    assert "is it a CSV file?" in str(info.value) and "line 2" in str(info.value)
