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
    warnings: tuple[str, ...] = ()  # report-level doubts of the parse
    rows_flagged: int = 0  # rows whose reading is doubtful (each says why in its record)


class Catalog:
    def __init__(self, reports: list[ReportInfo], rows: list[Row]) -> None:
        self.reports = {r.source: r for r in reports}
        self.rows = {row.row_id: row for row in rows}
        self.headers = {r.header.row_id: r.header for r in reports}

    @classmethod
    def load(cls, index: ReportIndex, sources: set[str] | None = None) -> "Catalog":
        """Everything in the index, or only the given reports."""
        reports = [report_info(meta, text) for meta, text in index.header_records(sources)]
        rows = []
        for meta in index.rows(sources):
            record = json.loads(meta["record"])
            rows.append(Row(meta["row_id"], "commitment", meta, passage(meta, record), record))
        rows.sort(key=lambda r: (r.meta["source"], r.meta.get("row_index", 0)))
        return cls(reports, rows)

    def updated(self, index: ReportIndex, sources: set[str]) -> "Catalog":
        """A new catalog with these reports read again from the index (added, replaced or removed)."""
        fresh = Catalog.load(index, sources)
        reports = [r for s, r in self.reports.items() if s not in sources] + list(fresh.reports.values())
        rows = [r for r in self.rows.values() if r.meta["source"] not in sources] + list(fresh.rows.values())
        return Catalog(reports, rows)

    def rows_of(self, sources: set[str]) -> list[Row]:
        """The commitment rows and header rows of the given reports."""
        return ([r for r in self.rows.values() if r.meta["source"] in sources]
                + [r.header for s, r in self.reports.items() if s in sources])

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


def report_info(meta: dict, text: str) -> ReportInfo:
    header = Row(meta["row_id"], "header", meta, text)
    return ReportInfo(
        source=meta["source"], program=meta["program"], short=meta["program_short"],
        ministry=meta["ministry"], service=meta["service"], year=meta.get("year"),
        status=meta["report_status"], exit_date=meta["exit_date"] or None,
        pages=meta.get("pages_total", 0), sha256=meta["sha256"],
        status_counts=json.loads(meta["status_counts"]), header=header,
        warnings=tuple(header.warnings), rows_flagged=meta.get("rows_flagged", 0))


def passage(meta: dict, record: dict) -> str:
    """The full row text (all parts together), as shown and as indexed lexically."""
    return row_text(meta["program"], Commitment.from_json(record))
