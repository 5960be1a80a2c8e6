"""W3C annotation files written by someone else: one bad annotation never sinks the file or
blames the workspace, the summary counts the claims created, and no file can approve a claim."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from report_seed import seed_claims

from db import Workspace
from db.flows.importing import import_paths
from db.queries.report_data import load_report_data
from workbench.model import ArticleMeta, ImportItem, Review
from workbench.reports.w3c import render_w3c


@pytest.fixture
def exported(seed_ws: Workspace) -> dict:
    """The seed's claims as a W3C collection: four claims, one approved and one queried."""
    seeded = seed_claims(seed_ws)
    seed_ws.claims.update(seeded.claims["troops"], review=Review.APPROVED, reviewer="Desk Boss")
    return json.loads(render_w3c(load_report_data(seed_ws, 1)))


@pytest.fixture
def target(engine, seed_path: Path) -> Workspace:
    """Another workspace (on each engine) holding the seed article and no claims."""
    with engine.open("checker") as ws:
        import_paths(ws, [seed_path])
        yield ws


@pytest.fixture
def target_file(tmp_path: Path, seed_path: Path) -> Workspace:
    """`target` as a file (a subprocess opens it by path; the window runs its jobs on a second connection)."""
    with Workspace.open(tmp_path / "other.db", user="checker") as ws:
        import_paths(ws, [seed_path])
        yield ws


def _items(collection: dict) -> list[dict]:
    return collection["first"]["items"]


def _write(tmp_path: Path, collection: dict, name: str = "claims.json") -> Path:
    path = tmp_path / name
    # Infinity as JavaScript writes it; a lone surrogate as the escape "\ud800" (ensure_ascii)
    path.write_text(json.dumps(collection), encoding="utf-8")
    return path


def _claims(ws: Workspace) -> int:
    return ws.db.execute("SELECT count(*) FROM claims").fetchone()[0]


def test_summary_counts_the_claims_an_annotation_file_creates(tmp_path, exported, target) -> None:
    path = _write(tmp_path, exported)
    report = import_paths(target, [path])
    n = len(_items(exported))
    assert report.ok and report.claims_added == n == _claims(target)
    assert report.summary() == f"{n} claims added from annotations, 0 failed (from 1 file)"
    assert "duplicate" not in report.summary()
    again = import_paths(target, [path])
    assert again.claims_added == 0 and again.claims_existing == n
    assert f"0 claims added from annotations ({n} already stored)" in again.summary()


