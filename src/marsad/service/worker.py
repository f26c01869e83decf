"""The background analysis of a running service: articles accepted over HTTP (or by ``marsad
watch``) are stored at once; this worker then runs the whole flow over the store and saves the
results, so each article lands in its story. Requests made while an analysis runs are folded
into the next one (never lost, never run twice in parallel). Each analysis runs in a child process,
so the server's threads keep answering while it works (the analysis is CPU-bound Python)."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import threading
from typing import Any

log = logging.getLogger("marsad")


class AnalysisWorker:
    """One thread that analyses the store at ``db`` whenever :meth:`request` was called since its
    last run. ``options`` are the analysis options (e.g. ``{"ner": "crf"}``)."""

    def __init__(self, db: str, options: dict[str, Any] | None = None) -> None:
        self.db = db
        self.options = dict(options or {})
        self.requested = 0  # requests made so far
        self.done = 0  # requests covered by a finished analysis
        self.failures = 0
        self.last_error: str | None = None
        self._changed = threading.Condition()
        self._stopping = False
        self._thread = threading.Thread(target=self._loop, name="marsad-analysis", daemon=True)

    def start(self) -> AnalysisWorker:
        self._thread.start()
        return self

    def stop(self, timeout: float | None = None) -> None:
        """Finish the analysis under way (if any) and stop."""
        with self._changed:
            self._stopping = True
            self._changed.notify_all()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def request(self) -> int:
        """Ask for an analysis of everything stored now; returns the ticket :meth:`wait` takes."""
        with self._changed:
            self.requested += 1
            self._changed.notify_all()
            return self.requested

    def wait(self, ticket: int, timeout: float | None = None) -> bool:
        """Block until an analysis that started after ticket ``ticket`` was requested has finished
        (True), or ``timeout`` seconds passed (False)."""
        with self._changed:
            return self._changed.wait_for(lambda: self.done >= ticket or self._stopping, timeout)

    @property
    def pending(self) -> int:
        """Requests not yet covered by a finished analysis."""
        return self.requested - self.done

    def _loop(self) -> None:
        while True:
            with self._changed:
                self._changed.wait_for(lambda: self.requested > self.done or self._stopping)
                if self._stopping and self.requested == self.done:
                    return
                target = self.requested  # every article stored before this request is in the store now
            error = run_analysis(self.db, self.options)
            if error:  # the service stays up; the next request tries again
                self.failures += 1
                log.error("analysis failed: %s", error)
            self.last_error = error
            with self._changed:
                self.done = max(self.done, target)
                self._changed.notify_all()


def run_analysis(db: str, options: dict[str, Any]) -> str | None:
    """Analyse the store at ``db`` in a child process; None on success, else why it failed."""
    done = subprocess.run([sys.executable, "-m", "marsad.service.worker", db, json.dumps(options)],
                          capture_output=True, text=True)
    if done.returncode == 0:
        return None
    tail = (done.stderr or "").strip().splitlines()[-1:] or [f"exit status {done.returncode}"]
    return tail[0]


def _main(argv: list[str]) -> int:
    """``python -m marsad.service.worker DB OPTIONS_JSON``: one analysis of the stored corpus."""
    from marsad.api import analyze

    analyze([], db=argv[0], out=None, options=json.loads(argv[1]) if len(argv) > 1 else None)
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
