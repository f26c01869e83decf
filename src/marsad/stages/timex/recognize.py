"""Find Arabic temporal expressions in a text and resolve them against an anchor day.

The one public function is :func:`find_timerefs`. It is rule-based: a scan over the
tokens of :func:`marsad.arabic.tokenize` tries every pattern at each position and keeps the
longest match (ties: the first pattern). Numbers come from :mod:`marsad.arabic.numbers`,
so ``منذ ثلاثة أيام`` and ``منذ 3 أيام`` read alike.

Values follow TIMEX3 (ISO 8601): ``2023-09-16`` (day), ``2023-09`` (month), ``2023``
(year), ``197`` (decade), ``19`` (century), ``2023-W36`` (week), ``2023-SU`` (season),
``P18M`` / ``PT24H`` (durations), ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``. Parts of the
day and clock times go to ``time`` (``MO``, ``10:00``) on top of the date in ``value``.
Hijri dates with a day are converted to Gregorian (Umm al-Qura); Hijri months or years
without a day stay Hijri (``H1444-09``, ``H1444``).

Every relative value needs the anchor (the publication day). Without one the expression is
still found but its value is ``None`` and ``relative`` is True: no date is invented.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from marsad.arabic import tokenize
from marsad.arabic.normalize import normalize, normalize_digits
from marsad.arabic.numbers import find_numbers, is_number_token, parse_number
from marsad.stages.timex import dates, vocab
from marsad.stages.timex.vocab import (
    AFTER_WORDS,
    AMBIGUOUS_MONTHS,
    BARE_UNITS,
    BEFORE_WORDS,
    CURRENT,
    DEICTIC_DAYS,
    FUTURE,
    GREGORIAN_MARKS,
    HIJRI_MARKS,
    HIJRI_MONTHS,
    HIJRI_MONTHS_TWO,
    MONTHS,
    MONTHS_TWO,
    PARTS_OF_DAY,
    PAST,
    PERIOD_MODS,
    QUANT_MODS,
    REFS,
    SEASONS,
    SETS,
    THIS,
    UNITS,
    WEEKDAYS,
)

Resolver = Callable[[date], "str | None"]


@dataclass(frozen=True, slots=True)
class Timex:
    """One temporal expression found in a text (offsets into that text)."""

    start: int
    end: int
    text: str
    value: str | None
    kind: str  # date | duration | set | time
    anchor: str | None  # ISO day the value was resolved against (None: absolute or unresolved)
    relative: bool  # True: needed an anchor and had none, so value is None
    time: str | None = None
    mod: str | None = None
    mention: bool = False  # True: counted from a date the text mentioned, ``anchor`` is that date


@dataclass(slots=True)
class _Hit:
    """A match over tokens [i, j) and how to get its value."""

    i: int
    j: int
    kind: str
    resolve: Resolver | None = None  # needs the anchor
    value: str | None = None  # absolute value (no anchor needed)
    time: str | None = None
    mod: str | None = None
    today: int | None = None  # weekday the text says the publication day is (اليوم السبت → 5)
    #: counts from a date the text mentioned before (unit D/W/M/Y, shift): ذلك اليوم، العام التالي
    ref: tuple[str, int] | None = None
    weekday: bool = False  # a bare weekday (الثلاثاء، يوم الأربعاء المقبل): a numeric date may follow
    #: (month, day) of a day and month written without a year or a modifier (26 فبراير): its year
    #: is guessed from the anchor unless the text dated that day before (:func:`find_timerefs`)
    yearless: tuple[int, int] | None = None


_WORDS = vocab.all_words()
_CLITIC_PREFIXES = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل")
_NUMERIC_DATE_RES = [
    (re.compile(r"(?<![\d/.-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d/.-])"), "ymd"),
    (re.compile(r"(?<![\d/.-])(\d{4})/(\d{1,2})/(\d{1,2})(?![\d/.-])"), "ymd"),
    (re.compile(r"(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?![\d/.-])"), "dmy"),
    # Saudi official style with spaces around the slashes: 10 / 1 / 1436هـ، 11/ 10/ 1436هـ
    (re.compile(r"(?<![\d/.-])(\d{1,2}) ?/ ?(\d{1,2}) ?/ ?(\d{4})(?![\d/.-])"), "dmy"),
    (re.compile(r"(?<![\d/.-])(\d{4}) ?/ ?(\d{1,2}) ?/ ?(\d{1,2})(?![\d/.-])"), "ymd"),
]
_HIJRI_AFTER_RE = re.compile(r"^\s*(?:هـ|ه\b|هجري)")
_MAX_NUMBER_TOKENS = 6
#: words just before a number that make it a phone, box or reference number, not a year
_NUMBER_LABELS = {"رقم", "الرقم", "هاتف", "الهاتف", "تلفون", "جوال", "الجوال", "فاكس",
                  "الموحد", "المجاني", "صندوق", "بريد", "رقمه"}
_DECADE_RE = re.compile(r"(?:ال)?(عشر|ثلاث|اربع|خمس|ست|سبع|ثمان|تسع)(?:ينيات|ينات)")


def _vocab_form(norm: str) -> tuple[str, int]:
    """The word this token is in the vocabulary (clitics و ف ب ل ك removed) and how many
    leading characters were clitics; the token itself when no form is known."""
    if norm in _WORDS or not norm[:1].isalpha():
        return norm, 0
    for prefix in _CLITIC_PREFIXES[1:]:
        if norm.startswith(prefix):
            rest = norm[len(prefix):]
            if rest in _WORDS:
                return rest, len(prefix)
            if prefix.endswith("ل") and rest.startswith("ل") and "ا" + rest in _WORDS:
                return "ا" + rest, len(prefix)  # للعام = ل + العام
    return norm, 0


class _Scanner:
    """Pattern matching over the tokens of one text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        forms = [_vocab_form(t.norm) for t in self.tokens]
        self.w = [f for f, _ in forms]
        self.cut = [c for _, c in forms]
        self.n = len(self.tokens)

    # --- small helpers -------------------------------------------------------------------

    def word(self, i: int) -> str:
        return self.w[i] if 0 <= i < self.n else ""

    def is_(self, i: int, options: set[str] | dict) -> bool:
        return self.word(i) in options

    def number(self, i: int, ordinals: bool = False) -> tuple[float, int] | None:
        """The number starting at token i (longest reading): (value, end token)."""
        if i >= self.n:
            return None
        start = i
        if self.tokens[i].norm == "ال" and i + 1 < self.n:  # الـ18
            start = i + 1
        first = self.tokens[start].norm
        if (len(first) < 2 and not first.isdigit()) or not is_number_token(first, ordinals):
            return None
        last = min(self.n, start + _MAX_NUMBER_TOKENS) - 1
        begin = self.tokens[start].start
        found = find_numbers(self.text[begin:self.tokens[last].end], ordinals=ordinals)
        if not found or found[0][0] > self.tokens[start].end - begin - 1:
            return None
        _, end, value = found[0]
        for j in range(start, last + 1):
            if self.tokens[j].end - begin == end:
                return value, j + 1
        return None

    def digits(self, i: int) -> int | None:
        """Integer value of a digit token."""
        if 0 <= i < self.n and self.tokens[i].norm.isdigit():
            return int(self.tokens[i].norm)
        return None

    def day_adjective(self, j: int) -> bool:
        """True when token j qualifies a preceding اليوم as "the … day" (التالي، الأول،
        الوطني، العالمي) rather than leaving it "today"."""
        nxt = self.word(j)
        if not nxt.startswith("ال") or nxt in WEEKDAYS:
            return False
        if nxt in ("التالي", "السابق", "الموعود", "الاخير", "المفتوح", "نفسه", "ذاته"):
            return True
        if len(nxt) >= 5 and nxt.endswith(("ي", "يه")):
            return True  # nisba adjectives: الوطني، العالمي، الدراسي
        found = self.number(j, ordinals=True)
        return found is not None

    def future_context(self, i: int, j: int | None = None) -> bool:
        """True when a future marker (سوف، المقرر، المتوقع، a س- verb…) precedes token i in its
        clause, or — given the expression's end j — a سوف or س- verb follows it at once
        (يوم الجمعة سيكون…)."""
        for k in range(i - 1, max(-1, i - 9), -1):
            tok = self.tokens[k]
            if tok.norm in vocab.CLAUSE_BREAKS:
                return False
            if tok.norm in vocab.FUTURE_MARKERS or "س" in tok.prefixes:
                return True
        if j is not None:
            for k in range(j, min(self.n, j + 2)):
                tok = self.tokens[k]
                if tok.norm in vocab.CLAUSE_BREAKS:
                    break
                if tok.norm == "سوف" or "س" in tok.prefixes:
                    return True
        return False

    def mod_direction(self, j: int) -> tuple[int, int]:
        """Direction of a modifier at token j (-1 past, +1 future, 0 current) and tokens used."""
        w = self.word(j)
        if w in PAST:
            return -1, 1
        if w in FUTURE:
            return 1, 1
        if w in CURRENT:
            return 0, 1
        return 2, 0  # no modifier

    # --- patterns ------------------------------------------------------------------------

    def weekday(self, i: int) -> _Hit | None:
        """[يوم] الثلاثاء [الماضي|المقبل] [، الموافق 12 سبتمبر]."""
        k = i + 1 if self.word(i) in ("يوم", "اليوم") and self.is_(i + 1, WEEKDAYS) else i
        if not self.is_(k, WEEKDAYS):
            return None
        wd = WEEKDAYS[self.word(k)]
        if self.word(k) == "الاثنين" and (self.word(k + 1) == "معا" or self.word(k - 1) in (
                "او", "كلا", "بين")) and k == i:
            return None  # أو الاثنين معا: "both", not Monday
        direction, used = self.mod_direction(k + 1)
        j = k + 1 + used
        # a date right after the weekday wins: الثلاثاء 12 سبتمبر 2023
        m = j + 1 if self.word(j) in ("الموافق", "،", ",", "(") else j
        follow = self.day_month(m) or self.hijri(m) or self.coordinated_day(m)
        if follow is not None and follow.j - m >= (1 if follow.i == follow.j - 1 else 2):
            end = follow.j + (1 if self.word(follow.j) == ")" else 0)
            resolve = follow.resolve
            if follow.yearless is not None and resolve is not None:
                resolve = _weekday_year(resolve, follow.yearless, wd)
            return _Hit(i, end, "date", resolve, follow.value, yearless=follow.yearless)
        hit = self.bare_weekday(i, j, wd, direction)
        hit.weekday = True
        return hit

    def bare_weekday(self, i: int, j: int, wd: int, direction: int) -> _Hit:
        """A weekday without a date after it, resolved by its modifier or the tense."""
        future = self.future_context(i, j)
        if direction == -1:
            fn = lambda a: dates.weekday_before(a, wd).isoformat()  # noqa: E731
        elif direction == 1:
            fn = lambda a: dates.weekday_after(a, wd).isoformat()  # noqa: E731
        elif future:
            fn = lambda a: dates.weekday_on_or_after(a, wd).isoformat()  # noqa: E731
        else:
            fn = lambda a: dates.weekday_on_or_before(a, wd).isoformat()  # noqa: E731
        return _Hit(i, j, "date", fn)

    def deictic(self, i: int) -> _Hit | None:
        """اليوم، أمس، غدا، يوم أمس، أول أمس، أمس الأول، قبل أمس، بعد غد، النهارده، امبارح —
        optionally followed by the weekday they name (أمس الجمعة، اليوم (السبت))."""
        start = i
        if self.word(i) == "يوم" and (self.word(i + 1) in DEICTIC_DAYS
                                      or self.word(i + 1) in ("اول", "قبل", "بعد")):
            i += 1  # يوم أمس، يوم غد، يوم أمس الأول
        w = self.word(i)
        before = next((seq for seq in vocab.DAY_BEFORE_YESTERDAY
                       if tuple(self.word(i + n) for n in range(len(seq))) == seq), None)
        if before is not None:
            offset, j = -2, i + len(before)
        elif w == "بعد" and self.word(i + 1) in ("غد", "الغد", "غدا"):
            offset, j = 2, i + 2
        elif w in DEICTIC_DAYS:
            offset, j = DEICTIC_DAYS[w], i + 1
            if w == "غد" and self.word(i - 1) not in PARTS_OF_DAY and not self.is_(j, WEEKDAYS) \
                    and start == i:
                return None  # غد أفضل: "a better tomorrow", not a day
            if w == "اليوم" and (self.day_adjective(j) or start != i):
                return None  # اليوم الوطني، اليوم التالي، اليوم الأول: a day, not today
        else:
            return None
        if self.word(j) == "يوم" and self.is_(j + 1, WEEKDAYS):
            j += 1
        close = 0
        if self.word(j) == "(" and self.is_(j + 1, WEEKDAYS) and self.word(j + 2) == ")":
            j, close = j + 1, 1  # اليوم (الجمعة)
        if self.is_(j, WEEKDAYS):
            wd = WEEKDAYS[self.word(j)]

            def fn(a: date, offset: int = offset, wd: int = wd) -> str:
                # the weekday is what the writer checked; the anchor may be a day off
                return dates.nearest_weekday(dates.date.fromordinal(a.toordinal() + offset),
                                             wd).isoformat()

            return _Hit(start, j + 1 + close, "date", fn, today=(wd - offset) % 7)
        return _Hit(start, j, "date", lambda a, o=offset: dates.shift(a, o, "D"))

    def part_of_day(self, i: int) -> _Hit | None:
        """صباح اليوم السبت، مساء أمس، بعد ظهر الثلاثاء، ليلة الجمعة."""
        k = i + 1 if self.word(i) == "بعد" and self.word(i + 1) == "ظهر" else i
        part = PARTS_OF_DAY.get(self.word(k))
        if part is None:
            return None
        if k != i:
            part = "AF"
        if part == "NI" and self.holiday(i) is not None:
            return None  # ليلة عيد الفطر: the eve, read by ``holiday``
        inner = (self.deictic(k + 1) or self.weekday(k + 1) or self.day_month(k + 1)
                 or self.reference(k + 1))
        if inner is None:
            return None
        return _Hit(i, inner.j, "time", inner.resolve, inner.value, time=part, today=inner.today,
                    ref=inner.ref, weekday=inner.weekday)  # صباح الجمعة 4 / 8 / 1436هـ

    def month_name(self, i: int) -> tuple[int, int, bool] | None:
        """(month, end token, paired) for a Gregorian month name, alone or paired
        (تموز/يوليو، يوليو (تموز)، كانون الثاني)."""
        pair = (self.word(i), self.word(i + 1))
        if pair in MONTHS_TWO:
            month, j = MONTHS_TWO[pair], i + 2
        elif self.is_(i, MONTHS):
            month, j = MONTHS[self.word(i)], i + 1
        else:
            return None
        paired = False
        sep = self.tokens[j].norm if j < self.n else ""
        beside = (self.word(j), self.word(j + 1))
        if (MONTHS_TWO.get(beside) or MONTHS.get(self.word(j))) == month:
            # both names side by side, as Reuters writes them (26 فبراير شباط 2016، مايو أيار)
            return month, j + (2 if beside in MONTHS_TWO else 1), True
        if sep in ("/", "-", "(") and j + 1 < self.n:
            other = (self.word(j + 1), self.word(j + 2))
            second = MONTHS_TWO.get(other) or MONTHS.get(self.word(j + 1))
            width = 2 if other in MONTHS_TWO else 1
            if second == month:
                j = j + 1 + width
                paired = True
                if sep == "(" and self.word(j) == ")":
                    j += 1
        return month, j, paired

    def year_after(self, j: int) -> tuple[int | None, int, str | None, int]:
        """A year written after a month: ``2023``, ``من العام 2001``, ``2023م``, ``من العام
        الماضي``. Returns (year, end token, calendar mark, relative years or 99 for none)."""
        k = j + 1 if self.word(j) == "من" else j
        k2 = k + 1 if self.word(k) in ("عام", "العام", "سنه", "السنه") else k
        year = self.digits(k2)
        end = k2 + 1
        if year is None and k2 > k:
            found = self.number(k2)  # عام ألفين وستة عشر
            if found and float(found[0]).is_integer() and 1000 <= found[0] <= 2200:
                year, end = int(found[0]), found[1]
        if (year is not None and 1000 <= year <= 2200) or (year is not None and k2 > k):
            mark = None
            mark_word = self.tokens[end].norm if end < self.n else ""
            if mark_word in GREGORIAN_MARKS:
                end += 1
            elif mark_word in HIJRI_MARKS:
                mark, end = "H", end + 1
            return year, end, mark, 99
        if k2 > k and self.word(k) in ("العام", "السنه"):
            direction, used = self.mod_direction(k2)
            if used and direction in (-1, 0, 1):
                return None, k2 + used, None, direction
        if self.word(k) in THIS and self.word(k + 1) in ("العام", "السنه"):
            return None, k + 2, None, 0
        return None, j, None, 99

    def day_number(self, i: int) -> tuple[int, int] | None:
        """A day of the month before a month name: 16، ١٦، الحادي عشر، اليوم الـ7، يوم 7."""
        if self.word(i) in ("اليوم", "يوم") and i + 1 < self.n and (
                self.tokens[i + 1].norm == "ال" or self.digits(i + 1) is not None
                or self.word(i + 1).startswith("ال")):
            found = self.day_number(i + 1)
            if found and (self.word(found[1]) == "من" or self.word(found[1]) in MONTHS
                          or self.word(found[1]) in HIJRI_MONTHS):
                return found
            return None
        if i < self.n and self.tokens[i].norm == "ال":
            i += 1  # الـ7
        d = self.digits(i)
        if d is not None:
            return (d, i + 1) if 1 <= d <= 31 else None
        found = self.number(i, ordinals=True)
        if found and float(found[0]).is_integer() and 1 <= found[0] <= 31:
            return int(found[0]), found[1]
        return None

    def day_month(self, i: int) -> _Hit | None:
        """[day] [من] [شهر] month[/month] [year] [الماضي|المقبل|الجاري]; also
        ``16 من الشهر الجاري``."""
        day = self.day_number(i)
        k = day[1] if day else i
        if day and self.word(k) == "من":
            k += 1
        has_shahr = self.word(k) == "شهر"
        if has_shahr:
            k += 1
        if day and self.word(k) == "الشهر":
            direction, used = self.mod_direction(k + 1)
            if used:
                dd = day[0]

                def fn_rel(a: date, dd: int = dd, direction: int = direction) -> str | None:
                    y, m = dates.add_months(a, direction)
                    return _safe_iso(y, m, dd)

                return _Hit(i, k + 1 + used, "date", fn_rel)
        found = self.month_name(k)
        if found is None:
            return None
        month, j, paired = found
        year, j2, mark, year_rel = self.year_after(j)
        direction, used = (2, 0)
        if year is None and year_rel == 99:
            direction, used = self.mod_direction(j2)
        end = j2 + used
        ambiguous = self.word(k) in AMBIGUOUS_MONTHS
        if ambiguous and not (day or has_shahr or paired or year is not None or used
                              or year_rel != 99):
            return None
        if mark == "H":
            return None
        dd = day[0] if day else None
        if year is not None:
            value = _safe_iso(year, month, dd) if dd else dates.iso_month(year, month)
            return _Hit(i, end, "date", value=value)
        if year_rel != 99:

            def fn_year(a: date, rel: int = year_rel) -> str | None:
                y = a.year + rel
                return _safe_iso(y, month, dd) if dd else dates.iso_month(y, month)

            return _Hit(i, end, "date", fn_year)
        if used and direction == 0:
            move = 0
        elif used:
            move = direction
        else:
            move = 1 if self.future_context(i) else 0

        def fn(a: date, move: int = move) -> str | None:
            if used and direction == 0:
                y = a.year
            elif not used and move == 1 and dd and dates.just_before(a, month, dd):
                # a plan for a day a few days before the publication day (ومن المقرر أن تجرى
                # الجلسات من 20 يوليو, crawled on 21 July) is this year's, not next year's:
                # publication days run late, plans are not a year ahead
                y = a.year
            else:
                y = dates.nearest_year_for_month(a, month, dd, move)
            return _safe_iso(y, month, dd) if dd else dates.iso_month(y, month)

        return _Hit(i, end, "date", fn, yearless=(month, dd) if dd and not used else None)

    def hijri(self, i: int) -> _Hit | None:
        """[day] [من] [شهر] Hijri month [year [هـ]]: 15 رمضان 1444هـ (converted when the day is
        given); without a year (شهر رمضان، ٢٣ من شوال، رمضان المبارك، ذو الحجة المقبل) the Hijri
        year nearest the anchor, or the one the modifier says. A bare name (رمضان، صفر، رجب are
        also names and words) needs a day, شهر, an epithet, a modifier or a leading word."""
        day = self.day_number(i)
        k = day[1] if day else i
        if day and self.word(k) == "من":
            k += 1
        has_shahr = self.word(k) == "شهر"
        if has_shahr:
            k += 1
        pair = (self.word(k), self.word(k + 1))
        if pair in HIJRI_MONTHS_TWO:
            month, j = HIJRI_MONTHS_TWO[pair], k + 2
        elif self.is_(k, HIJRI_MONTHS):
            month, j = HIJRI_MONTHS[self.word(k)], k + 1
        else:
            return None
        dd = day[0] if day else None
        year, end, mark, year_rel = self.year_after(j)
        if year is not None:
            if mark is None and year > 1600:
                return None
            if dd:
                iso = dates.hijri_to_iso(year, month, dd)
                return _Hit(i, end, "date", value=iso) if iso else None
            return _Hit(i, end, "date", value=f"H{year:04d}-{month:02d}")
        epithet = 1 if self.word(j) in vocab.HIJRI_MONTH_EPITHETS else 0
        direction, used = (2, 0) if year_rel != 99 else self.mod_direction(j + epithet)
        lead = self.word(i - 1) in vocab.HIJRI_MONTH_LEADS or self.word(i - 1) == "في"
        if not (dd or has_shahr or epithet or used or year_rel != 99 or (lead and len(pair[0]) > 3)):
            return None
        end = end if year_rel != 99 else j + epithet + used

        def fn(a: date, rel: int = year_rel, direction: int = direction) -> str | None:
            if rel != 99:
                here = dates.hijri_of(a)
                y = here[0] + rel if here else None
            elif direction == 0:
                here = dates.hijri_of(a)
                y = here[0] if here else None
            else:
                y = dates.hijri_year_near(a, month, dd, direction if direction in (-1, 1) else 0)
            if y is None:
                return None
            return dates.hijri_to_iso(y, month, dd) if dd else f"H{y:04d}-{month:02d}"

        return _Hit(i, end, "date", fn)

    def holiday(self, i: int) -> _Hit | None:
        """عيد الفطر، عيد الأضحى المبارك، يوم عرفة، ليلة عيد الفطر (the evening before), أول/ثاني
        أيام عيد الأضحى: the day in the Hijri year nearest the anchor."""
        k, offset, time = i, 0, None
        ordinal = {"اول": 0, "ثاني": 1, "ثالث": 2, "رابع": 3}
        if self.word(k) in ordinal and self.word(k + 1) == "ايام":
            offset, k = ordinal[self.word(k)], k + 2
        elif self.word(k) == "ليله" and (self.word(k + 1), self.word(k + 2)) in vocab.HOLIDAYS:
            offset, time, k = -1, "NI", k + 1
        found = None
        for name, (month, day) in vocab.HOLIDAYS.items():
            if tuple(self.word(k + n) for n in range(len(name))) == name and (
                    found is None or len(name) > len(found[0])):
                found = (name, month, day)
        if found is None:
            return None
        name, month, day = found
        j = k + len(name)
        if name == ("عاشوراء",) and k == i:
            return None  # bare عاشوراء: often the event, read only as يوم عاشوراء
        if self.word(j) in vocab.HIJRI_MONTH_EPITHETS:
            j += 1
        direction, used = self.mod_direction(j)
        direction = direction if used and direction in (-1, 1) else 0

        def fn(a: date) -> str | None:
            y = dates.hijri_year_near(a, month, day, direction)
            iso = dates.hijri_to_iso(y, month, day) if y else None
            return dates.shift(date.fromisoformat(iso), offset, "D") if iso else None

        return _Hit(i, j + used, "time" if time else "date", fn, time=time)

    def year(self, i: int) -> _Hit | None:
        """عام 1991، العام 1917، 2003م، 1440هـ, or a bare plausible year (1800–2100)."""
        has_word = self.word(i) in ("عام", "العام", "سنه", "السنه", "عامي")
        k = i + 1 if has_word else i
        y = self.digits(k)
        if y is None:
            if has_word:
                found = self.number(k)
                if found and 1000 <= found[0] <= 2200 and float(found[0]).is_integer():
                    return _Hit(i, found[1], "date", value=f"{int(found[0]):04d}")
            return None
        end = k + 1
        nxt = self.tokens[end].norm if end < self.n else ""  # a mark is its own word: not لم
        gap_ok = (end < self.n and self.tokens[end].start == self.tokens[k].end) or (
            end < self.n and self.text[self.tokens[k].end:self.tokens[end].start].strip() == "")
        if nxt in HIJRI_MARKS and gap_ok:
            return _Hit(i, end + 1, "date", value=f"H{y:04d}")
        if nxt in GREGORIAN_MARKS and gap_ok:
            return _Hit(i, end + 1, "date", value=f"{y:04d}") if y <= 2200 else None
        if (1300 <= y <= 1500 and self.word(end) in ("-", "/", "و", "الي")
                and self.word(end + 2) in HIJRI_MARKS and self.digits(end + 1) is not None):
            return _Hit(i, end, "date", value=f"H{y:04d}")  # 1436-1437هـ: both Hijri
        if not has_word:
            if not 1800 <= y <= 2100 or len(self.tokens[k].norm) != 4:
                return None
            if nxt in UNITS or nxt in ("%", "الف", "مليون", "مليار") or self.word(k - 1) in (
                    "رقم", "$") or {self.word(k - 1), self.word(k - 2)} & _NUMBER_LABELS:
                return None  # الرقم الموحد 1909، هاتف 1909: a number, not a year
        elif not 1000 <= y <= 2200:
            return None
        return _Hit(i, end, "date", value=f"{y:04d}")

    def century(self, i: int) -> _Hit | None:
        """القرن العشرين، القرن التاسع عشر، القرن الـ19، القرن الماضي/الحالي."""
        if self.word(i) != "القرن":
            return None
        direction, used = self.mod_direction(i + 1)
        if used:
            return _Hit(i, i + 2, "date", lambda a, d=direction: dates.shift(a, d, "CE"))
        found = self.number(i + 1, ordinals=True)
        if found and 1 <= found[0] <= 30 and float(found[0]).is_integer():
            return _Hit(i, found[1], "date", value=f"{int(found[0]) - 1:02d}")
        return None

    def decade(self, i: int) -> _Hit | None:
        """السبعينيات، ثمانينات القرن الماضي، العقد الماضي."""
        w = self.word(i)
        if w in ("العقد",):
            direction, used = self.mod_direction(i + 1)
            if used:
                return _Hit(i, i + 2, "date", lambda a, d=direction: dates.shift(a, d, "DE"))
            return None
        m = _DECADE_RE.fullmatch(w)
        if not m:
            return None
        tens = {"عشر": 2, "ثلاث": 3, "اربع": 4, "خمس": 5, "ست": 6, "سبع": 7, "ثمان": 8,
                "تسع": 9}[m.group(1)]
        j = i + 1
        if self.word(j) == "من" and self.word(j + 1) in vocab.AGE_WORDS | {"عمرها"}:
            return None  # في الثلاثينات من العمر: an age, not a decade
        k = j + 1 if self.word(j) == "من" else j
        cent = self.century(k)
        if cent is not None:
            if cent.value is not None:
                return _Hit(i, cent.j, "date", value=f"{cent.value}{tens}")
            inner = cent.resolve
            return _Hit(i, cent.j, "date",
                        lambda a, inner=inner: f"{inner(a)}{tens}" if inner else None)

        def fn(a: date) -> str:
            century = a.year // 100
            if century * 100 + tens * 10 > a.year:
                century -= 1
            return f"{century:02d}{tens}"

        return _Hit(i, j, "date", fn)

    def units(self, i: int) -> _Hit | None:
        """Durations and relative points in units: منذ ثلاثة أيام، قبل أسبوعين، 18 شهرا،
        العام الماضي، هذا الشهر، السنوات الخمس الماضية، الأيام الأخيرة."""
        w = self.word(i)
        # هذا العام، هذه السنة، هذا الشهر، هذا الأسبوع
        if w in THIS and self.is_(i + 1, UNITS) and self.word(i + 1).startswith("ال"):
            code, count = UNITS[self.word(i + 1)]
            if count == 1 and code in ("W", "M", "Y", "DE", "CE"):
                return _Hit(i, i + 2, "date", lambda a, c=code: _current(a, c))
            return None
        point = BEFORE_WORDS.get(w) or AFTER_WORDS.get(w)
        k = i + 1 if point else i
        mod = None
        for words, code in QUANT_MODS.items():
            if tuple(self.word(k + n) for n in range(len(words))) == words:
                mod, k = code, k + len(words)
                break
        amount: float | None
        found = self.number(k)
        if found and self.is_(found[1], UNITS):
            amount, u = found[0], found[1]
            code, count = UNITS[self.word(u)]
            if count == 2:
                return None  # "ثلاثة يومين" is not Arabic
            if self.word(u).startswith("ال") and self.tokens[k].norm != "ال":
                return None  # فلا أحد اليوم يعير: a number does not count a definite unit
        elif self.is_(k, UNITS):
            u = k
            code, count = UNITS[self.word(u)]
            amount = count
            if self.word(u) == "يوم" and not point and not self.day_alone(u):
                return None  # يوم القيامة، أول يوم مران، يوم 8 /11: a named day, not one day
        elif self.word(k) in vocab.VAGUE_COUNTS and self.is_(k + 1, UNITS):
            # بضعة أيام، عدة أشهر، منذ سنوات: a vague amount
            code, count = UNITS[self.word(k + 1)]
            if count is not None:
                return None
            if point and self.word(k + 2) not in ("من", "علي", "عن"):
                ref = "PAST_REF" if BEFORE_WORDS.get(w) else "FUTURE_REF"
                return _Hit(i, k + 2, "date", value=ref)
            return _Hit(k, k + 2, "duration", value=f"PX{code}" if code not in ("H", "MIN")
                        else f"PTX{code[0]}")
        elif self.word(k) in vocab.FRACTIONS and self.is_(k + 1, UNITS):
            # ربع قرن = P25Y، نصف ساعة = PT30M: the fraction in the next smaller unit
            code, count = UNITS[self.word(k + 1)]
            if count != 1 or code not in _SMALLER:
                return None
            smaller, factor = _SMALLER[code]
            amount = vocab.FRACTIONS[self.word(k)] * factor
            if not float(amount).is_integer():
                return None
            start = i + 1 if point else i
            return _Hit(start if not mod else i, k + 2, "duration",
                        value=dates.period(int(amount), smaller), mod=mod)
        else:
            return None
        unit_word = self.word(u)
        j = u + 1
        if not found and count == 1 and self.is_one(j):
            j += 1  # يوم واحد، سنة واحدة: "one" after its unit belongs to the expression
        if code == "Y" and count == 1 and not found and self.digits(j) is not None:
            return None  # منذ عام 2019: a year, read by ``year``
        if amount is None:
            # plural without a number: الأيام الماضية، السنوات الخمس الماضية، منذ سنوات
            found2 = self.number(j)
            if unit_word.startswith("ال") and found2:
                direction, used = self.mod_direction(found2[1])
                if used and direction in (-1, 1):
                    return _Hit(i, found2[1] + used, "duration",
                                value=dates.period(found2[0], code), mod=mod)
            direction, used = self.mod_direction(j)
            if self.word(j) in vocab.LATER:
                direction, used = 1, 1
            if unit_word.startswith("ال") and used and direction in (-1, 1):
                ref = "PAST_REF" if direction < 0 else "FUTURE_REF"
                return _Hit(i, j + used, "date", value=ref)
            if point and not unit_word.startswith("ال") and self.word(j) not in ("من", "علي",
                                                                               "عن"):
                ref = "PAST_REF" if BEFORE_WORDS.get(w) else "FUTURE_REF"
                return _Hit(i, j, "date", value=ref)
            nxt = self.tokens[j].norm if j < self.n else "."
            ends = not nxt[:1].isalnum() or self.word(j) in ("من", "علي", "في", "قبل", "بعد",
                                                               "حتي", "او", "ثم", "لكن")
            if not unit_word.startswith("ال") and ends and \
                    self.word(k - 1) in vocab.VAGUE_DURATION_LEADS:
                # لمدة أسابيع، سيستغرق أشهرا، خلال سنوات: a vague amount of that unit
                return _Hit(k, j, "duration", value=f"PX{code}" if code not in ("H", "MIN", "S")
                            else f"PTX{'M' if code == 'MIN' else code}")
            return None
        if unit_word.startswith("ال") and amount == 1 and not found:
            # العام الماضي، الشهر المقبل، الأسبوع الجاري
            direction, used = self.mod_direction(j)
            if used and code in ("D", "W", "M", "Y", "DE", "CE"):
                if code == "D":
                    return None  # اليوم is deictic, handled there
                return _Hit(i, j + used, "date",
                            lambda a, c=code, d=direction: _current(a, c, d))
            if not point:
                return None
        after = j + 1 if self.word(j) in ("تقريبا",) else j
        if point and self.word(after) not in ("من", "علي", "عن"):
            sign = BEFORE_WORDS.get(w) or AFTER_WORDS[w]
            if float(amount).is_integer():
                n = int(amount) * sign
                return _Hit(i, j, "date", lambda a, n=n, c=code: dates.shift(a, n, c), mod=mod)
        # a duration: the span leaves out قبل/بعد/منذ
        start = k if not mod else (i + 1 if point else i)
        half = j < self.n and self.tokens[j].norm == "ونصف"  # ساعة ونصف، دقيقة ونصف
        if not found and unit_word not in BARE_UNITS and not mod and not half:
            return None
        before = k - 1
        if before > 0 and self.tokens[before].norm in ('"', "«", "“", "'"):
            before -= 1  # 51 "عاماً"
        if not found and before >= 0 and is_number_token(self.tokens[before].norm) and \
                "\n" not in self.text[self.tokens[before].end:self.tokens[k].start]:
            return None  # the unit of a number read (and rejected) before: 76 عاما as an age
        if code == "Y" and self.is_age(start, j):
            return None  # أعمارهم بين 45 و76 عاما: an age, not a duration
        parts, j = self.more_units(amount, code, j)
        value = dates.period(amount, code) if len(parts) == 1 else dates.compound_period(parts)
        direction, used = self.mod_direction(j)
        if used and direction in (-1, 1):
            j += used
        return _Hit(start, j, "duration", value=value, mod=mod)

    def more_units(self, amount: float, code: str, j: int) -> tuple[list[tuple[float, str]], int]:
        """The units that continue a duration, each smaller than the last: ساعتين و30 دقيقة،
        13 دقيقة 45 ثانية، عام وستة أشهر. Returns every (amount, unit) and the end token."""
        order = ("CE", "DE", "Y", "M", "W", "D", "H", "MIN", "S")
        parts = [(amount, code)]
        while True:
            k = j + 1 if j < self.n and self.tokens[j].norm == "و" else j
            found = self.number(k)
            if found and self.is_(found[1], UNITS):
                more, u = found[0], found[1]
                unit, count = UNITS[self.word(u)]
                if count == 2:
                    break
            elif self.is_(k, UNITS) and k > j and UNITS[self.word(k)][1] in (1, 2):
                unit, more = UNITS[self.word(k)][0], float(UNITS[self.word(k)][1] or 1)
                u = k  # عام وشهرين
            elif self.tokens[k].norm in ("ونصف",) if k < self.n else False:
                smaller = _SMALLER.get(parts[-1][1])
                if smaller is None or not float(smaller[1] / 2).is_integer():
                    break
                unit, more, u = smaller[0], smaller[1] / 2, k
                if self.is_(k + 1, UNITS) and UNITS[self.word(k + 1)][0] == parts[-1][1]:
                    u = k + 1  # ساعة ونصف الساعة، أربع دقائق ونصف دقيقة
            else:
                break
            if order.index(unit) <= order.index(parts[-1][1]):
                break
            parts.append((more, unit))
            j = u + 1
        return parts, j

    def is_one(self, i: int) -> bool:
        """True when token i is the number one written as a word after its noun (واحد، واحدة، واحدا);
        not أحد, which after a noun is "someone" or Sunday."""
        word = self.word(i)
        return word != "احد" and is_number_token(word) and parse_number(word) == 1

    def day_alone(self, u: int) -> bool:
        """False when a bare «يوم» at token u is a day named by what follows it or counted
        within something (يوم 8 /11، أول يوم مران، ثاني يوم), not a one-day duration."""
        nxt = self.tokens[u + 1].norm if u + 1 < self.n else "."
        if not self.is_one(u + 1) and (nxt[:1].isdigit() or is_number_token(nxt)):
            return False
        return self.word(u - 1) not in ("اول", "ثاني", "ثالث", "رابع", "اخر", "خامس")

    def is_age(self, start: int, end: int) -> bool:
        """True when "N عاما" at tokens [start, end) gives someone's age (أعمارهم ما بين 45 و76
        عاما، يبلغ من العمر 30 عاما، 30 عاما من العمر)."""
        near = {self.tokens[k].base or self.tokens[k].norm for k in range(max(0, start - 5), start)}
        near |= {self.word(k) for k in range(max(0, start - 5), start)}
        if near & vocab.AGE_WORDS:
            return True
        return self.word(end) == "من" and self.word(end + 1) in vocab.AGE_WORDS

    def refs(self, i: int) -> _Hit | None:
        """الآن، حاليا، مؤخرا، سابقا، في السابق، قريبا، هذه الأيام…"""
        best = None
        for words, value in REFS.items():
            matches = tuple(self.word(i + n) for n in range(len(words))) == words
            if matches and (best is None or len(words) > best.j - i):
                best = _Hit(i, i + len(words), "date", value=value)
        return best

    def season(self, i: int) -> _Hit | None:
        """الصيف، شتاء 2015، الصيف الماضي."""
        code = SEASONS.get(self.word(i))
        if code is None or self.word(i + 1) in ("العربي", "العربيه"):
            return None
        y = self.digits(i + 1)
        if y is not None and 1000 <= y <= 2200:
            return _Hit(i, i + 2, "date", value=f"{y:04d}-{code}")
        direction, used = self.mod_direction(i + 1)
        if not used or direction not in (-1, 1):
            direction = 0  # الصيف، في الشتاء: the season of the anchor's year
        return _Hit(i, i + 1 + used, "date",
                    lambda a, d=direction: f"{dates.season_year(a, code, d):04d}-{code}")

    def sets(self, i: int) -> _Hit | None:
        """يوميا، الشهرية، كل يوم، كل عامين، كل 3 أشهر، كل (يوم) جمعة، أيام الجمعة، كل صباح،
        مرتين في الأسبوع، ثلاث مرات سنويا."""
        w = self.word(i)
        if w in SETS:
            nxt = self.word(i + 1)
            if w == "يومي" and (self.number(i + 1) or nxt.startswith("ال") or nxt in WEEKDAYS):
                return None  # يومي 10 و11، يومي العيد: the dual "(on) the two days", not "daily"
            if w in ("الشهري", "الشهريه") and not self.set_noun_before(i):
                return None  # سعد الشهري: a family name, not "monthly"
            return _Hit(i, i + 1, "set", value=SETS[w])
        times = self.times_per(i)
        if times is not None:
            return times
        if w == "كل" or (w == "ايام" and self.is_(i + 1, WEEKDAYS)):
            k = i + 2 if self.word(i + 1) == "يوم" and self.weekday_word(i + 2) is not None else i + 1
            wd = self.weekday_word(k)
            if wd is not None:
                return _Hit(i, k + 1, "set", value=f"XXXX-WXX-{wd + 1}")
            if w != "كل":
                return None
            part = PARTS_OF_DAY.get(self.word(i + 1))
            if part and self.word(i + 1) not in ("ليله",):
                return _Hit(i, i + 2, "set", value=f"XXXX-XX-XXT{part}")
            found = self.number(i + 1)
            if found and self.is_(found[1], UNITS):
                code, _ = UNITS[self.word(found[1])]
                return _Hit(i, found[1] + 1, "set", value=dates.period(found[0], code))
            if self.is_(i + 1, UNITS):
                code, count = UNITS[self.word(i + 1)]
                if count:
                    return _Hit(i, i + 2, "set", value=dates.period(count, code))
        return None

    def set_noun_before(self, i: int) -> bool:
        """True when the word before token i is a noun an adjective like الشهري can qualify
        (التقرير الشهري، تقريره الشهري), not a given name (سعد الشهري، عبدالله الشهري)."""
        prev = self.tokens[i - 1].norm if i > 0 else ""
        if not prev[:1].isalpha() or prev.endswith("الله"):
            return False
        return prev.startswith("ال") or prev.endswith(("ه", "ها", "هم", "هن", "نا"))

    def weekday_word(self, k: int) -> int | None:
        """The weekday at token k, with or without its article (جمعة، الجمعة)."""
        w = self.word(k)
        if w in WEEKDAYS:
            return WEEKDAYS[w]
        if self.word(k - 1) == "يوم" or w in ("جمعه", "خميس", "ثلاثاء", "اربعاء"):
            return WEEKDAYS.get("ال" + w)  # not كل أحد (everyone), كل اثنين (every two)
        return None

    def times_per(self, i: int) -> _Hit | None:
        """مرة/مرتين/ثلاث مرات + في الأسبوع/كل شهر/سنويا: a set at the unit's period."""
        if self.word(i) in ("مره", "مرتين", "مرتان"):
            j = i + 1
        else:
            found = self.number(i)
            if not found or self.word(found[1]) not in ("مرات", "مره"):
                return None
            j = found[1] + 1
        if self.word(j) in SETS and self.word(j).endswith("ا"):
            return _Hit(i, j + 1, "set", value=SETS[self.word(j)])
        if self.word(j) in ("في", "كل") and self.is_(j + 1, UNITS):
            code, count = UNITS[self.word(j + 1)]
            if count == 1:
                return _Hit(i, j + 2, "set", value=dates.period(1, code))
        return None

    def clock(self, i: int) -> _Hit | None:
        """الساعة العاشرة والنصف، الساعة 10:30 صباحا، 08:26 (digits with two-digit minutes),
        منتصف الليل — on the day named next (صباح اليوم، يوم الأحد، ذلك اليوم) if any."""
        named = next((hhmm for words, hhmm in vocab.CLOCK_WORDS.items()
                      if tuple(self.word(i + n) for n in range(len(words))) == words), None)
        if named is not None:
            hour, minute = int(named[:2]), int(named[3:])
            j = i + 2
            inner = (self.deictic(j) or self.weekday(j) or self.reference(j)) \
                if self.word(i + 1) == "ليل" else None
            if self.word(i + 1) == "ليل" and inner is None:
                return None
            if inner is not None:
                return _Hit(i, inner.j, "time", inner.resolve, inner.value, time=named,
                            ref=inner.ref)
            return _Hit(i, j, "time", value=None, time=named)
        has_word = self.word(i) == "الساعه"
        k = i + 1 if has_word else i
        hour = self.digits(k)
        j = k + 1
        minute = 0
        if hour is not None:
            colon = self.word(j) == ":" and self.digits(j + 1) is not None
            if colon:
                minute, j = self.digits(j + 1) or 0, j + 2
            if not has_word and not (colon and len(self.tokens[j - 1].norm) == 2
                                     and self.word(k - 1) not in (":", "-", "/")
                                     and self.word(j) not in (":", "-", "/") and hour <= 23):
                return None  # bare digits: only HH:MM
        elif has_word:
            found = self.number(k, ordinals=True)
            if not found:
                return None
            hour, j = int(found[0]), found[1]
        else:
            return None
        after = self.tokens[j].norm if j < self.n else ""
        if after in ("والنصف", "ونصف"):
            minute, j = 30, j + 1
        elif after in ("والربع", "وربع"):
            minute, j = 15, j + 1
        elif after in ("والثلث", "وثلث"):
            minute, j = 20, j + 1
        elif after == "الا" and self.word(j + 1) in ("ثلثا", "ثلث"):
            hour, minute, j = hour - 1, 40, j + 2
        elif after == "الا" and self.word(j + 1) in ("ربعا", "ربع"):
            hour, minute, j = hour - 1, 45, j + 2
        if not 0 <= hour <= 24 or not 0 <= minute < 60:
            return None
        after = self.word(j)
        if after in ("مساء", "مساءا", "ليلا", "عصرا", "ظهرا") and hour < 12:
            hour, j = hour + 12, j + 1
        elif after in ("مساء", "مساءا", "ليلا", "عصرا", "ظهرا", "صباحا", "فجرا"):
            j += 1
        # الساعة التاسعة من صباح اليوم / مساء أمس / اليوم / يوم الأحد: the clock on that day
        k = j + 1 if self.word(j) == "من" else j
        day = self.part_of_day(k) or self.deictic(k) or self.weekday(k) or self.reference(k)
        if day is not None:
            if day.time in ("AF", "EV", "NI") and hour < 12:
                hour += 12
            return _Hit(i, day.j, "time", day.resolve, day.value, time=f"{hour:02d}:{minute:02d}",
                        ref=day.ref)
        return _Hit(i, j, "time", value=None, time=f"{hour:02d}:{minute:02d}")

    def reference(self, i: int) -> _Hit | None:
        """A day, week, month or year counted from one the text mentioned before: ذلك اليوم،
        اليوم نفسه، في نفس اليوم، اليوم التالي، اليوم السابق، ذلك العام، العام التالي، الشهر نفسه."""
        unit_of = {"اليوم": "D", "الليله": "D", "الاسبوع": "W", "الشهر": "M", "العام": "Y",
                   "السنه": "Y"}
        w = self.word(i)
        if w in ("ذلك", "تلك", "ذات", "نفس") and self.word(i + 1) in unit_of:
            return _Hit(i, i + 2, "date", ref=(unit_of[self.word(i + 1)], 0))
        if w in unit_of:
            nxt = self.word(i + 1)
            if nxt in ("نفسه", "ذاته", "نفسها", "ذاتها"):
                return _Hit(i, i + 2, "date", ref=(unit_of[w], 0))
            if nxt in vocab.REFERENCE_NEXT:
                return _Hit(i, i + 2, "date", ref=(unit_of[w], 1))
            if nxt in vocab.REFERENCE_PREVIOUS and w in ("اليوم", "الليله"):
                return _Hit(i, i + 2, "date", ref=(unit_of[w], -1))
        return None

    PATTERNS = ("coordinated_day", "part_of_day", "deictic", "weekday", "hijri", "day_month",
                "holiday", "century", "decade", "units", "year", "refs", "season", "sets", "clock",
                "reference", "quarter")

    def best_at(self, i: int) -> _Hit | None:
        """The longest match starting at token i (a period modifier may come first)."""
        best: _Hit | None = None
        for name in self.PATTERNS:
            hit = getattr(self, name)(i)
            if hit is not None and hit.j > i and (best is None or hit.j > best.j):
                best = hit
        period_mod = PERIOD_MODS.get(self.word(i))
        k = i + 1
        part = None
        if self.word(i) in ("النصف", "الربع") and self.word(i + 2) == "من":
            found = self.number(i + 1, ordinals=True)
            count = 2 if self.word(i) == "النصف" else 4
            if found and found[1] == i + 2 and found[0] in range(1, count + 1):
                part = f"{'H' if count == 2 else 'Q'}{int(found[0])}"
                period_mod = "START" if found[0] == 1 else "END" if found[0] == count else "MID"
                k = i + 3
        if period_mod:
            for name in ("day_month", "century", "decade", "units", "year", "season"):
                hit = getattr(self, name)(k)
                if hit is not None and hit.kind == "date" and (best is None or hit.j > best.j):
                    hit.i, hit.mod = i, period_mod
                    if part:
                        _to_part(hit, part)
                    best = hit
        return best

    def quarter(self, i: int) -> _Hit | None:
        """A bare quarter of the year: «الربع الثاني» (of the latest year in which it has begun),
        «الربع الأخير»; «الربع الثاني من العام الماضي» is read by ``best_at``."""
        if self.word(i) != "الربع":
            return None
        if self.word(i + 1) in ("الاخير", "الرابع"):
            q, j = 4, i + 2
        else:
            found = self.number(i + 1, ordinals=True)
            if not found or found[1] != i + 2 or found[0] not in (1, 2, 3, 4):
                return None
            q, j = int(found[0]), found[1]
        if self.word(j) == "من":
            return None

        def fn(a: date, q: int = q) -> str:
            year = a.year if 3 * q - 2 <= a.month else a.year - 1
            return f"{year:04d}-Q{q}"

        return _Hit(i, j, "date", fn)

    def coordinated_day(self, i: int) -> _Hit | None:
        """The first day of ``10 و11 أبريل``: it takes the month and year of the second."""
        d = self.digits(i)
        if d is None or not 1 <= d <= 31 or i + 1 >= self.n or (
                self.tokens[i + 1].norm not in ("و", "،", ",", "-", "الي", "حتي", "لغايه")
                and self.word(i + 1) not in ("الي", "حتي")):
            return None
        second = self.day_month(i + 2) or self.hijri(i + 2)
        if second is None or self.digits(i + 2) is None:
            return None

        d2 = self.digits(i + 2) or d

        def with_day(value: str | None) -> str | None:
            # same month as the second day, in whichever calendar: count back the difference
            if value is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) or d > d2:
                return None
            return dates.shift(date.fromisoformat(value), d - d2, "D")

        if second.resolve is None:
            return _Hit(i, i + 1, "date", value=with_day(second.value))
        inner = second.resolve
        return _Hit(i, i + 1, "date", lambda a: with_day(inner(a)))

    def may_start(self, i: int) -> bool:
        """Cheap test: can any pattern start at token i? (a known word, a number, a decade)"""
        norm = self.tokens[i].norm
        return (self.w[i] in _WORDS or norm[0].isdigit() or norm == "ال"
                or is_number_token(norm, ordinals=True) or _DECADE_RE.fullmatch(self.w[i]) is not None)

    def scan(self, blocked: list[tuple[int, int]]) -> list[_Hit]:
        """All non-overlapping matches, left to right."""
        hits: list[_Hit] = []
        i = 0
        while i < self.n:
            tok = self.tokens[i]
            if any(s < tok.end and tok.start < e for s, e in blocked) or not tok.norm[:1].isalnum():
                i += 1
                continue
            hit = self.best_at(i) if self.may_start(i) else None
            if hit is None:
                i += 1
                continue
            if any(s < self.tokens[hit.j - 1].end and self.tokens[hit.i].start < e
                   for s, e in blocked):
                i += 1
                continue
            hits.append(hit)
            i = hit.j
        return hits


