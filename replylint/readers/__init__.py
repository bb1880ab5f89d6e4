"""Readers: a path (or stdin) → a ``Document`` without zones (SPEC 3).

``read`` dispatches by extension, decodes, fills format, encoding, lang, kind, metadata,
is_template, raw_text, source_map and unreadable (legacy-encoded Vietnamese paragraphs, see
``language.legacy_spans``), then masks template placeholders (templates only) and
applies suppression directives (every format).  Every failure is a ``ReadError`` with a one-line
cause; no other exception escapes.  ``known_format``/``unread_reason`` say which files are
read (``selection`` walks folders for them).
"""
from __future__ import annotations

import os
import re
import stat
import sys
from dataclasses import dataclass

from .. import language, suppression
from ..document import Document, ReadError

__all__ = ["ReadOptions", "EXTENSIONS", "read", "known_format", "unread_reason", "ReadError"]


MAX_TEXT_LENGTH = 500_000     # characters: about 150 pages, far beyond any letter


@dataclass
class ReadOptions:
    max_bytes: int = 20 * 1024 * 1024      # files over this are refused before reading/unpacking
    max_text: int = MAX_TEXT_LENGTH        # characters of extracted text; longer is refused
    template_exts: tuple[str, ...] = (".j2", ".jinja", ".mustache")
    lang: str = "auto"                     # auto|ru|vi
    kind: str = "auto"                     # auto|letter|email


EXTENSIONS = (".txt", ".md", ".eml", ".html", ".htm", ".docx", ".odt", ".ott", ".pdf", ".rtf",
              ".doc", ".j2", ".jinja", ".mustache")
_TEXT_FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".eml": "eml", ".html": "html",
                 ".htm": "html", ".docx": "docx", ".odt": "odt", ".ott": "odt", ".pdf": "pdf",
                 ".rtf": "rtf", ".doc": "doc", ".dot": "doc"}
_BINARY = ("docx", "odt", "pdf", "doc")       # formats that are never read as text


def human_size(n: int) -> str:
    if n >= 1024 * 1024:
        value, unit = n / (1024 * 1024), "MB"
    elif n >= 1024:
        value, unit = n / 1024, "KB"
    else:
        return f"{n} bytes"
    s = f"{value:.1f}"
    if s.endswith(".0"):
        s = s[:-2]
    return f"{s} {unit}"


def _one_line(s: str) -> str:
    return " ".join(str(s).split())


def _format_of(path: str, options: ReadOptions) -> tuple[str, bool]:
    """(inner format, is_template) from the file name: ``x.txt.j2`` is a template of a text."""
    name = os.path.basename(path).lower()
    template = False
    for ext in options.template_exts:
        if name.endswith(ext.lower()):
            template = True
            name = name[: -len(ext)]
            break
    ext = os.path.splitext(name)[1]
    fmt = _TEXT_FORMATS.get(ext, "txt")
    if template and fmt in _BINARY + ("rtf",):
        fmt = "txt"
    return fmt, template


def sniff(data: bytes) -> str | None:
    """The format the bytes themselves declare: "docx", "odt", "pdf", "rtf", "doc" (any OLE2
    compound file: a Word 97-2003 file or an encrypted Office file), "zip" (another zip), or None
    (text). PDF readers accept a header within the first 1 KB, and so does this."""
    from .package import OLE_SIGNATURE, zip_kind
    head = data[:1024]
    if head[:8] == OLE_SIGNATURE:
        return "doc"
    kind = zip_kind(data)
    if kind is not None:
        return kind if kind in ("docx", "odt") else "zip"
    if b"%PDF-" in head:
        return "pdf"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:5] == b"{\\rtf":
        return "rtf"
    return None


def _by_content(fmt: str, data: bytes, is_template: bool) -> str:
    """The reader to use: what the bytes are when they are a binary or RTF document (a .docx
    saved as .doc, an .odt saved as .docx, a PDF or RTF with no or another extension)."""
    found = sniff(data)
    if found is None:
        return "txt" if fmt == "rtf" else fmt   # a binary format's reader says what is wrong
    if found == "rtf" and is_template:
        return fmt
    if found == "zip":
        if fmt in ("docx", "odt"):       # a damaged package: its reader names the damage
            return fmt
        raise ReadError("a zip archive that is neither a .docx nor an .odt document")
    return found


