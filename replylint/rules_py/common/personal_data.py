"""`common.personal-data`: identifiers of a person printed in clear.

Every candidate is validated by its checksum or structure, and by its label where the
number alone is ambiguous:
  bank card      13–19 digits (plain or in groups), Luhn, issuer prefix 2–6 or Napas 9704;
                 any prefix when labelled "карта", "card", "thẻ"
  СНИЛС          "123-456-789 01" (or 11 digits after the word СНИЛС), control number
  ИНН (person)   12 digits, both control digits (a 10-digit ИНН is an organisation's)
  passport (ru)  "серия 45 06 № 123456", "паспорт 4506 123456"
  полис ОМС      16 digits with "ОМС"/"полис" just before
  CCCD (vi)      12 digits: province code 001–096 (existing ones), century/sex digit 0–3
                 and a birth year not in the future; or any 12 digits labelled Căn cước/CCCD
  CMND (vi)      9 or 12 digits after "CMND"/"chứng minh nhân dân"
Quiet: numbers labelled as an organisation's (ОГРН, ИНН/КПП, ОКПО, БИК, р/с …) or sitting in the
letterhead (`header` zone), certificate serials of an e-signature stamp, phone numbers,
document numbers ("№ 01-05-7892/26"), dates, postal codes (6 digits).
"""
from __future__ import annotations

import bisect
from datetime import date

import regex

from ...spans import line_bounds

# ------------------------------------------------------------------ checksums

def luhn(digits: str) -> bool:
    total, alt = 0, False
    for ch in reversed(digits):
        d = int(ch)
        if alt:
            d *= 2
            if d > 9:
                d -= 9
        total += d
        alt = not alt
    return total % 10 == 0


def snils_ok(digits: str) -> bool:
    if len(digits) != 11 or not digits.isdigit():
        return False
    number, control = digits[:9], int(digits[9:])
    if int(number) <= 1001998:          # numbers up to 001-001-998 carry no checksum
        return False
    if len(set(number)) == 1:
        return False
    s = sum(int(d) * (9 - i) for i, d in enumerate(number))
    while s > 101:
        s %= 101
    if s in (100, 101):
        s = 0
    return s == control


def inn12_ok(digits: str) -> bool:
    if len(digits) != 12 or not digits.isdigit():
        return False
    d = [int(c) for c in digits]
    w1 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]
    w2 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]
    c1 = sum(a * b for a, b in zip(w1, d)) % 11 % 10
    c2 = sum(a * b for a, b in zip(w2, d)) % 11 % 10
    return c1 == d[10] and c2 == d[11] and len(set(digits)) > 2


def inn10_ok(digits: str) -> bool:
    if len(digits) != 10 or not digits.isdigit():
        return False
    d = [int(c) for c in digits]
    w = [2, 4, 10, 3, 5, 9, 4, 6, 8]
    return sum(a * b for a, b in zip(w, d)) % 11 % 10 == d[9]


# Province codes of the Vietnamese citizen identity number (Thông tư 07/2016/TT-BCA, 59/2021).
VN_PROVINCES = {
    "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020",
    "022", "024", "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038",
    "040", "042", "044", "045", "046", "048", "049", "051", "052", "054", "056", "058", "060",
    "062", "064", "066", "067", "068", "070", "072", "074", "075", "077", "079", "080", "082",
    "083", "084", "086", "087", "089", "091", "092", "093", "094", "095", "096",
}


def cccd_ok(digits: str, today: date | None = None) -> bool:
    if len(digits) != 12 or not digits.isdigit() or digits[:3] not in VN_PROVINCES:
        return False
    century = digits[3]
    if century not in "0123":
        return False
    year = (1900 if century in "01" else 2000) + int(digits[4:6])
    return year <= (today or date.today()).year


# ------------------------------------------------------------------ masking

def mask(s: str, keep: int) -> str:
    """Replace all digits but the last `keep` with '*', keeping separators."""
    total = sum(c.isdigit() for c in s)
    out, seen = [], 0
    for c in s:
        if c.isdigit():
            seen += 1
            out.append(c if seen > total - keep else "*")
        else:
            out.append(c)
    return "".join(out)


# ------------------------------------------------------------------ candidates

D = r"(?<![\w/.\-№])"          # not glued to a word, a document number or a date
E = r"(?![\w/\-]|[.,]\d)"
CARD = regex.compile(
    D + r"(?:[2-6]\d{3}(?:[ \-]\d{4}){3}(?:[ \-]?\d{1,3})?"       # 4-4-4-4(-3)
    r"|3[47]\d{2}[ \-]\d{6}[ \-]\d{5}"                             # Amex 4-6-5
    r"|[2-6]\d{12,18}"
    r"|9704(?:[ \-]\d{4}){3}(?:[ \-]?\d{1,3})?|9704\d{12,15})" + E)     # Napas (vi domestic)
