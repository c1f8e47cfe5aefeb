"""Why a store cannot be opened or written as asked. Messages are shown to users as they are (Spanish)."""
from __future__ import annotations


class StoreError(RuntimeError):
    """The store cannot be used as asked; the message says why and what to do."""


class StoreMissing(StoreError):
    """No index exists where one was expected (a mistyped --store); nothing was created."""


class StoreUnusable(StoreError):
    """The store path cannot hold an index (it is a file, or its folder cannot be created)."""


class StoreReadOnly(StoreError):
    """A write was asked of a store opened read-only (its folder is not writable)."""
