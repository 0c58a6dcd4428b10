"""Cleaning applied at load: web leftovers, repeated text, markdown and PDF artifacts, tables.

Rules are data (a pattern and the reason it exists) so a maintainer can see why a line went,
and so the next guide dropped into corpus/ gets the same treatment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """A line-level removal rule."""

    name: str
    pattern: re.Pattern


def _r(name: str, pattern: str) -> Rule:
    return Rule(name, re.compile(pattern, re.IGNORECASE))


# Whole lines that are website furniture rather than guide content.
LINE_RULES: list[Rule] = [
    _r("newsletter", r"^(get|sign up for|subscribe to) (our |the )?(weekly |daily )?(health[- ]related |health )?(e-?mail|newsletter)"),
    _r("newsletter", r"^get daily health and wellness advice"),
    _r("privacy", r"^your privacy is important to us"),
    _r("privacy", r"\b(cookie policy|we use cookies|accept (all )?cookies)\b"),
    _r("ad-widget", r"^best milk alternative$"),
    _r("widget-code", r"^\[[a-z0-9_]+(-[a-z0-9_]+)+(\s[^\]]*)?\]$"),
    _r("comments", r"^leave a (reply|comment)$"),
    _r("comments", r"^your email address will not be published"),
    _r("site-terms", r"presents all health information in line with our terms"),
    _r("site-terms", r"isn.t medical guidance\. it shouldn.t replace"),
    _r("site-terms", r"^see our editorial standards"),
    _r("site-disclaimer", r"^medical disclaimer:"),
    _r("company", r"\bis a citizen-centric\b|\bhealth data management platform\b"),
    _r("company", r"^[\w .&/-]{2,60}\b(ltd|limited|llc|inc|gmbh)\.?$"),
    _r("company", r"^(vat|company|registration) (number|no\.?)\b"),
    _r("phone", r"^(phone|tel|telephone)( number)?:?\s*[+\d() -]*$"),
    _r("phone", r"^\+?\d[\d ()-]{8,}\d$"),
    _r("address", r"^[a-z ]+\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$"),
    _r("page-meta", r"^short answer\s*·.*last updated:"),
    _r("community-callout", r"^to get involved:?$"),
]
# A call to join that ends a content line and leads to nothing ("… shaping future research. To get involved:"): the
# sentence before it is content (the member count patients ask about), the call is not.
_TRAILING_CALL = re.compile(r"\s+to get involved:?\s*$", re.IGNORECASE)

# Degree words that mark an author byline or bio heading.
_DEGREE = re.compile(r"\b(BSc|MSc|PhD|MD|Bachelor|Master|Doctor of|University of)\b")
_BULLET = re.compile(r"^\s*(?:[•●▪◦‣∙·*]|-(?=\s))\s*")
# a reference number glued to a word or to its closing punctuation ("patients.1", "include:1"),
# but never the digits of a decimal ("0.3") or a version ("1.0")
_FOOTNOTE = re.compile(r"(?:(?<=[a-z)\]])|(?<=[a-z)\]][.:]))(\d{1,2})(?=\s|$)")
_GREEK = re.compile(r"(?<=[-\w])\s+([αβγδκλ])(?=\W|$)")


# A guide is text: markup left in it (a tag, a markdown image or link) must never draw on the
# patient's screen or make the browser fetch anything, so it is reduced to its words at ingest.
_TAG = re.compile(r"</?[A-Za-z!][^<>]*>")
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:[a-z]+:|//|/|#)[^)]*\)", re.I)


def strip_markup(line: str) -> str:
    """A line's words without HTML tags, markdown images or link targets."""
    s = _MD_IMAGE.sub(r"\1", line)
    s = _MD_LINK.sub(r"\1", s)
    return re.sub(r"[ \t]{2,}", " ", _TAG.sub(" ", s)).strip()


def normalise_inline(line: str) -> str:
    """Fix markdown and PDF-extraction artifacts inside one line."""
    s = strip_markup(line).replace("\u00a0", " ")
    s = s.replace("\\geq", "≥").replace("\\leq", "≤").replace("\\times", "×")
    s = re.sub(r"\*\*(.+?)\*\*", r"\1", s)
    s = s.replace("**", "")
    # *italic* → italic, but keep a lone asterisk (footnote mark) untouched
    s = re.sub(r"(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])", r"\1", s)
    # italics opened on one line and closed on the next (a pulled quote spanning lines)
    s = re.sub(r"^\*(?=[\"“])", "", s)
    s = re.sub(r"(?<=[\"”])\*$", "", s)
    s = _GREEK.sub(r"\1", s)
    s = re.sub(r"\s+([,;])", r"\1", s)
    s = _TRAILING_CALL.sub("", s)
    s = re.sub(r"[ \t]{2,}", " ", s) if "\t" not in s else re.sub(r" {2,}", " ", s)
    return s.strip()


def strip_footnote_marks(line: str) -> str:
    """Drop reference numbers glued to words ('patients.1' → 'patients.')."""
    return _FOOTNOTE.sub("", line)


def is_leftover(line: str) -> str | None:
    """Name of the rule a line breaks, or None for content."""
    text = line.strip()
    for rule in LINE_RULES:
        if rule.pattern.search(text):
            return rule.name
    return None


