"""Loaders for .txt, .md, .html and .pdf guides: raw file → cleaned SourceDoc with sections."""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from core.errors import CorpusNotFound, SkippedFile
from core.types import Section, SourceDoc, SourceMeta
from ingest.clean import clean_paragraphs, strip_markup

SUPPORTED = {".txt", ".md", ".markdown", ".html", ".htm", ".pdf"}
# Files in corpus/ that describe the corpus rather than being guides.
CONTROL_FILES = {"manifest.toml", "conflicts.toml"}
FRONT_PAGE = "Front page"


@dataclass
class Block:
    """A paragraph of a document, or a heading with its level (1 = top)."""

    text: str
    level: int = 0  # 0 = body paragraph


# ---------------------------------------------------------------- manifest


def read_manifest(corpus_dir: Path) -> dict[str, SourceMeta]:
    """Provenance per file name from corpus/manifest.toml; missing manifest → empty."""
    path = corpus_dir / "manifest.toml"
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SkippedFile(f"{path}: manifest is not valid TOML ({exc}); fix it or remove it.") from None
    out = {}
    for name, entry in data.items():
        if not isinstance(entry, dict):
            continue
        out[name] = SourceMeta(
            source_id=name,
            title=str(entry.get("title", name)),
            publisher=str(entry.get("publisher", "")),
            date=str(entry.get("date", "")),
            url=str(entry.get("url", "")),
            authority=int(entry.get("authority", 5)),
        )
    return out


def default_meta(path: Path) -> SourceMeta:
    """Provenance for a file the manifest does not list: weakest authority, title from the name."""
    title = re.sub(r"[_-]+", " ", path.stem).strip().capitalize()
    return SourceMeta(source_id=path.name, title=title, authority=5)


# ---------------------------------------------------------------- raw readers


def _decode(data: bytes, path: Path) -> str:
    if not data.strip():
        raise SkippedFile(f"{path.name}: empty file, skipped")
    if b"\x00" in data[:8192]:
        raise SkippedFile(f"{path.name}: looks binary (NUL bytes), skipped")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SkippedFile(f"{path.name}: not UTF-8 text (byte {exc.start}), skipped; save it as UTF-8") from None


def _paragraphs(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [p for p in re.split(r"\n[ \t]*\n", text) if p.strip()]


def _read_pdf(path: Path) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError, TypeError) as exc:
        raise SkippedFile(f"{path.name}: corrupt or unreadable PDF ({type(exc).__name__}), skipped") from None
    except Exception as exc:  # pypdf raises assorted errors on damaged files
        raise SkippedFile(f"{path.name}: corrupt or unreadable PDF ({type(exc).__name__}), skipped") from None
    text = "\n\n".join(pages)
    if not text.strip():
        raise SkippedFile(f"{path.name}: PDF has no extractable text (scanned?), skipped")
    return text


