"""Letter zone segmenter: real Moscow replies, labelled ru/vi letters and e-mails, edge cases."""
from __future__ import annotations

import email
import re
from email import policy
from pathlib import Path

import pytest

from replylint.document import ZONES, Zone
from replylint.structure import segment

from helpers import assert_linear

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
REAL = CORPUS / "real-ru"
LABELED = CORPUS / "labeled"


def _files(folder: Path, pattern: str) -> list[Path]:
    return sorted(folder.glob(pattern)) if folder.is_dir() else []


def _ids(paths):
    return [p.name for p in paths]


def zone_texts(text: str, zones: list[Zone], name: str) -> list[str]:
    return [text[z.start:z.end] for z in zones if z.name == name]


def check_invariants(text: str, zones: list[Zone]) -> None:
    last = 0
    for z in zones:
        assert z.name in ZONES
        assert 0 <= z.start < z.end <= len(text)
        assert z.start >= last, "zones overlap or are unsorted"
        last = z.end


def load(path: Path) -> tuple[str, str]:
    """(body text, kind); .eml headers are split off with the stdlib e-mail package."""
    if path.suffix == ".eml":
        msg = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        part = msg.get_body(preferencelist=("plain",))
        return part.get_content(), "email"
    return path.read_text(encoding="utf-8"), "letter"


# ------------------------------------------------------------------ real Moscow replies

REAL_FILES = _files(REAL, "*.reply.md")
# The signer's initials line of each reply (None: the transcription has no signature).
SIGNERS = {
    "svao-pedestrian-crossings-dezhnyova": "Б.В. Андреев",
    "svao-pedestrian-crossings-kolskaya-8": "А.Ю. Короленко",
    "svao-pedestrian-crossings-vereskovaya": "Б.В. Андреев",
    "svao-pedestrian-crossings-zapovednaya-attempt-1": "С.В. Галынин",
    "svao-pedestrian-crossings-zapovednaya-attempt-3": "А.Ю. Короленко",
    "svao-pedestrian-crossings-zapovednaya-attempt-4": "А.Ю. Короленко",
    "svao-pedestrian-crossings-zapovednaya-roundabout-2": "А.Ю. Короленко",
    "svao-pedestrian-crossings-zapovednaya-to-uprava": "А.А. Пантелеймонов",
    "svao-public-transport-bus-380-attempt-1": "Р.М. Латыпов",
    "svao-public-transport-bus-380-attempt-2": "Р.М. Латыпов",
    "svao-public-transport-medvedkovo-bibirevo-overpass-attempt-1": None,
    "svao-public-transport-medvedkovo-bibirevo-overpass-attempt-2": "Р.М. Латыпов",
    "svao-road-curators-medvedkovo-babushkinsky-sviblovo": "С.В. Галынин",
    "zao-cycle-parkings-metro-troparyovo-exit-2": "А.И. Гончаренко",
    "zao-cycle-parkings-sm-clinic-anokhina-8k1-entrance-attempt-1": "А.И. Гончаренко",
    "zao-cycling-anokhina-cycle-crossing-to-metro": "Ф.А. Алексеенков",
    "zao-cycling-zhivopisny-bridge-cycle-lane": "Ф.А. Алексеенков",
    "zao-cycling-zhivopisny-bridge-cycle-road": None,
    "zao-public-transport-anokhina-bus-to-depot-attempt-1": "Р.М. Латыпов",
    "zao-public-transport-anokhina-bus-to-depot-attempt-2": "Р.М. Латыпов",
    "zao-public-transport-anokhina-bus-to-metro-troparyovo-attempt-2-deptrans": "Р.М. Латыпов",
    "zao-public-transport-anokhina-bus-to-metro-troparyovo-attempt-2-mka": "С.В. Костин",
    "zao-public-transport-bus-688-krylatskoye-2026-05-14": "Д.В. Матюхин",
    "zao-public-transport-bus-688-krylatskoye-2026-06-07": "Р.М. Латыпов",
    "zao-traffic-safety-karamyshevskaya-dtp-2025-06": "Р.М. Латыпов",
    "zao-traffic-safety-zhivopisny-bridge-barrier-edges": "А.В. Мельков",
}
# Transcriptions that kept only body paragraphs (no letterhead, addressee or signature).
BODY_ONLY = {"svao-public-transport-medvedkovo-bibirevo-overpass-attempt-1"}
STAMP = re.compile(r"подписан\s+электронной|ПОДПИСАН|Сертификат|Владелец|СВЕДЕНИЯ О СЕРТИФИКАТЕ", re.I)


