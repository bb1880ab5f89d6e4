"""OLE2 compound files: legacy Word 97-2003 (.doc) and password-protected Office documents.

No maintained pure-Python library extracts the text of a .doc reliably (tracked deletions,
fields and hidden text live in the binary formatting tables), and garbage text would give
garbage findings; so an OLE file gets a one-line error saying what it is and how to save it
in a format replylint reads.
"""
from __future__ import annotations

from ..document import Document, ReadError
from .package import OLE_SIGNATURE

SAVE_AS = "open it in Word or LibreOffice and save it as .docx or .odt"


def _streams(data: bytes) -> set[str]:
    try:
        import olefile
    except ModuleNotFoundError:
        return set()
    import io
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            return {"/".join(e) for e in ole.listdir(streams=True, storages=False)}
    except (OSError, ValueError, IndexError, TypeError, RecursionError, AttributeError):
        return set()


def read_doc(path: str, data: bytes, options=None) -> Document:
    if data[:8] != OLE_SIGNATURE:
        raise ReadError(f"not a Word 97-2003 (.doc) file: {SAVE_AS}")
    streams = _streams(data)
    if "EncryptedPackage" in streams or "EncryptionInfo" in streams:
        raise ReadError("password-protected Office document: save it without a password as .docx")
    if "WordDocument" in streams or not streams:
        raise ReadError(f"legacy Word 97-2003 .doc is not read: {SAVE_AS}")
    raise ReadError(f"an OLE file that is not a Word document ({', '.join(sorted(streams)[:3])}): {SAVE_AS}")