class _HTMLText(HTMLParser):
    """Collect paragraphs and h1–h3 headings; skip scripts, navigation, forms and footers."""

    SKIP = {"script", "style", "nav", "footer", "form", "aside", "noscript", "header", "svg", "button", "template",
            "iframe", "object", "embed", "img", "video", "audio", "canvas"}
    # void elements never get an end tag, so a hidden one must not open a skipped region
    VOID = {"br", "hr", "img", "input", "meta", "link", "source", "wbr", "area", "base", "col", "embed", "track"}
    BLOCK = {"p", "div", "li", "section", "article", "br", "tr", "table", "ul", "ol", "blockquote", "h4", "h5", "h6"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._buf: list[str] = []
        self._skip = 0
        self._skip_tag = ""
        self._heading = 0
        self._li = False

    def _flush(self):
        text = re.sub(r"\s+", " ", "".join(self._buf)).strip()
        self._buf = []
        if text:
            if self._li:
                text = "- " + text
            self.blocks.append(Block(text, self._heading))

    @staticmethod
    def _hidden(attrs) -> bool:
        """Text a browser would not show (display:none, hidden, aria-hidden) is not the guide's text."""
        a = {k.lower(): (v or "") for k, v in attrs}
        style = re.sub(r"\s+", "", a.get("style", "").lower())
        return ("hidden" in a or a.get("aria-hidden", "").lower() == "true"
                or "display:none" in style or "visibility:hidden" in style)

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            if not self._skip and tag == "br":
                self._flush()
            return
        if self._skip:
            # inside a skipped element only its own tag nests; <li> and <p> often never close
            self._skip += tag == self._skip_tag
        elif tag in self.SKIP or self._hidden(attrs):
            self._skip, self._skip_tag = 1, tag
        elif not self._skip and tag in ("h1", "h2", "h3"):
            self._flush()
            self._heading = int(tag[1])
        elif not self._skip and tag in self.BLOCK:
            self._flush()
            self._li = tag == "li"

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if self._skip:
            self._skip -= tag == self._skip_tag
        elif tag in ("h1", "h2", "h3"):
            self._flush()
            self._heading = 0
        elif not self._skip and tag in self.BLOCK:
            self._flush()
            self._li = False

    def handle_data(self, data):
        if not self._skip:
            self._buf.append(data)


# ---------------------------------------------------------------- structure


def _md_blocks(text: str) -> list[Block]:
    blocks = []
    for para in _paragraphs(text):
        lines = para.split("\n")
        body: list[str] = []
        for line in lines:
            m = re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", line)
            if m:
                if body:
                    blocks.append(Block("\n".join(body)))
                    body = []
                blocks.append(Block(m.group(2), min(len(m.group(1)), 3)))
            else:
                body.append(line)
        if body:
            blocks.append(Block("\n".join(body)))
    return blocks


def _looks_like_heading(line: str) -> bool:
    """A standalone short line that names what follows (PDF text has no markup for headings)."""
    s = line.strip()
    if "\n" in s or not s or len(s) > 90 or len(s.split()) > 12:
        return False
    if not s[0].isalpha() or s[0].islower() or s.startswith(("- ", "•", "*", '"', "“", "(", "~", ">", "<")):
        return False
    if re.search(r"[.,;:!]$", s) or "et al" in s or re.search(r"\w\.\w", s):
        return False
    letters = sum(c.isalpha() for c in s)
    if letters < 0.5 * len(s.replace(" ", "")) or not re.search(r"[A-Za-z]{3,}", s):
        return False
    return True


def _is_callout(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def _norm_title(s: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9& ]+", " ", s.lower()).split())


def _toc_entries(paragraphs: list[str]) -> tuple[list[str], int | None, int | None]:
    """Find a 'Contents' block: its entry titles and the indexes of the heading and the list."""
    for i, para in enumerate(paragraphs[:-1]):
        if para.strip().lower() in ("contents", "table of contents"):
            for j in range(i + 1, min(i + 4, len(paragraphs))):
                lines = [ln for ln in paragraphs[j].splitlines() if ln.strip()]
                if len(lines) >= 3 and sum(bool(re.search(r"\s\d{1,3}$", ln)) for ln in lines) >= 0.8 * len(lines):
                    titles = []
                    for ln in lines:
                        t = re.sub(r"^[-•*\s]*\d{0,3}[.)]?\s*", "", ln)
                        t = re.sub(r"\s+\d{1,3}$", "", t).strip()
                        titles.append(t)
                    return titles, i, j
    return [], None, None


def _matches_toc(heading: str, entry: str) -> bool:
    hp = [_norm_title(p) for p in re.split(r"\s[—–-]\s", heading)]
    ep = [_norm_title(p) for p in re.split(r"\s[—–-]\s", entry)]
    for a in hp:
        for b in ep:
            if a and b and (a == b or a.startswith(b + " ") or b.startswith(a + " ")):
                return True
    return False


def _plain_blocks(paragraphs: list[str]) -> list[Block]:
    """Recover headings in plain text: standalone short lines, levelled by the table of contents."""
    toc, toc_head, toc_list = _toc_entries(paragraphs)
    candidates = [_looks_like_heading(p) for p in paragraphs]
    for i in range(1, len(paragraphs)):
        # the caption under a big number ("~80%" / "5-year overall survival") is not a title
        prev = paragraphs[i - 1].strip()
        if candidates[i] and sum(c.isalpha() for c in prev) < 0.5 * max(1, len(prev.replace(" ", ""))):
            candidates[i] = False
    if toc:
        # A line right before a chapter title is a caption or cover line, not a title itself.
        for i in range(len(paragraphs) - 1):
            if candidates[i] and candidates[i + 1] and any(_matches_toc(paragraphs[i + 1].strip(), t) for t in toc):
                candidates[i] = False
    blocks: list[Block] = []
    next_toc = 0
    in_front = bool(toc)
    for i, para in enumerate(paragraphs):
        if i in (toc_head, toc_list):
            continue  # navigation with page numbers, not content
        text = para.strip()
        if not candidates[i]:
            blocks.append(Block(para))
            continue
        if toc:
            matched = next((k for k in range(next_toc, len(toc)) if _matches_toc(text, toc[k])), None)
            if matched is not None:
                next_toc = matched + 1
                in_front = False
                blocks.append(Block(text, 1))
            elif in_front:
                blocks.append(Block(para))  # cover lines before the first chapter
            else:
                blocks.append(Block(text, 3 if _is_callout(text) else 2))
        else:
            blocks.append(Block(text, 2 if _is_callout(text) and blocks else 1))
    return blocks


# ---------------------------------------------------------------- hard-wrapped lines

# A line that starts its own unit and is never glued onto the line above: list items, table rows,
# quotes, code fences, "Label: …" lines ("Every 6 months: nerve conduction studies") and glossary
# "Term — definition" lines.
_OWN_LINE = re.compile(
    r"^(?:[-*+•]\s|\d{1,3}[.)]\s|\||>|```|#|[A-Z][^:.!?\n]{0,40}:\s+\S|[A-Z][^.!?—\n]{1,60}? — )"
)
_SENTENCE_END = re.compile(r"[.!?:;…][\"'”’)\]]*$")
# Plain text has no soft breaks, so a line is joined to the next only when it plainly runs on: the
# next line starts in lower case, or this one is long (a wrapped line, not a short cover or address
# line like "For educational use only") and does not end a sentence. 50 characters: the corpus's
# cover lines are 24–37 characters, wrapped text is usually wrapped at 60–80.
_WRAPPED_MIN_CHARS = 50


def join_wrapped_lines(text: str, *, markdown: bool) -> str:
    r"""Join the lines of a hard-wrapped paragraph, so a line break is never taken for a sentence end.

    Markdown follows CommonMark (a single line break inside a paragraph is a space); plain text
    joins only lines that visibly run on. List items, table rows, quotes and labelled lines stay
    on their own lines; a list item's wrapped continuation joins its item.

    >>> join_wrapped_lines("When your feet are numb you may not feel\na cut or a blister.", markdown=False)
    'When your feet are numb you may not feel a cut or a blister.'
    >>> join_wrapped_lines("- numb feet\n- tingling hands", markdown=True)
    '- numb feet\n- tingling hands'
    """
    lines = text.split("\n")
    if len(lines) < 2 or any(line.lstrip().startswith("```") for line in lines):
        return text
    out = [lines[0]]
    for line in lines[1:]:
        prev = out[-1]
        if _runs_on(prev, line, markdown):
            out[-1] = f"{prev.rstrip()} {line.strip()}"
        else:
            out.append(line)
    return "\n".join(out)


def _runs_on(prev: str, line: str, markdown: bool) -> bool:
    a, b = prev.strip(), line.strip()
    if not a or not b or "\t" in prev or a.startswith("|") or _OWN_LINE.match(b):
        return False
    if markdown:
        return True
    return b[0].islower() or (len(a) >= _WRAPPED_MIN_CHARS and not _SENTENCE_END.search(a))


def _unwrap_blocks(blocks: list[Block], *, markdown: bool) -> list[Block]:
    return [Block(join_wrapped_lines(b.text, markdown=markdown)) if b.level == 0 else b for b in blocks]


# ---------------------------------------------------------------- assembly


def _assemble(meta: SourceMeta, blocks: list[Block], raw_sha: str, has_front: bool) -> SourceDoc:
    """Join blocks into the canonical cleaned text and cut it into titled sections."""
    parts: list[str] = []
    sections: list[Section] = []
    path: list[str] = [FRONT_PAGE] if has_front else []
    levels: list[int] = [1] if has_front else []
    pos = 0
    body_start: int | None = None
    body_end = 0

    def close():
        nonlocal body_start
        if body_start is not None:
            text = "\n\n".join(parts)[body_start:body_end]
            sections.append(Section(tuple(path), body_start, body_end, text))
        body_start = None

    for block in blocks:
        if parts:
            pos += 2
        start = pos
        parts.append(block.text)
        pos += len(block.text)
        if block.level:
            close()
            while levels and levels[-1] >= block.level:
                levels.pop()
                path.pop()
            levels.append(block.level)
            path.append(block.text)
        else:
            if body_start is None:
                body_start = start
            body_end = pos
    close()
    return SourceDoc(meta=meta, text="\n\n".join(parts), sections=sections, raw_sha=raw_sha)


def load_document(path: Path, meta: SourceMeta | None = None) -> SourceDoc:
    """Load and clean one guide.

    >>> doc = load_document(Path("corpus/bare-your-rare-poems-guide.txt"))
    >>> doc.sections[1].path
    ('What POEMS Syndrome Is',)
    """
    meta = meta or default_meta(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise SkippedFile(f"{path.name}: unknown file type '{suffix or '(none)'}', skipped (use .txt, .md, .html or .pdf)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SkippedFile(f"{path.name}: cannot be read ({exc.strerror}), skipped") from None
    sha = hashlib.sha256(data).hexdigest()
    if suffix == ".pdf":
        if not data.startswith(b"%PDF"):
            raise SkippedFile(f"{path.name}: not a PDF file (bad header), skipped")
        raw_paras = _paragraphs(_read_pdf(path))
        blocks = _plain_blocks(clean_paragraphs(raw_paras))
    elif suffix in (".md", ".markdown"):
        blocks = _md_blocks(_decode(data, path))
        blocks = _unwrap_blocks(_clean_blocks(blocks), markdown=True)
    elif suffix in (".html", ".htm"):
        parser = _HTMLText()
        parser.feed(_decode(data, path))
        parser.close()
        parser._flush()
        blocks = _clean_blocks(parser.blocks)
    else:
        # Unwrapped after headings are found: a joined short paragraph must not start looking like a title.
        blocks = _unwrap_blocks(_plain_blocks(clean_paragraphs(_paragraphs(_decode(data, path)))), markdown=False)
    if not any(b.level == 0 and b.text.strip() for b in blocks):
        raise SkippedFile(f"{path.name}: no text left after cleaning, skipped")
    has_front = bool(blocks) and blocks[0].level == 0 and any(b.level == 1 for b in blocks) and suffix in (".txt", ".pdf") and _has_toc(blocks)
    return _assemble(meta, blocks, sha, has_front)


def _has_toc(blocks: list[Block]) -> bool:
    # only plain-text guides with a contents page get a "Front page" section for their cover
    return sum(1 for b in blocks if b.level == 1) >= 3 and blocks[0].level == 0


def _clean_blocks(blocks: list[Block]) -> list[Block]:
    """Clean the body paragraphs of marked-up documents, keeping their headings."""
    out: list[Block] = []
    body: list[str] = []
    for b in blocks:
        if b.level:
            out.extend(Block(p) for p in clean_paragraphs(body))
            body = []
            out.append(Block(strip_markup(b.text), b.level))
        else:
            body.append(b.text)
    out.extend(Block(p) for p in clean_paragraphs(body))
    return out


def corpus_files(corpus_dir: Path) -> list[Path]:
    """Guide files in the corpus folder, in a stable order (control files and dotfiles excluded)."""
    if not corpus_dir.is_dir():
        raise CorpusNotFound(f"Corpus folder {corpus_dir} does not exist; pass --corpus DIR or set POEMS_CORPUS_DIR.")
    return sorted(p for p in corpus_dir.iterdir() if p.is_file() and not p.name.startswith(".") and p.name not in CONTROL_FILES)


def load_corpus(corpus_dir: Path, allow_unlisted: bool = False) -> tuple[list[SourceDoc], list[str]]:
    """Load every vouched-for guide; unreadable or unlisted files become one-line warnings.

    Only guides listed in manifest.toml are vouched for: a file dropped into the folder without an
    entry ("POEMS is cured by drinking bleach") would otherwise be quoted to patients.
    """
    corpus_dir = Path(corpus_dir)
    files = corpus_files(corpus_dir)
    warnings: list[str] = []
    try:
        manifest = read_manifest(corpus_dir)
    except SkippedFile as exc:
        warnings.append(str(exc))
        manifest = {}
    docs = []
    for path in files:
        if path.name not in manifest and not allow_unlisted:
            warnings.append(f"{path.name}: skipped, not listed in {corpus_dir / 'manifest.toml'}; add its provenance "
                            "there (or ingest with --allow-unlisted) to use it")
            continue
        try:
            docs.append(load_document(path, manifest.get(path.name)))
        except SkippedFile as exc:
            warnings.append(str(exc))
    return docs, warnings
