"""The tuning records the answer side is built with: plain frozen values, each default defined
here once. ``assistant.settings.Settings`` exposes them as sections (``settings.retrieval``,
``settings.relevance``, ``settings.llm``) read from the environment; the code that uses them
takes the record, never ``Settings``."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the record stays free of imports at run time (settings loads it first)
    from .types import ScoredRow

ANSWER_ROWS = 5  # rows an answer is drawn from (ASSISTANT_K)
MAX_QUESTION_CHARS = 4000  # longest question accepted: app, API, CLI (ASSISTANT_MAX_QUESTION_CHARS)


@dataclass(frozen=True)
class RetrievalConfig:
    """Weights of the fused score (a weighted sum of normalised signals, plus bonuses)."""
    dense_weight: float = 0.2  # cosine similarity, on a fixed scale (see dense_scale)
    lexical_weight: float = 0.45  # BM25 over the best BM25 score of the question
    coverage_weight: float = 0.35  # share of the question's (idf-weighted) terms the row holds
    status_weight: float = 0.03  # a status the question mentions ("¿por qué se canceló...?")
    reference_weight: float = 0.3  # the row the question names ("compromiso 1.2")
    dense_scale: tuple[float, float] = (0.35, 0.85)  # similarities mapped to 0..1 between these
    depth: int = 40  # candidates taken from each side


@dataclass(frozen=True)
class Relevance:
    """A question is answered only when its best row holds enough of the question's terms
    (idf-weighted, so the rare, specific words count most), or is very close in meaning and
    still holds some of them. The dense side alone never suffices: measured here, English
    MiniLM puts out-of-scope Spanish questions as close to some row (0.63) as real ones."""
    min_coverage: float = 0.5
    min_similarity: float = 0.75

    def ok(self, best: ScoredRow) -> bool:
        if best.lexical_coverage >= self.min_coverage:
            return True
        return best.dense_similarity >= self.min_similarity and best.lexical_coverage >= self.min_coverage / 2


@dataclass(frozen=True)
class LlmConfig:
    """Which chat model writes the answers (``extractive``: none, the answer is composed from the rows)."""
    backend: str = "extractive"  # extractive | ollama | openai | llamacpp
    model: str = ""  # empty: the backend's usual model
    base_url: str | None = None
    api_key: str | None = None
    gguf_path: Path | None = None
    temperature: float = 0.0
    timeout_s: float = 120.0
