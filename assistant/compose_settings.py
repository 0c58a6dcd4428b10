"""The composer's settings: the weights and limits of sentence selection, and the learned models it may use.

Their own module, beside the composer that reads them: the trainers and the evals build settings without the composer.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.abstention import AbstainModel, packaged_abstain_model
from assistant.candidate import LeadWeights, packaged_lead_weights


@dataclass
class ComposerSettings:
    """Weights and limits of sentence selection; the abstention threshold is calibrated on the eval dev split."""

    w_sim: float = 0.55
    w_kw: float = 0.35
    w_prior: float = 0.10
    w_authority: float = 0.10
    # Swept on the dev halves of the gold set and the patient set (185 questions, 30 the guides do
    # not cover; never heldout): 0.45/0.64 refused 12 of 155 answerable questions for 21 of 30
    # correct refusals, 0.40/0.60 9 for 17, 0.35/0.55 4 for 11; 0.38/0.58 sits between. An everyday word the guides lack ("coming",
    # "tablets") no longer counts as unknown, so the second rule mostly fires on real topics the
    # guides never mention ("diet", "vaccine", "acupuncture").
    # Then everyday English (the Dale-Chall words: "keep", "sent", "mine") stopped counting as unknown
    # too, and on both patient question sets (331 questions, every half of them dev by now) the
    # questions left with an unknown word were 18 answerable and 32 not: at 0.58 that refused 6 and
    # 23 of them, at 0.62 7 and 30, at 0.66 12 and 32.
    abstain_below: float = 0.38
    abstain_unknown_below: float = 0.62
    abstain_life_below: float = 0.75
    # no candidate sentence this close in meaning: keyword overlap alone is no evidence. On the five read
    # patient question sets (511 answerable, 103 not) the closest sentence was never under 0.20 for a
    # question answered now; "can she still drive" (0.19, "VEGF drives …") was answered
    abstain_far_below: float = 0.20
    keep_gap: float = 0.16
    neighbour_bonus: float = 0.06
    max_chars: int = 1000
    list_chars: int = 1600
    max_sentences: int = 5
    list_sentences: int = 12
    dup_cos: float = 0.9
    w_fit: float = 0.08  # lead bonus for a sentence shaped like the answer asked for (a number, a cause…)
    # of the sentences shaped like the answer asked for, the stronger source leads a near tie (in the
    # order of the answer only: the evidence that decides abstention, and conflict contenders, keep w_authority)
    w_lead_authority: float = 0.10
    w_section: float = 0.10  # lead bonus for the opening of a section whose heading is the question's subject
    lean_penalty: float = 0.2  # a sentence leaning on one that cannot be shown should not lead
    continuation_gap: float = 0.25  # a leaning next sentence completes the lead unless far off topic
    on_topic_sim: float = 0.45  # support must be this close to the question, or cover this much of it
    # (0.35 -> 0.45 on the patient dev half: on-topic 0.658 -> 0.672, all facts 0.527 -> 0.540; gold dev facts 0.877 -> 0.847)
    on_topic_kw: float = 0.3
    w_own: float = 2.0  # a follow-up's own subject words weigh this much more than the conversation's
    w_long: float = 0.05  # per 25 words past 25: plainer, shorter sentences win near-ties
    max_definitions: int = 1  # glossary lines added to explain a term the answer leans on
    conflict_topic_sim: float = 0.45
    absent_term_weight: float = 2.0
    # added to the lead rank at a sentence's full vote from the questions asked before (Candidate.asked):
    # swept 0 / 1 / 1.5 / 2 on patient, t12-t16 and t17 dev; the same bonus on the support score lost facts
    w_asked_lead: float = 1.5
    # a sentence that answered the nearest questions asked before supports at this share of their votes even
    # below the topic bar and the keep gap, and w_asked_support of its vote orders the support: of the not-chosen
    # candidates of the pooled read sets (first, t12-t24, t25 dev), those voted over 0.6 held a fact the answer
    # missed 42% of the time, those in the keep gap but under the topic bar 9%. Swept 0.8 / 0.6 / 0.5 / 0.4 / 0.3
    # / 0.2 / 0.1 (weight 0.3; at 0.6, weight 0 and 0.6 each lost a few facts): questions facts 0.728 -> 0.760 /
    # 0.796 / 0.806 / 0.814 / 0.833 / 0.849 / 0.862, on-topic 0.780 -> 0.774 / 0.774 / 0.773 / 0.767 / 0.753 / 0.741 /
    # 0.725; past 0.3 each step bought less than it cost. With _asked_support's exclusions, at 0.3: 0.828 / 0.759
    asked_support: float = 0.3
    w_asked_support: float = 0.3
    # weights of LEAD_FEATURES that rank candidates for the lead; None: the hand weights above (w_fit …
    # w_section on the score). A Composer given no settings uses ComposerSettings.learned(): the weights
    # packaged in LEAD_WEIGHTS_FILE (evals/lead_train.py)
    lead_weights: tuple[float, ...] | None = None
    lead_meaning: tuple[float, ...] | None = None  # weights of meaning_features (one per embedding dimension)
    # the meaning weights' share of the lead rank; on patient, t12-t20, t21 dev: 1 facts 1,056 direct 927, 0.5 1,060 / 950, 0 1,054 / 947
    meaning_scale: float = 0.5
    # decides whether a stand-alone question is refused (assistant/abstention.py); None: the rules above
    abstain_model: AbstainModel | None = None

    @classmethod
    def learned(cls, weights: LeadWeights | None = None, embedder: str | None = None, **overrides) -> ComposerSettings:
        """Settings whose lead ranking uses the learned weights (by default the packaged ones), unless
        they were learned on another embedder's vectors than `embedder` (its name), when given."""
        weights = weights or packaged_lead_weights()
        model = overrides.pop("abstain_model", None) or packaged_abstain_model()
        if model is not None and embedder and model.embedder and embedder != model.embedder:
            model = None
        if weights is None or (embedder and weights.embedder and embedder != weights.embedder):
            return cls(abstain_model=model, **overrides)
        return cls(lead_weights=weights.features, lead_meaning=weights.meaning or None, abstain_model=model, **overrides)
