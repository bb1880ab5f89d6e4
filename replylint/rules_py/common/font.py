"""`common.font`: body font or size outside the language's limits (.docx)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...options import Option
from .layout_limits import (
    WORDS,
    bounds,
    first_paragraph,
    limits,
    num,
    range_text,
    words,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ...checks.python import Python
    from ...context import Context
    from ...diagnostic import Diagnostic

OPTIONS = {
    "words": WORDS,
    "fonts": Option("str_or_strings", None, "allowed body fonts (null: any)"),
    "sizes": Option("range", None, "allowed body font size in pt, [min, max]"),
}


def _norm_font(name) -> str:
    return " ".join(str(name or "").lower().split())


def find(ctx: Context, check: Python) -> Iterator[Diagnostic]:
    """Body font (most characters) not in `fonts` (null: any), or its size outside `sizes`."""
    doc = ctx.doc
    layout = doc.layout or {}
    body_font, body_size = layout.get("body_font"), layout.get("body_font_size")
    fonts = limits(ctx, check, "fonts")
    sizes = limits(ctx, check, "sizes", "font_sizes")
    wd = words(ctx, check)
    if isinstance(fonts, str):
        fonts = [fonts]
    font_bad = bool(fonts) and body_font is not None and \
        _norm_font(body_font) not in {_norm_font(f) for f in fonts}
    lo, hi = bounds(sizes)
    size_bad = body_size is not None and ((lo is not None and body_size < lo - 0.01)
                                          or (hi is not None and body_size > hi + 0.01))
    if not (font_bad or size_bad):
        return
    # anchor: the first body paragraph set in the offending font or size
    s, e = first_paragraph(doc)
    for p in layout.get("paragraphs") or ():
        if p.get("part") != "body" or p["end"] <= p["start"]:
            continue
        if (font_bad and p.get("font") == body_font) or (size_bad and p.get("size") == body_size):
            s, e = p["start"], p["end"]
            break
    expected = []
    if fonts:
        expected.append(wd["or"].join(fonts))
    expected.append(range_text(wd, lo, hi) + " pt")
    yield check.hit(ctx, s, e, found=f"{body_font or '?'} {num(body_size)} pt",
                    expected=", ".join(expected), font=body_font or "?", size=num(body_size))
