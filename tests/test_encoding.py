import pytest

from replylint.document import ReadError
from replylint.encoding import decode, russian_score

SHORT_RU = "Уважаемый Иван Петрович!\nСообщаем, что Ваше обращение рассмотрено."
LONG_RU = (
    "Уважаемая Мария Сергеевна!\n\n"
    "Отдел социальной защиты населения рассмотрел Ваше обращение о назначении ежемесячной "
    "денежной выплаты на ребенка. Сообщаем, что решение о назначении выплаты принято, "
    "первая выплата будет перечислена на Ваш счет в течение пяти рабочих дней.\n\n"
    "С уважением,\nначальник отдела И.И. Иванов\n"
) * 20
ALL_CAPS_RU = "ПРАВИТЕЛЬСТВО МОСКВЫ\nУПРАВА РАЙОНА БИБИРЕВО"
VI = "Kính gửi: Ông Nguyễn Văn An,\nỦy ban nhân dân phường xin trả lời như sau."


@pytest.mark.parametrize("text", [SHORT_RU, LONG_RU, ALL_CAPS_RU])
@pytest.mark.parametrize("codec,bom,expected", [
    ("utf-8", b"", "utf-8"),
    ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"),
    ("utf-16-le", b"\xff\xfe", "utf-16-le"),
    ("utf-16-be", b"\xfe\xff", "utf-16-be"),
    ("cp1251", b"", "cp1251"),
    ("koi8-r", b"", "koi8-r"),
])
def test_russian_round_trips(text, codec, bom, expected):
    out, enc = decode(bom + text.encode(codec))
    assert out == text
    assert enc == expected


def test_cp866_is_recognised():
    assert decode(SHORT_RU.encode("cp866")) == (SHORT_RU, "cp866")


def test_crlf_is_kept():
    text = SHORT_RU.replace("\n", "\r\n")
    assert decode(text.encode("cp1251"))[0] == text
    assert decode(text.encode("utf-8"))[0] == text


def test_vietnamese_utf8():
    assert decode(VI.encode("utf-8")) == (VI, "utf-8")


def test_vietnamese_cp1258_is_normalised():
    import unicodedata
    # Windows-1258 writes ô, ê, ơ, ư precomposed and the tone as a combining mark
    raw = "c\u00f4\u0323ng ho\u0300a, Vi\u00ea\u0323t Nam, \u0111\u01a1n \u01b0u ti\u00ean"
    text, enc = decode(raw.encode("cp1258"))
    assert enc == "cp1258"
    assert text == unicodedata.normalize("NFC", raw) == "cộng hòa, Việt Nam, đơn ưu tiên"


def test_latin1_fallback_keeps_tcvn3_mojibake():
    data = "Céng hßa x· héi chñ nghÜa ViÖt Nam".encode("latin-1")
    text, enc = decode(data)
    assert enc in ("latin-1", "cp1252")
    assert text == "Céng hßa x· héi chñ nghÜa ViÖt Nam"


def test_empty_is_valid():
    assert decode(b"") == ("", "utf-8")


def test_nul_bytes_are_binary():
    with pytest.raises(ReadError, match="binary file"):
        decode(b"abc\x00def")


def test_nul_bytes_with_utf16_bom_are_text():
    assert decode("\ufeffДа".encode("utf-16-le"))[0] == "Да"


def test_invalid_utf16():
    with pytest.raises(ReadError, match="not valid UTF-16"):
        decode(b"\xff\xfe\x00\xd8\x41")  # odd length, lone surrogate


def test_pdf_and_zip_are_binary():
    with pytest.raises(ReadError, match="PDF"):
        decode(b"%PDF-1.7\n...")
    with pytest.raises(ReadError, match="ZIP"):
        decode(b"PK\x03\x04rest")


def test_score_prefers_the_right_code_page():
    right = SHORT_RU.encode("koi8-r").decode("koi8-r")
    wrong = SHORT_RU.encode("koi8-r").decode("cp1251")
    assert russian_score(right) > russian_score(wrong) + 0.5
    assert russian_score("no cyrillic") == float("-inf")
