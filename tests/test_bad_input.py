"""Bad input: every broken file gets one clear line, and the good files beside it still import.

The committed corpus lives in tests/data/bad/. Cases that cannot be committed (a 100 MB file,
an unreadable file, symbolic-link loops, a pipe, a file name that is not UTF-8) are made here
in tmp_path.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from db import Workspace
from db.flows.importing import import_paths
from workbench.text.importers import ImportProblem, read_file, read_items

BAD = Path(__file__).resolve().parent / "data" / "bad"
ROOT = Path(__file__).resolve().parent.parent

# file name -> words the one-line reason must contain
REJECTED = {
    "binary_png_named.txt": "binary",
    "binary_zip_named.md": "binary",
    "bom_only.txt": "white space",
    "control_chars.txt": "binary",
    "csv_header_only.csv": "no rows",
    "csv_no_text_column.csv": "no text column",
    "empty.txt": "empty",
    "html_only_script.html": "no article text",
    "jsonl_no_text.jsonl": "row 1 has no text",
    "jsonl_not_objects.jsonl": "not a JSON object",
    "markdown_title_only.md": "no article text",
    "nul_bytes.txt": "binary",
    "truncated.json": "",  # whatever the annotation importer says, as long as it is one line
    "tsv_wrong_delimiter.tsv": "no text column",
    "utf16_bom_odd_bytes.txt": "byte-order mark",
    "whitespace_only.txt": "empty",
}
# file name -> (rows that import, the one-line reason for the bad row left out): one bad row
# never sinks the file (`read_file` is all or nothing and raises that reason; the import skips it)
PARTIAL = {
    "csv_extra_columns.csv": (1, "row 3 has 5 fields"),
    "truncated.jsonl": (1, "line 2 is not valid JSON"),
}
# file name -> (items it holds, a phrase of the text as it must be stored)
IMPORTED = {
    "cp1252_quotes.txt": (1, "“the reform is essential” – it costs €3bn"),
    "crlf_and_cr.txt": (1, "tonnes in 2023.\n\nExports rose 8%, officials said.\nThey expect more."),
    "csv_short_rows.csv": (2, "Taxes rose 10% last year."),
    "deep_nesting.html": (1, "A deeply nested paragraph says 7 people were hurt."),
    "jsonl_blank_lines_crlf.jsonl": (2, "Rents doubled since 2015."),
    "jsonl_lone_surrogate.jsonl": (1, "broken \ufffd surrogate"),
    "jsonl_odd_values.jsonl": (1, "Inflation hit 9% in 2022."),
    "latin1.txt": (1, "« C'est une nécessité », a-t-il ajouté à Genève."),
    "mixed_encodings.txt": (1, "café in Zürich costs 5 €.\nLine two in cp1252: the mayor said “naïve”"),
    "no_final_newline_wire.txt": (1, "The strike closed 30 schools, unions said."),
    "non_ascii_name_Ürümqi_北京.txt": (1, "Officials in Ürümqi said 15 flights"),
    "rtl_and_zero_width.txt": (1, "المسؤول قال إن 3000 جندي غادروا."),
    "soup.html": (1, "Crews restored power to most homes by Monday evening."),
    "utf16be_no_bom.txt": (1, "the railway would reopen"),
    "utf16le_no_bom.txt": (1, "the tunnel would reopen"),
}


def _good_items() -> int:
    return sum(count for count, _ in IMPORTED.values()) + sum(count for count, _ in PARTIAL.values())


def _stored_texts(ws: Workspace) -> list[str]:
    return [row[0] for row in ws.db.execute("SELECT text FROM articles ORDER BY id").fetchall()]


def test_corpus_is_complete() -> None:
    names = {p.name for p in BAD.iterdir()}
    assert names == set(REJECTED) | set(IMPORTED) | set(PARTIAL)
    assert len(names) >= 20


@pytest.mark.parametrize("name", sorted(REJECTED) + sorted(PARTIAL))
def test_each_bad_file_raises_one_line_problem(name: str) -> None:
    with pytest.raises(ImportProblem) as info:
        read_file(BAD / name)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(str(BAD / name) + ": ")
    assert (REJECTED[name] if name in REJECTED else PARTIAL[name][1]) in info.value.reason


@pytest.mark.parametrize("name", sorted(PARTIAL))
def test_a_bad_row_is_left_out_and_the_rest_read(name: str) -> None:
    contents = read_items(BAD / name)
    count, reason = PARTIAL[name]
    assert len(contents.items) == count
    (problem,) = contents.skipped
    assert reason in problem.reason and "\n" not in str(problem)


@pytest.mark.parametrize("name", sorted(IMPORTED))
def test_each_awkward_file_imports_exactly(name: str) -> None:
    items = read_file(BAD / name)
    count, phrase = IMPORTED[name]
    assert len(items) == count
    assert any(phrase in item.text for item in items)
    for item in items:
        assert item.text == item.text.strip()
        assert "\r" not in item.text and "\x00" not in item.text
        item.text.encode("utf-8")  # storable: no lone surrogates


def test_html_soup_keeps_no_script_style_or_remote_reference() -> None:
    (item,) = read_file(BAD / "soup.html")
    for banned in ("alert", "fetch", "document", "http", "evil", "background", "Subscribe", "Home |"):
        assert banned not in item.text
    assert item.meta.title == "Storm damage"


def test_import_corpus_in_process(fresh_ws: Workspace) -> None:
    report = import_paths(fresh_ws, [BAD])
    failed = {Path(p.path).name: p for p in report.failed}
    assert set(failed) == set(REJECTED)
    assert {Path(p.path).name for p in report.skipped} == set(PARTIAL)
    assert len(report.added) == _good_items()
    texts = _stored_texts(fresh_ws)
    for _count, phrase in IMPORTED.values():
        assert any(phrase in text for text in texts), phrase
    assert not report.ok


def _run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        cwd=cwd or ROOT,
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def _assert_one_line_each(stderr: str, names: list[str]) -> None:
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    for name in names:
        hits = [line for line in lines if f"/{name}: " in line]
        assert len(hits) == 1, (name, hits)
        assert hits[0].startswith("workbench: skipped ")


def test_cli_import_of_the_corpus_reports_each_bad_file_in_one_line(tmp_path: Path) -> None:
    ws = tmp_path / "ws.db"
    result = _run_cli("import", str(BAD), "-w", str(ws))
    assert result.returncode == 1
    _assert_one_line_each(result.stderr, sorted(REJECTED) + sorted(PARTIAL))
    assert f"{len(REJECTED)} failed" in result.stderr
    assert f"{len(PARTIAL)} rows skipped" in result.stderr
    good = _good_items()
    assert f"{good} added" in result.stderr
    with sqlite3.connect(ws) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == good
    # A second run finds every good file already stored, and still reports the bad ones.
    again = _run_cli("import", str(BAD), "-w", str(ws), "--json")
    assert again.returncode == 1
    assert "Traceback" not in again.stderr


def test_cli_import_of_good_files_only_exits_zero(tmp_path: Path) -> None:
    result = _run_cli("import", str(BAD / "latin1.txt"), str(BAD / "soup.html"), "-w", str(tmp_path / "w.db"))
    assert result.returncode == 0, result.stderr
    assert "2 added" in result.stderr


# --- cases made at test time ------------------------------------------------------------------


@pytest.fixture
def nasty(tmp_path: Path) -> Path:
    """A folder of inputs that cannot be committed, and one good file beside them."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("The council said 250 homes were built in 2023.\n", encoding="utf-8")
    with (folder / "huge.txt").open("wb") as f:  # 100 MB of text, sparse on disk
        f.write(b"The council said. " * 10)
        f.truncate(100 * 1024 * 1024)
    (folder / "loop_a.txt").symlink_to(folder / "loop_b.txt")
    (folder / "loop_b.txt").symlink_to(folder / "loop_a.txt")
    (folder / "dangling.txt").symlink_to(folder / "missing.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to(folder, target_is_directory=True)  # a folder loop
    (folder / "sub" / "also_good.md").write_text(
        "# Budget\n\nThe budget grew 3% in 2024.\n", encoding="utf-8"
    )
    os.mkfifo(folder / "pipe.txt")
    return folder


NASTY_REJECTED = {
    "huge.txt": "too large",
    "loop_a.txt": "symbolic link",
    "loop_b.txt": "symbolic link",
    "dangling.txt": "symbolic link",
    "pipe.txt": "not a regular file",
}


def test_generated_bad_inputs_in_process(nasty: Path, fresh_ws: Workspace) -> None:
    report = import_paths(fresh_ws, [nasty])
    failed = {Path(p.path).name: p.reason for p in report.failed}
    assert set(failed) == set(NASTY_REJECTED)
    for name, words in NASTY_REJECTED.items():
        assert words in failed[name]
    assert len(report.added) == 2  # good.txt and sub/also_good.md, visited once despite the loop


def test_generated_bad_inputs_via_cli(nasty: Path, tmp_path: Path) -> None:
    result = _run_cli("import", str(nasty), "-w", str(tmp_path / "ws.db"))
    assert result.returncode == 1
    _assert_one_line_each(result.stderr, sorted(NASTY_REJECTED))
    assert "2 added" in result.stderr


def test_a_path_that_does_not_exist(tmp_path: Path) -> None:
    result = _run_cli("import", str(tmp_path / "nope.txt"), "-w", str(tmp_path / "ws.db"))
    assert result.returncode == 1
    _assert_one_line_each(result.stderr, ["nope.txt"])
    assert "no such file" in result.stderr


def test_unreadable_file(tmp_path: Path, fresh_ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    secret = folder / "secret.txt"
    secret.write_text("The minister said 12 schools closed.\n", encoding="utf-8")
    (folder / "open.txt").write_text("The mayor said 3 bridges reopened.\n", encoding="utf-8")
    secret.chmod(0)
    if os.access(secret, os.R_OK):  # running as root: permission bits do not apply, so simulate it
        real_open = Path.open

        def deny(self: Path, *args: object, **kwargs: object):
            if self.name == "secret.txt":
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)

        monkeypatch.setattr(Path, "open", deny)
    report = import_paths(fresh_ws, [folder])
    assert [Path(p.path).name for p in report.failed] == ["secret.txt"]
    assert "permission denied" in report.failed[0].reason
    assert len(report.added) == 1


def test_unreadable_file_via_cli_when_not_root(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads files whatever their permissions (covered in-process above)")
    secret = tmp_path / "secret.txt"
    secret.write_text("The minister said 12 schools closed.\n", encoding="utf-8")
    secret.chmod(0)
    result = _run_cli("import", str(secret), "-w", str(tmp_path / "ws.db"))
    assert result.returncode == 1
    _assert_one_line_each(result.stderr, ["secret.txt"])
    assert "permission denied" in result.stderr


def test_file_name_that_is_not_utf8(tmp_path: Path, fresh_ws: Workspace) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    raw = os.fsencode(folder) + b"/caf\xe9-latin1-name.txt"  # a Latin-1 name on a UTF-8 system
    with open(raw, "wb") as f:
        f.write("The café served 40 meals, the owner said.\n".encode())
    (folder / "bad\u00e9.txt").write_bytes(b"")
    report = import_paths(fresh_ws, [folder])
    assert len(report.added) == 1
    stored = fresh_ws.articles.get(report.added[0].article_id)
    assert "40 meals" in stored.text
    assert stored.origin_path.endswith("caf\ufffd-latin1-name.txt")
    assert [Path(p.path).name for p in report.failed] == ["bad\u00e9.txt"]


def test_file_name_that_is_not_utf8_via_cli(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.fsencode(folder) + b"/bad-\xff.txt", "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (folder / "ok.txt").write_text("Police said 9 people were arrested.\n", encoding="utf-8")
    result = _run_cli("import", str(folder), "-w", str(tmp_path / "ws.db"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    skipped = [line for line in result.stderr.splitlines() if line.startswith("workbench: skipped")]
    assert len(skipped) == 1 and "binary" in skipped[0]
    assert "1 added" in result.stderr


# --- the GUI: the import worker and its report dialog -----------------------------------------


def test_gui_import_lists_each_bad_file_with_its_reason(tmp_path: Path, qtbot) -> None:
    from ui.app.dialogs import ImportReportDialog
    from ui.app.import_worker import ImportWorker

    ws_path = tmp_path / "ws.db"
    Workspace.open(ws_path).close()
    worker = ImportWorker(ws_path, [str(BAD)], user="tester")
    with qtbot.waitSignal(worker.signals.finished, timeout=60000) as blocker:
        worker.start()
    report = blocker.args[0]
    assert {Path(p.path).name for p in report.failed} == set(REJECTED)
    assert len(report.added) == _good_items()
    dialog = ImportReportDialog(report)
    qtbot.addWidget(dialog)
    table = dialog.failures
    shown = {table.item(row, 0).text(): table.item(row, 1).text() for row in range(table.rowCount())}
    assert set(shown) == set(REJECTED) | set(PARTIAL)
    expected = {**REJECTED, **{name: reason for name, (_, reason) in PARTIAL.items()}}
    for name, words in expected.items():
        reason = shown[name]
        assert words in reason and "\n" not in reason and "Traceback" not in reason
        assert table.item(list(shown).index(name), 0).toolTip().endswith(name)


def test_gui_import_into_a_broken_workspace_says_why(tmp_path: Path, qtbot) -> None:
    from ui.app.import_worker import ImportWorker

    ws_path = tmp_path / "ws.db"
    ws_path.write_text("not a workspace", encoding="utf-8")
    worker = ImportWorker(ws_path, [str(BAD / "latin1.txt")], user="tester")
    with qtbot.waitSignal(worker.signals.failed, timeout=20000) as blocker:
        worker.start()
    assert "is not a workspace" in blocker.args[0] and "\n" not in blocker.args[0]
    assert ws_path.read_text(encoding="utf-8") == "not a workspace"
