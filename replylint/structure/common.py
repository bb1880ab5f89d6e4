"""Language-independent line patterns and the container for per-language pattern data.

All regexes here are applied to one cleaned line (capped in length) and have no nested
quantifiers, so classification stays linear in the size of the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import regex

from ..document import PLACEHOLDER_RUN


@dataclass
class LangPatterns:
    """Per-language pattern data; `merge` builds the union used for lang="unknown"."""
    salutation: list = field(default_factory=list)
    closing: list = field(default_factory=list)        # must match at line start
    subject: list = field(default_factory=list)        # subject line starters
    subject_lead: list = field(default_factory=list)   # subjects only as the first block (vi "Trả lời …")
    addressee_label: list = field(default_factory=list)  # "Kính gửi:"
    addressee_line: list = field(default_factory=list)   # ru dative name / role lines
    header_strong: list = field(default_factory=list)
    header_org: list = field(default_factory=list)
    position: list = field(default_factory=list)       # position / authority starters
    name_end: list = field(default_factory=list)       # (kind, regex) person name at line end
    executor: list = field(default_factory=list)
    contact: list = field(default_factory=list)        # contact centre / hotline lines
    stamp: list = field(default_factory=list)          # e-signature stamp lines
    recipients: list = field(default_factory=list)
    attachments: list = field(default_factory=list)
    latin_names: bool = False                          # Vietnamese full names
    surnames: frozenset = frozenset()

    def rx(self, name: str) -> re.Pattern:
        """One compiled alternation per pattern list: one search per line instead of many."""
        cache = self.__dict__.setdefault("_rx", {})
        if name not in cache:
            cache[name] = joined(getattr(self, name))
        return cache[name]

    def merge(self, other: LangPatterns) -> LangPatterns:
        out = LangPatterns()
        for f in self.__dataclass_fields__:
            a, b = getattr(self, f), getattr(other, f)
            if isinstance(a, list):
                setattr(out, f, a + b)
            elif isinstance(a, bool):
                setattr(out, f, a or b)
            else:
                setattr(out, f, a | b)
        return out


def joined(regexes) -> re.Pattern:
    """Alternation of compiled patterns, each keeping its own flags as a scoped group."""
    parts = []
    for r in regexes:
        flags = ("i" if r.flags & re.I else "") + ("m" if r.flags & re.M else "")
        parts.append(f"(?{flags}:{r.pattern})" if flags else f"(?:{r.pattern})")
    return re.compile("|".join(parts)) if parts else re.compile(r"(?!)")


def any_match(regexes, s: str):
    for r in regexes:
        m = r.search(s)
        if m:
            return m
    return None


# Shared patterns ---------------------------------------------------------------------------

# A phone number: 7–13 digits in phone grouping ("8 (846) 222-33-44", "+7 495 123-45-67",
# Vietnamese dotted "024.3825.1234"), not a date or a document number (phones() decides).
PHONE = regex.compile(
    r"(?<![\w./\-])(?:\+\d{1,3}[\s\-]?)?(?:\d{1,2}\s?)?(?:\(\d{2,5}\)[\s\-]?)?\d{1,4}(?:[\s\-]?\d{2,4}){1,4}(?![\w/]|[.,]\d)"
    # Vietnamese dotted numbers "024.3825.1234", "0912.345.678" (a trunk 0: never a date)
    r"|(?<![\w./\-])(?:\+84[.\s]?|0)\d{2,3}\.\d{3,4}\.\d{3,4}(?![\w/]|[.,]\d)")
PHONE_LABELS = r"тел|телефон|факс|моб|điện\s+thoại|đt|sđt|di\s+động|hotline|phone|mobile|tel"
# a label right before the number ("тел.: 8 …", "т. 62-17-41")
_LABEL_BEFORE = regex.compile(rf"(?i)(?:{PHONE_LABELS}|т\.)\W{{0,4}}$")
_LOCAL_PHONE = regex.compile(r"^\d{1,3}-\d{2}-\d{2}$")
# a line that starts with a phone label
PHONE_LINE_LABEL = regex.compile(rf"(?i)^(?:{PHONE_LABELS})\b")


# A template placeholder stands for a value (readers/template.py): after a phone label
# ("тел. {{ telefon }}", "Điện thoại: {phone}") it is the phone; a placeholder named for a phone
# ({{ telefon }}, {{ dien_thoai }}, {sdt}) is one wherever it stands.
VALUE = regex.compile(PLACEHOLDER_RUN)
PHONE_VALUE_NAME = regex.compile(
    r"(?i)^[\s{&]*(?:\w+[._])?(?:тел\w*|телефон\w*|phone\w*|tel(?:ephone|efon)?|mobile\w*|mob\w*|моб\w*"
    r"|sdt|sđt|dt|đt|dien[_\s]?thoai\w*|điện[_\s]?thoại\w*|di[_\s]?dong\w*|hotline\w*)(?:[_.]\w+)?[\s|}]")


def phone_values(doc, start: int, end: int):
    """(start, end) of the template placeholders between `start` and `end` that stand for a
    phone: labelled as one, or named for one in the template's source."""
    text = doc.text
    for m in VALUE.finditer(text, start, end):
        labelled = bool(_LABEL_BEFORE.search(text[max(0, m.start() - 20):m.start()]))
        if labelled or PHONE_VALUE_NAME.match(doc.raw_text[m.start():m.end()] if doc.raw_text else ""):
            yield m.start(), m.end()