def _to_part(hit: _Hit, part: str) -> None:
    """النصف الأول من عام 2015 → 2015-H1، الربع الثالث من العام الماضي → 2022-Q3 (a year only;
    other periods keep START/MID/END as ``mod``)."""

    def cut(value: str | None) -> str | None:
        return f"{value}-{part}" if value and re.fullmatch(r"\d{4}", value) else value

    if hit.resolve is None:
        if hit.value and re.fullmatch(r"\d{4}", hit.value):
            hit.value, hit.mod = cut(hit.value), None
    else:
        inner = hit.resolve
        hit.resolve = lambda a: cut(inner(a))


#: a unit and the next smaller one with how many of those it holds
_SMALLER = {"CE": ("Y", 100), "DE": ("Y", 10), "Y": ("M", 12), "M": ("D", 30), "D": ("H", 24),
            "H": ("MIN", 60), "W": ("D", 7), "MIN": ("S", 60)}


def _safe_iso(year: int, month: int, day: int | None) -> str | None:
    """ISO day (or month when ``day`` is None); None for impossible dates (31 فبراير)."""
    if day is None:
        return dates.iso_month(year, month)
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _current(anchor: date, code: str, direction: int = 0) -> str | None:
    """The week/month/year/decade/century containing ``anchor``, moved by ``direction``."""
    if code == "W":
        return dates.iso_week(date.fromordinal(anchor.toordinal() + 7 * direction))
    return dates.shift(anchor, direction, code)


