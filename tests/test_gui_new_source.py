"""The "New source…" dialog: kind guessed from the name (or left for the user), description empty."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from ui.app.panels.source_picker import NewSourceDialog
from workbench.model import SourceKind


def _ok(dialog: NewSourceDialog) -> bool:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_kind_is_guessed_from_the_name_and_description_left_empty(qtbot):
    dialog = NewSourceDialog("the World Health Organization")
    qtbot.addWidget(dialog)
    assert dialog.kind.currentData() == SourceKind.INSTITUTION.value
    assert "guessed" in dialog.kind_hint.text()
    assert dialog.description.text() == ""
    assert _ok(dialog)
    dialog.name.setText("a senior diplomat")  # the guess follows the name until the user picks
    assert dialog.kind.currentData() == SourceKind.ANONYMOUS.value
    name, kind, description, _aliases = dialog.values()
    assert (name, kind, description) == ("a senior diplomat", SourceKind.ANONYMOUS, "")


def test_no_name_leaves_the_kind_unchosen_and_ok_waits(qtbot):
    dialog = NewSourceDialog("")
    qtbot.addWidget(dialog)
    assert dialog.kind.currentIndex() == -1
    assert not _ok(dialog)
    dialog.name.setText("Ali Mamouri")
    assert dialog.kind.currentData() == SourceKind.NAMED.value
    dialog.kind.setCurrentIndex(dialog.kind.findData(SourceKind.DOCUMENT.value))
    dialog._kind_chosen()
    dialog.name.setText("Dr Ali Mamouri")  # a kind chosen by the user is kept
    assert dialog.kind.currentData() == SourceKind.DOCUMENT.value
    assert dialog.kind_hint.text() == ""
    assert _ok(dialog)
