"""Lines run together (structure/runin.py): facts that a web copy or a PDF transcription glued
into the middle of a line are found where they stand, and nothing is cut out of a sentence of
the body. The letters are written for the tests in the shapes the real corpus shows
(tests/corpus/real: portal answers signed at the end of the paragraph, công văn headers copied
from legal sites)."""
from __future__ import annotations

from pathlib import Path

import pytest

from replylint.linter import document_from_text, lint
from replylint.packs import builtin_rules_dir, load_pack
from replylint.structure import segment
from replylint.structure.runin import logical_lines

RULES = {r.id: r for pack in ("common", "vi") for r in load_pack(Path(builtin_rules_dir()) / pack)}


def fired(rule_id, text, lang):
    doc = document_from_text(text, lang=lang, kind="letter")
    return [text[d.start:d.end] for d in lint(doc, [RULES[rule_id]])]


def lines(text):
    return [text[s:e] for s, e in logical_lines(text)]


def zones(text, lang):
    return [(z.name, text[z.start:z.end]) for z in segment(text, lang, "letter")]


BODY_RU = ("Уважаемый Пётр Сергеевич!\nНа Ваше обращение от 02.03.2024 № ОГ-17/3 сообщаем, что работы по "
           "ремонту освещения во дворе дома № 5 по ул. Лесной выполнены подрядной организацией. ")


# ----------------------------------------------------------------- Russian tail
@pytest.mark.parametrize("tail, signer, executor", [
    ("Глава управы района А.В. Гущин", "Глава управы района А.В. Гущин", None),
    ("Исполняющий обязанности главы управы В.А. Буянов.", "Исполняющий обязанности главы управы В.А. Буянов.", None),
    ("Заместитель префекта О.О. Панин, Антропова Ю.В., 495-957-98-31.", "Заместитель префекта О.О. Панин",
     "Антропова Ю.В., 495-957-98-31."),
    ("Заместитель префекта Д.В. Морозов, Н.В. Кравец, 8-495-957-98-31.", "Заместитель префекта Д.В. Морозов",
     "Н.В. Кравец, 8-495-957-98-31."),
])
def test_signature_at_the_end_of_the_last_paragraph_is_a_signature(tail, signer, executor):
    text = BODY_RU + "Благодарим Вас за внимание к жизни района. " + tail + "\n"
    got = lines(text)
    assert signer in got
    if executor:
        assert executor in got
    assert fired("common.signature-missing", text, "ru") == []
    sig = " ".join(t for n, t in zones(text, "ru") if n == "signature")
    assert signer in sig
    contact = fired("common.signature-contact", text, "ru")
    assert contact == ([] if executor else [signer])   # reported on the signature, not the letter


@pytest.mark.parametrize("last", [
    # a sentence of the body that starts with a position word is no signature
    "Глава управы района провёл встречу с жителями и поручил подрядчику устранить замечания.",
    # a name in an oblique case at the end of a sentence
    "Глава управы поручил доложить о результатах А.В. Гущину",
    # too long to be a signature line
    "Заместитель префекта по вопросам жилищно-коммунального хозяйства и благоустройства района провёл "
    "выездное совещание с представителями управляющей компании и жителями дома, итоги доложены И.И. Петрову",
])
def test_a_body_sentence_with_a_position_word_is_not_cut(last):
    text = BODY_RU + last + "\n"
    assert not any(l.startswith(("Глава", "Заместитель")) for l in lines(text))
    assert fired("common.signature-missing", text, "ru") != []


def test_closing_in_the_middle_of_the_line():
    text = BODY_RU + "Спасибо за обращение. С уважением, начальник отдела И.И. Иванов\n"
    assert "С уважением, начальник отдела И.И. Иванов" in lines(text)
    assert fired("common.signature-missing", text, "ru") == []
    names = [n for n, _ in zones(text, "ru")]
    assert names[-2:] == ["closing", "signature"]


def test_one_initial_and_a_full_stop_after_the_closing():
    text = BODY_RU + "\n--\nС уважением, Ю. Зельников.\n"
    assert fired("common.signature-missing", text, "ru") == []
    # but a sentence ending in a name is still prose, not a signature
    prose = BODY_RU + "\nОтвет подготовил специалист отдела благоустройства А.А. Петров.\n"
    assert fired("common.signature-missing", prose, "ru") != []


