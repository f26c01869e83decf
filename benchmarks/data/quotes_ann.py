"""Turn hand-written statement notes (``quotes_dev5.ann``, ``quotes_test_unseen.ann``) into gold lines.

Each note names the article, the speaker, the cue, a start and an end snippet of the content, direct
(1/0) and the via outlets. This script only finds the snippets in the article text as marsad ingests
it (the first occurrence of the start, then the end after it) and fails on any snippet it cannot find;
it never runs the quotes stage.

ANERcorp keeps no article boundaries, so ``quotes_test_unseen.ann`` first marks each story by hand:
``@anercorp <position> | <first words> | <last words, or ->`` — the story that starts first after the
seeded position (``select_quotes_unseen.py``); ``-`` ends the item at the end of the first sentence
that ends after its 1,800th character (a long story is cut there). Its statements use the key
``anercorp@<position>``; the gold line's url is ``anercorp:<start>-<end>`` (characters of
``quotes.anercorp_text``).

    python benchmarks/data/quotes_ann.py benchmarks/data/quotes_dev5.ann dev5   # prints JSON lines
    python benchmarks/data/quotes_ann.py benchmarks/data/quotes_test_unseen.ann test_unseen --show   # items' texts
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from quotes import (
    anercorp_article,
    anercorp_text,
    multiling_article,
    read_multiling,
    read_saudi,
    timex_ar_article,
    to_article,
)

#: a long ANERcorp story is cut at the first sentence end after this many characters
ITEM_CHARS = 1800
_SENTENCE_END = re.compile(r"[.!?؟](?=\s)")


def anercorp_items(lines: list[str], text: str) -> dict[str, str]:
    """``anercorp@<position>`` -> ``anercorp:<start>-<end>`` for every ``@anercorp`` line."""
    items: dict[str, str] = {}
    for line in lines:
        if not line.startswith("@anercorp"):
            continue
        head, first, last = (f.strip() for f in line.split("|"))
        position = int(head.split()[1])
        start = text.find(first, position)
        if start < 0:
            raise SystemExit(f"story start not found after {position}: {first!r}")
        if last == "-":
            m = _SENTENCE_END.search(text, start + ITEM_CHARS)
            end = m.end() if m else len(text)
        else:
            at = text.find(last, start)
            if at < 0:
                raise SystemExit(f"story end not found after {start}: {last!r}")
            end = at + len(last)
        items[f"anercorp@{position}"] = f"anercorp:{start}-{end}"
    return items


def gold_lines(ann: str, split: str, show: bool = False) -> list[dict]:
    """The gold lines (``url``, ``split``, ``quotes``) of an ``.ann`` file, in the order its keys first appear."""
    lines = Path(ann).read_text(encoding="utf-8").splitlines()
    aner = anercorp_text() if any(line.startswith("@anercorp") for line in lines) else ""
    items = anercorp_items(lines, aner)
    notes: dict[str, list[list[str]]] = {}
    for line in lines:
        if not line.strip() or line.startswith(("#", "@")):
            continue
        fields = [f.strip() for f in line.split("|")]
        key = items.get(fields[0], fields[0])
        notes.setdefault(key, [])
        if fields[1:] != ["-"]:
            notes[key].append(fields[1:])
    for key in items.values():
        notes.setdefault(key, [])
    saudi_keys = {k for k in notes if k.startswith("http")}
    saudi = {r["url"]: r for r in read_saudi(saudi_keys)} if saudi_keys else {}
    multiling = read_multiling() if any(k.startswith("multiling:") for k in notes) else {}
    out: list[dict] = []
    for key, rows in notes.items():
        if key.startswith("multiling:"):
            article = multiling_article(key, multiling[key])
        elif key.startswith("anercorp:"):
            article = anercorp_article(key, aner)
        elif key.startswith("timex_ar:"):
            article = timex_ar_article(key)
        else:
            article = to_article(saudi[key])
        assert article is not None, key
        text = article.text
        if show:
            print(f"### {key} ({len(text)} characters)\n{text}\n", file=sys.stderr)
        quotes = []
        for speaker, cue, first, last, direct, *via in rows:
            start = text.find(first)
            end = text.find(last, start)
            if start < 0 or end < 0:
                raise SystemExit(f"not found in {key}: {first!r} … {last!r}")
            quotes.append(
                {
                    "speaker": speaker,
                    "cue": cue,
                    "content": text[start : end + len(last)],
                    "direct": direct == "1",
                    "via": [v.strip() for v in (via[0].split(",") if via and via[0] else [])],
                }
            )
        out.append({"url": key, "split": split, "quotes": quotes})
    return out


def main(ann: str, split: str, show: bool = False) -> int:
    for line in gold_lines(ann, split, show):
        print(json.dumps(line, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], "--show" in sys.argv[3:]))
