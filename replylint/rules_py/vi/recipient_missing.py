"""`vi.recipient-missing`: no "Kính gửi:" line (e-mails: no greeting)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import regex

from ...options import Option
from ...spans import first_line_span
from ...structure import vi, vi_kind as K
from ...wordlists import alternation, compiled

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ...checks.python import Python
    from ...context import Context
    from ...diagnostic import Diagnostic

OPTIONS = {
    "greeting_objects": Option("phrases", [], "'Kính gửi lời …' with one of these greets nobody by name "
                                              "(Kính gửi lời chào trân trọng)"),
    "missing": Option("map", {}, "what is missing, by document kind (email, default)"),
}
BLANK = r"[ \t]+"


@dataclass(frozen=True)
class Greetings:
    verb: regex.Pattern     # "Kính gửi lời chào …": a verb, not an addressee line
    letter: regex.Pattern
    reply: regex.Pattern
    email: regex.Pattern


@lru_cache(maxsize=4)
def _greetings(objects: tuple) -> Greetings:
    said = rf"lời[ \t]+{alternation(objects, space=BLANK)}"
    not_address = rf"(?![ \t]+(?:[\p{{L}}/]+[ \t]+){{0,3}}?{said})"
    return Greetings(
        verb=compiled(rf"(?i:{vi.ADDRESSEE_LABEL})[ \t]+(?:[\p{{L}}/]+[ \t]+){{0,3}}?{said}"),
        letter=compiled(rf"^[ \t>*#_]*(?:{vi.ADDRESSEE_LABEL})\b" + not_address, regex.M),
        reply=compiled(rf"^[ \t>*#_]*(?:{vi.ADDRESSEE_LABEL}|{vi.GREETINGS_FORMAL})\b" + not_address, regex.M),
        email=compiled(rf"^[ \t>*#_]*(?:{vi.ADDRESSEE_LABEL}|{vi.GREETINGS_FORMAL}|{vi.GREETING_HELLO})\b",
                       regex.M | regex.I))


def find(ctx: Context, check: Python) -> Iterator[Diagnostic]:
    k = ctx.vi_kind           # the YAML's document_kinds chose the kinds this rule sees
    doc, text = ctx.doc, ctx.doc.text
    opts = check.options(ctx)
    greet = _greetings(tuple(opts["greeting_objects"]))
    addressee = doc.zone_text("addressee").strip()
    if addressee and not greet.verb.match(addressee):
        return
    pattern = {"email": greet.email, "reply": greet.reply}.get(k, greet.letter)
    rec = doc.first_zone("recipients")
    limit = rec.start if rec is not None else len(text)
    if pattern.search(text, 0, limit):
        return
    spans = doc.zone_spans(["body"])
    s, e = first_line_span(text, spans[0][0] if spans else 0)
    missing = opts["missing"]
    yield check.hit(ctx, s, e, kind=K.kind_note(k), what=missing.get(k, missing["default"]))
