"""Command-line conventions as ruff's: version, -h, quiet, exit-zero, colour switches, help text,
shell completion; honest --fix / --diff."""
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from replylint import config as cfgmod
from replylint.cli import app

runner = CliRunner()
ANSI = re.compile(r"\x1b\[[0-9;]*m")
BAD = "Уважаемая Ольга Петровна!\n\nВаше обращение рассмотрено 🙂\n\nС уважением,\nначальник отдела    Т.В. Гаврилова\n"


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    cfgmod._DISCOVERED.clear()


def invoke(*args, env=None, input=None):
    return runner.invoke(app, list(args), env=env, input=input, prog_name="replylint")


@pytest.fixture
def bad(tmp_path):
    p = tmp_path / "bad.txt"
    p.write_text(BAD, encoding="utf-8")
    return str(p)


def test_version_and_short_help():
    from importlib.metadata import version
    for flag in ("--version", "-V"):
        r = invoke(flag)
        assert r.exit_code == 0 and r.output.strip() == f"replylint {version('replylint')}"
    for args in (["-h"], ["check", "-h"], ["explain", "-h"]):
        r = invoke(*args)
        assert r.exit_code == 0 and "Usage: replylint" in r.output


def test_help_has_no_type_placeholders():
    text = invoke("check", "--help").output
    assert "<bool>" not in text and "<str>" not in text and "list[" not in text and "<int" not in text
    assert re.search(r"^\s+--fix\s+Apply", text, re.M)            # a flag reads as a flag
    assert "-o, --output FILE" in text and "--select ID|PACK" in text
    assert "--color auto|always|never" in text
    assert "Usage: replylint check [OPTIONS] [PATH]..." in text


@pytest.mark.parametrize("command", ["check", "rules", "explain", "init", "serve"])
def test_no_command_shows_type_placeholders(command):
    text = invoke(command, "--help").output
    assert not re.search(r"<(bool|str|int|float|list\[)", text), text


def test_shell_completion_is_offered():
    text = invoke("--help").output
    assert "--install-completion" in text and "--show-completion" in text
    script = Path(sys.executable).with_name("replylint")      # the installed console script
    r = subprocess.run([str(script), "--show-completion", "bash"], capture_output=True, text=True,
                       env={"PATH": "/usr/bin:/bin", "SHELL": "/bin/bash"})
    assert r.returncode == 0, r.stderr
    assert "complete -o default -F _replylint_completion replylint" in r.stdout
    assert "_REPLYLINT_COMPLETE=complete_bash" in r.stdout


def test_quiet_prints_findings_only(bad):
    r = invoke("check", bad, "--select", "common.emoji", "-q")
    assert r.exit_code == 1
    assert r.output.splitlines() == [line for line in r.output.splitlines() if "common.emoji" in line]
    ok = Path(bad).with_name("ok.txt")
    ok.write_text("Ответ.\n", encoding="utf-8")
    r = invoke("check", str(ok), "--select", "common.emoji", "--quiet")
    assert r.exit_code == 0 and r.output == ""


def test_exit_zero(bad, tmp_path):
    r = invoke("check", bad, "--exit-zero")
    assert r.exit_code == 0 and "common.emoji" in r.output
    r = invoke("check", bad, str(tmp_path / "gone.txt"), "--exit-zero")
    assert r.exit_code == 2                        # input errors are not findings


@pytest.mark.parametrize("args,env,coloured", [
    (["--color", "always"], {}, True),
    (["--color", "never"], {"FORCE_COLOR": "1"}, False),
    ([], {}, False),                               # the test runner's stdout is not a terminal
    ([], {"FORCE_COLOR": "1"}, True),
    ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    (["--color", "always"], {"NO_COLOR": "1"}, True),   # the flag wins over the environment
    ([], {"NO_COLOR": ""}, False),
])
def test_colour_switches(bad, args, env, coloured):
    r = invoke("check", bad, "--select", "common.emoji", *args, env=env)
    assert bool(ANSI.search(r.stdout)) is coloured, r.stdout


