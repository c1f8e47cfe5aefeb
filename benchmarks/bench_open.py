"""Opening an index (``build_assistant``: catalog, lexical index, understanding) as a new process,
with and without the snapshot cache, interleaved in one run on the same store:

  (a) no cache: rows read from Chroma, BM25 built (what every start did before the cache);
  (b) the cache written by a previous start of the same index version.

The index (about 10,000 commitments from ``ingest.samples``, fake embedder: opening does not
depend on the model) is built once by ``benchmarks/bench_answer.py``'s builder and reused.

    .venv/bin/python benchmarks/bench_open.py [--commitments 10000] [--runs 5] [--store DIR]
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
sys.path.insert(0, str(ROOT))
ENV = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False",
       "ANONYMIZED_TELEMETRY": "False"}

OPEN = """
import json, sys, time
from pathlib import Path
start = time.perf_counter()
from assistant.factory import build_assistant
from assistant.settings import Settings
from assistant.snapshot_cache import SnapshotCache
imported = time.perf_counter()
settings = Settings(store=Path(sys.argv[1]), **({"embedding_model": sys.argv[3]} if sys.argv[3] else {}))
import assistant.factory as factory
if sys.argv[2] == "off":
    factory.SnapshotCache = lambda folder: None
assistant = build_assistant(settings, create=False)
done = time.perf_counter()
print(json.dumps({"imports_s": imported - start, "open_s": done - imported, "rows": len(assistant.snapshot.catalog)}))
"""


def run(store: Path, mode: str, model: str) -> dict:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", OPEN, str(store), mode, model], cwd=ROOT, check=True,
                         capture_output=True, text=True, env={**os.environ, **ENV})
    wall = time.perf_counter() - start  # the whole new process: interpreter, imports, open, exit
    return json.loads(out.stdout.strip().splitlines()[-1]) | {"wall_s": wall}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--commitments", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--store", type=Path, help="an existing store (built with --embedding-model)")
    parser.add_argument("--embedding-model", default="fake-hash-64",
                        help="the store's model; '' for the default (real) model")
    args = parser.parse_args()
    store = args.store or ROOT / ".bench" / f"open-{args.commitments}"
    if not args.store:
        from assistant.settings import Settings
        from bench_answer import build_index

        build_index(Settings(store=store, **({"embedding_model": args.embedding_model} if args.embedding_model else {})),
                    args.commitments)
    run(store, "on", args.embedding_model)  # writes the cache for the current version if it is missing
    results: dict[str, list[dict]] = {"off": [], "on": []}
    for _ in range(args.runs):
        for mode in ("off", "on"):
            results[mode].append(run(store, mode, args.embedding_model))
    rows = results["on"][0]["rows"]
    print(f"{rows} commitments; load average {os.getloadavg()[0]:.1f}; median of {args.runs} new processes:")
    for mode, label in (("off", "no cache (Chroma + BM25 build)"), ("on", "snapshot cache")):
        opens = [r["open_s"] for r in results[mode]]
        imports = [r["imports_s"] for r in results[mode]]
        walls = [r["wall_s"] for r in results[mode]]
        print(f"  {label:32} open {statistics.median(opens):5.2f} s (min {min(opens):.2f}), "
              f"imports before it {statistics.median(imports):.2f} s, "
              f"whole new process {statistics.median(walls):.2f} s")


if __name__ == "__main__":
    main()
