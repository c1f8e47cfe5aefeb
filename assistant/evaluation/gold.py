"""The gold questions (tests/gold/questions.jsonl) and what counts as a right answer."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ingest.fields import fold
from ingest.records import Report

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "tests" / "gold" / "questions.jsonl"


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    question: str
    gold: tuple[dict, ...] = ()
    facts: tuple[str, ...] = ()
    refuse: bool = False
    expect: dict = field(default_factory=dict)


def load_gold(path: Path = DEFAULT_GOLD) -> list[Question]:
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            data = json.loads(line)
            out.append(Question(data["id"], data["kind"], data["question"], tuple(data.get("gold", ())),
                                tuple(data.get("facts", ())), data.get("refuse", False), data.get("expect", {})))
    return out


def matches_gold(citation: dict, gold: dict) -> bool:
    if citation["program"] != gold["program"]:
        return False
    if gold.get("header"):
        return citation["recommendation"] is None
    return citation["recommendation"] == gold["rec"] and citation["commitment"] == gold["comp"]


def norm(text: str) -> str:
    return " ".join(fold(text).replace("?", " ").split())


def has_facts(answer: str, facts: tuple[str, ...]) -> bool:
    text = norm(answer)
    return all(norm(f) in text for f in facts)


def expected_rows(expect: dict, truths: list[Report]) -> list[tuple[str, int | None, int | None]]:
    """The rows (program, rec, comp) that an exact list/count answer must hold."""
    out = []
    for report in truths:
        if expect.get("program") and report.program != expect["program"]:
            continue
        if expect.get("ministry") and report.ministry != expect["ministry"]:
            continue
        if expect.get("year") and report.year != expect["year"]:
            continue
        for row in report.commitments:
            if not expect.get("status") or row.status == expect["status"]:
                out.append((report.program, row.recommendation, row.commitment))
    return out


def expected_programs(expect: dict, truths: list[Report]) -> set[str]:
    return {r.program for r in truths if r.ministry == expect["ministry"]}
