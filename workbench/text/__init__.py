"""Text in: decoding files, HTML main text, sentences, numbers, importers, and anchors that find a span again."""

from workbench.text.anchors import TextAnchor, resolve
from workbench.text.decoding import TextError, decode_bytes, normalise_newlines, text_hash
from workbench.text.html import parse_html
from workbench.text.importers import ImportProblem, iter_files, read_file
from workbench.text.numbers import compare_numbers, find_numbers
from workbench.text.sentences import split_paragraphs, split_sentences

__all__ = [
    "ImportProblem",
    "TextAnchor",
    "TextError",
    "compare_numbers",
    "decode_bytes",
    "find_numbers",
    "iter_files",
    "normalise_newlines",
    "parse_html",
    "read_file",
    "resolve",
    "split_paragraphs",
    "split_sentences",
    "text_hash",
]
