"""The Spark engine: each stage's per-article work computed on Apache Spark (``--engine spark``).

A stage's :meth:`~marsad.pipeline.ArticleStage.article_work` gives the articles to compute and a
pure function of one article; :func:`map_articles` ships that function (cloudpickle) and the
articles to Spark in waves of :data:`WAVE_PARTITIONS` partitions per core, each partition
:data:`ARTICLES_PER_PARTITION` articles, computes them in ``mapPartitions`` on the executors' Python
workers, and collects the values back to the driver in article order. The driver then stores them
and runs the corpus-wide stages as the local engine does, so the results are the same.

The session runs offline (no package download, no web UI) and quietly: Spark's log (level ERROR)
and anything the JVM prints go to standard error, never standard output. ``master`` is Spark's
master URL: ``local[N]`` runs here (the default, ``local[*]``, uses every core); a cluster's URL
(``spark://host:7077``, ``yarn``…) needs marsad and its models installed in the executors' Python.
"""

from __future__ import annotations

import atexit
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from marsad.model import Article

log = logging.getLogger("marsad")

DEFAULT_MASTER = "local[*]"
#: articles per Spark partition (one task): enough work per task that shipping the function is cheap
ARTICLES_PER_PARTITION = 64
#: partitions per core in one Spark job; the driver stores a wave's values before the next is sent
WAVE_PARTITIONS = 4
#: the oldest Java the pinned Spark (4.x) runs on
MIN_JAVA = 17

#: Spark's log4j2 configuration: errors only, on standard error
LOG4J2 = """\
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = stderr
appender.console.type = Console
appender.console.name = stderr
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = spark: %p %c{1}: %m%n%ex
# Spark's own loggers configured apart, at the same level: an interactive driver (PySpark's) then keeps
# it instead of lowering it to WARN and saying so
logger.spark.name = org.apache.spark
logger.spark.level = error
"""

_SESSION: Any = None  # the SparkSession of this process
_MASTER: str | None = None


class SparkUnavailable(RuntimeError):
    """pyspark or a suitable Java is missing: the message names what and how to install it."""


class SparkEngineError(RuntimeError):
    """A Spark job failed (not one article's work: those are reported and skipped by the pipeline)."""


def _java() -> str:
    """The java executable Spark will start (JAVA_HOME's, else the one on PATH)."""
    home = os.environ.get("JAVA_HOME")
    if home:
        java = Path(home) / "bin" / "java"
        if not java.is_file():
            raise SparkUnavailable(f"--engine spark needs Java {MIN_JAVA} or newer: JAVA_HOME={home} has no bin/java")
        return str(java)
    found = shutil.which("java")
    if found is None:
        raise SparkUnavailable(
            f"--engine spark needs Java {MIN_JAVA} or newer, and no java is on PATH (nor JAVA_HOME set); "
            "install one, e.g. `apt-get install openjdk-17-jre-headless`")
    return found


def java_version(java: str) -> int:
    """The major version of ``java`` (``java -version``: "17.0.15" → 17, "1.8.0_392" → 8)."""
    try:
        done = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SparkUnavailable(f"--engine spark: {java} -version failed: {exc}") from None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', done.stderr + done.stdout)
    if done.returncode or not match:
        raise SparkUnavailable(f"--engine spark: {java} -version failed: {(done.stderr or done.stdout).strip()}")
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


