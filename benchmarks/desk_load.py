"""The desk under load (issue 12 item 8): six processes on one desk, then the invariants checked.

    .venv/bin/python benchmarks/desk_load.py                 # throwaway server (tests/pg_server.py), 60 s
    .venv/bin/python benchmarks/desk_load.py --seconds 10 --claims 8

Four checkers edit verdicts, summaries and notes of the same few claims (`--claims`, all of one
article, so they collide), reading a row and writing it a moment later from the version they read,
through the real stores (row versions, compare-and-set); one editor reviews those claims and signs
the article off and withdraws it; one importer imports generated articles and proposes their
claims. Each process logs every attempt: done (with the version it left and the fields it set) or
refused as stale (`StaleEdit`). Then, on the desk:

- no lost update: on every row, no two successful edits left the same version, the row's version
  is its first plus the edits made, and each field holds the value of the last edit that set it;
- every refusal reported: attempts = done + refused, nothing else went wrong;
- audit complete: the log holds exactly one entry per field each edit changed, by its user (the
  server's session user), and one import entry per imported article;
- `pg_amcheck --heapallindexed` (tables and their indexes) finds nothing.

Prints edits/s, refusals, audit rows, the importer's articles, CPU seconds and `uptime`'s load.
tests/test_desk_load.py runs the same for a few seconds and asserts the invariants.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SEED = ROOT / "seeds" / "000_49799be3d89e085a.txt"
ROLES = {"checker1": "checker", "checker2": "checker", "checker3": "checker", "checker4": "checker"}
ROLES |= {"editor": "editor", "importer": "checker"}
PREFIX = "wbload_"
STATUSES = ("unchecked", "in_progress", "verified", "false", "misleading", "unverifiable")
THINK_S = (0.0, 0.02)  # between reading a row and writing it: a person looking


@dataclass
class WorkerLog:
    """What one process did: its attempts, its successful edits, its refusals and other errors."""

    user: str
    attempts: int = 0
    refused: int = 0
    errors: list[str] = field(default_factory=list)
    edits: list[dict[str, Any]] = field(default_factory=list)  # entity, id, version, action, fields
    imported: list[int] = field(default_factory=list)
    cpu_s: float = 0.0


# --- the processes --------------------------------------------------------------------------------


def worker(kind: str, user: str, url: str, claims: list[int], article: int, seconds: float, out: str) -> None:
    """One process: open the desk as `user` and work until the time is up; write the log to `out`."""
    from db import Workspace
    from db.errors import StaleEdit

    log = WorkerLog(user)
    rng = random.Random(f"{user}-{os.getpid()}")
    deadline = time.monotonic() + seconds
    step = {"checker": _checker_step, "editor": _editor_step, "importer": _importer_step}[kind]
    with Workspace.open(url) as ws:
        n = 0
        while time.monotonic() < deadline:
            n += 1
            log.attempts += 1
            try:
                step(ws, rng, log, claims, article, n)
            except StaleEdit:
                log.refused += 1
            except Exception as exc:  # reported, and counted against the invariants
                log.errors.append(f"{type(exc).__name__}: {exc}")
    log.cpu_s = time.process_time()
    Path(out).write_text(json.dumps(vars(log)), encoding="utf-8")


def _think(rng: random.Random) -> None:
    time.sleep(rng.uniform(*THINK_S))


def _claim_edit(ws: Any, log: WorkerLog, claim_id: int, seen: Any, fields: dict[str, Any]) -> None:
    changed = {f: v for f, v in fields.items() if _plain(getattr(seen, f)) != v}
    old = ws.claims.update(claim_id, if_version=seen.version, **fields)
    log.edits.append(
        {
            "entity": "claim",
            "id": claim_id,
            "version": old["if_version"],
            "action": "update",
            "fields": changed,
        }
    )


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def _checker_step(
    ws: Any, rng: random.Random, log: WorkerLog, claims: list[int], article: int, n: int
) -> None:
    claim_id = rng.choice(claims)
    roll = rng.random()
    if roll < 0.40:
        seen = ws.claims.get(claim_id)
        _think(rng)
        status = rng.choice([s for s in STATUSES if s != seen.status.value])
        _claim_edit(ws, log, claim_id, seen, {"status": status})
    elif roll < 0.65:
        seen = ws.claims.get(claim_id)
        _think(rng)
        _claim_edit(ws, log, claim_id, seen, {"summary": f"{log.user} summary {n}"})
    else:
        notes = ws.notes.for_claim(claim_id)
        if roll < 0.80 or not notes:
            note = ws.notes.add(claim_id, body=f"{log.user} note {n}", url="https://example.org/evidence")
            log.edits.append(
                {"entity": "note", "id": note.id, "version": note.version, "action": "create", "fields": {}}
            )
            return
        seen = rng.choice(notes)
        _think(rng)
        body = f"{log.user} edit {n}"
        old = ws.notes.update(seen.id, if_version=seen.version, body=body)
        log.edits.append(
            {
                "entity": "note",
                "id": seen.id,
                "version": old["if_version"],
                "action": "update",
                "fields": {"body": body},
            }
        )


def _editor_step(
    ws: Any, rng: random.Random, log: WorkerLog, claims: list[int], article: int, n: int
) -> None:
    if rng.random() < 0.2:
        seen = ws.articles.get(article)
        editor = "" if ws.articles.sign_off(article)[0] else log.user
        _think(rng)
        ws.articles.set_sign_off(article, editor, f"round {n}", if_version=seen.version)
        log.edits.append(
            {
                "entity": "article",
                "id": article,
                "version": seen.version + 1,
                "action": "sign_off",
                "fields": {"signed_off_by": editor},
            }
        )
        return
    claim_id = rng.choice(claims)
    seen = ws.claims.get(claim_id)
    _think(rng)
    review = "query" if seen.review.value == "approved" else "approved"
    fields = {"review": review, "reviewer": log.user, "review_comment": f"{review} {n}"}
    _claim_edit(ws, log, claim_id, seen, fields)


def _importer_step(
    ws: Any, rng: random.Random, log: WorkerLog, claims: list[int], article: int, n: int
) -> None:
    from db.flows.importing import propose_claims, store_item
    from workbench.model import ArticleMeta, ImportItem

    sentences = _seed_sentences()
    picked = rng.sample(sentences, min(12, len(sentences)))
    text = f"{log.user} {os.getpid()} story {n}: officials said {n * 7} people came.\n\n" + " ".join(picked)
    result = store_item(ws, ImportItem(text, ArticleMeta(title=f"Load story {n}", agency="AFP")))
    propose_claims(ws, result.article_id)
    log.imported.append(result.article_id)


_SENTENCES: list[str] = []


def _seed_sentences() -> list[str]:
    if not _SENTENCES:
        from workbench.text.sentences import split_sentences

        text = SEED.read_text(encoding="utf-8")
        _SENTENCES.extend(text[s.start : s.end] for s in split_sentences(text) if s.end - s.start > 40)
    return _SENTENCES


# --- setting up, running, checking ----------------------------------------------------------------


@dataclass
class LoadResult:
    seconds: float
    logs: list[WorkerLog]
    problems: list[str]
    audit_rows: int
    amcheck: str
    edits: int = 0
    refused: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def setup(admin_url: str, login: Callable[[str], str], claims: int) -> tuple[dict[str, str], list[int], int]:
    """The desk, the six logins with their roles, the seed with its proposals; the pool of claims."""
    from db import Workspace
    from db.desk import grant_role, init_desk
    from db.flows.importing import import_paths, propose_claims

    init_desk(admin_url)
    urls = {}
    for name, role in {**ROLES, "setup": "editor"}.items():
        urls[name] = login(PREFIX + name)
        grant_role(admin_url, PREFIX + name, role)
    with Workspace.open(urls["setup"]) as ws:
        article = import_paths(ws, [SEED]).added[0].article_id
        propose_claims(ws, article)
        pool = [c.id for c in ws.claims.for_article(article)][:claims]
    return urls, pool, article


def run(urls: dict[str, str], pool: list[int], article: int, seconds: float) -> list[WorkerLog]:
    """The six processes, started together (spawned: each opens its own connection)."""
    context = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory(prefix="desk-load-") as tmp:
        procs = []
        for name in ROLES:
            kind = "importer" if name == "importer" else "editor" if name == "editor" else "checker"
            out = str(Path(tmp) / f"{name}.json")
            p = context.Process(
                target=worker, args=(kind, PREFIX + name, urls[name], pool, article, seconds, out)
            )
            procs.append((p, out))
        for p, _ in procs:
            p.start()
        for p, _ in procs:
            p.join(seconds + 120)
        logs = []
        for p, out in procs:
            if p.is_alive():
                p.kill()
            path = Path(out)
            logs.append(
                WorkerLog(**json.loads(path.read_text()))
                if path.exists()
                else WorkerLog("?", errors=[f"process exited {p.exitcode}"])
            )
    return logs


def check(
    urls: dict[str, str], logs: list[WorkerLog], audit_before: int, initial: dict[tuple[str, int], int]
) -> tuple[list[str], int]:
    """The invariants (module docstring); returns the problems found and the run's audit rows."""
    from db import Workspace

    problems = []
    for log in logs:
        problems += [f"{log.user}: {e}" for e in log.errors[:5]]
        if log.attempts != len(log.edits) + log.refused + len(log.errors) + len(log.imported):
            problems.append(
                f"{log.user}: {log.attempts} attempts, but {len(log.edits)} done + {log.refused} refused"
            )
    with Workspace.open(urls["setup"], read_only=True) as ws:
        db = ws.db
        problems += _no_lost_update(db, logs, initial)
        rows = list(db.query("SELECT * FROM audit WHERE id > ? ORDER BY id", [audit_before]))
    expected: Counter[tuple] = Counter()
    for log in logs:
        for edit in log.edits:
            if edit["action"] in ("create", "sign_off"):
                field_ = "signed_off_by" if edit["action"] == "sign_off" else ""
                expected[(log.user, edit["action"], edit["entity"], edit["id"], field_)] += 1
            else:
                for name in edit["fields"]:
                    expected[(log.user, "update", edit["entity"], edit["id"], name)] += 1
        expected[(log.user, "import")] += len(log.imported)
    editors = {log.user for log in logs if log.edits}
    found: Counter[tuple] = Counter()
    for r in rows:
        if r["action"] == "import":
            found[(r["user"], "import")] += 1
        elif (
            r["user"] in editors
            and r["action"] in ("create", "update", "sign_off")
            and r["entity"] != "source"
        ):
            if r["entity"] == "claim" and r["action"] == "create":
                continue  # the importer's proposals
            found[(r["user"], r["action"], r["entity"], r["entity_id"], r["field"])] += 1
    missing, extra = expected - found, found - expected
    if missing:
        problems.append(
            f"audit: {sum(missing.values())} edits without their entry, e.g. {next(iter(missing))}"
        )
    if extra:
        problems.append(f"audit: {sum(extra.values())} entries no process reported, e.g. {next(iter(extra))}")
    return problems, len(rows)


