"""GitHub Actions workflow commands, one a finding:

    ::error file=path,line=L,col=C,endLine=L2,endColumn=C2,title=rule-id::message

warning → `::warning`, suggestion → `::notice`. Data is escaped (`%`, `\\r`, `\\n`) and property
values also escape `:` and `,`, as the workflow-commands spec asks. A suggestion is added to
the message on its own line. .docx findings carry no line (the file is not text): their
message starts with `¶N:C`. Unreadable files: `::error file=path::cause`; file notes:
`::notice file=path::note`.
"""
from __future__ import annotations

from ..report import Report
from . import is_page, is_paragraph, position_label, sorted_diagnostics

COMMANDS = {"error": "error", "warning": "warning", "suggestion": "notice"}


def escape_data(s: str) -> str:
    return str(s).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def _props(pairs) -> str:
    return ",".join(f"{k}={escape_property(v)}" for k, v in pairs if v is not None)


def render_github(report: Report) -> str:
    out = []
    for f in report.files:
        path = f.path
        if f.error:
            out.append(f"::error {_props([('file', path)])}::{escape_data(f.error)}")
            continue
        for note in f.notes:
            level = "error" if note in f.internal_errors else "notice"
            out.append(f"::{level} {_props([('file', path)])}::{escape_data(note)}")
        for d in sorted_diagnostics(f):
            msg = d.message or d.rule
            if d.suggestion:
                msg += f"\n→ {d.suggestion}"
            if is_paragraph(d) or is_page(d):
                msg = f"{position_label(d)}: {msg}"
                props = [("file", path), ("title", d.rule)]
            else:
                line = max(1, d.line)
                end_line = max(line, d.end_line or line)
                props = [("file", path), ("line", line)]
                if end_line == line:   # columns only mean something on one line
                    props += [("col", max(1, d.column)), ("endLine", end_line),
                              ("endColumn", max(1, d.end_column or d.column))]
                else:
                    props += [("endLine", end_line)]
                props.append(("title", d.rule))
            out.append(f"::{COMMANDS.get(d.severity, 'warning')} {_props(props)}::"
                       f"{escape_data(msg)}")
    return "\n".join(out) + ("\n" if out else "")
