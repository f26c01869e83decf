"""Where a name begins and ends: three span errors the tagger makes confidently (issue 19).

Each is a rule of the written language checked against the corpus being read, not a list of the
examples seen:

- **a vocative written joined** (:func:`cut_vocatives`): «ياحسين», «ياسعود» — the particle يا glued to a
  name in verse and chants — name حسين and سعود; a word that only looks like one (ياسر، ياسين) stays whole;
- **a person name cut after a linking particle** (:func:`close_particles`): a name never ends with بن، بنت،
  ابن، أبو، آل، عبد — each links to the word after it («عبد الله بن» + مساعد, «نوف بنت» + محمد العتيبي);
- **a team named like its city** (:func:`type_clubs`): a city's name is feminine, so a masculine place
  adjective right after it agrees with a noun left out, the club («لمصلحة روما الإيطالي»: the team Roma);
- **a name bound to the word before it** (:func:`bind_preceding_words`): a place or other name that the
  corpus writes almost only after one and the same word is part of a longer name with it («رأس» تنورة),
  unless that word is known to stand outside the names it precedes (مدينة أبها, محافظة الطائف: ANERcorp
  leaves مدينة and محافظة outside) or opens no name of that type.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter

from marsad.arabic import Token, normalize, tokenize
from marsad.arabic.clitics import frequency
from marsad.arabic.nisba import is_definite, place_forms
from marsad.arabic.normalize import spelling_key
from marsad.arabic.stopwords import is_function_word
from marsad.model import Article, Mention
from marsad.stages.entities.answer_state import decide_whole_corpus
from marsad.stages.entities.bind_state import BindRoles, BindState, distinct_sentences
from marsad.stages.entities.canonical import RawMention
from marsad.stages.entities.club_state import COUNTED, ClubRoles, ClubState
from marsad.stages.entities.gazetteer import gazetteer
from marsad.stages.entities.heads import word_key

log = logging.getLogger(__name__)

VOCATIVE = "يا"
#: a word after a joined يا is a name when the corpus's tagged person mentions hold it at least this often
VOCATIVE_NAME_MIN = 2
#: (normalized) particles that link a person name to the word after it: no name ends with one
LINKING_PARTICLES = frozenset({"بن", "ابن", "بنت", "ابو", "عبد", "ال"})
#: words a person mention may grow by past a linking particle
PARTICLE_REACH = 2


def _person_words(raw: list[RawMention]) -> Counter[str]:
    """How many tagged person mentions of the corpus hold each word (spelling keys)."""
    counts: Counter[str] = Counter()
    for r in raw:
        if r.mention.type == "PER" and r.tagged:
            counts.update(set(spelling_key(r.name).split()))
    return counts


def cut_vocatives(raw: list[RawMention]) -> list[RawMention]:
    """A mention whose first word is يا written joined to a name starts after يا («ياحسين» → حسين). The rest
    must be a name — a word the corpus's tagged person mentions hold at least :data:`VOCATIVE_NAME_MIN`
    times, or a name or name part of the gazetteer — and the whole word must not be the likelier name: the
    gazetteer does not know it, person mentions hold it less often than the rest and the lexicon has seen
    it less often (ياسر is a name, not يا + سر; ياسين not يا + سين)."""
    gaz = gazetteer()
    in_person = _person_words(raw)
    result = []
    for r in raw:
        m = r.mention
        words = r.name.split()
        if not (words and m.text.startswith(VOCATIVE) and r.name.startswith(VOCATIVE) and len(words[0]) > 4):
            result.append(r)
            continue
        whole, rest = words[0], words[0][len(VOCATIVE):]
        whole_key, rest_key = spelling_key(whole), spelling_key(rest)
        rest_is_name = (in_person[rest_key] >= VOCATIVE_NAME_MIN or normalize(rest) in gaz.name_parts
                        or normalize(" ".join([rest, *words[1:]])) in gaz.names or normalize(rest) in gaz.names)
        whole_is_name = (normalize(whole) in gaz.names or normalize(whole) in gaz.name_parts
                         or in_person[whole_key] >= in_person[rest_key]
                         or frequency(normalize(whole)) >= frequency(normalize(rest)))
        if rest_is_name and not whole_is_name and not is_function_word(rest):
            cut = len(VOCATIVE)
            mention = Mention(m.article, m.sentence, m.start + cut, m.end, m.text[cut:], m.type)
            r = RawMention(mention, r.name[cut:], r.outlet, r.role, r.tagged, r.sense, r.confidence)
        result.append(r)
    return result


def _sentence_tokens(article: Article, sentence: int) -> list[Token]:
    s = article.sentences[sentence]
    return tokenize(s.text, s.start)


def _index_at(tokens: list[Token], offset: int, end: bool = False) -> int | None:
    """Index of the token that starts (or, with ``end``, ends) at ``offset``."""
    for i, t in enumerate(tokens):
        if (t.end if end else t.start) == offset:
            return i
    return None


def _article_only(token: Token) -> bool:
    """True for a word that is only the article, as «الـ» written before a number (ابن الـ 14 عاما)."""
    return normalize(token.text.replace("\u0640", "")) in ("ال", "")


def close_particles(articles: list[Article], raw: list[RawMention]) -> list[RawMention]:
    """A person mention that ends with a linking particle (بن، بنت، ابن، أبو، آل، عبد) goes on over the words
    after it, up to :data:`PARTICLE_REACH` of them, while its last word is still a particle: «عبد الله بن»
    + مساعد, «محمد بن عبدالله بن محمد بن» + مهناء. Only a plain word with a space before it is taken (no
    punctuation, no function word, not a bare article «الـ» before a number); a person mention that begins
    there is taken in whole. A person mention made only of particles («ابن», «أبو») goes on only to a word
    that another person mention of the corpus holds, or to a person mention («أبو» + ملحة of «عبدالله بن
    سعيد أبو ملحة»); otherwise it names nobody and is dropped («ابن» + «الـ», «ابن» + «شقيقته»)."""
    by_id = {a.id: a for a in articles}
    starts: dict[tuple[str, int], RawMention] = {}
    for r in raw:
        starts[(r.mention.article, r.mention.start)] = r
    replaced: dict[int, RawMention] = {}
    absorbed: set[int] = set()
    alone: set[int] = set()
    in_person: Counter[str] | None = None

    def only_particles(r: RawMention) -> bool:
        return all(w in LINKING_PARTICLES for w in normalize(r.name).split())

    # mentions made only of particles last: the names the others grew into count as name words
    for r in sorted(raw, key=only_particles):
        m = r.mention
        words = normalize(r.name).split()
        if m.type != "PER" or not words or words[-1] not in LINKING_PARTICLES or id(r) in absorbed:
            continue
        article = by_id.get(m.article)
        if article is None:
            continue
        tokens = _sentence_tokens(article, m.sentence)
        last = _index_at(tokens, m.end, end=True)
        if last is None:
            continue
        if only_particles(r):
            # only particles: a name only if a name word follows («أبو» + ملحة), else none («ابن» + شقيقته)
            if in_person is None:
                in_person = _person_words([replaced.get(id(x), x) for x in raw])
            nxt = tokens[last + 1] if last + 1 < len(tokens) else None
            if nxt is None or ((m.article, nxt.start) not in starts and not in_person[spelling_key(nxt.text)]):
                alone.add(id(r))
                continue
        end, grown, eaten = m.end, 0, []
        i = last + 1
        while i < len(tokens) and grown < PARTICLE_REACH and normalize(tokens[i - 1].text) in LINKING_PARTICLES:
            tok = tokens[i]
            if (not tok.is_word or tok.prefixes or is_function_word(tok.text) or _article_only(tok)
                    or not article.text[tokens[i - 1].end : tok.start].isspace()):
                break
            other = starts.get((m.article, tok.start))
            if other is not None and other is not r:
                if other.mention.type != "PER":
                    break
                eaten.append(other)
                end = other.mention.end
                stop = _index_at(tokens, end, end=True)
                if stop is None:
                    break
                i = stop + 1
            else:
                end = tok.end
                i += 1
            grown += 1
        if end == m.end:
            continue
        text = article.text[m.start : end]
        mention = Mention(m.article, m.sentence, m.start, end, text, "PER")
        replaced[id(r)] = RawMention(mention, r.name + article.text[m.end : end], r.outlet, r.role, r.tagged,
                                     r.sense, r.confidence)
        absorbed.update(id(o) for o in eaten)
    if replaced or alone:
        log.info("%d person mentions closed past a linking particle, %d made only of particles dropped",
                 len(replaced), len(alone))
    return [replaced.get(id(r), r) for r in raw if id(r) not in absorbed and id(r) not in alone]


#: while the entities stage's corpus rules run: :func:`_word_before` by (article id, offset), as two passes
#: ask for the words before the same mentions (None: no memo; set by ``EntitiesStage.corpus_rules``)
WORDS_BEFORE: dict[tuple[str, int], Token | None] | None = None


def _word_before(article: Article, start: int) -> Token | None:
    """The word right before offset ``start`` with one space between, if any (offsets in the article)."""
    memo = WORDS_BEFORE
    if memo is None:
        return _find_word_before(article, start)
    key = (article.id, start)
    if key not in memo:
        memo[key] = _find_word_before(article, start)
    return memo[key]


def _find_word_before(article: Article, start: int) -> Token | None:
    origin = max(0, start - 40)
    before = article.text[origin:start]
    if not before.endswith(" ") or before[-2:-1].isspace():
        return None
    # only the text after the last space before the word is tokenized: no token holds a space, so the
    # tokens after a space are those of the whole 40 characters, and the last of them is the one looked for
    cut = before.rfind(" ", 0, len(before) - 1) + 1
    tokens = tokenize(before[cut:], origin + cut)
    if not tokens or tokens[-1].end != start - 1 or not tokens[-1].is_word:
        return None
    return tokens[-1]


#: one article's mentions as :func:`bind_preceding_words` lays them out: per mention with spelling keys,
#: (its index among the article's mentions, its keys spaced, its type, the key of its first word when it is a
#: tagged name of several words, the word right before it outside every mention, a digest of its sentence's
#: text when that word is there and the mention is not a person)
BindLayout = list[tuple[int, str, str, str | None, Token | None, str]]
#: one article's decisions: {"j": [[index, new start], …]}, the mentions joined to the word before them
BindDecisions = dict[str, list]


def bind_layout(article: Article, mentions: list[RawMention]) -> BindLayout:
    """How :func:`bind_preceding_words` lays an article out (see :data:`BindLayout`)."""
    spans = [(r.mention.start, r.mention.end) for r in mentions]
    layout: BindLayout = []
    for k, r in enumerate(mentions):
        key = spelling_key(r.name).split()
        if not key:
            continue
        first = None
        if r.tagged and len(key) >= 2:
            words = [t for t in tokenize(r.name) if t.is_word][:1]
            first = word_key(words[0]) if words else None
        word = _word_before(article, r.mention.start)
        if word is not None and any(x < word.end and word.start < y for x, y in spans):
            word = None
        digest = ""
        if word is not None and r.mention.type != "PER":
            text = article.sentences[r.mention.sentence].text
            digest = hashlib.sha1(text.encode()).hexdigest()[:16]
        layout.append((k, " ".join(key), r.mention.type, first, word, digest))
    return layout


def bind_counts(mentions: list[RawMention], layout: BindLayout) -> Counter[str]:
    """An article's counts for :func:`bind_preceding_words` (items as :mod:`.bind_state` says)."""
    counts: Counter[str] = Counter()
    for _, name, type_, first, word, digest in layout:
        if first is not None:
            counts[f"b\t{first}\t{type_}"] += 1
        if word is not None:
            counts[f"o\t{word_key(word)}"] += 1
        if type_ == "PER":
            continue
        counts[f"t\t{name}"] += 1
        if word is not None:
            head = word_key(word)
            counts[f"a\t{name}\t{head}"] += 1
            counts[f"s\t{name}\t{head}\t{digest}"] += 1
    return counts


