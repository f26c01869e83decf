"""The mixed tagger (transformer + CRF): per-type shares and a bias against O in its Viterbi pass."""

from __future__ import annotations

import numpy as np

from marsad.stages.entities.neural import LABELS, CombinedTagger, mix_vector


class _Neural:
    """One word: B-ORG 0.6, O 0.4."""

    version, transitions = "e5-stub", None

    def word_scores(self, sentences):
        p = np.full(len(LABELS), 1e-6)
        p[LABELS.index("B-ORG")], p[LABELS.index("O")] = 0.6, 0.4
        return [np.log(np.tile(p, (len(s), 1))) for s in sentences]


class _Crf:
    """One word: O 0.9, B-ORG 0.1."""

    version = "crf-stub"

    def marginals(self, tokens):
        return ["O"] * len(tokens), [{"O": 0.9, "B-ORG": 0.1} for _ in tokens]


def test_per_type_shares_and_o_bias_change_the_decision() -> None:
    words = [["واس"]]
    assert CombinedTagger(_Neural(), _Crf(), 0.5).tag_many(words) == [["O"]]  # O 0.65 against ORG 0.35
    assert CombinedTagger(_Neural(), _Crf(), 0.5, o_bias=0.7).tag_many(words) == [["B-ORG"]]
    shares = {"O": 1.0, "PER": 0.5, "LOC": 0.5, "ORG": 1.0, "MISC": 0.5}  # the transformer alone on O and ORG
    assert CombinedTagger(_Neural(), _Crf(), shares).tag_many(words) == [["B-ORG"]]
    assert list(mix_vector(shares)) == [1.0, 0.5, 0.5, 0.5, 0.5, 1.0, 1.0, 0.5, 0.5]
    versions = {CombinedTagger(_Neural(), _Crf(), w, b).version for w, b in ((0.5, 0.0), (0.5, 0.7), (shares, 0.0))}
    assert len(versions) == 3 and CombinedTagger(_Neural(), _Crf(), 0.5).version == "e5-stub+crf-crf-stub-0.5"
