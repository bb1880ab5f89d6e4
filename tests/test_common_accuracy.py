"""common.* rules on the shapes of real replies (issue 10): a paragraph opening ending in a
colon is a sentence of its own for common.sentence-length; the reference line's blanks are
unfilled fields for common.placeholder."""
from __future__ import annotations

from pathlib import Path

from replylint.linter import document_from_text, lint
from replylint.packs import builtin_rules_dir, load_pack

RULES = {r.id: r for r in load_pack(Path(builtin_rules_dir()) / "common")}


def fired(rule_id, text, lang):
    doc = document_from_text(text, lang=lang, kind="letter")
    return [d.match for d in lint(doc, [RULES[rule_id]])]


OPENING = ("Vấn đề Ông/Bà phản ánh về tình trạng rác thải tập kết không đúng nơi quy định tại kiệt 12 "
           "đường Nguyễn Trãi, phường Tây Lộc, thành phố Huế, Ủy ban nhân dân phường trả lời như sau:\n")
ANSWER = ("Ngay sau khi nhận được phản ánh, Ủy ban nhân dân phường đã chỉ đạo tổ dân phố phối hợp với "
          "Công ty Môi trường và Công trình đô thị Huế thu gom toàn bộ rác thải tại vị trí phản ánh.\n")


def test_colon_opening_is_not_glued_to_the_next_paragraph():
    assert fired("common.sentence-length", OPENING + ANSWER, "vi") == []


def test_a_long_paragraph_under_a_colon_opening_is_still_measured():
    long_answer = ANSWER.rstrip(".\n") + ", " + ", ".join(["đồng thời tuyên truyền người dân không đổ rác "
                                                             "ra đường"] * 6) + ".\n"
    got = fired("common.sentence-length", OPENING + long_answer, "vi")
    assert len(got) == 1 and got[0].startswith("Ngay sau khi nhận được phản ánh")


def test_plus_bullets_are_list_items():
    text = ("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư.\n"
            + "".join(f"+ Tại khoản {i} quy định về thể thức và kỹ thuật trình bày văn bản hành chính;\n"
                      for i in range(1, 8)))
    assert fired("common.sentence-length", text, "vi") == []


def test_blank_reference_line_is_an_unfilled_field():
    text = ("26.01.2026 № 17-65-212/26\n\nна № __________________ от __________\n\nСидорчику И.А.\n\n"
            "Уважаемый Илья Александрович!\n\nВаше обращение рассмотрено.\n")
    assert fired("common.placeholder", text, "ru") == ["__________________", "__________"]
    filled = text.replace("на № __________________ от __________", "на № 57259387 от 08.01.2026")
    assert fired("common.placeholder", filled, "ru") == []
    # a signature line of underscores is no field
    signed = filled + "\nНачальник отдела   ______________ А.В. Николаев\n"
    assert fired("common.placeholder", signed, "ru") == []
