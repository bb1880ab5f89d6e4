"""`vi.date-line`: the place and date line of a công văn missing or malformed."""
from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from ...options import Option
from ...spans import first_line_span
from ...structure import vi_kind as K
from ...structure.runin import logical_lines

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ...checks.python import Python
    from ...context import Context
    from ...diagnostic import Diagnostic

OPTIONS = {
    "example": Option("str", "", "a well-formed place-and-date line, shown in the messages"),
    "written_date": Option("str", "", "how the fix writes the line: {place}, {d}, {m}, {y}"),
    "unknown_place": Option("str", "", "the place in a fix when the line has none"),
    "messages": Option("map", {}, "the message of each finding: malformed, numeric, no_place, missing "
                                  "({match}, {problems}, {example}, {kind})"),
    "problems": Option("map", {}, "what is wrong: day_zero, month_zero, month_no_zero ({d}, {m}), "
                                  "numeric, no_place"),
}

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
# a template's "Uar, {{ ngay_thang_nam }}": the place, then the whole date as one value to come
_DATE_VALUE = regex.compile(r"^[ \t]*[^\s,][^,\n]{0,60},[ \t]*(?:ngày[ \t]*)?\ue000+[ \t.]*$", regex.I)


def _date_problems(d: str, m: str) -> list[str]:
    """The problems (keys of the `problems` option) of a written day and month."""
    out = []
    if d.isdigit() and len(d) == 1:
        out.append("day_zero")
    if m.isdigit():
        mi = int(m)
        if mi in (1, 2) and len(m) == 1:
            out.append("month_zero")
        elif mi >= 3 and m.startswith("0"):
            out.append("month_no_zero")
    return out


def _fmt_date(template, place, d, m, y):
    d2 = f"{int(d):02d}" if d.isdigit() else d
    m2 = (f"{int(m):02d}" if int(m) <= 2 else str(int(m))) if m.isdigit() else m
    y2 = y if len(y) == 4 else f"20{y}"
    return template.format(place=place, d=d2, m=m2, y=y2)


def find(ctx: Context, check: Python) -> Iterator[Diagnostic]:
    k = ctx.vi_kind           # the YAML's document_kinds chose the kinds this rule sees
    text = ctx.doc.text
    note = K.kind_note(k)
    opts = check.options(ctx)
    says, problems, example, written = opts["messages"], opts["problems"], opts["example"], opts["written_date"]

    def hit(s, e, problem, probs=(), suggestion=None, **values):
        told = "; ".join(problems[p].format(**values) for p in probs)
        return check.hit(ctx, s, e, suggestion=suggestion, kind=note, example=example, problems=told,
                         message=says[problem])

    for hs, he in K.head_spans(ctx.doc):
        for off, line_end in logical_lines(text, hs, he):   # also a date line run into another
            line = text[off:line_end]
            if _DATE_BLANK.search(line) or _DATE_VALUE.match(line):
                return          # a draft: the date is written in when the letter is signed
            for so, seg in K.segments(line, off):
                if not _DATE_WORDS.search(seg) and not _DATE_NUMERIC.match(seg):
                    continue
                m = _DATE_OK.match(seg)
                if m:
                    d, mo = m.group("d"), m.group("m")
                    probs = _date_problems(d, mo)
                    if probs:
                        sugg = _fmt_date(written, m.group("place").strip(), d, mo, m.group("y"))
                        yield hit(so, so + len(seg), "malformed", probs, sugg, d=d, m=mo, mi=int(mo) if mo.isdigit() else mo)
                    return
                m = _DATE_NUMERIC.match(seg)
                if m and (m.group("place") or "ngày" in seg.lower()):
                    place = (m.group("place") or "").strip()
                    sugg = _fmt_date(written, place or opts["unknown_place"], m.group("d"), m.group("m"),
                                     m.group("y")) if 1 <= int(m.group("m")) <= 12 else None
                    probs = ["numeric"] if place else ["numeric", "no_place"]
                    yield hit(so, so + len(seg), "numeric", probs, sugg)
                    return
                m = _DATE_NOPLACE.match(seg)
                if m:
                    yield hit(so, so + len(seg), "no_place")
                    return
    if k == "congvan":
        s, e = first_line_span(text)
        yield hit(s, e, "missing")
