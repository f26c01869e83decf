"""``marsad summarize INPUT... [--words N] [--json]``: a cited summary of inputs taken as one story."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from typing import TYPE_CHECKING

from marsad.model import Corpus

if TYPE_CHECKING:
    from marsad.stages.consolidate.stage import Consolidation

log = logging.getLogger("marsad")

#: default summary length in words (the same as marsad.stages.consolidate.summarize.DEFAULT_WORDS)
DEFAULT_WORDS = 250

#: stages run before consolidation when present, in the pipeline's order: copies
#: (independence), canonical entities (what facts are about), statements (the attribution of
#: facts) and dates (order, slots)
HELPER_STAGES = ("marsad.stages.dedup:DedupStage", "marsad.stages.entities:EntitiesStage",
                 "marsad.stages.quotes:QuotesStage", "marsad.stages.timex:TimexStage")


def _run_helper_stages(corpus: Corpus, published: str | None, ner: str | None = None,
                       stages: tuple[str, ...] = HELPER_STAGES) -> None:
    """Find duplicate families, entities, statements and dates (``stages``: those of
    :data:`HELPER_STAGES` to run) with an in-memory store that holds the corpus's articles
    (stages cache per-article annotations, which the store ties to stored articles); a stage
    that fails is skipped with a warning."""
    from marsad.pipeline import StageContext, load_stage
    from marsad.store import SQLiteStore

    store = SQLiteStore(":memory:")
    context = StageContext(store=store, options={"published": published, "ner": ner}, show_progress=False)
    try:
        store.add_articles(corpus.articles)
        for spec in stages:
            try:
                load_stage(spec).run(corpus, context)
                corpus.invalidate()
            except Exception as exc:  # the summary still works without them
                log.warning("summarize: %s skipped (%s)", spec, exc)
    finally:
        store.close()


def summarize_inputs(
    inputs: list[str], words: int = DEFAULT_WORDS, published: str | None = None,
    use_embeddings: bool | None = None, ner: str | None = None,
) -> tuple[Corpus, Consolidation] | None:
    """What ``marsad summarize`` computes: read ``inputs`` as one story, find copies,
    entities (``ner``: the tagger, None = the default), statements and dates, consolidate.
    None when no article could be read (problems go to stderr)."""
    from marsad.ingest import Problem, read_paths
    from marsad.stages.consolidate.stage import consolidate

    def on_problem(problem: Problem) -> None:
        print(f"marsad: warning: {problem}", file=sys.stderr)

    articles = list(read_paths(inputs, published=published, on_problem=on_problem))
    if not articles:
        return None
    corpus = Corpus(articles=articles)
    _run_helper_stages(corpus, published, ner)
    return corpus, consolidate(corpus.articles, corpus, words=words, use_embeddings=use_embeddings)


def summarize_command(args: argparse.Namespace) -> int:
    """Read ``args.inputs`` as one story and print its summary (``args.json``: with citations
    and claims). Exit status 0, or 2 when no article could be read."""
    words = args.words if args.words else DEFAULT_WORDS
    found = summarize_inputs(args.inputs, words, getattr(args, "published", None), ner=getattr(args, "ner", None))
    if found is None:
        print("marsad: error: no article could be read from the inputs", file=sys.stderr)
        return 2
    corpus, result = found
    if args.json:
        payload = {
            "articles": [{"id": a.id, "outlet": a.outlet, "path": a.path, "title": a.title} for a in corpus.articles],
            "summary": [s.to_dict() for s in result.summary],
            "claims": [c.to_dict() for c in result.claims],
            "conflicts": result.conflicts,
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for sentence in result.summary:
            print(sentence.text)
    return 0


def add_summarize_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``summarize`` on the CLI's sub-parsers (used by ``marsad.cli``)."""
    p = sub.add_parser(
        "summarize",
        help="print a cited summary of articles taken as one story",
        description="Read the inputs (files, folders, - for standard input) as ONE story and print an "
        "extractive summary of at most N words: the sentences that cover what most independent outlets "
        "report. With --json, each sentence with the article sentences it cites, and the story's claims.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder or - (standard input)")
    p.add_argument("--words", type=int, default=DEFAULT_WORDS, metavar="N",
                   help=f"summary length limit in words (default {DEFAULT_WORDS}); sentences are never cut")
    p.add_argument("--json", action="store_true", help="sentences with citations and the claims, as JSON")
    p.add_argument("--published", metavar="YYYY-MM-DD", help="publication date for inputs that carry none")
    p.add_argument("--ner", choices=("e5+crf", "e5", "crf"), default=None,
                   help="NER model for the entities facts are matched on (default e5+crf; crf is much faster)")
    p.set_defaults(func=summarize_command)
    return p
