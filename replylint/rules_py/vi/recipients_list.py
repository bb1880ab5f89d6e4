"""`vi.recipients-list`: a công văn without "Nơi nhận:" or without "- Lưu: VT"."""
from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from ...options import Option
from ...spans import last_line_span
from ...structure import vi_kind as K
from ...wordlists import alternation, compiled

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ...checks.python import Python
    from ...context import Context
    from ...diagnostic import Diagnostic

OPTIONS = {
    "archive_labels": Option("words", [], "the label of the line saying where the original is kept (Lưu)"),
    "archive_office": Option("regexes", [], "the records office it must be kept at (VT, văn thư)", flags=regex.I),
    "archive_line": Option("str", "", "the line a list must end with (the suggestion)"),
    "messages": Option("map", {}, "the message of each finding: no_list, no_archive, not_records_office "
                                  "({match}, {archive_line}, {kind})"),
}


def _archive(labels: tuple) -> regex.Pattern:
    return compiled(rf"^[ \t]*[-–•+*]?[ \t]*{alternation(labels, escape=True)}\b[ \t]*:?(?P<rest>.*)$", regex.M)


def find(ctx: Context, check: Python) -> Iterator[Diagnostic]:
    k = ctx.vi_kind           # the YAML's document_kinds chose the kinds this rule sees
    doc, text = ctx.doc, ctx.doc.text
    note = K.kind_note(k)
    opts = check.options(ctx)
    says, line = opts["messages"], opts["archive_line"]
    m = K.RECIPIENTS_LINE.search(text)
    if not m:
        s, e = last_line_span(text)
        yield check.hit(ctx, s, e, kind=note, archive_line=line, message=says["no_list"])
        return
    rec = doc.first_zone("recipients")
    end = max(rec.end if rec is not None else 0, min(len(text), m.end() + 1500))
    luu = _archive(tuple(opts["archive_labels"])).search(text, m.end(), end)
    label = (m.start() + len(m.group()) - len(m.group().lstrip()), m.end())
    if not luu:
        yield check.hit(ctx, *label, suggestion=line, kind=note, archive_line=line, message=says["no_archive"])
    elif not compiled(alternation(opts["archive_office"], escape=False), regex.I).search(luu.group("rest")):
        s = luu.start() + len(luu.group()) - len(luu.group().lstrip())
        yield check.hit(ctx, s, luu.end(), suggestion=line, kind=note, archive_line=line,
                        shown=text[s:luu.end()].strip(), message=says["not_records_office"])
