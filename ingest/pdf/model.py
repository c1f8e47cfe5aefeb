"""Geometry records shared by the PDF reader (words, lines, rulings, columns, pages, row segments)
and the grouping of words into lines."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..records import Box

if TYPE_CHECKING:
    from ..ocr import PageOcr

LINE_TOL = 3.0  # words whose tops differ by less than this share a line
RULE_TOL = 1.5  # rulings closer than this are one ruling


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class Line:
    words: tuple[Word, ...]
    limit: float  # right edge that text can reach in this column on this page

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)


@dataclass(frozen=True)
class Rule:
    pos: float  # y of a horizontal ruling, x of a vertical one
    start: float
    end: float


@dataclass(frozen=True)
class Columns:
    edges: tuple[float, float, float, float]  # left, recommendation|commitment, commitment|compliance, right
    ruled: tuple[bool, bool, bool, bool]

    def index(self, x: float) -> int:
        return 0 if x < self.edges[1] else 1 if x < self.edges[2] else 2


@dataclass(frozen=True)
class HeaderRow:
    top: float
    bottom: float
    words: tuple[Word, Word, Word]


@dataclass
class RawPage:
    """What pdfplumber gives for one page: word dicts (with their chars) and path pieces."""

    number: int
    height: float
    words: list[dict]
    hrules: list[Rule]
    vrules: list[Rule]
    ocr: PageOcr | None = None  # how the page read when it was a scan read by OCR


@dataclass
class Page:
    number: int
    height: float
    words: list[Word]
    hrules: list[Rule]
    vrules: list[Rule]
    headers: list[HeaderRow] = field(default_factory=list)
    columns: Columns | None = None  # from this page's header row, else the previous page's
    ocr: PageOcr | None = None  # set when the page was a scan read by OCR


Cells = tuple[list[Line], list[Line], list[Line]]


@dataclass
class Segment:
    """The part of one table row found on one page."""

    page: int
    cells: Cells
    after_break: bool  # first segment on a page or right after a repeated header row
    closed: bool  # its bottom is a horizontal ruling (or a section row)
    box: Box
    section: str = ""  # title of the section row right above it: it starts a new row


def group_lines(words: list[Word]) -> list[list[Word]]:
    """Cluster words into lines by their top, each line sorted left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines and word.top - lines[-1][0].top <= LINE_TOL:
            lines[-1].append(word)
        else:
            lines.append([word])
    for line in lines:
        line.sort(key=lambda w: w.x0)
    return lines