@pytest.mark.skipif(not REAL_FILES, reason=f"real-ru corpus not found at {REAL}")
@pytest.mark.parametrize("path", REAL_FILES, ids=_ids(REAL_FILES))
def test_real_reply(path: Path):
    text = path.read_text(encoding="utf-8")
    stem = path.name[: -len(".reply.md")]
    zones = segment(text, "ru", "letter")
    check_invariants(text, zones)
    names = {z.name for z in zones}
    bodies = zone_texts(text, zones, "body")
    assert bodies
    for b in bodies:
        assert "С уважением" not in b
        assert not STAMP.search(b), b[-200:]
        # a body ends with a sentence: no position line of the signature leaked into it
        assert b.rstrip()[-1] in ".!?)»", b[-200:]
    if stem in BODY_ONLY:
        assert [z.name for z in zones] == ["body"]
        return
    assert {"header", "addressee", "body"} <= names
    dative = next(l.strip() for l in text.splitlines() if "Сидорчику" in l)
    assert any(dative in a for a in zone_texts(text, zones, "addressee"))
    if "Уважаем" in text:
        sal = zone_texts(text, zones, "salutation")
        assert len(sal) == 1 and "Уважаем" in sal[0]
    assert any("№" in h or "ОГРН" in h or "Правительство" in h.title() for h in zone_texts(text, zones, "header"))
    signer = SIGNERS[stem]
    if signer is None:
        assert "signature" not in names
        return
    sig = zone_texts(text, zones, "signature")
    assert sig and any(signer in s for s in sig), sig
    # the trailing executor / contact-centre block is never body or signature name
    last = text.strip().splitlines()[-1].strip()
    assert not any(last in b for b in bodies)


# ------------------------------------------------------------------ labelled letters and e-mails

H, A, SU, SA, B, C, SI, E, R, AT = ("header", "addressee", "subject", "salutation", "body", "closing",
                                    "signature", "executor", "recipients", "attachments")
