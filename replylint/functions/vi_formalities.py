"""The formalities of Nghị định 30/2020/NĐ-CP, Phụ lục I, for a Vietnamese công văn:
Quốc hiệu and Tiêu ngữ, "Số: 05/UBND-VP", "Hà Nội, ngày 05 tháng 3 năm 2026", "Kính gửi:",
"Nơi nhận:" with "- Lưu: VT, …". Every finding names the document kind it assumed."""
from __future__ import annotations

import unicodedata

import regex

from ..checks.matching import fold
from . import vi_kind as K

QUOC_HIEU = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"

_TITLE_F = regex.compile(r"cong\s*hoa\s+xa\s+hoi\s+chu\s+nghia\s+viet\s+nam", regex.I)
_TITLE_NEAR = regex.compile(r"cong\s*hoa\s+xa\s+hoi|xa\s+hoi\s+chu\s+nghia\s+viet\s+nam", regex.I)
_MOTTO_F = regex.compile(r"doc\s*lap\s*[-–—‑]?\s*tu\s*do\s*[-–—‑]?\s*hanh\s*phuc", regex.I)
_MOTTO_OK = regex.compile(r"^Độc lập [-–] Tự do [-–] Hạnh phúc$")
_WS = regex.compile(r"\s+")


def _checked_kind(ctx, kinds) -> str | None:
    """The document's kind when the formal checks apply to it: a kind in `kinds`, and not a
    letter mostly in a legacy encoding (only vi.legacy-encoding speaks about that one)."""
    if K.unreadable(ctx):
        return None
    k = K.kind(ctx)
    return k if k in kinds else None


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def _fold_map(text: str, start: int, end: int):
    """Folded text[start:end] (diacritics removed, one char per char) and its offsets."""
    chars, offs = [], []
    for i in range(start, end):
        c = text[i]
        if unicodedata.combining(c):
            continue
        chars.append(fold(c)[:1] or c)
        offs.append(i)
    offs.append(end)
    return "".join(chars), offs


def _find_folded(pattern, text, spans):
    for s, e in spans:
        f, offs = _fold_map(text, s, e)
        for m in pattern.finditer(f):
            yield offs[m.start()], offs[m.end() - 1] + 1


def _note(ctx):
    return K.kind_note(K.kind(ctx))


# ------------------------------------------------------------------ Quốc hiệu, Tiêu ngữ

def national_title(ctx, check):
    k = _checked_kind(ctx, ("congvan", "vanban"))
    if k is None:
        return
    doc, text = ctx.doc, ctx.doc.text
    spans = K.head_spans(doc)
    note = K.kind_note(k)
    titles = list(_find_folded(_TITLE_F, text, spans))
    mottos = list(_find_folded(_MOTTO_F, text, spans))
    if not titles:
        near = list(_find_folded(_TITLE_NEAR, text, spans))
        if near:
            s, e = near[0]
            yield check.hit(ctx, s, e, suggestion=QUOC_HIEU[0], kind=note, what="Quốc hiệu",
                            message=f"Quốc hiệu viết sai «{text[s:e]}»: phải là «{QUOC_HIEU[0]}» "
                                    f"(chữ in hoa, đúng chính tả) {note}.")
        elif k == "congvan":
            s, e = K.first_line_span(text)
            yield check.hit(ctx, s, e, suggestion=QUOC_HIEU[0], kind=note, what="Quốc hiệu",
                            message=f"Thiếu Quốc hiệu «{QUOC_HIEU[0]}» và Tiêu ngữ «{TIEU_NGU}» "
                                    f"ở đầu văn bản {note}.")
            return
    for s, e in titles[:1]:
        got = _WS.sub(" ", _nfc(text[s:e]))
        if got not in QUOC_HIEU:
            yield check.hit(ctx, s, e, suggestion=QUOC_HIEU[0], kind=note, what="Quốc hiệu",
                            message=f"Quốc hiệu «{got}» không đúng thể thức: phải là "
                                    f"«{QUOC_HIEU[0]}» (chữ in hoa, đứng) {note}.")
    if not mottos:
        if titles or k == "congvan":
            s, e = titles[0] if titles else K.first_line_span(text)
            yield check.hit(ctx, s, e, suggestion=TIEU_NGU, kind=note, what="Tiêu ngữ",
                            message=f"Thiếu Tiêu ngữ «{TIEU_NGU}» dưới Quốc hiệu {note}.")
        return
    s, e = mottos[0]
    got = _WS.sub(" ", _nfc(text[s:e]))
    if not _MOTTO_OK.match(got):
        yield check.hit(ctx, s, e, suggestion=TIEU_NGU, kind=note, what="Tiêu ngữ",
                        message=f"Tiêu ngữ «{got}» không đúng thể thức: phải là «{TIEU_NGU}» "
                                f"(chỉ viết hoa chữ cái đầu mỗi cụm từ, gạch nối có cách chữ) {note}.")


