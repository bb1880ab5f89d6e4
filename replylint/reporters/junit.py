"""JUnit XML (`artifacts: reports: junit`, Jenkins, Azure): one `testsuite` "replylint" with
one `testcase` per file (name = the path). A file fails (`<failure>`) when it has findings at
or above `fail_on`; the text lists every finding as `line:col: severity rule message`.
A file that could not be read is an `<error>`. Findings below `fail_on` go to `system-out`."""
from __future__ import annotations

from xml.etree import ElementTree as ET

from ..diagnostic import severity_rank
from ..report import Report
from . import display_path, plural, position_label, sorted_diagnostics


def _line(d) -> str:
    text = f"{position_label(d)}: {d.severity} {d.rule} {d.message}"
    if d.cite:
        text += f" [{d.cite}]"
    return text


def _clean(s: str) -> str:
    """XML 1.0 has no place for most control characters: drop them."""
    return "".join(c for c in s if c in "\t\n\r" or ord(c) >= 0x20)


def render_junit(report: Report, fail_on: str = "error") -> str:
    floor = None if fail_on == "never" else severity_rank(fail_on)
    failures = errors = 0
    suite = ET.Element("testsuite", name="replylint")
    for f in report.files:
        case = ET.SubElement(suite, "testcase", name=_clean(display_path(f.path)),
                             classname="replylint", time="0")
        if f.error:
            errors += 1
            ET.SubElement(case, "error", type="read-error", message=_clean(f.error)).text = \
                _clean(f.error)
            continue
        diags = sorted_diagnostics(f)
        failing = [d for d in diags if floor is not None and severity_rank(d.severity) >= floor]
        if failing:
            failures += 1
            el = ET.SubElement(case, "failure", type=failing[0].severity,
                               message=plural(len(failing), "finding"))
            el.text = _clean("\n".join(_line(d) for d in failing))
        rest = [d for d in diags if d not in failing]
        if rest or f.notes:
            ET.SubElement(case, "system-out").text = _clean(
                "\n".join([f"note: {n}" for n in f.notes] + [_line(d) for d in rest]))
    counts = {"tests": str(len(report.files)), "failures": str(failures), "errors": str(errors)}
    suite.attrib.update(counts)
    suite.set("skipped", "0")
    root = ET.Element("testsuites", name="replylint", **counts)
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
