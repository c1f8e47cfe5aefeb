"""Crash-safe rebuild of a collection: build beside it, then switch.

1. ``start``: a collection named ``<name>__reindex`` is (re)created empty; the old one is untouched.
2. the caller fills it (the same write protocol as any ingest);
3. ``finish``: it is marked complete (the point of no return), the old collection is deleted and
   the new one renamed to ``<name>``.
A process killed before step 3's mark leaves the old index as it was (the half-built collection
is deleted by the next rebuild); killed after it, ``recover`` (run whenever the index is opened)
completes the switch. Either way no report and no name is lost.
"""
from __future__ import annotations

import logging

import chromadb

from . import version
from .client import collection_names

log = logging.getLogger(__name__)

BUILDING_SUFFIX = "__reindex"
COMPLETE_KEY = "assistant_rebuild_complete"


def building_name(name: str) -> str:
    return f"{name}{BUILDING_SUFFIX}"


def start(client: chromadb.ClientAPI, name: str) -> None:
    """Delete what an interrupted rebuild left behind (finishing one that was complete)."""
    recover(client, name)
    if building_name(name) in collection_names(client):
        client.delete_collection(building_name(name))


def finish(client: chromadb.ClientAPI, name: str) -> None:
    building = client.get_collection(building_name(name), embedding_function=None)
    building.modify(metadata={**(building.metadata or {}), COMPLETE_KEY: True})  # point of no return
    _switch(client, name)


def recover(client: chromadb.ClientAPI, name: str) -> bool:
    """Complete a switch interrupted after its point of no return; True if there was one."""
    if building_name(name) not in collection_names(client):
        return False
    building = client.get_collection(building_name(name), embedding_function=None)
    if not (building.metadata or {}).get(COMPLETE_KEY):
        return False  # a build that did not finish: the old collection stands
    log.warning("completing an interrupted rebuild of collection %s", name)
    _switch(client, name)
    return True


def _switch(client: chromadb.ClientAPI, name: str) -> None:
    if name in collection_names(client):
        client.delete_collection(name)
    building = client.get_collection(building_name(name), embedding_function=None)
    building.modify(name=name)
    version.bump(client.get_collection(name, embedding_function=None))  # readers see a new index
