"""The text report for people: the clause each finding breaks, a source window (never a whole
long paragraph), findings on one line sharing it, streaming in input order, an honest summary."""
import re

from typer.testing import CliRunner

from replylint.cli import app
from replylint.diagnostic import Diagnostic
from replylint.document import Document, SourceMap
from replylint.report import FileResult, Report
from replylint.reporters import render
from replylint.reporters.text import TextReport, width_of, windows

runner = CliRunner()


def _doc(text):
    return Document(path="a.txt", text=text, source_map=SourceMap(text), lang="ru", raw_text=text)


def _diag(text, needle, rule="ru.x", severity="warning", suggestion=None, nth=0, cite=""):
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    pos, end = SourceMap(text).position(start), SourceMap(text).position(start + len(needle))
    return Diagnostic(rule=rule, start=start, end=start + len(needle), message=f"«{needle}»",
                      severity=severity, match=needle, suggestion=suggestion, line=pos.line,
                      column=pos.column, end_line=end.line, end_column=end.column, cite=cite)


def test_each_finding_names_its_clause():
    text = "Ответ 🙂\n"
    r = Report(files=[FileResult(path="a.txt", doc=_doc(text),
                                 diagnostics=[_diag(text, "🙂", "common.emoji", "error",
                                                    cite="Кодекс ЦЗН, п. 4.5")])])
    first = render(r, "text").splitlines()[0]
    assert first == "a.txt:1:7: error common.emoji «🙂» [Кодекс ЦЗН, п. 4.5]"


def test_a_long_paragraph_is_shown_as_a_window():
    words = " ".join(f"слово{i}" for i in range(80))
    text = words + " ошибка " + words + "\n"
    assert len(text) > 900
    d = _diag(text, "ошибка")
    lines = render(Report(files=[FileResult(path="a.txt", doc=_doc(text), diagnostics=[d])]),
                   "text", show_source=True).splitlines()
    src, carets = lines[1], lines[2]
    assert src.startswith("  1 | …") and src.endswith("…")
    assert width_of(src) <= 100 and "ошибка" in src
    assert carets.index("^") == src.index("ошибка") and carets.strip().endswith("^" * 6)


def test_findings_on_one_line_share_the_source_line():
    text = "Спс за обращение, всё ок, норм?\n"
    ds = [_diag(text, "Спс", suggestion="Спасибо"), _diag(text, "ок", suggestion="хорошо"),
          _diag(text, "норм", suggestion="")]
    lines = render(Report(files=[FileResult(path="a.txt", doc=_doc(text), diagnostics=ds)]),
                   "text", show_source=True).splitlines()
    assert [line.split(": ")[0] for line in lines[:3]] == ["a.txt:1:1", "a.txt:1:23", "a.txt:1:27"]
    assert lines[3] == "  1 | Спс за обращение, всё ок, норм?"
    assert lines[4] == "    | ^^^                   ^^  ^^^^"
    assert lines[5:8] == ["    → Спасибо (1:1)", "    → хорошо (1:23)", "    → (delete) (1:27)"]
    assert sum(1 for line in lines if "| Спс" in line) == 1


def test_far_apart_findings_on_a_long_line_get_their_own_windows():
    text = "начало " + "x " * 200 + "конец\n"
    ds = [_diag(text, "начало"), _diag(text, "конец")]
    lines = render(Report(files=[FileResult(path="a.txt", doc=_doc(text), diagnostics=ds)]),
                   "text", show_source=True).splitlines()
    shown = [line for line in lines if line.startswith("  1 | ")]
    assert len(shown) == 2 and "начало" in shown[0] and "конец" in shown[1]
    assert all(width_of(line) <= 100 for line in lines)


def test_a_span_longer_than_the_window_is_cut():
    text = "а" * 500 + "\n"
    d = Diagnostic(rule="common.sentence-length", start=0, end=500, message="long", line=1,
                   column=1, end_line=1, end_column=501)
    line, marks = next(windows(text[:-1], [(0, 500)], 80))
    assert width_of(line) <= 80 and line.endswith("…") and marks[0][1] == 0 and marks[0][2] < 80
    out = render(Report(files=[FileResult(path="a.txt", doc=_doc(text), diagnostics=[d])]),
                 "text", show_source=True)
    assert max(width_of(x) for x in out.splitlines()) <= 100


def test_summary_says_what_happened():
    failed = Report(files=[FileResult(path="a.docx", error="encrypted .docx")])
    assert render(failed, "text").splitlines()[-1] == "Nothing checked: 1 file could not be read."
    assert render(Report(files=[]), "text") == "Nothing to check.\n"
    mixed = Report(files=[FileResult(path="a.txt"), FileResult(path="b.docx", error="x")])
    assert render(mixed, "text").splitlines()[-1] == \
        "No problems found in 1 file checked; 1 file could not be read."


def test_stream_in_input_order_as_files_finish(tmp_path):
    names = [f"{i:02}.txt" for i in range(10)]
    for n in names:
        (tmp_path / n).write_text(f"Ответ {n} 🙂\n", encoding="utf-8")
    r = runner.invoke(app, ["check", "--no-config", "--select", "common.emoji", "--jobs", "2",
                            *[str(tmp_path / n) for n in reversed(names)]])
    got = [re.search(r"(\d\d)\.txt:", line).group(1) for line in r.stdout.splitlines() if "common.emoji" in line]
    assert got == [n[:2] for n in reversed(names)]


def test_file_by_file_rendering_equals_the_whole():
    text = "Ответ 🙂\n"
    files = [FileResult(path=f"{i}.txt", doc=_doc(text), diagnostics=[_diag(text, "🙂")]) for i in range(3)]
    report = Report(files=files)
    tr = TextReport(show_source=True)
    streamed = "".join(tr.file(f) for f in files) + tr.footer(report)
    assert streamed == render(report, "text", show_source=True)
