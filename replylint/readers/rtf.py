r"""Rich Text Format (.rtf) reader: the text with one paragraph per line, positions as ¶N.

The control words are interpreted by striprtf, which honours ``\\ansicpg`` (the document's
code page), a font's ``\\fcharset`` (204 → Windows-1251, 163 → Windows-1258 …) for ``\\'xx``
bytes, and ``\\uN`` escapes with their ``\\ucN`` fallback characters skipped. Around it:

* the bytes are decoded with the declared ``\\ansicpg`` code page, so 8-bit characters written
  raw (not as ``\\'xx``) come out right too;
* a table cell ends a paragraph (left cell before right cell, as for .docx) instead of
  striprtf's "|", and a row end adds nothing;
* long runs of hex digits (pictures and embedded objects, never text) are dropped before
  parsing, which keeps the time linear in the text, not in the pictures;
* the two ``\uN`` halves of a character outside the BMP (an emoji), which striprtf leaves as
  two lone surrogates, are joined into the character;
* the result is NFC-normalised: Windows-1258 writes tone marks as combining characters.

Headers, footers, footnotes, comments and field instructions are destinations and are not
read. Files with more than ``MAX_GROUPS`` groups are refused (a real letter has a few
thousand); so is a file that is not RTF at all.
"""
from __future__ import annotations

import codecs
import re
import unicodedata

from ..document import Document, ReadError, SourceMap

MAX_GROUPS = 200_000
_CODEPAGE = re.compile(rb"\\ansicpg(\d{3,5})")
_HEX_RUN = re.compile(r"(?:[0-9a-fA-F]{2}\s*){256,}")
_CELL = re.compile(r"(?<!\\)\\(?:nest)?cell(?![a-z])\s?")
_ROW = re.compile(r"(?<!\\)\\(?:nest)?row(?![a-z])\s?")


def codepage(data: bytes) -> str:
    """The Python codec of the document's ``\\ansicpg`` (cp1252 when absent or unknown)."""
    m = _CODEPAGE.search(data[:4096])
    name = f"cp{int(m.group(1))}" if m else "cp1252"
    try:
        codecs.lookup(name)
    except LookupError:
        return "cp1252"
    return name


def rtf_text(data: bytes) -> str:
    """The plain text of RTF bytes, paragraphs as lines."""
    from striprtf.striprtf import rtf_to_text
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        raise ReadError("not an RTF file (no {\\rtf header)")
    groups = data.count(b"{")
    if groups > MAX_GROUPS:
        raise ReadError(f"RTF with {groups} groups, over the limit of {MAX_GROUPS}")
    enc = codepage(data)
    src = data.decode(enc, errors="replace")
    src = _HEX_RUN.sub("", src)
    src = _ROW.sub("", _CELL.sub(r"\\par ", src))
    try:
        text = rtf_to_text(src, encoding=enc, errors="replace")
    except RecursionError:
        raise ReadError("RTF nested too deeply") from None
    except (ValueError, LookupError, IndexError) as e:
        raise ReadError(f"corrupt RTF: {type(e).__name__}") from None
    # striprtf turns each \uN of a surrogate pair (an emoji) into a lone surrogate: pair them
    text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(line.rstrip() for line in text.split("\n")).rstrip("\n")


def read_rtf(path: str, data: bytes, options=None) -> Document:
    text = rtf_text(data)
    anchors = []
    offset = 0
    for n, line in enumerate(text.split("\n"), start=1):
        anchors.append((offset, n, 1))
        offset += len(line) + 1
    return Document(path=path, text=text, source_map=SourceMap(text, anchors, unit="paragraph"),
                    format="rtf", encoding=codepage(data), raw_text=text)
