"""Shared text patterns of the text layout: title, table header, numbers, bullets, due dates."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..fields import clean, find_labels, fold, one_line
from ..text import BULLET, NUMBERED  # noqa: F401  (re-exported for the text layout)

TITLE = "INFORME DE EGRESO DEL SISTEMA DE CUMPLIMIENTO DE COMPROMISOS"
TABLE_HEADER = "Recomendación\tCompromiso\tCumplimiento"

_ALNUM = re.compile(r"\w")
_MONTHS = "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre"
DUE_VALUE = re.compile(
    rf"\s*(?P<due>\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{4}}|(?:{_MONTHS})\.?\s+(?:del?\s+)?\d{{4}}|\d{{4}})", re.I
)


def norm(text: str) -> str:
    """Comparable form of a text: cleaned, accent- and case-folded, single spaces."""
    return " ".join(fold(clean(text)).split())


def has_words(text: str) -> bool:
    return bool(_ALNUM.search(text))


@dataclass(frozen=True)
class Due:
    start: int
    end: int
    value: str


def find_due(text: str) -> Due | None:
    """``Fecha de Vencimiento: <due>`` with its value (``""`` when the value is not on this text)."""
    label = next((lb for lb in find_labels(text) if lb.kind == "due"), None)
    if label is None:
        return None
    value = DUE_VALUE.match(text, label.end)
    if value:
        return Due(label.start, value.end(), value.group("due"))
    rest = text[label.end:].split("\n", 1)[0]
    return Due(label.start, label.end + len(rest), one_line(rest))
