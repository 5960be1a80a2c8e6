"""Verification reports and exports: the sourcing summary, HTML, Markdown, CSV, JSON, ClaimReview
and W3C Web Annotations. Pure Python over `workbench.reports.data`; PDF is drawn by `ui/export/pdf.py`."""
