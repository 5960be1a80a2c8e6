"""JSON-LD text that is safe to paste into `<script type="application/ld+json">`.

A browser ends the script element at the first `</script>` whatever JSON string it sits in, and
`<!--` changes how the rest is parsed; claim texts, titles and names come from imported pages.
`<`, `>` and `&` are written as JSON escapes (`\\u003c`, `\\u003e`, `\\u0026`), as Django's
`json_script` does, and so are U+2028/U+2029 (line breaks to older JavaScript parsers). Any JSON
parser reads the same values back.
"""

from __future__ import annotations

import json
from typing import Any

_SCRIPT_SAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def dumps_jsonld(value: Any, *, indent: int | None = 2) -> str:
    """`value` as JSON text with no `<`, `>`, `&` or U+2028/U+2029 in it (a trailing newline)."""
    # These characters only occur inside JSON strings, where their \\u escapes mean the same.
    return json.dumps(value, ensure_ascii=False, indent=indent).translate(_SCRIPT_SAFE) + "\n"