# file -> (zones expected to exist (exactly), a text the signature must contain or None)
LABELED_EXPECT = {
    "ru/001-czn-cheboksary-razmer-posobiya.txt": ({H, A, SU, SA, B, C, SI, E}, "А.В. Николаев"),
    "ru/002-mfc-kazan-vydacha-dokumentov.eml": ({SA, B, C, SI}, "Р.Ф. Хабибуллина"),
    "ru/003-uprava-bibirevo-uborka-snega.md": ({H, A, SU, SA, B, SI, E}, "Д.А. Соловьёв"),
    "ru/004-uszn-dzerzhinsk-kollektivnoe-pandus.txt": ({H, A, SU, SA, B, SI, E}, "И.Н. Кудряшова"),
    "ru/005-osfr-chuvashia-otkaz-edinoe-posobie.txt": ({H, A, SA, B, SI, E}, "О.В. Михайлова"),
    "ru/006-czn-kstovo-obuchenie-tretye-litso.txt": ({H, A, SA, B, SI, E}, "С.Н. Лебедев"),
    "ru/007-mfc-tver-lichnaya-pochta.eml": ({SA, B, C, SI}, "Е.К. Иванова"),
    "ru/008-kirov-zhilye-otkaz-bez-osnovaniya.txt": ({H, A, SA, B, SI, E}, "Е.Ю. Зыкова"),
    "ru/009-uszn-chelyabinsk-bez-izvineniy.txt": ({H, A, SA, B, SI, E}, "Л.В. Кравец"),
    "ru/010-czn-kazan-vecher-bez-temy.eml": ({SA, B, C, SI}, "А.Р. Сабирова"),
    "ru/011-osfr-tver-pereraschet-pensii-dlinnoe.txt": ({H, A, SU, SA, B, SI, E}, "Т.Г. Крылова"),
    "ru/012-ufa-sovetsky-gazon-grubost.txt": ({H, A, SA, B, SI, E}, "Р.Р. Шайхутдинов"),
    "ru/013-czn-moskva-vozrast-bez-obrashcheniya.txt": ({H, A, SU, B, SI, E}, "М.К. Рябинина"),
    "ru/014-mfc-nn-pasport-shablon.md": ({H, A, SU, SA, B, SI, E}, "Н.В. Гусева"),
    "ru/015-usp-kamensk-capslock-bez-podpisi.txt": ({H, A, SA, B, C, E}, None),
    "ru/016-gzhi-tver-otoplenie-zayavitel.txt": ({H, A, SA, B, SI, E}, "В.А. Орлов"),
    "vi/001-ubnd-phuong-hoa-cuong-lan-chiem-via-he.txt": ({H, SU, A, B, R, SI}, "Ngô Thị Bích Vân"),
    "vi/002-ttpvhcc-lam-dong-ly-lich-tu-phap.eml": ({A, B, C, SI}, "Nguyễn Hoàng Phúc"),
    "vi/003-cn-vpdkdd-ninh-kieu-tra-loi-the-chap.txt": ({A, B, C, SI}, "Lâm Quốc Bảo"),
    "vi/004-ubnd-xa-muong-bu-ho-tro-nha-o.txt": ({H, SU, A, B, R, SI}, "Cầm Văn Thiết"),
    "vi/005-so-noi-vu-nghe-an-che-do-nguoi-co-cong.txt": ({H, SU, A, B, SI}, "Trần Đình Khánh"),
    "vi/006-ubnd-phuong-nha-trang-khai-sinh-gmail.eml": ({A, B, C, SI}, "Võ Thị Ngọc Hà"),
    "vi/007-bhxh-le-chan-luong-huu-khong-tieu-de.eml": ({A, B, C, SI}, "Đoàn Thị Thu Hương"),
    "vi/008-ubnd-phuong-phan-dinh-phung-muong-thoat-nuoc.txt": ({H, SU, A, B, R, SI}, "Dương Văn Cường"),
    "vi/009-ttpvhcc-xa-my-hoa-hung-ho-kinh-doanh.txt": ({A, B, C, SI}, "Nguyễn Thanh Sang"),
    "vi/010-ubnd-phuong-hong-gai-den-chieu-sang.txt": ({SU, B, C}, None),
    "vi/011-ubnd-phuong-pho-hien-don-tap-the-cong-trinh.txt": ({H, SU, A, B, R, SI}, "Nguyễn Quang Huy"),
    "vi/012-ubnd-xa-hoang-loc-hoa-giai-tranh-chap.txt": ({H, SU, A, B, R, SI}, "Lê Đình Toàn"),
    "vi/013-so-y-te-tay-ninh-giay-phep-hanh-nghe.txt": ({H, A, B, R, SI}, "Huỳnh Thanh Phong"),
    "vi/014-ubnd-phuong-thuan-hoa-rac-thai-kiet.txt": ({A, B, C, SI}, "Hồ Văn Minh"),
    "vi/015-thue-co-so-4-vinh-long-tien-su-dung-dat.txt": ({H, SU, A, B, R, SI}, "Dương Minh Triết"),
    "vi/016-bhxh-co-so-viet-tri-chot-so-thoi-viec.txt": ({H, SU, A, B, R, SI}, "Trịnh Quang Vinh"),
}
POSITION_START = re.compile(r"(Начальник|Заместитель|Директор|Глава|Руководитель|Первый|TM\.|KT\.|TL\.|GIÁM ĐỐC"
                            r"|CHỦ TỊCH|PHÓ|Chuyên viên|Công chức)")
