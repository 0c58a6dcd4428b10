"""Infrastructure under ingest and assistant: the Embedder protocol and embedders, vector stores."""
