"""Benchmark: Arabic temporal expressions (TIMEX3) on three sets, side by side.

- ``shared`` (dev): ../shared/eval/timex_ar/*.tml, 25 Omani news documents of Dec. 2015 (silver);
  the rules were written on it.
- ``own-dev`` (dev): benchmarks/data/timex_dev.jsonl, 16 documents annotated for marsad
  (SaudiNewsNet, WikiNews); errors may be looked at.
- ``test``: benchmarks/data/timex_test.jsonl, 28 other documents (10 other outlets, other
  WikiNews stories) annotated before any system output on them was seen; scored only — the
  benchmark never lists its errors. How both were made: benchmarks/data/README.md.

Prints detection precision/recall/F1 (strict = same span, relaxed = overlapping span) and
value accuracy on relaxed matches, for marsad's rules and for a dateparser-only baseline
(``dateparser.search.search_dates``, Arabic) run in the same process on the same anchors.
The details below (inferred creation days, judged gold errors) concern the shared set.

The documents carry no creation time: each one's is inferred from its own tagged values
(اليوم = the day itself, أمس = the day after its value, غدا = the day before, …) and the
inference is printed per document. The silver file is HeidelTime output, lightly corrected;
value disagreements judged to be gold errors are listed with the reason (see ``JUDGED``) and
are NOT removed from the scores: a second line reports the scores with them set aside.

    python benchmarks/timex.py            # full run with the dateparser baseline
    python benchmarks/timex.py --quick    # marsad only; exits 1 below the floors
    python benchmarks/timex.py --errors   # also every miss/extra on the two dev sets
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _shared import SAUDI, SHARED
from marsad.arabic import normalize
from marsad.stages.timex import find_timerefs
from marsad.stages.timex.stage import checked_anchor

DATA = SHARED / "eval" / "timex_ar"
OWN = Path(__file__).resolve().parent / "data"
MULTILING = SHARED / "eval" / "multiling2011_ar" / "dev.jsonl"
#: floors of the CI gate, on the shared set and on the test set alike (the issue's targets)
FLOOR_RELAXED_F1 = 0.85
FLOOR_VALUE_ACCURACY = 0.85
DEFAULT_DCT = date(2015, 12, 24)  # the corpus date (Oman, Dec. 2015) when a document has no clue

#: (document, gold text) → why the gold value is judged wrong (our value is kept as is)
JUDGED: dict[tuple[str, str], str] = {
    ("doc2", "غدا الاثنين"): "gold 2015-12-25 is a Friday; the text says Monday",
    ("doc4", "الساعة العاشرة"): "a clock time (10:00), not a one-hour duration PT1H",
    ("doc6", "الساعة السابعة"): "'الساعة السابعة من مساء غد' is a clock time (19:00 tomorrow), "
                                "not a one-hour duration PT1H",
    ("doc6", "الساعة الثامنة"): "'الساعة الثامنة من مساء الاحد' is a clock time (20:00), not a "
                                "one-hour duration PT1H",
    ("doc11", "24 ساعة"): "24 hours is PT24H; P1D changes the unit the writer used",
    ("doc13", "العام 1913"): "a year (1913), not a one-year duration P1Y",
    ("doc22", "الشهر الجاري"): "the text says 'من 12 إلى 15 من الشهر الجاري': days "
                               "(2015-12-12 and 2015-12-15), not the month",
    ("doc23", "قرنا"): "the text says 'اثني عشر قرنا': twelve centuries, P12CE",
    ("doc12", "ربع"): "'ربع قرن' is one duration of 25 years (P25Y), not a quarter P1Q",
    ("doc12", "النصف الثاني"): "'النصف الثاني من القرن العشرين' is the 20th century's second "
                               "half, not 2015-H2",
}
for _doc in ("doc18", "doc19"):
    JUDGED[(_doc, "10")] = ("'10 و 11 ابريل الجاري': both days are in one April; the gold gives "
                            "2016 to the 10th and 2015 to the 11th")
JUDGED[("doc12", "قرن")] = JUDGED[("doc12", "ربع")]
JUDGED[("doc13", "اليوم التالي")] = ("the day after an event of 1913 in the story (HeidelTime "
                                     "took the day after the creation date)")
JUDGED[("doc24", "كل يوم")] = "'نهاية كل يوم جمعة' is every Friday, not every day"
JUDGED[("doc12", "11 سبتمبر")] = ("the 2001 attacks («منذ 11 سبتمبر 2001» earlier in the text, «تلقت "
                                  "ضربة 11 سبتمبر»); the gold gives the creation year")
#: the CI gate on the shared set also fails when more value disagreements than this are not judged
#: gold errors (a new disagreement needs a reason in JUDGED: the judged figure cannot hide it)
MAX_UNJUDGED_SHARED = 3
#: gold tags judged not to be temporal expressions at all (shown; scores given with and without)
SPURIOUS: dict[tuple[str, str], str] = {
    ("doc9", "اب"): "إب is the Yemeni governorate (محافظة إب), not the month August",
    ("doc21", "الدقيقة"): "'غير الدقيقة' means 'inaccurate', not a minute",
    ("doc21", "نفس الوقت"): "'في نفس الوقت' means 'at the same time' (simultaneously), not now",
    ("doc6", "اليوم الاول"): "'جلسة اليوم الأول' names the first day of a symposium, not a "
                             "one-day duration",
    ("doc6", "اليوم الثاني"): "the second day of the symposium, not a one-day duration",
    ("doc18", "يومي"): "'يومي 10 و 11 ابريل' is the dual 'on the days', not 'daily'",
    ("doc19", "يومي"): "'يومي 10 و 11 ابريل' is the dual 'on the days', not 'daily'",
}
for _doc in ("doc7", "doc8"):  # one AFP piece in two documents
    JUDGED[(_doc, "أمس الجمعة")] = ("gold 2015-12-23 is a Wednesday; the text says Friday "
                                    "(HeidelTime used a wrong creation date)")
    JUDGED[(_doc, "يوم الاربعاء المقبل")] = ("'next Wednesday' cannot be 2015-12-23, the day "
                                             "before the creation date the gold uses")
    JUDGED[(_doc, "صباح الثلاثاء")] = ("'سيقام ... صباح الثلاثاء' is future tense: the next "
                                       "Tuesday, not the past one")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str
    value: str | None
    kind: str = ""


_TAG_RE = re.compile(r"<TIMEX3\b([^>]*)>(.*?)</TIMEX3>", re.S)
_ATTR_RE = re.compile(r'(\w+)="([^"]*)"')


def read_tml(path: Path) -> tuple[str, list[Span]]:
    """Plain text of a TimeML file and its TIMEX3 spans (offsets into that text)."""
    raw = path.read_text(encoding="utf-8")
    body = raw.split("<TimeML>", 1)[1].rsplit("</TimeML>", 1)[0].replace("\ufeff", "")
    text_parts: list[str] = []
    spans: list[Span] = []
    pos = 0
    length = 0
    for m in _TAG_RE.finditer(body):
        before = body[pos:m.start()]
        text_parts.append(before)
        length += len(before)
        attrs = dict(_ATTR_RE.findall(m.group(1)))
        inner = m.group(2)
        spans.append(Span(length, length + len(inner), inner, attrs.get("value"),
                          attrs.get("type", "").lower()))
        text_parts.append(inner)
        length += len(inner)
        pos = m.end()
    text_parts.append(body[pos:])
    return "".join(text_parts), spans


_DAY_CLUES = {"اليوم": 0, "امس": 1, "الامس": 1, "غدا": -1, "اليوم التالي": -1}
#: words right before a tagged weekday that fix its distance from the creation day
_CONTEXT_CLUES = {"بعد غد": -2, "اليوم": 0, "امس": 1, "غدا": -1}


def infer_dct(text: str, gold: list[Span]) -> tuple[date, str]:
    """A document's creation day from its own tagged values, and how it was found."""
    votes: Counter[date] = Counter()
    for g in gold:
        key = normalize(g.text)
        if key in _DAY_CLUES and g.value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", g.value):
            votes[date.fromisoformat(g.value) + timedelta(days=_DAY_CLUES[key])] += 1
    if votes:
        day, n = votes.most_common(1)[0]
        return day, f"{n} deictic day value(s) (اليوم/أمس/غدا)"
    for g in gold:
        before = normalize(text[max(0, g.start - 12):g.start])
        for clue, offset in _CONTEXT_CLUES.items():
            if before.endswith(clue) and g.value and re.fullmatch(r"\d{4}-\d{2}-\d{2}",
                                                                  g.value):
                day = date.fromisoformat(g.value) + timedelta(days=offset)
                return day, f"'{clue} {g.text}' = {g.value}"
    for g in gold:
        key = normalize(g.text)
        if ("الجاري" in key or "الحالي" in key) and g.value and re.fullmatch(r"\d{4}-\d{2}.*",
                                                                            g.value):
            year, month = int(g.value[:4]), int(g.value[5:7])
            return date(year, month, 15), f"'{g.text}' = {g.value[:7]} (day set to the 15th)"
    for g in gold:
        key = normalize(g.text)
        if key in ("هذا العام", "العام الجاري", "العام الحالي") and g.value:
            return date(int(g.value[:4]), DEFAULT_DCT.month, DEFAULT_DCT.day), \
                f"'{g.text}' = {g.value} (month/day from the corpus date)"
    return DEFAULT_DCT, "no clue in the tags: corpus date 2015-12-24"


