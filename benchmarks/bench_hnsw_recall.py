"""HNSW recall@10 against brute force, for a few index settings, on the stored vectors of the
answer benchmark's index (run benchmarks/bench_answer.py first).

    .venv/bin/python benchmarks/bench_hnsw_recall.py [--store .bench/answer-10000]

Queries are 300 stored vectors with a little noise; each setting gets a fresh collection built
from the same vectors.
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = ((16, 100, 100), (16, 100, 128), (32, 200, 128))  # max_neighbors, ef_construction, ef_search


def client(path: str) -> chromadb.ClientAPI:
    return chromadb.PersistentClient(path=path, settings=ChromaSettings(anonymized_telemetry=False))


def load(store: Path, limit: int) -> tuple[list[str], np.ndarray]:
    collection = client(str(store / "chroma")).get_collection("informes", embedding_function=None)
    got = collection.get(include=["embeddings"], limit=limit)
    return got["ids"], np.asarray(got["embeddings"], dtype=np.float32)


def queries(vectors: np.ndarray, n: int) -> np.ndarray:
    rng = np.random.default_rng(0)
    picked = vectors[rng.choice(len(vectors), n, replace=False)]
    noisy = picked + rng.normal(0, 0.02, size=picked.shape).astype(np.float32)
    return noisy / np.linalg.norm(noisy, axis=1, keepdims=True)


def measure(ids: list[str], vectors: np.ndarray, qs: np.ndarray, m: int, efc: int, efs: int) -> str:
    normed = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    truth = np.argsort(-(qs @ normed.T), axis=1)[:, :10]
    collection = client(tempfile.mkdtemp()).create_collection(
        "recall", embedding_function=None,
        configuration={"hnsw": {"space": "cosine", "max_neighbors": m, "ef_construction": efc, "ef_search": efs}})
    start = time.perf_counter()
    for first in range(0, len(ids), 5000):
        collection.add(ids=ids[first:first + 5000], embeddings=vectors[first:first + 5000].tolist())
    build = time.perf_counter() - start
    hits, start = 0, time.perf_counter()
    for q, best in zip(qs, truth):
        found = collection.query(query_embeddings=[q.tolist()], n_results=10, include=[])["ids"][0]
        hits += len(set(found) & {ids[j] for j in best})
    per_query = (time.perf_counter() - start) / len(qs) * 1000
    return (f"M={m} ef_construction={efc} ef_search={efs}: build {build:.1f} s, "
            f"recall@10 {hits / (10 * len(qs)):.4f}, {per_query:.2f} ms/query")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", type=Path, default=ROOT / ".bench" / "answer-10000")
    parser.add_argument("--limit", type=int, default=20000)
    args = parser.parse_args()
    ids, vectors = load(args.store, args.limit)
    qs = queries(vectors, 300)
    print(f"{len(ids)} vectors of {vectors.shape[1]} dimensions, 300 queries")
    for m, efc, efs in SETTINGS:
        print(measure(ids, vectors, qs, m, efc, efs))


if __name__ == "__main__":
    main()