def bind_answers(layout: BindLayout) -> set[str]:
    """The answers :func:`bind_decisions` may read over ``layout`` (for one fetch)."""
    found: set[str] = set()
    for _, name, type_, _, word, _ in layout:
        if word is not None and type_ != "PER":
            found.update((f"bind\t{name}\t{word_key(word)}\t{type_}", f"cut\t{word.norm}"))
    return found


def bind_decisions(article: Article, mentions: list[RawMention], layout: BindLayout, roles: BindRoles
                   ) -> BindDecisions:
    """The decisions of :func:`bind_preceding_words` in one article, given the corpus's answers: the mentions
    joined to the word before them, each ``[index, new start]``."""
    from marsad.stages.entities.stage import _open_word_start, name_start

    titles = gazetteer().titles
    joined: list[list] = []
    for k, name, type_, _, word, _ in layout:
        if word is None or type_ == "PER":
            continue
        head = word_key(word)
        if ("ال" in word.prefixes or is_function_word(word.text) or head in titles or ("ال" + head) in titles
                or not roles.binds(name, head, type_)):
            continue
        start = _open_word_start(word, roles, name_start(word, " " + normalize(mentions[k].name)))
        joined.append([k, start])
    return {"j": joined}


def bind_preceding_words(articles: list[Article], raw: list[RawMention], state: BindState | None = None
                         ) -> list[RawMention]:
    """A place, organization or other (not person) name that the corpus writes almost only after one word
    is a longer name with it: when at least :data:`~.bind_state.BOUND_SHARE` of a name's mentions (at least
    :data:`~.bind_state.BOUND_MIN_MENTIONS`, in :data:`~.bind_state.BOUND_MIN_SENTENCES` different sentences)
    come right after the same indefinite word («رأس» تنورة), that word joins each of them (a leading و ف ب ك ل
    of it stays outside: «براس تنورة» → راس تنورة) and the whole keeps the name's type. The word must not be a
    function word, a title or part of another mention; it must open at least one name of several words of
    the name's type (a person «حمد الله» does not bind الله of «بحمد الله») and must not stand outside the
    names it precedes more often than it opens one — counted in ANERcorp train (:mod:`.heads`) and in this
    corpus's mentions: مدينة، محافظة، شركة، منطقة stay outside, and a verb («يعقدها» معهد …) opens no name.

    The counts are the sum of each article's :func:`bind_counts`, and each article's decisions
    (:func:`bind_decisions`) read a few answers from them; with a ``state`` (:class:`~.bind_state.BindState`)
    counts, decisions and the answers they read are kept in the store, and only the articles that changed or
    read an answer that changed are read again."""
    from marsad.stages.entities.stage import _mentions_by_article

    mentions, walked = _mentions_by_article(articles, raw)
    if state is None:
        found = decide_whole_corpus(walked, mentions, bind_layout, bind_counts, bind_decisions, BindRoles,
                                    derive=distinct_sentences)
    else:
        found = state.sync(walked, mentions, bind_layout, bind_counts, bind_decisions, bind_answers)
    replaced: dict[int, RawMention] = {}
    for i, decisions in found.items():
        article = walked[i]
        for k, start in decisions["j"]:
            r = mentions[i][k]
            m = r.mention
            text = article.text[start : m.end]
            mention = Mention(m.article, m.sentence, start, m.end, text, m.type)
            replaced[id(r)] = RawMention(mention, text, r.outlet, r.role, r.tagged, r.sense, r.confidence)
    if replaced:
        log.info("%d mentions joined to the word the corpus always writes before them", len(replaced))
    return [replaced.get(id(r), r) for r in raw]


