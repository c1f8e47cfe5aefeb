"""One writer at a time on a store: a file lock (``filelock``) held around every write.

The lock file is ``<store>/index.lock``. ``python -m ingest`` (ingest, remove, reindex) and the
app's uploads and removals take it before opening the index for writing; the one that has to
wait says so (``on_wait``), and gives up after ``timeout_s`` with ``StoreBusy``. In server mode
the lock file lives in the local store folder too: it guards the writers of this machine, not
two machines writing to one server (not guarded).
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from .errors import StoreError

LOCK_FILE = "index.lock"
WAITING = "otro proceso está escribiendo en el índice; esperando…"


class StoreBusy(StoreError):
    """Another process kept the index's write lock longer than the timeout."""


def busy_message(store: Path, timeout_s: float) -> str:
    return (f"el índice en {store} está ocupado: otro proceso lleva más de {timeout_s:g} s escribiendo en él; "
            f"nada fue escrito, vuelva a intentarlo cuando termine")


class WriteLock:
    """The write lock of one store folder (a new file descriptor per hold, so two holders in one
    process exclude each other as two processes do)."""

    def __init__(self, store: Path, timeout_s: float) -> None:
        self.store = Path(store)
        self.timeout_s = timeout_s

    @contextmanager
    def hold(self, *, create: bool = True, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
        """Hold the lock for the block. A store that does not exist (and ``create`` is false), is
        not a folder or cannot be written is not locked: opening it fails, or refuses writes,
        with its own message, and nothing is created here."""
        if not self._lockable(create):
            yield
            return
        lock = FileLock(self.store / LOCK_FILE, is_singleton=False)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            if on_wait is not None:
                on_wait()
            try:
                lock.acquire(timeout=self.timeout_s)
            except Timeout:
                raise StoreBusy(busy_message(self.store, self.timeout_s)) from None
        try:
            yield
        finally:
            lock.release()

    def _lockable(self, create: bool) -> bool:
        if not self.store.exists():
            if not create or any(p.exists() and not p.is_dir() for p in self.store.parents):
                return False
            try:
                self.store.mkdir(parents=True, exist_ok=True)
            except OSError:
                return False
        return self.store.is_dir() and os.access(self.store, os.W_OK | os.X_OK)