def check_available() -> None:
    """Raise :class:`SparkUnavailable` naming what is missing (pyspark, Java, or a new enough Java)."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise SparkUnavailable(
            "--engine spark needs pyspark, which is not installed: pip install 'marsad[spark]'") from None
    java = _java()
    version = java_version(java)
    if version < MIN_JAVA:
        raise SparkUnavailable(f"--engine spark needs Java {MIN_JAVA} or newer; {java} is Java {version}")


def _config(master: str) -> dict[str, str]:
    """The session's settings: offline, no UI, errors-only log to stderr, this Python on the workers."""
    folder = Path(tempfile.mkdtemp(prefix="marsad-spark-"))
    atexit.register(shutil.rmtree, folder, True)
    log4j = folder / "log4j2.properties"
    log4j.write_text(LOG4J2, encoding="utf-8")
    java_options = f"-Dlog4j2.configurationFile={log4j.as_uri()}"
    config = {
        "spark.app.name": "marsad",
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.driver.extraJavaOptions": java_options,
        "spark.local.dir": str(folder),
    }
    if master.startswith("local"):
        # the workers import this very marsad (a checkout on PYTHONPATH, or the installed package)
        source = str(Path(__file__).resolve().parents[2])
        config["spark.executorEnv.PYTHONPATH"] = os.pathsep.join(
            p for p in (source, os.environ.get("PYTHONPATH", "")) if p)
        config["spark.driver.host"] = config["spark.driver.bindAddress"] = "127.0.0.1"
    else:
        config["spark.executor.extraJavaOptions"] = java_options
    return config


def session(master: str | None = None) -> Any:
    """This process's SparkSession on ``master`` (default :data:`DEFAULT_MASTER`), started on first
    use (the JVM's standard output goes to standard error) and stopped at exit; raises
    :class:`SparkUnavailable` when pyspark or Java is missing."""
    global _SESSION, _MASTER
    master = master or DEFAULT_MASTER
    if _SESSION is not None and master == _MASTER:
        return _SESSION
    stop()
    check_available()
    from pyspark.sql import SparkSession

    if master.startswith("local"):
        # PySpark starts its Python workers with $PYSPARK_PYTHON (default python3 on PATH): here, this
        # interpreter with its packages, unless the user chose one (a cluster keeps its own setting)
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    builder = SparkSession.builder.master(master)
    for key, value in _config(master).items():
        builder = builder.config(key, value)
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        os.dup2(2, 1)  # the JVM (and its Python workers) inherit standard error as their standard output
        try:
            _SESSION = builder.getOrCreate()
        except Exception as exc:
            raise SparkUnavailable(f"--engine spark: Spark did not start on {master}: {exc}") from exc
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)
    _SESSION.sparkContext.setLogLevel("ERROR")
    _MASTER = master
    log.info("Spark %s started on %s (parallelism %d)", _SESSION.version, master,
             _SESSION.sparkContext.defaultParallelism)
    return _SESSION


def stop() -> None:
    """Stop this process's Spark session, if any."""
    global _SESSION, _MASTER
    if _SESSION is not None:
        _SESSION.stop()
    _SESSION, _MASTER = None, None


atexit.register(stop)


def _apply(function: Callable[[Article], Any], rows: Iterator[tuple[int, Article]]) -> Iterator[tuple[int, Any]]:
    """Run on the executors: ``(index, function(article))`` for each row of one partition."""
    for index, article in rows:
        yield index, function(article)


def map_articles(function: Callable[[Article], Any], articles: Sequence[Article],
                 master: str | None = None) -> Iterator[Any]:
    """``function(a)`` for each article, in order, computed on Spark at ``master``.

    ``function`` must be picklable by cloudpickle (closures are; objects holding native handles need
    ``__reduce__``) and must not raise: the pipeline wraps it to report a failing article. Articles
    go out in waves (one Spark job each) so that the driver stores values as they come back."""
    spark = session(master)
    context = spark.sparkContext
    per_wave = max(1, context.defaultParallelism) * WAVE_PARTITIONS * ARTICLES_PER_PARTITION
    for start in range(0, len(articles), per_wave):
        wave = list(enumerate(articles[start : start + per_wave], start))
        partitions = max(1, -(-len(wave) // ARTICLES_PER_PARTITION))
        try:
            rows = context.parallelize(wave, partitions).mapPartitions(partial(_apply, function)).collect()
        except Exception as exc:
            raise SparkEngineError(f"a Spark job failed on articles {start}–{start + len(wave) - 1}: "
                                   f"{str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from exc
        if [index for index, _ in rows] != [index for index, _ in wave]:
            raise SparkEngineError("Spark returned the values of a wave out of order or incomplete")
        yield from (value for _, value in rows)