def _numeric_dates(text: str) -> list[tuple[int, int, str, bool]]:
    """Numeric dates (2023-09-16، ١٦/٩/٢٠٢٣، 16.9.2023, 1445/3/1هـ): (start, end, value, hijri)."""
    plain = normalize_digits(text)  # one character for one: offsets are kept
    found = []
    for pattern, order in _NUMERIC_DATE_RES:
        for m in pattern.finditer(plain):
            a, b, c = (int(g) for g in m.groups())
            year, month, day = (a, b, c) if order == "ymd" else (c, b, a)
            end = m.end()
            hijri_mark = _HIJRI_AFTER_RE.match(plain[end:])
            if hijri_mark or 1300 <= year <= 1500:
                value = dates.hijri_to_iso(year, month, day)
                if hijri_mark:
                    end += hijri_mark.end()
            else:
                value = _safe_iso(year, month, day) if 1 <= month <= 12 else None
                if value is None and order == "dmy" and 1 <= day <= 12:
                    value = _safe_iso(year, day, month)  # 12/13/2023 can only be month/day
            if value and not any(s < end and m.start() < e for s, e, _, _ in found):
                found.append((m.start(), end, value, bool(hijri_mark)))
    return sorted(found)


#: a word for today, yesterday or tomorrow, and a weekday name, in normalized text (substrings: a
#: cheap filter before the scanner reads a sentence)
_DEICTIC_RE = re.compile("|".join(sorted(DEICTIC_DAYS, key=len, reverse=True)))
_WEEKDAY_RE = re.compile("|".join(sorted(WEEKDAYS)))


