"""Site chrome removal for text that was already scraped, and the metadata hidden in it.

Scraped Arabic articles carry lines that are not the article: share/print widgets
(``مشاركة :``), CMS debris (``post-title``), site headers (``الموقع الرسمي | القاهرة
الاخبارية``), image captions, bylines (``القاهرة الإخبارية - مازن إسلام``) and datelines
(``الرياض - واس:``). :func:`clean_scraped_text` drops the chrome, turns bylines and
datelines into metadata, and takes a headline on the first line as the title. Body
paragraphs, including sub-headings inside the body, are kept as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.arabic.normalize import clean_invisibles, normalize

#: Wire agencies as they appear in datelines and bylines (normalized → canonical display).
AGENCIES: dict[str, str] = {
    normalize(k): v
    for k, v in {
        "واس": "واس",
        "أ ف ب": "فرانس برس",
        "ا ف ب": "فرانس برس",
        "أ.ف.ب": "فرانس برس",
        "فرانس برس": "فرانس برس",
        "رويترز": "رويترز",
        "د ب أ": "د ب أ",
        "د.ب.أ": "د ب أ",
        "أ ش أ": "أ ش أ",
        "أ.ش.أ": "أ ش أ",
        "قنا": "قنا",
        "وام": "وام",
        "بنا": "بنا",
        "كونا": "كونا",
        "سبأ": "سبأ",
        "الأناضول": "الأناضول",
        "شينخوا": "شينخوا",
        "يو بي آي": "يو بي آي",
        "أ ب": "أسوشيتد برس",
        "سانا": "سانا",
        "وفا": "وفا",
        "العمانية": "العمانية",
        "بترا": "بترا",
        "تاس": "تاس",
        "ريا نوفوستي": "ريا نوفوستي",
        "سبوتنيك": "سبوتنيك",
        "إرنا": "إرنا",
    }.items()
}

_SHARE_WORDS = (
    "مشاركة|شارك|شاركها|طباعة|اطبع|إطبع|أرسل لصديق|ارسل لصديق|حفظ|نسخ الرابط|تويتر|فيسبوك|فيس بوك"
    "|واتساب|واتس اب|تيليجرام|تلغرام|لينكد ان|البريد الإلكتروني|اقرأ أيضا|اقرأ أيضاً|اقرأ ايضا"
    "|المزيد|تابعونا|تابعنا|إعلان|اعلان|أخبار ذات صلة|مواضيع ذات صلة|الكلمات الدالة|وسوم|كلمات مفتاحية"
    "|جوجل بلس|اكتب رأيك|أضف تعليق|اضف تعليق"
    "|print|share|tweet|email|facebook|twitter|whatsapp|advertisement|read more"
)
_SHARE_RE = re.compile(rf"^[\s•·●▪■◦\-\*|:>]*(?:(?:{_SHARE_WORDS})[\s:：|،,]*)+$", re.IGNORECASE)
#: a share widget run into the first words of a paragraph («شارك من خلال تويتر فيسبوك جوجل بلس اكتب
#: رأيك أكد …»): a share verb, then at least two platform or widget words in a row (prose joins them
#: with و, which this does not match)
_WIDGET_WORDS = ("تويتر|فيسبوك|فيس بوك|جوجل بلس|جوجل|واتساب|واتس اب|تيليجرام|تلغرام|لينكد ان|انستغرام"
                 "|انستقرام|البريد الإلكتروني|اكتب رأيك|أضف تعليق|اضف تعليق|طباعة")
_SHARE_PREFIX_RE = re.compile(
    rf"^(?:مشاركة|شارك|شاركها)\s*(?:من خلال|عبر|على)?[\s:：|]*(?:(?:{_WIDGET_WORDS})(?:[\s:：|،,]+|$)){{2,}}"
)
#: CMS class names and template debris: post-title, entry_content, share-buttons …
_CMS_RE = re.compile(r"^[a-z]+(?:[-_][a-z0-9]+)+$|^(?:null|undefined|none|nan)$", re.IGNORECASE)
_SITE_HEADER_GENERIC = {normalize(w) for w in ("الموقع الرسمي", "الرئيسية", "الصفحة الرئيسية", "موقع")}
_SENTENCE_END_RE = re.compile(r"[.!?؟:،]\s*$")
_DASH = r"\s*[-–—]\s*"
_DATELINE_RE = re.compile(
    rf"^(?P<place>[^\W\d_][^\n:()\-–—]{{1,30}}?)(?:{_DASH}|\s*\(\s*)(?P<agency>[^\n:()\-–—]{{1,20}}?)"
    r"\s*(?:\)\s*[-–—:]?|[:\-–—])\s*"
)
_AUTHOR_FIELD_RE = re.compile(r"^(?P<place>[^:\-–—]{2,30}?)\s*[:\-–—]\s*(?P<name>.+)$")
_DANGLING_RE = re.compile(r"\s*(?:^|(?<=[.!?؟]))\s*\S{0,12}\s*(?:على|في|من|إلى|الى|عن|أن|ان)\s*\.\s*$")
_CAPTION_RE = re.compile(
    r"^\(?(?:صورة|الصورة|صور|أرشيفية|ارشيفية|صورة أرشيفية|صورة ارشيفية|photo)\b.*$|.*\((?:أرشيفية|ارشيفية|صورة)\)$",
    re.IGNORECASE,
)


#: a site footer: the link back to the story («رابط الخبر بصحيفة الوئام: …») or the writer's contact line
#: («للتواصل مع الكاتب ارسل رسالة SMS …»); in the last paragraph, it and all after it are cut
_FOOTER_RE = re.compile(r"رابط (?:الخبر|المقال)\s*(?:ب|في|على)|للتواصل (?:مع الكاتب|أرسل|ارسل)")
#: words before a footer in its paragraph up to which the whole paragraph is footer (an e-mail, a handle)
FOOTER_LEAD_WORDS = 4

#: a text whose only line looks like a headline is kept as a one-paragraph brief from this many words
MIN_BRIEF_WORDS = 4


@dataclass
class ScrapedMeta:
    """What the chrome told us about the article."""

    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    place: str | None = None
    agency: str | None = None


def word_count(line: str) -> int:
    """Number of white-space separated words."""
    return len(line.split())


def is_share_or_cms(line: str) -> bool:
    """True for share/print widgets and CMS debris lines."""
    stripped = line.strip()
    return bool(_SHARE_RE.match(stripped) or _CMS_RE.match(stripped))


def is_headline(line: str) -> bool:
    """A short line that does not end like a sentence (a title or a sub-heading)."""
    stripped = line.strip()
    return 0 < word_count(stripped) <= 20 and not _SENTENCE_END_RE.search(stripped)


def agency_name(text: str) -> str | None:
    """Canonical agency for a dateline/byline fragment such as ``واس`` or ``(أ ف ب)``."""
    key = normalize(text).strip(" ().:-")
    return AGENCIES.get(key)


def parse_site_header(line: str) -> str | None:
    """Outlet named by a site header such as ``الموقع الرسمي | القاهرة الاخبارية``."""
    if "|" not in line or word_count(line) > 10 or _SENTENCE_END_RE.search(line):
        return None
    parts = [p.strip() for p in line.split("|") if p.strip()]
    named = [p for p in parts if normalize(p) not in _SITE_HEADER_GENERIC]
    if len(parts) >= 2 and len(named) < len(parts) and named:
        return named[-1]
    return None


def parse_byline(line: str) -> tuple[str | None, str | None, str | None]:
    """(outlet-or-place, author, agency) from a short byline ``X - Y`` / ``X: Y``; Nones if not one."""
    stripped = line.strip()
    if word_count(stripped) > 8 or _SENTENCE_END_RE.search(stripped.rstrip(":")):
        return None, None, None
    m = _AUTHOR_FIELD_RE.match(stripped)
    if not m:
        return None, None, None
    left, right = m.group("place").strip(), m.group("name").strip().rstrip(":")
    agency = agency_name(right)
    if agency:
        return left, None, agency
    return left, right, None


def split_dateline(paragraph: str) -> tuple[str, str | None, str | None]:
    """Strip a leading dateline (``الرياض - واس:``, ``القاهرة (أ ف ب) -``) from a paragraph.

    Returns (rest of paragraph, place, agency); only agencies known in :data:`AGENCIES`
    count, so ordinary sentences that contain a dash are left alone.
    """
    m = _DATELINE_RE.match(paragraph)
    if not m:
        return paragraph, None, None
    agency = agency_name(m.group("agency"))
    if not agency or word_count(m.group("place")) > 3:
        return paragraph, None, None
    return paragraph[m.end():].lstrip(), m.group("place").strip(), agency


def parse_author_field(author: str | None) -> tuple[str | None, str | None, str | None]:
    """Split an author field like ``لندن: رنيم حنوش`` or ``الرياض - واس`` into (author, place, agency)."""
    if not author:
        return None, None, None
    author = author.strip()
    agency = agency_name(author)
    if agency:
        return None, None, agency
    m = _AUTHOR_FIELD_RE.match(author)
    if m and word_count(m.group("place")) <= 3:
        name = m.group("name").strip()
        agency = agency_name(name)
        if agency:
            return None, m.group("place").strip(), agency
        return name, m.group("place").strip(), None
    return author, None, None


def clean_scraped_text(raw: str, title: str | None = None) -> tuple[str, ScrapedMeta]:
    """Remove site chrome from scraped article text; return (clean text, metadata).

    The header zone (lines before the first body paragraph) is where site headers,
    headlines, captions and bylines live; after it only share/CMS lines and trailing
    debris are removed. Paragraphs are joined with one newline.
    """
    meta = ScrapedMeta(title=title)
    lines = [clean_invisibles(line).strip() for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [line.replace("\u00a0", " ") for line in lines]
    body: list[str] = []
    headlines: list[str] = []  # lines taken for the title (or repeating it): the body if nothing else is
    in_header = True
    header_seen_chrome = False
    for line in lines:
        line = _SHARE_PREFIX_RE.sub("", line)
        if not line:
            continue
        if is_share_or_cms(line):
            header_seen_chrome = header_seen_chrome or in_header
            continue
        if in_header:
            outlet = parse_site_header(line)
            if outlet:
                meta.outlet = meta.outlet or outlet
                header_seen_chrome = True
                continue
            long_line = word_count(line) > 20 or bool(_SENTENCE_END_RE.search(line))
            if not long_line:
                if _CAPTION_RE.match(line):
                    continue
                left, author, agency = parse_byline(line)
                if left and (author or agency) and meta.title is not None:
                    if agency:
                        meta.place, meta.agency = left, agency
                    else:
                        meta.outlet = meta.outlet or left
                        meta.author = author
                    continue
                if meta.title is None:
                    meta.title = line
                    headlines.append(line)
                    continue
                if normalize(line) == normalize(meta.title):
                    headlines.append(line)
                    continue
                if header_seen_chrome and word_count(line) <= 6:
                    continue  # image caption or tag between the headline and the byline
            in_header = False
            rest, place, agency = split_dateline(line)
            if agency:
                meta.place, meta.agency = place, agency
                line = rest
            if not line:
                continue
        body.append(line)
    # a site footer in the last paragraph: «رابط الخبر بصحيفة …: <title>», «للتواصل مع الكاتب ارسل رسالة SMS …»
    if body and (m := _FOOTER_RE.search(body[-1])):
        before = body[-1][: m.start()].rstrip()
        body[-1] = before if word_count(before) > FOOTER_LEAD_WORDS else ""  # a lone e-mail or handle goes too
        if not body[-1]:
            body.pop()
    # trailing debris: a dangling fragment ending in a preposition (machine-translation residue)
    if body:
        body[-1] = _DANGLING_RE.sub("", body[-1]).rstrip()
        if not body[-1]:
            body.pop()
    if not body:  # a one-paragraph brief: its only line is the news, not just a headline
        body = [line for line in headlines[:1] if word_count(line) >= MIN_BRIEF_WORDS]
    return "\n".join(body), meta
