"""File selection: folders walked by format, excludes (config and command line), .gitignore,
--force-exclude, explicit files of formats replylint does not read, per_file_ignores globs."""
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from replylint import config as cfgmod, engine
from replylint.cli import app
from replylint.config import load_file
from replylint.readers import ReadOptions
from replylint.selection import select

runner = CliRunner()
BAD = "Ответ 🙂\n"


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cfgmod._DISCOVERED.clear()
    engine._EXCLUDES.clear()


def write(root: Path, name: str, text: str = BAD) -> str:
    p = root / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return str(p)


def checked(*args) -> tuple[int, list[str]]:
    """Exit code and the checked paths (relative, forward slashes) of a JSON run."""
    r = runner.invoke(app, ["check", "--format", "json", "--select", "common.emoji", *args])
    assert "Traceback" not in r.output, r.output
    files = json.loads(r.stdout)["files"] if r.stdout.strip() else []
    return r.exit_code, [Path(os.path.relpath(f["path"])).as_posix() for f in files]


def test_folders_are_walked_for_known_formats_only(tmp_path):
    for name in ["b.txt", "a.md", "sub/c.eml", "sub/deep/d.html", "sub/e.docx", "x.pdf.bak",
                 "notes.yaml", ".hidden/h.txt", "sub/.secret.txt", "t/reply.txt.j2", "t/m.mustache",
                 "sub/~$lock.docx"]:
        write(tmp_path, name, "x")
    found = select([str(tmp_path)], read_options=ReadOptions()).files
    rel = [os.path.relpath(p, tmp_path) for p in found]
    assert rel == ["a.md", "b.txt", "sub/c.eml", "sub/e.docx", "sub/deep/d.html",
                   "t/m.mustache", "t/reply.txt.j2"]
    write(tmp_path, "t/r.tpl", "x")
    assert not any(p.endswith(".tpl") for p in select([str(tmp_path)], read_options=ReadOptions()).files)
    assert any(p.endswith("t/r.tpl") for p in
               select([str(tmp_path)], read_options=ReadOptions(template_exts=(".tpl",))).files)


def test_explicit_files_missing_paths_and_duplicates(tmp_path):
    a = write(tmp_path, "a.txt")
    sel = select([a, str(tmp_path / "missing.txt"), "-", a, str(tmp_path / "pyproject.toml")],
                 read_options=ReadOptions())
    assert sel.files == [a, "-"]
    # pyproject.toml does not exist: it is missing, not skipped
    assert sel.missing == [str(tmp_path / "missing.txt"), str(tmp_path / "pyproject.toml")]
    assert sel.skipped == []
    write(tmp_path, "pyproject.toml", "[tool.x]\n")
    write(tmp_path, "draft", "Ответ\n")   # no extension: read as plain text
    sel = select([str(tmp_path / "pyproject.toml"), str(tmp_path / "draft")], read_options=ReadOptions())
    assert sel.files == [str(tmp_path / "draft")]
    assert sel.skipped == [(str(tmp_path / "pyproject.toml"), "not a format replylint reads (.toml)")]


def test_default_excludes_leave_out_project_files_and_tool_folders(tmp_path):
    for name in ["letters/a.txt", "README.md", "CHANGELOG.md", "LICENSE.txt", "requirements.txt",
                 "build/x.txt", "node_modules/y.md", "docs/README.md", "letters/readme-draft.txt"]:
        write(tmp_path, name)
    code, paths = checked(".")
    assert code == 1 and paths == ["letters/a.txt", "letters/readme-draft.txt"]


def test_config_exclude_and_extend_exclude(tmp_path):
    for name in ["letters/a.txt", "letters/old/b.txt", "drafts/c.txt", "README.md"]:
        write(tmp_path, name)
    write(tmp_path, ".replylint.yaml", 'extend-exclude: ["letters/old/", "*.md"]\n')
    assert checked(".")[1] == ["drafts/c.txt", "letters/a.txt"]
    # `exclude` replaces the defaults: README.md is checked again unless named
    write(tmp_path, ".replylint.yaml", 'exclude: ["drafts"]\n')
    cfgmod._DISCOVERED.clear()
    assert checked(".")[1] == ["README.md", "letters/a.txt", "letters/old/b.txt"]


def test_patterns_with_a_slash_are_anchored_and_star_stays_in_one_folder(tmp_path):
    for name in ["t/a.txt", "t/sub/b.txt", "x/t/c.txt"]:
        write(tmp_path, name)
    assert checked(".", "--extend-exclude", "t/*.txt")[1] == ["t/sub/b.txt", "x/t/c.txt"]
    assert checked(".", "--extend-exclude", "t/**/*.txt")[1] == ["x/t/c.txt"]
    assert checked(".", "--extend-exclude", "c.txt")[1] == ["t/a.txt", "t/sub/b.txt"]


def test_command_line_exclude_replaces_the_configured_one(tmp_path):
    for name in ["a.txt", "b.txt", "README.md"]:
        write(tmp_path, name)
    write(tmp_path, ".replylint.yaml", 'exclude: ["a.txt"]\n')
    assert checked(".")[1] == ["README.md", "b.txt"]
    assert checked(".", "--exclude", "b.txt")[1] == ["README.md", "a.txt"]


