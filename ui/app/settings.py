"""Typed settings over QSettings: each value has one accessor with its type and default."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QByteArray, QSettings

from workbench.extraction.worth import DEFAULT_THRESHOLD


class LayoutChoice(StrEnum):
    """How the window arranges its panes (ui/app/window_layout.py)."""

    AUTO = "auto"  # side by side from a width, stacked below it
    SIDE = "side"
    STACKED = "stacked"


ORGANISATION = "Newsroom Tools"
APPLICATION = "Claim Workbench"


class Settings:
    """The user's preferences and window state. Pass a QSettings (tests use an INI file)."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.q = qsettings if qsettings is not None else QSettings(ORGANISATION, APPLICATION)

    def _str(self, key: str, default: str = "") -> str:
        value = self.q.value(key, default)
        return str(value) if value is not None else default

    def _bytes(self, key: str) -> QByteArray | None:
        value = self.q.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    # --- who is working ---------------------------------------------------------------------

    @property
    def user_name(self) -> str:
        return self._str("user/name")

    @user_name.setter
    def user_name(self, value: str) -> None:
        self.q.setValue("user/name", value.strip())

    @property
    def organisation(self) -> str:
        return self._str("user/organisation")

    @organisation.setter
    def organisation(self, value: str) -> None:
        self.q.setValue("user/organisation", value.strip())

    @property
    def organisation_url(self) -> str:
        """The organisation's web site, where its reviews are published (ClaimReview url)."""
        return self._str("user/organisation_url")

    @organisation_url.setter
    def organisation_url(self, value: str) -> None:
        self.q.setValue("user/organisation_url", value.strip())

    @property
    def claim_path(self) -> str:
        """A review's page under organisation_url, with {claim} and {article} ("" = the default)."""
        return self._str("user/claim_path")

    @claim_path.setter
    def claim_path(self, value: str) -> None:
        self.q.setValue("user/claim_path", value.strip())

    # --- window state -----------------------------------------------------------------------

    @property
    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self.q.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self.q.setValue("window/state", value)

    # Layout keys carry a version: "3" when the panes got two arrangements (side by side, stacked),
    # each with its own sizes ("side/main", "stacked/column"); the table header "3" when the Worth
    # column came in (a saved header of 11 sections would misplace the 12).
    def splitter(self, name: str) -> QByteArray | None:
        return self._bytes(f"splitters3/{name}")

    def set_splitter(self, name: str, value: QByteArray) -> None:
        self.q.setValue(f"splitters3/{name}", value)

    @property
    def layout_choice(self) -> LayoutChoice:
        """View → Layout: automatic (by the window's width), side by side or stacked."""
        try:
            return LayoutChoice(self._str("window/layout", LayoutChoice.AUTO.value))
        except ValueError:
            return LayoutChoice.AUTO

    @layout_choice.setter
    def layout_choice(self, value: LayoutChoice) -> None:
        self.q.setValue("window/layout", LayoutChoice(value).value)

    @property
    def article_zoom(self) -> int:
        """Steps the article text is zoomed in (positive) or out (negative); 0 is the default size."""
        try:
            return int(self._str("article/zoom", "0"))
        except ValueError:
            return 0

    @article_zoom.setter
    def article_zoom(self, value: int) -> None:
        self.q.setValue("article/zoom", str(int(value)))

    def table_header(self) -> QByteArray | None:
        return self._bytes("table/header3")

    def set_table_header(self, value: QByteArray) -> None:
        self.q.setValue("table/header3", value)

    def last_article(self, workspace: str) -> int | None:
        """The article last open in `workspace` (keyed by its path)."""
        value = self.q.value(f"last_article/{_key(workspace)}")
        try:
            return int(value) if value is not None else None
        except (TypeError, ValueError):
            return None

    def set_last_article(self, workspace: str, article_id: int) -> None:
        self.q.setValue(f"last_article/{_key(workspace)}", int(article_id))

    @property
    def export_folder(self) -> str:
        """The folder the last export was written to ("" before the first)."""
        return self._str("export/folder")

    @export_folder.setter
    def export_folder(self, value: str) -> None:
        self.q.setValue("export/folder", value)

    @property
    def show_rejected(self) -> bool:
        return self._str("table/show_rejected", "false") == "true"

    @show_rejected.setter
    def show_rejected(self, value: bool) -> None:
        self.q.setValue("table/show_rejected", "true" if value else "false")

    @property
    def show_weak(self) -> bool:
        return self._str("table/show_weak", "false") == "true"

    @show_weak.setter
    def show_weak(self, value: bool) -> None:
        self.q.setValue("table/show_weak", "true" if value else "false")

    @property
    def worth_threshold(self) -> int:
        """Proposals below this worth are weak: hidden in the table, left out of reports."""
        try:
            value = int(self._str("claims/worth_threshold", str(DEFAULT_THRESHOLD)))
        except ValueError:
            return DEFAULT_THRESHOLD
        return max(0, min(100, value))

    @worth_threshold.setter
    def worth_threshold(self, value: int) -> None:
        self.q.setValue("claims/worth_threshold", str(max(0, min(100, int(value)))))

    def sync(self) -> None:
        self.q.sync()


def _key(path: str) -> str:
    # QSettings treats "/" as a group separator: keep the path as one key.
    return path.replace("\\", "|").replace("/", "|")
