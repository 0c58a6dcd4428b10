"""The one citation grammar: numbering, rendering, parsing and stripping markers."""

from core.citations import build_citations, numbering, parse, render, strip
from core.types import Block, BlockKind, Chunk, Cite


def _block(text: str, *ids: str, kind: BlockKind = BlockKind.SENTENCE, role: str = "claim") -> Block:
    return Block(text, kind, tuple(Cite(i, ((0, 5),)) for i in ids), role=role)


def test_numbers_follow_first_appearance():
    assert numbering([_block("A.", "x"), _block("B.", "y"), _block("C.", "x")]) == {"x": 1, "y": 2}


def test_sentences_run_on_and_items_start_lines():
    text = render([_block("Lead:", "x"), _block("one", "x", kind=BlockKind.ITEM), _block("After.", "y")])
    assert text == "Lead: [1]\n- one [1]\n\nAfter. [2]"


def test_a_block_citing_two_chunks_carries_both_markers():
    assert render([_block("Both.", "x", "y")]) == "Both. [1][2]"


def test_safety_lines_stand_as_their_own_paragraphs():
    text = render([_block("Call now.", role="safety"), _block("Fact.", "x"), _block("Ask your team.", role="care")])
    assert text == "Call now.\n\nFact. [1]\n\nAsk your team."


def test_parse_reads_grouped_and_repeated_markers():
    assert parse("A [1, 3]. B [2][3].") == [1, 3, 2]


def test_strip_removes_markers_and_their_space():
    assert strip("A fact. [1] Another. [12]") == "A fact. Another."


def test_citation_quotes_span_the_sentences_used():
    chunk = Chunk("x", "g.txt", "Guide", "Sec", 10, 40, "First one. Second one. Third.", sentences=((0, 10), (11, 22), (23, 29)))
    blocks = [Block("First one.", cites=(Cite("x", ((0, 10),)),)), Block("Third.", cites=(Cite("x", ((23, 29),)),))]
    [citation] = build_citations(blocks, {"x": chunk})
    assert citation.quote == "First one. Second one. Third."