#: the ``sense`` a mention gets when its words name a news outlet there (:func:`name_outlets`)
OUTLET_SENSE = "outlet:"


def name_outlets(articles: list[Article], raw: list[RawMention]) -> list[RawMention]:
    """A name written as an outlet is the outlet: where the media gazetteer (``knowledge/media.tsv``, read by
    :func:`marsad.knowledge.media.find_media`) finds an outlet whose own name is exactly a mention's span —
    in quotation marks after «told» (لـ«الشرق الأوسط»، لـ"الرياض") or behind a media noun (لصحيفة الرياض) —
    the mention is an organization, and its ``sense`` keys it apart from the place of the same spelling (the
    newspaper الشرق الأوسط is not the region, the newspaper الرياض not the city), so linking's type vote
    never folds it back into the place. Mentions already typed ORG are left as they are."""
    from marsad.knowledge.media import canonical_names, find_media, is_media_noun

    names = {normalize(n) for n in canonical_names()}
    by_id = {a.id: a for a in articles}
    found: dict[tuple[str, int], dict[int, tuple[int, str]]] = {}
    result = []
    for r in raw:
        m = r.mention
        article = by_id.get(m.article)
        if article is None or m.type == "ORG" or normalize(r.name) not in names:
            result.append(r)
            continue
        where = (m.article, m.sentence)
        if where not in found:
            s = article.sentences[m.sentence]
            found[where] = {}
            for media in find_media(s.text, s.start):
                end = media.end - (1 if article.text[media.end - 1 : media.end] in '"\u201d\u00bb' else 0)
                found[where][end] = (media.start, media.canonical)
        start, canonical = found[where].get(m.end, (None, ""))
        # the outlet's own name is the mention: nothing before it in the match but media nouns (لصحيفة)
        if start is None or start > m.start or not all(
                is_media_noun(t.norm) for t in tokenize(article.text[start : m.start]) if t.is_word):
            result.append(r)
            continue
        mention = Mention(m.article, m.sentence, m.start, m.end, m.text, "ORG")
        result.append(RawMention(mention, r.name, r.outlet, None, r.tagged, OUTLET_SENSE + canonical, r.confidence))
    return result


