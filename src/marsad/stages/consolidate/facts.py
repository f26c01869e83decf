"""Atomic facts: the propositions of a story's sentences, their attribution, and a normal form.

A sentence is split into *propositions* (:func:`propositions_of`):

1. the statements the quotes stage found in it (:class:`marsad.model.Quote`) give their
   content span; the attribution frame (قالت الوكالة إن …، بحسب …، أكد بيسكوف أن …) is kept
   as the proposition's *attribution* (speaker, channel ``via``, cue), never as content;
   text outside every statement is unattributed content;
2. each content span is cut at clause openers after punctuation — a coordinated clause
   («، و…»), «كما», «فيما», «بينما», «في حين», «حيث», «إذ», «لكن» — and a relative clause
   set off by commas («، الذي …،») becomes a proposition of its own, about the noun before it;
   a new sentence inside a span (a statement quoted over two sentences) starts a new piece;
3. pieces with fewer than :data:`MIN_FACT_TERMS` content terms are glued back to their
   neighbour (so a coordinated noun phrase stays in its clause), and a piece that is only an
   attribution frame (a cue verb with its speaker and nothing said, «بحسب المصدر») is dropped:
   no proposition is without content of its own.

Each proposition carries what matching compares (:class:`Proposition`): content terms
(stems, numbers as ``#value`` via :mod:`marsad.arabic.numbers`), entity keys (canonical
entities of the mentions inside it when the entities stage ran, else the normalized mention
text), resolved dates and clock times inside it (timex stage), numbers with their unit word, negation, and
whether it is an expectation or plan (من المقرر، يتوقع أن) rather than a reported outcome.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from typing import Any

from marsad.arabic import normalize
from marsad.arabic.inflect import participle_forms, past_forms, present_forms, with_conjunctions
from marsad.arabic.nisba import place_forms
from marsad.arabic.numbers import find_numbers, parse_number
from marsad.arabic.roots import root_key
from marsad.arabic.segment import Token, tokenize
from marsad.arabic.stem import light_stem, stem
from marsad.arabic.stopwords import is_function_word, is_stopword
from marsad.model import Corpus, Mention, Quote, TimeRef
from marsad.similarity import content_terms, numbers_of
from marsad.stages.consolidate.claims import is_day
from marsad.stages.consolidate.sources import Unit
from marsad.stages.entities.gazetteer import gazetteer
from marsad.stages.quotes.lexicon import ACCUSE_VERBS, SOURCE_MARKERS, SOURCE_VERB_MARKERS, THAT, norm_keys
from marsad.stages.timex import vocab as timex_vocab

#: a proposition needs at least this many content terms of its own (else it is glued back)
MIN_FACT_TERMS = 3
#: words that open a new clause when they follow punctuation inside a sentence
CLAUSE_OPENERS = norm_keys(
    "كما", "وكما", "فيما", "وفيما", "بينما", "وبينما", "حيث", "وحيث", "إذ", "اذ", "لكن", "ولكن",
    "لكنه", "لكنها", "ولكنه", "ولكنها", "كذلك", "وكذلك", "بعدما", "وبعدما",
)
#: clause openers strong enough to cut a sentence even without punctuation before them
BARE_CLAUSE_OPENERS = norm_keys("لكن", "ولكن", "لكنه", "لكنها", "ولكنه", "ولكنها", "بينما", "وبينما", "فيما", "وفيما")
#: two-word clause openers (first word, second word)
CLAUSE_OPENER_PAIRS = {(normalize(a), normalize(b)) for a, b in
                       (("في", "حين"), ("وفي", "حين"), ("غير", "أن"), ("إلا", "أن"), ("الا", "ان"))}
#: relative pronouns that open a relative clause after a comma
RELATIVES = norm_keys("الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان", "اللواتي", "اللاتي")
#: punctuation after which a clause may start
CLAUSE_PUNCT = frozenset(["،", ",", "؛", ";", ".", ":", "..."])
#: punctuation that ends a sentence: a statement quoted over two sentences, or a sentence the
#: splitter did not cut («… صلات المشتبه به. وتابع …»), is cut there
SENTENCE_END = frozenset([".", "!", "؟", "?", "..."])
#: words that negate the proposition
NEGATIONS = norm_keys("لم", "لن", "لا", "ليس", "ليست", "عدم", "نفى", "نفت", "ينفي", "تنفي", "ولم", "ولن", "ولا",
                      "ونفى", "ونفت", "وتنفي", "وينفي", "نافيا", "نافية")
#: words that mark an expectation or plan rather than a reported outcome
EXPECTATION_WORDS = norm_keys(
    "يتوقع", "ويتوقع", "تتوقع", "المتوقع", "متوقع", "يرتقب", "ويرتقب", "المرتقب", "مرتقب", "سوف", "وسوف",
    "يعتزم", "تعتزم", "يعتزمان", "المقرر", "مقرر", "مقررا", "يفترض", "المفترض", "المنتظر", "ينتظر",
)
#: the plan vocabulary (third registration, docs/consolidate.md), generated from lemmas by the Arabic layer's
#: regular inflection (:mod:`marsad.arabic.inflect`): the participles of expecting and planning in every gender,
#: number and definiteness (من المقرر، المباراة المقررة، الزيارة المرتقبة، من المتوقع أن، كان من المفترض) — the timex
#: vocabulary's list, which also turns a weekday forward; منتظر in its masculine singular only …
PLAN_PARTICIPLES = timex_vocab.PLAN_PARTICIPLES
PLAN_PARTICIPLES_SINGULAR = timex_vocab.PLAN_PARTICIPLES_SINGULAR
#: ... the present tense of the verbs of expecting and planning (present stems: يتوقع، تتوقعان، نتوقع، يُنتظر، يعتزمون،
#: يزمع، يرتقب، يفترض) ...
PLAN_PRESENT_STEMS = ("توقع", "رتقب", "عتزم", "زمع", "نتظر", "فترض")
#: ... and the past of those whose past still states an expectation or a plan (توقعت، توقعوا، اعتزمت، ارتقب، أزمع);
#: bare توقع is left out of the words of a proposition (it is also تُوقّع, "she signs") but kept as a statement's cue
PLAN_PAST_STEMS = ("توقع", "اعتزم", "ارتقب", "أزمع")
PLAN_AMBIGUOUS = norm_keys("توقع", "وتوقع", "فتوقع")
#: the past of the verbs listed by their present only: "he waited" states no plan, and it is spelled as the present's
#: first person once normalized (انتظر = أنتظر), so its forms are taken out
PLAN_PRESENT_ONLY = ("انتظر", "افترض")
#: a statement's cue (the quotes stage's verb or participle) that makes what it frames a plan (وتوقعت الوكالة أن …)
PLAN_CUES = with_conjunctions(
    frozenset().union(*map(participle_forms, PLAN_PARTICIPLES), *map(present_forms, PLAN_PRESENT_STEMS),
                      *map(past_forms, PLAN_PAST_STEMS))
    | norm_keys(*PLAN_PARTICIPLES_SINGULAR, *("ال" + w for w in PLAN_PARTICIPLES_SINGULAR), "سوف")
) - with_conjunctions(frozenset().union(*map(past_forms, PLAN_PRESENT_ONLY)))
#: the words of a proposition that make it a plan
PLAN_WORDS = PLAN_CUES - PLAN_AMBIGUOUS
#: a plan word after one of these is a comparison with the expectation, a reported outcome (أكبر مما كان متوقعا)
PLAN_COMPARISONS = norm_keys("مما", "عما")
#: ... or after one of those or كما with one of these between (مما كان متوقعا، كما كان متوقعا، كما هو متوقع)
PLAN_AS = norm_keys("كما", "وكما")
PLAN_AS_LINKS = norm_keys("كان", "كانت", "هو", "هي")
#: ... or after من / عن that follows an elative (أكثر من المتوقع، أقل من المتوقع، أعلى من المتوقع)
PLAN_THAN = norm_keys("من", "عن")
ELATIVES = norm_keys("أكثر", "أقل", "أكبر", "أصغر", "أعلى", "أدنى", "أسرع", "أبطأ", "أفضل", "أسوأ", "أطول",
                     "أقصر", "أشد", "أبكر", "أبعد", "أقرب")
#: content words before / after a slot expression that say what it dates or counts
SLOT_CONTEXT_BEFORE = 5
SLOT_CONTEXT_AFTER = 3
#: verbs of saying that need a clause (what was said): with only a speaker after them, a
#: piece is an attribution frame (وقالت وكالة الأنباء المركزية الكورية الشمالية.); verbs that
#: take a noun object (أعلنت الشرطة مقتل 12 شخصا) are not in the list
SAY_VERBS = norm_keys(*(c + v for c in ("", "و", "ف") for v in (
    "قال", "قالت", "قالوا", "أضاف", "أضافت", "تابع", "تابعت", "أوضح", "أوضحت", "ذكر", "ذكرت", "أفاد", "أفادت",
    "صرح", "صرحت", "أكد", "أكدت", "أشار", "أشارت", "يقول", "تقول")))
#: an attribution frame has at most this many words
FRAME_MAX_WORDS = 8
#: a clock time as the timex stage writes it (TimeRef.time)
CLOCK_RE = re.compile(r"\d\d:\d\d")
#: resolved timex kinds whose day value pins a proposition's date
DATE_KINDS = ("date", "time")
#: prepositions that open a "where" (في المياه العراقية، داخل الأراضي الإيرانية، قرب البصرة)
LOCATIVES = norm_keys("في", "داخل", "خارج", "قرب", "بالقرب", "عند", "إلى", "الى", "نحو", "أمام", "قبالة")
#: a place word counts as a "where" slot when a locative precedes it within this many words
LOCATIVE_WINDOW = 3
#: content words before a place word that say what is placed (المياه الإقليمية)
PLACE_CONTEXT = 2
#: words between a measured noun phrase and its number that are skipped when looking for what the number measures
#: (صافي ربح … بلغ 1941 مليون ريال، قيمتها … بواقع 0.50 ريال، ارتفع … إلى 316 ألف ريال; twenty-first session)
MEASURE_LINKS = norm_keys(*(c + v for c in ("", "و", "ل", "ف") for v in (
    "بلغ", "بلغت", "يبلغ", "تبلغ", "بلغا", "بلغتا", "وصل", "وصلت", "يصل", "تصل", "كان", "كانت", "يكون", "تكون",
    "أصبح", "أصبحت", "يصبح", "تصبح")), "قدره", "قدرها", "بواقع", "نحو", "بنحو", "حوالي", "بحوالي", "قرابة", "زهاء",
    "إلى", "الى", "مقابل")
#: prepositions: the words after one (nearer the number) are its object, not what the number measures
#: («صافي ربح [خلال الربع الثاني] بلغ 1941 مليون ريال»)
MEASURE_PREPOSITIONS = norm_keys("في", "من", "خلال", "عن", "على", "منذ", "بعد", "قبل", "مع", "حتى", "مقارنة", "عند")
#: proclitics that make a word a prepositional phrase (بالفترة، للموقع، كمصدر)
PREPOSITION_PROCLITICS = frozenset("بلك")
#: content words of the measured noun phrase collected before a number (its head is the first of them)
MEASURE_WORDS = 2
#: the general walk (second registration): locatives close a prepositional phrase too (رحلته الأولى [خارج كوريا
#: الشمالية] بعد ثلاث سنوات), except those that are linking words (إلى، نحو)
MEASURE_LOCATIVES = LOCATIVES - MEASURE_LINKS
#: period nouns (normalized, without ال) and the one noun they are keyed by: a number's period (الربع الثاني،
#: النصف الأول، العام الماضي) is part of what it measures
PERIOD_NOUNS = {normalize(w): k for w, k in (("ربع", "ربع"), ("نصف", "نصف"), ("عام", "عام"), ("سنة", "عام"),
                                              ("شهر", "شهر"))}
#: the timex vocabulary's words of a period's direction (العام الماضي، الربع السابق، العام الحالي، الشهر المقبل)
PERIOD_DIRECTIONS = ({w: "past" for w in timex_vocab.PAST} | {w: "current" for w in timex_vocab.CURRENT}
                     | {w: "next" for w in timex_vocab.FUTURE})


@dataclass(slots=True)
class Proposition:
    """One fact of one sentence, with its attribution and normal form."""

    index: int
    unit: Unit
    spans: list[tuple[int, int]]  # article-text offsets of its content (one or two pieces)
    text: str
    terms: list[str]
    attribution: dict[str, Any] | None = None  # {speaker, kind, cue, via, frame}
    witness: str = ""  # who vouches for it: the agency it relays, else its independent source
    relay: str | None = None  # the agency/outlet it is relayed from, when named
    entities: frozenset[str] = frozenset()
    dates: frozenset[str] = frozenset()
    numbers: dict[str, frozenset[float]] = field(default_factory=dict)  # unit stem -> values
    places: frozenset[str] = frozenset()  # canonical places of its "where" slots (في المياه العراقية → العراق)
    clocks: frozenset[str] = frozenset()  # clock times (08:50) of its "when" slots
    # (slot kind, unit stem or "", value) -> content stems around the slot expression: what it
    # dates or counts (أول رحلة خارجية منذ أربع سنوات → رحل، خارج)
    slot_context: dict[tuple[str, str, Any], frozenset[str]] = field(default_factory=dict)
    # ("number", unit stem, value) -> (stem, root key) of the head of each noun phrase that value measures
    # (ربحية السهم 1.03 ريال → ربحية; صافي ربح … بلغ 1941 مليون ريال → صافي); see :func:`measured_head`
    slot_measure: dict[tuple[str, str, Any], frozenset[tuple[str, str]]] = field(default_factory=dict)
    # canonical keys of the persons and organisations it names (PER / ORG mentions): whose numbers these are
    owners: frozenset[str] = frozenset()
    # the general measured slot (second registration): per number slot, the stems of its measured heads
    # (:func:`measured_head` with ``general``) and its periods (:func:`number_period`: ("ربع", "2"), ("عام", "past"))
    slot_heads: dict[tuple[str, str, Any], frozenset[str]] = field(default_factory=dict)
    slot_period: dict[tuple[str, str, Any], frozenset[tuple[str, str]]] = field(default_factory=dict)
    # the organisations it names (ORG mentions, canonical keys), and, when it names none, those of the nearest
    # earlier proposition of its article that names one (:func:`story_propositions`)
    organisations: frozenset[str] = frozenset()
    carried: frozenset[str] = frozenset()
    negated: bool = False
    expected: bool = False  # a word of EXPECTATION_WORDS (what the learned pair models' ``expect`` was trained on)
    # a plan or expectation by the generated vocabulary or its statement's cue (:func:`is_plan`; read with
    # ``matching.ALIGNED_CLASHES_AND_PLANS``)
    planned: bool = False
    # light stems of its content words (clitics and one suffix off): what character n-gram
    # matching compares (أقمار اصطناعية ~ الأقمار الصناعية)
    words: tuple[str, ...] = ()
    # the entity key of its first mention: who acts, in verb-first order (argument alignment)
    lead_entity: str | None = None

    @property
    def root_terms(self) -> list[str]:
        """Its content terms with root keys instead of stems (:func:`marsad.arabic.roots.root_key`: يوقع،
        التوقيع → وقع; numbers as values): what survives the derivation a paraphrase changes. Derived from
        ``text`` when asked (only the off-by-default ``LEX_ROOTS`` and the analysis read it)."""
        return content_terms(self.text, roots=True)

    @property
    def article(self) -> str:
        """Id of the article that carries it."""
        return self.unit.article.id


def _pieces(tokens: Sequence[Token]) -> list[list[int]]:
    """Token-index groups of one content span: clauses, with comma-delimited relative
    clauses taken out as their own groups (each group in order)."""
    if not tokens:
        return []
    cuts: list[int] = []
    relative: list[tuple[int, int]] = []
    k = 1
    while k < len(tokens):
        prev, tok = tokens[k - 1], tokens[k]
        after_punct = prev.norm in CLAUSE_PUNCT
        nxt = tokens[k + 1].norm if k + 1 < len(tokens) else ""
        if tok.norm in RELATIVES and (after_punct or prev.norm[0].isalpha()):
            end = next((m for m in range(k + 1, len(tokens)) if tokens[m].norm in CLAUSE_PUNCT), len(tokens))
            # a relative clause carries a fact of its own when set off by commas, or when the
            # main clause goes on after it (كيم الذي يزور روسيا منذ الثلاثاء، وصل إلى …)
            if after_punct:
                relative.append((k, end))
                k = end
                continue
        conjoined = "و" in tok.prefixes or (tok.norm.startswith("و") and len(tok.norm) > 2)  # وصل / ومن
        opener = tok.norm in CLAUSE_OPENERS or (conjoined and tok.norm[0].isalpha() and prev.norm != ":")
        # a new sentence inside the span (not after an abbreviation: ب. أ، "تي. يو-95")
        new_sentence = prev.norm in SENTENCE_END and tok.norm[0].isalpha() and k >= 2 and _ends_word(tokens[k - 2])
        bare = tok.norm in BARE_CLAUSE_OPENERS or (tok.norm, nxt) in CLAUSE_OPENER_PAIRS
        if (after_punct and opener) or new_sentence or bare:
            cuts.append(k)
        k += 1
    in_relative = {m for a, b in relative for m in range(a, b)}
    bounds = [0, *cuts, len(tokens)]
    groups = [[m for m in range(a, b) if m not in in_relative] for a, b in pairwise(bounds)]
    groups = [g for g in groups if g]
    for a, b in relative:
        head = [m for m in range(max(0, a - 4), a) if tokens[m].norm[0].isalnum()][-2:]
        groups.append(head + list(range(a, b)))
    return groups


def _ends_word(token: Token) -> bool:
    """True when a period after ``token`` ends a sentence rather than an abbreviation: a word of
    three letters or more, a two-letter function word (به، له، فيه), or a number (عام 2013.)."""
    return len(token.norm) >= 3 or token.norm[0].isdigit() or (len(token.norm) == 2 and is_stopword(token.base))


def _only_time(tokens: Sequence[Token], group: list[int], refs: Sequence[TimeRef]) -> bool:
    """True when every word of the piece lies inside a time expression (a dateline)."""
    words = [tokens[m] for m in group if tokens[m].norm[0].isalnum()]
    return bool(words) and all(any(r.start <= t.start and t.end <= r.end for r in refs) for t in words)


def _frame_only(tokens: Sequence[Token]) -> bool:
    """True for a piece that only names a source: a cue verb with no «أن/إن» and nothing
    quoted after it (وقالت وكالة الأنباء المركزية), or a source marker (بحسب المصدر نفسه)."""
    words = [t for t in tokens if t.norm[0].isalnum()]
    if not words:
        return True
    first = words[0].norm
    if first in SOURCE_MARKERS or (first in SOURCE_VERB_MARKERS and len(words) <= 6):
        return True
    if first in SAY_VERBS and len(words) <= FRAME_MAX_WORDS:
        has_content = any(t.norm in THAT or t.norm == ":" or t.norm in "\"“”«»" for t in tokens)
        return not has_content
    return False


def _spans_of(tokens: Sequence[Token], group: list[int]) -> list[tuple[int, int]]:
    """Contiguous article offsets covered by the token indexes of ``group``."""
    spans: list[tuple[int, int]] = []
    for m in group:
        t = tokens[m]
        if spans and m - 1 in group and group.index(m) > 0 and group[group.index(m) - 1] == m - 1:
            spans[-1] = (spans[-1][0], t.end)
        else:
            spans.append((t.start, t.end))
    return spans


#: words after which a number in this range is a year (في عام 1980، سنة 2007)
YEAR_WORDS = norm_keys("عام", "العام", "سنة", "السنة", "لعام", "للعام", "بعام", "ولعام")
YEAR_RANGE = (1000, 2200)


def _is_year(piece: str, start: int, value: float) -> bool:
    """True when the number at ``piece[start:]`` is a year: a whole number in :data:`YEAR_RANGE`
    right after a year word (عام، سنة)."""
    before = piece[:start].split()
    return (YEAR_RANGE[0] <= value <= YEAR_RANGE[1] and value == int(value)
            and bool(before) and normalize(before[-1]) in YEAR_WORDS)


def _unit_word(tokens: Sequence[Token], start: int, end: int, unit: str) -> str:
    """The unit word of the number at ``[start, end)``: ``unit`` as :func:`marsad.similarity.numbers_of`
    read it, unless that is the next conjunct («البحارة الخمسة عشر ومشاة البحرية»: the number
    follows its noun, and «ومشاة» opens the next item), in which case the content word just
    before the number (البحارة) is the unit, else none."""
    after = next((t for t in tokens if t.start >= end and t.norm[0].isalnum()), None)
    if after is None or "و" not in after.prefixes or stem(after.norm) != unit:
        return unit
    before = [t for t in tokens if t.end <= start]
    if before and before[-1].norm[0].isalpha() and not is_stopword(before[-1].base):
        return stem(before[-1].norm)
    return ""


def _slot_context(words: Sequence[Token], start: int, end: int) -> frozenset[str]:
    """Stems of the content words just before and after the article span ``[start, end)``
    (``words``: the proposition's content-word tokens in order)."""
    before = [t for t in words if t.end <= start][-SLOT_CONTEXT_BEFORE:]
    after = [t for t in words if t.start >= end][:SLOT_CONTEXT_AFTER]
    return frozenset(stem(t.norm) for t in before + after)


def _is_preposition(token: Token) -> bool:
    """A preposition (في، خلال، مقارنة …) or a content word carrying a preposition proclitic (بالفترة، للموقع)."""
    if token.norm in MEASURE_PREPOSITIONS or token.base in MEASURE_PREPOSITIONS:
        return True
    return bool(set(token.prefixes) & PREPOSITION_PROCLITICS) and bool(token.base) and not is_stopword(token.base)


def _is_ordinal(token: Token) -> bool:
    """An ordinal word of the numbers layer that is no cardinal (الأولى، الثاني)."""
    return parse_number(token.base) is None and parse_number(token.base, ordinals=True) is not None


def measured_head(tokens: Sequence[Token], start: int, edge: int = 0, general: bool = False) -> Token | None:
    """The head of the noun phrase a number at offset ``start`` measures or counts (``tokens``: its piece's tokens;
    ``edge``: where the previous number and its unit word end). Walking back from the number: quotes and brackets are
    skipped; clause punctuation, a number, ``edge`` and the piece's start end the walk; linking words
    (:data:`MEASURE_LINKS`) and function words are skipped; a preposition (:func:`_is_preposition`) drops the words
    collected so far (they were its object: «صافي ربح خلال الربع الثاني بلغ 1941»); the walk stops once
    :data:`MEASURE_WORDS` content words are collected and the word before them is no preposition. Arabic noun
    phrases are head-first, so the head is the first (leftmost) word collected: «ربحية السهم 1.03 ريال» → ربحية.
    ``general`` (second registration): a locative (:data:`MEASURE_LOCATIVES`: خارج، داخل) is a preposition too, and
    the Arabic layer's function words (:func:`marsad.arabic.stopwords.is_function_word`: وهي، أنه) and ordinals
    (الأولى) are skipped: «رحلته الأولى خارج كوريا الشمالية بعد ثلاث سنوات» → رحلته."""
    collected: list[Token] = []
    for t in reversed([t for t in tokens if t.end <= start]):
        if t.start < edge:
            break
        if not t.norm[0].isalnum():
            if t.norm in CLAUSE_PUNCT:
                break
            continue  # quotes, brackets: «محمد علاونة (22 عامًا)»
        if t.norm[0].isdigit():
            break
        if _is_preposition(t) or (general and (t.norm in MEASURE_LOCATIVES or t.base in MEASURE_LOCATIVES)):
            collected = []
            continue
        function = (t.norm in MEASURE_LINKS or t.base in MEASURE_LINKS or not t.base or is_stopword(t.base)
                    or not t.norm[0].isalpha())
        if general and not function:
            function = is_function_word(t.text) or _is_ordinal(t)
        if len(collected) >= MEASURE_WORDS:
            break
        if not function:
            collected.append(t)
    return collected[-1] if collected else None


def number_period(tokens: Sequence[Token], start: int, edge: int = 0) -> tuple[str, str] | None:
    """The period of the number at offset ``start`` (``tokens``: its piece's tokens; ``edge``: where the previous
    number and its unit word end): the first period expression between ``edge`` and the number — a period noun
    (:data:`PERIOD_NOUNS`) followed by an ordinal (الربع الثاني → ("ربع", "2")) or a direction word of the timex
    vocabulary (العام الماضي → ("عام", "past")), or after هذا/هذه (هذا العام → ("عام", "current")); else None."""
    words = [t for t in tokens if edge <= t.start and t.end <= start]
    for k, t in enumerate(words):
        noun = PERIOD_NOUNS.get(t.base) if t.norm[0].isalpha() else None
        if noun is None:
            continue
        after = words[k + 1] if k + 1 < len(words) and words[k + 1].norm[0].isalpha() else None
        if after is not None and _is_ordinal(after):
            return noun, str(int(parse_number(after.base, ordinals=True) or 0))
        if after is not None and after.norm in PERIOD_DIRECTIONS:
            return noun, PERIOD_DIRECTIONS[after.norm]
        if k > 0 and words[k - 1].norm in timex_vocab.THIS:
            return noun, "current"
    return None


def _unit_edge(tokens: Sequence[Token], end: int) -> int:
    """Where the number ending at ``end`` and its unit word (the first content word after it, as
    :func:`marsad.similarity.numbers_of` reads it) end."""
    for t in tokens:
        if t.start < end:
            continue
        if not t.norm[0].isalnum():
            break
        if t.norm[0].isdigit() or is_stopword(t.base):
            continue
        return t.end
    return end


def place_of(norm: str) -> str | None:
    """The canonical place (a country or city of the gazetteer) a word names (العراق، بإيران) or
    relates to as a nisba adjective (العراقية، الإيرانيين), else None."""
    names = gazetteer().names
    for form in (norm, *place_forms(norm)):
        sense = names.get(form)
        if sense is not None and sense[0] == "LOC":
            return sense[1]
    return None


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    """Canonical names of the countries and territories of the gazetteer (countries.tsv)."""
    text = resources.files("marsad.knowledge.gazetteer").joinpath("countries.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return frozenset((row[2] if len(row) > 2 and row[2].strip() else row[0]).strip() for row in rows)


def places_comparable(a: str, b: str) -> bool:
    """True when two canonical places can disagree as answers to one "where": both countries,
    or both cities (and neither known to lie in the other). A country in one article and a city
    in another (روسيا / فلاديفوستوك) is a coarser and a finer answer, no disagreement."""
    countries = _countries()
    if (a in countries) != (b in countries):
        return False
    inside = gazetteer().countries
    return inside.get(a) != b and inside.get(b) != a


def _places(text: str, spans: Sequence[tuple[int, int]]) -> dict[str, frozenset[str]]:
    """The "where" slots of a proposition: canonical place → stems of the content words between
    a locative preposition (:data:`LOCATIVES`, at most :data:`LOCATIVE_WINDOW` words before) and
    the place word — what is placed (في المياه الإقليمية العراقية → مياه، اقليم). A place right
    after its preposition (إلى روسيا) gives no slot."""
    found: dict[str, frozenset[str]] = {}
    for x, y in spans:
        tokens = [t for t in tokenize(text[x:y], offset=x) if t.norm[0].isalpha()]
        for k, t in enumerate(tokens):
            opener = next((m for m in range(k - 1, max(-1, k - 1 - LOCATIVE_WINDOW), -1)
                           if tokens[m].norm in LOCATIVES or tokens[m].base in LOCATIVES), None)
            if opener is None:
                continue
            place = place_of(t.base or t.norm) or place_of(t.norm)
            if place is None:
                continue
            # what is placed: the words between the preposition and the place (في المياه الإقليمية
            # العراقية); a bare place (وصل إلى روسيا، خارج كوريا) places an event, which two articles
            # may well report in different places (arrived in Vladivostok / met at Vostochny)
            inside = tokens[opener + 1:k]
            context = [b for b in inside if b.base and not is_stopword(b.base) and place_of(b.base) is None]
            if not context:
                continue
            found[place] = found.get(place, frozenset()) | frozenset(stem(b.norm) for b in context[-PLACE_CONTEXT:])
    return found


def _slots(
    text: str, spans: Sequence[tuple[int, int]], refs: Sequence[TimeRef],
    measures: dict[tuple[str, str, Any], frozenset[tuple[str, str]]] | None = None,
    general: tuple[dict[tuple[str, str, Any], frozenset[str]], dict[tuple[str, str, Any], frozenset[tuple[str, str]]]]
    | None = None,
) -> tuple[frozenset[str], dict[str, frozenset[float]], dict[tuple[str, str, Any], frozenset[str]]]:
    """Resolved dates, numbers by unit word, and the context of each slot value (places
    included: ``("place", "", canonical)``), for the proposition made of ``spans`` of the
    article ``text``. ``measures``, when given, receives the measured head of each number slot
    (:func:`measured_head`, as (stem, root key) pairs); ``general``, when given, two dicts that receive the stems of
    the general walk's heads and the periods (:func:`number_period`) of each number slot."""
    words = [t for x, y in spans for t in tokenize(text[x:y], offset=x)
             if t.norm[0].isalpha() and not is_stopword(t.base)]
    context: dict[tuple[str, str, Any], frozenset[str]] = {}
    dates: set[str] = set()
    for r in refs:
        if (r.kind in DATE_KINDS and is_day(r.value) and not r.relative
                and any(x <= r.start and r.end <= y + 1 for x, y in spans)):
            dates.add(r.value)
            context[("date", "", r.value)] = context.get(("date", "", r.value), frozenset()) | _slot_context(
                words, r.start, r.end)
        if r.time and CLOCK_RE.fullmatch(r.time) and any(x <= r.start and r.end <= y + 1 for x, y in spans):
            # a clock time (في الساعة 8:50 صباحا) is a "when" of its own: 08:50 and 08:30 for one
            # explosion disagree even on the same day
            key = ("clock", "", r.time)
            context[key] = context.get(key, frozenset()) | _slot_context(words, r.start, r.end)
    # inside a resolved date, a number is its day (kept: «23 مارس 2007» and an unanchored «23 مارس»
    # of another article still agree) or its year or a misread ordinal — «السادس والعشرين من فبراير
    # 2016» gave «العشرين» (20) the unit فبراير and 2016 a unit word of its own, which disagreed with
    # «26 فبراير» of another article and kept the two apart; those are dropped (durations stay counts)
    day_of = [(r.start, r.end, int(r.value[8:10])) for r in refs
              if r.kind in DATE_KINDS and is_day(r.value) and not r.relative]
    numbers: dict[str, set[float]] = {}
    for x, y in spans:
        piece = text[x:y]
        piece_tokens = tokenize(piece)
        edge = 0
        for (n_start, n_end, _), (value, unit) in zip(find_numbers(piece), numbers_of(piece), strict=True):
            head = measured_head(piece_tokens, n_start, edge) if measures is not None else None
            head2 = measured_head(piece_tokens, n_start, edge, general=True) if general is not None else None
            period = number_period(piece_tokens, n_start, edge) if general is not None else None
            edge = _unit_edge(piece_tokens, n_end)
            unit = _unit_word(piece_tokens, n_start, n_end, unit)
            if any(a <= x + n_start and x + n_end <= b and value != day for a, b, day in day_of):
                continue
            if not unit or value == 1 or _is_year(piece, n_start, value):
                # a year (في عام 1980) names a time, not a count: 1980 and 2007 do not conflict;
                # «واحدة من البحارة» singles one out of a group, it does not count the group
                continue
            numbers.setdefault(unit, set()).add(value)
            key = ("number", unit, value)
            context[key] = context.get(key, frozenset()) | _slot_context(words, x + n_start, x + n_end)
            if measures is not None and head is not None:
                measures[key] = measures.get(key, frozenset()) | {(stem(head.norm), root_key(head.base))}
            if general is not None and head2 is not None:
                general[0][key] = general[0].get(key, frozenset()) | {stem(head2.norm)}
            if general is not None and period is not None:
                general[1][key] = general[1].get(key, frozenset()) | {period}
    for place, place_context in _places(text, spans).items():
        context[("place", "", place)] = place_context
    return frozenset(dates), {k: frozenset(v) for k, v in sorted(numbers.items())}, context


def _comparison(tokens: Sequence[Token], k: int) -> bool:
    """True when the plan word ``tokens[k]`` stands in a comparison with the expectation (أكبر مما كان متوقعا، كما
    هو متوقع، أكثر من المتوقع): what it says is an outcome measured against a plan, not a plan."""
    before = [t.norm for t in tokens[max(0, k - 2):k]]
    if before and before[-1] in PLAN_COMPARISONS:
        return True
    if len(before) == 2 and before[-1] in PLAN_AS_LINKS and before[-2] in PLAN_COMPARISONS | PLAN_AS:
        return True
    return len(before) == 2 and before[-1] in PLAN_THAN and before[-2] in ELATIVES


def is_plan(tokens: Sequence[Token], cue: str | None = None) -> bool:
    """True when a proposition's ``tokens`` state a plan or an expectation — a word of :data:`PLAN_WORDS` (by its
    normalized form or its base) not in a comparison with the expectation — or when its statement's ``cue`` is a
    verb or participle of expecting (:data:`PLAN_CUES`: توقعت الوكالة أن …)."""
    if cue is not None and normalize(cue) in PLAN_CUES:
        return True
    return any((t.norm in PLAN_WORDS or t.base in PLAN_WORDS) and not _comparison(tokens, k)
               for k, t in enumerate(tokens))


def _clean(text: str) -> str:
    """A proposition's text without leading/trailing punctuation or doubled commas."""
    text = re.sub(r"([،,])(\s*[،,])+", r"\1", text)
    return text.strip(" ،,؛;:.-–—").strip()


def _attribution(quote: Quote, article_text: str) -> dict[str, Any]:
    """What a statement says about who vouches for its content."""
    sp = quote.speaker
    return {
        "speaker": sp.name or sp.text,
        "kind": sp.kind,
        "role": sp.role,
        "cue": quote.cue,
        "via": list(quote.via),
        "frame": _clean(article_text[quote.start:quote.content_start]) or None,
    }


def _relay(quote: Quote | None, outlet: str | None) -> str | None:
    """The named agency/outlet a statement is relayed from (not the article's own outlet)."""
    if quote is None:
        return None
    candidates = list(quote.via)
    if quote.speaker.kind == "source" and quote.speaker.name:
        candidates.append(quote.speaker.name)
    own = normalize(outlet or "")
    for name in candidates:
        if name and normalize(name) != own:
            return name
    return None


def propositions_of(
    unit: Unit,
    quotes: Sequence[Quote] = (),
    mentions: Sequence[Mention] = (),
    timerefs: Sequence[TimeRef] = (),
    start_index: int = 0,
) -> list[Proposition]:
    """The propositions of one sentence (see the module doc); ``quotes``, ``mentions`` and
    ``timerefs`` are those of the sentence (any order)."""
    text = unit.article.text
    s_start, s_end = unit.sentence.start, unit.sentence.end
    segments: list[tuple[int, int, Quote | None]] = []
    covered: list[tuple[int, int]] = []
    for q in sorted(quotes, key=lambda q: (q.start, q.content_start)):
        a, b = max(q.content_start, s_start), min(q.content_end, s_end)
        if b > a:
            segments.append((a, b, q))
        covered.append((max(q.start, s_start), min(max(q.end, q.content_end), s_end)))
    cursor = s_start
    for a, b in sorted(covered):
        if a > cursor:
            segments.append((cursor, a, None))
        cursor = max(cursor, b)
    if cursor < s_end:
        segments.append((cursor, s_end, None))
    segments.sort(key=lambda seg: seg[0])
    found: list[Proposition] = []
    for a, b, quote in segments:
        tokens = tokenize(text[a:b], offset=a)
        groups = _pieces(tokens)
        # glue pieces without enough content to their neighbour (the previous main piece)
        kept: list[list[int]] = []
        for g in groups:
            piece = " ".join(tokens[m].text for m in g)
            if kept and len(content_terms(piece)) < MIN_FACT_TERMS and g[0] > kept[-1][-1]:
                kept[-1] = kept[-1] + g
            else:
                kept.append(g)
        if len(kept) > 1 and len(content_terms(" ".join(tokens[m].text for m in kept[0]))) < MIN_FACT_TERMS:
            kept[1] = sorted(kept[0] + kept[1])
            kept = kept[1:]
        for g in kept:
            group_tokens = [tokens[m] for m in g]
            if quote is None and _frame_only(group_tokens):
                continue
            spans = _spans_of(tokens, g)
            ptext = _clean(" ".join(text[x:y] for x, y in spans))
            terms = content_terms(ptext)
            if len(terms) < MIN_FACT_TERMS:
                continue
            if _only_time(tokens, g, timerefs):
                continue  # a dateline (الجمعة 23 مارس 2007) states no fact
            norms = {t.norm for t in group_tokens}
            bases = {t.base for t in group_tokens}
            inside = [(x, y) for x, y in spans]
            inner = sorted((m for m in mentions if any(x <= m.start and m.end <= y for x, y in inside)),
                           key=lambda m: (m.start, m.end))
            ents = frozenset(m.entity or "~" + normalize(m.text) for m in inner)
            measures: dict[tuple[str, str, Any], frozenset[tuple[str, str]]] = {}
            heads: dict[tuple[str, str, Any], frozenset[str]] = {}
            periods: dict[tuple[str, str, Any], frozenset[tuple[str, str]]] = {}
            dates, numbers, slot_context = _slots(text, spans, timerefs, measures, (heads, periods))
            found.append(Proposition(
                index=start_index + len(found), unit=unit, spans=spans, text=ptext, terms=terms,
                attribution=_attribution(quote, text) if quote is not None else None,
                relay=_relay(quote, unit.article.outlet),
                entities=ents, dates=dates, numbers=numbers, slot_context=slot_context, slot_measure=measures,
                owners=frozenset(m.entity or "~" + normalize(m.text) for m in inner if m.type in ("PER", "ORG")),
                slot_heads=heads, slot_period=periods,
                organisations=frozenset(m.entity or "~" + normalize(m.text) for m in inner if m.type == "ORG"),
                places=frozenset(k[2] for k in slot_context if k[0] == "place"),
                clocks=frozenset(k[2] for k in slot_context if k[0] == "clock"),
                # a denial frame (نفت الوزارة أن …) negates what it frames
                negated=bool((norms | bases) & NEGATIONS) != (quote is not None and normalize(quote.cue) in NEGATIONS),
                expected=bool((norms | bases) & EXPECTATION_WORDS),
                planned=is_plan(group_tokens, quote.cue if quote is not None else None),
                words=tuple(light_stem(t.base) for t in group_tokens
                            if t.norm[0].isalpha() and t.base and not is_stopword(t.base)),
                lead_entity=(inner[0].entity or "~" + normalize(inner[0].text)) if inner else None,
            ))
    for p in found:
        p.witness = ("relay:" + normalize(p.relay)) if p.relay else p.unit.source
    return found


def is_accusation(quote: Quote) -> bool:
    """True for a statement made by an accusation verb (اتهم X Y بـ…): that X accused Y is the fact
    outlets report, so its frame is not peeled off as an attribution."""
    return normalize(quote.cue) in ACCUSE_VERBS


#: each article's quotes (accusations left out), mentions and time expressions, in corpus order
ArticleAnnotations = dict[str, tuple[list[Quote], list[Mention], list[TimeRef]]]


def annotations_by_article(corpus: Corpus, ids: set[str] | None = None) -> ArticleAnnotations:
    """The quotes (not accusations), mentions and time expressions of each article (of ``ids``
    only, when given), each list in corpus order: built once, it spares a caller consolidating
    many stories a scan of the whole corpus per story."""
    index: ArticleAnnotations = {}
    for q in corpus.quotes:
        if (ids is None or q.article in ids) and not is_accusation(q):
            index.setdefault(q.article, ([], [], []))[0].append(q)
    for m in corpus.mentions:
        if ids is None or m.article in ids:
            index.setdefault(m.article, ([], [], []))[1].append(m)
    for r in corpus.timerefs:
        if ids is None or r.article in ids:
            index.setdefault(r.article, ([], [], []))[2].append(r)
    return index


def story_propositions(
    units: Sequence[Unit], corpus: Corpus | None = None, annotations: ArticleAnnotations | None = None,
) -> list[Proposition]:
    """Propositions of every unit, in unit order, indexed 0..n-1. ``annotations``:
    :func:`annotations_by_article` of the corpus, when the caller has it (read from
    ``corpus`` otherwise)."""
    by_sentence: dict[tuple[str, int], tuple[list[Quote], list[Mention], list[TimeRef]]] = {}
    ids = {u.article.id for u in units}
    if annotations is None and corpus is not None:
        annotations = annotations_by_article(corpus, ids)
    if annotations is not None:
        for article_id in sorted(ids):
            quotes, mentions, refs = annotations.get(article_id, ([], [], []))
            for q in quotes:
                by_sentence.setdefault((q.article, q.sentence), ([], [], []))[0].append(q)
            for m in mentions:
                by_sentence.setdefault((m.article, m.sentence), ([], [], []))[1].append(m)
            for r in refs:
                by_sentence.setdefault((r.article, r.sentence), ([], [], []))[2].append(r)
    found: list[Proposition] = []
    for u in units:
        quotes, mentions, refs = by_sentence.get(u.key, ([], [], []))
        found.extend(propositions_of(u, quotes, mentions, refs, start_index=len(found)))
    carry_organisations(found)
    return found


def carry_organisations(props: Sequence[Proposition]) -> None:
    """Give each proposition that names no organisation the organisations of the nearest earlier proposition of
    its article that names one (``carried``): «سجل مصرف الراجحي صافي أرباح …» then «أنه حقق صافي ربح …»."""
    last: dict[str, frozenset[str]] = {}
    for p in sorted(props, key=lambda p: (p.article, p.unit.sentence.start, p.spans[0][0] if p.spans else 0)):
        if p.organisations:
            last[p.article] = p.organisations
        else:
            p.carried = last.get(p.article, frozenset())
