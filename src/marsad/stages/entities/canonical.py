"""Canonical entities: one entity per real person, place or organization, whatever the spelling.

Linking, in order (each step only merges within one entity type):

1. **Same name fold** — mentions whose names share a :func:`marsad.arabic.skeleton.name_fold`
   (or a gazetteer canonical form) are one entity: كيم جونغ أون / كيم جونج أون / كيم جونغ-أون,
   بيونغ يانغ / بيونجيانج, سيرغي شويغو / سيرجي شويجو. The fold keeps vowel letters: the looser
   skeleton made اليمن = ألمانيا, سوريا = سويسرا, الأهلي = الهلال (issue 19).
2. **Type vote** — a name tagged with different types in different places takes the type of
   the clear majority (two thirds), so one stray ORG for بيونغ يانغ does not split it.
3. **Spelling variants** — a name whose fold is one edit from a more frequent one's joins it only
   with evidence beyond that edit (:func:`_variant_of`): not two referents of the gazetteer, not two
   established words (محمد ≠ محمود), and a consonant differs only in a long one-word place or
   organization (فلاديسفوستوك → فلاديفوستوك; دميتري = ديمتري).
4. **Short forms** (persons) — a name whose word folds begin or end a longer name (بوتين of
   فلاديمير بوتين, كيم of كيم جونغ أون and كيم يو جونغ; never the part after بن) joins it; when several
   fit, the one written in full most in the same article wins, then the most mentioned overall. A
   short form made of common given names (علي، صالح) joins only in an article that has the full name.

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
from marsad.arabic.clitics import frequency
from marsad.arabic.skeleton import name_fold, skeleton, word_folds
from marsad.model import Entity, Mention
from marsad.stages.entities.gazetteer import gazetteer

#: share of a name's mentions one type needs to take the others over
TYPE_MAJORITY = 2 / 3
MAX_ROLES = 5
#: consonants a one-word place or organization skeleton needs before a one-letter difference is
#: taken for a misspelling
NEAR_MIN_LETTERS = 7
NEAR_TYPES = ("LOC", "ORG")
#: lexicon count (SaudiNewsNet, 9M words) from which a word is a word or name in its own right
ESTABLISHED = 50


@dataclass
class RawMention:
    """A tagged span before linking: ``name`` is the surface form without proclitics; ``tagged`` is
    False when label consistency, not the tagger, found it (a repeat of a name tagged elsewhere)."""

    mention: Mention
    name: str
    outlet: str | None
    role: str | None = None
    tagged: bool = True
    #: the referent chosen for a spelling the gazetteer gives several (عمان: Oman or Amman), if any
    sense: str | None = None
    #: the tagger's probability that these words are a name of this type (mean over the words of the
    #: B-/I- label probabilities of the type); None when a corpus rule, not the tagger, made the span
    confidence: float | None = None


@dataclass
class _Group:
    type: str
    key: str
    words: tuple[str, ...]
    members: list[RawMention] = field(default_factory=list)
    #: article -> mentions written with the group's longest (widest) form
    full_in: Counter = field(default_factory=Counter)

    def top_name(self) -> str:
        """The group's most frequent written name (ties: first seen)."""
        counts = Counter(r.name for r in self.members)
        return max(counts, key=lambda n: counts[n])


def name_key(name: str, sense: str | None = None) -> str:
    """The grouping key of a name: the :func:`~marsad.arabic.skeleton.name_fold` of its gazetteer
    canonical form when the gazetteer knows it, else its own (vowel letters kept). A spelling the
    gazetteer gives several referents (عمان: Oman and Amman) is keyed by ``sense``, the referent its
    article's evidence chose, and stays apart from all of them without one."""
    gaz = gazetteer()
    norm = normalize(name)
    if sense is not None and sense.startswith("outlet:"):  # a news outlet named like a place (stage.edges)
        return name_fold(sense[len("outlet:"):]) + "|outlet"
    if sense is not None and sense.startswith("club:"):  # a team named like its city (edges.type_clubs)
        return name_fold(sense[len("club:"):]) + "|club"
    if gaz.ambiguous(norm):
        if sense is None:
            return name_fold(name) + "|?"
        return name_fold(sense) if sense == gaz.names[norm][1] else name_fold(sense) + "|" + sense
    hit = gaz.names.get(norm)
    return name_fold(hit[1] if hit else name)


def _canonical(name: str) -> str | None:
    hit = gazetteer().names.get(normalize(name))
    return hit[1] if hit else None


