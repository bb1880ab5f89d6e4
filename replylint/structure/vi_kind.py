"""What kind of Vietnamese document this is, and the line helpers the formal checks share.

Kinds (`Context.vi_kind`, found once per document by `structure.facts`):
  congvan  a công văn (administrative letter with no type name): it has one of the national
           title, a "Số:" line, a "V/v" trích yếu or a "Nơi nhận:" list
  vanban   an administrative document with a type name (KẾ HOẠCH, QUYẾT ĐỊNH, THÔNG BÁO …):
           not a reply; formalities are checked only where present
  reply    a short portal reply (none of the markers)
  email    an e-mail (Document.kind == "email")
`doc.metadata["vi_kind"]` overrides the decision (congvan, vanban, reply, email).
"""
from __future__ import annotations

import regex

from ..matching import fold
from ..spans import line_spans
from . import vi

LABELS = {
    "congvan": "công văn",
    "vanban": "văn bản hành chính có tên loại",
    "reply": "văn bản trả lời ngắn",
    "email": "thư điện tử",
}
ALIASES = {"letter": "congvan", "cong van": "congvan", "công văn": "congvan", "portal": "reply",
           "e-mail": "email", "mail": "email", "thu dien tu": "email"}

HEAD_LINES = 25          # non-blank lines searched for the letterhead when no "Kính gửi" is found

_COLUMN_GAP = regex.compile(r"(?:[ \u00a0]{3,}|\t+)")
_TITLE_FOLDED = regex.compile(vi.NATIONAL_TITLE_FOLDED, regex.I)
NUMBER_LINE = regex.compile(rf"^[ \t]*(?:{vi.NUMBER_LABEL})[ \t]*:", regex.M)
SUBJECT_LINE = regex.compile(rf"^[ \t]*(?:{vi.SUBJECT_MARK})\b", regex.M)
RECIPIENTS_LINE = regex.compile(rf"^[ \t]*(?:{vi.RECIPIENTS_LABEL})[ \t]*:?", regex.M)
KINH_GUI_LINE = regex.compile(rf"^[ \t>*#_]*(?:{vi.ADDRESSEE_LABEL})\b", regex.M)
TYPE_NAMES = (
    "KẾ HOẠCH", "QUYẾT ĐỊNH", "THÔNG BÁO", "BÁO CÁO", "TỜ TRÌNH", "CHỈ THỊ", "QUY CHẾ",
    "QUY ĐỊNH", "HƯỚNG DẪN", "BIÊN BẢN", "CÔNG ĐIỆN", "GIẤY MỜI", "NGHỊ QUYẾT", "CHƯƠNG TRÌNH",
    "ĐỀ ÁN", "PHƯƠNG ÁN", "GIẤY GIỚI THIỆU", "GIẤY NGHỈ PHÉP", "PHIẾU GỬI", "PHIẾU CHUYỂN",
    "PHIẾU BÁO", "THƯ CÔNG", "BẢN GHI NHỚ", "BẢN THỎA THUẬN", "BẢN CAM KẾT", "GIẤY ỦY QUYỀN",
    "DỰ ÁN", "ĐỀ CƯƠNG", "CÔNG ƯỚC", "HỢP ĐỒNG", "GIẤY CHỨNG NHẬN",
)
_TYPE_LINE = regex.compile(
    r"^[ \t#*_]*(?:" + "|".join(regex.escape(t) for t in TYPE_NAMES) + r")[ \t*_]*$", regex.M)


# an agency name in capitals at the start of a line: "ỦY BAN NHÂN DÂN", "SỞ Y TẾ", "BẢO HIỂM XÃ HỘI"
_LETTERHEAD = regex.compile(r"^[ \t#*_]*\p{Lu}{2,}(?:[ \t]\p{Lu}[\p{Lu}\d]*)+[ \t*_]*(?:$|[ \t]{3,})", regex.M)
# the place and date line, well or badly formed: "Hà Nội, ngày 05 tháng 3 năm 2026", "Hà Nội, 05/3/2026"
_HEAD_DATE = regex.compile(r",[ \t]*(?:ngày[ \t]+[\d.…_ ]+tháng|(?:ngày[ \t]*)?\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}\b)", regex.I)


def segments(line: str, base: int):
    """Column segments of a flattened two-column line: (offset, text) without outer spaces."""
    pos = 0
    for m in list(_COLUMN_GAP.finditer(line)) + [None]:
        cut = m.start() if m else len(line)
        piece = line[pos:cut]
        stripped = piece.strip()
        if stripped:
            yield base + pos + (len(piece) - len(piece.lstrip())), stripped
        if m:
            pos = m.end()


def head_end(doc) -> int:
    """End offset of the letterhead area: the "Kính gửi" line, the end of the header/subject
    zones, or the first HEAD_LINES non-blank lines, whichever is found."""
    text = doc.text
    m = KINH_GUI_LINE.search(text)
    if m:
        return m.start()
    ends = [e for s, e in doc.zone_spans(["header", "subject"])]
    if ends:
        return max(ends)
    n = 0
    for off, end in line_spans(text):
        line = text[off:end]
        if line.strip():
            n += 1
            if n > HEAD_LINES:
                return off
    return len(text)


def head_spans(doc) -> list[tuple[int, int]]:
    spans = [(0, head_end(doc))]
    for s, e in doc.zone_spans(["header", "subject"]):
        if s >= spans[0][1]:
            spans.append((s, e))
    return spans


def has_national_title(text: str) -> bool:
    return bool(_TITLE_FOLDED.search(fold(text)))


def detect(doc) -> str:
    forced = str(doc.metadata.get("vi_kind") or "").strip().lower()
    forced = ALIASES.get(forced, forced)
    if forced in LABELS:
        return forced
    if doc.kind == "email":
        return "email"
    text = doc.text
    end = head_end(doc)
    head = text[:end]
    if _TYPE_LINE.search(head) and not KINH_GUI_LINE.search(text):
        return "vanban"
    if has_national_title(head[:4000]) or NUMBER_LINE.search(head) or RECIPIENTS_LINE.search(text):
        return "congvan"
    # a "V/v …" line alone also heads short portal replies ("V/v: Trả lời phản ánh về …"); it
    # makes a công văn only under a letterhead (an agency name in capitals) or with a date line
    m = SUBJECT_LINE.search(head)
    if m and (_LETTERHEAD.search(head, 0, m.start()) or _HEAD_DATE.search(head)):
        return "congvan"
    return "reply"


LEGACY_SHARE = 0.5      # above this share of the letters in TCVN3/VNI, formalities are not judged


def legacy_share(doc, passages) -> float:
    """Share of the document's non-space characters inside legacy-encoded (TCVN3/VNI) passages:
    the line-level `passages` and the paragraphs the reader marked unreadable."""
    text = doc.text
    spans = [(s, e) for s, e, _ in passages]
    spans += [(s, e) for s, e in (doc.unreadable or ()) if e > s]
    covered = [False] * len(text)
    for s, e in spans:
        for i in range(max(0, s), min(len(text), e)):
            covered[i] = True
    total = sum(1 for c in text if not c.isspace())
    inside = sum(1 for i, c in enumerate(text) if covered[i] and not c.isspace())
    return inside / total if total else 0.0


def kind_note(k: str) -> str:
    return f"(văn bản được xác định là {LABELS.get(k, k)})"
