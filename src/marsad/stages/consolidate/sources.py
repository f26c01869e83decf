"""Which articles count as independent sources, and the units (sentences) consolidation reads."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from marsad.arabic.keys import word_keys
from marsad.arabic.normalize import normalize
from marsad.model import Article, Corpus, Sentence
from marsad.similarity import SentenceSimilarity
from marsad.stages.consolidate import familymodel
from marsad.stages.consolidate.familymodel import FamilyModel
from marsad.unionfind import UnionFind

#: sentences with fewer content terms than this are neither claims nor summary material
MIN_CONTENT_TERMS = 4
#: and fewer words than this (headlines, captions, bylines)
MIN_WORDS = 6
#: one article carries another's text when this share of the shorter one's word shingles
#: is in the longer one. Measured on SaudiNewsNet stories of the claims DEV set: one SPA or
#: AFP text reworded and extended by outlets 0.31–0.96, Reuters copies 0.77–1.0; separate
#: WikiNews articles of one MultiLing topic (M000, M002, M003), one of which copies two
#: sentences of another: ≤ 0.21
COPY_CONTAINMENT = 0.3
#: words per shingle
SHINGLE_WORDS = 4
#: and they share at least this many shingles (two one-sentence briefs that share a phrase
#: are not one text)
COPY_MIN_SHARED = 12
#: shingles found in more articles than this are boilerplate, not evidence of copying
COPY_MAX_POSTINGS = 50
#: shared passages: runs of at least this many consecutive normalized words found in both
#: articles (a sentence copied whole or in part, a clause kept through a rewording) — successive
#: dispatches of one agency and a release reworded clause by clause keep a few such runs at a
#: 4-gram containment under COPY_CONTAINMENT (nineteenth session, docs/consolidate.md)
PASSAGE_WORDS = 8
#: the shorter article's words inside shared passages: at least this many
PASSAGE_MIN_WORDS = 15
#: and at least this share of the shorter article's words
PASSAGE_SHARE = 0.10
#: and the longer article's words inside them at least this share of its words (a long roundup
#: or feature that reprints one short item stays its own source)
PASSAGE_LONG_SHARE = 0.05
#: shared passages in the lead (``passages="lead"``): in each article a shared passage begins within
#: its first PASSAGE_LEAD_SHARE of words or its first PASSAGE_LEAD_WORDS words, whichever is longer —
#: a relay of a wire or a release keeps the source's opening (written lead first, cut from the bottom);
#: an outlet's own report that reprints a sentence or two puts its own lead first (nineteenth session,
#: second variant, docs/consolidate.md)
PASSAGE_LEAD_SHARE = 1 / 3
#: about one Arabic lead sentence: a brief's opening is not a handful of words
PASSAGE_LEAD_WORDS = 40
#: copied wording inside a claim: two propositions carry one text when they share a run of at least this
#: many consecutive word keys, or — when the shorter has MIN_COPIED_WORDS to COPY_RUN_WORDS − 1 words — the
#: whole shorter one (twentieth session's registration, docs/consolidate.md; one setting, not tuned)
COPY_RUN_WORDS = 6
#: shorter propositions than this never count as copied (a three-word phrase is a formula, not a text)
MIN_COPIED_WORDS = 4
#: how copied_pairs uses shared passages: False (not), True (anywhere), "lead" (beginning in both leads)
Passages = bool | Literal["lead"]
#: whether copied_pairs uses shared passages by default: "lead" (nineteenth session, second variant,
#: adopted by the rule registered before it was measured: families dev F1 0.736 -> 0.832 at precision
#: 1.000, claims DEV unchanged). Passages anywhere (True) were measured first and not adopted: precision
#: 0.972 (an outlet's own report reprinting two release sentences, two earnings disclosures in one
#: template) and M0029 joined M0023 on claims DEV
USE_PASSAGES: Passages = "lead"
#: copied sentences (twentieth session, second registration, docs/consolidate.md): two articles are one
#: source when at least this share of the shorter one's sentences of >= MIN_WORDS word keys each share a
#: run of >= COPY_RUN_WORDS consecutive word keys with some sentence of the other (a relay that rewords
#: its lead and copies the rest; one setting, not tuned)
COPIED_SENTENCES_SHARE = 0.5
#: and at least this many of its sentences (one reprinted sentence is a quote, not a copy)
COPIED_SENTENCES_MIN = 2
#: whether copied_pairs uses copied sentences by default. Measured once and not adopted: families dev F1
#: 0.832 -> 0.836 at precision 0.971 (the rule needs +0.03 at >= 0.98: two results notices in one template, an
#: own report that reprints most of a short release joined to it); claims DEV all rounds 0.490 / 0.561 -> 0.471 /
#: 0.622 (the one-text relays it was meant for do join)
USE_COPIED_SENTENCES = False
#: one text told in the same order (twentieth session, fourth registration, docs/consolidate.md): two sentences
#: of >= MIN_WORDS word keys match when their lexical similarity (marsad.similarity: the blend's lexical part) is
#: at least this
ORDERED_SIMILARITY = 0.5
#: two articles are one source when a monotone alignment (longest common subsequence) of their matching
#: sentences covers at least this share of the shorter one's (the one with fewer such sentences)
ORDERED_SHARE = 0.6
#: and at least this many, and its first pair begins in both articles' leads (:func:`_in_lead`); one setting,
#: not tuned
ORDERED_MIN = 2
#: whether copied_pairs uses one text told in the same order by default. Measured once and not adopted: families
#: dev F1 0.832 -> 0.826 at precision 0.944 (the rule needs +0.03 at >= 0.98: a 3-sentence brief aligned with an own
#: report of the same crash by its lead and one more sentence, two results notices in one template); the one-text
#: relays it was meant for do join (SNN2-07-21-1302, the Hamburg fire)
USE_ORDERED_TEXT = False
#: whether copied_pairs also joins the pairs the learned same-source decision calls one source
#: (:mod:`marsad.stages.consolidate.familymodel`, its weights in family_model.json; twenty-first session,
#: docs/consolidate.md)
USE_LEARNED_FAMILIES = False


def _grams(words: Sequence[str], n: int) -> set[tuple[str, ...]]:
    """The word ``n``-grams of a word list."""
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def copy_runs(words: Sequence[str]) -> set[tuple[str, ...]]:
    """The runs of :data:`COPY_RUN_WORDS` consecutive words of a word list: what two texts share when
    one copies the other's wording (the one place the copied-wording run is defined)."""
    return _grams(words, COPY_RUN_WORDS)


