"""Small text helpers every layer shares, each written once: report dates, page labels, and the
marks that open a numbered or bulleted item.

* ``dmy``: an ISO date back to the reports' dd-mm-yyyy; a missing date is ``empty`` (the caller
  says what a missing date reads as: "" in a cell, "sin fecha" in the index text).
* ``pages_label``: "p. 3", "pp. 3-4" for a run of pages, "pp. 3, 5" for pages apart
  ("pp. 3-5, 7" mixed).
* ``NUMBERED``: "1.", "2)", "3 -" opening an item (not "1.2", not "31-12-2009"); ``numbered_item``
  reads the number and the text after it.
* ``BULLET``: a bullet glyph ("-", "–", "•", "·", "*", "▪", "◦", or a glyph the PDF gives no text
  for, "(cid:N)") followed by a space and text.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
NUMBERED = re.compile(r"^\s*(\d{1,2})\s*[.)-](?!\d)")
BULLET = re.compile(r"^\s*(?:[-–•·*▪◦]|\(cid:\d+\))\s+(?=\S)")


def dmy(iso: str | None, empty: str = "") -> str:
    """``2011-12-31`` -> ``31-12-2011``; ``empty`` when there is no date; other text unchanged."""
    if not iso:
        return empty
    m = _ISO.fullmatch(iso)
    return f"{m.group(3)}-{m.group(2)}-{m.group(1)}" if m else iso


def pages_label(pages: Iterable[int]) -> str:
    """"p. 3", "pp. 3-4" (a run of pages), "pp. 3, 5" (pages apart); "" without pages."""
    ordered = sorted(set(pages))
    if not ordered:
        return ""
    runs: list[list[int]] = []
    for page in ordered:
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    parts = [str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs]
    return ("p. " if len(ordered) == 1 else "pp. ") + ", ".join(parts)


def numbered_item(text: str) -> tuple[int, str] | None:
    """``"1. Analizar ..."`` -> ``(1, "Analizar ...")``; None when no number opens the text or
    nothing follows it."""
    m = NUMBERED.match(text)
    if not m or not text[m.end():].strip():
        return None
    return int(m.group(1)), text[m.end():].strip()


def strip_bullet(text: str) -> str:
    """The text without the bullet (or item number) that opens it."""
    m = BULLET.match(text) or NUMBERED.match(text)
    return text[m.end():].lstrip() if m else text
