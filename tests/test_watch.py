"""`marsad watch` against a local HTTP server on 127.0.0.1 that serves fixture feeds and pages
(issue 15): new articles land in the store and in their stories; a feed that times out and one
with broken XML are reported and retried later while the others go on; a feed in windows-1256 is
read; an unchanged feed is answered 304 to a conditional GET."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from marsad.service.watch import Fetcher, Watcher, story_alerts, watch
from marsad.store import open_store

PARAGRAPHS = {
    1: ("واس", "أمير الرياض يفتتح معرض الكتاب الدولي",
        ["افتتح أمير منطقة الرياض الأمير فيصل بن بندر مساء الأربعاء معرض الرياض الدولي للكتاب في دورته الجديدة "
         "بمشاركة أكثر من تسعمئة دار نشر من ثلاثين دولة عربية وأجنبية.",
         "وتجول الأمير في أجنحة المعرض واطلع على الإصدارات الحديثة، واستمع إلى شرح عن البرنامج الثقافي المصاحب "
         "الذي يضم ندوات وأمسيات شعرية وورش عمل للأطفال.",
         "ويستمر المعرض عشرة أيام في مركز الرياض الدولي للمؤتمرات والمعارض، ويفتح أبوابه للزوار يوميا من العاشرة "
         "صباحا حتى العاشرة مساء."]),
    2: ("الرياض", "افتتاح معرض الرياض الدولي للكتاب بمشاركة تسعمئة دار نشر",
        ["افتتح الأمير فيصل بن بندر أمير منطقة الرياض معرض الرياض الدولي للكتاب مساء الأربعاء بمشاركة تسعمئة دار "
         "نشر من ثلاثين دولة.",
         "وقال الرئيس التنفيذي لهيئة الأدب والنشر إن المعرض يستقبل أكثر من مليون زائر متوقعين خلال أيامه العشرة، "
         "وإن البرنامج الثقافي يضم أكثر من مئتي فعالية.",
         "ويقام المعرض في مركز الرياض الدولي للمؤتمرات والمعارض حتى السبت المقبل."]),
    3: ("عكاظ", "أمطار غزيرة على جدة وتعليق الدراسة",
        ["هطلت أمطار غزيرة على محافظة جدة صباح الخميس، وأعلنت إدارة التعليم تعليق الدراسة الحضورية في جميع "
         "المدارس والتحول إلى التعليم عن بعد.",
         "ودعا الدفاع المدني السكان إلى البقاء في منازلهم والابتعاد عن مجاري السيول والأودية حتى انتهاء الحالة "
         "المطرية.",
         "وتوقع المركز الوطني للأرصاد استمرار الأمطار على منطقة مكة المكرمة حتى مساء الجمعة."]),
}


def _page(n: int) -> bytes:
    outlet, title, paras = PARAGRAPHS[n]
    body = "".join(f"<p>{p}</p>" for p in paras)
    html = (f'<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="{"windows-1256" if n == 3 else "utf-8"}">'
            f'<title>{title}</title><meta property="og:site_name" content="{outlet}"></head><body>'
            f"<nav><a href='/'>الرئيسية</a></nav><article><h1>{title}</h1>{body}</article></body></html>")
    return html.encode("windows-1256" if n == 3 else "utf-8")


def _rss(items: list[tuple[str, str]], encoding: str = "utf-8") -> bytes:
    entries = "".join(f"<item><title>{t}</title><link>{link}</link><pubDate>Wed, 01 Oct 2025 18:00:00 GMT</pubDate>"
                      "</item>" for t, link in items)
    return (f'<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"><channel><title>أخبار</title>'
            f"{entries}</channel></rss>").encode(encoding)


class FixtureServer:
    """Serves the fixture feeds and pages; counts requests and answers conditional GETs."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.slow_seconds = 3.0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep the test output clean
                pass

            def do_GET(self) -> None:
                outer.hits[self.path] += 1
                base = f"http://127.0.0.1:{outer.port}"
                if self.path == "/feed.xml":
                    if self.headers.get("If-None-Match") == '"v1"':
                        self.send_response(304)
                        self.end_headers()
                        return
                    body = _rss([(PARAGRAPHS[n][1], f"{base}/pages/{n}.html") for n in (1, 2)])
                    return self._send(body, "application/rss+xml; charset=utf-8", {"ETag": '"v1"'})
                if self.path == "/cp1256.xml":
                    body = _rss([(PARAGRAPHS[3][1], f"{base}/pages/3.html")], encoding="windows-1256")
                    return self._send(body, "application/rss+xml")
                if self.path == "/broken.xml":
                    return self._send(b"<rss><channel><title>x</title><item><title>", "application/rss+xml")
                if self.path == "/slow.xml":
                    time.sleep(outer.slow_seconds)
                    return self._send(_rss([]), "application/rss+xml")
                if self.path.startswith("/pages/"):
                    n = int(self.path.split("/")[-1].split(".")[0])
                    charset = "windows-1256" if n == 3 else "utf-8"
                    return self._send(_page(n), f"text/html; charset={charset}")
                self.send_error(404)

            def _send(self, body: bytes, kind: str, headers: dict | None = None) -> None:
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
                    self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


