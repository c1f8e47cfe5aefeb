"""Hybrid retrieval at the level of commitment rows: dense (Chroma) + lexical (BM25, Spanish),
fused by a weighted sum of normalised scores (BM25 relative to the best row, the row's coverage
of the question's terms, the dense similarity on a fixed scale) plus small bonuses. Each side can
carry a question on its own."""
from __future__ import annotations

import logging

from vectorstore.embeddings import Embedder
from vectorstore.store import ReportIndex
from .catalog import Catalog
from .config import RetrievalConfig
from .lexical import BM25Index
from .timings import StageTimer, stage
from .types import Filters, Row, ScoredRow

log = logging.getLogger(__name__)


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
                 config: RetrievalConfig = RetrievalConfig(), timer: StageTimer | None = None) -> None:
        """``timer``: measures the stages embed, dense, lexical and fuse (benchmarks)."""
        self.index = index
        self.embedder = embedder
        self.catalog = catalog
        self.lexical = lexical
        self.config = config
        self.timer = timer

    def allowed(self, filters: Filters):
        if filters.is_empty():
            return None
        return {row.row_id for row in self.catalog.all_rows() if filters.matches(row.stored)}

    def dense(self, question: str, filters: Filters, vector: list[float] | None = None) -> list[tuple[str, float]]:
        """(row id, cosine similarity), best first, one entry per row (best of its parts)."""
        with stage(self.timer, "embed"):
            vector = vector or self.embedder.embed_query(question)
        with stage(self.timer, "dense"):
            hits = self.index.query(vector, k=self.config.depth, where=chroma_where(filters))
        best: dict[str, float] = {}
        for hit in hits:
            rid = hit.row_id
            best.setdefault(rid, 1.0 - hit.distance)
        return list(best.items())

    def retrieve(self, question: str, *, k: int, filters: Filters = Filters(), lexical_query: str | None = None,
                 status_hint: str | None = None, row_ref: tuple[int | None, int | None] = (None, None)) -> list[ScoredRow]:
        lexical_query = lexical_query or question
        dense = self.dense(question, filters)
        with stage(self.timer, "lexical"):
            lexical = self.lexical.search(lexical_query, self.config.depth, allowed=self.allowed(filters))
            if any(row_ref):  # the named row is a candidate even when neither side ranked it
                named = [(r.row_id, 0.0) for r in self.catalog.select(filters) if refers(r, row_ref)][:self.config.depth]
                lexical += [item for item in named if item[0] not in dict(lexical)]
        with stage(self.timer, "fuse"):
            return self.fuse(lexical_query, dense, lexical, k, status_hint, row_ref)

    def fuse(self, lexical_query: str, dense: list[tuple[str, float]], lexical: list[tuple[str, float]],
             k: int, status_hint: str | None = None,
             row_ref: tuple[int | None, int | None] = (None, None)) -> list[ScoredRow]:
        """Score the union of both candidate lists on normalised signals: BM25 relative to the
        best row, the row's coverage of the question's terms, and the dense similarity on a fixed
        scale; plus bonuses for the status the question mentions and the row it names.

        Measured on the gold set, reciprocal rank fusion let rows that sit in both lists at poor
        ranks beat the one row holding every specific word of the question; scores, unlike
        ranks, keep that difference. Ranks are kept on the result for inspection."""
        c = self.config
        dense_rank = {rid: rank for rank, (rid, _) in enumerate(dense, 1)}
        lexical_rank = {rid: rank for rank, (rid, _) in enumerate(lexical, 1)}
        similarity = dict(dense)
        best_bm25 = max((score for _, score in lexical), default=0.0) or 1.0
        low, high = c.dense_scale
        out: list[ScoredRow] = []
        for rid in dense_rank.keys() | lexical_rank.keys():
            row: Row | None = self.catalog.row(rid)
            if row is None:  # indexed after the catalog was loaded
                continue
            match = self.lexical.explain(lexical_query, rid)
            dense_part = min(1.0, max(0.0, (similarity.get(rid, low) - low) / (high - low)))
            score = (c.lexical_weight * match.score / best_bm25 + c.coverage_weight * match.coverage
                     + c.dense_weight * dense_part)
            if status_hint and row.record is not None and row.record.status == status_hint:
                score += c.status_weight
            if any(row_ref) and refers(row, row_ref):
                score += c.reference_weight
            out.append(ScoredRow(row, score, dense_rank.get(rid), lexical_rank.get(rid), match.coverage,
                                 similarity.get(rid, 0.0)))
        out.sort(key=lambda s: (-s.score, s.row.row_id))
        return out[:k]


def refers(row: Row, ref: tuple[int | None, int | None]) -> bool:
    rec, comp = ref
    return (row.kind == "commitment" and (rec is None or row.num("recommendation") == rec)
            and (comp is None or row.num("commitment") == comp))
