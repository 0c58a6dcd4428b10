"""Timeline rows: a span of time, then what happens in it."""

from assistant.timeline import labelled_row, lead_row_parts


def test_a_timeline_row_is_read_as_its_time_span_and_what_follows():
    assert labelled_row("3–6 months Pain often improves.") == ("3–6 months", "Pain often improves.")


def test_a_sentence_that_opens_with_a_number_is_no_timeline_row():
    assert labelled_row("45% required a wheelchair before transplant.") is None



def test_the_leading_row_shows_its_span_then_its_closest_sentence_then_the_rest():
    import numpy as np

    from assistant.candidate import Candidate
    from core.types import Chunk

    text = "- 2–5 years Slow ongoing gains. Feeling in the feet returns last."
    row = Chunk("t", "g.txt", "Guide", "Timeline", 0, len(text), text, sentences=((0, len(text)),))
    cand = Candidate(row, 0, text, 1.0, 1.0, 1.0, np.zeros(2))
    parts = lead_row_parts([cand], lambda sentences: [0.1 if s.startswith("Slow") else 0.9 for s in sentences])
    assert parts == {cand.key: "2–5 years: Feeling in the feet returns last. Slow ongoing gains."}
