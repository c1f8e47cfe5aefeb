"""Run ``python -m ingest`` (or an upload-like ``Ingestor.ingest_many``) and SIGKILL the process
at a chosen point, for the crash-safety tests.

    python -m tests.crash_driver POINT N STORE -- ARGV...      (ARGV for python -m ingest)
    python -m tests.crash_driver POINT N STORE --upload FILE...

POINT: before-commit / after-commit (around the header write that commits the N-th report: a
group of files is committed by one write of its header records, so "before" leaves the whole
group uncommitted and "after" the whole group committed),
saved (after the N-th stored copy is written), switch-mark (a re-index marked complete, old
collection still there), switch-delete (old collection deleted, new one not yet renamed), none.
"""
from __future__ import annotations

import os
import signal
import sys
from pathlib import Path


def die() -> None:
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def arm(point: str, n: int) -> None:
    from ingest.rows import HEADER_ID_PREFIX
    from vectorstore import rebuild
    from vectorstore.files import SourceFiles
    from vectorstore.store import ReportIndex

    calls = {"committed": 0, "save": 0}
    add, save, switch = ReportIndex._add, SourceFiles.save, rebuild._switch

    def add_hook(self, chunks):
        is_commit = bool(chunks) and chunks[0].id.startswith(HEADER_ID_PREFIX)
        first, last = calls["committed"] + 1, calls["committed"] + len(chunks)
        hit = is_commit and first <= n <= last
        if hit and point == "before-commit":
            die()
        out = add(self, chunks)
        if is_commit:
            calls["committed"] = last
        if hit and point == "after-commit":
            die()
        return out

    def save_hook(self, *args, **kw):
        out = save(self, *args, **kw)
        calls["save"] += 1
        if calls["save"] == n and point == "saved":
            die()
        return out

    def switch_hook(client, name):
        if point == "switch-mark":
            die()
        if point == "switch-delete":
            client.delete_collection(name)
            die()
        switch(client, name)

    ReportIndex._add, SourceFiles.save, rebuild._switch = add_hook, save_hook, switch_hook


def upload(store: Path, files: list[Path]) -> int:
    """What the app's upload does: Ingestor.ingest_many over (name, bytes)."""
    from assistant.settings import Settings
    from assistant.library import Ingestor
    from assistant.stores import build_embedder, open_index, source_files

    settings = Settings(store=store, embedding_model="fake-hash-64")
    embedder = build_embedder(settings)
    ingestor = Ingestor(open_index(settings, embedder), source_files(settings))
    results = ingestor.ingest_many([(p.name, p.read_bytes()) for p in files])
    return 0 if all(r.ok for r in results) else 1


def main(argv: list[str]) -> int:
    point, n, store, mode, *rest = argv
    arm(point, int(n))
    if mode == "--upload":
        return upload(Path(store), [Path(p) for p in rest])
    from ingest.__main__ import main as ingest_main

    return ingest_main(["--store", store, "--no-progress", *rest])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
