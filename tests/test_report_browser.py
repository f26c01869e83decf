"""The HTML report in a real browser (Debian's chromium driven by Playwright): right to left,
articles expand to their clean text. Skipped only where no chromium is installed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from marsad.api import analyze

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")

LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="module")
def report_page(tmp_path_factory, request):
    shared_seeds = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
    if not shared_seeds.is_dir():
        pytest.skip("../shared/corpus/seeds is not beside the checkout")
    out = tmp_path_factory.mktemp("report")
    analyze([str(shared_seeds)], db=":memory:", out=out, published="2023-09-13")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.goto((out / "report.html").as_uri())
        yield page
        browser.close()


def test_page_is_right_to_left(report_page):
    assert report_page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    # in RTL the heading hugs the right edge of the page
    box = report_page.locator("header.site h1").bounding_box()
    assert box is not None and box["x"] + box["width"] > 1200 * 0.6


def test_article_expands_to_its_clean_text(report_page):
    article = report_page.locator("details.article").nth(3)
    sentence = article.locator("p.sentence").first
    assert not sentence.is_visible()
    article.locator("summary").click()
    assert sentence.is_visible()
    assert "فلاديفوستوك" in article.inner_text()
    assert "post-title" not in report_page.content()
