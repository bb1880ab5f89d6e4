"""`common.margins`: page margins outside the language's limits (.docx)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...options import Option
from .layout_limits import (
    TOLERANCE_MM,
    TOLERANCE_TEXT_MM,
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
    "margins": Option("ranges", None, "mm per side: top, bottom, left, right -> [min, max]"),
}


def find(ctx: Context, check: Python) -> Iterator[Diagnostic]:
    """Margins of the first section outside the per-language limits (option `margins`)."""
    layout = ctx.doc.layout or {}
    wanted = limits(ctx, check, "margins")
    if not isinstance(wanted, dict):
        return
    wd = words(ctx, check)
    bad = []
    for side in ("top", "bottom", "left", "right"):
        value = layout.get(side)
        lo, hi = bounds(wanted.get(side))
        if layout.get("margins_from_text"):   # PDF: the text's distance; the margin may be less
            hi = None
            lo = None if lo is None else lo - TOLERANCE_TEXT_MM
        if value is None or (lo is None and hi is None):
            continue
        if (lo is not None and value < lo - TOLERANCE_MM) or (hi is not None and value > hi + TOLERANCE_MM):
            bad.append(f"{wd[side]} {num(value)} ({range_text(wd, lo, hi)})")
    if bad:
        s, e = first_paragraph(ctx.doc)
        yield check.hit(ctx, s, e, found="; ".join(bad),
                        **{k: num(layout.get(k)) for k in ("top", "bottom", "left", "right")})