def _no_lost_update(db: Any, logs: list[WorkerLog], initial: dict[tuple[str, int], int]) -> list[str]:
    problems = []
    by_row: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for log in logs:
        for edit in log.edits:
            by_row.setdefault((edit["entity"], edit["id"]), []).append(edit)
    tables = {"claim": "claims", "note": "notes", "article": "articles"}
    for (entity, row_id), edits in by_row.items():
        versions = [e["version"] for e in edits]
        if len(set(versions)) != len(versions):
            problems.append(f"{entity} #{row_id}: two edits left the same version: a lost update")
        (row,) = db.query(f"SELECT * FROM {tables[entity]} WHERE id = ?", [row_id])
        bumps = [e for e in edits if e["action"] != "create"]
        first = min(
            (e["version"] for e in edits if e["action"] == "create"), default=initial.get((entity, row_id))
        )
        if first is not None and row["version"] != first + len(bumps):
            problems.append(
                f"{entity} #{row_id}: version {row['version']}, expected {first} + {len(bumps)} edits"
            )
        if bumps and row["version"] < max(e["version"] for e in bumps):
            problems.append(f"{entity} #{row_id}: version {row['version']} below an edit's")
        last: dict[str, tuple[int, Any]] = {}
        for e in sorted(bumps, key=lambda e: e["version"]):
            for name, value in e["fields"].items():
                last[name] = (e["version"], value)
        for name, (version, value) in last.items():
            if str(row[name]) != str(value):
                problems.append(
                    f"{entity} #{row_id}.{name} is {row[name]!r}, but the last edit (v{version}) wrote {value!r}: lost"
                )
    return problems


