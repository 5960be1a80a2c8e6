"""Exports: one function that writes any report format, used by the CLI and the GUI's export dialog."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from db import Workspace
from db.queries.report_data import audit_records, load_report_data
from ui.export.output import check_output, check_writable, write_atomically
from workbench.extraction.worth import DEFAULT_THRESHOLD
from workbench.progress import NO_STEPS, Steps
from workbench.reports.data import ReportData

FORMATS = ("html", "pdf", "md", "csv", "json", "claimreview", "w3c", "audit")
EXTENSIONS = {
    "html": ".html",
    "pdf": ".pdf",
    "md": ".md",
    "csv": ".csv",
    "json": ".json",
    "claimreview": ".jsonld",
    "w3c": ".jsonld",
    "audit": ".csv",
}


def renderers() -> dict[str, Callable[[ReportData], str]]:
    from workbench.reports.claimreview import render_claimreview
    from workbench.reports.csv_export import render_csv
    from workbench.reports.html import render_html
    from workbench.reports.json_export import render_json
    from workbench.reports.markdown import render_markdown
    from workbench.reports.w3c import render_w3c

    return {
        "html": render_html,
        "md": render_markdown,
        "csv": render_csv,
        "json": render_json,
        "claimreview": render_claimreview,
        "w3c": render_w3c,
    }


def export(
    ws: Workspace,
    fmt: str,
    out: Path | None,
    *,
    article_id: int | None = None,
    organisation: str = "",
    organisation_url: str = "",
    claim_path: str = "",
    include_rejected: bool = False,
    include_proposed: bool = False,
    threshold: int | None = DEFAULT_THRESHOLD,
    steps: Steps = NO_STEPS,
) -> str | int:
    """Write one export. Returns the text (when `out` is None) or what was written (pages for PDF,
    else characters). Used by the CLI and the GUI's export dialog (in a worker thread).
    Weak proposals (worth below `threshold`, nobody reviewed them) are left out; None keeps them.

    The file is written whole or not at all (`ui.export.output.atomic_output`). `steps` hears
    of each article read and each stage; when it cancels (workbench.progress.Cancelled), nothing
    is written and an earlier file at `out` is left as it was.

    Raises:
        OSError: `out` is a file of the workspace, or its folder does not exist or cannot be
            written (checked before any work); or writing failed (the old file is left as it was).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    if out is not None:
        check_output(out, ws.path)
    if fmt == "audit":
        return _export_audit(ws, out, article_id, steps)
    data = load_report_data(
        ws,
        article_id,
        include_rejected=include_rejected,
        threshold=threshold,
        organisation=organisation,
        organisation_url=organisation_url,
        claim_path=claim_path,
        steps=steps,
    )
    if not data.articles:
        raise LookupError("the workspace holds no articles to report on")
    if fmt == "pdf":
        if out is None:
            raise ValueError("a PDF needs an output file (-o report.pdf)")
        from ui.export.pdf import write_pdf

        return write_pdf(data, out, steps)
    if fmt == "claimreview":
        from workbench.reports.claimreview import render_claimreview

        text = render_claimreview(data, include_proposed=include_proposed)
    else:
        text = renderers()[fmt](data)
    if out is None:
        return text
    steps.step(1, 1, f"writing {out.name}")  # the last moment to stop: nothing written yet
    _write(out, text, bom=fmt == "csv")
    return len(text)


def _export_audit(ws: Workspace, out: Path | None, article_id: int | None, steps: Steps) -> str | int:
    import json

    from workbench.reports.csv_export import render_audit_csv
    from workbench.reports.json_export import audit_to_json

    if article_id is not None:
        ws.articles.get(article_id)
    entries = audit_records(ws, article_id=article_id)
    as_json = out is not None and out.suffix.lower() in (".json", ".jsonl")
    text = (
        json.dumps([audit_to_json(e) for e in entries], ensure_ascii=False, indent=2) + "\n"
        if as_json
        else render_audit_csv(entries)
    )
    if out is None:
        return text
    steps.step(1, 1, f"writing {out.name}")
    _write(out, text, bom=not as_json)
    return len(text)


def _write(out: Path, text: str, *, bom: bool = False) -> None:
    """Write atomically: a half-written report never replaces a good one."""
    write_atomically(out, text.encode("utf-8-sig" if bom else "utf-8"))


__all__ = ["EXTENSIONS", "FORMATS", "check_output", "check_writable", "export", "renderers"]
