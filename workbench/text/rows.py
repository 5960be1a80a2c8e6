"""The rows of a statement archive (JSONL, CSV, TSV), one at a time: a bad row never sinks the file.

Each reader yields `(number, row)` for a row it could read and `(number, reason)` for one it
could not, so the importer stores the good rows and reports each bad one by its number (a JSONL
line number; a CSV row number as a spreadsheet counts them, the header being row 1). A problem
with the whole file (no header, no text column) raises `TextError`.

CSV is read strictly, so a quote that is opened and never closed is found instead of silently
swallowing the rows after it into one cell: that row is reported and the lines it swallowed are
read again as rows of their own. Sloppy quoting within one line (`"abc"def`) is read as
spreadsheets read it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from workbench.text.decoding import TextError

MAX_CELL_CHARS = 20 * 1024 * 1024  # a cell may hold a whole article (the article limit), no more
MAX_QUOTE_REPAIRS = 20  # rereading swallowed lines is bounded: past this the file is not CSV
TEXT_FIELDS = ("text", "claim", "statement", "vclaim", "body", "content", "claim_text")

Row = tuple[int, dict | str]  # (number, the row) or (number, why it could not be read)


def jsonl_rows(text: str) -> Iterator[Row]:
    """Each non-blank line of a JSONL file: an object, or why the line is not one."""
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, f"line {number} is not valid JSON ({exc.msg}: column {exc.colno})"
            continue
        except RecursionError:  # "[[[[…" nested deeper than the parser goes
            yield number, f"line {number} is nested too deeply to be a row"
            continue
        if not isinstance(row, dict):
            yield number, f"line {number} is not a JSON object"
            continue
        yield number, row


def csv_rows(text: str, delimiter: str) -> Iterator[Row]:
    """Each row after the header of a CSV or TSV file, as {lower-cased header: value}.

    Raises:
        TextError: the header is not valid CSV, or no column holds text.
    """
    if csv.field_size_limit() < MAX_CELL_CHARS:  # the default, 128 KB, is less than some articles
        csv.field_size_limit(MAX_CELL_CHARS)
    records = _records(text, delimiter)
    header: list[str] | None = None
    number = 0
    for first, values in records:
        number += 1
        if header is None:
            if isinstance(values, str):
                raise TextError(f"the header is not valid CSV ({values})")
            header = [h.strip().lower() for h in values]
            if not any(h in TEXT_FIELDS for h in header):
                raise TextError(
                    f"no text column (expected one of: {', '.join(TEXT_FIELDS)}); "
                    f"the header is: {', '.join(header)[:120]}"
                )
            continue
        if isinstance(values, str):
            yield number, f"row {number} (line {first}) {values}"
        elif not any(v.strip() for v in values):
            continue
        elif len(values) > len(header):
            yield number, f"row {number} has {len(values)} fields but the header has {len(header)}"
        else:
            yield number, dict(zip(header, values, strict=False))  # missing trailing fields are left out


def _records(text: str, delimiter: str) -> Iterator[tuple[int, list[str] | str]]:
    """(first line number, fields or what is wrong) for each record, in order.

    The whole text is read in one pass; only after an error are its lines listed, to read a
    broken line leniently or the lines a broken quote swallowed again.
    """
    lines: list[str] = []

    def listed() -> list[str]:
        if not lines:
            split = text.split("\n")
            lines.extend(line + "\n" for line in split[:-1])
            if split[-1]:
                lines.append(split[-1])
        return lines

    pending: list[tuple[int, list[str] | None]] = [(0, None)]  # (line offset, lines); None: all
    repairs: list[int] = []  # lines of the broken quotes found so far
    while pending:
        offset, chunk = pending.pop()
        reader = csv.reader(io.StringIO(text) if chunk is None else chunk, delimiter=delimiter, strict=True)
        while True:
            before = reader.line_num
            try:
                values = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                chunk = listed() if chunk is None else chunk
                first, last = offset + before + 1, offset + reader.line_num
                if "field larger than field limit" in str(exc):
                    yield (
                        first,
                        f"has a cell over {MAX_CELL_CHARS // (1024 * 1024)} MB (no article is that long)",
                    )
                    continue
                if last == first:  # within one line: read it as a spreadsheet would
                    yield first, _lenient(chunk[before], delimiter)
                    continue
                repairs.append(first)
                if len(repairs) > MAX_QUOTE_REPAIRS:
                    raise TextError(
                        f"more than {MAX_QUOTE_REPAIRS} rows have a quote that is never closed "
                        f"(the first on line {min(repairs)}): is it a CSV file?"
                    ) from exc
                closed = (
                    "is never closed" if "end of data" in str(exc) else "is not closed where its cell ends"
                )
                yield (
                    first,
                    f"has a quote that {closed}; lines {first + 1}-{last} were read as rows of their own",
                )
                # The lines it swallowed come next: read them before the rest of this chunk.
                pending.append((offset + reader.line_num, chunk[reader.line_num :]))
                pending.append((first, chunk[before + 1 : reader.line_num]))
                break
            else:
                yield offset + before + 1, values


def _lenient(line: str, delimiter: str) -> list[str] | str:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error as exc:
        return f"is not valid CSV ({exc})"
