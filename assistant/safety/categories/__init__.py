"""The registry: every safety category the gate runs, in the order it runs them.

Order matters twice: a category sees the findings of those before it (out of scope needs to know
about an emergency, distress steps aside for a crisis), and flags and prefaces appear in this order. Adding a category is one module
here plus one line below; its classifier label needs exemplars in safety_data/exemplars.jsonl.
"""

from __future__ import annotations

from assistant.safety.categories import crisis, distress, emergency, injection, out_of_scope, personal_advice
from assistant.safety.category import Category

REGISTRY: tuple[Category, ...] = (
    crisis.CATEGORY,
    emergency.CATEGORY,
    injection.CATEGORY,
    personal_advice.CATEGORY,
    distress.CATEGORY,
    out_of_scope.CATEGORY,
)
