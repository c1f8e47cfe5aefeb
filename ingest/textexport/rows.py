"""Draft rows to commitments: interleaved words separated, cells parsed, missing numbers inferred."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import pairwise

from ..fields import (find_labels, make_commitment, one_line, parse_commitment_cell, parse_compliance_cell,
                      split_number)
from ..records import Commitment
from .draft import Draft
from .interleaved import Split, split_interleaved
from .patterns import BULLET, norm

log = logging.getLogger(__name__)

SAME_RECOMMENDATION = 0.85  # similarity of an unnumbered recommendation to an earlier one
_COMPLIANCE_LABELS = frozenset({"observation", "status", "verification"})


@dataclass(frozen=True)
class _Row:
    rec_number: int | None
    rec_text: str
    comp_number: int | None
    comp_text: str
    due: str
    cell: str  # compliance cell, rebuilt in reading order
    pages: tuple[int, ...]


def commitments(drafts: list[Draft]) -> list[Commitment]:
    """One commitment per draft row, numbered."""
    rows: list[_Row] = []
    for draft in drafts:
        if not draft.closed:
            log.warning("a row without its Calificación was read: %.60s", " ".join(draft.all_text()))
        known = [row.comp_text for row in rows if row.comp_text]
        rows.append(_build_row(draft, known))
    return _number_rows(rows)


def _build_row(draft: Draft, known: list[str]) -> _Row:
    table_comp = [text for from_flow, text in draft.comp if not from_flow]
    flow_comp = [text for from_flow, text in draft.comp if from_flow]
    interleaved = bool(flow_comp) and _has_compliance_labels("\n".join(flow_comp))
    comp_parts = table_comp if interleaved else [text for _, text in draft.comp]
    stream = (flow_comp if interleaved else []) + draft.leftover
    split = None
    if stream:
        own = one_line("\n".join(comp_parts))
        split = split_interleaved("\n".join(stream), ([own] if own else []) + known, commitment_first=interleaved)
        if split.commitment:
            comp_parts = [*comp_parts, split.commitment]
    number, comp_text, due = parse_commitment_cell("\n".join(comp_parts))
    due = due or draft.due or (split.due if split else None) or ""
    rec_number, rec_text = split_number("\n".join(draft.rec))
    return _Row(rec_number, _strip_bullet(rec_text, rec_number), number, _strip_bullet(comp_text, number),
                due, _compliance_cell(draft, split), tuple(sorted(draft.pages)))


def _has_compliance_labels(text: str) -> bool:
    return any(label.kind in _COMPLIANCE_LABELS for label in find_labels(text))


def _strip_bullet(text: str, number: int | None) -> str:
    return text if number is not None else BULLET.sub("", text, count=1)


def _compliance_cell(draft: Draft, split: Split | None) -> str:
    parts = list(draft.body)
    if split is not None and split.compliance:
        parts.append(split.compliance)
    if split is not None and split.observation is not None:
        parts.append(f"Observación: {split.observation}")
    closing = draft.closing or (split.closing if split else None)
    if closing:
        parts.append(closing)
    parts += draft.tail
    if split is not None and split.verification:
        parts.append(split.verification if draft.tail else f"Medios de Verificación: {split.verification}")
    return "\n".join(parts)


def _number_rows(rows: list[_Row]) -> list[Commitment]:
    commitments: list[Commitment] = []
    for row in rows:
        previous = commitments[-1] if commitments else None
        rec_number, rec_text = _recommendation(row, commitments)
        comp_number = row.comp_number
        if comp_number is None:
            same = previous is not None and previous.recommendation == rec_number
            comp_number = (previous.commitment or 0) + 1 if same else 1
        commitments.append(_commitment(row, rec_number, rec_text, comp_number))
    return commitments


def _recommendation(row: _Row, earlier: list[Commitment]) -> tuple[int | None, str]:
    """Number and text of a row's recommendation, inferred when the export lost them."""
    if row.rec_number is not None:
        return row.rec_number, row.rec_text
    previous = earlier[-1] if earlier else None
    if not row.rec_text:
        return (previous.recommendation, previous.recommendation_text) if previous else (None, "")
    for c in earlier:
        ratio = SequenceMatcher(None, norm(row.rec_text), norm(c.recommendation_text), autojunk=False).ratio()
        if c.recommendation is not None and ratio >= SAME_RECOMMENDATION:
            return c.recommendation, row.rec_text
    return ((previous.recommendation or 0) + 1 if previous else 1), row.rec_text


def _commitment(row: _Row, rec_number: int | None, rec_text: str, comp_number: int) -> Commitment:
    compliance = parse_compliance_cell(row.cell)
    return make_commitment(rec_number, comp_number, rec_text, row.comp_text, row.due, compliance,
                           verification=_split_joined_items(compliance.verification), pages=row.pages)


def _split_joined_items(items: tuple[str, ...]) -> tuple[str, ...]:
    """Split items an export printed on one line, where the same capitalised word ends one item and
    starts the next (``Documento Marco Marco Lógico`` -> ``Documento Marco``, ``Marco Lógico``)."""
    result: list[str] = []
    for item in items:
        words = item.split()
        start = 0
        for i, (left, right) in enumerate(pairwise(words), 1):
            if left == right and left[:1].isupper() and i - start > 0:
                result.append(" ".join(words[start:i]))
                start = i
        result.append(" ".join(words[start:]))
    return tuple(result)
