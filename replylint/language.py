"""Language of a document: ``detect(text) -> "ru" | "vi" | "unknown"``.

Counts over letters, so a Russian letter quoting a Vietnamese name (or the reverse) keeps its
language:

* Cyrillic letters ≥ 50 % of the letters (and at least 3) → ``ru``;
* Vietnamese-specific letters (ă đ ơ ư ĩ ũ and the precomposed toned vowels U+1EA0–U+1EF9, or
  the tone marks of a decomposed text) ≥ 3 % of the Latin letters → ``vi``;
* legacy-encoded Vietnamese read as Latin-1 / Windows-1252 (TCVN3 "Céng hßa x· héi chñ nghÜa
  ViÖt Nam", VNI "Tieáng Vieät") → ``vi``: the text is re-read through the TCVN3 table, or
  vowel + VNI tone-character pairs are counted;
* anything else → ``unknown``.

Long texts are sampled (head, middle, tail) so a 1 MB file costs a few milliseconds.
"""
from __future__ import annotations

import re

import regex

_SAMPLE = 60_000

_CYR = re.compile(r"[\u0400-\u04FF]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]")
# letters that only Vietnamese (among languages written in Latin script here) uses
_VI_STRONG = re.compile(r"[ăĂđĐơƠưƯĩĨũŨ\u1EA0-\u1EF9]|[AEIOUYaeiouy\u00C2\u00CA\u00D4\u00E2\u00EA\u00F4\u0102\u0103\u01A0\u01A1\u01AF\u01B0][\u0300\u0301\u0303\u0309\u0323]")
# vowels with marks that Vietnamese shares with French etc. (weak evidence)
_VI_WEAK = re.compile(r"[àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ]")

# TCVN3 (ABC) byte → Unicode, for the bytes 0xA1–0xFE as they appear after a Latin-1 decoding
_TCVN3_HIGH = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ", 0xA8: "ă",
    0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ", 0xB5: "à", 0xB6: "ả",
    0xB7: "ã", 0xB8: "á", 0xB9: "ạ", 0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ", 0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ",
    0xD0: "é", 0xD1: "ẹ", 0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ", 0xD7: "ì",
    0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị", 0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó",
    0xE4: "ọ", 0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ", 0xEA: "ờ", 0xEB: "ở",
    0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ", 0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự", 0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ",
    0xFD: "ý", 0xFE: "ỵ",
}
TCVN3_TABLE = {k: v for k, v in _TCVN3_HIGH.items()}
# TCVN3 read as Latin-1 shows Latin-1 symbols inside words: "x·" (xã), "c«ng" (công),
# "®ã" (đã), "§éc" (Độc).  A Unicode text uses ©, ®, «, » between words, never inside one.
_L1_LETTER = "A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u00FF"
_SYM = "\u00A8-\u00AE\u00B5-\u00B9\u00BB-\u00BE"
_TCVN3_WORD = re.compile(
    rf"[{_L1_LETTER}][{_SYM}][{_L1_LETTER}{_SYM}]"
    rf"|[{_L1_LETTER}][\u00A8-\u00AD\u00B5-\u00B9](?![{_L1_LETTER}{_SYM}])"
    rf"|(?<![{_L1_LETTER}])[\u00A7\u00AE][{_L1_LETTER}]")
# VNI: a vowel followed by a tone/diacritic character ("Tieáng Vieät", "ñöôïc")
_VNI_PAIR = re.compile(r"[aeiouyAEIOUY][ùøûõïâáàåãäêéèúüëôÙØÛÕÏÂÁÀÅÃÄÊÉÈÚÜËÔ]|[ñÑ][aeiouöôAEIOUÖÔ]|[öÖ][ôÔ]")
# pairs French or German never write: a vowel + circumflex-with-tone character, ư (ö), đ (ñ)
_VNI_STRONG = re.compile(r"[aeoAEO][âáàåãäÂÁÀÅÃÄ]|[ñÑ][aeiouöôAEIOUÖÔ]|[öÖ][ôõùøûïÔÕÙØÛÏ]|[a-z]ö")
_WORD = re.compile(r"\w+")


