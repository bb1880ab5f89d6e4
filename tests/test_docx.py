"""The .docx reader: text order, positions, styles, layout facts, errors (files built here)."""
import io
import zipfile
from types import SimpleNamespace

import docx
import pytest
from docx.oxml import parse_xml
from docx.shared import Mm, Pt

from replylint.document import ReadError
from replylint.readers.docx import read_docx

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
OPTS = SimpleNamespace(max_bytes=20 * 1024 * 1024, lang="auto", kind="auto")


def save(d) -> bytes:
    b = io.BytesIO()
    d.save(b)
    return b.getvalue()


def read(d, options=OPTS):
    data = d if isinstance(d, bytes) else save(d)
    return read_docx("draft.docx", data, options)


def new(font="Times New Roman", size=14):
    d = docx.Document()
    d.styles["Normal"].font.name = font
    d.styles["Normal"].font.size = Pt(size)
    return d


def vi_header(d):
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nXÃ UAR"
    t.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    t.cell(0, 1).add_paragraph("Độc lập - Tự do - Hạnh phúc")
    t.cell(1, 0).text = "Số: 05/UBND-VP"
    t.cell(1, 1).text = "Uar, ngày 05 tháng 3 năm 2026"
    return t


def test_paragraphs_in_order_with_tables_row_by_row():
    d = new()
    vi_header(d)
    d.add_paragraph("Kính gửi: Ông Nguyễn Văn A")
    doc = read(d)
    assert doc.text.split("\n") == [
        "ỦY BAN NHÂN DÂN", "XÃ UAR", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc", "Số: 05/UBND-VP", "Uar, ngày 05 tháng 3 năm 2026",
        "Kính gửi: Ông Nguyễn Văn A"]
    assert doc.format == "docx" and doc.lang == "vi"
    paras = doc.layout["paragraphs"]
    assert [p["n"] for p in paras] == [1, 2, 3, 4, 5, 6]   # "XÃ UAR" is a line break in ¶1
    assert paras[0]["part"] == "table" and paras[0]["table"] == [1, 0, 0]
    assert paras[2]["table"] == [1, 0, 1]
    assert paras[-1]["part"] == "body"


def test_positions_are_paragraph_numbers():
    d = new()
    d.add_paragraph("Первый абзац.")
    d.add_paragraph("")
    d.add_paragraph("Второй абзац со словом здесь.\nПосле разрыва строки слово")
    doc = read(d)
    assert doc.source_map.unit == "paragraph"
    pos = doc.source_map.position(doc.text.index("здесь"))
    assert (pos.line, pos.column, pos.unit) == (3, 24, "paragraph")
    after_break = doc.text.index("После")
    pos = doc.source_map.position(after_break + 6)
    assert (pos.line, pos.column) == (3, 37)     # same paragraph, column counts on
    assert doc.layout["paragraphs"][2]["start"] == doc.text.index("Второй")


def test_headers_and_footers_follow_the_body():
    d = new()
    d.add_paragraph("Текст письма.")
    d.sections[0].header.paragraphs[0].text = "Министерство труда"
    d.sections[0].footer.paragraphs[0].text = "Исп. Петрова А. А., тел. 8 (8352) 45-12-34"
    doc = read(d)
    lines = doc.text.split("\n")
    assert lines == ["Текст письма.", "Министерство труда", "Исп. Петрова А. А., тел. 8 (8352) 45-12-34"]
    parts = [p["part"] for p in doc.layout["paragraphs"]]
    assert parts == ["body", "header", "footer"]


