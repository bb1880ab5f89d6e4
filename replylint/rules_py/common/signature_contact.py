"""`common.signature-contact`: an e-mail reply, or a Russian letter, with no phone of the signer
or the executor. The phones are found once by the structure (`ctx.contact_phones`,
structure/signer.py): a phone in the letterhead or the addressee block does not count."""
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
    if not doc.text.strip() or ctx.contact_phones:
        return
    end = ctx.reply_end
    text = doc.text
    zone = doc.first_zone("signature")
    if zone:
        s, e = zone.start, zone.end
    else:
        s, e = report_span(text[:end], "end")
    while e > s and text[e - 1] in "\r \t\n":
        e -= 1
    yield check.hit(ctx, s, e)
