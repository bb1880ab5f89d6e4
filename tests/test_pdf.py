"""The PDF reader: rows, paragraphs, page/line positions, layout facts, stamps, errors and hostile
inputs (PDFs made here with fpdf2 and a Cyrillic/Vietnamese TrueType font, or written by hand)."""
import os
import time
import zlib
from pathlib import Path
from types import SimpleNamespace

import pytest

from replylint.document import ReadError
from replylint.readers import read
from replylint.readers.pdf import MAX_PAGES, font_family, read_pdf

OPTS = SimpleNamespace(max_bytes=20 * 1024 * 1024, lang="auto", kind="auto")
FONTS = ["/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
         "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"]
FONT = next((f for f in FONTS if os.path.exists(f)), None)


def _need_font():
    if FONT is None:
        if os.environ.get("CI"):
            pytest.fail("no Liberation/DejaVu font: .ci/run installs fonts-liberation2")
        pytest.skip("no TrueType font with Cyrillic and Vietnamese glyphs installed")


def letter_pdf(rows, *, margins=(30, 20, 15), size=14, pages=1, stamp=None, password=None) -> bytes:
    """`rows`: per page, items (x mm or None for the left margin, text) or "" for an empty line;
    long texts are wrapped to the text width (multi_cell) as a word processor prints them."""
    from fpdf import FPDF
    _need_font()
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(margins[0], margins[1], margins[2])
    pdf.set_auto_page_break(False)
    pdf.add_font("Serif", "", FONT)
    line = size * 1.15 * 25.4 / 72
    for page in range(pages):
        pdf.add_page()
        pdf.set_font("Serif", size=size)
        pdf.set_y(margins[1])
        for item in rows[page]:
            if item == "":
                pdf.ln(line)
                continue
            x, text = item
            if isinstance(x, tuple):           # a row of two columns
                y = pdf.get_y()
                pdf.set_xy(margins[0], y)
                pdf.cell(text=x[0])
                pdf.set_xy(x[1], y)
                pdf.cell(text=text)
                pdf.ln(line)
            elif x is None:
                pdf.set_x(margins[0])
                pdf.multi_cell(w=0, h=line, text=text, align="J", new_x="LMARGIN", new_y="NEXT")
            else:
                pdf.set_x(x)
                pdf.cell(text=text)
                pdf.ln(line)
        if stamp and page == pages - 1:
            sx, sy = stamp[0]
            pdf.rect(sx, sy, 70, 26)
            pdf.set_font("Serif", size=8)
            for i, s in enumerate(stamp[1]):
                pdf.set_xy(sx + 2, sy + 2 + i * 4.2)
                pdf.cell(text=s)
    if password:
        pdf.set_encryption(owner_password="owner", user_password=password)
    return bytes(pdf.output())


BODY = ("Управа района Бибирево рассмотрела Ваше обращение о вывозе снега со двора дома и сообщает, "
        "что работы по уборке территории выполнены подрядной организацией в полном объёме в "
        "установленные сроки, а повторная проверка нарушений не выявила.")


def test_rows_paragraphs_and_wrapped_lines():
    data = letter_pdf([[(None, "Уважаемый Иван Иванович!"), "", (None, BODY), "",
                        (None, "С уважением,"), (None, "Глава управы")]])
    doc = read_pdf("reply.pdf", data, OPTS)
    assert doc.text.split("\n") == ["Уважаемый Иван Иванович!", "", BODY, "", "С уважением,",
                                    "Глава управы"]
    assert doc.format == "pdf" and doc.layout["page_count"] == 1


def test_positions_are_page_and_printed_line():
    data = letter_pdf([[(None, "Первая страница.")], [(None, "Уважаемый Иван Иванович!"), "", (None, BODY)]],
                      pages=2)
    doc = read_pdf("reply.pdf", data, OPTS)
    pos = doc.source_map.position(doc.text.index("Уважаемый") + 10)
    assert (pos.page, pos.line, pos.column, pos.unit) == (2, 1, 11, "page")
    # the body wraps: "установленные" is on a later printed line of page 2, at its own column
    i = doc.text.index("сроки")
    pos = doc.source_map.position(i)
    assert pos.page == 2 and pos.line >= 3
    line_start = i - pos.column + 1
    assert doc.source_map.position(line_start).column == 1
    assert doc.source_map.position(doc.text.index("Первая")).page == 1


