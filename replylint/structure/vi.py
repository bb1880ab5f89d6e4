"""Vietnamese công văn and e-mail patterns (data only), after Nghị định 30/2020/NĐ-CP layout."""
from __future__ import annotations

import re

from .common import LangPatterns

# The facts' patterns, each written once (structure/signer.py, structure/vi_kind.py and the
# rules build on these sources):
# greetings that open a reply ("Kính chào Ông", "Xin chào …")
GREETINGS_FORMAL = r"Kính\s+chào|Kính\s+thưa"
GREETING_HELLO = r"Xin\s+chào"
SALUTATION_OPENERS = rf"{GREETINGS_FORMAL}|{GREETING_HELLO}|Chào\s+(?:Ông|Bà|anh|chị|Anh|Chị|Quý)"
# the addressee line of a công văn ("Kính gửi: Ông Nguyễn Văn A")
# (a copy from a legal site may glue the words: "Kínhgửi:", "Nơinhận-")
ADDRESSEE_LABEL = r"Kính\s*g[ửở]i|KÍNH\s*G[ỬỞ]I"
# "Trân trọng./." "Trân trọng cảm ơn" – only as a short sign-off line (checked by the caller).
CLOSINGS = (r"Trân\s+trọng(?:\s+cảm\s+ơn)?|Xin\s+trân\s+trọng\s+cảm\s+ơn|Kính\s+thư|Thân\s+ái|Kính\s+chào"
            r"|Xin\s+chân\s+thành\s+cảm\s+ơn|Xin\s+cảm\s+ơn|Trân\s+trọng\s+kính\s+chào")
# the executor's label ("Người soạn thảo: …", "Cán bộ thụ lý: …")
EXECUTOR_LABELS = (r"(?:Người\s+(?:thực\s+hiện|soạn(?:\s+thảo)?|thụ\s+lý|theo\s+dõi|xử\s+lý|liên\s+hệ)"
                   r"|(?:Cán\s+bộ|Chuyên\s+viên|Công\s+chức|Viên\s+chức)\s+(?:thụ\s+lý|phụ\s+trách|xử\s+lý|theo\s+dõi))"
                   r"(?:\s+hồ\s+sơ)?\s*:")
# the lines of a digital-signature stamp ("Ký bởi: …", "Thời gian ký: …")
STAMP_OPENERS = r"Ký\s+bởi|Người\s+ký|Cơ\s+quan\s*:|Thời\s+gian\s+ký|Ngày\s+ký"
# the signer's authority and position ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ GIÁM ĐỐC")
AUTHORITY = r"(?:TM|KT|TL|TUQ|Q|T\.M|K\.T|T\.L|T/M|K/T)\."
POSITION_CAPS = (r"(?:PHÓ\s+)?(?:CHỦ\s+TỊCH|GIÁM\s+ĐỐC|TỔNG\s+GIÁM\s+ĐỐC|TRƯỞNG(?:\s+PHÒNG)?|CHÁNH|CỤC\s+TRƯỞNG"
                 r"|CHI\s+CỤC\s+TRƯỞNG|VỤ\s+TRƯỞNG|BỘ\s+TRƯỞNG|THỨ\s+TRƯỞNG|THỦ\s+TRƯỞNG|VIỆN\s+TRƯỞNG|HIỆU\s+TRƯỞNG)")
POSITION_WORDS = (r"(?:Phó\s+)?(?:Chủ\s+tịch|Giám\s+đốc|Trưởng|Chánh|Chuyên\s+viên|Công\s+chức|Viên\s+chức|Cán\s+bộ"
                  r"|Nhân\s+viên|Thư\s+ký|Kế\s+toán)\b")
# the recipients list ("Nơi nhận:")
RECIPIENTS_LABEL = r"Nơi\s*nhận|NƠI\s*NHẬN"
# the number and symbol line ("Số: 05/UBND-VP") and the trích yếu ("V/v trả lời đơn …")
NUMBER_LABEL = r"S[ốô]|SỐ"
SUBJECT_MARK = r"V/v|V/V|v/v"
SUBJECT_WORDS = r"Về\s+việc|VỀ\s+VIỆC"
# Quốc hiệu and Tiêu ngữ, on text folded to ASCII (matching.fold): diacritics may be missing
NATIONAL_TITLE_FOLDED = r"cong\s*hoa\s+xa\s+hoi\s+chu\s+nghia\s+viet\s+nam"
# a part of the title, as a misspelt or cut one leaves it
NATIONAL_TITLE_PART_FOLDED = r"cong\s*hoa\s+xa\s+hoi|xa\s+hoi\s+chu\s+nghia\s+viet\s+nam"
MOTTO_FOLDED = r"doc\s*lap\s*[-–—‑]?\s*tu\s*do\s*[-–—‑]?\s*hanh\s*phuc"

