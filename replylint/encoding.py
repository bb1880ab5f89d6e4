"""Bytes → str for text inputs (SPEC 3).

Order of decisions:

1. a BOM: UTF-8 ("utf-8-sig"), UTF-32 LE/BE, UTF-16 LE/BE (the BOM is not part of the text);
2. NUL bytes without a BOM → binary, refused (``ReadError``); so are PDF and ZIP files;
3. strict UTF-8 ("utf-8"; pure ASCII is reported as "utf-8" too);
4. a Russian 8-bit code page: Windows-1251, KOI8-R or CP866, chosen by how Russian the decoded
   text looks (letter frequencies and letter case, see :func:`russian_score`).  charset-normalizer
   breaks near ties (short texts) and names other single-byte encodings;
5. otherwise Windows-1258 when the bytes decode to plausible Vietnamese, else Latin-1 (never
   fails; legacy TCVN3/VNI Vietnamese comes out as the well-known mojibake that
   ``language.detect`` and ``vi.legacy-encoding`` recognise).

The text is returned exactly as decoded: line endings (CRLF) are kept so fixes can be written
back unchanged.  Only a Windows-1258 text is NFC-normalised (its tone marks are combining
characters, which no rule would match).
"""
from __future__ import annotations

import math
import re
import unicodedata

from .document import ReadError

# Russian letter frequencies (per 1000 letters, National Corpus), ё counted with е.
_RU_FREQ = {
    "о": 109.7, "е": 84.5, "а": 80.1, "и": 73.5, "н": 67.0, "т": 62.6, "с": 54.7, "р": 47.3,
    "в": 45.4, "л": 44.0, "к": 34.9, "м": 32.1, "д": 29.8, "п": 28.1, "у": 26.2, "я": 20.1,
    "ы": 19.0, "ь": 17.4, "г": 17.0, "з": 16.5, "б": 15.9, "ч": 14.4, "й": 12.1, "х": 9.7,
    "ж": 9.4, "ш": 7.3, "ю": 6.4, "ц": 4.8, "щ": 3.6, "э": 3.2, "ф": 2.6, "ъ": 0.4, "ё": 1.0,
}
_RU_LOG = {k: math.log(v / 1000.0) for k, v in _RU_FREQ.items()}
_FLOOR = math.log(0.0005)          # a Cyrillic letter that Russian does not use (і, ѓ, ђ …)
_RUSSIAN_CANDIDATES = ("cp1251", "koi8-r", "cp866")
_CN_NAMES = {"cp1251": "cp1251", "windows-1251": "cp1251", "koi8_r": "koi8-r", "koi8-r": "koi8-r",
             "cp866": "cp866", "ibm866": "cp866"}

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32"),
    (b"\xff\xfe", "utf-16-le", "utf-16"),
    (b"\xfe\xff", "utf-16-be", "utf-16"),
)
_SAMPLE = 64 * 1024


_BOM_OF = {name: bom for bom, name, _ in _BOMS}
_CODEC = {"utf-8-sig": "utf-8", "utf-32-le": "utf-32-le", "utf-32-be": "utf-32-be",
          "utf-16-le": "utf-16-le", "utf-16-be": "utf-16-be"}


def _cp1258_char(c: str, precomposed: bool) -> bytes:
    """One character in Windows-1258: as is when the code page has it (``precomposed``), else
    its base letter (with ^, ˘, horn) followed by the combining tone mark."""
    if precomposed:
        try:
            return c.encode("cp1258")
        except UnicodeEncodeError:
            pass
    parts = unicodedata.normalize("NFD", c)
    tones = "".join(m for m in parts if m in _TONES)
    if not tones:
        return c.encode("cp1258")
    base = unicodedata.normalize("NFC", "".join(m for m in parts if m not in _TONES))
    return (base + tones).encode("cp1258")


def _cp1258_writer(precomposed: bool):
    def write(text: str) -> bytes:
        cache: dict[str, bytes] = {}
        out = []
        for c in text:
            b = cache.get(c)
            if b is None:
                b = cache[c] = _cp1258_char(c, precomposed)
            out.append(b)
        return b"".join(out)
    return write


def writer_for(text: str, name: str, original: bytes):
    """A function that writes text back in encoding ``name`` (with its BOM) such that ``text``
    -- the decoded ``original`` -- comes out as exactly ``original``; None when no writer can
    (a text decoded with replacement characters, a Windows-1258 mix of composed and decomposed
    letters).  A fix is applied only through such a writer, so the bytes it does not touch stay
    byte for byte what they were."""
    bom = _BOM_OF.get(name, b"")
    codec = _CODEC.get(name, name)
    candidates = [lambda t: bom + t.encode(codec)]
    if name == "cp1258":
        candidates = [_cp1258_writer(False), _cp1258_writer(True)]
    for write in candidates:
        try:
            if write(text) == original:
                return write
        except (UnicodeEncodeError, LookupError):
            continue
    return None


