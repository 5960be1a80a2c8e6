"""GUI speed on a 100,000-claim workspace, beside a bare QTableView over the same rows.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/gui.py [--claims 100000] [--workspace PATH]

Prints: time to first paint of the main window (workspace opened to first table paint), the
switch to "All articles", and the time per filter keystroke over all claims (wall clock, and the
process's CPU time, which a machine shared with other work inflates less); then the same first
paint and keystrokes for a bare QTableView + QSortFilterProxyModel (C++ filtering over a minimal
Python model holding the same row tuples). Goals (issue 16): keystroke median ≤ 30 ms, worst
≤ 50 ms; first paint ≤ 250 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QSettings,
    QSortFilterProxyModel,
    Qt,
)  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableView  # noqa: E402

from db import Workspace  # noqa: E402
from db.queries.claim_rows import all_rows, generate_claims  # noqa: E402

KEYSTROKES = ["c", "ce", "cea", "ceas", "ceasefire", "ceasefir", "cease", ""]


class PaintWatch(QObject):
    """Records when a widget first paints."""

    def __init__(self) -> None:
        super().__init__()
        self.at: float | None = None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.at is None:
            self.at = time.perf_counter()
        return False


def wait_paint(app: QApplication, watch: PaintWatch) -> None:
    deadline = time.perf_counter() + 30
    while watch.at is None and time.perf_counter() < deadline:
        app.processEvents()


class BareModel(QAbstractTableModel):
    def __init__(self, rows: list[tuple]) -> None:
        super().__init__()
        self.rows = rows

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 10

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return str(self.rows[index.row()][index.column() + 2])
        return None


def measure_window(app: QApplication, path: Path) -> dict[str, object]:
    from ui.app.main_window import MainWindow
    from ui.app.settings import Settings

    settings = Settings(QSettings(str(path.with_suffix(".ini")), QSettings.Format.IniFormat))
    t0 = time.perf_counter()
    ws = Workspace.open(path)
    win = MainWindow(ws, settings)
    watch = PaintWatch()
    win.claims.table.viewport().installEventFilter(watch)
    win.resize(1400, 900)
    win.show()
    wait_paint(app, watch)
    first_paint = watch.at - t0
    t = time.perf_counter()
    win.set_all_articles(True)  # starts the read on a pool thread
    all_blocked = time.perf_counter() - t
    longest = all_blocked
    while win.claims_model.rowCount() < 100_000 and time.perf_counter() - t < 60:
        tick = time.perf_counter()
        app.processEvents()  # the rows arrive here; the longest call is the GUI's worst stall
        longest = max(longest, time.perf_counter() - tick)
        time.sleep(0.002)
    all_scope = time.perf_counter() - t
    rows = win.claims_model.rowCount()
    times, cpu = [], []
    for text in KEYSTROKES:
        win.claims.filter_box.blockSignals(True)
        win.claims.filter_box.setText(text)
        win.claims.filter_box.blockSignals(False)
        t, c = time.perf_counter(), time.process_time()
        win.claims.apply_filter()
        app.processEvents()
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    win.close()
    ws.close()
    return {
        "first_paint": first_paint,
        "all_scope": all_scope,
        "all_blocked": all_blocked,
        "all_stall": longest,
        "rows": rows,
        "keystrokes": times,
        "cpu": cpu,
    }


def measure_bare(app: QApplication, path: Path) -> dict[str, object]:
    t0 = time.perf_counter()
    ws = Workspace.open(path)
    rows = all_rows(ws)
    model = BareModel(rows)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterKeyColumn(3)  # summary
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    view = QTableView()
    view.setModel(proxy)
    watch = PaintWatch()
    view.viewport().installEventFilter(watch)
    view.resize(1400, 900)
    view.show()
    wait_paint(app, watch)
    first_paint = watch.at - t0
    times, cpu = [], []
    for text in KEYSTROKES:
        t, c = time.perf_counter(), time.process_time()
        proxy.setFilterFixedString(text)
        app.processEvents()
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    view.close()
    ws.close()
    return {"first_paint": first_paint, "rows": len(rows), "keystrokes": times, "cpu": cpu}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--workspace", help="use (or create) this workspace instead of a temporary one")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.workspace) if args.workspace else Path(tmp) / "bench.db"
        if not path.exists():
            t = time.perf_counter()
            with Workspace.open(path) as ws:
                generate_claims(ws, args.claims, articles=max(1, args.claims // 200))
            print(f"generated {args.claims:,} claims in {time.perf_counter() - t:.2f} s")
        Workspace.open(path).close()  # today's daily backup, made here rather than inside the timings
        win = measure_window(app, path)
        bare = measure_bare(app, path)

    def ms(x: float) -> str:
        return f"{x * 1000:7.1f} ms"

    k_win, k_bare = win["keystrokes"], bare["keystrokes"]
    print(f"\n{'':38}{'workbench':>12}{'bare view':>12}")
    print(
        f"{'first paint (open → table painted)':38}{ms(win['first_paint']):>12}{ms(bare['first_paint']):>12}"
    )
    print(f"{'  rows shown at first paint':38}{200:>12,}{bare['rows']:>12,}")
    print(f"{'All articles: rows shown after':38}{ms(win['all_scope']):>12}{'—':>12}")
    print(f"{'  GUI blocked by the switch':38}{ms(win['all_blocked']):>12}{'—':>12}")
    print(f"{'  longest GUI stall meanwhile':38}{ms(win['all_stall']):>12}{'—':>12}")
    print(
        f"{'filter keystroke, median':38}{ms(statistics.median(k_win)):>12}{ms(statistics.median(k_bare)):>12}"
    )
    print(f"{'filter keystroke, worst':38}{ms(max(k_win)):>12}{ms(max(k_bare)):>12}")
    c_win, c_bare = win["cpu"], bare["cpu"]
    print(f"{'  CPU time, median':38}{ms(statistics.median(c_win)):>12}{ms(statistics.median(c_bare)):>12}")
    print(f"{'  CPU time, worst':38}{ms(max(c_win)):>12}{ms(max(c_bare)):>12}")
    print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs while measuring)")
    print(f"(filtering {win['rows']:,} rows; keystrokes: {' '.join(repr(k) for k in KEYSTROKES)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
