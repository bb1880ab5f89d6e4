"""One-line human causes for the exceptions a reader or a library under it may raise.

A reader's own errors are ``ReadError`` sentences; what escapes from a library (the e-mail
package, python-docx, lxml, pdfminer) is named here by what it means to the user, never by
its raw text ("decoding with 'undefined' codec failed", "signed integer is greater than
maximum", "maximum recursion depth exceeded while getting the str of an object").
"""
from __future__ import annotations

import zipfile


def cause(e: BaseException, what: str = "the file") -> str:
    """A sentence saying why ``what`` could not be read."""
    if isinstance(e, RecursionError):
        return f"{what} is nested too deeply to read (parts inside parts, hundreds of levels)"
    if isinstance(e, OverflowError):
        return f"{what} holds a number too large to read (a size, date or position)"
    if isinstance(e, MemoryError):
        return f"out of memory while reading {what}"
    if isinstance(e, (UnicodeError, LookupError)):
        return f"{what} declares a character set that cannot decode it"
    if isinstance(e, zipfile.BadZipFile):
        return f"{what} is a damaged zip package"
    return f"{what} is malformed in a way replylint cannot read ({type(e).__name__})"
