"""The web UI of `marsad serve` in a real browser (Debian's chromium driven by Playwright), on
SQLite and on PostgreSQL: front page → story → fact → cited sentence → entity → search. Each step
saves a screenshot under test-artifacts/service/ (or $MARSAD_TEST_ARTIFACTS) for a person to look at."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from conftest import REPO, build_service_store

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(os.environ.get("MARSAD_TEST_ARTIFACTS", REPO / "test-artifacts")) / "service"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(store_location):
    """`marsad serve`'s app on a real loopback port, in a thread of this process."""
    import uvicorn

    from marsad.service.app import ServiceConfig, create_app

    ids = build_service_store(store_location)
    port = _free_port()
    app = create_app(ServiceConfig(db=store_location, token=None, analyze=False))
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        assert thread.is_alive() and time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", ids
    uv.should_exit = True
    thread.join(10)


def test_reader_follows_a_fact_to_its_sentence(server, store_location):
    base, (a, _, _) = server
    backend = "postgresql" if store_location.startswith("postgresql") else "sqlite"
    shots = ARTIFACTS / backend
    shots.mkdir(parents=True, exist_ok=True)
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.goto(base + "/")
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
        assert page.locator("main").count() == 1 and page.locator("nav[aria-label]").count() == 1
        page.screenshot(path=str(shots / "1-front.png"), full_page=True)

        page.get_by_role("link", name="قمة كيم وبوتين").click()
        page.wait_for_url("**/stories/s1")
        fact = page.locator("details#fact-f-arrival")
        assert "2 مصادر مستقلة" in fact.locator("summary").inner_text()
        cited = fact.locator(f"a.cite[href^='/articles/{a}']")
        assert not cited.is_visible()
        fact.locator("summary").click()
        assert cited.is_visible()
        page.screenshot(path=str(shots / "2-story-fact-open.png"), full_page=True)
        assert "فلاديفوستوك" in page.locator("#conflicts").inner_text()

        cited.click()
        page.wait_for_url(lambda url: url.endswith(f"/articles/{a}?s=0#s-0"))
        target = page.locator("p.sentence#s-0")
        assert "hl" in (target.get_attribute("class") or "")
        assert page.evaluate("getComputedStyle(document.querySelector('#s-0')).backgroundColor") != "rgba(0, 0, 0, 0)"
        assert target.inner_text().endswith("يوم الثلاثاء.")
        page.screenshot(path=str(shots / "3-cited-sentence.png"), full_page=True)

        page.locator("p.entities a", has_text="كيم جونغ أون").click()
        page.wait_for_url("**/entities/e-kim")
        assert "كيم جونغ أون" in page.locator("h2").first.inner_text()
        page.screenshot(path=str(shots / "4-entity.png"), full_page=True)

        page.get_by_role("link", name="البحث").click()
        page.get_by_label("كلمات البحث").fill("والكرملين")
        page.get_by_role("button", name="ابحث").click()
        page.wait_for_url(lambda url: "/search?q=" in url)
        assert page.locator("ol.hits li").count() >= 1
        assert page.locator("ol.hits mark").first.inner_text() == "الكرملين"
        page.screenshot(path=str(shots / "5-search.png"), full_page=True)

        page.set_viewport_size({"width": 390, "height": 800})  # a phone
        page.goto(base + "/stories/s1")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1
        page.screenshot(path=str(shots / "6-story-phone.png"), full_page=True)
        browser.close()