def split_adjacent_names(raw: list[RawMention]) -> list[RawMention]:
    """Cut a person mention that is two known people side by side («هنأ بوتين كيم»): its first words
    only ever end longer person names of the corpus, its last words only ever begin them, and no
    longer name contains it. Chains of given names stay whole (محمد علي, even beside أحمد محمد and
    علي خامنئي): a given name both begins and ends names."""
    person_words = {tuple(word_folds(r.name)) for r in raw if r.mention.type == "PER"}
    longer = sorted(w for w in person_words if len(w) >= 2)
    endings: dict[tuple[str, ...], set[tuple[str, ...]]] = defaultdict(set)
    beginnings: dict[tuple[str, ...], set[tuple[str, ...]]] = defaultdict(set)
    inner_parts: set[tuple[str, ...]] = set()  # every contiguous part of a longer name, shorter than it
    for w in longer:
        for k in range(1, len(w)):
            endings[w[-k:]].add(w)
            beginnings[w[:k]].add(w)
        inner_parts.update(w[i:j] for i in range(len(w)) for j in range(i + 1, len(w) + 1) if j - i < len(w))

    def only_ends(part: tuple[str, ...], whole: tuple[str, ...]) -> bool:
        return bool(endings.get(part, set()) - {whole}) and not beginnings.get(part, set()) - {whole}

    def only_begins(part: tuple[str, ...], whole: tuple[str, ...]) -> bool:
        return bool(beginnings.get(part, set()) - {whole}) and not endings.get(part, set()) - {whole}

    result: list[RawMention] = []
    for r in raw:
        words = tuple(word_folds(r.name))
        surface = list(re.finditer(r"\S+", r.mention.text))
        cut = None
        if r.mention.type == "PER" and len(words) >= 2 and len(surface) == len(words) and words not in inner_parts:
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
        key = name_key(r.name, r.sense)
        if not key:
            continue
        words = tuple(word_folds(r.name))
        g = groups.get((r.mention.type, key))
        if g is None:
            g = groups[(r.mention.type, key)] = _Group(r.mention.type, key, words)
        g.members.append(r)
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
        top = max(same, key=lambda g: (len(g.members), g.type))
        if len(top.members) >= TYPE_MAJORITY * total:
            for g in same:
                if g is not top:
                    for r in g.members:
                        r.mention.type = top.type  # type: ignore[assignment]
                    top.members.extend(g.members)
                    del groups[(g.type, g.key)]
    # 3. spelling variants one edit apart
    _merge_variants(groups)
    # 4. short forms join the longer name they begin or end
    for g in groups.values():
        # written in full, however the words are spaced (عبدالله التركي = عبد الله التركي)
        whole = "".join(g.words)
        g.full_in = Counter(r.mention.article for r in g.members if "".join(word_folds(r.name)) == whole)
    ordered = sorted(groups.values(), key=lambda g: (-len(g.words), g.key))
    final: list[_Group] = []
    parts_index: dict[tuple[str, tuple[str, ...]], list[_Group]] = defaultdict(list)
    name_parts = gazetteer().name_parts
    for g in ordered:
        candidates = parts_index.get((g.type, g.words), []) if g.type == "PER" else []
        stay: list[RawMention] = list(g.members)
        if candidates:
            given = all(normalize(w) in name_parts for w in g.top_name().split())
            stay = []
            for r in g.members:
                article = r.mention.article
                best = max(candidates, key=lambda h: (h.full_in[article], len(h.members), h.key))
                if given and not best.full_in[article]:
                    stay.append(r)  # a given name (علي، صالح) joins a longer name only beside it
                else:
                    best.members.append(r)
        if not stay:
            continue
        g.members = stay
        final.append(g)
        if g.type == "PER":
            for part in _short_forms(g.words):
                parts_index[(g.type, part)].append(g)
    entities = [_entity(g) for g in final]
    entities.sort(key=lambda e: (-len(e.articles), -e.mentions, e.name))
    return entities


#: name particles after which the rest of a name is another person: محمد بن سلمان is not سلمان
_NASAB = {"بن", "ابن", "بنت", "ابنه"}