def phones(text: str):
    """Phone numbers in `text`: 7–13 digits in phone grouping, not dates or document numbers;
    a short local number ("62-17-41") when labelled "тел."."""
    for m in PHONE.finditer(text):
        s = m.group()
        digits = sum(c.isdigit() for c in s)
        labelled = bool(_LABEL_BEFORE.search(text[max(0, m.start() - 20):m.start()]))
        if 5 <= digits < 7 and labelled and _LOCAL_PHONE.match(s.strip()):
            yield m
            continue
        if not 7 <= digits <= 13:
            continue
        grouped = bool(regex.search(r"[\s\-()]", s)) or s.startswith("+")
        if grouped or labelled:
            yield m


EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL = re.compile(r"(?:https?://|www\.)\S+")
SENT_END = re.compile(r"[.!?…;:]['\"»”)]*$")
ITEM = re.compile(r"^(?:[-–—•+*]\s|\d{1,2}[.)]\s|[a-zа-яđ][.)]\s)")
# E-mail quoted history: nothing after it belongs to the reply.
QUOTE_START = re.compile(
    r"^(?:-{2,}\s*(?:Original Message|Forwarded message|Исходное сообщение|Пересылаемое сообщение)"
    r"|>|.{0,200}(?:wrote|пишет|написал|написала|написал\(а\)|đã viết|viết):$"
    r"|.{0,200}\d[^<>\n]{0,120}<?[\w.+-]+@[\w-]+(?:\.[\w-]+)+>?\s*:$)", re.I)

# Outlook's header block of the quoted message: "От: …" followed by "Отправлено: …" / "Sent: …".
QUOTE_FROM = re.compile(r"^(?:От|From|Từ|Người\s+gửi)\s*:\s*\S", re.I)
QUOTE_META = re.compile(r"^(?:Отправлено|Дата|Sent|Date|Gửi\s+lúc|Ngày\s+gửi|Đã\s+gửi|Кому|To|Đến|Тема|Subject|Chủ\s+đề)\s*:", re.I)


# Marks standing for a handwritten signature or seal between the position and the name.
SIGN_MARK = re.compile(
    r"^[(\[/]?\s*(?:đã\s+ký|Đã\s+ký|ký|Ký|ký\s+tên[^()]{0,40}|Ký\s+tên[^()]{0,40}|ký,\s*ghi\s+rõ[^()]{0,30}"
    r"|đóng\s+dấu|подпись|Подпись|подписано|Подписано|signed|Signed|М\.\s?П\.?)\s*[)\]/]?$|^_{3,}$")
# The e-mail signature delimiter "-- ".
SIG_DASH = re.compile(r"^--\s?$")


def is_phone_line(s: str) -> bool:
    """A line that is mostly a phone number (or a phone label)."""
    if PHONE_LINE_LABEL.match(s):
        return True
    if next(phones(s), None) is None:
        return False
    letters = sum(ch.isalpha() for ch in s)
    return letters <= 12 or letters < len(s) * 0.35



def is_upper_line(s: str) -> bool:
    """An all-capitals line (letterhead, national title, Vietnamese position)."""
    letters = [ch for ch in s if ch.isalpha()]
    if len(letters) < 3:
        return False
    up = sum(ch.isupper() for ch in letters)
    return up >= len(letters) * 0.85