#: the ``sense`` a mention gets when the adjective after it shows it names a team (:func:`type_clubs`)
CLUB_SENSE = "club:"


def _word_after(article: Article, end: int) -> Token | None:
    """The word right after offset ``end`` with one space between, if any (offsets in the article)."""
    after = article.text[end : end + 40]
    if not after.startswith(" ") or after[1:2].isspace():
        return None
    tokens = tokenize(after, end)
    if not tokens or tokens[0].start != end + 1 or not tokens[0].is_word:
        return None
    return tokens[0]


def _masculine_place_adjective(token: Token) -> str | None:
    """The place a definite masculine singular nisba names (الإيطالي → إيطاليا; the feminine الإيطالية and
    the plurals are not read), or None. Only the article may be attached."""
    gaz = gazetteer()
    if token.prefixes not in ((), ("ال",)):
        return None
    word = token.norm if not token.prefixes else "ال" + token.base
    if not is_definite(word) or not word.endswith("ي") or word in gaz.names:
        return None
    for form in place_forms(word):
        hit = gaz.names.get(form)
        if hit is not None and hit[0] == "LOC":
            return hit[1]
    return None


#: one article's mentions as :func:`type_clubs` lays them out: (index among the article's mentions, the plain
#: word right before it — no proclitic, no function word — or None), for every mention
ClubLayout = list[tuple[int, Token | None]]


