"""`workbench match`: single text, --batch JSON lines (the CheckThat scorer's contract), stored claims."""

from __future__ import annotations

import json
import re

import pytest

from ui.cli.main import main


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def ws(capsys, ws_path, seed_path, tmp_path):
    statements = tmp_path / "statements.jsonl"
    rows = [
        {"id": "vclaim:7", "url": "urn:vclaim:7", "title": "Troops", "text": "The US has 5,200 troops based in three bases across Iraq.",
         "publisher": "Snopes", "verdict": "False"},
        {"id": "vclaim:8", "url": "urn:vclaim:8", "title": "The", "text": "The", "publisher": "Snopes"},
    ]  # fmt: skip
    statements.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert run(capsys, "import", str(seed_path), str(statements), "-w", str(ws_path))[0] == 0
    return str(ws_path)


def test_long_batch_on_two_connections_keeps_order_and_results(capsys, ws, tmp_path, monkeypatch):
    import ui.cli.match as cli_match

    claims = ["The US has around 3,000 troops in Iraq", "Pompeo called Saleh", "The embassy in Baghdad"]
    claims = [f"{c} {i}" for i in range(cli_match.BATCH_SPLIT_FROM) for c in claims]
    queries = tmp_path / "q.txt"
    queries.write_text("\n".join(claims) + "\n", encoding="utf-8")

    def batch():
        status, out, _ = run(capsys, "match", "--batch", str(queries), "-w", ws, "--json")
        rows = [json.loads(line) for line in out.splitlines()]
        assert status == 0
        return [
            (r["query"], [(m["sentence_id"], m["score"], m["relation"]) for m in r["matches"]]) for r in rows
        ]

    split = batch()
    monkeypatch.setattr(cli_match, "BATCH_SPLIT_FROM", len(claims) + 1)  # one connection, one by one
    assert split == batch() and [q for q, _ in split] == claims and all(m for _, m in split)


def test_match_text_json(capsys, ws):
    status, out, _ = run(capsys, "match", "Pompeo called Saleh", "-w", ws, "--json", "--limit", "3")
    data = json.loads(out)
    assert status == 0 and data["query"] == "Pompeo called Saleh" and data["elapsed_ms"] >= 0
    top = data["matches"][0]
    assert "Mike Pompeo called Iraqi President Barham Saleh" in top["text"]
    assert {"pompeo", "saleh"} <= set(top["reasons"]["names"] + top["reasons"]["terms"])
    assert len(data["matches"]) <= 3


def test_batch_json_lines_carry_ids_and_urls(capsys, ws, tmp_path):
    queries = tmp_path / "q.txt"
    queries.write_text(
        "The US has around 3,000 troops in Iraq\n\nPompeo called Saleh\nThe\n", encoding="utf-8"
    )
    status, out, _ = run(capsys, "match", "--batch", str(queries), "-w", ws, "--json", "--limit", "20")
    rows = [json.loads(line) for line in out.splitlines()]
    assert status == 0 and [r["query"] for r in rows] == [
        "The US has around 3,000 troops in Iraq", "Pompeo called Saleh", "The"]  # fmt: skip
    statement = next(m for m in rows[0]["matches"] if m["url"] == "urn:vclaim:7")
    assert statement["id"] == "vclaim:7" and statement["relation"] == "conflict"
    assert (statement["verdict"], statement["publisher"]) == ("False", "Snopes")
    assert statement["reasons"]["conflicts"] == [
        "around 3,000 troops ≠ 5,200 troops",
        "fact-checked as False by Snopes",
    ]
    # the scorer finds ids with this pattern in each match's JSON; the one-word statement never matches
    found = [re.findall(r"urn:vclaim:([^\"\s]+)", json.dumps(m)) for r in rows for m in r["matches"]]
    assert ["8"] not in found
    assert rows[2]["matches"] == []


def test_match_stored_claim_keeps_matches(capsys, ws):
    from db import Workspace

    with Workspace.open(ws) as w:
        text = w.articles.get(1).text
        phrase = "around 3,000 troops based in three bases across the country"
        start = text.index(phrase)
        claim = w.claims.add(1, start, start + len(phrase)).id
    status, out, _ = run(capsys, "match", "--claim", str(claim), "-w", ws, "--json")
    data = json.loads(out)
    assert status == 0 and data["conflicting_sources"] == 1
    assert data["matches"][0]["url"] == "urn:vclaim:7"
    status, out, _ = run(capsys, "match", "--article", "1", "-w", ws, "--json")
    assert json.loads(out) == {"article_id": 1, "claims": 1, "matches": 1, "conflicts": 1}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["match", "-w", "WS"], "give one of"),
        (["match", "x", "--batch", "f", "-w", "WS"], "give one of"),
        (["match", "x", "-w", "WS", "--limit", "0"], "--limit"),
        (["match", "--batch", "/nonexistent/q.txt", "-w", "WS"], "no such file"),
        (["match", "--claim", "999", "-w", "WS"], "no claim with id 999"),
    ],
)
def test_errors_are_one_line(capsys, ws, argv, message):
    status, out, err = run(capsys, *[ws if a == "WS" else a for a in argv])
    assert status != 0 and message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_human_output_shows_the_verdict_and_copies_of_the_story(capsys, ws, tmp_path, seed_path):
    status, out, _ = run(capsys, "match", "The US has around 3,000 troops in Iraq", "-w", ws)
    assert status == 0 and "Fact-checked: False — Snopes" in out
    copy = tmp_path / "copy.txt"
    copy.write_text("Republished.\n\n" + seed_path.read_text(encoding="utf-8"), encoding="utf-8")
    assert run(capsys, "import", str(copy), "-w", ws)[0] == 0
    from db import Workspace

    with Workspace.open(ws) as w:
        text = w.articles.get(1).text
        phrase = "Mike Pompeo called Iraqi President Barham Saleh last week"
        claim = w.claims.add(1, text.index(phrase), text.index(phrase) + len(phrase)).id
    status, out, _ = run(capsys, "match", "--claim", str(claim), "-w", ws)
    assert "copy of this story" in out and "0 corroborating" in out and "1 in copies of this story" in out
    status, out, _ = run(capsys, "match", "--claim", str(claim), "-w", ws, "--json")
    data = json.loads(out)
    assert [m["role"] for m in data["matches"]] == ["own_story"] and data["copies_of_this_story"] == 1


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_an_empty_query_is_an_error(capsys, ws, text):
    """QA: `workbench match ""` said "0 matches" and exited 0."""
    status, out, err = run(capsys, "match", text, "-w", ws)
    assert status == 1 and out == "" and "empty" in err and len(err.strip().splitlines()) == 1


def test_a_claim_too_short_to_match_well_gets_a_note(capsys, ws):
    status, out, _ = run(capsys, "match", "were the latest signs of a 'rigged election'", "-w", ws, "--json")
    data = json.loads(out)
    assert status == 0 and data["note"].startswith("Too short to match well: a fragment")
    assert all(m["score"] >= 60 for m in data["matches"])
    status, out, _ = run(capsys, "match", "Saleh", "-w", ws)
    assert status == 0 and "note: Too short to match well (1 content word: only saleh)" in out
    status, out, _ = run(capsys, "match", "Pompeo called Saleh", "-w", ws, "--json")
    assert json.loads(out)["note"] == ""
