"""`vi.legacy-encoding`: text in TCVN3 (ABC) or VNI, or a .docx font of those encodings."""
from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from ...language import (
    LEGACY_MID_CAP as _MID_CAP,
    LEGACY_ODD as _ODD,
    legacy_encoding as _detect,
    legacy_to_unicode as to_unicode,
    line_legacy_encoding as _line_encoding,
)
from ...options import Option

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ...checks.python import Python
    from ...context import Context
    from ...diagnostic import Diagnostic

OPTIONS = {
    "encodings": Option("map", {}, "how the message names each legacy encoding (tcvn3, vni)"),
    "font_message": Option("str", "", "the message when only the fonts are legacy ({fonts} their names, "
                           "{encoding} the encoding)"),
}

_FONT = regex.compile(r"^\s*(?:\.Vn|VNI[-_ ]|VN[-_ ]?(?:Times|Arial|Helve))", regex.I)


def _font_paragraphs(doc) -> list[tuple[int, int, str]]:
    """(start, end, font) of .docx paragraphs set in a TCVN3/VNI font (reader's layout facts)."""
    layout = doc.layout or {}
    paras = layout.get("paragraphs") or []
    out = []
    for item in layout.get("legacy_fonts") or ():
        try:
            n, font = item
            p = paras[int(n) - 1]
            out.append((int(p["start"]), int(p["end"]), str(font)))
        except (ValueError, TypeError, IndexError, KeyError):
            continue
    if not out:
        fonts = layout.get("fonts") or []
        bad = [str(f) for f in fonts if _FONT.match(str(f))]
        if bad:
            out.append((0, 0, bad[0]))
    return out


def find(ctx: Context, check: Python) -> Iterator[Diagnostic]:
    doc = ctx.doc
    opts = check.options(ctx)
    names = opts["encodings"]
    found = list(ctx.legacy_passages)
    for s, e, enc in found:
        preview = to_unicode(doc.text[s:e], enc)
        preview = preview[:60].rsplit(" ", 1)[0] + " …" if len(preview) > 60 else preview
        line_end = doc.text.find("\n", s)
        end = e if line_end < 0 or line_end > e else line_end
        yield check.hit(ctx, s, end, suggestion=preview, encoding=names.get(enc, enc))
    # passages the reader already marked unreadable (readers call language.legacy_spans)
    for s, e in list(doc.unreadable):
        if e <= s or any(a < e and s < b for a, b, _ in found):
            continue
        if not (_ODD.search(doc.text, s, e) or _MID_CAP.search(doc.text, s, e)):
            continue
        enc = _detect(doc.text[s:e]) or _line_encoding(doc.text[s:e]) or "tcvn3"
        found.append((s, e, enc))
        preview = to_unicode(doc.text[s:e], enc)
        preview = preview[:60].rsplit(" ", 1)[0] + " …" if len(preview) > 60 else preview
        line_end = doc.text.find("\n", s)
        end = e if line_end < 0 or line_end > e else line_end
        yield check.hit(ctx, s, end, suggestion=preview, encoding=names.get(enc, enc))
    fonts = [f for f in _font_paragraphs(doc) if not any(a < max(f[1], f[0] + 1) and f[0] < b for a, b, _ in found)]
    if fonts:
        fonts_used = sorted({f for _, _, f in fonts})
        enc = "vni" if any(f.upper().startswith("VNI") for f in fonts_used) else "tcvn3"
        s, e = fonts[0][0], fonts[0][1]
        if e <= s:
            line = doc.text.find("\n")
            e = len(doc.text) if line < 0 else line
        line_end = doc.text.find("\n", s, e)
        e = e if line_end < 0 else line_end
        yield check.hit(ctx, s, e, encoding=names.get(enc, enc),
                        message=opts["font_message"].replace("{fonts}", ", ".join(fonts_used))
                        .replace("{encoding}", names.get(enc, enc)))
