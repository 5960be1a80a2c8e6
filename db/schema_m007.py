"""Migration 7 (issue 17): the desk views of migration 6 leave weak proposals out, as reports do.

A weak proposal is one nobody reviewed whose worth is below the default threshold
(workbench/extraction/worth.py). A view cannot read a person's setting: the views use the default,
the app and `workbench export --threshold` the setting. The view text is migration 6's with the
claim condition widened; `views()` fails loudly if that text ever stops matching.
"""

from __future__ import annotations

from db import schema_m006
from workbench.extraction.worth import DEFAULT_THRESHOLD

NAMES = ("claims_by_source_kind", "anonymous_claims", "article_sourcing")
_NOT_REJECTED = "c.origin <> 'rejected'"
_REPORTED = (
    f"c.origin <> 'rejected' AND NOT (c.origin = 'proposed' AND c.worth IS NOT NULL "
    f"AND c.worth < {DEFAULT_THRESHOLD})"
)


def views() -> tuple[str, ...]:
    out = []
    for statement in schema_m006.VIEWS:
        if _NOT_REJECTED not in statement:
            raise RuntimeError("migration 6's view text changed: migration 7 cannot widen it")
        out.append(statement.replace(_NOT_REJECTED, _REPORTED))
    return tuple(out)
