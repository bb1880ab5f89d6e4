"""Third round of whole-reply probes of the vi rules (one rule at a time): a class rule about
invalid dossiers, letter labels after "khoản", minutes glued to a count, final particles before a
vocative, office abbreviations before "xã", expansions given later in the clause, "có sự nhầm
lẫn", and "Kính gửi lời chào" as a verb rather than an addressee line."""
import pytest

from replylint.linter import document_from_text, lint, prepare
from tests.test_vi_variants import VI

RULES = {r.id: r for r in VI}


def _reply(s):
    return ("Kính gửi: Bà Trần Thị Mai\n\nTrung tâm Phục vụ hành chính công xã nhận được phản ánh "
            f"của Bà ngày 12/5/2026.\n\n{s}\n\nTrân trọng.\n\nChuyên viên\n\nLê Hoàng Nam\n")


def _hits(rule, text):
    d = document_from_text(text, lang="vi", kind="letter")
    prepare(d)
    return [x.match for x in lint(d, [RULES[rule]])]


CASES = [
    ('vi.rejection-unexplained', False, 'Hồ sơ không hợp lệ sẽ được trả lại kèm phiếu hướng dẫn.'),
    ('vi.rejection-unexplained', False, 'Các hồ sơ không đầy đủ thì cán bộ hướng dẫn bổ sung một lần.'),
    ('vi.rejection-unexplained', True, 'Hồ sơ của Bà không hợp lệ sẽ được trả lại qua bưu điện.'),
    ('vi.rejection-unexplained', True, 'Hồ sơ Bà nộp chưa đầy đủ. Bà vui lòng nộp lại.'),
    ('vi.teencode', False, 'Khoản k Điều 2 không áp dụng cho trường hợp của Bà.'),
    ('vi.teencode', False, 'Độ phân giải ảnh tối thiểu 720p.'),
    ('vi.teencode', True, 'Bà vui lòng đợi, cán bộ sẽ gọi lại sau 15p.'),
    ('vi.teencode', True, 'Trong 30p Bà sẽ nhận được mã.'),
    ('vi.colloquial', True, 'Hồ sơ đã xong hết rồi đó Bà.'),
    ('vi.colloquial', True, 'Hồ sơ đã được duyệt rồi đấy Ông.'),
    ('vi.colloquial', False, 'Đủ điều kiện rồi, Bà đến nhận kết quả theo giấy hẹn.'),
    ('vi.abbreviation', True, 'Bà liên hệ CA xã để được hướng dẫn.'),
    ('vi.abbreviation', True, 'UB xã đã kiểm tra thực địa.'),
    ('vi.abbreviation', False, 'Bà KHÔNG phải nộp thêm lệ phí tại xã.'),
    ('vi.abbreviation', False, 'Bà học lớp 12A, Trường THPT Nguyễn Du (Trường Trung học phổ thông Nguyễn Du).'),
    ('vi.abbreviation', False, 'Hồ sơ đã chuyển đến Sở KH&ĐT tỉnh (Sở Kế hoạch và Đầu tư tỉnh) để giải quyết.'),
    ('vi.abbreviation', True, 'Bà liên hệ BHXH huyện (tầng 2, trụ sở Ủy ban nhân dân xã) để được hướng dẫn.'),
    ('vi.apology-missing', True, 'Có sự nhầm lẫn trong việc ghi tên của Bà trên giấy hẹn.'),
    ('vi.apology-missing', False, 'Qua xác minh, không có sự nhầm lẫn trong việc ghi tên.'),
    ('vi.rude-tone', True, 'Ông đừng đến trụ sở hỏi việc này nữa.'),
    ('vi.rude-tone', True, 'Việc Bà khiếu nại là vô căn cứ và gây mất thời gian của cơ quan.'),
    ('vi.rude-tone', False, 'Bà đừng lo lắng nữa, hồ sơ đã được giải quyết xong.'),
    ('vi.rude-tone', False, 'Trung tâm xin lỗi vì đã làm mất thời gian của Bà.'),
]


@pytest.mark.parametrize("rule,fires,sentence", CASES)
def test_sentence(rule, fires, sentence):
    assert bool(_hits(rule, _reply(sentence))) == fires


@pytest.mark.parametrize("text,fires", [
    ("Trung tâm thông báo: hồ sơ của Bà đã được giải quyết xong.\n\nKính gửi lời chào trân trọng.\n\n"
     "Lê Hoàng Nam\n", True),
    ("Kính gửi: Bà Trần Thị Mai\n\nTrung tâm kính gửi lời cảm ơn Bà.\n\nTrân trọng.\n\nLê Hoàng Nam\n", False),
    ("Kính gửi: Bà Lời Thị Chào\n\nHồ sơ đã xong.\n\nTrân trọng.\n\nLê Hoàng Nam\n", False),
])
def test_recipient(text, fires):
    assert bool(_hits('vi.recipient-missing', text)) == fires
