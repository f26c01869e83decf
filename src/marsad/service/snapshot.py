"""The read model of the service: the results of the store's last analysis, indexed for pages
and endpoints, rebuilt only when the store's results change.

A snapshot is immutable once built; requests share it. The cache compares a cheap fingerprint
of the store (row counts of the result tables and the newest ingestion) before serving, and a
snapshot is only kept when the fingerprint did not move while it was read, so a reader never
sees half of one analysis and half of the next.
"""

from __future__ import annotations

import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from marsad.arabic.normalize import normalize
from marsad.arabic.skeleton import name_fold
from marsad.report.writer import build_report
from marsad.store import Store, open_store

#: a story is "growing" when it gained at least this many articles within GROWTH_WINDOW seconds
#: of the newest ingestion in the store (not of the wall clock, so a page depends on the data only)
GROWTH_MIN_ARTICLES = 1
GROWTH_WINDOW = 24 * 3600.0

def fingerprint(store: Store) -> tuple:
    """A value that changes whenever an analysis saves new results (the store's results generation,
    one row; storing an article alone does not change what the pages show until it is analysed)."""
    return (store.get_state("results", "generation") or 0,)


@dataclass
class Snapshot:
    """Everything the pages and endpoints read, as JSON-ready dicts with look-up tables."""

    report: dict[str, Any]
    ingested: dict[str, float] = field(default_factory=dict)
    key: tuple = ()

    def __post_init__(self) -> None:
        r = self.report
        self.articles = {a["id"]: a for a in r["articles"]}
        self.stories = {s["id"]: s for s in r["stories"]}
        self.entities = {e["id"]: e for e in r["entities"]}
        self.threads = {t["id"]: t for t in r["threads"]}
        self.story_of: dict[str, str] = {a: s["id"] for s in r["stories"] for a in s["articles"]}
        self.family_origin: dict[str, str] = {}
        self.family_of_article: dict[str, dict] = {}
        for g in r["duplicate_groups"]:
            for m in g["members"]:
                self.family_origin[m] = g["origin"]
                self.family_of_article[m] = g
        self.quotes_by_article: dict[str, list[dict]] = defaultdict(list)
        self.quotes_by_entity: dict[str, list[dict]] = defaultdict(list)
        for q in r["quotes"]:
            self.quotes_by_article[q["article"]].append(q)
            if q["speaker"].get("entity"):
                self.quotes_by_entity[q["speaker"]["entity"]].append(q)
        self.stories_by_entity: dict[str, list[str]] = defaultdict(list)
        for s in r["stories"]:
            for e in s["entities"]:
                self.stories_by_entity[e].append(s["id"])
        # an entity by any of its spellings, up to normalization or transliteration: the same two keys
        # as the store's entity_variants (norm, fold), which search filters on
        self.entity_keys: dict[str, set[str]] = defaultdict(set)
        for e in r["entities"]:
            for spelling in (e["name"], *e["variants"]):
                self.entity_keys[normalize(spelling)].add(e["id"])
                self.entity_keys[name_fold(spelling)].add(e["id"])
        self.entities_by_article: dict[str, Counter[str]] = defaultdict(Counter)
        for m in r.get("mentions", []):
            if m["entity"] in self.entities:
                self.entities_by_article[m["article"]][m["entity"]] += 1
        newest = max(self.ingested.values(), default=0.0)
        self.story_facts = {sid: self._facts(s) for sid, s in self.stories.items()}
        self.story_list = sorted((self._story_row(s, newest) for s in r["stories"]),
                                 key=lambda row: (row["last_seen"] or "", row["articles"], row["id"]), reverse=True)
        self.story_rows = {row["id"]: row for row in self.story_list}
        self.outlets = self._outlets()

    # --- stories -------------------------------------------------------------------

    def independent_sources(self, article_ids: list[str]) -> int:
        """Outlets that carry these articles, each duplicate family counted once (as its origin's outlet)."""
        seen = set()
        for a in article_ids:
            origin = self.articles.get(self.family_origin.get(a, a)) or self.articles.get(a) or {}
            seen.add(origin.get("outlet") or origin.get("id") or a)
        return len(seen)

    def _story_row(self, s: dict, newest: float) -> dict[str, Any]:
        recent = [a for a in s["articles"] if newest - self.ingested.get(a, 0.0) <= GROWTH_WINDOW]
        growth = len(recent) if len(recent) < len(s["articles"]) else 0  # a new story is new, not growing
        return {
            "id": s["id"],
            "title": s["title"],
            "articles": len(s["articles"]),
            "outlets": s["outlets"],
            "independent_sources": self.independent_sources(s["articles"]),
            "first_seen": s["first_seen"],
            "last_seen": s["last_seen"],
            "thread": s["thread"],
            "entities": [{"id": e, "name": self.entities[e]["name"], "type": self.entities[e]["type"]}
                         for e in s["entities"] if e in self.entities],
            "corroborated_facts": sum(1 for c in s["claims"] if c["independent_sources"] >= 2),
            "growth": growth,
            "growing": growth >= GROWTH_MIN_ARTICLES,
        }

    def _facts(self, s: dict) -> list[dict[str, Any]]:
        """The story's claims, most independent sources first, each with its sentences per outlet."""
        facts = []
        for c in s["claims"]:
            per_outlet: dict[str, list[dict]] = defaultdict(list)
            for cit in c["sentences"]:
                art = self.articles.get(cit["article"], {})
                sentence = self.sentence(cit["article"], cit["sentence"])
                per_outlet[art.get("outlet") or "?"].append({**cit, "text": sentence["text"] if sentence else None})
            facts.append({**c, "by_outlet": [{"outlet": o, "sentences": per_outlet[o]} for o in sorted(per_outlet)]})
        facts.sort(key=lambda f: (-f["independent_sources"], f["status"] == "conflict", f["id"]))
        return facts

    def story_detail(self, story_id: str) -> dict[str, Any] | None:
        """Everything the story page shows: facts first, conflicts, summary, timeline, quotes,
        articles and the copy families among them."""
        s = self.stories.get(story_id)
        if s is None:
            return None
        row = self.story_rows[story_id]
        members = set(s["articles"])
        families = [g for g in self.report["duplicate_groups"] if members & set(g["members"])]
        facts = self.story_facts[story_id]
        return {
            **row,
            "facts": facts,
            "conflicts": [f for f in facts if f["status"] == "conflict" or f["conflicts"]],
            "summary": s["summary"],
            "timeline": s["timeline"],
            "history": s["history"],
            "quotes": [q for a in s["articles"] for q in self.quotes_by_article.get(a, [])],
            "article_list": [self.article_row(a) for a in s["articles"] if a in self.articles],
            "copy_families": [{"id": g["id"], "kind": g["kind"], "origin": g["origin"], "members": g["members"],
                               "shared": g["shared"]} for g in families],
        }

    # --- articles, entities, outlets ---------------------------------------------------

    def sentence(self, article_id: str, i: int) -> dict[str, Any] | None:
        """Sentence ``i`` of an article with its text and offsets, or None."""
        art = self.articles.get(article_id)
        if art is None or not 0 <= i < len(art["sentences"]):
            return None
        sent = art["sentences"][i]
        return {"i": i, "start": sent["start"], "end": sent["end"], "text": art["text"][sent["start"]:sent["end"]]}

    def article_row(self, article_id: str) -> dict[str, Any]:
        a = self.articles[article_id]
        origin = self.family_origin.get(article_id)
        return {"id": a["id"], "title": a["title"], "outlet": a["outlet"], "published": a["published"],
                "url": a["url"], "story": self.story_of.get(article_id),
                "copy_of": origin if origin and origin != article_id else None}

    def article_detail(self, article_id: str) -> dict[str, Any] | None:
        if article_id not in self.articles:
            return None
        a = self.articles[article_id]
        return {**self.article_row(article_id), "author": a["author"], "place": a["place"], "agency": a["agency"],
                "text": a["text"],
                "sentences": [self.sentence(article_id, i) for i in range(len(a["sentences"]))],
                "quotes": self.quotes_by_article.get(article_id, []),
                "entities": [{"id": e, "name": self.entities[e]["name"], "type": self.entities[e]["type"],
                              "mentions": n} for e, n in sorted(self.entities_by_article.get(article_id, {}).items(),
                                                key=lambda kv: (-kv[1], kv[0]))]}

    def entity_row(self, e: dict) -> dict[str, Any]:
        return {"id": e["id"], "name": e["name"], "type": e["type"], "mentions": e["mentions"],
                "articles": len(e["articles"]), "stories": len(self.stories_by_entity.get(e["id"], []))}

    def find_entities(self, name: str) -> list[str]:
        """Ids of the entities one of whose spellings is ``name`` up to normalization or
        transliteration (بيونغ يانغ = بيونج يانج), sorted."""
        return sorted(self.entity_keys.get(normalize(name), set()) | self.entity_keys.get(name_fold(name), set()))

    def entity_detail(self, entity_id: str) -> dict[str, Any] | None:
        e = self.entities.get(entity_id)
        if e is None:
            return None
        return {**self.entity_row(e), "variants": e["variants"], "variant_outlets": e.get("variant_outlets", {}),
                "roles": e["roles"], "article_ids": e["articles"],
                "quotes": self.quotes_by_entity.get(entity_id, []),
                "story_list": [self.story_rows[sid] for sid in self.stories_by_entity.get(entity_id, [])]}

    def _outlets(self) -> dict[str, dict[str, Any]]:
        """Per outlet: articles, first publications, copies and whom it copies (origin outlets)."""
        out: dict[str, dict[str, Any]] = {}
        copies_from: dict[str, Counter[str]] = defaultdict(Counter)
        for a in self.report["articles"]:
            name = a["outlet"] or "?"
            row = out.setdefault(name, {"name": name, "articles": 0, "first_publications": 0, "copies": 0})
            row["articles"] += 1
            origin = self.family_origin.get(a["id"], a["id"])
            if origin == a["id"]:
                row["first_publications"] += 1
            else:
                row["copies"] += 1
                copies_from[name][self.articles[origin]["outlet"] or "?"] += 1
        for name, row in out.items():
            row["originality"] = round(row["first_publications"] / row["articles"], 3) if row["articles"] else 0.0
            row["copies_from"] = [{"outlet": o, "articles": n} for o, n in
                                  sorted(copies_from[name].items(), key=lambda kv: (-kv[1], kv[0]))]
        return dict(sorted(out.items()))


