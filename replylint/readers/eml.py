"""E-mail (.eml) reader: headers as metadata, the body as the Document text.

Metadata (``Document.metadata``):

* ``from`` — the decoded From header ("Name <addr>"), ``from_address`` — its address;
  ``to`` / ``to_addresses``, ``cc`` / ``cc_addresses`` likewise (None / [] when absent);
* ``subject`` — decoded and unfolded; ``None`` when the header is absent, ``""`` when empty;
* ``date`` — the raw header; ``date_parsed`` — an aware ``datetime`` in the header's own offset
  (a header without a zone, or "-0000", is taken as UTC), None when absent or unparsable;
* ``message_id``, ``in_reply_to``; ``attachments`` — attachment file names;
* ``body_type`` — "text/plain" or "text/html"; ``body_charset`` and ``body_transfer_encoding``.

The body is the text/plain part, else the text/html part through the HTML reader (multipart/
alternative, mixed and related are searched).  Transfer encodings (quoted-printable, base64)
and charsets are decoded; a declared charset that does not fit the bytes falls back to
detection.  For a 7bit/8bit body, line numbers point to the body's lines in the .eml file; for
a quoted-printable or base64 body they count lines of the decoded body from the line where the
encoded body starts.
"""
from __future__ import annotations

import email
import email.policy
import email.utils
from datetime import timezone

from .. import encoding
from ..document import Document, ReadError, SourceMap
from .html import document_from_html

# Decoding a header costs time and memory quadratic in its encoded-words (100,000 of them in a
# Subject took 60 s and 14 GB): each header is decoded from its first MAX_HEADER characters only.
# A real Subject is under 1 KB; 16 KB holds some 500 addresses in a To.
MAX_HEADER = 16 * 1024


class _CappedPolicy(email.policy.EmailPolicy):
    """email.policy.default, with every header value cut to MAX_HEADER characters (at a space)
    before it is parsed and decoded."""

    def header_fetch_parse(self, name, value):
        return super().header_fetch_parse(name, _cap(value))


