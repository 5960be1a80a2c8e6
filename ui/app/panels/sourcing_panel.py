"""The sourcing panel: an article's sourcing at a glance, for the desk editor.

Headline figures, the chart (QPainter), the anonymous sources with their descriptions and
whether each is specific enough, and the claims that need attention (double-click one to
select it in the window). Follows the window's `article_changed` and `changed` signals.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.app.palette import readable
from ui.app.plain_text import literal, rich_label
from ui.export.chart_paint import chart_height, paint_chart
from workbench.reports.chart import SourcingChart, sourcing_chart
from workbench.reports.data import ArticleReport
from workbench.reports.facts import claim_facts
from workbench.reports.sourcing import SourcingSummary, percent, summarise

FLAG = QColor("#b3261e")
OK = QColor("#2e7d32")


class ChartWidget(QWidget):
    """Paints a SourcingChart; its height follows its width (the legend wraps)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart: SourcingChart | None = None
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMinimumWidth(260)

    def set_chart(self, chart: SourcingChart | None) -> None:
        self.chart = chart
        self.updateGeometry()
        self.update()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return int(chart_height(self.chart, max(width, 260))) + 4 if self.chart else 0

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(320, self.heightForWidth(320))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        if self.chart is None:
            return
        painter = QPainter(self)
        try:
            rect = QRectF(0, 0, self.width(), self.height())
            painter.fillRect(rect, QColor("white"))  # the chart as in reports: ink on white, any theme
            paint_chart(painter, rect, self.chart)
        finally:
            painter.end()


class SourcingPanel(QScrollArea):
    """The sourcing summary of the current article."""

    claim_activated = Signal(int)  # a claim picked in one of the lists

    def __init__(
        self, loader: Callable[[int], ArticleReport] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.loader = loader
        self.article_id: int | None = None
        self.summary: SourcingSummary | None = None
        self.setWidgetResizable(True)
        body = QWidget()
        layout = QVBoxLayout(body)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # titles come from imported files
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold")
        self.figures = QGridLayout()
        self.figure_labels: dict[str, QLabel] = {}
        for i, (key, label) in enumerate(
            [
                ("claims", "claims"),
                ("anon_claims", "of claims anonymous"),
                ("anon_text", "of text anonymous"),
                ("single", "single-sourced"),
                ("uncorroborated", "uncorroborated"),
                ("conflict", "in conflict"),
            ]
        ):
            value = QLabel("–")
            value.setStyleSheet("font-size: 15pt; font-weight: bold")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption = QLabel(label)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption.setStyleSheet(f"color: {readable('#555555').name()}")
            caption.setWordWrap(True)
            # two columns: each caption gets half the (narrow) detail pane and wraps in it
            self.figures.addWidget(value, (i // 2) * 2, i % 2)
            self.figures.addWidget(caption, (i // 2) * 2 + 1, i % 2)
            self.figure_labels[key] = value
        self.chart = ChartWidget()
        self.attention = QTreeWidget()
        self.attention.setHeaderLabels(["Claim", "Needs attention because"])
        self.attention.setRootIsDecorated(False)
        self.attention.itemActivated.connect(self._activated)
        self.anonymous = QTreeWidget()
        self.anonymous.setHeaderLabels(["Anonymous source", "Claims", "Description"])
        self.anonymous.setRootIsDecorated(False)
        self.anonymous.setWordWrap(True)
        self.anonymous.itemActivated.connect(self._activated)
        self.attention_label = rich_label("<b>Needs attention</b>")
        self.anonymous_label = rich_label("<b>Anonymous sources</b>")
        layout.addWidget(self.title)
        layout.addLayout(self.figures)
        layout.addWidget(self.chart)
        layout.addWidget(self.attention_label)
        layout.addWidget(self.attention, 1)
        layout.addWidget(self.anonymous_label)
        layout.addWidget(self.anonymous, 1)
        self.setWidget(body)
        self.show_report(None)

    # --- public API -------------------------------------------------------------------------

    def show_article(self, article_id: int | None) -> None:
        """Load and show an article's summary (None or -1: nothing)."""
        self.article_id = article_id if article_id is not None and article_id >= 0 else None
        self.refresh()

    def refresh(self) -> None:
        if self.article_id is None or self.loader is None:
            self.show_report(None)
            return
        try:
            report = self.loader(self.article_id)
        except LookupError:
            report = None
        self.show_report(report)

    def show_report(self, report: ArticleReport | None) -> None:
        self.attention.clear()
        self.anonymous.clear()
        if report is None:
            self.summary = None
            self.title.setText("No article open.")
            for label in self.figure_labels.values():
                label.setText("–")
            self.chart.set_chart(None)
            return
        s = self.summary = summarise(report)
        self.title.setText(report.article.title or f"Article {report.article.id}")
        values = {
            "claims": str(s.claims),
            "anon_claims": percent(s.anonymous_claim_share),
            "anon_text": percent(s.anonymous_text_share),
            "single": str(len(s.single_sourced)),
            "uncorroborated": str(len(s.uncorroborated)),
            "conflict": str(len(s.in_conflict)),
        }
        for key, value in values.items():
            self.figure_labels[key].setText(value)
        self.chart.set_chart(sourcing_chart(s))
        numbers = {f.claim.id: f for f in claim_facts(report)}
        # The list is the count: the claims flagged for more than being unchecked, the cut the
        # table's ⚑ filter and the reports make (SourcingSummary.flagged); the rest are only counted.
        for claim_id, reasons in s.flagged:
            f = numbers.get(claim_id)
            if f is None:
                continue
            short = f.claim.summary if len(f.claim.summary) <= 36 else f.claim.summary[:35] + "…"
            item = QTreeWidgetItem([f"{f.number}. {short}", "; ".join(reasons)])
            item.setData(0, Qt.ItemDataRole.UserRole, claim_id)
            item.setToolTip(0, literal(f.claim.text))
            item.setToolTip(1, literal("\n".join(reasons)))
            item.setForeground(1, readable(FLAG))
            self.attention.addTopLevelItem(item)
        waiting = len(s.attention) - len(s.flagged)
        rest = f"; {waiting} more only waiting to be checked" if waiting else ""
        self.attention_label.setText(
            f"<b>Needs attention ({len(s.flagged)})</b>{rest} — double-click to select"
        )
        for src in s.anonymous_sources:
            verdict = ("Too vague: " if src.check.vague else "Specific enough. ") + "; ".join(
                src.check.issues
            )
            phrases = "; ".join(f"“{p}”" for p in src.phrases)
            item = QTreeWidgetItem([src.name, str(src.claims), verdict])
            item.setToolTip(0, literal(phrases or src.name))
            item.setToolTip(2, literal(verdict))
            item.setForeground(2, readable(FLAG if src.check.vague else OK))
            if src.claim_ids:
                item.setData(0, Qt.ItemDataRole.UserRole, src.claim_ids[0])
            self.anonymous.addTopLevelItem(item)
        self.anonymous_label.setText(f"<b>Anonymous sources ({len(s.anonymous_sources)})</b>")
        for tree in (self.attention, self.anonymous):
            tree.resizeColumnToContents(0)

    # --- Qt ---------------------------------------------------------------------------------

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        claim_id = item.data(0, Qt.ItemDataRole.UserRole)
        if claim_id is not None:
            self.claim_activated.emit(int(claim_id))