LABELED_FILES = [p for lang in ("ru", "vi") for p in _files(LABELED / lang, "*")
                 if not p.name.endswith(".yaml")]


@pytest.mark.skipif(not LABELED_FILES, reason=f"labelled corpus not found at {LABELED}")
@pytest.mark.parametrize("path", LABELED_FILES, ids=_ids(LABELED_FILES))
def test_labeled(path: Path):
    key = f"{path.parent.name}/{path.name}"
    assert key in LABELED_EXPECT, f"new corpus file {key}: add its expected zones to the table"
    expected, signer = LABELED_EXPECT[key]
    text, kind = load(path)
    zones = segment(text, path.parent.name, kind)
    check_invariants(text, zones)
    assert {z.name for z in zones} == expected
    # with lang unknown or wrong the same zones are found (the detector may fail on short texts)
    for other in ("unknown", "vi" if path.parent.name == "ru" else "ru"):
        assert segment(text, other, kind) == zones
    if signer:
        assert any(signer in s for s in zone_texts(text, zones, "signature"))
    for b in zone_texts(text, zones, "body"):
        assert not re.search(r"^\s*(С уважением|Trân trọng|Nơi nhận|Исп\.)", b, re.M), b[-200:]
        last = b.rstrip().splitlines()[-1].strip()
        assert not POSITION_START.match(last), last
    for c in zone_texts(text, zones, "closing"):
        assert c.startswith(("С уважением", "Trân trọng"))
    if A in expected:
        adr = zone_texts(text, zones, "addressee")[0]
        assert adr.startswith("Kính gửi") or re.search(r"[А-ЯЁ][а-яё]+(ой|у|ям|ю)\b", adr)
    if R in expected:
        rec = zone_texts(text, zones, "recipients")
        assert rec[0].startswith("Nơi nhận") and "Lưu" in rec[-1]


# ------------------------------------------------------------------ edge cases

def names(text, lang="ru", kind="letter"):
    zones = segment(text, lang, kind)
    check_invariants(text, zones)
    return [z.name for z in zones], zones


def test_empty_and_whitespace():
    assert segment("", "ru", "letter") == []
    assert segment("  \n\n\t \r\n", "vi", "email") == []
    assert segment(None, "ru", "letter") == []  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["ru", "vi", "unknown"])
def test_one_line_snippet_is_one_body_zone(lang):
    text = "  Ваше обращение рассмотрено, меры приняты.\n"
    zones = segment(text, lang, "letter")
    assert zones == [Zone("body", 2, len(text.rstrip()))]


def test_one_paragraph_is_one_body_zone():
    text = ("Администрация района рассмотрела обращение о ремонте дороги.\n"
            "Работы включены в план на 2026 год. Срок выполнения – до 1 сентября.\n")
    assert names(text)[0] == ["body"]


@pytest.mark.parametrize("seed", range(5))
def test_garbage_bytes_never_raise(seed):
    rnd = __import__("random").Random(seed)
    raw = bytes(rnd.randrange(256) for _ in range(5000))
    for text in (raw.decode("latin-1"), raw.decode("utf-8", "replace"), raw.decode("cp1251", "replace")):
        for lang in ("ru", "vi", "unknown"):
            for kind in ("letter", "email"):
                zones = segment(text, lang, kind)
                check_invariants(text, zones)


