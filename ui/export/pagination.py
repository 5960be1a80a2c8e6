"""Table rows that never break across PDF pages, and table headers that repeat on each page.

Qt lays a QTextDocument out in pages of one height, and a table row taller than what is left of a
page simply continues on the next one (its cells cut mid-line, the next page opening on the
empty rest of the row). After the layout, `keep_rows_together` finds every row that crosses a page
boundary and starts it on the next page instead (a page break before the first block of each of its
cells, which Qt's table layout honours), again and again until no row crosses one. A claim's row
and the row of notes under it (`<tr class="sub">`: an empty first cell, the rest spanned) move
together. A row taller than a page is left to break: there is nothing else it could do.

Header rows repeat by themselves: Qt reads `<thead>` rows as the table's header rows
(QTextTableFormat.headerRowCount) and repeats them at the top of every page the table continues on;
workbench/reports/html.py writes a `<thead>` for every table with a header.
"""

from __future__ import annotations

from PySide6.QtGui import QTextDocument, QTextFormat, QTextFrame, QTextTable

MAX_PASSES = 400  # each pass moves one row; a report has far fewer rows that cross a page


def tables(doc: QTextDocument) -> list[QTextTable]:
    """Every table of the document, outermost first, in document order."""
    found: list[QTextTable] = []

    def walk(frame: QTextFrame) -> None:
        for child in frame.childFrames():
            if isinstance(child, QTextTable):
                found.append(child)
            walk(child)

    walk(doc.rootFrame())
    return found


def keep_rows_together(doc: QTextDocument, page_height: float) -> int:
    """Move every row (or claim row with its notes row) that crosses a page boundary to the next page.

    Returns how many rows were moved. The document must already have its page size.
    """
    moved = 0
    for _ in range(MAX_PASSES):
        crossing = _first_crossing(doc, page_height)
        if crossing is None:
            return moved
        table, row = crossing
        _break_before(table, row)
        moved += 1
    return moved


def _first_crossing(doc: QTextDocument, page_height: float) -> tuple[QTextTable, int] | None:
    layout = doc.documentLayout()
    for table in tables(doc):
        header = table.format().headerRowCount()
        row = header
        while row < table.rows():
            last = row + 1 if row + 1 < table.rows() and _is_notes_row(table, row + 1) else row
            top, bottom = _extent(layout, table, row, last)
            first_page, last_page = int(top // page_height), int((bottom - 0.5) // page_height)
            fits = bottom - top <= page_height * 0.8  # a group taller than that breaks anyway
            if first_page != last_page and fits and not _starts_page(table, row):
                return table, row
            if first_page != last_page and not fits and last > row:
                # too tall with its notes: keep at least the claim row whole
                top, bottom = _extent(layout, table, row, row)
                if int(top // page_height) != int((bottom - 0.5) // page_height) and not _starts_page(
                    table, row
                ):
                    return table, row
            row = last + 1
    return None


def _extent(layout, table: QTextTable, first: int, last: int) -> tuple[float, float]:
    tops, bottoms = [], []
    for row in (first, last):
        for column in range(table.columns()):
            cell = table.cellAt(row, column)
            if not cell.isValid():
                continue
            tops.append(layout.blockBoundingRect(cell.firstCursorPosition().block()).top())
            bottoms.append(layout.blockBoundingRect(cell.lastCursorPosition().block()).bottom())
    return min(tops), max(bottoms)


def _is_notes_row(table: QTextTable, row: int) -> bool:
    """The row under a claim: an empty first cell, then one cell spanning the rest."""
    first, second = table.cellAt(row, 0), table.cellAt(row, 1)
    empty = first.firstCursorPosition().position() == first.lastCursorPosition().position()
    return table.columns() > 2 and empty and second.columnSpan() == table.columns() - 1


def _starts_page(table: QTextTable, row: int) -> bool:
    """The row already follows a page break (or is the first row after the header: nothing to break
    after, and moving it would leave the header alone at the foot of the page)."""
    if row <= table.format().headerRowCount() or row == 0:
        return True
    block = table.cellAt(row - 1, 0).lastCursorPosition().blockFormat()
    return bool(block.pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysAfter)


def _break_before(table: QTextTable, row: int) -> None:
    # A break *after* the last block of the previous row's first cell: Qt moves the next row to the
    # next page (after the repeated header). A break *before* a cell's first block is applied twice
    # in a table (the row moves, then the block breaks again), which leaves a page empty.
    cursor = table.cellAt(row - 1, 0).lastCursorPosition()
    fmt = cursor.blockFormat()
    fmt.setPageBreakPolicy(fmt.pageBreakPolicy() | QTextFormat.PageBreakFlag.PageBreak_AlwaysAfter)
    cursor.setBlockFormat(fmt)