# ------------------------------------------------------------------ Số và ký hiệu

_NUM_LABEL = regex.compile(r"^[ \t]*(?P<label>S[ốô]|SỐ)[ \t]*:", regex.M)
# the value runs to the end of the line or to a column gap followed by the date column
_NUM_VALUE_END = regex.compile(r"(?:[ \u00a0]{2,}|\t+)(?=[^\s/])|(?<=[\p{L}\d])[ \u00a0](?=\p{Lu}\p{Ll})")
_NUM_NO_COLON = regex.compile(r"^[ \t]*(?P<label>S[ốô]|SỐ)[ \t]+(?=\d+[ \t]*/)", regex.M)
_NUM_OK = regex.compile(
    r"^(?P<num>\d+|[ .…_\u00a0\ue000]*)/(?P<sym>(?:\d{4}/)?[A-ZĐ][A-ZĐa-zđ0-9]*(?:[-–][A-ZĐa-zđ0-9]+)*)\.?$")


def number_symbol(ctx, check):
    k = _checked_kind(ctx, ("congvan", "vanban"))
    if k is None:
        return
    text = ctx.doc.text
    note = K.kind_note(k)
    found = None
    for s, e in K.head_spans(ctx.doc):
        m = _NUM_LABEL.search(text, s, e)
        if m:
            found = m
            break
    if not found:
        for s, e in K.head_spans(ctx.doc):
            m = _NUM_NO_COLON.search(text, s, e)
            if m:
                le = text.find("\n", m.end())
                le = len(text) if le < 0 else le
                vm = _NUM_VALUE_END.search(text, m.end(), le)
                end = vm.start() if vm else le
                yield check.hit(ctx, m.start("label"), end, kind=note,
                                message=f"Số và ký hiệu «{text[m.start('label'):end]}» không đúng thể thức: "
                                        f"thiếu dấu hai chấm sau «Số» (ví dụ «Số: 05/UBND-VP») {note}.")
                return
        if k == "congvan":
            s, e = K.first_line_span(text)
            yield check.hit(ctx, s, e, suggestion="Số: 05/UBND-VP", kind=note,
                            message=f"Thiếu số và ký hiệu văn bản (dạng «Số: 05/UBND-VP») {note}.")
        return
    line_end = text.find("\n", found.end())
    line_end = len(text) if line_end < 0 else line_end
    # the value starts after the spaces that follow "Số:" ("Số:  56/UBND-VP" is not a blank number)
    vstart = found.end()
    while vstart < line_end and text[vstart] in " \t\u00a0" and vstart - found.end() < 8:
        vstart += 1
    vm = _NUM_VALUE_END.search(text, vstart, line_end)
    vend = vm.start() if vm else line_end
    raw = text[found.end():vend]
    value = raw.strip()
    vs = found.end() + (len(raw) - len(raw.lstrip()))
    span = (found.start("label"), vs + len(value)) if value else (found.start("label"), found.end())
    problem = None
    ok = _NUM_OK.match(value)
    if not value:
        problem = "thiếu số và ký hiệu sau «Số:»"
    elif "/" not in value:
        problem = "thiếu dấu «/» giữa số và ký hiệu"
    elif not ok:
        if regex.search(r"\s", value.strip(" .…_")) or regex.search(r"\s[/-]|[/-]\s", value):
            problem = "có dấu cách trong số và ký hiệu"
        else:
            problem = "ký hiệu không đúng dạng «số/chữ viết tắt tên cơ quan-đơn vị»"
    else:
        num = ok.group("num")
        if num.isdigit() and len(num) == 1:
            problem = f"số nhỏ hơn 10 phải có số 0 ở trước («0{num}»)"
    if problem:
        sugg = None
        if ok and ok.group("num").isdigit() and len(ok.group("num")) == 1:
            sugg = "Số: 0" + value
        yield check.hit(ctx, span[0], span[1], suggestion=sugg, kind=note,
                        message=f"Số và ký hiệu «{text[span[0]:span[1]]}» không đúng thể thức: "
                                f"{problem} (ví dụ «Số: 05/UBND-VP») {note}.")


# ------------------------------------------------------------------ Địa danh và thời gian

