"""Import: formats, encodings, wire metadata, duplicates, bad files beside good ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from db.flows.importing import import_paths
from db.stores.articles import AddStatus
from workbench.model import ItemKind
from workbench.text.decoding import decode_bytes, normalise_newlines, parse_wire
from workbench.text.html import parse_html
from workbench.text.importers import BadContent, UnreadableFile, iter_files, read_file

FORMATS = Path(__file__).parent / "data" / "formats"


def test_seed_wire_metadata(seed_path):
    [item] = read_file(seed_path)
    assert item.meta.date == "2020-09-28"
    assert item.meta.dateline == "BAGHDAD"
    assert item.meta.agency == "AGENCE FRANCE-PRESSE"
    assert item.text.startswith("Enraged by near-daily attacks")
    assert item.text.endswith("said Mr Ali Mamouri, an analyst.")
    assert "AGENCE FRANCE-PRESSE" not in item.text and "•" not in item.text


def test_seed_body_is_the_file_text_exactly(seed_path):
    raw = seed_path.read_text(encoding="utf-8")
    [item] = read_file(seed_path)
    assert item.text in raw  # only the header and the credit line were cut off


def test_wire_without_header_keeps_text():
    parts = parse_wire("Just a story.\n\nWith two paragraphs.")
    assert parts.body == "Just a story.\n\nWith two paragraphs."
    assert (parts.date, parts.dateline, parts.agency) == ("", "", "")


def test_lowercase_last_line_is_not_a_credit():
    assert parse_wire("A story.\n\nThe end, said Mr X.").agency == ""


@pytest.mark.parametrize(
    ("data", "expected", "encoding"),
    [
        ("café “quoted”".encode(), "café “quoted”", "utf-8"),
        (b"\xef\xbb\xbf" + "café".encode(), "café", "utf-8 (BOM)"),
        ("café".encode("utf-16"), "café", "utf-16 (BOM)"),
        ("café story text".encode("utf-16-le"), "café story text", "utf-16-le"),
        ("café story text".encode("utf-16-be"), "café story text", "utf-16-be"),
        ("caf\xe9 \u2013 5\u20ac".encode("cp1252"), "café – 5€", "cp1252"),
        (
            "line one café\n".encode() + "line two caf\xe9\n".encode("cp1252"),
            "line one café\nline two café\n",
            "mixed utf-8/cp1252",
        ),
    ],
)
def test_decode_bytes(data, expected, encoding):
    decoded = decode_bytes(data)
    assert decoded.text == expected
    assert decoded.encoding == encoding


def test_newlines_normalised_only():
    assert normalise_newlines("a\r\nb\rc\n  d ") == "a\nb\nc\n  d "


def test_html_main_text_only():
    body, meta = parse_html((FORMATS / "story.html").read_text())
    assert meta.title == "Flood warning issued"
    assert meta.date == "2021-03-04T10:00:00Z"  # as the page gives it; the importer makes it ISO 8601
    assert meta.url == "https://example.org/news/flood"
    assert body.startswith("Officials issued a flood warning for 12 towns")
    assert "About 3,000 residents" in body
    for junk in ("alert", "tracking", "Home", "subscribe", "Related", "rights reserved", "color"):
        assert junk not in body


@pytest.mark.parametrize(
    ("name", "kind", "count", "first_text"),
    [
        ("story.md", ItemKind.ARTICLE, 1, "The city council approved a budget"),
        ("story.html", ItemKind.ARTICLE, 1, "Officials issued a flood warning"),
        ("factchecks.jsonl", ItemKind.STATEMENT, 2, "The US has 5,200 troops in Iraq."),
        ("statements.csv", ItemKind.STATEMENT, 2, "Pompeo called Saleh last week, officials said."),
        ("cp1252.txt", ItemKind.ARTICLE, 1, "Headline in cp1252"),
        ("utf16.txt", ItemKind.ARTICLE, 1, "Héllo wörld"),
        ("utf8bom.txt", ItemKind.ARTICLE, 1, "Naïve café story."),
    ],
)
def test_each_format(name, kind, count, first_text):
    items = read_file(FORMATS / name)
    assert len(items) == count
    assert items[0].kind is kind
    assert items[0].text.startswith(first_text)
    assert "\r" not in items[0].text


def test_markdown_title_and_statement_fields():
    [md] = read_file(FORMATS / "story.md")
    assert md.meta.title == "Council approves new budget"
    assert not md.text.startswith("#")
    first, second = read_file(FORMATS / "factchecks.jsonl")
    assert (first.meta.external_id, first.meta.url, first.meta.verdict, first.meta.publisher) == (
        "fc-1",
        "https://factcheck.example/1",
        "True",
        "Example Check",
    )
    assert second.meta.title.startswith("Iran fired 120 rockets")
    csv_rows = read_file(FORMATS / "statements.csv")
    assert csv_rows[1].meta.verdict == "Mostly true"
    assert csv_rows[0].meta.date == "2020-09-27"


def test_cp1252_text_decoded():
    [item] = read_file(FORMATS / "cp1252.txt")
    assert "café owner said prices rose by 5% – the most" in item.text
    assert item.encoding == "cp1252"


def test_duplicate_reported_not_stored_twice(any_ws, seed_path):
    first = import_paths(any_ws, [seed_path])
    second = import_paths(any_ws, [seed_path])
    assert len(first.added) == 1 and not first.duplicates
    assert not second.added and len(second.duplicates) == 1
    assert second.duplicates[0].status is AddStatus.DUPLICATE
    assert any_ws.articles.count() == 1


def test_duplicate_ignores_whitespace_and_case(any_ws, tmp_path, seed_path):
    import_paths(any_ws, [seed_path])
    copy = tmp_path / "copy.txt"
    copy.write_text(seed_path.read_text().replace("\n\n", "\r\n\r\n  "), encoding="utf-8")
    assert len(import_paths(any_ws, [copy]).duplicates) == 1


def test_folder_mixing_good_and_bad(any_ws, tmp_path, seed_path):
    folder = tmp_path / "mixed"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "seed.txt").write_bytes(seed_path.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(bytes(range(256)) * 10)
    (folder / "broken.jsonl").write_text('{"text": "ok"}\n{"text": "trunc', encoding="utf-8")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")  # unsupported suffix: not picked up in a folder
    report = import_paths(any_ws, [folder, tmp_path / "missing.txt"])
    assert len(report.added) == 2  # the seed, and the good first line of broken.jsonl
    reasons = {Path(p.path).name: p.reason for p in report.failed}
    assert reasons["empty.txt"] == "the file is empty"
    assert "binary" in reasons["image.txt"]
    (skipped,) = report.skipped  # one bad line never sinks its file
    assert Path(skipped.path).name == "broken.jsonl" and skipped.row == 2
    assert "line 2 is not valid JSON" in skipped.reason
    assert reasons["missing.txt"] == "no such file or folder"
    assert not report.ok


def test_symlink_loop_in_folder_ends(tmp_path, seed_path):
    folder = tmp_path / "loop"
    folder.mkdir()
    (folder / "a.txt").write_bytes(seed_path.read_bytes())
    (folder / "self").symlink_to(folder)
    found = list(iter_files([folder]))
    assert [p.name for p in found if isinstance(p, Path)] == ["a.txt"]


def test_csv_without_text_column(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("name,age\nx,1\n", encoding="utf-8")
    with pytest.raises(BadContent, match="no text column"):
        read_file(path)


def test_unreadable_file(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("hello there", encoding="utf-8")
    path.chmod(0)
    try:
        import os

        if os.access(path, os.R_OK):  # root reads anything
            pytest.skip("running as root: permissions are not enforced")
        with pytest.raises(UnreadableFile, match="permission denied"):
            read_file(path)
    finally:
        path.chmod(0o644)


def test_many_files_bad_ones_between_every_good_one_searchable(any_ws, tmp_path, monkeypatch):
    """A desk stores files in batches (its sentence index written at each batch's end): a bad file
    inside a batch is rolled back alone, and every stored sentence is found by the search; the
    workspace file stores each item on its own. Both end the same."""
    from db.flows import importing

    monkeypatch.setattr(importing, "DESK_BATCH", 3)  # batches of 3 files: several, and one cut short
    folder = tmp_path / "many"
    folder.mkdir()
    words = ("zorblat", "quenfid", "marvosh", "tildrin", "paxomer", "fendrow", "glimbart")
    for i, word in enumerate(words):
        (folder / f"{i:02d}-good.txt").write_text(f"Officials said the {word} count reached {i + 2}.\n")
        (folder / f"{i:02d}-zbad.txt").write_bytes(b"" if i % 2 else bytes(range(256)) * 10)
    progress: list[tuple[int, int]] = []
    report = import_paths(any_ws, [folder], progress=lambda done, total, _: progress.append((done, total)))
    assert len(report.added) == len(words) == any_ws.articles.count() and len(report.failed) == len(words)
    assert [d for d, _ in progress] == list(range(2 * len(words) + 1))
    for i, word in enumerate(words):
        (found,) = [r for r in any_ws.search.match(f"the {word} count") if word in r.text]
        assert f"reached {i + 2}" in found.text
    assert any_ws.search.total() == len(words)


def test_a_cancelled_import_keeps_what_it_stored(any_ws, tmp_path, monkeypatch):
    from db.flows import importing

    monkeypatch.setattr(importing, "DESK_BATCH", 4)
    folder = tmp_path / "cancel"
    folder.mkdir()
    for i, word in enumerate(("zorblat", "quenfid", "marvosh", "tildrin", "paxomer", "fendrow")):
        (folder / f"{i}.txt").write_text(f"The {word} report was filed on day {i}.\n")
    asked = iter(range(100))
    report = import_paths(any_ws, [folder], cancelled=lambda: next(asked) >= 3)  # mid-batch
    assert report.cancelled and len(report.added) == 3 == any_ws.articles.count()
    assert [r.text for r in any_ws.search.match("marvosh report filed")][0].startswith("The marvosh")


def test_a_file_failing_half_stored_is_rolled_back_alone(any_ws, tmp_path, monkeypatch):
    """A file whose storing fails after its article and sentences were written (here its wire
    grouping) leaves nothing, in a desk's batch as in a workspace file; the files beside it stay."""
    from db.flows import importing

    monkeypatch.setattr(importing, "DESK_BATCH", 10)
    folder = tmp_path / "half"
    folder.mkdir()
    for i, word in enumerate(("zorblat", "quenfid", "marvosh")):
        (folder / f"{i}.txt").write_text(f"The {word} report was filed on day {i}.\n")
    assign = any_ws.wire.assign

    def failing(article_id: int):
        if "quenfid" in any_ws.articles.get(article_id).text:
            raise LookupError("wire grouping failed")
        return assign(article_id)

    monkeypatch.setattr(any_ws.wire, "assign", failing)
    report = import_paths(any_ws, [folder])
    assert [Path(p.path).name for p in report.failed] == ["1.txt"] and len(report.added) == 2
    assert any_ws.articles.count() == 2 and any_ws.search.total() == 2
    assert not [r for r in any_ws.search.match("quenfid report filed") if "quenfid" in r.text]
    assert [r for r in any_ws.search.match("marvosh report filed") if "marvosh" in r.text]
