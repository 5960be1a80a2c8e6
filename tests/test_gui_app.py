"""`workbench open` without a display: a screenshot still works (offscreen), a window says why not."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtGui import QImage

from ui.app.run import needs_display, parse_size

CLI = "from ui.cli.main import main; raise SystemExit(main())"


def run_without_display(*argv: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run(
        [sys.executable, "-c", CLI, *argv], env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland detection is Linux-only")
def test_open_without_display_explains_and_exits_1(seed_ws):
    seed_ws.close()
    result = run_without_display("open", str(seed_ws.path))
    assert result.returncode == 1
    assert "no display: run under a desktop session or xvfb-run" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland detection is Linux-only")
def test_screenshot_without_display_goes_offscreen_at_the_asked_size(seed_ws, tmp_path):
    seed_ws.close()
    out = tmp_path / "shot.png"
    result = run_without_display("open", str(seed_ws.path), "--screenshot", str(out), "--size", "1366x768")
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1366, 768)


def test_needs_display(monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert needs_display()
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    assert not needs_display()
    monkeypatch.delenv("WAYLAND_DISPLAY")
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert not needs_display()


@pytest.mark.parametrize(
    ("text", "size"), [("1366x768", (1366, 768)), ("1400×900", (1400, 900)), ("800X600", (800, 600))]
)
def test_parse_size(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["12", "axb", "10x10", "1366x"])
def test_parse_size_rejects(text):
    with pytest.raises(ValueError, match="--size"):
        parse_size(text)
