"""Read the app's feedback file: the answers users marked wrong, as a report and as candidate gold lines.

``python -m assistant eval --feedback <store>/feedback.jsonl [--gold-out FILE]``. A candidate line has
the question and what was answered (``answered``: the cited rows); its ``gold`` is empty until a
person fills in the right commitment, then it can join ``tests/gold/*.jsonl``."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..feedback import Feedback, read


def cited(item: Feedback) -> list[dict]:
    return [{"program": c.get("program"), "rec": c.get("recommendation"), "comp": c.get("commitment")}
            for c in item.answer.get("citations", [])]


def gold_candidate(item: Feedback) -> dict:
    """A gold line to complete: the question, what was wrongly answered and the user's comment."""
    digest = hashlib.sha256(item.question.encode("utf-8")).hexdigest()[:10]
    return {"id": f"feedback-{digest}", "kind": "feedback", "question": item.question, "gold": [], "facts": [],
            "refused": bool(item.answer.get("refused")), "answered": cited(item), "comment": item.comment,
            "reported": item.time}


def report(items: list[Feedback]) -> str:
    """«N opiniones: X útiles, Y no útiles», then each answer marked not useful with its comment."""
    down = [i for i in items if i.verdict == "down"]
    lines = [f"{len(items)} opiniones: {len(items) - len(down)} útiles, {len(down)} no útiles."]
    for item in down:
        where = "; ".join(f"{c['program']} Rec. {c['rec']} Comp. {c['comp']}" for c in cited(item)) or "sin citas"
        status = "rechazada" if item.answer.get("refused") else f"citó: {where}"
        lines.append(f"- «{item.question}» ({status})" + (f" — comentario: {item.comment}" if item.comment else ""))
    return "\n".join(lines)


def main(path: Path, gold_out: Path | None = None) -> int:
    if not path.exists():
        print(f"error: no existe el archivo de opiniones {path}")
        return 2
    items = read(path)
    print(report(items))
    if gold_out is not None:
        candidates = [gold_candidate(i) for i in items if i.verdict == "down"]
        gold_out.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in candidates), encoding="utf-8")
        print(f"{len(candidates)} líneas candidatas escritas en {gold_out}")
    return 0
