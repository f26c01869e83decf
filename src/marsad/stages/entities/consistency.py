"""Label consistency within a document: a name recognised once is recognised everywhere.

After tagging, every multi-token or single-token name found with a type is looked up at its
other occurrences in the same batch of sentences (an article or a story); occurrences left
as ``O`` — including ones carrying proclitics (وبوتين، لبوتين) — take the name's majority type.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from marsad.arabic import normalize
from marsad.arabic.clitics import split_proclitics
from marsad.stages.entities.gazetteer import first_word_keys

#: names shorter than this (normalized letters) are not propagated (too ambiguous)
MIN_LETTERS = 3


def _spans(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    from marsad.stages.entities.ner import spans

    return spans(labels)


def propagate(sentences: Sequence[Sequence[str]], labels: Sequence[Sequence[str]]) -> list[list[str]]:
    """Return ``labels`` with untagged repeats of tagged names filled in."""
    norms = [[normalize(t) for t in s] for s in sentences]
    votes: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for sent, labs in zip(norms, labels, strict=True):
        for start, end, type_ in _spans(labs):
            key = list(sent[start:end])
            key[0] = split_proclitics(key[0])[1] if key[0] and key[0][0].isalpha() else key[0]
            if sum(len(k) for k in key) >= MIN_LETTERS:
                votes[tuple(key)][type_] += 1
    if not votes:
        return [list(lab) for lab in labels]
    by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for key in votes:
        by_first[key[0]].append(key)
    for keys in by_first.values():
        keys.sort(key=len, reverse=True)
    result = [list(lab) for lab in labels]
    for sent, labs in zip(norms, result, strict=True):
        i = 0
        while i < len(sent):
            hit = None
            if labs[i] == "O":
                for head in first_word_keys(sent[i]):
                    for key in by_first.get(head, ()):
                        end = i + len(key)
                        if tuple(sent[i + 1 : end]) == key[1:] and all(lab == "O" for lab in labs[i:end]):
                            hit = (end, votes[key].most_common(1)[0][0])
                            break
                    if hit:
                        break
            if hit:
                end, type_ = hit
                labs[i] = "B-" + type_
                for j in range(i + 1, end):
                    labs[j] = "I-" + type_
                i = end
            else:
                i += 1
    return result
