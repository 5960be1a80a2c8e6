"""Code points (how offsets are stored) <-> UTF-16 units (how Qt counts): convert at the edge.

Characters outside the Basic Multilingual Plane (emoji, some CJK) are one code point but two
UTF-16 units; every other character is one of each. The map keeps the code-point positions of
those astral characters and converts with a binary search.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right


class Utf16Map:
    """Offset conversion for one text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._astral_cp = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if not text.isascii() else []
        # where each astral character starts in UTF-16 units
        self._astral_u16 = [cp + k for k, cp in enumerate(self._astral_cp)]

    @property
    def identity(self) -> bool:
        return not self._astral_cp

    def to_utf16(self, cp: int) -> int:
        """Code-point offset -> UTF-16 offset."""
        if not self._astral_cp:
            return cp
        return cp + bisect_left(self._astral_cp, cp)

    def to_cp(self, u16: int, *, round_up: bool = False) -> int:
        """UTF-16 offset -> code-point offset. A position inside a surrogate pair rounds down
        (or up with `round_up`, for the end of a selection)."""
        if not self._astral_cp:
            return u16
        # astral characters that start before u16
        k = bisect_right(self._astral_u16, u16 - 1)
        if k and self._astral_u16[k - 1] == u16 - 1:  # u16 falls between the two halves of a pair
            cp = self._astral_cp[k - 1]
            return cp + 1 if round_up else cp
        return u16 - k
