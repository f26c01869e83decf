"""The ``marsad`` command. Results go to standard output; progress and warnings to standard error."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from datetime import date
from pathlib import Path

from marsad.version import __version__

EPILOG = """\
examples:
  marsad analyze ../shared/corpus/seeds --published 2023-09-13
      read five articles, store them in ./marsad.db, write ./marsad-report/report.html
  marsad analyze news.jsonl.gz --db corpus.db --out report/
      add a JSONL dump to an existing corpus; only new articles are stored again
  cat article.txt | marsad analyze - --published 2023-09-16
      read one article from standard input
  marsad summarize ../shared/corpus/seeds --words 120
      print a cited summary of articles taken as one story
  marsad analyze news.jsonl.gz --db postgresql://marsad@127.0.0.1:5432/marsad
      the same, into a PostgreSQL database shared by several people and processes
  marsad report --db marsad.db --out marsad-report
      write the report again from the stored results
  marsad search "بيونغ يانغ" --since 2023-09-01 --outlet "روسيا اليوم"
      articles, quotes and claims that mention Pyongyang in any spelling
  marsad export --format csv --what quotes > quotes.csv
      every quote with its speaker, article and outlet
  marsad serve --db marsad.db --port 8000
      browse the stories at http://127.0.0.1:8000/ and use the API at /api (docs at /docs)

Exit status: 0 when at least one article was read, 2 when none (or on bad usage), 1 when the database
or the report folder cannot be used (locked, damaged, newer schema, not a report folder).

