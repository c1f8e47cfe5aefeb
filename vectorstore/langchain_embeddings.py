"""Our embedder as LangChain ``Embeddings``, for LangChain components (``langchain_chroma.Chroma``,
the evaluation's plain pipeline). Apart from ``vectorstore.embeddings`` so that importing an
embedder (the settings do, for the model's name) does not import LangChain."""
from __future__ import annotations

from langchain_core.embeddings import Embeddings

from .embeddings import Embedder


class LangChainEmbeddings(Embeddings):
    """Adapter so that LangChain components (langchain_chroma.Chroma) use our embedder."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.embed(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed_query(text)
