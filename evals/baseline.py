"""The RAG a LangChain user builds by default (1000/200 character splits, Chroma similarity top-k), and its score.

It reads the same cleaned documents and uses the same embedding model as the project, so the eval's
side-by-side shows only what the project's own chunking, hybrid search and follow-up handling add.
"""

from __future__ import annotations

import shutil
import tempfile
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings

from core.config import apply_offline_env
from core.types import SourceDoc
from evals import metrics as M
from evals.context import Context
from evals.gold import ANSWERABLE
from evals.scoring import DEPTH, mean_retrieval, retrieval_scores
from index.embed import Embedder


class EmbedderAdapter(Embeddings):
    """LangChain Embeddings around the project's Embedder (same model, no second copy loaded)."""

    def __init__(self, embedder: Embedder):
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.embed(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed([text])[0].tolist()


@dataclass(frozen=True)
class BaselineHit:
    """One retrieved split with its place in the cleaned source text."""

    source: str
    start: int
    end: int
    text: str


class DefaultLangChainRAG:
    """RecursiveCharacterTextSplitter(1000, 200) → Chroma → similarity_search; answer = top chunk text."""

    def __init__(self, docs: Sequence[SourceDoc], embedder: Embedder, persist_dir: Path | None = None,
                 chunk_size: int = 1000, chunk_overlap: int = 200):
        apply_offline_env()
        from langchain_chroma import Chroma
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        self._own_dir = persist_dir is None
        self.persist_dir = Path(persist_dir or tempfile.mkdtemp(prefix="poems-baseline-"))
        t0 = time.perf_counter()
        splitter = RecursiveCharacterTextSplitter(chunk_size=chunk_size, chunk_overlap=chunk_overlap, add_start_index=True)
        self.splits: list[Document] = splitter.create_documents(
            [d.text for d in docs], metadatas=[{"source": d.meta.source_id} for d in docs]
        )
        # A fresh collection name per build: a reused persist dir must not mix in older splits.
        self.store = Chroma(
            collection_name=f"baseline-{uuid.uuid4().hex[:8]}",
            embedding_function=EmbedderAdapter(embedder),
            persist_directory=str(self.persist_dir),
        )
        self.store.add_documents(self.splits)
        self.build_seconds = time.perf_counter() - t0

    def search(self, question: str, k: int = 10) -> list[BaselineHit]:
        """Plain similarity search on the question alone, as the default chain does."""
        return [_hit(d) for d in self.store.similarity_search(question, k=k)]

    def answer(self, question: str) -> str:
        """Without an LLM, a naive RAG can only show its best chunk."""
        hits = self.search(question, k=1)
        return hits[0].text if hits else ""

    def spans(self) -> list[BaselineHit]:
        """Every split in the index (for counting relevant chunks in nDCG's ideal ranking)."""
        return [_hit(d) for d in self.splits]

    def close(self) -> None:
        """Drop the collection and its temporary folder."""
        try:
            self.store.delete_collection()
        except Exception:  # best effort: a failed cleanup must not fail the eval
            pass
        if self._own_dir:
            shutil.rmtree(self.persist_dir, ignore_errors=True)


def _hit(d: Document) -> BaselineHit:
    start = int(d.metadata.get("start_index", 0))
    return BaselineHit(d.metadata.get("source", ""), start, start + len(d.page_content), d.page_content)


def run_baseline(ctx: Context, docs: Sequence[Any], embedder: Any) -> tuple[dict, dict[str, dict]]:
    """The default LangChain RAG on the same cases: retrieval on the question alone, top chunk as answer."""
    rag = DefaultLangChainRAG(docs, embedder)
    try:
        spans = [M.Span(h.source, h.start, h.end) for h in rag.spans()]
        rows: dict[str, dict] = {}
        latencies = []
        for case in ctx.cases:
            t0 = time.perf_counter()
            hits = rag.search(case.question, k=DEPTH)
            latencies.append((time.perf_counter() - t0) * 1000)
            if case.kind not in ANSWERABLE:
                continue
            answer = hits[0].text if hits else ""
            fr = M.score_facts(case.facts, answer)
            gold = ctx.gold[case.id]
            rows[case.id] = {
                "kind": case.kind,
                "retrieval": retrieval_scores([M.Span(h.source, h.start, h.end) for h in hits], gold, M.count_relevant(spans, gold)),
                "fact_completeness": fr.completeness,
                "all_facts": float(fr.completeness == 1.0),
                "words": len(answer.split()),
            }
        n_abstain = sum(c.kind not in ANSWERABLE for c in ctx.cases)
        summary = {
            "pipeline": "RecursiveCharacterTextSplitter(1000, 200) + Chroma similarity_search, question only; answer = top chunk",
            "chunks": len(spans),
            "build_seconds": round(rag.build_seconds, 2),
            "retrieval": mean_retrieval([r["retrieval"] for r in rows.values()]),
            "answers": {
                "n": len(rows),
                "fact_completeness": round(M.mean(r["fact_completeness"] for r in rows.values()), 4),
                "all_facts_rate": round(M.mean(r["all_facts"] for r in rows.values()), 4),
                "mean_words": round(M.mean(r["words"] for r in rows.values()), 1),
            },
            # It has no refusal path: every abstain or safety question gets a chunk back.
            "abstention": {"n": n_abstain, "accuracy": 0.0 if n_abstain else 1.0},
            "latency": {"p50_ms": round(M.percentile(latencies, 50), 1), "p95_ms": round(M.percentile(latencies, 95), 1)},
        }
        return summary, rows
    finally:
        rag.close()
