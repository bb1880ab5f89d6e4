"""The .odt reader: text order, ¶N positions, styles, layout facts, hardening (packages built here)."""
import io
import zipfile
from types import SimpleNamespace

import pytest

from replylint.document import ReadError
from replylint.readers import read
from replylint.readers.odt import read_odt

OPTS = SimpleNamespace(max_bytes=20 * 1024 * 1024, lang="auto", kind="auto")
NSDECL = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"')
PAGE = ('<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" '
        'fo:page-height="29.7cm" style:print-orientation="portrait" fo:margin-top="2cm" '
        'fo:margin-bottom="2cm" fo:margin-left="3cm" fo:margin-right="1.5cm"/>{hf}</style:page-layout>')
STYLES = ('<style:default-style style:family="paragraph"><style:text-properties '
          'style:font-name="Times New Roman" fo:font-size="14pt"/></style:default-style>'
          '<style:style style:name="Standard" style:family="paragraph"/>'
          '<style:style style:name="Small" style:display-name="Small text" style:family="paragraph" '
          'style:parent-style-name="Standard"><style:text-properties fo:font-size="75%"/>'
          '<style:paragraph-properties fo:margin-bottom="0.5cm"/></style:style>')


def build(body: str, *, auto: str = "", styles: str = STYLES, master: str = "", hf: str = "",
          pages: int | None = None, extra: dict | None = None, mimetype=b"application/vnd.oasis.opendocument.text") -> bytes:
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NSDECL}>'
               '<office:font-face-decls><style:font-face style:name="Times New Roman" '
               'svg:font-family="&apos;Times New Roman&apos;"/><style:font-face style:name="VnTime" '
               'svg:font-family=".VnTime"/></office:font-face-decls>'
               f'<office:automatic-styles>{auto}</office:automatic-styles>'
               f'<office:body><office:text>{body}</office:text></office:body></office:document-content>')
    styles_xml = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {NSDECL}>'
                  f'<office:styles>{styles}</office:styles><office:automatic-styles>'
                  f'{PAGE.format(hf=hf)}</office:automatic-styles><office:master-styles>'
                  f'<style:master-page style:name="Standard" style:page-layout-name="pm1">{master}'
                  '</style:master-page></office:master-styles></office:document-styles>')
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), mimetype)
        z.writestr("content.xml", content)
        z.writestr("styles.xml", styles_xml)
        if pages is not None:
            z.writestr("meta.xml", f'<office:document-meta {NSDECL}><office:meta>'
                       f'<meta:document-statistic meta:page-count="{pages}" meta:word-count="30"/>'
                       '</office:meta></office:document-meta>')
        extra = {"META-INF/manifest.xml": "<manifest/>", **(extra or {})}
        for name, data in extra.items():
            z.writestr(name, data)
    return b.getvalue()


def p(text: str, style: str = "Standard") -> str:
    return f'<text:p text:style-name="{style}">{text}</text:p>'


def odt(body, **kw):
    return read_odt("reply.odt", build(body, **kw), OPTS)


def test_paragraphs_headings_lists_and_spaces_in_order():
    doc = odt('<text:h text:outline-level="1">О рассмотрении обращения</text:h>'
              + p("Уважаемый<text:s text:c=\"3\"/>Иван<text:tab/>Иванович!")
              + '<text:list><text:list-item>' + p("первый пункт") + '</text:list-item>'
              '<text:list-item><text:list><text:list-item>' + p("вложенный пункт")
              + '</text:list-item></text:list></text:list-item></text:list>'
              + p('строка<text:line-break/>после разрыва'))
    assert doc.text.split("\n") == ["О рассмотрении обращения", "Уважаемый   Иван\tИванович!",
                                    "первый пункт", "вложенный пункт", "строка", "после разрыва"]
    assert doc.format == "odt" and doc.source_map.unit == "paragraph"
    pos = doc.source_map.position(doc.text.index("после"))
    assert (pos.line, pos.column, pos.unit) == (5, 8, "paragraph")
    pos = doc.source_map.position(doc.text.index("Иван\t"))
    assert (pos.line, pos.column) == (2, 13)