def test_gitignore_is_respected_in_folders(tmp_path):
    (tmp_path / ".git").mkdir()
    for name in ["a.txt", "out/b.txt", "sub/c.txt", "sub/keep.txt", "sub/deeper/d.txt"]:
        write(tmp_path, name)
    write(tmp_path, ".gitignore", "out/\nc.txt\n")
    write(tmp_path, "sub/.gitignore", "*.txt\n!keep.txt\n")
    assert checked(".")[1] == ["a.txt", "sub/keep.txt"]
    # walking a sub-folder still applies the repository root's .gitignore
    assert checked("sub")[1] == ["sub/keep.txt"]
    assert checked(".", "--no-respect-gitignore")[1] == [
        "a.txt", "out/b.txt", "sub/c.txt", "sub/keep.txt", "sub/deeper/d.txt"]
    # a file named explicitly is checked even when ignored (as git add -f)
    assert checked("out/b.txt")[1] == ["out/b.txt"]


def test_force_exclude_applies_to_explicit_files(tmp_path):
    write(tmp_path, "letters/old/a.txt")
    write(tmp_path, "README.md")
    write(tmp_path, ".replylint.yaml", 'extend-exclude: ["letters/old/"]\n')
    assert checked("letters/old/a.txt", "README.md")[1] == ["letters/old/a.txt", "README.md"]
    r = runner.invoke(app, ["check", "--force-exclude", "letters/old/a.txt", "README.md"])
    assert r.exit_code == 0 and "no files to check" in r.output, r.output


def test_an_explicit_unread_format_is_skipped_with_a_note(tmp_path):
    write(tmp_path, "pyproject.toml", "[project]\nname = 'x'\n")
    write(tmp_path, "a.txt")
    r = runner.invoke(app, ["check", "--select", "common.emoji", "pyproject.toml", "a.txt"])
    assert r.exit_code == 1
    assert "replylint: note: pyproject.toml: skipped, not a format replylint reads (.toml)" in r.output
    assert "pyproject.toml:" not in r.stdout       # not linted as a letter
    r = runner.invoke(app, ["check", "pyproject.toml"])
    assert r.exit_code == 0 and "no files to check" in r.stderr
    assert runner.invoke(app, ["check", "-q", "pyproject.toml"]).output == ""


def test_nothing_given_or_a_missing_path_is_exit_2(tmp_path):
    r = runner.invoke(app, ["check"])
    assert r.exit_code == 2 and "no files given" in r.output
    write(tmp_path, "a.txt", "Ответ.\n")
    r = runner.invoke(app, ["check", "a.txt", "gone.txt", "--select", "common.emoji"])
    assert r.exit_code == 2 and "gone.txt: error: no such file or directory" in r.stdout
    (tmp_path / "empty").mkdir()
    r = runner.invoke(app, ["check", "empty"])
    assert r.exit_code == 0 and "no files to check under the paths given" in r.stderr


def test_json_report_of_an_all_filtered_run_is_empty_and_valid(tmp_path):
    write(tmp_path, "README.md")
    r = runner.invoke(app, ["check", "--force-exclude", "--format", "json", "README.md"])
    assert r.exit_code == 0
    assert json.loads(r.stdout)["files"] == []


def test_per_file_ignores_use_gitignore_globs(tmp_path):
    p = tmp_path / ".replylint.yaml"
    p.write_text('per_file_ignores:\n  "templates/*.txt": [common.placeholder]\n  "*.j2": [ru]\n',
                 encoding="utf-8")
    cfg = load_file(p)
    assert cfg.ignored_for(str(tmp_path / "templates" / "a.txt")) == ["common.placeholder"]
    assert cfg.ignored_for(str(tmp_path / "templates" / "x" / "a.txt")) == []   # * stays in one folder
    assert cfg.ignored_for(str(tmp_path / "letters" / "a.txt")) == []
    assert cfg.ignored_for(str(tmp_path / "deep" / "er" / "r.j2")) == ["ru"]


def test_stdin_filename_gives_format_config_and_name(tmp_path):
    write(tmp_path, "templates/.replylint.yaml", "rules:\n  common.emoji: warning\n")
    (tmp_path / "templates").mkdir(exist_ok=True)
    r = runner.invoke(app, ["check", "--format", "json", "--select", "common", "--stdin-filename",
                            "templates/reply.txt.j2", "-"],
                      input="Уважаемый {{ имя }}!\n\nОтвет 🙂\n".encode())
    f = json.loads(r.stdout)["files"][0]
    assert f["path"] == "templates/reply.txt.j2"
    rules = {d["rule"]: d["severity"] for d in f["diagnostics"]}
    assert rules.get("common.emoji") == "warning"          # the config next to the name
    assert "common.placeholder" not in rules                # read as a template
    r = runner.invoke(app, ["check", "--stdin-filename", "x.txt"], input=b"\xd0\x9e\xd0\xba :)\n")
    assert r.exit_code == 1 and "\nx.txt:1:" in r.stdout      # no '-' needed
    r = runner.invoke(app, ["check", "--stdin-filename", "x.txt", "a.txt"])
    assert r.exit_code == 2 and "add - to the paths" in r.output


def test_stdin_filename_with_force_exclude(tmp_path):
    r = runner.invoke(app, ["check", "--force-exclude", "--stdin-filename", "README.md", "-"],
                      input=BAD.encode())
    assert r.exit_code == 0 and "no files to check" in r.stderr


def test_stdin_eml_by_name(tmp_path):
    eml = ("From: a@b.ru\nTo: c@d.ru\nSubject: =?utf-8?b?0J7RgtCy0LXRgg==?=\nDate: Mon, 16 Mar 2026 10:00:00 +0300\n"
           "Content-Type: text/plain; charset=utf-8\n\nОтвет 🙂\n")
    r = runner.invoke(app, ["check", "--format", "json", "--select", "common.emoji",
                            "--stdin-filename", "reply.eml", "-"], input=eml.encode())
    f = json.loads(r.stdout)["files"][0]
    assert f["kind"] == "email" and f["diagnostics"][0]["line"] == 7
