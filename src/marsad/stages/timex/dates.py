"""Date arithmetic for resolving relative expressions against an anchor day."""

from __future__ import annotations

from datetime import date, timedelta


def add_months(day: date, months: int) -> tuple[int, int]:
    """(year, month) ``months`` after ``day``'s month (negative: before)."""
    index = day.year * 12 + (day.month - 1) + months
    return index // 12, index % 12 + 1


def iso_month(year: int, month: int) -> str:
    """``YYYY-MM``."""
    return f"{year:04d}-{month:02d}"


def iso_week(day: date) -> str:
    """``YYYY-Www`` of the ISO week containing ``day``."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def weekday_on_or_before(anchor: date, weekday: int) -> date:
    """The most recent ``weekday`` on or before ``anchor`` (the anchor itself if it matches)."""
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


def weekday_before(anchor: date, weekday: int) -> date:
    """The most recent ``weekday`` strictly before ``anchor`` (الجمعة الماضي)."""
    return anchor - timedelta(days=(anchor.weekday() - weekday - 1) % 7 + 1)


def weekday_on_or_after(anchor: date, weekday: int) -> date:
    """The next ``weekday`` on or after ``anchor``."""
    return anchor + timedelta(days=(weekday - anchor.weekday()) % 7)


def weekday_after(anchor: date, weekday: int) -> date:
    """The next ``weekday`` strictly after ``anchor`` (الأحد المقبل)."""
    return anchor + timedelta(days=(weekday - anchor.weekday() - 1) % 7 + 1)


def nearest_weekday(day: date, weekday: int) -> date:
    """The ``weekday`` closest to ``day`` (ties go to the past): أمس الجمعة when أمس was Thursday."""
    back = weekday_on_or_before(day, weekday)
    forward = weekday_on_or_after(day, weekday)
    return back if (day - back) <= (forward - day) else forward


def nearest_year_for_month(anchor: date, month: int, day: int | None = None,
                           direction: int = 0) -> int:
    """Year to give a month (and day) written without one.

    ``direction`` -1: on or before the anchor's month (الماضي); +1: on or after (المقبل);
    0: the year that puts it closest to the anchor.
    """
    target = (month, day or 15)
    here = (anchor.month, anchor.day if day else 15)
    if direction < 0:
        return anchor.year if target <= here else anchor.year - 1
    if direction > 0:
        return anchor.year if target >= here else anchor.year + 1
    best = anchor.year
    best_gap = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        gap = abs((year * 12 + month) - (anchor.year * 12 + anchor.month))
        if best_gap is None or gap < best_gap:
            best, best_gap = year, gap
    return best


#: a day this many days before the anchor, or fewer, is "just before" it (:func:`just_before`)
JUST_BEFORE_DAYS = 31


def just_before(anchor: date, month: int, day: int) -> bool:
    """True when ``day``/``month`` of the anchor's year falls on the anchor or at most
    :data:`JUST_BEFORE_DAYS` days before it."""
    try:
        gap = (anchor - date(anchor.year, month, day)).days
    except ValueError:
        return False
    return 0 <= gap <= JUST_BEFORE_DAYS


#: first and last month of each season (winter is labelled by the year its December is in)
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def season_year(anchor: date, code: str, direction: int) -> int:
    """Year label of a season: -1 the last one over before ``anchor``'s month, +1 the next
    one to start after it, 0 the one of the anchor's year."""
    first, last = _SEASON_MONTHS[code]
    if direction == 0:
        return anchor.year
    if code == "WI":
        if direction < 0:
            return anchor.year - 1 if anchor.month >= 3 else anchor.year - 2
        return anchor.year if anchor.month < 12 else anchor.year + 1
    if direction < 0:
        return anchor.year if anchor.month > last else anchor.year - 1
    return anchor.year if anchor.month < first else anchor.year + 1


