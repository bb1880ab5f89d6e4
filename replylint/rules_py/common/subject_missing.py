"""`common.subject-missing`: an e-mail with no Subject, a Vietnamese công văn with no trích yếu "V/v …"."""
from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from ...spans import report_span
from ...structure import vi

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ...checks.python import Python
    from ...context import Context
    from ...diagnostic import Diagnostic

VI_NUMBER = regex.compile(rf"(?m)^[ \t#*]*(?:{vi.NUMBER_LABEL})\s*:\s*\S")

VI_TRICH_YEU = regex.compile(rf"(?m)(?:^[ \t#*]*|[ \t]{{3,}}|\t)(?:{vi.SUBJECT_MARK}|{vi.SUBJECT_WORDS})\b")

VI_ADDRESSEE = regex.compile(rf"(?m)^[ \t#*]*(?:{vi.ADDRESSEE_LABEL})")


def _first_line(doc):
    s, e = report_span(doc.text, "start")
    while e > s and doc.text[e - 1] in "\r \t":
        e -= 1
    return s, e


def find(ctx: Context, check: Python) -> Iterator[Diagnostic]:
    doc = ctx.doc
    if doc.kind == "email":
        if "subject" not in doc.metadata and doc.format != "eml":
            return          # an e-mail pasted as text: its headers are unknown
        subject = regex.sub(r"^(?:\s*(?:re|fwd?|aw|wg|ha|тема|subject)\s*(?:\[\d+\])?\s*:)+", "",
                            str(doc.metadata.get("subject") or ""), flags=regex.I)
        if not subject.strip(" \t-–—.:"):
            s, e = _first_line(doc)
            yield check.hit(ctx, s, e, what="email")
        return
    # else a công văn (document_kinds): it needs a trích yếu
    # the trích yếu sits under the number, before "Kính gửi"; the subject zone when found
    end = VI_ADDRESSEE.search(doc.text)
    head = doc.text[: end.start()] if end else doc.text[: max(600, len(doc.text) // 3)]
    if VI_TRICH_YEU.search(head):
        return
    if any(VI_TRICH_YEU.match(doc.text[s:e].lstrip()) for s, e in doc.zone_spans(["subject"])):
        return
    m = VI_NUMBER.search(doc.text)
    if m:
        ls = m.start()
        le = doc.text.find("\n", ls)
        s, e = ls, (len(doc.text) if le < 0 else le)
    else:
        s, e = _first_line(doc)
    yield check.hit(ctx, s, e, what="cong-van")
