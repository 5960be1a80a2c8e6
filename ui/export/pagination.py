"""Table rows that never break across PDF pages, and table headers that repeat on each page.

Qt lays a QTextDocument out in pages of one height, and a table row taller than what is left of a
page simply continues on the next one (its cells cut mid-line, the next page opening on the
empty rest of the row). After the layout, `keep_rows_together` finds every row that crosses a page
boundary and starts it on the next page instead (a page break before the first block of each of its
cells, which Qt's table layout honours), again and again until no row crosses one. A claim's row
and the row of notes under it (`<tr class="sub">`: an empty first cell, the rest spanned) move
together. A row taller than a page is left to break: there is nothing else it could do. A heading
is kept with what follows it: one cut by a page boundary, or left at the foot of a page while its
table or paragraph starts on the next, moves to the next page (a break before it).

Header rows repeat by themselves: Qt reads `<thead>` rows as the table's header rows
(QTextTableFormat.headerRowCount) and repeats them at the top of every page the table continues on;
workbench/reports/html.py writes a `<thead>` for every table with a header.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtGui import QTextBlock, QTextCursor, QTextDocument, QTextFormat, QTextFrame, QTextTable

from workbench.progress import NO_STEPS, Steps

MAX_PASSES = 200  # each pass moves one row or heading; a report has far fewer
_TABLE = re.compile(r"<table\b[^>]*>", re.IGNORECASE)
_ROW = re.compile(r"<tr\b", re.IGNORECASE)
_THEAD = re.compile(r"\s*<thead>.*?</thead>", re.IGNORECASE | re.DOTALL)
_HEADING = re.compile(r"<h[1-6]\b([^>]*)>", re.IGNORECASE)
BREAK = "page-break-before: always"


def paginate(
    make: Callable[[str], QTextDocument], html: str, page_height: float, steps: Steps = NO_STEPS
) -> QTextDocument:
    """The document `make(html)` lays out, with every row that would cross a page boundary, and
    every heading a page would leave apart from what follows it, moved to the next page.

    Each move is made in the HTML, as Qt's own HTML reading understands it: the table is split at
    that row into two tables (the second one repeating the header rows) and the second starts a
    new page (`page-break-before` on a table); a heading gets `page-break-before`. Page breaks set
    on blocks inside table cells are not used: Qt's layout then leaves later text undrawn.
    `steps` hears of each pass (and may cancel between them).

    Each pass lays the whole document out again, and a long report needs a pass per page or so:
    so a report of several articles, each starting on a new page, is first paginated article by
    article (one article's pages depend on nothing before it), then checked whole. Every article to
    PDF grew with the square of the number of articles before.
    """
    sections = article_sections(html)
    if len(sections) > 2:
        head, *articles = sections
        done = [head]
        for number, section in enumerate(articles):
            steps.step(number, len(articles), f"laying out article {number + 1} of {len(articles)}")
            done.append(_paginated_section(make, html, section, page_height, steps))
        html = "".join(done)
    steps.step(0, 0, "laying out the pages")  # 0: the number of passes is not known
    return make(_paginated(make, html, page_height, steps))


def _paginated(make: Callable[[str], QTextDocument], html: str, page_height: float, steps: Steps) -> str:
    """The HTML with the moves `paginate` makes, pass after pass until none is needed."""
    for _ in range(MAX_PASSES):
        steps.check()
        doc = make(html)
        moves = crossings(doc, page_height, most=MOVES_PER_PASS if doc.pageCount() >= MANY_PAGES else 1)
        if moves:
            for number, row in reversed(moves):  # the last first: the numbers before stay right
                html = split_table(html, number, row)
            continue
        heading = _stranded_heading(doc, page_height)
        if heading is None:
            return html
        html = break_before_heading(html, heading_number(doc, heading))
    return html


_ARTICLE_START = re.compile(r'<div class="article" id="article-\d+"><h1 style="page-break-before: always">')


def article_sections(html: str) -> list[str]:
    """The HTML cut before each article that starts on a new page: [everything before the first,
    article 1, article 2 (with what follows the last)…]; one piece when no article starts a page."""
    starts = [m.start() for m in _ARTICLE_START.finditer(html)]
    if not starts:
        return [html]
    bounds = [0, *starts, len(html)]
    return [html[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


def _paginated_section(
    make: Callable[[str], QTextDocument], html: str, section: str, page_height: float, steps: Steps
) -> str:
    """One article paginated on its own, as it sits on the pages after its page break: in a
    document of the same head, opening on its first page (the break itself taken out)."""
    body = html.index("<body>") + len("<body>")
    tail = "</body></html>\n"
    own = section.removesuffix(tail)
    alone = own.replace(BREAK_STYLE, "<h1>", 1)
    laid = _paginated(make, html[:body] + alone + tail, page_height, steps)
    moved = laid[body : len(laid) - len(tail)]
    if moved.startswith(alone[: alone.index("<h1>")] + "<h1>"):
        moved = moved.replace("<h1>", BREAK_STYLE, 1)  # its page break back
    return moved + (tail if section.endswith(tail) else "")


BREAK_STYLE = f'<h1 style="{BREAK}">'


def split_table(html: str, number: int, row: int) -> str:
    """The HTML with its `number`-th table split before its `row`-th row (header rows count), the
    second part starting a new page with the same header rows."""
    opening = list(_TABLE.finditer(html))[number]
    end = html.lower().index("</table>", opening.end())
    head = _THEAD.match(html, opening.end())
    rows = list(_ROW.finditer(html, opening.end(), end))
    tag = opening.group()
    if "page-break-before" not in tag:
        tag = tag[:-1] + f' style="{BREAK}">'
    if row == 0:  # the whole table moves
        return html[: opening.start()] + tag + html[opening.end() :]
    if row >= len(rows):
        return html
    cut = rows[row].start()
    repeated = head.group().strip() if head else ""
    return html[:cut] + "</table>" + tag + repeated + html[cut:]


def heading_number(doc: QTextDocument, heading: QTextBlock) -> int:
    """Which heading of the document (outside tables, in order) `heading` is."""
    count, block = 0, doc.begin()
    while block.isValid() and block != heading:
        if block.blockFormat().headingLevel() > 0 and QTextCursor(block).currentTable() is None:
            count += 1
        block = block.next()
    return count


def break_before_heading(html: str, number: int) -> str:
    match = list(_HEADING.finditer(html))[number]
    if "page-break-before" in match.group(1):
        return html
    tag = match.group()
    return html[: match.start()] + tag[:-1] + f' style="{BREAK}">' + html[match.end() :]


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


def _stranded_heading(doc: QTextDocument, page_height: float) -> QTextBlock | None:
    """A heading outside tables that is cut by a page boundary or sits at the foot of a page while
    what it introduces starts on the next one: it goes to the next page with its content."""
    layout = doc.documentLayout()
    block = doc.begin()
    while block.isValid():
        fmt = block.blockFormat()
        following = block.next()
        if (
            fmt.headingLevel() > 0
            and following.isValid()
            and not fmt.pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore
            and QTextCursor(block).currentTable() is None
        ):
            rect = layout.blockBoundingRect(block)
            after = layout.blockBoundingRect(following)
            text_top = rect.top() + fmt.topMargin()
            if int(text_top // page_height) != int((after.bottom() - 0.5) // page_height):
                return block
        block = following
    return None


def _first_crossing(doc: QTextDocument, page_height: float) -> tuple[QTextTable, int] | None:
    """The first (table, row) whose row (with the notes row under it) crosses a page boundary and
    can move; row 0 means the whole table (its first row would leave the header alone)."""
    layout = doc.documentLayout()

    def crosses(first: int, last: int) -> bool:
        top, bottom = _extent(layout, table, first, last)
        return int(top // page_height) != int((bottom - 0.5) // page_height)

    for table in tables(doc):
        header = table.format().headerRowCount()
        row = header
        while row < table.rows():
            last = row + 1 if row + 1 < table.rows() and _is_notes_row(table, row + 1) else row
            top, bottom = _extent(layout, table, row, last)
            if bottom - top > page_height * 0.8:  # too tall with its notes: keep the claim row whole
                last = row
                top, bottom = _extent(layout, table, row, row)
            if crosses(row, last) and bottom - top <= page_height * 0.8:
                if row > header:
                    return table, row
                whole = table.format().pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore
                if not whole:
                    return table, 0
            row = last + 1
    return None


MOVES_PER_PASS = 400
# From this many pages a pass moves every row it can tell (`crossings`), else one row a pass: the
# guesses after a move are good, not exact (the seed report gets 24 pages instead of 23), and a
# document this short is laid out again in well under a second a pass.
MANY_PAGES = 40
GUESS_MARGIN = 0.05  # of a page: a row judged after a move must cross by this much on both sides


def crossings(doc: QTextDocument, page_height: float, most: int = MOVES_PER_PASS) -> list[tuple[int, int]]:
    """Every (table number, row) to move to a new page, as far as one layout can tell: the first
    is `_first_crossing`'s; the rows after it are judged where the moves before would put them
    (shifted down by what each move adds), and content after a page break of its own is judged
    where it is; a whole table moved ends the list. The next pass checks every move on a real
    layout, so a wrong guess costs a pass or some white space, never a cut row. (One move per pass
    laid a long report out once per page: a 40,000-character article's 75 pages took 90 s.)"""
    layout = doc.documentLayout()
    found: list[tuple[int, int]] = []
    shift, after = 0.0, 0
    for number, table in enumerate(tables(doc)):
        if shift and (table.parentFrame() is not doc.rootFrame() or _has_break(doc, after, table)):
            if table.parentFrame() is not doc.rootFrame():
                break  # a table in a table: judged on a real layout, next pass
            shift = 0.0  # a page break of its own: where it is, whatever moved before
        after = table.lastPosition()
        header = table.format().headerRowCount()
        head = _extent(layout, table, 0, header - 1) if header else None
        row = header
        while row < table.rows():
            last = row + 1 if row + 1 < table.rows() and _is_notes_row(table, row + 1) else row
            top, bottom = _extent(layout, table, row, last)
            if bottom - top > page_height * 0.8:  # too tall with its notes: keep the claim row whole
                last = row
                top, bottom = _extent(layout, table, row, row)
            top, bottom = top + shift, bottom + shift
            crossing = int(top // page_height) != int((bottom - 0.5) // page_height)
            if crossing and shift:  # judged where earlier moves put it: only a clear crossing
                boundary = (int(top // page_height) + 1) * page_height
                crossing = min(boundary - top, bottom - boundary) > page_height * GUESS_MARGIN
            if crossing and bottom - top <= page_height * 0.8:
                if row > header:
                    found.append((number, row))
                    repeated = head[1] - head[0] if head else 0.0
                    shift += (int(top // page_height) + 1) * page_height + repeated - top
                elif not table.format().pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore:
                    found.append((number, 0))
                    return found  # where a whole table lands is not well guessed: lay it out
                if len(found) >= most:
                    return found
            row = last + 1
    return found


def _has_break(doc: QTextDocument, after: int, table: QTextTable) -> bool:
    """Whether the table, or a block between position `after` and the table, starts a page."""
    always = QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore
    if table.format().pageBreakPolicy() & always:
        return True
    block, start = doc.findBlock(after), table.firstPosition()
    while block.isValid() and block.position() < start:
        if block.blockFormat().pageBreakPolicy() & always:
            return True
        block = block.next()
    return False


def _extent(layout, table: QTextTable, first: int, last: int) -> tuple[float, float]:
    tops, bottoms = [], []
    doc = layout.document()
    for row in (first, last):
        for column in range(table.columns()):
            cell = table.cellAt(row, column)
            if not cell.isValid():
                continue
            # positions, not cursors: a cursor on a cell of a long document costs ~0.1 ms
            tops.append(layout.blockBoundingRect(doc.findBlock(cell.firstPosition())).top())
            bottoms.append(layout.blockBoundingRect(doc.findBlock(cell.lastPosition())).bottom())
    return min(tops), max(bottoms)


def _is_notes_row(table: QTextTable, row: int) -> bool:
    """The row under a claim: an empty first cell, then one cell spanning the rest."""
    first, second = table.cellAt(row, 0), table.cellAt(row, 1)
    empty = first.firstPosition() == first.lastPosition()
    return table.columns() > 2 and empty and second.columnSpan() == table.columns() - 1