def build_snapshot(store: Store) -> Snapshot:
    """Read the stored results of the last analysis into a snapshot (retrying while an analysis
    is saving, so the snapshot is one analysis, whole)."""
    for _ in range(5):
        before = fingerprint(store)
        corpus = store.load_results()
        ingested = {row[0]: float(row[1]) for row in store.query("SELECT id, ingested_at FROM articles")}
        if fingerprint(store) == before:
            return Snapshot(build_report(corpus), ingested, before)
    return Snapshot(build_report(corpus), ingested, fingerprint(store))


class SnapshotCache:
    """The newest snapshot of the store at ``db``, shared by every request of one process. One
    request rebuilds it when the results changed; the others keep reading the previous one meanwhile
    (only the very first build makes requests wait)."""

    def __init__(self, db: str) -> None:
        self.db = db
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None

    def get(self, fresh: bool = False) -> Snapshot:
        """The current snapshot, rebuilt first if the store's results changed since it was read;
        with ``fresh``, never the previous one while another request rebuilds it."""
        with open_store(self.db) as store:
            key = fingerprint(store)
            current = self._snapshot
            if current is not None and current.key == key:
                return current
            if current is not None and not fresh and not self._lock.acquire(blocking=False):
                return current  # someone is rebuilding it
            if current is None or fresh:
                self._lock.acquire()
            try:
                if self._snapshot is None or self._snapshot.key != fingerprint(store):
                    self._snapshot = build_snapshot(store)
                return self._snapshot
            finally:
                self._lock.release()
