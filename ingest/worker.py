"""Parse files in worker processes that can be stopped: one bad file costs its own line.

A pathological file (``%PDF-`` and 48 MB of zeros took more than 300 s in pdfminer) must not
block the batch, and a thread cannot be stopped, so files are parsed in a small pool of
processes (the "spawn" context: torch and the model are never forked; a worker imports only
``ingest.reading``) reused across files. A worker forwards its ``on_page(done, total)`` events;
a parse with no progress for ``timeout_s`` seconds is killed and the file rejected, and a new
worker replaces the old one.
"""
from __future__ import annotations

import logging
import multiprocessing
import queue
import threading
import time
from multiprocessing.connection import Connection
from typing import Callable

from .errors import ReportError
from .ocr.options import OcrOptions
from .records import Report

log = logging.getLogger(__name__)

STARTUP_TIMEOUT_S = 120.0  # importing the readers in a new process, on a busy machine


class ParseFailed(RuntimeError):
    """The reader raised something other than ReportError (a bug): reported, not fatal."""


def _serve(conn: Connection) -> None:
    """The worker's loop: (data, source) in; started, page..., then report/rejected/failed out."""
    from .reading import parse_bytes

    conn.send(("ready",))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if job is None:
            return
        data, source, ocr = job
        conn.send(("started",))
        try:
            report = parse_bytes(data, source, ocr=ocr,
                                 on_page=lambda done, total: conn.send(("page", done, total)))
        except ReportError as exc:
            conn.send(("rejected", str(exc)))
        except Exception as exc:  # a reader bug: the parent reports it for this file only
            conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        else:
            conn.send(("report", report))


class ParseWorker:
    def __init__(self, context) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child,), daemon=True, name="ingest-parse")
        self.process.start()
        child.close()
        self._ready = False

    def parse(self, data: bytes, source: str, *, timeout_s: float, ocr: OcrOptions | None = None,
              on_page: Callable[[int, int], None] | None = None) -> Report:
        """The report, or ReportError (the file's fault, including a stalled parse), or
        ParseFailed (a reader bug). After a stall or a crash the worker is dead (``alive``)."""
        if not self._ready:
            self._expect("ready", STARTUP_TIMEOUT_S)
            self._ready = True
        self.conn.send((data, source, ocr))
        self._expect("started", STARTUP_TIMEOUT_S)
        while True:
            kind, *payload = self._receive(timeout_s, stalled=True)
            if kind == "page":
                if on_page is not None:
                    on_page(*payload)
            elif kind == "report":
                return payload[0]
            elif kind == "rejected":
                raise ReportError(payload[0])
            else:
                raise ParseFailed(payload[0])

    def _expect(self, kind: str, timeout_s: float) -> None:
        got = self._receive(timeout_s, stalled=False)
        if got[0] != kind:
            self.kill()
            raise ParseFailed(f"the parse worker answered {got[0]!r} instead of {kind!r}")

    def _receive(self, timeout_s: float, *, stalled: bool) -> tuple:
        try:
            if self.conn.poll(timeout_s):
                return self.conn.recv()
        except (EOFError, OSError):
            code = self.process.exitcode
            self.kill()
            raise ReportError(f"el lector del archivo terminó de forma inesperada (código {code}); "
                              f"el archivo parece dañado") from None
        self.kill()
        if stalled:
            raise ReportError(f"la lectura no avanzó en {timeout_s:g} s; el archivo parece dañado")
        raise ParseFailed(f"the parse worker did not start within {timeout_s:g} s")

    @property
    def alive(self) -> bool:
        return self.process.is_alive()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()

    def close(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.process.join(2)
        self.kill()


class ParsePool:
    """Up to ``workers`` parse processes, started on first use and reused across files."""

    def __init__(self, *, timeout_s: float, workers: int = 1, start_method: str = "spawn") -> None:
        self.timeout_s = timeout_s
        self.workers = workers
        self._context = multiprocessing.get_context(start_method)
        self._idle: queue.SimpleQueue[ParseWorker] = queue.SimpleQueue()
        self._started = 0
        self._all: list[ParseWorker] = []
        self._lock = threading.Lock()

    def parse(self, data: bytes, source: str, *, ocr: OcrOptions | None = None,
              on_page: Callable[[int, int], None] | None = None) -> Report:
        worker = self._checkout()
        start = time.perf_counter()
        try:
            return worker.parse(data, source, timeout_s=self.timeout_s, ocr=ocr, on_page=on_page)
        finally:
            if worker.alive:
                self._idle.put(worker)
            else:
                log.warning("parse worker for %s stopped after %.1f s; starting another", source,
                            time.perf_counter() - start)
                with self._lock:
                    self._started -= 1
                    self._all.remove(worker)

    def _checkout(self) -> ParseWorker:
        with self._lock:
            if self._idle.empty() and self._started < self.workers:
                worker = ParseWorker(self._context)
                self._started += 1
                self._all.append(worker)
                return worker
        return self._idle.get()

    def close(self) -> None:
        with self._lock:
            workers, self._all, self._started = self._all, [], 0
        for worker in workers:
            worker.close()

    def __enter__(self) -> "ParsePool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
