"""Results to tables and back: :func:`write_results` stores what the stages found in the
relational schema (``schema._V2``); :func:`read_results` rebuilds the same :class:`Corpus`,
so report.json rendered from the store equals report.json rendered from memory.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from marsad.arabic.normalize import normalize
from marsad.arabic.skeleton import name_fold
from marsad.model import (
    Citation,
    Claim,
    Corpus,
    DuplicateGroup,
    DuplicateMember,
    Entity,
    Mention,
    Quote,
    Speaker,
    Story,
    SummarySentence,
    Thread,
    TimelineEntry,
    TimeRef,
)
from marsad.store.schema import RESULT_TABLES, primary_key

if TYPE_CHECKING:
    from marsad.store.sql import SQLStore


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=False)


def _citation_rows(key: tuple, citations: list[Citation]) -> list[tuple]:
    return [(*key, i, c.article, c.sentence, c.start, c.end) for i, c in enumerate(citations)]


class _Tables:
    """The rows each results table must hold, collected before they are written."""

    def __init__(self) -> None:
        self.rows: dict[str, tuple[list[str], list[tuple]]] = {}

    def put(self, table: str, columns: str, rows: list[tuple]) -> None:
        names = [c.strip() for c in columns.split(",")]
        self.rows[table] = (names, rows)


@dataclass
class WriteCounts:
    """What :func:`write_results` changed: rows inserted, updated (same key, other values) and deleted."""

    inserted: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0


def _sync(store: SQLStore, tables: _Tables) -> WriteCounts:
    """Make each results table hold exactly the collected rows, writing only the difference: rows
    are matched on the table's primary key; new keys are inserted (parents first), keys whose
    values changed are updated, keys no longer present are deleted (children first). So a run
    that changed a few stories rewrites their rows, not the corpus's."""
    counts = WriteCounts()
    plans: dict[str, tuple[list[str], list[str], list[tuple], list[tuple], list[tuple]]] = {}
    for table in RESULT_TABLES:
        columns, rows = tables.rows.get(table, ([], []))
        if not columns:
            columns = list(_columns_of(store, table))
        key = list(primary_key(table))
        key_at = [columns.index(k) for k in key]
        wanted = {tuple(r[i] for i in key_at): tuple(r) for r in rows}
        select = ", ".join(columns)
        stored = {tuple(r[i] for i in key_at): r for r in store._all(f"SELECT {select} FROM {table}")}
        inserts = [row for k, row in wanted.items() if k not in stored]
        updates = [row for k, row in wanted.items() if k in stored and stored[k] != row]
        deletes = [k for k in stored if k not in wanted]
        counts.inserted += len(inserts)
        counts.updated += len(updates)
        counts.deleted += len(deletes)
        counts.unchanged += len(wanted) - len(inserts) - len(updates)
        plans[table] = (columns, key, inserts, updates, deletes)
    for table in RESULT_TABLES:  # parents before children
        columns, key, inserts, _, _ = plans[table]
        if inserts:
            names = ", ".join(columns)
            store._executemany(f"INSERT INTO {table} ({names}) VALUES ({','.join('?' * len(columns))})", inserts)
    for table in RESULT_TABLES:
        columns, key, _, updates, _ = plans[table]
        if updates:
            others = [c for c in columns if c not in key]
            order = [columns.index(c) for c in others + key]
            sets = ", ".join(f"{c} = ?" for c in others)
            where = " AND ".join(f"{c} = ?" for c in key)
            store._executemany(f"UPDATE {table} SET {sets} WHERE {where}",
                               [tuple(row[i] for i in order) for row in updates])
    for table in reversed(RESULT_TABLES):  # children before parents
        _, key, _, _, deletes = plans[table]
        if deletes:
            where = " AND ".join(f"{c} = ?" for c in key)
            store._executemany(f"DELETE FROM {table} WHERE {where}", deletes)
    return counts


def _columns_of(store: SQLStore, table: str) -> tuple[str, ...]:
    cursor = store._execute(f"SELECT * FROM {table} WHERE 1 = 0")
    return tuple(_quoted(d[0]) for d in cursor.description)


def _quoted(column: str) -> str:
    return f'"{column}"' if column in ("end",) else column


