"""Agency names are shown one way (issue 16 item 3): the stored spelling is kept, the display is short."""

from __future__ import annotations

import pytest

from workbench.extraction.source_kinds import article_outlet, outlet_display
from workbench.model import ArticleMeta


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("AGENCE FRANCE-PRESSE", "AFP"),  # the seed's wire header
        ("Agence France-Presse", "AFP"),
        ("The Associated Press", "AP"),
        ("REUTERS", "Reuters"),
        ("Thomson Reuters.", "Reuters"),
        ("Springfield Gazette", "Springfield Gazette"),  # not a known outlet: as stored
        ("", ""),
        (None, ""),
    ],
)
def test_outlet_display(stored, shown):
    assert outlet_display(stored) == shown


@pytest.mark.parametrize(
    ("agency", "publisher", "shown"),
    [
        ("AGENCE FRANCE-PRESSE", "", "AFP"),
        ("", "Reuters", "Reuters"),
        ("", "", ""),
        ("AP", "CheckDesk", "AP"),
    ],
)
def test_article_outlet_is_the_agency_else_the_publisher(agency, publisher, shown):
    assert article_outlet(ArticleMeta(agency=agency, publisher=publisher)) == shown


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_reports_and_the_cli_show_the_outlet_as_the_window_does(seed_ws, tmp_path, fmt, capsys):
    """The seed's wire header says AGENCE FRANCE-PRESSE: the window, `articles`, `show` and the
    reports' meta line say AFP; the data exports (JSON, CSV, ClaimReview) keep the stored spelling."""
    from ui.cli.main import main

    path = str(seed_ws.path)
    assert seed_ws.articles.get(1).agency == "AGENCE FRANCE-PRESSE"
    out = tmp_path / f"report.{fmt}"
    assert main(["export", "-w", path, "-f", fmt, "-o", str(out)]) == 0
    report = out.read_text(encoding="utf-8")
    assert "2020-09-28 · BAGHDAD · AFP" in report and "AGENCE FRANCE-PRESSE" not in report
    capsys.readouterr()
    assert main(["articles", "-w", path]) == 0
    assert main(["show", "1", "-w", path]) == 0
    listed = capsys.readouterr().out
    assert "AFP" in listed and "AGENCE FRANCE-PRESSE" not in listed
    out = tmp_path / "data.json"
    assert main(["export", "-w", path, "-f", "json", "-o", str(out)]) == 0
    assert "AGENCE FRANCE-PRESSE" in out.read_text(encoding="utf-8")
