"""The index-changing commands of ``python -m ingest``: ingest, list, remove, reindex (an edge:
it reads Settings and builds the store side through ``assistant.stores``)."""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from tqdm import tqdm

from assistant.library import Ingestor, index_stamp, remove_report
from assistant.settings import Settings
from assistant.timings import StageTimer
from assistant.stores import build_embedder, open_index, source_files
from vectorstore import rebuild
from vectorstore.client import open_client
from vectorstore.errors import StoreError, StoreReadOnly
from vectorstore.files import SourceFiles
from vectorstore.lock import WAITING, StoreBusy, WriteLock
from vectorstore.store import ReportIndex, stored_headers
from .pipeline import MB, expand_paths


def run_command(args: argparse.Namespace, settings: Settings, *, started: float | None = None) -> int:
    """Listing reads; every other command holds the store's write lock from before the index is
    opened (a client opened earlier would not see another writer's vectors) until it is done.
    ``started``: the ``time.perf_counter()`` the process started at (``--timings``)."""
    if args.list:
        return _run(args, settings, started)
    lock = WriteLock(settings.store, settings.lock_timeout_s)
    try:
        with lock.hold(create=not args.remove, on_wait=lambda: print(WAITING, file=sys.stderr, flush=True)):
            return _run(args, settings, started)
    except StoreBusy as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def prepare_model(settings: Settings) -> int:
    """Make the embedding model ready (the ONNX export, once per model; nothing when it is there)."""
    embedder = build_embedder(settings)
    try:
        getattr(embedder, "warm_up", lambda: None)()
    except Exception as exc:  # a model that cannot be loaded or exported: say so, do not trace
        print(f"error: no se pudo preparar el modelo de embeddings {settings.embedding_model}: {exc}", file=sys.stderr)
        return 2
    where = getattr(getattr(embedder, "inner", embedder), "artifacts", None)
    print(f"modelo de embeddings listo: {embedder.name} ({settings.embedding_backend}"
          f"{', ' + str(where.folder) if where is not None else ''})")
    return 0


def _run(args: argparse.Namespace, settings: Settings, started: float | None = None) -> int:
    timer = StageTimer() if getattr(args, "timings", False) else None
    embedder = build_embedder(settings)
    try:
        if args.reindex:
            return reindex(settings, embedder, quiet=args.no_progress)
        index = open_index(settings, embedder, create=not (args.list or args.remove))
        if not args.list:
            index.check_writable()
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.list:
        return list_reports(index, args.json)
    if args.remove:
        return remove(index, settings, args.remove)
    if not args.paths:
        print("nada que hacer: indique archivos o carpetas (o --list, --remove, --reindex)", file=sys.stderr)
        return 2
    ingestor = Ingestor(index, source_files(settings), parse_timeout_s=settings.parse_timeout_s,
                        max_bytes=settings.max_upload_mb * MB, ocr=settings.ocr, timer=timer)
    paths = expand_paths(args.paths)
    if timer is not None:
        with timer.stage("model"):
            getattr(embedder, "warm_up", lambda: None)()  # counted on its own: otherwise the first group's embedding pays it
    begun = time.perf_counter()
    code = ingest(ingestor, [(p.name, p) for p in paths], quiet=args.no_progress, as_json=args.json)
    if timer is not None:
        print_timings(timer.take(), startup_s=begun - started if started is not None else None,
                      total_s=time.perf_counter() - begun)
    return code


def print_timings(stages: dict[str, float], *, startup_s: float | None, total_s: float) -> None:
    """One JSON line on stderr: seconds per stage (parse overlaps embed and write: it runs in the
    parse-ahead thread and its worker process; ``wait`` is the time spent waiting for it)."""
    out = {"startup_s": None if startup_s is None else round(startup_s, 3), "ingest_s": round(total_s, 3)}
    out.update({f"{name}_s": round(ms / 1000, 3) for name, ms in sorted(stages.items())})
    print(json.dumps({"timings": out}), file=sys.stderr)


