"""`vi.recipients-list`: a công văn without "Nơi nhận:" or without "- Lưu: VT"."""
from __future__ import annotations

import regex

from ...spans import last_line_span
from ...structure import vi_kind as K

_LUU = regex.compile(r"^[ \t]*[-–•+*]?[ \t]*(?:Lưu|LƯU)\b[ \t]*:?(?P<rest>.*)$", regex.M)

_VT = regex.compile(r"\bVT\b|văn\s+thư", regex.I)


def find(ctx, check):
    k = ctx.vi_kind           # the YAML's document_kinds chose the kinds this rule sees
    doc, text = ctx.doc, ctx.doc.text
    note = K.kind_note(k)
    m = K.RECIPIENTS_LINE.search(text)
    if not m:
        s, e = last_line_span(text)
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
