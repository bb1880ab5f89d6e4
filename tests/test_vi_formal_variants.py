"""Document-level variants of the vi formal rules (national title, number and symbol, place
and date line, Kính gửi, Nơi nhận/Lưu: VT, deadline) on one công văn with one part changed;
'-' = every vi rule stays quiet. Written with tests/corpus/vi/e*."""
import pytest

from replylint.linter import document_from_text, lint, prepare
from replylint.packs import builtin_rules_dir, load_pack

VI = load_pack(builtin_rules_dir() / "vi")
T = dict(
 h1="ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
 h2="XÃ PHÚ LỢI                              Độc lập - Tự do - Hạnh phúc",
 num="Số: 125/UBND-VP", date="Phú Lợi, ngày 20 tháng 5 năm 2026",
 vv="V/v trả lời đơn của bà Điểu Thị Hiền",
 kg="Kính gửi: Bà Điểu Thị Hiền, ấp 5, xã Phú Lợi.",
 body="Ủy ban nhân dân xã nhận được đơn của Bà đề ngày 10/5/2026 về việc cấp Giấy chứng nhận. Ủy ban nhân dân xã trả lời như sau: hồ sơ của Bà đã được chuyển đến Văn phòng đăng ký đất đai ngày 15/5/2026.",
 nn="Nơi nhận:\n- Như trên;\n- Lưu: VT, VP.",
 sig="TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn Hùng")
def doc(**kw):
    t = dict(T)
    t.update(kw)
    numdate = t['num'] + ("                    " + t['date'] if t['date'] else "") if t['num'] else t['date']
    parts=[t['h1'],t['h2'],"",numdate,t['vv'],"",t['kg'],"",t['body'],"",t['nn'],"",t['sig']]
    return "\n".join(p for p in parts if p is not None)
def rules(**kw):
    d = document_from_text(doc(**kw), lang='vi', kind='letter')
    prepare(d)
    return {x.rule for x in lint(d, VI) if x.rule.startswith('vi.')}

