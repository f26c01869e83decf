"""QuotesStage: fills ``corpus.quotes`` (runs after the entities stage)."""

from __future__ import annotations

from collections import defaultdict

from marsad.arabic import normalize
from marsad.model import Corpus, Mention, Quote
from marsad.pipeline import StageContext
from marsad.stages.quotes.extract import ArticleQuotes, RoleIndex, collect_roles
from marsad.stages.quotes.learned import Scorer, load_scorer, rescore

#: whether the stage runs the learned scorer (``learned.py``, ``scorer.json``) over the rules'
#: statements by default: it did not beat the rules alone in cross-validation on the annotated
#: articles (issue 13, fifth round: docs/quotes.md), so the rules stay the default
LEARNED_BY_DEFAULT = False


class QuotesStage:
    """Finds statements in every article; links speakers to entities when mentions exist.

    Roles are resolved across the whole corpus (a role the article leaves unnamed takes the name
    other articles give it, when they agree). Works with empty ``corpus.mentions`` (speaker
    ``entity`` stays null unless a name matches an entity's spelling).
    """

    name = "quotes"

    def __init__(self, learned: bool = LEARNED_BY_DEFAULT) -> None:
        self.learned = learned

    def run(self, corpus: Corpus, context: StageContext) -> None:
        """Replace ``corpus.quotes`` with the statements of all articles."""
        corpus.quotes = find_all(corpus, learned=self.learned)


def find_all(corpus: Corpus, learned: bool = LEARNED_BY_DEFAULT) -> list[Quote]:
    """Statements of every article of ``corpus``, in article order. With ``learned``, the learned
    scorer chooses among the rules' statements, their alternatives and the generator's candidates
    (raises if the model file is missing)."""
    scorer: Scorer | None = None
    if learned:
        scorer = load_scorer()
        if scorer is None:
            raise FileNotFoundError("quotes: no learned scorer (run benchmarks/quotes_learn.py --write)")
    by_article: dict[str, list[Mention]] = defaultdict(list)
    for m in corpus.mentions:
        by_article[m.article].append(m)
    roles = RoleIndex()
    finders = [ArticleQuotes(a, roles, by_article.get(a.id, ())) for a in corpus.articles]
    for finder in finders:  # first every role named anywhere, then the statements
        collect_roles(finder.article, roles, finder.mentions, finder)
    spelling = _entity_spellings(corpus)
    quotes: list[Quote] = []
    for finder in finders:
        found = finder.run()
        if scorer is not None:
            found = rescore(finder, found, scorer)
        for q in found:
            sp = q.speaker
            if sp.entity is None and sp.kind in {"person", "source", "organization"}:
                wanted = "PER" if sp.kind == "person" else "ORG"
                sp.entity = spelling.get((wanted, _key(sp.name or sp.text)))
        quotes.extend(found)
    assign_speaker_keys(quotes)
    return quotes


def assign_speaker_keys(quotes: list[Quote]) -> None:
    """Give statements of one speaker one ``speaker.key``: the entity id when linked; for persons,
    names that share their surname, or a one-word name that is another name's first or last word
    (بوتين / فلاديمير بوتين، كيم / كيم جونغ أون), join the most frequent full name; groups, roles
    and organizations by their written form; sources by their outlet."""
    names: dict[str, int] = defaultdict(int)
    for q in quotes:
        sp = q.speaker
        if sp.entity is None and sp.kind == "person" and sp.name:
            names[_key(sp.name)] += 1
    full = sorted((n for n in names if " " in n), key=lambda n: (-names[n], -len(n), n))
    # the first full name (in that order) with the same first or last word, by index: a scan of
    # ``full`` per quote grew with quotes x names
    rank = {n: i for i, n in enumerate(full)}
    first_at: dict[str, int] = {}
    last_at: dict[str, int] = {}
    for i, other in enumerate(full):
        other_words = other.split()
        first_at.setdefault(other_words[0], i)
        last_at.setdefault(other_words[-1], i)

    def person_key(name: str) -> str:
        words = name.split()
        best = rank.get(name, len(full))
        if len(words) == 1:
            best = min(best, first_at.get(words[0], best), last_at.get(words[0], best))
        elif len(words) > 1:
            best = min(best, last_at.get(words[-1], best))
        return full[best] if best < len(full) else name

    for q in quotes:
        sp = q.speaker
        if sp.entity:
            sp.key = f"entity:{sp.entity}"
        elif sp.kind == "person" and sp.name:
            sp.key = f"person:{person_key(_key(sp.name))}"
        elif sp.kind == "source" and sp.name:
            sp.key = f"source:{sp.name}"
        else:
            sp.key = f"{sp.kind}:{_key(sp.text)}"


def _key(text: str) -> str:
    return normalize(text)


def _entity_spellings(corpus: Corpus) -> dict[tuple[str, str], str]:
    """(type, normalized spelling) → entity id, for spellings that name exactly one entity."""
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for e in corpus.entities:
        for v in [e.name, *e.variants]:
            owners[(e.type, _key(v))].add(e.id)
    return {k: next(iter(v)) for k, v in owners.items() if len(v) == 1}
