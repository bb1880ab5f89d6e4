"""SARIF 2.1.0: one run, one `reportingDescriptor` per enabled rule, results with regions.

- `tool.driver.rules`: the enabled rules (`report.rules`), each with `help` = the rule's explain
  page (text and Markdown; a common.* rule's in the languages of the documents it fired on),
  `defaultConfiguration.level`, `properties.tags` and `properties.source` (its citations:
  document, short, clause, quote, lang). A finding of a rule that is not in
  `report.rules` gets a minimal descriptor appended so `ruleIndex` stays valid.
- levels: error → "error", warning → "warning", suggestion → "note".
- regions: `startLine`/`startColumn`/`endLine`/`endColumn` (1-based, end exclusive). Plain-text
  sources (no document, or txt/md/template) also get `charOffset`/`charLength`; other formats
  (html, eml) do not, since offsets there are in the extracted text, not the file. For .docx
  `startLine` is the paragraph number and the region has `properties.paragraph`.
- locations: `uri` relative to `originalUriBaseIds.SRCROOT` (the working folder, a file://
  URI), with `uriBaseId`; a file outside it gets an absolute file:// URI.
- `partialFingerprints["replylintFinding/v1"]`: the same stable hash as the GitLab format's
  `fingerprint` (path, rule, matched text, occurrence; not the line).
- `fixes` for fixable findings with a suggestion (not for .docx): one replacement of the
  region by the suggestion.
- `invocations[0]`: `executionSuccessful` true (findings are not failures), with a
  `toolExecutionNotifications` error for each file that could not be read and a note for
  each file note.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from ..report import Report
from ..rule_doc import explain_markdown, explain_text, short_description
from . import fingerprints, is_page, is_paragraph, localised_pages, relative_uri, rule_languages

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/replylint/"
LEVELS = {"error": "error", "warning": "warning", "suggestion": "note"}
TEXT_FORMATS = {"txt", "md", "template", "text"}


def tool_version() -> str:
    from .. import version
    return version()


def _name(rule_id: str) -> str:
    last = rule_id.split(".")[-1]
    return "".join(p[:1].upper() + p[1:] for p in re.split(r"[-_]+", last) if p) or rule_id


def descriptor(rule, langs: list[str] | None = None) -> dict:
    """The rule's descriptor; a common.* rule's help (why, fix, citations) in `langs`, the
    languages of the documents it fired on (else of the run)."""
    langs = langs or []
    lang = rule.lang or (langs[0] if langs else None)
    desc = (rule.description or "").strip()
    full = " ".join(x for x in (desc or short_description(rule), rule.why_for(lang)) if x)
    tags = [rule.pack, rule.lang or "common", rule.severity]
    if rule.fixable:
        tags.append("fixable")
    cites = [c for one in (langs if len(langs) > 1 else [lang]) for c in rule.citations(one)]
    cites = [c for i, c in enumerate(cites) if c not in cites[:i]]
    props = {"tags": list(dict.fromkeys(tags)),
             "source": [{k: str(v) for k, v in c.items()} for c in cites]}
    return {
        "id": rule.id,
        "name": _name(rule.id),
        "shortDescription": {"text": short_description(rule)},
        "fullDescription": {"text": full},
        "help": {"text": localised_pages(rule, langs, explain_text),
                 "markdown": localised_pages(rule, langs, explain_markdown)},
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
        "properties": props,
    }


def _minimal_descriptor(rule_id: str, severity: str) -> dict:
    return {"id": rule_id, "name": _name(rule_id),
            "shortDescription": {"text": rule_id},
            "defaultConfiguration": {"level": LEVELS.get(severity, "warning")}}


def region(d, doc=None) -> dict:
    line = max(1, d.line or 1)
    col = max(1, d.column or 1)
    end_line = max(line, d.end_line or line)
    end_col = d.end_column or col
    if end_line == line:
        end_col = max(col, end_col)
    end_col = max(1, end_col)
    reg = {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col}
    if is_paragraph(d):
        reg["properties"] = {"paragraph": line}
    elif is_page(d):
        reg["properties"] = {"page": d.page}
    elif doc is None or getattr(doc, "format", "txt") in TEXT_FORMATS:
        start = max(0, d.start)
        reg["charOffset"] = start
        reg["charLength"] = max(0, d.end - start)
    return reg


SRCROOT = "SRCROOT"


def artifact(path: str) -> dict:
    """An artifactLocation: relative to %SRCROOT% (the working folder) when inside it."""
    uri = relative_uri(path)
    if uri.startswith("file:") or path in ("-", ""):
        return {"uri": uri}
    return {"uri": uri, "uriBaseId": SRCROOT}


def result(d, location: dict, rule_index: int | None, doc=None, fingerprint: str | None = None) -> dict:
    reg = region(d, doc)
    res = {"ruleId": d.rule}
    if rule_index is not None:
        res["ruleIndex"] = rule_index
    res["level"] = LEVELS.get(d.severity, "warning")
    res["message"] = {"text": d.message or d.rule}
    res["locations"] = [{"physicalLocation": {"artifactLocation": dict(location), "region": reg}}]
    if fingerprint:
        res["partialFingerprints"] = {"replylintFinding/v1": fingerprint}
    props = {}
    if d.match:
        props["match"] = d.match
    if d.source:
        props["source"] = d.source
    if d.suggestion is not None:
        props["suggestion"] = d.suggestion
    if d.fixable and d.suggestion is not None and not is_paragraph(d):
        text = f"Replace «{d.match}» with «{d.suggestion}»" if d.suggestion else \
            f"Delete «{d.match}»"
        res["fixes"] = [{"description": {"text": text}, "artifactChanges": [{
            "artifactLocation": dict(location),
            "replacements": [{"deletedRegion": reg, "insertedContent": {"text": d.suggestion}}],
        }]}]
    if props:
        res["properties"] = props
    return res


def sarif_dict(report: Report) -> dict:
    rules = list(getattr(report, "rules", []) or [])
    fired, every = rule_languages(report)
    descriptors = [descriptor(r, fired.get(r.id) or every) for r in rules]
    index = {r.id: i for i, r in enumerate(rules)}
    results, notifications = [], []
    for f in report.files:
        location = artifact(f.path)
        loc = [{"physicalLocation": {"artifactLocation": location}}]
        if f.error:
            notifications.append({"level": "error", "message": {"text": f"{f.path}: {f.error}"},
                                  "locations": loc, "descriptor": {"id": "read-error"}})
            continue
        for note in f.notes:
            crashed = note in f.internal_errors
            notifications.append({"level": "error" if crashed else "note",
                                  "message": {"text": f"{f.path}: {note}"}, "locations": loc,
                                  "descriptor": {"id": "internal-error" if crashed else "note"}})
        for d, fp in fingerprints(f):
            if d.rule not in index:
                index[d.rule] = len(descriptors)
                descriptors.append(_minimal_descriptor(d.rule, d.severity))
            results.append(result(d, location, index[d.rule], f.doc, fp))
    invocation = {"executionSuccessful": not any(f.internal_errors for f in report.files)}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "replylint", "version": tool_version(),
                                "semanticVersion": tool_version(),
                                "informationUri": INFORMATION_URI, "rules": descriptors}},
            "invocations": [invocation],
            "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri() + "/",
                                             "description": {"text": "The folder replylint ran in."}}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def render_sarif(report: Report) -> str:
    return json.dumps(sarif_dict(report), ensure_ascii=False, indent=2) + "\n"
