"""Settings: every tunable read from its ASSISTANT_* variable into its section, defaults defined
once (in the records the code is built with), and every bad value refused by ``load_settings``
with one Spanish line before anything loads (app.py: exit 2)."""
from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import fields

import pytest

from assistant.config import ANSWER_ROWS, LlmConfig, Relevance, RetrievalConfig
from assistant.settings import ConfigError, Settings, load_settings
from ingest.ocr.options import OcrOptions
from tests.conftest import PROJECT

# (environment variable, value, the section attribute it must reach, the value expected there)
READ = [
    ("ASSISTANT_K", "7", lambda s: s.k, 7),
    ("ASSISTANT_DENSE_WEIGHT", "0.3", lambda s: s.retrieval.dense_weight, 0.3),
    ("ASSISTANT_LEXICAL_WEIGHT", "0.5", lambda s: s.retrieval.lexical_weight, 0.5),
    ("ASSISTANT_COVERAGE_WEIGHT", "0.2", lambda s: s.retrieval.coverage_weight, 0.2),
    ("ASSISTANT_STATUS_WEIGHT", "0.05", lambda s: s.retrieval.status_weight, 0.05),
    ("ASSISTANT_REFERENCE_WEIGHT", "0.4", lambda s: s.retrieval.reference_weight, 0.4),
    ("ASSISTANT_DEPTH", "60", lambda s: s.retrieval.depth, 60),
    ("ASSISTANT_DENSE_SCALE", "[0.3, 0.9]", lambda s: s.retrieval.dense_scale, (0.3, 0.9)),
    ("ASSISTANT_MIN_COVERAGE", "0.6", lambda s: s.relevance.min_coverage, 0.6),
    ("ASSISTANT_MIN_SIMILARITY", "0.8", lambda s: s.relevance.min_similarity, 0.8),
    ("ASSISTANT_OCR_LANGUAGES", "spa+eng", lambda s: s.ocr.languages, "spa+eng"),
    ("ASSISTANT_OCR_DPI", "200", lambda s: s.ocr.dpi, 200),
    ("ASSISTANT_LLM_BACKEND", "ollama", lambda s: s.llm.backend, "ollama"),
    ("ASSISTANT_LLM_TEMPERATURE", "0.5", lambda s: s.llm.temperature, 0.5),
    ("ASSISTANT_EMBEDDING_BACKEND", "onnx", lambda s: s.embedding_backend, "onnx"),
    ("ASSISTANT_EMBEDDING_BATCH_SIZE", "32", lambda s: s.embedding_batch_size, 32),
    ("ASSISTANT_HNSW_EF_SEARCH", "64", lambda s: s.hnsw_ef_search, 64),
    ("ASSISTANT_PORT", "8123", lambda s: s.port, 8123),
]


@pytest.mark.parametrize("name, value, read, expected", READ, ids=[r[0] for r in READ])
def test_each_variable_reaches_its_section(monkeypatch, name, value, read, expected):
    monkeypatch.setenv(name, value)
    assert read(load_settings()) == expected


def test_the_sections_defaults_are_the_records_defaults():
    """One definition of each default: an unset environment gives the records' own defaults."""
    s = load_settings()
    assert s.retrieval == RetrievalConfig()
    assert s.relevance == Relevance()
    assert s.ocr == OcrOptions()
    assert s.llm == LlmConfig()
    assert s.k == ANSWER_ROWS and s.login is None


def test_every_retrieval_and_relevance_field_is_configurable():
    """A field added to a record but not to Settings would be silently fixed at its default."""
    flat = set(Settings.model_fields)
    assert {f.name for f in fields(RetrievalConfig)} <= flat
    assert {f.name for f in fields(Relevance)} <= flat


def test_explicit_overrides_win_and_none_is_ignored(monkeypatch, tmp_path):
    monkeypatch.setenv("ASSISTANT_PORT", "9000")
    assert load_settings(port=9100).port == 9100
    assert load_settings(port=None).port == 9000


