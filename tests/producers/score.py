"""Score a parsed report against its truth, field by field (pure functions).

Rows are aligned by (recommendation, commitment) number; where several parsed rows carry the
same number (a row split in two) the one whose compliance text starts most like the truth wins.
A truth row with no parsed row scores every one of its fields wrong; a parsed row aligned to no
truth row (a split or invented row) also counts: each of its fields is one wrong field more.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from ingest.records import Commitment, Report

HEADER_FIELDS = ("program", "ministry", "service", "year", "status", "exit_date")
ROW_FIELDS = ("status", "status_date", "verification", "compliance_start", "observation", "pages", "section")
COMPLIANCE_START = 60


@dataclass(frozen=True)
class FieldResult:
    row: str  # "header", a truth row key such as "r1c2", or "extra:r1c2" for an unaligned parsed row
    field: str
    expected: object
    got: object

    @property
    def ok(self) -> bool:
        return self.expected == self.got


@dataclass(frozen=True)
class Score:
    results: tuple[FieldResult, ...]
    rows_expected: int
    rows_found: int  # truth rows that got a parsed row
    extra_rows: int = 0
    error: str = ""  # the reader's message when it refused the file
    failures: tuple[FieldResult, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "failures", tuple(r for r in self.results if not r.ok))

    @property
    def total(self) -> int:
        return len(self.results)

    @property
    def right(self) -> int:
        return self.total - len(self.failures)

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 1.0


def norm(text: str | None) -> str:
    return " ".join((text or "").split())


def row_values(c: Commitment) -> dict[str, object]:
    """The scored, normalised value of each row field."""
    return {
        "status": norm(c.status),
        "status_date": c.status_date,
        "verification": tuple(norm(v) for v in c.verification),
        "compliance_start": norm(c.compliance_text)[:COMPLIANCE_START],
        "observation": norm(c.observation),
        "pages": tuple(c.pages),
        "section": norm(c.section),
    }


def header_values(r: Report) -> dict[str, object]:
    values = {name: getattr(r, name) for name in HEADER_FIELDS}
    return {k: norm(v) if isinstance(v, str) else v for k, v in values.items()}


def _likeness(a: Commitment, b: Commitment) -> float:
    return SequenceMatcher(None, norm(a.compliance_text)[:200], norm(b.compliance_text)[:200]).ratio()


def align(truth: tuple[Commitment, ...], parsed: tuple[Commitment, ...]) -> tuple[list[int | None], list[int]]:
    """For each truth row, the index of its parsed row (or None); and the unaligned parsed rows."""
    used: set[int] = set()
    pairs: list[int | None] = []
    for t in truth:
        same = [i for i, p in enumerate(parsed)
                if i not in used and (p.recommendation, p.commitment) == (t.recommendation, t.commitment)]
        best = max(same, key=lambda i: _likeness(t, parsed[i]), default=None)
        if best is not None:
            used.add(best)
        pairs.append(best)
    return pairs, [i for i in range(len(parsed)) if i not in used]


def score_report(truth: Report, parsed: Report | None, *, error: str = "") -> Score:
    """Every header and row field of ``truth`` against ``parsed`` (None: the reader refused it)."""
    expected_header = header_values(truth)
    got_header = header_values(parsed) if parsed else {}
    results = [FieldResult("header", k, v, got_header.get(k)) for k, v in expected_header.items()]
    rows = parsed.commitments if parsed else ()
    pairs, extra = align(truth.commitments, rows)
    for t, index in zip(truth.commitments, pairs):
        got = row_values(rows[index]) if index is not None else {}
        results += [FieldResult(t.key, k, v, got.get(k)) for k, v in row_values(t).items()]
    for index in extra:
        results += [FieldResult(f"extra:{rows[index].key}", k, None, v) for k, v in row_values(rows[index]).items()]
    found = sum(index is not None for index in pairs)
    return Score(tuple(results), len(truth.commitments), found, len(extra), error)


def combine(scores: list[Score]) -> Score:
    """One score over several files (for a producer or a variant)."""
    return Score(tuple(r for s in scores for r in s.results), sum(s.rows_expected for s in scores),
                 sum(s.rows_found for s in scores), sum(s.extra_rows for s in scores),
                 "; ".join(s.error for s in scores if s.error))
