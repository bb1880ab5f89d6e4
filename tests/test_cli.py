"""The command line end to end: exit codes, formats, bad input, configuration errors."""
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from replylint import config as cfgmod
from replylint.cli import app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
runner = CliRunner()

GOOD = "Уважаемая Ольга Петровна!\n\nВаше обращение рассмотрено.\n\nС уважением,\nначальник отдела    Т.В. Гаврилова\n"


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cfgmod._DISCOVERED.clear()


def invoke(*args, input=None):
    return runner.invoke(app, list(args), input=input)


def write(tmp_path, name, text, encoding="utf-8"):
    p = tmp_path / name
    p.write_text(text, encoding=encoding)
    return str(p)


def test_exit_0_when_nothing_at_fail_on(tmp_path):
    f = write(tmp_path, "ok.txt", "Hello world.\n")
    r = invoke("check", f, "--select", "common.emoji", "--no-config")
    assert r.exit_code == 0, r.output


def test_exit_1_on_findings_and_fail_on_never(tmp_path):
    f = write(tmp_path, "bad.txt", "Ваше обращение рассмотрено 🙂\n")
    r = invoke("check", f, "--select", "common.emoji", "--no-config")
    assert r.exit_code == 1
    assert f"{f}:1:28: error common.emoji" in r.output
    assert invoke("check", f, "--select", "common.emoji", "--fail-on", "never").exit_code == 0


def test_min_severity_hides_and_does_not_fail(tmp_path):
    f = write(tmp_path, "bad.txt", "Ваше обращение рассмотрено 🙂\n")
    r = invoke("check", f, "--select", "common.emoji", "--ignore", "common.emoji")
    assert r.exit_code == 0


def test_bad_file_is_reported_and_others_still_checked(tmp_path):
    good = write(tmp_path, "a.txt", "Ответ 🙂\n")
    bad = tmp_path / "b.txt"
    bad.write_bytes(b"\x00\x01\x02binary\x00")
    r = invoke("check", good, str(bad), str(tmp_path / "missing.txt"), "--format", "json",
               "--select", "common.emoji")
    assert r.exit_code == 2
    report = json.loads(r.stdout)
    by = {Path(f["path"]).name: f for f in report["files"]}
    assert by["a.txt"]["diagnostics"][0]["rule"] == "common.emoji"
    assert by["b.txt"]["error"] and by["b.txt"]["diagnostics"] == []
    assert by["missing.txt"]["error"]
    assert report["summary"]["failed_files"] == 2
    assert "Traceback" not in r.output


def test_json_schema_of_spec(tmp_path):
    f = write(tmp_path, "bad.txt", "Ваше обращение рассмотрено 🙂\n")
    report = json.loads(invoke("check", f, "--format", "json", "--select", "common.emoji").stdout)
    assert set(report) == {"version", "files", "summary"}
    file = report["files"][0]
    assert {"path", "lang", "kind", "encoding", "pages", "error", "diagnostics"} <= set(file)
    d = file["diagnostics"][0]
    assert set(d) >= {"rule", "severity", "message", "line", "column", "end_line", "end_column", "start",
                      "end", "match", "suggestion", "fixable", "source"}
    assert file["lang"] == "ru" and d["match"] == "🙂" and d["start"] == 27
    assert report["summary"] == {"files": 1, "errors": 1, "warnings": 0, "suggestions": 0, "failed_files": 0}


def test_stdin_and_output_file(tmp_path):
    out = tmp_path / "report.json"
    r = invoke("check", "-", "--format", "json", "--output", str(out), "--select", "common.emoji",
               input="Спасибо :)\n".encode())
    assert r.exit_code == 1
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["files"][0]["path"] == "-" and report["files"][0]["diagnostics"]


def test_folder_is_recursed_by_extension(tmp_path):
    (tmp_path / "d" / "e").mkdir(parents=True)
    write(tmp_path, "d/e/x.txt", "🙂")
    write(tmp_path, "d/notes.bin", "🙂")
    report = json.loads(invoke("check", str(tmp_path / "d"), "--format", "json", "--select",
                               "common.emoji").stdout)
    assert [Path(f["path"]).name for f in report["files"]] == ["x.txt"]


def test_bad_config_is_exit_2_with_file_line(tmp_path):
    write(tmp_path, ".replylint.yaml", "select: [common]\nbogus: 1\n")
    f = write(tmp_path, "a.txt", "x")
    r = invoke("check", f)
    assert r.exit_code == 2
    assert ".replylint.yaml:2: unknown key 'bogus'" in r.output


def test_config_discovered_from_the_file(tmp_path):
    write(tmp_path, ".replylint.yaml", "rules:\n  common.emoji: warning\n")
    f = write(tmp_path, "a.txt", "Ответ 🙂")
    r = invoke("check", f, "--select", "common.emoji")
    assert "warning common.emoji" in r.output and r.exit_code == 0
    assert "error common.emoji" in invoke("check", f, "--select", "common.emoji", "--no-config").output


