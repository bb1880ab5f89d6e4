"""Reporters: JSON schema, SARIF 2.1.0 validity, GitHub commands, text and HTML output."""
from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from replylint.diagnostic import Diagnostic
from replylint.document import Document, SourceMap
from replylint.packs import load_rules
from replylint.report import FileResult, Report
from replylint.reporters import FORMATS, render
from replylint.reporters.github import escape_data, escape_property
from replylint.rule_doc import explain, explain_markdown, explain_text

SCHEMA = Path(__file__).parent / "fixtures" / "sarif-2.1.0.json"
ANSI = re.compile(r"\x1b\[")

RU_TEXT = ("Уважаемый Иван Иванович!\n"
           "Ваше заявление принято :) <script>alert('x')</script>\n"
           "Благодарим за обращение 🙂\n")
VI_TEXT = "Kính gửi Ông Nguyễn Văn A,\nHồ sơ đã được tiếp nhận 👍\n"


def _diag(text, needle, rule, severity, message, *, suggestion=None, fixable=False,
          source="", unit="line"):
    start = text.index(needle)
    end = start + len(needle)
    pos = SourceMap(text).position(start)
    endpos = SourceMap(text).position(end)
    return Diagnostic(rule=rule, start=start, end=end, message=message, severity=severity,
                      match=needle, suggestion=suggestion, fixable=fixable, source=source,
                      line=pos.line, column=pos.column, end_line=endpos.line,
                      end_column=endpos.column, unit=unit)


@pytest.fixture
def rules():
    rs = load_rules()
    assert any(r.id == "common.emoji" for r in rs)
    return rs


@pytest.fixture
def report(rules):
    ru_doc = Document(path="letters/ответ.txt", text=RU_TEXT, source_map=SourceMap(RU_TEXT),
                      lang="ru")
    ru = FileResult(
        path="letters/ответ.txt", lang="ru", kind="letter", encoding="utf-8", pages=0.2,
        doc=ru_doc,
        diagnostics=[
            _diag(RU_TEXT, "🙂", "common.emoji", "error",
                  "Эмодзи или смайлик «🙂» недопустим в официальном ответе: удалите его.",
                  suggestion="", fixable=True, source="Кодекс клиентоцентричности ЦЗН, п. 4.5"),
            _diag(RU_TEXT, ":)", "common.emoji", "error",
                  "Смайлик «:)» <script>alert(1)</script>, 100%: удалите",
                  suggestion="", fixable=True, source="Кодекс, п. 4.5"),
            _diag(RU_TEXT, "Иван Иванович", "ru.example-warning", "warning",
                  "Обращение по имени и отчеству: проверьте, а, б"),
        ])
    vi_docx = FileResult(
        path="hồ sơ/trả lời.docx", lang="vi", kind="letter", encoding=None, pages=1.0,
        diagnostics=[Diagnostic(rule="common.emoji", start=40, end=41, severity="error",
                                message="Không dùng biểu tượng cảm xúc «👍» trong văn bản trả lời "
                                        "chính thức: hãy xóa.",
                                match="👍", suggestion="", fixable=True, source="000 I.4",
                                line=12, column=5, end_line=12, end_column=6,
                                unit="paragraph"),
                     Diagnostic(rule="vi.example-suggestion", start=0, end=8,
                                severity="suggestion", message="Nên viết «Kính gửi»",
                                match="Kinh gui", suggestion="Kính gửi", line=1, column=1,
                                end_line=1, end_column=9, unit="paragraph")])
    broken = FileResult(path="broken.txt", error="cannot decode: not UTF-8, UTF-16 or CP1251")
    unknown = FileResult(path="notes.txt", lang="unknown", kind="letter", encoding="utf-8",
                         pages=0.1,
                         notes=["language unknown: only language-neutral rules ran"])
    return Report(files=[ru, vi_docx, broken, unknown], rules=rules)


# ---- JSON ---------------------------------------------------------------------------------

FILE_KEYS = {"path": str, "lang": (str, type(None)), "kind": (str, type(None)),
             "encoding": (str, type(None)), "pages": (int, float, type(None)),
             "error": (str, type(None)), "diagnostics": list}
DIAG_KEYS = {"rule": str, "severity": str, "message": str, "line": int, "column": int,
             "end_line": int, "end_column": int, "start": int, "end": int, "match": str,
             "suggestion": (str, type(None)), "fixable": bool, "source": str}
