import pytest

from replylint.language import detect, legacy_encoding

from helpers import calls

RU = "Уважаемый Иван Петрович! Сообщаем, что Ваше обращение рассмотрено."
VI = "Kính gửi: Ông Nguyễn Văn An. Ủy ban nhân dân phường xin trả lời như sau."


@pytest.mark.parametrize("text,lang", [
    (RU, "ru"),
    (VI, "vi"),
    ("Cộng hòa xã hội", "vi"),
    # a Russian letter quoting a Vietnamese name stays Russian, and the reverse
    ("Уважаемый господин Nguyễn Văn Thắng! Ваше обращение рассмотрено в установленный срок.", "ru"),
    ("Kính gửi ông Иванов, Ủy ban đã nhận được đơn của ông và xin trả lời như sau.", "vi"),
    ("Dear Sir, your request has been received and processed.", "unknown"),
    # near misses: French and German accents are not Vietnamese
    ("Le café est très bon à Paris, où il a été reçu.", "unknown"),
    ("Müller Straße Größe für über", "unknown"),
    # Unicode text with © ® « » is not legacy Vietnamese
    ("Copyright © 2024 ® «quoted» text × 3 with more english words here", "unknown"),
    ("«Quyết định» số 12 ©2024 Ủy ban nhân dân", "vi"),
    ("", "unknown"),
    ("12345 — 67", "unknown"),
])
def test_detect(text, lang):
    assert detect(text) == lang


def test_tcvn3_mojibake_is_vietnamese():
    text = "Céng hßa x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc"
    assert detect(text) == "vi"
    assert legacy_encoding(text) == "tcvn3"


def test_vni_mojibake_is_vietnamese():
    text = "Tieáng Vieät laø ngoân ngöõ chính thöùc"
    assert detect(text) == "vi"
    assert legacy_encoding(text) == "vni"


def test_unicode_vietnamese_is_not_legacy():
    assert legacy_encoding(VI) is None
    assert legacy_encoding("Café résumé naïve, où été") is None


def test_a_megabyte_costs_no_more_than_a_page():
    big = (VI + "\n") * 14000
    assert len(big) > 1_000_000
    assert detect(big) == "vi"
    # detection reads a bounded sample: 14,000 lines cost about what 500 do
    _, page = calls(detect, (VI + "\n") * 500)
    _, megabyte = calls(detect, big)
    assert megabyte <= 2 * page


def test_legacy_spans_mark_only_legacy_paragraphs():
    from replylint.language import legacy_spans
    good = "Kính gửi: Ông Nguyễn Văn An,\nỦy ban nhân dân phường xin trả lời như sau."
    bad = "Céng hßa x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc"
    text = good + "\n\n" + bad + "\n\n" + good + "\n"
    spans = legacy_spans(text)
    assert spans == [(text.index(bad), text.index(bad) + len(bad))]
    assert legacy_spans(good) == [] and legacy_spans("Copyright © 2024 «x»") == []
    assert legacy_spans("") == []