def _may_state_weekday(normalized: str) -> bool:
    return bool(_DEICTIC_RE.search(normalized) and _WEEKDAY_RE.search(normalized))


def stated_weekday(text: str) -> int | None:
    """The weekday the text itself gives its publication day («اليوم السبت»، «أمس الجمعة»، «غد
    الأربعاء» → Saturday = 5, …), when every such statement agrees; else None.

    The sentences are read one at a time, as :func:`find_timerefs` reads them, and only those that
    hold both a word for today/yesterday/tomorrow and a weekday."""
    if not _may_state_weekday(normalize(text)):
        return None
    days = {hit.today
            for piece in _SENTENCE_END_RE.split(text) if _may_state_weekday(normalize(piece))
            for hit in _Scanner(piece).scan([]) if hit.today is not None}
    return days.pop() if len(days) == 1 else None


_SENTENCE_END_RE = re.compile(r"[.!؟?\n]")
_DAY_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTH_RE = re.compile(r"(\d{4})-(\d{2})")
_YEAR_RE = re.compile(r"(\d{4})")


class _Mentions:
    """The latest day, month and year the text has mentioned so far (for ذلك اليوم، العام التالي,
    and for a clock time with no day of its own)."""

    def __init__(self, reference: date | None) -> None:
        self.day = reference
        self.day_end = -1  # offset where the latest day was mentioned (-1: before this text)
        self.month = (reference.year, reference.month) if reference else None
        self.year = reference.year if reference else None

    def note(self, value: str | None, end: int) -> None:
        """Remember a calendar value (day, month or year precision) found ending at ``end``."""
        if not value:
            return
        if m := _DAY_RE.fullmatch(value[:10]):
            try:
                self.day = date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return
            self.day_end = end
            self.month, self.year = (self.day.year, self.day.month), self.day.year
        elif m := _MONTH_RE.fullmatch(value):
            self.month, self.year = (int(m[1]), int(m[2])), int(m[1])
        elif m := _YEAR_RE.fullmatch(value):
            self.year = int(m[1])

    def resolve(self, unit: str, shift: int) -> tuple[str | None, date | None]:
        """The value ``shift`` units from the latest mention of that unit, and that mention."""
        if unit in ("D", "W") and self.day is not None:
            day = self.day
            return (dates.shift(day, shift, "D") if unit == "D"
                    else dates.iso_week(date.fromordinal(day.toordinal() + 7 * shift))), day
        if unit == "M" and self.month is not None:
            base = date(self.month[0], self.month[1], 1)
            return dates.iso_month(*dates.add_months(base, shift)), base
        if unit == "Y" and self.year is not None:
            return f"{self.year + shift:04d}", date(self.year, 1, 1)
        return None, None


