"""`vi.number-symbol`: a công văn without "Số: …/…-…" or with a malformed one."""
from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from ...document import is_placeholder
from ...options import Option
from ...spans import first_line_span
from ...structure import vi, vi_kind as K
from ...structure.runin import logical_lines

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ...checks.python import Python
    from ...context import Context
    from ...diagnostic import Diagnostic

OPTIONS = {
    "example": Option("str", "", "a well-formed number and symbol, shown in the messages"),
    "label": Option("str", "", "the label written before the number (the fix of a leading zero)"),
    "messages": Option("map", {}, "the message of each finding: no_colon, missing, malformed "
                                  "({match}, {example}, {problem}, {kind})"),
    "problems": Option("map", {}, "what is wrong with a malformed one: empty, no_slash, spaces, "
                                  "symbol_form, leading_zero ({num})"),
}

# matched at the start of a logical line (structure/runin.py)
_NUM_LABEL = regex.compile(rf"[ \t]*(?P<label>{vi.NUMBER_LABEL})[ \t]*:")

# the value runs to the end of the line or to a column gap followed by the date column
_NUM_VALUE_END = regex.compile(r"(?:[ \u00a0]{2,}|\t+)(?=[^\s/])|(?<=[\p{L}\d])[ \u00a0](?=\p{Lu}\p{Ll})")

_NUM_NO_COLON = regex.compile(rf"^[ \t]*(?P<label>{vi.NUMBER_LABEL})[ \t]+(?=\d+[ \t]*/)", regex.M)

_NUM_OK = regex.compile(
    r"^(?P<num>\d+|[ .…_\u00a0\ue000]*)/(?P<sym>(?:\d{4}/)?(?:[A-ZĐ\ue000][A-ZĐa-zđ0-9\ue000]*)(?:[-–][A-ZĐa-zđ0-9\ue000]+)*)\.?$")


def find(ctx: Context, check: Python) -> Iterator[Diagnostic]:
    k = ctx.vi_kind           # the YAML's document_kinds chose the kinds this rule sees
    text = ctx.doc.text
    note = K.kind_note(k)
    opts = check.options(ctx)
    example, says, problems = opts["example"], opts["messages"], opts["problems"]
    found = line_end = None
    for s, e in K.head_spans(ctx.doc):
        # logical lines: "Số: …" run into the letterhead, or followed by a table bar, is a line
        for ls, le in logical_lines(text, s, e):
            m = _NUM_LABEL.match(text, ls, le)
            if m:
                found, line_end = m, le
                break
        if found:
            break
    if not found:
        for s, e in K.head_spans(ctx.doc):
            m = _NUM_NO_COLON.search(text, s, e)
            if m:
                le = text.find("\n", m.end())
                le = len(text) if le < 0 else le
                vm = _NUM_VALUE_END.search(text, m.end(), le)
                end = vm.start() if vm else le
                yield check.hit(ctx, m.start("label"), end, kind=note, example=example,
                                message=says["no_colon"])
                return
        if k == "congvan":
            s, e = first_line_span(text)
            yield check.hit(ctx, s, e, suggestion=example, kind=note, example=example, message=says["missing"])
        return
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
    num = ok.group("num") if ok else ""
    if is_placeholder(value):
        pass            # a template's {{ so_ky_hieu }}: the whole number and symbol to come
    elif not value:
        problem = "empty"
    elif "/" not in value:
        problem = "no_slash"
    elif not ok:
        if regex.search(r"\s", value.strip(" .…_")) or regex.search(r"\s[/-]|[/-]\s", value):
            problem = "spaces"
        else:
            problem = "symbol_form"
    elif num.isdigit() and len(num) == 1:
        problem = "leading_zero"
    if problem:
        sugg = f"{opts['label']}: 0{value}" if problem == "leading_zero" else None
        yield check.hit(ctx, span[0], span[1], suggestion=sugg, kind=note, example=example,
                        problem=problems[problem].format(num=num), message=says["malformed"])
