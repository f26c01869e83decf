"""QuotesStage: fills ``corpus.quotes`` (runs after the entities stage)."""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from marsad.arabic import normalize
from marsad.engine.digest import source_digest
from marsad.model import Article, Corpus, Mention, Quote, Speaker
from marsad.pipeline import StageContext
from marsad.stages.quotes.extract import ArticleQuotes, RoleIndex, collect_roles, role_key
from marsad.stages.quotes.learned import Scorer, load_scorer, rescore
from marsad.store.base import Store

log = logging.getLogger("marsad")

#: whether the stage runs the learned scorer (``learned.py``, ``scorer.json``) over the rules'
#: statements by default: it did not beat the rules alone in cross-validation on the annotated
#: articles (issue 13, fifth round: docs/quotes.md), so the rules stay the default
LEARNED_BY_DEFAULT = False


class QuotesStage:
    """Finds statements in every article; links speakers to entities when mentions exist.

    Roles are resolved across the whole corpus (a role the article leaves unnamed takes the name
    other articles give it, when they agree). Works with empty ``corpus.mentions`` (speaker
    ``entity`` stays null unless a name matches an entity's spelling).
    """

    name = "quotes"

    def __init__(self, learned: bool = LEARNED_BY_DEFAULT) -> None:
        self.learned = learned

    def run(self, corpus: Corpus, context: StageContext) -> None:
        """Replace ``corpus.quotes`` with the statements of all articles (an article whose
        statements are cached and whose role look-ups still give the same names is not read again)."""
        store = getattr(context, "store", None)
        corpus.quotes = find_all(corpus, learned=self.learned, store=store)


#: files whose content decides what an article's statements are: a cached article is redone when
#: one of them changes (the extraction rules, their lexicons, the Arabic layer, the gazetteer)
_RULE_SOURCES = ("stages/quotes", "arabic", "knowledge", "stages/entities/gazetteer.py")


def rules_digest() -> str:
    """A digest of the files the statements of an article depend on (:data:`_RULE_SOURCES`)."""
    return source_digest(*_RULE_SOURCES)


def _article_key(article: Article, mentions: Sequence[Mention]) -> str:
    """What one article's cached statements were found from: the rules, the text and sentences,
    and the article's mentions with their entities."""
    digest = hashlib.sha1(rules_digest().encode())
    digest.update(article.id.encode())
    digest.update(article.text.encode())
    digest.update(repr([(s.i, s.start, s.end) for s in article.sentences]).encode())
    digest.update(repr(sorted((m.start, m.end, m.type, m.text, m.entity or "", m.sentence)
                              for m in mentions)).encode())
    return digest.hexdigest()


@dataclass
class _LoggedRoles(RoleIndex):
    """A :class:`RoleIndex` that records, for the article being read, every role it adds and every
    role it resolves with the answer (``events``), and can undo the adds it journaled."""

    events: list[list] | None = None
    journal: list[tuple[str, tuple[str, ...], str, bool, bool]] | None = None
    undo_log: list[tuple[str, tuple[str, ...], str, bool, bool]] = field(default_factory=list)

    def add(self, article: str, role: str, name: str) -> None:
        if self.events is not None:
            self.events.append(["add", role, name])
        key = role_key(role)
        if self.journal is not None and key and name:
            local = self.by_article.get(article)
            self.journal.append((article, key, name, local is not None, local is not None and key in local))
        super().add(article, role, name)

    def resolve(self, article: str, role: str) -> str | None:
        answer = super().resolve(article, role)
        if self.events is not None:
            self.events.append(["resolve", role, answer])
        return answer

    def undo(self, journal: list[tuple[str, tuple[str, ...], str, bool, bool]]) -> None:
        """Take back the adds of ``journal`` (newest first)."""
        for article, key, name, had_article, had_key in reversed(journal):
            counts = self.corpus[key]
            counts[name] -= 1
            if counts[name] == 0:
                del counts[name]
                if not counts:
                    del self.corpus[key]
            if not had_article:
                del self.by_article[article]
            elif not had_key:
                del self.by_article[article][key]


def _quote_to_cache(q: Quote) -> dict[str, Any]:
    return q.to_dict()


