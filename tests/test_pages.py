"""The page estimator: widths, wrapping, monotonicity, known values, saved counts."""
import io
from types import SimpleNamespace

import docx
import pytest
from docx.shared import Mm, Pt

from replylint import pages
from replylint.linter import document_from_text
from replylint.readers.docx import read_docx

OPTS = SimpleNamespace(max_bytes=20 * 1024 * 1024, lang="auto", kind="auto")
SENTENCE = "Ваше обращение рассмотрено, выплата пособия произведена в установленный срок. "


def test_width_table_is_measured_not_guessed():
    assert pages.char_width(" ") == 0.25
    assert pages.char_width("m") > pages.char_width("i")
    assert pages.char_width("Ш") > pages.char_width("ш") > pages.char_width("г")
    # Vietnamese letters: the same advance as their base letter, measured or decomposed
    assert pages.char_width("ệ") == pages.char_width("e")
    assert pages.char_width("\u0301") == 0.0
    assert 1.1 < pages.LINE_HEIGHT_EM < 1.2


def test_wrapping_counts_lines():
    size = 12
    word = "слово"
    w = pages.text_width(word + " ") * size
    text = " ".join([word] * 100)
    width = w * 10 + 1        # exactly ten words a line
    assert pages.count_lines(text, size, width) == 10
    assert pages.count_lines("", size, width) == 1
    assert pages.count_lines("a\nb\nc", size, width) == 3
    assert pages.count_lines("x" * 500, size, 100) > 1          # a long word breaks


def lines_of(n_lines, chars=45):  # short lines: not taken for hard-wrapped prose
    return "\n".join(("Строка " * 20)[:chars] for _ in range(n_lines))