def test_large_input_is_linear():
    para = ("Сообщаем, что Ваше обращение рассмотрено и будет учтено при планировании работ. " * 12 + "\n\n")
    text = para * 1100  # ~1 MB
    zones = segment(text, "ru", "letter")
    assert [z.name for z in zones] == ["body"]
    one_line = "а" * 1_000_000
    assert segment(one_line, "unknown", "letter") == [Zone("body", 0, len(one_line))]
    names = "Иванову И.И.\nС уважением,\nTM. ỦY BAN\nNơi nhận:   KT. CHỦ TỊCH\n"
    names_only = names * 20000
    check_invariants(names_only, segment(names_only, "unknown", "email"))
    # the work (function calls) grows with the input, not with its square
    assert_linear(lambda t: segment(t, "ru", "letter"), lambda n: para * n, 25)
    assert_linear(lambda t: segment(t, "unknown", "email"), lambda n: names * n, 100)


def test_the_linearity_check_sees_quadratic_work():
    def quadratic(items):
        return [sum(1 for _ in items) for _ in items]
    with pytest.raises(AssertionError, match="not linear"):
        assert_linear(quadratic, lambda n: list(range(n)), 50)


LETTER_NO_SALUTATION = """Администрация города Энска
тел. 8 (800) 100-00-00

01.02.2026 № 12/3

Иванову И.И.
ул. Ленина, д. 1, кв. 2

О ремонте кровли

Сообщаем, что Ваше обращение рассмотрено. Ремонт кровли включён в план на 2026 год.

Глава администрации
города Энска
И.И. Петров
"""


def test_letter_without_salutation():
    seq, zones = names(LETTER_NO_SALUTATION)
    assert seq == ["header", "addressee", "subject", "body", "signature"]
    text = LETTER_NO_SALUTATION
    assert zone_texts(text, zones, "addressee")[0].startswith("Иванову И.И.")
    assert zone_texts(text, zones, "body")[0].startswith("Сообщаем")
    assert zone_texts(text, zones, "signature")[0] == "Глава администрации\nгорода Энска\nИ.И. Петров"


def test_signature_split_over_lines_and_stamp():
    text = """Уважаемый Илья Александрович!
Департаментом рассмотрено Ваше обращение по вопросу замены
подвижного состава на маршруте Nº 380.
Первый заместитель руководителя
Департамента - руководитель
контрактной службы
Р.М. Латыпов
Сертификат: 00AECE42A87D7B8726BE847CC34D9A8F17
СВЕДЕНИЯ О СЕРТИФИКАТЕ ЭП
Владелец: Латыпов Роман Маратович
Действителен с 28-01-2025 до 23-04-2026

Справочная служба: тел. 8 (495) 539-54-54
"""
    seq, zones = names(text)
    assert seq == ["salutation", "body", "signature", "executor"]
    sig = zone_texts(text, zones, "signature")[0]
    assert sig.startswith("Первый заместитель") and sig.endswith("23-04-2026")
    assert zone_texts(text, zones, "executor")[0].startswith("Справочная служба")


def test_position_and_name_on_one_line_closing_without_comma():
    text = ("Уважаемый Никита Олегович!\n\nПособие назначено Вам в максимальном размере.\n\n"
            "С уважением\nНачальник отдела\n"
            "по городу Чебоксары                                   А.В. Николаев\n\n"
            "Исп. Петрова М.А.\nтел. 8 (8352) 62-17-41\n")
    seq, zones = names(text)
    assert seq == ["salutation", "body", "closing", "signature", "executor"]
    assert zone_texts(text, zones, "closing") == ["С уважением"]
    assert zone_texts(text, zones, "signature")[0].endswith("А.В. Николаев")


def test_closing_and_name_on_one_line():
    text = "Уважаемая Анна Сергеевна!\n\nВаше обращение рассмотрено.\n\nС уважением, А.В. Николаев\n"
    seq, zones = names(text)
    assert seq == ["salutation", "body", "closing", "signature"]
    assert zone_texts(text, zones, "signature") == ["А.В. Николаев"]


