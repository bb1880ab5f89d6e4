"""The .docx layout rules (SPEC 5.4) and common.length on .docx files built here."""
import io
from types import SimpleNamespace

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.shared import Mm, Pt

from replylint import linter, packs
from replylint.readers.docx import read_docx

OPTS = SimpleNamespace(max_bytes=20 * 1024 * 1024, lang="auto", kind="auto")
LAYOUT_IDS = {"common.page-format", "common.margins", "common.font", "common.length"}

RU_BODY = ["Иванову И. И.", "Уважаемый Иван Иванович!",
           "Ваше обращение рассмотрено. Выплата пособия произведена 12.11.2026.",
           "С уважением,", "Директор И. И. Петров"]
VI_BODY = ["Kính gửi: Ông Nguyễn Văn A",
           "Ủy ban nhân dân xã đã nhận được đơn của Ông. Hồ sơ đã được giải quyết.",
           "Trân trọng./.", "CHỦ TỊCH", "Nguyễn Văn B"]


def rules():
    return [r for r in packs.load_rules() if r.id in LAYOUT_IDS]


def build(lang="ru", page=(210, 297), margins=None, font="Times New Roman", size=14,
          landscape=False, paragraphs=None, **_):
    d = docx.Document()
    s = d.sections[0]
    if margins is None:
        margins = (20, 20, 20, 10) if lang == "ru" else (20, 20, 30, 15)
    s.page_width, s.page_height = Mm(page[0]), Mm(page[1])
    if landscape:
        s.orientation = WD_ORIENT.LANDSCAPE
        s.page_width, s.page_height = Mm(page[1]), Mm(page[0])
    s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = (Mm(m) for m in margins)
    st = d.styles["Normal"]
    st.font.name, st.font.size = font, Pt(size)
    for p in paragraphs or (RU_BODY if lang == "ru" else VI_BODY):
        d.add_paragraph(p)
    b = io.BytesIO()
    d.save(b)
    return read_docx("draft.docx", b.getvalue(), OPTS)


def found(doc, settings=None, rule_options=None):
    return {d.rule: d for d in linter.lint(doc, rules(), settings, rule_options)}


@pytest.mark.parametrize("lang", ["ru", "vi"])
def test_a_correct_letter_is_clean(lang):
    doc = build(lang)
    assert doc.lang == lang
    assert found(doc) == {}


def test_rules_read_page_layouts_only():
    doc = linter.document_from_text("\n".join(RU_BODY), lang="ru")
    assert found(doc) == {}
    for r in rules():
        if r.id != "common.length":
            assert r.formats == ["docx", "odt", "pdf"]


@pytest.mark.parametrize("kw", [dict(page=(215.9, 279.4)), dict(landscape=True), dict(page=(148, 210))])
def test_page_format(kw):
    got = found(build("ru", **kw))
    assert "common.page-format" in got
    d = got["common.page-format"]
    assert d.unit == "paragraph" and d.line == 1
    assert "A4" in d.message


def test_page_format_message_names_letter_paper_in_vietnamese():
    d = found(build("vi", page=(215.9, 279.4)))["common.page-format"]
    assert "Letter" in d.message and "Khổ giấy" in d.message


@pytest.mark.parametrize("lang,margins,fires", [
    ("vi", (20, 20, 30, 15), False), ("vi", (25, 25, 35, 20), False),
    ("vi", (20, 20, 20, 10), True), ("vi", (30, 20, 30, 15), True), ("vi", (20, 20, 30, 25), True),
    ("ru", (20, 20, 20, 10), False), ("ru", (30, 30, 35, 20), False),
    ("ru", (20, 20, 15, 10), True), ("ru", (15, 20, 20, 10), True), ("ru", (20, 20, 20, 5), True),
])
def test_margins_per_language(lang, margins, fires):
    got = found(build(lang, margins=margins))
    assert ("common.margins" in got) == fires


def test_margin_message_names_the_side():
    d = found(build("ru", margins=(20, 20, 15, 10)))["common.margins"]
    assert "левое 15" in d.message and "не менее 20" in d.message
    d = found(build("vi", margins=(20, 20, 20, 15)))["common.margins"]
    assert "trái 20 (30–35)" in d.message


def test_margins_configurable_by_settings_and_rule_options():
    doc = build("ru", margins=(20, 20, 25, 10))
    assert "common.margins" not in found(doc)
    strict = {"ru": {"margins": {"left": [30, None]}}}
    assert "common.margins" in found(doc, settings={"layout": strict})
    loose = {"common.margins": {"margins": {"ru": {"left": [10, None]}}}}
    assert "common.margins" not in found(build("ru", margins=(20, 20, 15, 10)), rule_options=loose)


@pytest.mark.parametrize("lang,font,size,fires", [
    ("vi", "Times New Roman", 13, False), ("vi", "Times New Roman", 14, False),
    ("vi", "Arial", 14, True), ("vi", "Times New Roman", 12, True), ("vi", "Times New Roman", 15, True),
    ("ru", "Arial", 12, False), ("ru", "Times New Roman", 14, False),
    ("ru", "Times New Roman", 11, True), ("ru", "Times New Roman", 16, True),
])
def test_font_per_language(lang, font, size, fires):
    got = found(build(lang, font=font, size=size))
    assert ("common.font" in got) == fires


def test_font_finding_points_at_the_first_body_paragraph():
    d = found(build("vi", font="Arial", size=12))["common.font"]
    assert d.unit == "paragraph" and d.line == 1 and d.column == 1
    assert "Arial 12 pt" in d.message and "Times New Roman" in d.message


def test_font_size_resolved_through_doc_defaults_fires():
    # nothing in the Normal style: the size comes from w:docDefaults (11 pt in python-docx)
    d = docx.Document()
    d.styles["Normal"].font.name = "Times New Roman"
    for p in RU_BODY:
        d.add_paragraph(p)
    b = io.BytesIO()
    d.save(b)
    doc = read_docx("x.docx", b.getvalue(), OPTS)
    assert doc.layout["body_font_size"] == 11
    assert "common.font" in found(doc)


def test_length_fires_on_a_long_docx_with_paragraph_position():
    long_text = ["Ваше обращение рассмотрено, выплата пособия произведена в установленный срок. " * 6] * 30
    doc = build("ru", paragraphs=RU_BODY[:2] + long_text + RU_BODY[2:])
    got = found(doc)
    assert "common.length" in got
    d = got["common.length"]
    assert d.unit == "paragraph" and d.line == 1
    assert "стр." in d.message
    assert doc.metadata["pages"] > 2
    assert "common.length" not in found(doc, rule_options={"common.length": {"max": 10}})


def test_findings_inside_the_text_carry_paragraph_positions():
    doc = build("ru", paragraphs=RU_BODY[:2] + ["Всё готово 🙂"] + RU_BODY[2:])
    emoji = [r for r in packs.load_rules() if r.id == "common.emoji"]
    (d,) = linter.lint(doc, emoji)
    assert (d.unit, d.line, d.column) == ("paragraph", 3, 12)


def test_legacy_font_only_is_reported_with_the_fonts_named():
    """Unicode text set in .VnTime: the message names the font and the encoding it implies."""
    d = build("vi", font=".VnTime")
    rule = next(r for r in packs.load_rules() if r.id == "vi.legacy-encoding")
    hits = [x for x in linter.lint(d, [rule]) if x.rule == "vi.legacy-encoding"]
    assert len(hits) == 1
    assert "phông chữ bảng mã cũ .VnTime (TCVN3 (ABC, phông .VnTime))" in hits[0].message
    assert "{" not in hits[0].message
