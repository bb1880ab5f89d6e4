"""`vi.recipient-missing`: no "Kính gửi:" line (e-mails: no greeting)."""
from __future__ import annotations

import regex

from ...spans import first_line_span
from ...structure import vi
from ...structure import vi_kind as K

# "Kính gửi" as a verb with "lời chào/lời cảm ơn" as its object ("Kính gửi lời chào trân trọng.")
# greets nobody by name
_NOT_ADDRESS = r"(?![ \t]+(?:[\p{L}/]+[ \t]+){0,3}?lời[ \t]+(?:chào|cảm[ \t]+ơn|thăm|hỏi|chúc))"

_GREETING_VERB = regex.compile(
    rf"(?i:{vi.ADDRESSEE_LABEL})[ \t]+(?:[\p{{L}}/]+[ \t]+){{0,3}}?lời[ \t]+(?:chào|cảm[ \t]+ơn|thăm|hỏi|chúc)")

_GREET_LETTER = regex.compile(rf"^[ \t>*#_]*(?:{vi.ADDRESSEE_LABEL})\b" + _NOT_ADDRESS, regex.M)
_GREET_REPLY = regex.compile(rf"^[ \t>*#_]*(?:{vi.ADDRESSEE_LABEL}|{vi.GREETINGS_FORMAL})\b" + _NOT_ADDRESS, regex.M)
_GREET_EMAIL = regex.compile(
    rf"^[ \t>*#_]*(?:{vi.ADDRESSEE_LABEL}|{vi.GREETINGS_FORMAL}|{vi.GREETING_HELLO})\b", regex.M | regex.I)


def find(ctx, check):
    k = ctx.vi_kind           # the YAML's document_kinds chose the kinds this rule sees
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
    s, e = first_line_span(text, spans[0][0] if spans else 0)
    what = "lời chào «Kính gửi …» hoặc «Kính chào …»" if k == "email" else "dòng «Kính gửi: …»"
    yield check.hit(ctx, s, e, kind=K.kind_note(k),
                    message=f"Thiếu {what} trước nội dung trả lời {K.kind_note(k)}.")
