"""Seeded distractor reports assembled from the shared pools, so that many reports look alike to a
retriever. Deterministic for a seed, and ``generate_reports(n, s)`` is a prefix of
``generate_reports(n + k, s)``."""
from __future__ import annotations

import calendar
import random

from ..records import STATUSES, Commitment, Report
from . import texts
from .handwritten import sample_reports
from .naming import program_name, slug, source_name, with_article
from .pools import DUE_MONTHS, MINISTRIES, MONTHS, STATUS_MIX, Ministry
from .themes import THEMES, Theme


def _last_day(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _status_date(rng: random.Random, status: str, due_year: int, due_month: int) -> str:
    late = 0 if status == "Cumplido" else 1
    if rng.random() < 0.5:
        return f"{due_year + rng.randint(0, late)}-12-31"
    months = due_month - 1 + rng.choice((0, 0, 0, 1, 3, 6)) + 12 * rng.randint(0, late)
    return _last_day(due_year + months // 12, months % 12 + 1)


def _commitment(rng: random.Random, theme: Theme, rec: int, rec_text: str, comp: int, comp_template: str,
                base: dict[str, str], year: int) -> Commitment:
    due_year, due_month = year + rng.choice((1, 1, 1, 2)), rng.choice(DUE_MONTHS)
    status = rng.choices(STATUSES, weights=[STATUS_MIX[s][0] for s in STATUSES])[0]
    status_date = _status_date(rng, status, due_year, due_month)
    v = texts.values(rng, base, due_year, int(status_date[:4]))
    return Commitment(
        recommendation=rec, commitment=comp, recommendation_text=rec_text,
        commitment_text=comp_template.format_map(v),
        due=f"{MONTHS[due_month - 1].capitalize()} {due_year}",
        compliance_text=texts.compliance(rng, theme, status, v),
        observation=texts.observation(rng, status, rec, comp, v),
        status=status, status_date=status_date, verification=texts.verification(rng, theme, status, v),
    )


def _report(rng: random.Random, ministry: Ministry, program: str) -> Report:
    service = rng.choice(ministry.services)
    article, noun = rng.choice(ministry.topics)
    year = rng.randint(2005, 2020)
    base = {
        "y": str(year), "yb": str(year - 1),
        "inst": f"{service.article} {service.name}", "de_inst": with_article("de", service.article, service.name),
        "de_topic": with_article("de", article, noun.lower()),
    }
    remaining = rng.randint(3, 12)
    themes = rng.sample(THEMES, len(THEMES))
    rows: list[Commitment] = []
    for rec, theme in enumerate(themes, start=1):
        if remaining == 0:
            break
        size = min(remaining, rng.choice((1, 1, 2, 2, 3)))
        remaining -= size
        rec_text = rng.choice(theme.recs).format_map(base)
        for comp, template in enumerate(rng.sample(theme.comps, size), start=1):
            rows.append(_commitment(rng, theme, rec, rec_text, comp, template, base, year))
    last = max(c.status_date for c in rows if c.status_date)
    exit_date = f"{last[:4]}-12-31" if rng.random() < 0.6 else last
    return Report(
        source=source_name(program), sha256="", program=program, ministry=ministry.name,
        service=service.name.upper(), year=year, status="Egresado", exit_date=exit_date, pages=0,
        commitments=tuple(rows),
    )


def generate_reports(n: int, seed: int = 0) -> list[Report]:
    """``n`` fictional distractor reports, the same for the same seed; program names never repeat
    (nor the samples' names), and neither do file names."""
    if n < 0:
        raise ValueError("n must be >= 0")
    rng = random.Random(seed)
    names = {r.program for r in sample_reports()}
    slugs = {slug(name) for name in names}
    reports: list[Report] = []
    for _ in range(n):
        ministry = rng.choice(MINISTRIES)
        for _attempt in range(500):
            program = program_name(rng, ministry)
            if program not in names and slug(program) not in slugs:
                break
        else:
            raise ValueError(f"no more unique program names for {ministry.name} after {len(reports)} reports")
        names.add(program)
        slugs.add(slug(program))
        reports.append(_report(rng, ministry, program))
    return reports
