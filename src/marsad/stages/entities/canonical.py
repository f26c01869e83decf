"""Canonical entities: one entity per real person, place or organization, whatever the spelling.

Linking, in order (each step only merges within one entity type):

1. **Same skeleton** — mentions whose names share a :func:`marsad.arabic.skeleton.skeleton`
   (or a gazetteer canonical form) are one entity: كيم جونغ أون / كيم جونج أون / كيم جونغ-أون,
   بيونغ يانغ / بيونجيانج, سيرغي شويغو / سيرجي شويجو.
2. **Type vote** — a name tagged with different types in different places takes the type of
   the clear majority (two thirds), so one stray ORG for بيونغ يانغ does not split it.
3. **Near skeletons** (places and organizations) — a one-word name whose skeleton has at least
   :data:`NEAR_MIN_LETTERS` consonants and is one edit from a more frequent one's is a misspelling of
   it (فلاديسفوستوك → فلاديفوستوك). Persons are left out: عبدالرحمن and عبدالرحيم are two names.
4. **Short forms** (persons) — a name whose word skeletons are a contiguous part of a longer name
   (بوتين ⊂ فلاديمير بوتين, كيم ⊂ كيم جونغ أون and كيم يو جونغ) joins the longer name; when
   several fit, context decides: the candidate mentioned most in the same article, then in the
   whole corpus. A short form no longer name fits stays its own entity.

Before linking, :func:`split_adjacent_names` cuts a person mention that is two known people side
by side (هنأ بوتين كيم).

Roles come from the words right before a person mention (``وزير الدفاع الروسي سيرغي شويغو``,
``المتحدث باسم الكرملين، ديمتري بيسكوف``): a title word from the gazetteer and what follows it.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from marsad.arabic import normalize
from marsad.arabic.skeleton import skeleton, word_skeletons
from marsad.model import Entity, Mention
from marsad.stages.entities.gazetteer import gazetteer

#: share of a name's mentions one type needs to take the others over
TYPE_MAJORITY = 2 / 3
MAX_ROLES = 5
#: consonants a one-word place or organization skeleton needs before a one-letter difference is
#: taken for a misspelling
NEAR_MIN_LETTERS = 7
NEAR_TYPES = ("LOC", "ORG")


@dataclass
class RawMention:
    """A tagged span before linking: ``name`` is the surface form without proclitics."""

    mention: Mention
    name: str
    outlet: str | None
    role: str | None = None


@dataclass
class _Group:
    type: str
    key: str
    words: tuple[str, ...]
    members: list[RawMention] = field(default_factory=list)


def name_key(name: str) -> str:
    """The grouping key of a name: the skeleton of its gazetteer canonical form when the
    gazetteer knows it, else its own skeleton."""
    hit = gazetteer().names.get(normalize(name))
    return skeleton(hit[1] if hit else name)


def split_adjacent_names(raw: list[RawMention]) -> list[RawMention]:
    """Cut a person mention that is two known people side by side («هنأ بوتين كيم»): its first words
    only ever end longer person names of the corpus, its last words only ever begin them, and no
    longer name contains it. Chains of given names stay whole (محمد علي, even beside أحمد محمد and
    علي خامنئي): a given name both begins and ends names."""
    person_words = {tuple(word_skeletons(r.name)) for r in raw if r.mention.type == "PER"}
    longer = [w for w in person_words if len(w) >= 2]
    endings: dict[tuple[str, ...], set[tuple[str, ...]]] = defaultdict(set)
    beginnings: dict[tuple[str, ...], set[tuple[str, ...]]] = defaultdict(set)
    for w in longer:
        for k in range(1, len(w)):
            endings[w[-k:]].add(w)
            beginnings[w[:k]].add(w)

    def only_ends(part: tuple[str, ...], whole: tuple[str, ...]) -> bool:
        return bool(endings.get(part, set()) - {whole}) and not beginnings.get(part, set()) - {whole}

    def only_begins(part: tuple[str, ...], whole: tuple[str, ...]) -> bool:
        return bool(beginnings.get(part, set()) - {whole}) and not endings.get(part, set()) - {whole}

    result: list[RawMention] = []
    for r in raw:
        words = tuple(word_skeletons(r.name))
        surface = list(re.finditer(r"\S+", r.mention.text))
        cut = None
        if r.mention.type == "PER" and len(words) >= 2 and len(surface) == len(words):
            inside = any(len(w) > len(words) and _contains(w, words) for w in longer)
            if not inside:
                cut = next((k for k in range(1, len(words))
                            if only_ends(words[:k], words) and only_begins(words[k:], words)), None)
        if cut is None:
            result.append(r)
            continue
        m = r.mention
        left_end, right_start = m.start + surface[cut - 1].end(), m.start + surface[cut].start()
        left_text, right_text = m.text[: surface[cut - 1].end()], m.text[surface[cut].start() :]
        left = Mention(m.article, m.sentence, m.start, left_end, left_text, m.type)
        right = Mention(m.article, m.sentence, right_start, m.end, right_text, m.type)
        result.append(RawMention(left, r.name[: len(left_text)], r.outlet, r.role))  # name: text, لل → ال
        result.append(RawMention(right, right_text, r.outlet))
    return result


def _entity_id(type_: str, key: str) -> str:
    return "e-" + hashlib.sha1(f"{type_}:{key}".encode()).hexdigest()[:10]


def link(raw: list[RawMention]) -> list[Entity]:
    """Group mentions into entities (setting ``mention.entity``); entities by importance."""
    # 1. same type + same key
    groups: dict[tuple[str, str], _Group] = {}
    for r in raw:
        key = name_key(r.name)
        if not key:
            continue
        g = groups.get((r.mention.type, key))
        if g is None:
            g = groups[(r.mention.type, key)] = _Group(r.mention.type, key, tuple(word_skeletons(r.name)))
        g.members.append(r)
        words = tuple(word_skeletons(r.name))
        if len(words) > len(g.words):
            g.words = words
    # 2. type vote across groups with one key
    by_key: dict[str, list[_Group]] = defaultdict(list)
    for g in groups.values():
        by_key[g.key].append(g)
    for same in by_key.values():
        if len(same) < 2:
            continue
        total = sum(len(g.members) for g in same)
        top = max(same, key=lambda g: len(g.members))
        if len(top.members) >= TYPE_MAJORITY * total:
            for g in same:
                if g is not top:
                    for r in g.members:
                        r.mention.type = top.type  # type: ignore[assignment]
                    top.members.extend(g.members)
                    del groups[(g.type, g.key)]
    _merge_near_skeletons(groups)
    # 4. short forms join the longer name they are part of
    ordered = sorted(groups.values(), key=lambda g: (-len(g.words), g.key))
    final: list[_Group] = []
    for g in ordered:
        candidates = [
            h
            for h in final
            if g.type == "PER" and h.type == g.type and len(h.words) > len(g.words) and _contains(h.words, g.words)
        ]
        if not candidates:
            final.append(g)
            continue
        for r in g.members:
            best = max(candidates, key=lambda h: (_article_count(h, r.mention.article), len(h.members), h.key))
            best.members.append(r)
    entities = [_entity(g) for g in final]
    entities.sort(key=lambda e: (-len(e.articles), -e.mentions, e.name))
    return entities


def _deletions(key: str) -> set[str]:
    return {key} | {key[:i] + key[i + 1 :] for i in range(len(key))}


def _merge_near_skeletons(groups: dict[tuple[str, str], _Group]) -> None:
    """Step 3: fold one-word places and organizations one edit apart into the more frequent one.
    Two strings are within one edit exactly when their sets of one-deletion variants (with the
    string itself) meet, so an index of those variants finds the pairs without comparing all."""
    index: dict[tuple[str, str], list[_Group]] = defaultdict(list)
    candidates = [g for g in groups.values()
                  if g.type in NEAR_TYPES and len(g.words) == 1 and len(g.key) >= NEAR_MIN_LETTERS]
    candidates.sort(key=lambda g: (-len(g.members), g.key))
    for g in candidates:
        near = {id(h): h for d in _deletions(g.key) for h in index.get((g.type, d), ())}
        if near:
            target = min(near.values(), key=lambda h: (-len(h.members), h.key))
            target.members.extend(g.members)
            del groups[(g.type, g.key)]
            continue
        for d in _deletions(g.key):
            index[(g.type, d)].append(g)


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def _article_count(group: _Group, article: str) -> int:
    return sum(
        1 for r in group.members if r.mention.article == article and len(word_skeletons(r.name)) == len(group.words)
    )


def _distinct_roles(roles: list[str]) -> list[str]:
    """Roles without those a longer role already says (الرئيس beside الرئيس الروسي)."""
    keys = [normalize(r) for r in roles]
    return [r for r, k in zip(roles, keys, strict=True) if not any(o != k and o.startswith(k + " ") for o in keys)]


def _entity(group: _Group) -> Entity:
    variants: Counter[str] = Counter()
    outlets: dict[str, list[str]] = defaultdict(list)
    roles: Counter[str] = Counter()
    role_form: dict[str, str] = {}
    articles: list[str] = []
    for r in group.members:
        variants[r.name] += 1
        if r.outlet and r.outlet not in outlets[r.name]:
            outlets[r.name].append(r.outlet)
        if r.role:
            k = normalize(r.role)
            roles[k] += 1
            role_form.setdefault(k, r.role)
        if r.mention.article not in articles:
            articles.append(r.mention.article)
    widest = max(len(word_skeletons(v)) for v in variants)
    full = [v for v in variants if len(word_skeletons(v)) == widest]
    name = max(full, key=lambda v: (variants[v], -full.index(v)))
    entity = Entity(
        id=_entity_id(group.type, group.key),
        name=name,
        type=group.type,  # type: ignore[arg-type]
        variants=dict(variants.most_common()),
        variant_outlets={v: sorted(o) for v, o in outlets.items()},
        roles=_distinct_roles([role_form[k] for k, _ in roles.most_common()])[:MAX_ROLES],
        mentions=len(group.members),
        articles=articles,
    )
    for r in group.members:
        r.mention.entity = entity.id
    return entity
