"""Answer blocks: a closing lead-in brings the list sections under its heading, each under its heading."""

import numpy as np

from assistant.blocks import MAX_GROUPS, groups_below, to_blocks
from assistant.compose import Candidate
from core.citations import build_citations, render
from core.types import Chunk


def _chunk(cid: str, section: str, lines: list[str], start: int = 0) -> Chunk:
    text, spans, at = "", [], 0
    for line in lines:
        if text:
            text += "\n" if line.startswith("- ") else " "
        at = len(text)
        text += line
        spans.append((at, len(text)))
    return Chunk(cid, "g.txt", "Guide", section, start, start + len(text), text, sentences=tuple(spans))


HEAD = _chunk("h", "Criteria", ["The criteria are the standard.", "A diagnosis needs all groups below."])
MANDATORY = _chunk("m", "Criteria › Mandatory — BOTH", ["- Polyneuropathy", "- Monoclonal disorder"], 100)
MINOR = _chunk("n", "Criteria › Minor — ONE", ["- Papilledema"], 200)
PROSE = _chunk("p", "Criteria › A Variant", ["A recognized separate entity."], 300)
NEXT = _chunk("x", "Treatment", ["- Radiation"], 400)


def test_a_closing_lead_in_brings_the_list_sections_under_its_heading():
    assert [c.id for c in groups_below(HEAD, [MANDATORY, MINOR, NEXT])] == ["m", "n"]


def test_the_run_of_groups_stops_at_a_section_that_is_no_list():
    assert [c.id for c in groups_below(HEAD, [MANDATORY, PROSE, MINOR])] == ["m"]


def test_a_passage_not_ending_in_a_lead_in_brings_nothing():
    plain = _chunk("h2", "Criteria", ["The criteria are the standard."])
    assert groups_below(plain, [MANDATORY]) == []


def test_a_section_elsewhere_is_no_group():
    assert groups_below(HEAD, [NEXT, MANDATORY]) == []


def test_more_groups_than_one_lead_in_may_bring_bring_none():
    many = [_chunk(f"g{k}", f"Criteria › Group {k}", ["- item"], 100 * (k + 1)) for k in range(MAX_GROUPS + 1)]
    assert groups_below(HEAD, many) == []


def _blocks():
    lead_in = Candidate(HEAD, 1, HEAD.sentence_texts()[1], 1.0, 1.0, 0.0, np.ones(3) / np.sqrt(3))
    return to_blocks([lead_in], below={lead_in.key: [MANDATORY, MINOR]})


def test_each_group_is_shown_under_its_heading_then_its_items():
    assert render(_blocks()).splitlines()[2:5] == ["Mandatory — BOTH [2]", "- Polyneuropathy [2]", "- Monoclonal disorder [2]"]


def test_every_group_block_cites_its_own_passage():
    blocks = _blocks()
    cites = build_citations(blocks, {"h": HEAD, "m": MANDATORY, "n": MINOR})
    assert [c.chunk_id for c in cites] == ["h", "m", "n"]


CENTERS = _chunk("c", "Centers", ["Every patient should be seen at a center."], 500)
AMERICA = _chunk("a", "Centers › America", ["Mayo Clinic (Rochester) — The reference center.", "Cleveland Clinic — A program."], 600)


def test_a_who_or_where_question_brings_the_directory_under_a_sections_opening():
    assert [c.id for c in groups_below(CENTERS, [AMERICA], entries=True)] == ["a"]


def test_a_directory_comes_only_for_a_who_or_where_question():
    assert groups_below(CENTERS, [AMERICA]) == []


def test_a_group_sentence_chosen_on_its_own_is_shown_once_in_its_group():
    opening = Candidate(CENTERS, 0, CENTERS.sentence_texts()[0], 1.0, 1.0, 0.0, np.ones(3) / np.sqrt(3))
    entry = Candidate(AMERICA, 1, AMERICA.sentence_texts()[1], 1.0, 1.0, 0.0, np.ones(3) / np.sqrt(3))
    text = render(to_blocks([entry, opening], below={opening.key: [AMERICA]}))
    assert text.count("Cleveland Clinic") == 1


def test_a_timeline_row_given_a_part_shows_its_span_then_that_part():
    row = _chunk("t", "Timeline", ["- 2–5 years Slow ongoing gains. Feeling in the feet returns last."])
    cand = Candidate(row, 0, row.text, 1.0, 1.0, 1.0, np.zeros(2))
    blocks = to_blocks([cand], rows={cand.key: "2–5 years: Feeling in the feet returns last. Slow ongoing gains."})
    assert blocks[0].text == "2–5 years: Feeling in the feet returns last. Slow ongoing gains."