def outlet_rows(corpus: Corpus) -> tuple[list[tuple], list[tuple]]:
    """Per outlet: articles, first publications (no copy of another article: the origin of a
    duplicate family, or alone) and copies (family members that are not the origin); and its
    spellings: the name as stored and, when the media gazetteer knows the outlet, every form it
    lists (واس: وكالة الأنباء السعودية), with the articles stored under each."""
    from marsad.knowledge.media import outlets as media_outlets

    articles: Counter[str] = Counter()
    first: Counter[str] = Counter()
    copies: Counter[str] = Counter()
    for a in corpus.articles:
        if a.outlet:
            articles[a.outlet] += 1
            if corpus.family_of(a.id) == a.id:
                first[a.outlet] += 1
            else:
                copies[a.outlet] += 1
    forms: dict[str, set[str]] = defaultdict(set)
    for o in media_outlets():
        forms[normalize(o.canonical)].update((o.form, o.canonical))
    by_form = {normalize(f): key for key, fs in forms.items() for f in fs}
    spelled = []
    for name in sorted(articles):
        known = forms.get(by_form.get(normalize(name), ""), set()) | {name}
        spelled += [(name, s, articles[name] if s == name else 0) for s in sorted(known)]
    outlets = [(name, articles[name], first[name], copies[name]) for name in sorted(articles)]
    return outlets, spelled


