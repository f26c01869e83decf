"""Threads stage: stories of one affair linked over days, incrementally, with stable ids."""

from __future__ import annotations

from marsad.model import Corpus
from marsad.pipeline import StageContext
from marsad.report.writer import build_report, render_pages
from marsad.stages.stories import StoriesStage
from marsad.stages.threads import ThreadsStage, thread_id
from marsad.store import open_store
from test_stories import make, quake, rates

AFTERMATH = (
    "بدء إعادة إعمار أحياء أزمير بعد الزلزال",
    "أعلنت الحكومة التركية خطة لإعادة إعمار المباني التي انهارت في زلزال أزمير قبل أسبوعين، وقالت هيئة الكوارث "
    "إن آلاف العائلات في أزمير ما زالت في مراكز الإيواء بعد الزلزال.",
)


def run(corpus: Corpus, store) -> Corpus:
    context = StageContext(store=store, show_progress=False)
    StoriesStage().run(corpus, context)
    ThreadsStage().run(corpus, context)
    return corpus


def test_stories_of_one_affair_share_a_thread(tmp_path):
    store = open_store(tmp_path / "t.db")
    day1 = [quake(0, "2024-03-01"), quake(1, "2024-03-01"), rates(0, "2024-03-02")]
    later = make(*AFTERMATH, "gamma", "2024-03-14")
    corpus = run(Corpus(articles=[*day1, later]), store)
    assert len(corpus.stories) == 3  # the aftermath is 13 days later: a story of its own
    by_article = {a: s for s in corpus.stories for a in s.articles}
    quake_story, aftermath_story = by_article[day1[0].id], by_article[later.id]
    assert quake_story.id != aftermath_story.id
    assert quake_story.thread is not None and quake_story.thread == aftermath_story.thread
    assert by_article[day1[2].id].thread is None  # the rate decision belongs to no thread
    assert [len(t.stories) for t in corpus.threads] == [2]
    thread = corpus.threads[0]
    assert thread.id == thread_id(quake_story.id) and thread.title == quake_story.title


def test_new_story_joins_the_stored_thread(tmp_path):
    store = open_store(tmp_path / "t.db")
    first = run(Corpus(articles=[quake(0, "2024-03-01"), make(*AFTERMATH, "gamma", "2024-03-07")]), store)
    (thread,) = first.threads
    text = ("ضربت هزة ارتدادية مدينة أزمير التركية بعد أيام من الزلزال، وقالت هيئة الكوارث إن فرق الإنقاذ "
            "لم تسجل انهيار مبان جديدة في أزمير.")
    update = make("هزة ارتدادية جديدة تضرب أزمير", text, "delta", "2024-03-12")
    second = run(Corpus(articles=[*(first.article(a) for s in first.stories for a in s.articles), update]), store)
    (after,) = second.threads
    assert after.id == thread.id and set(thread.stories) < set(after.stories) and len(after.stories) == 3
    assert store.get_state("threads", "state")["run"] == 2


def test_report_pages_list_stories_and_link_articles(tmp_path):
    corpus = run(Corpus(articles=[quake(0, "2024-03-01"), quake(1, "2024-03-01"), rates(0, "2024-03-01"),
                                  make(*AFTERMATH, "gamma", "2024-03-14")]), open_store(":memory:"))
    report = build_report(corpus)
    pages = render_pages(report)
    front = pages["report.html"]
    story = corpus.stories[0]
    assert f'href="stories/{story.id}.html"' in front and story.title in front
    assert f'id="thread-{corpus.threads[0].id}"' in front and "2024-03-01" in front
    page = pages[f"stories/{story.id}.html"]
    for article_id in story.articles:
        assert f'href="report.html#article-{article_id}"' in page
    assert "alpha" in page and "beta" in page