Environment: MARSAD_ENCODER=onnx|int8|numpy picks how the transformer tagger runs (onnx: ONNX Runtime,
the default, same tags as numpy with less CPU; int8: about twice faster again, a few tags differ);
MARSAD_CACHE is where its ONNX model is built on first use (default ~/.cache/marsad).
"""


DB_HELP = ("database: an SQLite file (default: ./marsad.db) or a PostgreSQL URL "
           "(postgresql://user@host:5432/dbname)")


def _iso_date(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def _setup_logging(verbose: bool) -> None:
    from rich.logging import RichHandler

    from marsad.progress import PrintableFilter, stderr

    handler = RichHandler(console=stderr, show_time=False, show_path=False, markup=False)
    handler.addFilter(PrintableFilter())
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s", handlers=[handler])


def _warn(message: str) -> None:
    """One warning line on stderr; names in it can neither break the line nor inject markup."""
    from rich.markup import escape

    from marsad.progress import printable, stderr

    stderr.print(f"[yellow]marsad: warning:[/] {escape(printable(message))}", highlight=False, markup=True,
                 soft_wrap=True)


def _error(message: str) -> None:
    from marsad.progress import printable

    print(f"marsad: error: {printable(message)}", file=sys.stderr)


def _byte_size(value: str) -> int:
    """A size in bytes: ``4000000``, ``4MB``, ``512KB``, ``2GB`` (powers of 1000)."""
    text = value.strip().upper().removesuffix("B")
    scale = {"K": 10**3, "M": 10**6, "G": 10**9, "T": 10**12}.get(text[-1:], 1)
    try:
        number = float(text[:-1] if scale > 1 else text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a size such as 4000000, 4MB or 2GB") from None
    if number <= 0:
        raise argparse.ArgumentTypeError(f"{value!r}: a size must be positive")
    return int(number * scale)


def _engine(value: str) -> tuple[str, str | None]:
    """``local``, ``spark`` or ``spark=MASTER`` → (engine, master or None)."""
    engine, _, master = value.partition("=")
    if engine not in ("local", "spark") or (master and engine != "spark") or value.endswith("="):
        raise argparse.ArgumentTypeError(f"{value!r}: the engine is local, spark or spark=MASTER (e.g. spark=local[2])")
    return engine, master or None


def cmd_analyze(args: argparse.Namespace) -> int:
    """Ingest the inputs, run every stage, write the report."""
    import sqlite3

    from marsad.api import analyze
    from marsad.engine.spark import SparkEngineError, SparkUnavailable
    from marsad.ingest import InputError, Limits, Problem
    from marsad.report.writer import ReportError
    from marsad.store import StoreError, describe_database_error

    def on_problem(problem: Problem) -> None:
        _warn(str(problem) if problem.fatal else f"{problem} (continuing)")

    if args.spark_master and args.engine[0] != "spark":
        _error("--spark-master is for --engine spark")
        return 2
    limits = Limits(max_article_bytes=args.max_article_bytes, max_line_bytes=args.max_line_bytes,
                    max_input_bytes=args.max_input_bytes)
    try:
        result = analyze(
            args.inputs,
            db=args.db,
            out=args.out,
            published=args.published,
            strict=args.strict,
            on_problem=on_problem,
            show_progress=not args.quiet,
            options={"ner": args.ner, "workers": args.workers, "engine": args.engine[0],
                     "spark_master": args.spark_master or args.engine[1]},
            limits=limits,
        )
    except InputError as exc:
        _error(f"{exc} (--strict: stopped at the first bad input)")
        return 2
    except (StoreError, ReportError, SparkUnavailable, SparkEngineError) as exc:
        _error(str(exc))
        return 1
    except sqlite3.DatabaseError as exc:
        _error(describe_database_error(args.db, exc))
        return 1
    except KeyboardInterrupt:
        _error("interrupted; what was stored so far is kept, run again to finish")
        return 130
    except Exception as exc:
        if not type(exc).__module__.startswith("psycopg"):
            raise
        from marsad.store.postgres import redact

        _error(f"{redact(args.db)}: PostgreSQL error ({str(exc).strip()})")
        return 1
    counts = result.counts
    corpus = result.corpus
    skipped = sum(1 for p in counts.problems if p.fatal)
    print(
        f"read {counts.read} articles ({counts.new} new, {counts.new_versions} new versions, "
        f"{counts.unchanged} already stored), skipped {skipped} bad inputs"
    )
    print(
        f"corpus: {len(corpus.articles)} articles, {len(corpus.duplicate_groups)} duplicate groups, "
        f"{len(corpus.entities)} entities, {len(corpus.quotes)} quotes, {len(corpus.timerefs)} time expressions, "
        f"{len(corpus.stories)} stories, {len(corpus.threads)} threads"
    )
    if result.report_dir is not None:
        print(f"report: {result.report_dir / 'report.html'}")
        print(f"data:   {result.report_dir / 'report.json'}")
    return 0 if counts.read > 0 else 2


def cmd_version(args: argparse.Namespace) -> int:
    """Print the version."""
    print(f"marsad {__version__}")
    return 0


def cmd_train_lexicon(args: argparse.Namespace) -> int:
    """Rebuild the word-frequency lexicon the clitic rules use."""
    from marsad.arabic.lexicon import build_lexicon

    out = Path(args.out) if args.out else Path(__file__).parent / "arabic" / "data" / "lexicon.tsv.gz"
    n = build_lexicon(Path(args.corpus), out, min_count=args.min_count)
    print(f"wrote {n} words to {out}")
    return 0


def _add_corpus_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "corpus", nargs="?", default="../shared/corpus/saudinewsnet/articles.jsonl.gz",
        help="JSONL(.gz) corpus with title/content fields (default: SaudiNewsNet in ../shared)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (kept separate so tests and docs can inspect it)."""
    from marsad.ingest.readers import DEFAULT_LIMITS, MAX_COMPRESSION_RATIO

    parser = argparse.ArgumentParser(
        prog="marsad",
        description="marsad (مرصد) reads Arabic news from many outlets and turns it into stories: "
        "who said what and when, which facts several independent outlets carry, who copied whom.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log each step on standard error")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "analyze",
        help="read articles, store them, run the whole flow, write the report",
        description="Read articles (files, folders recursively, or - for standard input; .txt, .html, .htm, "
        ".jsonl, .jsonl.gz), remove site chrome, store them in an SQLite database, find copies, entities, "
        "quotes, dates, stories and claims, and write report.json and report.html. Running it again on the "
        "same input adds nothing; a changed article is stored as a new version.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=EPILOG,
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder or - (standard input)")
    p.add_argument("--db", default="marsad.db", help=DB_HELP)
    p.add_argument("--out", default="marsad-report", help="report folder (default: ./marsad-report/)")
    p.add_argument(
        "--published", type=_iso_date, metavar="YYYY-MM-DD",
        help="publication date for inputs that carry none (anchors dates such as «الثلاثاء» or «أمس»)",
    )
    p.add_argument("--strict", action="store_true", help="stop at the first bad input instead of skipping it")
    p.add_argument(
        "--ner", choices=("e5+crf", "e5", "crf"),
        help="NER model: e5+crf, the fine-tuned transformer mixed with the CRF (default, most accurate; a few "
        "hundred words/s on 2 cores), e5 alone, or crf alone (tens of times faster, fewer names found: for "
        "tens of thousands of articles)",
    )
    p.add_argument(
        "--workers", type=int, metavar="N",
        help="processes for the per-article work (NER, time expressions); default: the machine's cores. "
        "Results do not depend on it",
    )
    p.add_argument(
        "--engine", type=_engine, default=("local", None), metavar="local|spark[=MASTER]",
        help="where the per-article work (NER, time expressions) runs: local (default: --workers processes) "
        "or spark, on Apache Spark (pip install 'marsad[spark]', Java 17+) at MASTER (default local[*]: "
        "this machine's cores; a cluster's URL needs marsad installed on its executors). Same results",
    )
    p.add_argument("--spark-master", metavar="MASTER", help="Spark master URL for --engine spark, e.g. local[2]")
    p.add_argument(
        "--max-article-bytes", type=_byte_size, default=DEFAULT_LIMITS.max_article_bytes, metavar="SIZE",
        help="largest article read: a .txt or .html file, or a JSONL line's text (default: 4MB); larger ones are "
        "reported and skipped",
    )
    p.add_argument(
        "--max-line-bytes", type=_byte_size, default=DEFAULT_LIMITS.max_line_bytes, metavar="SIZE",
        help="longest JSONL line (default: 16MB); longer lines are reported and skipped",
    )
    p.add_argument(
        "--max-input-bytes", type=_byte_size, default=DEFAULT_LIMITS.max_input_bytes, metavar="SIZE",
        help="most bytes read from one input after decompression (default: 20GB); a .gz that expands more "
        f"than {MAX_COMPRESSION_RATIO} times its size is refused as a decompression bomb",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress display")
    p.set_defaults(func=cmd_analyze)

    from marsad.store.commands import add_store_parsers

    add_store_parsers(sub)

    from marsad.service.command import add_service_parsers

    add_service_parsers(sub)

    p = sub.add_parser("version", help="print the version")
    p.set_defaults(func=cmd_version)

    from marsad.stages.consolidate.command import add_summarize_parser

    add_summarize_parser(sub)

    train = sub.add_parser("train", help="rebuild a model shipped with marsad from data in ../shared")
    train_sub = train.add_subparsers(dest="what", metavar="MODEL")
    p = train_sub.add_parser("lexicon", help="word frequencies used by the clitic rules")
    _add_corpus_argument(p)
    p.add_argument("--out", help="output file (default: the packaged lexicon)")
    p.add_argument("--min-count", type=int, default=5, help="drop rarer words (default: 5)")
    p.set_defaults(func=cmd_train_lexicon)

    p = train_sub.add_parser("story-idf", help="background document frequencies used to compare articles")
    _add_corpus_argument(p)
    p.add_argument("--out", help="output file (default: the packaged table)")
    p.add_argument("--min-df", type=int, default=3, help="drop rarer terms (default: 3)")
    p.set_defaults(func=_lazy("marsad.stages.stories.vectors", "train_command"))

    evaluate = sub.add_parser("eval", help="score a component on a labelled data set")
    eval_sub = evaluate.add_subparsers(dest="what", metavar="COMPONENT")

    from marsad.stages.entities.ner import add_parsers as add_ner_parsers

    add_ner_parsers(train_sub, eval_sub)
    return parser


def _lazy(module: str, function: str):
    """A command function imported only when the command runs."""

    def run(args: argparse.Namespace) -> int:
        import importlib

        return int(getattr(importlib.import_module(module), function)(args) or 0)

    return run


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``marsad`` command; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    _setup_logging(args.verbose)
    problem = _environment_problem()
    if problem:
        print(f"marsad: {problem}", file=sys.stderr)
        return 2
    return int(args.func(args) or 0)


def _environment_problem() -> str | None:
    """What is wrong with the MARSAD_* environment variables, if anything (checked before any work)."""
    from marsad.stages.entities.neural import encoder_backend

    try:
        encoder_backend()
    except ValueError as exc:
        return f"MARSAD_ENCODER={os.environ.get('MARSAD_ENCODER')}: {exc}"
    return None


if __name__ == "__main__":
    sys.exit(main())
