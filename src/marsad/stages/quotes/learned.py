"""A learned scorer over candidate statements (issue 13, fifth round).

The rules of :mod:`.extract` propose statements; a simple, permissive generator proposes alternatives
(other readings and speakers for each rule statement's cue) and more (every cue verb or participle
the rules left alone, with its complement and the nearest speaker); a logistic regression trained on
hand-annotated articles (``benchmarks/quotes_learn.py``) scores each candidate from surface features
(the cue, the complement, the speaker phrase, negation, position, punctuation) and keeps, per cue,
the best candidate when its score passes thresholds chosen by cross-validation. The model is a small
JSON file of feature weights (``scorer.json``), read without any learning library; deterministic.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from marsad.arabic import normalize
from marsad.arabic.clitics import frequency
from marsad.arabic.segment import Token, tokenize
from marsad.model import Quote, Speaker
from marsad.stages.quotes import lexicon as lx
from marsad.stages.quotes.extract import OPEN_MARKS, PREPOSITIONS, ArticleQuotes, _in, _is_cue

MODEL_PATH = Path(__file__).with_name("scorer.json")

#: how far (tokens) after a cue its complement (أن/إن, a colon, a quotation mark) may stand
COMPLEMENT_WINDOW = 14
#: at most this many words of a speaker phrase between the cue and its complement
SPEAKER_WORDS = 8
NEGATIONS = lx.norm_keys("لا", "لم", "لن", "ما", "ليس", "ليست", "غير", "عدم")
RELATIVES = lx.norm_keys("التي", "الذي", "الذين", "ما", "من", "مما", "عما", "لما")
FRAME_WORDS = lx.norm_keys("خلال", "أثناء", "اثناء", "عقب", "إثر", "اثر", "لدى", "في", "عبر", "امس", "أمس", "اليوم")
OBJECT_PREPOSITIONS = lx.norm_keys("إلى", "الى", "على", "عن", "من", "لـ")
QUOTE_CHARS = '"«»“”„'
SENTENCE_END = ".!?؟\n"


@dataclass(slots=True)
class Candidate:
    """A candidate statement. ``origin``: rule (a statement of the rules, or the same content with
    another speaker), reading (another content for the cue of a rule statement, the rule's speaker)
    or gen (a cue the rules left alone)."""

    quote: Quote
    origin: str
    #: how the speaker was found: rule | phrase (the words after the cue) | previous (the statement
    #: before) | fuller (a longer name of the article ending in the same word)
    speaker_from: str = "rule"
    #: candidates of one group are alternatives (one cue); at most one of a group is kept
    group: int = -1


# -- the generator -------------------------------------------------------------------------


def _readings(toks: list[Token], i: int) -> list[tuple[int, str]]:
    """Where the content of the cue at ``i`` may start: (token index of the complement, kind) for
    each أن/إن, colon or opening quotation mark in the window, before the sentence's next cue; and
    an object right after the cue or after إلى/على/عن/من (مشيرا إلى أهمية…)."""
    out: list[tuple[int, str]] = []
    for j in range(i + 1, min(len(toks), i + 1 + COMPLEMENT_WINDOW)):
        n = toks[j].norm
        if toks[j].text in ".!?؟" or (j > i + 1 and (_is_cue(n) or _in(n, lx.PARTICIPLES))):
            break
        if _in(n, lx.THAT):
            out.append((j, "that"))
        elif toks[j].text in (":", "："):
            out.append((j, "colon"))
        elif toks[j].text in OPEN_MARKS:
            out.append((j, "quote"))
    if i + 2 < len(toks) and _in(toks[i + 1].norm, OBJECT_PREPOSITIONS):
        out.append((i + 1, "preposition"))
    elif _in(toks[i].norm, lx.PARTICIPLES) and i + 1 < len(toks) and toks[i + 1].norm[:1].isalpha() and not out:
        out.append((i, "object"))
    return out


def _content_end(text: str, toks: list[Token], k: int, sentence_end: int, quoted: bool) -> int:
    """Where a content that starts at token ``k`` ends: the closing quotation mark of a quoted
    content, else the sentence's end or a comma that hands over to a participle or a new cue."""
    if quoted:
        for t in toks[k:]:
            if t.text in '"»”':
                return t.start
    for m in range(k + 1, len(toks) - 1):
        if toks[m].text in ("،", ",", "؛", ";") and (
            _in(toks[m + 1].norm, lx.PARTICIPLES) or (_is_cue(toks[m + 1].norm) and toks[m + 1].norm[:1] == "و")
        ):
            return toks[m].start
    end = sentence_end
    while end > 0 and text[end - 1] in " .\n":
        end -= 1
    return end


STOP_IN_SPEAKER = lx.norm_keys("وهو", "وهي", "الذي", "التي", "الذين", "وهم")


def _speaker_phrase(toks: list[Token], i: int, j: int) -> list[Token]:
    """Words between the cue at ``i`` and its complement at ``j`` that can be its subject: up to a
    preposition, a frame word, a relative or وهو, or a told-to phrase (لـ…)."""
    words: list[Token] = []
    for t in toks[i + 1 : j]:
        if not t.norm[:1].isalpha():
            if t.text in ("،", ",") and words:
                continue
            break
        if (
            _in(t.norm, PREPOSITIONS)
            or _in(t.norm, FRAME_WORDS)
            or _in(t.norm, STOP_IN_SPEAKER)
            or _in(t.norm, lx.THAT)
            or (t.norm[:1] == "ل" and t.prefixes[:1] == ("ل",))
        ):
            break
        words.append(t)
        if len(words) >= SPEAKER_WORDS:
            break
    return words


def _kind(words: Sequence[str]) -> str:
    head = words[0] if words else ""
    if _in(head, lx.GROUP_HEADS):
        return "group"
    if _in(head, lx.ROLE_HEADS):
        return "role"
    if _in(head, lx.DOCUMENT_HEADS):
        return "organization"
    return "person"


def _quote_at(finder: ArticleQuotes, s_i: int, cue: Token, start: int, end: int, direct: bool, sp: Speaker) -> Quote:
    digest = hashlib.sha1(f"{finder.article.id}:{start}:{end}:{cue.start}".encode()).hexdigest()[:12]
    return Quote(
        id=f"q-{digest}",
        article=finder.article.id,
        sentence=s_i,
        speaker=Speaker(sp.text, sp.entity, sp.kind, sp.name, sp.role),
        cue=cue.text,
        content=finder.text[start:end],
        direct=direct,
        start=min(cue.start, start),
        end=end,
        content_start=start,
        content_end=end,
    )


def _spans(finder: ArticleQuotes, s_end: int, toks: list[Token], i: int) -> list[tuple[int, int, bool, str]]:
    """The contents the cue at ``i`` may introduce: (start, end, direct, kind) for each reading."""
    out = []
    for j, kind in _readings(toks, i):
        k = j if kind == "that" and _in(toks[j].norm, lx.THAT_WITH_PRONOUN) else j + 1
        if k >= len(toks):
            continue
        start = toks[k].start
        end = _content_end(finder.text, toks, k, s_end, kind == "quote")
        if end > start + 3:
            out.append((start, end, kind == "quote", kind))
    return out


def _cue_token(finder: ArticleQuotes, q: Quote) -> tuple[int, int] | None:
    """(sentence index, token index) of the cue word of a rule statement."""
    if not (0 <= q.sentence < len(finder.sentences)) or not q.cue.split():
        return None
    s = finder.sentences[q.sentence]
    first = normalize(q.cue.split()[0])
    toks = finder.tokens(s)
    at = [n for n, t in enumerate(toks) if t.norm == first and q.start <= t.start < max(q.content_start, q.start + 1)]
    if not at:
        at = [n for n, t in enumerate(toks) if t.norm == first]
    return (s.i, at[0]) if at else None


def _previous(quotes: Sequence[Quote], offset: int) -> Speaker | None:
    before = [q for q in quotes if q.content_start < offset]
    return max(before, key=lambda q: q.content_start).speaker if before else None


def _fuller_in_text(text: str, sp: Speaker) -> str | None:
    """The speaker's last name word with the given names written before it somewhere in the
    article (العيسى → عاصم بن عبدالوهاب العيسى): words with no article, no role, up to a mark."""
    words = [t for t in tokenize(sp.name or sp.text) if t.norm[:1].isalpha()]
    if not words or len(words) > 2 or (words[-1].norm.startswith("ال") and _in(words[-1].norm, lx.ROLE_HEADS)):
        return None
    last = words[-1].norm
    best: list[Token] = []
    toks = tokenize(text)
    for n, t in enumerate(toks):
        if t.norm != last:
            continue
        k = n
        while k > 0 and n - k < 4:
            u = toks[k - 1]
            if not u.norm[:1].isalpha() or u.norm.startswith(("ال", "وال")) or _in(u.norm, PREPOSITIONS):
                break
            if _in(u.norm, lx.ROLE_HEADS) or _in(u.norm, lx.HONORIFICS) or _is_cue(u.norm) or _in(u.norm, lx.THAT):
                break
            k -= 1
        if n - k > len(best) - 1 and n > k:
            best = toks[k : n + 1]
    if len(best) > len(words):
        return text[best[0].start : best[-1].end]
    return None


def generate(finder: ArticleQuotes, rule_quotes: Sequence[Quote]) -> list[Candidate]:
    """Candidates in groups, one group per cue. For each rule statement: itself, its cue's other
    readings (each complement in reach, with the rule's speaker) and other speakers for its
    content (the words right after the cue, the statement before's speaker, a fuller name written
    in the article). For every cue verb or participle the rules left alone: its readings, with
    the words after the cue as speaker or else the speaker of the statement before it."""
    text = finder.text
    out: list[Candidate] = []
    ordered = sorted(rule_quotes, key=lambda q: q.content_start)
    used: set[tuple[int, int]] = set()
    for g, q in enumerate(ordered):
        out.append(Candidate(q, "rule", "rule", g))
        at = _cue_token(finder, q)
        speakers: list[tuple[str, Speaker]] = []
        if at is not None:
            used.add(at)
            s = finder.sentences[at[0]]
            toks = finder.tokens(s)
            for start, end, direct, _ in _spans(finder, s.end, toks, at[1]):
                if (start, end) != (q.content_start, q.content_end):
                    out.append(
                        Candidate(
                            _quote_at(finder, s.i, toks[at[1]], start, end, direct, q.speaker), "reading", "rule", g
                        )
                    )
            comp = next((j for j, t in enumerate(toks) if t.start >= q.content_start), len(toks))
            phrase = _speaker_phrase(toks, at[1], comp) if comp > at[1] else []
            if phrase:
                words = [w.base or w.norm for w in phrase]
                speakers.append(("phrase", Speaker(text[phrase[0].start : phrase[-1].end], kind=_kind(words))))
        prev = _previous(ordered, q.content_start)
        if prev is not None:
            speakers.append(("previous", prev))
        full = _fuller_in_text(text, q.speaker)
        if full:
            speakers.append(("fuller", Speaker(full, kind="person", name=full)))
        seen = {normalize(q.speaker.text)}
        for source, sp in speakers:
            key = normalize(sp.text)
            if key and key not in seen:
                seen.add(key)
                out.append(Candidate(_with_speaker(q, sp), "rule", source, g))
    groups = len(ordered)
    covered = [(q.content_start, q.content_end) for q in rule_quotes]
    for s in finder.sentences:
        toks = finder.tokens(s)
        for i, t in enumerate(toks):
            n = t.norm
            participle = _in(n, lx.PARTICIPLES)
            if (s.i, i) in used or not (participle or _is_cue(n)) or any(a <= t.start < b for a, b in covered):
                continue
            if i > 0 and (_in(toks[i - 1].norm, PREPOSITIONS) or _in(toks[i - 1].norm, lx.WHAT)):
                continue
            spans = [
                sp for sp in _spans(finder, s.end, toks, i) if not any(a < sp[1] and sp[0] < b for a, b in covered)
            ]
            if not spans:
                continue
            comp = next((j for j, u in enumerate(toks) if u.start >= spans[0][0]), len(toks))
            phrase = [] if participle else _speaker_phrase(toks, i, comp)
            if phrase:
                speaker = Speaker(
                    text[phrase[0].start : phrase[-1].end], kind=_kind([w.base or w.norm for w in phrase])
                )
                source = "phrase"
            else:
                prev = _previous([*ordered, *(c.quote for c in out if c.origin == "gen")], t.start)
                if prev is None:
                    continue
                speaker, source = prev, "previous"
            for start, end, direct, _ in spans:
                out.append(Candidate(_quote_at(finder, s.i, t, start, end, direct, speaker), "gen", source, groups))
            groups += 1
    return out


# -- features ---------------------------------------------------------------------------


def _bin(value: int, edges: Sequence[int]) -> str:
    for edge in edges:
        if value <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


@lru_cache(maxsize=4096)
def _word_freq_bin(norm: str) -> str:
    return _bin(frequency(norm), (0, 5, 50, 500, 5000))


def _cue_word(cue: str) -> str:
    words = [t.norm for t in tokenize(cue) if t.norm[:1].isalpha()]
    if not words:
        return ""
    w = words[0]
    return w[1:] if w[:1] in "وف" and len(w) > 3 else w


def features(text: str, c: Candidate, n_sentences: int, n_candidates: int) -> dict[str, float]:
    """Surface features of one candidate (names → values), the same for rule and generated ones.
    The names are the keys of ``scorer.json``: renaming one needs the model retrained."""
    q = c.quote
    f: dict[str, float] = {"bias": 1.0, f"origin={c.origin}": 1.0, f"speaker_from={c.speaker_from}": 1.0}
    f[f"origin={c.origin}&speaker_from={c.speaker_from}"] = 1.0
    cue = _cue_word(q.cue)
    f[f"cue={cue}"] = 1.0
    f[f"cue_class={_cue_class(cue)}"] = 1.0
    f[f"origin={c.origin}&cue_class={_cue_class(cue)}"] = 1.0
    if normalize(q.cue)[:1] in "وف":
        f["cue_conj"] = 1.0
    f[f"direct={q.direct}"] = 1.0
    if q.via:
        f["via"] = 1.0
    # the speaker
    sp = q.speaker
    f[f"speaker_kind={sp.kind}"] = 1.0
    f[f"origin={c.origin}&speaker_kind={sp.kind}"] = 1.0
    sp_toks = [t for t in tokenize(sp.text) if t.norm[:1].isalpha()]
    f[f"speaker_words={_bin(len(sp_toks), (0, 1, 2, 3, 5, 8))}"] = 1.0
    if sp.name:
        f["speaker_named"] = 1.0
    if sp.entity:
        f["speaker_entity"] = 1.0
    if sp_toks:
        last = sp_toks[-1].base or sp_toks[-1].norm
        f[f"speaker_last_freq={_word_freq_bin(last)}"] = 1.0
        f[f"speaker_head_article={sp_toks[0].norm.startswith('ال')}"] = 1.0
        for t in sp_toks:
            if _in(t.norm, NEGATIONS) or _in(t.norm, lx.THAT):
                f["speaker_has_function_word"] = 1.0
            if _in(t.norm, PREPOSITIONS) or _in(t.norm, FRAME_WORDS):
                f["speaker_has_preposition"] = 1.0
            if _in(t.norm, STOP_IN_SPEAKER):
                f["speaker_has_relative"] = 1.0
            if _is_cue(t.norm):
                f["speaker_has_cue"] = 1.0
        if "،" in sp.text or "," in sp.text:
            f["speaker_has_comma"] = 1.0
        f[f"speaker_from={c.speaker_from}&speaker_words={_bin(len(sp_toks), (1, 2, 3, 5, 8))}"] = 1.0
    stmt = text[q.start : q.end]
    if sp.text and sp.text not in stmt:
        f["speaker_outside"] = 1.0
    # what stands before the content
    lead = text[max(0, q.content_start - 25) : q.content_start]
    lead_toks = tokenize(lead)
    last = lead_toks[-1] if lead_toks else None
    if last is None:
        f["lead=none"] = 1.0
    elif last.text in QUOTE_CHARS or last.text == "(":
        f["lead=quote"] = 1.0
    elif last.text in (":",):
        f["lead=colon"] = 1.0
    elif _in(last.norm, lx.THAT):
        f["lead=that"] = 1.0
    elif _in(last.norm, OBJECT_PREPOSITIONS):
        f["lead=preposition"] = 1.0
    elif last.text in ("،", ","):
        f["lead=comma"] = 1.0
    else:
        f["lead=word"] = 1.0
    content = text[q.content_start : q.content_end]
    if _in(normalize(content.split(maxsplit=1)[0]) if content.split() else "", lx.THAT):
        f["content_starts_that"] = 1.0
    # the words before the cue
    cue_at = text.rfind(q.cue, max(0, q.start - 5), q.content_start + 1) if q.cue else -1
    cue_at = q.start if cue_at < 0 else cue_at
    before = [t for t in tokenize(text[max(0, cue_at - 40) : cue_at]) if t.norm[:1].isalnum()][-3:]
    if any(_in(t.norm, NEGATIONS) for t in before):
        f["negated"] = 1.0
    if before and _in(before[-1].norm, RELATIVES):
        f["after_relative"] = 1.0
    if before and _in(before[-1].norm, PREPOSITIONS):
        f["after_preposition"] = 1.0
    if cue_at == 0 or (
        text[max(0, cue_at - 2) : cue_at].strip() == "" and text[max(0, cue_at - 3) : cue_at].count("\n")
    ):
        f["cue_line_start"] = 1.0
    # the content
    c_words = [t for t in tokenize(content) if t.norm[:1].isalnum()]
    f[f"content_words={_bin(len(c_words), (2, 4, 8, 15, 30, 60))}"] = 1.0
    f[f"lead_origin={c.origin}&content_words={_bin(len(c_words), (2, 4, 8, 15, 30, 60))}&direct={q.direct}"] = 1.0
    f[f"origin={c.origin}&content_words={_bin(len(c_words), (2, 4, 8, 15, 30, 60))}"] = 1.0
    tail = text[q.content_end : q.content_end + 3].strip(' \u0640"»”)')
    ending = "sentence" if not tail or tail[0] in SENTENCE_END else "comma" if tail[0] in "،,؛;" else "other"
    f[f"content_end={ending}"] = 1.0
    if any(ch in content for ch in QUOTE_CHARS):
        f["content_has_quote"] = 1.0
    if any(t.norm.endswith("نا") or t.norm in ("نحن", "انا") for t in c_words):
        f["first_person"] = 1.0
    if content.count(".") + content.count("\n") >= 1:
        f["content_multi_sentence"] = 1.0
    if len(c_words) <= 4 and q.direct:
        f["short_quoted"] = 1.0
    # position
    f[f"sentence_pos={_bin(q.sentence, (0, 1, 3, 6, 10))}"] = 1.0
    if n_sentences:
        f[f"sentence_rel={_bin(int(10 * q.sentence / n_sentences), (2, 5, 8))}"] = 1.0
    f[f"candidates={_bin(n_candidates, (1, 3, 6, 10))}"] = 1.0
    return f


def _cue_class(cue: str) -> str:
    if not cue:
        return "none"
    if _in(cue, lx.PARTICIPLES):
        return "participle"
    if _in(cue, lx.SOURCE_MARKERS) or _in(cue, lx.SOURCE_VERB_MARKERS):
        return "attribution"
    if _is_cue(cue):
        return "present" if cue[:1] in "يت" else "past"
    return "other"


# -- the model ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Decoding:
    """How scores become statements: a rule statement is dropped below ``drop``; another reading
    or speaker of its cue replaces it when it scores ``margin`` more; a cue the rules left alone
    gives a statement from ``new`` up."""

    drop: float
    margin: float
    new: float


@dataclass(slots=True)
class Scorer:
    """A logistic regression over :func:`features` (weights by feature name) and its decoding."""

    weights: dict[str, float]
    decoding: Decoding

    def probability(self, feats: dict[str, float]) -> float:
        z = sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> str:
        d = self.decoding
        return json.dumps(
            {"drop": d.drop, "margin": d.margin, "new": d.new, "weights": dict(sorted(self.weights.items()))},
            ensure_ascii=False,
            indent=0,
        )


@lru_cache(maxsize=1)
def load_scorer(path: str = str(MODEL_PATH)) -> Scorer | None:
    """The committed model, or None when there is none."""
    p = Path(path)
    if not p.exists():
        return None
    data = json.loads(p.read_text(encoding="utf-8"))
    decoding = Decoding(float(data["drop"]), float(data["margin"]), float(data["new"]))
    return Scorer({k: float(v) for k, v in data["weights"].items()}, decoding)


def _with_speaker(q: Quote, sp: Speaker) -> Quote:
    return Quote(
        id=q.id,
        article=q.article,
        sentence=q.sentence,
        speaker=Speaker(sp.text, sp.entity, sp.kind, sp.name, sp.role),
        cue=q.cue,
        content=q.content,
        direct=q.direct,
        start=q.start,
        end=q.end,
        content_start=q.content_start,
        content_end=q.content_end,
        via=list(q.via),
    )


def candidates(finder: ArticleQuotes, rule_quotes: Sequence[Quote]) -> list[Candidate]:
    """Every candidate of one article (:func:`generate`), in text order."""
    return sorted(generate(finder, rule_quotes), key=lambda c: (c.quote.content_start, c.quote.content_end, c.group))


def decode(cands: Sequence[Candidate], probs: Sequence[float], decoding: Decoding) -> list[bool]:
    """Which candidates to keep, at most one per group (see :class:`Decoding`)."""
    best: dict[int, int] = {}
    for n, c in enumerate(cands):
        if c.origin == "rule" and c.speaker_from == "rule":
            best[c.group] = n
    for n, c in enumerate(cands):
        g = c.group
        if g not in best:
            best[g] = n
        elif n != best[g]:
            rule_group = cands[best[g]].origin == "rule" and cands[best[g]].speaker_from == "rule"
            if probs[n] > probs[best[g]] + (decoding.margin if rule_group else 0.0):
                best[g] = n
    chosen = set()
    for n in best.values():
        is_gen = cands[n].origin == "gen"
        if probs[n] >= (decoding.new if is_gen else decoding.drop):
            chosen.add(n)
    return [n in chosen for n in range(len(cands))]


def _last_word(sp: Speaker) -> str:
    words = [t.base or t.norm for t in tokenize(sp.name or sp.text) if t.norm[:1].isalpha()]
    return words[-1] if words else ""


def _group_features(c: Candidate, rule: Candidate | None, speakers: dict[str, int]) -> dict[str, float]:
    """Features of a candidate against the rules' own reading of its cue and the article's other
    speakers: does its speaker speak elsewhere, is it a part of the rule's speaker, is its content
    longer or shorter than the rule's."""
    f: dict[str, float] = {}
    last = _last_word(c.quote.speaker)
    others = speakers.get(last, 0) - (1 if c.origin == "rule" and c.speaker_from == "rule" else 0)
    if last and others > 0:
        f["speaker_speaks_elsewhere"] = 1.0
        f[f"speaker_from={c.speaker_from}&speaks_elsewhere"] = 1.0
    if rule is None or rule is c:
        return f
    r, q = rule.quote, c.quote
    if c.speaker_from != "rule":
        rule_words = [t.norm for t in tokenize(r.speaker.text) if t.norm[:1].isalpha()]
        mine = [t.norm for t in tokenize(q.speaker.text) if t.norm[:1].isalpha()]
        if mine and rule_words[: len(mine)] == mine:
            f[f"speaker_from={c.speaker_from}&prefix_of_rule"] = 1.0
        f[f"speaker_from={c.speaker_from}&rule_speaker_words={_bin(len(rule_words), (1, 2, 3, 5, 8))}"] = 1.0
        rule_last = _last_word(r.speaker)
        if rule_last and speakers.get(rule_last, 0) <= 1:
            f[f"speaker_from={c.speaker_from}&rule_speaker_alone"] = 1.0
    if (q.content_start, q.content_end) != (r.content_start, r.content_end):
        longer = (q.content_end - q.content_start) > (r.content_end - r.content_start)
        f[f"reading_{'longer' if longer else 'shorter'}"] = 1.0
        rule_words = len(r.content.split())
        if rule_words <= 3:
            f["reading_vs_short_rule"] = 1.0
        if r.direct and not q.direct:
            f["reading_vs_quoted_rule"] = 1.0
    return f


def candidate_features(finder: ArticleQuotes, cands: Sequence[Candidate]) -> list[dict[str, float]]:
    """:func:`features` of every candidate of one article, with its group features."""
    n_sent = len(finder.sentences)
    rules = {c.group: c for c in cands if c.origin == "rule" and c.speaker_from == "rule"}
    speakers: dict[str, int] = {}
    for c in rules.values():
        last = _last_word(c.quote.speaker)
        speakers[last] = speakers.get(last, 0) + 1
    out = []
    for c in cands:
        f = features(finder.text, c, n_sent, len(rules))
        f.update(_group_features(c, rules.get(c.group), speakers))
        out.append(f)
    return out


def rescore(finder: ArticleQuotes, rule_quotes: list[Quote], scorer: Scorer) -> list[Quote]:
    """The candidates of one article that the scorer keeps (:func:`decode`), in text order."""
    cands = candidates(finder, rule_quotes)
    probs = [scorer.probability(f) for f in candidate_features(finder, cands)]
    return [c.quote for c, keep in zip(cands, decode(cands, probs, scorer.decoding), strict=True) if keep]
