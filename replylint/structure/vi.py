"""Vietnamese công văn and e-mail patterns (data only), after Nghị định 30/2020/NĐ-CP layout."""
from __future__ import annotations

import re

from .common import LangPatterns

_sal = re.compile(r"^(?:Kính\s+chào|Kính\s+thưa|Xin\s+chào|Chào\s+(?:Ông|Bà|anh|chị|Anh|Chị|Quý))\b", re.I)

# "Trân trọng./." "Trân trọng cảm ơn" – only as a short sign-off line (checked by the caller).
_closing = re.compile(
    r"^(?:Trân\s+trọng(?:\s+cảm\s+ơn)?|Xin\s+trân\s+trọng\s+cảm\s+ơn|Kính\s+thư|Thân\s+ái|Kính\s+chào"
    r"|Xin\s+chân\s+thành\s+cảm\s+ơn|Xin\s+cảm\s+ơn|Trân\s+trọng\s+kính\s+chào)\b[\s,.!/]*", re.I)

_subject = [
    re.compile(r"^(?:V/v|V/V|v/v)\b"),
    re.compile(r"^(?:Về\s+việc|Trích\s+yếu|Tiêu\s+đề|Chủ\s+đề)\b\s*:?", re.I),
]
# A bare title line at the very top of a reply ("Trả lời phản ánh về …").
_subject_lead = [re.compile(r"^(?:Trả\s+lời|Phúc\s+đáp|Giải\s+đáp|Thông\s+báo\s+kết\s+quả)\b", re.I)]

_addressee_label = [re.compile(r"^(?:Kính\s+gửi|Kính\s+gởi)\b\s*:?", re.I)]

_header_strong = [
    re.compile(r"^(?:ỦY\s+BAN|UỶ\s+BAN|UBND\s+[A-ZĐ]|CỘNG\s+HÒA|CỘNG\s+HOÀ|Cộng\s+hòa\s+xã\s+hội|Độc\s+[lL]ập|ĐỘC\s+LẬP)"),
    re.compile(r"^Số\s*:?\s*[\d.…_]"),
    re.compile(r"^Số\s*:"),
    re.compile(r"ngày\s+[\d.…_]{1,10}\s+tháng\s+[\d.…_]{1,10}\s+năm\s+[\d.…_]{2,10}"),
    re.compile(r"^[^\d,]{2,40},\s*ngày\s+\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"),
    re.compile(r"^(?:Điện\s+thoại|ĐT|Fax|Email|E-mail|Website|Địa\s+chỉ)\s*:", re.I),
]

_header_org = [
    re.compile(r"^(?:SỞ|BỘ|PHÒNG|TRUNG\s+TÂM|CHI\s+CỤC|CỤC|BẢO\s+HIỂM|THUẾ|CÔNG\s+AN|BAN|VĂN\s+PHÒNG)\b"),
]

_position = [
    re.compile(r"^(?:TM|KT|TL|TUQ|Q|T\.M|K\.T|T\.L)\.\s?\S"),
    re.compile(r"^(?:Thay\s+mặt|Ký\s+thay|Thừa\s+lệnh|Thừa\s+ủy\s+quyền|Quyền)\b", re.I),
    re.compile(r"^(?:PHÓ\s+)?(?:CHỦ\s+TỊCH|GIÁM\s+ĐỐC|TRƯỞNG|CHÁNH|CỤC\s+TRƯỞNG|VỤ\s+TRƯỞNG|BỘ\s+TRƯỞNG|THỦ\s+TRƯỞNG)"),
    re.compile(r"^(?:Phó\s+)?(?:Chủ\s+tịch|Giám\s+đốc|Trưởng|Chánh|Chuyên\s+viên|Công\s+chức|Viên\s+chức|Cán\s+bộ"
               r"|Nhân\s+viên|Thư\s+ký)\b"),
]

_executor = [re.compile(r"^(?:Người\s+soạn(?:\s+thảo)?|Cán\s+bộ\s+thụ\s+lý|Người\s+thụ\s+lý)\s*:", re.I)]
_contact = [re.compile(r"^(?:Đường\s+dây\s+nóng|Tổng\s+đài|Hotline)\b", re.I)]
_stamp = [re.compile(r"^(?:Ký\s+bởi|Người\s+ký|Cơ\s+quan\s*:|Thời\s+gian\s+ký|Ngày\s+ký)\s*:?", re.I)]
_recipients = [re.compile(r"^(?:Nơi\s+nhận|NƠI\s+NHẬN)\s*:?", re.I)]
_attachments = [re.compile(r"^(?:Tài\s+liệu\s+đính\s+kèm|Đính\s+kèm|Tệp\s+đính\s+kèm|File\s+đính\s+kèm|Kèm\s+theo)\b\s*:?", re.I)]

# Common family names: a full name with one of these stands as a signature name on its own.
SURNAMES = frozenset("""
Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Lâm Cầm Lò Trịnh Đào Trương
Mai Đinh Hà Tô Lương Cao Tạ Đoàn Thái Quách Kiều Châu Chu Đàm Tăng Triệu Vương Lưu Khổng Hứa Thân
Kim Nông Hầu Lục Mạc Tống Từ Doãn Giang Âu Diệp La Quan Ninh Phùng Tiêu Lã Bạch Mã
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
