"""Word shingles of normalized text, hashed to 32 bits, and their MOD-m fingerprint sample.

A shingle is ``n`` consecutive word keys (:func:`marsad.arabic.keys.word_keys` of the
normalized text). Words are hashed by :func:`marsad.arabic.keys.word_key_hashes` over a
whole batch of articles at once, and the shingles are combined and mixed in a few numpy
operations (no per-token Python work). Hashes are stable across processes and machines
(no Python ``hash``), so the persisted index stays valid.

Fingerprints are Broder's MOD-m sample (Broder 1997, "On the resemblance and containment
of documents"): the shingles whose hash is 0 modulo ``m``. Unlike a fixed-size MinHash
sketch, the sample of A ∩ B is the intersection of the samples of A and B, so shared
fingerprints estimate the *overlap* and therefore containment (a short article inside a
long one), which a Jaccard sketch misses.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from marsad.arabic.keys import mix64, word_key_hashes

_MULT = np.uint64(0x9E3779B97F4A7C15)  # golden-ratio odd constant: order-sensitive combination

#: texts are hashed in chunks of about this many characters (bounds temporary memory)
CHUNK_CHARS = 300_000


def shingle_sets(normalized_texts: Sequence[str], n: int = 3) -> list[np.ndarray]:
    """Per text, the sorted unique 32-bit hashes of its ``n``-word shingles (uint32).

    A text with fewer than ``n`` words has no shingles (it can still be an exact copy).
    """
    return text_features(normalized_texts, n)[0]


def text_features(
    normalized_texts: Sequence[str], n: int = 3, common_words: np.ndarray | None = None
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Per text: its shingle set (as :func:`shingle_sets`) and its distinctive words: the
    sorted unique 64-bit hashes of its words that are not in ``common_words`` (sorted)."""
    shingles: list[np.ndarray] = []
    distinctive: list[np.ndarray] = []
    chunk: list[str] = []
    size = 0
    for text in normalized_texts:
        chunk.append(text)
        size += len(text)
        if size >= CHUNK_CHARS:
            _chunk_features(chunk, n, common_words, shingles, distinctive)
            chunk, size = [], 0
    if chunk:
        _chunk_features(chunk, n, common_words, shingles, distinctive)
    return shingles, distinctive


def _split_by_doc(keys: np.ndarray, count: int, dtype: type) -> list[np.ndarray]:
    """Split sorted (doc << 32 | value) keys into per-doc value arrays."""
    docs = (keys >> np.uint64(32)).astype(np.int64)
    values = (keys & np.uint64(0xFFFFFFFF)).astype(dtype)
    bounds = np.searchsorted(docs, np.arange(count + 1, dtype=np.int64))
    return [values[bounds[i] : bounds[i + 1]] for i in range(count)]


def _chunk_features(
    texts: list[str],
    n: int,
    common_words: np.ndarray | None,
    shingles_out: list[np.ndarray],
    distinctive_out: list[np.ndarray],
) -> None:
    hashes, lengths = word_key_hashes(texts)
    doc_of_word = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
    # distinctive words: 32-bit word hashes outside the common vocabulary, per doc
    rare = np.ones(len(hashes), dtype=bool)
    if common_words is not None and len(common_words) and len(hashes):
        pos = np.searchsorted(common_words, hashes)
        pos[pos == len(common_words)] = 0
        rare = common_words[pos] != hashes
    word_keys_ = (doc_of_word[rare].astype(np.uint64) << np.uint64(32)) | (hashes[rare] >> np.uint64(32))
    distinctive_out.extend(_split_by_doc(_sorted_unique(word_keys_), len(texts), np.uint32))
    m = len(hashes) - n + 1
    if m <= 0:
        shingles_out.extend(np.zeros(0, dtype=np.uint32) for _ in texts)
        return
    combined = hashes[:m].copy()
    for k in range(1, n):
        combined *= _MULT
        combined += hashes[k : k + m]
    combined = mix64(combined)
    ends = np.cumsum(lengths)
    doc_of = doc_of_word[:m]
    valid = np.arange(m, dtype=np.int64) + (n - 1) < ends[doc_of]
    keys = (doc_of[valid].astype(np.uint64) << np.uint64(32)) | (combined[valid] >> np.uint64(32))
    shingles_out.extend(_split_by_doc(_sorted_unique(keys), len(texts), np.uint32))


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values (a sort and a mask: faster than np.unique on large arrays)."""
    values = np.sort(values)
    if len(values) < 2:
        return values
    return values[np.concatenate(([True], values[1:] != values[:-1]))]


def fingerprints(shingles: np.ndarray, sample_mod: int) -> np.ndarray:
    """The MOD-``sample_mod`` sample of a shingle set (sorted, uint32)."""
    if sample_mod <= 1:
        return shingles
    return shingles[shingles % np.uint32(sample_mod) == 0]


def overlap(a: np.ndarray, b: np.ndarray) -> int:
    """How many shingles two sorted unique hash arrays share (exact)."""
    if not len(a) or not len(b):
        return 0
    if len(a) > len(b):
        a, b = b, a
    pos = np.searchsorted(b, a)
    pos[pos == len(b)] = 0
    return int(np.count_nonzero(b[pos] == a))