def _sample(text: str) -> str:
    if len(text) <= 3 * _SAMPLE:
        return text
    mid = len(text) // 2
    return text[:_SAMPLE] + "\n" + text[mid - _SAMPLE // 2: mid + _SAMPLE // 2] + "\n" + text[-_SAMPLE:]


def detect(text: str) -> str:
    text = _sample(text)
    cyr = len(_CYR.findall(text))
    latin = len(_LATIN.findall(text))
    letters = cyr + latin
    if letters == 0:
        return "unknown"
    if cyr >= 3 and cyr >= 0.5 * letters:
        return "ru"
    if latin >= 3:
        strong = len(_VI_STRONG.findall(text))
        if strong >= 2 and strong >= 0.03 * latin:
            return "vi"
        if is_legacy_vietnamese(text):
            return "vi"
        weak = len(_VI_WEAK.findall(text))
        # a short Vietnamese text without strong letters but dense in ê/ô/â and tones
        if strong >= 1 and strong + weak >= 0.08 * latin:
            return "vi"
    if cyr >= 3 and cyr >= latin:
        return "ru"
    return "unknown"


def legacy_encoding(text: str) -> str | None:
    """``"tcvn3"`` or ``"vni"`` when the text looks like legacy-encoded Vietnamese read as
    Latin-1/Windows-1252, else None."""
    # words with a non-ASCII letter (one pass over the words: "\w*[^\x00-\x7f\W]\w*" would
    # retry from every letter of a long ASCII token, quadratic in its length)
    words = [w for w in _WORD.findall(text) if not w.isascii()]
    if len(words) < 2:
        return None
    tcvn_hits = len(_TCVN3_WORD.findall(text))
    if tcvn_hits >= 2 and tcvn_hits >= 0.15 * len(words):
        fixed = text.translate(TCVN3_TABLE)
        latin = len(_LATIN.findall(fixed))
        strong = len(_VI_STRONG.findall(fixed))
        if latin and strong >= 0.05 * latin:
            return "tcvn3"
    vni_hits = len(_VNI_PAIR.findall(text))
    if (vni_hits >= 3 and vni_hits >= 0.4 * len(words)
            and len(_VNI_STRONG.findall(text)) >= 2):
        return "vni"
    return None


def is_legacy_vietnamese(text: str) -> bool:
    return legacy_encoding(text) is not None


_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")


def legacy_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs (blank-line separated) of legacy-encoded Vietnamese, as ``(start, end)``
    offsets: ``Document.unreadable``.  When the whole text is legacy-encoded, every paragraph
    with a TCVN3/VNI trace is unreadable; otherwise each paragraph must pass on its own."""
    if not text or text.isascii():
        return []
    whole = legacy_encoding(_sample(text)) is not None
    spans: list[tuple[int, int]] = []
    pos = 0
    bounds = [(m.start(), m.end()) for m in _PARAGRAPH_BREAK.finditer(text)] + [(len(text), len(text))]
    for brk_start, brk_end in bounds:
        para = text[pos:brk_start]
        if para.strip() and not para.isascii():
            if whole:
                hit = _TCVN3_WORD.search(para) or _VNI_STRONG.search(para)
            else:
                hit = legacy_encoding(para) is not None
            if hit:
                lead = len(para) - len(para.lstrip())
                spans.append((pos + lead, pos + len(para.rstrip())))
        pos = brk_end
    return spans


# ---------------------------------------------------------------- legacy passages, line by line
# (vi.legacy-encoding reports each passage; short passages inside a Unicode letter count too)

# characters that never occur in Unicode Vietnamese prose but fill TCVN3/VNI text
LEGACY_ODD = regex.compile(r"[\u00A1-\u00BF\u00C4-\u00C8\u00CB\u00CE\u00CF\u00D0\u00D1\u00D6-\u00D8"
                     r"\u00DB-\u00DF\u00E4-\u00E8\u00EB\u00EE-\u00F1\u00F6-\u00F8\u00FB-\u00FF]")

# a capital Latin-1 letter between lower-case letters: "ViÖt", "LuËt", "khuyÕn"
LEGACY_MID_CAP = regex.compile(r"(?<=[a-z])[\u00C0-\u00DE](?=[a-z])")

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

_VNI_MARK_PAIR = regex.compile(r"(?:[aA][øùûõïêèéúüëâàáåãäØÙÛÕÏÊÈÉÚÜËÂÀÁÅÃÄ]|[eEoO][øùûõïâàáåãäØÙÛÕÏÂÀÁÅÃÄ]"
                          r"|[uUyYôöÔÖ][øùûõïØÙÛÕÏ])(?![\p{L}&&[^\x00-\x7F]])")

_VNI_RE = regex.compile("|".join(sorted(map(regex.escape, _VNI), key=len, reverse=True)))

def legacy_to_unicode(text: str, enc: str) -> str:
    if enc == "tcvn3":
        return text.translate(TCVN3_TABLE)
    if enc == "vni":
        return _VNI_RE.sub(lambda m: _VNI[m.group()], text)
    return text

def line_legacy_encoding(line: str) -> str | None:
    if len(line.strip()) < 8:
        return None
    enc = legacy_encoding(line)
    if enc:
        return enc
    # short or mixed lines: odd characters inside words and capitals in the middle of words
    words = regex.findall(r"\S+", line)
    odd_words = sum(1 for w in words if LEGACY_ODD.search(w[1:-1] if len(w) > 2 else "") or LEGACY_MID_CAP.search(w))
    if odd_words >= 3 and odd_words >= 0.3 * len(words):
        if regex.search(r"[\u00A8-\u00AE\u00B5-\u00B9]", line):
            return "tcvn3"
        # VNI writes a vowel and its mark as two bytes ("aø", "eä", "öù"); TCVN3 has one byte
        # per letter ("TrÇn Quèc ViÖt": "uè" is no VNI pair)
        return "vni" if _VNI_MARK_PAIR.search(line) else "tcvn3"
    return None

def legacy_passages(text: str) -> list[tuple[int, int, str]]:
    """(start, end, encoding) of legacy-encoded runs of lines."""
    out: list[list] = []
    pos = 0
    for line in text.split("\n"):
        enc = line_legacy_encoding(line) if not line.isascii() else None
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
