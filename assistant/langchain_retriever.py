"""HybridSearch as a LangChain retriever, so it plugs into chains and ensembles.

Kept apart from retrieve.py because importing langchain_core takes about half a second, and
answering a question does not need it.
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict


class PoemsRetriever(BaseRetriever):
    """LangChain face of HybridSearch, so the retriever plugs into chains and ensembles.

    >>> retriever = PoemsRetriever(search=search, k=4)
    >>> retriever.invoke("How is POEMS diagnosed?")[0].metadata["section"]  # doctest: +SKIP
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)
    search: Any
    k: int = 6

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        return [
            Document(
                page_content=h.chunk.text,
                id=h.chunk.id,
                metadata={
                    "chunk_id": h.chunk.id, "source": h.chunk.source_id, "title": h.chunk.title,
                    "section": h.chunk.section, "start": h.chunk.start, "end": h.chunk.end,
                    "authority": h.chunk.authority, "score": h.score, "dense": h.dense, "bm25": h.bm25,
                },
            )
            for h in self.search.search(query, k=self.k)
        ]
