"""What the claim store hands out for undo: a claim's attribution as stored, and everything a
deleted claim took with it. Frozen values, so an undo command keeps exactly what was there."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from types import MappingProxyType
from typing import Any

from workbench.model import SourceKind

Row = Mapping[str, Any]  # one table row as stored, column -> value (read-only)


@dataclass(frozen=True, slots=True)
class StoredAttribution:
    """A claim's attribution row: who says it (a registry source, or only a phrase and its kind)
    and where the words are in the article. `ClaimStore.attribution` returns it;
    `set_attribution` takes one (or None) and returns the one it replaced, for undo."""

    source_id: int | None = None
    phrase: str = ""  # the words naming the source in the article ("a top Iraqi official")
    source_start: int | None = None
    source_end: int | None = None
    cue: str = ""  # the reporting verb ("told AFP")
    cue_start: int | None = None
    cue_end: int | None = None
    via: str = ""  # the outlet it came through ("according to Reuters")
    kind: SourceKind = SourceKind.AGENCY
    unsure: bool = False  # the engine's resolution of the phrase rests on weak evidence (m011)

    @classmethod
    def from_row(cls, row: Row) -> StoredAttribution:
        return cls(
            source_id=row["source_id"],
            phrase=row["phrase"] or "",
            source_start=row["source_start"],
            source_end=row["source_end"],
            cue=row["cue"] or "",
            cue_start=row["cue_start"],
            cue_end=row["cue_end"],
            via=row["via"] or "",
            kind=SourceKind(row["kind"]) if row["kind"] else SourceKind.AGENCY,
            unsure=bool(row.get("unsure")),
        )

    def as_row(self) -> dict[str, Any]:
        """The column values as stored (the kind by its value); also what the audit log records."""
        return {**asdict(self), "kind": self.kind.value, "unsure": int(self.unsure)}


def frozen_row(row: Row) -> Row:
    return MappingProxyType(dict(row))


@dataclass(frozen=True, slots=True)
class ClaimSnapshot:
    """Everything `ClaimStore.delete` removed with a claim, for `restore` to put back under the
    same id: the claim row, its attribution, notes and matches, and the claims carried over from
    it to a newer version (deleting it unlinked them; restoring links them again)."""

    claim: Row
    attribution: tuple[Row, ...] = ()
    notes: tuple[Row, ...] = ()
    matches: tuple[Row, ...] = ()
    successors: tuple[int, ...] = ()

    @property
    def claim_id(self) -> int:
        return self.claim["id"]

    @property
    def article_id(self) -> int:
        return self.claim["article_id"]

    @property
    def text(self) -> str:
        return self.claim["text"]