def _pair_counts(grams: list[set[tuple[str, ...]]]) -> Counter[tuple[int, int]]:
    """Shared n-grams per pair of articles (indexes), boilerplate n-grams left out."""
    postings: dict[tuple[str, ...], list[int]] = {}
    for i, article_grams in enumerate(grams):
        for gram in article_grams:
            postings.setdefault(gram, []).append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for ids in postings.values():
        if 1 < len(ids) <= COPY_MAX_POSTINGS:
            shared.update(itertools.combinations(ids, 2))
    return shared


def _passage_cover(words: Sequence[str], other: set[tuple[str, ...]]) -> tuple[int, int]:
    """(how many of ``words`` lie in a run of :data:`PASSAGE_WORDS` that ``other`` holds, where the
    first such run begins; ``len(words)`` when none)."""
    covered: set[int] = set()
    first = len(words)
    for i in range(len(words) - PASSAGE_WORDS + 1):
        if tuple(words[i:i + PASSAGE_WORDS]) in other:
            covered.update(range(i, i + PASSAGE_WORDS))
            first = min(first, i)
    return len(covered), first


def _in_lead(position: int, length: int) -> bool:
    """Whether word ``position`` of an article of ``length`` words lies in its opening: its first
    :data:`PASSAGE_LEAD_SHARE` of words or first :data:`PASSAGE_LEAD_WORDS` words, whichever is longer."""
    return position < max(PASSAGE_LEAD_WORDS, PASSAGE_LEAD_SHARE * length)


