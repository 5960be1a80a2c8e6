"""The engine's "unsure" flag is stored with the attribution (m011) and shown in the claim details
(issue 13 item 1); a person who sets the attribution clears it."""

from __future__ import annotations

from db.flows.importing import propose_claims
from db.stores.snapshots import StoredAttribution
from workbench.model import ImportItem, ItemKind
from workbench.text.decoding import parse_plain_text

TWO_SENATORS = (
    "Senators meet the unions\n\n"
    "Senator John Barker and Senator Tom Briggs met the unions on Monday.\n\n"
    "He said the tariffs on steel would stay in place for 2 years.\n"
)


def _stored(ws):
    body, meta = parse_plain_text(TWO_SENATORS)
    article_id = ws.articles.add(ImportItem(kind=ItemKind.ARTICLE, text=body, meta=meta)).article_id
    propose_claims(ws, article_id)
    return next(c for c in ws.claims.for_article(article_id) if "tariffs" in c.text)


def test_an_unsure_resolution_is_stored_and_a_persons_choice_clears_it(fresh_ws):
    claim = _stored(fresh_ws)
    assert claim.source_phrase == "He" and claim.source_unsure
    assert fresh_ws.claims.attribution(claim.id).unsure
    fresh_ws.claims.set_attribution(claim.id, StoredAttribution(source_id=claim.source_id, phrase="He"))
    assert not fresh_ws.claims.get(claim.id).source_unsure


def test_the_detail_panel_says_unsure(fresh_ws, qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from ui.app.main_window import MainWindow
    from ui.app.settings import Settings

    claim = _stored(fresh_ws)
    window = MainWindow(fresh_ws, Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    window.detail.set_claim(claim.id)
    label = window.detail.claim_tab.source
    assert "unsure" in label.text() and "“He”" in label.text()
    assert "guess" in label.toolTip()
