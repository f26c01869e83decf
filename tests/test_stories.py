"""Stories stage: events grouped across outlets, families kept whole, incremental with stable ids."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from marsad.arabic import words
from marsad.arabic.keys import word_keys as index_terms
from marsad.ingest import read_paths, sentences_of
from marsad.model import Article, Corpus, DuplicateGroup, Entity, Mention
from marsad.pipeline import StageContext
from marsad.stages.stories import OUTLET_STEP, OutletBar, StoriesStage, cluster_articles, story_id
from marsad.stages.stories.clustering import Group, day_number
from marsad.stages.stories.features import (
    BLOCKS,
    EMBED_DIM,
    article_blocks,
    block_cosines,
    combined_vectors,
    gazetteer_names,
    is_actor,
    name_bags,
    name_types,
    number_bags,
    story_model,
)
from marsad.stages.stories.metrics import bcubed
from marsad.stages.stories.vectors import article_vectors
from marsad.store import open_store

QUAKE = [
    ("زلزال بقوة 6.2 درجات يضرب مدينة أزمير التركية",
     "ضرب زلزال بقوة 6.2 درجات على مقياس ريختر مدينة أزمير غرب تركيا فجر اليوم. وقالت هيئة إدارة الكوارث "
     "التركية إن الزلزال أدى إلى انهيار مبان في أزمير وإصابة العشرات. وهرعت فرق الإنقاذ إلى أحياء أزمير المنكوبة."),
    ("مقتل وإصابة العشرات في زلزال أزمير",
     "أعلنت هيئة الكوارث التركية أن زلزال أزمير بقوة 6.2 درجات تسبب في انهيار عدة مبان. وتواصل فرق الإنقاذ "
     "البحث عن ناجين تحت الأنقاض في أزمير، فيما شعر سكان الجزر اليونانية بالهزة."),
    ("فرق الإنقاذ تبحث عن ناجين بعد زلزال ضرب أزمير",
     "تبحث فرق الإنقاذ التركية عن ناجين تحت أنقاض المباني المنهارة في أزمير بعد الزلزال الذي بلغت قوته 6.2 "
     "درجات. وقالت هيئة الكوارث إن عدد المصابين في أزمير ارتفع."),
]
RATES = [
    ("البنك المركزي المصري يرفع أسعار الفائدة 200 نقطة أساس",
     "قرر البنك المركزي المصري رفع أسعار الفائدة على الإيداع والإقراض 200 نقطة أساس لكبح التضخم. وقالت لجنة "
     "السياسة النقدية إن التضخم السنوي تسارع، وإن رفع الفائدة يهدف إلى احتواء الضغوط على الجنيه."),
    ("المركزي المصري يرفع الفائدة لكبح التضخم",
     "رفعت لجنة السياسة النقدية في البنك المركزي المصري أسعار الفائدة 200 نقطة أساس. وأوضح البنك أن قرار "
     "الفائدة جاء لمواجهة التضخم وحماية الجنيه المصري."),
]
OUTLETS = ["alpha", "beta", "gamma", "delta"]


def make(title: str, text: str, outlet: str, published: str | None = "2024-03-01") -> Article:
    body = f"{text}"
    return Article(id=f"{outlet}-{abs(hash((title, outlet))) % 10**8}", text=body, path=f"{outlet}.txt",
                   title=title, outlet=outlet, published=published, sentences=sentences_of(body))


def quake(i: int, published: str = "2024-03-01") -> Article:
    return make(*QUAKE[i], OUTLETS[i], published)


def rates(i: int, published: str = "2024-03-01") -> Article:
    return make(*RATES[i], OUTLETS[i], published)


def run(corpus: Corpus, store) -> Corpus:
    StoriesStage().run(corpus, StageContext(store=store, show_progress=False))
    corpus.invalidate()
    return corpus


def membership(corpus: Corpus) -> list[set[str]]:
    return sorted((set(s.articles) for s in corpus.stories), key=lambda m: sorted(m))


def test_two_events_across_outlets_make_two_stories():
    arts = [quake(0), rates(0), quake(1), rates(1), quake(2)]
    corpus = run(Corpus(articles=arts), open_store(":memory:"))
    want = [{arts[0].id, arts[2].id, arts[4].id}, {arts[1].id, arts[3].id}]
    assert membership(corpus) == sorted(want, key=lambda m: sorted(m))
    big = corpus.stories[0]  # largest first
    assert len(big.articles) == 3 and big.title in {t for t, _ in QUAKE}
    assert set(big.outlets) == {"alpha", "beta", "gamma"}
    assert big.first_seen == big.last_seen == "2024-03-01"


def test_story_span_keeps_events_weeks_apart_separate():
    arts = [quake(0, "2024-03-01"), quake(1, "2024-03-20")]
    corpus = Corpus(articles=arts)
    stories = cluster_articles(corpus)
    assert len(stories) == 2
    undated = [replace(a, published=None) for a in arts]
    assert len(cluster_articles(Corpus(articles=undated))) == 1  # unknown dates impose no limit


def test_incremental_new_articles_join_without_reclustering(tmp_path):
    store = open_store(tmp_path / "s.db")
    first = run(Corpus(articles=[quake(0), quake(1), rates(0)]), store)
    ids_before = {s.id: set(s.articles) for s in first.stories}
    quake_story = next(s.id for s in first.stories if len(s.articles) == 2)
    assert quake_story == story_id(min([quake(0), quake(1)], key=lambda a: a.id).id)

    grown = run(Corpus(articles=[quake(0), quake(1), rates(0), quake(2), rates(1)]), store)
    after = {s.id: set(s.articles) for s in grown.stories}
    for sid, members in ids_before.items():
        assert sid in after and members <= after[sid]  # stable ids, nobody moved out
    assert quake(2).id in after[quake_story]
    assert len(after) == 2
    state = store.get_state("stories", "state")
    assert state["run"] == 2 and not [e for e in state["log"] if e["op"] == "merge"]

    again = run(Corpus(articles=[quake(0), quake(1), rates(0), quake(2), rates(1)]), store)
    assert {s.id: set(s.articles) for s in again.stories} == after
    assert {s.id: s.title for s in again.stories} == {s.id: s.title for s in grown.stories}  # titles persist


def test_removed_article_leaves_its_story_and_is_logged():
    store = open_store(":memory:")
    run(Corpus(articles=[quake(0), quake(1), quake(2)]), store)
    corpus = run(Corpus(articles=[quake(0), quake(2)]), store)
    assert [len(s.articles) for s in corpus.stories] == [2]
    events = store.get_state("stories", "state")["log"]
    assert any(e["op"] == "remove" and e["articles"] == [quake(1).id] for e in events)
    assert corpus.stories[0].history and corpus.stories[0].history[0]["op"] == "remove"


def test_duplicate_family_always_lands_in_one_story():
    a, b = quake(0), rates(0)
    # b is declared a copy of a (as the dedup stage would); text alone would separate them
    group = DuplicateGroup(id="d1", kind="near", members=[a.id, b.id], origin=a.id, score=0.9)
    corpus = run(Corpus(articles=[a, b], duplicate_groups=[group]), open_store(":memory:"))
    assert membership(corpus) == [{a.id, b.id}]


def test_stories_sharing_a_family_are_merged_and_the_merge_is_recorded():
    store = open_store(":memory:")
    a, b = quake(0), rates(0)
    first = run(Corpus(articles=[a, b]), store)
    assert len(first.stories) == 2
    group = DuplicateGroup(id="d1", kind="near", members=[a.id, b.id], origin=a.id, score=0.9)
    second = run(Corpus(articles=[a, b], duplicate_groups=[group]), store)
    assert membership(second) == [{a.id, b.id}]
    state = store.get_state("stories", "state")
    merges = [e for e in state["log"] if e["op"] == "merge"]
    assert len(merges) == 1 and state["aliases"][merges[0]["from"]] == merges[0]["into"]
    assert second.stories[0].history[0]["op"] == "merge"


def test_outlet_bar_raises_the_threshold_per_article_of_the_same_outlet():
    present = {a.id: a for a in [quake(0), quake(1), replace(quake(2), outlet="alpha", id="alpha-2")]}
    groups = [Group("g", [quake(0).id, "alpha-2"], 2)]
    bar = OutletBar(groups, [[quake(1).id], ["alpha-2"]], present)
    assert bar.extra(0, np.array([0]))[0] == 0.0  # beta has no article in g yet
    assert bar.extra(1, np.array([0]))[0] == pytest.approx(2 * OUTLET_STEP)  # alpha has 2 in g


def test_genre_format_from_one_outlet_does_not_snowball(monkeypatch):
    # one outlet's daily royal audiences: the same format, a different guest each time
    guests = [
        ("وزير خارجية اليابان", "اليابان",
         "وتناول اللقاء مشروعات الطاقة المتجددة واستثمارات شركات السيارات اليابانية."),
        ("سفير البرازيل", "البرازيل", "وناقش الجانبان صادرات اللحوم والدواجن البرازيلية والأمن الغذائي."),
        ("رئيس وزراء كندا", "كندا", "وبحث الطرفان التعاون في التعليم العالي وابتعاث الطلاب إلى الجامعات الكندية."),
        ("وزير دفاع إيطاليا", "إيطاليا", "وتطرق الاجتماع إلى صفقات الفرقاطات البحرية والتدريب العسكري المشترك."),
        ("سفير الأرجنتين", "الأرجنتين", "وجرى الحديث عن زراعة القمح وتبادل الخبرات في تربية المواشي."),
        ("وزير تجارة الهند", "الهند", "واستعرض الوزير الهندي فرص تصدير الأرز والأدوية وتقنية المعلومات."),
    ]
    template = ("استقبل ولي العهد في قصر السلام بجدة اليوم {g}، وجرى خلال الاستقبال استعراض العلاقات الثنائية "
                "بين المملكة و{c} وسبل تعزيزها. {d}")
    arts = [make(f"ولي العهد يستقبل {g}", template.format(g=g, c=c, d=d), "alpha", "2024-03-01")
            for g, c, d in guests]
    import marsad.stages.stories as stories_module

    with monkeypatch.context() as m:
        m.setattr(stories_module, "OUTLET_STEP", 0.0)
        unguarded = max(len(s.articles) for s in cluster_articles(Corpus(articles=arts)))
    guarded = max(len(s.articles) for s in cluster_articles(Corpus(articles=arts)))
    assert unguarded >= 4  # without the guard the format snowballs
    assert guarded <= 3


def test_vectors_do_not_depend_on_the_rest_of_the_corpus():
    alone = article_vectors(Corpus(), [quake(0)])
    among = article_vectors(Corpus(), [rates(0), quake(0), rates(1)])
    assert np.allclose(alone.toarray(), among[1].toarray())


def test_index_terms_match_words_on_plain_text():
    from marsad.arabic import normalize

    text = "قالَ الرئيسُ إنّ الاتفاق سيُوقَّع في 2024، وأكد «التزام» بلاده."
    assert index_terms(normalize(text)) == words(text)


def test_bcubed():
    gold = {"a": "x", "b": "x", "c": "y"}
    assert bcubed(gold, gold) == (1.0, 1.0, 1.0)
    p, r, f = bcubed({"a": 1, "b": 2, "c": 3}, gold)
    assert p == 1.0 and r == pytest.approx(2 / 3) and f == pytest.approx(0.8)


def test_day_number():
    assert day_number("2015-07-21") - day_number("2015-07-20") == 1
    assert day_number(None) == day_number("not a date") == -1


def test_seeds_are_one_story_of_five(seeds_dir):
    seeds = list(read_paths([str(seeds_dir)], published="2023-09-13"))
    stories = cluster_articles(Corpus(articles=seeds))
    assert [len(s.articles) for s in stories] == [5]
    undated = [replace(a, published=None) for a in seeds]
    seed_ids = {a.id for a in seeds}
    mixed = cluster_articles(Corpus(articles=[*undated, quake(0), rates(0)]))
    assert [set(s.articles) for s in mixed if seed_ids & set(s.articles)] == [seed_ids]


def test_combined_cosine_is_the_weighted_sum_of_block_cosines():
    arts = [quake(0), quake(1), rates(0)]
    blocks = article_blocks(Corpus(articles=arts), arts, use_embeddings=False)
    blocks.embedding[:] = np.eye(3, EMBED_DIM, dtype=np.float32)[[0, 0, 1]]  # quake articles alike, rates apart
    weights = {"words": 2.0, "lead": 1.0, "names": 0.5, "numbers": 0.25, "embedding": 0.5}
    x = combined_vectors(blocks, weights)
    left, right = np.array([0, 0]), np.array([1, 2])
    cos = block_cosines(blocks, left, right)
    present = [[name for name in BLOCKS if _has(blocks, name, i)] for i in range(3)]
    for k, (i, j) in enumerate(zip(left, right, strict=True)):
        expected = sum(weights[b] * cos[k, n] for n, b in enumerate(BLOCKS))
        expected /= np.sqrt(sum(weights[b] for b in present[i]) * sum(weights[b] for b in present[j]))
        assert float(x[i].multiply(x[j]).sum()) == pytest.approx(expected, abs=1e-5)
    assert float(x[0].multiply(x[1]).sum()) > 2 * float(x[0].multiply(x[2]).sum())  # same quake vs rate decision


def _has(blocks, name: str, i: int) -> bool:
    row = blocks.block(name)[i]
    return bool(np.any(row)) if isinstance(row, np.ndarray) else row.nnz > 0


def test_names_block_reads_gazetteer_names_through_clitics():
    assert gazetteer_names(["وبوتين", "في", "موسكو", "والسعوديه"]) == ["فلاديمير بوتين", "موسكو", "السعوديه"]
    a = make("ولي العهد يستقبل وزير خارجية روسيا",
             "استقبل ولي العهد في جدة وزير الخارجية الروسي سيرغي لافروف وبحثا الأزمة في سوريا واليمن.", "alpha")
    bag = name_bags(Corpus(articles=[a]), [a])[0]
    assert "@سيرغي لافروف" in bag  # tagged in the lead, not in the gazetteer
    assert {"@روسيا", "@سوريا", "@اليمن"} <= set(bag) and "@يمن" not in bag  # one key per place


def test_name_types_tell_actors_from_places():
    a = make("ولي العهد يستقبل وزير خارجية روسيا",
             "استقبل ولي العهد في جدة وزير الخارجية الروسي سيرغي لافروف وبحثا الأزمة في سوريا واليمن.", "alpha")
    types = name_types(Corpus(articles=[a]), [a])[0]
    assert set(types) == {k[1:] for k in name_bags(Corpus(articles=[a]), [a])[0]}
    assert types["سيرغي لافروف"] == "PER"  # the tagger's type (not in the gazetteer)
    assert types["روسيا"] == types["اليمن"] == "LOC"  # the gazetteer's type
    # an entity the entities stage linked gives its own type
    linked = Corpus(articles=[a], entities=[Entity(id="e1", name="سيرغي لافروف", type="ORG")],
                    mentions=[Mention(article=a.id, sentence=0, start=0, end=5, text="لافروف", type="ORG",
                                      entity="e1")])
    assert name_types(linked, [a])[0]["سيرغي لافروف"] == "ORG"
    # an actor is a person or organization that is not a news outlet (an outlet is a source)
    assert is_actor("سيرغي لافروف", "PER") and not is_actor("روسيا", "LOC") and not is_actor("الوئام", "ORG")
    # ... nor a social platform (where something was posted, not who acts)
    assert not is_actor("تويتر", "ORG") and not is_actor("يوتيوب", "ORG") and is_actor("الفيفا", "ORG")


def test_numbers_block_keeps_rare_figures_over_common_ones():
    a = make("حصيلة", "قتل 3800 شخص منذ 2015 في 12 محافظة.", "alpha")
    bag = number_bags([a])[0]
    assert set(bag) == {"#3800", "#2015", "#12"}
    assert bag["#3800"] > bag["#2015"]


def test_shipped_model_is_a_non_negative_combination_with_a_story_cut():
    model = story_model()
    assert set(model.weights) == set(BLOCKS) and all(w >= 0 for w in model.weights.values())
    assert model.total_weight > 0 and 0.0 < model.info["story_cut"] < 1.0
    assert model.info["command"] == "python benchmarks/stories.py --train"


def test_a_listed_name_written_as_a_common_word_weighs_nothing():
    # كيف is listed as a spelling of Kyiv, but written so it is the word "how"
    a = make("كيف تحمي طفلك من الشمس", "كيف تختار واقي الشمس المناسب لطفلك؟ ينصح الأطباء في كييف بما يلي.", "alpha")
    bag = name_bags(Corpus(articles=[a]), [a])[0]
    assert bag.get("@كييف", 0.0) > 0  # written كييف once: a real name
    b = make("كيف تحمي طفلك من الشمس", "كيف تختار واقي الشمس المناسب لطفلك؟ ينصح الأطباء بما يلي.", "beta")
    assert name_bags(Corpus(articles=[b]), [b])[0].get("@كييف", 0.0) == 0.0


def test_the_names_block_reads_leads_with_its_pinned_crf_not_the_entities_one():
    """The story model's names block keeps the CRF it was validated with (a retrained entities CRF would move
    story and thread decisions unchecked): its tagger is loaded from LEAD_TAGGER_FILE and differs from the
    entities stage's CRF."""
    from pathlib import Path

    from marsad.stages.entities.ner import default_tagger
    from marsad.stages.stories import features

    lead = features._lead_tagger()
    assert lead is not None and Path(lead._source).name == features.LEAD_TAGGER_FILE
    assert lead.version != default_tagger().version
