"""Shared fixtures. Every test gets its own store folder; the user's ./data is never touched."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

PROJECT = Path(__file__).resolve().parents[1]
CORPUS = PROJECT.parent / "shared" / "corpus"
REAL_REPORT = CORPUS / "informe_egreso_redes_pro_rubro.txt"


@pytest.fixture(autouse=True)
def _isolated_store(tmp_path, monkeypatch):
    for name in list(os.environ):
        if name.startswith("ASSISTANT_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("ASSISTANT_STORE", str(tmp_path / "store"))


@pytest.fixture
def real_report_path() -> Path:
    if not REAL_REPORT.exists():
        pytest.skip(f"../shared/corpus not found ({REAL_REPORT}): the real report is not available here")
    return REAL_REPORT


@pytest.fixture
def fake_embedder():
    from vectorstore.embeddings import FakeEmbedder

    return FakeEmbedder()


@pytest.fixture(scope="session")
def real_embedder():
    from vectorstore.embeddings import SentenceTransformerEmbedder

    embedder = SentenceTransformerEmbedder()
    embedder.warm_up()
    return embedder


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory) -> int:
    """One real ``chroma run`` on loopback for the session (integration tests only); its port."""
    from tests.helpers import chroma_server_process

    with chroma_server_process(tmp_path_factory.mktemp("chroma-server")) as port:
        yield port
