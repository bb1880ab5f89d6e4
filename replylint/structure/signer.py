"""The signer, the executor and their phones at the end of a reply, read once per document
(`Context.signer`, `Context.contact_phones`, `Context.reply_end`).

The segmenter's `signature`/`executor` zones are used when present, but the decision never
rests on them alone: the end of the reply (the *tail*: the lines after the last paragraph of
prose, e-mail quoted history cut off) is scanned for a person's name and a phone number.
A signature counts when a person's name stands on a line of its own (or at the end of a
position line): ru "И.О. Фамилия", "Фамилия И.О.", "Фамилия Имя Отчество"; vi 2–5 capitalised
syllables (a known surname, or right after a position / TM., KT. line, or right before a
position line as e-mails put it). Executor lines ("Исп. …") and e-signature stamps
("ДОКУМЕНТ ПОДПИСАН …", "Владелец …") are not the signer.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from ..document import PLACEHOLDER_RUN
from ..nlp import parse_ru
from . import ru, vi
from .common import QUOTE_FROM, QUOTE_META, QUOTE_START, phone_values, phones
from .runin import logical_lines

SIGNED_BY = regex.compile(r"(?i)^(?:người\s+ký|подписал[аи]?)\s*:")

# A template's {{ signer }} ends the line as a name does (alone, or after the position, with one
# space or a column gap) – but not after a label that makes it another value ("тел. {{ x }}",
# "E-mail: {x}", "№ {x}", "ngày {x}").
PLACEHOLDER_NAME = regex.compile(rf"(?:^|\s){PLACEHOLDER_RUN}[ .]*$")
VALUE_LABEL = regex.compile(
    r"(?i)(?:[:№#@/\d]|\b(?:тел|телефон|факс|моб|e-?mail|почта|от|ngày|tháng|năm|số|đt|sđt|fax)\.?)\s*$")

SURNAME_RU = ru.SIGNER_SURNAME          # Иванова, ИВАНОВА
U, L = ru.U, ru.L
INITIALS_RU = rf"[{U}]\.\s?(?:[{U}]\.)?"

RU_NAME_AT_END = regex.compile(
    rf"(?:^|[\s,–—-]|(?<=[{L}])){INITIALS_RU}\s?{SURNAME_RU}(?:\s*\([^()\n]{{1,20}}\))?$"
    rf"|(?:^|[\s,–—-]){SURNAME_RU}\s+{INITIALS_RU}(?:\s*\([^()\n]{{1,20}}\))?$")

# a line that starts with a position word or is a name alone
_POSITION_OR_NAME = regex.compile(rf"^(?:{ru.POSITION_WORDS}|{INITIALS_RU}\s?{SURNAME_RU}\.?$|{SURNAME_RU}\s+{INITIALS_RU}$)")

RU_FULL_NAME = regex.compile(
    rf"(?:^|\s{{2,}}|\t){SURNAME_RU}\s+[{U}][{L}]+\s+[{U}][{L}]+(?:вич|вна|чна|ична|ич|оглы|кызы)$")

# Capitalised words of letter furniture that never form a person's name on their own line.
# ("Lưu" is not here: it is a common surname – "Lưu Quang Vinh" – and the archive line
# "Lưu: VT, TN." never matches a name line because of its colon and the capitals of "VT".)
VI_NOT_NAME = set("""
Ủy Uỷ Sở Phòng Kính Gửi Nơi Trân Trọng Điện Thoại Địa Chỉ Xã Phường Huyện Quận Tỉnh Thuế
Email Hotline Website Cổng Số Ngày Tháng Năm Trả Lời Kết Quả Nhánh Hộp Thư Fax
""".split())

# military and police ranks written before a signer's name
VI_RANK = regex.compile(r"^(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy|uý)\s+|^(?:ĐẠI|THƯỢNG|TRUNG|THIẾU)\s+(?:TƯỚNG|TÁ|ÚY|UÝ)\s+")

VI_SYLL = r"\p{Lu}(?:['’]\p{Lu})?[\p{Ll}\p{M}]*"

VI_NAME_LINE = regex.compile(rf"^(?:(?:Ông|Bà)\s+)?({VI_SYLL}(?:\s+{VI_SYLL}){{1,4}})$")

VI_POSITION = regex.compile(rf"^{vi.AUTHORITY}|^{vi.POSITION_CAPS}|^{vi.POSITION_WORDS}")

UPPER_LINE = regex.compile(r"^[^\p{Ll}]*\p{Lu}{2}[^\p{Ll}]*$")

EXECUTOR = regex.compile(rf"^(?:{ru.EXECUTOR_LABELS}|{vi.EXECUTOR_LABELS})", regex.I)

# a stamp line, or a bullet line of one ("•Владелец: …")
STAMP = regex.compile(rf"^(?:{ru.STAMP_OPENERS}|(?i:{vi.STAMP_OPENERS})|[•·])")

CLOSING = regex.compile(rf"^(?:{ru.CLOSINGS}|{vi.CLOSINGS}|Best\s+regards|Regards)", regex.I)

LIST_ITEM = regex.compile(r"^(?:[-–—•+*]\s|\d{1,2}[.)]\s)")

RECIPIENTS_LABEL = regex.compile(rf"(?i)^(?:{vi.RECIPIENTS_LABEL}|рассылка|разослать)\s*:")

MD = regex.compile(r"\*\*|__|^#{1,6}\s+|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)")


def _lines(text: str, start: int = 0, end: int | None = None):
    """(start, end, cleaned text) of each logical line (run-together facts cut apart)."""
    for pos, stop in logical_lines(text, start, end):
        raw = text[pos:stop]
        clean = MD.sub("", raw.strip().rstrip("\r")).strip()
        if clean.startswith("|") or clean.endswith("|"):
            # a Markdown table row ("| Глава управы | А.Н. Смирнов |"): cells become columns
            clean = regex.sub(r"\s*\|\s*", "    ", clean.strip("| ")).strip()
            if not regex.search(r"\w", clean):
                clean = ""
        yield pos, stop, clean

# Automatic footers of agency mail systems under the signature: not the reply's text.
DISCLAIMER = regex.compile(
    r"^(?:Внимание[!:.]?\s+(?:Это|Данное|Настоящее|Информация|Письмо|Сообщение)|Это\s+(?:письмо|сообщение)\s+(?:сформировано|отправлено|создано)"
    r"|(?:Данное|Настоящее)\s+(?:электронное\s+)?(?:письмо|сообщение)|Пожалуйста,\s+не\s+отвечайте|Просим\s+не\s+отвечать"
    r"|Информация,?\s+содержащаяся\s+в\s+(?:этом|данном|настоящем)|Конфиденциально"
    r"|(?:Lưu\s+ý:\s*)?(?:Đây\s+là\s+thư|Thư\s+(?:này|điện\s+tử\s+này)\s+(?:được|là))|Vui\s+lòng\s+không\s+trả\s+lời"
    r"|This\s+(?:e-?mail|message)|Please\s+do\s+not\s+reply|Disclaimer|CONFIDENTIAL)", regex.I)


def reply_end(doc) -> int:
    """End of the reply proper: e-mails lose their quoted history and the mail system's footer."""
    if doc.kind != "email":
        return len(doc.text)
    half = len(doc.text) // 2
    lines = [(s, t) for s, _e, t in _lines(doc.text) if t]
    for k, (s, line) in enumerate(lines):
        if s > 0 and (QUOTE_START.match(line) or (s > half and DISCLAIMER.match(line))):
            return s
        if s > 0 and QUOTE_FROM.match(line) and any(QUOTE_META.match(t) for _, t in lines[k + 1:k + 4]):
            return s        # Outlook's "От: … / Отправлено: …" block of the quoted message
    return len(doc.text)

