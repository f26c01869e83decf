"""The e5 encoder's forward pass in numpy (post-LayerNorm XLM-R layers), for tagging at run time.

Weights are dequantized once at construction; an optional per-matrix delta (a fine-tuned low-rank
update) is added before use. The output is one hidden vector per input piece.
"""

from __future__ import annotations

import numpy as np

from .weights import E5Weights

MATRICES = ("q", "k", "v", "ao", "fi", "fo")


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    """GELU by its tanh approximation (within 1e-3 of the erf form; ~5x faster in numpy)."""
    c = np.float32(0.7978845608028654)
    return np.float32(0.5) * x * (np.float32(1.0) + np.tanh(c * (x + np.float32(0.044715) * x * x * x)))


class NumpyEncoder:
    """multilingual-e5-small over padded batches of piece ids; returns [batch, length, hidden]."""

    def __init__(
        self,
        weights: E5Weights,
        deltas: dict[str, np.ndarray] | None = None,
        overrides: dict[str, np.ndarray] | None = None,
    ) -> None:
        """``deltas`` are added to weight matrices; ``overrides`` replace vectors (biases, LayerNorms)."""
        self.w = weights
        deltas = deltas or {}
        overrides = overrides or {}

        def vector(name: str) -> np.ndarray:
            return overrides[name] if name in overrides else weights.dense(name)

        self.layers = []
        for i in range(weights.layers):
            layer = {}
            for m in MATRICES:
                name = f"l{i}.{m}.w"
                dense = weights.dense(name)
                if name in deltas:
                    dense = dense + deltas[name]
                layer[m] = np.ascontiguousarray(dense.T, dtype=np.float32)
                layer[m + "_b"] = vector(f"l{i}.{m}.b")
            for ln in ("aln", "oln"):
                layer[ln + "_w"] = vector(f"l{i}.{ln}.w")
                layer[ln + "_b"] = vector(f"l{i}.{ln}.b")
            self.layers.append(layer)
        h = weights.hidden
        self.pos = weights.dense("emb.pos")
        self.type = weights.dense("emb.type")[:h]
        self.eln = (weights.dense("emb.ln.w"), weights.dense("emb.ln.b"))

    def inputs(self, ids: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The layers' inputs: embeddings after their LayerNorm [B, L, hidden], and the attention
        bias [B, 1, 1, L] (0 on real pieces, -1e9 on padding)."""
        w = self.w
        x = w.embedding_rows(ids.reshape(-1)).reshape(*ids.shape, w.hidden)
        x = x + self.pos[: ids.shape[1]][None] + self.type
        x = _layer_norm(x, *self.eln, w.eps).astype(np.float32)
        bias = np.where(mask[:, None, None, :] > 0, 0.0, -1e9).astype(np.float32)
        return x, bias

    def __call__(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Hidden states for ``ids`` [B, L] (``mask`` 1 on real pieces, 0 on padding)."""
        w = self.w
        h, heads = w.hidden, w.heads
        hd = h // heads
        x, bias = self.inputs(ids, mask)
        batch, length = ids.shape
        for layer in self.layers:
            q = (x @ layer["q"] + layer["q_b"]).reshape(batch, length, heads, hd).transpose(0, 2, 1, 3)
            k = (x @ layer["k"] + layer["k_b"]).reshape(batch, length, heads, hd).transpose(0, 2, 3, 1)
            v = (x @ layer["v"] + layer["v_b"]).reshape(batch, length, heads, hd).transpose(0, 2, 1, 3)
            att = (q @ k) / np.float32(np.sqrt(hd)) + bias
            att = np.exp(att - att.max(-1, keepdims=True))
            att /= att.sum(-1, keepdims=True)
            ctx = (att @ v).transpose(0, 2, 1, 3).reshape(batch, length, h)
            x = _layer_norm(x + ctx @ layer["ao"] + layer["ao_b"], layer["aln_w"], layer["aln_b"], w.eps)
            mid = _gelu(x @ layer["fi"] + layer["fi_b"])
            x = _layer_norm(x + mid @ layer["fo"] + layer["fo_b"], layer["oln_w"], layer["oln_b"], w.eps)
        return x.astype(np.float32)
