"""Engines for the per-article work of the stages (issue 16).

``local`` (default) computes each stage's :meth:`~marsad.pipeline.ArticleStage.article_work` on
forked processes of this machine (:func:`marsad.pipeline.map_articles`); ``spark`` computes it on
Apache Spark (:mod:`marsad.engine.spark`: local mode, or a cluster's master URL). Either way the
values come back to the driver in article order and the rest of the pipeline is the same.
"""

from __future__ import annotations

ENGINES = ("local", "spark")
