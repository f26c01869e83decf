"""Label consistency within a document: a name recognised once is recognised everywhere.

After tagging, every multi-token or single-token name found with a type is looked up at its
other occurrences in the same batch of sentences (an article); occurrences left as ``O`` —
including ones carrying proclitics (وبوتين، لبوتين) — take the name's majority type.

Names are matched on :func:`marsad.arabic.normalize.spelling_key`, which keeps ى and hamza on
alef apart: in :func:`~marsad.arabic.normalize` form the preposition على is the given name علي and
فإن is فان, and matching on it once turned every على of an article about علي عبد الله صالح into
him. A function word (:func:`marsad.arabic.stopwords.is_function_word`) is never a name: it casts
no vote and is never filled in.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from marsad.arabic import normalize
from marsad.arabic.clitics import split_proclitics
from marsad.arabic.normalize import spelling_key
from marsad.arabic.stopwords import is_function_word
from marsad.stages.entities.gazetteer import first_word_keys

#: names shorter than this (normalized letters) are not propagated (too ambiguous)
MIN_LETTERS = 3


def _spans(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    from marsad.stages.entities.ner import spans

    return spans(labels)


def name_base(word: str) -> str:
    """The spelling key of ``word`` without the proclitics و ف ب ك ل in front of a name; the article
    stays (وبالرياض → الرياض, للأمم → الأمم, وبوتين → بوتين, فلاديفوستوك stays whole)."""
    spelled = spelling_key(word)
    if not spelled or not spelled[0].isalpha():
        return spelled
    prefixes, _ = split_proclitics(normalize(word))
    cut = 0
    for p in prefixes:
        if p == "ال":
            break
        cut += len(p)
    rest = spelled[cut:]
    if cut and prefixes[cut : cut + 1] == ("ال",) and rest.startswith("ل") and not rest.startswith("ال"):
        rest = "ا" + rest  # للرئيس: the article's alef is not written after ل
    return rest


def propagate(sentences: Sequence[Sequence[str]], labels: Sequence[Sequence[str]]) -> list[list[str]]:
    """Return ``labels`` with untagged repeats of tagged names filled in (never on a function word)."""
    keys = [[spelling_key(t) for t in s] for s in sentences]
    votes: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for sent, toks, labs in zip(keys, sentences, labels, strict=True):
        for start, end, type_ in _spans(labs):
            key = list(sent[start:end])
            key[0] = name_base(toks[start])
            if is_function_word(key[0]) or is_function_word(key[-1]):
                continue
            if sum(len(k) for k in key) >= MIN_LETTERS:
                votes[tuple(key)][type_] += 1
    if not votes:
        return [list(lab) for lab in labels]
    by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for key in votes:
        by_first[key[0]].append(key)
    for first_keys in by_first.values():
        first_keys.sort(key=len, reverse=True)
    result = [list(lab) for lab in labels]
    for sent, labs in zip(keys, result, strict=True):
        i = 0
        while i < len(sent):
            hit = None
            if labs[i] == "O" and not is_function_word(sent[i]):
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
