"""`vi.national-title`: a công văn without the exact Quốc hiệu and Tiêu ngữ."""
from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

import regex

from ...matching import fold
from ...options import Option
from ...spans import first_line_span
from ...structure import vi, vi_kind as K
from ...wordlists import compiled

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ...checks.python import Python
    from ...context import Context
    from ...diagnostic import Diagnostic

MESSAGES = ("misspelt", "missing", "title_form", "motto_missing", "motto_form")
OPTIONS = {
    "titles": Option("strings", [], "the Quốc hiệu as written correctly (the first is suggested)"),
    "motto": Option("str", "", "the Tiêu ngữ as written correctly"),
    "motto_form": Option("regex", "", "what a well-formed Tiêu ngữ matches (dash variants)"),
    "messages": Option("map", {}, f"the message of each problem: {', '.join(MESSAGES)} "
                                  "({match}, {got}, {title}, {motto}, {kind})"),
}

_TITLE_F = regex.compile(vi.NATIONAL_TITLE_FOLDED, regex.I)

_TITLE_NEAR = regex.compile(vi.NATIONAL_TITLE_PART_FOLDED, regex.I)

_MOTTO_F = regex.compile(vi.MOTTO_FOLDED, regex.I)

_WS = regex.compile(r"\s+")


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


def find(ctx: Context, check: Python) -> Iterator[Diagnostic]:
    k = ctx.vi_kind           # the YAML's document_kinds chose the kinds this rule sees
    doc, text = ctx.doc, ctx.doc.text
    opts = check.options(ctx)
    title, motto, says = opts["titles"][0], opts["motto"], opts["messages"]
    spans = K.head_spans(doc)
    note = K.kind_note(k)

    def hit(s, e, suggestion, what, problem, got=""):
        return check.hit(ctx, s, e, suggestion=suggestion, kind=note, what=what, got=got,
                         title=title, motto=motto, message=says[problem])

    titles = list(_find_folded(_TITLE_F, text, spans))
    mottos = list(_find_folded(_MOTTO_F, text, spans))
    if not titles:
        near = list(_find_folded(_TITLE_NEAR, text, spans))
        if near:
            s, e = near[0]
            yield hit(s, e, title, "Quốc hiệu", "misspelt")
        elif k == "congvan":
            s, e = first_line_span(text)
            yield hit(s, e, title, "Quốc hiệu", "missing")
            return
    for s, e in titles[:1]:
        got = _WS.sub(" ", _nfc(text[s:e]))
        if got not in opts["titles"]:
            yield hit(s, e, title, "Quốc hiệu", "title_form", got)
    if not mottos:
        if titles or k == "congvan":
            s, e = titles[0] if titles else first_line_span(text)
            yield hit(s, e, motto, "Tiêu ngữ", "motto_missing")
        return
    s, e = mottos[0]
    got = _WS.sub(" ", _nfc(text[s:e]))
    if not compiled(opts["motto_form"]).match(got):
        yield hit(s, e, motto, "Tiêu ngữ", "motto_form", got)