def test_tracked_changes_comments_breaks_and_tabs():
    d = new()
    p = d.add_paragraph()
    p._p.append(parse_xml(
        f'<w:r {W_NS}><w:t xml:space="preserve">Ваше обращение </w:t></w:r>'))
    p._p.append(parse_xml(
        f'<w:del {W_NS} w:id="1" w:author="A" w:date="2026-01-01T00:00:00Z">'
        f'<w:r><w:delText>отклонено</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(
        f'<w:ins {W_NS} w:id="2" w:author="A" w:date="2026-01-01T00:00:00Z">'
        f'<w:r><w:t>рассмотрено</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(f'<w:commentRangeStart {W_NS} w:id="5"/>'))
    p._p.append(parse_xml(
        f'<w:r {W_NS}><w:tab/><w:t>итог</w:t><w:br/><w:t>дальше</w:t>'
        f'<w:instrText> PAGE </w:instrText></w:r>'))
    p._p.append(parse_xml(f'<w:r {W_NS}><w:commentReference w:id="5"/></w:r>'))
    doc = read(d)
    assert doc.text == "Ваше обращение рассмотрено\tитог\nдальше"
    assert "отклонено" not in doc.text


def test_text_box_content_is_read_once():
    d = new()
    p = d.add_paragraph("Основной текст.")
    p._p.append(parse_xml(
        f'<w:r {W_NS} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        f'xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent><mc:Choice Requires="wps">'
        f'<w:drawing><w:txbxContent><w:p><w:r><w:t>Исп. Сидоров</w:t></w:r></w:p></w:txbxContent>'
        f'</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p>'
        f'<w:r><w:t>Исп. Сидоров</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict>'
        f'</mc:Fallback></mc:AlternateContent></w:r>'))
    doc = read(d)
    assert doc.text == "Основной текст.\nИсп. Сидоров"
    assert doc.layout["paragraphs"][1]["part"] == "textbox"


def test_page_size_orientation_and_margins():
    d = new()
    s = d.sections[0]
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = Mm(20), Mm(25), Mm(30), Mm(15)
    d.add_paragraph("x")
    lay = read(d).layout
    assert (lay["page_width"], lay["page_height"], lay["orientation"]) == (210, 297, "portrait")
    assert (lay["top"], lay["bottom"], lay["left"], lay["right"]) == (20, 25, 30, 15)


def test_fonts_resolved_through_styles_and_doc_defaults():
    d = docx.Document()
    # docDefaults: Cambria 9 pt; Normal sets nothing; a based-on chain sets the size
    styles = d.styles.element
    rpr = styles.find(".//{*}docDefaults/{*}rPrDefault/{*}rPr")
    for child in list(rpr):
        if child.tag.endswith(("rFonts", "sz")):
            rpr.remove(child)
    rpr.append(parse_xml(f'<w:rFonts {W_NS} w:ascii="Cambria" w:hAnsi="Cambria"/>'))
    rpr.append(parse_xml(f'<w:sz {W_NS} w:val="18"/>'))
    base = d.styles.add_style("Base Letter", 1)
    base.font.size = Pt(13)
    body = d.styles.add_style("Letter Body", 1)
    body.base_style = base
    d.add_paragraph("Текст по умолчанию.")
    d.add_paragraph("Текст письма в стиле, размер из базового стиля, довольно длинный.", style="Letter Body")
    run = d.add_paragraph("", style="Letter Body").add_run("Прямое форматирование")
    run.font.name = "Arial"
    run.font.size = Pt(12)
    lay = read(d).layout
    p1, p2, p3 = lay["paragraphs"]
    assert (p1["font"], p1["size"], p1["style"]) == ("Cambria", 9, "Normal")
    assert (p2["font"], p2["size"], p2["style"]) == ("Cambria", 13, "Letter Body")
    assert (p3["font"], p3["size"]) == ("Arial", 12)
    assert lay["body_font"] == "Cambria" and lay["body_font_size"] == 13


def test_theme_font_resolves_through_theme_xml():
    d = docx.Document()          # the default template: docDefaults use minorHAnsi (Calibri?)
    d.add_paragraph("Текст")
    lay = read(d).layout
    assert lay["body_font"] and not lay["body_font"].startswith("minor")


def test_legacy_fonts_listed_with_paragraph_numbers():
    d = new()
    d.add_paragraph("Unicode")
    p = d.add_paragraph()
    p.add_run("Céng hßa x· héi").font.name = ".VnTime"
    p.add_run(" chñ nghÜa").font.name = ".VnTimeH"
    legacy_style = d.styles.add_style("Cu", 1)
    legacy_style.font.name = "VNI-Times"
    d.add_paragraph("Tieáng Vieät", style="Cu")
    lay = read(d).layout
    assert lay["legacy_fonts"] == [(2, ".VnTime"), (2, ".VnTimeH"), (3, "VNI-Times")]


def _with_app_xml(data: bytes, pages: int, words: int) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/app.xml":
                body = (b'<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/'
                        b'officeDocument/2006/extended-properties"><Pages>%d</Pages><Words>%d</Words>'
                        b'</Properties>' % (pages, words))
            z.writestr(info, body)
    return out.getvalue()


def test_saved_page_count_from_app_xml():
    d = new()
    for _ in range(30):
        d.add_paragraph("Слово " * 20)
    data = save(d)
    assert read(data).layout["saved_pages"] is None     # python-docx template: stale (0 words)
    lay = read(_with_app_xml(data, 3, 600)).layout
    assert lay["saved_pages"] == 3 and lay["saved_words"] == 600


def test_lang_option_wins_over_detection():
    d = new()
    d.add_paragraph("Kính gửi: Ông Nguyễn Văn A")
    assert read(d, SimpleNamespace(max_bytes=10**7, lang="ru", kind="auto")).lang == "ru"
    assert read(d, None).lang == "vi"


@pytest.mark.parametrize("data,cause", [
    (b"", "not a .docx (zip) file"),
    (b"hello, this is plain text", "not a .docx (zip) file"),
    (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 600, "encrypted .docx: save it without a password"),
    (b"PK\x03\x04garbage", "corrupt .docx"),
])
def test_broken_files_raise_read_error(data, cause):
    with pytest.raises(ReadError) as e:
        read_docx("bad.docx", data, OPTS)
    assert str(e.value).startswith(cause)
    assert "\n" not in str(e.value)


def test_zip_without_document_xml():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/styles.xml", "<x/>")
    with pytest.raises(ReadError, match="corrupt .docx: missing word/document.xml"):
        read_docx("bad.docx", out.getvalue(), OPTS)


def test_corrupt_document_xml():
    data = save(new())
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in src.infolist():
            z.writestr(info, b"<w:document" if info.filename == "word/document.xml"
                       else src.read(info.filename))
    with pytest.raises(ReadError, match="^corrupt .docx"):
        read_docx("bad.docx", out.getvalue(), OPTS)


def test_zip_bomb_is_refused_before_unpacking():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * (12 * 1024 * 1024))     # compresses to ~12 KB
    small = SimpleNamespace(max_bytes=1024 * 1024, lang="auto", kind="auto",
                            max_unpacked_bytes=10 * 1024 * 1024)
    with pytest.raises(ReadError, match=r"\.docx unpacks to 12 MB, over the limit"):
        read_docx("/tmp/bomb.docx", out.getvalue(), small)


def test_default_unpack_limit_is_ten_times_max_bytes():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * (60 * 1024 * 1024))
    with pytest.raises(ReadError, match="unpacks to 60 MB"):
        read_docx("bomb.docx", out.getvalue(), SimpleNamespace(max_bytes=1024, lang="auto"))