_KINDS = ((stat.S_ISFIFO, "a FIFO or pipe"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _not_regular(mode: int) -> str:
    kind = next((name for test, name in _KINDS if test(mode)), "not a file")
    return f"not a regular file ({kind}): skipped"


def _load(path: str, options: ReadOptions) -> bytes:
    """The bytes of a regular file, at most ``max_bytes``.  A FIFO, device or socket is refused
    without being opened for a blocking read (a FIFO with no writer would block forever)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise ReadError("no such file") from None
    except PermissionError:
        raise ReadError("permission denied") from None
    except NotADirectoryError:
        raise ReadError("no such file (a parent is not a folder)") from None
    except OSError as e:
        raise ReadError(_os_cause(e)) from None
    if stat.S_ISDIR(st.st_mode):
        raise ReadError("is a directory")
    if not stat.S_ISREG(st.st_mode):
        raise ReadError(_not_regular(st.st_mode))
    if st.st_size > options.max_bytes:
        raise ReadError(f"file too large: {human_size(st.st_size)} > limit {human_size(options.max_bytes)}")
    try:
        # non-blocking open: the path may have been swapped for a FIFO since the stat
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except PermissionError:
        raise ReadError("permission denied") from None
    except IsADirectoryError:
        raise ReadError("is a directory") from None
    except OSError as e:
        raise ReadError(_os_cause(e)) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise ReadError(_not_regular(st.st_mode))
        with os.fdopen(fd, "rb") as f:
            fd = -1
            data = f.read(options.max_bytes + 1)
    except OSError as e:
        raise ReadError(_os_cause(e)) from None
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > options.max_bytes:
        raise ReadError(f"file too large: more than the limit {human_size(options.max_bytes)}")
    return data


def _os_cause(e: OSError) -> str:
    from ..atomic import cause
    return cause(e)


def read_limited(stream, limit: int) -> bytes:
    """At most ``limit`` + 1 bytes of a stream, read in chunks (so 1.6 GB piped in costs one
    chunk over the limit, not 1.6 GB of memory); ReadError past the limit."""
    chunks, total = [], 0
    while total <= limit:
        chunk = stream.read(min(1 << 20, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    if total > limit:
        raise ReadError(f"input too large: more than the limit {human_size(limit)}")
    return b"".join(chunks)


def _read_docx(path: str, data: bytes, options: ReadOptions) -> Document:
    try:
        from . import docx as docx_reader
    except ModuleNotFoundError as e:
        if e.name in ("replylint.readers.docx", "docx", "lxml"):
            raise ReadError(f"{os.path.basename(path)}: .docx support is not installed") from None
        raise
    return docx_reader.read_docx(path, data, options)


def _reader(fmt: str):
    """The read function of a binary or RTF format (imported on first use)."""
    try:
        if fmt == "odt":
            from .odt import read_odt as fn
        elif fmt == "pdf":
            from .pdf import read_pdf as fn
        elif fmt == "rtf":
            from .rtf import read_rtf as fn
        else:
            from .doc import read_doc as fn
    except ModuleNotFoundError as e:
        if e.name and not e.name.startswith("replylint"):
            raise ReadError(f".{fmt} support is not installed ({e.name} missing)") from None
        raise
    return fn


def read(path: str, options: ReadOptions | None = None, stdin: bytes | None = None,
         data: bytes | None = None) -> Document:
    """Read one file (``"-"``: standard input, as text) into a Document without zones;
    ``data``: the content to read as that file's (a fixed text being re-checked)."""
    options = options or ReadOptions()
    try:
        return _read(path, options, stdin, data)
    except ReadError:
        raise
    except (Exception, MemoryError) as e:  # never let another exception escape, nor its raw text
        from .causes import cause
        raise ReadError(cause(e)) from None


def _read(path: str, options: ReadOptions, stdin: bytes | None, data: bytes | None = None) -> Document:
    from . import template
    from .eml import read_eml
    from .html import read_html
    from .text import read_text

    if path == "-":
        data = stdin if stdin is not None else read_limited(sys.stdin.buffer, options.max_bytes)
        if len(data) > options.max_bytes:
            raise ReadError(f"input too large: {human_size(len(data))} > limit {human_size(options.max_bytes)}")
        fmt, is_template = "txt", False
    else:
        fmt, is_template = _format_of(path, options)
        if data is None:
            data = _load(path, options)
    fmt = _by_content(fmt, data, is_template)

    if fmt == "docx":
        doc = _read_docx(path, data, options)
    elif fmt in ("odt", "pdf", "rtf", "doc"):
        doc = _reader(fmt)(path, data, options)
    elif fmt == "eml":
        doc = read_eml(path, data, options)
    elif fmt == "html":
        doc = read_html(path, data, options)
    else:
        doc = read_text(path, data, options, fmt=fmt)

    _no_surrogates(doc)
    if len(doc.text) > options.max_text:
        raise ReadError(f"text too long: {len(doc.text):,} characters > limit {options.max_text:,} "
                        "(max_text_length)")
    doc.path = path
    if is_template:
        doc.is_template = True
        doc.metadata["template_of"] = doc.format
        doc.format = "template"
    if doc.raw_text is None:
        doc.raw_text = doc.text
    if options.kind in ("letter", "email"):
        doc.kind = options.kind
    else:
        doc.kind = "email" if doc.format == "eml" else (doc.kind or "letter")
    if is_template:
        template.apply_to(doc)
    suppression.apply_to(doc)
    if not doc.unreadable:
        doc.unreadable = language.legacy_spans(doc.text)
    if options.lang in ("ru", "vi"):
        doc.lang = options.lang
    else:
        doc.lang = language.detect(doc.text)
    if len(doc.text) != len(doc.raw_text):  # pragma: no cover - a reader bug
        raise ReadError("internal error: masked text changed length")
    return doc


_SURROGATE = re.compile("[\ud800-\udfff]")


def _clean(value):
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    return value


def _no_surrogates(doc: Document) -> None:
    """Lone surrogates (8-bit header bytes the e-mail package keeps as surrogate escapes) become
    U+FFFD, one character for one, so every reporter and output file can encode the text."""
    doc.text = _clean(doc.text)
    if doc.raw_text is not None:
        doc.raw_text = _clean(doc.raw_text)
    doc.metadata = _clean(doc.metadata)


def known_format(name: str, options: ReadOptions | None = None) -> bool:
    """True for a file name with an extension replylint reads (folders are walked for these)."""
    options = options or ReadOptions()
    low = os.path.basename(name).lower()
    exts = tuple(EXTENSIONS) + tuple(_TEXT_FORMATS) + tuple(e.lower() for e in options.template_exts)
    return low.endswith(exts)


def unread_reason(name: str, options: ReadOptions | None = None) -> str | None:
    """None when a file passed by name is read (a known extension, or none: plain text); else
    the one-line reason it is skipped (`pyproject.toml` is not a letter)."""
    if known_format(name, options):
        return None
    ext = os.path.splitext(os.path.basename(name))[1]
    if not ext:
        return None
    return f"not a format replylint reads ({ext.lower()})"
