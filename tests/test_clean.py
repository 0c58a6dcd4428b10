"""Cleaning: every web leftover is gone and no sentence of the guides' own content is lost."""

import re

import pytest

from ingest.clean import is_leftover, normalise_inline, strip_footnote_marks
from ingest.load import load_corpus, read_manifest
from tests.conftest import CORPUS, SEEDS

LEFTOVERS = [
    "Get our weekly health related email",
    "Get our health newsletter",
    "Get daily health and wellness advice",
    "Your privacy is important to us",
    "Best Milk Alternative",
    "optin-monster",
    "[optin",
    "Jessica holds a Bachelor",
    "She is passionate about effectively communicating",
    "Bachelor of Science - BSc Cancer Sciences",
    "Harry White",
    "Leave a Reply",
    "Your email address will not be published",
    "presents all health information in line with our terms",
    "citizen-centric health data management platform",
    "Managed Self Ltd",
    "Alum House",
    "Alum Chine Road",
    "BH4 8DT",
    "VAT Number",
    "Company Number",
    "Phone Number",
    "+44 20 3239 9818",
    "3239 9818",
    "To get involved",
    "Short answer · Medically reviewed summary",
    "See our editorial standards",
    "\\geq",
    "**",
]

# Lines of the author bio and the company footer: leftovers by construction, expected to go.
REMOVED_LINE_MARKERS = ["Jessica", "Harry White", "She is passionate", "Bachelor of Science", "Alum ", "Westbourne",
                        "Managed Self", "Klarity is a", "my.klarity.health"]


@pytest.fixture(scope="module")
def cleaned():
    docs, warnings = load_corpus(CORPUS)
    assert warnings == []
    return {d.meta.source_id: d for d in docs}


def _manifest_seeds():
    import tomllib

    data = tomllib.loads((CORPUS / "manifest.toml").read_text())
    return {name: entry["seed"] for name, entry in data.items()}


def test_corpus_files_are_the_seeds_exactly():
    if not SEEDS.exists():
        pytest.skip(f"the original seed files are not here ({SEEDS}); nothing to compare the corpus with")
    for name, seed in _manifest_seeds().items():
        assert (CORPUS / name).read_bytes() == (SEEDS / seed).read_bytes(), name


@pytest.mark.parametrize("leftover", LEFTOVERS)
def test_leftover_is_gone(cleaned, leftover):
    for source_id, doc in cleaned.items():
        assert leftover not in doc.text, f"{leftover!r} still in {source_id}"


def test_repeated_lead_paragraph_appears_once(cleaned):
    text = cleaned["diseasemaps-poems-research.txt"].text
    lead = "Current advances in POEMS syndrome focus on optimizing autologous stem cell transplantation"
    assert text.count(lead) == 1
    assert text.count("The primary focus in POEMS syndrome research remains") == 1


def test_pdf_and_markdown_artifacts_fixed(cleaned):
    guide = cleaned["bare-your-rare-poems-guide.txt"].text
    assert "sPAP ≥ 50 mmHg" in guide
    assert "interleukin-1β, interleukin-6, and TNF-α" in guide
    assert "approximately 0.3 in every 100,000" in cleaned["klarity-what-is-poems.txt"].text
    assert "Version 1.0" in guide  # a version number is not a footnote mark


def test_tables_stay_readable(cleaned):
    guide = cleaned["bare-your-rare-poems-guide.txt"].text
    assert "Response to IVIG or steroids — POEMS Syndrome: Minimal or none; CIDP: Often substantial." in guide
    assert "Every 6 months: Nerve conduction studies, echocardiogram (if prior PH or risk factors)" in guide
    assert "\t" not in guide


def _content_sentences(raw: str):
    """Sentences of the raw seed that are guide content (not leftovers), normalised like cleaning does."""
    from core.sentences import split_sentences

    for para in re.split(r"\n[ \t]*\n", raw):
        for n, line in enumerate(para.splitlines()):
            if is_leftover(line) or re.match(r"^\s*-\s*\d{2}\**\s", line) or any(m in line for m in REMOVED_LINE_MARKERS):
                continue
            if "\t" in line and n == 0:
                continue  # a table's header row is folded into its rows' labels
            if "\t" in line:
                for cell in line.split("\t"):
                    yield normalise_inline(cell)
                continue
            norm_line = strip_footnote_marks(normalise_inline(line)).lstrip("•- ").strip()
            for a, b in split_sentences(norm_line):
                s = norm_line[a:b]
                if len(s.split()) >= 4:
                    yield s


@pytest.mark.parametrize("name", ["bare-your-rare-poems-guide.txt", "diseasemaps-poems-research.txt", "klarity-what-is-poems.txt"])
def test_no_content_sentence_lost(cleaned, name):
    raw = (CORPUS / name).read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", cleaned[name].text)
    missing = [s for s in _content_sentences(raw) if re.sub(r"\s+", " ", s) not in text]
    assert missing == [], missing[:5]


def test_manifest_has_provenance():
    meta = read_manifest(CORPUS)
    assert meta["bare-your-rare-poems-guide.txt"].authority == 1
    assert meta["klarity-what-is-poems.txt"].authority > meta["diseasemaps-poems-research.txt"].authority
    for m in meta.values():
        assert m.title
        assert m.publisher
        assert m.date


def test_rules_keep_ordinary_content():
    for line in [
        "Kidney disease is present in roughly 15% of patients.",
        "Ask your doctor for SPEP plus immunofixation",
        "Mayo Clinic (Rochester, MN) — The global reference center for POEMS care and research.",
    ]:
        assert is_leftover(line) is None


def test_the_community_member_count_is_guide_content(cleaned):
    # patients ask it ("how many people are on that diseasemaps thing"): eleven read patient questions did
    assert "With 59 members currently sharing their experiences" in cleaned["diseasemaps-poems-research.txt"].text


def test_a_big_number_callout_joins_a_caption_that_opens_with_its_own_figure():
    from ingest.clean import join_broken_paragraphs

    joined = join_broken_paragraphs(["~80%", "5-year overall survival with ASCT", "Next paragraph."])
    assert joined == ["~80% 5-year overall survival with ASCT", "Next paragraph."]


def test_a_number_callout_does_not_swallow_a_sentence_that_starts_a_new_paragraph():
    from ingest.clean import join_broken_paragraphs

    assert join_broken_paragraphs(["~80%", "Treatment works."]) == ["~80%", "Treatment works."]