SUMMARY_KEYS = {"files", "errors", "warnings", "suggestions", "failed_files"}


def test_json_schema(report):
    out = render(report, "json")
    assert "Уважаемый" not in out and "ответ.txt" in out       # ensure_ascii=False
    data = json.loads(out)
    assert set(data) == {"version", "files", "summary"}
    assert data["version"] == 1
    assert data["summary"] == {"files": 4, "errors": 3, "warnings": 1, "suggestions": 1,
                               "failed_files": 1}
    assert set(data["summary"]) == SUMMARY_KEYS
    assert all(type(v) is int for v in data["summary"].values())
    for f in data["files"]:
        extra = set(f) - set(FILE_KEYS)
        assert extra <= {"notes"}
        assert set(FILE_KEYS) <= set(f)
        for k, t in FILE_KEYS.items():
            assert isinstance(f[k], t), (k, f[k])
        for d in f["diagnostics"]:
            assert set(d) - set(DIAG_KEYS) <= {"paragraph"}
            assert set(DIAG_KEYS) <= set(d)
            for k, t in DIAG_KEYS.items():
                assert isinstance(d[k], t), (k, d[k])
                if t is int:
                    assert not isinstance(d[k], bool)
            assert d["severity"] in ("error", "warning", "suggestion")
    ru, docx, broken, unknown = data["files"]
    assert ru["diagnostics"][0]["line"] == 1 and ru["diagnostics"][0]["rule"] == "ru.example-warning"
    emoji = next(d for d in ru["diagnostics"] if d["match"] == "🙂")
    assert (emoji["line"], emoji["column"], emoji["end_column"]) == (3, 25, 26)
    assert RU_TEXT[emoji["start"]:emoji["end"]] == "🙂"
    assert "notes" not in ru
    assert all(d["paragraph"] == d["line"] for d in docx["diagnostics"])
    assert "paragraph" not in ru["diagnostics"][0]
    assert broken["error"].startswith("cannot decode") and broken["diagnostics"] == []
    assert unknown["notes"] == ["language unknown: only language-neutral rules ran"]


def test_json_empty_report():
    data = json.loads(render(Report(files=[]), "json"))
    assert data == {"version": 1, "files": [], "summary": {
        "files": 0, "errors": 0, "warnings": 0, "suggestions": 0, "failed_files": 0}}


# ---- SARIF --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sarif_schema():
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def _validate(instance, schema):
    # The OASIS schema declares draft-04; check with its own draft and with Draft 7 too.
    cls = jsonschema.validators.validator_for(schema)
    for validator in (cls, jsonschema.Draft7Validator):
        errors = sorted(validator(schema).iter_errors(instance), key=lambda e: list(e.path))
        assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_sarif_schema_fixture_is_the_oasis_schema(sarif_schema):
    assert sarif_schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    assert "reportingDescriptor" in sarif_schema["definitions"]
    jsonschema.validators.validator_for(sarif_schema).check_schema(sarif_schema)


def test_sarif_validates(report, sarif_schema):
    log = json.loads(render(report, "sarif"))
    _validate(log, sarif_schema)
    # a broken log is caught, so the validation above means something
    bad = json.loads(json.dumps(log))
    bad["runs"][0]["results"][0]["level"] = "fatal"
    assert list(jsonschema.Draft7Validator(sarif_schema).iter_errors(bad))


