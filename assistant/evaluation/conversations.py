"""The gold conversations (tests/gold/conversations.jsonl): follow-ups asked with the history of
the turns before them, each turn judged like a gold question (cited row, facts, refusal, exact
rows) and by its lead: a follow-up must say what it assumed, a topic switch must not."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .gold import has_facts, matches_gold, norm

DEFAULT_CONVERSATIONS = Path(__file__).resolve().parents[2] / "tests" / "gold" / "conversations.jsonl"
LEAD_STARTS = ("Sobre ", "About ", "Con el alcance", "Within the previous")


@dataclass(frozen=True)
class Turn:
    question: str
    gold: tuple[dict, ...] = ()
    facts: tuple[str, ...] = ()
    refuse: bool = False
    expect: dict = field(default_factory=dict)
    lead: str | None = None  # the answer starts with this lead
    no_lead: bool = False  # a topic switch or a first question: no lead


@dataclass(frozen=True)
class Conversation:
    id: str
    kind: str
    turns: tuple[Turn, ...]

    def programs(self) -> set[str]:
        return {g["program"] for t in self.turns for g in t.gold} | {
            t.expect["program"] for t in self.turns if t.expect.get("program")}


def load_conversations(path: Path = DEFAULT_CONVERSATIONS) -> list[Conversation]:
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            data = json.loads(line)
            turns = tuple(Turn(t["question"], tuple(t.get("gold", ())), tuple(t.get("facts", ())),
                               t.get("refuse", False), t.get("expect", {}), t.get("lead"), t.get("no_lead", False))
                          for t in data["turns"])
            out.append(Conversation(data["id"], data["kind"], turns))
    return out


def judge_turn(turn: Turn, answer: dict, truths, judge_exact) -> dict:
    """Each check of one turn: None where the turn asks nothing of that kind."""
    text = answer["answer"]
    checks = {"refusal_ok": answer["refused"] == turn.refuse}
    if turn.gold:
        first = answer["citations"][:1]
        checks["cited_top1"] = bool(first) and any(matches_gold(first[0], g) for g in turn.gold)
    if turn.facts:
        checks["facts_ok"] = has_facts(text, turn.facts)
    if turn.expect:
        checks["exact_ok"] = judge_exact(turn, answer, truths)
    if turn.lead:
        checks["lead_ok"] = norm(text).startswith(norm(turn.lead))
    elif turn.no_lead:
        checks["lead_ok"] = not text.startswith(LEAD_STARTS)
    return checks


def evaluate_conversations(assistant, conversations: list[Conversation], truths, judge_exact) -> list[dict]:
    """One row per turn: the conversation, the turn's number, its checks and whether all hold."""
    rows = []
    for conv in conversations:
        history: list[dict] = []
        for n, turn in enumerate(conv.turns, 1):
            answer = assistant.ask(turn.question, history=history).to_json()
            history.append(answer)
            checks = judge_turn(turn, answer, truths, judge_exact)
            rows.append({"id": f"{conv.id}#{n}", "conversation": conv.id, "kind": conv.kind,
                         "follow_up": n > 1, "ok": all(checks.values()), "answer": answer["answer"],
                         "elapsed_ms": answer["elapsed_ms"], **checks})
    return rows


def conversation_summary(rows: list[dict]) -> dict:
    if not rows:
        return {"conversations": 0}
    by_conv: dict[str, bool] = {}
    for r in rows:
        by_conv[r["conversation"]] = by_conv.get(r["conversation"], True) and r["ok"]
    follow = [r for r in rows if r["follow_up"]]
    leads = [r for r in rows if r.get("lead_ok") is not None]
    return {"conversations": len(by_conv), "conversation_turns": len(rows),
            "conversations_ok": sum(by_conv.values()) / len(by_conv),
            "follow_up_turns_ok": sum(r["ok"] for r in follow) / len(follow) if follow else None,
            "follow_up_leads_ok": sum(bool(r["lead_ok"]) for r in leads) / len(leads) if leads else None}
