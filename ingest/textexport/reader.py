"""Reading the table's lines, one at a time, into draft rows (see the package docstring)."""
from __future__ import annotations

import logging

from ..fields import find_labels, one_line
from .draft import Draft, has_items, is_echo, opens_verification, starts_row
from .patterns import BULLET, DUE_VALUE, NUMBERED, find_due, has_words
from .segments import is_noise, line_cells

log = logging.getLogger(__name__)


def read_table(lines: list[tuple[int, str]], *, skip: frozenset[str]) -> list[Draft]:
    """Draft rows of the table lines ``(page, raw line)``; lines normalised into ``skip`` are furniture."""
    reader = TableReader()
    for page, raw in lines:
        cells = line_cells(raw)
        if cells is None or not any(cells):
            reader.feed_blank()
        elif is_noise(raw, skip):
            continue
        elif "\t" in raw:
            reader.feed_cells(cells, page)
        else:
            reader.feed_flow(cells[0], page)
    return reader.finish()


class TableReader:
    """Feeds the table's lines, one at a time, into draft rows."""

    def __init__(self) -> None:
        self.drafts: list[Draft] = []

    @property
    def current(self) -> Draft | None:
        return self.drafts[-1] if self.drafts else None

    def feed_blank(self) -> None:
        row = self.current
        if row is None:
            return
        if row.rec_open and row.rec:
            row.rec_open = False
        if row.verification_open and has_items(row.tail):
            row.verification_open = False

    def feed_cells(self, cells: tuple[str, str, str], page: int) -> None:
        row = self.current
        if row is None or starts_row(row, cells):
            row = self._new_row()
        row.rec_open = False
        row.pages.add(page)
        rec, comp, compliance = cells
        if rec and not is_echo(rec, row.rec):
            row.rec.append(rec)
        if comp and not is_echo(comp, [t for _, t in row.comp]):
            row.comp.append((False, comp))
        if compliance:
            self._compliance(row, compliance, check_echo=True)

    def feed_flow(self, text: str, page: int) -> None:
        row = self.current
        if row is None or (self._row_complete(row) and not self._is_verification(row, text)):
            row = self._new_row()
            row.rec_open = True
        row.pages.add(page)
        if row.rec_open and not (row.rec and (NUMBERED.match(text) or BULLET.match(text))):
            row.rec.append(text)
            return
        row.rec_open = False
        if not row.due_complete():
            self._flow_commitment(row, text, page)
        elif not row.closed:
            self._compliance(row, text, check_echo=False)
        else:
            row.tail.append(text)
            row.verification_open = True

    def finish(self) -> list[Draft]:
        self._settle_last()
        return self.drafts

    # -- helpers -------------------------------------------------------------------------------

    @staticmethod
    def _row_complete(row: Draft) -> bool:
        return row.closed and row.due_complete() and not row.rec_open

    @staticmethod
    def _is_verification(row: Draft, text: str) -> bool:
        return row.verification_open or opens_verification(text)

    def _new_row(self) -> Draft:
        self._settle_last()
        self.drafts.append(Draft())
        return self.drafts[-1]

    def _settle_last(self) -> None:
        """A finished chunk with neither due date nor closing is a leftover of the row before it."""
        row = self.current
        if row is None or row.closed or row.due_complete():
            return
        self.drafts.pop()
        if not self.drafts:
            log.warning("text before the first row was ignored: %.60s", " ".join(row.all_text()))
            return
        log.debug("leftover text merged into the previous row: %.60s", " ".join(row.all_text()))
        previous = self.drafts[-1]
        previous.leftover += row.all_text()
        previous.pages |= row.pages

    def _flow_commitment(self, row: Draft, text: str, page: int) -> None:
        if row.due == "":  # the label was at the end of the previous line
            value = DUE_VALUE.match(text)
            row.due = value.group("due") if value else one_line(text)
            rest = text[value.end():] if value else ""
            if rest.strip():
                self.feed_flow(rest.strip(), page)
            return
        due = find_due(text)
        before = text if due is None else text[: due.start]
        if before.strip():
            row.comp.append((True, before.strip()))
            row.closed = row.closed or any(lb.kind == "status" for lb in find_labels(before))
        if due is None:
            return
        row.due = due.value
        rest = text[due.end:].strip()
        if rest:
            self.feed_flow(rest, page)

    def _compliance(self, row: Draft, text: str, *, check_echo: bool) -> None:
        if row.closed:
            self._after_closing(row, text)
            return
        closing = next((lb for lb in find_labels(text) if lb.kind == "status"), None)
        before = text if closing is None else text[: closing.start]
        if has_words(before) and not (check_echo and is_echo(before, row.body)):
            row.body.append(before.strip())
        if closing is None:
            return
        row.closing, row.closed = text[closing.start: closing.end], True
        rest = text[closing.end:].strip()
        if rest:
            self._after_closing(row, rest)

    @staticmethod
    def _after_closing(row: Draft, text: str) -> None:
        label = next((lb for lb in find_labels(text) if lb.kind == "verification"), None)
        if label is None and not row.verification_open:
            row.leftover.append(text)
            return
        start = 0 if label is None else label.start
        if text[:start].strip():
            row.leftover.append(text[:start].strip())
        row.tail.append(text[start:])
        row.verification_open = True
