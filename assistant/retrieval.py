"""Hybrid retrieval at the level of commitment rows: dense (Chroma) + lexical (BM25, Spanish),
fused by weighted reciprocal rank fusion. Each side can carry a question on its own."""
from __future__ import annotations

import logging
from dataclasses import dataclass

from vectorstore.embeddings import Embedder
from vectorstore.store import ReportIndex
from .catalog import Catalog
from .lexical import BM25Index
from .types import Filters, Row, ScoredRow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetrievalConfig:
    dense_weight: float = 1.0
    lexical_weight: float = 1.0
    rrf_k: int = 60
    depth: int = 40  # candidates taken from each side


def build_lexical(catalog: Catalog) -> BM25Index:
    index = BM25Index()
    index.add_many((row.row_id, row.text) for row in catalog.all_rows())
    return index


def chroma_where(filters: Filters) -> dict | None:
    clauses = []
    for key in ("program", "ministry", "service", "year", "status"):
        value = getattr(filters, key)
        if value not in (None, ""):
            clauses.append({key: value})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


class HybridRetriever:
    def __init__(self, index: ReportIndex, embedder: Embedder, catalog: Catalog, lexical: BM25Index,
                 config: RetrievalConfig = RetrievalConfig()) -> None:
        self.index = index
        self.embedder = embedder
        self.catalog = catalog
        self.lexical = lexical
        self.config = config

    def allowed(self, filters: Filters):
        if filters.is_empty():
            return None
        return {row.row_id for row in self.catalog.all_rows() if filters.matches(row.meta)}

    def dense(self, question: str, filters: Filters, vector: list[float] | None = None) -> list[tuple[str, float]]:
        """(row id, cosine similarity), best first, one entry per row (best of its parts)."""
        vector = vector or self.embedder.embed_query(question)
        hits = self.index.query(vector, k=self.config.depth, where=chroma_where(filters))
        best: dict[str, float] = {}
        for hit in hits:
            rid = hit.metadata["row_id"]
            best.setdefault(rid, 1.0 - hit.distance)
        return list(best.items())

    def retrieve(self, question: str, *, k: int, filters: Filters = Filters(),
                 lexical_query: str | None = None) -> list[ScoredRow]:
        dense = self.dense(question, filters)
        lexical = self.lexical.search(lexical_query or question, self.config.depth, allowed=self.allowed(filters))
        return self.fuse(question if lexical_query is None else lexical_query, dense, lexical, k)

    def fuse(self, lexical_query: str, dense: list[tuple[str, float]], lexical: list[tuple[str, float]],
             k: int) -> list[ScoredRow]:
        c = self.config
        scores: dict[str, float] = {}
        dense_rank = {rid: rank for rank, (rid, _) in enumerate(dense, 1)}
        lexical_rank = {rid: rank for rank, (rid, _) in enumerate(lexical, 1)}
        for rid, rank in dense_rank.items():
            scores[rid] = scores.get(rid, 0.0) + c.dense_weight / (c.rrf_k + rank)
        for rid, rank in lexical_rank.items():
            scores[rid] = scores.get(rid, 0.0) + c.lexical_weight / (c.rrf_k + rank)
        similarity = dict(dense)
        ranked = sorted(scores, key=lambda rid: (-scores[rid], rid))
        out: list[ScoredRow] = []
        for rid in ranked:
            row: Row | None = self.catalog.row(rid)
            if row is None:  # indexed after the catalog was loaded
                continue
            match = self.lexical.explain(lexical_query, rid)
            out.append(ScoredRow(row, scores[rid], dense_rank.get(rid), lexical_rank.get(rid),
                                 match.coverage, similarity.get(rid, 0.0)))
            if len(out) == k:
                break
        return out