def test_no_signature_is_not_invented():
    text = ("Уважаемая Анна Сергеевна!\n\nВаше обращение рассмотрено. Меры приняты.\n\n"
            "Администрация района\n\nПетров А.А.\n8 (499) 123-45-67\n")
    seq, zones = names(text)
    assert "signature" not in seq
    assert zone_texts(text, zones, "executor") == ["Петров А.А.\n8 (499) 123-45-67"]


def test_markdown_letter():
    text = ("# 24.04.2026 № 01-05-7892/26\n\n**ПРАВИТЕЛЬСТВО МОСКВЫ**\n\nСидорчику И.А.  \ncitizen@example.org\n\n"
            "## О рассмотрении обращения\n\nУважаемый Илья Александрович!\n\nСообщаем, что работы выполнены.\n\n"
            "С уважением,  \n**Б.В. Андреев**\n")
    seq, _ = names(text)
    assert seq == ["header", "addressee", "subject", "salutation", "body", "closing", "signature"]


VI_TWO_COLUMN = """ỦY BAN NHÂN DÂN                         CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
PHƯỜNG HÒA CƯỜNG                               Độc lập - Tự do - Hạnh phúc

Số: 412/UBND-KT                          Hòa Cường, ngày 14 tháng 5 năm 2026
V/v trả lời phản ánh của ông Trần Văn Lâm
về tình trạng lấn chiếm vỉa hè

Kính gửi: Ông Trần Văn Lâm, tổ dân phố 27, phường Hòa Cường.

Ủy ban nhân dân phường Hòa Cường nhận được đơn của Ông và trả lời như sau.

Nơi nhận:                                        TM. ỦY BAN NHÂN DÂN
- Như trên;                                      KT. CHỦ TỊCH
- Lưu: VT, KT.                                   PHÓ CHỦ TỊCH

                                                 Ngô Thị Bích Vân
"""


def test_vietnamese_two_column_header_and_recipients_beside_signature():
    text = VI_TWO_COLUMN
    for lang in ("vi", "unknown"):
        seq, zones = names(text, lang)
        header = "\n".join(zone_texts(text, zones, "header"))
        assert "CỘNG HÒA" in header and "Số: 412/UBND-KT" in header and "Độc lập" in header
        assert zone_texts(text, zones, "subject")[0].endswith("về tình trạng lấn chiếm vỉa hè")
        assert zone_texts(text, zones, "addressee")[0].startswith("Kính gửi")
        rec = zone_texts(text, zones, "recipients")
        assert rec[0] == "Nơi nhận:" and "- Lưu: VT, KT." in rec
        sig = " ".join(zone_texts(text, zones, "signature"))
        assert "TM. ỦY BAN NHÂN DÂN" in sig and "PHÓ CHỦ TỊCH" in sig and "Ngô Thị Bích Vân" in sig
        assert not any("CHỦ TỊCH" in r for r in rec)


def test_vietnamese_email_salutation_and_closing():
    text = ("Kính chào Ông/Bà,\n\nTrung tâm đã nhận được hồ sơ của Ông/Bà. Hồ sơ đang được xử lý.\n\n"
            "Trân trọng cảm ơn\n\nNguyễn Văn An\nChuyên viên Bộ phận một cửa\nĐiện thoại: 0263 3545 212\n")
    seq, zones = names(text, "vi", "email")
    assert seq == ["salutation", "body", "closing", "signature"]
    assert zone_texts(text, zones, "signature")[0].endswith("0263 3545 212")


def test_closing_phrase_inside_prose_is_body():
    text = ("Kính gửi: Bà Lê Thị Sen.\n\nỦy ban nhân dân xã trân trọng cảm ơn Bà đã quan tâm phản ánh "
            "và mong tiếp tục nhận được ý kiến.\n")
    seq, _ = names(text, "vi")
    assert seq == ["addressee", "body"]


