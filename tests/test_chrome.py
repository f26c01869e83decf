from marsad.ingest.chrome import clean_scraped_text, parse_author_field, split_dateline

BODY = "تأتي زيارة زعيم كوريا الشمالية إلى فلاديفوستوك في الشرق الروسي في وقت يسعى فيه الرئيس إلى تعزيز التحالفات."


def test_site_header_share_cms_caption_and_byline_removed():
    raw = f"""الموقع الرسمي | القاهرة الاخبارية

"كيم" يتفقد أسلحة روسية.. وتكهنات حول اتفاق

  • مشاركة :
post-title
كيم جونج أون

القاهرة الإخبارية - مازن إسلام

{BODY}

استعراض للقوة

وصل الزعيم الكوري الشمالي إلى فلاديفوستوك صباح اليوم السبت.
"""
    text, meta = clean_scraped_text(raw)
    assert meta.outlet == "القاهرة الاخبارية"
    assert meta.author == "مازن إسلام"
    assert meta.title == '"كيم" يتفقد أسلحة روسية.. وتكهنات حول اتفاق'
    assert text.split("\n") == [BODY, "استعراض للقوة", "وصل الزعيم الكوري الشمالي إلى فلاديفوستوك صباح اليوم السبت."]


def test_trailing_share_line_and_translation_debris_removed():
    text, _ = clean_scraped_text(f"{BODY}\nوظهر مع كيم في عرض عسكري في بيونغ يانغ. تنص على.\nمشاركة :")
    assert text == f"{BODY}\nوظهر مع كيم في عرض عسكري في بيونغ يانغ."


def test_dateline_becomes_metadata():
    rest, place, agency = split_dateline("الرياض - واس: أكد مجلس الوزراء أهمية الاتفاق.")
    assert (rest, place, agency) == ("أكد مجلس الوزراء أهمية الاتفاق.", "الرياض", "واس")
    rest, place, agency = split_dateline("باريس (أ ف ب) - أعلنت الحكومة الفرنسية خطة جديدة.")
    assert (place, agency) == ("باريس", "فرانس برس") and rest.startswith("أعلنت")
    unchanged = "وقال الرئيس - في كلمة ألقاها - إن البلاد بخير."
    assert split_dateline(unchanged) == (unchanged, None, None)


def test_dateline_in_scraped_text():
    text, meta = clean_scraped_text(f"الرياض - واس: {BODY}")
    assert text == BODY and meta.place == "الرياض" and meta.agency == "واس"


def test_author_field_forms():
    assert parse_author_field("لندن: رنيم حنوش") == ("رنيم حنوش", "لندن", None)
    assert parse_author_field("الرياض - واس") == (None, "الرياض", "واس")
    assert parse_author_field("واس") == (None, None, "واس")
    assert parse_author_field("محمد الأحمد") == ("محمد الأحمد", None, None)


def test_body_paragraphs_are_all_kept():
    paras = [BODY, "والتقى الرجلان عند مدخل المبنى.", "الجولات والتكنولوجيا", "وقال بوتين إن الزعيم لديه برنامج كبير."]
    text, meta = clean_scraped_text("\n\n".join(paras))
    assert meta.title is None
    assert text.split("\n") == paras


def test_share_widget_run_into_a_paragraph_is_cut_off() -> None:
    raw = f"شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك {BODY}\nشارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك"
    text, _ = clean_scraped_text(raw)
    assert text == BODY
    prose = "شارك عبر تويتر وفيسبوك آلاف المغردين في الحملة."  # news about sharing: kept whole
    assert clean_scraped_text(f"{BODY}\n{prose}")[0] == f"{BODY}\n{prose}"


def test_site_footer_in_the_last_paragraph_is_cut() -> None:
    link = f"{BODY} رابط الخبر بصحيفة الوئام: زعيم كوريا الشمالية في فلاديفوستوك"
    assert clean_scraped_text(link)[0] == BODY
    contact = f"{BODY}\nkim@example.comللتواصل مع الكاتب ارسل رسالة SMS تبدأ بالرمز (3) إلى 88591"
    assert clean_scraped_text(contact)[0] == BODY
    told = f"{BODY}\nوقال إن رابط الخبر الحقيقي بين البلدين هو التجارة."  # «رابط» in prose: kept
    assert clean_scraped_text(told)[0] == told
