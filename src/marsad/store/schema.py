"""The one schema definition of both backends: migrations written once, in portable SQL.

Each migration is SQL that SQLite and PostgreSQL both accept after :func:`render`, a tiny
dialect layer of a few textual substitutions (``WITHOUT ROWID`` is SQLite's storage hint;
``REAL`` is SQLite's 8-byte float, ``DOUBLE PRECISION`` in PostgreSQL). The few things that
cannot be portable (the full-text index: FTS5 against ``tsvector``) are a migration step
given per dialect. Never edit a released step: append a new one.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

Dialect = Literal["sqlite", "postgresql"]

#: 0 -> 1: articles, sentences, stage annotations and state (the SQLite store of issue 17)
_V1 = """
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    source_key TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    current INTEGER NOT NULL DEFAULT 1,
    path TEXT NOT NULL,
    url TEXT, outlet TEXT, title TEXT, author TEXT, published TEXT,
    place TEXT, agency TEXT,
    text TEXT NOT NULL,
    ingested_at REAL NOT NULL
);
CREATE INDEX articles_source ON articles(source_key, version);
CREATE INDEX articles_hash ON articles(content_hash);
CREATE TABLE sentences (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    i INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    PRIMARY KEY (article_id, i)
) WITHOUT ROWID;
CREATE TABLE annotations (
    stage TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    value TEXT NOT NULL,
    PRIMARY KEY (stage, article_id)
) WITHOUT ROWID;
CREATE TABLE stage_state (
    stage TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (stage, key)
) WITHOUT ROWID;
"""

#: 1 -> 2: the results, one table per noun of the data model (docs/store.md draws them).
#: ``ord`` columns keep the order the stages produced, so a report rendered from the tables
#: equals the one rendered from memory. Nested records that have no noun of their own
#: (a claim's attributions, relays and conflict records; a story's history events) keep their
#: queryable fields as columns and their full record in ``body`` (JSON) for rendering.
_V2 = """
CREATE TABLE outlets (
    name TEXT PRIMARY KEY,
    articles INTEGER NOT NULL,
    first_publications INTEGER NOT NULL,
    copies INTEGER NOT NULL
);
CREATE TABLE outlet_spellings (
    outlet TEXT NOT NULL REFERENCES outlets(name) ON DELETE CASCADE,
    spelling TEXT NOT NULL,
    articles INTEGER NOT NULL,
    PRIMARY KEY (outlet, spelling)
);
CREATE TABLE duplicate_families (
    id TEXT PRIMARY KEY,
    ord INTEGER NOT NULL,
    kind TEXT NOT NULL,
    origin TEXT NOT NULL,
    score REAL NOT NULL
);
CREATE TABLE duplicate_members (
    family_id TEXT NOT NULL REFERENCES duplicate_families(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    PRIMARY KEY (family_id, ord)
);
CREATE INDEX duplicate_members_article ON duplicate_members(article_id);
CREATE TABLE duplicate_shares (
    family_id TEXT NOT NULL REFERENCES duplicate_families(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    similarity REAL NOT NULL,
    coverage REAL NOT NULL,
    relation TEXT NOT NULL,
    PRIMARY KEY (family_id, ord)
);
CREATE TABLE duplicate_sentence_changes (
    family_id TEXT NOT NULL REFERENCES duplicate_families(id) ON DELETE CASCADE,
    share_ord INTEGER NOT NULL,
    change TEXT NOT NULL,
    ord INTEGER NOT NULL,
    sentence INTEGER NOT NULL,
    PRIMARY KEY (family_id, share_ord, change, ord)
);
CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    ord INTEGER NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    mentions INTEGER NOT NULL
);
CREATE TABLE entity_variants (
    entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    spelling TEXT NOT NULL,
    norm TEXT NOT NULL,
    fold TEXT NOT NULL,
    count INTEGER,
    outlets_ord INTEGER,
    PRIMARY KEY (entity_id, ord)
);
CREATE INDEX entity_variants_norm ON entity_variants(norm);
CREATE INDEX entity_variants_fold ON entity_variants(fold);
CREATE TABLE entity_variant_outlets (
    entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    variant_ord INTEGER NOT NULL,
    ord INTEGER NOT NULL,
    outlet TEXT NOT NULL,
    PRIMARY KEY (entity_id, variant_ord, ord)
);
CREATE TABLE entity_roles (
    entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    role TEXT NOT NULL,
    PRIMARY KEY (entity_id, ord)
);
CREATE TABLE entity_articles (
    entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    PRIMARY KEY (entity_id, ord)
);
CREATE INDEX entity_articles_article ON entity_articles(article_id);
CREATE TABLE mentions (
    ord INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL,
    sentence INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    entity_id TEXT
);
CREATE INDEX mentions_article ON mentions(article_id);
CREATE INDEX mentions_entity ON mentions(entity_id);
CREATE TABLE quotes (
    id TEXT PRIMARY KEY,
    ord INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    sentence INTEGER NOT NULL,
    speaker_text TEXT NOT NULL,
    speaker_entity TEXT,
    speaker_kind TEXT NOT NULL,
    speaker_name TEXT,
    speaker_role TEXT,
    speaker_key TEXT,
    cue TEXT NOT NULL,
    content TEXT NOT NULL,
    direct INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    content_start INTEGER NOT NULL,
    content_end INTEGER NOT NULL
);
CREATE INDEX quotes_article ON quotes(article_id);
CREATE INDEX quotes_speaker ON quotes(speaker_entity);
CREATE TABLE quote_via (
    quote_id TEXT NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    outlet TEXT NOT NULL,
    PRIMARY KEY (quote_id, ord)
);
CREATE TABLE timerefs (
    ord INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL,
    sentence INTEGER NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    value TEXT,
    kind TEXT NOT NULL,
    anchor TEXT,
    relative INTEGER NOT NULL,
    time TEXT,
    mod TEXT
);
CREATE INDEX timerefs_article ON timerefs(article_id);
CREATE TABLE threads (
    id TEXT PRIMARY KEY,
    ord INTEGER NOT NULL,
    title TEXT NOT NULL
);
CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    ord INTEGER NOT NULL,
    title TEXT NOT NULL,
    first_seen TEXT,
    last_seen TEXT,
    thread_id TEXT
);
CREATE TABLE story_articles (
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    PRIMARY KEY (story_id, ord)
);
CREATE INDEX story_articles_article ON story_articles(article_id);
CREATE TABLE story_outlets (
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    outlet TEXT NOT NULL,
    PRIMARY KEY (story_id, ord)
);
CREATE TABLE story_entities (
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    entity_id TEXT NOT NULL,
    PRIMARY KEY (story_id, ord)
);
CREATE TABLE story_history (
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    run INTEGER NOT NULL,
    op TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (story_id, ord)
);
CREATE TABLE thread_stories (
    thread_id TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    story_id TEXT NOT NULL,
    PRIMARY KEY (thread_id, ord)
);
CREATE TABLE timeline_entries (
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    date TEXT NOT NULL,
    text TEXT NOT NULL,
    estimated INTEGER NOT NULL,
    PRIMARY KEY (story_id, ord)
);
CREATE TABLE timeline_citations (
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    entry_ord INTEGER NOT NULL,
    ord INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    sentence INTEGER NOT NULL,
    start INTEGER,
    "end" INTEGER,
    PRIMARY KEY (story_id, entry_ord, ord)
);
CREATE TABLE claims (
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    id TEXT NOT NULL,
    text TEXT NOT NULL,
    independent_sources INTEGER NOT NULL,
    status TEXT NOT NULL,
    modality TEXT NOT NULL,
    PRIMARY KEY (story_id, ord)
);
CREATE INDEX claims_id ON claims(id);
CREATE TABLE claim_sources (
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    claim_ord INTEGER NOT NULL,
    ord INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    PRIMARY KEY (story_id, claim_ord, ord)
);
CREATE TABLE claim_sentences (
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    claim_ord INTEGER NOT NULL,
    ord INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    sentence INTEGER NOT NULL,
    start INTEGER,
    "end" INTEGER,
    PRIMARY KEY (story_id, claim_ord, ord)
);
CREATE TABLE claim_attributions (
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    claim_ord INTEGER NOT NULL,
    ord INTEGER NOT NULL,
    article_id TEXT,
    sentence INTEGER,
    outlet TEXT,
    speaker TEXT,
    relay TEXT,
    body TEXT NOT NULL,
    PRIMARY KEY (story_id, claim_ord, ord)
);
CREATE TABLE claim_relays (
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    claim_ord INTEGER NOT NULL,
    ord INTEGER NOT NULL,
    via TEXT,
    body TEXT NOT NULL,
    PRIMARY KEY (story_id, claim_ord, ord)
);
CREATE TABLE conflicts (
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    claim_ord INTEGER NOT NULL,
    ord INTEGER NOT NULL,
    conflict_id TEXT,
    kind TEXT,
    unit TEXT,
    body TEXT NOT NULL,
    PRIMARY KEY (story_id, claim_ord, ord)
);
CREATE TABLE summary_sentences (
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (story_id, ord)
);
CREATE TABLE summary_citations (
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    summary_ord INTEGER NOT NULL,
    ord INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    sentence INTEGER NOT NULL,
    start INTEGER,
    "end" INTEGER,
    PRIMARY KEY (story_id, summary_ord, ord)
);
CREATE TABLE report_articles (
    ord INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL
);
"""

#: 2 -> 3: the full-text index (``marsad.search``): one row per indexed article, quote or claim, and
#: its pre-normalized terms in FTS5 (SQLite) or a tsvector with a GIN index (PostgreSQL)
_V3 = {
    "sqlite": """
