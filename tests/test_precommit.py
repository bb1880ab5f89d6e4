"""The pre-commit hook, tried with pre-commit itself on a throw-away repository of templates.

pre-commit installs this checkout (at its committed HEAD, as a user's `rev:` would pin it) into
an environment of its own from PyPI, so this test takes a few minutes: once for `try-repo`,
once for the installed git hook."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OK = ("Уважаемый {{ имя_отчество }}!\n\nВаше обращение от {{ дата }} рассмотрено.\n{{ ответ }}\n\n"
      "С уважением,\nначальник отдела    {{ подписант }}\n"
      "Исп. Петрова А.С., тел. 8 (8352) 45-12-34\n")
BAD = OK.replace("рассмотрено.", "рассмотрено 🙂")


GIT_ID = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
          "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}


def git(cwd, *args):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True,
                          env={**os.environ, **GIT_ID})


def head_of_checkout() -> str:
    r = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    if r.returncode != 0 or not (ROOT / ".pre-commit-hooks.yaml").exists():
        pytest.skip("not a git checkout of replylint")
    tracked = subprocess.run(["git", "ls-files", "--error-unmatch", ".pre-commit-hooks.yaml"],
                             cwd=ROOT, capture_output=True)
    assert tracked.returncode == 0, ".pre-commit-hooks.yaml must be committed to be installable"
    return r.stdout.strip()


def pre_commit(cwd, home, *args):
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, capture_output=True,
                          text=True, env=env, timeout=1800)


@pytest.fixture
def templates(tmp_path):
    repo = tmp_path / "templates-repo"
    (repo / "otvety").mkdir(parents=True)
    (repo / "docs").mkdir()
    (repo / "otvety" / "ok.txt.j2").write_text(OK, encoding="utf-8")
    (repo / "otvety" / "bad.txt.j2").write_text(BAD, encoding="utf-8")
    # not letters: the hook's filter leaves them alone even though they hold an emoji
    (repo / "README.md").write_text("# Шаблоны ответов 🙂\n", encoding="utf-8")
    (repo / "CHANGELOG.md").write_text("- новый шаблон 🙂\n", encoding="utf-8")
    (repo / "docs" / "guide.md").write_text("Как писать ответы 🙂\n", encoding="utf-8")
    (repo / "pyproject.toml").write_text("[tool.x]\nname = '🙂'\n", encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "templates")
    return repo


def test_try_repo_blocks_the_bad_template_and_passes_the_good_one(templates, tmp_path):
    ref = head_of_checkout()
    r = pre_commit(templates, tmp_path / "home", "try-repo", str(ROOT), "replylint", "--ref", ref,
                   "--all-files", "--verbose")
    out = r.stdout + r.stderr
    assert r.returncode == 1, out
    assert "replylint" in out and "Failed" in out
    assert "otvety/bad.txt.j2:3:" in out and "error common.emoji" in out
    assert "otvety/ok.txt.j2:" not in out                      # the good template passes
    for other in ("README.md", "CHANGELOG.md", "docs/guide.md", "pyproject.toml"):
        assert other not in out, out
    assert "1 error, 0 warnings, 0 suggestions in 2 files." in out


def test_the_installed_hook_blocks_a_commit(templates, tmp_path):
    ref = head_of_checkout()
    (templates / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {ref}\n    hooks:\n      - id: replylint\n",
        encoding="utf-8")
    home = tmp_path / "home"
    r = pre_commit(templates, home, "install")
    assert r.returncode == 0, r.stdout + r.stderr

    def commit(message):
        git(templates, "add", "-A")
        # the git hook runs pre-commit from this interpreter, with the store of this test
        env = {"PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
        r = subprocess.run(["git", "commit", "-m", message], cwd=templates, capture_output=True,
                           text=True, timeout=1800, env={**os.environ, **env, **GIT_ID})
        return r.returncode, r.stdout + r.stderr

    (templates / "otvety" / "new.txt.j2").write_text(OK.replace("рассмотрено", "рассмотрено повторно"),
                                                     encoding="utf-8")
    code, out = commit("a good template")
    assert code == 0 and "Passed" in out, out
    (templates / "otvety" / "new.txt.j2").write_text(BAD, encoding="utf-8")
    code, out = commit("an emoji")
    assert code != 0, out
    assert "otvety/new.txt.j2:3:" in out and "common.emoji" in out
    assert len(git(templates, "log", "--oneline").stdout.splitlines()) == 2   # the bad one refused
