"""At a 2× scale factor the window renders at twice the pixels (not a blown-up 1× picture);
`workbench open --screenshot` takes the theme and the layout asked for."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtGui import QImage


def shoot(ws_path, out, scale: str = "1", *options: str) -> QImage:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": scale}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ui.cli",
            "open",
            str(ws_path),
            "--screenshot",
            str(out),
            "--size",
            "1000x700",
            *options,
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert not image.isNull()
    return image


def test_screenshot_at_twice_the_scale_has_twice_the_detail(seed_ws, tmp_path):
    path = seed_ws.path
    seed_ws.close()
    one = shoot(path, tmp_path / "1x.png", "1")
    two = shoot(path, tmp_path / "2x.png", "2")
    assert (one.width(), one.height()) == (1000, 700)
    assert (two.width(), two.height()) == (2000, 1400)  # the same window, every pixel doubled
    # Text drawn at 2× has detail inside each 2×2 block; a 1× picture scaled up would not.
    differing = 0
    for y in range(300, 1300, 7):
        for x in range(400, 1000, 2):
            if two.pixel(x, y) != two.pixel(x + 1, y):
                differing += 1
    assert differing > 100, differing


def test_screenshot_in_the_dark_theme_and_the_stacked_layout(seed_ws, tmp_path):
    from ui.app.palette import relative_luminance

    path = seed_ws.path
    seed_ws.close()
    light = shoot(path, tmp_path / "light.png", "1", "--theme", "light")
    dark = shoot(path, tmp_path / "dark.png", "1", "--theme", "dark", "--layout", "stacked")

    def page(image: QImage) -> float:  # the median brightness along a row through the window
        values = sorted(relative_luminance(image.pixelColor(x, 600)) for x in range(0, 1000, 5))
        return values[len(values) // 2]

    assert page(light) > 0.7 and page(dark) < 0.1
