"""The reader on PDFs from producers we did not write, scored field by field against the truth.

Issue 7's target: at least 99% of the fields right for each producer. The fixtures are committed
(``tests/producers/fixtures``; regenerate with ``python -m tests.producers.generate``), so this
needs neither LibreOffice nor Chromium. A failure lists the first wrong fields; for the whole
table run ``python -m tests.producers.report``.
"""
from __future__ import annotations

import pytest

from tests.producers.corpus import FIXTURES, fixtures, score_fixture
from tests.producers.score import combine

TARGET = 0.99
PRODUCERS = ("reportlab", "lo-html", "lo-docx", "chromium")


def test_every_producer_has_fixtures():
    found = {f.producer for f in fixtures()}
    assert set(PRODUCERS) <= found, f"missing fixtures under {FIXTURES} for {set(PRODUCERS) - found}"


@pytest.mark.parametrize("producer", PRODUCERS)
def test_fields_right_per_producer(producer):
    scored = [score_fixture(f) for f in fixtures() if f.producer == producer]
    assert scored, f"no fixtures for {producer}"
    total = combine([s.score for s in scored])
    lines = [f"{producer}: {total.right}/{total.total} fields right ({total.accuracy:.1%}), "
             f"rows found {total.rows_found}/{total.rows_expected}, extra rows {total.extra_rows}"]
    for s in scored:
        for r in s.score.failures[:3]:
            lines.append(f"  {s.fixture.pdf.name} {r.row}.{r.field}: expected {r.expected!r:.80} got {r.got!r:.80}")
        if s.score.error:
            lines.append(f"  {s.fixture.pdf.name}: refused: {s.score.error}")
    accuracy = total.accuracy
    assert accuracy >= TARGET, "\n".join(lines)
