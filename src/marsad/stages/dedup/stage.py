"""The deduplication stage: finds families of copies, keeps its index in the store.

:class:`Deduplicator` is the engine (no store): ``update(articles)`` takes the CURRENT
articles, forgets every article it indexed that is no longer among them (deleted, or
replaced by a new version with a new id), indexes only the articles it has not seen,
verifies the candidate pairs they form, and returns the families over all current
articles. :class:`DedupStage` wraps it for the pipeline and persists its state through
``context.store`` between runs.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np

from marsad.model import Article, Corpus, DuplicateGroup
from marsad.pipeline import StageContext
from marsad.stages.dedup.families import (
    Evidence,
    Features,
    align_sentences,
    build_families,
    features_of,
    measure,
    to_group,
)
from marsad.stages.dedup.index import FingerprintIndex
from marsad.stages.dedup.params import DedupParams
from marsad.stages.dedup.shingles import fingerprints

log = logging.getLogger("marsad.dedup")

STATE_FORMAT = 1


def _pair_key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


class Deduplicator:
    """Incremental duplicate finder over a changing set of articles."""

    def __init__(self, params: DedupParams | None = None) -> None:
        self.params = params or DedupParams()
        self.index = FingerprintIndex(self.params.max_df)
        self.edges: dict[tuple[str, str], Evidence] = {}  # accepted pairs only
        self.alignments: dict[str, list[list[int]]] = {}  # "member>origin" -> [added, dropped]
        self.exact_keys: dict[str, str] = {}  # article id -> hash of its normalized text
        self.last_new = 0  # articles indexed by the last update (for tests and logs)
        self.last_candidates = 0

    # --- state ------------------------------------------------------------------------

    def to_state(self) -> dict:
        """JSON-able state: index, accepted pairs, cached alignments."""
        return {
            "format": STATE_FORMAT,
            "signature": self.params.signature(),
            "index": self.index.to_state(),
            "edges": [e.to_json() for e in self.edges.values()],
            "alignments": self.alignments,
            "exact_keys": self.exact_keys,
        }

    @classmethod
    def from_state(cls, state: dict | None, params: DedupParams | None = None) -> Deduplicator:
        """Restore; a missing state or one built with other index parameters starts empty."""
        engine = cls(params)
        if not state or state.get("format") != STATE_FORMAT or state.get("signature") != engine.params.signature():
            return engine
        engine.index = FingerprintIndex.from_state(state.get("index"), engine.params.max_df)
        for row in state.get("edges", []):
            ev = Evidence.from_json(row)
            if ev.a in engine.index and ev.b in engine.index:
                engine.edges[_pair_key(ev.a, ev.b)] = ev
        engine.alignments = dict(state.get("alignments", {}))
        engine.exact_keys = {k: v for k, v in state.get("exact_keys", {}).items() if k in engine.index}
        return engine

    # --- the work ---------------------------------------------------------------------

    def update(self, articles: Sequence[Article], align: bool = True) -> list[DuplicateGroup]:
        """Families among ``articles`` (the current corpus), checking only unseen articles.

        ``align=False`` skips the sentence alignment (added/dropped sentences stay empty).
        """
        params = self.params
        by_id = {a.id: a for a in articles}
        gone = [i for i in self.index.slot_of if i not in by_id]
        self.index.remove(gone)
        for i in gone:
            self.exact_keys.pop(i, None)
        if gone:
            gone_set = set(gone)
            self.edges = {k: e for k, e in self.edges.items() if k[0] not in gone_set and k[1] not in gone_set}
        new = [a for a in articles if a.id not in self.index]
        feats: dict[str, Features] = {}
        if new:
            for f in features_of(new, params):
                feats[f.id] = f
        self.last_new = len(new)

        def features(article_id: str) -> Features:
            f = feats.get(article_id)
            if f is None:
                f = feats[article_id] = features_of([by_id[article_id]], params)[0]
            return f

        # candidates from the fingerprint index (new x new and new x indexed)
        prints = [fingerprints(feats[a.id].shingles, params.sample_mod) for a in new]
        cands = self.index.add([a.id for a in new], prints)
        counts = self.index.counts
        smaller = np.minimum(counts[cands.a], counts[cands.b])
        keep = cands.shared >= np.maximum(1, np.ceil(params.candidate_share * smaller))
        pairs = list(zip(cands.a[keep].tolist(), cands.b[keep].tolist(), strict=True))
        self.last_candidates = len(pairs)
        old_needed = {self.index.ids[s] for pair in pairs for s in pair} - feats.keys()
        if old_needed:
            for f in features_of([by_id[i] for i in sorted(old_needed)], params):
                feats[f.id] = f
        for sa, sb in pairs:
            ev = measure(feats[self.index.ids[sa]], feats[self.index.ids[sb]])
            if ev.accepted(params):
                self.edges[_pair_key(ev.a, ev.b)] = ev
        # exact copies (also those too short to have shingles or fingerprints)
        for a in new:
            if feats[a.id].length:  # empty texts are nobody's copy
                self.exact_keys[a.id] = feats[a.id].exact_key
        new_ids = {a.id for a in new}
        same_text: dict[str, list[str]] = {}
        for article_id, key in self.exact_keys.items():
            same_text.setdefault(key, []).append(article_id)
        for ids in same_text.values():
            if len(ids) > 1 and new_ids.intersection(ids):
                ids = sorted(ids)
                for other in ids[1:]:
                    if _pair_key(ids[0], other) not in self.edges:
                        ev = measure(features(ids[0]), features(other))
                        self.edges[_pair_key(ev.a, ev.b)] = ev

        def evidence(x: str, y: str) -> Evidence:
            ev = self.edges.get(_pair_key(x, y))
            if ev is None:
                ev = measure(features(x), features(y))
            return ev if ev.a == x else Evidence(x, y, ev.shared, ev.size_b, ev.size_a, ev.distinctive, ev.exact)

        def meta(article_id: str) -> tuple[str | None, int]:
            article = by_id[article_id]
            return article.published, len(article.text)

        def prefetch(ids: list[str]) -> None:
            missing = [i for i in ids if i not in feats]
            if missing:
                for f in features_of([by_id[i] for i in missing], params):
                    feats[f.id] = f

        families = build_families(self.edges, meta, evidence, prefetch, params)
        used: set[str] = set()

        def alignment(member: str, origin: str) -> tuple[list[int], list[int]]:
            if not align:
                return [], []
            key = f"{member}>{origin}"
            used.add(key)
            cached = self.alignments.get(key)
            if cached is None:
                added, dropped = align_sentences(by_id[member], by_id[origin], params)
                cached = self.alignments[key] = [added, dropped]
            return cached[0], cached[1]

        groups = [to_group(f, alignment, lambda i: by_id[i].published, params) for f in families]
        if align:
            self.alignments = {k: v for k, v in self.alignments.items() if k in used}
        return groups


class DedupStage:
    """Pipeline stage: fills ``corpus.duplicate_groups`` (exact, near and contained copies)."""

    name = "dedup"

    def __init__(self, params: DedupParams | None = None) -> None:
        self.params = params or DedupParams()

    def run(self, corpus: Corpus, context: StageContext) -> None:
        """Update the persisted index with the corpus's new articles and set its families."""
        state = context.store.get_state(self.name, "engine")
        engine = Deduplicator.from_state(state, self.params)
        corpus.duplicate_groups = engine.update(corpus.articles)
        corpus.invalidate()
        context.store.set_state(self.name, "engine", engine.to_state())
        log.info(
            "dedup: %d new articles indexed, %d candidate pairs, %d families",
            engine.last_new, engine.last_candidates, len(corpus.duplicate_groups),
        )