def write_results(store: SQLStore, corpus: Corpus) -> WriteCounts:
    """Make the results tables hold ``corpus``'s results, writing only the rows that changed
    (the caller holds a transaction); returns what was written."""
    out = _Tables()
    outlets, spellings = outlet_rows(corpus)
    out.put("outlets", "name, articles, first_publications, copies", outlets)
    out.put("outlet_spellings", "outlet, spelling, articles", spellings)
    out.put("report_articles", "ord, article_id", [(i, a.id) for i, a in enumerate(corpus.articles)])

    fams, members, shares, changes = [], [], [], []
    for i, g in enumerate(corpus.duplicate_groups):
        fams.append((g.id, i, g.kind, g.origin, g.score))
        members += [(g.id, j, m) for j, m in enumerate(g.members)]
        for j, m in enumerate(g.shared):
            shares.append((g.id, j, m.article, m.similarity, m.coverage, m.relation))
            changes += [(g.id, j, "added", k, s) for k, s in enumerate(m.added_sentences)]
            changes += [(g.id, j, "dropped", k, s) for k, s in enumerate(m.dropped_sentences)]
    out.put("duplicate_families", "id, ord, kind, origin, score", fams)
    out.put("duplicate_members", "family_id, ord, article_id", members)
    out.put("duplicate_shares", "family_id, ord, article_id, similarity, coverage, relation", shares)
    out.put("duplicate_sentence_changes", "family_id, share_ord, change, ord, sentence", changes)

    ents, variants, vout, roles, earts = [], [], [], [], []
    for i, e in enumerate(corpus.entities):
        ents.append((e.id, i, e.name, e.type, e.mentions))
        listed = {s: k for k, s in enumerate(e.variant_outlets)}
        spellings = list(e.variants) + [s for s in e.variant_outlets if s not in e.variants]
        for j, spelling in enumerate(spellings):
            variants.append((e.id, j, spelling, normalize(spelling), name_fold(spelling), e.variants.get(spelling),
                             listed.get(spelling)))
            vout += [(e.id, j, k, o) for k, o in enumerate(e.variant_outlets.get(spelling, []))]
        roles += [(e.id, j, r) for j, r in enumerate(e.roles)]
        earts += [(e.id, j, a) for j, a in enumerate(e.articles)]
    out.put("entities", "id, ord, name, type, mentions", ents)
    out.put("entity_variants", "entity_id, ord, spelling, norm, fold, count, outlets_ord", variants)
    out.put("entity_variant_outlets", "entity_id, variant_ord, ord, outlet", vout)
    out.put("entity_roles", "entity_id, ord, role", roles)
    out.put("entity_articles", "entity_id, ord, article_id", earts)

    out.put("mentions", 'ord, article_id, sentence, start, "end", text, type, entity_id',
            [(i, m.article, m.sentence, m.start, m.end, m.text, m.type, m.entity)
             for i, m in enumerate(corpus.mentions)])
    quotes, via = [], []
    for i, q in enumerate(corpus.quotes):
        s = q.speaker
        quotes.append((q.id, i, q.article, q.sentence, s.text, s.entity, s.kind, s.name, s.role, s.key, q.cue,
                       q.content, int(q.direct), q.start, q.end, q.content_start, q.content_end))
        via += [(q.id, j, v) for j, v in enumerate(q.via)]
    out.put("quotes", "id, ord, article_id, sentence, speaker_text, speaker_entity, speaker_kind,"
            ' speaker_name, speaker_role, speaker_key, cue, content, direct, start, "end", content_start,'
            " content_end", quotes)
    out.put("quote_via", "quote_id, ord, outlet", via)
    out.put("timerefs", 'ord, article_id, sentence, text, start, "end", value, kind, anchor, relative,'
            " time, mod",
            [(i, t.article, t.sentence, t.text, t.start, t.end, t.value, t.kind, t.anchor, int(t.relative),
              t.time, t.mod) for i, t in enumerate(corpus.timerefs)])

    out.put("threads", "id, ord, title", [(t.id, i, t.title) for i, t in enumerate(corpus.threads)])
    out.put("thread_stories", "thread_id, ord, story_id",
            [(t.id, j, s) for t in corpus.threads for j, s in enumerate(t.stories)])
    rows: dict[str, list[tuple]] = defaultdict(list)
    for i, st in enumerate(corpus.stories):
        rows["stories"].append((st.id, i, st.title, st.first_seen, st.last_seen, st.thread))
        rows["story_articles"] += [(st.id, j, a) for j, a in enumerate(st.articles)]
        rows["story_outlets"] += [(st.id, j, o) for j, o in enumerate(st.outlets)]
        rows["story_entities"] += [(st.id, j, e) for j, e in enumerate(st.entities)]
        rows["story_history"] += [(st.id, j, int(h.get("run", 0)), str(h.get("op", "")), _json(h))
                                  for j, h in enumerate(st.history)]
        for j, t in enumerate(st.timeline):
            rows["timeline_entries"].append((st.id, j, t.date, t.text, int(t.estimated)))
            rows["timeline_citations"] += _citation_rows((st.id, j), t.citations)
        for j, c in enumerate(st.claims):
            rows["claims"].append((st.id, j, c.id, c.text, c.independent_sources, c.status, c.modality))
            rows["claim_sources"] += [(st.id, j, k, a) for k, a in enumerate(c.sources)]
            rows["claim_sentences"] += _citation_rows((st.id, j), c.sentences)
            rows["claim_attributions"] += [
                (st.id, j, k, a.get("article"), a.get("sentence"), a.get("outlet"), a.get("speaker"), a.get("relay"),
                 _json(a)) for k, a in enumerate(c.attributions)]
            rows["claim_relays"] += [(st.id, j, k, r.get("via"), _json(r)) for k, r in enumerate(c.relayed)]
            rows["claim_copies"] += [(st.id, j, k, _json(g)) for k, g in enumerate(c.copies)]
            rows["conflicts"] += [(st.id, j, k, x.get("id"), x.get("kind"), x.get("unit"), _json(x))
                                  for k, x in enumerate(c.conflicts)]
        for j, s in enumerate(st.summary):
            rows["summary_sentences"].append((st.id, j, s.text))
            rows["summary_citations"] += _citation_rows((st.id, j), s.citations)
    columns = {
        "stories": "id, ord, title, first_seen, last_seen, thread_id",
        "story_articles": "story_id, ord, article_id",
        "story_outlets": "story_id, ord, outlet",
        "story_entities": "story_id, ord, entity_id",
        "story_history": "story_id, ord, run, op, body",
        "timeline_entries": "story_id, ord, date, text, estimated",
        "timeline_citations": 'story_id, entry_ord, ord, article_id, sentence, start, "end"',
        "claims": "story_id, ord, id, text, independent_sources, status, modality",
        "claim_sources": "story_id, claim_ord, ord, article_id",
        "claim_sentences": 'story_id, claim_ord, ord, article_id, sentence, start, "end"',
        "claim_attributions": "story_id, claim_ord, ord, article_id, sentence, outlet, speaker, relay, body",
        "claim_relays": "story_id, claim_ord, ord, via, body",
        "claim_copies": "story_id, claim_ord, ord, body",
        "conflicts": "story_id, claim_ord, ord, conflict_id, kind, unit, body",
        "summary_sentences": "story_id, ord, text",
        "summary_citations": 'story_id, summary_ord, ord, article_id, sentence, start, "end"',
    }
    for table, cols in columns.items():
        out.put(table, cols, rows[table])
    counts = _sync(store, out)

    from marsad.search import index_results

    index_results(store, corpus)
    return counts


#: keys (or rows, for mentions and time expressions) read per query by :class:`ResultsReader`
CHUNK = 500