CARD_LABELLED = regex.compile(
    r"(?i:карт[аеуыо]\w*|card|thẻ(?:\s+ngân\s+hàng|\s+ATM)?)(?:\s+(?:№|N|номер|số|no\.?))?[\s:№]{0,4}"
    r"(?<![\d\-/])(\d{4}(?:[ \-]?\d{4}){2,3}(?:[ \-]?\d{1,3})?)" + E)
SNILS = regex.compile(D + r"(?:\d{3}-\d{3}-\d{3}[ \-]?\d{2}|\d{3} \d{3} \d{3} \d{2})" + E)
SNILS_PLAIN = regex.compile(r"(?i:СНИЛС|страхов\w+\s+номер\w*(?:\s+индивидуальн\w+\s+лицев\w+\s+сч[её]т\w*)?)[\s:№.-]{0,6}(\d{11}|\d{3}[ \-]\d{3}[ \-]\d{3}[ \-]?\d{2})" + E)
DIGITS12 = regex.compile(D + r"\d{12}" + E)
PASSPORT = regex.compile(
    r"(?i:(?:паспорт\w*[^\n\d]{0,40}?)?сери[яию]\s*)(\d{2}\s?\d{2})[\s,]*(?:(?i:№|N|номер|номера)\s*)?(\d{6})" + E
    + r"|(?i:паспорт\w*)[^\n\d]{0,50}?(?<![\d\-/])(\d{2}\s?\d{2})\s*(?:№\s*)?(\d{6})" + E)
# a foreign-travel passport (ru "75 1234567") or a Vietnamese hộ chiếu ("C1234567"), by their label
PASSPORT_INTL = regex.compile(
    r"(?i:загран\w*\s+паспорт\w*|заграничн\w+\s+паспорт\w*|загранпаспорт\w*|hộ\s+chiếu)[^\n\d]{0,25}?"
    r"(?<![\w\-/])(\d{2}\s?(?:№\s?)?\d{7}|[A-Z]\d{7})" + E)
OMS = regex.compile(r"(?i:(?:полис\w*|ОМС)[^\n\d]{0,30}?)(?<![\d\-/])(\d{4}[ \-]?\d{4}[ \-]?\d{4}[ \-]?\d{4})" + E)
CCCD_LABEL = regex.compile(
    r"(?i:căn\s+cước(?:\s+công\s+dân)?|CCCD|số\s+định\s+danh(?:\s+cá\s+nhân)?)[^\n\d]{0,20}?(?<![\d\-/])(\d{12})" + E)
CMND = regex.compile(
    r"(?i:CMND|CMT|chứng\s+minh\s+(?:nhân\s+dân|thư))[^\n\d]{0,20}?(?<![\d\-/])(\d{9}|\d{12})" + E)

# Labels of numbers that are not a person's: organisation codes, accounts, stamps, documents.
ORG_LABEL = regex.compile(
    r"(?i:ОГРНИП|ОГРН|ИНН\s*/\s*КПП|КПП|ОКПО|ОКАТО|ОКТМО|ОКОГУ|ОКВЭД|ОКФС|ОКОПФ|БИК|р/с|к/с|"
    r"расч[её]тн\w*\s+сч[её]т\w*|корр?\w*\s+сч[её]т\w*|л/с|лицев\w+\s+сч[её]т\w*|"
    r"сертификат\w*|серийн\w+|serial|ID|идентификатор\w*|рег(?:истрационн\w*)?\.?\s*(?:№|номер)|"
    r"(?:под\s+)?номер(?:ом|а|у)?|mã\s+số\s+thuế|MST|mã\s+hồ\s+sơ|mã\s+(?:giao\s+dịch|tra\s+cứu|biên\s+nhận)|số\s+biên\s+nhận|số\s+hồ\s+sơ|(?:số\s+)?tài\s+khoản(?:\s+số)?|Số:|№)[^\n]{0,12}$")
STAMP_LINE = regex.compile(r"(?i)сертификат|владелец|действителен|подписан|СВЕДЕНИЯ О СЕРТИФИКАТЕ|chứng thư|ký số")


class _Found:
    """Non-overlapping findings, the first one found at a place wins (kept sorted, so an
    overlap check is a binary search, not a scan of every earlier finding)."""

    def __init__(self):
        self.items = []
        self._sorted: list[tuple[int, int]] = []

    def add(self, start, end, keep):
        i = bisect.bisect_left(self._sorted, (start, end))
        if i and self._sorted[i - 1][1] > start:
            return
        if i < len(self._sorted) and self._sorted[i][0] < end:
            return
        self._sorted.insert(i, (start, end))
        self.items.append((start, end, keep))


def _line(text, pos):
    s, e = line_bounds(text, pos)
    return text[s:e], s


