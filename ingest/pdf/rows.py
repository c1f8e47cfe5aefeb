"""Rows across pages: stitching a row's segments together and reading them as commitments."""
from __future__ import annotations

from dataclasses import replace

from .. import fields
from ..records import Commitment
from .cells import cell_text
from ..text import numbered_item
from .model import Segment


def stitch(segments: list[Segment]) -> list[list[Segment]]:
    """Group segments into rows: a segment after a break may continue the row before it."""
    rows: list[list[Segment]] = []
    for segment in segments:
        if rows and segment.after_break and not segment.section and _continues(rows[-1], segment):
            rows[-1].append(segment)
        else:
            rows.append([segment])
    return rows


def _continues(row: list[Segment], segment: Segment) -> bool:
    """Whether a segment after a page break (or repeated header) is the rest of ``row``.

    A new row starts with a numbered commitment once the previous commitment has ended with
    its due date (or, in reports without due dates, once the previous row has its status).
    """
    has_due = fields.has_due(_joined(row, 1))
    has_status = fields.has_status(_joined(row, 2))
    first = segment.cells[1][0].text if segment.cells[1] else ""
    if numbered_item(first):
        segment_due = fields.has_due(cell_text(segment.cells[1]))
        if has_due or (has_status and not segment_due):
            return False
    if has_due and has_status and row[-1].closed and first:
        return False  # a finished, closed row followed by an unnumbered commitment
    return True


def _joined(row: list[Segment], column: int) -> str:
    return cell_text([ln for seg in row for ln in seg.cells[column]])


def commitments(rows: list[list[Segment]]) -> list[Commitment]:
    """One commitment per non-empty row; a blank recommendation cell repeats the one above.
    Each row carries the title of the last section row above it."""
    result: list[Commitment] = []
    previous: tuple[int | None, str] = (None, "")
    section = ""
    for row in rows:
        section = row[0].section or section
        item = _commitment(row, previous)
        if item is None:
            continue
        result.append(replace(item, section=section))
        previous = (item.recommendation, item.recommendation_text)
    return result


def _commitment(row: list[Segment], previous: tuple[int | None, str]) -> Commitment | None:
    rec_no, rec_text = fields.split_number(_joined(row, 0))
    com_no, com_text, due = fields.parse_commitment_cell(_joined(row, 1))
    compliance = fields.parse_compliance_cell(_joined(row, 2))
    if not (com_text or compliance.text or compliance.status):
        return None  # an empty band (or stray words under the table)
    if not rec_text and rec_no is None:
        rec_no, rec_text = previous  # blank cell: same recommendation as the row above
    elif rec_no is None and rec_text == previous[1]:
        rec_no = previous[0]
    return fields.make_commitment(rec_no, com_no, rec_text, com_text, due, compliance,
                                  pages=tuple(dict.fromkeys(seg.page for seg in row)),
                                  boxes=tuple(seg.box for seg in row))