def test_inline_suppression(tmp_path):
    f = write(tmp_path, "a.txt", "<!-- replylint-disable-next-line common.emoji -->\nОтвет 🙂\nЕщё 🙂\n")
    report = json.loads(invoke("check", f, "--format", "json", "--select", "common.emoji").stdout)
    assert [d["line"] for d in report["files"][0]["diagnostics"]] == [3]


def test_unknown_language_is_noted(tmp_path):
    f = write(tmp_path, "en.txt", "Thank you for your letter :)\n")
    report = json.loads(invoke("check", f, "--format", "json").stdout)
    file = report["files"][0]
    assert file["lang"] == "unknown"
    assert all(not d["rule"].startswith(("ru.", "vi.")) for d in file["diagnostics"])
    assert "common.emoji" in {d["rule"] for d in file["diagnostics"]}


def test_fix_keeps_encoding_and_line_endings(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes("Ответ дан 🙂\r\nСтрока два\r\n".encode("cp1251", errors="ignore") if False else
                  "Ответ дан 🙂\r\nСтрока два\r\n".encode())
    r = invoke("check", str(p), "--select", "common.emoji", "--fix")
    assert p.read_bytes() == "Ответ дан\r\nСтрока два\r\n".encode(), r.output


def test_diff_changes_nothing(tmp_path):
    f = write(tmp_path, "a.txt", "Ответ дан 🙂\n")
    r = invoke("check", f, "--select", "common.emoji", "--diff")
    assert "-Ответ дан 🙂" in r.output and "+Ответ дан" in r.output
    assert Path(f).read_text(encoding="utf-8") == "Ответ дан 🙂\n"


def test_rules_explain_init():
    r = invoke("rules", "--format", "json")
    rules = json.loads(r.stdout)
    assert any(x["id"] == "common.emoji" for x in rules)
    r = invoke("explain", "common.emoji")
    assert r.exit_code == 0 and "biểu tượng cảm xúc" in r.output
    assert invoke("explain", "no.such-rule").exit_code == 2
    r = invoke("init")
    assert r.exit_code == 0 and Path(".replylint.yaml").exists()
    assert invoke("init").exit_code == 2
    cfgmod.load_file(".replylint.yaml")   # the starter is itself valid


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "html"])
def test_every_format_renders_the_examples(fmt):
    r = invoke("check", str(EXAMPLES), "--format", fmt, "--no-config")
    assert r.exit_code in (1,), r.output[-2000:]
    assert r.stdout.strip()


def test_templates_option_masks_placeholders(tmp_path):
    f = write(tmp_path, "reply.tpl", "Уважаемый {{ имя_отчество }}!\n\nОтвет 🙂\n")
    r = invoke("check", f, "--templates", ".tpl", "--format", "json", "--select", "common")
    report = json.loads(r.stdout)
    rules = {d["rule"] for d in report["files"][0]["diagnostics"]}
    assert "common.placeholder" not in rules and "common.emoji" in rules


def test_kind_override_for_vietnamese(tmp_path):
    f = write(tmp_path, "reply.txt", "Kính gửi: Bà Nguyễn Thị Hoa\n\nHồ sơ của Bà đã được giải quyết xong.\n\n"
                                     "Trân trọng.\n\nCHỦ TỊCH\n\nLê Văn Thành\n")
    auto = json.loads(invoke("check", f, "--format", "json", "--select", "vi.national-title").stdout)
    assert auto["files"][0]["diagnostics"] == []
    forced = json.loads(invoke("check", f, "--format", "json", "--kind", "congvan",
                               "--select", "vi.national-title").stdout)
    d = forced["files"][0]["diagnostics"]
    assert d and "công văn" in d[0]["message"] and forced["files"][0]["kind"] == "letter"


def test_appeal_questions_left_unanswered(tmp_path):
    appeal = write(tmp_path, "appeal.txt", "Прошу отремонтировать подъезд дома 5. Также прошу установить "
                                           "скамейки и урны во дворе.\n")
    reply = write(tmp_path, "reply.txt", "Уважаемый Иван Петрович!\n\nРемонт подъезда дома 5 включён в план "
                                         "на 2027 год.\n\nС уважением,\nначальник отдела    А.В. Николаев\n")
    r = invoke("check", reply, "--appeal", appeal, "--format", "json", "--select", "common.unanswered-question")
    found = json.loads(r.stdout)["files"][0]["diagnostics"]
    assert len(found) == 1 and "скамейки и урны" in found[0]["message"]
    assert not json.loads(invoke("check", reply, "--format", "json", "--select",
                                 "common.unanswered-question").stdout)["files"][0]["diagnostics"]
    r = invoke("check", reply, "--appeal", str(tmp_path / "none.txt"))
    assert r.exit_code == 2 and "none.txt" in r.output
