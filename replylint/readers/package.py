"""Zip packages (.docx, .odt) and their XML, read within limits.

A zip's headers are the attacker's to write, so nothing here trusts them:

* the declared sizes of the members are summed before anything is inflated (an honest bomb is
  refused at once);
* every member is inflated here, in chunks, with the bytes counted: a member that inflates to
  more than its header says, or past the package limit, is refused (a lying bomb), and so is an
  encrypted member or a compression method Office does not use (only stored and deflated);
* ``verify()`` runs that check over every member before a library (python-docx) opens the
  package with ``zipfile``: once each member is known to inflate to exactly its declared size
  and CRC, ``zipfile``'s one-shot reads are bounded by the sizes already summed;
* XML is parsed with no DTD, no entity expansion and no network (``parse_xml``).

The limit is 10 × ``options.max_bytes`` and at least 50 MB, or ``options.max_unpacked_bytes``.
"""
from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib

from ..document import ReadError

OLE_SIGNATURE = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"
MIN_UNPACKED_LIMIT = 50 * 1024 * 1024
MAX_MEMBERS = 20_000              # a letter's package has a few dozen parts
_CHUNK = 1 << 16
_LOCAL = struct.Struct("<IHHHHHIIIHH")      # local file header, 30 bytes
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
               RuntimeError, NotImplementedError, zlib.error, struct.error)


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
    """A zip package whose members are inflated here, the bytes counted against the headers
    and the limit (``inflated``: the total so far)."""

    def __init__(self, data: bytes, kind: str, options=None, limit: int | None = None):
        self.kind = kind                          # ".odt", shown in errors
        self.data = data
        self.limit = limit if limit is not None else unpacked_limit(options)
        self.inflated = 0
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except _ZIP_ERRORS as e:
            raise ReadError(f"corrupt {kind}: {one_line(e) or 'bad zip structure'}") from None
        if len(infos) > MAX_MEMBERS:
            raise ReadError(f"{kind} holds {len(infos):,} parts, more than {MAX_MEMBERS:,} (refused)")
        total = sum(max(0, i.file_size) for i in infos)
        if total > self.limit:
            raise ReadError(f"{kind} unpacks to {human_mb(total)}, over the limit ({human_mb(self.limit)})")
        self.infos = {}
        for i in infos:
            self.infos.setdefault(i.filename, i)   # zipfile reads the first of duplicate names too
        self.names = set(self.infos)

    def read(self, name: str) -> bytes | None:
        """The member's bytes, None when absent; ReadError when corrupt, lying or over the limit."""
        info = self.infos.get(name)
        if info is None:
            return None
        out = bytearray()
        for chunk in self._inflate(info):
            out += chunk
        return bytes(out)

    def verify(self) -> None:
        """Inflate every member (keeping nothing): ReadError unless each one is exactly what its
        header declares, within the limit."""
        for info in self.infos.values():
            for _ in self._inflate(info):
                pass

    def _inflate(self, info):
        name = info.filename
        if info.flag_bits & 0x1:
            raise ReadError(f"encrypted {self.kind}: {name} needs a password (save it without one)")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ReadError(f"corrupt {self.kind}: {name}: compression method {info.compress_type} "
                            "is not one Office uses")
        try:
            head = _LOCAL.unpack_from(self.data, info.header_offset)
        except struct.error:
            raise ReadError(f"corrupt {self.kind}: {name}: truncated") from None
        if head[0] != 0x04034B50:
            raise ReadError(f"corrupt {self.kind}: {name}: bad local header")
        start = info.header_offset + _LOCAL.size + head[9] + head[10]
        raw = memoryview(self.data)[start:start + info.compress_size]
        if len(raw) < info.compress_size:
            raise ReadError(f"corrupt {self.kind}: {name}: truncated")
        inflater = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
        size, crc = 0, 0
        try:
            for at in range(0, max(len(raw), 1), _CHUNK):
                piece = raw[at:at + _CHUNK]
                while piece:
                    if inflater is None:
                        chunk, piece = bytes(piece), b""
                    else:
                        chunk = inflater.decompress(piece, _CHUNK)
                        piece = inflater.unconsumed_tail
                    size += len(chunk)
                    self.inflated += len(chunk)
                    if size > info.file_size:
                        raise ReadError(f"{self.kind}: {name} inflates to more than its header "
                                        f"says ({info.file_size:,} bytes): refused as a zip bomb")
                    if self.inflated > self.limit:
                        raise ReadError(f"{self.kind} unpacks to more than the limit ({human_mb(self.limit)})")
                    crc = zlib.crc32(chunk, crc)
                    if chunk:
                        yield chunk
                    if inflater is not None and inflater.eof:
                        break
        except zlib.error as e:
            raise ReadError(f"corrupt {self.kind}: {name}: {one_line(e)}") from None
        if size != info.file_size or (inflater is not None and not inflater.eof):
            raise ReadError(f"corrupt {self.kind}: {name}: {size:,} bytes, its header says "
                            f"{info.file_size:,}")
        if crc != info.CRC:
            raise ReadError(f"corrupt {self.kind}: {name}: bad CRC")


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
    Office Open XML), "zip"; None when ``data`` is not a zip.  Both members are read only when
    declared small, and ``Package`` stops any member at its declared size: a lying header costs
    nothing here (the reader applies the package limit)."""
    if data[:4] != b"PK\x03\x04":
        return None
    try:
        pkg = Package(data, "zip", limit=1 << 62)
        names = pkg.names
        mime = types = b""
        if "mimetype" in names and pkg.infos["mimetype"].file_size < 200:
            mime = pkg.read("mimetype").strip()
        if "[Content_Types].xml" in names and pkg.infos["[Content_Types].xml"].file_size < 1 << 20:
            types = pkg.read("[Content_Types].xml")
    except ReadError:
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