def decode(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding name)``; raise ``ReadError`` for binary or undecodable input."""
    if not data:
        return "", "utf-8"
    for bom, name, family in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            if name == "utf-8-sig":
                try:
                    return body.decode("utf-8"), name
                except UnicodeDecodeError as e:
                    raise ReadError(f"not valid UTF-8 despite its BOM (byte {e.start + 3})") from None
            try:
                return body.decode(name), name
            except UnicodeDecodeError:
                raise ReadError(f"not valid {family.upper()}") from None
    _refuse_binary(data)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _decode_8bit(data)


def _refuse_binary(data: bytes) -> None:
    head = data[:8]
    if head.startswith(b"%PDF"):
        raise ReadError("binary file (PDF)")
    if head.startswith(b"PK\x03\x04"):
        raise ReadError("binary file (ZIP archive: a .docx saved under another extension?)")
    if b"\x00" in data:
        raise ReadError("binary file (NUL bytes)")


def russian_score(text: str) -> float:
    """How Russian a decoded text looks: mean log-probability of its Cyrillic letters under
    Russian letter frequencies, with penalties for word shapes a wrong code page produces
    ("уВАЖАЕМЫЙ": a capital after a small letter inside a word, since the code pages swap
    letter case) and for characters it produces (box drawing, control characters).  About
    -3.3 for Russian, lower for Russian decoded with the wrong code page; ``-inf``
    when the text has no Cyrillic letters."""
    total = 0.0
    letters = 0
    junk = 0
    for ch in text:
        if "\u0400" <= ch <= "\u04ff":
            total += _RU_LOG.get(ch.lower(), _FLOOR)
            letters += 1
        elif ch > "\x7f" and ch not in _OK_SYMBOLS:
            junk += 1
        elif ch < " " and ch not in "\t\n\r\f\v\x1a":
            junk += 1
    if not letters:
        return float("-inf")
    bad_shape = len(_BAD_SHAPE.findall(text))
    return (total - 8.0 * junk - 6.0 * bad_shape) / letters


_OK_SYMBOLS = set("«»–—№…“”„‘’\u00a0°§±·€")
_BAD_SHAPE = re.compile(r"[а-яё][А-ЯЁ]")


def cyrillic_ratio(text: str) -> float:
    letters = sum(1 for ch in text if ch.isalpha())
    if not letters:
        return 0.0
    return sum(1 for ch in text if "\u0400" <= ch <= "\u04ff") / letters


def _decode_8bit(data: bytes) -> tuple[str, str]:
    sample = data if len(data) <= 4 * _SAMPLE else data[:2 * _SAMPLE] + data[-_SAMPLE:]
    scores = {}
    for enc in _RUSSIAN_CANDIDATES:
        decoded = sample.decode(enc, errors="replace")
        if cyrillic_ratio(decoded) >= 0.5:
            scores[enc] = russian_score(decoded)
    if scores:
        ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
        best, best_score = ranked[0]
        if best_score > -6.5:  # plausible Russian
            close = len(ranked) > 1 and best_score - ranked[1][1] < 0.25
            if close:
                guess = _charset_normalizer_guess(sample, [e for e, _ in ranked[:2]])
                if guess in scores:
                    best = guess
            return data.decode(best, errors="replace"), best
    # not Russian: Vietnamese Windows-1258, else Latin-1 (which also keeps TCVN3/VNI mojibake)
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        text = None
    if text is not None and _plausible_cp1258(text):
        return unicodedata.normalize("NFC", text), "cp1258"
    guess = _charset_normalizer_guess(sample, None)
    if guess in ("cp1252", "windows-1252"):
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    return data.decode("latin-1"), "latin-1"


_VOWELS = set("aeiouyAEIOUYăâêôơưĂÂÊÔƠƯ")
_TONES = set("\u0300\u0301\u0303\u0309\u0323")


def _plausible_cp1258(text: str) -> bool:
    """Windows-1258 writes tones as combining marks after a vowel, and uses ă ơ ư đ."""
    marks = good = 0
    for i, ch in enumerate(text):
        if ch in _TONES:
            marks += 1
            if i and text[i - 1] in _VOWELS:
                good += 1
    specific = sum(text.count(c) for c in "ăơưđĂƠƯĐ")
    return marks >= 2 and good >= 0.9 * marks and specific >= 1


def _charset_normalizer_guess(sample: bytes, isolation: list[str] | None) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    try:
        if isolation:
            iso = ["cp1251" if e == "cp1251" else "koi8_r" if e == "koi8-r" else e for e in isolation]
            result = from_bytes(sample, cp_isolation=iso).best()
        else:
            result = from_bytes(sample).best()
    except Exception:
        return None
    if result is None:
        return None
    name = result.encoding.lower()
    return _CN_NAMES.get(name, name)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)


def decode_declared(data: bytes, declared: str | None) -> tuple[str, str]:
    """Decode with a declared charset (an e-mail part, an HTML <meta>) when it fits the bytes
    strictly; otherwise detect.  A declared ASCII with 8-bit bytes is a mislabel: detect."""
    if declared:
        name = declared.strip().strip('"').lower()
        if name not in ("us-ascii", "ascii", "unknown-8bit", "x-unknown") and _charset(name):
            try:
                text = data.decode(name)
            except (LookupError, UnicodeError, ValueError):   # "undefined" raises UnicodeError
                pass
            else:
                if name.replace("_", "-") in ("utf-8", "utf8") and text.startswith("\ufeff"):
                    return text[1:], "utf-8-sig"
                return text, _canonical(name)
    if not data:
        return "", "utf-8"
    return decode(data)


# Python codecs that are no character set a document can declare: decoding with them raises
# whatever the bytes ("undefined") or turns escapes into text ("unicode_escape")
_NOT_CHARSETS = {"undefined", "unicode_escape", "raw_unicode_escape", "idna", "punycode",
                 "mbcs", "oem", "charmap", "palmos"}


def _charset(name: str) -> bool:
    import codecs
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError, TypeError):
        return False
    return getattr(info, "_is_text_encoding", True) and info.name not in _NOT_CHARSETS


def html_meta_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


def _canonical(name: str) -> str:
    import codecs
    try:
        info = codecs.lookup(name)
    except LookupError:
        return name
    return {"utf_8": "utf-8", "cp1251": "cp1251", "koi8_r": "koi8-r", "cp1258": "cp1258",
            "latin_1": "latin-1", "iso8859-1": "latin-1", "cp1252": "cp1252",
            "utf_16": "utf-16", "cp866": "cp866"}.get(info.name, info.name)