@pytest.fixture
def server():
    s = FixtureServer()
    s.thread.start()
    yield s
    s.httpd.shutdown()
    s.httpd.server_close()


def _fetcher() -> Fetcher:
    return Fetcher(delay=0.0, timeout=1.0, attempts=2, sleep=lambda s: None)


def test_feeds_faults_and_conditional_gets(server, tmp_path):
    sources = [server.url(p) for p in ("/slow.xml", "/feed.xml", "/broken.xml", "/cp1256.xml")]
    problems: list[str] = []
    with open_store(tmp_path / "w.db") as store:
        watcher = Watcher(store, sources, _fetcher(), problems.append)
        first = watcher.cycle()
        titles = sorted(a.title for a in first.new_articles)
        assert titles == sorted(PARAGRAPHS[n][1] for n in (1, 2, 3))
        cp1256 = next(a for a in first.new_articles if a.title == PARAGRAPHS[3][1])
        assert "هطلت أمطار غزيرة على محافظة جدة" in cp1256.text  # decoded from windows-1256
        assert any("/slow.xml" in p and "timed out" in p for p in problems)
        assert any("/broken.xml" in p and "broken feed" in p for p in problems)
        assert server.hits["/slow.xml"] == 2  # retried within the cycle
        assert store.count_articles() == 3

        problems.clear()
        second = watcher.cycle()
        assert second.new_articles == [] and second.not_modified == 1  # /feed.xml answered 304
        assert server.hits["/feed.xml"] == 2 and server.hits["/pages/1.html"] == 1  # pages never fetched again
        assert server.hits["/slow.xml"] == 4  # tried again, failed again: now backing off
        third = watcher.cycle()
        assert third.skipped_sources == 1 and server.hits["/slow.xml"] == 4
        server.slow_seconds = 0.0  # the feed recovers
        for _ in range(3):
            watcher.cycle()
        assert store.get_state("watch", server.url("/slow.xml"))["failures"] == 0
        assert store.count_articles() == 3


def test_folders_and_jsonl_drops(tmp_path):
    drops = tmp_path / "drops"
    drops.mkdir()
    line = {"title": "خبر", "text": " ".join(PARAGRAPHS[3][2]), "outlet": "عكاظ", "published": "2025-10-02"}
    (drops / "a.jsonl").write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    with open_store(tmp_path / "w.db") as store:
        watcher = Watcher(store, [str(drops), str(tmp_path / "missing")], _fetcher(), lambda m: None)
        report = watcher.cycle()
        assert len(report.new_articles) == 1 and any("no such file" in p for p in report.problems)
        assert watcher.cycle().new_articles == []  # unchanged file: not read again
        line2 = {**line, "text": " ".join(PARAGRAPHS[1][2]), "outlet": "واس"}
        with open(drops / "a.jsonl", "a", encoding="utf-8") as fh:
            fh.write(json.dumps(line2, ensure_ascii=False) + "\n")
        assert [a.outlet for a in watcher.cycle().new_articles] == ["واس"]


def test_new_articles_land_in_their_stories_with_alerts(server, tmp_path):
    lines: list[str] = []
    db = str(tmp_path / "w.db")
    n = watch(db, [server.url("/feed.xml"), server.url("/cp1256.xml")], cycles=1, terms=["معرض الكتاب", "القاهرة"],
              options={"ner": "crf"}, fetcher=_fetcher(), emit=lines.append, on_problem=lambda m: None)
    assert n == 3
    events = [json.loads(x) for x in lines]
    articles = [e for e in events if e["event"] == "article"]
    assert len(articles) == 3 and all(e["story"] and e["seconds_to_story"] >= 0 for e in articles)
    book = {e["story"] for e in articles if "معرض" in (e["title"] or "")}
    assert len(book) == 1  # the two book-fair articles are one story
    rain = {e["story"] for e in articles if "أمطار" in (e["title"] or "")}
    assert rain and rain != book
    alerts = [e for e in events if e["event"] == "alert"]
    assert [(a["kind"], a["story"], a["terms"]) for a in alerts] == [("new story", book.pop(), ["معرض الكتاب"])]
    with open_store(db) as store:
        assert len(store.get_state("watch", "alerts")) == 1


def test_alerts_on_growing_sources():
    story = {"id": "s1", "title": "قمة في الرياض", "entities": [{"id": "e1", "name": "بوتين"}],
             "independent_sources": 3}
    names = {"e1": ["فلاديمير بوتين", "بوتين"]}
    assert story_alerts({"s1": 1}, [story], ["بوتين"], names)[0]["kind"] == "sources up"
    assert story_alerts({"s1": 3}, [story], ["بوتين"], names) == []
    assert story_alerts({}, [story], ["الرياض"], names)[0]["kind"] == "new story"
    assert story_alerts({}, [story], ["جدة"], names) == []