def club_layout(article: Article, mentions: list[RawMention]) -> ClubLayout:
    """How :func:`type_clubs` lays an article out (see :data:`ClubLayout`)."""
    layout: ClubLayout = []
    for k, r in enumerate(mentions):
        word = _word_before(article, r.mention.start)
        if word is not None and (word.prefixes or is_function_word(word.text)):
            word = None
        layout.append((k, word))
    return layout


def club_counts(mentions: list[RawMention], layout: ClubLayout) -> Counter[str]:
    """An article's counts for :func:`type_clubs`: the plain words right before its tagged place and
    organization mentions (``h\tWORD\tTYPE``; the other types are never compared)."""
    counts: Counter[str] = Counter()
    for k, word in layout:
        r = mentions[k]
        if word is not None and r.tagged and r.mention.type in COUNTED:
            counts[f"h\t{word_key(word)}\t{r.mention.type}"] += 1
    return counts


def club_words(layout: ClubLayout) -> set[str]:
    """The words :func:`club_decisions` may ask about over ``layout`` (for one fetch)."""
    return {word_key(word) for _, word in layout if word is not None and not word.norm.endswith("ه")}


def club_decisions(article: Article, mentions: list[RawMention], layout: ClubLayout, roles: ClubRoles
                   ) -> dict[str, list]:
    """The decisions of :func:`type_clubs` in one article, given the corpus's answers: ``"c"``, the names (spelling
    keys, spaced) its place mentions give a team."""
    gaz = gazetteer()
    starts = {r.mention.start for r in mentions}
    clubs: set[str] = set()
    for k, head in layout:
        r = mentions[k]
        m = r.mention
        if m.type != "LOC" or r.sense is not None:
            continue
        norm = normalize(r.name)
        known = gaz.names.get(norm)
        if known is not None and (known[0] != "LOC" or known[1] not in gaz.cities):
            continue
        if known is None and any(is_definite(w) for w in norm.split()):
            continue
        word = _word_after(article, m.end)
        if word is None or word.start in starts:
            continue
        place = _masculine_place_adjective(word)
        if (place is None or normalize(place) == norm or (known is not None and known[1] == place)
                or normalize(r.name + " " + word.text) in gaz.names):
            continue
        # the word before it, when plain, must stand before more organizations than places (read last: the
        # answer is recorded only for the names the adjective could make a team)
        if (head is not None and not head.norm.endswith("ه")
                and not roles.stands_before_organizations(word_key(head))):
            continue
        clubs.add(" ".join(spelling_key(r.name).split()))
    return {"c": sorted(clubs)}