_DATE_WORDS = regex.compile(r"\bngày\b", regex.I)
_DATE_OK = regex.compile(
    r"^(?P<place>(?![ \t]*ngày\b)[^\n]{2,80}?),[ \t]*ngày[ \t]+(?P<d>\d{1,2}|[ .…_]+)[ \t]+tháng[ \t]+"
    r"(?P<m>\d{1,2}|[ .…_]+)[ \t]+năm[ \t]+(?P<y>\d{4}|20[ .…_]*|[ .…_]+)[ \t.]*$")
_DATE_NOPLACE = regex.compile(
    r"^,?[ \t]*ngày[ \t]+(?P<d>\d{1,2}|[ .…_]+)[ \t]+tháng[ \t]+(?P<m>\d{1,2}|[ .…_]+)[ \t]+năm\b", regex.I)
_DATE_NUMERIC = regex.compile(
    r"^(?:(?P<place>(?![ \t]*ngày\b)[^\n]{2,80}?),[ \t]*)?(?:ngày[ \t]*)?(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>\d{2,4})[ \t.]*$",
    regex.I)


# a draft: the day (and often the month) left blank until the letter is signed,
# "ngày    tháng 3 năm 2026", "ngày …. tháng …. năm 2026"
_DATE_BLANK = regex.compile(r",[ \t]*ngày[ \t.…_\ue000]+tháng[ \t.…_\ue000\d]+năm\b", regex.I)


def _date_problems(d: str, m: str) -> list[str]:
    out = []
    if d.isdigit():
        if len(d) == 1:
            out.append(f"ngày nhỏ hơn 10 phải có số 0 ở trước («ngày 0{d}»)")
    if m.isdigit():
        mi = int(m)
        if mi in (1, 2) and len(m) == 1:
            out.append(f"tháng 1 và tháng 2 phải có số 0 ở trước («tháng 0{m}»)")
        elif mi >= 3 and m.startswith("0"):
            out.append(f"tháng từ 3 đến 12 không có số 0 ở trước («tháng {mi}»)")
    return out


def _fmt_date(place, d, m, y):
    d2 = f"{int(d):02d}" if d.isdigit() else d
    m2 = (f"{int(m):02d}" if int(m) <= 2 else str(int(m))) if m.isdigit() else m
    y2 = y if len(y) == 4 else f"20{y}"
    return f"{place}, ngày {d2} tháng {m2} năm {y2}"


def date_line(ctx, check):
    k = _checked_kind(ctx, ("congvan", "vanban"))
    if k is None:
        return
    text = ctx.doc.text
    note = K.kind_note(k)
    for hs, he in K.head_spans(ctx.doc):
        for off, line in K.lines_with_offsets(text, hs, he):
            if _DATE_BLANK.search(line):
                return          # a draft: the date is written in when the letter is signed
            for so, seg in K.segments(line, off):
                if not _DATE_WORDS.search(seg) and not _DATE_NUMERIC.match(seg):
                    continue
                m = _DATE_OK.match(seg)
                if m:
                    probs = _date_problems(m.group("d"), m.group("m"))
                    if probs:
                        sugg = _fmt_date(m.group("place").strip(), m.group("d"), m.group("m"), m.group("y"))
                        yield check.hit(ctx, so, so + len(seg), suggestion=sugg, kind=note,
                                        message=f"Dòng địa danh, ngày tháng «{seg}» không đúng thể thức: "
                                                f"{'; '.join(probs)} {note}.")
                    return
                m = _DATE_NUMERIC.match(seg)
                if m and (m.group("place") or "ngày" in seg.lower()):
                    place = (m.group("place") or "").strip()
                    sugg = _fmt_date(place or "[Địa danh]", m.group("d"), m.group("m"), m.group("y")) \
                        if 1 <= int(m.group("m")) <= 12 else None
                    msg = "ngày tháng phải viết đầy đủ «ngày … tháng … năm …», không viết bằng số và dấu «/»"
                    if not place:
                        msg += "; thiếu địa danh"
                    yield check.hit(ctx, so, so + len(seg), suggestion=sugg, kind=note,
                                    message=f"Dòng địa danh, ngày tháng «{seg}» không đúng thể thức: "
                                            f"{msg} (ví dụ «Hà Nội, ngày 05 tháng 3 năm 2026») {note}.")
                    return
                m = _DATE_NOPLACE.match(seg)
                if m:
                    yield check.hit(ctx, so, so + len(seg), kind=note,
                                    message=f"Dòng ngày tháng «{seg}» thiếu địa danh (ví dụ «Hà Nội, "
                                            f"ngày 05 tháng 3 năm 2026») {note}.")
                    return
    if k == "congvan":
        s, e = K.first_line_span(text)
        yield check.hit(ctx, s, e, kind=note,
                        message=f"Thiếu dòng địa danh và thời gian ban hành (ví dụ «Hà Nội, ngày 05 "
                                f"tháng 3 năm 2026») {note}.")


