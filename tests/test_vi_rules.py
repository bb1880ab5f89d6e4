"""The vi pack beyond its YAML examples: document kind, legacy passages, the labelled corpus,
seed 002 (a real administrative document: no false error) and robustness on odd input."""
from pathlib import Path

import pytest

from replylint.language import legacy_passages as passages, legacy_to_unicode as to_unicode
from replylint.linter import document_from_text, lint, prepare
from replylint.packs import builtin_rules_dir, load_pack
from replylint.rules_py.vi.abbreviation import is_syllable
from replylint.rules_py.vi.deadline import parse_date
from replylint.structure import vi_kind

VI = load_pack(builtin_rules_dir() / "vi")
SHARED = Path(__file__).resolve().parents[2] / "shared"


def _doc(text, kind="letter", metadata=None):
    d = document_from_text(text, lang="vi", kind=kind, metadata=metadata)
    prepare(d)
    return d


def _ids(text, kind="letter", metadata=None):
    return {x.rule for x in lint(_doc(text, kind, metadata), VI)}


CONG_VAN = """ỦY BAN NHÂN DÂN                         CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
PHƯỜNG HÒA CƯỜNG                               Độc lập - Tự do - Hạnh phúc

Số: 412/UBND-KT                          Hòa Cường, ngày 14 tháng 5 năm 2026
V/v trả lời phản ánh

Kính gửi: Ông Trần Văn Lâm.

Ủy ban nhân dân phường trả lời Ông như sau.

Nơi nhận:
- Như trên;
- Lưu: VT, KT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Ngô Thị Bích Vân
"""


@pytest.mark.parametrize("text,kind,expected", [
    (CONG_VAN, "letter", "congvan"),
    ("Kính gửi: Bà Loan\n\nHồ sơ của Bà đã giải quyết xong.\n\nTrân trọng./.\n", "letter", "reply"),
    ("Kính gửi: Bà Loan,\n\nHồ sơ của Bà đã giải quyết xong.\n", "email", "email"),
    ("KẾ HOẠCH\n\nTuyên truyền về văn hóa công vụ.\n\nNơi nhận:\n- Lưu: VP.\n", "letter", "vanban"),
])
def test_kind(text, kind, expected):
    assert vi_kind.detect(_doc(text, kind)) == expected


def test_kind_override_and_message():
    d = _doc("Kính gửi: Bà Loan\n\nHồ sơ của Bà đã giải quyết xong.\n", metadata={"vi_kind": "congvan"})
    assert vi_kind.detect(d) == "congvan"
    msgs = [x.message for x in lint(d, VI) if x.rule == "vi.national-title"]
    assert msgs and "(văn bản được xác định là công văn)" in msgs[0]


def test_clean_cong_van_is_quiet():
    assert not _ids(CONG_VAN)


def test_two_column_header_variants():
    text = CONG_VAN.replace("CỘNG HÒA", "CỘNG HOÀ")
    assert not _ids(text)
    assert "vi.national-title" in _ids(CONG_VAN.replace("Độc lập - Tự do", "Độc Lập - Tự Do"))
    assert "vi.number-symbol" in _ids(CONG_VAN.replace("412/UBND-KT", "7/UBND-KT"))
    assert "vi.date-line" in _ids(CONG_VAN.replace("ngày 14 tháng 5 năm 2026", "ngày 14/5/2026"))
    assert "vi.date-line" in _ids(CONG_VAN.replace("tháng 5 năm", "tháng 1 năm"))
    assert "vi.recipients-list" in _ids(CONG_VAN.replace("- Lưu: VT, KT.", "- Tổ dân phố 27."))


def test_legacy_passages_are_marked_and_converted():
    text = ("Kính gửi: Bà Sen.\n\nTheo quy ®Þnh t¹i §iÒu 235 LuËt §Êt ®ai n¨m 2024, Nhµ n­íc "
            "khuyÕn khÝch c¸c bªn tù hßa gi¶i.\n\nTrân trọng.\n")
    found = passages(text)
    assert len(found) == 1 and found[0][2] == "tcvn3"
    assert to_unicode(text[found[0][0]:found[0][1]], "tcvn3").startswith("Theo quy định tại Điều 235")
    d = _doc(text)
    assert d.unreadable
    ids = {x.rule for x in lint(d, VI)}
    assert "vi.legacy-encoding" in ids and "vi.teencode" not in ids


def test_unicode_symbols_are_not_legacy():
    assert not passages("© Trung tâm, 2026. Diện tích 150 m² × 1,1; trích «Luật Đất đai»; Zalo® và VNeID®.")


