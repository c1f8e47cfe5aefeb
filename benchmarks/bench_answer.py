"""Answer latency with the default (extractive) answerer on an index of about 10,000 commitments.

    .venv/bin/python benchmarks/bench_answer.py [--commitments 10000] [--workdir .bench]

The index is built once from generated reports (chunked and embedded with the real model, no
PDF rendering: this measures answering, not parsing) and reused on later runs. Questions mix
look-ups, why-questions, English, lists, counts, header facts and out-of-scope ones.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import resource
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def build_index(settings, target: int) -> None:
    from ingest.chunking import chunk_report
    from ingest.records import replace
    from ingest.samples import generate_reports
    from assistant.stores import build_embedder, open_index

    embedder = build_embedder(settings)
    index = open_index(settings, embedder)
    if index.headers():
        return
    reports, rows = [], 0
    n = max(10, target // 7)
    while rows < target:
        reports = generate_reports(n, seed=99)
        rows = sum(len(r.commitments) for r in reports)
        n = int(n * target / max(rows, 1)) + 5
    start = time.perf_counter()
    for first in range(0, len(reports), 100):  # embed 100 reports' chunks in one batch, then commit
        prepared = []
        for i, report in enumerate(reports[first:first + 100], first):
            sha = hashlib.sha256(f"{i}:{report.program}".encode()).hexdigest()
            report = replace(report, sha256=sha, pages=3)
            prepared.append(chunk_report(report, max_tokens=embedder.max_tokens, count=embedder.count_tokens))
        embedder.embed([c.text for header, chunks in prepared for c in [header, *chunks]])
        for header, chunks in prepared:
            index.write_report(header, chunks)
        print(f"  indexed {first + len(prepared)}/{len(reports)} reports ({time.perf_counter() - start:.0f} s)",
              file=sys.stderr)


def questions(catalog, count: int) -> list[str]:
    rng = random.Random(5)
    infos = list(catalog.reports.values())
    rows = list(catalog.rows.values())
    fixed = ["¿Qué compromisos quedaron cancelados?", "¿Cuántos compromisos no cumplidos hay?",
             "¿Cuál es la capital de Francia?", "Why was the impact evaluation cancelled?"]
    out = list(fixed)
    while len(out) < count:
        kind = rng.randrange(5)
        info, row = rng.choice(infos), rng.choice(rows)
        words = row.record.compliance_text.split()
        if kind == 0:
            out.append(f"¿Por qué el compromiso de {' '.join(row.record.commitment_text.split()[1:9])} quedó {row.status.lower()}?")
        elif kind == 1:
            out.append(f"¿Qué se informó sobre {' '.join(words[3:10])}?")
        elif kind == 2:
            out.append(f"¿Cuándo egresó el {info.program}?")
        elif kind == 3:
            out.append(f"¿Qué compromisos del {info.program} quedaron cancelados?")
        else:
            out.append(f"¿Qué medios de verificación respaldan {' '.join(words[:8])}?")
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--commitments", type=int, default=10000)
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument("--workdir", type=Path, default=ROOT / ".bench")
    args = parser.parse_args()
    from assistant.factory import build_assistant
    from assistant.settings import Settings
    from vectorstore.store import StampMismatch

    settings = Settings(store=args.workdir / f"answer-{args.commitments}")
    try:
        build_index(settings, args.commitments)
    except StampMismatch:  # built by an older chunker or parser: build it again
        shutil.rmtree(settings.store)
        build_index(settings, args.commitments)
    start = time.perf_counter()
    assistant = build_assistant(settings)
    load_s = time.perf_counter() - start
    catalog = assistant.snapshot.catalog
    if len(catalog) < 0.95 * args.commitments:
        raise SystemExit(f"the index holds {len(catalog)} commitments, not {args.commitments}: rebuild it")
    assistant.ask("calentamiento del modelo")
    qs = questions(assistant.snapshot.catalog, args.questions)
    times, kinds = [], {}
    for q in qs:
        answer = assistant.ask(q)
        times.append(answer.elapsed_ms)
        kinds.setdefault(answer.kind, []).append(answer.elapsed_ms)
    q = statistics.quantiles(times, n=100)
    print(f"index: {len(assistant.snapshot.catalog)} commitments in {len(assistant.snapshot.catalog.reports)} reports; "
          f"startup (catalog + BM25) {load_s:.1f} s; peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    print(f"{len(times)} questions: p50 {q[49]:.1f} ms, p95 {q[94]:.1f} ms, max {max(times):.1f} ms")
    for kind, values in sorted(kinds.items()):
        print(f"  {kind:8} n={len(values):3d} median {statistics.median(values):6.1f} ms")


if __name__ == "__main__":
    main()