# ------------------------------------------------------------------ Kính gửi

# "Kính gửi" as a verb with "lời chào/lời cảm ơn" as its object ("Kính gửi lời chào trân trọng.")
# greets nobody by name
_NOT_ADDRESS = r"(?![ \t]+(?:[\p{L}/]+[ \t]+){0,3}?lời[ \t]+(?:chào|cảm[ \t]+ơn|thăm|hỏi|chúc))"
_GREETING_VERB = regex.compile(
    r"(?i:Kính)[ \t]+(?i:g[ửở]i)[ \t]+(?:[\p{L}/]+[ \t]+){0,3}?lời[ \t]+(?:chào|cảm[ \t]+ơn|thăm|hỏi|chúc)")
_GREET_LETTER = regex.compile(r"^[ \t>*#_]*(?:Kính[ \t]+g[ửở]i|KÍNH[ \t]+G[ỬỞ]I)\b" + _NOT_ADDRESS, regex.M)
_GREET_REPLY = regex.compile(
    r"^[ \t>*#_]*(?:Kính[ \t]+g[ửở]i|KÍNH[ \t]+G[ỬỞ]I|Kính[ \t]+thưa|Kính[ \t]+chào)\b" + _NOT_ADDRESS, regex.M)
_GREET_EMAIL = regex.compile(
    r"^[ \t>*#_]*(?:Kính[ \t]+g[ửở]i|KÍNH[ \t]+G[ỬỞ]I|Kính[ \t]+thưa|Kính[ \t]+chào|Xin[ \t]+chào)\b",
    regex.M | regex.I)


def recipient_missing(ctx, check):
    k = _checked_kind(ctx, ("congvan", "reply", "email"))
    if k is None:
        return
    doc, text = ctx.doc, ctx.doc.text
    addressee = doc.zone_text("addressee").strip()
    if addressee and not _GREETING_VERB.match(addressee):
        return
    pattern = {"email": _GREET_EMAIL, "reply": _GREET_REPLY}.get(k, _GREET_LETTER)
    rec = doc.first_zone("recipients")
    limit = rec.start if rec is not None else len(text)
    if pattern.search(text, 0, limit):
        return
    spans = doc.zone_spans(["body"])
    s, e = K.first_line_span(text, spans[0][0] if spans else 0)
    what = "lời chào «Kính gửi …» hoặc «Kính chào …»" if k == "email" else "dòng «Kính gửi: …»"
    yield check.hit(ctx, s, e, kind=K.kind_note(k),
                    message=f"Thiếu {what} trước nội dung trả lời {K.kind_note(k)}.")


# ------------------------------------------------------------------ Nơi nhận, Lưu: VT

_LUU = regex.compile(r"^[ \t]*[-–•+*]?[ \t]*(?:Lưu|LƯU)\b[ \t]*:?(?P<rest>.*)$", regex.M)
_VT = regex.compile(r"\bVT\b|văn\s+thư", regex.I)


def recipients_list(ctx, check):
    k = _checked_kind(ctx, ("congvan",))
    if k is None:
        return
    doc, text = ctx.doc, ctx.doc.text
    note = K.kind_note(k)
    m = K.RECIPIENTS_LINE.search(text)
    if not m:
        s, e = K.last_line_span(text)
        yield check.hit(ctx, s, e, kind=note,
                        message=f"Thiếu phần «Nơi nhận:» (danh sách nơi nhận, kết thúc bằng «- Lưu: VT, …») {note}.")
        return
    rec = doc.first_zone("recipients")
    end = max(rec.end if rec is not None else 0, min(len(text), m.end() + 1500))
    luu = _LUU.search(text, m.end(), end)
    label = (m.start() + len(m.group()) - len(m.group().lstrip()), m.end())
    if not luu:
        yield check.hit(ctx, *label, suggestion="- Lưu: VT, …", kind=note,
                        message=f"Danh sách «Nơi nhận:» thiếu dòng «- Lưu: VT, …» {note}.")
    elif not _VT.search(luu.group("rest")):
        s = luu.start() + len(luu.group()) - len(luu.group().lstrip())
        yield check.hit(ctx, s, luu.end(), suggestion="- Lưu: VT, …", kind=note,
                        message=f"Dòng «{text[s:luu.end()].strip()}» phải ghi lưu tại Văn thư: «- Lưu: VT, …» {note}.")
