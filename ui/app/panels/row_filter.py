"""The claims table's filtering on row tuples, fast enough for a keystroke at 100,000 claims.

- The lower-cased haystack of each row (`haystack`) is built once, when the rows are loaded
  (`prepare`, which the window runs on the pool thread that read the rows), never per keystroke.
- What the filter bar asks besides the text (status, kind, origin, weak, rejected, ⚑) is applied
  once and kept: typing only searches the rows that passed it (`_base`).
- The results of the last few texts are kept: a text typed again (backspace) is answered at once, and
  a text that contains one of them (it grew) searches only that result, the smallest such.
- Whether a row needs attention (`row_attention`, the one rule) is worked out once per row, on first
  use, and forgotten when the row changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from itertools import compress

from db.queries.claim_rows import ClaimRow
from ui.app.panels.claim_columns import ClaimFilter, haystack, row_attention, row_is_weak
from workbench.model import Origin

RECENT_TEXTS = 12  # filter texts whose results are kept


@dataclass(frozen=True, slots=True)
class PreparedRows:
    """Rows with their haystacks by claim id (built off the GUI thread for a large scope)."""

    rows: list[tuple]
    hays: dict[int, str]


def prepare(rows: list[tuple]) -> PreparedRows:
    return PreparedRows(rows, {r[ClaimRow.ID]: haystack(r) for r in rows})


class RowFilter:
    """Filters a scope's rows by a `ClaimFilter`, remembering what it can reuse."""

    def __init__(self) -> None:
        self._hay: dict[int, str] = {}
        self._needed: dict[int, bool] = {}
        self._base_key: ClaimFilter | None = None
        self._base: list[tuple] = []  # the rows past the bar's other choices
        self._base_hays: list[str] = []  # their haystacks
        self._recent: dict[str, tuple[list[tuple], list[str]]] = {}  # text -> (rows, haystacks)
        self.weak = 0

    def load(self, prepared: PreparedRows | None = None) -> None:
        """Forget everything; `prepared` brings haystacks built elsewhere."""
        self._hay = prepared.hays if prepared else {}  # handed over: built for this model only
        self._needed.clear()
        self.invalidate()

    def forget(self, claim_ids: Iterable[int]) -> None:
        """Rows of these claims changed (or went): work their facts out again."""
        for claim_id in claim_ids:
            self._hay.pop(claim_id, None)
            self._needed.pop(claim_id, None)
        self.invalidate()

    def invalidate(self) -> None:
        """The scope's rows changed: filter from scratch next time."""
        self._base_key = None
        self._recent.clear()

    def needs_attention(self, row: tuple) -> bool:
        claim_id = row[ClaimRow.ID]
        needed = self._needed.get(claim_id)
        if needed is None:
            needed = self._needed[claim_id] = row_attention(row).needed
        return needed

    def attention_count(self, rows: Iterable[tuple]) -> int:
        """How many of `rows` need attention (rejected proposals never do)."""
        return sum(1 for r in rows if self.needs_attention(r))

    def apply(self, rows: list[tuple], f: ClaimFilter) -> list[tuple]:
        """The rows `f` accepts, in their order; `weak` is then how many weak proposals there are."""
        base_key = replace(f, text="")
        if base_key != self._base_key:
            self._base = self._base_rows(rows, base_key)
            self._base_hays = self._haystacks(self._base)  # now, not on the first key typed
            self._base_key = base_key
            self._recent.clear()
        needle = f.text.strip().casefold()
        if not needle:
            return list(self._base)
        found = self._recent.pop(needle, None)
        if found is None:
            candidates, hays = min(
                (hit for text, hit in self._recent.items() if text in needle),
                key=lambda hit: len(hit[0]),
                default=(self._base, self._base_hays),
            )
            keep = [needle in h for h in hays]
            found = (list(compress(candidates, keep)), list(compress(hays, keep)))
        self._recent[needle] = found  # the most recent last
        while len(self._recent) > RECENT_TEXTS:
            del self._recent[next(iter(self._recent))]
        return list(found[0])

    def _base_rows(self, rows: list[tuple], f: ClaimFilter) -> list[tuple]:
        if f == ClaimFilter(threshold=f.threshold):
            # hoisted: 100,000 rows. Shown: not rejected, and not a weak proposal.
            origin, rejected, proposed = int(ClaimRow.ORIGIN), Origin.REJECTED.value, Origin.PROPOSED.value
            worth, threshold = int(ClaimRow.WORTH), f.threshold
            shown = [
                r
                for r in rows
                if r[origin] != rejected
                and (r[origin] != proposed or r[worth] is None or r[worth] >= threshold)
            ]
            self.weak = sum(1 for r in rows if r[origin] != rejected) - len(shown)
        else:
            self.weak = sum(row_is_weak(r, f.threshold) for r in rows)
            bar = replace(f, attention=False)
            shown = [
                r for r in rows if bar.accepts(r, "", "") and (not f.attention or self.needs_attention(r))
            ]
        return shown

    def _haystacks(self, rows: list[tuple]) -> list[str]:
        get, claim_id = self._hay.get, int(ClaimRow.ID)
        out = [get(r[claim_id]) for r in rows]  # hoisted: 100,000 rows
        if None in out:  # rows changed since they were loaded: their haystacks are made again
            out = [h if h is not None else self._haystack(r) for h, r in zip(out, rows, strict=True)]
        return out

    def _haystack(self, row: tuple) -> str:
        claim_id = row[ClaimRow.ID]
        hay = self._hay.get(claim_id)
        if hay is None:
            hay = self._hay[claim_id] = haystack(row)
        return hay
