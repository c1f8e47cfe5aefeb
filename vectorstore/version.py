"""The index's content version: a token in the collection's metadata, replaced by every committed
write (a report added, replaced or removed; a re-index switched in).

A reader in another process (the app) compares ``(collection id, token)`` with the pair it loaded
to know, cheaply, that the index changed: one metadata read, works against an embedded store and
a Chroma server alike. A re-index gives a new collection id as well as a new token.
"""
from __future__ import annotations

import uuid

import chromadb

VERSION_KEY = "assistant_version"

Version = tuple[str, str]  # (collection id, token)


def bump(collection) -> str:
    """Write a new token, keeping every other metadata key (the stamp among them)."""
    token = uuid.uuid4().hex
    collection.modify(metadata={**(collection.metadata or {}), VERSION_KEY: token})
    return token


def of(collection) -> Version:
    return str(collection.id), str((collection.metadata or {}).get(VERSION_KEY, ""))


def read(client: chromadb.ClientAPI, name: str) -> Version:
    """The current version, read fresh (a collection object caches its metadata)."""
    return of(client.get_collection(name, embedding_function=None))