def shared_passages(a: Sequence[str], b: Sequence[str], lead: bool = False) -> bool:
    """Whether two articles' word lists (normalized) share passages enough to be one text: the
    words of each inside runs of :data:`PASSAGE_WORDS` words found in the other number at least
    :data:`PASSAGE_MIN_WORDS` and :data:`PASSAGE_SHARE` of the shorter one's words, and
    :data:`PASSAGE_LONG_SHARE` of the longer one's; with ``lead``, and a shared run begins in the
    opening of each (:func:`_in_lead`)."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < PASSAGE_MIN_WORDS:
        return False
    short_words, short_first = _passage_cover(short, _grams(long_, PASSAGE_WORDS))
    if short_words < max(PASSAGE_MIN_WORDS, PASSAGE_SHARE * len(short)):
        return False
    if lead and not _in_lead(short_first, len(short)):
        return False
    long_words, long_first = _passage_cover(long_, _grams(short, PASSAGE_WORDS))
    if lead and not _in_lead(long_first, len(long_)):
        return False
    return long_words >= PASSAGE_LONG_SHARE * len(long_)


def copied_wording(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether two propositions' word lists (word keys of ``normalize``-d text, as the passages measure
    reads them) share copied wording: a run of at least :data:`COPY_RUN_WORDS` consecutive words, or, when
    the shorter has :data:`MIN_COPIED_WORDS` to ``COPY_RUN_WORDS − 1`` words, a run as long as the whole
    shorter one (it lies word for word inside the other)."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < MIN_COPIED_WORDS:
        return False
    if len(short) < COPY_RUN_WORDS:
        return tuple(short) in _grams(long_, len(short))
    return not copy_runs(short).isdisjoint(copy_runs(long_))


def sentence_runs(article: Article) -> list[set[tuple[str, ...]]]:
    """The copied-wording runs (:func:`copy_runs`) of each sentence of ``article`` of at least
    :data:`MIN_WORDS` word keys (its ingest sentences, read as the passages measure reads words)."""
    runs = []
    for sentence in article.sentences:
        words = word_keys(sentence.norm or normalize(sentence.text))
        if len(words) >= MIN_WORDS:
            runs.append(copy_runs(words))
    return runs


def copied_sentences(a: Sequence[set[tuple[str, ...]]], b: Sequence[set[tuple[str, ...]]]) -> bool:
    """Whether two articles, given their sentences' runs (:func:`sentence_runs`), are one text by
    copied sentences: at least :data:`COPIED_SENTENCES_SHARE` of the shorter one's sentences (the one
    with fewer; ties: either), and at least :data:`COPIED_SENTENCES_MIN`, each share a run with some
    sentence of the other — a relay that rewords its lead and copies the rest."""

    def enough(short: Sequence[set[tuple[str, ...]]], long_: Sequence[set[tuple[str, ...]]]) -> bool:
        if len(short) < COPIED_SENTENCES_MIN:
            return False
        other = set().union(*long_)
        copied = sum(not runs.isdisjoint(other) for runs in short)
        return copied >= COPIED_SENTENCES_MIN and copied >= COPIED_SENTENCES_SHARE * len(short)

    if len(a) != len(b):
        return enough(*((a, b) if len(a) < len(b) else (b, a)))
    return enough(a, b) or enough(b, a)


@dataclass(slots=True)
class OrderedSentences:
    """An article's sentences of at least :data:`MIN_WORDS` word keys, as the ordered-text measure reads
    them: their texts, and whether each begins in the article's lead (:func:`_in_lead`)."""

    texts: list[str]
    in_lead: list[bool]


def ordered_sentences(article: Article, length: int | None = None) -> OrderedSentences:
    """The sentences of ``article`` of at least :data:`MIN_WORDS` word keys, each with whether it begins in
    the article's lead: its first word's position among the article's word keys (``normalize``-d text, as
    the passages measure counts them; ``length``: their number, when known) is in :func:`_in_lead`."""
    if length is None:
        length = len(word_keys(normalize(article.text)))
    texts, in_lead = [], []
    position, end = 0, 0
    for sentence in article.sentences:
        position += len(word_keys(normalize(article.text[end:sentence.start])))  # words between sentences
        words = len(word_keys(sentence.norm or normalize(sentence.text)))
        if words >= MIN_WORDS:
            texts.append(sentence.text)
            in_lead.append(_in_lead(position, length))
        position += words
        end = max(end, sentence.end)
    return OrderedSentences(texts, in_lead)


