"""The running observatory: a REST API and a web UI over a store (``marsad serve``), and live
ingestion from feeds, sitemaps, folders and JSONL drops (``marsad watch``).

- :mod:`.snapshot` — the read model: the stored results of the last analysis with the indexes
  the pages and endpoints need, reloaded when the store changes.
- :mod:`.submit` — one article submitted over HTTP (JSON or HTML) into a cleaned article.
- :mod:`.worker` — the background analysis that folds accepted articles into their stories.
- :mod:`.app` — the FastAPI application: ``/api/…`` (JSON, OpenAPI at ``/docs``) and the pages.
"""