def type_clubs(articles: list[Article], raw: list[RawMention], state: ClubState | None = None) -> list[RawMention]:
    """A city's name followed right away by a masculine place adjective names a team: an Arabic city is
    feminine (روما الإيطالية), so the masculine adjective (روما الإيطالي، برشلونة الإسباني) agrees with a noun
    left out, نادي or فريق. Such a place mention becomes an organization with the sense ``club:NAME``, keyed
    apart from the city in linking (:func:`canonical.name_key`), and so do the place mentions of the same
    name in the same article (one sense per text: a match report names the team, not the city, again).
    The name must be a city of the gazetteer or a name it does not know written without the article (a
    definite place such as الخليج، الجولان is masculine itself), the adjective not that of the name itself,
    and the two together no gazetteer name. The adjective may also agree with a masculine noun before the
    name («ميناء الإسكندرية المصري»: the port; «جيب مليلية الإسباني»: the enclave), so a plain word right
    before it (no proclitic, no function word, not ending in ة) must be one the corpus's mentions show
    before more organizations than places (نادي، فريق), and a name the gazetteer does not know holds no
    definite word (the adjective of «بجدة الفنان السعودي» is the artist's).

    The counts of the words before tagged mentions are the sum of each article's :func:`club_counts`, and each
    article's decisions (:func:`club_decisions`) read one answer about a few words; with a ``state``
    (:class:`~.club_state.ClubState`) counts, decisions and the answers they read are kept in the store, and
    only the articles that changed or read an answer that changed are read again."""
    from marsad.stages.entities.stage import _mentions_by_article

    mentions, walked = _mentions_by_article(articles, raw)
    if state is None:
        found = decide_whole_corpus(walked, mentions, club_layout, club_counts, club_decisions, ClubRoles)
    else:
        found = state.sync(walked, mentions, club_layout, club_counts, club_decisions, club_words)
    clubs = {(i, name) for i, decisions in found.items() for name in decisions["c"]}
    if not clubs:
        return raw
    result = []
    for r in raw:
        m = r.mention
        if m.type == "LOC" and r.sense is None and (m.article, " ".join(spelling_key(r.name).split())) in clubs:
            mention = Mention(m.article, m.sentence, m.start, m.end, m.text, "ORG")
            r = RawMention(mention, r.name, r.outlet, None, r.tagged, CLUB_SENSE + r.name, r.confidence)
        result.append(r)
    log.info("%d place mentions typed as the team their adjective names", sum(
        1 for r in result if r.sense is not None and r.sense.startswith(CLUB_SENSE)))
    return result
