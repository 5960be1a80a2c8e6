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
