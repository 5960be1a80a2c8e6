"""How soon a window hears of another session's commit, and what telling it costs a write (issue 12 item 5).

    .venv/bin/python benchmarks/desk_notify.py [--n 200] [--workspace postgresql://...]

Latency: another connection commits `claims.update`; the listener waits as the window does (on the
feed's socket with `select`, else sleeping its poll interval) until `changed()` says so. Printed:
median, p95 and max from the commit's return, on a desk (LISTEN/NOTIFY) and, as the peer, a
workspace file (data_version polled every 500 ms; the listener asks right after the commit, so
it waits a whole interval: the worst case). Cost: microseconds per UPDATE of a claim in a loop on
the server (no round trips), with migration 12's notify trigger and with it disabled (the peer),
all in one transaction (an import's shape: the trigger's WHEN skips the call after the first) and
in a subtransaction each (a notice each), min and median of 6 interleaved runs.
Without --workspace the test suite's throwaway server is started (fsync off) and removed after.
Prints `uptime`'s load: on the shared 2-core machine every wall figure carries it.
"""

from __future__ import annotations

import argparse
import os
import select
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from db import Workspace  # noqa: E402
from db.desk import init_desk  # noqa: E402
from db.flows.importing import import_paths  # noqa: E402

SEED = ROOT / "seeds" / "000_49799be3d89e085a.txt"


def _wait(feed, deadline: float) -> float | None:
    while time.perf_counter() < deadline:
        fd = feed.fileno()
        if fd is not None:
            select.select([fd], [], [], 0.05)
        else:
            time.sleep(feed.poll_ms / 1000)
        if feed.changed():
            return time.perf_counter()
    return None


def latencies(listener: Workspace, writer: Workspace, claim_id: int, n: int) -> list[float]:
    """Milliseconds from a commit's return to the listener's feed saying so."""
    feed = listener.change_feed()
    feed.connect()
    out: list[float] = []
    try:
        for i in range(n):
            writer.claims.update(claim_id, summary=f"edit {i}")
            committed = time.perf_counter()
            heard = _wait(feed, committed + 3)
            if heard is not None:
                out.append((heard - committed) * 1000)
            time.sleep(0.01)
    finally:
        feed.close()
    return out


_LOOP = """CREATE FUNCTION pg_temp.updates(cid bigint, n int, per_transaction boolean) RETURNS double precision
LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz := clock_timestamp();
BEGIN
    FOR i IN 1..n LOOP
        IF per_transaction THEN
            BEGIN  -- an EXCEPTION clause makes a subtransaction each: its own mark, its own notice
                UPDATE claims SET summary = 'x' || i WHERE id = cid;
                RAISE SQLSTATE 'WB001';
            EXCEPTION WHEN SQLSTATE 'WB001' THEN
                NULL;  -- rolled back: the mark with it, so the next statement notifies again
            END;
        ELSE
            UPDATE claims SET summary = 'x' || i WHERE id = cid;
        END IF;
    END LOOP;
    RETURN extract(epoch FROM clock_timestamp() - t0) * 1e6 / n;
END $$"""


def trigger_cost(writer: Workspace, claim_id: int, reps: int = 6, n: int = 5000) -> dict[str, list[float]]:
    """Microseconds an UPDATE takes on the server (a loop in one statement: no round trips), with
    migration 12's trigger and without it (the peer), interleaved."""
    writer.db.script(_LOOP)
    out: dict[str, list[float]] = {}
    for _ in range(reps):
        for trigger in ("ENABLE", "DISABLE"):
            writer.db.execute(f"ALTER TABLE claims {trigger} TRIGGER claims_notify_change")
            for shape in ("one transaction", "a notice each"):
                us = writer.db.execute(
                    "SELECT pg_temp.updates(?, ?, ?)", [claim_id, n, shape == "a notice each"]
                ).fetchone()[0]
                out.setdefault(f"{shape}, trigger {trigger.lower()}d", []).append(us)
    writer.db.execute("ALTER TABLE claims ENABLE TRIGGER claims_notify_change")
    return out


def describe(name: str, ms: list[float], n: int) -> str:
    if not ms:
        return f"{name}: nothing heard in {n} commits"
    ms = sorted(ms)
    p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
    return f"{name}: heard {len(ms)}/{n}; median {statistics.median(ms):.1f} ms, p95 {p95:.1f} ms, max {ms[-1]:.1f} ms"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=200, help="commits to time (default 200)")
    ap.add_argument("--workspace", help="a desk URL (its owner's); default: a throwaway server")
    a = ap.parse_args()
    print("load:", os.getloadavg())
    server = None
    url = a.workspace
    if url is None:
        from desk_tables import throwaway_server

        server, url = throwaway_server()
    try:
        init_desk(url)
        with Workspace.open(url) as writer, Workspace.open(url) as listener:
            import_paths(writer, [SEED])
            cid = writer.claims.add(1, 0, 20, summary="bench").id
            print(describe("desk (LISTEN/NOTIFY)", latencies(listener, writer, cid, a.n), a.n))
            for name, us in trigger_cost(writer, cid).items():
                us.sort()
                print(
                    f"UPDATE on the server, {name}: min {us[0]:.1f} µs, median {statistics.median(us):.1f} µs"
                )
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "bench.db"
            with Workspace.open(path) as writer, Workspace.open(path) as listener:
                import_paths(writer, [SEED])
                cid = writer.claims.add(1, 0, 20, summary="bench").id
                n = min(a.n, 40)  # every answer waits up to a poll interval
                print(describe("file (data_version, 500 ms poll)", latencies(listener, writer, cid, n), n))
    finally:
        if server is not None:
            server.stop()
    print("load:", os.getloadavg())


if __name__ == "__main__":
    main()
