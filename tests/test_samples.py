"""The fictional reports: hand-written samples, seeded distractors, and the writer command."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from ingest import samples
from ingest.fields import Compliance, parse_commitment_cell, parse_compliance_cell, split_number
from ingest.records import STATUSES, Report
from ingest.samples import generate_reports, sample_reports, slug, write_reports
from ingest.samples.pools import MONTHS

PROJECT = Path(__file__).resolve().parents[1]
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DUE = re.compile(r"^(Enero|Febrero|Marzo|Abril|Mayo|Junio|Julio|Agosto|Septiembre|Octubre|Noviembre|Diciembre) \d{4}$")


def _words(text: str) -> int:
    return len(text.split())


def _all(reports: list[Report]):
    return [c for r in reports for c in r.commitments]


@pytest.fixture(scope="module")
def generated() -> list[Report]:
    return generate_reports(120, seed=7)


# ---------------------------------------------------------------- samples


def test_three_samples_with_distinct_programs_ministries_and_years():
    reports = sample_reports()
    assert len(reports) == 3
    assert len({r.program for r in reports}) == 3
    assert len({r.ministry for r in reports}) == 3
    assert len({r.year for r in reports}) == 3
    assert sum(r.status == "Egresado" for r in reports) >= 2


def test_samples_hold_every_status_and_a_long_compliance_text():
    rows = _all(sample_reports())
    assert set(STATUSES) <= {c.status for c in rows}
    assert max(_words(c.compliance_text) for c in rows) >= 300


def test_sample_rows_are_well_formed():
    for report in sample_reports():
        assert 4 <= len(report.commitments) <= 7
        assert report.source == f"informe_egreso_{slug(report.program)}.pdf"
        assert ISO.match(report.exit_date)
        keys = [c.key for c in report.commitments]
        assert len(keys) == len(set(keys))
        by_rec = Counter(c.recommendation for c in report.commitments)
        assert max(by_rec.values()) >= 2, "several commitments should share a recommendation"
        for c in report.commitments:
            assert ISO.match(c.status_date) and c.status_date <= report.exit_date
            assert DUE.match(c.due)
            assert 0 <= len(c.verification) <= 4
        assert any(c.observation for c in report.commitments)


# Evaluation questions are written from these facts: change them only together with the questions.
SAMPLE_ROWS = {
    "Programa de Encadenamientos Productivos Regionales": [
        ("r1c1", "Cumplido", "2013-06-28", 2), ("r1c2", "Parcialmente cumplido", "2014-12-31", 1),
        ("r2c1", "Cumplido", "2014-06-30", 4), ("r2c2", "No cumplido", "2015-06-30", 1),
        ("r3c1", "Cancelado", "2015-12-31", 1)],
    "Programa de Alfabetización Digital Escolar": [
        ("r1c1", "Cumplido", "2015-12-31", 2), ("r1c2", "Cumplido", "2016-06-30", 1),
        ("r2c1", "Parcialmente cumplido", "2016-12-31", 2), ("r2c2", "Cancelado", "2017-12-31", 2),
        ("r3c1", "Cumplido", "2016-03-31", 2), ("r3c2", "No cumplido", "2017-06-30", 0)],
    "Programa de Atención Primaria Rural": [
        ("r1c1", "Cumplido", "2017-12-29", 2), ("r1c2", "Cumplido", "2018-06-29", 1),
        ("r2c1", "Parcialmente cumplido", "2018-06-30", 2), ("r2c2", "Cancelado", "2018-12-31", 1),
        ("r3c1", "Cumplido", "2018-12-31", 2), ("r3c2", "No cumplido", "2019-12-31", 0)],
}


def test_sample_rows_match_the_documented_facts():
    actual = {r.program: [(c.key, c.status, c.status_date, len(c.verification)) for c in r.commitments]
              for r in sample_reports()}
    assert actual == SAMPLE_ROWS


def test_sample_facts_questions_rely_on():
    by_program = {r.program: r for r in sample_reports()}
    salud = by_program["Programa de Atención Primaria Rural"]
    cancelled = next(c for c in salud.commitments if c.status == "Cancelado")
    assert "plan de mejora" in cancelled.compliance_text
    educacion = by_program["Programa de Alfabetización Digital Escolar"]
    cancelled = next(c for c in educacion.commitments if c.status == "Cancelado")
    assert "discontinuado por reasignación presupuestaria" in cancelled.compliance_text


# ---------------------------------------------------------------- generated


def test_generation_is_deterministic_and_seeded():
    assert generate_reports(6, seed=3) == generate_reports(6, seed=3)
    assert generate_reports(6, seed=3) != generate_reports(6, seed=4)
    assert generate_reports(4, seed=3) == generate_reports(6, seed=3)[:4]
    assert generate_reports(0) == []


def test_generation_does_not_depend_on_hash_seed():
    code = ("import json; from ingest.samples import generate_reports; "
            "print(json.dumps([r.to_json() for r in generate_reports(5, seed=11)]))")
    outputs = []
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, env=env, capture_output=True,
                              text=True, check=True)
        outputs.append(json.loads(done.stdout))
    assert outputs[0] == outputs[1]


def test_program_and_file_names_are_unique_and_avoid_the_samples(generated):
    names = [r.program for r in generated] + [r.program for r in sample_reports()]
    assert len(names) == len(set(names))
    sources = [r.source for r in generated] + [r.source for r in sample_reports()]
    assert len(sources) == len(set(sources))


def test_generated_reports_have_realistic_variety(generated):
    assert len({r.ministry for r in generated}) >= 12
    assert len({r.service for r in generated}) >= 25
    assert {r.year for r in generated} <= set(range(2005, 2021))
    assert len({r.year for r in generated}) >= 12
    assert all(3 <= len(r.commitments) <= 12 for r in generated)
    counts = Counter(c.status for c in _all(generated))
    assert set(counts) == set(STATUSES)
    assert counts.most_common(1)[0][0] == "Cumplido"
    assert any(c.observation for c in _all(generated))
    assert {len(c.verification) for c in _all(generated)} == {0, 1, 2, 3, 4}


def test_generated_texts_vary_and_stay_in_length(generated):
    rows = _all(generated)
    texts = [c.compliance_text for c in rows]
    assert len(set(texts)) == len(texts)
    lengths = [_words(t) for t in texts]
    assert min(lengths) >= 40 and max(lengths) <= 400
    assert max(lengths) > 300 and sorted(lengths)[len(lengths) // 2] < 200
    first_sentences = Counter(t.split(". ")[0] for t in texts)
    assert len(first_sentences) > 50


def test_generated_dates_are_consistent(generated):
    for report in generated:
        assert ISO.match(report.exit_date)
        for c in report.commitments:
            assert DUE.match(c.due)
            assert ISO.match(c.status_date) and c.status_date <= report.exit_date
            assert int(c.due[-4:]) > report.year
            assert c.status_date[:7] >= f"{c.due[-4:]}-{MONTHS.index(c.due.split()[0].lower()) + 1:02d}"


def test_generation_refuses_negative_counts():
    with pytest.raises(ValueError):
        generate_reports(-1)


# ---------------------------------------------------------------- texts survive the parser


def _rows_for_roundtrip(generated):
    return _all(sample_reports()) + _all(generated)


def test_cells_parse_back_to_the_same_fields(generated):
    for c in _rows_for_roundtrip(generated):
        assert split_number(f"{c.recommendation}. {c.recommendation_text}") == (c.recommendation,
                                                                               c.recommendation_text)
        cell = f"{c.commitment}. {c.commitment_text}\nFecha de Vencimiento: {c.due}"
        assert parse_commitment_cell(cell) == (c.commitment, c.commitment_text, c.due)
        dmy = "-".join(reversed(c.status_date.split("-")))
        lines = [c.compliance_text, f"Observación: {c.observation}", f"Calificación: {c.status} ({dmy})"]
        if c.verification:
            lines += ["Medios de Verificación:", *c.verification]
        expected = Compliance(c.compliance_text, c.observation, c.status, c.status_date, c.verification)
        assert parse_compliance_cell("\n".join(lines)) == expected


def test_texts_fit_the_pdf_font(generated):
    for report in sample_reports() + generated:
        json.dumps(report.to_json(), ensure_ascii=False).encode("cp1252")  # raises on other characters


# ---------------------------------------------------------------- writing files


def _fake_render(report: Report) -> bytes:
    return json.dumps(report.to_json(), ensure_ascii=False).encode("utf-8")


def test_write_reports_is_idempotent(tmp_path):
    reports = sample_reports()
    written = write_reports(reports, tmp_path / "out", fmt="txt", render=_fake_render)
    assert [p.name for p in written] == [r.source.replace(".pdf", ".txt") for r in reports]
    assert json.loads(written[0].read_text("utf-8"))["source"] == written[0].name
    before = {p: p.stat().st_mtime_ns for p in written}
    assert write_reports(reports, tmp_path / "out", fmt="txt", render=_fake_render) == []
    assert {p: p.stat().st_mtime_ns for p in written} == before
    changed = [reports[0], replace(reports[1], year=1999)]
    assert [p.name for p in write_reports(changed, tmp_path / "out", fmt="txt", render=_fake_render)] == \
        [written[1].name]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.name for p in written)


def test_command_writes_generated_reports(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(samples.RENDERERS, "txt", _fake_render)
    assert samples.main([str(tmp_path), "--generate", "4", "--seed", "2", "--format", "txt"]) == 0
    printed = capsys.readouterr().out.split()
    assert len(printed) == 4 and all(Path(p).suffix == ".txt" for p in printed)
    assert samples.main([str(tmp_path), "--generate", "4", "--seed", "2", "--format", "txt"]) == 0
    assert capsys.readouterr().out == ""


def test_command_rejects_a_non_positive_count(tmp_path):
    with pytest.raises(SystemExit):
        samples.main([str(tmp_path), "--generate", "0"])


def test_samples_render_to_identical_pdfs(tmp_path):
    pytest.importorskip("reportlab")
    report = sample_reports()[0]
    assert samples.render_pdf(report) == samples.render_pdf(report)
    assert samples.render_pdf(report).startswith(b"%PDF-")