def _weekday_year(resolve: Resolver, month_day: tuple[int, int], weekday: int) -> Resolver:
    """``resolve`` for a yearless day and month that the text gives a weekday (الاثنين 20
    يوليو): the year it guesses when that day falls on the weekday there, else the year next to
    the anchor's (one before or after) in which it does, else the guess."""
    month, day = month_day

    def fn(a: date) -> str | None:
        guess = resolve(a)
        if guess is None or not _DAY_RE.fullmatch(guess[:10]):
            return guess
        try:
            if date.fromisoformat(guess[:10]).weekday() == weekday:
                return guess
        except ValueError:
            return guess
        for year in (a.year, a.year - 1, a.year + 1):
            found = _safe_iso(year, month, day)
            if found and len(found) == 10 and date.fromisoformat(found).weekday() == weekday:
                return found
        return guess

    return fn


def find_timerefs(text: str, anchor: date | None = None,
                  reference: date | None = None,
                  known: dict[tuple[int, int], str] | None = None) -> list[Timex]:
    """Every temporal expression in ``text``, resolved against ``anchor`` (the publication day).

    Absolute expressions (عام 1991، 16 سبتمبر 2023) get their value with or without an
    anchor; relative ones (الثلاثاء، أمس، الشهر الماضي) get ``value=None, relative=True``
    when ``anchor`` is None. Expressions that point back to a date the text mentioned (ذلك
    اليوم، اليوم التالي، العام نفسه) count from the latest such date before them — or from
    ``reference``, the latest day of the text that came before this one (the previous
    sentences) — and have ``mention=True``; a clock time with no day takes the latest day of its
    own sentence, else the anchor. Offsets are into ``text``; spans leave out proclitics (و ب ل).

    A day and month written without a year or a modifier (في 26 فبراير) is the day the text
    already dated with that day and month (الـ26 من فبراير المقبل … في 26 فبراير; ثورة 25 يناير
    2011 … منذ ثورة 25 يناير), else the year is guessed from the anchor. ``known``: the days
    dated so far, (month, day) → ISO day, for a caller reading a text sentence by sentence; it
    is updated with this text's days.
    """
    known = {} if known is None else known
    numeric = _numeric_dates(text)
    scanner = _Scanner(text)
    found: list[tuple[int, int, _Hit | None, str | None]] = [
        (s, e, None, v) for s, e, v, _ in numeric]
    for hit in scanner.scan([(s, e) for s, e, _, _ in numeric]):
        start = scanner.tokens[hit.i].start + scanner.cut[hit.i]
        found.append((start, scanner.tokens[hit.j - 1].end, hit, None))
    found.sort(key=lambda f: f[0])
    found = _weekday_with_numeric_date(text, found)
    mentions = _Mentions(reference)
    results: list[Timex] = []
    for start, end, hit, numeric_value in found:
        mention = False
        if hit is None:
            results.append(Timex(start, end, text[start:end], numeric_value, "date", None, False))
            mentions.note(numeric_value, end)
            _know(known, numeric_value)
            continue
        if hit.ref is not None:
            value, base = mentions.resolve(*hit.ref)
            used_anchor = base.isoformat() if base else None
            relative, mention = base is None, base is not None
        elif hit.resolve is None and hit.value is None and hit.kind == "time":
            same_sentence = mentions.day is not None and mentions.day_end >= 0 and \
                not _SENTENCE_END_RE.search(text, mentions.day_end, start)
            if same_sentence and mentions.day is not None:
                value, used_anchor, mention = mentions.day.isoformat(), mentions.day.isoformat(), True
                relative = False
            elif anchor is not None:
                value, used_anchor, relative = anchor.isoformat(), anchor.isoformat(), False
            else:
                value, used_anchor, relative = None, None, True
        elif hit.resolve is None:
            value, used_anchor, relative = hit.value, None, False
        elif hit.yearless is not None and hit.yearless in known:
            # the day the text already dated (الـ26 من فبراير المقبل … في 26 فبراير)
            value, used_anchor, relative = known[hit.yearless], None, False
        elif anchor is None:
            value, used_anchor, relative = None, None, True
        else:
            value, used_anchor, relative = hit.resolve(anchor), anchor.isoformat(), False
        mod = None if value and re.fullmatch(r"\d{4}-[HQ]\d", value) else hit.mod
        results.append(Timex(start, end, text[start:end], value, hit.kind, used_anchor, relative,
                             hit.time, mod, mention))
        if hit.kind in ("date", "time"):
            mentions.note(value, end)
            if not relative:
                _know(known, value)
    return results


