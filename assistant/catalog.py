"""The active reports and rows, held in memory: exact answers, the lexical index and facets
are built from it. Loaded from the index once, and again after the index changes."""
from __future__ import annotations

import json
from dataclasses import dataclass

from ingest.chunking import row_text
from ingest.records import Commitment
from vectorstore.store import ReportIndex
from .types import Filters, Row


@dataclass(frozen=True)
class ReportInfo:
    source: str
    program: str
    short: str
    ministry: str
    service: str
    year: int | None
    status: str
    exit_date: str | None
    pages: int
    sha256: str
    status_counts: dict
    header: Row


class Catalog:
    def __init__(self, reports: list[ReportInfo], rows: list[Row], chunk_rows: dict[str, str]) -> None:
        self.reports = {r.source: r for r in reports}
        self.rows = {row.row_id: row for row in rows}
        self.chunk_rows = chunk_rows  # chunk id -> row id
        self.headers = {r.header.row_id: r.header for r in reports}

    @classmethod
    def load(cls, index: ReportIndex) -> "Catalog":
        reports = [report_info(meta, text) for meta, text in header_records(index)]
        rows, chunk_rows = [], {}
        for chunk_id, text, meta in index.rows():
            chunk_rows[chunk_id] = meta["row_id"]
            if meta.get("part", 0) == 0:
                record = json.loads(meta["record"])
                rows.append(Row(meta["row_id"], "commitment", meta, passage(meta, record), record))
        rows.sort(key=lambda r: (r.meta["source"], r.meta.get("row_index", 0)))
        return cls(reports, rows, chunk_rows)

    def row(self, row_id: str) -> Row | None:
        return self.rows.get(row_id) or self.headers.get(row_id)

    def all_rows(self) -> list[Row]:
        return list(self.rows.values()) + list(self.headers.values())

    def select(self, filters: Filters) -> list[Row]:
        return [r for r in self.rows.values() if filters.matches(r.meta)]

    def facets(self) -> dict[str, list]:
        infos = self.reports.values()
        return {
            "program": sorted({r.program for r in infos}),
            "ministry": sorted({r.ministry for r in infos if r.ministry}),
            "service": sorted({r.service for r in infos if r.service}),
            "year": sorted({r.year for r in infos if r.year}),
            "status": sorted({r.meta["status"] for r in self.rows.values()}),
        }

    def __len__(self) -> int:
        return len(self.rows)


def header_records(index: ReportIndex) -> list[tuple[dict, str]]:
    got = index.collection.get(where={"kind": "header"}, include=["metadatas", "documents"])
    return list(zip(got["metadatas"] or [], got["documents"] or []))


def report_info(meta: dict, text: str) -> ReportInfo:
    header = Row(meta["row_id"], "header", meta, text)
    return ReportInfo(
        source=meta["source"], program=meta["program"], short=meta["program_short"],
        ministry=meta["ministry"], service=meta["service"], year=meta.get("year"),
        status=meta["report_status"], exit_date=meta["exit_date"] or None,
        pages=meta.get("pages_total", 0), sha256=meta["sha256"],
        status_counts=json.loads(meta["status_counts"]), header=header)


def passage(meta: dict, record: dict) -> str:
    """The full row text (all parts together), as shown and as indexed lexically."""
    return row_text(meta["program"], Commitment.from_json(record))