def ingest(ingestor: Ingestor, items: list[tuple[str, Path]], *, quiet: bool = False, as_json: bool = False,
           desc: str = "Indexando") -> int:
    """Ingest (name, path) pairs with a progress bar, then print one line per file."""
    ingestor.index.collect_garbage()
    with tqdm(total=len(items), unit="archivo", desc=desc, disable=quiet or not items, file=sys.stderr) as bar:
        results = ingestor.ingest_many(items, progress=lambda name: (bar.set_postfix_str(name[:40]), bar.update()),
                                       on_page=lambda name, done, total: bar.set_postfix_str(
                                           f"{name[:40]} p. {done}/{total}"))  # scanned pages take seconds
    for result in results:
        print(json.dumps(result.to_json(), ensure_ascii=False) if as_json else result.line())
    return 0 if all(r.ok for r in results) else 1


def list_reports(index, as_json: bool) -> int:
    headers = sorted(index.headers(), key=lambda h: h.source)
    if as_json:
        print(json.dumps([{
            "source": h.source, "program": h.program, "ministry": h.ministry,
            "service": h.service, "year": h.year, "status": h.report_status,
            "exit_date": h.exit_date, "commitments": h.commitments,
            "statuses": dict(h.status_counts), "sha256": h.sha256,
            "warnings": list(h.warnings), "rows_flagged": h.rows_flagged,
        } for h in headers], ensure_ascii=False, indent=2))
        return 0
    if not headers:
        print("El índice está vacío.")
    for h in headers:
        counts = ", ".join(f"{n} {s}" for s, n in sorted(h.status_counts))
        review = f"\t{h.rows_flagged} por revisar" if h.rows_flagged else ""
        year = "" if h.year is None else h.year
        print(f"{h.source}\t{h.program}\t{year}\t{h.commitments} compromisos ({counts}){review}")
    return 0


def remove(index, settings: Settings, source: str) -> int:
    if remove_report(index, source_files(settings), source):
        print(f"✔ {source}: quitado del índice")
        return 0
    print(f"✘ {source}: no está en el índice (vea --list)", file=sys.stderr)
    return 1


def reindex(settings: Settings, embedder, *, quiet: bool = False) -> int:
    """Rebuild the index from the stored copies with the current configuration, crash-safe:
    the new collection is built beside the old one and switched in at the end
    (``vectorstore.rebuild``). The reports are those of the old index, under their names."""
    embedder.embed_query("prueba")  # fail on a bad model before anything is written
    opened = open_client(store=settings.store, host=settings.chroma_host, port=settings.chroma_port)
    if opened.read_only:
        raise StoreReadOnly(f"el índice en {settings.store} es de solo lectura: no se puede re-indexar")
    client, name = opened.client, settings.collection
    rebuild.start(client, name)
    files = source_files(settings)
    building = ReportIndex(client, embedder, stamp=index_stamp(embedder), collection=rebuild.building_name(name),
                           where_label=str(settings.store),
                           ef_construction=settings.hnsw_ef_construction, ef_search=settings.hnsw_ef_search,
                           max_neighbors=settings.hnsw_m)
    items, missing = reindex_items(client, name, files)
    ingestor = Ingestor(building, files, parse_timeout_s=settings.parse_timeout_s,  # no size limit: these were accepted once
                        ocr=settings.ocr)
    code = ingest(ingestor, items, quiet=quiet, desc="Re-indexando")
    rebuild.finish(client, name)
    for source in missing:
        print(f"✘ {source}: rechazado: falta su copia guardada en {files.folder}; vuelva a indexar el original")
    return 1 if missing else code


def reindex_items(client, name: str, files: SourceFiles) -> tuple[list[tuple[str, Path]], list[str]]:
    """(name, stored copy) of each report of the current index, read without the stamp check,
    and the names whose copy is missing. With no index, every stored copy under its kept name."""
    headers = stored_headers(client, name)
    if headers is None:
        return [(files.name(copy.stem) or copy.name, copy) for copy in files.all()], []
    items, missing = [], []
    for header in sorted(headers, key=lambda h: h.source):
        copy = files.path(header.sha256)
        if copy is None:
            missing.append(header.source)
        else:
            items.append((header.source, copy))
    return items, missing
