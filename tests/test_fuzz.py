"""Fuzzing the importers and the extraction engine: no exception escapes, every offset stays valid."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from db import Workspace
from workbench.extraction.engine import extract
from workbench.model import ImportItem
from workbench.text.decoding import TextError, decode_bytes
from workbench.text.html import parse_html
from workbench.text.importers import SUPPORTED_SUFFIXES, ImportProblem, read_file
from workbench.text.sentences import split_paragraphs, split_sentences

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_49799be3d89e085a.txt"
SEED_TEXT = read_file(SEED)[0].text
SEED_SENTENCES = [s.slice(SEED_TEXT) for s in split_sentences(SEED_TEXT)]

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Characters that matter to the engines: quotes of every kind, number punctuation, dashes,
# white space of every kind, astral and combining characters, right-to-left text.
TRICKY = (
    "abcXYZ019 .,;:!?-–—'\"“”‘’«»()[]%$€£#@/\\\n\n\r\t\u00a0\u2009\u200b\u202eéİıßﬁ\u0301🚀😀🇫🇷北京المسؤول"
)
WORDS = st.sampled_from(
    [
        "said",
        "told",
        "according",
        "to",
        "officials",
        "the",
        "US",
        "Iraq",
        "3,000",
        "troops",
        "more",
        "than",
        "120",
        "around",
        "million",
        "Mr",
        "Pompeo",
        "a",
        "top",
        "official",
        "AFP",
        "Reuters",
        "he",
        "she",
        "they",
        "“",
        "”",
        '"',
        "'",
        ".",
        ",",
        ";",
        ":",
        "—",
        "1.5bn",
        "40%",
        "2020",
    ]
)


def _news_like() -> st.SearchStrategy[str]:
    """Text shaped like an article: seed sentences and words, shuffled, cut and joined oddly."""
    piece = st.one_of(st.sampled_from(SEED_SENTENCES), WORDS, st.text(alphabet=TRICKY, max_size=20))
    glue = st.sampled_from([" ", "\n", "\n\n", "", " “", "” ", ", ", ". "])
    return st.lists(st.tuples(piece, glue), max_size=25).map(lambda parts: "".join(p + g for p, g in parts))


ANY_TEXT = st.one_of(st.text(alphabet=TRICKY, max_size=400), _news_like(), st.text(max_size=200))


# --- decoding and reading files -------------------------------------------------------------------


@FUZZ
@given(st.binary(max_size=2000))
@example(b"\xff\xfe")
@example(b"\xfe\xff\x00")
@example(b"\xef\xbb\xbf\xff")
@example(b"\x00\x00\xfe\xff\x00")
def test_decode_bytes_returns_text_or_a_text_error(data: bytes) -> None:
    try:
        decoded = decode_bytes(data)
    except TextError:
        return
    assert isinstance(decoded.text, str) and decoded.encoding


def _check_items(items: list[ImportItem]) -> None:
    for item in items:
        assert item.text and item.text == item.text.strip() or item.kind.value == "statement"
        assert "\r" not in item.text
        item.text.encode("utf-8")  # storable in SQLite (no lone surrogates)
        for value in (item.meta.title, item.meta.url, item.meta.date, item.origin_path):
            value.encode("utf-8")


_folder = tempfile.TemporaryDirectory(prefix="fuzz-import-")


@FUZZ
@given(
    data=st.one_of(st.binary(max_size=3000), ANY_TEXT.map(lambda t: t.encode("utf-8"))),
    suffix=st.sampled_from(sorted(SUPPORTED_SUFFIXES - {".json", ".jsonld"})),
)
def test_read_file_gives_items_or_one_line_problem(data: bytes, suffix: str) -> None:
    path = Path(_folder.name) / f"input{suffix}"
    path.write_bytes(data)
    try:
        items = read_file(path)
    except ImportProblem as problem:
        assert "\n" not in str(problem)
        return
    _check_items(items)


def _jsonl_lines() -> st.SearchStrategy[str]:
    value = st.recursive(
        st.one_of(
            st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(alphabet=TRICKY)
        ),
        lambda children: (
            st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
        ),
        max_leaves=8,
    )
    row = st.dictionaries(
        st.sampled_from(["text", "claim", "title", "url", "date", "id", "speaker", "rating", "x"]),
        value,
        max_size=6,
    )
    import json

    line = st.one_of(
        row.map(lambda r: json.dumps(r, ensure_ascii=False)),
        row.map(json.dumps),
        st.text(alphabet=TRICKY, max_size=30),
    )
    return st.lists(line, max_size=8).map("\n".join)


@FUZZ
@given(_jsonl_lines())
@example('{"text": "\\ud800\\udfff ok \\udc00"}')
@example('{"text": ["a", "b"], "claim": "real text"}')
def test_jsonl_rows(jsonl: str) -> None:
    path = Path(_folder.name) / "rows.jsonl"
    path.write_text(jsonl, encoding="utf-8", errors="surrogatepass")
    try:
        items = read_file(path)
    except ImportProblem as problem:
        assert "\n" not in str(problem)
        return
    _check_items(items)


@FUZZ
@given(
    st.lists(st.lists(st.text(alphabet=TRICKY, max_size=12), max_size=5), max_size=8),
    st.sampled_from([",", "\t"]),
)
def test_csv_rows(rows: list[list[str]], delimiter: str) -> None:
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows([["text", "speaker", "rating"], *rows])
    path = Path(_folder.name) / ("rows.csv" if delimiter == "," else "rows.tsv")
    path.write_text(out.getvalue(), encoding="utf-8")
    try:
        items = read_file(path)
    except ImportProblem as problem:
        assert "\n" not in str(problem)
        return
    _check_items(items)


TAGS = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<script>",
        "</script>",
        "<style>",
        "</style>",
        "<article>",
        "</article>",
        "<br>",
        "<br/>",
        "<b>",
        "</i>",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "<title>",
        "</title>",
        "&amp;",
        "&#0;",
        "&#xD800;",
        "&#x110000;",
        "&nbsp;",
        "<",
        ">",
        "<meta property='og:title' content='T'>",
        "<base href='/x'>",
        "<a href='javascript:alert(1)'>",
        "<img src=x onerror=alert(1)>",
        "<svg><script>alert(2)</script></svg>",
        "<noscript>",
        "<template>",
        "<iframe srcdoc='<script>alert(3)</script>'>",
        "<div hidden>",
        "<h1>",
    ]
)


@FUZZ
@given(
    st.lists(
        st.one_of(TAGS, st.sampled_from(SEED_SENTENCES), st.text(alphabet=TRICKY, max_size=15)), max_size=40
    ).map("".join)
)
def test_parse_html_never_runs_or_keeps_scripts(html: str) -> None:
    try:
        body, meta = parse_html(html)
    except TextError:
        return
    assert "alert(" not in body and "<script" not in body.lower()
    body.encode("utf-8")
    meta.title.encode("utf-8")


# --- extraction -----------------------------------------------------------------------------------


def _check_extraction(text: str) -> None:
    extraction = extract(text, agency="AFP", title="A title")
    n = len(text)
    keys = {s.key for s in extraction.sources}
    for claim in extraction.claims:
        assert 0 <= claim.start < claim.end <= n
        assert claim.text == text[claim.start : claim.end]
        for number in claim.numbers:
            assert 0 <= number.start < number.end <= n
            assert text[number.start : number.end] == number.text
        a = claim.attribution
        if a is None:
            continue
        if a.source_start is not None:
            assert 0 <= a.source_start < a.source_end <= n
        if a.cue_start is not None:
            assert 0 <= a.cue_start < a.cue_end <= n
        if a.source_key is not None:
            assert a.source_key in keys


@FUZZ
@given(ANY_TEXT)
@example("")
@example("“")
@example('"' * 7)
@example("said said said")
@example("“He said,” she said. “No.”\n\n“Yes”")
@example("More than 120 around 3,000 £1.5bn 40%.")
def test_extraction_offsets_stay_valid(text: str) -> None:
    _check_extraction(text)


@FUZZ
@given(ANY_TEXT)
def test_sentence_and_paragraph_offsets_cover_the_text(text: str) -> None:
    for unit in (*split_sentences(text), *split_paragraphs(text)):
        assert 0 <= unit.start < unit.end <= len(text)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(_news_like().filter(lambda t: t.strip()))
def test_stored_proposals_fit_the_stored_text(text: str) -> None:
    from workbench.model import ArticleMeta

    with Workspace.memory() as ws:
        result = ws.articles.add(ImportItem(text=text, meta=ArticleMeta(title="t", agency="AFP")))
        stored = ws.claims.store_proposals(result.article_id, extract(text, agency="AFP", title="t"))
        article = ws.articles.get(result.article_id).text
        for claim in stored:
            assert article[claim.start : claim.end] == claim.text


@pytest.mark.parametrize("sentence", SEED_SENTENCES[:8])
def test_extraction_of_each_seed_sentence_alone(sentence: str) -> None:
    _check_extraction(sentence)
