"""Users' verdicts on answers (thumbs up/down, an optional comment), kept in a JSONL file beside the store.

One line per vote or comment; a later line with the same ``id`` replaces an earlier one (a comment
sent after the thumb). The evaluation reads the file (``assistant.evaluation.feedback``): a wrong
answer reported by a user is the best test case there is."""
from __future__ import annotations

import json
import logging
import threading
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

log = logging.getLogger(__name__)

FILE_NAME = "feedback.jsonl"
VERDICTS = ("up", "down")
MAX_COMMENT = 2000
_write_lock = threading.Lock()


@dataclass(frozen=True)
class Feedback:
    id: str  # one per answer of a conversation: a new vote or comment on it replaces the older line
    question: str
    answer: dict  # the answer's JSON, as /ask and `ask --json` give it
    verdict: str  # "up" | "down"
    comment: str = ""
    time: str = ""  # ISO 8601, UTC

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            raise ValueError(f"veredicto no válido: {self.verdict!r} (válidos: {', '.join(VERDICTS)})")

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "Feedback":
        return cls(id=str(data["id"]), question=str(data["question"]), answer=dict(data.get("answer") or {}),
                   verdict=str(data["verdict"]), comment=str(data.get("comment") or ""), time=str(data.get("time") or ""))


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def append(path: Path, item: Feedback) -> None:
    """Append one line (whole lines under a lock, so two sessions never interleave)."""
    line = json.dumps(item.to_json(), ensure_ascii=False) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    with _write_lock, open(path, "a", encoding="utf-8") as handle:
        handle.write(line)


def read(path: Path) -> list[Feedback]:
    """Every answer's latest verdict, in the order first voted; a line that does not parse is skipped
    and logged (a half-written last line must not hide the others)."""
    latest: dict[str, Feedback] = {}
    if not path.exists():
        return []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = Feedback.from_json(json.loads(line))
        except (ValueError, KeyError, TypeError) as exc:
            log.warning("%s line %d skipped: %s", path, number, exc)
            continue
        latest[item.id] = item
    return list(latest.values())
