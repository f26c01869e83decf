"""EntitiesStage: tag names in every article, then link them into canonical entities.

Per article: each sentence is tokenized by :func:`marsad.arabic.tokenize`, tagged by the
shipped NER model (by default the fine-tuned transformer of :mod:`.neural` mixed with the CRF of
:mod:`.ner`; ``options["ner"]`` picks another), and labels are made consistent across the article
(:mod:`.consistency`: بوتين recognised once is recognised in وبوتين and لبوتين). A mention's
span leaves out proclitics (و ف ب ل ك) but keeps the article ال, and no function word
(على، كانت، فإن) is ever a name or the edge of one. Mentions of all articles are then made
consistent across the corpus, guarded by the tagger's own share of each name's occurrences
(:meth:`EntitiesStage.corpus_consistency`), and linked (:mod:`.canonical`) into
``corpus.entities``, ordered by importance (articles, then mentions).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from operator import attrgetter

import numpy as np

from marsad.arabic import Token, normalize, tokenize
from marsad.arabic.clitics import frequency, glued_proclitic
from marsad.arabic.months import month_span, reads_as_date
from marsad.arabic.nisba import is_definite, nisba_forms, place_forms, without_article
from marsad.arabic.normalize import DIACRITICS, spelling_key
from marsad.arabic.stopwords import is_function_word
from marsad.engine.digest import source_digest
from marsad.model import Article, Corpus, Mention, Sentence
from marsad.pipeline import StageContext
from marsad.stages.entities import edges
from marsad.stages.entities.answer_state import decide_whole_corpus
from marsad.stages.entities.bind_state import BindRoles, BindState
from marsad.stages.entities.canonical import ESTABLISHED, RawMention, link, name_key, split_adjacent_names
from marsad.stages.entities.club_state import ClubState
from marsad.stages.entities.clusters import cluster_map
from marsad.stages.entities.consist_state import (
    MIN_CORPUS_VOTES,
    MIN_LETTERS,
    ConsistAnswers,
    ConsistState,
    looked_for,
    name_item,
)
from marsad.stages.entities.consistency import propagate
from marsad.stages.entities.corpus_state import CorpusWords, corpus_word_occurrences
from marsad.stages.entities.edges import (
    bind_preceding_words,
    close_particles,
    cut_vocatives,
    name_outlets,
    type_clubs,
)
from marsad.stages.entities.facility_state import (
    FacilityCandidate,
    FacilityFacts,
    FacilityState,
    FacilityTotals,
    MemoryTotals,
)
from marsad.stages.entities.gazetteer import first_word_keys, gazetteer
from marsad.stages.entities.heads import MIN_BEGINS, TYPES, WordRoles, shipped_roles, word_key
from marsad.stages.entities.ner import SentenceTagger, load_tagger, spans
from marsad.stages.entities.neural import LABELS
from marsad.stages.entities.person_state import PersonDecisions, PersonLayout, PersonRoles, PersonState
from marsad.stages.entities.profiles import profile_map
from marsad.stages.entities.span_state import MAX_ALONE_HEAD, Decisions, Layout, SpanRoles, SpanState, layout_words
from marsad.store.base import Store, annotations_of

log = logging.getLogger(__name__)

#: a definite word whose bare form the lexicon sees less than this share as often is a name, never a common
#: word: الطائف (طائف 23 against 2,041), الضالع (0); not الجيش، الشباب، المدينة, nor الملك (361 against 8,501)
NAME_BARE_SHARE = 0.03
#: common words named in the log line (the rest are counted)
COMMON_LOGGED = 8
LARGE_CORPUS = 2000  # untagged articles above which the slow transformer NER is announced on stderr
ROLE_WINDOW = 6  # tokens looked at before a person mention for a title
#: the confidence guard (:func:`confidence_guard`): a mention the tagger gives less than MENTION_FLOOR
#: is dropped unless its corpus entity's mean confidence reaches ENTITY_FLOOR (MENTION_FLOOR 0: no guard).
#: Chosen on the 888 judged dev mentions of samples 1-4 and 6 the default tagger still produces
#: (``benchmarks/entities_confidence.py``; criterion fixed before: the highest precision among the pairs
#: that drop at most 10% of the run's mentions): 0.50 and no entity rescue (ENTITY_FLOOR above every mean)
#: gave 0.857 -> 0.887 at 9.9% of the mentions; a rescue at 0.5-0.9 kept more wrong mentions than right.
MENTION_FLOOR = 0.5
ENTITY_FLOOR = 1.01
#: version of the rules that turn labels into mentions (bump it when they change: cached mentions are redone)
MENTION_RULES = 7
#: a person span is widened by a word beside it that the tagger left out by a near tie (:func:`_widen_persons`):
#: a word before the span needs P(B-PER) of OPEN_P — in the half-and-half mix, one of the two models sure of
#: it (≥ 0.94) — and the span's first word P(I-PER) of WIDEN_P; a one-word person span right after another
#: joins it with P(I-PER) of WIDEN_P
OPEN_P = 0.47
WIDEN_P = 0.3
#: the person bucket of the context profiles (``profiles.tsv.gz``) from which a word counts as a given name
GIVEN_NAME_BUCKET = 3
_NON_ARTICLE_CLITICS = ("و", "ف", "ب", "ك", "ل")  # not the future س: it is no prefix of a name (سانت)
_TITLE_LINKS = {normalize(w) for w in ("باسم", "بإسم", "لشؤون", "لشئون", "العام", "عام")}


def _keeps_letter(with_letter: str, without: str, letter: str, tail: str = "") -> bool:
    """True when a leading letter is better read as part of the name (فلاديفوستوك، بيونج يانج).
    ``tail`` is the rest of the mention (its other words), used for gazetteer look-ups."""
    names = gazetteer().names
    if (with_letter + tail) in names or with_letter in names:
        return True
    if (without + tail) in names or without in names:
        return False
    fw, fo = frequency(with_letter), frequency(without)
    if fw == fo == 0:
        return letter != "و"
    return fw >= fo


def name_start(token: Token, tail: str = "") -> int:
    """Offset where the name begins inside ``token``: after و ف ب ك ل, at the article ال
    (للرئيس keeps its لل, as the article's alef is not written). A letter the lexicon or the
    gazetteer says belongs to the name stays (فلاديفوستوك is not ف + لاديفوستوك).
    ``tail`` is the normalized rest of the mention (" يانج" for بيونج يانج)."""
    prefixes = [p for p in token.prefixes if p in _NON_ARTICLE_CLITICS]
    if not token.prefixes:
        names = gazetteer().names
        for key in first_word_keys(token.norm)[1:]:
            if (key + tail) in names and token.norm.endswith(key):
                prefixes = list(token.norm[: len(token.norm) - len(key)])
                break
    if token.prefixes[-1:] == ("ال",) and token.norm.startswith("لل"):
        if _lam_before_name(token.norm, tail):
            return _after_letters(token, 1)
        return token.start
    if not prefixes:
        return token.start
    kept: list[str] = []
    rest = token.norm
    for p in prefixes:
        if rest.startswith("ال") or _keeps_letter(rest, rest[len(p) :], p, tail):
            break
        kept.append(p)
        rest = rest[len(p) :]
    if not kept:
        return token.start
    return _after_letters(token, len(token.norm) - len(rest))


def _after_letters(token: Token, n: int) -> int:
    """Offset in the text after the first ``n`` letters of ``token``'s normalized form (marks skipped)."""
    want = token.norm[n:]
    surface = token.text
    for k in range(1, len(surface)):
        if normalize(surface[k:]) == want:
            return token.start + k
    return token.start


def _lam_before_name(norm: str, tail: str = "") -> bool:
    """True when a word written لل… is the preposition ل before a name that itself begins with ل
    (لليبيا = ل + ليبيا، للبنان = ل + لبنان) rather than ل before the article (للرئيس = ل + الرئيس):
    the gazetteer knows the name, or the lexicon knows it better than the word with the article."""
    names = gazetteer().names
    with_lam, with_article = norm[1:], "ال" + norm[2:]
    if (with_lam + tail) in names or with_lam in names:
        return True
    if (with_article + tail) in names or with_article in names:
        return False
    return frequency(with_lam) > frequency(with_article)


def _plain_name_word(tokens: list[Token], i: int, definite: bool = False) -> bool:
    """Token ``i`` may be a word of a person's name: a word with no proclitic (but the article when
    ``definite``; no و ف ب ك ل glued on either, :func:`_glued_letter`), neither a function word nor a title
    nor a place adjective."""
    tok = tokens[i]
    if (not tok.is_word or tok.prefixes not in ((), ("ال",) if definite else ()) or _glued_letter(tok)
            or is_function_word(tok.text) or _place_adjective(tok)):
        return False
    titles = gazetteer().titles
    return tok.norm not in titles and tok.base not in titles and ("ال" + tok.base) not in titles


def _given_name(token: Token) -> bool:
    """A word the corpus uses as a given name: the gazetteer lists it among common name parts (علي، محمود),
    or at least 8% of its SaudiNewsNet occurrences follow a person cue — a title, a speech verb, بن —
    (the context profile's person bucket ≥ :data:`GIVEN_NAME_BUCKET`: عبدربه، صفية، مشعل; not the verbs
    زار، أبان، تندر nor the nouns نبينا، بيتا، سمات)."""
    if len(token.norm) < MIN_LETTERS:
        return False
    if token.norm in gazetteer().name_parts:
        return True
    return int(profile_map().get(token.norm, ("0",))[0]) >= GIVEN_NAME_BUCKET


def _widen_persons(text: str, tokens: list[Token], found: list[tuple[int, int, str]], probs: np.ndarray | None
                   ) -> list[tuple[int, int, str]]:
    """Person spans made whole where the tagger's own probabilities say the name goes on and the Viterbi
    pass cut it by a near tie. A bare word right before a person span opens it when its P(B-PER) reaches
    :data:`OPEN_P`, the span's first word's P(I-PER) reaches :data:`WIDEN_P`, and the word is no common
    noun (the lexicon sees it rarely with the article): «علي» [عبدالله الغامدي], O 0.50 against B-PER 0.49
    (a verb such as «أوضح» at 0.46 or a rank such as «متدرب» at 0.33 stays out), and the corpus uses the word
    as a given name (:func:`_given_name`: «زار» [داود أوغلو] ties at 0.50 too); no span with a glued
    preposition inside is widened. A one-word person span
    right after a longer one closes it when its P(I-PER) reaches :data:`WIDEN_P` («مسفر المسيلي»
    [الحارثي]: B-PER 0.43, I-PER 0.36, a family name); two full names side by side in a list, or «ووصف
    ترامب اريكسون», stay two. Only spaces may stand between the words (``text`` is what the tokens'
    offsets index)."""
    if probs is None or not found:
        return found
    b_per, i_per = LABELS.index("B-PER"), LABELS.index("I-PER")

    def spaced(i: int) -> bool:  # only spaces between tokens i and i + 1
        return text[tokens[i].end : tokens[i + 1].start].isspace()

    covered = {i for a, b, _ in found for i in range(a, b)}
    result: list[tuple[int, int, str]] = []
    for a, b, type_ in sorted(found):
        if type_ == "PER":
            if (result and result[-1][2] == "PER" and result[-1][1] == a and b == a + 1
                    and result[-1][1] - result[-1][0] >= 2
                    and probs[a, i_per] >= WIDEN_P and spaced(a - 1) and _plain_name_word(tokens, a, definite=True)):
                a = result.pop()[0]
            elif (a > 0 and a - 1 not in covered and _plain_name_word(tokens, a - 1)
                    and _given_name(tokens[a - 1]) and not _common_noun(word_key(tokens[a - 1]))
                    and not any(_glued_letter(tokens[i]) for i in range(a, b))
                    and probs[a - 1, b_per] >= OPEN_P and probs[a, i_per] >= WIDEN_P and spaced(a - 1)):
                covered.add(a - 1)
                a -= 1
        result.append((a, b, type_))
    return result


def _own_words(a: int, b: int, tagged: set[int]) -> tuple[int, int]:
    """The part of span ``a:b`` the tagger tagged itself (a widened span's confidence is read there)."""
    own = [i for i in range(a, b) if i in tagged]
    return (own[0], own[-1] + 1) if own else (a, b)


def _split_person_pairs(tokens: list[Token], found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Cut a person span at an inner word that starts with the conjunction و: «بين بوتين وكيم» names
    two people, not one (the tokenizer separates و only where the rest is the likelier word); so does an
    inner place adjective behind a preposition, which introduces the next person («دروجبا بالكولومبي
    فالكاو», «غروس لليوناني إيوانيس»; the adjective is then cut from the second by :func:`_trim_titles`)."""
    result = []
    for a, b, type_ in found:
        start = a
        if type_ == "PER":
            for k in range(a + 1, b):
                if tokens[k].prefixes[:1] == ("و",) or (
                        any(p != "ال" for p in tokens[k].prefixes) and _definite(tokens[k])
                        and _place_adjective(tokens[k])):
                    result.append((start, k, type_))
                    start = k
        result.append((start, b, type_))
    return result


def _is_nisba(token: Token) -> bool:
    """True for a relational adjective of a known place (كوري، روسي، لبناني، the indefinite
    سعودية، أمريكية), which names no place: «رائد فضاء كوري شمالي» mentions no location. A definite
    feminine one (السعودية) is a place or an adjective by its position: :func:`_adjective_of_place`."""
    base = token.base or token.norm
    word = without_article(base)
    names = gazetteer().names
    if token.norm in names or base in names or word in names:
        return False  # a place whose own name ends in ي (دبي، هلسنكي)
    if not word.endswith("ي") and (is_definite(base) or "ال" in token.prefixes):
        return False
    return any(names.get(k, ("",))[0] == "LOC" for k in place_forms(word))


def _adjective_of_place(tokens: list[Token], i: int) -> bool:
    """True when token ``i`` is a definite nisba of a known place right after a definite word, i.e.
    an adjective agreeing with that noun: «السلطات السعودية»، «القوات الأمريكية» name no place (ANERcorp
    labels them O), while «زار السعودية» and «المملكة العربية السعودية» (a name of the gazetteer) do."""
    tok = tokens[i]
    if i == 0 or any(p != "ال" for p in tok.prefixes):
        return False  # after و/ف/ب/ل/ك the word is no adjective of the noun before (الأردن والسعودية)
    word = "ال" + tok.base if "ال" in tok.prefixes else tok.norm
    if not is_definite(word):
        return False
    names = gazetteer().names
    if not any(names.get(k, ("",))[0] == "LOC" for k in place_forms(word)):
        return False
    prev = tokens[i - 1]
    if not prev.is_word or is_function_word(prev.text) or not _definite(prev):
        return False
    titles = gazetteer().titles
    if (prev.base in titles or prev.norm in titles) and not prev.norm.endswith("ه"):
        return False  # a man's title agrees with the masculine السعودي: «زار الرئيس السعودية» names the place
    # a longer gazetteer name ending here (المملكة العربية السعودية، الإمارات العربية المتحدة) is a place
    for k in range(max(0, i - 3), i):
        heads = first_word_keys(tokens[k].norm)
        tail = " ".join(t.norm for t in tokens[k + 1 : i + 1])
        if any(f"{head} {tail}" in names for head in heads):
            return False
    return True


def _is_month(tokens: list[Token], a: int, b: int) -> bool:
    """True when the span ``a:b`` is a month name standing in a date (في 13 نيسان، أبريل (نيسان)
    الماضي): a date, no name, whatever the tagger or the gazetteer (نيسان the car maker) says."""
    words = [tokens[a].base or tokens[a].norm, *(t.norm for t in tokens[a + 1 : b])]
    if not month_span(words):
        return False
    norms = [t.norm for t in tokens]
    norms[a] = words[0]
    return reads_as_date(norms, a, b)


def _no_name(tokens: list[Token], a: int, b: int, type_: str) -> bool:
    """True when the words ``a:b`` the tagger (or corpus consistency) calls a ``type_`` name are a
    relational adjective (كوري، السلطات السعودية) or a month in a date (في 13 نيسان)."""
    if type_ == "LOC" and b == a + 1 and (_is_nisba(tokens[a]) or _adjective_of_place(tokens, a)):
        return True
    return _is_month(tokens, a, b)


def _join_hyphens(tokens: list[Token], found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Extend spans over hyphenated name parts written without spaces (كيم جونغ-أون)."""
    result = []
    for a, b, type_ in found:
        while (
            b + 1 < len(tokens)
            and tokens[b].text in "-‐‑"
            and tokens[b].start == tokens[b - 1].end
            and tokens[b + 1].start == tokens[b].end
            and tokens[b + 1].is_word
        ):
            b += 2
        if result and a < result[-1][1]:
            continue
        result.append((a, b, type_))
    return result


def _definite(token: Token) -> bool:
    return "ال" in token.prefixes or token.norm.startswith("ال")


def _title_phrase(phrase: list[Token]) -> bool:
    """True when ``phrase`` (a title word and what follows it up to the name) reads as one title:
    words only, and once a definite word has come (وزير الدفاع، الزعيم الكوري) no indefinite noun
    follows but باسم (المتحدث باسم الكرملين): «الزعيم الكوري الشمالي سيارة بوتين» is no title of بوتين."""
    if not all(t.is_word for t in phrase):
        return False
    seen_definite = False
    for tok in phrase:
        if _definite(tok):
            seen_definite = True
        elif seen_definite and tok.norm not in _TITLE_LINKS:
            return False
    return True


def _role(tokens: list[Token], first: int) -> str | None:
    """The title phrase right before token ``first`` (وزير الدفاع الروسي، المتحدث باسم الكرملين)."""
    titles = gazetteer().titles
    lo = max(0, first - ROLE_WINDOW)
    window = tokens[lo:first]
    while window and not window[-1].is_word and window[-1].text in "،,:-–":
        window = window[:-1]
    for i, tok in enumerate(window):
        if tok.base in titles or tok.norm in titles:
            phrase = window[i:]
            if _title_phrase(phrase):
                text = " ".join(t.text for t in phrase)
                if phrase[0].prefixes and phrase[0].prefixes[0] in ("و", "ف"):
                    text = text[1:]
                return text
    return None


def _cache_key(tagger: SentenceTagger) -> str:
    """What cached mentions were made with: the tagger's model and the mention rules."""
    # a tagger that gives its label probabilities (the default one) caches each mention's confidence too;
    # the CRF's cached mentions stay valid
    return f"{tagger.version}/rules-{MENTION_RULES}" + ("/confidence" if hasattr(tagger, "scored_many") else "")


def _to_cache(found: list[RawMention]) -> list[list]:
    return [[r.mention.sentence, r.mention.start, r.mention.end, r.mention.type, r.name, r.role, r.tagged,
             r.confidence] for r in found]


def _from_cache(article: Article, rows: list[list]) -> list[RawMention]:
    result = []
    for sentence, start, end, type_, name, role, tagged, *confidence in rows:
        mention = Mention(article.id, sentence, start, end, article.text[start:end], type_)
        result.append(RawMention(mention, name, article.outlet, role, tagged,
                                 confidence=confidence[0] if confidence else None))
    return result


def span_confidence(probs: np.ndarray | None, a: int, b: int, type_: str) -> float | None:
    """The tagger's probability that words ``a:b`` are a ``type_`` name: the mean over the words of
    P(B-type) + P(I-type) (``probs`` as ``scored_many`` gives them), rounded to 3 places so that
    cached and fresh mentions agree; None without probabilities."""
    if probs is None or b <= a or b > len(probs):
        return None
    first, inside = LABELS.index("B-" + type_), LABELS.index("I-" + type_)
    return round(float(np.mean(probs[a:b, first] + probs[a:b, inside])), 3)


def _completes(key: tuple[str, ...]) -> bool:
    """True when ``key``, a name the tagger tagged whole at least twice, may replace the shorter mentions
    the tagger found inside it at its other occurrences, however rarely it was tagged whole: it has
    several words and does not open with a title (الملك سلمان names سلمان; قناة السويس is not السويس)."""
    if len(key) < 2:
        return False
    first = normalize(key[0])
    titles = gazetteer().titles
    return first not in titles and ("ال" + first) not in titles


def _trim_function_words(tokens: list[Token], a: int, b: int) -> tuple[int, int]:
    """Span ``a:b`` without function words at its edges (a name neither begins nor ends with على، كانت)."""
    while a < b and is_function_word(tokens[a].text):
        a += 1
    while b > a and is_function_word(tokens[b - 1].text):
        b -= 1
    return a, b


def _place_adjective(token: Token) -> bool:
    """True for a nisba adjective of a known place, definite or not (الأمريكي، السوري، روسي)."""
    names = gazetteer().names
    word = "ال" + token.base if "ال" in token.prefixes else token.norm
    return word not in names and any(names.get(k, ("",))[0] == "LOC" for k in place_forms(word))


def _trim_titles(tokens: list[Token], a: int, b: int) -> int:
    """First word of a person span ``a:b`` after the title phrase that opens it: «الملك سلمان» names
    سلمان, «الرئيس السوري بشار الأسد» names بشار الأسد (ANERcorp leaves titles outside the name: الملك,
    الرئيس, الشيخ before a name are O in its train file). Title words (the gazetteer's, but not the
    religious ones: ANERcorp tags البابا a person; only with the article, as رائد، أمير، سيد are also given
    names) and place adjectives after them are cut while a word is left; so is a definite place adjective
    that opens the span with no title before it («الموريتاني عبد الله ولد الداه» names عبد الله ولد الداه)."""
    titles = gazetteer().titles
    start = a
    while start < b - 1:
        tok = tokens[start]
        # only a definite title: رائد، أمير، سيد are also given names (ورائد الغامدي، سيد قطب)
        kind = titles.get(tok.norm if tok.norm.startswith("ال") else "ال" + tok.base) if _definite(tok) else None
        # a place adjective after a title, or opening the span with the article: a definite nisba before a
        # name is an epithet in apposition («الموريتاني عبد الله ولد الداه»), no part of the name
        if not ((kind and kind != "religious") or ((start > a or _definite(tok)) and _place_adjective(tok))):
            break
        start += 1
    return start


def name_words(name: str) -> tuple[str, ...]:
    """The words of a mention's name (proclitics already off) as spelling keys: the key names are
    matched on across articles."""
    return tuple(spelling_key(name).split())


def _lam_article(text: str) -> str:
    """A name as written after ل with the article (للأمم → الأمم): the alef comes back."""
    return "ا" + text[1:] if normalize(text[:2]) == "لل" else text


_MARKS_RE = re.compile(f"[{DIACRITICS}]")


def _sense_evidence(canonical: str) -> set[str]:
    """Normalized words and phrases whose presence in an article points at the referent ``canonical``:
    its other gazetteer forms (سلطنة عمان), for a city its country and the country's adjective
    (الأردن، الأردنية), for any other place its own adjective (العماني)."""
    gaz = gazetteer()
    evidence = set(gaz.forms_of(canonical))
    country = gaz.countries.get(canonical)
    places = gaz.forms_of(country) if country else gaz.forms_of(canonical)
    evidence.update(places)
    for place in places:
        evidence.update(nisba_forms(place))
    return evidence


def resolve_senses(articles: list[Article], raw: list[RawMention]) -> None:
    """Choose the referent of each mention whose spelling the gazetteer gives several (عمان: the
    country or عمّان the city), per article: a written mark that only one form has (the shadda of
    عمّان), else the referent with strictly more evidence in the article (:func:`_sense_evidence`,
    evidence both share not counted). Without either, ``sense`` stays None and the mention is linked
    to neither referent."""
    gaz = gazetteer()
    words_of: dict[str, tuple[set[str], str]] = {}
    by_id = {a.id: a for a in articles}
    for r in raw:
        senses = gaz.ambiguous(normalize(r.name))
        if not senses:
            continue
        if _MARKS_RE.search(r.name) and r.name in gaz.spellings:
            r.sense = gaz.spellings[r.name]
            continue
        article = by_id.get(r.mention.article)
        if article is None:
            continue
        if article.id not in words_of:
            norms = [t.norm for t in tokenize(article.text) if t.is_word]
            keys = {k for n in norms for k in first_word_keys(n)}
            words_of[article.id] = (keys, " " + " ".join(norms) + " ")
        keys, joined = words_of[article.id]
        evidence = {c: _sense_evidence(c) - {normalize(r.name)} for _, c in senses}
        shared = set.intersection(*evidence.values())
        counts = {c: sum(1 for e in ev - shared if (e in keys if " " not in e else f" {e} " in joined))
                  for c, ev in evidence.items()}
        best = max(counts.values())
        winners = [c for c, n in counts.items() if n == best]
        if best > 0 and len(winners) == 1:
            r.sense = winners[0]


_START, _END = attrgetter("start"), attrgetter("end")


def _token_range(tokens: list[Token], start: int, end: int) -> tuple[int, int] | None:
    """Indices ``(first, stop)`` of the tokens a span ``start:end`` of the text touches (``tokens`` are a
    tokenization's, in text order without overlaps, so both their starts and ends increase: bisected)."""
    first = bisect_right(tokens, start, key=_END)  # the first token ending after start
    stop = bisect_left(tokens, end, key=_START)  # the first token starting at or after end
    return (first, stop) if first < stop else None


def _open_word_start(token: Token, roles: WordRoles | SpanRoles | BindRoles, start: int) -> int:
    """Where a name opened by ``token`` begins: after a leading و ف ب ك ل the tokenizer left on (بجامعة)
    when the rest of the word opens more names than the whole, else at ``start``."""
    norm = token.norm
    if (not token.prefixes and len(norm) > 3 and norm[0] in _NON_ARTICLE_CLITICS
            and roles.opens_more_without_letter(norm)):
        return _after_letters(token, 1)
    return start


#: while :meth:`EntitiesStage.corpus_rules` runs: the tokens of every sentence a corpus pass tokenized, by
#: (article id, sentence index), so the passes after it do not tokenize it again (None: no memo)
_SENTENCE_TOKENS: dict[tuple[str, int], tuple[Token, ...]] | None = None


def sentence_tokens(article: Article, sentence: Sentence) -> list[Token]:
    """``tokenize(sentence.text, sentence.start)``, once per sentence while the corpus rules run."""
    memo = _SENTENCE_TOKENS
    if memo is None:
        return tokenize(sentence.text, sentence.start)
    key = (article.id, sentence.i)
    tokens = memo.get(key)
    if tokens is None:
        tokens = memo[key] = tuple(tokenize(sentence.text, sentence.start))
    return list(tokens)


def span_layout(article: Article, mentions: list[RawMention]) -> Layout:
    """How :func:`complete_spans` lays an article out: each sentence holding mentions (in article order) as
    (its tokens, their word keys, its mentions that touch a token as (index among ``mentions``, first, stop),
    by start), and the indices of the mentions no token holds."""
    by_sentence: dict[int, list[int]] = defaultdict(list)
    for k, r in enumerate(mentions):
        by_sentence[r.mention.sentence].append(k)
    sentences, unplaced = [], []
    for sentence in article.sentences:
        group = by_sentence.get(sentence.i)
        if not group:
            continue
        tokens = sentence_tokens(article, sentence)
        keys = [word_key(t) if t.is_word else t.norm for t in tokens]
        placed = []
        for k in sorted(group, key=lambda k: mentions[k].mention.start):
            where = _token_range(tokens, mentions[k].mention.start, mentions[k].mention.end)
            if where is None:
                unplaced.append(k)
            else:
                placed.append((k, *where))
        sentences.append((tokens, keys, placed))
    return sentences, sorted(unplaced)


def span_counts(mentions: list[RawMention], layout: Layout) -> Counter[str]:
    """An article's part of the corpus word roles :func:`complete_spans` reads (:meth:`.heads.WordRoles.
    count_sentence` over its tagged mentions, one-word names not counted as ends): ``b\tWORD\tTYPE`` opens a
    name of 2+ words, ``o\tWORD`` stands right before a name, ``e\tWORD`` closes a name of 2+ words,
    ``a\tWORD`` is a one-word name."""
    counts: Counter[str] = Counter()
    for _, keys, placed in layout[0]:
        for k, a, b in placed:
            r = mentions[k]
            if not r.tagged:
                continue
            if b - a >= 2:
                counts[f"b\t{keys[a]}\t{r.mention.type}"] += 1
                counts[f"e\t{keys[b - 1]}"] += 1
            else:
                counts[f"a\t{keys[a]}"] += 1
            if a > 0:
                counts[f"o\t{keys[a - 1]}"] += 1
    return counts


def span_decisions(article: Article, mentions: list[RawMention], layout: Layout, roles: SpanRoles) -> Decisions:
    """The decisions of :func:`complete_spans` in one article, given the corpus's word roles: ``"e"``, the
    mentions it changes, each ``[parts, kind, start, end, type, role]`` (``parts``: indices among ``mentions``;
    kind ``"n"`` one new mention over them, ``"p"`` the parts as they are, ``"d"`` dropped); ``"u"``, the
    mentions no token holds. A mention in neither stays as it is."""
    entries: list[list] = []
    for tokens, keys, placed in layout[0]:
        k, last_stop = 0, 0
        while k < len(placed):
            i, a, b = placed[k]
            r = mentions[i]
            parts = [i]
            type_ = r.mention.type
            # an open last word followed right away by the next mention: one name
            while (k + 1 < len(placed) and roles.is_open(keys[b - 1]) and placed[k + 1][1] == b
                   and mentions[placed[k + 1][0]].mention.start == tokens[b].start
                   and article.text[mentions[parts[-1]].mention.end : tokens[b].start].isspace()
                   and (type_ == "PER") == (mentions[placed[k + 1][0]].mention.type == "PER")
                   and (type_ == "PER" or not _definite(tokens[b - 1]))):
                nxt, _, b = placed[k + 1]
                parts.append(nxt)
                type_ = roles.head_type(keys[a]) or type_
                k += 1
            start = r.mention.start
            extended_to = 0
            if len(parts) > 1:
                start = _open_word_start(tokens[a], roles, start)
            # a head right before the name belongs to it; an organization word takes a place in
            # (نادي نجران is the club, not the place); an event word takes a place or another event in (كأس
            # إيطاليا، كأس السوبر: the cups)
            whole_type = (roles.takes_place_in(keys[a - 1])
                          if a > 0 and type_ in ("LOC", "MISC") and roles.seldom_alone(keys[a - 1]) else None)
            if whole_type == "ORG" and type_ != "LOC":
                whole_type = None
            if whole_type == "MISC" and type_ == "LOC" and roles.opens_places(keys[a - 1]):
                whole_type = None  # the word opens place names too: «راس» تنورة is a place
            took_in = False
            if (a > 0 and start == tokens[a].start and tokens[a - 1].is_word
                    and not is_function_word(tokens[a - 1].text)
                    and article.text[tokens[a - 1].end : start].isspace()
                    and ((roles.is_head(keys[a - 1]) and roles.head_type(keys[a - 1]) == type_) or whole_type)
                    and not _definite(tokens[a - 1])
                    and last_stop <= a - 1):
                tail = "".join(" " + t.norm for t in tokens[a:b] if t.is_word)
                type_ = whole_type or type_
                took_in = bool(whole_type)
                a -= 1
                start = _open_word_start(tokens[a], roles, name_start(tokens[a], tail))
                # the relational adjective of the organization closes its name (مصرف ليبيا المركزي, نادي جدة
                # الأدبي); a place adjective (نادي برشلونة الإسباني) says where it is and stays out
                nxt_a = placed[k + 1][1] if k + 1 < len(placed) else len(tokens)
                if (whole_type and b < nxt_a and _facility_adjective(tokens[b]) and not _place_adjective(tokens[b])
                        and article.text[tokens[b - 1].end : tokens[b].start].isspace()):
                    b += 1
                    extended_to = tokens[b - 1].end
            k += 1
            last_stop = b
            if (took_in and b < len(tokens) and tokens[b].prefixes[:2] == ("ل", "ال")
                    and article.text[tokens[b - 1].end : tokens[b].start].isspace()):
                entries.append([parts, "d", 0, 0, "", None])
                continue  # the name goes on past the place (مركز القاهرة للدراسات …): left out, not cut
            if (b - a == 1 and type_ != "PER" and roles.is_open(keys[a]) and not _definite(tokens[a])
                    and shipped_roles().n_begins(keys[a]) >= MIN_BEGINS):
                entries.append([parts, "d", 0, 0, "", None])
                continue  # a lone open word (جامعة، منظمة; not الاتحاد, a short form): no whole name
            end = max(mentions[parts[-1]].mention.end, extended_to)
            if len(parts) == 1 and (start, end, type_) == (r.mention.start, r.mention.end, r.mention.type):
                continue
            if _no_name(tokens, a, b, type_):
                entries.append([parts, "p", 0, 0, "", None])
                continue
            entries.append([parts, "n", start, end, type_, _role(tokens, a) if type_ == "PER" else None])
    return {"e": entries, "u": layout[1]}


def _mentions_by_article(articles: Iterable[Article], raw: Iterable[RawMention]
                         ) -> tuple[defaultdict[str, list[RawMention]], dict[str, Article]]:
    """The mentions of each article (by id, in the order given) and each article once by id, in corpus
    order (an article read twice — a repeated record — is walked once): what the corpus passes walk."""
    mentions: defaultdict[str, list[RawMention]] = defaultdict(list)
    for r in raw:
        mentions[r.mention.article].append(r)
    walked: dict[str, Article] = {}
    for article in articles:
        walked.setdefault(article.id, article)
    return mentions, walked


def complete_spans(articles: list[Article], raw: list[RawMention], state: SpanState | None = None
                   ) -> list[RawMention]:
    """Mentions made whole by the roles words play around names (:mod:`.heads`: ANERcorp train plus the
    tagger's own mentions in this corpus). Per sentence, left to right:

    - a mention that ends with an **open** word (one that begins many names and almost never ends one:
      جامعة، منظمة) and is followed right away by another mention becomes one mention with it
      («جامعة» «كوريا» → جامعة كوريا), typed by that word's names when one type dominates them;
    - a mention right after a **head** (a word that, before a name, is nearly always part of it: جامعة، حزب،
      بطولة) takes it in (the tagger's «حزب» + «العمال» → حزب العمال);
    - a mention that is a lone indefinite open word names nothing whole (a lone «منظمة» before «أوبك» in
      quotes, «جامعة» before an adjective) and is dropped when ANERcorp alone shows the word opening at
      least :data:`~.heads.MIN_BEGINS` names (a common noun, not a short form as بايرن); a definite one
      (الاتحاد) may be a short form.

    Guards: a person name joins only person names; outside persons, the word that opens the longer name is
    indefinite (an Arabic construct state, جامعة X, takes no article on its first term: «المملكة مصر» is
    two names) and a head must open names of the mention's own type.

    The corpus word roles are the sum of each article's :func:`span_counts`, and each article's decisions
    (:func:`span_decisions`) read a few answers about a few words from them; with a ``state``
    (:class:`~.span_state.SpanState`) counts, decisions and the answers they read are kept in the store, and
    only the articles that changed or read an answer that changed are read again."""
    mentions, walked = _mentions_by_article(articles, raw)
    if state is None:
        found = decide_whole_corpus(walked, mentions, span_layout, span_counts, span_decisions, SpanRoles)
    else:
        found = state.sync(walked, mentions, span_layout, span_counts, span_decisions, layout_words)
    result: list[RawMention] = []
    done: set[int] = set()
    for i, article in walked.items():
        group = mentions.get(i)
        if not group:
            continue
        decisions = found.get(i) or {"e": [], "u": []}
        entries = {e[0][0]: e for e in decisions["e"]}
        unplaced = set(decisions["u"])
        where = {s.i: n for n, s in enumerate(article.sentences)}
        order = sorted((k for k, r in enumerate(group) if r.mention.sentence in where and k not in unplaced),
                       key=lambda k: (where[group[k].mention.sentence], group[k].mention.start, k))
        inside: set[int] = set()
        for k in order:
            r = group[k]
            done.add(id(r))
            if k in inside:
                continue
            entry = entries.get(k)
            if entry is None:
                result.append(r)
                continue
            parts, kind, start, end, type_, role = entry
            inside.update(parts[1:])
            if kind == "p":
                result.extend(group[p] for p in parts)
            elif kind == "n":
                m = r.mention
                text = article.text[start:end]
                mention = Mention(m.article, m.sentence, start, end, text, type_)  # type: ignore[arg-type]
                result.append(RawMention(mention, _lam_article(text), r.outlet, role,
                                         any(group[p].tagged for p in parts), r.sense))
    result.extend(r for r in raw if id(r) not in done)
    return result


#: words a person mention may grow by on each side
NAME_WORD_REACH = 2


def _bare_word(token: Token) -> bool:
    """A word with no proclitic but the article (علي، الساعدي; not وعلي, a second name after «and»)."""
    return token.is_word and all(p == "ال" for p in token.prefixes)


def person_layout(article: Article, mentions: list[RawMention]) -> PersonLayout:
    """How :func:`continue_person_names` lays an article out: each sentence holding a person mention (a
    sentence without one neither counts words inside person names nor completes one), as (its tokens, its
    mentions that touch a token as (index among ``mentions``, first, stop), in the order the pass got them)."""
    by_sentence: dict[int, list[int]] = defaultdict(list)
    for k, r in enumerate(mentions):
        by_sentence[r.mention.sentence].append(k)
    layout = []
    for sentence in article.sentences:
        group = by_sentence.get(sentence.i)
        if not group or not any(mentions[k].mention.type == "PER" for k in group):
            continue
        tokens = sentence_tokens(article, sentence)
        placed = []
        for k in group:
            where = _token_range(tokens, mentions[k].mention.start, mentions[k].mention.end)
            if where is not None:
                placed.append((k, *where))
        layout.append((tokens, placed))
    return layout


def person_counts(mentions: list[RawMention], layout: PersonLayout) -> Counter[str]:
    """An article's words inside the person names the tagger tagged (spelling keys, counted)."""
    counts: Counter[str] = Counter()
    for tokens, placed in layout:
        for k, a, b in placed:
            r = mentions[k]
            if r.mention.type == "PER" and r.tagged:
                counts.update(spelling_key(t.text) for t in tokens[a:b] if t.is_word)
    return counts


def person_words(layout: PersonLayout) -> set[str]:
    """The words :func:`person_decisions` may ask about over ``layout`` (for one fetch)."""
    words: set[str] = set()
    for tokens, placed in layout:
        for _, a, b in placed:
            words.update(spelling_key(t.text) for t in tokens[max(a - NAME_WORD_REACH, 0) : b + NAME_WORD_REACH])
    return words


def person_decisions(article: Article, mentions: list[RawMention], layout: PersonLayout, roles: PersonRoles
                     ) -> PersonDecisions:
    """The decisions of :func:`continue_person_names` in one article, given the corpus's answers: ``"r"``, the
    mentions it replaces, each ``[index, start, end, role, keeps its role]``, and ``"d"``, the indices of those
    it drops (joined to the mention before them)."""
    titles = gazetteer().titles

    def name_word(tok: Token) -> bool:
        return (roles.name_word(spelling_key(tok.text)) and _bare_word(tok)
                and not is_function_word(tok.text) and tok.norm not in titles
                and ("ال" + (tok.base or tok.norm)) not in titles and not _place_adjective(tok))

    def given_name(tok: Token) -> bool:
        return name_word(tok) and roles.given_name(spelling_key(tok.text))

    replaced: list[list] = []
    dropped: list[int] = []
    for tokens, placed in layout:
        taken = {i for _, a, b in placed for i in range(a, b)}
        # a lone given name right before another person mention is its first name (عبدربه + منصور هادي)
        joined: list[tuple[int, int, int, int | None]] = []
        for k, a, b in placed:
            r = mentions[k]
            prev = joined[-1] if joined else None
            if (prev is not None and mentions[prev[0]].mention.type == r.mention.type == "PER" and prev[2] == a
                    and prev[2] - prev[1] == 1 and given_name(tokens[prev[1]]) and _bare_word(tokens[a])
                    and r.mention.start == tokens[a].start
                    and article.text[mentions[prev[0]].mention.end : r.mention.start].isspace()):
                dropped.append(k)
                joined[-1] = (prev[0], prev[1], b, k)
                continue
            joined.append((k, a, b, None))
        for k, a, b, second in joined:
            r = mentions[k]
            if r.mention.type != "PER":
                continue
            a0, b0 = a, b
            while (a0 > 0 and a - a0 < NAME_WORD_REACH and a0 - 1 not in taken and name_word(tokens[a0 - 1])
                   and article.text[tokens[a0 - 1].end : tokens[a0].start].isspace()
                   and r.mention.start == tokens[a].start):
                a0 -= 1
            while (b0 < len(tokens) and b0 - b < NAME_WORD_REACH and b0 not in taken and name_word(tokens[b0])
                   and article.text[tokens[b0 - 1].end : tokens[b0].start].isspace()):
                b0 += 1
            if (a0, b0) == (a, b) and second is None:
                continue
            taken.update(range(a0, b0))
            start = tokens[a0].start if a0 < a else r.mention.start
            end = tokens[b0 - 1].end if b0 > b else mentions[k if second is None else second].mention.end
            replaced.append([k, start, end, _role(tokens, a0) if a0 < a else None, not a0 < a])
    return {"r": replaced, "d": dropped}


def person_name_bounds(raw: list[RawMention]) -> tuple[Counter[str], Counter[str]]:
    """How many tagged person names of several words each word opens, and closes (spelling keys)."""
    begins: Counter[str] = Counter()
    ends: Counter[str] = Counter()
    for r in raw:
        words = spelling_key(r.mention.text).split()
        if r.mention.type == "PER" and r.tagged and len(words) >= 2:
            begins[words[0]] += 1
            ends[words[-1]] += 1
    return begins, ends


def continue_person_names(articles: list[Article], raw: list[RawMention],
                          occurrences_of: Callable[[list[Article], set[str]], Mapping[str, int]]
                          = corpus_word_occurrences, state: PersonState | None = None) -> list[RawMention]:
    """Person mentions made whole by the words the corpus itself uses as person names: a bare word right
    before or after a person mention (nothing but a space between), in no other mention, neither a
    function word nor a title, joins it when at least :data:`~.person_state.NAME_WORD_SHARE` of the word's
    occurrences in the corpus (at least :data:`~.person_state.NAME_WORD_MIN`) lie inside person names the
    tagger tagged: علي of «علي عبدالله صالح» where the tagger took only عبدالله صالح, ويذرسبون after «ريس».
    Words are matched on spelling keys, so the preposition على never counts as the name علي. A word used as a
    common word as often as a name (صالح "fit", سعيد "happy") stays out. ``occurrences_of(articles, words)``
    counts the words in the corpus (:func:`~.corpus_state.corpus_word_occurrences`, the definition).

    The counts of words inside person names are the sum of each article's :func:`person_counts`, and each
    article's decisions (:func:`person_decisions`) read two answers about a few words; with a ``state``
    (:class:`~.person_state.PersonState`) counts, decisions and answers are kept in the store (the corpus word
    counts in :class:`~.corpus_state.CorpusWords`), and only the articles that changed or read an answer that
    changed are read again."""
    mentions, walked = _mentions_by_article(articles, raw)
    begins, ends = person_name_bounds(raw)
    if state is None:
        layouts = {i: person_layout(a, mentions[i]) for i, a in walked.items() if i in mentions}
        in_person: Counter[str] = Counter()
        for i, layout in layouts.items():
            in_person.update(person_counts(mentions[i], layout))
        if not in_person:
            return raw
        roles = PersonRoles(in_person, occurrences_of(articles, set(in_person)), begins, ends)
        found = {i: person_decisions(walked[i], mentions[i], layout, roles) for i, layout in layouts.items()}
    else:
        found = state.sync(walked, mentions, begins, ends, person_layout, person_counts, person_decisions,
                           person_words)
    replaced: dict[int, RawMention] = {}
    dropped: set[int] = set()
    for i, decisions in found.items():
        group = mentions[i]
        article = walked[i]
        dropped.update(id(group[k]) for k in decisions["d"])
        for k, start, end, role, keeps_role in decisions["r"]:
            r = group[k]
            m = r.mention
            text = article.text[start:end]
            mention = Mention(m.article, m.sentence, start, end, text, "PER")
            replaced[id(r)] = RawMention(mention, _lam_article(text), r.outlet, r.role if keeps_role else role,
                                         r.tagged, r.sense)
    if replaced:
        log.info("%d person mentions completed by words the corpus uses as names", len(replaced))
    return [replaced.get(id(r), r) for r in raw if id(r) not in dropped]


#: distinct LOC/ORG names a word must precede in the corpus to open a facility name (مطار، ملعب، مدينة)
FACILITY_MIN_NAMES = 3
#: articles a facility name «word + person (+ adjective)» must recur in
FACILITY_MIN_ARTICLES = 2
#: a facility name after a royal title needs no recurrence when its word is a common noun — its definite
#: form is at least this share of its bare form in the lexicon (المستشفى، المطار; not a verb such as زار,
#: nor a site's header word such as «سمات» "tags") ...
NOUN_DEFINITE_SHARE = 0.2
#: ... that stands right before at least this many different places in the corpus (مستشفى عسير، مطار جدة;
#: not إدارة، قيادة, which stand before persons and organizations) ...
FACILITY_MIN_PLACES = 3
#: ... and whose word cluster (the finest of ``clusters.tsv.gz``, learned from SaudiNewsNet co-occurrence:
#: مستشفى، مطار، طريق، مدينة، شارع share one) stands before places in at least this share of the names
#: its words precede in the corpus (not the cluster of زيارة، تنفيذ، دخول, nor that of عهد، خادم)
NAMESAKE_PLACE_SHARE = 0.5


#: the four directions and their adjectives, which place something within the place they stand beside
#: («ميناء عدن الجنوبي», the southern port of Aden; «شرق أوكرانيا الانفصالي») rather than name a facility
#: the four directions (their nouns; «…ي» their adjectives), one list for the facility and continent rules
_DIRECTION_WORDS = ("شمال", "جنوب", "شرق", "غرب")
_DIRECTIONS = frozenset(normalize(w + end) for w in _DIRECTION_WORDS for end in ("", "ي"))


def _facility_adjective(token: Token) -> bool:
    """A definite relational adjective that can close a facility name (الدولي، الطبية، الرياضية)."""
    return token.is_word and "ال" in token.prefixes and token.base.endswith(("ي", "يه"))


def _masculine_adjective(token: Token) -> bool:
    """A definite masculine relational adjective that is neither a place's (السعودي) nor a place itself nor
    a direction's (الجنوبي): المركزي، الدولي، المالي — not المولى (ى), nor the feminine الصناعية."""
    return (_facility_adjective(token) and spelling_key(token.text).endswith("ي") and not _prepositional(token)
            and token.base not in _DIRECTIONS and not _place_adjective(token)
            and "ال" + token.base not in gazetteer().names)


def _only_a_name(key: str) -> bool:
    """True for a one-word name that is no common word: the gazetteer knows it (الهلال، مسقط), or it is
    definite and the lexicon sees its bare form less than :data:`NAME_BARE_SHARE` as often (الطائف, whose
    طائف is rare; not الجيش or المدينة, whose جيش and مدينة are everyday words). ``key`` is a spelling key."""
    norm = normalize(key)
    if norm in gazetteer().names:
        return True
    if not norm.startswith("ال") or len(norm) <= MIN_LETTERS:
        return False
    definite = frequency(norm)
    return definite >= ESTABLISHED and frequency(norm[2:]) < NAME_BARE_SHARE * definite


def _glued_letter(token: Token) -> int:
    """1 when ``token`` is a word the tokenizer left whole with a leading و ف ب ك ل glued to it
    (:func:`~marsad.arabic.clitics.glued_proclitic`: «بمستشفى» = ب + مستشفى, «وحي» الملك فهد = و + حي), else 0."""
    return int(not token.prefixes and glued_proclitic(token.norm, "".join(_NON_ARTICLE_CLITICS)) is not None)


def _head_key(token: Token) -> str:
    """:func:`word_key` of a word that may head a name, a glued و ف ب ك ل off (:func:`_glued_letter`)."""
    return word_key(token)[_glued_letter(token):]


def _prepositional(token: Token) -> bool:
    """A word behind a preposition or conjunction (بالهفوف، ببيشة; «بجدة», «بتبوك» left whole by the
    tokenizer): no inner word of a name."""
    return any(p in _NON_ARTICLE_CLITICS for p in token.prefixes) or bool(_glued_letter(token))


def _common_noun(key: str) -> bool:
    """True when the lexicon sees the word with the article at least :data:`NOUN_DEFINITE_SHARE` as often
    as without it (and at least :data:`ESTABLISHED` times): a noun in common use, not a verb or a name."""
    definite = frequency("ال" + key)
    return definite >= ESTABLISHED and definite >= NOUN_DEFINITE_SHARE * frequency(key)


def facility_facts(article: Article, mentions: list[RawMention]) -> FacilityFacts:
    """One article's part of :func:`facility_names`' corpus statistics (its word roles, the names after each
    head word, its candidates; see :class:`~.facility_state.FacilityFacts`), from its text and ``mentions``
    (its raw mentions, in the order the pass got them) alone."""
    titles = gazetteer().titles
    facts = FacilityFacts()
    by_sentence: dict[int, list[RawMention]] = defaultdict(list)
    for r in mentions:
        by_sentence[r.mention.sentence].append(r)
    # (mention, tokens, h, a, stop, sentence, goes on): as the decision needs them
    found: list[tuple[RawMention, list[Token], int, int, int, int, bool]] = []
    sentence_roles = WordRoles()
    for sentence in article.sentences:
        group = by_sentence.get(sentence.i)
        if not group:
            continue
        tokens = sentence_tokens(article, sentence)
        starts = {r.mention.start for r in group}
        spans_ = [(r.mention.start, r.mention.end) for r in group]
        word_keys = [word_key(t) if t.is_word else t.norm for t in tokens]
        tagged_ranges = [(w[0], w[1], r.mention.type) for r in group if r.tagged
                         for w in [_token_range(tokens, r.mention.start, r.mention.end)] if w is not None]
        sentence_roles.count_sentence(word_keys, tagged_ranges, single_ends=False)
        facts.counts.update("a\t" + word_keys[a] for a, b, _ in tagged_ranges if b - a == 1)
        for r in group:
            where = _token_range(tokens, r.mention.start, r.mention.end)
            if where is None or where[0] == 0:
                continue
            a, b = where
            h = a - 1
            while h > 0 and h >= a - 2 and _definite(tokens[h]) and titles.get(tokens[h].norm) \
                    and titles[tokens[h].norm] != "religious":
                h -= 1
            head = tokens[h]
            if (not head.is_word or _definite(head) or is_function_word(head.text)
                    or any(x < head.end and head.start < y for x, y in spans_)
                    or not all(article.text[tokens[i].end : tokens[i + 1].start].isspace() for i in range(h, a))):
                continue
            name = " ".join(name_words(r.name))
            facts.names.setdefault(("f", word_key(head), r.mention.type, name), len(facts.names))
            facts.names.setdefault(("h", _head_key(head), r.mention.type, name), len(facts.names))
            if r.mention.type == "LOC":
                # a place closed by a masculine relational adjective (no place's own) agrees with the masculine
                # noun before it, not with the place, which is feminine: «مستشفى القطيف المركزي» is the
                # hospital; after a feminine noun the adjective may be the place's («مدينة اللاذقية الساحلية»),
                # and so it may after a place of two words, often headed by a masculine noun («جبل صبر»)
                stop = b
                while stop < min(b + 2, len(tokens)) and _masculine_adjective(tokens[stop]) \
                        and tokens[stop].start not in starts \
                        and article.text[tokens[stop - 1].end : tokens[stop].start].isspace():
                    stop += 1  # «مركز دبي المالي العالمي»
                if (h == a - 1 and b == a + 1 and stop > b and not spelling_key(head.text).endswith("ه")
                        and _head_key(head) not in _DIRECTIONS
                        and not any(_prepositional(tokens[i]) for i in range(a + 1, b))):
                    found.append((r, tokens, h, a, stop, sentence.i, _goes_on(article, tokens, stop)))
                continue
            if r.mention.type != "PER":
                continue
            # a word behind a preposition inside the person's span begins a phrase of its own: the facility
            # name ends before it («مطار الملك عبدالعزيز الدولي» «بجدة»)
            b = next((i for i in range(a + 1, b) if _prepositional(tokens[i])), b)
            stop = b
            if (b < len(tokens) and _facility_adjective(tokens[b]) and not _prepositional(tokens[b])
                    and tokens[b].start not in starts
                    and article.text[tokens[b - 1].end : tokens[b].start].isspace()):
                stop = b + 1
            if h < a - 1 or stop > b:
                found.append((r, tokens, h, a, stop, sentence.i, _goes_on(article, tokens, stop)))
    for word, types in sentence_roles.begins.items():
        facts.counts.update({f"b\t{word}\t{t}": n for t, n in types.items()})
    facts.counts.update({f"o\t{word}": n for word, n in sentence_roles.before.items()})
    facts.counts.update({f"e\t{word}": n for word, n in sentence_roles.ends.items()})
    inside = {id(c[0]) for c in found}
    # last words of the article's other person mentions: a person named there too is meant («حكومة الرئيس هادي»)
    elsewhere = {name_words(r.name)[-1] for r in mentions
                 if r.mention.type == "PER" and id(r) not in inside and name_words(r.name)}
    index = {id(r): k for k, r in enumerate(mentions)}
    for r, tokens, h, a, stop, sentence_i, goes_on in found:
        head = tokens[h]
        key = (word_key(head), *(spelling_key(t.text) for t in tokens[h + 1 : stop]))
        facts.counts["r\t" + "\t".join(key)] = 1
        place = r.mention.type == "LOC"
        glued = bool(_glued_letter(head))
        norm = head.norm
        cut = not head.prefixes and len(norm) > 3 and norm[0] in _NON_ARTICLE_CLITICS  # see _open_word_start
        tail = "".join(" " + t.norm for t in tokens[h + 1 : stop])
        facts.candidates.append(FacilityCandidate(
            index=index[id(r)], key=key, head=word_key(head), noun=_head_key(head), one_title=h == a - 2,
            royal=h < a - 1 and all(titles.get(tokens[i].norm) == "royal" for i in range(h + 1, a)),
            place=place, named_elsewhere=not place and bool(name_words(r.name)) and name_words(r.name)[-1] in elsewhere,
            goes_on=goes_on, glued=glued, start=-1 if glued else name_start(head, tail),
            cut_start=_after_letters(head, 1) if glued or cut else -1, norm=norm if cut and not glued else "",
            end=tokens[stop - 1].end, sentence=sentence_i))
    return facts


def _goes_on(article: Article, tokens: list[Token], stop: int) -> bool:
    """True when the name goes on past ``stop`` with ل + a definite noun (… التخصصي للعيون)."""
    return (stop < len(tokens) and tokens[stop].prefixes[:2] == ("ل", "ال")
            and article.text[tokens[stop - 1].end : tokens[stop].start].isspace())


@lru_cache(maxsize=1)
def _cluster_members() -> dict[str, tuple[str, ...]]:
    """The words of each finest cluster of :func:`~.clusters.cluster_map`."""
    members: dict[str, list[str]] = defaultdict(list)
    for word, ids in cluster_map().items():
        members[ids[-1]].append(word)
    return {c: tuple(words) for c, words in members.items()}


def _facility_decisions(candidates: list[tuple[Article, RawMention, FacilityCandidate]], totals: FacilityTotals
                        ) -> tuple[dict[int, RawMention], set[int]]:
    """Which candidates (article, mention, candidate) :func:`facility_names` replaces by the facility name
    they are in (by ``id`` of the mention) and which it drops, from the corpus statistics ``totals``."""
    titles_words = {c.head for _, _, c in candidates}
    nouns = {c.noun for _, _, c in candidates}
    clusters = cluster_map()
    wanted = {clusters[n][-1] for n in nouns if n in clusters}
    members = _cluster_members()
    follows = totals.names("f", titles_words)
    heads_of = totals.names("h", nouns | {w for c in wanted for w in members.get(c, ())})
    pooled: dict[str, Counter[str]] = defaultdict(Counter)  # names after the words of each finest cluster
    for key, by_type in heads_of.items():
        if key in clusters:
            pooled[clusters[key][-1]].update(by_type)
    place_share = {c: n["LOC"] / sum(n.values()) for c, n in pooled.items() if sum(n.values())}
    words = titles_words | {w for _, _, c in candidates if c.norm for w in (c.norm, c.norm[1:])}
    counts = totals.counts({f"b\t{w}\t{t}" for w in words for t in TYPES} | {f"{k}\t{w}" for w in words for k in "oea"}
                           | {"r\t" + "\t".join(c.key) for _, _, c in candidates})
    corpus_roles = WordRoles()
    for w in sorted(words):
        types = Counter({t: counts[f"b\t{w}\t{t}"] for t in TYPES if counts.get(f"b\t{w}\t{t}")})
        if types:
            corpus_roles.begins[w] = types
        if counts.get(f"o\t{w}"):
            corpus_roles.before[w] = counts[f"o\t{w}"]
        if counts.get(f"e\t{w}"):
            corpus_roles.ends[w] = counts[f"e\t{w}"]
    roles = shipped_roles().add(corpus_roles)
    replaced: dict[int, RawMention] = {}
    dropped: set[int] = set()
    for article, r, c in candidates:
        if c.named_elsewhere:
            continue  # the person is mentioned in the article too: «حكومة الرئيس هادي» names him
        head_key = c.head
        # an organization word that takes place names in (مركز، جامعة) takes a person after one title in
        # too: «جامعة الملك سعود», «نادي الأمير فيصل بن فهد» (not «مكتب الملك الدكتور جعفر حسان»)
        institution = (roles.takes_place_in(head_key)
                       if c.one_title and counts.get(f"a\t{head_key}", 0) <= MAX_ALONE_HEAD else None)
        if institution == "MISC" and roles.begins[head_key]["LOC"]:
            institution = None  # the word opens place names too: «رأس الشيخ حميد» is a place, no event
        types = follows.get(head_key, Counter())
        others = Counter({t: n for t, n in types.items() if t in ("LOC", "ORG")})
        # a king or prince after a common noun that names places (مستشفى الملك خالد التخصصي, مدينة الأمير
        # عبدالله بن جلوي) is the facility's namesake even where the name occurs once
        noun = c.noun
        names_places = (heads_of.get(noun, Counter())["LOC"] >= FACILITY_MIN_PLACES and _common_noun(noun)
                        and place_share.get(clusters.get(noun, ("",) * 3)[-1], 0.0) >= NAMESAKE_PLACE_SHARE)
        namesake = c.royal and names_places
        if c.place:
            if not names_places:
                continue  # a place's adjective after a noun of acts or institutions is left to 4f
        elif not institution and not namesake and (
                sum(others.values()) < FACILITY_MIN_NAMES or sum(others.values()) <= types["PER"]
                or counts.get("r\t" + "\t".join(c.key), 0) < FACILITY_MIN_ARTICLES):
            continue
        type_ = institution or shipped_roles().head_type(head_key)
        if not type_ and others:
            # the type most names after the word have; of two as many, the one the corpus meets first
            most = max(others.values())
            tied = [t for t, n in others.items() if n == most]
            type_ = tied[0] if len(tied) == 1 else totals.first_seen(head_key, tied)
        type_ = type_ or "LOC"
        if c.goes_on:
            dropped.add(id(r))  # the whole name cannot be closed here: no mention rather than a cut one
            continue
        # a glued letter is cut, and so is an open word's leading letter as :func:`_open_word_start` cuts it
        cut = c.glued or (c.norm and roles.n_begins(c.norm[1:]) > roles.n_begins(c.norm))
        start = c.cut_start if cut else c.start
        text = article.text[start : c.end]
        mention = Mention(article.id, c.sentence, start, c.end, text, type_)  # type: ignore[arg-type]
        replaced[id(r)] = RawMention(mention, _lam_article(text), r.outlet, None, r.tagged, None)
    return replaced, dropped


def facility_names(articles: list[Article], raw: list[RawMention], state: FacilityState | None = None
                   ) -> list[RawMention]:
    """A person named inside a facility or institution name is no mention of that person: «مطار الملك
    عبدالعزيز الدولي», «مدينة الملك عبدالله الطبية», «ملعب الأمير فيصل بن فهد» become one mention of the
    whole name. ANERcorp leaves such head words outside names (مطار، ملعب، مدينة before a name are O), so
    they are learned from the corpus being read, not listed: a **facility word** is an indefinite word
    that, in this corpus, stands right before at least :data:`FACILITY_MIN_NAMES` different place or
    organization names and before more of them than person names (مطار جدة، مدينة الرياض; not حكومة
    نتنياهو's حكومة where persons dominate, nor a verb such as قال). A person mention right after one
    (over definite titles: الملك، الأمير) is replaced when a title or a definite relational adjective
    (الدولي، الطبية) is part of the sequence, the same sequence recurs in at least
    :data:`FACILITY_MIN_ARTICLES` articles, the word is in no mention itself (جامعة «تبوك» الدكتور …) and the
    article names the person nowhere else (in «حكومة الرئيس هادي» he is named elsewhere: he is meant). The
    whole is typed as the names ANERcorp begins with that word (كأس: MISC) or else as the names it
    precedes in the corpus mostly are.

    The corpus statistics are the sum of each article's :func:`facility_facts`; with a ``state``
    (:class:`~.facility_state.FacilityState`) they are kept in the store and only the articles whose text or
    mentions changed since are read again."""
    mentions, walked = _mentions_by_article(articles, raw)
    if state is None:
        facts = {i: facility_facts(a, mentions.get(i, [])) for i, a in walked.items()}
        totals: FacilityTotals = MemoryTotals(facts.values())
        found = {i: f.candidates for i, f in facts.items()}
    else:
        totals, found = state.sync(walked, mentions, facility_facts)
    candidates = [(a, mentions[i][c.index], c) for i, a in walked.items() for c in found.get(i, ())]
    replaced, dropped = _facility_decisions(candidates, totals)
    if replaced or dropped:
        log.info("%d person or place mentions inside facility names replaced by them, %d inside names going on past "
                 "them dropped", len(replaced), len(dropped))
    return [replaced.get(id(r), r) for r in raw if id(r) not in dropped]


#: the continents, whose parts named by a direction are regions of their own (جنوب شرق آسيا, شمال أفريقيا):
#: canonical forms of the gazetteer
_CONTINENTS = frozenset(normalize(w) for w in ("آسيا", "أفريقيا", "أوروبا"))
#: a direction word or two right before a name, each with at most one proclitic (وجنوب، بشمال; شرقي)
_DIRECTIONS_BEFORE = re.compile(
    rf"(?:^|\s)([{''.join(_NON_ARTICLE_CLITICS)}]?)((?:(?:{'|'.join((*_DIRECTION_WORDS, 'وسط'))})ي?\s+){{1,2}})$")


def name_continent_parts(articles: list[Article], raw: list[RawMention]) -> list[RawMention]:
    """A continent named after one or two direction words is a region with a name of its own — «جنوب شرق
    آسيا», «شمال أفريقيا», «غرب أفريقيا», «شرق أوروبا» — not the continent (a country or city after a
    direction, «شمال سوريا», «وسط لندن», stays as it is): the mention takes the direction words in, after
    a conjunction or preposition glued to the first («وجنوب شرق آسيا»)."""
    gaz = gazetteer()
    texts = {a.id: a.text for a in articles}
    starts = {(r.mention.article, r.mention.start) for r in raw}
    ends = {(r.mention.article, r.mention.end) for r in raw}
    result = []
    changed = 0
    for r in raw:
        m = r.mention
        known = gaz.names.get(normalize(r.name))
        text = texts.get(m.article, "")
        hit = _DIRECTIONS_BEFORE.search(text[max(0, m.start - 40) : m.start]) if m.type == "LOC" else None
        if known is not None and normalize(known[1]) in _CONTINENTS and hit is not None and m.text == r.name:
            start = m.start - len(hit.group(2))
            if not any((m.article, e) in ends for e in range(start, m.start)) and (m.article, start) not in starts:
                whole = text[start : m.end]
                mention = Mention(m.article, m.sentence, start, m.end, whole, "LOC")
                r = RawMention(mention, whole, r.outlet, None, r.tagged, None, r.confidence)
                changed += 1
        result.append(r)
    if changed:
        log.info("%d continents after a direction made the region they name", changed)
    return result


#: words that follow God's name in a blessing (رضي الله عنه، رضوان الله عليهم، سبحانه وتعالى)
_BLESSING_AFTER = frozenset(normalize(w) for w in ("عليه", "عليهم", "عليها", "عنه", "عنها", "عنهم", "تعالى",
                                                   "سبحانه", "عز"))


def drop_god_formulas(articles: list[Article], raw: list[RawMention]) -> list[RawMention]:
    """A person mention «X الله» (X not عبد) is a religious formula, not a name like حمد الله or ضيف الله,
    when a preposition is glued to X («بحمد الله», «بتوفيق الله»: with God's praise, with God's help) or a
    blessing's pronoun follows («رضوان الله عليهم»): it is dropped, and so is X alone when the tagger left
    الله out («بتوفيق» الله)."""
    texts = {a.id: a.text for a in articles}
    result = []
    for r in raw:
        m = r.mention
        text = texts.get(m.article, "")
        words = normalize(m.text).split()
        nxt = [re.sub(r"\W+$", "", w) for w in text[m.end : m.end + 12].split()[:1]]
        if len(words) == 1 and nxt and normalize(nxt[0]) == "الله":
            words = [*words, "الله"]  # the tagger left God's name out: «بتوفيق» الله
            end = m.end + text[m.end :].index(nxt[0]) + len(nxt[0])
            m = Mention(m.article, m.sentence, m.start, end, m.text, m.type)
        if m.type == "PER" and len(words) == 2 and words[1] == "الله" and words[0] not in ("عبد", "بعبد"):
            after = text[m.end : m.end + 12].split()[:1]
            glued = glued_proclitic(words[0], "ب", possible=True) is not None  # ب + a word: بتوفيق، بفضل
            if glued or text[m.start - 1 : m.start] == "ب" or (after and normalize(after[0]) in _BLESSING_AFTER):
                continue
        result.append(r)
    if len(result) < len(raw):
        log.info("%d religious formulas («بحمد الله») dropped as person names", len(raw) - len(result))
    return result


#: particles that make the word after them part of a family name (آل الشيخ is a family, not a title)
_NAME_PARTICLES = frozenset(normalize(w) for w in ("آل", "بن", "ابن", "بنت", "أبو", "أم"))


def join_titled_names(articles: list[Article], raw: list[RawMention]) -> list[RawMention]:
    """A name never ends with a title: a place, organization or event mention whose last word is a royal or
    honorific title (الأمير، الملك، الشيخ) with a person mention right after it, only a space between, is one
    name cut in two by the tagger — «جامعة الأمير» «سطام بن عبدالعزيز» → «جامعة الأمير سطام بن عبدالعزيز»,
    typed as the first."""
    titles = gazetteer().titles
    texts = {a.id: a.text for a in articles}
    by_article: dict[str, list[RawMention]] = defaultdict(list)
    for r in raw:
        by_article[r.mention.article].append(r)
    joined: dict[int, RawMention] = {}
    gone: set[int] = set()
    for article_id, group in by_article.items():
        text = texts.get(article_id, "")
        group = sorted(group, key=lambda r: (r.mention.start, r.mention.end))
        for first, second in pairwise(group):
            m1, m2 = first.mention, second.mention
            words = m1.text.split()
            if (m1.type == "PER" or m2.type != "PER" or len(words) < 2 or id(first) in gone
                    or titles.get(normalize(words[-1])) not in ("royal", "honorific")
                    or normalize(words[-2]) in _NAME_PARTICLES or m2.text.startswith("و")
                    or m1.sentence != m2.sentence or not text[m1.end : m2.start].isspace()):
                continue
            end = m2.end  # a word behind a preposition ends the name («… سطام بن عبدالعزيز» «بالخرج»)
            words2 = tokenize(m2.text, m2.start)
            end = next((words2[k - 1].end for k in range(1, len(words2)) if _prepositional(words2[k])), end)
            whole = text[m1.start : end]
            mention = Mention(article_id, m1.sentence, m1.start, end, whole, m1.type)
            joined[id(first)] = RawMention(mention, _lam_article(whole), first.outlet, None, first.tagged, None)
            gone.add(id(second))
    if joined:
        log.info("%d names ending with a title joined to the person mention after them", len(joined))
    return [joined.get(id(r), r) for r in raw if id(r) not in gone]


@dataclass
class _Hit:
    """An occurrence of a known name in some article, found by the corpus scan. A hit read from the
    scan cache has no tokens: it carries what the scan read off them (:meth:`readings`)."""

    key: tuple[str, ...]
    article: Article
    sentence: int
    start: int
    stop: int
    tokens: list[Token] | None
    first: int
    #: without tokens: (no name as LOC, no name as another type, the title before it)
    cached: tuple[bool, bool, str | None] | None = None

    def readings(self) -> tuple[bool, bool, str | None]:
        """What corpus consistency reads off the tokens: :func:`_no_name` as a LOC and as any other
        type (only a one-word LOC differs), and the title phrase before it (:func:`_role`)."""
        if self.cached is None:
            assert self.tokens is not None
            stop = self.first + len(self.key)
            self.cached = (_no_name(self.tokens, self.first, stop, "LOC"),
                           _no_name(self.tokens, self.first, stop, "PER"), _role(self.tokens, self.first))
        return self.cached

    def no_name(self, type_: str) -> bool:
        """:func:`_no_name` of the hit's words as a ``type_`` name."""
        if self.tokens is not None:
            return _no_name(self.tokens, self.first, self.first + len(self.key), type_)
        assert self.cached is not None
        return self.cached[0] if type_ == "LOC" else self.cached[1]

    def role(self) -> str | None:
        """:func:`_role` before the hit."""
        if self.tokens is not None:
            return _role(self.tokens, self.first)
        assert self.cached is not None
        return self.cached[2]


#: the known names of one first word: the one-word names, and the longer ones by their second word
NameIndexEntry = tuple[list[tuple[str, ...]], dict[str, list[tuple[str, ...]]]]
#: annotation stage of the old corpus scan cache (one JSON blob per article; schema 4 dropped it for the
#: tables of :class:`ScanCache`)
SCAN_STAGE = "entities.scan"
#: what an article's scan depends on besides its text and the known names
_SCAN_SOURCES = ("stages/entities", "arabic", "knowledge")
#: the heads of a packed sentence record (:meth:`ScanCache.pack_heads`): each line's first field
_HEAD_WORDS = re.compile(r"^[^\t\n]*", re.M)


class ScanCache:
    """The corpus scan (:meth:`EntitiesStage._scan`) of each sentence, kept in the store as keyed rows.

    A sentence's hits depend on its text and on the known names whose first word (a head) one of its
    words offers, each word's heads followed by the next word: the cache keeps, per sentence, those
    pairs, the hits and a digest of the known names they matched (``entity_scan_sentences``, keyed by
    article and sentence; ``entity_scan_articles`` says which code and text an article's rows were made
    from). A later run (more articles, more known names) scans a sentence again only when that digest
    changes, i.e. a known name appeared or vanished that the sentence could hold; the other sentences'
    hits are read back as they were, and only the sentences scanned again are written. Rows are read
    :data:`CHUNK` articles at a time and fresh ones written 200 articles at a time (one transaction each:
    an article's header with its sentences), so memory holds one chunk. ``scanned_ids`` and ``reused``
    count the articles.

    The digest is not even computed for a sentence none of whose heads opens a name that changed since
    the rows were made (:meth:`begin`): the known names of the last complete scan are kept in
    ``stage_state('entities.scan', 'names')`` with the names a scan since then may have changed
    (``dirty``, written before a scan writes any row and cleared by a scan that completes alone), so a
    killed or concurrent run leaves them covering every row. The digest of a sentence whose heads
    avoid the first words of those names is unchanged; its heads are not even parsed.

    The hits of a sentence that holds are not read back: an article's header also keeps a digest of all its
    hits (``hits``, written with its rows; :attr:`digests` holds every article's after the scan), by which the
    consistency decisions made from them (:class:`~.consist_state.ConsistState`) know when they changed; the
    hits themselves are read (:meth:`article_hits`) only for the articles whose decisions are made again."""

    CHUNK = 500

    def __init__(self, store: Store, articles: list[Article]) -> None:
        self.store = store
        self.version = source_digest(*_SCAN_SOURCES)
        self.articles = articles
        self.position = {a.id: k for k, a in enumerate(articles)}
        self.chunk: dict[str, dict[int, list]] = {}
        self.chunk_at = -1
        #: article id → (its layout, its hits' digest, whether its rows are all replaced, the sentence rows to write)
        self.pending: dict[str, tuple[str, str, bool, list[tuple]]] = {}
        #: article id → the digest of its hits (:func:`hits_digest`), as stored or as this run's scan made it
        self.digests: dict[str, str] = {}
        self.held: set[str] | None = None
        self.scanned_ids: list[str] = []  # articles with a sentence scanned in this run, in corpus order
        self.scanned_sentences = 0
        self.reused = 0  # articles read whole from the cache
        #: first words of the names that changed since the rows were made (None: check every sentence)
        self.changed_heads: set[str] | None = None
        self.checked_sentences = 0  # sentences whose digest was computed again
        self._run = ""
        self._state_known: set[tuple[str, ...]] | None = None

    def _read_state(self) -> dict | None:
        state = self.store.get_state(SCAN_STAGE, "names")
        return state if isinstance(state, dict) and state.get("version") == self.version else None

    @staticmethod
    def _names(rows: list) -> set[tuple[str, ...]]:
        return {tuple(k) for k in rows}

    def _write_state(self, known: set[tuple[str, ...]], dirty: set[tuple[str, ...]]) -> None:
        self._run = hashlib.sha1(repr((id(self), len(known), sorted(dirty))).encode()
                                 + os.urandom(8)).hexdigest()[:16]
        self.store.set_state(SCAN_STAGE, "names", {"version": self.version, "run": self._run,
                                                   "known": sorted(map(list, known)),
                                                   "dirty": sorted(map(list, dirty))})

    def begin(self, known: set[tuple[str, ...]]) -> None:
        """Before the scan: the names that changed since the rows were made (``known`` against the stored
        names and their ``dirty`` ones), marked dirty in the store before any row is written."""
        state = self._read_state()
        if state is None:
            return  # no names stored for this code: every sentence's digest is checked
        stored, dirty = self._names(state["known"]), self._names(state["dirty"])
        changed = (known ^ stored) | dirty
        self.changed_heads = {k[0] for k in changed}
        self._state_known = stored
        self._write_state(stored, changed)

    def finish(self, known: set[tuple[str, ...]]) -> None:
        """After the scan's last rows were written: ``known`` become the stored names, with no dirty one,
        unless another run wrote the state meanwhile (then every name either run changed stays dirty)."""
        with self.store.transaction():
            state = self._read_state()
            if (state is None and self._state_known is None) or (state is not None and state["run"] == self._run):
                self._write_state(known, set())
            elif state is not None:
                stored = self._names(state["known"])
                self._write_state(stored, self._names(state["dirty"]) | (known ^ stored))

    @staticmethod
    def name_index(by_first: dict[str, list[tuple[str, ...]]]) -> dict[str, NameIndexEntry]:
        """The known names by first word (``by_first``) as :meth:`_matched` reads them: per first word,
        the one-word names and the longer ones by their second word (built once per scan)."""
        index: dict[str, NameIndexEntry] = {}
        for head, keys in by_first.items():
            seconds: dict[str, list[tuple[str, ...]]] = defaultdict(list)
            for k in keys:
                if len(k) > 1:
                    seconds[k[1]].append(k)
            index[head] = ([k for k in keys if len(k) == 1], dict(seconds))
        return index

    @staticmethod
    def _matched(heads: dict[str, list[str]], index: dict[str, NameIndexEntry]) -> str:
        """Digest of the known names (:meth:`name_index`) an article with these ``heads`` could hold."""
        found = []
        for head, following in heads.items():
            entry = index.get(head)
            if entry:
                singles, seconds = entry
                found.extend(singles)
                for word in set(following):
                    found.extend(seconds.get(word, ()))
        found.sort()
        return hashlib.sha1("\n".join(" ".join(k) for k in found).encode()).hexdigest()

    @staticmethod
    def _layout(article: Article) -> str:
        """Digest of the article's text and sentence bounds."""
        digest = hashlib.sha1(article.text.encode())
        digest.update(repr([(s.i, s.start, s.end) for s in article.sentences]).encode())
        return digest.hexdigest()[:16]

    def sentences(self, article: Article) -> dict[int, list] | None:
        """The article's cached sentence records (sentence index → [heads, matched digest], heads as
        stored: :meth:`pack_heads`), or None when nothing valid is cached for it (rows are read a chunk of
        articles at a time; the digest of a valid article's hits goes to :attr:`digests`)."""
        position = self.position.get(article.id)
        if position is None:
            return None
        at = position // self.CHUNK
        if at != self.chunk_at:
            part = self.articles[at * self.CHUNK:(at + 1) * self.CHUNK]
            ids = list(dict.fromkeys(a.id for a in part))
            marks = ",".join("?" * len(ids))
            headers = {i: (version, layout, hits) for i, version, layout, hits in self.store.query(
                f"SELECT article_id, version, layout, hits FROM entity_scan_articles WHERE article_id IN ({marks})",
                ids)}
            valid = {a.id for a in part if headers.get(a.id, ())[:2] == (self.version, self._layout(a))}
            self.digests.update((i, headers[i][2]) for i in valid)
            self.chunk, self.chunk_at = {i: {} for i in valid}, at
            if valid:
                for article_id, i, heads, matched in self.store.query(
                        "SELECT article_id, sentence, heads, matched FROM entity_scan_sentences"
                        f" WHERE article_id IN ({marks})", ids):
                    if article_id in valid:
                        self.chunk[article_id][int(i)] = [heads, matched]
        return self.chunk.get(article.id)

    @staticmethod
    def pack_heads(heads: dict[str, list[str]]) -> str:
        """A sentence's heads as stored: a line per head, the head then each word after it, tab-separated
        (words hold no tab or line break; a head is always followed by at least one, maybe empty, word)."""
        return "\n".join("\t".join((head, *following)) for head, following in heads.items())

    @staticmethod
    def unpack_heads(text: str) -> dict[str, list[str]]:
        """The heads :meth:`pack_heads` packed."""
        heads = {}
        for line in text.split("\n") if text else ():
            head, *following = line.split("\t")
            heads[head] = following
        return heads

    def holds(self, record: list, index: dict[str, NameIndexEntry]) -> bool:
        """True when a cached sentence record still holds: none of its heads opens a changed name, or
        the digest of the names it could hold is the stored one."""
        heads, matched = record
        if self.changed_heads is not None and (
                not heads or self.changed_heads.isdisjoint(_HEAD_WORDS.findall(heads))):
            return True
        self.checked_sentences += 1
        return matched == self._matched(self.unpack_heads(heads), index)

    @staticmethod
    def hits_of(article: Article, sentence: int, rows: str) -> list[_Hit]:
        """Hits of one cached sentence (its stored JSON rows)."""
        return [_Hit(tuple(key), article, sentence, start, stop, None, first, (loc, other, role))
                for key, start, stop, first, loc, other, role in json.loads(rows)]

    @staticmethod
    def rows_of(hits: list[_Hit]) -> list[list]:
        """Cache rows of a freshly scanned sentence's hits."""
        return [[list(h.key), h.start, h.stop, h.first, *h.readings()] for h in hits]

    def stored_hits(self, article: Article, skip: AbstractSet[int] = frozenset()) -> dict[int, list[_Hit]]:
        """The stored hits of the article's sentences (by index), but those of ``skip``."""
        return {int(i): self.hits_of(article, int(i), rows) for i, rows in self.store.query(
            "SELECT sentence, hits FROM entity_scan_sentences WHERE article_id = ?", [article.id])
            if int(i) not in skip}

    def article_hits(self, article: Article) -> list[_Hit]:
        """The article's hits as stored (its rows hold: the scan of this run kept or wrote them)."""
        stored = self.stored_hits(article)
        return [h for s in article.sentences for h in stored.get(s.i, ())]

    def put(self, article: Article, records: list[list], whole: bool, found: list[_Hit]) -> None:
        """Keep the fresh sentence records ([index, heads, matched, rows]) of ``article``, whose hits are now
        ``found``; ``whole``: its stored rows (made from another text or code) are all replaced. Written 200
        articles at a time and by :meth:`flush`."""
        self.scanned_ids.append(article.id)
        self.scanned_sentences += len(records)
        rows = [(article.id, i, self.pack_heads(heads), matched, json.dumps(hits, ensure_ascii=False))
                for i, heads, matched, hits in records]
        digest = self.digests[article.id] = hits_digest(found)
        self.pending[article.id] = (self._layout(article), digest, whole, rows)
        if len(self.pending) >= 200:
            self.flush()

    @property
    def scanned(self) -> int:
        """How many articles were scanned in this run."""
        return len(self.scanned_ids)

    def flush(self) -> None:
        """Write the fresh scans (those of articles the store holds) in one transaction."""
        if not self.pending:
            return
        if self.held is None:  # a corpus may hold articles the store does not
            ids = [a.id for a in self.articles]
            self.held = set()
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                self.held.update(r[0] for r in self.store.query(
                    f"SELECT id FROM articles WHERE id IN ({','.join('?' * len(chunk))})", chunk))
        held = {i: v for i, v in self.pending.items() if i in self.held}
        with self.store.transaction():
            self.store.executemany("DELETE FROM entity_scan_sentences WHERE article_id = ?",
                                   [(i,) for i, (_, _, whole, _) in held.items() if whole])
            self.store.executemany(
                "INSERT INTO entity_scan_articles (article_id, version, layout, hits) VALUES (?,?,?,?)"
                " ON CONFLICT (article_id) DO UPDATE SET version = excluded.version, layout = excluded.layout,"
                " hits = excluded.hits",
                [(i, self.version, layout, digest) for i, (layout, digest, _, _) in held.items()])
            self.store.executemany(
                "INSERT INTO entity_scan_sentences (article_id, sentence, heads, matched, hits) VALUES (?,?,?,?,?)"
                " ON CONFLICT (article_id, sentence) DO UPDATE SET heads = excluded.heads,"
                " matched = excluded.matched, hits = excluded.hits",
                [row for _, _, _, rows in held.values() for row in rows])
        self.pending.clear()


def name_votes(raw: list[RawMention]) -> dict[tuple[str, ...], Counter]:
    """Per name (:func:`name_words`), the types its tagged mentions have, counted in the order given (on a tie the
    type met first is the name's)."""
    votes: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for r in raw:
        if r.tagged:
            votes[name_words(r.name)][r.mention.type] += 1
    return votes


#: how :func:`consistency_decisions` lays an article out: its hits, its mentions' names (spelling keys), and how
#: many records of it the corpus holds
ConsistLayout = tuple[list[_Hit], list[tuple[str, ...]], int]


def consistency_counts(mentions: list[RawMention], layout: ConsistLayout) -> Counter[str]:
    """One article's counts (:mod:`.consist_state`): its tagged mentions' names by type and its hits' names
    (once per record of it)."""
    hits, keys, copies = layout
    counts: Counter[str] = Counter()
    for r, key in zip(mentions, keys, strict=True):
        if r.tagged:
            counts[f"v\t{name_item(key)}\t{r.mention.type}"] += 1
    for h in hits:
        counts["o\t" + name_item(h.key)] += copies
    return counts


def consistency_words(layout: ConsistLayout) -> set[str]:
    """The names one article's decisions may ask about."""
    hits, keys, _ = layout
    return {name_item(h.key) for h in hits} | {name_item(k) for k in keys if looked_for(k)}


def consistency_decisions(article: Article, mentions: list[RawMention], layout: ConsistLayout,
                          answers: ConsistAnswers) -> Decisions:
    """One article's consistency decisions (see :meth:`EntitiesStage.corpus_consistency`): ``c``, the indices of
    its mentions of common words (dropped); ``d``, those of the mentions longer known names replace; ``a``, the
    longer names recognised ([sentence, start, stop, type, role, tagged], in the order of the hits)."""
    hits, keys, _ = layout
    common = [k for k, key in enumerate(keys) if answers.of(key) == "c"]
    dropped = set(common)
    covered = [(k, r) for k, r in enumerate(mentions) if k not in dropped]
    entries: dict[int, list] = {}
    replaced: set[int] = set()
    for hit in hits:
        answer = answers.of(hit.key)
        if answer[:1] not in ("p", "s"):  # tagged too seldom, or a common word
            continue
        type_ = answer[1:]
        inside = [(k, r) for k, r in covered if r.mention.start < hit.stop and hit.start < r.mention.end]
        # a name tagged whole in fewer than half of its occurrences still completes the shorter
        # mentions inside it (السويس of «قناة السويس»), unless it opens with a title or is a person
        # around a name of another type (الله of «بحمد الله»)
        if answer[0] == "s" and not (
                inside and _completes(hit.key)
                and (type_ != "PER" or all(r.mention.type == "PER" for _, r in inside))):
            continue
        # a known longer name replaces the shorter mentions it contains (باريس of «باريس سان جيرمان»);
        # a mention that reaches outside it stays as it is
        if any(r.mention.start < hit.start or r.mention.end > hit.stop
               or (r.mention.start, r.mention.end) == (hit.start, hit.stop) for _, r in inside):
            continue
        if hit.no_name(type_):
            continue
        text = article.text[hit.start : hit.stop]
        mention = Mention(article.id, hit.sentence, hit.start, hit.stop, text, type_)  # type: ignore[arg-type]
        role = hit.role() if type_ == "PER" else None
        tagged = any(r.tagged for _, r in inside)
        longer = RawMention(mention, _lam_article(text), article.outlet, role, tagged=tagged)
        out = {k for k, _ in inside}
        replaced |= out
        k = len(mentions) + len(entries)
        entries[k] = [hit.sentence, hit.start, hit.stop, type_, role, tagged]
        covered = [(j, r) for j, r in covered if j not in out] + [(k, longer)]
    return {"c": common, "d": sorted(k for k in replaced if k < len(mentions)),
            "a": [entry for k, entry in entries.items() if k not in replaced]}


def hits_digest(hits: list[_Hit]) -> str:
    """Digest of an article's hits (sentence, name, bounds and what the scan read off the tokens)."""
    rows = [[h.sentence, *row] for h, row in zip(hits, ScanCache.rows_of(hits), strict=True)]
    return hashlib.sha1(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()[:16]


def entity_confidence(raw: list[RawMention]) -> dict[int, float]:
    """Per mention (by ``id``), the mean tagger confidence of the mentions of its corpus entity that carry
    one, the entity read as linking's first step groups mentions: the same name key
    (:func:`~.canonical.name_key`: the spelling skeleton, or the gazetteer's canonical form), whatever
    the type; mentions of entities with no tagger confidence are absent. Linear in the mentions."""
    keys = [name_key(r.name, r.sense) for r in raw]
    by_key: dict[str, list[float]] = defaultdict(list)
    for r, key in zip(raw, keys, strict=True):
        if key and r.confidence is not None:
            by_key[key].append(r.confidence)
    return {id(r): float(np.mean(by_key[key])) for r, key in zip(raw, keys, strict=True) if by_key.get(key)}


def confidence_guard(raw: list[RawMention], mention_floor: float | None = None,
                     entity_floor: float | None = None) -> list[RawMention]:
    """Drop the mentions the tagger itself doubts: a mention whose own confidence
    (:func:`span_confidence`) is under ``mention_floor`` and whose corpus entity's mean confidence
    (:func:`entity_confidence`) is under ``entity_floor``. Mentions a corpus rule made (no confidence of
    their own) are kept. Defaults: :data:`MENTION_FLOOR`, :data:`ENTITY_FLOOR`."""
    mention_floor = MENTION_FLOOR if mention_floor is None else mention_floor
    entity_floor = ENTITY_FLOOR if entity_floor is None else entity_floor
    if mention_floor <= 0 or not any(r.confidence is not None for r in raw):
        return raw
    of_entity = entity_confidence(raw)
    kept = [r for r in raw if r.confidence is None or r.confidence >= mention_floor
            or of_entity.get(id(r), 0.0) >= entity_floor]
    if len(kept) < len(raw):
        log.info("confidence guard: %d of %d mentions dropped", len(raw) - len(kept), len(raw))
    return kept


class EntitiesStage:
    """Fills ``corpus.mentions`` and ``corpus.entities``."""

    name = "entities"

    def __init__(self, tagger: SentenceTagger | None = None) -> None:
        self._tagger = tagger
        #: set by :meth:`run` while it runs when a store is given; the last run's stays in ``last_scan``
        self.scan_cache: ScanCache | None = None
        self.last_scan: ScanCache | None = None
        #: and for the consistency decisions made from the scan (:class:`~.consist_state.ConsistState`)
        self.consist_state: ConsistState | None = None
        self.last_consist: ConsistState | None = None
        #: the same for the corpus word counts (:class:`~.corpus_state.CorpusWords`)
        self.corpus_words: CorpusWords | None = None
        self.last_words: CorpusWords | None = None
        #: and for the facility-name pass's statistics (:class:`~.facility_state.FacilityState`)
        self.facility_state: FacilityState | None = None
        self.last_facility: FacilityState | None = None
        #: and for the span-completion pass's counts and decisions (:class:`~.span_state.SpanState`)
        self.span_state: SpanState | None = None
        self.last_span: SpanState | None = None
        #: and for the person-name rule's counts and decisions (:class:`~.person_state.PersonState`)
        self.person_state: PersonState | None = None
        self.last_person: PersonState | None = None
        #: and for the bound-word rule's counts and decisions (:class:`~.bind_state.BindState`)
        self.bind_state: BindState | None = None
        self.last_bind: BindState | None = None
        #: and for the team rule's counts and decisions (:class:`~.club_state.ClubState`)
        self.club_state: ClubState | None = None
        self.last_club: ClubState | None = None

    def run(self, corpus: Corpus, context: StageContext | None = None) -> None:
        """Tag every article and link the mentions into entities (replacing earlier ones).
        Per-article mentions are cached in the store, keyed by the model version, so an
        incremental run only tags new articles; linking always covers the whole corpus."""
        tagger = self._load_tagger(context)
        store = getattr(context, "store", None)
        cache_key = _cache_key(tagger)
        raw: list[RawMention] = []
        untagged: list[Article] = []
        stored = annotations_of(store, self.name, [a.id for a in corpus.articles]) if store is not None else {}
        for article in corpus.articles:
            cached = stored.get(article.id)
            if isinstance(cached, dict) and cached.get("model") == cache_key:
                raw.extend(_from_cache(article, cached["mentions"]))
            else:
                untagged.append(article)
        if len(untagged) > LARGE_CORPUS and "e5" in tagger.version:
            log.warning("tagging %d articles with the transformer NER takes about %d minutes on 2 cores; "
                        "--ner crf is tens of times faster", len(untagged), max(1, len(untagged) // 80))
        for article in untagged:
            try:
                found = self.article_mentions(article, tagger)
            except Exception as exc:  # one bad article never kills the batch; it is retried next run
                log.warning("entities: article %s (%s) skipped: %s", article.id, article.path, exc)
                continue
            if store is not None:
                store.put_annotation(self.name, article.id, {"model": cache_key, "mentions": _to_cache(found)})
            raw.extend(found)
        self.scan_cache = ScanCache(store, corpus.articles) if isinstance(store, Store) else None
        self.consist_state = ConsistState(store) if isinstance(store, Store) else None
        self.corpus_words = CorpusWords(store) if isinstance(store, Store) else None
        self.facility_state = FacilityState(store) if isinstance(store, Store) else None
        self.span_state = SpanState(store) if isinstance(store, Store) else None
        self.person_state = PersonState(store, self.corpus_words) if self.corpus_words is not None else None
        self.bind_state = BindState(store) if isinstance(store, Store) else None
        self.club_state = ClubState(store) if isinstance(store, Store) else None
        try:
            raw = self.corpus_rules(corpus.articles, raw)
            if self.scan_cache is not None:
                self.scan_cache.flush()
                log.info("entities: corpus scan: %d sentences of %d articles scanned, %d articles read whole "
                         "from the scan cache; %d cached sentences checked against the known names",
                         self.scan_cache.scanned_sentences, self.scan_cache.scanned, self.scan_cache.reused,
                         self.scan_cache.checked_sentences)
            if self.consist_state is not None:
                log.info("entities: consistency decisions: %d articles computed, %d taken away, %d decided again "
                         "(an answer they read changed)", self.consist_state.computed, self.consist_state.removed,
                         self.consist_state.redecided)
            if self.corpus_words is not None:
                log.info("entities: corpus word counts: %d articles counted, %d taken away",
                         self.corpus_words.counted, self.corpus_words.removed)
            if self.facility_state is not None:
                log.info("entities: facility-name statistics: %d articles computed, %d taken away",
                         self.facility_state.computed, self.facility_state.removed)
            if self.person_state is not None:
                log.info("entities: person-name rule: %d articles computed, %d taken away, %d decided again "
                         "(an answer they read changed)", self.person_state.computed, self.person_state.removed,
                         self.person_state.redecided)
            if self.span_state is not None:
                log.info("entities: span completion: %d articles computed, %d taken away, %d decided again "
                         "(an answer they read changed)", self.span_state.computed, self.span_state.removed,
                         self.span_state.redecided)
            if self.bind_state is not None:
                log.info("entities: bound words: %d articles computed, %d taken away, %d decided again "
                         "(an answer they read changed)", self.bind_state.computed, self.bind_state.removed,
                         self.bind_state.redecided)
            if self.club_state is not None:
                log.info("entities: teams: %d articles computed, %d taken away, %d decided again "
                         "(an answer they read changed)", self.club_state.computed, self.club_state.removed,
                         self.club_state.redecided)
        finally:
            self.last_scan, self.scan_cache = self.scan_cache, None
            self.last_consist, self.consist_state = self.consist_state, None
            self.last_words, self.corpus_words = self.corpus_words, None
            self.last_facility, self.facility_state = self.facility_state, None
            self.last_span, self.span_state = self.span_state, None
            self.last_person, self.person_state = self.person_state, None
            self.last_bind, self.bind_state = self.bind_state, None
            self.last_club, self.club_state = self.club_state, None
        raw = confidence_guard(raw)
        raw.sort(key=lambda r: (r.mention.article, r.mention.start))
        corpus.mentions = [r.mention for r in raw]
        corpus.entities = link(raw)

    def corpus_rules(self, articles: list[Article], raw: list[RawMention]) -> list[RawMention]:
        """The tagged mentions of all articles made consistent and whole across the corpus (before the
        confidence guard and linking). Each sentence is tokenized once for all the passes, and the word
        before a mention looked up once."""
        global _SENTENCE_TOKENS
        _SENTENCE_TOKENS, edges.WORDS_BEFORE = {}, {}
        try:
            return self._corpus_rules(articles, raw)
        finally:
            _SENTENCE_TOKENS, edges.WORDS_BEFORE = None, None

    def _corpus_rules(self, articles: list[Article], raw: list[RawMention]) -> list[RawMention]:
        raw = self.corpus_consistency(articles, cut_vocatives(raw))
        raw = complete_spans(articles, name_continent_parts(articles, raw), getattr(self, "span_state", None))
        raw = join_titled_names(articles, facility_names(articles, raw, getattr(self, "facility_state", None)))
        raw = bind_preceding_words(articles, raw, getattr(self, "bind_state", None))
        words: CorpusWords | None = getattr(self, "corpus_words", None)
        raw = close_particles(articles, continue_person_names(
            articles, raw, words.occurrences if words is not None else corpus_word_occurrences,
            getattr(self, "person_state", None)))
        resolve_senses(articles, raw)
        raw = type_clubs(articles, name_outlets(articles, raw), getattr(self, "club_state", None))
        return drop_god_formulas(articles, split_adjacent_names(raw))

    def _load_tagger(self, context: StageContext | None) -> SentenceTagger:
        options = getattr(context, "options", None) or {}
        return self._tagger or load_tagger(options.get("ner"))

    def article_work(self, corpus: Corpus, context: StageContext
                     ) -> tuple[list[Article], Callable[[Article], dict | None]]:
        """The articles with no cached mentions for this tagger, and the function caching one
        article's mentions (run by the pipeline on worker processes)."""
        tagger = self._load_tagger(context)
        key = _cache_key(tagger)
        todo = []
        stored = annotations_of(context.store, self.name, [a.id for a in corpus.articles])
        for article in corpus.articles:
            cached = stored.get(article.id)
            if not (isinstance(cached, dict) and cached.get("model") == key):
                todo.append(article)

        def mentions_of(article: Article) -> dict:
            return {"model": key, "mentions": _to_cache(self.article_mentions(article, tagger))}

        return todo, mentions_of

    def corpus_consistency(self, articles: list[Article], raw: list[RawMention]) -> list[RawMention]:
        """Story-level consistency over the whole corpus, guarded by what the tagger itself said.

        Every name the tagger tagged is counted where it occurs in the corpus, alone (not inside a
        longer known name). A name the tagger tagged at least :data:`~.consist_state.MIN_CORPUS_VOTES` times and in at
        least :data:`~.consist_state.PROPAGATE_SHARE` of its occurrences is recognised where the tagger missed it (with
        proclitics); a one-word name seen at least :data:`~.consist_state.COMMON_MIN_OCCURRENCES` times but tagged in
        fewer than :data:`~.consist_state.COMMON_SHARE` of them is a common word the tagger sometimes misreads
        (مدينة، كانت) and loses all its mentions. Names are matched on spelling keys (على ≠ علي).

        Each article is decided alone (:func:`consistency_decisions`) from its mentions, its hits and the
        answers the corpus's counts give about their names (:class:`~.consist_state.ConsistAnswers`); with a
        store (``self.consist_state``) decisions, counts and the answers read are kept there and only the
        articles that changed or read an answer that changed are decided again (their hits read back)."""
        raw = self._cut_clitics(raw)
        tagged_votes = name_votes(raw)
        known = {k for k in tagged_votes if looked_for(k)}
        if not known:
            return raw
        by_article, walked = _mentions_by_article(articles, raw)
        mentions = {i: by_article.get(i, []) for i in walked}
        copies = Counter(a.id for a in articles)
        found_hits = self._scan(list(walked.values()), known)
        cache: ScanCache | None = getattr(self, "scan_cache", None)

        def layout(article: Article, group: list[RawMention]) -> ConsistLayout:
            hits = found_hits.get(article.id)
            if hits is None:
                hits = cache.article_hits(article) if cache is not None else []
            return hits, [name_words(r.name) for r in group], copies[article.id]

        state: ConsistState | None = getattr(self, "consist_state", None)
        views: list[ConsistAnswers] = []

        def whole_corpus(counts: Counter[str]) -> ConsistAnswers:
            views.append(ConsistAnswers(counts, tagged_votes, _only_a_name))
            return views[-1]

        if state is None:
            found = decide_whole_corpus(walked, mentions, layout, consistency_counts, consistency_decisions,
                                        whole_corpus)
        else:
            assert cache is not None
            state.prepare_run(cache.digests, copies, tagged_votes, _only_a_name)
            found = state.sync(walked, mentions, layout, consistency_counts, consistency_decisions,
                               consistency_words)
            views.extend([state.view] if state.view is not None else [])
        common = sorted(views[0].common() if views else [], key=lambda c: (-c[2], c[0]))
        if common:
            shown = common[:COMMON_LOGGED]
            log.info("%d common words dropped as names (tagged/occurrences)%s, the most frequent: %s%s",
                     len(common), "" if state is None else " among the names of the articles decided in this run",
                     ", ".join(f"{k} ({votes}/{n})" for k, votes, n in shown),
                     ", …" if len(common) > len(shown) else "")
        gone: set[int] = set()
        added: list[RawMention] = []
        dropped = 0
        for i, article in walked.items():
            decisions = found.get(i)
            if not decisions:
                continue
            group = mentions[i]
            dropped += len(decisions["d"])
            gone.update(id(group[k]) for k in (*decisions["c"], *decisions["d"]))
            for sentence, start, stop, type_, role, tagged in decisions["a"]:
                text = article.text[start:stop]
                mention = Mention(article.id, sentence, start, stop, text, type_)
                added.append(RawMention(mention, _lam_article(text), article.outlet, role, tagged=tagged))
        if dropped:
            log.info("%d mentions inside longer known names replaced by them", dropped)
        return [r for r in raw if id(r) not in gone] + added

    @staticmethod
    def _cut_clitics(raw: list[RawMention]) -> list[RawMention]:
        """A mention kept with a leading و ف ب ك ل loses it when the corpus tags the rest as a name more
        often than the whole (لبرينان → برينان، وكريتر → كريتر), the gazetteer does not know the whole
        (لندن، بغداد keep their letter) and, unless the letter is the conjunction و, the lexicon has never
        seen the whole as a word (بروسيا "Prussia" keeps its ب though روسيا is far more frequent). A
        conjunction و also goes when the lexicon has seen the rest of the first word at least as often as
        the whole and the whole fewer than :data:`ESTABLISHED` times («ونوريتش سيتي» in a list of clubs:
        ونوريتش 10, نوريتش 11; وادي، وليد، وائل keep their و)."""
        votes: Counter[tuple[str, ...]] = Counter(name_words(r.name) for r in raw if r.tagged)
        names = gazetteer().names
        result = []
        for r in raw:
            m = r.mention
            key = name_words(r.name)
            first = m.text[:1]
            if (key and first in _NON_ARTICLE_CLITICS and len(key[0]) > MIN_LETTERS
                    and normalize(r.name) not in names
                    and (first == "و" or frequency(normalize(r.name).split()[0]) == 0)):
                rest = name_words(r.name[1:])
                head = normalize(r.name).split()[0]
                # a conjunction left on a word the lexicon knows no better than the word after it
                # (ونوريتش سيتي 10 times, نوريتش 11; glued_proclitic): an established word (وادي، وليد) keeps its و
                conjunction = (first == "و" and len(head) > MIN_LETTERS + 1
                               and 0 < frequency(head) < ESTABLISHED
                               and glued_proclitic(head, "و") is not None)
                if ((conjunction or (votes[rest] >= MIN_CORPUS_VOTES and votes[rest] > votes[key]))
                        and not is_function_word(r.name[1:])):
                    mention = Mention(m.article, m.sentence, m.start + 1, m.end, m.text[1:], m.type)
                    r = RawMention(mention, r.name[1:], r.outlet, r.role, r.tagged, r.sense, r.confidence)
            result.append(r)
        return result

    def _scan(self, articles: list[Article], known: set[tuple[str, ...]]) -> dict[str, list[_Hit]]:
        """Every occurrence of a ``known`` name in ``articles`` (each once; longest first, left to right, the
        first word with or without proclitics, never a function word), by article. With a :class:`ScanCache`
        (``self.scan_cache``), a sentence whose possible names did not change is not scanned again, and an
        article none of whose sentences was scanned again is left out (its hits did not change)."""
        by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for key in sorted(known, key=lambda k: (-len(k), k)):
            by_first[key[0]].append(key)
        cache: ScanCache | None = getattr(self, "scan_cache", None)
        index = ScanCache.name_index(by_first) if cache is not None else {}
        if cache is not None:
            cache.begin(known)
        found: dict[str, list[_Hit]] = {}
        for article in articles:
            if cache is None:
                found[article.id] = [h for sentence in article.sentences
                                     for h in self._scan_sentence(article, sentence, by_first)]
            elif (hits := self._scan_cached(article, by_first, cache, index)) is not None:
                found[article.id] = hits
        if cache is not None:
            cache.flush()
            cache.finish(known)
        return found

    def _scan_cached(self, article: Article, by_first: dict[str, list[tuple[str, ...]]],
                     cache: ScanCache, index: dict[str, NameIndexEntry]) -> list[_Hit] | None:
        """The hits of one article when one of its sentences had to be scanned again (a name it could hold
        changed; the article's records and hits' digest kept again), else None (its hits, stored, did not
        change and are not read); ``index`` is :meth:`ScanCache.name_index` of ``by_first``."""
        cached = cache.sentences(article)
        fresh: dict[int, list[_Hit]] = {}
        records: list[list] = []  # the sentences scanned again: [index, heads, matched, rows]
        for sentence in article.sentences:
            record = cached.get(sentence.i) if cached is not None else None
            if record is not None and cache.holds(record, index):
                continue
            heads: dict[str, set[str]] = {}
            hits = fresh[sentence.i] = self._scan_sentence(article, sentence, by_first, heads)
            sorted_heads = {h: sorted(n) for h, n in sorted(heads.items())}
            records.append([sentence.i, sorted_heads, cache._matched(sorted_heads, index), cache.rows_of(hits)])
        if not records and cached is not None:
            cache.reused += 1
            return None
        stored = cache.stored_hits(article, set(fresh)) if cached is not None else {}
        found = [h for s in article.sentences for h in (fresh[s.i] if s.i in fresh else stored.get(s.i, ()))]
        cache.put(article, records, cached is None, found)
        return found

    @staticmethod
    def _scan_sentence(article: Article, sentence: Sentence, by_first: dict[str, list[tuple[str, ...]]],
                       heads: dict[str, set[str]] | None = None) -> list[_Hit]:
        """The hits of one sentence (see :meth:`_scan`). ``heads`` (when given) receives every head its
        words offer, each with the keys of the words that follow it."""
        hits: list[_Hit] = []
        toks = tokenize(sentence.text, sentence.start)
        keys = [spelling_key(t.text) for t in toks]
        if heads is not None:
            for i, tok in enumerate(toks):
                if tok.is_word and not is_function_word(tok.text):
                    following = keys[i + 1] if i + 1 < len(toks) else ""
                    for head in first_word_keys(keys[i]):
                        heads.setdefault(head, set()).add(following)
        i = 0
        while i < len(toks):
            hit = None
            if toks[i].is_word and not is_function_word(toks[i].text):
                for head in first_word_keys(keys[i]):
                    for key in by_first.get(head, ()):
                        if tuple(keys[i + 1 : i + len(key)]) == key[1:]:
                            hit = key
                            break
                    if hit:
                        break
            if hit is None:
                i += 1
                continue
            end = i + len(hit)
            tail = "".join(" " + t.norm for t in toks[i + 1 : end])
            start, stop = name_start(toks[i], tail), toks[end - 1].end
            if name_words(_lam_article(article.text[start:stop])) == hit:
                hits.append(_Hit(hit, article, sentence.i, start, stop, toks, i))
            i = end
        return hits

    def article_mentions(self, article: Article, tagger: SentenceTagger) -> list[RawMention]:
        """Tagged, consistency-checked mentions of one article (not yet linked)."""
        sent_tokens = [tokenize(s.text, s.start) for s in article.sentences]
        texts = [[t.text for t in toks] for toks in sent_tokens]
        if hasattr(tagger, "scored_many"):
            scored = tagger.scored_many(texts)
            own_labels, probs = [labels for labels, _ in scored], [p for _, p in scored]
        else:
            own_labels, probs = tagger.tag_many(texts), [None] * len(texts)
        labels = propagate(texts, own_labels)
        result: list[RawMention] = []
        gaz = gazetteer()
        for sentence, toks, labs, own, prob in zip(article.sentences, sent_tokens, labels, own_labels, probs,
                                                   strict=True):
            found = _join_hyphens(toks, spans(labs))
            tagged_words = {i for a, b, _ in found for i in range(a, b)}
            for a0, b0, type_ in _split_person_pairs(toks, _widen_persons(article.text, toks, found, prob)):
                a, b = _trim_function_words(toks, a0, b0)
                if type_ == "PER" and a < b:
                    a = _trim_titles(toks, a, b)
                if a >= b:
                    continue
                if _no_name(toks, a, b, type_):
                    continue
                tail = "".join(" " + t.norm for t in toks[a + 1 : b] if t.is_word)
                start = name_start(toks[a], tail)
                end = toks[b - 1].end
                text = article.text[start:end]
                if sum(ch.isalpha() for ch in text) < MIN_LETTERS and normalize(text) not in gaz.names:
                    continue
                if is_function_word(text):
                    continue
                name = _lam_article(text)
                known = gaz.names.get(normalize(name))
                if known and type_ != known[0]:
                    type_ = known[0]  # a name the gazetteer knows keeps its type
                mention = Mention(article.id, sentence.i, start, end, text, type_)  # type: ignore[arg-type]
                role = _role(toks, a) if type_ == "PER" else None
                by_tagger = any(label != "O" for label in own[a:b])
                result.append(RawMention(mention, name, article.outlet, role, by_tagger,
                                         confidence=span_confidence(prob, *_own_words(a, b, tagged_words), type_)))
        return result