def shift(anchor: date, amount: int, unit: str) -> str | None:
    """The ISO value ``amount`` units from ``anchor``, at the unit's precision.

    Days/weeks/hours give a day, months a month, years a year, decades a decade (``201``),
    centuries a century (``19``).
    """
    if unit == "D":
        return (anchor + timedelta(days=amount)).isoformat()
    if unit == "W":
        return (anchor + timedelta(weeks=amount)).isoformat()
    if unit in ("H", "MIN"):
        minutes = amount * (60 if unit == "H" else 1)
        return (anchor + timedelta(minutes=minutes)).isoformat()
    if unit == "M":
        return iso_month(*add_months(anchor, amount))
    if unit == "Y":
        return f"{anchor.year + amount:04d}"
    if unit == "DE":
        return f"{(anchor.year + 10 * amount) // 10:03d}"
    if unit == "CE":
        return f"{(anchor.year + 100 * amount) // 100:02d}"
    return None


def period(amount: float, unit: str) -> str:
    """ISO 8601 / TIMEX3 period: P18M, P2W, PT24H, PT45S, P1CE."""
    n = int(amount) if float(amount).is_integer() else amount
    if unit == "H":
        return f"PT{n}H"
    if unit == "MIN":
        return f"PT{n}M"
    if unit == "S":
        return f"PT{n}S"
    return f"P{n}{unit}"


#: units in the order ISO 8601 writes them (date part, then time part)
_DATE_UNITS = ("CE", "DE", "Y", "M", "W", "D")
_TIME_UNITS = {"H": "H", "MIN": "M", "S": "S"}


def compound_period(parts: list[tuple[float, str]]) -> str:
    """One ISO period for several units: [(2, "H"), (30, "MIN")] → PT2H30M; [(1, "Y"), (6, "M")]
    → P1Y6M. Centuries and decades (not ISO units) are written as years."""
    years = sum(a * (100 if u == "CE" else 10) for a, u in parts if u in ("CE", "DE"))
    amounts = {u: a for a, u in parts if u not in ("CE", "DE")}
    if years:
        amounts["Y"] = amounts.get("Y", 0) + years

    def num(a: float) -> str:
        return str(int(a)) if float(a).is_integer() else str(a)

    out = "P" + "".join(f"{num(amounts[u])}{u}" for u in _DATE_UNITS if u in amounts)
    clock = "".join(f"{num(amounts[u])}{code}" for u, code in _TIME_UNITS.items() if u in amounts)
    return out + ("T" + clock if clock else "")


def hijri_to_iso(year: int, month: int, day: int) -> str | None:
    """Gregorian ISO date of a Hijri date (Umm al-Qura calendar), None outside its range."""
    try:
        from hijridate import Hijri

        return Hijri(year, month, day).to_gregorian().isoformat()
    except (ImportError, ValueError, OverflowError):
        return None


def hijri_of(day: date) -> tuple[int, int, int] | None:
    """(year, month, day) of a Gregorian day in the Umm al-Qura calendar, None outside its range."""
    try:
        from hijridate import Gregorian

        h = Gregorian(day.year, day.month, day.day).to_hijri()
        return h.year, h.month, h.day
    except (ImportError, ValueError, OverflowError):
        return None


def hijri_year_near(anchor: date, month: int, day: int | None = None,
                    direction: int = 0) -> int | None:
    """Hijri year to give a Hijri month (and day) written without one (رمضان، ٢٣ من شوال).

    ``direction`` -1: on or before the anchor (الماضي); +1: on or after (المقبل); 0: the year
    that puts it closest to the anchor. None when the anchor is outside the calendar's range.
    """
    here = hijri_of(anchor)
    if here is None:
        return None
    best, best_gap = None, None
    for year in (here[0] - 1, here[0], here[0] + 1):
        iso = hijri_to_iso(year, month, day or 15)
        if iso is None:
            continue
        gap = (date.fromisoformat(iso) - anchor).days
        if day is None and (year, month) == here[:2]:
            gap = 0  # the anchor's own month
        if (direction < 0 and gap > 0) or (direction > 0 and gap < 0):
            continue
        if best_gap is None or abs(gap) < best_gap:
            best, best_gap = year, abs(gap)
    return best
