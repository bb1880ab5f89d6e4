"""A self-contained HTML report: inline CSS, no JavaScript, everything escaped.

Per file: a table of findings (severity, position, rule id linking to the rule's explain text
further down the page, message, suggestion) and, when the document is at hand, its text with
every finding's span highlighted (hover shows rule and message).
"""
from __future__ import annotations

import html
import re

from ..report import Report
from ..rule_doc import explain_text
from . import (
    display_path,
    localised_pages,
    position_label,
    rule_languages,
    rule_map,
    sorted_diagnostics,
    summary_line,
)

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:2em;color:#1f2328;background:#fff}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #d0d7de}
table{border-collapse:collapse;width:100%;margin:.5em 0}
th,td{border:1px solid #d0d7de;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f6f8fa}
.sev{font-weight:bold;white-space:nowrap}
.error{color:#b91c1c}.warning{color:#a16207}.suggestion{color:#0369a1}
.pos{font-family:ui-monospace,Menlo,Consolas,monospace;white-space:nowrap}
.fileerror{color:#b91c1c;font-weight:bold}.note{color:#57606a;font-style:italic}
pre{white-space:pre-wrap;word-wrap:break-word;background:#f6f8fa;padding:1em;border-radius:6px;
font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em}
mark{padding:0 1px;border-radius:2px}
mark.error{background:#fecaca;color:inherit}mark.warning{background:#fef08a;color:inherit}
mark.suggestion{background:#bae6fd;color:inherit}
.summary{font-weight:bold}
.rule{margin-bottom:1.5em}
""".strip()

RANK = {"suggestion": 0, "warning": 1, "error": 2}


def e(s) -> str:
    return html.escape("" if s is None else str(s), quote=True)


def anchor(rule_id: str) -> str:
    return "rule-" + re.sub(r"[^A-Za-z0-9_.-]", "_", rule_id)


def highlight(text: str, diagnostics) -> str:
    """The text, escaped, with each finding's span in a <mark> (overlaps split cleanly)."""
    n = len(text)
    spans = [(max(0, min(d.start, n)), max(0, min(max(d.end, d.start), n)), d)
             for d in diagnostics]
    spans = [(s, t, d) for s, t, d in spans if t > s]
    cuts = sorted({0, n} | {s for s, _, _ in spans} | {t for _, t, _ in spans})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        chunk = e(text[a:b])
        cover = [d for s, t, d in spans if s <= a and b <= t]
        if cover:
            worst = max(cover, key=lambda d: RANK.get(d.severity, 1))
            title = "\n".join(f"{d.rule}: {d.message}" for d in cover)
            chunk = f'<mark class="{e(worst.severity)}" title="{e(title)}">{chunk}</mark>'
        out.append(chunk)
    return "".join(out)


def _file_section(f, i: int) -> list[str]:
    out = [f'<section id="file-{i}"' + (f' lang="{e(f.lang)}"' if f.lang in ("ru", "vi") else "")
           + ">", f"<h2>{e(display_path(f.path))}</h2>"]
    facts = [f"{k}: {v}" for k, v in (("language", f.lang), ("kind", f.kind),
                                       ("encoding", f.encoding), ("pages", f.pages)) if v is not None]
    if facts:
        out.append(f"<p>{e(', '.join(facts))}</p>")
    if f.error:
        out.append(f'<p class="fileerror">error: {e(f.error)}</p></section>')
        return out
    for note in f.notes:
        out.append(f'<p class="note">note: {e(note)}</p>')
    diags = sorted_diagnostics(f)
    if not diags:
        out.append("<p>No problems found.</p>")
    else:
        out.append("<table><thead><tr><th>severity</th><th>position</th><th>rule</th>"
                   "<th>message</th><th>suggestion</th></tr></thead><tbody>")
        for d in diags:
            sugg = "" if d.suggestion is None else (e(d.suggestion) if d.suggestion else
                                                     "<em>(delete)</em>")
            out.append(f'<tr><td class="sev {e(d.severity)}">{e(d.severity)}</td>'
                       f'<td class="pos">{e(position_label(d))}</td>'
                       f'<td><a href="#{e(anchor(d.rule))}">{e(d.rule)}</a></td>'
                       f"<td>{e(d.message)}</td><td>{sugg}</td></tr>")
        out.append("</tbody></table>")
    if f.doc is not None:
        text = f.doc.raw_text if f.doc.raw_text is not None else f.doc.text
        out.append(f"<pre>{highlight(text, diags)}</pre>")
    out.append("</section>")
    return out


def render_html(report: Report) -> str:
    rules = rule_map(report)
    used = sorted({d.rule for f in report.files for d in f.diagnostics})
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           "<title>replylint report</title>", f"<style>{CSS}</style>", "</head>", "<body>",
           "<h1>replylint report</h1>", f'<p class="summary">{e(summary_line(report))}</p>']
    for i, f in enumerate(report.files, 1):
        out += _file_section(f, i)
    if used:
        out.append("<h2>Rules</h2>")
        fired, _ = rule_languages(report)
        for rid in used:   # a common.* rule explained in the languages of the letters it fired on
            body = localised_pages(rules[rid], fired.get(rid), explain_text) if rid in rules else f"{rid}\n"
            out.append(f'<div class="rule" id="{e(anchor(rid))}"><h3>{e(rid)}</h3>'
                       f"<pre>{e(body)}</pre></div>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
