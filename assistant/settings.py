"""The one settings object. Loaded at the edges (app.py, the CLIs, ``assistant.factory``) and
passed down as its sections; no other module reads ``os.environ`` or ``Settings``.

Every field is read from ``ASSISTANT_<FIELD>`` (``ASSISTANT_K``, ``ASSISTANT_DENSE_WEIGHT``...);
a tuple such as ``dense_scale`` is written as JSON (``ASSISTANT_DENSE_SCALE='[0.3, 0.9]'``).
Defaults are not written here but taken from the records the code is built with
(``assistant.config``, ``ingest.ocr.options``), so each is defined once. ``load_settings``
checks everything (ranges, the login pair) and raises one ``ConfigError`` in Spanish before
anything heavy loads.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from ingest.ocr.options import OcrOptions
from vectorstore.embeddings import PACKAGED_MODEL
from .config import ANSWER_ROWS, MAX_QUESTION_CHARS, LlmConfig, Relevance, RetrievalConfig

_R, _REL, _OCR, _LLM = RetrievalConfig, Relevance, OcrOptions, LlmConfig  # their class attributes are the defaults
WEIGHT = dict(ge=0.0, le=1.0)


def default_model_cache() -> Path:
    """Where the ONNX export of the embedding model lives unless ``ASSISTANT_MODEL_CACHE`` says:
    one per user (``$XDG_CACHE_HOME/informes-egreso/models``, else ``~/.cache/...``), shared by
    every store, so that it is exported once per machine (``make install`` does it)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "informes-egreso" / "models"


