"""The corpus truth: it is the generator's record, and its pages are consistent with the PDFs."""
from __future__ import annotations

import io
import json
import shutil
from dataclasses import replace

import pdfplumber
import pytest

from tests.producers.corpus import FIXTURES, fixtures
from tests.producers.generate import DEFAULT_SEED, plan
from tests.producers.producers import PRODUCERS
from tests.producers.variants import VARIANTS, Variant

ALL = fixtures()


def _per_producer() -> int:
    counts = {f.producer for f in ALL}
    return len(ALL) // len(counts)


def test_fixtures_are_what_the_documented_command_makes(tmp_path):
    """python -m tests.producers.generate --out tests/producers/fixtures --per-producer N: every truth
    record (pages aside, which the PDF decides) is the generator's, drawn under the recorded variant."""
    jobs = plan(list(PRODUCERS), per_producer=_per_producer(), reports=None, seed=DEFAULT_SEED, out=tmp_path)
    expected = {(p, pdf.name): (report, variant) for p, batch in jobs.items() for report, variant, pdf in batch}
    assert {(f.producer, f.pdf.name) for f in ALL} == set(expected)
    for f in ALL:
        report, variant = expected[(f.producer, f.pdf.name)]
        data = json.loads(f.pdf.with_suffix(".json").read_text(encoding="utf-8"))
        assert Variant(**data["variant"]) == variant
        unpaged = tuple(replace(c, pages=()) for c in f.truth.commitments)
        assert unpaged == report.commitments, f.pdf
        assert (f.truth.program, f.truth.ministry, f.truth.service, f.truth.year, f.truth.status,
                f.truth.exit_date) == (report.program, report.ministry, report.service, report.year,
                                       report.status, report.exit_date)


def test_every_variant_is_in_every_producer():
    for producer in PRODUCERS:
        made = {f.variant for f in ALL if f.producer == producer}
        assert made == {v.name for v in VARIANTS}, producer


@pytest.mark.parametrize("fixture", ALL, ids=[f"{f.producer}/{f.pdf.stem}" for f in ALL])
def test_truth_pages_fit_the_pdf(fixture):
    with pdfplumber.open(io.BytesIO(fixture.pdf.read_bytes())) as pdf:
        assert fixture.truth.pages == len(pdf.pages)
    starts = []
    for c in fixture.truth.commitments:
        assert c.pages and c.pages == tuple(range(c.pages[0], c.pages[-1] + 1)), c.key  # contiguous
        assert 1 <= c.pages[0] and c.pages[-1] <= fixture.truth.pages
        starts.append(c.pages[0])
    assert starts == sorted(starts) and starts[0] == 1
    assert fixture.truth.commitments[-1].pages[-1] == fixture.truth.pages


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_row_pages_reproduces_the_json_and_refuses_another_report():
    from tests.producers.truth import row_pages

    first, other = (f for f in ALL if f.producer == "reportlab" and f.variant in ("plain-top", "middle-long"))
    variant = Variant(**json.loads(first.pdf.with_suffix(".json").read_text(encoding="utf-8"))["variant"])
    count, pages = row_pages(first.truth, variant, first.pdf.read_bytes())
    assert (count, pages) == (first.truth.pages, [c.pages for c in first.truth.commitments])
    with pytest.raises(ValueError, match="rows not found"):
        row_pages(first.truth, variant, other.pdf.read_bytes())


def test_fixture_folder_stays_small():
    size = sum(p.stat().st_size for p in FIXTURES.rglob("*") if p.is_file())
    assert size < 3_000_000, f"{size} bytes under {FIXTURES}"


WALK_CASES = [
    ("same text", "a b c d e f", "a b c d e f", [0, 1, 2, 3, 4, 5]),
    ("a repeated column title between rows", "a b c d e f", "a b cumplimiento c d e f", [0, 1, 3, 4, 5, 6]),
    ("a section row", "a b c d e f", "a b ii organizacion y gestion c d e f", [0, 1, 6, 7, 8, 9]),
    ("a word the PDF lacks", "a b x c d e", "a b c d e", [0, 1, None, 2, 3, 4]),
    ("noise longer than the window is not skipped", "a b c d e f", "a b " + "n " * 20 + "c d e f",
     [0, 1, None, None, None, None]),
]


@pytest.mark.parametrize("name,truth,got,expected", WALK_CASES, ids=[c[0] for c in WALK_CASES])
def test_walk(name, truth, got, expected):
    from tests.producers.truth import walk

    assert walk(truth.split(), got.split()) == expected