def test_russian_header_run_together():
    text = ("Управа района Савелки 124482, г. Зеленоград, корп. 1 ОКПО 20740408 26.01.2026 № 17-65-212/26 "
            "на № 57259387 от 08.01.2026 Сидорчику И.А. Уважаемый Илья Александрович! Управой рассмотрено "
            "Ваше обращение от 08.01.2026 № 57259387. Сообщаем, что ремонт выполнен.\n")
    got = lines(text)
    assert "26.01.2026 № 17-65-212/26" in got
    assert "на № 57259387 от 08.01.2026" in got
    assert "Сидорчику И.А." in got and "Уважаемый Илья Александрович!" in got
    # the reference cited in a sentence of the body is not cut out of it
    assert any(l.startswith("Управой рассмотрено Ваше обращение от 08.01.2026 № 57259387.") for l in got)
    names = [n for n, _ in zones(text, "ru")]
    assert "addressee" in names and "salutation" in names


def test_quoted_email_lines_are_never_cut():
    text = "Здравствуйте!\n\nОтвет ниже.\n\n> Уважаемые господа! Прошу помочь. Глава управы А.В. Гущин\n"
    assert "> Уважаемые господа! Прошу помочь. Глава управы А.В. Гущин" in lines(text)


# ----------------------------------------------------------------- Vietnamese
VI_FLAT = ("BỘ XÂY DỰNG CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập – Tự do – Hạnh phúc Số: 02/BXD-QLN "
           "V/v: trả lời công văn số 701/SXD Hà Nội, ngày 03 tháng {month} năm 2008 Kính gửi: Sở Xây dựng tỉnh "
           "Tây Ninh. Bộ Xây dựng nhận được Công văn số 701/SXD ngày 27/11/2007 của Sở Xây dựng tỉnh Tây Ninh. "
           "Đề nghị Sở chỉ đạo việc đánh số nhà theo đúng quy định./. TL. BỘ TRƯỞNG CHÁNH VĂN PHÒNG "
           "Nguyễn Văn An\n")


def test_vietnamese_header_and_signature_on_one_line():
    text = VI_FLAT.format(month="01")
    got = lines(text)
    for part in ("Độc lập – Tự do – Hạnh phúc", "Số: 02/BXD-QLN", "TL. BỘ TRƯỞNG CHÁNH VĂN PHÒNG",
                 "Nguyễn Văn An", "Kính gửi: Sở Xây dựng tỉnh Tây Ninh."):
        assert part in got
    assert any(l.endswith("Hà Nội, ngày 03 tháng 01 năm 2008") for l in got)
    for rule in ("vi.number-symbol", "vi.date-line", "vi.recipient-missing", "common.signature-missing",
                 "vi.national-title"):
        assert fired(rule, text, "vi") == [], rule
    sig = " ".join(t for n, t in zones(text, "vi") if n == "signature")
    assert "Nguyễn Văn An" in sig and "TL. BỘ TRƯỞNG" in sig


def test_vietnamese_run_together_header_is_still_checked():
    text = VI_FLAT.format(month="1")       # month 1 needs its zero
    assert fired("vi.date-line", text, "vi") == ["Hà Nội, ngày 03 tháng 1 năm 2008"]
    bad_number = text.replace("Số: 02/BXD-QLN", "Số: 2/BXD-QLN")
    assert fired("vi.number-symbol", bad_number, "vi") == ["Số: 2/BXD-QLN"]


def test_table_bars_and_glued_label():
    text = ("TỔNG CỤC THUẾ |\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 53976/CT-TTHT |\n"
            "Hà Nội, ngày 01 tháng 8 năm 2018 |\nKínhgửi: Công ty TNHH An Phú\n"
            "Trả lời công văn số 01/CV ngày 14/5/2018 của Công ty, Cục Thuế có ý kiến như sau: công ty được "
            "hưởng ưu đãi theo quy định.\n")
    assert "Số: 53976/CT-TTHT" in lines(text)
    for rule in ("vi.number-symbol", "vi.date-line", "vi.recipient-missing"):
        assert fired(rule, text, "vi") == [], rule
    assert fired("vi.number-symbol", text.replace("53976/CT-TTHT", "53976 /CT-TTHT"), "vi") \
        == ["Số: 53976 /CT-TTHT"]


def test_two_column_layout_is_left_to_the_column_splitter():
    text = ("ỦY BAN NHÂN DÂN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Số: 412/UBND-KT          Hòa Cường, ngày 14 tháng 5 năm 2026\n"
            "- Như trên;              KT. CHỦ TỊCH\n")
    assert lines(text) == text.rstrip("\n").split("\n") + [""]


def test_a_date_in_the_body_of_a_vietnamese_reply_is_no_date_line():
    text = ("Kính gửi: Ông Trần Văn Lâm.\n" + "Ủy ban nhân dân phường đã tổ chức đối thoại. " * 40
            + "Hội nghị diễn ra tại Hà Nội, ngày 05 tháng 3 năm 2026 với sự tham gia của người dân.\n")
    assert not any(l.startswith("Hà Nội, ngày") for l in lines(text))
