"""Deduplication building blocks (word-key hashing, shingles, the fingerprint index) and the seeds."""

from __future__ import annotations

import json

import numpy as np

from marsad.arabic import normalize
from marsad.arabic.keys import word_key_hashes, word_keys
from marsad.stages.dedup.index import FingerprintIndex
from marsad.stages.dedup.shingles import fingerprints, overlap, shingle_sets

TEXTS = [
    "قال المتحدث باسم الكرملين دميتري بيسكوف إن 3.5 مليون و2,000 شخص… شاركوا (1..2) ab12",
    "وأكد بيسكوف، في تصريح لوكالة «تاس»، أن الزيارة الأولى منذ عام 2019",
    "",
    "!!!",
]


def test_word_key_hashes_segment_exactly_like_word_keys():
    norms = [normalize(t) for t in TEXTS]
    hashes, counts = word_key_hashes(norms)
    assert counts.tolist() == [len(word_keys(n)) for n in norms]
    rejoined, _ = word_key_hashes([" ".join(word_keys(n)) for n in norms])
    assert np.array_equal(hashes, rejoined)
    # a word's hash depends only on the word
    single, _ = word_key_hashes(["بيسكوف"])
    positions = [i for i, w in enumerate(w for n in norms for w in word_keys(n)) if w == "بيسكوف"]
    assert len(positions) == 2 and all(hashes[p] == single[0] for p in positions)


def test_shingles_are_stable_and_overlap_counts_shared_ones():
    a = normalize("وصل الوزير إلى جدة مساء أمس في زيارة رسمية تستغرق يومين")
    b = normalize("الرياض: وصل الوزير إلى جدة مساء أمس في زيارة رسمية")
    sa, sb, empty = shingle_sets([a, b, "كلمة واحدة"])
    assert len(sa) == 9 and len(sb) == 8 and len(empty) == 0
    assert overlap(sa, sb) == 7  # b adds one leading shingle and lacks a's last two
    assert np.array_equal(shingle_sets([a])[0], sa)  # independent of the batch
    assert set(fingerprints(sa, 1).tolist()) == set(sa.tolist())
    assert set(fingerprints(sa, 4).tolist()) <= set(sa.tolist())


def test_fingerprint_index_pairs_new_articles_and_forgets_removed_ones():
    index = FingerprintIndex(max_df=2)
    prints = {"a": np.array([1, 2, 3, 4], np.uint32), "b": np.array([2, 3, 9], np.uint32)}
    found = index.add(list(prints), list(prints.values()))
    assert [(index.ids[x], index.ids[y], n) for x, y, n in zip(found.a, found.b, found.shared, strict=True)] == [
        ("a", "b", 2)
    ]
    # a new article is paired only with what it shares; old pairs are not proposed again
    found = index.add(["c"], [np.array([4, 9, 10], np.uint32)])
    pairs = {(index.ids[x], index.ids[y]): int(n) for x, y, n in zip(found.a, found.b, found.shared, strict=True)}
    assert pairs == {("a", "c"): 1, ("b", "c"): 1}
    # boilerplate: a fingerprint in more than max_df articles proposes nothing
    found = index.add(["d"], [np.array([2, 77], np.uint32)])
    assert len(found.a) == 0
    index.remove(["a"])
    restored = FingerprintIndex.from_state(json.loads(json.dumps(index.to_state())), max_df=2)
    assert sorted(restored.ids) == ["b", "c", "d"]
    found = restored.add(["e"], [np.array([1, 10], np.uint32)])
    pairs = {(restored.ids[x], restored.ids[y]) for x, y in zip(found.a, found.b, strict=True)}
    assert pairs == {("c", "e")}  # "a" (which had 1) is gone
    assert FingerprintIndex.from_state(restored.to_state(), max_df=5).ids == []  # other params: start empty


def test_seeds_form_exactly_one_family_002_inside_004(seeds_dir):
    from marsad.api import analyze

    paths = sorted(seeds_dir.glob("*.txt"))
    corpus = analyze(paths, db=":memory:", out=None).corpus
    path_of = {a.id: a.path for a in corpus.articles}
    assert len(corpus.duplicate_groups) == 1
    group = corpus.duplicate_groups[0]
    names = sorted(path_of[m].rsplit("/", 1)[-1][:3] for m in group.members)
    assert names == ["002", "004"]
    assert group.kind in ("contained", "near")
    assert path_of[group.origin].rsplit("/", 1)[-1].startswith("004")  # no dates: the fullest
    member = group.shared[0]
    assert 0.5 <= member.similarity <= 0.9  # about 60-70% of 002 stands inside 004
    assert member.coverage < 0.5
    assert len(member.dropped_sentences) > len(member.added_sentences)
