"""B-cubed precision, recall and F1 of a clustering against gold classes (Bagga & Baldwin 1998)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """(precision, recall, F1) averaged over the items of ``gold`` (item → cluster label maps)."""
    items = [i for i in gold if i in predicted]
    if not items:
        return 0.0, 0.0, 0.0
    pair = Counter((predicted[i], gold[i]) for i in items)
    pred_size = Counter(predicted[i] for i in items)
    gold_size = Counter(gold[i] for i in items)
    p = sum(pair[(predicted[i], gold[i])] / pred_size[predicted[i]] for i in items) / len(items)
    r = sum(pair[(predicted[i], gold[i])] / gold_size[gold[i]] for i in items) / len(items)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f