SALUTATION = regex.compile(
    rf"^(?:{ru.SALUTATION_OPENERS}|{vi.SALUTATION_OPENERS}|{vi.ADDRESSEE_LABEL}|Dear\b)", regex.I)


def _is_prose(line: str) -> bool:
    """A line of the letter's text (where the scan for the signature stops)."""
    words = line.split()
    if STAMP.match(line) or EXECUTOR.match(line):
        return False        # an e-signature stamp or its footer, the executor: not the letter's text
    if LIST_ITEM.match(line) or regex.search(r"\S(?: {3,}|\t)\S", line):
        return False        # a recipients list item, or a flattened two-column line
    if len(words) >= 16 or SALUTATION.match(line):
        return True
    if len(words) >= 3 and regex.search(r"[.!?…]$", line) and not line.endswith("./.") \
            and not CLOSING.match(line):
        return not RU_NAME_AT_END.search(line.rstrip("."))
    return False


def tail_lines(doc, end: int | None = None, limit: int = 25):
    """Non-empty lines at the end of the reply, after the last paragraph of prose."""
    end = reply_end(doc) if end is None else end
    lines = [(s, e, t) for s, e, t in _lines(doc.text, 0, end) if t]
    out = []
    for s, e, t in reversed(lines):
        if _is_prose(t) or len(out) >= limit:
            break
        out.append((s, e, t))
    return list(reversed(out))