def test_sarif_content(report, rules):
    log = json.loads(render(report, "sarif"))
    assert log["version"] == "2.1.0" and "$schema" in log
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "replylint" and driver["version"]
    descriptors = driver["rules"]
    ids = [d["id"] for d in descriptors]
    assert len(ids) == len(set(ids))
    # one descriptor per enabled rule, plus minimal ones for ids the findings name beyond them
    assert ids[:len(rules)] == [r.id for r in rules]
    assert set(ids[len(rules):]) <= {"ru.example-warning", "vi.example-suggestion"}
    emoji = descriptors[ids.index("common.emoji")]
    assert emoji["defaultConfiguration"]["level"] == "error"
    assert "Bad" in emoji["help"]["text"] and "**Bad**" in emoji["help"]["markdown"]
    assert emoji["properties"]["source"][0]["quote"]
    assert "common" in emoji["properties"]["tags"]
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels == {"common.emoji": "error", "ru.example-warning": "warning",
                      "vi.example-suggestion": "note"}
    for r in run["results"]:
        assert ids[r["ruleIndex"]] == r["ruleId"]
    ru = [r for r in run["results"]
          if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("letters/")]
    assert ru[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "letters/%D0%BE%D1%82%D0%B2%D0%B5%D1%82.txt"
    smile = next(r for r in ru if r["properties"]["match"] == "🙂")
    reg = smile["locations"][0]["physicalLocation"]["region"]
    assert (reg["startLine"], reg["startColumn"], reg["endLine"], reg["endColumn"]) == (3, 25, 3, 26)
    assert RU_TEXT[reg["charOffset"]:reg["charOffset"] + reg["charLength"]] == "🙂"
    (change,) = smile["fixes"][0]["artifactChanges"]
    assert change["replacements"][0]["insertedContent"]["text"] == ""
    assert change["replacements"][0]["deletedRegion"]["charOffset"] == reg["charOffset"]
    docx = [r for r in run["results"] if r["locations"][0]["physicalLocation"]
            ["artifactLocation"]["uri"].endswith(".docx")]
    assert docx and all("charOffset" not in r["locations"][0]["physicalLocation"]["region"]
                        for r in docx)
    preg = docx[0]["locations"][0]["physicalLocation"]["region"]
    assert preg["properties"]["paragraph"] == preg["startLine"] == 1
    inv = run["invocations"][0]
    assert inv["executionSuccessful"] is True
    notes = inv["toolExecutionNotifications"]
    failed = [n for n in notes if n["level"] == "error"]
    assert len(failed) == 1 and "cannot decode" in failed[0]["message"]["text"]
    assert failed[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "broken.txt"


def test_sarif_without_findings_validates(rules, sarif_schema):
    log = json.loads(render(Report(files=[FileResult(path="ok.txt", lang="ru")], rules=rules),
                            "sarif"))
    _validate(log, sarif_schema)
    assert log["runs"][0]["results"] == []
    assert "toolExecutionNotifications" not in log["runs"][0]["invocations"][0]


# ---- GitHub -------------------------------------------------------------------------------

def test_github_lines(report):
    lines = render(report, "github").splitlines()
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    first = lines[0]
    assert first.startswith("::warning file=letters/ответ.txt,line=1,col=11,endLine=1,"
                            "endColumn=24,title=ru.example-warning::")
    assert first.endswith("::Обращение по имени и отчеству: проверьте, а, б")
    smile = next(line for line in lines if "«:)»" in line)
    assert smile.startswith("::error file=letters/ответ.txt,line=2,col=24,")
    assert "100%25: удалите" in smile           # data escapes % but keeps ':' and ','
    assert "<script>" in smile                  # no HTML escaping in workflow commands
    sugg = next(line for line in lines if "vi.example-suggestion" in line)
    assert sugg.startswith("::notice file=hồ sơ/trả lời.docx,title=vi.example-suggestion::¶1:1")
    assert "%0A→ Kính gửi" in sugg
    assert "::error file=broken.txt::cannot decode: not UTF-8, UTF-16 or CP1251" in lines
    assert "::notice file=notes.txt::language unknown: only language-neutral rules ran" in lines
    assert all("\n" not in line and "\r" not in line for line in lines)


def test_github_escaping():
    assert escape_data("50%\r\nx: a, b") == "50%25%0D%0Ax: a, b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    d = Diagnostic(rule="x.y", start=0, end=1, severity="warning", message="m", line=3,
                   column=2, end_line=3, end_column=3)
    out = render(Report(files=[FileResult(path="dir,1/a:b.txt", diagnostics=[d])]), "github")
    assert out == "::warning file=dir%2C1/a%3Ab.txt,line=3,col=2,endLine=3,endColumn=3,title=x.y::m\n"


# ---- text ---------------------------------------------------------------------------------

LINE_RE = re.compile(r"^(?P<path>[^\n]+?):(?P<pos>¶?\d+:\d+): (?P<sev>error|warning|suggestion) "
                     r"(?P<rule>[\w.-]+) (?P<msg>.+)$")


def test_text_plain(report):
    out = render(report, "text")
    assert not ANSI.search(out)
    lines = out.splitlines()
    findings = [m for m in map(LINE_RE.match, lines) if m]
    assert len(findings) == 5
    assert findings[0].group("path") == "letters/ответ.txt"
    assert findings[0].group("pos") == "1:11" and findings[0].group("sev") == "warning"
    assert any(m.group("pos") == "¶12:5" and m.group("path") == "hồ sơ/trả lời.docx"
               for m in findings)
    assert "broken.txt: error: cannot decode: not UTF-8, UTF-16 or CP1251" in lines
    assert "notes.txt: note: language unknown: only language-neutral rules ran" in lines
    assert lines[-1] == "3 errors, 1 warning, 1 suggestion in 3 files checked; 1 file could not be read."
    assert "^" not in out and "→" not in out                      # no source by default


def test_text_show_source(report):
    lines = render(report, "text", show_source=True).splitlines()
    i = next(i for i, line in enumerate(lines) if "«:)»" in line)
    assert lines[i + 1].endswith("| Ваше заявление принято :) <script>alert('x')</script>")
    caret = lines[i + 2]
    assert caret.endswith("^^") and caret.index("^") == lines[i + 1].index(":)")
    assert lines[i + 3].strip() == "→ (delete)"
    j = next(i for i, line in enumerate(lines) if "«🙂»" in line)
    assert lines[j + 2].endswith("^^")          # the emoji takes two terminal cells


def test_text_color(report):
    out = render(report, "text", color=True)
    assert ANSI.search(out)
    assert "«:)»" in out and "<script>alert(1)</script>" in out   # no markup or emoji mangling
    assert "^" in out                                              # source shown on a terminal
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert plain.rstrip().endswith("3 errors, 1 warning, 1 suggestion in 3 files checked; "
                                   "1 file could not be read.")


def test_text_statistics(report):
    out = render(report, "text", statistics=True)
    assert re.search(r"^rule\s+severity\s+count$", out, re.M)
    assert re.search(r"^common\.emoji\s+error\s+3  \(3 fixable\)$", out, re.M)
    assert re.search(r"^vi\.example-suggestion\s+suggestion\s+1$", out, re.M)


def test_text_no_problems():
    out = render(Report(files=[FileResult(path="a.txt"), FileResult(path="b.txt")]), "text")
    assert out == "No problems found in 2 files.\n"
    one = render(Report(files=[FileResult(path="a.txt")]), "text")
    assert one == "No problems found in 1 file.\n"


# ---- HTML ---------------------------------------------------------------------------------

def test_html_escapes(report):
    out = render(report, "html")
    assert out.startswith("<!DOCTYPE html>") and "<style>" in out
    assert "<script" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out          # message
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in out  # source text
    assert '<mark class="error"' in out and ">🙂</mark>" in out
    assert 'href="#rule-common.emoji"' in out and 'id="rule-common.emoji"' in out
    assert "cannot decode" in out and "language unknown" in out
    assert "¶12:5" in out


def test_html_overlapping_spans():
    from replylint.reporters.html import highlight
    text = "abc <b> def"
    a = Diagnostic(rule="r.a", start=0, end=7, severity="warning", message="<A>")
    b = Diagnostic(rule="r.b", start=4, end=11, severity="error", message="B")
    out = highlight(text, [a, b])
    assert re.sub(r"<[^>]+>", "", out) == "abc &lt;b&gt; def"
    assert out.count("<mark") == 3 and '<mark class="error"' in out


# ---- all formats, explain page ------------------------------------------------------------

def test_all_formats_render(report):
    for fmt in FORMATS:
        assert render(report, fmt).endswith("\n")
    with pytest.raises(ValueError):
        render(report, "xml")


def test_explain_page(rules):
    rule = next(r for r in rules if r.id == "common.emoji")
    text = explain_text(rule)
    for part in ("common.emoji", "What it checks", "Why", "Source:", "Bad:", "Good:", "Fix:",
                 "Благодарим за обращение 🙂", "Копия направлена"):
        assert part in text
    assert all(c["quote"].strip() in text for c in rule.citations())
    md = explain_markdown(rule, "vi")
    assert md.startswith("## common.emoji") and "> " in md and "`Спасибо :-)`" in md
    assert "biểu tượng cảm xúc «…»" in md                          # the Vietnamese message
    assert explain(rule, "markdown", "vi") == md
    with pytest.raises(ValueError):
        explain(rule, "pdf")
