"""Choosing a claim's source from the registry (names and aliases complete), or making a new one."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from ui.app.palette import KIND_LABELS
from workbench.model import Source, SourceKind

NEW_SOURCE = -1


def guess_kind(phrase: str) -> SourceKind:
    """The likely kind of a source phrase ("a top Iraqi official" -> anonymous)."""
    from workbench.extraction.source_kinds import classify

    try:
        return classify(phrase)
    except Exception:  # the guess is a convenience: never let it block capture
        return SourceKind.NAMED


def phrase_span(text: str, start: int, end: int, names: list[str]) -> tuple[int, int] | None:
    """Where one of a source's names (or aliases) occurs in the sentences holding text[start:end]:
    the source phrase to underline when a source is chosen from the registry. None if absent.

    Words must match whole (case-insensitive); longer names win ("Peter Kamau" over "Kamau").
    """
    import re

    from workbench.text.sentences import split_sentences

    lo, hi = start, end
    for s in split_sentences(text):
        if s.start <= start < s.end or (s.start < end <= s.end) or (start <= s.start and s.end <= end):
            lo, hi = min(lo, s.start), max(hi, s.end)
    for name in sorted({n.strip() for n in names if n.strip()}, key=len, reverse=True):
        m = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE).search(text, lo, hi)
        if m:
            return m.start(), m.end()
    return None


def _classify(phrase: str) -> SourceKind | None:
    """The classifier's guess, or None when it has none (the user then chooses)."""
    from workbench.extraction.source_kinds import classify

    try:
        return classify(phrase)
    except Exception:  # a guess is a convenience: no guess rather than a wrong default
        return None


def guess_description(phrase: str) -> str:
    from workbench.extraction.source_kinds import describe

    try:
        return describe(phrase)
    except Exception:  # as above: a missing description is fine
        return ""


class SourcePicker(QComboBox):
    """An editable combo over the registry; typing completes names and aliases anywhere in them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(20)
        self._by_text: dict[str, int] = {}
        self._sources: dict[int, Source] = {}
        self._completion = QStringListModel(self)
        completer = QCompleter(self._completion, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.lineEdit().setPlaceholderText("Type a name or alias…")

    def set_sources(self, sources: list[Source], current: int | None = None) -> None:
        self.clear()
        self._sources = {s.id: s for s in sources}
        self._by_text = {}
        entries: list[str] = []
        for s in sources:
            label = f"{s.name} — {KIND_LABELS.get(s.kind.value, s.kind.value)}"
            self.addItem(label, s.id)
            self._by_text[s.name.casefold()] = s.id
            self._by_text[label.casefold()] = s.id
            entries.append(s.name)
            for alias in s.aliases:
                text = f"{alias} (→ {s.name})"
                self._by_text[alias.casefold()] = s.id
                self._by_text[text.casefold()] = s.id
                entries.append(text)
        self.addItem("New source…", NEW_SOURCE)
        self._completion.setStringList(entries)
        if current is not None and current in self._sources:
            self.setCurrentIndex(self.findData(current))
        else:
            self.setCurrentIndex(-1)
            self.setEditText("")

    def chosen(self) -> int | None:
        """The chosen source id, NEW_SOURCE for "New source…", or None when the text matches nothing."""
        text = self.currentText().strip()
        if not text:
            return None
        if text == "New source…":
            return NEW_SOURCE
        found = self._by_text.get(text.casefold())
        if found is not None:
            return found
        data = self.currentData()
        if isinstance(data, int) and self.itemText(self.currentIndex()) == text:
            return data
        return NEW_SOURCE  # an unknown name: offer to create it

    def typed_name(self) -> str:
        text = self.currentText().strip()
        return "" if text == "New source…" else text

    def source(self, source_id: int) -> Source | None:
        return self._sources.get(source_id)


class NewSourceDialog(QDialog):
    """Name, kind, description and aliases of a new registry source.

    The kind is guessed from the name by the extraction engine's classifier
    (`workbench.extraction.sources.classify`) and marked as a guess; with no name (or no guess) it stays
    unselected, and OK waits until a kind is chosen. The description starts empty: it describes
    the source ("analyst at the Washington Institute"), it does not repeat the name.
    """

    def __init__(self, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New source")
        self.name = QLineEdit(name)
        self.kind = QComboBox()
        for kind in SourceKind:
            self.kind.addItem(KIND_LABELS[kind.value], kind.value)
        self.kind.setPlaceholderText("Choose the kind…")
        self.kind.setCurrentIndex(-1)
        self.kind_hint = QLabel()
        self.kind_hint.setStyleSheet("color: palette(mid)")
        self.description = QLineEdit()
        self.description.setPlaceholderText("e.g. analyst at the Washington Institute")
        self.aliases = QLineEdit()
        self.aliases.setPlaceholderText("other names, separated by ;")
        form = QFormLayout(self)
        form.addRow("&Name", self.name)
        form.addRow("&Kind", self.kind)
        form.addRow("", self.kind_hint)
        form.addRow("&Description", self.description)
        form.addRow("&Aliases", self.aliases)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self._kind_touched = False
        self.name.textChanged.connect(self._guess)
        self.kind.activated.connect(self._kind_chosen)
        self._guess(name)
        self.resize(460, self.sizeHint().height())

    def _kind_chosen(self, _index: int = 0) -> None:
        self._kind_touched = True
        self.kind_hint.setText("")
        self._update_ok()

    def _guess(self, name: str) -> None:
        if not self._kind_touched:
            kind = _classify(name) if name.strip() else None
            self.kind.setCurrentIndex(self.kind.findData(kind.value) if kind else -1)
            self.kind_hint.setText("guessed from the name — check it" if kind else "")
        self._update_ok()

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.name.text().strip()) and self.kind.currentIndex() >= 0)

    def values(self) -> tuple[str, SourceKind, str, tuple[str, ...]]:
        aliases = tuple(a.strip() for a in self.aliases.text().split(";") if a.strip())
        return (
            self.name.text().strip(),
            SourceKind(self.kind.currentData()),
            self.description.text().strip(),
            aliases,
        )
