"""The gate: thresholds checked against the report's flattened metrics."""

from evals.gate import check_gate


def test_gate_fails_when_a_gated_metric_is_missing():
    problems = check_gate({"a": 1.0}, {"min": {"a": 0.5, "b": 0.1}, "max": {"a": 2.0}})
    assert problems == ["b: not measured (threshold min 0.1)"]
    assert check_gate({}, {"min": {"gain.hit@5": 0.0}}, skip_prefixes=["gain."]) == []
    assert check_gate({"x": 3.0}, {"max": {"x": 2.0}}) == ["x = 3.0 is above the maximum 2.0"]