def test_email_quoted_history_is_not_part_of_the_reply():
    text = ("Здравствуйте, Анна!\n\nВаше обращение рассмотрено.\n\nС уважением,\nИванова Мария Петровна\n"
            "ведущий специалист\n\n-----Original Message-----\nУважаемые господа! Прошу помочь.\n")
    seq, zones = names(text, "ru", "email")
    assert seq == ["salutation", "body", "closing", "signature"]
    assert zones[-1].end < text.index("Original")
    quoted = text.split("-----")[0] + "> Уважаемые господа! Прошу помочь.\n> Анна\n"
    seq, zones = names(quoted, "ru", "email")
    assert seq == ["salutation", "body", "closing", "signature"]
    assert zones[-1].end < quoted.index(">")


def test_attachments_and_contact_centre():
    text = ("Уважаемый Илья Александрович!\n\nСообщаем, что работы выполнены.\n\n"
            "Приложение: на 1 л. в 1 экз.\n\nНачальник отдела\nА.И. Гончаренко\n\n"
            "Контакт-центр «Московский транспорт»\n(495) 539-54-54\n")
    seq, zones = names(text)
    assert seq == ["salutation", "body", "attachments", "signature", "executor"]


def test_signature_mark_between_position_and_name():
    text = ("Kính gửi: Ông Trần Văn A.\n\nỦy ban nhân dân xã trả lời đơn của Ông như sau.\n\n"
            "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n(Đã ký)\n\nTrần Văn Bình\n")
    seq, zones = names(text, "vi")
    assert seq == ["addressee", "body", "signature"]
    assert zone_texts(text, zones, "signature")[0].startswith("TM. ỦY BAN NHÂN DÂN")


def test_signer_in_capitals_with_ocr_initials_and_footer_note():
    text = ("Уважаемый Иван Иванович!\n\nВаше обращение рассмотрено.\n\nНАЧАЛЬНИК УПРАВЛЕНИЯ\nA.B. НИКОЛАЕВ\n\n"
            "Это письмо сформировано автоматически. Отвечать на него не нужно.\n")
    seq, zones = names(text)
    assert seq[:3] == ["salutation", "body", "signature"]
    assert zone_texts(text, zones, "signature") == ["НАЧАЛЬНИК УПРАВЛЕНИЯ\nA.B. НИКОЛАЕВ"]
    assert "автоматически" not in zone_texts(text, zones, "body")[0]


def test_email_name_without_initials_after_closing_and_cr_line_ends():
    text = "Уважаемый Иван Иванович!\r\rВаше обращение рассмотрено.\r\rС уважением,\rМария Иванова\rспециалист\r"
    seq, zones = names(text, "ru", "email")
    assert seq == ["salutation", "body", "closing", "signature"]
    crlf = text.replace("\r", "\r\n")
    assert names(crlf, "ru", "email")[0] == seq


def test_email_signature_delimiter():
    text = "Здравствуйте, Анна!\n\nВаше обращение рассмотрено.\n\n-- \nМария Иванова\n8 (495) 123-45-67\n"
    seq, zones = names(text, "ru", "email")
    assert seq == ["salutation", "body", "signature"]
    office = text.replace("Мария Иванова", "Отдел по работе с обращениями")
    assert "signature" not in names(office, "ru", "email")[0]


def test_hyphenated_addressee_and_plural_addressee():
    text = "Смирновой-Ковалёвой А.-М. П.\n\nУважаемая Анна-Мария Петровна!\n\nОтдел рассмотрел Ваше обращение.\n"
    assert names(text)[0] == ["addressee", "salutation", "body"]
    text = ("Руководителям управлений социальной защиты населения\n\nУважаемые коллеги!\n\n"
            "Направляем методические рекомендации.\n\nМинистр\nА.А. Петров\n")
    assert names(text)[0] == ["addressee", "salutation", "body", "signature"]


