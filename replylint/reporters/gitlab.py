"""GitLab Code Quality (`artifacts: reports: codequality`): a JSON array of issues, each with
`description`, `check_name`, `fingerprint` (stable across runs: see `fingerprints`),
`severity` (error → major, warning → minor, suggestion → info; a file that could not be read
→ critical) and `location.path` (relative, forward slashes) with `location.lines.begin`
(for .docx the paragraph number). `type` and `categories` make each issue a Code Climate issue
too."""
from __future__ import annotations

import hashlib
import json

from ..report import Report
from . import fingerprints, relative_path

SEVERITIES = {"error": "major", "warning": "minor", "suggestion": "info"}


def issue(description: str, check: str, fingerprint: str, severity: str, path: str,
          begin: int, end: int | None = None) -> dict:
    lines = {"begin": max(1, begin)}
    if end and end > lines["begin"]:
        lines["end"] = end
    return {"type": "issue", "description": description, "check_name": check,
            "fingerprint": fingerprint, "severity": severity, "categories": ["Style"],
            "location": {"path": path, "lines": lines}}


def render_gitlab(report: Report) -> str:
    out = []
    for f in report.files:
        path = relative_path(f.path)
        if f.error:
            fp = hashlib.sha256(f"{path}\x1fread-error".encode()).hexdigest()[:32]
            out.append(issue(f"cannot read the file: {f.error}", "replylint.read-error", fp,
                             "critical", path, 1))
            continue
        for d, fp in fingerprints(f):
            text = d.message or d.rule
            if d.cite:
                text += f" [{d.cite}]"
            out.append(issue(text, d.rule, fp, SEVERITIES.get(d.severity, "minor"), path,
                             d.line or 1, d.end_line))
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"
