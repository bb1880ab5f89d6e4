"""`common.signature-missing`: no signature block (a position and a person's name) at the end
of the reply. The signer is found once by the structure (`ctx.signer`, structure/signer.py)."""
from __future__ import annotations

from ...spans import report_span


def find(ctx, check):
    doc = ctx.doc
    if not doc.text.strip() or ctx.signer is not None:
        return
    end = ctx.reply_end
    s, e = report_span(doc.text[:end], "end")
    while e > s and doc.text[e - 1] in "\r \t":
        e -= 1
    yield check.hit(ctx, s, e)
