"""The report at any scale (issue 14): report.json streamed, the front page paginated, and a
page rendered again only when the data it shows changed (unchanged pages are not rewritten,
pages of stories that no longer exist disappear)."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

from marsad.ingest import sentences_of
from marsad.model import Article, Corpus, Quote, Speaker, Story, Thread
from marsad.report.pages import MANIFEST, PageSizes, RenderStats
from marsad.report.source import DictSource, StoreSource
from marsad.report.writer import build_report, render_pages, write_report, write_report_from_store
from marsad.store import open_store
from test_store_backends import full_corpus

EVENTS = [
    "افتتح وزير النقل الطريق الجديد بين الرياض والدمام.",
    "أعلنت الهيئة العامة للأرصاد هطول أمطار غزيرة على جدة.",
    "وقع البلدان اتفاقية للتعاون في مجال الطاقة المتجددة.",
    "استقبل أمير المنطقة وفد الغرفة التجارية في مكتبه.",
    "فاز الفريق الأول بكأس البطولة بعد مباراة حاسمة.",
    "دشنت الجامعة مركزًا جديدًا لأبحاث المياه.",
]


def corpus(stories: int = 6, outlets: tuple[str, ...] = ("الرياض", "عكاظ")) -> Corpus:
    """``stories`` stories of one article per outlet each; a quote in the first article of each."""
    articles, story_list, quotes = [], [], []
    for i in range(stories):
        members = []
        for j, outlet in enumerate(outlets):
            text = f"{EVENTS[i % len(EVENTS)]} وقال المتحدث إن العمل مستمر رقم {i}."
            aid = f"a{i}-{j}"
            articles.append(Article(id=aid, text=text, path=f"p{i}-{j}", outlet=outlet, title=f"خبر {i} من {outlet}",
                                    published=f"2015-07-{10 + i:02d}", sentences=sentences_of(text),
                                    source_key=f"k{i}-{j}"))
            members.append(aid)
        said = articles[-len(outlets)]
        at = said.text.index("العمل مستمر")
        quotes.append(Quote(id=f"q{i}", article=members[0], sentence=1,
                            speaker=Speaker(text="المتحدث", kind="role", key=f"role{i}"), cue="قال",
                            content="العمل مستمر", direct=False, start=said.sentences[1].start,
                            end=said.sentences[1].end, content_start=at, content_end=at + len("العمل مستمر")))
        story_list.append(Story(f"s{i}", f"قصة {i}", members, outlets=list(outlets),
                                first_seen=f"2015-07-{10 + i:02d}", thread="t0" if i < 2 else None))
    return Corpus(articles=articles, quotes=quotes, stories=story_list,
                  threads=[Thread(id="t0", title="سلسلة", stories=["s0", "s1"])])


def stamps(out: Path) -> dict[str, tuple[int, int]]:
    """Inode and modification time of every page (a rewritten page changes both)."""
    return {str(p.relative_to(out)): (p.stat().st_ino, p.stat().st_mtime_ns) for p in out.rglob("*.html")}


def test_report_json_is_streamed_with_one_item_a_line(tmp_path):
    for data in (corpus(), full_corpus(), Corpus()):
        out = tmp_path / f"r{len(data.articles)}"
        write_report(data, out)
        text = (out / "report.json").read_text("utf-8")
        expected = build_report(data)
        assert json.loads(text) == expected
        assert list(json.loads(text)) == list(expected)  # the keys in the same order
        items = [line for line in text.split("\n") if line.startswith("  {")]
        assert [json.loads(line.rstrip(",")) for line in items] == [x for k in expected if isinstance(
            expected[k], list) for x in expected[k]]


def test_unchanged_pages_are_not_rewritten(tmp_path):
    out = tmp_path / "report"
    first = RenderStats()
    write_report(corpus(), out, stats=first)
    before = stamps(out)
    assert first.rendered == 6 + 1 and first.reused == 0  # six stories and the front page
    again = RenderStats()
    write_report(corpus(), out, stats=again)
    assert again.rendered == 0 and again.reused == 7 and again.removed == 0
    assert stamps(out) == before  # same files: nothing rendered or written again


def test_a_changed_story_is_rendered_again_and_only_it(tmp_path):
    out = tmp_path / "report"
    write_report(corpus(), out)
    before = stamps(out)
    changed = corpus()
    changed.stories[3].title = "قصة معدلة"
    changed.articles[9].title = "عنوان جديد"  # an article of story 4: its page shows the title
    stats = RenderStats()
    write_report(changed, out, stats=stats)
    after = stamps(out)
    rewritten = sorted(p for p in after if after[p] != before[p])
    assert rewritten == ["index.html", "report.html", "stories/s3.html", "stories/s4.html"]
    assert stats.rendered == 3 and stats.reused == 4
    assert "قصة معدلة" in (out / "stories" / "s3.html").read_text("utf-8")
    assert "عنوان جديد" in (out / "stories" / "s4.html").read_text("utf-8")


def test_pages_of_removed_stories_disappear(tmp_path):
    out = tmp_path / "report"
    write_report(corpus(6), out)
    before = stamps(out)
    stats = RenderStats()
    write_report(corpus(4), out, stats=stats)
    assert sorted(p.name for p in (out / "stories").iterdir()) == [f"s{i}.html" for i in range(4)]
    assert stats.removed == 2
    keys = json.loads((out / MANIFEST).read_text("utf-8"))["pages"]
    assert sorted(keys) == ["report.html"] + [f"stories/s{i}.html" for i in range(4)]
    # stories 0-3 kept their articles, quotes and thread: their pages were not rewritten
    assert all(stamps(out)[f"stories/s{i}.html"] == before[f"stories/s{i}.html"] for i in range(4))


def test_a_template_or_version_change_renders_everything_again(tmp_path, monkeypatch):
    import marsad.report.pages as pages

    out = tmp_path / "report"
    write_report(corpus(), out)
    monkeypatch.setattr(pages, "templates_digest", lambda: "another template")
    stats = RenderStats()
    write_report(corpus(), out, stats=stats)
    assert stats.reused == 0 and stats.rendered == 7


SMALL = PageSizes(articles=5, duplicates=1, entities=1, threads=1, stories=2)


def _links(html: str) -> list[str]:
    return re.findall(r'href="([^"#]*)#([^"]+)"', html)


def test_sections_are_paginated_and_every_link_reaches_its_target(tmp_path):
    pages = render_pages(build_report(corpus()), SMALL)
    assert {"report-articles-2.html", "report-articles-3.html", "report-stories-2.html"} <= set(pages)
    assert "report-articles-4.html" not in pages  # 12 articles, 5 per page
    assert "report-stories-3.html" not in pages  # 1 thread a page; 4 stories outside it, 2 a page
    front = pages["report.html"]
    assert front.count('class="card article"') == 5
    assert 'href="report-articles-3.html#articles"' in front
    # story s5's articles are a5-0, a5-1: the 11th and 12th, on the third page of articles
    assert 'href="report-articles-3.html#article-a5-0"' in pages["stories/s5.html"]
    for name, html in pages.items():
        for target, anchor in _links(html):  # story pages have <base href="../">: targets are top-level
            target_html = pages.get(target or name)
            assert target_html is not None, (name, target)
            assert f'id="{anchor}"' in target_html, (name, target, anchor)
        for target in re.findall(r'href="([^"#]+\.html)"', html):
            assert target in pages, (name, target)


def test_a_later_page_changes_only_with_its_own_part(tmp_path):
    out = tmp_path / "report"
    write_report(corpus(), out, sizes=SMALL)
    before = stamps(out)
    more = corpus()
    more.articles[-1].title = "عنوان الصفحة الأخيرة"  # a12 sits on the third page of articles
    write_report(more, out, sizes=SMALL)
    after = stamps(out)
    assert after["report-articles-2.html"] == before["report-articles-2.html"]
    assert after["report-articles-3.html"] != before["report-articles-3.html"]


def test_the_store_source_gives_the_report_of_the_stored_results(store_location, tmp_path, monkeypatch):
    """Read a chunk at a time, the stored results give the same report.json and pages as the
    corpus they were saved from, on both backends."""
    import marsad.report.source as source

    monkeypatch.setattr(source, "CHUNK", 1)  # every story, entity, quote in a chunk of its own
    data = full_corpus()
    extra = copy.deepcopy(data.stories[0])
    extra.id, extra.thread, extra.title = "s2", None, "قصة ثانية"
    data.stories.append(extra)
    store = open_store(store_location)
    try:
        store.add_articles(data.articles)
        store.save_results(data)
        out = tmp_path / "from-store"
        write_report_from_store(store, out)
        streamed = {n: list(StoreSource(store).iter_section(n)) for n in ("stories", "entities", "quotes")}
    finally:
        store.close()
    expected = build_report(data)
    assert json.loads((out / "report.json").read_text("utf-8")) == expected
    assert streamed == {n: expected[n] for n in streamed}
    pages = render_pages(expected)
    for name, html in pages.items():
        assert (out / name).read_text("utf-8") == html
    assert DictSource(expected).quotes_of([data.articles[1].id]) == expected["quotes"]