class ConfigError(ValueError):
    """The configuration cannot be used; the message (Spanish, one line) names each bad variable."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="forbid", frozen=True)

    # Storage
    store: Path = Field(Path("data"), description="Folder of the embedded Chroma store and source copies")
    chroma_host: str | None = Field(None, description="Chroma server host; unset = embedded store")
    chroma_port: int = Field(8000, gt=0, lt=65536)
    collection: str = "informes"
    lock_timeout_s: float = Field(600.0, gt=0, description="how long a write waits for another process's write")
    # Measured on 20,000 stored vectors against brute force (README, "Benchmarks"): recall@10 >= 0.999
    # with these; M=32/ef_construction=200 reached 1.0000 but builds 60 % slower.
    hnsw_ef_construction: int = Field(100, gt=0)
    hnsw_ef_search: int = Field(128, gt=0)
    hnsw_m: int = Field(16, gt=0)

    # Embeddings
    embedding_model: str = Field(
        PACKAGED_MODEL,
        description="sentence-transformers model name or folder; the default is the model packaged on PyPI",
    )
    embedding_batch_size: int = Field(16, gt=0)  # measured: 16 embeds ~10% faster than 64 on 2 CPU cores
    embedding_max_tokens: int = Field(256, gt=0)
    embedding_backend: Literal["torch", "onnx", "onnx-int8"] = Field(
        "onnx", description="onnx (ONNX Runtime, the default: same vectors as torch within 3e-7, no torch at "
                            "query time, 1.4x faster), torch (sentence-transformers) or onnx-int8 (quantised: "
                            "faster, other vectors, another index)")
    model_cache: Path = Field(default_factory=default_model_cache,
                              description="folder of the ONNX exports of the embedding model (made once, from "
                                          "the PyTorch weights, then shared by every store)")
    embedding_threads: int | None = Field(None, gt=0, description="ONNX Runtime threads; unset = up to 2 cores")

    # Reading (ingest): section ``settings.ocr``
    parse_timeout_s: float = Field(60.0, gt=0, description="a file whose parse shows no progress (no page read) "
                                                           "for this long is stopped and rejected")
    ocr_languages: str = Field(_OCR.languages, pattern=r"^[a-z_]+(\+[a-z_]+)*$",
                               description="Tesseract languages for scanned pages, e.g. 'spa' or 'spa+eng'")
    ocr_dpi: int = Field(_OCR.dpi, ge=100, le=600, description="resolution scanned pages are rendered at for OCR")

    # Retrieval: section ``settings.retrieval`` (k apart: rows per answer)
    k: int = Field(ANSWER_ROWS, gt=0, le=50)
    dense_weight: float = Field(_R.dense_weight, **WEIGHT)
    lexical_weight: float = Field(_R.lexical_weight, **WEIGHT)
    coverage_weight: float = Field(_R.coverage_weight, **WEIGHT)
    status_weight: float = Field(_R.status_weight, **WEIGHT)
    reference_weight: float = Field(_R.reference_weight, **WEIGHT)
    dense_scale: tuple[float, float] = Field(_R.dense_scale, description="cosine similarities mapped to 0..1 "
                                                                         "between these two (JSON pair)")
    depth: int = Field(_R.depth, gt=0, le=1000, description="candidates taken from each side (dense, lexical)")

    # Relevance: section ``settings.relevance``
    min_coverage: float = Field(_REL.min_coverage, **WEIGHT,
                                description="idf-weighted share of the question's terms the best row must hold")
    min_similarity: float = Field(_REL.min_similarity, **WEIGHT,
                                  description="or the cosine similarity the best row must reach")

    # Answering: section ``settings.llm``
    llm_backend: Literal["extractive", "ollama", "openai", "llamacpp"] = _LLM.backend
    llm_model: str = _LLM.model
    llm_base_url: str | None = _LLM.base_url
    llm_api_key: str | None = _LLM.api_key
    llm_gguf_path: Path | None = _LLM.gguf_path
    llm_temperature: float = Field(_LLM.temperature, ge=0.0, le=2.0)
    llm_timeout_s: float = Field(_LLM.timeout_s, gt=0)

    # App
    host: str = "127.0.0.1"
    port: int = Field(7860, gt=0, lt=65536)
    auth_user: str | None = None
    auth_password: str | None = None
    max_upload_mb: int = Field(25, gt=0, description="largest file accepted, in the app and by python -m ingest")
    max_question_chars: int = Field(MAX_QUESTION_CHARS, gt=0, description="longest question accepted (app, API, CLI)")
    concurrency: int = Field(4, gt=0)

    @model_validator(mode="after")
    def _coherent(self) -> "Settings":
        if bool(self.auth_user) != bool(self.auth_password):
            raise ValueError("ASSISTANT_AUTH_USER y ASSISTANT_AUTH_PASSWORD deben definirse juntos")
        low, high = self.dense_scale
        if not 0.0 <= low < high <= 1.0:
            raise ValueError(f"ASSISTANT_DENSE_SCALE debe ser un par [bajo, alto] con 0 <= bajo < alto <= 1 "
                             f"(se indicó: [{low}, {high}])")
        if self.dense_weight + self.lexical_weight + self.coverage_weight == 0:
            raise ValueError("ASSISTANT_DENSE_WEIGHT, ASSISTANT_LEXICAL_WEIGHT y ASSISTANT_COVERAGE_WEIGHT "
                             "no pueden ser todos 0")
        return self

    # -- sections: the typed records the edges pass down -------------------------------------
    @property
    def retrieval(self) -> RetrievalConfig:
        return RetrievalConfig(dense_weight=self.dense_weight, lexical_weight=self.lexical_weight,
                               coverage_weight=self.coverage_weight, status_weight=self.status_weight,
                               reference_weight=self.reference_weight, dense_scale=self.dense_scale,
                               depth=self.depth)

    @property
    def relevance(self) -> Relevance:
        return Relevance(min_coverage=self.min_coverage, min_similarity=self.min_similarity)

    @property
    def ocr(self) -> OcrOptions:
        return OcrOptions(languages=self.ocr_languages, dpi=self.ocr_dpi)

    @property
    def llm(self) -> LlmConfig:
        return LlmConfig(backend=self.llm_backend, model=self.llm_model, base_url=self.llm_base_url,
                         api_key=self.llm_api_key, gguf_path=self.llm_gguf_path,
                         temperature=self.llm_temperature, timeout_s=self.llm_timeout_s)

    @property
    def login(self) -> tuple[str, str] | None:
        """The login pair, or None for an open app (half a pair never validates)."""
        return (self.auth_user, self.auth_password) if self.auth_user else None


def load_settings(**overrides) -> Settings:
    """Build settings from the environment, with explicit (CLI) overrides winning. Raises
    ``ConfigError`` naming every bad variable, in Spanish, on one line."""
    clean = {k: v for k, v in overrides.items() if v is not None}
    try:
        return Settings(**clean)
    except ValidationError as exc:
        raise ConfigError("configuración no válida: " + "; ".join(_explain(e) for e in exc.errors())) from None


_MESSAGES = {
    "greater_than": "debe ser mayor que {gt}",
    "greater_than_equal": "debe ser al menos {ge}",
    "less_than": "debe ser menor que {lt}",
    "less_than_equal": "debe ser a lo más {le}",
    "int_parsing": "debe ser un número entero",
    "int_from_float": "debe ser un número entero",
    "float_parsing": "debe ser un número",
    "bool_parsing": "debe ser verdadero o falso",
    "literal_error": "debe ser uno de {expected}",
    "string_pattern_mismatch": "no tiene la forma esperada",
    "tuple_type": "debe ser un par JSON, p. ej. [0.35, 0.85]",
    "too_short": "debe ser un par JSON, p. ej. [0.35, 0.85]",
    "missing": "debe ser un par JSON, p. ej. [0.35, 0.85]",  # only a tuple item can be missing
    "too_long": "debe ser un par JSON, p. ej. [0.35, 0.85]",
    "json_invalid": "no es JSON válido",
    "extra_forbidden": "no es una opción conocida",
}


def _explain(error: dict) -> str:
    """One pydantic error as «ASSISTANT_NAME debe ... (se indicó: value)»."""
    if error["type"] == "value_error":  # from _coherent: already a whole sentence
        return str(error["ctx"]["error"])
    name = "ASSISTANT_" + str(error["loc"][0]).upper() if error["loc"] else "ASSISTANT_*"
    template = _MESSAGES.get(error["type"])
    ctx = {key: str(value).replace(" or ", " o ") for key, value in error.get("ctx", {}).items()}
    text = template.format(**ctx) if template else f"no es válido ({error['msg']})"
    given = error.get("input")
    return f"{name} {text}" + (f" (se indicó: {given!r})" if isinstance(given, (str, int, float)) else "")
