"""An embedder on ONNX Runtime and the HF ``tokenizers`` library alone.

Same vectors as ``SentenceTransformerEmbedder`` (within float rounding, held by
tests/test_onnx_embedder.py) without importing torch, transformers or sentence-transformers at
query time; the one-time export (``vectorstore.onnx_export``) needs torch, once per model content.

Thread safety: the ONNX Runtime session is safe to run from several threads. The two
``tokenizers.Tokenizer`` objects (one truncating at ``max_tokens`` for embedding, one not
truncating for ``count_tokens``) are configured once in ``warm_up()`` and never mutated
afterwards; padding is done per batch in numpy, not by the tokenizer, so no call changes shared
state. The lock only guards loading.
"""
from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from .onnx_export import OUTPUT_NAME, OnnxArtifacts, OnnxExportError, export_onnx, find_export, quantized_model

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Loaded:
    session: Any  # onnxruntime.InferenceSession
    embed_tokenizer: Any  # tokenizers.Tokenizer, truncating at max_tokens
    count_tokenizer: Any  # tokenizers.Tokenizer, not truncating
    pad_id: int
    input_names: tuple[str, ...]
    dimension: int


class OnnxEmbedder:
    """Implements the ``Embedder`` protocol; nothing loads before ``warm_up()`` or first use.

    ``model_path`` is the model's folder (resolve the packaged name first); ``cache_dir`` holds
    the exports (``<store>/models`` suits). ``export_missing=False`` turns a missing export into
    an error instead of exporting it (which imports torch).
    """

    def __init__(self, model_path: str | Path, *, cache_dir: str | Path, name: str | None = None,
                 batch_size: int = 16, max_tokens: int = 256, threads: int | None = None,
                 quantized: bool = False, export_missing: bool = True) -> None:
        self.backend = "onnx-int8" if quantized else "onnx"
        self.name = name or f"{Path(model_path).name}+{self.backend}"
        self.model_path = Path(model_path)
        self.cache_dir = Path(cache_dir)
        self.batch_size = batch_size
        self.max_tokens = max_tokens
        self.threads = threads
        self.quantized = quantized
        self.export_missing = export_missing
        self.artifacts: OnnxArtifacts | None = None
        self._loaded: _Loaded | None = None
        self._fingerprint: str | None = None
        self._lock = threading.Lock()

    def warm_up(self) -> "OnnxEmbedder":
        with self._lock:
            if self._loaded is None:
                self._loaded = self._load()
        return self

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        if not texts:
            return []
        import numpy as np

        loaded = self._ready()
        encodings = loaded.embed_tokenizer.encode_batch(list(texts))
        order = sorted(range(len(encodings)), key=lambda i: -len(encodings[i].ids))  # little padding
        out = np.empty((len(encodings), loaded.dimension), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            batch = order[start:start + self.batch_size]
            feeds = _padded([encodings[i] for i in batch], loaded.pad_id, loaded.input_names)
            out[batch] = loaded.session.run([OUTPUT_NAME], feeds)[0]
        return out.tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed([text])[0]

    def count_tokens(self, text: str) -> int:
        return len(self._ready().count_tokenizer.encode(text).ids)

    def fingerprint(self) -> str:
        """The model folder's content hash, the same one the PyTorch embedder records (fp32
        vectors are the same vectors; the int8 ones differ by name, see ``vectorstore.factory``)."""
        if self._fingerprint is None:
            from .embeddings import remembered_folder_fingerprint

            self._fingerprint = remembered_folder_fingerprint(self.model_path, self.cache_dir / "fingerprints")
        return self._fingerprint

    def dimension(self) -> int:
        return self._ready().dimension

    def _ready(self) -> _Loaded:
        return self._loaded if self._loaded is not None else self.warm_up()._loaded

    def _load(self) -> _Loaded:
        artifacts = self._artifacts()
        session = _session(quantized_model(artifacts) if self.quantized else artifacts.model, self.threads)
        self.max_tokens = min(self.max_tokens, artifacts.meta.max_tokens)
        embed_tokenizer, count_tokenizer, pad_id = _tokenizers(artifacts.tokenizer, self.max_tokens)
        self.artifacts = artifacts
        log.info("loaded ONNX embedder %s from %s", self.name, artifacts.folder)
        return _Loaded(session, embed_tokenizer, count_tokenizer, pad_id=pad_id,
                       input_names=artifacts.meta.input_names, dimension=artifacts.meta.dimension)

    def _artifacts(self) -> OnnxArtifacts:
        artifacts = find_export(self.model_path, self.cache_dir)
        if artifacts is not None:
            return artifacts
        if not self.export_missing:
            raise OnnxExportError(f"No hay exportación ONNX del modelo {self.model_path} en {self.cache_dir}: "
                                  "expórtelo primero (vectorstore.onnx_export.export_onnx).")
        return export_onnx(self.model_path, self.cache_dir)


def _session(model_file: Path, threads: int | None):
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads or min(2, os.cpu_count() or 1)
    options.inter_op_num_threads = 1
    # Threads sleep between runs instead of spinning: spinning burns the cores the rest of the
    # app (and, under load, other processes) needs, for a gain of a few ms at best.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    return onnxruntime.InferenceSession(str(model_file), options, providers=["CPUExecutionProvider"])


def _tokenizers(path: Path, max_tokens: int):
    """(embedding tokenizer truncating at max_tokens, counting tokenizer, pad id), configured
    here once and never changed afterwards; neither pads (``_padded`` does, per batch)."""
    from tokenizers import Tokenizer

    embed_tokenizer = Tokenizer.from_file(str(path))
    padding = embed_tokenizer.padding
    embed_tokenizer.no_padding()
    embed_tokenizer.enable_truncation(max_length=max_tokens)
    count_tokenizer = Tokenizer.from_file(str(path))
    count_tokenizer.no_padding()
    count_tokenizer.no_truncation()
    return embed_tokenizer, count_tokenizer, padding["pad_id"] if padding else 0


def _padded(encodings, pad_id: int, input_names: Sequence[str]) -> dict:
    """The graph's int64 inputs for one batch, right-padded to its longest encoding."""
    import numpy as np

    width = max(len(e.ids) for e in encodings)
    ids = np.full((len(encodings), width), pad_id, dtype=np.int64)
    mask = np.zeros((len(encodings), width), dtype=np.int64)
    types = np.zeros((len(encodings), width), dtype=np.int64)
    for row, encoding in enumerate(encodings):
        n = len(encoding.ids)
        ids[row, :n] = encoding.ids
        mask[row, :n] = 1
        types[row, :n] = encoding.type_ids
    tensors = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
    return {name: tensors[name] for name in input_names}
