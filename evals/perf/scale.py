"""Scale corpus generator and the 1k-10k chunk benchmark (ingest throughput, query latency, memory).

The three real guides are only ~100 chunks, far too few to show how ingest and retrieval grow.
`generate` writes many synthetic Markdown guides assembled from the real cleaned sections, each
perturbed so no two are duplicates: sentences shuffled and dropped, synonyms swapped, numbers and
years changed, POEMS renamed to other plasma-cell and rare diseases, invented clinic and registry
sentences added, sections merged and renamed. The real guides stay in the corpus, so the gold
questions still have their answers, now among thousands of near-miss distractors.

    poems-assistant scale generate --chunks 10000 --out /tmp/scale-corpus
    poems-assistant scale bench --out bench-out                     # true cold ingests: an hour or more
    poems-assistant scale bench --embed-cache /tmp/vec.npz --out bench-out   # model time estimated; ~15 min once, minutes after
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from core.config import PROJECT_ROOT, Config, apply_offline_env
from evals.perf.measure import (
    TimedEmbedder,
    answer_latencies,
    child_env,
    load_questions,
    loadavg,
    module_cli_command,
    peak_rss_mb,
    rss_mb,
    summarize,
)

if TYPE_CHECKING:  # numpy loads inside the functions that need it
    import numpy as np

SIZES = (1000, 2500, 5000, 10000)
QUICK_SIZES = (1000,)

# Other diseases a guide library would also hold: mostly plasma-cell and neuropathy relatives of
# POEMS, so their vocabulary overlaps and retrieval has to work to find the POEMS passage.
DISEASES = [
    ("Castleman disease", "Castleman disease"), ("AL amyloidosis", "AL amyloidosis"),
    ("Waldenström macroglobulinemia", "WM"), ("multiple myeloma", "myeloma"),
    ("monoclonal gammopathy of undetermined significance", "MGUS"), ("Schnitzler syndrome", "Schnitzler"),
    ("TEMPI syndrome", "TEMPI"), ("cryoglobulinemia", "cryoglobulinemia"),
    ("chronic inflammatory demyelinating polyneuropathy", "CIDP"), ("Erdheim-Chester disease", "ECD"),
    ("scleromyxedema", "scleromyxedema"), ("solitary plasmacytoma", "plasmacytoma"),
    ("light chain deposition disease", "LCDD"), ("anti-MAG neuropathy", "anti-MAG neuropathy"),
    ("Guillain-Barré syndrome", "GBS"), ("IgG4-related disease", "IgG4-RD"),
    ("hereditary ATTR amyloidosis", "hATTR"), ("cold agglutinin disease", "CAD"),
]
# Swapped in one direction per guide, so each guide keeps a consistent house style.
SYNONYMS = [
    ("doctor", "physician"), ("doctors", "physicians"), ("treatment", "therapy"), ("treatments", "therapies"),
    ("symptoms", "complaints"), ("often", "frequently"), ("usually", "typically"), ("common", "frequent"),
    ("important", "essential"), ("begin", "start"), ("begins", "starts"), ("large", "big"),
    ("damage", "injury"), ("specialist", "consultant"), ("tests", "investigations"), ("high", "elevated"),
    ("weakness", "loss of strength"), ("pain", "discomfort"), ("enlarged", "swollen"), ("patients", "people"),
    ("caregiver", "carer"), ("caregivers", "carers"), ("rare", "uncommon"), ("help", "support"),
    ("improve", "get better"), ("months", "months"), ("years", "years"), ("fluid", "liquid"),
]
CITIES = ["Northfield", "Lakeside", "Riverton", "Ashford", "Kingsbridge", "Westmoor", "Harbourview", "Elmstead",
          "Brookhaven", "Stonebury", "Fairmont", "Oakridge", "Millbrook", "Greywater", "Pinecrest", "Redcliffe"]
PLACES = ["Hematology Centre", "Neuropathy Clinic", "Rare Disease Unit", "Myeloma Service", "Amyloid Centre",
          "Transplant Programme", "Nerve and Muscle Clinic", "Cancer Institute"]
ORGANS = ["liver", "spleen", "kidney", "lung", "skin", "thyroid", "adrenal", "nerve", "bone marrow", "heart", "eye"]
TOPICS = ["travel insurance", "school and work", "driving", "exercise", "sleep", "vaccinations", "dental care",
          "pregnancy planning", "clinical trials", "second opinions", "diet", "pain relief", "hearing", "mobility aids"]
TEMPLATES = [
    "In the {city} registry, {organ} involvement was recorded in about {pct}% of people with {short}.",
    "The {city} {place} reviews people with {short} every {n} months during the first year.",
    "Families often ask the {city} {place} about {topic}; the team explains what applies to {short}.",
    "A {year} audit from {city} found that {pct}% of referrals for {short} came from a {role}.",
    "People with {short} in {city} are offered a {organ} check within {n} weeks of diagnosis.",
    "Nurses at the {city} {place} keep a leaflet on {topic} for people living with {short}.",
]
ROLES = ["neurologist", "family doctor", "dermatologist", "endocrinologist", "kidney specialist", "cardiologist"]
PUBLISHERS = ["Rare Blood Network", "Plasma Cell Foundation", "Nerve Health Trust", "Patient Voices Library",
              "Hematology Patient Alliance", "Community Health Pages", "University Patient Education"]
GUIDE_KINDS = ["A guide for patients and families", "Questions and answers", "What to expect", "Care handbook",
               "Living with it day to day", "After the diagnosis", "A caregiver's companion"]

_NUMBER = re.compile(r"(?<![\w.])(\d{1,4})(?![\w.]|\.\d)")


@dataclass
class ScaleCorpus:
    """A generated corpus folder: the real guides plus synthetic ones, with chunk counts."""

    folder: Path
    real: list[tuple[str, int]] = field(default_factory=list)  # (file name, chunks)
    synthetic: list[tuple[str, int]] = field(default_factory=list)

    @property
    def chunks(self) -> int:
        return sum(n for _, n in self.real) + sum(n for _, n in self.synthetic)


def source_sections(corpus_dir: Path) -> list[tuple[str, str]]:
    """(heading, cleaned text) of every real guide section worth reusing (cover pages skipped)."""
    from ingest.load import FRONT_PAGE, load_corpus

    docs, _ = load_corpus(corpus_dir)
    out = []
    for doc in docs:
        for s in doc.sections:
            if s.path[:1] == (FRONT_PAGE,) or len(s.text.split()) < 12:
                continue
            out.append((s.path[-1] if s.path else "Overview", s.text))
    return out


def _case_like(src: str, word: str) -> str:
    return word[:1].upper() + word[1:] if src[:1].isupper() else word


def _swap_words(text: str, pairs: list[tuple[str, str]], rng: random.Random, p: float) -> str:
    for a, b in pairs:
        if a == b:
            continue
        text = re.sub(rf"\b{re.escape(a)}\b", _swapper(b, rng, p), text, flags=re.IGNORECASE)
    return text


def _swapper(word: str, rng: random.Random, p: float) -> Callable[[re.Match], str]:
    """re.sub's replacement: `word` in the matched word's case with probability p, else the match."""
    return lambda m: _case_like(m.group(0), word) if rng.random() < p else m.group(0)


def _shift_number(m: re.Match, rng: random.Random) -> str:
    n = int(m.group(1))
    if 1900 <= n <= 2100:
        return str(n + rng.randint(-6, 3))
    if n < 2 or rng.random() < 0.5:
        return m.group(1)
    return str(max(2, round(n * rng.uniform(0.6, 1.5))))


def _fill(template: str, rng: random.Random, short: str) -> str:
    return template.format(city=rng.choice(CITIES), place=rng.choice(PLACES), organ=rng.choice(ORGANS),
                           topic=rng.choice(TOPICS), role=rng.choice(ROLES), short=short,
                           pct=rng.randint(3, 85), n=rng.randint(2, 12), year=rng.randint(2009, 2025))


def rename(text: str, disease: tuple[str, str] | None) -> str:
    """POEMS → another disease, capitalised where it starts a sentence or heading."""
    if disease is None:
        return text

    def sub(name: str):
        def repl(m: re.Match) -> str:
            before = text_ref[0][max(0, m.start() - 2) : m.start()]
            starts = m.start() == 0 or before.endswith(("\n", ". ", "! ", "? ", ": "))
            return name[:1].upper() + name[1:] if starts else name
        return repl

    text_ref = [text]
    text = re.sub(r"POEMS [Ss]yndrome", sub(disease[0]), text)
    text_ref[0] = text
    return re.sub(r"\bPOEMS\b", sub(disease[1]), text)


def perturb_section(text: str, rng: random.Random, disease: tuple[str, str] | None,
                    synonyms: list[tuple[str, str]]) -> str:
    """One section rewritten: renamed disease, shuffled/dropped sentences, synonyms, numbers, additions."""
    from core.sentences import split_sentences

    text = rename(text, disease)
    short = disease[1] if disease else "POEMS"
    paragraphs = []
    for para in re.split(r"\n\s*\n", text):
        lines = para.split("\n")
        if all(line.lstrip().startswith("- ") for line in lines if line.strip()):
            items = [line for line in lines if line.strip() and rng.random() > 0.15] or lines[:1]
            rng.shuffle(items)
            paragraphs.append("\n".join(items))
            continue
        sentences = [para[a:b] for a, b in split_sentences(para)]
        kept = [s for s in sentences if rng.random() > 0.12] or sentences[:1]
        if len(kept) > 1 and rng.random() < 0.6:
            rng.shuffle(kept)
        if rng.random() < 0.35:
            kept.insert(rng.randint(0, len(kept)), _fill(rng.choice(TEMPLATES), rng, short))
        paragraphs.append(" ".join(s.replace("\n", " ") for s in kept))
    out = "\n\n".join(p for p in paragraphs if p.strip())
    out = _swap_words(out, synonyms, rng, 0.7)
    return _NUMBER.sub(lambda m: _shift_number(m, rng), out)


def make_guide(index: int, sections: Sequence[tuple[str, str]], rng: random.Random) -> tuple[str, str, dict]:
    """(file name, Markdown text, manifest entry) of one synthetic guide."""
    # One guide in four stays about POEMS: near-duplicates of the real guides are the hard case.
    disease = None if rng.random() < 0.25 else rng.choice(DISEASES)
    name = disease[0] if disease else "POEMS syndrome"
    synonyms = [(a, b) if rng.random() < 0.5 else (b, a) for a, b in rng.sample(SYNONYMS, k=rng.randint(6, 14))]
    kind = rng.choice(GUIDE_KINDS)
    publisher = rng.choice(PUBLISHERS)
    title = f"{name[:1].upper() + name[1:]}: {kind}"
    picked = rng.sample(list(sections), k=min(len(sections), rng.randint(12, 36)))
    parts = [f"# {title}", f"Published by {publisher}, {rng.randint(2015, 2026)}. Guide number {index}."]
    i = 0
    while i < len(picked):
        heading, text = picked[i]
        if i + 1 < len(picked) and rng.random() < 0.15:  # two sections assembled under one heading
            text = text + "\n\n" + picked[i + 1][1]
            i += 1
        i += 1
        heading = rename(heading, disease)
        if disease and rng.random() < 0.3:
            heading = f"{heading} in {disease[1]}"
        elif rng.random() < 0.15:
            heading = f"{rng.choice(['About', 'More on', 'Understanding', 'Notes on'])} {heading[:1].lower()}{heading[1:]}"
        parts.append(f"## {heading.replace('#', '')}")
        parts.append(perturb_section(text, rng, disease, synonyms))
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    fname = f"synthetic-{index:05d}-{slug}.md"
    meta = {"title": title, "publisher": publisher, "date": f"{rng.randint(2015, 2026)}-{rng.randint(1, 12):02d}",
            "url": "", "authority": rng.randint(2, 5)}
    return fname, "\n\n".join(parts) + "\n", meta


def _toml_value(v) -> str:
    return str(v) if isinstance(v, int) else json.dumps(str(v), ensure_ascii=False)


def write_manifest(folder: Path, entries: dict[str, dict]) -> None:
    """manifest.toml for the given file names."""
    lines = ["# Generated by evals/scale.py: provenance of the synthetic scale corpus."]
    for name, meta in entries.items():
        lines.append(f"\n[{json.dumps(name)}]")
        lines.extend(f"{k} = {_toml_value(v)}" for k, v in meta.items())
    (folder / "manifest.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _count_chunks(path: Path, chunk_words: int) -> int:
    """Chunks ingest will make of one file (provenance does not change the count)."""
    from ingest.chunk import chunk_document
    from ingest.load import load_document

    return len(chunk_document(load_document(path), chunk_words))


def generate(out_dir: Path, target_chunks: int, corpus_dir: Path | None = None, *, chunk_words: int | None = None,
             seed: int = 7, include_real: bool = True) -> ScaleCorpus:
    """Write guides into out_dir until the corpus holds at least target_chunks chunks (at chunk_words)."""
    import tomllib

    chunk_words = chunk_words or Config().chunk_words  # count chunks the way ingest will cut them

    corpus_dir = Path(corpus_dir or Config().corpus_dir)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    sections = source_sections(corpus_dir)
    if not sections:
        raise ValueError(f"no reusable sections in {corpus_dir}")
    result = ScaleCorpus(out_dir)
    entries: dict[str, dict] = {}
    if include_real:
        from ingest.load import corpus_files

        real_manifest = {}
        if (corpus_dir / "manifest.toml").exists():
            real_manifest = tomllib.loads((corpus_dir / "manifest.toml").read_text(encoding="utf-8"))
        for path in corpus_files(corpus_dir):
            shutil.copy2(path, out_dir / path.name)
            meta = {k: v for k, v in real_manifest.get(path.name, {}).items()
                    if k in ("title", "publisher", "date", "url", "authority")}
            entries[path.name] = meta
            result.real.append((path.name, _count_chunks(out_dir / path.name, chunk_words)))
        if (corpus_dir / "conflicts.toml").exists():
            shutil.copy2(corpus_dir / "conflicts.toml", out_dir / "conflicts.toml")
    index = 0
    while result.chunks < target_chunks:
        index += 1
        fname, text, meta = make_guide(index, sections, rng)
        (out_dir / fname).write_text(text, encoding="utf-8")
        entries[fname] = meta
        result.synthetic.append((fname, _count_chunks(out_dir / fname, chunk_words)))
    write_manifest(out_dir, entries)
    return result


def subset(corpus: ScaleCorpus, size: int, dest: Path) -> tuple[Path, int]:
    """Copy the real guides plus the first synthetic guides that reach `size` chunks into dest."""
    import tomllib

    dest.mkdir(parents=True, exist_ok=True)
    manifest = tomllib.loads((corpus.folder / "manifest.toml").read_text(encoding="utf-8"))
    keep = {name: manifest.get(name, {}) for name, _ in corpus.real}
    total = sum(n for _, n in corpus.real)
    for name, n in corpus.synthetic:
        if total >= size:
            break
        keep[name] = manifest.get(name, {})
        total += n
    for name in keep:
        shutil.copy2(corpus.folder / name, dest / name)
    if (corpus.folder / "conflicts.toml").exists():
        shutil.copy2(corpus.folder / "conflicts.toml", dest / "conflicts.toml")
    write_manifest(dest, keep)
    return dest, total


# ---------------------------------------------------------------- benchmark


def probe(config: Config, passes: int = 2, limit: int | None = None) -> dict:
    """In a fresh process: load the serving stack on an index, time answers, read peak memory."""
    from assistant import Assistant
    from index.embed import load_embedder

    t = time.perf_counter()
    embedder = load_embedder(config)
    model_s = time.perf_counter() - t
    t = time.perf_counter()
    bot = Assistant.from_config(config, embedder=embedder)
    load_s = time.perf_counter() - t
    loaded_rss = rss_mb()
    questions = load_questions()[:limit] if limit else load_questions()
    stages: dict[str, list[float]] = {}
    ask = bot.ask

    def recording_ask(q, h=()):
        answer = ask(q, h)
        for k, v in answer.timings_ms.items():
            stages.setdefault(k, []).append(v)
        return answer

    bot.ask = recording_ask  # the stage split shows what grows with the corpus and what is model noise
    ms, per_pass = answer_latencies(bot, questions, passes=passes, warmup=True, fresh=True)
    s = summarize(ms)
    n = len(questions)
    measured = {k: v[n:] if len(v) > n else v for k, v in stages.items()}  # drop the warm-up pass
    return {"model_s": model_s, "load_s": load_s, "p50_ms": s["p50"], "p95_ms": s["p95"], "max_ms": s["max"],
            "questions": n, "passes": passes, "per_pass_p95": [p["p95"] for p in per_pass],
            "stages_p50_ms": {k: summarize(v)["p50"] for k, v in measured.items()},
            "stages_p95_ms": {k: summarize(v)["p95"] for k, v in measured.items()},
            "rss_loaded_mb": loaded_rss, "peak_rss_mb": peak_rss_mb(), "chunks": len(bot.search.chunks)}


def _dir_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file()) / 2**20


class CachingEmbedder:
    """Remembers vectors by text, so nested corpus sizes embed each text once (see run_scale).

    With a path, the vectors are also kept on disk between runs (keyed by a hash of the text), so a
    scale benchmark can be repeated under other settings without paying for the model again.
    """

    def __init__(self, inner, path: Path | None = None):
        import numpy as np

        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.path = Path(path) if path else None
        self.vectors: dict[bytes, np.ndarray] = {}
        self.misses = 0
        self.rate: float | None = None  # texts/s the model achieved when these vectors were made
        if self.path and self.path.exists():
            with np.load(self.path, allow_pickle=False) as z:
                if str(z["model"]) == f"{inner.name}:{inner.dim}":
                    self.vectors = dict(zip(z["keys"].tolist(), z["vectors"], strict=True))
                    self.rate = float(z["rate"]) if float(z["rate"]) > 0 else None

    @staticmethod
    def _key(text: str) -> bytes:
        import hashlib

        return hashlib.sha1(text.encode("utf-8")).digest()

    def embed(self, texts, *, progress: bool = False):
        import numpy as np

        keys = [self._key(t) for t in texts]
        todo = list(dict.fromkeys((k, t) for k, t in zip(keys, texts, strict=True) if k not in self.vectors))
        if todo:
            for (k, _), v in zip(todo, self.inner.embed([t for _, t in todo], progress=False), strict=True):
                self.vectors[k] = np.asarray(v, dtype=np.float32)
            self.misses += len(todo)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self.vectors[k] for k in keys]).astype(np.float32)

    def save(self) -> None:
        """Write the vectors to the path given at construction (no-op without one)."""
        import numpy as np

        if self.path is None or not self.vectors:
            return
        keys = list(self.vectors)
        np.savez(self.path, model=np.array(f"{self.name}:{self.dim}"), keys=np.array(keys, dtype="S20"),
                 vectors=np.stack([self.vectors[k] for k in keys]), rate=np.array(self.rate or 0.0))


def run_scale(sizes: Sequence[int] = SIZES, *, embedder=None, corpus_dir: Path | None = None, work: Path,
              passes: int = 2, log: Callable[[str], None] = print, probe_timeout: int = 1800,
              chunk_words: int | None = None, reuse_embeddings: bool = False, embed_cache: Path | None = None,
              keep_indexes: bool = False, probe_limit: int | None = None) -> list[dict]:
    """For each size: cold ingest (model already loaded) in this process, then a serving probe in a child.

    reuse_embeddings=True runs the largest size first and embeds each distinct text once; smaller sizes
    (whose guides are a prefix of the largest) reuse those vectors. Store time is measured at every
    size; model time is estimated as texts x the model's measured seconds per text. Embedding cost is
    per text and does not depend on corpus size, so this cuts a 10k run from most of an hour to
    minutes without hiding how the store grows.
    """
    from ingest.pipeline import ingest

    apply_offline_env()
    chunk_words = chunk_words or Config().chunk_words
    work = Path(work)
    work.mkdir(parents=True, exist_ok=True)
    if embedder is None:
        from index.embed import load_embedder

        embedder = load_embedder(Config.from_env())
    t = time.perf_counter()
    full = generate(work / "full", max(sizes), corpus_dir, chunk_words=chunk_words)
    log(f"generated {len(full.synthetic)} synthetic guides, {full.chunks:,} chunks in {time.perf_counter() - t:.1f} s")
    rows = []
    caching = CachingEmbedder(embedder, embed_cache) if reuse_embeddings or embed_cache else None
    if caching is not None and caching.vectors:
        log(f"{len(caching.vectors):,} vectors loaded from {embed_cache}: model time will be estimated")
    timed = TimedEmbedder(caching or embedder)
    model_s = model_texts = 0.0  # texts that really went through the model in this run, for the texts/s rate
    for size in sorted(sizes, reverse=caching is not None):
        folder, planned = subset(full, size, work / f"corpus-{size}")
        config = Config.from_env(corpus_dir=folder, index_dir=work / f"index-{size}", chroma_url="",
                                 feedback_db=work / "feedback.sqlite3", chunk_words=chunk_words)
        timed.reset()
        misses_before = caching.misses if caching else 0
        load_before = loadavg()
        report = ingest(config, timed)
        new_texts = (caching.misses - misses_before) if caching else timed.texts
        row = {"target_size": size, "chunks": report.chunks, "files": report.files, "texts": timed.texts,
               "distinct_texts": timed.distinct,
               "texts_through_model": new_texts, "ingest_s": report.seconds, "embed_s": timed.seconds,
               "store_s": report.seconds - timed.seconds, "index_mb": _dir_mb(config.index_dir), "loadavg": load_before}
        if caching is None:
            row["cold_ingest_s"] = report.seconds
            row["cold_estimated"] = False
            row["model_texts_per_s"] = timed.distinct / timed.seconds if timed.seconds else None
            row["chunks_per_s"] = report.chunks / report.seconds if report.seconds else None
        elif new_texts:
            model_s += timed.seconds
            model_texts += new_texts
            caching.rate = model_texts / model_s if model_s else caching.rate
            caching.save()
        log(f"{size:>6}: ingested {report.chunks:,} chunks ({timed.texts:,} texts, {new_texts:,} through the model) "
            f"in {report.seconds:.1f} s (model {timed.seconds:.1f} s), load {load_before}")
        cmd = module_cli_command() + ["scale", "probe", "--passes", str(passes)]
        if probe_limit:
            cmd += ["--limit", str(probe_limit)]
        proc = subprocess.run(cmd, env=child_env(config), cwd=PROJECT_ROOT, capture_output=True, text=True,
                              timeout=probe_timeout)
        if proc.returncode != 0:
            raise RuntimeError(f"probe at {size} failed: {proc.stderr.strip()[-800:]}")
        row.update(json.loads(proc.stdout.strip().splitlines()[-1]))
        log(f"{size:>6}: query p50 {row['p50_ms']:.1f} ms, p95 {row['p95_ms']:.1f} ms, stages p50 "
            f"{ {k: round(v, 1) for k, v in row['stages_p50_ms'].items()} }, assistant load {row['load_s']:.1f} s, "
            f"peak RSS {row['peak_rss_mb']:.0f} MB")
        rows.append(row)
        if not keep_indexes:
            shutil.rmtree(config.index_dir, ignore_errors=True)  # 10k chunks take hundreds of MB
    if caching is not None:
        # A real cold ingest sends each distinct text of its corpus through the model once (the
        # embedder folds repeats within a call): price those at the measured rate.
        rate = caching.rate
        for row in rows:
            if row["texts_through_model"] >= row["distinct_texts"]:
                # the first (largest) size met an empty cache: its ingest was a real cold one
                row["cold_ingest_s"], row["cold_estimated"] = row["ingest_s"], False
                row["model_texts_per_s"] = rate
                row["chunks_per_s"] = row["chunks"] / row["ingest_s"] if row["ingest_s"] else None
                continue
            row["cold_ingest_s"] = row["store_s"] + (row["distinct_texts"] / rate if rate else 0.0)
            row["cold_estimated"] = True
            row["model_texts_per_s"] = rate
            row["chunks_per_s"] = row["chunks"] / row["cold_ingest_s"] if row["cold_ingest_s"] else None
    return sorted(rows, key=lambda r: r["target_size"])


def growth_table(rows: Sequence[dict]) -> str:
    """How ingest and query cost grow with the corpus, one line per size."""
    head = ("chunks", "texts", "distinct", "cold ingest s", "store s", "chunks/s", "index MB", "load s", "q p50 ms", "q p95 ms",
            "retrieve p95", "compose p95", "peak RSS MB")
    lines = [head]
    for r in rows:
        st = r.get("stages_p95_ms", {})
        lines.append((f"{r['chunks']:,}", f"{r['texts']:,}", f"{r.get('distinct_texts', r['texts']):,}",
                      f"{r['cold_ingest_s']:.1f}" + ("*" if r.get("cold_estimated") else ""), f"{r['store_s']:.1f}",
                      f"{r['chunks_per_s']:.1f}", f"{r['index_mb']:.0f}", f"{r['load_s']:.1f}",
                      f"{r['p50_ms']:.1f}", f"{r['p95_ms']:.1f}", f"{st.get('retrieve_ms', 0):.1f}",
                      f"{st.get('compose_ms', 0):.1f}", f"{r['peak_rss_mb']:.0f}"))
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    out = ["  ".join(c.rjust(w) for c, w in zip(line, widths, strict=True)) for line in lines]
    out.insert(1, "  ".join("-" * w for w in widths))
    if any(r.get("cold_estimated") for r in rows):
        out.append("* cold ingest = measured store time + each distinct text priced at the model's measured texts/s")
    return "\n".join(out)