# (environment, words the one-line Spanish message must hold)
REFUSED = [
    ({"ASSISTANT_AUTH_USER": "ana"}, ["ASSISTANT_AUTH_USER y ASSISTANT_AUTH_PASSWORD deben definirse juntos"]),
    ({"ASSISTANT_AUTH_PASSWORD": "x"}, ["ASSISTANT_AUTH_USER y ASSISTANT_AUTH_PASSWORD deben definirse juntos"]),
    ({"ASSISTANT_DENSE_WEIGHT": "1.5"}, ["ASSISTANT_DENSE_WEIGHT debe ser a lo más 1", "'1.5'"]),
    ({"ASSISTANT_LEXICAL_WEIGHT": "-0.1"}, ["ASSISTANT_LEXICAL_WEIGHT debe ser al menos 0"]),
    ({"ASSISTANT_COVERAGE_WEIGHT": "2"}, ["ASSISTANT_COVERAGE_WEIGHT debe ser a lo más 1"]),
    ({"ASSISTANT_STATUS_WEIGHT": "-1"}, ["ASSISTANT_STATUS_WEIGHT debe ser al menos 0"]),
    ({"ASSISTANT_REFERENCE_WEIGHT": "3"}, ["ASSISTANT_REFERENCE_WEIGHT debe ser a lo más 1"]),
    ({"ASSISTANT_DENSE_WEIGHT": "0", "ASSISTANT_LEXICAL_WEIGHT": "0", "ASSISTANT_COVERAGE_WEIGHT": "0"},
     ["no pueden ser todos 0"]),
    ({"ASSISTANT_MIN_COVERAGE": "1.2"}, ["ASSISTANT_MIN_COVERAGE debe ser a lo más 1"]),
    ({"ASSISTANT_MIN_SIMILARITY": "-0.5"}, ["ASSISTANT_MIN_SIMILARITY debe ser al menos 0"]),
    ({"ASSISTANT_DENSE_SCALE": "[0.9, 0.3]"}, ["ASSISTANT_DENSE_SCALE", "0 <= bajo < alto <= 1"]),
    ({"ASSISTANT_DENSE_SCALE": "[0.3, 1.5]"}, ["ASSISTANT_DENSE_SCALE", "0 <= bajo < alto <= 1"]),
    ({"ASSISTANT_DENSE_SCALE": "[0.3]"}, ["ASSISTANT_DENSE_SCALE debe ser un par JSON"]),
    ({"ASSISTANT_DENSE_SCALE": "0.3"}, ["ASSISTANT_DENSE_SCALE"]),
    ({"ASSISTANT_DEPTH": "0"}, ["ASSISTANT_DEPTH debe ser mayor que 0"]),
    ({"ASSISTANT_DEPTH": "muchos"}, ["ASSISTANT_DEPTH debe ser un número entero", "'muchos'"]),
    ({"ASSISTANT_K": "0"}, ["ASSISTANT_K debe ser mayor que 0"]),
    ({"ASSISTANT_OCR_DPI": "50"}, ["ASSISTANT_OCR_DPI debe ser al menos 100"]),
    ({"ASSISTANT_OCR_LANGUAGES": "spa eng"}, ["ASSISTANT_OCR_LANGUAGES no tiene la forma esperada"]),
    ({"ASSISTANT_EMBEDDING_BACKEND": "gpu"}, ["ASSISTANT_EMBEDDING_BACKEND debe ser uno de", "'onnx-int8'"]),
    ({"ASSISTANT_EMBEDDING_BATCH_SIZE": "0"}, ["ASSISTANT_EMBEDDING_BATCH_SIZE debe ser mayor que 0"]),
    ({"ASSISTANT_LLM_TEMPERATURE": "5"}, ["ASSISTANT_LLM_TEMPERATURE debe ser a lo más 2"]),
    ({"ASSISTANT_PORT": "70000"}, ["ASSISTANT_PORT debe ser menor que 65536"]),
    ({"ASSISTANT_CONCURRENCY": "0"}, ["ASSISTANT_CONCURRENCY debe ser mayor que 0"]),
    ({"ASSISTANT_K": "0", "ASSISTANT_DEPTH": "0"}, ["ASSISTANT_K", "; ASSISTANT_DEPTH"]),  # all at once
]


@pytest.mark.parametrize("env, words", REFUSED, ids=[",".join(e) + f"={list(e.values())}" for e, _ in REFUSED])
def test_bad_settings_are_refused_in_one_spanish_line(monkeypatch, env, words):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    message = str(caught.value)
    assert message.startswith("configuración no válida: ") and "\n" not in message
    for word in words:
        assert word in message, message
    assert " or " not in message and "Input should" not in message  # pydantic's English is translated


def test_a_whole_login_pair_is_accepted(monkeypatch):
    monkeypatch.setenv("ASSISTANT_AUTH_USER", "ana")
    monkeypatch.setenv("ASSISTANT_AUTH_PASSWORD", "x")
    assert load_settings().login == ("ana", "x")


def test_app_refuses_a_half_login_before_building_anything(monkeypatch, capsys):
    import app
    import assistant.factory

    def never(*_, **__):
        raise AssertionError("the assistant was built despite a bad setting")

    monkeypatch.setattr(assistant.factory, "build_assistant", never)
    monkeypatch.setenv("ASSISTANT_AUTH_PASSWORD", "x")
    assert app.main([]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "error: configuración no válida: ASSISTANT_AUTH_USER y ASSISTANT_AUTH_PASSWORD deben definirse juntos"]


@pytest.mark.slow
def test_app_stops_on_a_half_login_before_loading_anything(tmp_path):
    """One line on stderr, exit 2, and neither Gradio nor the model was imported (it returns
    in the time of a bare interpreter and pydantic, not of gradio + torch)."""
    probe = ("import sys, app; rc = app.main([]); "
             "print(sorted(m for m in ('gradio', 'torch', 'chromadb', 'sentence_transformers') if m in sys.modules)); "
             "sys.exit(rc)")
    env = {"PATH": "/usr/bin:/bin", "ASSISTANT_AUTH_USER": "ana", "ASSISTANT_STORE": str(tmp_path / "s"),
           "HF_HUB_OFFLINE": "1"}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", probe], cwd=PROJECT, env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines() == [
        "error: configuración no válida: ASSISTANT_AUTH_USER y ASSISTANT_AUTH_PASSWORD deben definirse juntos"]
    assert done.stdout.strip() == "[]"  # nothing heavy was imported
    assert time.perf_counter() - start < 30


# (module whose main is called, its arguments): both CLIs refuse a bad setting like app.py
CLIS = [("ingest.__main__", ["--list"]), ("ingest.__main__", ["informe.txt"]),
        ("assistant.__main__", ["ask", "¿Qué compromisos fueron cancelados?"])]


@pytest.mark.parametrize("module, argv", CLIS, ids=[" ".join([m.split(".")[0], *a[:1]]) for m, a in CLIS])
def test_the_clis_refuse_a_bad_setting_in_one_line_with_exit_2(monkeypatch, capsys, tmp_path, module, argv):
    import importlib

    monkeypatch.setenv("ASSISTANT_DEPTH", "0")
    monkeypatch.chdir(tmp_path)
    assert importlib.import_module(module).main(argv) == 2
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        "error: configuración no válida: ASSISTANT_DEPTH debe ser mayor que 0 (se indicó: '0')"]
    assert out == "" and not (tmp_path / "store").exists()
