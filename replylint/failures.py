"""Internal errors: a rule or the segmenter that raises is a bug, never a silent pass.

In strict mode (environment variable REPLYLINT_STRICT=1, which the test suite sets) the
exception propagates, so a test fails where the bug is. In a normal run it costs only the
rule (or the zones) that failed: it becomes a note that every report format shows, and the
run exits 2, as an internal error should."""
from __future__ import annotations

import os

STRICT_ENV = "REPLYLINT_STRICT"


def strict() -> bool:
    return os.environ.get(STRICT_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def describe(exc: BaseException) -> str:
    """`TypeError: message` on one line."""
    text = f"{type(exc).__name__}: {exc}".splitlines()
    return text[0] if text else type(exc).__name__


def record(metadata: dict, what: str, exc: BaseException, consequence: str = "") -> str:
    """Note an internal error in a document's metadata (`notes` and `internal_errors`):
    "ru.vy-capital skipped: internal error TypeError: …"."""
    note = f"{what}: internal error {describe(exc)}" + (f"; {consequence}" if consequence else "")
    metadata.setdefault("notes", []).append(note)
    metadata.setdefault("internal_errors", []).append(note)
    return note
