"""Read a corpus folder (``<producer>/<name>.pdf`` with ``<name>.json`` beside it) and score it."""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import ReportError
from ingest.reading import parse_bytes
from ingest.records import Commitment, Report

from .score import Score, score_report

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass(frozen=True)
class Fixture:
    producer: str
    variant: str
    pdf: Path
    truth: Report


@dataclass(frozen=True)
class Scored:
    fixture: Fixture
    score: Score
    seconds: float
    pages: int


def load_truth(path: Path) -> tuple[Report, dict]:
    """The truth record and the rest of the JSON (producer, variant)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = tuple(Commitment.from_json(c) for c in data["commitments"])
    fields = ("source", "program", "ministry", "service", "year", "status", "exit_date", "pages")
    report = Report(sha256="", commitments=rows, **{k: data[k] for k in fields})
    return report, {k: v for k, v in data.items() if k in ("producer", "variant")}


def fixtures(root: Path = FIXTURES) -> list[Fixture]:
    out = []
    for pdf in sorted(root.glob("*/*.pdf")):
        truth, meta = load_truth(pdf.with_suffix(".json"))
        out.append(Fixture(meta.get("producer", pdf.parent.name), meta.get("variant", {}).get("name", pdf.stem),
                           pdf, truth))
    return out


def score_fixture(fixture: Fixture) -> Scored:
    data = fixture.pdf.read_bytes()
    start = time.perf_counter()
    try:
        parsed, error = parse_bytes(data, fixture.pdf.name), ""
    except ReportError as exc:
        parsed, error = None, str(exc)
    seconds = time.perf_counter() - start
    return Scored(fixture, score_report(fixture.truth, parsed, error=error), seconds, fixture.truth.pages)
