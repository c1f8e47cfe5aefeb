"""Hybrid retrieval at the level of commitment rows: dense (Chroma) + lexical (BM25, Spanish),
fused by a weighted sum of normalised scores (BM25 relative to the best row, the row's coverage
of the question's terms, the dense similarity on a fixed scale) plus small bonuses. Each side can
carry a question on its own."""
from __future__ import annotations

import logging

from ingest.rows import chunk_ids
from vectorstore.embeddings import Embedder
from vectorstore.store import ReportIndex
from .catalog import Catalog
from .config import RetrievalConfig
from .lexical import BM25Index
from .timings import StageTimer, stage
from .types import Filters, Row, ScoredRow

log = logging.getLogger(__name__)

# A filter matching at most this many chunks is searched exactly over their stored vectors
# (reading 300 vectors by id took about 8 ms on 25,000 chunks; Chroma's filter 15-30 ms).
EXACT_MAX_CHUNKS = 300


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

    def allowed(self, filters: Filters) -> frozenset[str] | None:
        if filters.is_empty():
            return None
        return self.catalog.matching_ids(filters)

    def dense(self, question: str, filters: Filters, vector: list[float] | None = None) -> list[tuple[str, float]]:
        """(row id, cosine similarity), best first, one entry per row (best of its parts).

        Unfiltered: Chroma's nearest chunks, ids and distances only, kept when an active row of
        the catalog owns them. Filtered to a few rows (a program, a report): those rows' stored
        vectors compared with the question's, exactly (Chroma's metadata filter cost 15-30 ms
        on 10,000 commitments). Filtered to many: Chroma's filtered search, ids only."""
        with stage(self.timer, "embed"):
            vector = vector or self.embedder.embed_query(question)
        with stage(self.timer, "dense"):
            allowed = self.allowed(filters)
            if allowed is None:
                hits = self._nearest(vector, None)
            else:
                ids = [cid for rid in allowed for cid in chunk_ids(self.catalog.row(rid).stored)]
                hits = self._exact(vector, ids) if len(ids) <= EXACT_MAX_CHUNKS else self._nearest(vector, filters)
        best: dict[str, float] = {}
        for rid, distance in hits:
            best.setdefault(rid, 1.0 - distance)
        return list(best.items())

    def _nearest(self, vector: list[float], filters: Filters | None) -> list[tuple[str, float]]:
        """(row id, distance) of the nearest chunks that an active row owns, nearest first."""
        where = chroma_where(filters) if filters is not None else None
        nearest = self.index.nearest(vector, self.config.depth + 16, where=where)
        rows = ((self.catalog.row_of_chunk(cid), distance) for cid, distance in nearest)
        return [(row.row_id, distance) for row, distance in rows if row is not None][:self.config.depth]

    def _exact(self, vector: list[float], ids: list[str]) -> list[tuple[str, float]]:
        """(row id, cosine distance) of these chunks, computed from their stored vectors."""
        stored = self.index.vectors_of(ids)
        if not stored:
            return []
        import numpy as np

        names = list(stored)
        matrix = np.asarray([stored[n] for n in names], dtype=np.float32)
        query = np.asarray(vector, dtype=np.float32)
        norms = np.linalg.norm(matrix, axis=1) * (np.linalg.norm(query) or 1.0)
        distances = 1.0 - (matrix @ query) / np.where(norms > 0, norms, 1.0)
        order = np.argsort(distances, kind="stable")[:self.config.depth + 16]
        rows = ((self.catalog.row_of_chunk(names[i]), float(distances[i])) for i in order)
        return [(row.row_id, distance) for row, distance in rows if row is not None][:self.config.depth]

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