def _vi_name(lines, i) -> bool:
    t = regex.split(r"(?: {3,}|\t)", lines[i][2])[-1]      # the right-hand column
    t = regex.sub(r"\s+\(.*\)$", "", t).strip(" .,;")
    t = VI_RANK.sub("", t)      # police and army signers: "Thượng tá Vàng A Lử"
    if UPPER_LINE.match(t) and 2 <= len(t.split()) <= 5:
        # a signer's name printed in capitals: "NGUYỄN VĂN AN" under the position
        first = t.split()[0]
        prev = lines[i - 1][2] if i > 0 else ""
        return first[:1] + first[1:].lower() in vi.SURNAMES and bool(VI_POSITION.search(prev)
                                                                      or UPPER_LINE.match(prev))
    m = VI_NAME_LINE.match(t)
    if not m:
        return False
    syll = m.group(1).split()
    if any(s in VI_NOT_NAME for s in syll):
        return False
    if syll[0] in vi.SURNAMES:
        return True
    before = [lines[j][2] for j in range(max(0, i - 3), i)]
    nxt = lines[i + 1][2] if i + 1 < len(lines) else ""
    return bool(any(VI_POSITION.search(b) or UPPER_LINE.match(b) for b in before)
                or VI_POSITION.search(nxt))


def _ru_person_words(line: str) -> bool:
    """ "Екатерина Иванова", "Иванова Екатерина": 2–3 capitalised words, at least two of them
    names, surnames or patronymics by pymorphy3."""
    words = line.split()
    if not 2 <= len(words) <= 3 or not all(regex.match(rf"^[{U}][{L}]+(?:-[{U}][{L}]+)?$", w) for w in words):
        return False
    named = 0
    for w in words:
        _, _, tags = parse_ru(w)
        if any(("Name" in t or "Surn" in t or "Patr" in t) for t in tags[:3]):
            named += 1
    return named >= 2