def amcheck(bindir: Path, admin_url: str) -> tuple[bool, str]:
    """pg_amcheck on the desk's database: heap and btree indexes, every index entry checked."""
    exe = bindir / "pg_amcheck"
    if not exe.exists():
        return False, f"{exe} not found"
    done = subprocess.run(
        [str(exe), "--install-missing", "--heapallindexed", "--parent-check", "--no-strict-names", admin_url],
        capture_output=True,
        text=True,
        timeout=600,
    )
    text = (done.stdout + done.stderr).strip()
    return done.returncode == 0 and not text, text or "clean"


def load(
    admin_url: str, login: Callable[[str], str], seconds: float, claims: int, bindir: Path
) -> LoadResult:
    """Set up, run the six processes, check: the whole load test."""
    urls, pool, article = setup(admin_url, login, claims)
    from db import Workspace

    with Workspace.open(urls["setup"]) as ws:
        audit_before = ws.db.execute("SELECT coalesce(max(id), 0) FROM audit").fetchone()[0]
        initial = {("claim", c): ws.claims.get(c).version for c in pool}
        initial[("article", article)] = ws.articles.get(article).version
    logs = run(urls, pool, article, seconds)
    problems, audit_rows = check(urls, logs, audit_before, initial)
    clean, report = amcheck(bindir, admin_url)
    if not clean:
        problems.append(f"pg_amcheck: {report}")
    result = LoadResult(seconds, logs, problems, audit_rows, report)
    result.edits = sum(len(log.edits) for log in logs)
    result.refused = sum(log.refused for log in logs)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument(
        "--claims", type=int, default=12, help="the claims the checkers share (fewer: more collisions)"
    )
    a = ap.parse_args()
    sys.path.insert(0, str(ROOT / "tests"))
    from pg_server import start_pg_server

    server = start_pg_server()
    try:
        database = server.create_database("desk_load")
        admin = server.url_for(database)

        def login(name: str) -> str:
            server.create_role(name)
            return server.url_for(database, name)

        print(f"load before: {os.getloadavg()[0]:.2f} (uptime: {_uptime()})")
        result = load(admin, login, a.seconds, a.claims, server.bindir)
        print(f"load after: {_uptime()}")
        report(result)
        sys.exit(0 if result.ok else 1)
    finally:
        server.stop()


def report(result: LoadResult) -> None:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"{len(result.logs)} processes for {result.seconds:.0f} s on one desk")
    for log in result.logs:
        print(
            f"  {log.user:18} attempts {log.attempts:6}  done {len(log.edits):6}  refused stale {log.refused:5}  "
            f"imported {len(log.imported):4}  errors {len(log.errors)}  cpu {log.cpu_s:.1f} s"
        )
    print(
        f"edits {result.edits} ({result.edits / result.seconds:.1f}/s), refused as stale {result.refused} "
        f"({result.refused / max(1, result.edits + result.refused):.1%} of edits tried), "
        f"articles imported {sum(len(log.imported) for log in result.logs)}"
    )
    print(f"audit rows written in the run: {result.audit_rows}")
    print(f"pg_amcheck --heapallindexed --parent-check: {result.amcheck}")
    print(f"CPU of the processes (user+sys): {children.ru_utime + children.ru_stime:.1f} s")
    print("invariants: " + ("all hold" if result.ok else "; ".join(result.problems)))


def _uptime() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True, timeout=5).stdout.strip()
    except OSError:
        return "load average: " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()
