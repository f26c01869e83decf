"""Where a report's data comes from, one piece at a time.

:class:`ReportSource` hands the writer each part of report.json as a stream of dicts (the
``to_dict`` of the model objects), plus the few look-ups the pages need (some articles in full,
the quotes of some articles). Two sources:

- :class:`DictSource`: a report.json document already in memory (a corpus just analysed);
- :class:`StoreSource`: the results tables of a store, read in chunks of :data:`CHUNK` rows or
  keys inside one read transaction, so a report of a 30k-article store never holds every story,
  mention or article at once, and never mixes two analyses.

Both give the same dicts: ``StoreSource`` rebuilds the model objects the way
:func:`marsad.store.results.read_results` does (tested: equal report.json on the seeds).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from marsad.model import (
    Citation,
    Claim,
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
from marsad.version import __version__

if TYPE_CHECKING:
    from marsad.store.sql import SQLStore

#: keys (or rows, for mentions and time expressions) read per query
CHUNK = 500

#: the parts of report.json, in the order they are written
SECTIONS = ("articles", "duplicate_groups", "entities", "mentions", "quotes", "timerefs", "stories", "threads")


class ReportSource:
    """The data of one report, streamed; see the module docstring."""

    version: str = __version__

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Everything read inside sees one state of the data."""
        yield

    def iter_section(self, name: str) -> Iterator[dict[str, Any]]:
        """The items of report.json's list ``name`` (one of :data:`SECTIONS`), in order."""
        raise NotImplementedError

    def articles(self, article_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Full article dicts (with sentences) of these ids; unknown ids are left out."""
        raise NotImplementedError

    def quotes_of(self, article_ids: Iterable[str]) -> list[dict[str, Any]]:
        """The quotes whose article is one of ``article_ids``, in report order."""
        raise NotImplementedError


class DictSource(ReportSource):
    """A report.json document in memory."""

    def __init__(self, report: dict[str, Any]) -> None:
        self.report = report
        self.version = report["marsad_version"]
        self._articles = {a["id"]: a for a in report["articles"]}
        self._quotes: dict[str, list[tuple[int, dict[str, Any]]]] = defaultdict(list)
        for i, q in enumerate(report["quotes"]):
            self._quotes[q["article"]].append((i, q))

    def iter_section(self, name: str) -> Iterator[dict[str, Any]]:
        return iter(self.report[name])

    def articles(self, article_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        return {i: self._articles[i] for i in article_ids if i in self._articles}

    def quotes_of(self, article_ids: Iterable[str]) -> list[dict[str, Any]]:
        found = [iq for aid in set(article_ids) for iq in self._quotes.get(aid, [])]
        return [q for _, q in sorted(found, key=lambda iq: iq[0])]


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _citations(rows: list[tuple]) -> list[Citation]:
    return [Citation(a, s, b, e) for a, s, b, e in rows]


class StoreSource(ReportSource):
    """The results tables of a store (SQLite or PostgreSQL), read a chunk at a time."""

    def __init__(self, store: SQLStore) -> None:
        self.store = store

    @contextmanager
    def reading(self) -> Iterator[None]:
        """One read transaction (a snapshot: a run saving results meanwhile is not seen, and
        is not blocked)."""
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
        """Rows of ``sql`` (whose ``{in}`` is filled with placeholders for ``keys``) grouped by
        their first ``width`` columns, in query order."""
        out: dict[tuple, list[tuple]] = defaultdict(list)
        for row in self._all(sql.format(marks=_marks(len(keys))), list(keys)):
            out[row[:width]].append(row[width:])
        return out

    def _ranged(self, table: str, columns: str) -> Iterator[tuple]:
        """``columns`` of every row of ``table`` in ``ord`` order (``ord`` numbers the rows from 0),
        read :data:`CHUNK` × 10 rows per query."""
        last = self._all(f"SELECT MAX(ord) FROM {table}")[0][0]
        step = CHUNK * 10
        for start in range(0, -1 if last is None else last + 1, step):
            yield from self._all(f"SELECT {columns} FROM {table} WHERE ord >= ? AND ord < ? ORDER BY ord",
                                 (start, start + step))

    # --- sections --------------------------------------------------------------------

    def iter_section(self, name: str) -> Iterator[dict[str, Any]]:
        return getattr(self, f"_iter_{name}")()

    def _iter_articles(self) -> Iterator[dict[str, Any]]:
        order = self._keys("SELECT article_id FROM report_articles ORDER BY ord")
        for chunk in _chunks(order):
            for article in self.store.get_articles(chunk):
                yield article.to_dict()

    def articles(self, article_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        wanted = list(dict.fromkeys(article_ids))
        return {a.id: a.to_dict() for a in self.store.get_articles(wanted)}

    def _iter_duplicate_groups(self) -> Iterator[dict[str, Any]]:
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
                                     origin=origin, score=score, shared=shared).to_dict()

    def _iter_entities(self) -> Iterator[dict[str, Any]]:
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
                    articles=[a[0] for a in earts.get((eid,), [])]).to_dict()

    def _iter_mentions(self) -> Iterator[dict[str, Any]]:
        for row in self._ranged("mentions", 'article_id, sentence, start, "end", text, type, entity_id'):
            yield Mention(*row).to_dict()

    def _iter_timerefs(self) -> Iterator[dict[str, Any]]:
        for a, s, t, b, e, v, k, an, rel, tm, md in self._ranged(
                "timerefs", 'article_id, sentence, text, start, "end", value, kind, anchor, relative, time, mod'):
            yield TimeRef(article=a, sentence=s, text=t, start=b, end=e, value=v, kind=k, anchor=an,
                          relative=bool(rel), time=tm, mod=md).to_dict()

    _QUOTE_COLUMNS = ("id, article_id, sentence, speaker_text, speaker_entity, speaker_kind, speaker_name,"
                      ' speaker_role, speaker_key, cue, content, direct, start, "end", content_start, content_end')

    def _quotes(self, rows: list[tuple]) -> list[dict[str, Any]]:
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
                via=[v[0] for v in via.get((qid,), [])]).to_dict())
        return out

    def _iter_quotes(self) -> Iterator[dict[str, Any]]:
        ids = self._keys("SELECT id FROM quotes ORDER BY ord")
        for chunk in _chunks(ids):
            rows = {r[0]: r for r in self._all(
                f"SELECT {self._QUOTE_COLUMNS} FROM quotes WHERE id IN ({_marks(len(chunk))})", chunk)}
            yield from self._quotes([rows[q] for q in chunk])

    def quotes_of(self, article_ids: Iterable[str]) -> list[dict[str, Any]]:
        wanted = sorted(set(article_ids))
        rows: list[tuple] = []
        for chunk in _chunks(wanted):
            rows += self._all(f"SELECT ord, {self._QUOTE_COLUMNS} FROM quotes"
                              f" WHERE article_id IN ({_marks(len(chunk))})", chunk)
        rows.sort(key=lambda r: r[0])
        return self._quotes([r[1:] for r in rows])

    def _iter_stories(self) -> Iterator[dict[str, Any]]:
        ids = self._keys("SELECT id FROM stories ORDER BY ord")
        for chunk in _chunks(ids):
            yield from self._stories(chunk)

    def _stories(self, chunk: Sequence[str]) -> Iterator[dict[str, Any]]:
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
                              conflicts=[json.loads(r[0]) for r in ccon.get((sid, j), [])])
                        for j, cid, t, n, status, modality in cl.get(k, [])],
                summary=[SummarySentence(text=t, citations=_citations(sumc.get((sid, j), [])))
                         for j, t in summ.get(k, [])]).to_dict()

    def _iter_threads(self) -> Iterator[dict[str, Any]]:
        stories = defaultdict(list)
        for tid, sid in self._all("SELECT thread_id, story_id FROM thread_stories ORDER BY thread_id, ord"):
            stories[tid].append(sid)
        for tid, title in self._all("SELECT id, title FROM threads ORDER BY ord"):
            yield Thread(id=tid, title=title, stories=stories.get(tid, [])).to_dict()
