"""`vi.national-title`: a công văn without the exact Quốc hiệu and Tiêu ngữ."""
from __future__ import annotations

import unicodedata

import regex

from ...matching import fold
from ...spans import first_line_span
from ...structure import vi
from ...structure import vi_kind as K

QUOC_HIEU = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")

TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"

_TITLE_F = regex.compile(vi.NATIONAL_TITLE_FOLDED, regex.I)

_TITLE_NEAR = regex.compile(vi.NATIONAL_TITLE_PART_FOLDED, regex.I)

_MOTTO_F = regex.compile(vi.MOTTO_FOLDED, regex.I)

_MOTTO_OK = regex.compile(r"^Độc lập [-–] Tự do [-–] Hạnh phúc$")

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


def find(ctx, check):
    k = ctx.vi_kind           # the YAML's document_kinds chose the kinds this rule sees
    doc, text = ctx.doc, ctx.doc.text
    spans = K.head_spans(doc)
    note = K.kind_note(k)
    titles = list(_find_folded(_TITLE_F, text, spans))
    mottos = list(_find_folded(_MOTTO_F, text, spans))
    if not titles:
        near = list(_find_folded(_TITLE_NEAR, text, spans))
        if near:
            s, e = near[0]
            yield check.hit(ctx, s, e, suggestion=QUOC_HIEU[0], kind=note, what="Quốc hiệu",
                            message=f"Quốc hiệu viết sai «{text[s:e]}»: phải là «{QUOC_HIEU[0]}» "
                                    f"(chữ in hoa, đúng chính tả) {note}.")
        elif k == "congvan":
            s, e = first_line_span(text)
            yield check.hit(ctx, s, e, suggestion=QUOC_HIEU[0], kind=note, what="Quốc hiệu",
                            message=f"Thiếu Quốc hiệu «{QUOC_HIEU[0]}» và Tiêu ngữ «{TIEU_NGU}» "
                                    f"ở đầu văn bản {note}.")
            return
    for s, e in titles[:1]:
        got = _WS.sub(" ", _nfc(text[s:e]))
        if got not in QUOC_HIEU:
            yield check.hit(ctx, s, e, suggestion=QUOC_HIEU[0], kind=note, what="Quốc hiệu",
                            message=f"Quốc hiệu «{got}» không đúng thể thức: phải là "
                                    f"«{QUOC_HIEU[0]}» (chữ in hoa, đứng) {note}.")
    if not mottos:
        if titles or k == "congvan":
            s, e = titles[0] if titles else first_line_span(text)
            yield check.hit(ctx, s, e, suggestion=TIEU_NGU, kind=note, what="Tiêu ngữ",
                            message=f"Thiếu Tiêu ngữ «{TIEU_NGU}» dưới Quốc hiệu {note}.")
        return
    s, e = mottos[0]
    got = _WS.sub(" ", _nfc(text[s:e]))
    if not _MOTTO_OK.match(got):
        yield check.hit(ctx, s, e, suggestion=TIEU_NGU, kind=note, what="Tiêu ngữ",
                        message=f"Tiêu ngữ «{got}» không đúng thể thức: phải là «{TIEU_NGU}» "
                                f"(chỉ viết hoa chữ cái đầu mỗi cụm từ, gạch nối có cách chữ) {note}.")
