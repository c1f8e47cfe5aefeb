"""Micro benchmark of ``assistant.lexical.BM25Index``: build time and query latency.

Builds an index of synthetic report rows (default 10,000 documents of ~150 words drawn from
a Spanish report vocabulary, Zipf-like) and times a set of typical questions.

    .venv/bin/python benchmarks/bench_lexical.py [--docs 10000] [--words 150]
"""
from __future__ import annotations

import argparse
import random
import statistics
import time

from assistant.lexical import BM25Index

VOCABULARY = """
programa compromiso recomendación cumplimiento calificación cumplido cancelado parcialmente
informe egreso ministerio servicio instituto desarrollo agropecuario agricultura evaluación
diseño rediseño marco lógico indicadores matriz usuarios beneficiarios redes rubro asociatividad
empresas asociativas campesinas individuales fomento emprendimientos organizaciones económicas
productivas incubación intermediario mercado exportación enfoque género proveedor territorial
cliente instrumento permanecer años minuta explicativa justificaciones documento validado
presupuesto gasto administración eficiencia eficacia cobertura focalización población objetivo
seguimiento monitoreo sistema información metas componentes actividades producción capital
humano financiamiento calidad acceso mercados plan negocios articulación integralidad servicio
estudio diagnóstico encuesta satisfacción resultados intermedios finales propósito fin
""".split()
FILLER = "el la de del en y a los las se que por con para una un al lo como".split()
QUESTIONS = [
    "¿Por qué se canceló el programa de Asociatividad?",
    "enfoque de género en el diseño del programa",
    "¿Cuántos años puede permanecer cada cliente del instrumento?",
    "programa compromiso cumplimiento",  # the most common words: worst case
    "minuta explicativa redes por rubro 2009",
    "capital de Francia",  # nothing indexed
]


def synthetic_docs(n: int, words: int, seed: int = 7) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    weights = [1.0 / (rank + 1) for rank in range(len(VOCABULARY))]
    docs = []
    for i in range(n):
        content = rng.choices(VOCABULARY, weights=weights, k=words * 2 // 3)
        filler = rng.choices(FILLER, k=words - len(content))
        tokens = content + filler + [str(rng.randint(2000, 2015))]
        rng.shuffle(tokens)
        docs.append((f"doc-{i:05d}", " ".join(tokens)))
    return docs


def time_queries(index: BM25Index, repeats: int, k: int) -> dict[str, float]:
    """Median milliseconds per question."""
    results = {}
    for question in QUESTIONS:
        index.search(question, k)  # warm the lazy arrays
        samples = []
        for _ in range(repeats):
            start = time.perf_counter()
            index.search(question, k)
            samples.append((time.perf_counter() - start) * 1000)
        results[question] = statistics.median(samples)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--words", type=int, default=150)
    parser.add_argument("--repeats", type=int, default=50)
    parser.add_argument("-k", type=int, default=20)
    args = parser.parse_args()

    docs = synthetic_docs(args.docs, args.words)
    index = BM25Index()
    start = time.perf_counter()
    index.add_many(docs)
    build = time.perf_counter() - start
    print(f"built {len(index)} docs of ~{args.words} words in {build:.2f} s")
    for question, ms in time_queries(index, args.repeats, args.k).items():
        print(f"{ms:7.3f} ms  {question}")
    allowed = {doc_id for doc_id, _ in docs[::10]}
    start = time.perf_counter()
    index.search(QUESTIONS[3], args.k, allowed=allowed)
    print(f"{(time.perf_counter() - start) * 1000:7.3f} ms  common words, allowed set of {len(allowed)} ids")
    start = time.perf_counter()
    index.search(QUESTIONS[3], args.k, allowed=lambda d: d.endswith("7"))
    print(f"{(time.perf_counter() - start) * 1000:7.3f} ms  common words, predicate keeping 10%")


if __name__ == "__main__":
    main()
