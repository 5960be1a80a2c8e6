"""Typed settings over QSettings: each value has one accessor with its type and default."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

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

    # Layout keys carry a version: "2" when the columns were reordered and the panes re-proportioned
    # (states saved by the old layout would bring the old, cramped sizes back).
    def splitter(self, name: str) -> QByteArray | None:
        return self._bytes(f"splitters2/{name}")

    def set_splitter(self, name: str, value: QByteArray) -> None:
        self.q.setValue(f"splitters2/{name}", value)

    def table_header(self) -> QByteArray | None:
        return self._bytes("table/header2")

    def set_table_header(self, value: QByteArray) -> None:
        self.q.setValue("table/header2", value)

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

    def sync(self) -> None:
        self.q.sync()


def _key(path: str) -> str:
    # QSettings treats "/" as a group separator: keep the path as one key.
    return path.replace("\\", "|").replace("/", "|")
