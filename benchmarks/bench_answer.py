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


STAGES = ("understand", "embed", "dense", "lexical", "fuse", "compose")


def timed_assistant(assistant):
    """Hook the stage timer in: the retriever times embed, dense, lexical and fuse; the
    understanding step is wrapped here; compose is the rest of each answer (sync, exact and
    extractive answers, citations, wording)."""
    from assistant.timings import StageTimer

    timer = StageTimer()
    snap = assistant.snapshot
    snap.retriever.timer = timer
    understand = snap.understand

    class TimedUnderstander:
        def __getattr__(self, name):
            return getattr(understand, name)

        def __call__(self, *args, **kwargs):
            with timer.stage("understand"):
                return understand(*args, **kwargs)

    assistant.snapshot = type(snap)(snap.catalog, snap.lexical, snap.retriever, TimedUnderstander())
    return timer


def quantiles(values: list[float]) -> tuple[float, float]:
    q = statistics.quantiles(values, n=100)
    return q[49], q[94]


def report(times, kinds, stages) -> None:
    p50, p95 = quantiles(times)
    print(f"{len(times)} questions: p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {max(times):.1f} ms")
    for kind, values in sorted(kinds.items()):
        print(f"  {kind:8} n={len(values):3d} median {statistics.median(values):6.1f} ms")
    print("by stage (mean ms per question; median over the questions that reach it):")
    for name in STAGES:
        values = stages.get(name, [])
        reached = [v for v in values if v > 0]
        print(f"  {name:10} mean {statistics.fmean(values) if values else 0:6.2f}  "
              f"median {statistics.median(reached) if reached else 0:6.2f}  (n={len(reached)})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--commitments", type=int, default=10000)
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument("--workdir", type=Path, default=ROOT / ".bench")
    parser.add_argument("--store", type=Path, help="answer from this existing store (e.g. 150 ingested PDFs); "
                                                     "no index is built")
    parser.add_argument("--embedding-model", help="e.g. fake-hash-64 (the dense side is then not the real model's)")
    args = parser.parse_args()
    from assistant.evaluation.gold import load_gold
    from assistant.factory import build_assistant
    from assistant.settings import Settings
    from vectorstore.store import StampMismatch

    extra = {"embedding_model": args.embedding_model} if args.embedding_model else {}
    settings = Settings(store=args.store or args.workdir / f"answer-{args.commitments}{'-' + args.embedding_model if args.embedding_model else ''}", **extra)
    if not args.store:
        try:
            build_index(settings, args.commitments)
        except StampMismatch:  # built by an older chunker or parser: build it again
            shutil.rmtree(settings.store)
            build_index(settings, args.commitments)
    cached = any((settings.store / "snapshots").glob("*.snapshot"))
    start = time.perf_counter()
    assistant = build_assistant(settings, create=False)
    load_s = time.perf_counter() - start
    catalog = assistant.snapshot.catalog
    if not args.store and len(catalog) < 0.95 * args.commitments:
        raise SystemExit(f"the index holds {len(catalog)} commitments, not {args.commitments}: rebuild it")
    assistant.ask("calentamiento del modelo")
    timer = timed_assistant(assistant)
    qs = questions(catalog, args.questions) + [q.question for q in load_gold()]
    times, kinds, stages = [], {}, {name: [] for name in STAGES}
    for q in qs:
        timer.take()
        answer = assistant.ask(q)
        spent = timer.take()
        times.append(answer.elapsed_ms)
        kinds.setdefault(answer.kind, []).append(answer.elapsed_ms)
        for name in STAGES[:-1]:
            stages[name].append(spent.get(name, 0.0))
        stages["compose"].append(answer.elapsed_ms - sum(spent.values()))
    print(f"index: {len(catalog)} commitments in {len(catalog.reports)} reports "
          f"(embedder {assistant.embedder.name}); start-up (build_assistant, snapshot cache "
          f"{'read' if cached else 'written'}) {load_s:.2f} s; "
          f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    print(f"questions: {args.questions} generated + {len(qs) - args.questions} of the evaluation (tests/gold)")
    report(times, kinds, stages)


if __name__ == "__main__":
    main()
