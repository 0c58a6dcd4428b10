"""The eval report's patient failures: a held-out case is listed by id, never by its words."""

from evals.report import patient_failures_markdown


def _case(cid: str, split: str, question: str) -> dict:
    return {"id": cid, "answer_kind": "yesno", "turn_type": "first", "question": question, "split": split,
            "passed": False, "reasons": ["missing fact ['vegf']"], "answer": f"an answer to {question}"}


SECTION = {"questions": {"cases": [_case("q-1", "heldout", "secret held out words"), _case("q-2", "dev", "dev words")]},
           "conversations": {"turns": []}}


def test_a_held_out_failure_is_listed_by_id():
    assert any("**q-1**" in line for line in patient_failures_markdown(SECTION))


def test_a_held_out_failure_shows_none_of_its_words():
    assert not any("secret held out words" in line for line in patient_failures_markdown(SECTION))


def test_a_dev_failure_shows_its_question():
    assert any("dev words" in line for line in patient_failures_markdown(SECTION))
