"""Audit entries worded for people: "Status: Unchecked → Verified", "Note added: Called the
ministry", "Evidence added: https://… — “quoted passage”", "URL: — → https://…", never the stored
JSON. The one formatter of the History: the window's Desk tab and every report use it."""

from __future__ import annotations

import json
from typing import Any

from workbench.model import Origin, Review, Status
from workbench.reports.data import AuditRecord
from workbench.reports.facts import quoted

LIMIT = 90
FIELD_LABELS = {
    "status": "Status",
    "summary": "Summary",
    "kind": "Type",
    "origin": "Origin",
    "review": "Desk review",
    "reviewer": "Reviewer",
    "review_comment": "Desk comment",
    "attribution": "Source",
    "body": "Note",
    "url": "Evidence URL",
    "quote": "Quoted passage",
    "signed_off_by": "Signed off by",
    "title": "Title",
    "date": "Date",
    "publisher": "Publisher",
    "agency": "Agency",
    "dateline": "Dateline",
}
ARTICLE_FIELD_LABELS = {"url": "URL", "kind": "Kind"}  # the same field names mean other things on an article
ACTIONS = {"create": "added", "restore": "restored", "delete": "deleted"}
ENTITIES = {
    "claim": "Claim",
    "note": "Note",
    "source": "Source",
    "article": "Article",
    "attribution": "Source",
}


def describe(entry: AuditRecord) -> str:
    """One readable line for an audit entry."""
    old, new = _value(entry.old), _value(entry.new)
    if entry.action == "import" and entry.entity == "article":
        return (
            "Imported"
            + (f": “{_short(str(new))}”" if new else "")
            + (f" (new version of article {old})" if old else "")
        )
    if entry.action == "sign_off":
        return f"Signed off by {new}" if new else f"Sign-off by {old or 'nobody'} withdrawn"
    if entry.field:
        labels = FIELD_LABELS | ARTICLE_FIELD_LABELS if entry.entity == "article" else FIELD_LABELS
        label = labels.get(entry.field, entry.field.replace("_", " ").capitalize())
        if entry.field == "attribution" or (entry.entity == "attribution" and entry.field == "kind"):
            line = (
                f"Source: {_attribution(old)} → {_attribution(new)}"
                if entry.field == "attribution"
                else f"Source kind: {_plain('', old)} → {_plain('', new)}"
            )
        else:
            line = f"{label}: {_plain(entry.field, old)} → {_plain(entry.field, new)}"
        if entry.action == "repair":  # migration 6 put an out-of-range value right
            return f"{line} (repaired: the old value was not allowed)"
        return line
    value = new if new is not None else old
    if entry.entity == "note":
        what = "Evidence" if isinstance(value, dict) and value.get("url") else "Note"
        verb = ACTIONS.get(entry.action, entry.action)
        return f"{what} {verb}: {_note(value)}"
    if entry.entity == "claim" and entry.action in ACTIONS:
        return f"Claim {ACTIONS[entry.action]}" + (f": {quoted(_short(str(value)))}" if value else "")
    if entry.action in ACTIONS:
        what = ENTITIES.get(entry.entity, entry.entity.capitalize())
        return f"{what} {ACTIONS[entry.action]}" + (
            f": {_short(_flat(value))}" if value not in (None, "") else ""
        )
    head = f"{entry.action.replace('_', ' ').capitalize()} {entry.entity}".strip()
    return f"{head}: {_short(_flat(value))}" if value not in (None, "") else head


def _value(text: str | None) -> Any:
    if text is None or text[:1] not in "{[":
        return text
    try:
        return json.loads(text)
    except ValueError:
        return text


def _plain(field: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    enums = {"status": Status, "origin": Origin, "review": Review}
    if field in enums and isinstance(value, str):
        try:
            member = enums[field](value)
        except ValueError:
            return value
        return getattr(member, "label", None) or member.value.replace("_", " ").capitalize()
    if isinstance(value, str):
        return (
            f"“{_short(value)}”" if field in ("summary", "review_comment", "body", "quote") else _short(value)
        )
    return _short(_flat(value))


def _attribution(value: Any) -> str:
    if not value:
        return "none (the agency's own voice)"
    if not isinstance(value, dict):
        return _short(str(value))
    phrase = value.get("phrase") or ""
    kind = value.get("kind") or ""
    via = f", via {value['via']}" if value.get("via") else ""
    return (f"“{_short(phrase, 50)}”" if phrase else "(no phrase)") + (
        f" ({kind}{via})" if kind or via else ""
    )


def _note(value: Any) -> str:
    if not isinstance(value, dict):
        return _short(str(value or ""))
    parts = []
    if value.get("body"):
        parts.append(_short(value["body"]))
    if value.get("url"):
        parts.append(value["url"])
    if value.get("quote"):
        parts.append(f"“{_short(value['quote'], 60)}”")
    return " — ".join(parts) or "(empty)"


def _flat(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items() if v not in (None, ""))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _short(text: str, limit: int = LIMIT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
