#!/usr/bin/env python3
"""Write the example Word replies: examples/docx/{ru,vi}-{good,bad}.docx.

The good ones follow ГОСТ Р 7.0.97 / Nghị định 30/2020/NĐ-CP (A4 portrait, margins, Times New
Roman 14 pt, complete letter structure) and lint clean; the bad ones have a Letter-size page,
narrow margins, Arial 11 pt and some content problems (an emoji, a third-person address,
colloquial words, a missing apology). Run from anywhere:

    python scripts/make_examples.py [--check]

``--check`` lints what it wrote and fails when a good example has a finding or a bad one has none.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "examples" / "docx"


def _document(page, margins, font, size, spacing=1.0, after=0):
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    d = docx.Document()
    s = d.sections[0]
    s.page_width, s.page_height = Mm(page[0]), Mm(page[1])
    s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = (Mm(m) for m in margins)
    st = d.styles["Normal"]
    st.font.name, st.font.size = font, Pt(size)
    st.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:cs"), font)
    st.paragraph_format.line_spacing = spacing
    st.paragraph_format.space_after = Pt(after)
    st.paragraph_format.space_before = Pt(0)
    return d


def _para(d, text, align=None, bold=False, indent_mm=0, size=None):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt
    p = d.add_paragraph()
    run = p.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if align:
        p.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT,
                       "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
    if indent_mm:
        p.paragraph_format.first_line_indent = Mm(indent_mm)
    return p


def _cell(cell, lines, bold_first=False, size=None):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt
    cell.text = ""
    first = cell.paragraphs[0]
    for i, line in enumerate(lines):
        p = first if i == 0 else cell.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = p.add_run(line)
        r.bold = bold_first and i == 0 or line.isupper()
        if size:
            r.font.size = Pt(size)


# ------------------------------------------------------------------------------- Russian
RU_HEAD = ["МИНИСТЕРСТВО ТРУДА И СОЦИАЛЬНОЙ ЗАЩИТЫ", "ЧУВАШСКОЙ РЕСПУБЛИКИ",
           "Казённое учреждение «Центр занятости населения города Чебоксары»",
           "ул. Ленина, д. 10, г. Чебоксары, 428000", "тел. 8 (8352) 45-00-00",
           "12.11.2026 № 01-05-7892"]
RU_ADDRESSEE = ["Иванову И. И.", "ул. Гагарина, д. 5, кв. 12", "г. Чебоксары, 428003"]
RU_GOOD_BODY = [
    "Ваше обращение от 01.11.2026 о выплате пособия по безработице рассмотрено.",
    "Сообщаем, что выплата пособия за октябрь 2026 года произведена 10.11.2026 на счёт, указанный "
    "Вами в заявлении. Задержка выплаты произошла из-за технического сбоя при передаче "
    "платёжных документов в банк.",
    "Приносим извинения за доставленные неудобства.",
    "По вопросам назначения и выплаты пособия Вы можете обратиться в отдел социальных выплат "
    "по телефону 8 (8352) 45-12-34 в рабочие дни с 8:00 до 17:00.",
]
RU_BAD_BODY = [
    "Обращение Иванова И.И. от 01.11.2026 рассмотрено, ок 🙂",
    "Выплата пособия задержана, так как была допущена ошибка при передаче документов в банк. "
    "Щас всё исправлено, деньги придут в ближайшее время.",
]


def ru_letter(good: bool):
    if good:
        d = _document((210, 297), (20, 20, 20, 10), "Times New Roman", 14)
    else:
        d = _document((215.9, 279.4), (12, 12, 12, 8), "Arial", 11)
    for line in RU_HEAD:
        _para(d, line, "center", bold=line.isupper(), size=12 if good else None)
    _para(d, "")
    for line in RU_ADDRESSEE:
        _para(d, line, "right")
    _para(d, "")
    _para(d, "О выплате пособия по безработице")
    _para(d, "")
    _para(d, "Уважаемый Иван Иванович!", "center")
    for text in (RU_GOOD_BODY if good else RU_BAD_BODY):
        _para(d, text, "justify", indent_mm=12.5)
    _para(d, "")
    if good:
        _para(d, "С уважением,")
        _para(d, "Директор\t\t\t\t\t\tА. В. Смирнов")
        _para(d, "")
        _para(d, "Исп. Петрова Анна Сергеевна, тел. 8 (8352) 45-12-34", size=12)
    else:
        _para(d, "Директор\t\t\t\t\t\tА. В. Смирнов")
    return d


# ---------------------------------------------------------------------------- Vietnamese
VI_GOOD_BODY = [
    "Ủy ban nhân dân xã Uar nhận được đơn đề ngày 02 tháng 3 năm 2026 của Ông về việc chậm cấp "
    "giấy chứng nhận quyền sử dụng đất. Sau khi kiểm tra, Ủy ban nhân dân xã trả lời như sau:",
    "Phản ánh của Ông là đúng: hồ sơ của Ông đã được tiếp nhận ngày 05 tháng 01 năm 2026 nhưng "
    "chưa được chuyển đến cơ quan có thẩm quyền đúng hạn. Ủy ban nhân dân xã thành thật xin lỗi "
    "Ông vì sự chậm trễ này.",
    "Hồ sơ đã được chuyển đến Văn phòng đăng ký đất đai ngày 04 tháng 3 năm 2026. Kết quả giải "
    "quyết sẽ được trả cho Ông tại Trung tâm Phục vụ hành chính công xã trước ngày 20 tháng 3 năm "
    "2026.",
    "Mọi thắc mắc xin Ông liên hệ bộ phận một cửa theo số điện thoại 0235 3812 345 trong giờ "
    "hành chính.",
]
VI_BAD_BODY = [
    "UBND xã đã nhận đc đơn của ông nhé 👍",
    "Hồ sơ ko hợp lệ. Ông tự đi mà hỏi Văn phòng đăng ký đất đai, chúng tôi đã trả lời nhiều lần rồi!!",
]


def vi_letter(good: bool):
    from docx.shared import Mm
    if good:
        d = _document((210, 297), (20, 20, 30, 15), "Times New Roman", 14, after=6)
    else:
        d = _document((210, 297), (10, 10, 15, 10), "Arial", 11)
    t = d.add_table(rows=2, cols=2)
    widths = (Mm(65), Mm(100))
    for row in t.rows:
        for cell, wdt in zip(row.cells, widths):
            cell.width = wdt
    _cell(t.cell(0, 0), ["ỦY BAN NHÂN DÂN", "XÃ UAR"], size=13 if good else None)
    _cell(t.cell(0, 1), ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
          size=13 if good else None)
    _cell(t.cell(1, 0), ["Số: 05/UBND-VP", "V/v trả lời đơn của Ông Nguyễn Văn A"],
          size=13 if good else None)
    _cell(t.cell(1, 1), ["Uar, ngày 05 tháng 3 năm 2026"], size=13 if good else None)
    _para(d, "")
    _para(d, "Kính gửi: Ông Nguyễn Văn A, thôn 2, xã Uar.", "center")
    for text in (VI_GOOD_BODY if good else VI_BAD_BODY):
        _para(d, text, "justify", indent_mm=10)
    _para(d, "Trân trọng./." if good else "")
    t = d.add_table(rows=1, cols=2)
    _cell(t.cell(0, 0), ["Nơi nhận:", "- Như trên;", "- Chủ tịch UBND xã (để b/c);", "- Lưu: VT."]
          if good else ["Nơi nhận:", "- Như trên."], size=12 if good else None)
    _cell(t.cell(0, 1), ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "", "Nguyễn Văn B"],
          size=14 if good else None)
    return d


def lint_file(path: Path):
    from replylint import linter, packs
    from replylint.readers import read
    doc = read(str(path))
    return doc, linter.lint(doc, packs.load_rules())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="lint the written files")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    made = {}
    for lang, build in (("ru", ru_letter), ("vi", vi_letter)):
        for good in (True, False):
            path = OUT / f"{lang}-{'good' if good else 'bad'}.docx"
            build(good).save(str(path))
            made[path] = good
            print(f"wrote {path.relative_to(ROOT)}")
    if not args.check:
        return 0
    failed = False
    for path, good in made.items():
        doc, found = lint_file(path)
        print(f"{path.name}: lang {doc.lang}, {len(found)} findings")
        for d in found:
            print(f"  ¶{d.line}:{d.column} {d.severity} {d.rule} {d.message}")
        if good == bool(found):
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
