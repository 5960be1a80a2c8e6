"""`workbench export`, `review` and `signoff` on a workspace file."""

from __future__ import annotations

import json
import re

import pytest
from report_seed import seed_claims

from ui.cli.main import main
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
            "--organisation-url",
            "https://desk.example",
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
    assert main(["signoff", "1", "-w", str(path), "--withdraw", "--user", "Ed"]) == 0
    assert main(["signoff", "1", "-w", str(path), "--user", "Ed", "--comment", "ok", "--force"]) == 0
    with Workspace.open(path) as ws:
        c = ws.claims.get(claim)
        assert (c.review.value, c.reviewer, c.review_comment) == ("approved", "Ed", "Name the official?")
        assert ws.articles.sign_off(1)[0] == "Ed"
        entries = [e for e in ws.audit.entries(claim_id=claim) if e.field == "review"]
        assert [(e.user, e.old, e.new) for e in entries] == [("Ed", "", "query"), ("Ed", "query", "approved")]
    assert main(["signoff", "1", "-w", str(path), "--withdraw", "--user", "Ed"]) == 0
    with Workspace.open(path) as ws:
        assert ws.articles.sign_off(1)[0] == ""


# --- what a new user ran into ------------------------------------------------------


def test_claimreview_without_verdicts_writes_an_empty_list_and_says_so(ws_path, seed_path, tmp_path, capsys):
    from db import Workspace
    from db.flows.importing import import_paths

    with Workspace.open(ws_path) as ws:
        import_paths(ws, [seed_path])
        ws.claims.add(1, 0, 20, summary="unchecked")
    out = tmp_path / "cr.jsonld"
    assert (
        main(["export", "-w", str(ws_path), "-f", "claimreview", "-o", str(out), "--organisation", "D"]) == 0
    )
    assert json.loads(out.read_text()) == []
    err = capsys.readouterr().err
    assert "no claim has a verdict yet: nothing to export" in err


def test_claimreview_invents_no_url_warns_and_holds_back_proposals(ws_file, tmp_path, capsys):
    from db import Workspace
    from workbench.model import Origin, Status

    path, seeded = ws_file
    with Workspace.open(path) as ws:
        assert ws.articles.get(1).url == ""
        # a proposal worth checking (a weak one is held back as weak, without this warning)
        text = ws.articles.get(1).text
        start = text.index("Unless Iraq")
        end = text.index("troops", start) + len("troops")
        ws.claims.add(1, start, end, summary="a proposal", origin=Origin.PROPOSED, status=Status.FALSE)
    out = tmp_path / "cr.jsonld"
    assert (
        main(
            [
                "export",
                "-w",
                str(path),
                "--article",
                "1",
                "-f",
                "claimreview",
                "-o",
                str(out),
                "--organisation",
                "",
            ]
        )
        == 0
    )
    text = out.read_text()
    reviews = json.loads(text)
    assert "urn:" not in text
    assert reviews and all("url" not in r["itemReviewed"]["appearance"] and "url" not in r for r in reviews)
    assert all(r["author"]["name"] == "Unnamed fact-checking desk" for r in reviews)
    assert "a proposal" not in {r.get("name") for r in reviews}
    err = capsys.readouterr().err
    assert "organisation is not set" in err and "--organisation" in err
    assert "1 claim with a verdict is still proposed" in err and "--include-proposed" in err
    assert "no review has a url" in err and "--organisation-url" in err
    assert "1 article has no URL" in err and "workbench article ID --url" in err
    assert (
        main(
            ["export", "-w", str(path), "--article", "1", "-f", "claimreview", "-o", str(out)]
            + ["--organisation", "Desk", "--organisation-url", "https://desk.example", "--include-proposed"]
        )
        == 0
    )
    reviews = json.loads(out.read_text())
    assert "a proposal" in {r.get("name") for r in reviews}
    assert all(check_claimreview(r) == [] for r in reviews)
    assert all(r["url"].startswith("https://desk.example/fact-checks/claim-") for r in reviews)


def test_w3c_suffix_imports_and_a_missing_article_is_named(ws_file, tmp_path, capsys):
    from db import Workspace

    path, seeded = ws_file
    out = tmp_path / "claims.w3c"
    assert main(["export", "-w", str(path), "--article", "1", "-f", "w3c", "-o", str(out)]) == 0
    with Workspace.open(path) as ws:
        before = sorted((c.start, c.end, c.summary) for c in ws.claims.for_article(1))
        for c in ws.claims.for_article(1):
            ws.claims.delete(c.id)
    capsys.readouterr()
    assert main(["import", str(out), "-w", str(path)]) == 0, capsys.readouterr().err
    with Workspace.open(path) as ws:
        assert sorted((c.start, c.end, c.summary) for c in ws.claims.for_article(1)) == before
    empty = tmp_path / "empty.db"
    assert main(["import", str(out), "-w", str(empty)]) == 1
    err = capsys.readouterr().err
    assert "“Enraged by near-daily attacks" in err and "import the article first" in err
    assert err.count("not in this workspace") == 1
    review = tmp_path / "cr.json"
    review.write_text(json.dumps([{"@context": "https://schema.org", "@type": "ClaimReview"}]))
    assert main(["import", str(review), "-w", str(path)]) == 1
    assert "a ClaimReview export, which cannot be imported" in capsys.readouterr().err


