"""A nearest-neighbour head: a message worded like a crisis someone wrote before, and more like it than anything else.

The linear crisis head (heads.py) draws one boundary through the embedding space; a crisis said in a wording of its own
("i mean it this time", "its my husbands tramadol, ive been counting them") can sit on the calm side of it and still lie
right beside a crisis an earlier set's writer wrote. This head keeps the read messages themselves — crises on one side,
everything else (ordinary, distress, emergencies, answer-set questions) on the other — and says a message is like a
crisis when its closest crisis is close (cosine >= FLOOR) and clearly closer than its closest other message (by MARGIN).
The crisis category trusts it only through the linear head's own rule (not fear of dying, not a question about the
disease, not an emergency), so it adds caution where a near twin was a crisis and no alarm where the twin was calm.

Built offline by `poems-assistant safety-train` from the same read messages as the linear head and shipped as int8
vectors in assistant/safety_data/nearest.npz (a cosine moves by under 0.01 for it).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.safety.paths import DATA_DIR

log = logging.getLogger(__name__)

NEAREST_FILE = DATA_DIR / "nearest.npz"
# Measured leave-one-set-out on the patient safety sets (patient … test33 whole, test34 dev; each set's messages against
# a head built without them), on the messages the gate let through before it, through the crisis head's rule: floor
# 0.55 / margin 0.1 found 22 of the 58 crises missed with 2 false alarms in 4,190 calm (ordinary and distress) messages
# (0.6 / 0.1: 20 and 2; 0.45 / 0.1: 24 and 2; 0.6 / 0.05: 22 and 11; 0.6 / 0.08: 22 and 5; 0.65 / 0.1: 15 and 2).
# The margin is what keeps calm twins calm. On test34's dev half, which no pattern had yet been written from: 5 of its
# 11 missed crises, no false alarm.
FLOOR = 0.55
MARGIN = 0.1
_SCALE = 127.0


@dataclass(frozen=True)
class NearestHead:
    """1.0 when a vector's nearest `positives` row is within FLOOR and MARGIN closer than its nearest `others` row."""

    label: str  # the key the gate files its score under in Scores.heads
    positives: np.ndarray  # unit vectors of the messages with the label, one per row
    others: np.ndarray  # unit vectors of every other read message
    model: str
    floor: float = FLOOR
    margin: float = MARGIN

    def closest(self, vector: np.ndarray) -> tuple[float, float]:
        """Cosine to the nearest positive and to the nearest other message."""
        v = np.asarray(vector, dtype=np.float32)
        near = float((self.positives @ v).max()) if len(self.positives) else -1.0
        other = float((self.others @ v).max()) if len(self.others) else -1.0
        return near, other

    def probability(self, vector: np.ndarray) -> float:
        near, other = self.closest(vector)
        return 1.0 if near >= self.floor and near - other >= self.margin else 0.0


def save_nearest(head: NearestHead, path: Path = NEAREST_FILE) -> Path:
    """Write the head's vectors as int8 (cosines move by under 0.01) with its label and model."""
    np.savez_compressed(
        path, allow_pickle=False, label=np.array(head.label), model=np.array(head.model),
        positives=np.round(np.asarray(head.positives, dtype=np.float32) * _SCALE).astype(np.int8),
        others=np.round(np.asarray(head.others, dtype=np.float32) * _SCALE).astype(np.int8),
    )
    return path


def load_nearest(model: str, path: Path = NEAREST_FILE, dim: int | None = None) -> dict[str, NearestHead]:
    """The nearest-neighbour head for this embedding model, by its label ({} when there is none or it is another's)."""
    if not path.exists():
        return {}
    with np.load(path, allow_pickle=False) as z:
        head = NearestHead(label=str(z["label"]), model=str(z["model"]),
                           positives=z["positives"].astype(np.float32) / _SCALE, others=z["others"].astype(np.float32) / _SCALE)
    if head.model != model or (dim is not None and head.positives.shape[1:] != (dim,)):
        log.warning("nearest-neighbour safety head in %s was built for %s, not %s; ignoring it (run "
                    "`poems-assistant safety-train` to rebuild)", path, head.model, model)
        return {}
    return {head.label: head}