def is_name_line(lines, i, lang) -> bool:
    t = lines[i][2]
    cols = regex.split(r"(?: {3,}|\t)", t)
    if len(cols) > 1 and (LIST_ITEM.match(cols[0]) or RECIPIENTS_LABEL.match(cols[0])):
        t = cols[-1]    # "- Lưu: VT.      Trần Đình Nguyên": the signature column beside Nơi nhận
    m = CLOSING.match(t)
    if m:
        # "С уважением, А.В. Николаев" on one line
        t = t[m.end():].lstrip(" ,.:;–—-")
        t = regex.sub(r"^(?:уважением|trọng)\W*", "", t, flags=regex.I)
        if not t:
            return False
    signed = SIGNED_BY.match(t)
    if signed:   # "Người ký: Lê Thị Ánh" names a person; in an e-signature stamp it names the office
        rest = t[signed.end():].strip()
        return bool(RU_NAME_AT_END.search(rest) or RU_FULL_NAME.match(rest) or (
            VI_NAME_LINE.match(rest) and not set(rest.split()) & VI_NOT_NAME))
    if EXECUTOR.match(t) or STAMP.match(t) or LIST_ITEM.match(t):
        return False
    ph = PLACEHOLDER_NAME.search(t)
    if ph and not VALUE_LABEL.search(t[:ph.start()]):
        return True     # a template's {{ signer }}, alone or after the position: a name to come
    if lang in ("ru", "unknown") or regex.search(r"[А-Яа-яЁё]", t):
        core = regex.sub(r"\s*[,;]?\s*(?<!\w)(?:тел\.|тел\b|телефон\b)[^\n]*$", "", t, flags=regex.I).strip()
        if core.endswith(".") and not core.endswith("..") and (m or _POSITION_OR_NAME.match(core)):
            # «С уважением, Ю. Зельников.», «Глава управы А.В. Гущин.»: a signature typed as a
            # sentence (after a closing, a position, or alone; «… подготовил А.А. Петров.» is prose)
            core = core[:-1]
        if RU_NAME_AT_END.search(core) or RU_FULL_NAME.search(core) or RU_FULL_NAME.match(core):
            return True
        if _ru_person_words(core):
            return True
        if lang == "ru":
            return False
    return _vi_name(lines, i)


def signer_lines(doc, lines) -> list[int]:
    """Indexes of tail lines naming a person who signs (not the executor)."""
    lang = doc.lang
    found = [i for i in range(len(lines)) if is_name_line(lines, i, lang)]
    if not found:
        return []
    # an executor block without the "Исп." label: the last name, directly followed by a phone
    # line, after another name ("Б.В. Андреев / Пантелеймонов А.А. / 8 (499) 473-15-65")
    if len(found) > 1:
        last = found[-1]
        nxt = lines[last + 1][2] if last + 1 < len(lines) else ""
        if nxt and next(phones(nxt), None) and len(regex.sub(r"[\d\s()+\-,.доб]", "", nxt)) < 12:
            found = found[:-1]
    return found


@dataclass
class Signer:
    """The line that names the person signing the reply."""
    start: int
    end: int
    text: str                   # the cleaned line
    in_zone: bool               # found in the segmenter's `signature` zone (else in the tail)


def _name_in_zone(doc, name) -> Signer | None:
    for s, e in doc.zone_spans([name]):
        lines = [(a, b, t) for a, b, t in _lines(doc.text, s, e) if t]
        for i in range(len(lines)):
            if is_name_line(lines, i, doc.lang):
                return Signer(lines[i][0], lines[i][1], lines[i][2], True)
    return None


def find_signer(doc, tail: list[tuple[int, int, str]]) -> Signer | None:
    """The signer's name line: in the `signature` zone, else among the `tail` lines."""
    if not doc.text.strip():
        return None
    found = _name_in_zone(doc, "signature")
    if found is not None:
        return found
    names = signer_lines(doc, tail)
    if names:
        a, b, t = tail[names[0]]
        return Signer(a, b, t, False)
    return None


def contact_phones(doc, end: int, tail: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Phones in the signature and executor zones and in the tail of the reply (up to `end`),
    except those in the letterhead or the addressee block (the office's, the citizen's)."""
    text = doc.text
    # the zones the segmenter found for the signer, the executor and what follows them
    spans = doc.zone_spans(["signature", "executor"])
    tail_start = None
    for z in doc.zones:
        if z.name in ("closing", "signature", "executor") and z.start < end:
            tail_start = z.start if tail_start is None else min(tail_start, z.start)
    if tail_start is not None:
        spans.append((tail_start, end))
    if tail:
        spans.append((tail[0][0], end))
    office = doc.zone_spans(["header", "addressee"])
    found: list[tuple[int, int]] = []
    for s, e in spans:
        hits = [(s + m.start(), s + m.end()) for m in phones(text[s:min(e, end)])]
        if doc.is_template:
            hits += phone_values(doc, s, min(e, end))
        for at, to in hits:
            if not any(zs <= at < ze for zs, ze in office) and (at, to) not in found:
                found.append((at, to))
    return sorted(found)
