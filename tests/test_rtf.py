r"""The RTF reader: code pages (\ansicpg1251, \ansicpg1258, \fcharset, raw 8-bit bytes), \u escapes
and surrogate pairs, tables, positions, limits; and formats recognised by their bytes."""
import time

import pytest

from replylint.document import ReadError
from replylint.readers import read, sniff
from replylint.readers.rtf import MAX_GROUPS, read_rtf


def rtf(body: str, head: str = r"{\rtf1\ansi\ansicpg1251\deff0{\fonttbl{\f0\froman Times New Roman;}}") -> bytes:
    return (head + body + "}").encode("latin-1")


def hexes(s: str, codec: str) -> str:
    return "".join(f"\\'{b:02x}" for b in s.encode(codec))


def test_cyrillic_code_page_bytes():
    doc = read_rtf("r.rtf", rtf(r"\pard " + hexes("Уважаемый Иван Иванович!", "cp1251") + r"\par "), None)
    assert doc.text == "Уважаемый Иван Иванович!" and doc.encoding == "cp1251"


def test_font_charset_wins_over_the_document_code_page():
    head = r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fnil\fcharset204 Times New Roman;}}"
    assert read_rtf("r.rtf", rtf(r"\f0 " + hexes("Ответ", "cp1251"), head), None).text == "Ответ"


def test_vietnamese_cp1258_combining_tones_are_composed():
    head = r"{\rtf1\ansi\ansicpg1258\deff0{\fonttbl{\f0\froman Times New Roman;}}"
    raw = "Kính gửi: Ông Nguyễn Văn A"
    assert read_rtf("v.rtf", rtf(hexes_1258(raw), head), None).text == raw


def hexes_1258(s: str) -> str:
    """Windows-1258 as Word writes it: a base letter, then its tone mark as a combining byte."""
    import unicodedata
    out = b""
    for c in s:
        try:
            out += c.encode("cp1258")
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", c)
            tones = "".join(m for m in d if m in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(m for m in d if m not in tones))
            out += base.encode("cp1258") + tones.encode("cp1258")
    return "".join(f"\\'{b:02x}" for b in out)


def test_raw_8bit_bytes_are_decoded_with_the_declared_code_page():
    data = b"{\\rtf1\\ansi\\ansicpg1251\\deff0 " + "Спасибо за обращение".encode("cp1251") + b"\\par }"
    assert read_rtf("r.rtf", data, None).text == "Спасибо за обращение"


def test_unicode_escapes_with_fallbacks_and_an_emoji_pair():
    body = r"\uc1\u272?\u7841?i c\u7843?m \u417?n\u272?\u432?ng \u-10179?\u-8694?\par "
    assert read_rtf("u.rtf", rtf(body), None).text == "Đại cảm ơnĐưng 😊"


def test_table_cells_are_paragraphs_left_before_right_and_positions_are_paragraphs():
    body = (r"\trowd\cellx4000\cellx9000 \pard\intbl \u7910?Y BAN\cell \pard\intbl C\u7896?NG H\u210?A"
            r"\cell\row \pard K\u237?nh g\u7917?i\par ")
    doc = read_rtf("t.rtf", rtf(body), None)
    assert doc.text.split("\n") == ["ỦY BAN", "CỘNG HÒA", "Kính gửi"]
    pos = doc.source_map.position(doc.text.index("HÒA"))
    assert (pos.line, pos.column, pos.unit) == (2, 6, "paragraph")


def test_headers_pictures_and_field_instructions_are_not_text():
    body = (r"{\header \pard Колонтитул\par}{\*\fldinst HYPERLINK x}{\pict\pngblip " + "89ab" * 400
            + r"}\pard Текст\par ")
    body = body.replace("Колонтитул", hexes("Колонтитул", "cp1251")).replace("Текст", hexes("Текст", "cp1251"))
    assert read_rtf("h.rtf", rtf(body), None).text == "Текст"


def test_a_million_groups_is_refused_fast():
    data = b"{\\rtf1\\ansi " + b"{" * 1_000_000 + b"x" + b"}" * 1_000_000 + b"}"
    t = time.monotonic()
    with pytest.raises(ReadError, match=f"over the limit of {MAX_GROUPS}"):
        read_rtf("deep.rtf", data, None)
    assert time.monotonic() - t < 2


def test_deep_but_allowed_nesting_reads_within_time():
    data = b"{\\rtf1\\ansi " + b"{" * 100_000 + b"ok" + b"}" * 100_000 + b"}"
    t = time.monotonic()
    assert read_rtf("deep.rtf", data, None).text == "ok"
    assert time.monotonic() - t < 10


def test_not_rtf():
    with pytest.raises(ReadError, match="not an RTF"):
        read_rtf("x.rtf", b"plain", None)


# ------------------------------------------------------------------ detection by content
@pytest.mark.parametrize("data,fmt", [
    (b"%PDF-1.7\n...", "pdf"), (b"\n\n%PDF-1.4", "pdf"), (b"{\\rtf1\\ansi x}", "rtf"),
    (b"\xef\xbb\xbf{\\rtf1 x}", "rtf"), (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 100, "doc"),
    (b"PK\x03\x04 broken", "zip"), ("Уважаемый".encode(), None)])
def test_sniff(data, fmt):
    assert sniff(data) == fmt


def test_rtf_without_extension_as_doc_and_on_stdin(tmp_path):
    data = rtf(r"\pard " + hexes("Ответ на обращение", "cp1251") + r"\par ")
    for name in ("reply", "reply.doc", "reply.txt"):
        (tmp_path / name).write_bytes(data)
        doc = read(str(tmp_path / name))
        assert doc.format == "rtf" and doc.text == "Ответ на обращение"
    assert read("-", stdin=data).format == "rtf"


def test_docx_saved_as_doc_and_on_stdin(tmp_path):
    import io

    import docx
    d = docx.Document()
    d.add_paragraph("Уважаемая Анна Петровна!")
    b = io.BytesIO()
    d.save(b)
    (tmp_path / "saved.doc").write_bytes(b.getvalue())
    assert read(str(tmp_path / "saved.doc")).format == "docx"
    assert read("-", stdin=b.getvalue()).text == "Уважаемая Анна Петровна!"


def test_legacy_doc_and_encrypted_office_files_are_one_line_errors(tmp_path):
    ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 600
    (tmp_path / "old.doc").write_bytes(ole)
    with pytest.raises(ReadError, match=r"save it as \.docx or \.odt"):
        read(str(tmp_path / "old.doc"))
    (tmp_path / "zip.doc").write_bytes(b"PK\x03\x04junk")
    with pytest.raises(ReadError, match="neither a .docx nor an .odt"):
        read(str(tmp_path / "zip.doc"))