def test_helpers():
    assert is_syllable("KHÔNG") and is_syllable("ĐẤT") and not is_syllable("UBND")
    assert not is_syllable("HĐND") and not is_syllable("TTHC")
    assert str(parse_date("ngày 05 tháng 3 năm 2026")) == "2026-03-05"
    assert str(parse_date("09/02/2026")) == "2026-02-09"


@pytest.mark.parametrize("text", ["", " \n\n ", "Số:", "Nơi nhận:", "Kính gửi:", "ngày 99/99/9999",
                                  "V/v\n" * 500, "Số: " + "1" * 5000, "®" * 10000, "a " * 20000])
def test_robust(text):
    lint(_doc(text), VI)


def _corpus_files():
    root = SHARED / "corpus" / "labeled" / "vi"
    if not root.exists():
        return []
    return sorted(p for p in root.iterdir() if p.suffix in (".txt",))


@pytest.mark.parametrize("path", _corpus_files(), ids=lambda p: p.name)
def test_corpus_txt(path):
    import yaml
    exp = yaml.safe_load(path.with_name(path.name + ".expect.yaml").read_text())
    want = {r for r in exp.get("fire") or [] if r.startswith("vi.")}
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    got = {x.rule for x in lint(_doc(text), VI) if x.severity != "suggestion"}
    assert got == want


def test_seed_002_has_no_error():
    seed = SHARED / "seeds" / "002_17aff2b4310d9060.txt"
    if not seed.exists():
        pytest.skip("seed not present")
    found = lint(_doc(seed.read_text(encoding="utf-8")), VI)
    assert not [x for x in found if x.severity == "error"]
    assert {x.rule for x in found} <= {"vi.abbreviation"}


# ------------------------------------------------------------------ letter-wide legacy text

_VNI_LETTER = """UÛY BAN NHAÂN DAÂN                         COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM
PHÖÔØNG VÒ THANH                                Ñoäc laäp - Töï do - Haïnh phuùc

Soá: 219/UBND-TP                          Vò Thanh, ngaøy 12 thaùng 5 naêm 2026
V/v höôùng daãn caûi chính naêm sinh

Kính göûi: OÂng Lyù Vaên Thaïnh, khu vöïc 4, phöôøng Vò Thanh.

UÛy ban nhaân daân phöôøng nhaän ñöôïc ñôn cuûa OÂng ñeà ngaøy 04/01/2026 ñeà nghò höôùng daãn thuû tuïc caûi chính hoä tòch.

Nôi nhaän:
- Nhö treân;
- Löu: VT, TP.

TM. UÛY BAN NHAÂN DAÂN
CHUÛ TÒCH

Traàn Thò Beù Ba
"""


def test_letter_in_legacy_encoding_reports_only_the_encoding():
    """A letter typed entirely in VNI: its formalities cannot be read, so the formal checks
    (Quốc hiệu, Kính gửi, date line, deadline …) stay quiet; vi.legacy-encoding reports it."""
    got = {x.rule for x in lint(_doc(_VNI_LETTER), VI) if x.severity != "suggestion"}
    assert got == {"vi.legacy-encoding"}


@pytest.mark.parametrize("line,enc", [
    ("TrÇn Quèc ViÖt", "tcvn3"),                       # a TCVN3 signer's name
    ("Ñeà nghò Baø ñeán nhaän keát quaû.", "vni"),
    ("Theo quy ®Þnh t¹i §iÒu 235 LuËt", "tcvn3"),
])
def test_short_legacy_line_encoding(line, enc):
    from replylint.language import line_legacy_encoding as _line_encoding
    assert _line_encoding(line) == enc


@pytest.mark.parametrize("text,expected", [
    ("V/v: Trả lời phản ánh về ngập nước tại kiệt 42\n\nKính gửi: Ông Hậu\n\nPhường đã nạo vét cống.\n\n"
     "Trân trọng./.\n", "reply"),
    ("ỦY BAN NHÂN DÂN\nPHƯỜNG PHÚ HỘI\n\nV/v trả lời phản ánh\n\nKính gửi: Ông Hậu\n\nPhường đã nạo vét cống.\n",
     "congvan"),
    ("V/v trả lời phản ánh\nPhú Hội, ngày 05 tháng 5 năm 2026\n\nKính gửi: Ông Hậu\n\nPhường đã nạo vét cống.\n",
     "congvan"),
])
def test_subject_line_alone_is_a_portal_reply(text, expected):
    """A "V/v …" title heads portal replies too: only with a letterhead or a date line is it a công văn."""
    assert vi_kind.detect(_doc(text)) == expected
