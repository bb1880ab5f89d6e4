"""The results of one run, as every reporter receives them."""
from __future__ import annotations

from dataclasses import dataclass, field

from .diagnostic import Diagnostic
from .document import Document


@dataclass
class FileResult:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: str | None = None            # one-line cause when the file could not be read
    lang: str | None = None
    kind: str | None = None
    encoding: str | None = None
    pages: float | None = None
    notes: list[str] = field(default_factory=list)   # e.g. "language unknown: only common rules ran"
    doc: Document | None = None         # not serialised; lets the text reporter show source lines
    # a rule or the segmenter raised (also in `notes`): the run exits 2 (failures.py)
    internal_errors: list[str] = field(default_factory=list)
    # what a fresh run would give again (not a timeout or a crash): the result cache may keep it
    cacheable: bool = field(default=False, compare=False)


@dataclass
class Report:
    files: list[FileResult]
    rules: list = field(default_factory=list)   # the Rule objects that were enabled
    fixed: int | None = None                    # --fix: findings fixed (the files hold the rest)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.files for d in f.diagnostics if d.severity == severity)

    def summary(self) -> dict:
        return {"files": len(self.files), "errors": self.count("error"),
                "warnings": self.count("warning"), "suggestions": self.count("suggestion"),
                "failed_files": sum(1 for f in self.files if f.error)}
