"""Zip packages (.docx, .odt) and their XML, read within limits.

* the unpacked size is bounded: the members' declared sizes are summed before anything is
  inflated, and every member read is inflated in chunks with the bytes counted, so a zip bomb
  (declared or lying) is refused with a one-line error;
* XML is parsed with no DTD, no entity expansion and no network (``parse_xml``).

The limit is 10 × ``options.max_bytes`` and at least 50 MB, or ``options.max_unpacked_bytes``.
"""
from __future__ import annotations

import io
import re
import zipfile

from ..document import ReadError

OLE_SIGNATURE = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"
MIN_UNPACKED_LIMIT = 50 * 1024 * 1024
_CHUNK = 1 << 16
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
               RuntimeError, NotImplementedError)     # NotImplementedError: an unknown method


def one_line(e) -> str:
    return " ".join(str(e).split())


def human_mb(n: int) -> str:
    mb = n / (1024 * 1024)
    return f"{mb:.0f} MB" if mb >= 10 else f"{mb:.1f} MB"


def unpacked_limit(options) -> int:
    explicit = getattr(options, "max_unpacked_bytes", None)
    if explicit:
        return int(explicit)
    max_bytes = getattr(options, "max_bytes", None) or 20 * 1024 * 1024
    return max(10 * max_bytes, MIN_UNPACKED_LIMIT)


class Package:
    """A zip package whose members are read with the inflated bytes counted."""

    def __init__(self, data: bytes, kind: str, options=None):
        self.kind = kind                          # ".odt", shown in errors
        self.limit = unpacked_limit(options)
        self.inflated = 0
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except _ZIP_ERRORS as e:
            raise ReadError(f"corrupt {kind}: {one_line(e) or 'bad zip structure'}") from None
        total = sum(max(0, i.file_size) for i in infos)
        if total > self.limit:
            raise ReadError(f"{kind} unpacks to {human_mb(total)}, over the limit ({human_mb(self.limit)})")
        self.names = {i.filename for i in infos}

    def read(self, name: str) -> bytes | None:
        """The member's bytes, None when absent; ReadError when corrupt or over the limit."""
        if name not in self.names:
            return None
        out = bytearray()
        try:
            with self.zip.open(name) as f:
                while True:
                    chunk = f.read(_CHUNK)
                    if not chunk:
                        break
                    self.inflated += len(chunk)
                    if self.inflated > self.limit:
                        raise ReadError(f"{self.kind} unpacks to more than the limit ({human_mb(self.limit)})")
                    out += chunk
        except ReadError:
            raise
        except _ZIP_ERRORS as e:
            raise ReadError(f"corrupt {self.kind}: {name}: {one_line(e) or 'bad data'}") from None
        return bytes(out)


_DTD = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)


def parse_xml(data: bytes, what: str):
    """The root element of an XML part: no DTD or entity (refused), no network."""
    from lxml import etree
    if _DTD.search(data[:4096]) or b"<!ENTITY" in data:
        raise ReadError(f"{what}: XML with a DTD or entity declarations (refused)")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as e:
        raise ReadError(f"{what}: malformed XML: {one_line(e)}") from None
    if root is None:
        raise ReadError(f"{what}: empty XML")
    return root


def zip_kind(data: bytes) -> str | None:
    """What a zip package is, from its ``mimetype`` member or ``[Content_Types].xml``:
    "odt" (text or text template), "docx", "odf" (another OpenDocument), "ooxml" (another
    Office Open XML), "zip"; None when ``data`` is not a zip."""
    if data[:4] != b"PK\x03\x04":
        return None
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        names = set(z.namelist())
        mime = b""
        if "mimetype" in names and z.getinfo("mimetype").file_size < 200:
            mime = z.read("mimetype").strip()
        types = b""
        if "[Content_Types].xml" in names and z.getinfo("[Content_Types].xml").file_size < 1 << 20:
            types = z.read("[Content_Types].xml")
    except _ZIP_ERRORS:
        return "zip"
    if mime.startswith(b"application/vnd.oasis.opendocument.text"):
        return "odt"
    if mime.startswith(b"application/vnd.oasis.opendocument."):
        return "odf"
    if b"wordprocessingml" in types or "word/document.xml" in names:
        return "docx"
    if types:
        return "ooxml"
    return "zip"