def _quote_from_cache(d: dict[str, Any]) -> Quote:
    return Quote(**{**d, "speaker": Speaker(**d["speaker"]), "via": list(d["via"])})


@dataclass
class CacheCounts:
    """How :func:`find_all` treated the articles: read from the cache, found again (no valid cache,
    or a role look-up now answers differently)."""

    cached: int = 0
    computed: int = 0
    invalidated: int = 0


#: filled by the last :func:`find_all` with a store (read by tests and benchmarks)
last_counts = CacheCounts()


def find_all(corpus: Corpus, learned: bool = LEARNED_BY_DEFAULT, store: Store | None = None) -> list[Quote]:
    """Statements of every article of ``corpus``, in article order. With ``learned``, the learned
    scorer chooses among the rules' statements, their alternatives and the generator's candidates
    (raises if the model file is missing).

    With ``store`` (and the rules alone), each article's statements are cached with the roles it
    named and every role it looked up: a cached article is not read again (its roles are replayed
    into the corpus's role index, in corpus order) unless its text, mentions or the rules changed or
    one of its look-ups now answers differently (a role a new article names). The statements are
    the same as without the cache."""
    scorer: Scorer | None = None
    if learned:
        scorer = load_scorer()
        if scorer is None:
            raise FileNotFoundError("quotes: no learned scorer (run benchmarks/quotes_learn.py --write)")
    by_article: dict[str, list[Mention]] = defaultdict(list)
    for m in corpus.mentions:
        by_article[m.article].append(m)
    ids = [a.id for a in corpus.articles]
    if isinstance(store, Store) and scorer is None and len(set(ids)) == len(ids):
        raw = _find_cached(corpus, by_article, store)
    else:
        roles = RoleIndex()
        finders = [ArticleQuotes(a, roles, by_article.get(a.id, ())) for a in corpus.articles]
        for finder in finders:  # first every role named anywhere, then the statements
            collect_roles(finder.article, roles, finder.mentions, finder)
        raw = []
        for finder in finders:
            found = finder.run()
            if scorer is not None:
                found = rescore(finder, found, scorer)
            raw.append(found)
    spelling = _entity_spellings(corpus)
    quotes: list[Quote] = []
    for found in raw:
        for q in found:
            sp = q.speaker
            if sp.entity is None and sp.kind in {"person", "source", "organization"}:
                wanted = "PER" if sp.kind == "person" else "ORG"
                sp.entity = spelling.get((wanted, _key(sp.name or sp.text)))
        quotes.extend(found)
    assign_speaker_keys(quotes)
    return quotes


def _stored_ids(store: Store, article_ids: list[str]) -> set[str]:
    """Those of ``article_ids`` the store holds."""
    held: set[str] = set()
    for start in range(0, len(article_ids), 500):
        chunk = article_ids[start:start + 500]
        held.update(r[0] for r in store.query(
            f"SELECT id FROM articles WHERE id IN ({','.join('?' * len(chunk))})", chunk))
    return held


