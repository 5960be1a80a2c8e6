"""The per-article registry stays per article (issue 13 item 3): what one article calls a person
("he", "the Republican nominee", "Trump, meanwhile") never reaches another article's sources."""

from __future__ import annotations

from db.flows.importing import propose_claims
from workbench.model import ImportItem, ItemKind
from workbench.text.decoding import parse_plain_text

FIRST = (
    "Trump rally draws 5,000\n\n"
    "Republican presidential nominee Donald Trump spoke in Ohio on Monday. Trump, meanwhile, says the wall "
    "will cost $8 billion. He said Mexico would pay 100 percent of it.\n"
)
SECOND = (
    "Clinton leads in Ohio poll\n\n"
    "Democratic nominee Hillary Clinton leads by 4 points. Donald Trump said the poll of 900 voters was "
    "rigged by 10 points.\n"
)


def _store(ws, raw: str) -> int:
    body, meta = parse_plain_text(raw)
    result = ws.articles.add(ImportItem(kind=ItemKind.ARTICLE, text=body, meta=meta))
    propose_claims(ws, result.article_id)
    return result.article_id


def test_descriptions_and_pronouns_of_one_article_never_describe_a_source_of_another(fresh_ws):
    _store(fresh_ws, FIRST)
    second = _store(fresh_ws, SECOND)
    trump = fresh_ws.sources.find("Donald Trump", second)
    assert trump is not None
    assert trump.description == ""  # not "meanwhile"
    assert all(a[:1].isupper() and "," not in a for a in trump.aliases), trump.aliases
    assert "He" not in trump.aliases and "he" not in trump.aliases