def test_dispatcher_reads_docx(tmp_path):
    from replylint.readers import read
    d = new()
    d.add_paragraph("Уважаемый Иван Иванович!")
    path = tmp_path / "draft.docx"
    d.save(str(path))
    doc = read(str(path))
    assert doc.format == "docx" and doc.lang == "ru" and doc.layout["body_font_size"] == 14


def test_mutated_files_give_a_document_or_a_read_error():
    import random
    rng = random.Random(3)
    d = new()
    d.add_paragraph("Уважаемый Иван Иванович!")
    base = save(d)
    for _ in range(150):
        m = bytearray(base)
        for _ in range(rng.randint(1, 20)):
            m[rng.randrange(len(m))] = rng.randrange(256)
        if rng.random() < 0.3:
            m = m[:rng.randrange(len(m))]
        try:
            read_docx("x.docx", bytes(m), OPTS)
        except ReadError as e:
            assert "\n" not in str(e)


def test_paragraph_spacing_reads_as_a_blank_line():
    d = new()
    d.styles["Normal"].paragraph_format.space_after = Pt(0)   # the template's docDefaults: 10 pt
    p = d.add_paragraph("Первый абзац, первая строка")
    p = d.add_paragraph("вторая строка.")
    p.paragraph_format.space_after = Pt(14)
    d.add_paragraph("Второй абзац.")
    q = d.add_paragraph("Третий абзац.")
    q.paragraph_format.space_before = Pt(6)       # under half a line of 10 pt: no break
    doc = read(d)
    assert doc.text == "Первый абзац, первая строка\nвторая строка.\n\nВторой абзац.\nТретий абзац."
    paras = doc.layout["paragraphs"]
    assert doc.text[paras[2]["start"]:paras[2]["end"]] == "Второй абзац."
    pos = doc.source_map.position(doc.text.index("Второй"))
    assert (pos.line, pos.column) == (3, 1)


def test_contextual_spacing_between_paragraphs_of_one_style_is_no_break():
    d = new()
    d.styles["Normal"].paragraph_format.space_after = Pt(0)
    for t in ("- один;", "- два."):
        p = d.add_paragraph(t)
        p.paragraph_format.space_after = Pt(12)
        p._p.get_or_add_pPr().append(parse_xml(
            '<w:contextualSpacing xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'))
    assert read(d).text == "- один;\n- два."


def test_deep_left_indent_reads_as_a_right_column():
    d = new()
    d.styles["Normal"].paragraph_format.space_after = Pt(0)
    d.add_paragraph("Nơi nhận:")
    p = d.add_paragraph("Y Khoa Byă")
    p.paragraph_format.left_indent = Pt(250)
    doc = read(d)
    line = doc.text.split("\n")[1]
    assert line.strip() == "Y Khoa Byă" and len(line) - len(line.lstrip()) >= 12
    para = doc.layout["paragraphs"][1]
    assert doc.text[para["start"]:para["end"]] == "Y Khoa Byă"
    pos = doc.source_map.position(doc.text.index("Khoa"))
    assert (pos.line, pos.column) == (2, 3)
