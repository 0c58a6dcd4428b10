"""Safety gate: flags crises, emergencies, personal medical instructions, distress, out-of-scope
questions and prompt injection before retrieval, and strips doses, individual instructions and unsupported claims from the
composed answer after. It never raises, and a failure can only add caution.

Layout: `text` (normalisation), `lexicon` (shared word patterns), `category` (the Category protocol),
`categories/` (one module per category, and the registry), `classifier` (softmax regression over the
offline embeddings, exemplars in assistant/safety_data/), `thresholds` (safety_data/thresholds.toml,
calibrated on the dev split only by `poems-assistant safety-eval --calibrate --write`), `gate`
(SafetyGate, orchestrating), `answer_check` (the check of the composed answer) and `paths` (where
safety_data/ lives).
"""

from assistant.safety.answer_check import (
    NOTHING_SUPPORTED,
    addresses_assistant,
    block_passes,
    check_blocks,
    is_individual_instruction,
    is_supported,
    norm_quote,
    orders_the_reader,
    states_dose,
)
from assistant.safety.categories import REGISTRY
from assistant.safety.categories.crisis import CRISIS_PREFACE
from assistant.safety.categories.distress import CAREGIVER_PREFACE, DISTRESS_PREFACE
from assistant.safety.categories.emergency import EMERGENCY_HINTS, EMERGENCY_PREFACE
from assistant.safety.categories.injection import INJECTION_REPLY
from assistant.safety.categories.personal_advice import CARE_TEAM_NOTE
from assistant.safety.category import Category, Finding, Message
from assistant.safety.classifier import (
    ORDINARY,
    ExemplarClassifier,
    SoftmaxRegression,
    _cache_key,
    exemplar_vectors,
    load_exemplars,
    vectors_cache_path,
    write_exemplar_cache,
)
from assistant.safety.gate import SafetyGate
from assistant.safety.paths import DEFAULT_EXEMPLARS
from assistant.safety.text import MAX_EMBED_CHARS, MAX_SCAN_CHARS, clean_text, light_normalise, normalise
from assistant.safety.thresholds import THRESHOLDS_FILE, read_thresholds, write_thresholds
from assistant.safety.verdict import SafetyVerdict

CATEGORIES = tuple(c.flag for c in REGISTRY)
LABELS = (ORDINARY, *(c.label for c in REGISTRY if c.label))
DEFAULT_THRESHOLDS = {c.label: c.default_threshold for c in REGISTRY if c.label}

__all__ = [
    "CAREGIVER_PREFACE", "CARE_TEAM_NOTE", "CATEGORIES", "CRISIS_PREFACE", "DISTRESS_PREFACE", "Category", "DEFAULT_EXEMPLARS", "DEFAULT_THRESHOLDS", "EMERGENCY_HINTS",
    "EMERGENCY_PREFACE", "ExemplarClassifier", "Finding", "INJECTION_REPLY", "LABELS", "MAX_EMBED_CHARS",
    "MAX_SCAN_CHARS", "Message", "NOTHING_SUPPORTED", "ORDINARY", "REGISTRY", "SafetyGate",
    "SafetyVerdict", "SoftmaxRegression", "THRESHOLDS_FILE", "_cache_key", "addresses_assistant", "block_passes", "check_blocks", "clean_text", "norm_quote", "orders_the_reader",
    "exemplar_vectors", "is_individual_instruction", "is_supported", "light_normalise", "load_exemplars",
    "normalise", "read_thresholds", "states_dose", "vectors_cache_path",
    "write_exemplar_cache", "write_thresholds",
]