def test_table_rows_left_cell_before_right_cell():
    cell = '<table:table-cell office:value-type="string">{}</table:table-cell>'
    row = "<table:table-row>{}</table:table-row>"
    body = ('<table:table><table:table-column table:number-columns-repeated="2"/>'
            + row.format(cell.format(p("ỦY BAN NHÂN DÂN") + p("XÃ UAR"))
                         + cell.format(p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")))
            + row.format(cell.format(p("Số: 05/UBND-VP")) + cell.format(p("Uar, ngày 05 tháng 3 năm 2026")))
            + "</table:table>" + p("Kính gửi: Ông Nguyễn Văn A"))
    doc = odt(body)
    assert doc.text.split("\n") == ["ỦY BAN NHÂN DÂN", "XÃ UAR", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                    "Số: 05/UBND-VP", "Uar, ngày 05 tháng 3 năm 2026",
                                    "Kính gửi: Ông Nguyễn Văn A"]
    paras = doc.layout["paragraphs"]
    assert [x["table"] for x in paras[:5]] == [[1, 0, 0], [1, 0, 0], [1, 0, 1], [1, 1, 0], [1, 1, 1]]
    assert paras[5]["part"] == "body" and "table" not in paras[5]


def test_tracked_changes_read_as_printed_and_comments_notes_left_out():
    body = ('<text:tracked-changes><text:changed-region text:id="c1"><text:deletion>'
            + p("удалённый текст") + '</text:deletion></text:changed-region></text:tracked-changes>'
            + p('Ваше обращение <text:change text:change-id="c1"/>рассмотрено'
                '<text:change-start text:change-id="c2"/> повторно<text:change-end text:change-id="c2"/>.'
                '<office:annotation><text:p>замечание редактора</text:p></office:annotation>'
                '<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>'
                '<text:note-body><text:p>сноска</text:p></text:note-body></text:note>'))
    assert odt(body).text == "Ваше обращение рассмотрено повторно."


def test_headers_and_footers_follow_the_body_and_add_to_the_margins():
    hf = ('<style:header-style><style:header-footer-properties fo:min-height="0.5cm" '
          'fo:margin-bottom="0.5cm"/></style:header-style>')
    master = ('<style:header>' + p("Управа района Бибирево") + '</style:header>'
              '<style:footer>' + p("Исп. Петрова А.А., тел. 8 (495) 123-45-67") + '</style:footer>')
    doc = odt(p("Текст письма."), master=master, hf=hf)
    assert doc.text.split("\n") == ["Текст письма.", "Управа района Бибирево",
                                    "Исп. Петрова А.А., тел. 8 (495) 123-45-67"]
    assert [x["part"] for x in doc.layout["paragraphs"]] == ["body", "header", "footer"]
    lay = doc.layout
    assert (lay["page_width"], lay["page_height"], lay["orientation"]) == (210.0, 297.0, "portrait")
    assert (lay["top"], lay["header"], lay["bottom"], lay["left"], lay["right"]) == (30.0, 20.0, 20.0, 30.0, 15.0)


def test_fonts_sizes_spacing_through_styles():
    auto = ('<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Small">'
            '<style:paragraph-properties fo:text-align="justify" fo:line-height="150%" '
            'fo:text-indent="1.25cm"/></style:style>'
            '<style:style style:name="T1" style:family="text"><style:text-properties '
            'style:font-name="VnTime"/></style:style>')
    doc = odt(p("Основной текст письма, довольно длинный абзац.", "P1")
              + p('Текст <text:span text:style-name="T1">Coong hoaf</text:span>') + p("Ещё абзац."),
              auto=auto)
    first, second = doc.layout["paragraphs"][:2]
    assert first["size"] == 10.5 and first["font"] == "Times New Roman"     # 75 % of 14 pt
    assert first["style"] == "Small text" and first["alignment"] == "justify"
    assert (first["line_rule"], first["line"]) == ("auto", 1.5)
    assert first["first_line"] == pytest.approx(35.43, abs=0.01)
    assert first["space_after"] == pytest.approx(14.17, abs=0.01)
    assert second["fonts"] == [".VnTime", "Times New Roman"]
    assert doc.layout["legacy_fonts"] == [(2, ".VnTime")]
    assert doc.text.split("\n")[1] == ""          # 0.5 cm after ¶1 reads as a blank line


def test_saved_page_count_from_meta():
    assert odt(p("Текст."), pages=2).layout["saved_pages"] == 2
    assert odt(p("Текст.")).layout["saved_pages"] is None


def test_ott_and_an_odt_saved_as_docx_are_read_by_content(tmp_path):
    data = build(p("Уважаемая Анна Петровна!"))
    for name in ("template.ott", "saved-as.docx", "no-extension"):
        f = tmp_path / name
        f.write_bytes(data)
        doc = read(str(f))
        assert doc.format == "odt" and doc.text == "Уважаемая Анна Петровна!"


@pytest.mark.parametrize("data,cause", [
    (b"plain text", "not an OpenDocument"),
    (build(p("x"), extra={"META-INF/manifest.xml": "<manifest:encryption-data/>"}), "encrypted .odt"),
    (build(p("x")).replace(b"content.xml", b"contenx.xml"), "missing content.xml"),
    (build("<text:p>x</text:q>"), "malformed XML"),
])
def test_errors_are_one_line(data, cause):
    with pytest.raises(ReadError, match=cause) as e:
        read_odt("bad.odt", data, OPTS)
    assert "\n" not in str(e.value)


def test_entity_expansion_is_refused():
    bomb = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            f'<office:document-content {NSDECL}><office:body><office:text><text:p>&b;</text:p>'
            '</office:text></office:body></office:document-content>')
    data = build(p("x"), extra={})
    b = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(b, "w") as z:
        for i in src.infolist():
            z.writestr(i, bomb if i.filename == "content.xml" else src.read(i.filename))
    with pytest.raises(ReadError, match="DTD or entity"):
        read_odt("bomb.odt", b.getvalue(), OPTS)


def test_zip_bomb_is_refused_before_inflating():
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), b"application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", b"<" + b" " * (60 * 1024 * 1024) + b"/>")
    data = b.getvalue()
    assert len(data) < 200_000
    with pytest.raises(ReadError, match=r"unpacks to 60 MB, over the limit \(200 MB\)|over the limit"):
        read_odt("bomb.odt", data, SimpleNamespace(max_bytes=1024 * 1024, max_unpacked_bytes=50 * 1024 * 1024))


def test_lying_sizes_are_counted_while_inflating():
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), b"application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", b"<" + b" " * (3 * 1024 * 1024) + b"/>")
    from replylint.readers.package import Package
    pkg = Package(b.getvalue(), ".odt", SimpleNamespace(max_unpacked_bytes=4 * 1024 * 1024))
    pkg.limit = 1024 * 1024          # as if the declared sizes had lied
    with pytest.raises(ReadError, match="unpacks to more than the limit"):
        pkg.read("content.xml")