def _org_context(text, start) -> bool:
    """The number is labelled as an organisation's code, a document or stamp number."""
    line, ls = _line(text, start)
    before = text[max(ls, start - 40):start]
    if ORG_LABEL.search(before) and not regex.search(r"(?i)карт|card|thẻ", before):
        return True
    return bool(STAMP_LINE.search(line))


def find_identifiers(text: str, lang: str, header_spans=()) -> list[tuple[int, int, int, str]]:
    """(start, end, digits to keep when masking, kind) of every personal identifier."""
    found = _Found()
    kinds = {}

    def add(s, e, keep, kind):
        before = len(found.items)
        found.add(s, e, keep)
        if len(found.items) > before:
            kinds[(s, e)] = kind

    # labelled identifiers first: the label makes them certain
    for m in PASSPORT.finditer(text):
        g = [i for i in (1, 3) if m.group(i)]
        if g:
            i = g[0]
            add(m.start(i), m.end(i + 1), 2, "passport")
    for m in PASSPORT_INTL.finditer(text):
        add(m.start(1), m.end(1), 3, "passport")
    for m in OMS.finditer(text):
        add(m.start(1), m.end(1), 4, "oms")
    for m in SNILS_PLAIN.finditer(text):
        digits = regex.sub(r"\D", "", m.group(1))
        # the label vouches for a bare 11-digit number; a formatted one must pass the checksum
        if snils_ok(digits) or (m.group(1).isdigit() and len(set(digits)) > 2):
            add(m.start(1), m.end(1), 2, "snils")
    for m in CARD_LABELLED.finditer(text):
        digits = regex.sub(r"\D", "", m.group(1))
        # the label makes a grouped 16-digit number certain; otherwise Luhn decides
        grouped = regex.fullmatch(r"\d{4}(?:[ \-]\d{4}){3}", m.group(1))
        if 13 <= len(digits) <= 19 and (luhn(digits) or grouped) and len(set(digits)) > 2:
            add(m.start(1), m.end(1), 4, "card")
    if lang != "ru":
        for rx, kind in ((CCCD_LABEL, "cccd"), (CMND, "cmnd")):
            for m in rx.finditer(text):
                add(m.start(1), m.end(1), 3, kind)

    in_header = lambda s: any(hs <= s < he for hs, he in header_spans)  # noqa: E731

    for m in SNILS.finditer(text):
        digits = regex.sub(r"\D", "", m.group())
        if snils_ok(digits) and not _org_context(text, m.start()):
            add(m.start(), m.end(), 2, "snils")
    for m in CARD.finditer(text):
        digits = regex.sub(r"\D", "", m.group())
        if not (13 <= len(digits) <= 19) or not luhn(digits):
            continue
        if in_header(m.start()) or _org_context(text, m.start()):
            continue
        if len(digits) in (13, 15) and m.group().isdigit():
            # an unseparated 13/15-digit number is far likelier an ОГРН/ОГРНИП than a card
            continue
        add(m.start(), m.end(), 4, "card")
    for m in DIGITS12.finditer(text):
        digits = m.group()
        if in_header(m.start()) or _org_context(text, m.start()):
            continue
        if lang == "vi":
            if cccd_ok(digits):
                add(m.start(), m.end(), 3, "cccd")
        elif inn12_ok(digits):
            add(m.start(), m.end(), 2, "inn")
        elif lang != "ru" and cccd_ok(digits):
            add(m.start(), m.end(), 3, "cccd")
    return [(s, e, k, kinds[(s, e)]) for s, e, k in sorted(found.items)]


KIND_NAMES = {
    "ru": {"card": "номер банковской карты", "snils": "СНИЛС", "inn": "ИНН физического лица",
           "passport": "серия и номер паспорта", "oms": "номер полиса ОМС",
           "cccd": "номер удостоверения личности", "cmnd": "номер удостоверения личности"},
    "vi": {"card": "số thẻ ngân hàng", "snils": "số bảo hiểm (SNILS)", "inn": "mã số thuế cá nhân",
           "passport": "số hộ chiếu", "oms": "số thẻ bảo hiểm y tế", "cccd": "số Căn cước công dân",
           "cmnd": "số Chứng minh nhân dân"},
    "en": {"card": "bank card number", "snils": "SNILS", "inn": "personal taxpayer number (INN)",
           "passport": "passport series and number", "oms": "health insurance policy number",
           "cccd": "citizen identity number", "cmnd": "identity card number"},
}


def find(ctx, check):
    doc = ctx.doc
    lang = doc.lang if doc.lang in ("ru", "vi") else "en"
    header = doc.zone_spans(["header"])
    allowed = ctx.spans(check.rule.zones)
    for s, e, keep, kind in find_identifiers(doc.text, doc.lang, header):
        if not any(zs <= s < ze for zs, ze in allowed):
            continue
        yield check.hit(ctx, s, e, suggestion=mask(doc.text[s:e], keep),
                        kind=KIND_NAMES[lang][kind])