def _find_cached(corpus: Corpus, by_article: dict[str, list[Mention]], store: Store) -> list[list[Quote]]:
    """Per article (corpus order) its statements as :meth:`ArticleQuotes.run` gives them, read from
    the store's cache where it still holds, found (and cached) otherwise."""
    counts = CacheCounts()
    roles = _LoggedRoles()
    cached = store.get_annotations(QuotesStage.name, [a.id for a in corpus.articles])
    plans: list[tuple[Article, Sequence[Mention], str, dict | None, ArticleQuotes | None]] = []
    for article in corpus.articles:  # first every role named anywhere (replayed when cached)
        mentions = by_article.get(article.id, ())
        key = _article_key(article, mentions)
        entry = cached.get(article.id)
        if isinstance(entry, dict) and entry.get("key") == key:
            for role, name in entry["collect"]:
                roles.add(article.id, role, name)
            if entry["people"]:
                roles.people[article.id] = [tuple(p) for p in entry["people"]]
            plans.append((article, mentions, key, entry, None))
            continue
        finder = ArticleQuotes(article, roles, mentions)
        roles.events = []
        collect_roles(article, roles, finder.mentions, finder)
        collect = [[role, name] for kind, role, name in roles.events if kind == "add"]
        if len(collect) < len(roles.events):
            key = ""  # a role resolved while roles were collected: its answer is not replayed, no cache
        roles.events = None
        plans.append((article, mentions, key, {"collect": collect}, finder))
    result: list[list[Quote]] = []
    pending: list[tuple[str, dict]] = []
    for article, mentions, key, entry, finder in plans:
        if finder is None:
            assert entry is not None
            journal: list = []
            roles.journal = journal
            valid = True
            for kind, role, value in entry["events"]:
                if kind == "add":
                    roles.add(article.id, role, value)
                elif roles.resolve(article.id, role) != value:
                    valid = False
                    break
            roles.journal = None
            if valid:
                counts.cached += 1
                result.append([_quote_from_cache(q) for q in entry["quotes"]])
                continue
            roles.undo(journal)
            counts.invalidated += 1
            finder = ArticleQuotes(article, roles, mentions)
        counts.computed += 1
        roles.events = []
        found = finder.run()
        events, roles.events = roles.events, None
        result.append(found)
        people = roles.people.get(article.id, [])
        pending.append((article.id, {"key": key, "collect": entry["collect"] if entry else [],
                                     "people": [list(p) for p in people], "events": events,
                                     "quotes": [_quote_to_cache(q) for q in found]}))
    held = _stored_ids(store, [article_id for article_id, _ in pending])  # a corpus may hold others
    pending = [(article_id, value) for article_id, value in pending if article_id in held]
    for start in range(0, len(pending), 200):  # a killed run keeps what was written
        with store.transaction():
            for article_id, value in pending[start:start + 200]:
                store.put_annotation(QuotesStage.name, article_id, value)
    global last_counts
    last_counts = counts
    log.info("quotes: %d articles from the cache, %d read (%d of them because a role now resolves "
             "differently)", counts.cached, counts.computed, counts.invalidated)
    return result


def assign_speaker_keys(quotes: list[Quote]) -> None:
    """Give statements of one speaker one ``speaker.key``: the entity id when linked; for persons,
    names that share their surname, or a one-word name that is another name's first or last word
    (بوتين / فلاديمير بوتين، كيم / كيم جونغ أون), join the most frequent full name; groups, roles
    and organizations by their written form; sources by their outlet."""
    names: dict[str, int] = defaultdict(int)
    for q in quotes:
        sp = q.speaker
        if sp.entity is None and sp.kind == "person" and sp.name:
            names[_key(sp.name)] += 1
    full = sorted((n for n in names if " " in n), key=lambda n: (-names[n], -len(n), n))
    # the first full name (in that order) with the same first or last word, by index: a scan of
    # ``full`` per quote grew with quotes x names
    rank = {n: i for i, n in enumerate(full)}
    first_at: dict[str, int] = {}
    last_at: dict[str, int] = {}
    for i, other in enumerate(full):
        other_words = other.split()
        first_at.setdefault(other_words[0], i)
        last_at.setdefault(other_words[-1], i)

    def person_key(name: str) -> str:
        words = name.split()
        best = rank.get(name, len(full))
        if len(words) == 1:
            best = min(best, first_at.get(words[0], best), last_at.get(words[0], best))
        elif len(words) > 1:
            best = min(best, last_at.get(words[-1], best))
        return full[best] if best < len(full) else name

    for q in quotes:
        sp = q.speaker
        if sp.entity:
            sp.key = f"entity:{sp.entity}"
        elif sp.kind == "person" and sp.name:
            sp.key = f"person:{person_key(_key(sp.name))}"
        elif sp.kind == "source" and sp.name:
            sp.key = f"source:{sp.name}"
        else:
            sp.key = f"{sp.kind}:{_key(sp.text)}"


def _key(text: str) -> str:
    return normalize(text)


def _entity_spellings(corpus: Corpus) -> dict[tuple[str, str], str]:
    """(type, normalized spelling) → entity id, for spellings that name exactly one entity."""
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for e in corpus.entities:
        for v in [e.name, *e.variants]:
            owners[(e.type, _key(v))].add(e.id)
    return {k: next(iter(v)) for k, v in owners.items() if len(v) == 1}