def run_marsad(text: str, dct: date) -> list[Span]:
    """marsad's expressions with TIMEX3 values, anchored as the time stage anchors them
    (the given day, moved to the weekday the text states for itself: «أمس الجمعة»)."""
    anchor, _ = checked_anchor(text, dct, "published")
    out = []
    for t in find_timerefs(text, anchor):
        value = t.value if t.time is None else f"{t.value or 'XXXX-XX-XX'}T{t.time}"
        out.append(Span(t.start, t.end, t.text, value, t.kind))
    return out


def run_dateparser(text: str, dct: date) -> list[Span]:
    """dateparser's search_dates in Arabic, anchored on the same day, values at day precision."""
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": datetime(dct.year, dct.month, dct.day, 12),
                "PREFER_DATES_FROM": "past"}
    try:
        found = search_dates(text, languages=["ar"], settings=settings) or []
    except Exception as exc:  # the baseline may fail on some inputs; count it as no output
        print(f"  dateparser failed: {exc}", file=sys.stderr)
        return []
    out = []
    cursor = 0
    for surface, value in found:
        start = text.find(surface, cursor)
        if start < 0:
            start = text.find(surface)
        if start < 0:
            continue
        cursor = start + len(surface)
        out.append(Span(start, start + len(surface), surface, value.date().isoformat()))
    return out