_QUOTE_COLUMNS = ("id, article_id, sentence, speaker_text, speaker_entity, speaker_kind, speaker_name,"
                  ' speaker_role, speaker_key, cue, content, direct, start, "end", content_start, content_end')


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _citations(rows: list[tuple]) -> list[Citation]:
    return [Citation(a, s, b, e) for a, s, b, e in rows]


class ResultsReader:
    """The model objects of the last stored analysis, read back from the results tables a chunk
    at a time (:data:`CHUNK` keys per query), each kind in its stored order. The one place that
    turns result rows into objects: :func:`read_results` lists every kind into a :class:`Corpus`,
    the report's :class:`~marsad.report.source.StoreSource` streams them."""

    def __init__(self, store: SQLStore) -> None:
        self.store = store

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Everything read inside sees one state of the results (one read transaction: a run saving
        results meanwhile is neither seen nor blocked)."""
        if getattr(self.store, "_depth", 0):  # inside a caller's transaction already
            yield
            return
        begin = "BEGIN" if self.store.dialect == "sqlite" else "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
        self.store._execute(begin)
        try:
            yield
        finally:
            self.store._execute("COMMIT")

    # --- helpers ---------------------------------------------------------------------

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self.store._all(sql, params)

    def _keys(self, sql: str) -> list[Any]:
        return [r[0] for r in self._all(sql)]

    def _grouped(self, sql: str, keys: Sequence[Any], width: int) -> dict[tuple, list[tuple]]:
        """Rows of ``sql`` (whose ``{marks}`` is filled with placeholders for ``keys``) grouped by
        their first ``width`` columns, in query order."""
        out: dict[tuple, list[tuple]] = defaultdict(list)
        for row in self._all(sql.format(marks=_marks(len(keys))), list(keys)):
            out[row[:width]].append(row[width:])
        return out

    def _ranged(self, table: str, columns: str) -> Iterator[tuple]:
        """``columns`` of every row of ``table`` in ``ord`` order (``ord`` numbers the rows from 0),
        read :data:`CHUNK` x 10 rows per query."""
        last = self._all(f"SELECT MAX(ord) FROM {table}")[0][0]
        step = CHUNK * 10
        for start in range(0, -1 if last is None else last + 1, step):
            yield from self._all(f"SELECT {columns} FROM {table} WHERE ord >= ? AND ord < ? ORDER BY ord",
                                 (start, start + step))

    # --- the kinds of results ----------------------------------------------------------

    def article_order(self) -> list[str]:
        """The ids of the analysed articles, in the report's order."""
        return self._keys("SELECT article_id FROM report_articles ORDER BY ord")

    def duplicate_groups(self) -> Iterator[DuplicateGroup]:
        ids = self._keys("SELECT id FROM duplicate_families ORDER BY ord")
        for chunk in _chunks(ids):
            members = self._grouped("SELECT family_id, article_id FROM duplicate_members"
                                    " WHERE family_id IN ({marks}) ORDER BY family_id, ord", chunk, 1)
            shares = self._grouped("SELECT family_id, ord, article_id, similarity, coverage, relation"
                                   " FROM duplicate_shares WHERE family_id IN ({marks}) ORDER BY family_id, ord",
                                   chunk, 1)
            changes = self._grouped("SELECT family_id, share_ord, change, sentence FROM duplicate_sentence_changes"
                                    " WHERE family_id IN ({marks}) ORDER BY family_id, share_ord, change, ord",
                                    chunk, 3)
            rows = {r[0]: r for r in self._all(
                f"SELECT id, kind, origin, score FROM duplicate_families WHERE id IN ({_marks(len(chunk))})", chunk)}
            for fid in chunk:
                _, kind, origin, score = rows[fid]
                shared = [DuplicateMember(article=a, similarity=sim, coverage=cov, relation=rel,
                                          added_sentences=[r[0] for r in changes.get((fid, j, "added"), [])],
                                          dropped_sentences=[r[0] for r in changes.get((fid, j, "dropped"), [])])
                          for j, a, sim, cov, rel in shares.get((fid,), [])]
                yield DuplicateGroup(id=fid, kind=kind, members=[m[0] for m in members.get((fid,), [])],
                                     origin=origin, score=score, shared=shared)

    def entities(self) -> Iterator[Entity]:
        ids = self._keys("SELECT id FROM entities ORDER BY ord")
        for chunk in _chunks(ids):
            variants = self._grouped("SELECT entity_id, ord, spelling, count, outlets_ord FROM entity_variants"
                                     " WHERE entity_id IN ({marks}) ORDER BY entity_id, ord", chunk, 1)
            vout = self._grouped("SELECT entity_id, variant_ord, outlet FROM entity_variant_outlets"
                                 " WHERE entity_id IN ({marks}) ORDER BY entity_id, variant_ord, ord", chunk, 2)
            roles = self._grouped("SELECT entity_id, role FROM entity_roles WHERE entity_id IN ({marks})"
                                  " ORDER BY entity_id, ord", chunk, 1)
            earts = self._grouped("SELECT entity_id, article_id FROM entity_articles WHERE entity_id IN ({marks})"
                                  " ORDER BY entity_id, ord", chunk, 1)
            rows = {r[0]: r for r in self._all(
                f"SELECT id, name, type, mentions FROM entities WHERE id IN ({_marks(len(chunk))})", chunk)}
            for eid in chunk:
                _, name, etype, n = rows[eid]
                spelled = variants.get((eid,), [])
                listed = sorted((pos, j, s) for j, s, _, pos in spelled if pos is not None)
                yield Entity(
                    id=eid, name=name, type=etype, mentions=n,
                    variants={s: c for _, s, c, _ in spelled if c is not None},
                    variant_outlets={s: [o[0] for o in vout.get((eid, j), [])] for _, j, s in listed},
                    roles=[r[0] for r in roles.get((eid,), [])],
                    articles=[a[0] for a in earts.get((eid,), [])])

    def mentions(self) -> Iterator[Mention]:
        for row in self._ranged("mentions", 'article_id, sentence, start, "end", text, type, entity_id'):
            yield Mention(*row)

    def timerefs(self) -> Iterator[TimeRef]:
        for a, s, t, b, e, v, k, an, rel, tm, md in self._ranged(
                "timerefs", 'article_id, sentence, text, start, "end", value, kind, anchor, relative, time, mod'):
            yield TimeRef(article=a, sentence=s, text=t, start=b, end=e, value=v, kind=k, anchor=an,
                          relative=bool(rel), time=tm, mod=md)

    def _quotes(self, rows: list[tuple]) -> list[Quote]:
        ids = [r[0] for r in rows]
        via = self._grouped("SELECT quote_id, outlet FROM quote_via WHERE quote_id IN ({marks})"
                            " ORDER BY quote_id, ord", ids, 1) if ids else {}
        out = []
        for qid, art, sent, stext, s_entity, kind, sname, srole, skey, cue, content, direct, *offsets in rows:
            out.append(Quote(
                id=qid, article=art, sentence=sent,
                speaker=Speaker(text=stext, entity=s_entity, kind=kind, name=sname, role=srole, key=skey),
                cue=cue, content=content, direct=bool(direct), start=offsets[0], end=offsets[1],
                content_start=offsets[2], content_end=offsets[3],
                via=[v[0] for v in via.get((qid,), [])]))
        return out

    def quotes(self) -> Iterator[Quote]:
        ids = self._keys("SELECT id FROM quotes ORDER BY ord")
        for chunk in _chunks(ids):
            rows = {r[0]: r for r in self._all(
                f"SELECT {_QUOTE_COLUMNS} FROM quotes WHERE id IN ({_marks(len(chunk))})", chunk)}
            yield from self._quotes([rows[q] for q in chunk])

    def quotes_of(self, article_ids: Iterable[str]) -> list[Quote]:
        """The quotes whose article is one of ``article_ids``, in stored order."""
        wanted = sorted(set(article_ids))
        rows: list[tuple] = []
        for chunk in _chunks(wanted):
            rows += self._all(f"SELECT ord, {_QUOTE_COLUMNS} FROM quotes"
                              f" WHERE article_id IN ({_marks(len(chunk))})", chunk)
        rows.sort(key=lambda r: r[0])
        return self._quotes([r[1:] for r in rows])

    def stories(self) -> Iterator[Story]:
        ids = self._keys("SELECT id FROM stories ORDER BY ord")
        for chunk in _chunks(ids):
            yield from self._stories(chunk)

    def _stories(self, chunk: Sequence[str]) -> Iterator[Story]:
        def by(sql: str, width: int = 1) -> dict[tuple, list[tuple]]:
            return self._grouped(sql, chunk, width)

        w = "WHERE story_id IN ({marks})"
        arts = by(f"SELECT story_id, article_id FROM story_articles {w} ORDER BY story_id, ord")
        outs = by(f"SELECT story_id, outlet FROM story_outlets {w} ORDER BY story_id, ord")
        sents = by(f"SELECT story_id, entity_id FROM story_entities {w} ORDER BY story_id, ord")
        hist = by(f"SELECT story_id, body FROM story_history {w} ORDER BY story_id, ord")
        tl = by(f"SELECT story_id, ord, date, text, estimated FROM timeline_entries {w} ORDER BY story_id, ord")
        tlc = by(f'SELECT story_id, entry_ord, article_id, sentence, start, "end" FROM timeline_citations {w}'
                 " ORDER BY story_id, entry_ord, ord", 2)
        cl = by(f"SELECT story_id, ord, id, text, independent_sources, status, modality FROM claims {w}"
                " ORDER BY story_id, ord")
        csrc = by(f"SELECT story_id, claim_ord, article_id FROM claim_sources {w} ORDER BY story_id, claim_ord, ord",
                  2)
        csen = by(f'SELECT story_id, claim_ord, article_id, sentence, start, "end" FROM claim_sentences {w}'
                  " ORDER BY story_id, claim_ord, ord", 2)
        catt = by(f"SELECT story_id, claim_ord, body FROM claim_attributions {w} ORDER BY story_id, claim_ord, ord",
                  2)
        crel = by(f"SELECT story_id, claim_ord, body FROM claim_relays {w} ORDER BY story_id, claim_ord, ord", 2)
        ccop = by(f"SELECT story_id, claim_ord, body FROM claim_copies {w} ORDER BY story_id, claim_ord, ord", 2)
        ccon = by(f"SELECT story_id, claim_ord, body FROM conflicts {w} ORDER BY story_id, claim_ord, ord", 2)
        summ = by(f"SELECT story_id, ord, text FROM summary_sentences {w} ORDER BY story_id, ord")
        sumc = by(f'SELECT story_id, summary_ord, article_id, sentence, start, "end" FROM summary_citations {w}'
                  " ORDER BY story_id, summary_ord, ord", 2)
        rows = {r[0]: r for r in self._all(
            f"SELECT id, title, first_seen, last_seen, thread_id FROM stories WHERE id IN ({_marks(len(chunk))})",
            chunk)}
        for sid in chunk:
            _, title, first, last, thread = rows[sid]
            k = (sid,)
            yield Story(
                id=sid, title=title, first_seen=first, last_seen=last, thread=thread,
                articles=[r[0] for r in arts.get(k, [])], outlets=[r[0] for r in outs.get(k, [])],
                entities=[r[0] for r in sents.get(k, [])], history=[json.loads(r[0]) for r in hist.get(k, [])],
                timeline=[TimelineEntry(date=d, text=t, estimated=bool(est),
                                        citations=_citations(tlc.get((sid, j), [])))
                          for j, d, t, est in tl.get(k, [])],
                claims=[Claim(id=cid, text=t, independent_sources=n, status=status, modality=modality,
                              sources=[r[0] for r in csrc.get((sid, j), [])],
                              sentences=_citations(csen.get((sid, j), [])),
                              attributions=[json.loads(r[0]) for r in catt.get((sid, j), [])],
                              relayed=[json.loads(r[0]) for r in crel.get((sid, j), [])],
                              copies=[json.loads(r[0]) for r in ccop.get((sid, j), [])],
                              conflicts=[json.loads(r[0]) for r in ccon.get((sid, j), [])])
                        for j, cid, t, n, status, modality in cl.get(k, [])],
                summary=[SummarySentence(text=t, citations=_citations(sumc.get((sid, j), [])))
                         for j, t in summ.get(k, [])])

    def threads(self) -> Iterator[Thread]:
        stories: dict[str, list[str]] = defaultdict(list)
        for tid, sid in self._all("SELECT thread_id, story_id FROM thread_stories ORDER BY thread_id, ord"):
            stories[tid].append(sid)
        for tid, title in self._all("SELECT id, title FROM threads ORDER BY ord"):
            yield Thread(id=tid, title=title, stories=stories.get(tid, []))


def read_results(store: SQLStore) -> Corpus:
    """The corpus of the last stored analysis, rebuilt from the tables (in one read snapshot)."""
    reader = ResultsReader(store)
    with reader.snapshot():
        corpus = Corpus(articles=store.get_articles(reader.article_order()))
        corpus.duplicate_groups = list(reader.duplicate_groups())
        corpus.entities = list(reader.entities())
        corpus.mentions = list(reader.mentions())
        corpus.quotes = list(reader.quotes())
        corpus.timerefs = list(reader.timerefs())
        corpus.stories = list(reader.stories())
        corpus.threads = list(reader.threads())
    return corpus
