"""ROUGE-N for Arabic: n-gram recall, precision and F over normalized tokens.

rouge-score's default tokenizer keeps only ``[a-z0-9]`` and so deletes Arabic (two identical
Arabic texts score 0). Here tokens are the matching keys of :func:`marsad.arabic.words`
(diacritics, alef/yeh/teh-marbuta forms, digits folded; clitics kept attached, as the
original ROUGE keeps words whole); ``stem=True`` compares Snowball stems instead.

With several references, hits and counts are pooled over references, as ROUGE-1.5.5 does
with its default model averaging: recall = Σ hits / Σ reference n-grams, precision =
Σ hits / (references × peer n-grams). Hits are clipped counts (an n-gram counts at most as
often as it appears on both sides).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from marsad.arabic.segment import words
from marsad.arabic.stem import stem as stem_word


@dataclass(frozen=True, slots=True)
class RougeScore:
    """Recall, precision and F1 of one peer against its references."""

    recall: float
    precision: float
    f: float


def rouge_tokens(text: str, stem: bool = False) -> list[str]:
    """Normalized word and number tokens of ``text`` (punctuation dropped)."""
    tokens = words(text)
    return [stem_word(t) for t in tokens] if stem else tokens


def ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    """Counts of the ``n``-grams of ``tokens``."""
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def rouge_n(peer: str, references: Sequence[str], n: int = 1, stem: bool = False,
            max_words: int | None = None) -> RougeScore:
    """ROUGE-``n`` of ``peer`` against ``references``; ``max_words`` truncates every text
    to its first words first (ROUGE's ``-l``), None keeps them whole."""
    peer_tokens = rouge_tokens(peer, stem)[:max_words]
    peer_grams = ngrams(peer_tokens, n)
    peer_total = sum(peer_grams.values())
    hits = ref_total = 0
    for reference in references:
        ref_grams = ngrams(rouge_tokens(reference, stem)[:max_words], n)
        ref_total += sum(ref_grams.values())
        hits += sum(min(count, peer_grams[g]) for g, count in ref_grams.items() if g in peer_grams)
    recall = hits / ref_total if ref_total else 0.0
    precision = hits / (peer_total * len(references)) if peer_total and references else 0.0
    f = 2 * recall * precision / (recall + precision) if recall + precision else 0.0
    return RougeScore(recall, precision, f)
