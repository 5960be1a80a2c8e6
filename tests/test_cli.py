"""The `workbench` command line: JSON output, exit statuses, one-line errors."""

from __future__ import annotations

import json

import pytest

from ui.cli.main import main


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_import_then_articles_json(capsys, ws_path, seed_path):
    status, out, _ = run(capsys, "import", str(seed_path.parent), "-w", str(ws_path), "--json")
    assert status == 0
    assert json.loads(out)["added"] == [1]
    status, out, _ = run(capsys, "articles", "-w", str(ws_path), "--json")
    [article] = json.loads(out)
    assert (article["date"], article["dateline"], article["agency"]) == (
        "2020-09-28",
        "BAGHDAD",
        "AGENCE FRANCE-PRESSE",
    )


def test_show_json(capsys, ws_path, seed_path):
    run(capsys, "import", str(seed_path), "-w", str(ws_path))
    status, out, _ = run(capsys, "show", "1", "-w", str(ws_path), "--json")
    data = json.loads(out)
    assert status == 0
    assert data["article"]["text"].startswith("Enraged by near-daily attacks")
    assert data["claims"] == []


def test_duplicate_import_reported(capsys, ws_path, seed_path):
    run(capsys, "import", str(seed_path), "-w", str(ws_path))
    status, _, err = run(capsys, "import", str(seed_path), "-w", str(ws_path))
    assert status == 0
    assert "0 added, 1 duplicate" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["show", "99", "-w", "{ws}"], "no article with id 99"),
        (["articles", "-w", "{tmp}/none.db"], "no workspace at"),
        (["import", "{tmp}/missing.txt", "-w", "{ws}"], "missing.txt: no such file or folder"),
    ],
)
def test_errors_are_one_line(capsys, tmp_path, ws_path, seed_path, argv, message):
    run(capsys, "import", str(seed_path), "-w", str(ws_path))
    argv = [a.format(ws=ws_path, tmp=tmp_path) for a in argv]
    status, _, err = run(capsys, *argv)
    assert status == 1
    assert message in err
    assert "Traceback" not in err


def test_not_a_workspace_error(capsys, tmp_path):
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    status, _, err = run(capsys, "articles", "-w", str(bogus))
    assert status == 1
    assert "not a workspace" in err and err.count("\n") == 1
    assert bogus.read_bytes().startswith(b"\x89PNG")


def test_debug_shows_traceback(capsys, ws_path, seed_path):
    run(capsys, "import", str(seed_path), "-w", str(ws_path))
    with pytest.raises(LookupError):
        main(["show", "99", "-w", str(ws_path), "--debug"])


def test_bad_file_sets_exit_status_but_good_ones_import(capsys, tmp_path, ws_path, seed_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "seed.txt").write_bytes(seed_path.read_bytes())
    (tmp_path / "in" / "empty.md").write_bytes(b"   \n")
    status, out, err = run(capsys, "import", str(tmp_path / "in"), "-w", str(ws_path), "--json")
    assert status == 1
    data = json.loads(out)
    assert data["added"] == [1]
    assert data["failed"][0]["path"].endswith("empty.md")
    assert "empty.md: the file is empty" in err


def test_long_import_shows_progress_on_stderr(capsys, monkeypatch):
    from ui.cli.progress import StderrProgress

    clock = iter([0.0, 1.5, 4.0, 4.1, 9.0])
    monkeypatch.setattr("ui.cli.progress.time.monotonic", lambda: next(clock))
    progress = StderrProgress(force=True)  # started at 0.0; stderr is not a terminal: --progress
    progress(10, 100, "a")  # 1.5 s in: shown
    progress(20, 100, "b")  # 4.0 s: shown (2 s since the last)
    progress(21, 100, "c")  # 4.1 s: too soon
    progress(100, 100, "")  # done: shown
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "importing 10/100 files (10%)",
        "importing 20/100 files (20%)",
        "importing 100/100 files (100%)",
    ]


def test_import_of_only_bad_paths_counts_them_and_creates_no_workspace(capsys, tmp_path):
    """QA: "3 failed (from 2 files)" and an empty workspace file left behind."""
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02" * 50)
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    ws = tmp_path / "new.db"
    status, _, err = run(capsys, "import", str(tmp_path / "nope.txt"), str(binary), str(empty), "-w", str(ws))
    assert status == 1 and err.strip().splitlines()[-1] == "0 added, 0 duplicate, 3 failed (from 3 paths)"
    assert not ws.exists() and not list(tmp_path.glob("new.db*"))


def test_import_keeps_an_existing_workspace_when_nothing_imports(capsys, tmp_path, ws_path, seed_path):
    assert run(capsys, "import", str(seed_path), "-w", str(ws_path))[0] == 0
    assert run(capsys, "import", str(tmp_path / "nope.txt"), "-w", str(ws_path))[0] == 1
    assert ws_path.exists()


def test_show_prints_the_title_once_no_blank_meta_line_and_the_sign_off(capsys, tmp_path):
    article = tmp_path / "poll.md"
    article.write_text(
        "# Harlow leads Benton\n\nHarlow leads Benton by six points, a poll said.\n", encoding="utf-8"
    )
    ws = tmp_path / "ws.db"
    assert run(capsys, "import", str(article), "-w", str(ws))[0] == 0
    status, out, _ = run(capsys, "show", "1", "-w", str(ws))
    lines = out.splitlines()
    assert status == 0 and out.count("Harlow leads Benton\n") == 1
    assert lines[:3] == ["Harlow leads Benton", "not signed off", ""]
    assert run(capsys, "signoff", "1", "-w", str(ws), "--force", "--comment", "fine")[0] == 0
    out = run(capsys, "show", "1", "-w", str(ws))[1]
    assert out.splitlines()[1].startswith("signed off by ") and out.splitlines()[1].endswith("— “fine”")
    data = json.loads(run(capsys, "show", "1", "-w", str(ws), "--json")[1])
    assert data["sign_off"]["by"] and data["sign_off"]["comment"] == "fine"
    out = run(capsys, "articles", "-w", str(ws))[1]
    header, row = out.splitlines()
    assert "signed off" in header and row[header.index("signed off") :].split()[0] == data["sign_off"]["by"]
    assert (
        json.loads(run(capsys, "articles", "-w", str(ws), "--json")[1])[0]["signed_off_by"]
        == data["sign_off"]["by"]
    )