H1 = "ỦY BAN NHÂN DÂN                    "
CASES = [
 ('-', {}),
 ('vi.national-title', dict(h1=H1+"Cộng hòa xã hội chủ nghĩa Việt Nam")),
 ('vi.national-title', dict(h1=H1+"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", h2="XÃ PHÚ LỢI                  Độc lập Tự do Hạnh phúc")),
 ('vi.national-title', dict(h2="XÃ PHÚ LỢI                  Độc Lập - Tự Do - Hạnh Phúc")),
 ('vi.national-title', dict(h2="XÃ PHÚ LỢI                  ĐỘC LẬP - TỰ DO - HẠNH PHÚC")),
 ('vi.national-title', dict(h2="XÃ PHÚ LỢI                  Độc lập-Tự do-Hạnh phúc")),
 ('vi.national-title', dict(h1=H1+"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", h2="XÃ PHÚ LỢI")),
 ('vi.national-title', dict(h1=H1+"CỘNG HÒA XÃ HỘI CHŨ NGHĨA VIỆT NAM")),
 ('vi.national-title', dict(h1=H1+"CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", h2="XÃ PHÚ LỢI                  Độc lập - Tự do - Hạnh Phúc")),
 ('vi.national-title', dict(h1=H1+"Cộng Hòa Xã Hội Chủ Nghĩa Việt Nam")),
 ('vi.national-title', dict(h1=H1+"CỘNG HÒA XHCN VIỆT NAM")),
 ('-', dict(h1=H1+"CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")),
 ('-', dict(h1="ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")),
 ('vi.number-symbol', dict(num="Số: 7/UBND-TNMT")),
 ('vi.number-symbol', dict(num="Số 07/UBND")),
 ('vi.number-symbol', dict(num="Số 125/UBND-VP")),
 ('vi.number-symbol', dict(num="Số: 125 / UBND-VP")),
 ('vi.number-symbol', dict(num="Số: 125/UBND - VP")),
 ('vi.number-symbol', dict(num="Số: 125-UBND-VP")),
 ('vi.number-symbol', dict(num="Số: 125UBND-VP")),
 ('vi.number-symbol', dict(num=None)),
 ('vi.number-symbol', dict(num="Số: 5/UBND")),
 ('-', dict(num="Số: 05/UBND-VP")),
 ('-', dict(num="Số: 1427/CCTKV20-QLDN")),
 ('-', dict(num="Số: 092/CAP-PCCC")),
 ('-', dict(num="Số: 0815/ĐLNT-KD")),
 ('-', dict(num="Số: 125/UBND-TNMT")),
 ('-', dict(num="Số: 12/2026/TB-UBND")),
 ('vi.date-line', dict(date="Phú Lợi, ngày 3 tháng 2 năm 2026")),
 ('vi.date-line', dict(date="Phú Lợi, ngày 03 tháng 2 năm 2026")),
 ('vi.date-line', dict(date="Phú Lợi, ngày 3 tháng 02 năm 2026")),
 ('vi.date-line', dict(date="Phú Lợi, 20/5/2026")),
 ('vi.date-line', dict(date="Phú Lợi, ngày 20/5/2026")),
 ('vi.date-line', dict(date="Phú Lợi, ngày 20-5-2026")),
 ('vi.date-line', dict(date="ngày 20 tháng 5 năm 2026")),
 ('vi.date-line', dict(date="Phú Lợi, ngày 20 tháng 05 năm 2026")),
 ('vi.date-line', dict(date="Phú Lợi, ngày 20.5.2026")),
 ('vi.date-line', dict(date="Phú Lợi ngày 20 tháng 5 năm 2026")),
 ('vi.date-line', dict(date="20/5/2026")),
 ('vi.date-line', dict(date="")),
 ('vi.date-line', dict(date="Phú Lợi, ngày 9 tháng 5 năm 2026")),
 ('-', dict(date="Phú Lợi, ngày 05 tháng 02 năm 2026", body="Ủy ban nhân dân xã nhận được đơn của Bà đề ngày 20/01/2026.")),
 ('-', dict(date="Thành phố Hồ Chí Minh, ngày 20 tháng 5 năm 2026")),
 ('vi.deadline', dict(date="Phú Lợi, ngày 20 tháng 12 năm 2026")),
 ('-', dict(date="TP. Hồ Chí Minh, ngày 20 tháng 5 năm 2026")),
 ('vi.recipient-missing', dict(kg="")),
 ('vi.recipient-missing', dict(kg="Gửi: Bà Điểu Thị Hiền")),
 ('-', dict(kg="Kính gửi: Quý Ông/Bà.")),
 ('-', dict(kg="Kính gửi:\n- Bà Điểu Thị Hiền;\n- Ông Điểu Văn Tám.")),
 ('-', dict(kg="Kính gửi: - Bà Điểu Thị Hiền")),
 ('vi.recipients-list', dict(nn="Nơi nhận:\n- Như trên;\n- Phòng Tư pháp.")),
 ('vi.recipients-list', dict(nn="")),
 ('vi.recipients-list', dict(nn="Nơi nhận:\n- Như trên;\n- Lưu: VP.")),
 ('vi.recipients-list', dict(nn="Nơi nhận:\n- Như trên;\n- Lưu hồ sơ.")),
 ('-', dict(nn="Nơi nhận:\n- Như trên;\n- Lưu: VT.")),
 ('-', dict(nn="Nơi nhận:\n- Như trên;\n- Lưu VT, VP.")),
 ('-', dict(nn="Nơi nhận:\n- Như trên;\n- Lưu: Văn thư, VP.")),
 ('vi.deadline', dict(body="Ủy ban nhân dân xã nhận được đơn của Bà đề ngày 02/4/2026 về việc cấp Giấy chứng nhận.")),
 ('vi.deadline', dict(body="Ngày 03/4/2026, Ủy ban nhân dân xã nhận được đơn của Bà về việc cấp Giấy chứng nhận.")),
 ('vi.deadline', dict(body="Trả lời đơn kiến nghị ngày 01/4/2026 của Bà, Ủy ban nhân dân xã có ý kiến như sau.")),
 ('vi.deadline', dict(body="Ủy ban nhân dân xã đã nhận đơn của Bà ghi ngày 01 tháng 4 năm 2026.")),
 ('vi.deadline', dict(body="Ủy ban nhân dân xã nhận được thư điện tử của Bà gửi ngày 10/4/2026.")),
 ('vi.deadline', dict(body="Ủy ban nhân dân xã tiếp nhận đơn của Bà ngày 10/4/2026 do Ban Tiếp công dân chuyển đến.")),
 ('vi.deadline', dict(body="Theo đơn đề ngày 10/4/2026 của Bà, Ủy ban nhân dân xã trả lời như sau.")),
 ('-', dict(body="Ủy ban nhân dân xã nhận được đơn của Bà đề ngày 02/4/2026; Ủy ban nhân dân xã đã gia hạn thời gian giải quyết đến ngày 20/5/2026 theo Thông báo số 55/TB-UBND.")),
 ('-', dict(body="Ủy ban nhân dân xã nhận được đơn của Bà ngày 25/4/2026 về việc cấp Giấy chứng nhận đã nộp từ ngày 02/01/2026.")),
 ('-', dict(body="Ngày 28/4/2026, Ủy ban nhân dân xã nhận được đơn của Bà đề ngày 20/3/2026 do Thanh tra huyện chuyển đến.")),
]


@pytest.mark.parametrize("want,kw", CASES)
def test_document_variant(want, kw):
    got = rules(**kw)
    if want == "-":
        assert not got, got
    else:
        assert want in got, got


# a portal reply (no letterhead) dated below its body
_PORTAL = ("Kính gửi: Bà Nguyễn Thị Lan\n\nỦy ban nhân dân phường Vĩnh Tuy nhận được phản ánh của Bà "
           "trên Hệ thống iHanoi ngày 02/3/2026 về việc đèn chiếu sáng ngõ 29 bị hỏng. Đèn đã được thay mới.\n\n"
           "{date}\n\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLê Văn Quang\n")


@pytest.mark.parametrize("date,late", [
    ("Hà Nội, ngày 20 tháng 5 năm 2026", True),
    ("Ngày trả lời: 20/5/2026", True),
    ("Ngày ban hành: 20/05/2026", True),
    ("Hà Nội, ngày 20 tháng 3 năm 2026", False),
    ("- Biên bản kiểm tra hiện trạng, 20/5/2026", False),
    ("Trân trọng./.", False),
])
def test_portal_reply_dated_below(date, late):
    d = document_from_text(_PORTAL.format(date=date), lang="vi", kind="letter")
    prepare(d)
    got = {x.rule for x in lint(d, VI)}
    assert ("vi.deadline" in got) == late, got