def test_text_estimate_known_values():
    # ru defaults: 257 mm of text area, 14 pt × 1.1499 single lines → 45 lines a page
    layout = pages.layout_for("ru")
    height = (297 - 40) * pages.PT_PER_MM
    per_page = int(height // (14 * pages.LINE_HEIGHT_EM))
    assert per_page == 45
    assert pages.estimate_pages(lines_of(per_page), layout) == pytest.approx(
        per_page * 14 * pages.LINE_HEIGHT_EM / height, abs=0.01)
    assert pages.estimate_pages(lines_of(per_page * 2), layout) == pytest.approx(2.0, abs=0.03)
    assert pages.estimate_pages(lines_of(per_page * 2 + 1), layout) == pytest.approx(2.02, abs=0.02)
    assert pages.estimate_pages("", layout) == 0.0


def test_hard_wrapped_prose_is_reflowed_and_short_lines_kept():
    wrapped = ("Пособие по безработице назначено Вам с 11.02.2026 в соответствии со статьей 48\n"
               "Федерального закона от 12.12.2023 № 565-ФЗ «О занятости населения в Российской\n"
               "Федерации». Размер пособия определяется исходя из заработка.\n\n"
               "С уважением,\nНачальник отдела\nА.В. Николаев")
    paras = pages.unwrap(wrapped)
    assert paras[0].startswith("Пособие") and paras[0].endswith("заработка.")
    assert paras[2:5] == ["С уважением,", "Начальник отдела", "А.В. Николаев"]
    assert pages.estimate_pages(wrapped, pages.layout_for("ru")) < pages.estimate_pages(
        wrapped.replace("\n", "\n\n"), pages.layout_for("ru"))


def test_estimate_monotonic_in_length_and_font_size():
    prev = 0.0
    for n in (1, 5, 20, 60, 150):
        value = pages.estimate_pages(SENTENCE * n, pages.layout_for("ru"))
        assert value > prev
        prev = value
    text = "\n".join([SENTENCE * 4] * 20)
    sizes = [pages.estimate_pages(text, pages.layout_for("ru", {"font_size": s})) for s in (11, 12, 13, 14, 16)]
    assert sizes == sorted(sizes) and len(set(sizes)) == len(sizes)


def test_layout_overrides_flat_and_per_language():
    assert pages.layout_for("vi")["left"] == 30
    assert pages.layout_for("vi", {"vi": {"font_size": 13}})["font_size"] == 13
    assert pages.layout_for("ru", {"vi": {"font_size": 13}})["font_size"] == 14
    assert pages.layout_for("ru", {"font_size": 12})["font_size"] == 12
    # wider margins → longer
    text = SENTENCE * 80
    assert pages.estimate_pages(text, pages.layout_for("ru", {"left": 40})) > \
        pages.estimate_pages(text, pages.layout_for("ru"))


def make_docx(paragraphs, size=14, spacing=1.0, after=0, margins=(20, 20, 20, 10), table_rows=0):
    d = docx.Document()
    s = d.sections[0]
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = (Mm(m) for m in margins)
    st = d.styles["Normal"]
    st.font.name, st.font.size = "Times New Roman", Pt(size)
    st.paragraph_format.line_spacing = spacing
    st.paragraph_format.space_after = Pt(after)
    for p in paragraphs:
        d.add_paragraph(p)
    if table_rows:
        t = d.add_table(rows=table_rows, cols=2)
        for r in range(table_rows):
            t.cell(r, 0).text = "Пункт"
            t.cell(r, 1).text = SENTENCE * 2
    b = io.BytesIO()
    d.save(b)
    return read_docx("x.docx", b.getvalue(), OPTS)


def test_docx_estimate_known_value():
    # 45 one-line paragraphs of 14 pt single spacing fill one page of 257 mm exactly
    doc = make_docx(["Строка"] * 45)
    height = 257 * pages.PT_PER_MM
    assert pages.estimate(doc) == pytest.approx(45 * 14 * pages.LINE_HEIGHT_EM / height, abs=0.01)
    doc = make_docx(["Строка"] * 46)
    assert pages.estimate(doc) == pytest.approx(1 + 14 * pages.LINE_HEIGHT_EM / height, abs=0.01)


def test_docx_estimate_follows_layout():
    paras = [SENTENCE * 4] * 25
    base = pages.estimate(make_docx(paras))
    assert pages.estimate(make_docx(paras, size=12)) < base
    assert pages.estimate(make_docx(paras, spacing=1.5)) > base
    assert pages.estimate(make_docx(paras, after=10)) > base
    assert pages.estimate(make_docx(paras, margins=(25, 25, 35, 20))) > base
    assert pages.estimate(make_docx(paras, table_rows=10)) > base
    assert pages.estimate(make_docx(paras * 2)) > base


def test_page_break_starts_a_new_page():
    d = docx.Document()
    d.add_paragraph("Первая страница")
    d.add_page_break()
    d.add_paragraph("Вторая страница")
    b = io.BytesIO()
    d.save(b)
    doc = read_docx("x.docx", b.getvalue(), OPTS)
    assert 1.0 < pages.estimate(doc) < 1.1


def test_page_count_uses_plausible_saved_count():
    doc = make_docx([SENTENCE * 4] * 18)
    est = pages.estimate(doc)
    assert 1 < est < 2
    doc.layout["saved_pages"] = 2                      # same page: the finer estimate
    assert pages.page_count(doc) == est and doc.metadata["pages_source"] == "saved+estimate"
    doc.layout["saved_pages"] = 3                      # plausible, different: trust the editor
    assert pages.page_count(doc) == 3.0 and doc.metadata["pages_source"] == "saved"
    doc.layout["saved_pages"] = 9                      # implausible: the estimate
    assert pages.page_count(doc) == est and doc.metadata["pages_source"] == "estimate"
    doc.layout["saved_pages"] = None
    assert pages.page_count(doc) == est


def test_text_document_uses_configured_layout():
    doc = document_from_text("\n".join([SENTENCE * 3] * 40), lang="vi")
    vi = pages.page_count(doc)
    assert pages.page_count(doc, {"vi": {"font_size": 12, "line_spacing": 1.0}}) < vi
