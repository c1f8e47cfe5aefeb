"""Separating interleaved commitment and compliance words of one stream (see ``align``)."""
from __future__ import annotations

from dataclasses import dataclass

from ..fields import find_labels
from .align import END, MIN_BLOCK, OBS, SENTINELS, VER, Order, commitment_order
from .patterns import find_due, has_words

_LABEL_SENTINELS = {"observation": OBS, "verification": VER}


@dataclass(frozen=True)
class Split:
    commitment: str
    compliance: str
    observation: str | None
    verification: str
    closing: str | None
    due: str | None


def split_interleaved(text: str, known: list[str], *, commitment_first: bool) -> Split:
    """Separate a stream where commitment and compliance words were interleaved by the export."""
    text, closing, due = _take_closing_and_due(text)
    tokens = _mark_labels(text).split()
    order = commitment_order(tokens, known)
    if order is None:  # nothing to align against: the words before the first label are the commitment
        order = _leading_words(tokens) if commitment_first else {}
    commitment = " ".join(tokens[i] for i in sorted(order, key=order.__getitem__))
    compliance, observation, verification = _compliance_words(tokens, order)
    return Split(commitment, compliance, observation, verification, closing, due)


def _take_closing_and_due(text: str) -> tuple[str, str | None, str | None]:
    closing = next((lb for lb in find_labels(text) if lb.kind == "status"), None)
    closing_text = None
    if closing is not None:
        closing_text = text[closing.start: closing.end]
        text = f"{text[: closing.start]} {END} {text[closing.end:]}"
    due = find_due(text)
    if due is not None:
        text = f"{text[: due.start]} {text[due.end:]}"
    return text, closing_text, due.value if due else None


def _mark_labels(text: str) -> str:
    for label in reversed(find_labels(text)):
        sentinel = _LABEL_SENTINELS.get(label.kind)
        if sentinel:
            text = f"{text[: label.start]} {sentinel} {text[label.end:]}"
    return text


def _leading_words(tokens: list[str]) -> Order:
    first_label = next((i for i, t in enumerate(tokens) if t in SENTINELS), len(tokens))
    return {i: (i, 0, 0) for i in range(first_label)}


def _compliance_words(tokens: list[str], order: Order) -> tuple[str, str | None, str]:
    """Compliance text, observation (None without its label) and verification from the other tokens.

    Short runs stranded between commitment words are fragments the export moved; they go last.
    """
    runs: list[list[str]] = [[]]
    words: dict[str, list[str]] = {OBS: [], VER: []}
    mode = "body"
    for i, token in enumerate(tokens):
        if token in words:
            mode = token
        elif token == END or i in order:
            mode = "body"
            runs.append([])
        elif not has_words(token):
            continue
        elif mode == "body":
            runs[-1].append(token)
        else:
            words[mode].append(token)
    long_runs = [r for r in runs if len(r) >= MIN_BLOCK]
    short_runs = [r for r in runs if 0 < len(r) < MIN_BLOCK]
    compliance = " ".join(" ".join(run) for run in long_runs + short_runs)
    observation = " ".join(words[OBS]) if OBS in tokens else None
    return compliance, observation, " ".join(words[VER])
