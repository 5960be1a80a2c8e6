"""Colours and style sheets of the reports: one sheet for browsers, one for Qt's rich-text subset (the PDF).

Highlights mean the same in the report as in the app: the claim's *source kind*. The hues are
copied from `ui/app/palette.py` (`KIND_HUES`; `workbench/` cannot import `ui/`), and the highlight
is the hue blended into white as the app blends it into a light base colour; a test checks the
two stay equal.
"""

from __future__ import annotations

# Source kind -> hue, as ui/app/palette.py KIND_HUES (keys are SourceKind values).
KIND_HUES: dict[str, tuple[int, int, int]] = {
    "named": (46, 125, 230),  # blue
    "anonymous": (232, 140, 20),  # amber
    "institution": (40, 170, 100),  # green
    "document": (150, 90, 210),  # violet
    "agency": (128, 128, 128),  # grey: the publication's own voice
}
HIGHLIGHT_AMOUNT = 0.22  # ui/app/palette.py highlight_colour on a light base
STRONG_AMOUNT = 0.42  # the same, strong (overlapping claims)


def hex_colour(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def blend_white(rgb: tuple[int, int, int], amount: float) -> str:
    """`amount` of the hue mixed into white, as a #rrggbb string."""
    return hex_colour(tuple(round(c * amount + 255 * (1 - amount)) for c in rgb))  # type: ignore[arg-type]


KIND_HEX: dict[str, str] = {k: hex_colour(v) for k, v in KIND_HUES.items()}
KIND_HIGHLIGHT: dict[str, str] = {k: blend_white(v, HIGHLIGHT_AMOUNT) for k, v in KIND_HUES.items()}
KIND_HIGHLIGHT_STRONG: dict[str, str] = {k: blend_white(v, STRONG_AMOUNT) for k, v in KIND_HUES.items()}

BROWSER_CSS = """
:root { color-scheme: light; }
body { font: 15px/1.5 Georgia, 'DejaVu Serif', serif; color: #1d1d1f; max-width: 1100px; margin: 2em auto;
       padding: 0 1.5em; background: #fff; }
h1 { font-size: 1.9em; line-height: 1.2; margin: .2em 0 .2em; }
h2 { font: 600 1.15em/1.3 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif; margin-top: 2em;
     border-bottom: 2px solid #1d1d1f; padding-bottom: .2em; text-transform: uppercase; letter-spacing: .04em; }
h3 { font: 600 1em 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif; margin: 1.4em 0 .4em; }
a { color: #1f4e8c; }
.kicker { font: 600 .8em 'Helvetica Neue', Arial, sans-serif; text-transform: uppercase; letter-spacing: .12em;
          color: #b3261e; margin: 0; }
.meta, .small, .colophon, .legend { font-family: 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif; color: #555; }
.meta { font-size: .9em; margin: .1em 0; word-break: break-all; }
.small { font-size: .82em; }
.signoff { font: 600 .95em 'Helvetica Neue', Arial, sans-serif; padding: .5em .8em; border-left: 4px solid; }
.signed { border-color: #2e7d32; background: #eef7ee; }
.unsigned { border-color: #b3261e; background: #fbeeee; }
table { border-collapse: collapse; width: 100%; font: .88em/1.4 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif; }
.grid th { text-align: left; background: #f1f1f1; border-bottom: 1px solid #999; }
.grid td, .grid th { padding: .35em .5em; vertical-align: top; border-bottom: 1px solid #ddd; }
.figures td { border: 1px solid #ddd; text-align: center; width: 12.5%; vertical-align: top; font-size: .85em; }
.figures .big { font: 700 1.7em Georgia, serif; color: #1d1d1f; }
.num { text-align: right; white-space: nowrap; }
.flag { color: #b3261e; font-weight: 600; }
.ok { color: #2e7d32; font-weight: 600; }
.quote { font-family: Georgia, 'DejaVu Serif', serif; }
.reasons { color: #b3261e; }
.article-text { font-size: 1.05em; line-height: 1.7; border: 1px solid #e2e2e2; padding: 1em 1.3em; background: #fcfcfa; }
.hl { border-radius: 2px; padding: 0 1px; }
u.src { text-decoration: underline 1.5px; text-underline-offset: 2px; }
sup a { text-decoration: none; font: 700 .7em sans-serif; color: #1d1d1f; background: #fff; border: 1px solid #999;
        border-radius: 6px; padding: 0 3px; margin-left: 1px; }
.claims tr:target { outline: 2px solid #1f4e8c; }
.claims td { border-bottom: 0; }
.claims tr.last td { border-bottom: 1px solid #ccc; }
.claims tr.sub td { padding-top: 0; }
.detail { margin: .15em 0; font-size: .95em; }
table + h2, table + h3 { margin-top: 1.6em; }
.chart-box { margin: .5em 0 1em; }
.chart { max-width: 100%; height: auto; }
.chart text { fill: #1d1d1f; }
.chart .chart-title { font-weight: 600; }
q { quotes: "“" "”"; }
details summary { cursor: pointer; font-family: sans-serif; color: #1f4e8c; }
.audit { font-size: .8em; }
@media print { body { margin: 0; max-width: none; } details { display: block; } .back { display: none; } }
"""

# Qt's rich text supports a CSS subset: no border-radius, no :target, padding only on cells.
QT_CSS = """
body { font-family: 'DejaVu Serif'; font-size: 10pt; color: #1d1d1f; }
h1 { font-size: 20pt; font-weight: bold; margin-top: 0; margin-bottom: 4px; }
h2 { font-family: 'DejaVu Sans'; font-size: 12pt; font-weight: bold; margin-top: 18px; margin-bottom: 6px;
     border-bottom: 1px solid #1d1d1f; }
h3 { font-family: 'DejaVu Sans'; font-size: 10.5pt; font-weight: bold; margin-top: 12px; margin-bottom: 4px; }
a { color: #1f4e8c; text-decoration: none; }
.kicker { font-family: 'DejaVu Sans'; font-size: 8pt; font-weight: bold; color: #b3261e; margin: 0; }
.meta { font-family: 'DejaVu Sans'; font-size: 8.5pt; color: #555; margin: 0; }
.small, .colophon, .legend { font-family: 'DejaVu Sans'; font-size: 7.5pt; color: #555; }
.signoff { font-family: 'DejaVu Sans'; font-weight: bold; font-size: 9pt; }
.signed { color: #2e7d32; }
.unsigned { color: #b3261e; }
table { font-family: 'DejaVu Sans'; font-size: 8pt; }
.grid { border-width: 0.5px; border-style: solid; border-color: #cccccc; }
th { background-color: #eeeeee; text-align: left; font-weight: bold; }
.figures td { border-width: 0.5px; border-style: solid; border-color: #cccccc; text-align: center; }
.big { font-family: 'DejaVu Serif'; font-size: 15pt; font-weight: bold; }
.flag { color: #b3261e; font-weight: bold; }
.ok { color: #2e7d32; font-weight: bold; }
.reasons { color: #b3261e; }
.article-text { font-size: 10pt; }
.quote { font-family: 'DejaVu Serif'; }
.audit { font-size: 7pt; }
.detail { margin-top: 0; margin-bottom: 2px; font-size: 7.5pt; }
.gap { font-size: 6pt; margin: 0; }
sup { font-family: 'DejaVu Sans'; font-size: 8pt; font-weight: bold; color: #1f4e8c; }
"""