def alignment_table(match: np.ndarray) -> np.ndarray:
    """Longest monotone alignments (longest common subsequences) of a boolean match matrix: ``table[i, j]`` is the
    longest alignment of rows ``i..`` with columns ``j..`` (so ``table[0, 0]`` is the whole one's length)."""
    na, nb = match.shape
    longest = np.zeros((na + 1, nb + 1), dtype=np.int64)
    for i in range(na - 1, -1, -1):
        for j in range(nb - 1, -1, -1):
            skip = max(longest[i + 1, j], longest[i, j + 1])
            longest[i, j] = max(skip, longest[i + 1, j + 1] + 1) if match[i, j] else skip
    return longest


def ordered_alignment(match: np.ndarray, lead_a: Sequence[bool], lead_b: Sequence[bool]) -> bool:
    """Whether two articles' sentences are one text told in the same order, given which pairs match
    (``match[i, j]``: sentence ``i`` of one and ``j`` of the other, see :func:`copied_pairs`) and which
    sentences begin in each lead: their longest monotone alignment (longest common subsequence) covers at
    least :data:`ORDERED_SHARE` of the shorter one's sentences (the one with fewer) and at least
    :data:`ORDERED_MIN`, and a longest alignment has its first pair in both leads — a relay keeps the
    source's sentences in their order from the lead on; a report quoting a release puts its own lead first."""
    na, nb = match.shape
    bar = max(ORDERED_MIN, ORDERED_SHARE * min(na, nb))
    if min(na, nb) < ORDERED_MIN or min(match.any(axis=1).sum(), match.any(axis=0).sum()) < bar:
        return False  # too few sentences match at all
    longest = alignment_table(match)
    best = int(longest[0, 0])
    if best < bar:
        return False
    return any(match[i, j] and lead_a[i] and lead_b[j] and longest[i + 1, j + 1] + 1 == best
               for i in range(na) for j in range(nb))


def ordered_pairs(articles: Sequence[Article], lengths: Sequence[int] | None = None) -> list[tuple[int, int]]:
    """Pairs of article indexes ``i < j`` that are one text told in the same order (:func:`ordered_alignment`),
    two sentences matching at lexical similarity >= :data:`ORDERED_SIMILARITY` — the lexical part of
    :class:`marsad.similarity.SentenceSimilarity`, its IDF fitted once over the story's sentences of at least
    :data:`MIN_WORDS` words (``lengths``: each article's number of word keys, when known)."""
    units = [ordered_sentences(a, None if lengths is None else lengths[k]) for k, a in enumerate(articles)]
    starts = np.cumsum([0] + [len(u.texts) for u in units])
    texts = [t for u in units for t in u.texts]
    if not texts:
        return []
    match = SentenceSimilarity(texts, use_embeddings=False).lexical_matrix() >= ORDERED_SIMILARITY
    pairs = []
    for i, j in itertools.combinations(range(len(articles)), 2):
        block = match[starts[i]:starts[i + 1], starts[j]:starts[j + 1]]
        if ordered_alignment(block, units[i].in_lead, units[j].in_lead):
            pairs.append((i, j))
    return pairs