def drop_author_blocks(paragraphs: list[str]) -> list[str]:
    """Remove author bylines (names with degrees) and the author bio block (name, degree, 'X holds…')."""
    out: list[str] = []
    names: set[str] = set()
    skip_bio_for: str | None = None
    for i, para in enumerate(paragraphs):
        plain = _BULLET.sub("", para).strip()
        lines = [_BULLET.sub("", ln).strip() for ln in para.splitlines()]
        if all(_DEGREE.search(ln) and len(ln.split()) <= 20 for ln in lines if ln) and any(
            re.match(r"^[A-Z][a-z]+ [A-Z][a-z]+", ln) for ln in lines
        ):
            names.update(ln.split()[0] for ln in lines if ln)
            continue  # byline
        nxt = paragraphs[i + 1] if i + 1 < len(paragraphs) else ""
        if re.fullmatch(r"[A-Z][a-z]+( [A-Z][a-z]+){1,2}", plain) and _DEGREE.search(nxt):
            skip_bio_for = plain.split()[0]
            continue  # bio heading (a bare name)
        if skip_bio_for and (_DEGREE.search(plain) and len(plain.split()) <= 15):
            continue
        if skip_bio_for and re.match(rf"^({re.escape(skip_bio_for)}|She|He|They)\b", plain):
            continue
        skip_bio_for = None
        out.append(para)
    return out


def dedupe_sentences(paragraphs: list[str], min_words: int = 6) -> list[str]:
    """Remove sentences repeated verbatim earlier in the document (scraped pages repeat their lead)."""
    from core.sentences import split_sentences

    seen: set[str] = set()
    out: list[str] = []
    for para in paragraphs:
        lines = []
        for line in para.split("\n"):
            spans = split_sentences(line)
            kept = []
            for a, b in spans:
                key = re.sub(r"\s+", " ", line[a:b]).strip().lower()
                if len(key.split()) >= min_words and key in seen:
                    continue
                seen.add(key)
                kept.append(line[a:b])
            if len(kept) == len(spans):
                lines.append(line)
            elif kept:
                lines.append(" ".join(kept))
        if lines:
            out.append("\n".join(lines))
    return out


def render_table(rows: list[list[str]]) -> list[str]:
    """Turn tab-separated rows into readable lines: 'Row — Col: cell; Col: cell.'"""
    header, body = rows[0], rows[1:]
    lines = []
    for row in body:
        label, cells = row[0].strip(), [c.strip() for c in row[1:]]
        if len(header) == 2:
            lines.append(f"{label}: {cells[0] if cells else ''}".rstrip())
        else:
            parts = [f"{h.strip()}: {c}" for h, c in zip(header[1:], cells, strict=False) if c]
            lines.append(f"{label} — " + "; ".join(parts) + ".")
    return lines


_FOOTER_RULES = {"company", "phone", "address", "site-terms"}


def _is_contact_block(para: str) -> bool:
    """A footer block (company, registration numbers, address, phone): drop it whole, street lines too."""
    lines = [ln for ln in para.splitlines() if ln.strip()]
    hits = [is_leftover(ln) in _FOOTER_RULES for ln in lines]
    if sum(hits) < 2:
        return False
    return all(hit or len(ln.split()) <= 6 or is_leftover(ln) for ln, hit in zip(lines, hits, strict=True))


_FIGURE_WORD = re.compile(r"\d+-[a-z]")


def _is_stat(para: str) -> bool:
    s = para.strip()
    return "\n" not in s and 0 < len(s) <= 12 and sum(c.isalpha() for c in s) < 0.5 * len(s.replace(" ", ""))


def join_broken_paragraphs(paragraphs: list[str]) -> list[str]:
    """Re-join text a PDF page break split: a big-number callout and its caption ('~90%' +
    'hematologic response…'), or a sentence cut mid-way ('…usually does not' + 'cause heavy…')."""
    out: list[str] = []
    for para in paragraphs:
        prev = out[-1].rstrip() if out else ""
        starts_lower = para.strip()[:1].islower()
        cut_sentence = prev and not prev.startswith("- ") and "\n" not in prev and prev[-1:].isalpha() and len(prev.split()) > 6
        # a caption may open with its own figure ("~80%" + "5-year overall survival with ASCT" had been quoted without
        # the 80%)
        caption = starts_lower or bool(_FIGURE_WORD.match(para.strip()))
        if out and ((starts_lower and cut_sentence) or (caption and _is_stat(prev))):
            out[-1] = f"{prev} {para.strip()}"
        else:
            out.append(para)
    return out


def clean_paragraphs(paragraphs: list[str]) -> list[str]:
    """Apply every cleaning step to a document's paragraphs (blank-line separated blocks)."""
    cleaned: list[str] = []
    for para in drop_author_blocks(paragraphs):
        if _is_contact_block(para):
            continue
        lines = []
        for raw in para.splitlines():
            if is_leftover(raw):
                continue
            line = strip_footnote_marks(normalise_inline(raw))
            if _BULLET.match(raw) and line:
                line = "- " + _BULLET.sub("", line)
            if line:
                lines.append(line)
        if not lines:
            continue
        if len(lines) >= 2 and all("\t" in ln for ln in lines):
            lines = render_table([ln.split("\t") for ln in lines])
        cleaned.append("\n".join(lines))
    return dedupe_sentences(join_broken_paragraphs(cleaned))