_sal = re.compile(rf"^(?:{SALUTATION_OPENERS})\b", re.I)

_closing = re.compile(rf"^(?:{CLOSINGS})\b[\s,.!/]*", re.I)

_subject = [
    re.compile(rf"^(?:{SUBJECT_MARK})\b"),
    re.compile(r"^(?:Về\s+việc|Trích\s+yếu|Tiêu\s+đề|Chủ\s+đề)\b\s*:?", re.I),
]
# A bare title line at the very top of a reply ("Trả lời phản ánh về …").
_subject_lead = [re.compile(r"^(?:Trả\s+lời|Phúc\s+đáp|Giải\s+đáp|Thông\s+báo\s+kết\s+quả)\b", re.I)]

_addressee_label = [re.compile(rf"^(?:{ADDRESSEE_LABEL})\b\s*:?", re.I)]

_header_strong = [
    re.compile(r"^(?:ỦY\s+BAN|UỶ\s+BAN|UBND\s+[A-ZĐ]|CỘNG\s+HÒA|CỘNG\s+HOÀ|Cộng\s+hòa\s+xã\s+hội|Độc\s+[lL]ập|ĐỘC\s+LẬP)"),
    re.compile(rf"^(?:{NUMBER_LABEL})\s*:?\s*[\d.…_]"),
    re.compile(rf"^(?:{NUMBER_LABEL})\s*:"),
    re.compile(r"ngày\s+[\d.…_]{1,10}\s+tháng\s+[\d.…_]{1,10}\s+năm\s+[\d.…_]{2,10}"),
    re.compile(r"^[^\d,]{2,40},\s*ngày\s+\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"),
    re.compile(r"^(?:Điện\s+thoại|ĐT|Fax|Email|E-mail|Website|Địa\s+chỉ)\s*:", re.I),
]

_header_org = [
    re.compile(r"^(?:SỞ|BỘ|PHÒNG|TRUNG\s+TÂM|CHI\s+CỤC|CỤC|BẢO\s+HIỂM|THUẾ|CÔNG\s+AN|BAN|VĂN\s+PHÒNG)\b"),
]

_position = [
    re.compile(rf"^{AUTHORITY}\s?\S"),
    re.compile(r"^(?:Thay\s+mặt|Ký\s+thay|Thừa\s+lệnh|Thừa\s+ủy\s+quyền|Quyền)\b", re.I),
    re.compile(rf"^{POSITION_CAPS}"),
    re.compile(rf"^{POSITION_WORDS}"),
]

_executor = [re.compile(rf"^{EXECUTOR_LABELS}", re.I)]
_contact = [re.compile(r"^(?:Đường\s+dây\s+nóng|Tổng\s+đài|Hotline)\b", re.I)]
_stamp = [re.compile(rf"^(?:{STAMP_OPENERS})\s*:?", re.I)]
_recipients = [re.compile(rf"^(?:{RECIPIENTS_LABEL})\s*:?", re.I)]
_attachments = [re.compile(r"^(?:Tài\s+liệu\s+đính\s+kèm|Đính\s+kèm|Tệp\s+đính\s+kèm|File\s+đính\s+kèm|Kèm\s+theo)\b\s*:?", re.I)]

# Common family names: a full name with one of these stands as a signature name on its own
# (the segmenter's and the signer's: structure/signer.py).
SURNAMES = frozenset("""
Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Lâm Cầm Lò Trịnh Đào
Trương Mai Đinh Hà Tô Lương Cao Tạ Đoàn Thái Quách Kiều Châu Chu Đàm Tăng Triệu Vương Lưu Khổng
Hứa Thân Kim Nông Hầu Lục Mạc Tống Từ Doãn Giang Âu Diệp La Quan Ninh Phùng Tiêu Lã Bạch Mã Tôn
Khúc Lại Đồng Vi Sầm Nghiêm Viên Quản Thạch Danh Kha Lộc Phó Chế Lăng Ưng Bế Ma Mông Yên Thiều
Văn Khương Lữ Mẫn Ông Trình Trang Ung Vòng Y Điểu Hoa Lạc Lường
""".split())

PATTERNS = LangPatterns(
    salutation=[_sal],
    closing=[_closing],
    subject=_subject,
    subject_lead=_subject_lead,
    addressee_label=_addressee_label,
    header_strong=_header_strong,
    header_org=_header_org,
    position=_position,
    executor=_executor,
    contact=_contact,
    stamp=_stamp,
    recipients=_recipients,
    attachments=_attachments,
    latin_names=True,
    surnames=SURNAMES,
)