def test_pdf_to_a_missing_folder_is_one_clean_line(ws_file, capfd):
    path, _ = ws_file
    assert main(["export", "-w", str(path), "-f", "pdf", "-o", "/nonexistent/dir/x.pdf"]) == 1
    captured = capfd.readouterr()
    assert "QPainter" not in captured.err + captured.out
    assert (
        captured.err == "workbench: error: cannot write /nonexistent/dir/x.pdf: no folder /nonexistent/dir\n"
    )


def test_signoff_refuses_open_questions_unless_forced_and_knows_it_is_done(ws_file, capsys):
    from db import Workspace
    from db.queries.report_data import open_questions

    path, seeded = ws_file
    assert main(["signoff", "1", "-w", str(path), "--user", "Ed"]) == 0  # the seed is signed off by desk
    assert capsys.readouterr().err.startswith("article 1: already signed off by desk on ")
    assert main(["signoff", "1", "-w", str(path), "--withdraw", "--user", "Ed"]) == 0
    capsys.readouterr()
    assert main(["signoff", "1", "-w", str(path), "--user", "Ed"]) == 1
    warning, error = capsys.readouterr().err.splitlines()
    assert re.search(r"open questions: 1 unverified claim, .*\d+ claims? needing attention", warning)
    assert "--force" in error
    with Workspace.open(path) as ws:
        assert ws.articles.sign_off(1)[0] == ""
        # the same counts the app's sign-off question lists (one rule: db.queries.report_data.open_questions)
        assert warning.endswith("open questions: " + ", ".join(open_questions(ws, 1).short()))
    assert main(["signoff", "1", "-w", str(path), "--user", "Ed", "--force"]) == 0
    assert capsys.readouterr().err.splitlines()[-1] == "article 1: signed off by Ed"


def test_review_says_which_claim_it_acted_on(ws_file, capsys):
    path, seeded = ws_file
    claim = seeded.claims["angry"]
    assert main(["review", str(claim), "-w", str(path), "--query", "--comment", "Who?", "--user", "Ed"]) == 0
    line = capsys.readouterr().err.strip()
    assert (
        line
        == f"claim #{claim} “angry: The Americans aren't just angry. They're” (Unchecked): queried by Ed — “Who?”"
    )


def _proposals(path, n: int = 2) -> list[int]:
    from db import Workspace
    from workbench.model import Origin

    with Workspace.open(path) as ws:
        text = ws.articles.get(1).text
        ids = []
        # checkable spans: a weak proposal (a bare name) is not an open question (issue 17)
        for phrase in (
            "around 3,000 troops based in three bases",
            "dozens of rockets and improvised explosives",
        )[:n]:
            start = text.index(phrase)
            ids.append(ws.claims.add(1, start, start + len(phrase), origin=Origin.PROPOSED).id)
        return ids


@pytest.mark.parametrize("mark", ["--approve", "--query"])
def test_a_desk_mark_from_the_cli_accepts_a_proposal(ws_file, capsys, mark):
    """QA: `workbench review 26 --approve` left the claim "proposed"; the app accepts it."""
    from db import Workspace
    from db.queries.report_data import open_questions

    path, _ = ws_file
    first, second = _proposals(path)
    with Workspace.open(path) as ws:
        before = open_questions(ws, 1).proposals
    assert main(["review", str(first), "-w", str(path), mark, "--user", "Ed"]) == 0
    assert "(proposal accepted)" in capsys.readouterr().err
    with Workspace.open(path) as ws:
        assert ws.claims.get(first).origin.value == "accepted"
        assert ws.claims.get(second).origin.value == "proposed"
        assert open_questions(ws, 1).proposals == before - 1
        assert any(e.field == "origin" for e in ws.audit.entries(claim_id=first))
    assert main(["review", str(second), "-w", str(path), "--clear", "--user", "Ed"]) == 0
    with Workspace.open(path) as ws:  # clearing a mark judges nothing
        assert ws.claims.get(second).origin.value == "proposed"


def test_verdict_sets_the_status_accepts_a_proposal_and_feeds_claimreview(ws_file, tmp_path, capsys):
    from db import Workspace

    path, _ = ws_file
    first, second = _proposals(path)
    argv = ["verdict", str(first), "misleading", "-w", str(path), "--note", "LBO says $1.3bn", "--user", "Ed"]
    assert main(argv) == 0
    assert "Misleading (was Unchecked) (proposal accepted)" in capsys.readouterr().err
    assert main(["verdict", str(second), "in_progress", "-w", str(path), "--user", "Ed"]) == 0
    with Workspace.open(path) as ws:
        claim = ws.claims.get(first)
        assert (claim.status.value, claim.origin.value) == ("misleading", "accepted")
        assert [n.body for n in ws.notes.for_claim(first)] == ["LBO says $1.3bn"]
        assert ws.claims.get(second).status.value == "in_progress"
    out = tmp_path / "cr.jsonld"
    assert main(["export", "-w", str(path), "--article", "1", "-f", "claimreview", "-o", str(out)]) == 0
    reviewed = {r["claimReviewed"]: r for r in json.loads(out.read_text())}
    assert (
        reviewed["around 3,000 troops based in three bases"]["reviewRating"]["alternateName"] == "Misleading"
    )
    assert "dozens of rockets and improvised explosives" not in reviewed  # in progress: no verdict yet
    capsys.readouterr()
    with pytest.raises(SystemExit) as exited:  # argparse: a STATUS not in the list
        main(["verdict", str(first), "bogus", "-w", str(path)])
    assert exited.value.code == 2
    assert main(["verdict", "9999", "verified", "-w", str(path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert "9999" in err[-1] and "Traceback" not in "\n".join(err)
