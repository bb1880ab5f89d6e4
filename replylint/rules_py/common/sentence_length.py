"""`common.sentence-length`: body sentences longer than `max` words (ru) or syllables (vi).

Built on the shared analysis (`ctx.analysis.sentences`) with two refinements the generic
`metric: sentence_length` lacks:
  * a list introduced by a colon ("представить:\\n1) паспорт;\\n2) …") is measured item by item,
    and a paragraph opening that ends in a colon ("… trả lời như sau:") apart from the
    paragraph under it, not as one sentence (the sentence splitter only breaks at . ! ? …);
  * `collapse` patterns (legal citations, quoted names, "(далее – X)") count as one word.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from ...checks.metric import count_words
from ...options import Option

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ...checks.python import Python
    from ...context import Context
    from ...diagnostic import Diagnostic

OPTIONS = {
    "max": Option("int", None, "most words (ru) or syllables (vi) in a body sentence"),
    "collapse": Option("regexes", [], "patterns counted as one word each (citations, quoted names)",
                       flags=regex.IGNORECASE | regex.V0),
}

# A list item starting on its own line: "1) ", "2. ", "а) ", "- ", "– ", "• ", "+ ".
LIST_ITEM = regex.compile(r"\n[ \t]*(?:[-–—•*▪·+]|\d{1,2}[.)]|[a-zа-яёđ][.)])[ \t]+")

# A paragraph opening that ends in a colon ("… trả lời như sau:") and the paragraph under it:
# two sentences, though the splitter sees no full stop between them.
COLON_BREAK = regex.compile(r":[ \t]*\r?\n")

_COMPILED: dict = {}


def _compiled(patterns):
    key = tuple(patterns or ())
    if key not in _COMPILED:
        _COMPILED[key] = [regex.compile(p, regex.IGNORECASE | regex.V0) for p in key]
    return _COMPILED[key]


def _pieces(text: str, s: int, e: int):
    """Split a sentence span at list items that start on their own line and after a line
    that ends in a colon."""
    inner = {m.start() + 1 for m in LIST_ITEM.finditer(text, s, e) if m.start() >= s}
    inner |= {m.end() for m in COLON_BREAK.finditer(text, s, e) if s < m.end() < e}
    cuts = [s] + sorted(inner) + [e]
    for a, b in zip(cuts, cuts[1:]):
        if text[a:b].strip():
            yield a, b


def find(ctx: Context, check: Python) -> Iterator[Diagnostic]:
    opts = check.options(ctx)
    hi = opts.get("max")
    if hi is None:
        return
    collapse = _compiled(opts.get("collapse") or [])
    text = ctx.doc.text
    an = ctx.analysis
    for zs, ze in ctx.spans(check.rule.zones):
        for s, e in an.sentences:
            if e <= zs or s >= ze:
                continue
            s, e = max(s, zs), min(e, ze)
            for a, b in _pieces(text, s, e):
                # trim leading spaces so the finding starts on the first word
                while a < b and text[a].isspace():
                    a += 1
                n = count_words(ctx, a, b, collapse)
                if n > hi:
                    yield check.hit(ctx, a, b, value=n, max=hi)
