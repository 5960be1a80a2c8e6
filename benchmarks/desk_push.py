"""How long `workbench desk push` and `pull` take (issue 12 item 6), with a file-to-file copy as the peer.

    .venv/bin/python benchmarks/desk_push.py            # 12 stories x 10 variants, proposals, notes, verdicts

A workspace file is filled with the test articles and the seed, each in `--variants` versions (a
line of its own added, so each is a separate article) with their proposals, a verdict and a note
on every fifth claim. Then, on the test suite's throwaway server: push into an empty desk, push
again (nothing to do), pull everything into a new file; and the same flow from the file into a
new file (the peer, in the same run). Prints rows copied, wall and CPU seconds, rows a second and
`uptime`'s load.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from db import Workspace  # noqa: E402
from db.flows.importing import propose_claims, store_item  # noqa: E402
from db.flows.transfer import TransferReport, transfer  # noqa: E402
from workbench.model import ArticleMeta, ImportItem  # noqa: E402

TEXTS = sorted((ROOT / "tests" / "data" / "articles").glob("*.txt")) + [
    ROOT / "seeds" / "000_49799be3d89e085a.txt"
]


def fill(path: Path, variants: int) -> None:
    with Workspace.open(path, user="anna") as ws:
        for n in range(variants):
            for source in TEXTS:
                text = (
                    source.read_text(encoding="utf-8")
                    + f"\n\nUpdate {n}: officials said {n + 3} more were counted."
                )
                article = store_item(ws, ImportItem(text, ArticleMeta(title=f"{source.stem} {n}"))).article_id
                propose_claims(ws, article)
                for claim in ws.claims.for_article(article)[::5]:
                    ws.claims.update(claim.id, status="verified")
                    ws.notes.add(claim.id, body="checked", url="https://example.org/source")


def timed(label: str, fn) -> TransferReport:
    wall, cpu = time.perf_counter(), time.process_time()
    report = fn()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    rows = sum(report.copied.values()) + sum(report.already.values())
    print(
        f"{label:34} {sum(report.copied.values()):7} rows copied, {sum(report.already.values()):7} already there; "
        f"{wall:6.2f} s wall, {cpu:6.2f} s CPU here, {rows / wall:7.0f} rows/s"
    )
    return report


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--variants", type=int, default=10)
    a = ap.parse_args()
    sys.path.insert(0, str(ROOT / "tests"))
    from pg_server import start_pg_server

    print(f"load: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}")
    with tempfile.TemporaryDirectory(prefix="desk-push-") as tmp:
        local = Path(tmp) / "laptop.db"
        fill(local, a.variants)
        server = start_pg_server()
        try:
            database = server.create_database("desk_push")
            admin = server.url_for(database)
            from db.desk import grant_role, init_desk

            init_desk(admin)
            server.create_role("ben")
            grant_role(admin, "ben", "editor")
            url = server.url_for(database, "ben")
            with Workspace.open(local, read_only=True) as source:
                counts = {
                    t: source.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                    for t in ("articles", "claims", "audit")
                }
                print(
                    f"workspace file: {counts['articles']} articles, {counts['claims']} claims, {counts['audit']} audit entries"
                )
                with Workspace.open(url) as desk:
                    timed("push into an empty desk", lambda: transfer(source, desk))
                    timed("push again", lambda: transfer(source, desk))
                    ids = [r[0] for r in desk.db.execute("SELECT id FROM articles")]
                    with Workspace.open(Path(tmp) / "pulled.db", user="anna") as out:
                        timed("pull everything into a new file", lambda: transfer(desk, out, article_ids=ids))
                with Workspace.open(Path(tmp) / "peer.db", user="anna") as peer:
                    timed("peer: file into a new file", lambda: transfer(source, peer))
        finally:
            server.stop()
    print(f"load: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}")


if __name__ == "__main__":
    main()
