"""Headlines and section headings: which paragraphs of an article are titles, not sentences."""

from __future__ import annotations

import re

from workbench.model import Span
from workbench.text.sentences import split_paragraphs

TITLE_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_SMALL_WORDS = frozenset(
    """a an the of to in on for and or but at by with from as is vs""".split()  # noqa: SIM905
)
_END_PUNCT = tuple(".!?:;\"”’')…")
MAX_HEADING_WORDS = 20


def is_title_case(line: str) -> bool:
    """A headline in title case: 'Minister Says Budget Will Cut Taxes' (most words capitalised)."""
    if len(line) > 200:
        return False  # before reading the words (speed): a paragraph of prose is never a headline
    words = [w for w in TITLE_WORD.findall(line) if w.lower() not in _SMALL_WORDS]
    if len(words) < 4 or len(line) > 200 or line.rstrip().endswith((".", "?", "!", ":")) and len(words) > 14:
        return False
    return sum(w[0].isupper() for w in words) >= 0.85 * len(words)


def is_heading(line: str) -> bool:
    """A short line with no sentence-final punctuation ("Little Relief for Refugees")."""
    line = line.strip()
    return bool(line) and not line.endswith(_END_PUNCT) and len(line.split()) <= MAX_HEADING_WORDS


def heading_spans(text: str, title: str = "") -> list[Span]:
    """Paragraphs that are headlines or section headings: the title repeated (a final period aside),
    a title-case line, or a short line with no sentence-final punctuation. In text order."""
    bare_title = title.strip().rstrip(".")
    out = []
    for para in split_paragraphs(text):
        line = text[para.start : para.end].strip()
        if len(line.split()) > MAX_HEADING_WORDS:
            continue
        if is_heading(line) or (bare_title and line.rstrip(".") == bare_title) or is_title_case(line):
            out.append(para)
    return out