def copied_pairs(articles: Sequence[Article], passages: Passages | None = None,
                 sentences: bool | None = None, ordered: bool | None = None,
                 learned: bool | FamilyModel | None = None) -> list[tuple[str, str]]:
    """Pairs of article ids where one carries the other's text: at least
    :data:`COPY_CONTAINMENT` of the shorter one's word shingles are in the longer one (a wire
    text two outlets print, lightly edited, cut or merged into fewer sentences — which a
    near-duplicate test on the whole texts can miss when their lengths differ), sharing at
    least :data:`COPY_MIN_SHARED` shingles; or they share long passages
    (:func:`shared_passages`: an agency's successive dispatches, a release reworded clause by
    clause; only when ``passages``, default :data:`USE_PASSAGES`; ``"lead"``: only passages that begin
    in both articles' openings); or they copy sentences (:func:`copied_sentences`; only when ``sentences``,
    default :data:`USE_COPIED_SENTENCES`); or they tell one text in the same order (:func:`ordered_pairs`;
    only when ``ordered``, default :data:`USE_ORDERED_TEXT`); or the learned same-source decision calls them
    one source (:func:`marsad.stages.consolidate.familymodel.learned_pairs`; only when ``learned``, default
    :data:`USE_LEARNED_FAMILIES`: True reads the shipped model, a :class:`FamilyModel` is used as given)."""
    passages_on = USE_PASSAGES if passages is None else passages
    sentences_on = USE_COPIED_SENTENCES if sentences is None else sentences
    ordered_on = USE_ORDERED_TEXT if ordered is None else ordered
    words = [word_keys(normalize(a.text)) for a in articles]
    shingles = [_grams(w, SHINGLE_WORDS) for w in words]
    shared = _pair_counts(shingles)
    shared_runs = _pair_counts([_grams(w, PASSAGE_WORDS) for w in words]) if passages_on else Counter()
    runs = [sentence_runs(a) for a in articles] if sentences_on else []
    copied_runs = _pair_counts([set().union(*r) for r in runs]) if sentences_on else Counter()
    in_order = set(ordered_pairs(articles, [len(w) for w in words])) if ordered_on else set()
    pairs = []
    for i, j in sorted(set(shared) | in_order):
        count = shared[(i, j)]
        smaller = min(len(shingles[i]), len(shingles[j]))
        contained = count >= COPY_MIN_SHARED and count >= COPY_CONTAINMENT * smaller
        if (contained
                or (shared_runs[(i, j)] > 0 and shared_passages(words[i], words[j], lead=passages_on == "lead"))
                or (copied_runs[(i, j)] > 0 and copied_sentences(runs[i], runs[j]))
                or (i, j) in in_order):
            pairs.append((articles[i].id, articles[j].id))
    learned_on = USE_LEARNED_FAMILIES if learned is None else learned
    if learned_on is not False:
        model = learned_on if isinstance(learned_on, FamilyModel) else None
        pairs = sorted(set(pairs) | set(familymodel.learned_pairs(articles, model)))
    return pairs


def independence_keys(
    articles: Sequence[Article], corpus: Corpus | None = None, by_outlet: bool = True,
    passages: Passages | None = None, sentences: bool | None = None, ordered: bool | None = None,
    learned: bool | FamilyModel | None = None,
) -> dict[str, str]:
    """Map each article id to the key of its independent source.

    Articles share a key when they are in one duplicate family (``corpus.family_of``),
    carry one text (:func:`copied_pairs`), come from one outlet (only when ``by_outlet``),
    or are versions of one source (same ``source_key``): such articles count once when
    corroboration is counted. With
    ``by_outlet=False`` the keys tell *texts* apart instead of witnesses: copies and
    versions share a key, two articles an outlet wrote itself do not (summaries weigh
    content by how many distinct texts repeat it, whoever published them). ``passages``,
    ``sentences``, ``ordered``, ``learned``: see :func:`copied_pairs`.
    """
    sets = UnionFind(a.id for a in articles)  # a key is the least article id of its set
    for a, b in copied_pairs(articles, passages, sentences, ordered, learned):
        sets.union(a, b)
    first_by: dict[str, str] = {}
    for article in articles:
        keys = []
        if corpus is not None:
            keys.append("family:" + corpus.family_of(article.id))
        if article.outlet and by_outlet:
            keys.append("outlet:" + normalize(article.outlet))
        if article.source_key:
            keys.append("source:" + article.source_key)
        for key in keys:
            if key in first_by:
                sets.union(first_by[key], article.id)
            else:
                first_by[key] = article.id
    return {a.id: sets.find(a.id) for a in articles}


@dataclass(slots=True)
class Unit:
    """One sentence of one article, as consolidation sees it."""

    index: int  # position in the story's unit list
    article: Article
    article_rank: int  # order of the article in the story (by publication, then input order)
    sentence: Sentence
    source: str  # independence key
    terms: list[str]
    text_key: str = ""  # copy/version key (outlet ignored): distinct texts, see independence_keys

    @property
    def key(self) -> tuple[str, int]:
        """(article id, sentence index): what citations point at."""
        return (self.article.id, self.sentence.i)

    @property
    def words(self) -> int:
        """Number of white-space separated words."""
        return len(self.sentence.text.split())
