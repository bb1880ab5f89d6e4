"""The JSON report (SPEC 2), a stable documented schema.

```
{"version": 1,
 "files": [{"path", "lang", "kind", "encoding", "pages", "error",
            "diagnostics": [{"rule", "severity", "message", "line", "column", "end_line",
                             "end_column", "start", "end", "match", "suggestion", "fixable",
                             "source"}]}],
 "summary": {"files", "errors", "warnings", "suggestions", "failed_files"}}
```

Types: `path` str; `lang`, `kind`, `encoding` str or null; `pages` number or null; `error` null,
or the one-line cause when the file could not be read (its `diagnostics` is then `[]`);
`line`, `column`, `end_line`, `end_column` are 1-based ints (`end_column` exclusive); `start`,
`end` are offsets in the extracted text (end exclusive); `suggestion` str or null (`""` means
"delete"); `fixable` bool; `source` str.

Extra keys, present only when they apply:
- file `notes`: list of str, only when non-empty (e.g. "language unknown: only
  language-neutral rules ran");
- diagnostic `paragraph`: int, for .docx positions, where `line` is the paragraph number
  (both keys hold the same number, `column` counts within the paragraph);
- diagnostic `page`: int, for PDF positions, where `line` is the printed line on that page;
- summary `fixed`: int, with `--fix`: the findings fixed (the diagnostics are what remains);
- top-level `statistics`, with `--statistics`: `[{"rule", "severity", "count", "fixable"}]`,
  most frequent first (`fixable`: how many of them `--fix` would fix).
"""
from __future__ import annotations

import json

from ..report import Report
from . import is_page, is_paragraph, sorted_diagnostics

SCHEMA_VERSION = 1


def diagnostic_dict(d) -> dict:
    out = {
        "rule": d.rule, "severity": d.severity, "message": d.message,
        "line": d.line, "column": d.column, "end_line": d.end_line, "end_column": d.end_column,
        "start": d.start, "end": d.end, "match": d.match, "suggestion": d.suggestion,
        "fixable": bool(d.fixable), "source": d.source or "",
    }
    if is_paragraph(d):
        out["paragraph"] = d.line
    elif is_page(d):
        out["page"] = d.page
    return out


def file_dict(f) -> dict:
    out = {
        "path": f.path, "lang": f.lang, "kind": f.kind, "encoding": f.encoding,
        "pages": f.pages, "error": f.error,
        "diagnostics": [] if f.error else [diagnostic_dict(d) for d in sorted_diagnostics(f)],
    }
    if f.notes:
        out["notes"] = list(f.notes)
    return out


def statistics(report: Report) -> list[dict]:
    from .text import rule_counts
    return [{"rule": r, "severity": s, "count": n, "fixable": k}
            for r, s, n, k in rule_counts(report)]


def report_dict(report: Report, with_statistics: bool = False) -> dict:
    summary = report.summary()
    if report.fixed is not None:
        summary["fixed"] = report.fixed
    out = {"version": SCHEMA_VERSION, "files": [file_dict(f) for f in report.files],
           "summary": summary}
    if with_statistics:
        out["statistics"] = statistics(report)
    return out


def render_json(report: Report, statistics: bool = False) -> str:
    return json.dumps(report_dict(report, statistics), ensure_ascii=False, indent=2) + "\n"