def _reformat(text: str, how: str) -> str:
    if how == "no-blank-lines":  # PDF text pasted without paragraph breaks
        return "\n".join(l for l in text.split("\n") if l.strip())
    if how == "crlf":
        return text.replace("\n", "\r\n")
    if how == "indented":
        return "\n".join("    " + l if l.strip() else l for l in text.split("\n"))
    if how == "double-blank-lines":
        return text.replace("\n\n", "\n\n\n")
    if how == "trailing-spaces":
        return text.replace("\n", "   \n")
    if how == "nbsp":
        return text.replace(" ", "\u00a0")
    raise ValueError(how)


REFORMATS = ["no-blank-lines", "crlf", "indented", "double-blank-lines", "trailing-spaces", "nbsp"]
LETTER_FILES = REAL_FILES + [p for p in LABELED_FILES if p.suffix != ".eml"]


@pytest.mark.skipif(not LETTER_FILES, reason="corpus not found")
@pytest.mark.parametrize("how", REFORMATS)
def test_reformatted_letters_keep_their_zones(how):
    for path in LETTER_FILES:
        text = path.read_text(encoding="utf-8")
        lang = "vi" if path.parent.name == "vi" else "ru"
        base = {z.name for z in segment(text, lang, "letter")}
        changed = _reformat(text, how)
        zones = segment(changed, lang, "letter")
        check_invariants(changed, zones)
        assert {z.name for z in zones} == base, path.name


def test_vietnamese_recipients_label_alone_then_two_columns():
    text = ("Kính gửi: Ông A.\n\nỦy ban nhân dân phường nhận được đơn của Ông và trả lời như sau.\n\n"
            "Nơi nhận:\n"
            "- Như trên;                                  TM. ỦY BAN NHÂN DÂN\n"
            "- Lưu: VT, KT.                               CHỦ TỊCH\n\n"
            "                                             Ngô Thị Bích Vân\n")
    seq, zones = names(text, "vi")
    rec = zone_texts(text, zones, "recipients")
    sig = zone_texts(text, zones, "signature")
    assert rec[0].startswith("Nơi nhận:") and rec[-1] == "- Lưu: VT, KT."
    assert sig[0] == "TM. ỦY BAN NHÂN DÂN" and sig[-1].endswith("Ngô Thị Bích Vân")
    assert "body" not in seq[seq.index("recipients"):]


@pytest.mark.parametrize("other", ["А.А. Петровой", "Соколов А.А.", "А.А. Соколов"])
def test_name_in_hard_wrapped_last_paragraph_is_body(other):
    text = ("Уважаемый Иван Иванович!\nВаше обращение рассмотрено. По вопросам оформления\n"
            f"документов Вы можете обратиться к специалисту\n{other}\nНачальник отдела\nИ.И. Иванов\n")
    seq, zones = names(text)
    assert seq == ["salutation", "body", "signature"]
    assert zone_texts(text, zones, "signature") == ["Начальник отдела\nИ.И. Иванов"]


@pytest.mark.parametrize("quoted", [
    '14.04.2026, 09:41, "Сергей Волков" <s.volkov.tver@yandex.ru>:\n> Добрый день.\n> С уважением, Сергей Волков\n',
    "От: Сергей Волков <s.volkov.tver@yandex.ru>\nОтправлено: 14 апреля 2026 г. 9:41\nКому: ifns@nalog.ru\n"
    "Тема: Земельный налог\n\nДобрый день. Прошу уточнить срок.\nСергей Волков\nтел. 8 (917) 654-32-10\n",
])
def test_quoted_history_without_a_verb_is_cut(quoted):
    text = ("Уважаемый Сергей Викторович!\n\nУведомление будет пересчитано до 15.05.2026.\n\nС уважением,\n"
            "старший государственный налоговый инспектор\nЕ.Н. Кузнецова\n\n" + quoted)
    zones = segment(text, "ru", "email")
    check_invariants(text, zones)
    cut = text.index(quoted)
    assert all(z.end <= cut + 1 for z in zones), [(z.name, text[z.start:z.end]) for z in zones]
    assert any("Кузнецова" in t for t in zone_texts(text, zones, "signature"))
