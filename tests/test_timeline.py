"""Timeline rows: a span of time, then what happens in it."""

from assistant.timeline import labelled_row


def test_a_timeline_row_is_read_as_its_time_span_and_what_follows():
    assert labelled_row("3–6 months Pain often improves.") == ("3–6 months", "Pain often improves.")


def test_a_sentence_that_opens_with_a_number_is_no_timeline_row():
    assert labelled_row("45% required a wheelchair before transplant.") is None

