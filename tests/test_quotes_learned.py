"""Quotes stage, learned scorer (issue 13, fifth round): candidates, decoding, the model file."""

from __future__ import annotations

from pathlib import Path

from marsad.ingest import sentences_of
from marsad.model import Article, Corpus, Quote, Speaker
from marsad.stages.quotes.extract import ArticleQuotes, RoleIndex
from marsad.stages.quotes.learned import (
    Candidate,
    Decoding,
    Scorer,
    candidate_features,
    candidates,
    decode,
    load_scorer,
    rescore,
)
from marsad.stages.quotes.stage import find_all


def finder_of(text: str) -> ArticleQuotes:
    return ArticleQuotes(Article(id="a1", text=text, path="a1.txt", sentences=sentences_of(text)), RoleIndex())


def test_a_rule_statement_comes_with_other_speakers_for_its_cue() -> None:
    # (في محاضرة is a setting the rules know since issue 13's tenth round; في جولة is not)
    text = "وقال العيسى في جولة بغرفة الرياض إن الأخطاء ليست مبررة."
    finder = finder_of(text)
    rule_quotes = finder.run()
    cands = candidates(finder, rule_quotes)
    (rule,) = [c for c in cands if c.origin == "rule" and c.speaker_from == "rule"]
    same_cue = [c for c in cands if c.group == rule.group]
    phrase = [c.quote.speaker.text for c in same_cue if c.speaker_from == "phrase"]
    assert phrase == ["العيسى"]  # the words after the cue, up to the frame في جولة
    for c in cands:
        assert text[c.quote.content_start : c.quote.content_end] == c.quote.content


def test_a_cue_the_rules_left_alone_is_a_generated_candidate_with_the_previous_speaker() -> None:
    text = "قال الوزير خالد العمري إن المشروع سيكتمل قريبا. وأضاف مشيرا إلى أهمية التعاون بين الجهات."
    finder = finder_of(text)
    rule_quotes = finder.run()
    cands = candidates(finder, rule_quotes)
    assert {c.quote.content for c in cands if c.origin == "rule"} >= {q.content for q in rule_quotes}
    for c in cands:
        if c.origin == "gen":
            assert c.group not in {r.group for r in cands if r.origin == "rule"}
            assert c.speaker_from in {"phrase", "previous"}


def _cand(origin: str, source: str, group: int, start: int) -> Candidate:
    q = Quote("q", "a1", 0, Speaker("س"), "قال", "ص", False, start, start + 5, start, start + 5)
    return Candidate(q, origin, source, group)


def test_decode_keeps_the_rule_reading_unless_another_beats_it_by_the_margin() -> None:
    cands = [_cand("rule", "rule", 0, 0), _cand("rule", "phrase", 0, 0), _cand("gen", "previous", 1, 10)]
    d = Decoding(drop=0.3, margin=0.2, new=0.6)
    assert decode(cands, [0.5, 0.65, 0.7], d) == [True, False, True]  # 0.65 < 0.5 + 0.2
    assert decode(cands, [0.5, 0.75, 0.55], d) == [False, True, False]  # swapped; gen below new
    assert decode(cands, [0.2, 0.3, 0.9], d) == [False, False, True]  # rule group dropped


def test_scorer_round_trip_and_decisions(tmp_path: Path) -> None:
    text = "وقال العيسى في محاضرة بغرفة الرياض إن الأخطاء ليست مبررة."
    finder = finder_of(text)
    rule_quotes = finder.run()
    assert rescore(finder, rule_quotes, Scorer({"bias": -6.0}, Decoding(0.5, 0.2, 0.5))) == []
    keep_all = rescore(finder, rule_quotes, Scorer({"bias": 6.0}, Decoding(0.5, 0.2, 0.5)))
    assert [q.content for q in keep_all] == [q.content for q in rule_quotes]
    prefer_phrase = Scorer({"bias": 1.0, "speaker_from=phrase": 3.0}, Decoding(0.5, 0.2, 0.5))
    (q,) = rescore(finder, rule_quotes, prefer_phrase)
    assert q.speaker.text == "العيسى"
    path = tmp_path / "scorer.json"
    path.write_text(prefer_phrase.to_json(), encoding="utf-8")
    loaded = load_scorer(str(path))
    assert loaded is not None and loaded.weights == prefer_phrase.weights and loaded.decoding == prefer_phrase.decoding
    feats = candidate_features(finder, candidates(finder, rule_quotes))
    assert all(f["bias"] == 1.0 for f in feats)


def test_learned_stage_with_the_committed_model_is_deterministic_and_keeps_offsets() -> None:
    text = (
        "أكد المتحدث الرسمي للهيئة خالد العمري أن الحادث وقع مساء أمس. وأضاف أن فرق الإسعاف باشرت الحالة، "
        'مشيرا إلى أن المصابين نقلوا إلى المستشفى. وقال مدير المستشفى: "حالتهم مستقرة".'
    )
    finder = finder_of(text)
    possible = {(c.quote.speaker.text, c.quote.content) for c in candidates(finder, finder.run())}
    runs = []
    for _ in range(2):
        art = Article(id="a1", text=text, path="a1.txt", sentences=sentences_of(text))
        found = find_all(Corpus(articles=[art]), learned=True)
        for q in found:
            assert text[q.content_start : q.content_end] == q.content
        runs.append([(q.speaker.text, q.content) for q in found])
    assert runs[0] == runs[1]
    assert runs[0] and set(runs[0]) <= possible  # at most one candidate per cue, from the candidates
    assert len({content for _, content in runs[0]}) == len(runs[0])
