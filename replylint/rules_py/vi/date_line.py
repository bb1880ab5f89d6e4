"""`vi.date-line`: the place and date line of a công văn missing or malformed."""
from __future__ import annotations

import regex

from ...spans import first_line_span
from ...structure import vi_kind as K
from ...structure.runin import logical_lines

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


def find(ctx, check):
    k = ctx.vi_kind           # the YAML's document_kinds chose the kinds this rule sees
    text = ctx.doc.text
    note = K.kind_note(k)
    for hs, he in K.head_spans(ctx.doc):
        for off, line_end in logical_lines(text, hs, he):   # also a date line run into another
            line = text[off:line_end]
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
        s, e = first_line_span(text)
        yield check.hit(ctx, s, e, kind=note,
                        message=f"Thiếu dòng địa danh và thời gian ban hành (ví dụ «Hà Nội, ngày 05 "
                                f"tháng 3 năm 2026») {note}.")
