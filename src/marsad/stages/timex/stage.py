"""TimexStage: every article's temporal expressions, anchored on its publication day."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from functools import partial

from marsad.model import Article, Corpus, TimeRef
from marsad.pipeline import StageContext
from marsad.stages.timex import dates
from marsad.stages.timex.recognize import find_timerefs, latest_day, stated_weekday

log = logging.getLogger("marsad")

#: bump when the rules change what they find, so stored annotations are recomputed
RULES_VERSION = 6


def parse_day(value: str | None) -> date | None:
    """The day of an ISO date or datetime string (``2023-09-12``, ``2023-09-12T08:00``), else None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def checked_anchor(text: str, anchor: date | None, source: str) -> tuple[date | None, str]:
    """The anchor, moved to the nearest day of the weekday the text states for itself.

    «اليوم السبت» or «أمس الجمعة» in an article say it appeared on a Saturday; a given day
    (metadata, ``--published`` for a whole batch, the story) that is not a Saturday is moved to
    the nearest one (at most three days) and ``+text`` is added to the source.
    """
    if anchor is None:
        return None, source
    weekday = stated_weekday(text)
    if weekday is None or weekday == anchor.weekday():
        return anchor, source
    return dates.nearest_weekday(anchor, weekday), f"{source}+text"


def timerefs_for_article(article: Article, anchor: date | None, source: str = "published"
                         ) -> list[TimeRef]:
    """The article's TimeRefs, sentence by sentence, resolved against ``anchor``.

    ``source`` says where the anchor came from (``published`` or ``story``; ``+text`` is added
    when the article's own «اليوم السبت» corrected it, see :func:`checked_anchor`); it is kept in
    ``TimeRef.anchor`` as ``source:YYYY-MM-DD``. Expressions counted from a day the article
    mentioned earlier (ذلك اليوم، اليوم التالي, in this sentence or a previous one) have
    ``mention:YYYY-MM-DD`` (``story+mention:`` in an article anchored on its story).
    """
    anchor, source = checked_anchor(article.text, anchor, source)
    refs: list[TimeRef] = []
    sentences = article.sentences or []
    spans = [(s.i, s.start, s.end) for s in sentences] or [(0, 0, len(article.text))]
    reference: date | None = None  # the latest day the article mentioned (ذلك اليوم، اليوم التالي)
    known: dict[tuple[int, int], str] = {}  # the days it dated so far (a later «26 فبراير» is that day)
    for index, start, end in spans:
        found = find_timerefs(article.text[start:end], anchor, reference, known)
        reference = latest_day(found) or reference
        for t in found:
            # counted from a date the article mentioned: "mention" (after "story" when the
            # article itself is anchored on its story, so the timeline still sees it estimated)
            kind = source if not t.mention else (
                "story+mention" if source.startswith("story") else "mention")
            refs.append(TimeRef(
                article=article.id,
                sentence=index,
                text=t.text,
                start=start + t.start,
                end=start + t.end,
                value=t.value,
                kind=t.kind,  # type: ignore[arg-type]
                anchor=f"{kind}:{t.anchor}" if t.anchor else None,
                relative=t.relative,
                time=t.time,
                mod=t.mod,
            ))
    return refs


def _anchor_and_key(article: Article, fallback: date | None) -> tuple[date | None, dict]:
    """The article's anchor day and the key its cached expressions are stored under."""
    anchor = parse_day(article.published) or fallback
    return anchor, {"version": RULES_VERSION, "anchor": anchor.isoformat() if anchor else None}


def _cached_refs(article: Article, fallback: date | None) -> dict | None:
    """The cache value of one article's expressions (None when the rules fail on it)."""
    anchor, key = _anchor_and_key(article, fallback)
    try:
        found = timerefs_for_article(article, anchor)
    except Exception:  # the stage itself reports it when it meets the article
        return None
    return {"key": key, "refs": [r.to_dict() for r in found]}


class TimexStage:
    """Adds ``corpus.timerefs``: one TimeRef per temporal expression of every article.

    The anchor is ``article.published``, else the ``published`` option (the CLI's
    ``--published``). Articles with neither keep relative expressions unresolved
    (``relative=True``); the timeline stage may anchor them on their story later.
    """

    name = "timex"

    def run(self, corpus: Corpus, context: StageContext) -> None:
        """Replace ``corpus.timerefs`` with the expressions of every article.

        Results are stored per article (``context.store`` annotations, keyed by the anchor
        and :data:`RULES_VERSION`), so an incremental run only reads new articles.
        """
        fallback = parse_day(context.options.get("published"))
        store = context.store
        refs: list[TimeRef] = []
        for article in corpus.articles:
            anchor, key = _anchor_and_key(article, fallback)
            cached = store.get_annotation(self.name, article.id) if store is not None else None
            if isinstance(cached, dict) and cached.get("key") == key:
                refs.extend(TimeRef(**r) for r in cached.get("refs", []))
                continue
            try:
                found = timerefs_for_article(article, anchor)
            except Exception as exc:  # one bad article never kills the batch
                log.warning("timex: article %s (%s) skipped: %s", article.id, article.path, exc)
                continue
            refs.extend(found)
            if store is not None:
                try:
                    store.put_annotation(self.name, article.id,
                                         {"key": key, "refs": [r.to_dict() for r in found]})
                except Exception as exc:  # e.g. an article the store does not hold
                    log.debug("timex: annotation of %s not stored: %s", article.id, exc)
        corpus.timerefs = refs

    def article_work(self, corpus: Corpus, context: StageContext
                     ) -> tuple[list[Article], Callable[[Article], dict | None]]:
        """The articles with no valid cached expressions, and the function caching one article's
        (run by the pipeline on worker processes)."""
        fallback = parse_day(context.options.get("published"))
        todo = []
        for article in corpus.articles:
            _, key = _anchor_and_key(article, fallback)
            cached = context.store.get_annotation(self.name, article.id)
            if not (isinstance(cached, dict) and cached.get("key") == key):
                todo.append(article)
        return todo, partial(_cached_refs, fallback=fallback)