def test_column_rows_and_right_indent_read_as_in_a_transcription():
    data = letter_pdf([[((("Số: 412/UBND-KT", 120)), "Hòa Cường, ngày 14 tháng 5 năm 2026"),
                        "", (None, "Kính gửi: Ông Trần Văn Lâm."), "", (130, "Nguyễn Văn A")]])
    lines = read_pdf("cv.pdf", data, OPTS).text.split("\n")
    left, _, right = lines[0].partition("   ")
    assert left == "Số: 412/UBND-KT" and right.strip() == "Hòa Cường, ngày 14 tháng 5 năm 2026"
    assert lines[-1].startswith(" " * 12) and lines[-1].strip() == "Nguyễn Văn A"


def test_e_signature_stamp_is_a_block_after_the_signature_not_body():
    stamp = ["ДОКУМЕНТ ПОДПИСАН", "ЭЛЕКТРОННОЙ ПОДПИСЬЮ", "Сертификат: 00C2B1D6A2BDEAA04A",
             "Владелец: Гончаренко Александр Игоревич", "Действителен с 08.08.2025 по 01.11.2026"]
    rows = [(None, "Уважаемый Иван Иванович!"), "", (None, BODY), "",
            (("Начальник отдела", 150), "А.И. Гончаренко"), "", "", "", (None, "Исп. Виссарова К.Р.")]
    data = letter_pdf([rows], stamp=((75, 52), stamp))     # drawn across the signature row
    doc = read_pdf("signed.pdf", data, OPTS)
    text = doc.text
    sig = text.index("Начальник отдела")
    assert "А.И. Гончаренко" in text[sig:text.index("ДОКУМЕНТ")]      # the row is whole
    s, e = doc.layout["stamps"][0]
    assert text[s:e].startswith("ДОКУМЕНТ ПОДПИСАН") and text[s:e].rstrip().endswith("01.11.2026")
    assert text[e:].strip().startswith("Исп.")
    from replylint.structure import segment
    zones = {z.name for z in segment(text, "ru", "letter", {}) if z.start <= s < z.end}
    assert zones == {"signature"}


def test_layout_facts():
    data = letter_pdf([[(None, "Уважаемый Иван Иванович!"), "", (None, BODY)]], margins=(25, 22, 12), size=13)
    lay = read_pdf("reply.pdf", data, OPTS).layout
    assert (lay["page_width"], lay["page_height"], lay["orientation"]) == (210.0, 297.0, "portrait")
    assert lay["left"] == pytest.approx(25, abs=1.2) and lay["right"] >= 11.5   # fpdf2 pads 1 mm
    assert lay["top"] == pytest.approx(22, abs=2) and lay["margins_from_text"] is True
    assert lay["body_font_size"] == 13.0
    assert lay["body_font"] == font_family(Path(FONT).stem) and lay["fonts"][0][1] is True
    assert 0 < lay["pages_exact"] <= 1


@pytest.mark.parametrize("name,family", [("ABCDEF+TimesNewRomanPSMT", "Times New Roman"),
                                         ("TimesNewRomanPS-BoldMT", "Times New Roman"),
                                         ("ArialMT", "Arial"), ("BCDEEE+LiberationSerif", "Liberation Serif"),
                                         ("PTAstraSerif-Regular", "PT Astra Serif"), ("Times-Roman", "Times")])
def test_font_family(name, family):
    assert font_family(name) == family


def test_length_counts_the_printed_pages():
    from replylint.pages import page_count
    doc = read_pdf("long.pdf", letter_pdf([[(None, BODY)]] * 3, pages=3), OPTS)
    assert 2 < page_count(doc) < 3 and doc.metadata["pages_source"] == "exact"


