"""Vietnamese text in a legacy 8-bit encoding (TCVN3/ABC, VNI) read as Latin-1 or cp1252.

Documents come with such passages already in `doc.unreadable` (`language.legacy_spans`, run
when a document is made), so other rules skip them: their "©", "®" are not emoji, their
fragments are not teencode. `legacy_encoding(ctx, check)` is the rule `vi.legacy-encoding`
(sees_unreadable: true): one finding per passage (line-level detection here catches short
passages in a Unicode letter too), naming the encoding and showing the start of the passage
converted to Unicode, plus .docx paragraphs set in a legacy font."""
from __future__ import annotations

import regex

from ..language import TCVN3_TABLE, legacy_encoding as _detect

NAMES = {"tcvn3": "TCVN3 (ABC, phông .VnTime)", "vni": "VNI (phông VNI-Times)"}
_FONT = regex.compile(r"^\s*(?:\.Vn|VNI[-_ ]|VN[-_ ]?(?:Times|Arial|Helve))", regex.I)
# characters that never occur in Unicode Vietnamese prose but fill TCVN3/VNI text
_ODD = regex.compile(r"[\u00A1-\u00BF\u00C4-\u00C8\u00CB\u00CE\u00CF\u00D0\u00D1\u00D6-\u00D8"
                     r"\u00DB-\u00DF\u00E4-\u00E8\u00EB\u00EE-\u00F1\u00F6-\u00F8\u00FB-\u00FF]")
# a capital Latin-1 letter between lower-case letters: "ViÖt", "LuËt", "khuyÕn"
_MID_CAP = regex.compile(r"(?<=[a-z])[\u00C0-\u00DE](?=[a-z])")

# VNI (as Latin-1) → Unicode for the common vowel + mark pairs; enough to show a readable preview
_VNI = {
    "aø": "à", "aù": "á", "aû": "ả", "aõ": "ã", "aï": "ạ", "aê": "ă", "aè": "ằ", "aé": "ắ",
    "aú": "ẳ", "aü": "ẵ", "aë": "ặ", "aâ": "â", "aà": "ầ", "aá": "ấ", "aå": "ẩ", "aã": "ẫ",
    "aä": "ậ", "eø": "è", "eù": "é", "eû": "ẻ", "eõ": "ẽ", "eï": "ẹ", "eâ": "ê", "eà": "ề",
    "eá": "ế", "eå": "ể", "eã": "ễ", "eä": "ệ", "oø": "ò", "où": "ó", "oû": "ỏ", "oõ": "õ",
    "oï": "ọ", "oâ": "ô", "oà": "ồ", "oá": "ố", "oå": "ổ", "oã": "ỗ", "oä": "ộ", "ôø": "ờ",
    "ôù": "ớ", "ôû": "ở", "ôõ": "ỡ", "ôï": "ợ", "uø": "ù", "uù": "ú", "uû": "ủ", "uõ": "ũ",
    "uï": "ụ", "öø": "ừ", "öù": "ứ", "öû": "ử", "öõ": "ữ", "öï": "ự", "yø": "ỳ", "yù": "ý",
    "yû": "ỷ", "yõ": "ỹ", "yï": "ỵ", "ì": "ì", "í": "í", "æ": "ỉ", "ó": "ĩ", "ò": "ị",
    "ô": "ơ", "ö": "ư", "ñ": "đ", "Ñ": "Đ",
}
_VNI_PAIR = regex.compile(r"(?:[aA][øùûõïêèéúüëâàáåãäØÙÛÕÏÊÈÉÚÜËÂÀÁÅÃÄ]|[eEoO][øùûõïâàáåãäØÙÛÕÏÂÀÁÅÃÄ]"
                          r"|[uUyYôöÔÖ][øùûõïØÙÛÕÏ])(?![\p{L}&&[^\x00-\x7F]])")
_VNI_RE = regex.compile("|".join(sorted(map(regex.escape, _VNI), key=len, reverse=True)))


def to_unicode(text: str, enc: str) -> str:
    if enc == "tcvn3":
        return text.translate(TCVN3_TABLE)
    if enc == "vni":
        return _VNI_RE.sub(lambda m: _VNI[m.group()], text)
    return text


def _line_encoding(line: str) -> str | None:
    if len(line.strip()) < 8:
        return None
    enc = _detect(line)
    if enc:
        return enc
    # short or mixed lines: odd characters inside words and capitals in the middle of words
    words = regex.findall(r"\S+", line)
    odd_words = sum(1 for w in words if _ODD.search(w[1:-1] if len(w) > 2 else "") or _MID_CAP.search(w))
    if odd_words >= 3 and odd_words >= 0.3 * len(words):
        if regex.search(r"[\u00A8-\u00AE\u00B5-\u00B9]", line):
            return "tcvn3"
        # VNI writes a vowel and its mark as two bytes ("aø", "eä", "öù"); TCVN3 has one byte
        # per letter ("TrÇn Quèc ViÖt": "uè" is no VNI pair)
        return "vni" if _VNI_PAIR.search(line) else "tcvn3"
    return None


def passages(text: str) -> list[tuple[int, int, str]]:
    """(start, end, encoding) of legacy-encoded runs of lines."""
    out: list[list] = []
    pos = 0
    for line in text.split("\n"):
        enc = _line_encoding(line) if not line.isascii() else None
        if enc:
            s = pos + len(line) - len(line.lstrip())
            e = pos + len(line.rstrip())
            gap = text[out[-1][1]:s] if out else None
            if out and gap is not None and not gap.strip():
                out[-1][1] = e
                out[-1][3][enc] = out[-1][3].get(enc, 0) + 1
            else:
                out.append([s, e, enc, {enc: 1}])
        pos += len(line) + 1
    return [(s, e, max(c, key=c.get)) for s, e, _, c in out]


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


def legacy_encoding(ctx, check):
    doc = ctx.doc
    found = list(ctx.cached("vi.legacy", lambda: passages(doc.text)))
    for s, e, enc in found:
        preview = to_unicode(doc.text[s:e], enc)
        preview = preview[:60].rsplit(" ", 1)[0] + " …" if len(preview) > 60 else preview
        line_end = doc.text.find("\n", s)
        end = e if line_end < 0 or line_end > e else line_end
        yield check.hit(ctx, s, end, suggestion=preview, encoding=NAMES.get(enc, enc))
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
        yield check.hit(ctx, s, end, suggestion=preview, encoding=NAMES.get(enc, enc))
    fonts = [f for f in _font_paragraphs(doc) if not any(a < max(f[1], f[0] + 1) and f[0] < b for a, b, _ in found)]
    if fonts:
        names = sorted({f for _, _, f in fonts})
        enc = "vni" if any(f.upper().startswith("VNI") for f in names) else "tcvn3"
        s, e = fonts[0][0], fonts[0][1]
        if e <= s:
            line = doc.text.find("\n")
            e = len(doc.text) if line < 0 else line
        line_end = doc.text.find("\n", s, e)
        e = e if line_end < 0 else line_end
        yield check.hit(ctx, s, e, encoding=NAMES[enc],
                        message=f"Văn bản dùng phông chữ bảng mã cũ {', '.join(names)} ({NAMES[enc]}): "
                                f"chuyển nội dung sang Unicode và dùng phông Times New Roman theo TCVN 6909:2001.")
