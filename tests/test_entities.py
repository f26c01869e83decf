"""Entities: NER scoring helpers, label consistency, mention spans and canonical linking."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from marsad.arabic import tokenize
from marsad.model import Article, Corpus, Mention
from marsad.stages.entities.canonical import RawMention, link
from marsad.stages.entities.consistency import propagate
from marsad.stages.entities.gazetteer import match_spans
from marsad.stages.entities.ner import score, spans
from marsad.stages.entities.stage import name_start

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


def test_spans_are_conlleval_chunks() -> None:
    labels = ["B-PER", "I-PER", "O", "I-LOC", "B-ORG", "I-LOC"]
    assert spans(labels) == [(0, 2, "PER"), (3, 4, "LOC"), (4, 5, "ORG"), (5, 6, "LOC")]


def test_score_counts_exact_spans_only() -> None:
    gold = [["B-PER", "I-PER", "O", "B-LOC"]]
    pred = [["B-PER", "O", "O", "B-LOC"]]
    s = score(gold, pred)
    assert s["LOC"]["f1"] == 1.0
    assert s["PER"]["correct"] == 0
    assert s["micro"]["precision"] == pytest.approx(0.5)
    assert s["micro"]["recall"] == pytest.approx(0.5)


def test_consistency_reaches_clitic_forms() -> None:
    sentences = [["التقى", "بوتين", "اليوم"], ["وقال", "لبوتين", "إن"], ["وبوتين", "وصل"]]
    labels = [["O", "B-PER", "O"], ["O", "O", "O"], ["O", "O"]]
    out = propagate(sentences, labels)
    assert out[1] == ["O", "B-PER", "O"]
    assert out[2] == ["B-PER", "O"]


def test_gazetteer_matches_with_clitics() -> None:
    norms = [t.norm for t in tokenize("وصل إلى بالولايات المتحدة وموسكو")]
    found = match_spans(norms)
    assert (2, 4, "LOC") in found
    assert (4, 5, "LOC") in found


def test_name_start_skips_clitics_but_not_name_letters() -> None:
    text = "وبوتين وفلاديفوستوك"
    toks = tokenize(text)
    assert text[name_start(toks[0]) : toks[0].end] == "بوتين"
    assert text[name_start(toks[1]) : toks[1].end] == "فلاديفوستوك"


def _raw(article: str, name: str, type_: str = "PER", outlet: str = "a") -> RawMention:
    return RawMention(Mention(article, 0, 0, len(name), name, type_), name, outlet)  # type: ignore[arg-type]


def test_linking_merges_spellings_and_resolves_short_forms_by_article() -> None:
    raw = [
        _raw("a1", "كيم جونغ أون", outlet="x"),
        _raw("a2", "كيم جونج أون", outlet="y"),
        _raw("a1", "كيم"),
        _raw("a3", "كيم يو جونغ"),
        _raw("a3", "كيم يو جونغ"),
        _raw("a3", "كيم"),
        _raw("a2", "بيونج يانج", "LOC"),
        _raw("a1", "بيونجيانج", "LOC"),
    ]
    entities = link(raw)
    by_name = {e.name: e for e in entities}
    kju = by_name["كيم جونغ أون"]
    assert kju.variants == {"كيم جونغ أون": 1, "كيم جونج أون": 1, "كيم": 1}
    assert kju.variant_outlets["كيم جونج أون"] == ["y"]
    assert by_name["كيم يو جونغ"].mentions == 3  # the bare كيم of article a3 is his sister
    assert by_name["بيونج يانج"].type == "LOC" and by_name["بيونج يانج"].mentions == 2
    assert all(r.mention.entity for r in raw)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds not available")
def test_seed_entities() -> None:
    from marsad.ingest import read_paths
    from marsad.stages.entities import EntitiesStage

    corpus = Corpus(articles=list(read_paths([str(SEEDS)], published="2023-09-13")))
    assert len(corpus.articles) == 5
    EntitiesStage().run(corpus, None)

    def holders(*forms: str) -> set[str]:
        return {e.id for e in corpus.entities for f in forms if f in e.variants}

    groups = {
        "kim": ("كيم جونغ أون", "كيم جونج أون", "كيم جونغ-أون"),
        "putin": ("فلاديمير بوتين", "بوتين"),
        "peskov": ("ديمتري بيسكوف", "دميتري بيسكوف"),
        "shoigu": ("سيرغي شويغو", "سيرجي شويجو", "شويغو", "شويجو"),
        "pyongyang": ("بيونغ يانغ", "بيونج يانج", "بيونجيانج"),
        "vostochny": ("فوستوشني", "فوستوتشني", "فوستوتشنى"),
        "vladivostok": ("فلاديفوستوك",),
    }
    ids = {}
    for label, forms in groups.items():
        found = holders(*forms)
        assert len(found) == 1, (label, found)
        ids[label] = found.pop()
        entity = next(e for e in corpus.entities if e.id == ids[label])
        # which spellings survive depends on the tagger: since the CRF learnt from SaudiNewsNet too (2 Dec 2026)
        # the one فوستوتشنى, a two-word subheading, falls under the confidence guard (mixed confidence < 0.5);
        # the other two spellings of the cosmodrome must still be its variants
        expected = set(forms) - ({"فوستوتشنى"} if label == "vostochny" else set())
        assert expected <= set(entity.variants) or label in ("putin", "shoigu", "vladivostok"), entity.variants
    kim = next(e for e in corpus.entities if e.id == ids["kim"])
    assert {"كيم جونج أون", "كيم جونغ-أون"} <= set(kim.variants)
    sister = holders("كيم يو جونغ")
    assert len(sister) == 1 and ids["kim"] not in sister
    for country in ("روسيا", "كوريا الشمالية", "الولايات المتحدة", "أوكرانيا"):
        types = {e.type for e in corpus.entities if country in e.variants}
        assert types == {"LOC"}, (country, types)
    shoigu = next(e for e in corpus.entities if e.id == ids["shoigu"])
    assert "وزير الدفاع الروسي" in shoigu.roles
    for m in corpus.mentions:
        article = corpus.article(m.article)
        assert article.text[m.start : m.end] == m.text
        assert article.sentences[m.sentence].start <= m.start < article.sentences[m.sentence].end


class _DictStore:
    def __init__(self) -> None:
        self.data: dict = {}
        self.puts = 0

    def get_annotation(self, stage: str, article_id: str):
        return self.data.get((stage, article_id))

    def put_annotation(self, stage: str, article_id: str, value) -> None:
        self.puts += 1
        self.data[(stage, article_id)] = value


def _article(text: str, outlet: str) -> Article:
    from marsad.arabic import split_sentences
    from marsad.model import Sentence

    sentences = [Sentence(i, s.start, s.end, s.text) for i, s in enumerate(split_sentences(text))]
    return Article(id=outlet + "-1", text=text, path="-", outlet=outlet, sentences=sentences)


def test_stage_links_across_outlets_and_caches_per_article() -> None:
    from types import SimpleNamespace

    from marsad.stages.entities import EntitiesStage

    corpus = Corpus(
        articles=[
            _article("وقال الرئيس الروسي فلاديمير بوتين إن موسكو ترحب بالزيارة.\nوأكد بوتين ذلك.", "a"),
            _article("التقى الرئيس فلاديمير بوتين في موسكو وزير الدفاع سيرغي شويغو.", "b"),
        ]
    )
    store = _DictStore()
    stage = EntitiesStage()
    stage.run(corpus, SimpleNamespace(store=store))
    first = [m.to_dict() for m in corpus.mentions]
    putin = [e for e in corpus.entities if "بوتين" in e.name]
    assert len(putin) == 1 and putin[0].type == "PER"
    assert putin[0].variant_outlets["فلاديمير بوتين"] == ["a", "b"]
    assert putin[0].name == "فلاديمير بوتين" and "الرئيس الروسي" in putin[0].roles
    assert store.puts == 2
    stage.run(corpus, SimpleNamespace(store=store))
    assert store.puts == 2  # served from the cache
    assert [m.to_dict() for m in corpus.mentions] == first


class _StubTagger:
    """Tags زيكوف as a person only in sentences that contain قال."""

    version = "stub"

    def tag(self, tokens: list[str]) -> list[str]:
        said = "قال" in tokens or "وقال" in tokens
        return ["B-PER" if said and t.endswith("زيكوف") else "O" for t in tokens]

    def tag_many(self, sentences: list[list[str]]) -> list[list[str]]:
        return [self.tag(s) for s in sentences]


def test_names_tagged_twice_are_recognised_in_other_articles() -> None:
    from marsad.stages.entities import EntitiesStage

    corpus = Corpus(
        articles=[
            _article("وقال زيكوف إن الوضع هادئ.\nقال زيكوف ذلك أمس.", "a"),
            _article("وصل وزيكوف إلى المدينة.", "b"),
        ]
    )
    EntitiesStage(tagger=_StubTagger()).run(corpus, None)  # type: ignore[arg-type]
    in_b = [m for m in corpus.mentions if m.article == "b-1"]
    assert [(m.text, m.type) for m in in_b] == [("زيكوف", "PER")]
    assert len(corpus.entities) == 1 and corpus.entities[0].mentions == 3


class _BreakingTagger(_StubTagger):
    """The stub tagger, failing on any sentence that holds the word عطل."""

    def tag_many(self, sentences: list[list[str]]) -> list[list[str]]:
        if any("عطل" in s for s in sentences):
            raise ValueError("this tagger breaks on purpose")
        return super().tag_many(sentences)


def test_an_article_the_tagger_fails_on_is_reported_and_the_others_are_tagged(caplog) -> None:
    import logging

    from marsad.stages.entities import EntitiesStage

    corpus = Corpus(articles=[_article("وقال زيكوف إن الوضع هادئ.", "a"), _article("في الخبر عطل.", "b"),
                              _article("قال زيكوف ذلك أمس.", "c")])
    with caplog.at_level(logging.WARNING, logger="marsad"):
        EntitiesStage(tagger=_BreakingTagger()).run(corpus, None)  # type: ignore[arg-type]
    assert sorted({m.article for m in corpus.mentions}) == ["a-1", "c-1"]
    assert any("b-1" in r.getMessage() and "breaks on purpose" in r.getMessage() for r in caplog.records)


def test_roles_drop_what_a_longer_role_says() -> None:
    from marsad.stages.entities.canonical import _distinct_roles

    assert _distinct_roles(["الرئيس", "الرئيس الروسي", "وزير الدفاع"]) == ["الرئيس الروسي", "وزير الدفاع"]


class _LabelTagger:
    """Tags the given words with fixed labels (B-/I- by position in ``names``)."""

    version = "labels"

    def __init__(self, names: dict[tuple[str, ...], str]) -> None:
        self.names = names

    def tag_many(self, sentences: list[list[str]]) -> list[list[str]]:
        out = []
        for tokens in sentences:
            labels = ["O"] * len(tokens)
            for words, type_ in self.names.items():
                for i in range(len(tokens) - len(words) + 1):
                    if tuple(tokens[i : i + len(words)]) == words:
                        labels[i : i + len(words)] = [f"B-{type_}"] + [f"I-{type_}"] * (len(words) - 1)
            out.append(labels)
        return out

    def tag(self, tokens: list[str]) -> list[str]:
        return self.tag_many([tokens])[0]


def test_stage_splits_two_people_joined_by_and_and_drops_nisba_places() -> None:
    from marsad.stages.entities import EntitiesStage

    tagger = _LabelTagger({("بوتين", "وكيم"): "PER", ("كوري",): "LOC", ("موسكو",): "LOC"})
    corpus = Corpus(articles=[_article("جرت المحادثات بين بوتين وكيم في موسكو مع رائد فضاء كوري شمالي.", "a")])
    EntitiesStage(tagger=tagger).run(corpus, None)  # type: ignore[arg-type]
    assert [(m.text, m.type) for m in corpus.mentions] == [("بوتين", "PER"), ("كيم", "PER"), ("موسكو", "LOC")]


def test_a_noun_between_title_and_name_is_no_role() -> None:
    from marsad.stages.entities.stage import _role

    tokens = tokenize("واستقل الزعيم الكوري الشمالي سيارة بوتين الروسية")
    assert _role(tokens, 5) is None
    tokens = tokenize("وقال المتحدث باسم الكرملين ديمتري بيسكوف")
    assert _role(tokens, 4) == "المتحدث باسم الكرملين"
    tokens = tokenize("وحضر القائد العام للأسطول الروسي نيكولاي يفمينوف")
    assert _role(tokens, 5) == "القائد العام للأسطول الروسي"


def test_nisba_adjectives_are_not_places_but_places_ending_in_yeh_are() -> None:
    from marsad.stages.entities.stage import _is_nisba

    assert all(_is_nisba(tokenize(w)[0]) for w in ("كوري", "الروسي", "لبناني", "أمريكي", "سعودي"))
    assert not any(_is_nisba(tokenize(w)[0]) for w in ("كوريا", "موسكو", "دبي", "بوتين"))


def test_one_letter_misspellings_of_long_places_merge_but_persons_do_not() -> None:
    raw = [
        _raw("a1", "فلاديفوستوك", "LOC"),
        _raw("a2", "فلاديفوستوك", "LOC"),
        _raw("a3", "فلاديسفوستوك", "LOC"),
        _raw("a1", "عبدالرحمن"),
        _raw("a2", "عبدالرحيم"),
        _raw("a1", "مصر", "LOC"),
        _raw("a2", "مضر", "LOC"),  # short skeletons never merge
    ]
    by_name = {e.name: e for e in link(raw)}
    assert by_name["فلاديفوستوك"].variants == {"فلاديفوستوك": 2, "فلاديسفوستوك": 1}
    assert {"عبدالرحمن", "عبدالرحيم", "مصر", "مضر"} <= set(by_name)


def test_media_spellings_are_one_organization() -> None:
    raw = [
        _raw("a1", "وكالة الأنباء المركزية الكورية", "ORG"),
        _raw("a2", "وكالة الأنباء الكورية الشمالية", "ORG"),
        _raw("a3", "الوكالة الكورية الشمالية", "ORG"),
    ]
    entities = link(raw)
    assert len(entities) == 1 and entities[0].mentions == 3


def test_two_known_people_side_by_side_are_cut_but_ordinary_names_stay_whole() -> None:
    from marsad.stages.entities.canonical import split_adjacent_names

    text = "هنأ بوتين كيم"
    joined = RawMention(Mention("a1", 0, 4, len(text), "بوتين كيم", "PER"), "بوتين كيم", "x")  # type: ignore[arg-type]
    raw = [_raw("a1", "فلاديمير بوتين"), _raw("a2", "كيم جونغ أون"), _raw("a3", "محمد علي"),
           _raw("a3", "محمد بن سلمان"), _raw("a4", "علي خامنئي"), _raw("a4", "أحمد محمد"), joined]
    out = split_adjacent_names(raw)
    assert [(r.mention.text, r.mention.start, r.mention.end) for r in out[-2:]] == [("بوتين", 4, 9), ("كيم", 10, 13)]
    assert [r.name for r in out[:6]] == ["فلاديمير بوتين", "كيم جونغ أون", "محمد علي", "محمد بن سلمان", "علي خامنئي",
                                         "أحمد محمد"]
    by_name = {e.name: e for e in link([*out, _raw("a1", "كيم جونغ أون")])}
    # كيم is a common name part: it joins كيم جونغ أون only in an article that names him in full
    assert by_name["فلاديمير بوتين"].mentions == 2 and by_name["كيم جونغ أون"].mentions == 3


def test_consistency_matches_spelling_not_normalized_keys() -> None:
    sentences = [["قال", "علي", "عبد", "الله", "صالح"], ["وعلى", "علي", "أن", "يرد", "على", "الرسالة"],
                 ["فإن", "فان", "دايك", "وصل"], ["وكانت", "المدينة", "هادئة"]]
    labels = [["O", "B-PER", "I-PER", "I-PER", "I-PER"], ["O", "B-PER", "O", "O", "O", "O"],
              ["O", "B-PER", "I-PER", "O"], ["B-LOC", "O", "O"]]
    out = propagate(sentences, labels)
    assert out[1] == ["O", "B-PER", "O", "O", "O", "O"]  # على and وعلى are not علي
    assert out[2][0] == "O"  # فإن is not فان
    assert out[3] == ["B-LOC", "O", "O"]  # a function word casts no vote (and is dropped by the stage)


def test_countries_and_clubs_one_vowel_skeleton_apart_stay_apart() -> None:
    raw = [_raw("a1", "اليمن", "LOC"), _raw("a2", "اليمن", "LOC"), _raw("a3", "ألمانيا", "LOC"),
           _raw("a1", "سوريا", "LOC"), _raw("a2", "سوريا", "LOC"), _raw("a3", "سويسرا", "LOC"),
           _raw("a1", "الأهلي", "ORG"), _raw("a2", "الأهلي", "ORG"), _raw("a3", "الهلال", "ORG"),
           _raw("a4", "تونس", "LOC"), _raw("a5", "تينيسي", "LOC"), _raw("a4", "بشار الأسد"), _raw("a5", "بشير")]
    by_name = {e.name: e for e in link(raw)}
    for name in ("اليمن", "ألمانيا", "سوريا", "سويسرا", "الأهلي", "الهلال", "تونس", "تينيسي", "بشير"):
        assert by_name[name].variants == {name: by_name[name].mentions}, (name, by_name[name].variants)


def test_spelling_variants_of_one_name_still_merge() -> None:
    raw = [_raw("a1", "ديمتري بيسكوف"), _raw("a1", "ديمتري بيسكوف"), _raw("a2", "دميتري بيسكوف"),
           _raw("a3", "بنيامين نتنياهو"), _raw("a3", "بنيامين نتنياهو"), _raw("a4", "بنيامين نتانياهو"),
           _raw("a5", "سوريا", "LOC"), _raw("a6", "سورية", "LOC"),
           _raw("a7", "محمد"), _raw("a7", "محمد"), _raw("a8", "محمود")]
    by_name = {e.name: e for e in link(raw)}
    assert by_name["ديمتري بيسكوف"].mentions == 3
    assert by_name["بنيامين نتنياهو"].mentions == 3
    assert by_name["سوريا"].variants == {"سوريا": 1, "سورية": 1}
    assert by_name["محمد"].mentions == 2 and by_name["محمود"].mentions == 1  # both established names


def test_short_forms_given_names_join_only_beside_the_full_name_and_never_across_bin() -> None:
    raw = [_raw("a1", "علي عبد الله صالح"), _raw("a1", "صالح"), _raw("a2", "صالح"),
           _raw("a3", "محمد بن سلمان بن عبد العزيز"), _raw("a4", "سلمان بن عبد العزيز"),
           _raw("a5", "فون دير لاين"), _raw("a6", "فان"), _raw("a7", "فلاديمير بوتين"), _raw("a8", "بوتين")]
    entities = link(raw)
    by_name = {e.name: e for e in entities}
    assert by_name["علي عبد الله صالح"].variants == {"علي عبد الله صالح": 1, "صالح": 1}
    assert by_name["صالح"].articles == ["a2"]  # another صالح: no full name in that article
    assert by_name["سلمان بن عبد العزيز"].mentions == 1  # the father, not محمد بن سلمان
    assert by_name["فان"].mentions == 1 and by_name["فون دير لاين"].mentions == 1
    assert by_name["فلاديمير بوتين"].mentions == 2  # a family name joins across articles


def test_function_words_tagged_as_names_are_dropped() -> None:
    from marsad.stages.entities import EntitiesStage

    tagger = _LabelTagger({("على",): "PER", ("كانت",): "LOC", ("فإن",): "PER", ("علي", "عبد", "الله", "صالح"): "PER",
                           ("على", "صنعاء"): "LOC"})
    text = "قال علي عبد الله صالح إن الحرب كانت على صنعاء.\nفإن الرد كان على الأرض."
    corpus = Corpus(articles=[_article(text, "a")])
    EntitiesStage(tagger=tagger).run(corpus, None)  # type: ignore[arg-type]
    assert [(m.text, m.type) for m in corpus.mentions] == [("علي عبد الله صالح", "PER"), ("صنعاء", "LOC")]


class _CueTagger:
    """Tags ``word`` as ``type_`` only in sentences that contain قال (a tagger's occasional slip)."""

    version = "cue"

    def __init__(self, word: str, type_: str) -> None:
        self.word, self.type = word, type_

    def tag_many(self, sentences: list[list[str]]) -> list[list[str]]:
        return [[f"B-{self.type}" if t == self.word and "قال" in s else "O" for t in s] for s in sentences]


def test_a_common_word_the_tagger_rarely_tags_is_no_name_anywhere() -> None:
    from marsad.stages.entities import EntitiesStage

    articles = [_article("قال الوفد إن مدينة كبيرة تنتظره.", "a0"), _article("قال المسؤول إن مدينة جديدة ستبنى.", "a1")]
    articles += [_article(f"زار الوفد مدينة ساحلية في اليوم {i}.", f"b{i}") for i in range(25)]
    corpus = Corpus(articles=articles)
    EntitiesStage(tagger=_CueTagger("مدينة", "LOC")).run(corpus, None)  # type: ignore[arg-type]
    assert corpus.mentions == [] and corpus.entities == []
    few = Corpus(articles=articles[:5])  # too few occurrences to judge: kept, but not spread (tagged 2 of 5)
    EntitiesStage(tagger=_CueTagger("مدينة", "LOC")).run(few, None)  # type: ignore[arg-type]
    assert [(m.article, m.text) for m in few.mentions] == [("a0-1", "مدينة"), ("a1-1", "مدينة")]


def test_a_gazetteer_form_spelled_as_a_function_word_is_no_name() -> None:
    from marsad.stages.entities.gazetteer import Gazetteer, gazetteer

    gaz = Gazetteer()
    gaz.add("كيف", "LOC", "كييف")  # "how", once listed as a spelling of Kyiv
    gaz.add("وام", "ORG")  # the agency: و + أم is no reason to refuse it
    assert list(gaz.names) == ["وام"]
    assert "كيف" not in gazetteer().names and gazetteer().names["كييف"][0] == "LOC"


def test_months_in_dates_are_no_names_but_the_car_maker_is() -> None:
    from marsad.stages.entities import EntitiesStage

    tagger = _LabelTagger({("نيسان",): "ORG", ("(نيسان)",): "ORG", ("رمضان",): "PER"})
    text = ("وقع الاتفاق في 13 نيسان الماضي.\nوارتفعت الأسعار في أبريل ( نيسان ) الماضي.\n"
            "واصطدمت سيارة من نوع نيسان بشاحنة.\nوقال محمد رمضان إن الفريق جاهز.\nويصوم المسلمون خلال رمضان.")
    corpus = Corpus(articles=[_article(text, "a")])
    EntitiesStage(tagger=tagger).run(corpus, None)  # type: ignore[arg-type]
    # the given name محمد before the tagged رمضان joins it (a head learned from ANERcorp: complete_spans)
    assert [(m.sentence, m.text, m.type) for m in corpus.mentions] == [(2, "نيسان", "ORG"), (3, "محمد رمضان", "PER")]


def test_a_definite_nisba_after_a_definite_noun_is_an_adjective_not_the_country() -> None:
    from marsad.stages.entities import EntitiesStage

    tagger = _LabelTagger({("السعودية",): "LOC", ("المملكة", "العربية", "السعودية"): "LOC", ("سعودية",): "LOC"})
    text = ("أعلنت السلطات السعودية أمس خطة جديدة.\nوزار الرئيس السعودية في مايو.\n"
            "ووصل الوفد إلى المملكة العربية السعودية.\nوأسست شركة سعودية فرعا.\nوتنتج السعودية النفط.\n"
            "وزار الملك الأردن والسعودية.")
    corpus = Corpus(articles=[_article(text, "a")])
    EntitiesStage(tagger=tagger).run(corpus, None)  # type: ignore[arg-type]
    assert [(m.sentence, m.text) for m in corpus.mentions] == [
        (1, "السعودية"), (2, "المملكة العربية السعودية"), (4, "السعودية"), (5, "السعودية")]


def test_amman_and_oman_are_told_apart_by_their_article_and_never_merge_blind() -> None:
    from marsad.stages.entities import EntitiesStage

    tagger = _LabelTagger({("عمان",): "LOC", ("عمّان",): "LOC", ("سلطنة", "عمان"): "LOC"})
    articles = [
        _article("وصل الوزير إلى عمان في زيارة للأردن.\nوقال مسؤول أردني إن عمان ترحب.", "jo"),
        _article("أعلنت سلطنة عمان أن الوزير العماني يزور عمان غدا.", "om"),
        _article("زار الوفد عمّان أمس.", "sh"),
        _article("وصل الوفد إلى عمان أمس.", "none"),
    ]
    corpus = Corpus(articles=articles)
    EntitiesStage(tagger=tagger).run(corpus, None)  # type: ignore[arg-type]
    entity_of = {m.article: m.entity for m in corpus.mentions if m.text in ("عمان", "عمّان")}
    oman = next(m.entity for m in corpus.mentions if m.text == "سلطنة عمان")
    assert entity_of["om-1"] == oman
    assert entity_of["jo-1"] == entity_of["sh-1"] != oman
    assert entity_of["none-1"] not in (oman, entity_of["jo-1"])


def test_a_definite_title_is_cut_from_a_person_span_but_given_names_that_are_titles_stay() -> None:
    from marsad.stages.entities import EntitiesStage

    tagger = _LabelTagger({("الملك", "سلمان"): "PER", ("الرئيس", "السوري", "بشار", "الأسد"): "PER",
                           ("ورائد", "الغامدي"): "PER", ("سيد", "قطب"): "PER", ("البابا", "فرنسيس"): "PER"})
    text = ("استقبل الملك سلمان الوفد.\nوقال الرئيس السوري بشار الأسد إن الحرب طويلة.\n"
            "وشارك ورائد الغامدي في المباراة.\nوكتب سيد قطب كتبا كثيرة.\nوزار البابا فرنسيس القاهرة.")
    corpus = Corpus(articles=[_article(text, "a")])
    EntitiesStage(tagger=tagger).run(corpus, None)  # type: ignore[arg-type]
    assert [m.text for m in corpus.mentions] == ["سلمان", "بشار الأسد", "رائد الغامدي", "سيد قطب", "البابا فرنسيس"]
    assad = next(e for e in corpus.entities if e.name == "بشار الأسد")
    assert "الرئيس السوري" in assad.roles


def test_lam_before_a_name_that_begins_with_lam_is_cut_but_lam_before_the_article_stays() -> None:
    text = "لليبيا للبنان للرئيس"
    toks = tokenize(text)
    assert [text[name_start(t) : t.end] for t in toks] == ["ليبيا", "لبنان", "للرئيس"]


class _SentenceTagger:
    """Labels per sentence: the first of ``rules`` whose cue word is in the sentence gives the names."""

    version = "sentence-rules"

    def __init__(self, rules: list[tuple[str, dict[tuple[str, ...], str]]]) -> None:
        self.rules = rules

    def tag_many(self, sentences: list[list[str]]) -> list[list[str]]:
        out = []
        for tokens in sentences:
            names = next((n for cue, n in self.rules if cue in tokens), {})
            out.append(_LabelTagger(names).tag(tokens))
        return out


def test_a_longer_name_the_tagger_knows_replaces_the_short_mention_inside_it() -> None:
    from marsad.stages.entities import EntitiesStage

    tagger = _SentenceTagger([("فاز", {("باريس", "سان", "جيرمان"): "ORG"}),
                              ("خسر", {("باريس",): "LOC"}), ("زار", {("باريس",): "LOC"})])
    articles = [_article("فاز باريس سان جيرمان بالمباراة.", "a"), _article("وقد فاز باريس سان جيرمان باللقب.", "b"),
                _article("خسر باريس سان جيرمان أمس.", "c"), _article("زار الوفد باريس أمس.", "d")]
    corpus = Corpus(articles=articles)
    EntitiesStage(tagger=tagger).run(corpus, None)  # type: ignore[arg-type]
    assert [(m.article, m.text, m.type) for m in corpus.mentions] == [
        ("a-1", "باريس سان جيرمان", "ORG"), ("b-1", "باريس سان جيرمان", "ORG"), ("c-1", "باريس سان جيرمان", "ORG"),
        ("d-1", "باريس", "LOC")]


def test_a_leading_clitic_is_cut_when_the_corpus_tags_the_rest_as_the_name() -> None:
    from marsad.stages.entities import EntitiesStage

    tagger = _LabelTagger({("برينان",): "PER", ("لبرينان",): "PER", ("لال",): "PER", ("بلال",): "PER"})
    articles = [_article("قال برينان إن الخطر كبير.", "a"), _article("وأكد برينان ذلك.", "b"),
                _article("حيث قال لبرينان مساعده إن الأمر انتهى.", "c"),
                _article("وقال لال إن الخطر كبير.", "d"), _article("وأكد لال ذلك.", "e"),
                _article("وسجل بلال هدفا.", "f")]
    corpus = Corpus(articles=articles)
    EntitiesStage(tagger=tagger).run(corpus, None)  # type: ignore[arg-type]
    in_c = [m.text for m in corpus.mentions if m.article == "c-1"]
    in_f = [m.text for m in corpus.mentions if m.article == "f-1"]
    assert in_c == ["برينان"] and in_f == ["بلال"]  # بلال, a word the lexicon knows, keeps its ب


def test_a_longer_name_tagged_whole_only_sometimes_still_completes_the_names_inside_it() -> None:
    """قناة السويس tagged whole in 2 of its 5 occurrences replaces السويس at the other 3 (below the
    half needed to add it where nothing was tagged); a person tagged twice (حمد الله) does not swallow
    a name of another type inside it (الله of «بحمد الله»)."""
    from marsad.stages.entities import EntitiesStage

    tagger = _SentenceTagger([
        ("عبرت", {("قناة", "السويس"): "LOC"}), ("إيرادات", {("السويس",): "LOC"}),
        ("سجل", {("حمد", "الله"): "PER"}), ("نجحنا", {("الله",): "MISC"})])
    articles = [_article("عبرت السفينة قناة السويس أمس.", "a"), _article("عبرت ناقلة قناة السويس.", "b"),
                _article("ارتفعت إيرادات قناة السويس.", "c"), _article("تراجعت إيرادات قناة السويس.", "d"),
                _article("زادت إيرادات قناة السويس.", "e"),
                _article("سجل حمد الله هدفا.", "f"), _article("ثم سجل حمد الله الثاني.", "g"),
                _article("بحمد الله نجحنا.", "h"), _article("وبحمد الله نجحنا.", "i"),
                _article("بحمد الله نجحنا معا.", "j")]
    corpus = Corpus(articles=articles)
    EntitiesStage(tagger=tagger).run(corpus, None)  # type: ignore[arg-type]
    got = {(m.article, m.text, m.type) for m in corpus.mentions}
    for art in "abcde":
        assert (f"{art}-1", "قناة السويس", "LOC") in got
    assert ("h-1", "الله", "MISC") in got and not any(a == "h-1" and t == "حمد الله" for a, t, _ in got)


def test_word_roles_learned_from_labelled_text() -> None:
    """A word that opens names and never ends one is open; one that stands outside the names after it
    (مدينة) is no head; the article is kept and other proclitics are not counted (وجامعة = جامعة)."""
    from marsad.stages.entities import heads

    rows = []
    for i in range(12):
        rows.append([("درس", "O"), ("وجامعة" if i % 2 else "جامعة", "B-ORG"), (f"اسم{i}", "I-ORG"), (".", "O")])
        rows.append([("زار", "O"), ("مدينة", "O"), (f"بلد{i}", "B-LOC"), (".", "O")])
    roles = heads.learn(rows)
    key = heads.text_key("جامعة")
    assert key == heads.text_key("وجامعة") != heads.text_key("الجامعة")
    assert roles.n_begins(key) == 12 and roles.is_head(key) and roles.is_open(key)
    assert roles.head_type(key) == "ORG"
    city = heads.text_key("مدينة")
    assert not roles.is_head(city) and roles.before[city] == 12


def test_open_words_and_heads_complete_mentions() -> None:
    """With the roles learned from ANERcorp: «منظمة» then «أوبك» is one name; a lone «منظمة» before a
    common word is none; the head حزب before the tagger's «العمال» joins it; a definite head (المملكة)
    before a name is no part of it (construct state takes no article)."""
    from marsad.stages.entities import EntitiesStage
    from marsad.stages.entities.heads import shipped_roles, text_key

    roles = shipped_roles()
    assert roles.is_open(text_key("منظمة")) and roles.is_head(text_key("حزب"))
    assert not roles.is_head(text_key("مدينة")) and not roles.is_head(text_key("الرئيس"))
    tagger = _LabelTagger({("منظمة",): "ORG", ("أوبك",): "ORG", ("العمال",): "ORG", ("مصر",): "LOC",
                           ("المملكة",): "LOC"})
    articles = [_article("وواصلت منظمة أوبك ضخ الخام.", "a"), _article("ودعت منظمة حقوقية إلى التحقيق.", "b"),
                _article("فاز حزب العمال في الانتخابات.", "c"), _article("تزور المملكة مصر غدا.", "d")]
    corpus = Corpus(articles=articles)
    EntitiesStage(tagger=tagger).run(corpus, None)  # type: ignore[arg-type]
    got = [(m.article, m.text, m.type) for m in corpus.mentions]
    assert ("a-1", "منظمة أوبك", "ORG") in got and not any(a == "b-1" for a, _, _ in got)
    assert ("c-1", "حزب العمال", "ORG") in got
    assert ("d-1", "مصر", "LOC") in got


def test_a_short_form_joins_the_full_name_of_its_article_however_the_full_name_is_spaced() -> None:
    """التركي joins عبدالله التركي, written in full in its article, though the entity's longest form is
    spaced «عبد الله التركي» elsewhere and «منصور التركي» is mentioned more often overall."""
    from marsad.stages.entities import EntitiesStage

    tagger = _SentenceTagger([("أصدر", {("عبدالله", "التركي"): "PER"}), ("واستنكر", {("التركي",): "PER"}),
                              ("صرح", {("عبد", "الله", "التركي"): "PER"}), ("قال", {("منصور", "التركي"): "PER"}),
                              ("وأكد", {("منصور", "التركي"): "PER"}), ("وأضاف", {("منصور", "التركي"): "PER"})])
    articles = [_article("أصدر الدكتور عبدالله التركي بيانا.\nواستنكر التركي التصريحات.", "a"),
                _article("صرح عبد الله التركي بأن الرابطة ترفض ذلك.", "b"),
                _article("قال منصور التركي إن الأمن مستتب.", "c"), _article("وأكد منصور التركي ذلك.", "d"),
                _article("وأضاف منصور التركي أن التحقيق مستمر.", "e")]
    corpus = Corpus(articles=articles)
    EntitiesStage(tagger=tagger).run(corpus, None)  # type: ignore[arg-type]
    names = {e.id: e.name for e in corpus.entities}
    short = [m for m in corpus.mentions if m.article == "a-1" and m.sentence == 1]
    assert len(short) == 1 and names[short[0].entity or ""] in ("عبدالله التركي", "عبد الله التركي")


def test_a_person_inside_a_recurring_facility_name_becomes_the_facility() -> None:
    from marsad.stages.entities import EntitiesStage

    tagger = _LabelTagger({("جدة",): "LOC", ("الرياض",): "LOC", ("أبها",): "LOC", ("الملك", "فهد"): "PER",
                           ("نتنياهو",): "PER", ("إسرائيل",): "LOC", ("لبنان",): "LOC", ("مصر",): "LOC"})
    articles = [
        _article("هبطت الطائرة في مطار جدة ثم في مطار الرياض.\nوغادر الوفد من مطار الملك فهد الدولي أمس.", "a"),
        _article("وافتتح مطار أبها الجديد.\nوزار الوزير مطار الملك فهد الدولي صباحا.", "b"),
        # a word before persons more than places (حكومة here) opens no facility name
        _article("انتقدت حكومة نتنياهو القرار.\nوقال نتنياهو إن حكومة إسرائيل ترفض.", "c"),
        _article("وأيدت حكومة نتنياهو الخطة.\nوقالت حكومة لبنان وحكومة مصر إنهما ترفضان.", "d"),
        # a single article is no recurring name: the person mention stays
        _article("وصل الضيوف إلى مركز الملك فهد الثقافي.", "e"),
    ]
    corpus = Corpus(articles=articles)
    EntitiesStage(tagger=tagger).run(corpus, None)  # type: ignore[arg-type]
    found = {(m.article, m.text, m.type) for m in corpus.mentions}
    assert ("a-1", "مطار الملك فهد الدولي", "LOC") in found
    assert ("b-1", "مطار الملك فهد الدولي", "LOC") in found
    assert not any(m.type == "PER" and m.article in ("a-1", "b-1") for m in corpus.mentions)
    assert ("c-1", "نتنياهو", "PER") in found and ("d-1", "نتنياهو", "PER") in found
    assert ("e-1", "فهد", "PER") in found


def test_a_king_or_prince_after_a_noun_that_names_places_is_the_namesake_of_a_facility() -> None:
    """«مستشفى الملك خالد التخصصي» once is the hospital: مستشفى is a common noun (المستشفى) that stands before
    three places in the corpus. A verb before places (زار) and a noun before organizations (إدارة) name no
    facility after a royal title; a glued ب (بمستشفى) stays out of the name, a word behind a preposition
    ends it («بجدة»), and a name that goes on with ل and a definite noun («… للعيون») is left out whole."""
    from marsad.stages.entities import EntitiesStage

    tagger = _LabelTagger({("جدة",): "LOC", ("أبها",): "LOC", ("الرياض",): "LOC", ("الملك", "خالد"): "PER",
                           ("الملك", "فهد"): "PER", ("الأمير", "سلطان"): "PER", ("الأمير", "نايف"): "PER",
                           ("الهلال",): "ORG", ("النصر",): "ORG", ("الاتحاد",): "ORG",
                           ("الملك", "عبدالعزيز", "الدولي", "بجدة"): "PER", ("الملك", "سعود"): "PER",
                           ("هشام",): "PER", ("وليد",): "PER", ("ماجد",): "PER", ("نواف",): "PER",
                           ("الأمير", "فيصل"): "PER"})
    articles = [
        _article("ونقل المصاب إلى مستشفى جدة ثم إلى مستشفى أبها.\nوافتتح مستشفى الرياض أمس.", "a"),
        _article("وأجريت العملية في مستشفى الملك خالد التخصصي أمس.", "b"),
        _article("وتبرع الأهالي بالدم بمستشفى الملك فهد صباحا.", "c"),
        _article("زار جدة وزار أبها ثم زار الرياض.\nزار الأمير سلطان المصابين.", "d"),
        _article("وقررت إدارة الهلال وإدارة النصر وإدارة الاتحاد ذلك.\nوأبلغته إدارة الأمير نايف برحيله.", "e"),
        _article("وهبطت في مطار جدة ومطار أبها ومطار الرياض.\nووصلت إلى مطار الملك عبدالعزيز الدولي بجدة.", "f"),
        _article("ويعمل في مستشفى الملك سعود التخصصي للعيون طبيبا.", "g"),
        # زيارة stands before places too, but its word cluster (زيارة، تعيين، استقبال: verbal nouns) mostly
        # before persons: «زيارة الأمير فيصل» is a visit, not a facility
        _article("وبدأت زيارة جدة ثم زيارة أبها ثم زيارة الرياض.\nوتم تعيين هشام وتعيين وليد.\n"
                 "وجرى استقبال ماجد واستقبال نواف.\nوجاءت زيارة الأمير فيصل في وقتها.", "h"),
    ]
    corpus = Corpus(articles=articles)
    EntitiesStage(tagger=tagger).run(corpus, None)  # type: ignore[arg-type]
    found = {(m.article, m.text, m.type) for m in corpus.mentions}
    assert ("b-1", "مستشفى الملك خالد التخصصي", "LOC") in found
    assert ("c-1", "مستشفى الملك فهد", "LOC") in found
    assert not any(m.type == "PER" and m.article in ("b-1", "c-1", "f-1", "g-1") for m in corpus.mentions)
    assert ("d-1", "سلطان", "PER") in found
    assert ("e-1", "نايف", "PER") in found
    assert ("f-1", "مطار الملك عبدالعزيز الدولي", "LOC") in found
    assert not any(m.article == "g-1" for m in corpus.mentions)
    assert ("h-1", "فيصل", "PER") in found


def test_a_place_closed_by_an_adjective_of_the_noun_before_it_is_inside_a_facility_name() -> None:
    """«مستشفى القطيف المركزي»: the masculine adjective agrees with مستشفى (a noun that names places), not
    with the city, which is feminine, so the whole is the hospital; a place with no adjective after it
    (مستشفى جدة) stays the place, and so does one after a feminine noun, whose adjective may be the place's
    («مدينة اللاذقية الساحلية»), one whose adjective is a place's own («مطار الرياض السعودي») and one before
    a word in ى, no adjective («منطقة تبوك المولى عز وجل»)."""
    from marsad.stages.entities import EntitiesStage

    tagger = _LabelTagger({("جدة",): "LOC", ("أبها",): "LOC", ("الرياض",): "LOC", ("القطيف",): "LOC",
                           ("اللاذقية",): "LOC", ("تبوك",): "LOC", ("جبل", "صبر"): "LOC"})
    articles = [
        _article("ونقل المصاب إلى مستشفى جدة ثم إلى مستشفى أبها.\nوافتتح مستشفى الرياض أمس.\n"
                 "وهبطت في مطار جدة ومطار أبها ومطار الرياض.", "a"),
        _article("وأجريت العملية في مستشفى القطيف المركزي أمس.", "b"),
        _article("وتقع مدينة اللاذقية الساحلية على البحر.\nوزار مدينة جدة ثم مدينة أبها.", "c"),
        _article("وهبطت الطائرة في مطار الرياض السعودي أمس.\nوسأل أمير منطقة تبوك المولى عز وجل.", "d"),
        _article("وقصفت الطائرات مستشفى جبل صبر المركزي أمس.", "e"),  # جبل, masculine, takes the adjective
    ]
    corpus = Corpus(articles=articles)
    EntitiesStage(tagger=tagger).run(corpus, None)  # type: ignore[arg-type]
    found = {(m.article, m.text, m.type) for m in corpus.mentions}
    assert ("b-1", "مستشفى القطيف المركزي", "LOC") in found
    assert not any(m.text == "القطيف" for m in corpus.mentions)
    assert ("a-1", "جدة", "LOC") in found and ("c-1", "جدة", "LOC") in found
    assert ("c-1", "اللاذقية", "LOC") in found
    assert ("d-1", "الرياض", "LOC") in found and ("d-1", "تبوك", "LOC") in found
    assert ("e-1", "جبل صبر", "LOC") in found


def test_a_glued_conjunction_is_read_off_a_three_letter_word_the_lexicon_knows_better_without_it() -> None:
    """«وحي الملك فهد» is و + حي (a district): حي is far more frequent than وحي; three-letter names that
    begin with such a letter (بدر، فهد، ولد) are not cut."""
    from marsad.arabic import tokenize
    from marsad.stages.entities.stage import _glued_letter

    assert _glued_letter(tokenize("وحي")[0]) == 1
    assert [_glued_letter(tokenize(w)[0]) for w in ("بدر", "فهد", "ولد", "بكر")] == [0, 0, 0, 0]


def test_a_name_cut_after_a_royal_title_is_joined_to_the_person_after_it() -> None:
    """«جامعة الأمير» + «سطام بن عبدالعزيز» is one university; a head of state's title (الرئيس) ends no name
    here and the two mentions of «حكومة الرئيس» «هادي» are left to the other rules."""
    from marsad.stages.entities import EntitiesStage

    tagger = _LabelTagger({("جامعة", "الأمير"): "ORG", ("سطام", "بن", "عبدالعزيز"): "PER",
                           ("حكومة", "الرئيس"): "ORG", ("هادي",): "PER",
                           ("سطام", "بن", "عبدالعزيز", "بالخرج"): "PER"})
    articles = [_article("وتخرج في جامعة الأمير سطام بن عبدالعزيز العام الماضي.", "a"),
                _article("وأعلنت حكومة الرئيس هادي خطة جديدة.", "b"),
                _article("وتبدأ جامعة الأمير سطام بن عبدالعزيز بالخرج القبول غدا.", "c")]
    corpus = Corpus(articles=articles)
    EntitiesStage(tagger=tagger).run(corpus, None)  # type: ignore[arg-type]
    found = {(m.article, m.text, m.type) for m in corpus.mentions}
    assert ("a-1", "جامعة الأمير سطام بن عبدالعزيز", "ORG") in found
    assert not any(m.type == "PER" and m.article == "a-1" for m in corpus.mentions)
    assert ("b-1", "هادي", "PER") in found
    assert ("c-1", "جامعة الأمير سطام بن عبدالعزيز", "ORG") in found  # «بالخرج» begins a phrase of its own


def test_a_continent_after_a_direction_is_the_region_it_names() -> None:
    """«جنوب شرق آسيا» and «وشمال أفريقيا» name regions (the conjunction stays out); a country after a
    direction («شمال سوريا») stays the country."""
    from marsad.stages.entities import EntitiesStage

    tagger = _LabelTagger({("آسيا",): "LOC", ("أفريقيا",): "LOC", ("سوريا",): "LOC"})
    articles = [_article("وتعد من أكبر دول جنوب شرق آسيا اقتصادا.", "a"),
                _article("ويمتد النفوذ إلى الساحل وشمال أفريقيا.", "b"),
                _article("وقتل عشرة في شمال سوريا أمس.", "c")]
    corpus = Corpus(articles=articles)
    EntitiesStage(tagger=tagger).run(corpus, None)  # type: ignore[arg-type]
    found = {(m.article, m.text, m.type) for m in corpus.mentions}
    assert ("a-1", "جنوب شرق آسيا", "LOC") in found
    assert ("b-1", "شمال أفريقيا", "LOC") in found
    assert ("c-1", "سوريا", "LOC") in found
    assert not any(m.text in ("آسيا", "أفريقيا") for m in corpus.mentions)


def test_religious_formulas_with_gods_name_are_no_person() -> None:
    """«بحمد الله» and «بتوفيق الله» (a preposition glued) and «رضوان الله عليهم» (a blessing) are no
    persons; «ضيف الله» and «عبد الله» are."""
    from marsad.stages.entities import EntitiesStage

    tagger = _LabelTagger({("حمد", "الله"): "PER", ("بتوفيق", "الله"): "PER", ("رضوان", "الله"): "PER",
                           ("ضيف", "الله"): "PER", ("عبد", "الله"): "PER", ("بفضل",): "PER"})
    articles = [_article("وتم الأمر وبحمد الله دون خسائر.\nوتحقق ذلك بفضل الله.", "a"),
                _article("ونجحت بتوفيق الله الخطة.", "b"),
                _article("وقال الصحابة رضوان الله عليهم ذلك.", "c"),
                _article("وقال ضيف الله إن عبد الله سافر.", "d")]
    corpus = Corpus(articles=articles)
    EntitiesStage(tagger=tagger).run(corpus, None)  # type: ignore[arg-type]
    found = {(m.article, m.text) for m in corpus.mentions}
    assert not any(a in ("a-1", "b-1", "c-1") for a, _ in found)
    assert ("d-1", "ضيف الله") in found and ("d-1", "عبد الله") in found


def test_words_the_corpus_uses_as_person_names_complete_the_person_mentions_beside_them() -> None:
    from marsad.stages.entities import EntitiesStage

    tagger = _SentenceTagger([
        ("المخلوع", {("عبدالله", "صالح"): "PER"}),  # the tagger missed the given name علي here
        ("الانتصارات", {("عبدربه",): "PER", ("منصور", "هادي"): "PER"}),  # and split this name in two
        ("الكرسي", {("خالد", "الفهد"): "PER"}),
        ("مقالا", {("علي", "حسن"): "PER"}),
        ("الاجتماع", {("علي", "محمد"): "PER"}),
        ("الشرعية", {("عبدربه", "منصور", "هادي"): "PER"}),
    ])
    text = ("وكتب علي حسن مقالا.\nوحضر علي محمد الاجتماع.\nوأكد الرئيس عبدربه منصور هادي الشرعية.\n"
            "وقال الرئيس المخلوع علي عبدالله صالح إنه باق.\nوأكد الرئيس عبدربه منصور هادي أن الانتصارات مستمرة.\n"
            "وجلس على الكرسي خالد الفهد.\nوأثنى المدير على خالد الفهد أمام الكرسي.")
    corpus = Corpus(articles=[_article(text, "a")])
    EntitiesStage(tagger=tagger).run(corpus, None)  # type: ignore[arg-type]
    found = [(m.sentence, m.text) for m in corpus.mentions]
    assert (3, "علي عبدالله صالح") in found  # علي is a name in the corpus's other person mentions
    assert (4, "عبدربه منصور هادي") in found  # a lone given name before a person mention opens it
    assert not any(m.sentence == 4 and m.text in ("عبدربه", "منصور هادي") for m in corpus.mentions)
    # the preposition على is spelled apart from the name علي: it never joins a name
    assert (5, "خالد الفهد") in found and (6, "خالد الفهد") in found


def test_an_organization_word_takes_the_place_or_titled_person_after_it_into_its_name() -> None:
    from marsad.stages.entities import EntitiesStage

    tagger = _LabelTagger({
        ("نادي", "الهلال"): "ORG", ("نادي", "النصر"): "ORG", ("نادي", "الاتحاد"): "ORG", ("نادي", "الشباب"): "ORG",
        ("نجران",): "LOC", ("جدة",): "LOC", ("برشلونة",): "LOC", ("غزة",): "LOC",
        ("إعمار", "العقارية"): "ORG", ("إعمار",): "ORG", ("الملك", "سعود"): "PER",
    })
    text = ("وفاز نادي الهلال على نادي النصر.\nوتعاقد نادي الاتحاد مع مدرب.\nوأعلن نادي الشباب صفقة.\n"
            "وخسر نادي نجران أمس.\nونظم نادي جدة الأدبي أمسية.\nوأعلن نادي برشلونة الإسباني التعاقد.\n"
            "وفي مدينة جدة أقيم الحفل.\n"
            "وربحت إعمار العقارية كثيرا.\nوباعت إعمار العقارية أرضا.\nواشترت إعمار العقارية مبنى.\n"
            "وبنت إعمار العقارية برجا.\nوقالت إعمار إن المبيعات ارتفعت.\nوأعلنت إعمار أرباحها.\n"
            "وتعهد المانحون بدعم إعمار غزة.\nوتخرج في جامعة الملك سعود.")
    corpus = Corpus(articles=[_article(text, "a")])
    EntitiesStage(tagger=tagger).run(corpus, None)  # type: ignore[arg-type]
    found = {(m.sentence, m.text, m.type) for m in corpus.mentions}
    assert (3, "نادي نجران", "ORG") in found  # the club, not the place
    assert (4, "نادي جدة الأدبي", "ORG") in found  # its relational adjective closes the name
    assert (5, "نادي برشلونة", "ORG") in found  # a place adjective says where the club is and stays out
    assert (6, "جدة", "LOC") in found  # مدينة mostly stands outside the names after it
    assert (13, "غزة", "LOC") in found  # إعمار, tagged as a name on its own, heads no name
    assert (14, "جامعة الملك سعود", "ORG") in found
    assert not any(m.type == "LOC" and m.sentence in (3, 4, 5) for m in corpus.mentions)


class _ScoredTagger(_LabelTagger):
    """:class:`_LabelTagger` that also gives label probabilities: each tagged word gets ``sure`` (by word,
    default 0.95) on its label and the rest on O; untagged words are O for sure."""

    version = "labels-scored"

    def __init__(self, names: dict[tuple[str, ...], str], sure: dict[str, float]) -> None:
        super().__init__(names)
        self.sure = sure

    def scored_many(self, sentences: list[list[str]]) -> list[tuple[list[str], np.ndarray]]:
        from marsad.stages.entities.neural import LABELS

        out = []
        for tokens, labels in zip(sentences, self.tag_many(sentences), strict=True):
            probs = np.zeros((len(tokens), len(LABELS)), dtype=np.float32)
            for i, (token, label) in enumerate(zip(tokens, labels, strict=True)):
                p = 1.0 if label == "O" else self.sure.get(token, 0.95)
                probs[i, LABELS.index(label)] += p
                probs[i, 0] += 1.0 - p
            out.append((labels, probs))
        return out


def test_a_person_span_cut_by_a_near_tie_of_the_tagger_is_made_whole() -> None:
    """«علي» left out of «علي عبدالله الغامدي» by O 0.50 against B-PER 0.49 opens the name; a verb (زار), a
    title, a common noun (ركن) or a word the tagger barely calls a name does not; a one-word person span that the
    tagger gives I-PER 0.36 closes the name before it, while two full names side by side stay two."""
    from marsad.arabic import tokenize
    from marsad.stages.entities.neural import LABELS
    from marsad.stages.entities.stage import _widen_persons

    def probs_for(tokens, given):  # given: word -> {label: p}; the rest O
        probs = np.zeros((len(tokens), len(LABELS)), dtype=np.float32)
        for i, t in enumerate(tokens):
            for label, p in given.get(t.text, {"O": 1.0}).items():
                probs[i, LABELS.index(label)] = p
        return probs

    def widened(text, found, given):
        tokens = tokenize(text)
        return _widen_persons(text, tokens, found, probs_for(tokens, given))

    near = {"عبدالله": {"B-PER": 0.50, "I-PER": 0.49}, "الغامدي": {"I-PER": 0.99}}
    text = "وقال المتحدث علي عبدالله الغامدي إن الفرق"
    assert widened(text, [(3, 5, "PER")], {**near, "علي": {"O": 0.50, "B-PER": 0.49}}) == [(2, 5, "PER")]
    assert widened(text, [(3, 5, "PER")], {**near, "علي": {"O": 0.8, "B-PER": 0.2}}) == [(3, 5, "PER")]
    assert widened(text, [(3, 5, "PER")], {"عبدالله": {"B-PER": 0.9, "I-PER": 0.05},
                                           "علي": {"O": 0.5, "B-PER": 0.49}}) == [(3, 5, "PER")]
    verb = "وفي محاولة لإظهار التأييد زار داود أوغلو موقعا"  # a verb ties too, but is no given name
    assert widened(verb, [(5, 7, "PER")], {"زار": {"O": 0.50, "B-PER": 0.50},
                                           "داود": {"B-PER": 0.50, "I-PER": 0.49}}) == [(5, 7, "PER")]
    titled = "وقال اللواء جمعان الغامدي إن الفرق"
    assert widened(titled, [(2, 4, "PER")], {"اللواء": {"O": 0.5, "B-PER": 0.49},
                                             "جمعان": {"B-PER": 0.5, "I-PER": 0.49}}) == [(2, 4, "PER")]
    rank = "وقال اللواء ركن جمعان الغامدي إن الفرق"
    assert widened(rank, [(3, 5, "PER")], {"ركن": {"O": 0.5, "B-PER": 0.49},
                                           "جمعان": {"B-PER": 0.5, "I-PER": 0.49}}) == [(3, 5, "PER")]
    father = "والد الفقيد مسفر المسيلي الحارثي وزملاؤه"
    assert widened(father, [(2, 4, "PER"), (4, 5, "PER")],
                   {"الحارثي": {"B-PER": 0.43, "I-PER": 0.36}}) == [(2, 5, "PER")]
    listed = "بندر الحمودي سليمان المانع نايف الحربي"
    assert widened(listed, [(0, 2, "PER"), (2, 4, "PER"), (4, 6, "PER")],
                   {"سليمان": {"B-PER": 0.5, "I-PER": 0.4}, "نايف": {"B-PER": 0.5, "I-PER": 0.4}}) == [
        (0, 2, "PER"), (2, 4, "PER"), (4, 6, "PER")]


def test_span_confidence_is_the_mean_probability_of_the_type_over_the_words() -> None:
    from marsad.stages.entities.neural import LABELS
    from marsad.stages.entities.stage import span_confidence

    probs = np.zeros((3, len(LABELS)), dtype=np.float32)
    probs[0, LABELS.index("B-ORG")], probs[0, 0] = 0.6, 0.4
    probs[1, LABELS.index("I-ORG")], probs[1, LABELS.index("B-ORG")] = 0.7, 0.1
    probs[1, LABELS.index("I-LOC")] = 0.2
    probs[2, 0] = 1.0
    assert span_confidence(probs, 0, 2, "ORG") == pytest.approx(0.7)  # (0.6 + 0.8) / 2
    assert span_confidence(probs, 0, 2, "LOC") == pytest.approx(0.1)
    assert span_confidence(None, 0, 2, "ORG") is None


def test_the_confidence_guard_drops_doubtful_mentions_unless_their_entity_is_sure(monkeypatch) -> None:
    from types import SimpleNamespace

    from marsad.stages.entities import EntitiesStage
    from marsad.stages.entities import stage as stage_module

    monkeypatch.setattr(stage_module, "MENTION_FLOOR", 0.5)
    monkeypatch.setattr(stage_module, "ENTITY_FLOOR", 0.7)
    names = {("زيكوف",): "PER", ("الكورنيش",): "LOC", ("بتروفسكي",): "PER", ("وبتروفسكي",): "PER"}
    # the tagger doubts الكورنيش (0.3) everywhere, and بتروفسكي in one sentence out of three
    sure = {"الكورنيش": 0.3, "وبتروفسكي": 0.3}
    articles = [_article("قال زيكوف إن الكورنيش مزدحم.", "a"), _article("وزار بتروفسكي الكورنيش.", "b"),
                _article("وصل بتروفسكي أمس.", "c"), _article("ورحب الوزير وبتروفسكي بالاتفاق.", "d")]

    def run(tagger, store=None) -> set[tuple[str, str]]:
        corpus = Corpus(articles=list(articles))
        EntitiesStage(tagger=tagger).run(corpus, SimpleNamespace(store=store) if store else None)
        return {(m.article, m.text) for m in corpus.mentions}

    guarded = run(_ScoredTagger(names, sure))
    assert ("a-1", "زيكوف") in guarded
    assert not any(text == "الكورنيش" for _, text in guarded)  # doubtful, and so is its entity (0.3)
    # a doubtful mention (0.3) of a sure entity (mean (0.95 + 0.95 + 0.3) / 3 = 0.73) stays
    assert {("b-1", "بتروفسكي"), ("c-1", "بتروفسكي"), ("d-1", "بتروفسكي")} <= guarded
    # a tagger without probabilities (the CRF) is not guarded
    assert sum(text == "الكورنيش" for _, text in run(_LabelTagger(names))) == 2
    # the confidence is cached with each mention: a run served from the store gives the same mentions
    store = _DictStore()
    assert run(_ScoredTagger(names, sure), store) == guarded and store.puts == 4
    assert run(_ScoredTagger(names, sure), store) == guarded and store.puts == 4


def test_a_vocative_joined_to_a_name_is_cut_but_a_name_that_begins_with_ya_stays() -> None:
    from marsad.stages.entities import EntitiesStage

    tagger = _LabelTagger({("حسين",): "PER", ("ياحسين",): "PER", ("ياسر",): "PER"})
    text = "وقال حسين إن الأمر انتهى.\nوأكد حسين ذلك أمس.\nوكتب الشاعر: ياحسين ضاع العمر.\nوقال ياسر إن الفريق جاهز."
    corpus = Corpus(articles=[_article(text, "a")])
    EntitiesStage(tagger=tagger).run(corpus, None)  # type: ignore[arg-type]
    found = [(m.sentence, m.text) for m in corpus.mentions]
    assert (2, "حسين") in found and not any(t == "ياحسين" for _, t in found)
    assert corpus.articles[0].text[corpus.mentions[2].start : corpus.mentions[2].end] == "حسين"
    assert (3, "ياسر") in found  # ياسر is a name, not يا + سر


def test_a_person_name_cut_after_a_linking_particle_goes_on_to_the_next_name() -> None:
    from marsad.stages.entities import EntitiesStage

    tagger = _LabelTagger({("عبد", "الله", "بن"): "PER", ("نوف", "بنت"): "PER", ("محمد", "العتيبي"): "PER",
                           ("صالح", "بن"): "PER"})
    text = ("وهنأ الأمير عبد الله بن مساعد المنتخب.\nوأكدت المديرة نوف بنت محمد العتيبي أن البرامج مستمرة.\n"
            "وقال صالح بن، في تصريح، إن العمل مستمر.")
    corpus = Corpus(articles=[_article(text, "a")])
    EntitiesStage(tagger=tagger).run(corpus, None)  # type: ignore[arg-type]
    found = [(m.sentence, m.text) for m in corpus.mentions]
    assert (0, "عبد الله بن مساعد") in found
    assert (1, "نوف بنت محمد العتيبي") in found and (1, "محمد العتيبي") not in found  # one woman, not two
    assert (2, "صالح بن") in found  # punctuation after the particle: nothing to take


def test_a_name_the_corpus_writes_only_after_one_word_is_bound_to_it_unless_the_word_stands_outside_names() -> None:
    from marsad.stages.entities import EntitiesStage

    tagger = _LabelTagger({("تنورة",): "LOC", ("أبها",): "LOC"})
    text = ("وتقع المصفاة في راس تنورة على الخليج.\nوزار الوفد راس تنورة أمس.\nوسجلت مخالفات براس تنورة أيضا.\n"
            "وأقيم الحفل في مدينة أبها.\nوتشهد مدينة أبها أمطارا.\nوعاد إلى مدينة أبها أمس.")
    corpus = Corpus(articles=[_article(text, "a")])
    EntitiesStage(tagger=tagger).run(corpus, None)  # type: ignore[arg-type]
    found = [(m.sentence, m.text, m.type) for m in corpus.mentions]
    assert [f for f in found if f[0] < 3] == [(0, "راس تنورة", "LOC"), (1, "راس تنورة", "LOC"), (2, "راس تنورة", "LOC")]
    # مدينة stands outside the names after it (ANERcorp's convention): أبها stays a place of its own
    assert [f for f in found if f[0] >= 3] == [(3, "أبها", "LOC"), (4, "أبها", "LOC"), (5, "أبها", "LOC")]


def test_a_newspaper_named_like_a_place_is_the_newspaper_where_it_is_written_as_an_outlet() -> None:
    from marsad.stages.entities import EntitiesStage

    tagger = _LabelTagger({("الشرق", "الأوسط"): "LOC", ("الرياض",): "LOC"})
    text = ("وقال المتحدث لـ«الشرق الأوسط» إن الوضع هادئ.\nوتشهد منطقة الشرق الأوسط توترا.\n"
            "وأكد الوزير لـ\"الرياض\" أن المشروع اكتمل.\nووصل الوفد إلى الرياض أمس.\nوقال لصحيفة الرياض إنه متفائل.")
    corpus = Corpus(articles=[_article(text, "a")])
    EntitiesStage(tagger=tagger).run(corpus, None)  # type: ignore[arg-type]
    found = [(m.sentence, m.text, m.type) for m in corpus.mentions]
    assert found == [(0, "الشرق الأوسط", "ORG"), (1, "الشرق الأوسط", "LOC"), (2, "الرياض", "ORG"),
                     (3, "الرياض", "LOC"), (4, "الرياض", "ORG")]
    entity_of = {(m.sentence, m.type): m.entity for m in corpus.mentions}
    assert entity_of[(0, "ORG")] != entity_of[(1, "LOC")]  # the newspaper is not the region
    assert entity_of[(2, "ORG")] == entity_of[(4, "ORG")] != entity_of[(3, "LOC")]


def test_a_person_mention_made_only_of_a_particle_is_dropped_not_continued() -> None:
    from marsad.stages.entities import EntitiesStage

    tagger = _LabelTagger({("ابن",): "PER", ("عبد", "الله", "بن"): "PER", ("أبو",): "PER",
                           ("سعيد", "أبو", "ملحة"): "PER"})
    text = ("وتوفي ابن الـ 14 عاما في الحادث.\nوقال ابن شقيقته إن الأسرة حزينة.\n"
            "وهنأ الأمير عبد الله بن مساعد المنتخب.\nوكتب سعيد أبو ملحة مقالا.\nوقال أبو ملحة إن الحدث مؤلم.")
    corpus = Corpus(articles=[_article(text, "a")])
    EntitiesStage(tagger=tagger).run(corpus, None)  # type: ignore[arg-type]
    found = [(m.sentence, m.text) for m in corpus.mentions]
    # no «ابن الـ», no «ابن شقيقته», no lone «ابن»; a lone «أبو» goes on to a name word of the corpus
    assert found == [(2, "عبد الله بن مساعد"), (3, "سعيد أبو ملحة"), (4, "أبو ملحة")]


def test_a_definite_place_adjective_opening_a_person_span_is_cut() -> None:
    from marsad.stages.entities import EntitiesStage

    tagger = _LabelTagger({("الموريتاني", "عبد", "الله", "ولد", "الداه"): "PER"})
    text = "وضمت اللجنة الباحث الموريتاني عبد الله ولد الداه والشاعرة وفاء."
    corpus = Corpus(articles=[_article(text, "a")])
    EntitiesStage(tagger=tagger).run(corpus, None)  # type: ignore[arg-type]
    assert [(m.text, m.type) for m in corpus.mentions] == [("عبد الله ولد الداه", "PER")]


def test_a_city_with_a_masculine_place_adjective_is_the_team_and_stays_apart_from_the_city() -> None:
    from marsad.stages.entities import EntitiesStage

    tagger = _LabelTagger({("روما",): "LOC", ("الجولان",): "LOC"})
    sport = "وانتقل المهاجم إلى روما الإيطالي مقابل عشرة ملايين.\nوسجل روما هدفين في المباراة."
    travel = ("وزار الوفد روما أمس.\nوتقع روما الإيطالية على نهر التيبر.\n"
              "وتحتل إسرائيل الجولان السوري منذ عقود.")
    corpus = Corpus(articles=[_article(sport, "a"), _article(travel, "b")])
    EntitiesStage(tagger=tagger).run(corpus, None)  # type: ignore[arg-type]
    found = [(m.article, m.sentence, m.text, m.type) for m in corpus.mentions]
    # the masculine adjective agrees with the team left unsaid; the feminine one with the city
    assert ("a-1", 0, "روما", "ORG") in found and ("a-1", 1, "روما", "ORG") in found
    assert ("b-1", 0, "روما", "LOC") in found and ("b-1", 1, "روما", "LOC") in found
    assert ("b-1", 2, "الجولان", "LOC") in found  # a definite place is masculine itself
    entity = {(m.article, m.sentence): m.entity for m in corpus.mentions}
    assert entity[("a-1", 0)] == entity[("a-1", 1)] != entity[("b-1", 0)]


def test_a_place_adjective_behind_a_preposition_inside_a_person_span_starts_the_next_person() -> None:
    from marsad.stages.entities import EntitiesStage

    tagger = _LabelTagger({("دروجبا", "بالكولومبي", "راداميل", "فالكاو"): "PER"})
    text = "واستبدل الفريق المهاجم دروجبا بالكولومبي راداميل فالكاو في الموسم الماضي."
    corpus = Corpus(articles=[_article(text, "a")])
    EntitiesStage(tagger=tagger).run(corpus, None)  # type: ignore[arg-type]
    assert [m.text for m in corpus.mentions] == ["دروجبا", "راداميل فالكاو"]


def test_a_conjunction_left_on_a_rare_name_is_cut_but_an_established_word_keeps_its_waw() -> None:
    from marsad.stages.entities.stage import EntitiesStage

    # the lexicon has seen ونوريتش about as often as نوريتش, and وادي far more often than a rare word
    raw = [_raw("a1", "ونوريتش سيتي", "ORG"), _raw("a1", "وادي حنيفة", "LOC")]
    cut = EntitiesStage._cut_clitics(raw)
    assert [(r.name, r.mention.text, r.mention.start) for r in cut] == [
        ("نوريتش سيتي", "نوريتش سيتي", 1), ("وادي حنيفة", "وادي حنيفة", 0)]


def test_a_word_the_lexicon_knows_only_as_a_name_is_never_dropped_as_a_common_word(caplog) -> None:
    """الطائف and المدينة are each tagged once in 25 occurrences: المدينة (its bare مدينة an everyday word)
    is a common word and loses its mention; الطائف (طائف rare in the lexicon) keeps it. The log line is a
    count and the most frequent few, not the whole list."""
    import logging

    from marsad.stages.entities import EntitiesStage

    tagger = _SentenceTagger([("وصل", {("الطائف",): "LOC"}), ("زار", {("المدينة",): "LOC"})])
    articles = [_article("وصل الوفد إلى الطائف أمس.", "a"), _article("زار الوفد المدينة أمس.", "b")]
    articles += [_article("ارتفعت الحرارة في الطائف اليوم.", f"t{i}") for i in range(24)]
    articles += [_article("تغيرت المدينة كثيرا هذا العام.", f"m{i}") for i in range(24)]
    corpus = Corpus(articles=articles)
    with caplog.at_level(logging.INFO, logger="marsad"):
        EntitiesStage(tagger=tagger).run(corpus, None)  # type: ignore[arg-type]
    found = {(m.article, m.text) for m in corpus.mentions}
    assert ("a-1", "الطائف") in found
    assert not any(text == "المدينة" for _, text in found)
    lines = [r.getMessage() for r in caplog.records if "common words dropped" in r.getMessage()]
    assert lines == ["1 common words dropped as names (tagged/occurrences), the most frequent: المدينه (1/25)"]


def test_an_event_word_takes_the_place_or_event_after_it_and_a_name_going_on_is_left_out() -> None:
    """كأس opens event names (the tagger's «كأس العالم», «كأس آسيا»), so «كأس» + the place إيطاليا is the cup
    and «كأس» + «السوبر» one name; «معرض الرياض للكتاب» goes on past the place with ل and a definite noun, so
    it is left out rather than cut to «معرض الرياض» or left as the city."""
    from marsad.stages.entities import EntitiesStage

    tagger = _LabelTagger({("كأس", "العالم"): "MISC", ("كأس", "آسيا"): "MISC", ("إيطاليا",): "LOC",
                           ("السوبر",): "MISC", ("الرياض",): "LOC"})
    text = ("وتأهل المنتخب إلى كأس العالم.\nوشارك في كأس العالم مرتين.\nوفاز في كأس آسيا.\nولعب في كأس آسيا.\n"
            "وخسر نهائي كأس إيطاليا أمس.\nوتوج بلقب كأس السوبر.\nوافتتح معرض الرياض للكتاب.\nوعاد إلى الرياض.")
    corpus = Corpus(articles=[_article(text, "a")])
    EntitiesStage(tagger=tagger).run(corpus, None)  # type: ignore[arg-type]
    found = {(m.sentence, m.text, m.type) for m in corpus.mentions}
    assert (4, "كأس إيطاليا", "MISC") in found
    assert (5, "كأس السوبر", "MISC") in found
    assert not any(m.sentence == 6 for m in corpus.mentions)
    assert (7, "الرياض", "LOC") in found