def _short_forms(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The shorter names a person's name may be referred to by: its beginnings and endings
    (كيم of كيم جونغ أون, بوتين of فلاديمير بوتين), never a part that starts right after بن / ابن
    (سلمان بن عبد العزيز is the father of محمد بن سلمان بن عبد العزيز) nor one made of particles."""
    result = []
    for k in range(1, len(words)):
        result.append(words[:k])
        if words[-k - 1] not in _NASAB and words[-k] not in _NASAB:
            result.append(words[-k:])
    return [p for p in result if not all(w in _NASAB for w in p) and p[0] not in _NASAB and p[-1] not in _NASAB]


def _edit_distance_at_most_one(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by at most one insertion, deletion, substitution or swap of
    two neighbouring letters."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :] or (a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :])
    if len(a) > len(b):
        return a[i + 1 :] == b[i:]
    return b[i + 1 :] == a[i:]


def _established(word: str) -> bool:
    """True for a word the lexicon has seen at least :data:`ESTABLISHED` times: an existing word or
    name in its own right, not an outlet's variant spelling of another."""
    return frequency(normalize(word)) >= ESTABLISHED


def _variant_of(small: _Group, big: _Group) -> bool:
    """True when ``small``'s names are a spelling variant of ``big``'s (their keys are one edit apart):
    - the gazetteer does not know both as different referents (اليمن ≠ ألمانيا, سوريا ≠ سويسرا);
    - the words that differ are not both established words (محمد ≠ محمود, الأهلي ≠ الهلال,
      عمر ≠ عمرو; but دميتري = ديمتري, نتانياهو = نتنياهو, كامرون = كاميرون);
    - a consonant differs (the skeletons differ) only in a long one-word place or organization."""
    if not _edit_distance_at_most_one(small.key, big.key):
        return False
    small_name, big_name = small.top_name(), big.top_name()
    if _canonical(small_name) and _canonical(big_name):
        return False
    if skeleton(small_name) != skeleton(big_name) and not (
        small.type in NEAR_TYPES and len(small.words) == 1 and len(skeleton(small_name)) >= NEAR_MIN_LETTERS
    ):
        return False
    small_words, big_words = normalize(small_name).split(), normalize(big_name).split()
    if len(small_words) != len(big_words):
        return False
    differing = [(x, y) for x, y in zip(small_words, big_words, strict=True) if name_fold(x) != name_fold(y)]
    return len(differing) == 1 and not all(_established(w) for w in differing[0])


def _deletions(key: str) -> set[str]:
    return {key} | {key[:i] + key[i + 1 :] for i in range(len(key))}


def _merge_variants(groups: dict[tuple[str, str], _Group]) -> None:
    """Step 3: fold a name into a more frequent one of its type whose key is one edit away, when
    :func:`_variant_of` says it is a spelling variant. Keys one edit apart share a one-deletion
    variant, so an index of those finds the candidates without comparing all pairs."""
    index: dict[tuple[str, str], list[_Group]] = defaultdict(list)
    ordered = sorted(groups.values(), key=lambda g: (-len(g.members), g.key, g.type))
    for g in ordered:
        near = {id(h): h for d in _deletions(g.key) for h in index.get((g.type, d), ())}
        fits = [h for h in near.values() if _variant_of(g, h)]
        if fits:
            target = min(fits, key=lambda h: (-len(h.members), h.key))
            target.members.extend(g.members)
            del groups[(g.type, g.key)]
            continue
        for d in _deletions(g.key):
            index[(g.type, d)].append(g)


def _distinct_roles(roles: list[str]) -> list[str]:
    """Roles without those a longer role already says (الرئيس beside الرئيس الروسي)."""
    keys = [normalize(r) for r in roles]
    return [r for r, k in zip(roles, keys, strict=True) if not any(o != k and o.startswith(k + " ") for o in keys)]


def _entity(group: _Group) -> Entity:
    variants: Counter[str] = Counter()
    outlets: dict[str, list[str]] = defaultdict(list)
    roles: Counter[str] = Counter()
    role_form: dict[str, str] = {}
    articles: dict[str, None] = {}  # in order of first mention (a dict: no scan per mention)
    for r in group.members:
        variants[r.name] += 1
        if r.outlet and r.outlet not in outlets[r.name]:
            outlets[r.name].append(r.outlet)
        if r.role:
            k = normalize(r.role)
            roles[k] += 1
            role_form.setdefault(k, r.role)
        articles.setdefault(r.mention.article, None)
    forms = list(variants)
    repeated = [v for v in forms if variants[v] >= 2] or forms  # a one-off span (أوباما سيرتبط) names nothing
    widest = max(len(word_folds(v)) for v in repeated)
    full = [v for v in repeated if len(word_folds(v)) == widest]
    name = max(full, key=lambda v: (variants[v], -forms.index(v)))
    entity = Entity(
        id=_entity_id(group.type, group.key),
        name=name,
        type=group.type,  # type: ignore[arg-type]
        variants=dict(variants.most_common()),
        variant_outlets={v: sorted(o) for v, o in outlets.items()},
        roles=_distinct_roles([role_form[k] for k, _ in roles.most_common()])[:MAX_ROLES],
        mentions=len(group.members),
        articles=list(articles),
    )
    for r in group.members:
        r.mention.entity = entity.id
    return entity
