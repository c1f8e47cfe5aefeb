"""Field-by-field score of a parsed report against the generator's truth (``*.truth.json``).

Texts are right when their normalised forms (NFC, lower case, one space) have a difflib ratio of
at least ``FUZZY``; numbers, statuses and dates must be exact. A truth row the parse lacks
counts all its fields wrong; a row the parse invented counts as many wrong fields as a row has.
"""
from __future__ import annotations

import difflib
import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ingest.records import Report

FUZZY = 0.9
HEADER_TEXT = ("program", "ministry", "service")
HEADER_EXACT = ("year", "status", "exit_date")
ROW_TEXT = ("recommendation_text", "commitment_text", "due", "compliance_text", "observation")
ROW_EXACT = ("recommendation", "commitment", "status", "status_date")
ROW_FIELDS = len(ROW_TEXT) + len(ROW_EXACT) + 1  # + the verification list


@dataclass
class Score:
    right: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 1.0

    def check(self, name: str, ok: bool, got: object = None, want: object = None) -> None:
        self.total += 1
        self.right += ok
        if not ok:
            self.misses.append(f"{name}: got {got!r} want {want!r}"[:300])

    def add(self, other: "Score") -> "Score":
        return Score(self.right + other.right, self.total + other.total, self.misses + other.misses)


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").lower().split())


def similar(got: str, want: str) -> bool:
    got, want = normalise(got), normalise(want)
    return got == want or difflib.SequenceMatcher(None, got, want, autojunk=False).ratio() >= FUZZY


def load_truth(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))["report"]


def score_report(report: Report, truth: dict) -> Score:
    got = report.to_json()
    score = Score()
    for name in HEADER_TEXT:
        score.check(name, similar(got[name], truth[name]), got[name], truth[name])
    for name in HEADER_EXACT:
        score.check(name, got[name] == truth[name], got[name], truth[name])
    rows = {(r["recommendation"], r["commitment"]): r for r in got["commitments"]}
    for want in truth["commitments"]:
        key = (want["recommendation"], want["commitment"])
        row = rows.pop(key, None)
        if row is None:
            score.total += ROW_FIELDS
            score.misses.append(f"row {key}: missing")
            continue
        _score_row(score, row, want, f"r{key[0]}c{key[1]}")
    for key in rows:
        score.total += ROW_FIELDS
        score.misses.append(f"row {key}: not in the truth")
    return score


def _score_row(score: Score, row: dict, want: dict, label: str) -> None:
    for name in ROW_TEXT:
        score.check(f"{label}.{name}", similar(row[name], want[name]), row[name], want[name])
    for name in ROW_EXACT:
        score.check(f"{label}.{name}", row[name] == want[name], row[name], want[name])
    got_list, want_list = row["verification"], want["verification"]
    score.check(f"{label}.verification", len(got_list) == len(want_list)
                and all(similar(g, w) for g, w in zip(got_list, want_list)), got_list, want_list)
