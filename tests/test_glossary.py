"""Plain words from the guides' glossary."""

from assistant.glossary import Glossary
from core.types import Chunk

TEXT = ("ASCT (Autologous Stem Cell Transplant) — High-dose chemotherapy followed by reinfusion of stem cells.\n"
        "Endocrinopathy — A disorder of hormone-producing glands.")
SPANS = ((0, TEXT.index("\n")), (TEXT.index("\n") + 1, len(TEXT)))
CHUNK = Chunk("g", "guide.txt", "Guide", "Glossary", 0, len(TEXT), TEXT, sentences=SPANS)


def test_entries_come_from_the_glossary_section_with_their_long_names():
    assert [e.names for e in Glossary([CHUNK]).entries] == [("ASCT", "Autologous Stem Cell Transplant"), ("Endocrinopathy",)]


def test_a_term_in_the_answer_is_found_in_text_order():
    found = Glossary([CHUNK]).terms_in("endocrinopathy is treated; ASCT is used")
    assert [e.names[0] for e in found] == ["Endocrinopathy", "ASCT"]


def test_a_term_the_question_already_used_is_not_explained_again():
    assert Glossary([CHUNK]).terms_in("ASCT is used", exclude="what is ASCT") == []


def test_chunks_outside_a_glossary_define_nothing():
    other = Chunk("x", "guide.txt", "Guide", "Treatment", 0, len(TEXT), TEXT, sentences=SPANS)
    assert Glossary([other]).entries == []
