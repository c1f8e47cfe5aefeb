"""The active reports and rows, held in memory: exact answers, the lexical index and facets
are built from it. Loaded from the index once, and again after the index changes."""
from __future__ import annotations

from dataclasses import dataclass

from ingest.chunking import row_text
from ingest.rows import chunk_owner
from ingest.rows import StoredRow
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
        self._matching: dict[Filters, frozenset[str]] = {}  # the catalog never changes: memoised

    @classmethod
    def load(cls, index: ReportIndex, sources: set[str] | None = None) -> "Catalog":
        """Everything in the index, or only the given reports."""
        reports = [report_info(stored, text) for stored, text in index.header_records(sources)]
        rows = [Row(stored, passage(stored)) for stored in index.rows(sources)]
        rows.sort(key=lambda r: (r.source, r.stored.row_index))
        return cls(reports, rows)

    def updated(self, index: ReportIndex, sources: set[str]) -> "Catalog":
        """A new catalog with these reports read again from the index (added, replaced or removed)."""
        fresh = Catalog.load(index, sources)
        reports = [r for s, r in self.reports.items() if s not in sources] + list(fresh.reports.values())
        rows = [r for r in self.rows.values() if r.source not in sources] + list(fresh.rows.values())
        return Catalog(reports, rows)

    def rows_of(self, sources: set[str]) -> list[Row]:
        """The commitment rows and header rows of the given reports."""
        return ([r for r in self.rows.values() if r.source in sources]
                + [r.header for s, r in self.reports.items() if s in sources])

    def row(self, row_id: str) -> Row | None:
        return self.rows.get(row_id) or self.headers.get(row_id)

    def row_of_chunk(self, chunk_id: str) -> Row | None:
        """The active row (or report header) a stored chunk belongs to; None for a chunk of a
        replaced version, an interrupted write, or a report this catalog does not hold yet."""
        kind, key = chunk_owner(chunk_id)
        if kind == "header":
            info = self.reports.get(key)
            return info.header if info is not None else None
        return self.rows.get(key)

    def all_rows(self) -> list[Row]:
        return list(self.rows.values()) + list(self.headers.values())

    def matching_ids(self, filters: Filters) -> frozenset[str]:
        """The ids of the rows and report headers the filters match (remembered per filters: a
        conversation asks about one program several times, and a pass over 10,000 rows takes
        several ms)."""
        found = self._matching.get(filters)
        if found is None:
            found = frozenset(r.row_id for r in self.all_rows() if filters.matches(r.stored))
            if len(self._matching) >= 256:
                self._matching.clear()
            self._matching[filters] = found
        return found

    def select(self, filters: Filters) -> list[Row]:
        return [r for r in self.rows.values() if filters.matches(r.stored)]

    def facets(self) -> dict[str, list]:
        infos = self.reports.values()
        return {
            "program": sorted({r.program for r in infos}),
            "ministry": sorted({r.ministry for r in infos if r.ministry}),
            "service": sorted({r.service for r in infos if r.service}),
            "year": sorted({r.year for r in infos if r.year}),
            "status": sorted({r.status for r in self.rows.values()}),
        }

    def __len__(self) -> int:
        return len(self.rows)


def report_info(stored: StoredRow, text: str) -> ReportInfo:
    header = Row(stored, text)
    return ReportInfo(
        source=stored.source, program=stored.program, short=stored.program_short,
        ministry=stored.ministry, service=stored.service, year=stored.year,
        status=stored.report_status, exit_date=stored.exit_date,
        pages=stored.pages_total, sha256=stored.sha256,
        status_counts=dict(stored.status_counts), header=header,
        warnings=stored.warnings, rows_flagged=stored.rows_flagged)


def passage(stored: StoredRow) -> str:
    """The full row text (all parts together), as shown and as indexed lexically."""
    return row_text(stored.program, stored.record)