CREATE TABLE search_docs (
    doc INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    ref TEXT NOT NULL,
    article_id TEXT,
    story_id TEXT
);
CREATE INDEX search_docs_article ON search_docs(article_id, kind);
CREATE INDEX search_docs_kind ON search_docs(kind, ref);
CREATE VIRTUAL TABLE search_fts USING fts5(terms, tokenize = 'unicode61 remove_diacritics 0');
""",
    "postgresql": """
CREATE TABLE search_docs (
    doc BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    kind TEXT NOT NULL,
    ref TEXT NOT NULL,
    article_id TEXT,
    story_id TEXT,
    terms TSVECTOR NOT NULL
);
CREATE INDEX search_docs_article ON search_docs(article_id, kind);
CREATE INDEX search_docs_kind ON search_docs(kind, ref);
CREATE INDEX search_docs_terms ON search_docs USING GIN (terms);
""",
}

#: 3 -> 4: the entities stage's corpus state as keyed rows (``stages/entities/corpus_state.py``) instead of one
#: JSON blob per article: the corpus scan per sentence (only the sentences scanned again are written), each
#: article's word counts, and the corpus word counts kept as their sum (updated by the articles that come and
#: go, in the transaction that writes their rows). The blobs of the old scan cache are dropped (a cache).
#: The two tables of long rows are rowid tables: SQLite stores a WITHOUT ROWID table's rows in its key's tree,
#: which more than doubled their size at rows of 1-3 KB.
_V4 = """
CREATE TABLE entity_scan_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    version TEXT NOT NULL,
    layout TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE entity_scan_sentences (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    sentence INTEGER NOT NULL,
    heads TEXT NOT NULL,
    matched TEXT NOT NULL,
    hits TEXT NOT NULL,
    PRIMARY KEY (article_id, sentence)
);
CREATE TABLE entity_article_words (
    article_id TEXT PRIMARY KEY,
    layout TEXT NOT NULL,
    words TEXT NOT NULL
);
CREATE TABLE entity_corpus_words (
    word TEXT PRIMARY KEY,
    n INTEGER NOT NULL
) WITHOUT ROWID;
DELETE FROM annotations WHERE stage = 'entities.scan'
"""

#: 4 -> 5: the entities stage's facility-name pass's corpus statistics (``stages/entities/facility_state.py``):
#: per article the key of what they were made from, its additive counts (word roles, one-word names, candidate
#: sequences) and its candidates; the counts' running sum, updated in the transaction that writes or deletes
#: the article rows; the distinct (head word, type, name) facts per article, counted by query
_V5 = """
CREATE TABLE entity_facility_articles (
    article_id TEXT PRIMARY KEY,
    layout TEXT NOT NULL,
    counts TEXT NOT NULL,
    candidates TEXT NOT NULL
);
CREATE TABLE entity_facility_sums (
    item TEXT PRIMARY KEY,
    n INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE entity_facility_names (
    kind TEXT NOT NULL,
    head TEXT NOT NULL,
    tag TEXT NOT NULL,
    name TEXT NOT NULL,
    article_id TEXT NOT NULL,
    pos INTEGER NOT NULL,
    PRIMARY KEY (kind, head, tag, name, article_id)
) WITHOUT ROWID;
CREATE INDEX entity_facility_names_article ON entity_facility_names(article_id)
"""

#: 5 -> 6: the entities stage's span-completion pass (``stages/entities/span_state.py``): per article the key of
#: what its part was made from, its word-role counts (packed) and its decisions (JSON, only those that change
#: something); the counts' running sum; and the word-role answers each article's decisions read (an index from
#: the answer to the articles, so a run redoes only the articles whose answers changed)
_V6 = """
CREATE TABLE entity_span_articles (
    article_id TEXT PRIMARY KEY,
    layout TEXT NOT NULL,
    counts TEXT NOT NULL,
    decisions TEXT NOT NULL
);
CREATE TABLE entity_span_sums (
    item TEXT PRIMARY KEY,
    n INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE entity_span_reads (
    item TEXT NOT NULL,
    article_id TEXT NOT NULL,
    PRIMARY KEY (item, article_id)
) WITHOUT ROWID;
CREATE INDEX entity_span_reads_article ON entity_span_reads(article_id)
"""

#: 6 -> 7: the entities stage's person-name rule (``stages/entities/person_state.py``): per article the key of
#: what its part was made from, its words inside tagged person names (packed) and its decisions (JSON); their
#: running sum; the answers each article's decisions read, and the answer each was read with
_V7 = """
CREATE TABLE entity_person_articles (
    article_id TEXT PRIMARY KEY,
    layout TEXT NOT NULL,
    counts TEXT NOT NULL,
    decisions TEXT NOT NULL
);
CREATE TABLE entity_person_sums (
    item TEXT PRIMARY KEY,
    n INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE entity_person_reads (
    item TEXT NOT NULL,
    article_id TEXT NOT NULL,
    PRIMARY KEY (item, article_id)
) WITHOUT ROWID;
CREATE INDEX entity_person_reads_article ON entity_person_reads(article_id);
CREATE TABLE entity_person_answers (
    item TEXT PRIMARY KEY,
    answer INTEGER NOT NULL
) WITHOUT ROWID
"""

#: 7 -> 8: the entities stage's bound-word rule (``stages/entities/bind_state.py``): per article the key of what
#: its part was made from, its counts (packed) and its decisions (JSON); their running sum; the answers each
#: article's decisions read; and every name-and-word answer a stored decision read, by its name and its word
#: (so a changed count finds the answers it can move); and the team rule (``stages/entities/club_state.py``):
#: the same per-article rows, sum and answers read
_V8 = """
CREATE TABLE entity_bind_articles (
    article_id TEXT PRIMARY KEY,
    layout TEXT NOT NULL,
    counts TEXT NOT NULL,
    decisions TEXT NOT NULL
);
CREATE TABLE entity_bind_sums (
    item TEXT PRIMARY KEY,
    n INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE entity_bind_reads (
    item TEXT NOT NULL,
    article_id TEXT NOT NULL,
    PRIMARY KEY (item, article_id)
) WITHOUT ROWID;
CREATE INDEX entity_bind_reads_article ON entity_bind_reads(article_id);
CREATE TABLE entity_bind_answers (
    item TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    word TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX entity_bind_answers_name ON entity_bind_answers(name);
CREATE INDEX entity_bind_answers_word ON entity_bind_answers(word);
CREATE TABLE entity_club_articles (
    article_id TEXT PRIMARY KEY,
    layout TEXT NOT NULL,
    counts TEXT NOT NULL,
    decisions TEXT NOT NULL
);
CREATE TABLE entity_club_sums (
    item TEXT PRIMARY KEY,
    n INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE entity_club_reads (
    item TEXT NOT NULL,
    article_id TEXT NOT NULL,
    PRIMARY KEY (item, article_id)
) WITHOUT ROWID;
CREATE INDEX entity_club_reads_article ON entity_club_reads(article_id)
"""

#: 8 -> 9: the entities stage's consistency decisions (``stages/entities/consist_state.py``): a digest of each
#: article's scan hits beside its scan rows (written with them, so the decisions made from them know when they
#: changed); per article the key of what its decisions were made from, its counts (tagged votes, occurrences of
#: known names; packed) and its decisions (JSON); their running sum; the answers each article's decisions read;
#: and the answer each stored decision read, by name (so a changed count finds the answers it can move)
_V9 = """
ALTER TABLE entity_scan_articles ADD COLUMN hits TEXT NOT NULL DEFAULT '';
CREATE TABLE entity_consist_articles (
    article_id TEXT PRIMARY KEY,
    layout TEXT NOT NULL,
    counts TEXT NOT NULL,
    decisions TEXT NOT NULL
);
CREATE TABLE entity_consist_sums (
    item TEXT PRIMARY KEY,
    n INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE entity_consist_reads (
    item TEXT NOT NULL,
    article_id TEXT NOT NULL,
    PRIMARY KEY (item, article_id)
) WITHOUT ROWID;
CREATE INDEX entity_consist_reads_article ON entity_consist_reads(article_id);
CREATE TABLE entity_consist_answers (
    item TEXT PRIMARY KEY,
    answer TEXT NOT NULL
) WITHOUT ROWID
"""

#: 9 -> 10: a claim's copies (issue 12, twentieth session): groups of articles whose witnesses print one wording
#: of the claim and count once (``Claim.copies``), stored like its relays
_V10 = """
CREATE TABLE claim_copies (
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    claim_ord INTEGER NOT NULL,
    ord INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (story_id, claim_ord, ord)
)
"""

#: every migration: one SQL text for both backends, or one text per dialect
MIGRATIONS: list[str | dict[str, str]] = [_V1, _V2, _V3, _V4, _V5, _V6, _V7, _V8, _V9, _V10]

#: the results tables in the order they are filled (children after their parents)
RESULT_TABLES: tuple[str, ...] = (
    "outlets", "outlet_spellings",
    "duplicate_families", "duplicate_members", "duplicate_shares", "duplicate_sentence_changes",
    "entities", "entity_variants", "entity_variant_outlets", "entity_roles", "entity_articles",
    "mentions", "quotes", "quote_via", "timerefs", "threads", "stories", "story_articles", "story_outlets",
    "story_entities", "story_history", "thread_stories", "timeline_entries", "timeline_citations",
    "claims", "claim_sources", "claim_sentences", "claim_attributions", "claim_relays", "claim_copies",
    "conflicts",
    "summary_sentences", "summary_citations", "report_articles",
)

def primary_key(table: str) -> tuple[str, ...]:
    """The primary-key columns of ``table`` as the migrations declare them (quoted when a keyword)."""
    return _primary_keys()[table]


@lru_cache(maxsize=1)
def _primary_keys() -> dict[str, tuple[str, ...]]:
    keys: dict[str, tuple[str, ...]] = {}
    for step in MIGRATIONS:
        sql = step["sqlite"] if isinstance(step, dict) else step
        for name, body in re.findall(r"CREATE TABLE (\w+) \((.*?)\n\)", sql, flags=re.S):
            if m := re.search(r"PRIMARY KEY \(([^)]*)\)", body):
                keys[name] = tuple(c.strip() for c in m.group(1).split(","))
            elif m := re.search(r"^\s*(\"?\w+\"?) \w+ PRIMARY KEY", body, flags=re.M):
                keys[name] = (m.group(1),)
    return keys


_POSTGRES_SUBSTITUTIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\)\s*WITHOUT ROWID"), ")"),
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),
    (re.compile(r"\bBLOB\b"), "BYTEA"),
)


def render(sql: str, dialect: Dialect) -> str:
    """``sql`` (written for SQLite) in ``dialect``: the only differences the schema needs."""
    if dialect == "postgresql":
        for pattern, replacement in _POSTGRES_SUBSTITUTIONS:
            sql = pattern.sub(replacement, sql)
    return sql


def statements(version: int, dialect: Dialect) -> list[str]:
    """The statements that upgrade the schema from ``version`` to ``version + 1``."""
    step = MIGRATIONS[version]
    sql = step[dialect] if isinstance(step, dict) else render(step, dialect)
    return [s.strip() for s in sql.split(";\n") if s.strip()]
