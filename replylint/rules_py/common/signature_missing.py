"""`common.signature-missing`: no signature block (a position and a person's name) at the end
of the reply. The signer is found once by the structure (`ctx.signer`, structure/signer.py)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...spans import report_span

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ...checks.python import Python
    from ...context import Context
    from ...diagnostic import Diagnostic


def find(ctx: Context, check: Python) -> Iterator[Diagnostic]:
    doc = ctx.doc
    if not doc.text.strip() or ctx.signer is not None:
        return
    end = ctx.reply_end
    s, e = report_span(doc.text[:end], "end")
    while e > s and doc.text[e - 1] in "\r \t":
        e -= 1
    yield check.hit(ctx, s, e)