@dataclass
class Tally:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value_ok: int = 0
    value_set_aside: int = 0  # matched pairs whose gold value is judged wrong

    def add(self, other: Tally) -> None:
        for name in ("gold", "system", "strict", "relaxed", "value_ok", "value_set_aside"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def prf(self, hits: int) -> tuple[float, float, float]:
        p = hits / self.system if self.system else 0.0
        r = hits / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def value_accuracy(self) -> float:
        n = self.relaxed - self.value_set_aside
        return self.value_ok / n if n else 0.0


def score(gold: list[Span], system: list[Span]) -> tuple[Tally, list[tuple[Span, Span]],
                                                         list[Span], list[Span]]:
    """One-to-one matching (largest overlap first): tally, matched pairs, misses, extras."""
    pairs = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > 0:
                pairs.append((overlap, gi, si))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_s: set[int] = set()
    matched = []
    for _, gi, si in pairs:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        matched.append((gold[gi], system[si]))
    tally = Tally(gold=len(gold), system=len(system), relaxed=len(matched))
    tally.strict = sum(1 for g, s in matched if (g.start, g.end) == (s.start, s.end))
    tally.value_ok = sum(1 for g, s in matched if g.value == s.value)
    misses = [g for i, g in enumerate(gold) if i not in used_g]
    extras = [s for i, s in enumerate(system) if i not in used_s]
    return tally, matched, misses, extras


Doc = tuple[str, str, list[Span], date]  # name, text, gold, creation day


def load_shared(verbose: bool = True) -> list[Doc]:
    """The shared Omani set, each document with the creation day inferred from its tags."""
    files = sorted(DATA.glob("*.tml"), key=lambda p: int(re.sub(r"\D", "", p.stem) or 0))
    docs = []
    if verbose and files:
        print("shared set: creation day per document (inferred from its own tags):")
    for path in files:
        text, gold = read_tml(path)
        dct, how = infer_dct(text, gold)
        docs.append((path.stem, text, gold, dct))
        if verbose:
            print(f"  {path.stem:<6} {dct.isoformat()}  {how}")
    return docs


_SAUDI_TEXTS: dict[str, str] = {}


def saudi_texts() -> dict[str, str]:
    """SaudiNewsNet ``content`` by url for every url of the own sets (first record per url),
    read in one pass over the corpus and kept for the run."""
    if _SAUDI_TEXTS:
        return _SAUDI_TEXTS
    urls: set[str] = set()
    for path in sorted(OWN.glob("timex_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line) if line else {}
            if record.get("source") == "saudinewsnet":
                urls.add(record["url"])
    with gzip.open(SAUDI, "rt", encoding="utf-8") as fh:
        for line in fh:
            if len(_SAUDI_TEXTS) == len(urls):
                break
            if '"url": "' not in line:
                continue
            row = json.loads(line)
            if row.get("url") in urls and row["url"] not in _SAUDI_TEXTS:
                _SAUDI_TEXTS[row["url"]] = row["content"]
    return _SAUDI_TEXTS


def load_own(split: str) -> list[Doc]:
    """marsad's own annotated set (``timex_<split>.jsonl``); texts are read from ../shared.

    Each document is anchored on its recorded creation day (SaudiNewsNet: ``date_extracted``;
    WikiNews: its dateline), the day the time stage would be given.
    """
    path = OWN / f"timex_{split}.jsonl"
    if not path.exists():
        return []
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    saudi = saudi_texts()
    multiling: dict[str, str] = {}
    with MULTILING.open(encoding="utf-8") as fh:
        for line in fh:
            for d in json.loads(line)["documents"]:
                multiling[d["doc_id"]] = "\n".join(d["paragraphs"])
    docs = []
    for r in records:
        text = saudi[r["url"]] if r["source"] == "saudinewsnet" else multiling[r["doc_id"]]
        gold = []
        for t in r["timex"]:
            if text[t["start"]:t["end"]] != t["text"]:
                raise ValueError(f"{r['doc']}: offsets of {t['text']!r} do not match the text")
            gold.append(Span(t["start"], t["end"], t["text"], t["value"], t["type"].lower()))
        docs.append((r["doc"], text, gold, date.fromisoformat(r["dct"])))
    return docs


def evaluate(docs: list[Doc], fn) -> tuple[Tally, float, list]:
    """Tally of one system over one set, its run time, and per document (doc, gold, output)."""
    t0 = time.perf_counter()
    outputs = [(doc, gold, fn(text, dct)) for doc, text, gold, dct in docs]
    seconds = time.perf_counter() - t0
    total = Tally()
    for _doc, gold, system in outputs:
        total.add(score(gold, system)[0])
    return total, seconds, outputs


def row(label: str, tally: Tally) -> str:
    """One line of the side-by-side table."""
    _, _, sf = tally.prf(tally.strict)
    rp, rr, rf = tally.prf(tally.relaxed)
    n = tally.relaxed - tally.value_set_aside
    return (f"{label:<46} {rp:>6.3f} {rr:>6.3f} {rf:>7.3f} {sf:>7.3f} {tally.value_accuracy:>7.3f}"
            f"  {tally.value_ok:>3}/{n:<4} {tally.gold:>5} {tally.system:>6}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="marsad only (no dateparser baseline); exit 1 below the floors")
    parser.add_argument("--errors", action="store_true",
                        help="print every miss and extra on the dev sets (never the test set)")
    args = parser.parse_args(argv)

    shared = load_shared(verbose=not args.quick)
    if not shared:
        print(f"no data in {DATA}", file=sys.stderr)
        return 2
    sets = [("shared (dev)", shared), ("own-dev (dev)", load_own("dev")),
            ("test", load_own("test"))]
    sets = [(name, docs) for name, docs in sets if docs]

    systems = [("marsad rules", run_marsad)]
    if not args.quick:
        systems.append(("dateparser baseline", run_dateparser))
    results: dict[tuple[str, str], Tally] = {}
    seconds: dict[str, float] = {}
    outputs_by: dict[tuple[str, str], list] = {}
    for name, fn in systems:
        for set_name, docs in sets:
            tally, took, outputs = evaluate(docs, fn)
            results[(name, set_name)] = tally
            outputs_by[(name, set_name)] = outputs
            seconds[name] = seconds.get(name, 0.0) + took

    print("\ndev and test side by side (relaxed = overlapping span; value accuracy on relaxed matches):")
    print(f"{'system / set':<46} {'rel P':>6} {'rel R':>6} {'rel F1':>7} {'str F1':>7} "
          f"{'val acc':>7}  {'values':<8} {'gold':>5} {'system':>6}")
    for name, _ in systems:
        for set_name, docs in sets:
            print(row(f"{name} · {set_name} [{len(docs)} docs]", results[(name, set_name)]))
    if "dateparser baseline" in seconds:
        ratio = seconds["marsad rules"] / max(seconds["dateparser baseline"], 1e-9)
        print(f"time: marsad rules took {ratio:.2f}× the dateparser baseline's time "
              "(same documents, same process)")

    # the shared set's silver tags: judged gold errors, listed and set aside in a second line
    judged: dict[str, Tally] = {}
    disagreements: list[tuple[str, Span, Span]] = []
    for name, _ in systems:
        total = Tally()
        for doc, gold, system in outputs_by[(name, "shared (dev)")]:
            kept = [g for g in gold if (doc, g.text) not in SPURIOUS]
            tally2, matched2, _, _ = score(kept, system)
            tally2.value_set_aside = sum(1 for g, s in matched2
                                         if g.value != s.value and (doc, g.text) in JUDGED)
            total.add(tally2)
            if name == "marsad rules":
                _, matched, _, _ = score(gold, system)
                disagreements += [(doc, g, s) for g, s in matched if g.value != s.value]
        judged[name] = total
    if not args.quick:
        print("\nshared set with the judged gold errors set aside (listed below; detection: the "
              "spurious tags removed; value accuracy: judged values not counted):")
        for name, _ in systems:
            print(row(f"{name} · shared, judged", judged[name]))
        print("\nshared set: value disagreements (gold → marsad); * = judged a gold error:")
        for doc, g, s in disagreements:
            mark = "*" if (doc, g.text) in JUDGED else " "
            reason = f"  [{JUDGED[(doc, g.text)]}]" if mark == "*" else ""
            print(f" {mark} {doc:<6} {g.text!r:<30} {g.value} → {s.value} ({s.text!r}){reason}")
        print("\nshared set: gold tags judged not temporal (detection):")
        for (doc, text), reason in SPURIOUS.items():
            print(f" * {doc:<6} {text!r:<30} [{reason}]")

    if args.errors:
        for set_name in ("shared (dev)", "own-dev (dev)"):  # never the test set
            print(f"\nerrors on {set_name}:")
            for doc, gold, system in outputs_by.get(("marsad rules", set_name), []):
                _, matched, misses, extras = score(gold, system)
                for g, s in matched:
                    if g.value != s.value:
                        print(f"  value {doc:<18} {g.text!r:<34} {g.value} → {s.value} ({s.text!r})")
                for g in misses:
                    print(f"  miss  {doc:<18} {g.text!r:<34} {g.value}")
                for s in extras:
                    print(f"  extra {doc:<18} {s.text!r:<34} {s.value}")

    ok = True
    print()
    for set_name in ("shared (dev)", "test"):
        tally = results.get(("marsad rules", set_name))
        if tally is None:
            print(f"floors on {set_name}: no data", file=sys.stderr)
            ok = False
            continue
        relaxed_f1 = tally.prf(tally.relaxed)[2]
        if set_name == "test":
            met = relaxed_f1 >= FLOOR_RELAXED_F1 and tally.value_accuracy >= FLOOR_VALUE_ACCURACY
            print(f"floors on {set_name}: relaxed F1 ≥ {FLOOR_RELAXED_F1} and value accuracy ≥ "
                  f"{FLOOR_VALUE_ACCURACY}: {'met' if met else 'MISSED'} "
                  f"({relaxed_f1:.3f}, {tally.value_accuracy:.3f})")
        else:
            # silver tags: value accuracy with the judged gold errors set aside, and no more
            # unjudged disagreements than MAX_UNJUDGED_SHARED (raw value accuracy printed above)
            accuracy = judged["marsad rules"].value_accuracy
            unjudged = sum(1 for doc, g, _ in disagreements if (doc, g.text) not in JUDGED)
            met = (relaxed_f1 >= FLOOR_RELAXED_F1 and accuracy >= FLOOR_VALUE_ACCURACY
                   and unjudged <= MAX_UNJUDGED_SHARED)
            print(f"floors on {set_name}: relaxed F1 ≥ {FLOOR_RELAXED_F1}, value accuracy (judged gold "
                  f"errors set aside) ≥ {FLOOR_VALUE_ACCURACY} and unjudged value disagreements ≤ "
                  f"{MAX_UNJUDGED_SHARED}: {'met' if met else 'MISSED'} "
                  f"({relaxed_f1:.3f}, {accuracy:.3f}, {unjudged}; raw value accuracy "
                  f"{tally.value_accuracy:.3f})")
        ok = ok and met
    if args.quick and not ok:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