def _cap(value: str) -> str:
    if len(value) <= MAX_HEADER:
        return value
    cut = value.rfind(" ", 0, MAX_HEADER)
    return value[:cut if cut > MAX_HEADER // 2 else MAX_HEADER]


_POLICY = _CappedPolicy()

KNOWN_HEADERS = {"from", "to", "cc", "bcc", "subject", "date", "message-id", "mime-version",
                 "received", "return-path", "content-type", "content-transfer-encoding",
                 "reply-to", "sender", "in-reply-to", "references", "x-mailer", "delivered-to",
                 "user-agent", "dkim-signature", "thread-topic", "x-original-to"}


def _header(msg, name: str):
    try:
        return msg[name]
    except Exception:  # a malformed header: fall back to the raw value
        for k, v in msg.raw_items():
            if k.lower() == name.lower():
                return _cap(v)
        return None


def _addresses(value) -> list[str]:
    if value is None:
        return []
    try:
        return [a.addr_spec for a in value.addresses if a.addr_spec and a.addr_spec != "<>"]
    except AttributeError:
        return [addr for _, addr in email.utils.getaddresses([str(value)]) if addr]


def _text(value) -> str | None:
    if value is None:
        return None
    return " ".join(str(value).split()) if "\n" in str(value) else str(value)


def _parse_date(value):
    if value is None:
        return None
    dt = getattr(value, "datetime", None)
    if dt is None:
        try:
            dt = email.utils.parsedate_to_datetime(str(value))
        except (TypeError, ValueError, IndexError, OverflowError):   # "Mon, 1 Jan 99999999999"
            return None
    if dt is not None and dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt


def _header_lines(data: bytes) -> int:
    """Number of lines in the top-level header block including the blank separator line."""
    for sep in (b"\r\n\r\n", b"\n\n"):
        i = data.find(sep)
        if i >= 0:
            return data.count(b"\n", 0, i + len(sep))
    return data.count(b"\n") + 1


def _find_body_line(data: bytes, part, default: int) -> int:
    """1-based line in the file where ``part``'s (encoded) payload starts."""
    try:
        # the undecoded payload (8-bit bytes kept as surrogates); get_payload() would decode it
        raw = getattr(part, "_payload", None)
        if not isinstance(raw, str):
            raw = part.get_payload(decode=False)
        if isinstance(raw, str):
            raw_bytes = raw.encode("ascii", "surrogateescape")
        else:
            return default
    except Exception:
        return default
    body = raw_bytes.lstrip(b"\r\n")
    leading = raw_bytes[:len(raw_bytes) - len(body)].count(b"\n")
    probe = body[:200]
    if not probe:
        return default
    start = _header_lines(data)
    idx = data.find(probe, start)
    if idx < 0 and b"\r\n" not in probe:
        idx = data.find(probe.replace(b"\n", b"\r\n"), start)
    if idx < 0:
        return default
    return data.count(b"\n", 0, idx) + 1 - leading


MAX_DEPTH = 50      # multipart levels; real mail nests 3 or 4


def _depth(part, limit: int) -> int:
    """How deep multipart parts nest, walked without recursion (stops past ``limit``)."""
    deepest, stack = 0, [(part, 1)]
    while stack:
        node, d = stack.pop()
        deepest = max(deepest, d)
        if deepest > limit:
            break
        payload = node.get_payload() if node.is_multipart() else None
        if isinstance(payload, list):
            stack.extend((p, d + 1) for p in payload)
    return deepest


def read_eml(path: str, data: bytes, options=None) -> Document:
    stripped = data.lstrip()
    if stripped.startswith(b"\xef\xbb\xbf"):
        data = data[data.index(b"\xef\xbb\xbf") + 3:]
    # an mbox "From " line before the headers is allowed
    if data.startswith(b"From ") and b"\n" in data:
        first, rest = data.split(b"\n", 1)
        if b":" not in first.split(b" ", 2)[1]:
            data = rest
            mbox_offset = 1
        else:
            mbox_offset = 0
    else:
        mbox_offset = 0
    msg = email.message_from_bytes(data, policy=_POLICY)
    names = {k.lower() for k in msg.keys()}
    if not names or not (names & KNOWN_HEADERS):
        raise ReadError("not an e-mail message: no headers")
    if _depth(msg, MAX_DEPTH) > MAX_DEPTH:
        raise ReadError(f"e-mail parts nested more than {MAX_DEPTH} levels deep (refused)")

    meta: dict = {}
    long = [f"the {k} header is {len(v):,} characters long: only its first {MAX_HEADER:,} were read"
            for k, v in msg.raw_items() if len(v) > MAX_HEADER][:1]
    frm = _header(msg, "From")
    meta["from"] = _text(frm)
    addrs = _addresses(frm)
    meta["from_address"] = addrs[0] if addrs else None
    for name in ("to", "cc"):
        value = _header(msg, name)
        meta[name] = _text(value)
        meta[f"{name}_addresses"] = _addresses(value)
    subject = _header(msg, "Subject")
    meta["subject"] = None if subject is None else " ".join(str(subject).split())
    date = _header(msg, "Date")
    meta["date"] = None if date is None else str(date)
    meta["date_parsed"] = _parse_date(date)
    meta["message_id"] = _text(_header(msg, "Message-ID"))
    meta["in_reply_to"] = _text(_header(msg, "In-Reply-To"))
    attachments = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        try:
            disposition = part.get_content_disposition()
            filename = part.get_filename()
        except Exception:
            continue
        if disposition == "attachment" or (filename and disposition != "inline"):
            attachments.append(filename or "(unnamed)")
        elif disposition == "inline" and filename and part.get_content_maintype() != "text":
            attachments.append(filename)
    meta["attachments"] = attachments

    try:
        body = msg.get_body(preferencelist=("plain", "html"))
    except Exception:
        body = None
    if body is None and not msg.is_multipart() and msg.get_content_maintype() == "text":
        body = msg
    header_lines = _header_lines(data) + mbox_offset

    if body is None:
        doc = Document(path=path, text="", source_map=SourceMap(""), format="eml",
                       encoding="utf-8", raw_text="")
        meta["body_type"] = None
    else:
        payload = body.get_payload(decode=True) or b""
        charset = body.get_content_charset()
        text, enc = encoding.decode_declared(payload, charset)
        cte = (body.get("Content-Transfer-Encoding") or "7bit").strip().lower()
        if body is msg:
            start_line = header_lines + 1
        else:
            start_line = _find_body_line(data, body, header_lines + 1) + mbox_offset
        meta["body_type"] = body.get_content_type()
        meta["body_charset"] = enc
        meta["body_transfer_encoding"] = cte
        if body.get_content_subtype() == "html":
            doc = document_from_html(path, text, enc, line_offset=start_line - 1, fmt="eml")
        else:
            doc = Document(path=path, text=text, source_map=SourceMap(text, [(0, start_line, 1)]),
                           format="eml", encoding=enc, raw_text=text)
    doc.metadata.update(meta)
    doc.metadata.setdefault("notes", []).extend(long)
    return doc
