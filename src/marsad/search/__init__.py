"""Arabic full-text search over stored articles, quotes and claims (``marsad search``).

Both backends index the same pre-normalized terms, made by the Arabic layer only: for each
word, its stem (``arabic.stem``: normalization, our clitic removal, Snowball) and its
transliteration folds (``arabic.skeleton.word_folds`` of the word with and without
proclitics, marked ``x``), so والرئيس finds الرئيس and بيونغ يانغ finds بيونج يانج. SQLite keeps them
in an FTS5 table (ranked by bm25), PostgreSQL in a ``tsvector`` column with a GIN index
(ranked by ``ts_rank``), both built from the terms themselves, never re-parsed. A query
word matches a document holding its stem or its fold; all query words must match (when
none does, any of them may). Snippets are cut from the original text in Python, with
the matched words marked, the same on both backends.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from marsad.arabic.clitics import strip_proclitics
from marsad.arabic.normalize import normalize
from marsad.arabic.segment import tokenize
from marsad.arabic.skeleton import name_fold, word_folds
from marsad.arabic.stem import stem
from marsad.arabic.stopwords import is_stopword

if TYPE_CHECKING:
    from marsad.store.sql import SQLStore

#: articles indexed per transaction (a killed run loses at most these; the next run indexes them)
INDEX_BATCH = 200
KINDS = ("article", "quote", "claim")
_NOT_TERM = re.compile(r"[^\w]|_")


def _clean(term: str) -> str:
    return _NOT_TERM.sub("", term).lower()


@lru_cache(maxsize=200_000)
def word_terms(norm: str) -> tuple[str, ...]:
    """The index terms of one normalized token: its stem, and for words the transliteration fold
    (marked ``x``) of the word and of the word without proclitics (a rare name may lose a letter to
    the clitic rules: بيونج → ب + يونج, while بيونغ stays whole)."""
    stemmed = _clean(stem(norm))
    terms = [stemmed] if stemmed else []
    if norm[:1].isalpha() and not norm.isascii():
        for form in (norm, strip_proclitics(norm)):
            folds = word_folds(form)
            fold = "x" + _clean(folds[0]) if folds else ""
            if len(fold) > 1 and fold not in terms:
                terms.append(fold)
    return tuple(terms)


def index_terms(text: str) -> list[tuple[str, ...]]:
    """Per word or number of ``text``, in order: its index terms."""
    return [t for t in (word_terms(tok.norm) for tok in tokenize(text) if tok.norm[0].isalnum()) if t]


def query_words(query: str) -> list[tuple[str, ...]]:
    """Per query word: the terms any of which it matches. Function words are dropped when the
    query has other words."""
    words = [(tok.base, word_terms(tok.norm)) for tok in tokenize(query) if tok.norm[0].isalnum()]
    words = [(base, terms) for base, terms in words if terms]
    content = [terms for base, terms in words if not is_stopword(base)]
    return content or [terms for _, terms in words]


# --- the backends ----------------------------------------------------------------------------

def _tsvector(terms: Sequence[Sequence[str]]) -> str:
    """A tsvector literal of ``terms`` with positions (lexemes are alphanumeric: no quoting needed
    beyond the quotes)."""
    positions: dict[str, list[int]] = {}
    for i, alternatives in enumerate(terms[:16000], start=1):
        for term in alternatives:
            positions.setdefault(term, []).append(min(i, 16383))
    return " ".join(f"'{t}':{','.join(map(str, p[:256]))}" for t, p in positions.items())


def _add_doc(store: SQLStore, kind: str, ref: str, article_id: str | None, story_id: str | None,
             terms: Sequence[Sequence[str]]) -> None:
    if store.dialect == "postgresql":
        store._execute("INSERT INTO search_docs (kind, ref, article_id, story_id, terms)"
                       " VALUES (?, ?, ?, ?, ?::tsvector)", (kind, ref, article_id, story_id, _tsvector(terms)))
        return
    cursor = store._execute("INSERT INTO search_docs (kind, ref, article_id, story_id) VALUES (?, ?, ?, ?)",
                            (kind, ref, article_id, story_id))
    store._execute("INSERT INTO search_fts (rowid, terms) VALUES (?, ?)",
                   (cursor.lastrowid, " ".join(" ".join(t) for t in terms)))


def remove_docs(store: SQLStore, where: str, params: Sequence[Any]) -> None:
    """Drop the documents of ``search_docs`` selected by ``where`` (inside the caller's transaction)."""
    if store.dialect == "sqlite":
        store._execute(f"DELETE FROM search_fts WHERE rowid IN (SELECT doc FROM search_docs WHERE {where})", params)
    store._execute(f"DELETE FROM search_docs WHERE {where}", params)


def index_new_articles(store: SQLStore) -> int:
    """Index the stored articles that are not indexed yet (new ones, or all after a migration),
    :data:`INDEX_BATCH` per transaction; returns how many were indexed."""
    missing = [r[0] for r in store._all(
        "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM search_docs WHERE kind = 'article')"
        " ORDER BY id")]
    for start in range(0, len(missing), INDEX_BATCH):
        chunk = missing[start:start + INDEX_BATCH]
        marks = ",".join("?" * len(chunk))
        rows = store._all(f"SELECT id, title, text FROM articles WHERE id IN ({marks}) ORDER BY id", chunk)
        with store.transaction():
            for article_id, title, text in rows:
                _add_doc(store, "article", article_id, article_id, None,
                         index_terms(f"{title or ''}\n{text}"))
    return len(missing)


def index_results(store: SQLStore, corpus: Any) -> int:
    """Index the quotes and claims of ``corpus`` in place of the previous ones (inside the
    caller's transaction: the results and their index change together). Only documents that
    are new or whose text, article or story changed are (re)indexed, the others stay; a digest
    per document is kept in ``stage_state('search', 'result_docs')``. Returns how many were indexed."""
    wanted: dict[tuple[str, str], list[tuple[str | None, str | None, str]]] = defaultdict(list)
    for q in corpus.quotes:
        wanted[("quote", q.id)].append((q.article, None, f"{q.content}\n{q.speaker.name or q.speaker.text}"))
    for story in corpus.stories:
        for c in story.claims:
            first = c.sentences[0].article if c.sentences else (c.sources[0] if c.sources else None)
            wanted[("claim", f"{story.id}/{c.id}")].append((first, story.id, c.text))
    digests = {f"{k}\t{r}": hashlib.sha1(json.dumps(docs, ensure_ascii=False).encode()).hexdigest()[:16]
               for (k, r), docs in wanted.items()}
    previous = store.get_state("search", "result_docs") or {}
    stored = set(store._all("SELECT DISTINCT kind, ref FROM search_docs WHERE kind IN ('quote', 'claim')"))
    for kind, ref in sorted(stored):
        key = f"{kind}\t{ref}"
        if previous.get(key) is None or previous.get(key) != digests.get(key):
            remove_docs(store, "kind = ? AND ref = ?", (kind, ref))
    added = 0
    for (kind, ref), docs in wanted.items():
        key = f"{kind}\t{ref}"
        if (kind, ref) in stored and previous.get(key) == digests[key]:
            continue
        for article_id, story_id, text in docs:
            _add_doc(store, kind, ref, article_id, story_id, index_terms(text))
            added += 1
    store.set_state("search", "result_docs", digests)
    return added


def _match_expression(words: Sequence[Sequence[str]], any_word: bool, dialect: str) -> str:
    if dialect == "postgresql":
        groups = ["(" + " | ".join(f"'{t}'" for t in alts) + ")" for alts in words]
        return (" | " if any_word else " & ").join(groups)
    groups = ["(" + " OR ".join(f'"{t}"' for t in alts) + ")" for alts in words]
    return (" OR " if any_word else " AND ").join(groups)


# --- searching -------------------------------------------------------------------------------

@dataclass
class Hit:
    """One search result: an article, a quote or a claim, with where it comes from."""

    kind: str
    id: str
    article: str | None
    story: str | None
    outlet: str | None
    title: str | None
    published: str | None
    score: float
    snippet: str
    highlights: list[list[int]] = field(default_factory=list)  # [start, end] in the snippet

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def entity_ids(store: SQLStore, name: str) -> list[str]:
    """Entities one of whose spellings is ``name`` up to normalization or transliteration."""
    return [r[0] for r in store._all(
        "SELECT DISTINCT entity_id FROM entity_variants WHERE norm = ? OR fold = ? ORDER BY entity_id",
        (normalize(name), name_fold(name)))]


def _filters(store: SQLStore, outlet: str | None, since: str | None, until: str | None,
             entity: str | None, story: str | None) -> tuple[list[str], list[Any]] | None:
    where: list[str] = []
    params: list[Any] = []
    if outlet:
        where.append("(a.outlet = ? OR a.outlet IN (SELECT outlet FROM outlet_spellings WHERE spelling = ?))")
        params += [outlet, outlet]
    if since:
        where.append("a.published >= ?")
        params.append(since)
    if until:
        where.append("a.published <= ?")
        params.append(until)
    if entity:
        ids = entity_ids(store, entity)
        if not ids:
            return None
        marks = ",".join("?" * len(ids))
        where.append(f"d.article_id IN (SELECT article_id FROM entity_articles WHERE entity_id IN ({marks}))")
        params += ids
    if story:
        where.append("(d.story_id = ? OR d.article_id IN (SELECT article_id FROM story_articles WHERE story_id = ?))")
        params += [story, story]
    return where, params


def _ranked(store: SQLStore, words: Sequence[Sequence[str]], any_word: bool, kinds: Sequence[str],
            where: list[str], params: list[Any], limit: int) -> list[tuple]:
    expression = _match_expression(words, any_word, store.dialect)
    kind_marks = ",".join("?" * len(kinds))
    extra = "".join(f" AND {w}" for w in where)
    current = "(a.id IS NULL OR a.current = 1)"
    if store.dialect == "postgresql":
        sql = ("SELECT d.kind, d.ref, d.article_id, d.story_id, ts_rank(d.terms, q.query) AS score"
               " FROM search_docs d CROSS JOIN (SELECT ?::tsquery AS query) q"
               " LEFT JOIN articles a ON a.id = d.article_id"
               f" WHERE d.terms @@ q.query AND d.kind IN ({kind_marks}) AND {current}{extra}"
               " ORDER BY score DESC, d.kind, d.ref LIMIT ?")
    else:
        sql = ("SELECT d.kind, d.ref, d.article_id, d.story_id, -bm25(search_fts) AS score"
               " FROM search_fts JOIN search_docs d ON d.doc = search_fts.rowid"
               " LEFT JOIN articles a ON a.id = d.article_id"
               f" WHERE search_fts MATCH ? AND d.kind IN ({kind_marks}) AND {current}{extra}"
               " ORDER BY score DESC, d.kind, d.ref LIMIT ?")
    return store._all(sql, [expression, *kinds, *params, limit])


def search_store(store: SQLStore, query: str, *, outlet: str | None = None, since: str | None = None,
                 until: str | None = None, entity: str | None = None, story: str | None = None,
                 kinds: Sequence[str] = KINDS, limit: int = 20, snippets: bool = True) -> list[Hit]:
    """The best ``limit`` documents for ``query``, best first (see the module docstring)."""
    words = query_words(query)
    filters = _filters(store, outlet, since, until, entity, story)
    if not words or filters is None:
        return []
    where, params = filters
    rows = _ranked(store, words, False, kinds, where, params, limit)
    if not rows and len(words) > 1:
        rows = _ranked(store, words, True, kinds, where, params, limit)
    return [_hit(store, row, words, snippets) for row in rows]


def _hit(store: SQLStore, row: tuple, words: Sequence[Sequence[str]], snippets: bool) -> Hit:
    kind, ref, article_id, story_id, score = row
    meta = store._one("SELECT outlet, title, published, text FROM articles WHERE id = ?", (article_id,)) \
        if article_id else None
    outlet, title, published, text = meta or (None, None, None, "")
    if kind == "quote":
        found = store._one("SELECT content FROM quotes WHERE id = ?", (ref,))
        text = found[0] if found else ""
    elif kind == "claim":
        sid, _, cid = ref.partition("/")
        found = store._one("SELECT text FROM claims WHERE story_id = ? AND id = ?", (sid, cid))
        text = found[0] if found else ""
    snippet, marks = make_snippet(text, words) if snippets else ("", [])
    return Hit(kind=kind, id=ref, article=article_id, story=story_id, outlet=outlet, title=title,
               published=published, score=round(float(score), 6), snippet=snippet, highlights=marks)


def make_snippet(text: str, words: Sequence[Sequence[str]], width: int = 30) -> tuple[str, list[list[int]]]:
    """The ``width`` words of ``text`` with the most query words, and the [start, end] of each
    matched word in the snippet."""
    wanted = {t for alts in words for t in alts}
    tokens = [t for t in tokenize(text) if t.norm[0].isalnum()]
    if not tokens:
        return text[:200], []
    hits = [i for i, t in enumerate(tokens) if wanted.intersection(word_terms(t.norm))]
    candidates = [max(0, h - 5) for h in hits] or [0]
    best = max(candidates, key=lambda s: (sum(1 for h in hits if s <= h < s + width), -s))
    window = tokens[best:best + width]
    start, end = window[0].start, window[-1].end
    snippet = re.sub(r"\s", " ", text[start:end])  # one line; offsets unchanged
    prefix = "… " if start > 0 else ""
    marks = [[len(prefix) + tokens[i].start - start, len(prefix) + tokens[i].end - start]
             for i in hits if best <= i < best + width]
    return prefix + snippet + (" …" if end < len(text) else ""), marks


def highlighted(hit: Hit, before: str = "[", after: str = "]") -> str:
    """The snippet with each matched word between ``before`` and ``after``."""
    out, last = [], 0
    for s, e in hit.highlights:
        out += [hit.snippet[last:s], before, hit.snippet[s:e], after]
        last = e
    out.append(hit.snippet[last:])
    return "".join(out)


def hits_json(hits: list[Hit]) -> str:
    """The hits as a JSON array."""
    return json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=1)
