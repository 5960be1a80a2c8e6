"""Style sheets of the HTML report: one for browsers, one for Qt's rich-text subset (the PDF)."""

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
sup a { text-decoration: none; font: 700 .7em sans-serif; color: #1d1d1f; background: #fff; border: 1px solid #999;
        border-radius: 6px; padding: 0 3px; margin-left: 1px; }
.claims tr:target { outline: 2px solid #1f4e8c; }
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
sup { font-family: 'DejaVu Sans'; font-size: 6.5pt; font-weight: bold; }
"""
