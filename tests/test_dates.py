"""Dates are ISO 8601 from import on (issue 14): every form a file gives, one form stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.text.dates import is_iso_date, iso_date
from workbench.text.importers import read_file


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("2020-09-28", "2020-09-28"),
        ("2015-05-26T10:00:00Z", "2015-05-26T10:00:00+00:00"),
        ("2015-05-26T10:00:00.000+0100", "2015-05-26T10:00:00+01:00"),  # article:published_time
        ("2024-03-05 10:00", "2024-03-05T10:00:00"),
        ("Tue, 05 Mar 2024 10:00:00 GMT", "2024-03-05T10:00:00+00:00"),  # RFC 2822
        ("Tue, 05 Mar 2024 10:00:00 +0530", "2024-03-05T10:00:00+05:30"),
        ("May 26, 2015", "2015-05-26"),
        ("26 May 2015", "2015-05-26"),
        ("Monday, 5 March 2024", "2024-03-05"),
        ("Sept. 3, 2019", "2019-09-03"),
        ("March 5, 2024 10:00 AM EST", "2024-03-05T10:00:00-05:00"),
        ("13/05/2024", "2024-05-13"),  # only one reading
        ("05/05/2024", "2024-05-05"),
    ],
)
def test_dates_become_iso_8601(given, stored):
    assert iso_date(given) == stored
    assert is_iso_date(stored)


@pytest.mark.parametrize(
    "given",
    ["", "yesterday", "March 2015", "2024", "03/05/2024", "0024-01-01", "Tuesday", "2024-13-45", "x" * 200],
)
def test_a_date_that_is_not_certain_is_not_made_up(given):
    assert iso_date(given) == ""


@pytest.mark.parametrize(
    ("name", "content", "stored"),
    [
        (
            "page.html",
            '<html><head><meta property="article:published_time" content="Tue, 05 Mar 2024 10:00:00 GMT">'
            "<title>T</title></head><body><p>" + "Body text of the article. " * 5 + "</p></body></html>",
            "2024-03-05T10:00:00+00:00",
        ),
        (
            "story.md",
            "# Title\n\nMay 26, 2015 · Example News · MANILA\n\nThe body of the story.\n",
            "2015-05-26",
        ),
        ("rows.csv", 'text,date\nA statement to check,"May 26, 2015"\n', "2015-05-26"),
        ("rows.jsonl", '{"text": "A statement", "date": "26 May 2015"}\n', "2015-05-26"),
        ("odd.jsonl", '{"text": "A statement", "date": "spring 2015"}\n', "spring 2015"),  # kept as given
    ],
)
def test_every_importer_stores_iso_dates(tmp_path: Path, name, content, stored):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert read_file(path)[0].meta.date == stored