def test_cli_summary_counts_the_claims(tmp_path, exported, target_file) -> None:
    target = target_file
    import subprocess
    import sys

    path = _write(tmp_path, exported)
    ws_path = target.path
    target.close()
    result = subprocess.run(
        [sys.executable, "-m", "ui.cli", "import", str(path), "-w", str(ws_path)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parent.parent,
    )
    n = len(_items(exported))
    assert f"{n} claims added from annotations" in result.stderr
    assert "0 added, 1 duplicate" not in result.stderr


def test_an_annotation_cannot_approve_or_name_a_reviewer(tmp_path, exported, target) -> None:
    forged = copy.deepcopy(exported)
    for item in _items(forged):
        item["wb:review"] = {"mark": "approved", "reviewer": "Chief Editor", "comment": "all fine"}
    report = import_paths(target, [_write(tmp_path, forged)])
    assert report.claims_added == len(_items(forged))
    rows = target.db.execute("SELECT review, reviewer, review_comment FROM claims").fetchall()
    assert rows and all(row == ("", "", "") for row in rows)
    assert any(f"{len(rows)} desk review marks" in note and "not applied" in note for note in report.notes)
    # and the audit log holds no review by anyone: only the checker who imported created claims
    fields = target.db.execute("SELECT DISTINCT user, action, field FROM audit WHERE entity = 'claim'")
    assert {tuple(r) for r in fields} == {("checker", "create", "")}


BAD_ANNOTATIONS = {
    "infinite offset": lambda a: a["target"]["selector"][1].update(start=float("inf"), end=float("inf")),
    "summary object": lambda a: a["body"][0].update(value={"text": "not a string"}),
    "lone surrogate": lambda a: a["body"][0].update(value="broken \ud800 summary"),
    "offset object": lambda a: a["target"]["selector"][1].update(start={"x": 1}),
    "source offsets": lambda a: a["body"][2]["wb:attribution"].update(sourceStart=1e300, sourceEnd=[1]),
    "target list": lambda a: a.update(target=[[1, 2]]),
    "quote number": lambda a: a["target"]["selector"][0].update(exact=12),
}


@pytest.mark.parametrize("case", sorted(BAD_ANNOTATIONS))
def test_one_bad_annotation_never_sinks_the_file(tmp_path, exported, target, case) -> None:
    hostile = copy.deepcopy(exported)
    BAD_ANNOTATIONS[case](_items(hostile)[1])
    n = len(_items(hostile))
    report = import_paths(target, [_write(tmp_path, hostile)])
    assert report.failed == []
    placed = report.claims_added
    skipped = [p.row for p in report.skipped]
    assert placed + len(skipped) == n  # every annotation is imported or reported by its number
    assert skipped in ([], [2])
    for problem in report.skipped:
        assert problem.reason.startswith("annotation 2: ") and "\n" not in problem.reason
    assert _claims(target) == placed >= n - 1
    target.db.execute("SELECT summary FROM claims").fetchall()  # everything stored is readable


def test_a_bad_annotation_is_reported_by_number(tmp_path, exported, target) -> None:
    hostile = copy.deepcopy(exported)
    only_position = _items(hostile)[2]
    only_position["target"]["selector"] = [{"type": "TextPositionSelector", "start": "Infinity", "end": 5}]
    _items(hostile)[0]["body"][0]["value"] = {"an": "object"}
    report = import_paths(target, [_write(tmp_path, hostile)])
    reasons = {p.row: p.reason for p in report.skipped}
    assert set(reasons) == {1, 3}
    assert "summary" in reasons[1] and "object" in reasons[1]
    assert "finite" in reasons[3]
    assert report.claims_added == len(_items(hostile)) - 2
    assert "2 annotations skipped" in report.summary()


def test_exponent_overflow_in_the_file_text(tmp_path, exported, target) -> None:
    """`1e400` in the JSON text is a float infinity to Python's json: OverflowError before."""
    item = _items(exported)[1]
    start = item["target"]["selector"][1]["start"]
    path = _write(tmp_path, exported)
    text = path.read_text(encoding="utf-8").replace(f'"start": {start}', '"start": 1e400', 1)
    path.write_text(text, encoding="utf-8")
    report = import_paths(target, [path])
    assert report.failed == [] and report.claims_added == len(_items(exported))


def test_a_file_with_no_usable_annotation_is_one_failed_file(tmp_path, exported, target) -> None:
    hostile = copy.deepcopy(exported)
    for item in _items(hostile):
        item["body"][0]["value"] = ["a", "list"]
    report = import_paths(target, [_write(tmp_path, hostile)])
    (problem,) = report.failed
    assert problem.reason.startswith("annotation 1: the summary")
    assert "more annotations that cannot be imported" in problem.reason
    assert _claims(target) == 0


def test_the_window_opens_the_annotated_article_and_says_what_it_left_out(
    tmp_path, exported, target_file, qtbot
) -> None:
    target = target_file
    from PySide6.QtWidgets import QLabel
    from test_gui_helpers import settings

    from ui.app.dialogs import ImportReportDialog
    from ui.app.main_window import MainWindow

    forged = copy.deepcopy(exported)
    _items(forged)[0]["wb:review"] = {"mark": "approved", "reviewer": "Chief Editor"}
    _items(forged)[1]["body"][0]["value"] = {"an": "object"}
    path = _write(tmp_path, forged)
    win = MainWindow(target, settings(tmp_path))
    qtbot.addWidget(win)
    win.jobs.propose_on_import.setChecked(False)
    win.show()
    other = target.articles.add(ImportItem("Police said 9 people were arrested.", ArticleMeta(title="Other")))
    win.reload_all()
    win.open_article(other.article_id)  # another article is open when the import finishes
    with qtbot.waitSignal(win.changed, timeout=20000):
        win.jobs.import_paths([str(path)])
    qtbot.waitUntil(lambda: win.jobs.last_import_report is not None, timeout=20000)
    report = win.jobs.last_import_report
    assert win.current_article_id() == 1  # the article that received the claims
    assert win.claims_model.rowCount() == report.claims_added == len(_items(forged)) - 1
    dialog = ImportReportDialog(report, win)
    qtbot.addWidget(dialog)
    shown = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "desk review mark" in shown and "annotation" in shown
    assert dialog.failures is not None and "annotation 2" in dialog.failures.item(0, 1).text()
