"""`common.page-format`: page not A4 portrait (.docx)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...options import Option
from .layout_limits import (
    PAPERS,
    TOLERANCE_PAGE_MM,
    WORDS,
    first_paragraph,
    limits,
    num,
    words,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ...checks.python import Python
    from ...context import Context
    from ...diagnostic import Diagnostic

OPTIONS = {
    "words": WORDS,
    "width": Option("number", 210, "page width in mm"),
    "height": Option("number", 297, "page height in mm"),
    "orientation": Option("str", "portrait", "portrait or landscape"),
}


def find(ctx: Context, check: Python) -> Iterator[Diagnostic]:
    """Page not A4 portrait (or the configured `width`×`height` mm, `orientation`)."""
    layout = ctx.doc.layout or {}
    width, height = layout.get("page_width"), layout.get("page_height")
    want_w = limits(ctx, check, "width", "page_width") or 210
    want_h = limits(ctx, check, "height", "page_height") or 297
    want_o = limits(ctx, check, "orientation") or "portrait"
    if width is None or height is None:
        return
    orientation = layout.get("orientation") or ("landscape" if width > height else "portrait")
    short, long_ = sorted((float(width), float(height)))
    size_ok = abs(short - min(want_w, want_h)) <= TOLERANCE_PAGE_MM and \
        abs(long_ - max(want_w, want_h)) <= TOLERANCE_PAGE_MM
    landscape_page = float(width) > float(height) + TOLERANCE_PAGE_MM
    orient_ok = (orientation == want_o and not landscape_page) if want_o == "portrait" \
        else orientation == want_o
    if size_ok and orient_ok:
        return
    wd = words(ctx, check)
    paper = next((name for (pw, ph), name in PAPERS.items()
                  if abs(short - pw) <= TOLERANCE_PAGE_MM and abs(long_ - ph) <= TOLERANCE_PAGE_MM), None)
    found = f"{num(width)} × {num(height)} mm" + (f" ({paper})" if paper else "")
    s, e = first_paragraph(ctx.doc)
    yield check.hit(ctx, s, e, found=found, orientation=wd.get(orientation, orientation),
                    expected=f"{num(want_w)} × {num(want_h)} mm")
