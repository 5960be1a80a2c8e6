"""`workbench export`, `review` and `signoff` on a workspace file."""

from __future__ import annotations

import json

import pytest
from report_seed import seed_claims

from ui.cli import main
from workbench.reports.claimreview import check_claimreview
from workbench.reports.csv_export import read_csv
from workbench.reports.json_export import read_json


@pytest.fixture
def ws_file(seed_ws, ws_path):
    seeded = seed_claims(seed_ws)
    seed_ws.close()
    return ws_path, seeded


@pytest.mark.parametrize("fmt", ["html", "md", "csv", "json", "claimreview", "w3c", "audit", "pdf"])
def test_export_every_format(ws_file, tmp_path, fmt, capsys, qapp):
    path, seeded = ws_file
    out = tmp_path / f"report.{fmt}"
    rc = main(
        [
            "export",
            "-w",
            str(path),
            "--article",
            "1",
            "--format",
            fmt,
            "-o",
            str(out),
            "--organisation",
            "Desk",
        ]
    )
    assert rc == 0, capsys.readouterr().err
    assert out.stat().st_size > 500
    if fmt == "json":
        assert read_json(out)["articles"][0]["article"]["id"] == 1
    elif fmt == "csv":
        assert len(read_csv(out)) == len(seeded.claims)
    elif fmt == "claimreview":
        assert all(check_claimreview(r) == [] for r in json.loads(out.read_text()))
    elif fmt == "audit":
        rows = read_csv(out)
        assert {r["action"] for r in rows} >= {"create", "update", "sign_off"}
    elif fmt == "pdf":
        assert out.read_bytes().startswith(b"%PDF")


def test_export_to_stdout_and_whole_workspace(ws_file, capsys):
    path, _ = ws_file
    assert main(["export", "-w", str(path), "--format", "json", "-o", "-"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [a["article"]["id"] for a in data["articles"]] == [1, 2]


def test_export_audit_as_json(ws_file, tmp_path):
    path, _ = ws_file
    out = tmp_path / "audit.json"
    assert main(["export", "-w", str(path), "--format", "audit", "-o", str(out)]) == 0
    entries = json.loads(out.read_text())
    assert entries and {"at", "user", "action", "old", "new"} <= set(entries[0])


def test_export_errors_are_one_line(ws_file, tmp_path, capsys):
    path, _ = ws_file
    assert (
        main(
            ["export", "-w", str(path), "--article", "99", "--format", "html", "-o", str(tmp_path / "x.html")]
        )
        == 1
    )
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no article with id 99" in err
    assert main(["export", "-w", str(tmp_path / "missing.db"), "--format", "html", "-o", "-"]) == 1
    assert "no workspace" in capsys.readouterr().err


def test_review_and_signoff_write_the_audit_log(ws_file, capsys):
    from db import Workspace

    path, seeded = ws_file
    claim = seeded.claims["angry"]
    assert (
        main(
            [
                "review",
                str(claim),
                "-w",
                str(path),
                "--query",
                "--comment",
                "Name the official?",
                "--user",
                "Ed",
            ]
        )
        == 0
    )
    assert main(["review", str(claim), "-w", str(path), "--approve", "--user", "Ed"]) == 0
    assert main(["signoff", "1", "-w", str(path), "--user", "Ed", "--comment", "ok"]) == 0
    with Workspace.open(path) as ws:
        c = ws.claims.get(claim)
        assert (c.review.value, c.reviewer, c.review_comment) == ("approved", "Ed", "Name the official?")
        assert ws.articles.sign_off(1)[0] == "Ed"
        entries = [e for e in ws.audit.entries(claim_id=claim) if e.field == "review"]
        assert [(e.user, e.old, e.new) for e in entries] == [("Ed", "", "query"), ("Ed", "query", "approved")]
    assert main(["signoff", "1", "-w", str(path), "--withdraw", "--user", "Ed"]) == 0
    with Workspace.open(path) as ws:
        assert ws.articles.sign_off(1)[0] == ""