# ------------------------------------------------------------------------------ errors
def raw_pdf(objects: list[bytes], *, broken_xref=False, trailer_extra=b"") -> bytes:
    """A PDF from object bodies (object i+1 = objects[i]); object 1 is the catalog."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % (off + (7 if broken_xref else 0))
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, trailer_extra, xref + (13 if broken_xref else 0))
    return bytes(out)


def stream(data: bytes, flate=False) -> bytes:
    if flate:
        data = zlib.compress(data, 9)
        return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def one_page(content: bytes, flate=False, pages=1) -> bytes:
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(pages))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages)]
    for _ in range(pages):
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                    b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (3 + pages, 4 + pages))
    objs.append(stream(content, flate))
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    return raw_pdf(objs)


def test_scanned_pdf_is_a_one_line_error():
    image = (b"q 595 0 0 842 0 0 cm /Im1 Do Q")
    with pytest.raises(ReadError, match=r"^no text layer: a scanned PDF; OCR is not done$"):
        read_pdf("scan.pdf", one_page(image), OPTS)


def test_encrypted_pdf_is_a_one_line_error():
    data = letter_pdf([[(None, "Секретно")]], password="secret")
    with pytest.raises(ReadError, match=r"^encrypted PDF: it needs a password"):
        read_pdf("locked.pdf", data, OPTS)


def test_not_a_pdf_and_garbage_after_the_header():
    with pytest.raises(ReadError, match="not a PDF"):
        read_pdf("x.pdf", b"hello", OPTS)
    with pytest.raises(ReadError) as e:
        read_pdf("x.pdf", b"%PDF-1.4\n" + os.urandom(5000), OPTS)
    assert "\n" not in str(e.value)


def test_flate_bomb_is_stopped_within_the_inflate_budget():
    bomb = b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n" + b" " * (40 * 1024 * 1024)
    data = one_page(bomb, flate=True)
    assert len(data) < 200_000
    t = time.monotonic()
    with pytest.raises(ReadError, match="inflate to more than the limit"):
        read_pdf("bomb.pdf", data, SimpleNamespace(max_bytes=1 << 20, max_unpacked_bytes=8 << 20))
    assert time.monotonic() - t < 10


def test_too_many_pages_is_refused():
    data = one_page(b"BT /F1 12 Tf 72 720 Td (page) Tj ET", pages=MAX_PAGES + 5)
    with pytest.raises(ReadError, match=f"more than {MAX_PAGES} pages"):
        read_pdf("book.pdf", data, OPTS)


def test_glyph_flood_on_one_page_is_refused():
    data = one_page(b"BT /F1 1 Tf 0 0 Td (" + b"x" * 100_000 + b") Tj ET", flate=True)
    with pytest.raises(ReadError, match="glyphs"):
        read_pdf("flood.pdf", data, OPTS)


def test_deeply_nested_objects_give_one_line_within_time():
    nested = b"[" * 200_000 + b"]" * 200_000
    data = raw_pdf([b"<< /Type /Catalog /Pages 2 0 R /Deep %s >>" % nested,
                    b"<< /Type /Pages /Kids [] /Count 0 >>"])
    t = time.monotonic()
    with pytest.raises(ReadError, match="^PDF without pages$"):
        read_pdf("deep.pdf", data, OPTS)
    assert time.monotonic() - t < 20


def test_broken_xref_is_recovered_or_one_line():
    data = one_page(b"BT /F1 12 Tf 72 720 Td (Uvazhaemyi) Tj ET")
    broken = data.replace(b"startxref\n", b"startxref\n9")
    doc = read_pdf("broken.pdf", broken, OPTS)        # pdfminer rebuilds the table by scanning
    assert doc.text == "Uvazhaemyi"
    with pytest.raises(ReadError) as e:
        read_pdf("cut.pdf", data[: len(data) // 3], OPTS)
    assert "\n" not in str(e.value)


def test_a_pdf_without_extension_and_on_stdin_is_read_by_content(tmp_path):
    data = letter_pdf([[(None, "Уважаемый Иван Иванович!")]])
    (tmp_path / "reply").write_bytes(data)
    assert read(str(tmp_path / "reply")).format == "pdf"
    assert read("-", stdin=data).text == "Уважаемый Иван Иванович!"


def test_ocr_layer_with_one_byte_tounicode_targets_keeps_digits_and_punctuation():
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange\n"
            b"<00> <ff>\nendcodespacerange\n1 beginbfrange\n<00> <7f> <00>\nendbfrange\nendcmap\n"
            b"CMapName currentdict /CMap defineresource pop end end")
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            stream(b"BT 3 Tr /F1 12 Tf 72 720 Td (Tel. 8 \\(495\\) 361-79-40) Tj ET"),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R /FirstChar 0 "
            b"/LastChar 127 /Widths [%s] >>" % b" ".join([b"500"] * 128),
            stream(cmap)]
    text = read_pdf("ocr.pdf", raw_pdf(objs), OPTS).text
    assert "".join(text.split()) == "Tel.8(495)361-79-40"   # (spacing of this bare test font aside)
