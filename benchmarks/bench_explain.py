"""The fuse stage explains each candidate row against the question (``BM25Index.explain``):
80 candidates over 5,000 documents, with the question's analysis remembered (now) and redone
for every candidate (before), interleaved in one run.

    .venv/bin/python benchmarks/bench_explain.py
"""
from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant import lexical  # noqa: E402


def main() -> None:
    rng = random.Random(1)
    words = [f"palabra{i}" for i in range(3000)] + ["evaluación", "impacto", "programa", "cumplido"]
    index = lexical.BM25Index()
    for d in range(5000):
        index.add(f"d{d}", " ".join(rng.choice(words) for _ in range(120)))
    ids = [f"d{i}" for i in range(80)]
    remembered = lexical._query_terms
    redone = remembered.__wrapped__
    times = {"before (analyzed per candidate)": [], "now (analyzed once)": []}
    for run in range(30):
        question = f"¿Por qué se canceló la evaluación de impacto del programa palabra{run} palabra{run + 7}?"
        for label, terms in zip(times, (redone, remembered)):
            lexical._query_terms = terms
            start = time.perf_counter()
            for doc in ids:
                index.explain(question, doc)
            times[label].append((time.perf_counter() - start) * 1000)
    lexical._query_terms = remembered
    for label, values in times.items():
        print(f"{label:32} 80 explains: median {statistics.median(values):.2f} ms")


if __name__ == "__main__":
    main()
