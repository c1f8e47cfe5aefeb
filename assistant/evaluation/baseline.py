"""The plain LangChain pipeline a user would build instead: page text, a 1000-character
splitter, Chroma and the same embedding model, top-4; and a hybrid version of it (BM25 + RRF)."""
from __future__ import annotations

from pathlib import Path

import pdfplumber
from langchain_chroma import Chroma
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_text_splitters import RecursiveCharacterTextSplitter

from assistant.lexical import BM25Index
from vectorstore.client import collection_names, make_client


def page_documents(path: Path) -> list[Document]:
    if path.suffix.lower() != ".pdf":
        return [Document(path.read_text(encoding="utf-8"), metadata={"source": path.name, "page": 1})]
    with pdfplumber.open(path) as pdf:
        return [Document(page.extract_text() or "", metadata={"source": path.name, "page": n})
                for n, page in enumerate(pdf.pages, 1)]


def split(paths: list[Path]) -> list[Document]:
    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    return splitter.split_documents([d for p in paths for d in page_documents(p)])


class Baseline:
    def __init__(self, chunks: list[Document], embeddings: Embeddings, store: Path) -> None:
        client = make_client(store=store)
        if "baseline" in collection_names(client):
            client.delete_collection("baseline")
        self.vectors = Chroma(client=client, collection_name="baseline", embedding_function=embeddings)
        for start in range(0, len(chunks), 5000):
            batch = chunks[start:start + 5000]
            self.vectors.add_documents(batch, ids=[f"c{start + i}" for i in range(len(batch))])
        self.chunks = {f"c{i}": d for i, d in enumerate(chunks)}
        self.lexical = BM25Index()
        self.lexical.add_many((cid, d.page_content) for cid, d in self.chunks.items())

    def dense(self, question: str, k: int = 4) -> list[Document]:
        return self.vectors.similarity_search(question, k=k)

    def hybrid(self, question: str, k: int = 4, depth: int = 20, rrf_k: int = 60) -> list[Document]:
        dense = self.vectors.similarity_search_with_score(question, k=depth)
        scores: dict[str, float] = {}
        for rank, (doc, _) in enumerate(dense, 1):
            scores[doc.id] = scores.get(doc.id, 0.0) + 1 / (rrf_k + rank)
        for rank, (cid, _) in enumerate(self.lexical.search(question, depth), 1):
            scores[cid] = scores.get(cid, 0.0) + 1 / (rrf_k + rank)
        best = sorted(scores, key=lambda c: -scores[c])[:k]
        return [self.chunks[c] for c in best]