def test_show_source_when_piped_and_in_files(bad, tmp_path):
    assert " | " not in invoke("check", bad, "--select", "common.emoji").stdout
    r = invoke("check", bad, "--select", "common.emoji", "--show-source")
    assert "3 | Ваше обращение рассмотрено 🙂" in r.stdout
    out = tmp_path / "report.txt"
    invoke("check", bad, "--select", "common.emoji", "--show-source", "-o", str(out))
    assert "^^" in out.read_text(encoding="utf-8") and not ANSI.search(out.read_text(encoding="utf-8"))


# ---- --fix and --diff ---------------------------------------------------------------------

def test_fix_and_diff_together_is_a_usage_error(bad):
    r = invoke("check", bad, "--fix", "--diff")
    assert r.exit_code == 2 and "--fix and --diff exclude each other" in r.output
    assert Path(bad).read_text(encoding="utf-8") == BAD


def test_diff_exits_1_when_it_would_change_something_and_honours_output(bad, tmp_path):
    r = invoke("check", bad, "--select", "common.emoji", "--diff")
    assert r.exit_code == 1 and "-Ваше обращение рассмотрено 🙂" in r.stdout
    assert "would fix 1 finding in 1 file" in r.stderr
    out = tmp_path / "fix.patch"
    r = invoke("check", bad, "--select", "common.emoji", "--diff", "-o", str(out))
    assert r.exit_code == 1 and r.stdout == "" and "+Ваше обращение рассмотрено\n" in out.read_text(encoding="utf-8")
    assert Path(bad).read_text(encoding="utf-8") == BAD
    ok = tmp_path / "ok.txt"
    ok.write_text("Ответ.\n", encoding="utf-8")
    r = invoke("check", str(ok), "--select", "common.emoji", "--diff")
    assert r.exit_code == 0 and r.stdout == ""
    assert invoke("check", bad, "--select", "common.emoji", "--diff", "--exit-zero").exit_code == 0


def test_fix_reports_what_remains(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Ответ 🙂 вы получите.\nПодпись нет.\n", encoding="utf-8")
    r = invoke("check", str(p), "--select", "common.emoji,common.signature-missing", "--fix")
    assert r.exit_code == 1                                  # the signature is still missing
    assert "common.emoji" not in r.stdout                    # fixed: not reported as still there
    assert "common.signature-missing" in r.stdout
    assert r.stdout.rstrip().endswith("1 fixed, 1 remaining (1 error, 0 warnings, 0 suggestions) in 1 file.")
    assert "🙂" not in p.read_text(encoding="utf-8")
    r = invoke("check", str(p), "--select", "common.emoji", "--fix", "--format", "json")
    data = json.loads(r.stdout)
    assert r.exit_code == 0 and data["summary"]["fixed"] == 0 and data["files"][0]["diagnostics"] == []


def test_fix_counts_every_fix_and_exits_0_when_nothing_remains(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Ответ 🙂 дан :)\nЕщё 👍\n", encoding="utf-8")
    r = invoke("check", str(p), "--select", "common.emoji", "--fix")
    assert r.exit_code == 0, r.output
    assert r.stdout.strip() == "3 fixed, 0 remaining (0 errors, 0 warnings, 0 suggestions) in 1 file."


def test_unfixable_formats_get_a_note(tmp_path):
    p = tmp_path / "a.html"
    p.write_text("<html><body><p>Ответ 🙂</p></body></html>", encoding="utf-8")
    r = invoke("check", str(p), "--select", "common.emoji", "--fix")
    assert r.exit_code == 1 and "common.emoji" in r.stdout
    assert f"replylint: note: {p}: 1 fixable finding not applied: html files are not rewritten" in r.stderr
    r = invoke("check", "-", "--select", "common.emoji", "--fix", input="Ответ 🙂\n".encode())
    assert "-: 1 fixable finding not applied: standard input is not rewritten" in r.stderr


def test_stdin_filename_is_never_fixed_on_disk(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Ответ 🙂\n", encoding="utf-8")
    invoke("check", "--stdin-filename", str(p), "-", "--select", "common.emoji", "--fix",
           input="Другой 🙂\n".encode())
    assert p.read_text(encoding="utf-8") == "Ответ 🙂\n"
