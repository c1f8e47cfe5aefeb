"""Exact answers from the catalog's data (statuses, dates, header facts), not from similarity."""
from __future__ import annotations

from collections import Counter

from ingest.chunking import short_program
from ingest.text import dmy
from .catalog import Catalog, ReportInfo
from .extractive import Draft, status_name
from .prompts import Prompts
from .types import Filters, Row

MAX_LISTED = 30  # rows named in the text; the citations hold every row


def list_order(row: Row) -> tuple:
    """Program, then recommendation and commitment numbers: the same order for the same rows."""
    return (row.program.casefold(), row.num("recommendation") or 0, row.num("commitment") or 0,
            row.source, row.row_id)


def scope(filters: Filters, language: str, prompts: Prompts) -> str:
    parts = []
    if filters.program:
        parts.append(prompts.phrase(language, "scope_program", program=filters.program))
    if filters.ministry:
        parts.append(prompts.phrase(language, "scope_ministry", ministry=filters.ministry))
    if filters.year:
        parts.append(prompts.phrase(language, "scope_year", year=filters.year))
    return "".join(parts)


def reports_searched(catalog: Catalog, limit: int = 6) -> str:
    names = sorted(short_program(r.program) for r in catalog.reports.values())
    shown = ", ".join(names[:limit])
    return f"{len(names)} informes: {shown}{', …' if len(names) > limit else ''}" if names else "ninguno"


def list_rows(catalog: Catalog, filters: Filters, *, count_only: bool, language: str, prompts: Prompts) -> Draft:
    rows = sorted(catalog.select(filters), key=list_order)
    where = scope(filters, language, prompts)
    status = status_name(filters.status, language, prompts) if filters.status else ""
    if not rows:
        text = prompts.phrase(language, "list_none", status=status or "—", scope=where,
                              reports=reports_searched(catalog))
        return Draft(text, [], kind="count" if count_only else "list")
    listed = rows[:MAX_LISTED]
    count = count_text(len(rows), language, prompts)
    lines = []
    if count_only:
        key = "count_answer" if filters.status else "count_answer_any"
        lines.append(prompts.phrase(language, key, count=count, scope=where,
                                    **({"status": status} if filters.status else {})))
        if not filters.status:
            counts = Counter(r.status for r in rows)
            breakdown = ", ".join(f"{status_name(s, language, prompts)}: {n}" for s, n in counts.most_common())
            lines.append(prompts.phrase(language, "count_breakdown", breakdown=breakdown))
    else:
        key = "list_intro" if filters.status else "list_intro_any"
        lines.append(prompts.phrase(language, key, count=count, scope=where,
                                    **({"status": status} if filters.status else {})))
    for n, row in enumerate(listed, 1):
        lines.append(list_item(row, n, language, prompts))
    if len(rows) > len(listed):
        lines.append(prompts.phrase(language, "list_truncated", shown=len(listed), count=len(rows)))
    return Draft("\n".join(lines), rows, kind="count" if count_only else "list", cite_all=True)


def count_text(count: int, language: str, prompts: Prompts) -> str:
    if count == 1:
        return prompts.phrase(language, "commitments_one")
    return prompts.phrase(language, "commitments_many", count=count)


def list_item(row: Row, n: int, language: str, prompts: Prompts) -> str:
    commitment = row.record.commitment_text if row.record else ""
    words = commitment.split()
    short = " ".join(words[:18]) + ("…" if len(words) > 18 else "")
    return prompts.phrase(language, "list_item", label=row.label, commitment=short,
                          status=status_name(row.status, language, prompts),
                          date=dmy(row.status_date) or prompts.phrase(language, "no_date"), n=n)


def header_fact(info: ReportInfo, field: str, *, language: str, prompts: Prompts) -> Draft:
    values = {"program": info.program}
    if field == "exit_date":
        key = "exit_date" if info.exit_date else "no_exit_date"
        values |= {"status": info.status} | ({"date": dmy(info.exit_date)} if info.exit_date else {})
    elif field == "year":
        key, values["year"] = "eval_year", info.year or "?"
    elif field == "status":
        key = "program_status"
        values |= {"status": info.status, "date": dmy(info.exit_date) or prompts.phrase(language, "no_date")}
    elif field == "service":
        key = "program_service"
        values |= {"service": info.service, "ministry": info.ministry}
    else:
        key = "program_ministry"
        values |= {"ministry": info.ministry, "service": info.service}
    subject = prompts.phrase(language, key, **values)
    return Draft(prompts.phrase(language, "header_fact", subject=subject, n=1), [info.header], kind="header")


def programs_of(catalog: Catalog, ministry: str, *, language: str, prompts: Prompts) -> Draft:
    infos = sorted((r for r in catalog.reports.values() if r.ministry == ministry), key=lambda r: r.program)
    if not infos:
        return Draft(prompts.phrase(language, "programs_none", ministry=ministry), [], kind="programs")
    lines = [prompts.phrase(language, "programs_intro", ministry=ministry, count=len(infos))]
    for n, info in enumerate(infos, 1):
        lines.append(prompts.phrase(language, "programs_item", program=info.program, year=info.year or "?",
                                    status=info.status, commitments=sum(info.status_counts.values()), n=n))
    return Draft("\n".join(lines), [i.header for i in infos], kind="programs")