def _know(known: dict[tuple[int, int], str], value: str | None) -> None:
    """Remember a day-precision value under its (month, day)."""
    if value and (m := _DAY_RE.fullmatch(value[:10])):
        known[(int(m[2]), int(m[3]))] = value[:10]


_BETWEEN_WEEKDAY_AND_DATE_RE = re.compile(r"\s*[،,(]?\s*(?:الموافق|الموافقة)?\s*")


def _weekday_with_numeric_date(text: str, found: list[tuple[int, int, _Hit | None, str | None]]
                               ) -> list[tuple[int, int, _Hit | None, str | None]]:
    """«يوم الأربعاء 20/10/1436هـ»، «الاثنين الموافق 2015-08-10»، «صباح الجمعة 4 / 8 / 1436هـ»: a
    weekday (or a part of one) right before a numeric date is one expression with the date's
    value (as «الثلاثاء 12 سبتمبر»)."""
    out: list[tuple[int, int, _Hit | None, str | None]] = []
    for item in found:
        start, end, hit, value = item
        if out and hit is None and value and out[-1][2] is not None and out[-1][2].weekday:
            prev_start, prev_end = out[-1][0], out[-1][1]
            if _BETWEEN_WEEKDAY_AND_DATE_RE.fullmatch(text, prev_end, start):
                before = out[-1][2]
                merged = _Hit(0, 0, before.kind, value=value, time=before.time)
                out[-1] = (prev_start, end, merged, None)
                continue
        out.append(item)
    return out


def latest_day(timexes: list[Timex]) -> date | None:
    """The last day-precision date among ``timexes`` (what a following sentence's ذلك اليوم
    refers to), None when there is none."""
    for t in reversed(timexes):
        if t.kind in ("date", "time") and t.value and (m := _DAY_RE.fullmatch(t.value[:10])):
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                continue
    return None
