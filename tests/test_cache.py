"""The result cache (replylint/cache.py): a re-run on unchanged files answers from it, with a
report identical to a fresh one in every format; anything that changes a finding is a new key;
corrupt entries, concurrent runs and a full folder are handled; refused files stay refused."""
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from replylint import cache as cachemod, config as cfgmod, engine, packs
from replylint.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
runner = CliRunner()
FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit", "html")
FILES = ("ru-bad.txt", "ru-good.txt", "vi-bad.txt", "ru-email-bad.eml", "docx/ru-bad.docx",
         "templates/ru-otvet.txt.j2", "pdf/vi-bad.pdf")


def _forget():
    """What one process keeps between runs (a CLI run is one process: tests run several)."""
    cfgmod._DISCOVERED.clear()
    engine._LOADED.clear()
    engine._EXCLUDES.clear()
    packs._CACHE.clear()
    cachemod._PACK_DIRS.clear()


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.delenv("REPLYLINT_NO_CACHE", raising=False)
    monkeypatch.delenv("REPLYLINT_CACHE_DIR", raising=False)
    root = tmp_path / "project"
    for name in FILES:
        (root / "letters" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(EXAMPLES / name, root / "letters" / name)
    monkeypatch.chdir(root)
    _forget()
    yield root
    _forget()


@pytest.fixture
def checked(monkeypatch):
    """The paths the linter ran on (a hit runs no rule)."""
    seen = []
    real = engine.lint

    def counting(doc, *a, **kw):
        seen.append(doc.path)
        return real(doc, *a, **kw)

    monkeypatch.setattr(engine, "lint", counting)
    return seen


def check(*args):
    _forget()
    return runner.invoke(app, ["check", "--jobs", "1", *args])


def entries(d: Path):
    return sorted((d / "results").glob("*.json"))


def test_second_run_is_answered_from_the_cache(project, checked):
    first = check("letters", "--format", "json")
    assert first.exit_code == 1, first.output
    assert len(checked) == len(FILES)
    store = project / ".replylint_cache"
    assert len(entries(store)) == len(FILES)
    assert (store / ".gitignore").read_text() == cachemod.GITIGNORE
    assert (store / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    checked.clear()
    second = check("letters", "--format", "json")
    assert checked == []                      # nothing linted
    assert (second.exit_code, second.stdout) == (first.exit_code, first.stdout)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_cached_report_equals_a_fresh_one(project, fmt):
    fresh = check("letters", "--format", fmt, "--no-cache")
    assert not (project / ".replylint_cache").exists()       # --no-cache writes nothing
    check("letters", "--format", "json")                      # fills the cache
    cached = check("letters", "--format", fmt)
    assert (cached.exit_code, cached.stdout, cached.stderr) == (fresh.exit_code, fresh.stdout, fresh.stderr)
    if fmt == "text":
        with_source = check("letters", "--show-source", "--statistics")
        assert with_source.stdout == check("letters", "--show-source", "--statistics", "--no-cache").stdout
        assert "🙂" in with_source.stdout or "^" in with_source.stdout


def _fix_run(project, *extra):
    r = check("letters", "--fix", "--format", "json", *extra)
    return r.exit_code, r.stdout, {p.name: p.read_bytes() for p in (project / "letters").rglob("*") if p.is_file()}


def test_fix_from_cached_results_writes_what_a_fresh_fix_writes(project, tmp_path, checked):
    pristine = tmp_path / "pristine"
    shutil.copytree(project / "letters", pristine)
    fresh = _fix_run(project, "--no-cache")
    assert fresh[2]["ru-bad.txt"] != (pristine / "ru-bad.txt").read_bytes()   # something was fixed
    shutil.rmtree(project / "letters")
    shutil.copytree(pristine, project / "letters")
    check("letters")                                   # the cache holds the unfixed letters
    checked.clear()
    cached = _fix_run(project)
    assert cached == fresh
    # the fixed texts were re-checked with the cache on: the next run finds them unchanged
    checked.clear()
    again = check("letters", "--format", "json")
    assert checked == []
    assert again.stdout == check("letters", "--format", "json", "--no-cache").stdout


def _keys(project):
    return {p.name for p in entries(project / ".replylint_cache")}


def test_a_changed_file_is_checked_again(project, checked):
    check("letters")
    before = _keys(project)
    letter = project / "letters" / "ru-good.txt"
    letter.write_text(letter.read_text(encoding="utf-8") + "\nЖдём ответа 🙂\n", encoding="utf-8")
    checked.clear()
    r = check("letters", "--format", "json")
    assert checked == [str(Path("letters") / "ru-good.txt")]
    assert "common.emoji" in {d["rule"] for f in json.loads(r.stdout)["files"]
                              if f["path"].endswith("ru-good.txt") for d in f["diagnostics"]}
    assert len(_keys(project) - before) == 1


@pytest.mark.parametrize("change", [
    ["--select", "common"], ["--ignore", "ru.vy-capital"], ["--min-severity", "warning"],
    ["--lang", "ru"], ["--kind", "email"], ["--report-unused-directives"], ["--templates", ".tpl"],
])
def test_options_that_change_findings_are_new_keys(project, checked, change):
    check("letters")
    checked.clear()
    fresh = check("letters", "--format", "json", "--no-cache", *change)
    checked.clear()
    got = check("letters", "--format", "json", *change)
    assert len(checked) == len(FILES) and got.stdout == fresh.stdout
    checked.clear()
    check("letters", *change)
    assert checked == []


def test_options_that_change_no_finding_keep_the_hits(project, checked):
    check("letters")
    checked.clear()
    for extra in (["--format", "sarif"], ["--quiet"], ["--statistics"], ["--jobs", "1"],
                  ["--fail-on", "never"], ["--extend-exclude", "nothing-*.txt"]):
        check("letters", *extra)
    assert checked == []


def test_the_appeal_is_part_of_the_key(project, checked):
    appeal = project / "appeal.txt"
    appeal.write_text("Прошу сообщить сроки ремонта дороги.\n", encoding="utf-8")
    check("letters", "--appeal", str(appeal))
    checked.clear()
    check("letters", "--appeal", str(appeal))
    assert checked == []
    appeal.write_text("Прошу вернуть деньги за билет.\n", encoding="utf-8")
    check("letters", "--appeal", str(appeal))
    assert len(checked) == len(FILES)


def test_configuration_changes_are_new_keys(project, checked):
    cfg = project / ".replylint.yaml"
    cfg.write_text("select: [common, ru]\n", encoding="utf-8")
    check("letters")
    checked.clear()
    cfg.write_text("# a comment moves nothing\n\nselect: [common, ru]\n", encoding="utf-8")
    check("letters")
    assert checked == []
    for text in ("select: [common]\n", "select: [common, ru]\nrules:\n  common.emoji: {severity: suggestion}\n",
                 "select: [common, ru]\nper_file_ignores:\n  'letters/ru-bad.txt': [common.emoji]\n",
                 "select: [common, ru]\nsettings:\n  allowed_abbreviations: [ЖКХ]\n",
                 "select: [common, ru]\nmax_file_size: 1MB\n"):
        cfg.write_text(text, encoding="utf-8")
        checked.clear()
        fresh = check("letters", "--format", "json", "--no-cache")
        checked.clear()
        got = check("letters", "--format", "json")
        assert checked, text
        assert got.stdout == fresh.stdout, text


def test_the_cache_is_next_to_the_configuration(project, checked):
    (project / ".replylint.yaml").write_text("select: [common]\n", encoding="utf-8")
    sub = project / "letters"
    os.chdir(sub)
    check(".")
    assert entries(project / ".replylint_cache") and not (sub / ".replylint_cache").exists()


def test_cache_dir_option_and_environment(project, monkeypatch, tmp_path):
    check("letters", "--cache-dir", str(tmp_path / "a"))
    assert len(entries(tmp_path / "a")) == len(FILES) and not (project / ".replylint_cache").exists()
    monkeypatch.setenv("REPLYLINT_CACHE_DIR", str(tmp_path / "b"))
    check("letters")
    assert len(entries(tmp_path / "b")) == len(FILES)
    monkeypatch.setenv("REPLYLINT_NO_CACHE", "1")
    check("letters", "--cache-dir", str(tmp_path / "c"))
    assert not (tmp_path / "c").exists()


def _house_pack(project, word):
    pack = project / "house"
    pack.mkdir(exist_ok=True)
    (pack / "pack.yaml").write_text("name: house\nlanguage: ru\n", encoding="utf-8")
    (pack / "ban.yaml").write_text(
        "id: house.ban\nseverity: error\nmessage: нельзя\nsource: {document: d, clause: c, quote: q}\n"
        f"check: existence\nwords: [{word}]\nexamples: {{bad: ['{word}']}}\n", encoding="utf-8")


def _rules_fired(r):
    return {d["rule"] for f in json.loads(r.stdout)["files"] for d in f["diagnostics"]}


def test_a_changed_user_pack_is_a_new_key(project, checked):
    (project / ".replylint.yaml").write_text("packs: [common, ru, ./house]\n", encoding="utf-8")
    _house_pack(project, "обращение")
    assert "house.ban" in _rules_fired(check("letters", "--format", "json"))
    _house_pack(project, "несуществующееслово")
    checked.clear()
    r = check("letters", "--format", "json")
    assert checked and "house.ban" not in _rules_fired(r)


def test_a_new_version_is_a_new_key(project, checked):
    check("letters")
    try:
        cachemod._version_for_tests("replylint 99.0 with other rules")
        checked.clear()
        check("letters")
        assert len(checked) == len(FILES)
    finally:
        cachemod._version_for_tests(None)
    checked.clear()
    check("letters")
    assert checked == []


def test_the_program_key_covers_code_rules_and_libraries(monkeypatch):
    cachemod._version_for_tests(None)
    base = cachemod.program_key()
    cachemod._version_for_tests(None)
    real = cachemod._tree_hash
    monkeypatch.setattr(cachemod, "_tree_hash", lambda root: real(root) + "+edited")
    assert cachemod.program_key() != base
    monkeypatch.undo()
    cachemod._version_for_tests(None)
    monkeypatch.setattr(cachemod, "_distributions", lambda: "spacy-9.9.9.dist-info")
    assert cachemod.program_key() != base
    monkeypatch.undo()
    cachemod._version_for_tests(None)
    assert cachemod.program_key() == base
    assert "pymorphy3" in cachemod._distributions()


@pytest.mark.parametrize("damage", ["truncate", "garbage", "other-key", "empty", "directory", "unreadable"])
def test_a_damaged_entry_is_a_miss_and_is_rewritten(project, checked, damage):
    fresh = check("letters", "--format", "json")
    for p in entries(project / ".replylint_cache"):
        if damage == "truncate":
            p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2])
        elif damage == "garbage":
            p.write_bytes(b"\xff\xfe not json \x00")
        elif damage == "other-key":
            entry = json.loads(p.read_text(encoding="utf-8"))
            entry["key"] = "0" * 40
            p.write_text(json.dumps(entry), encoding="utf-8")
        elif damage == "empty":
            p.write_bytes(b"")
        elif damage == "directory":
            p.unlink()
            p.mkdir()
        else:
            p.chmod(0)
    if damage == "unreadable" and os.access(entries(project / ".replylint_cache")[0], os.R_OK):
        pytest.skip("running as a user who reads any file")
    checked.clear()
    again = check("letters", "--format", "json")
    assert len(checked) == len(FILES) and again.stdout == fresh.stdout
    if damage != "directory":
        checked.clear()
        check("letters")
        assert checked == [] if damage != "unreadable" else True


def test_refused_files_are_refused_again(project, checked):
    (project / "letters" / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (project / "letters" / "big.txt").write_text("Ответ.\n" * 200_000, encoding="utf-8")
    (project / ".replylint.yaml").write_text("max_file_size: 1MB\n", encoding="utf-8")
    for _ in range(2):
        r = check("letters", "--format", "json")
        assert r.exit_code == 2
        errors = {Path(f["path"]).name: f.get("error") for f in json.loads(r.stdout)["files"] if f.get("error")}
        assert set(errors) == {"broken.docx", "big.txt"}, errors
        assert "replylint: letters/broken.docx:" in r.stderr and "too large" in errors["big.txt"]
    assert len(entries(project / ".replylint_cache")) == len(FILES)


def test_a_rule_that_crashed_is_not_kept(project, monkeypatch, checked):
    from replylint.checks.python import Python as PythonCheck
    monkeypatch.delenv("REPLYLINT_STRICT")
    real = PythonCheck.run

    def crash(self, ctx):
        if ctx.doc.path.endswith("ru-bad.txt"):
            raise RuntimeError("boom")
        return real(self, ctx)

    monkeypatch.setattr(PythonCheck, "run", crash)
    for _ in range(2):
        r = check("letters")
        assert r.exit_code == 2 and "boom" in r.stderr
    assert checked.count(str(Path("letters") / "ru-bad.txt")) == 2
    monkeypatch.setattr(PythonCheck, "run", real)
    checked.clear()
    check("letters")
    assert checked == [str(Path("letters") / "ru-bad.txt")]


def test_the_cache_folder_stays_under_its_limit(project, monkeypatch):
    for i in range(30):
        (project / "letters" / f"n{i:02}.txt").write_text(f"Ответ номер {i} 🙂\n", encoding="utf-8")
    store = project / ".replylint_cache"
    check("letters")
    size = sum(p.stat().st_size for p in entries(store))
    monkeypatch.setenv(cachemod.ENV_MAX_SIZE, str(size // 2))
    (project / "letters" / "n00.txt").write_text("Другой ответ 🙂\n", encoding="utf-8")
    check("letters")
    assert sum(p.stat().st_size for p in entries(store)) <= size // 2
    assert cachemod.max_size() == size // 2
    monkeypatch.setenv(cachemod.ENV_MAX_SIZE, "2MB")
    assert cachemod.max_size() == 2 * 1024 * 1024


def test_pruning_removes_the_least_recently_used(tmp_path):
    c = cachemod.ResultCache(tmp_path, limit=10_000)
    c.results.mkdir(parents=True)
    for i in range(10):
        p = c.results / f"{i:040x}.json"
        p.write_bytes(b"x" * 2000)
        os.utime(p, (1_000_000 + i, 1_000_000 + i))
    os.utime(c.results / f"{0:040x}.json")       # used just now
    stale = c.results / ".tmp-1-abc"
    stale.write_bytes(b"half")
    os.utime(stale, (1_000_000, 1_000_000))
    c.prune()
    left = sorted(p.name for p in c.results.iterdir())
    assert f"{0:040x}.json" in left and f"{1:040x}.json" not in left
    assert sum((c.results / n).stat().st_size for n in left) <= 8_000 and ".tmp-1-abc" not in left


def test_writers_of_one_entry_never_leave_half_of_it(project, tmp_path):
    from replylint.diagnostic import Diagnostic
    from replylint.report import FileResult
    c = cachemod.ResultCache(tmp_path / "c")
    results = [FileResult(path="a.txt", diagnostics=[Diagnostic(rule="r", start=i, end=i + 1, message="м" * 5000)],
                          lang="ru", cacheable=True) for i in range(8)]

    class Doc:
        format = "txt"

    for r in results:
        r.doc = Doc()
    key = "f" * 40
    stop = threading.Event()
    seen = []

    def write(r):
        while not stop.is_set():
            c.put(key, r)

    def read():
        while not stop.is_set():
            got = c.get(key, "a.txt")
            if got is not None:
                seen.append(got.diagnostics[0].start)

    threads = [threading.Thread(target=write, args=(r,)) for r in results] + [threading.Thread(target=read)]
    for t in threads:
        t.start()
    threading.Event().wait(1.0)
    stop.set()
    for t in threads:
        t.join()
    assert seen and set(seen) <= set(range(8))
    assert not [p for p in c.results.iterdir() if p.name.startswith(".tmp-")]


def test_concurrent_runs_share_one_cache(project, tmp_path):
    """Four processes on the same files and folder at once: every report is the fresh one."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "REPLYLINT_CACHE_DIR": str(tmp_path / "shared")}
    env.pop("REPLYLINT_NO_CACHE", None)
    cmd = [sys.executable, "-m", "replylint", "check", "letters", "--format", "json", "--jobs", "1"]
    fresh = subprocess.run(cmd + ["--no-cache"], cwd=project, env=env, capture_output=True, text=True)
    procs = [subprocess.Popen(cmd, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(4)]
    outs = [p.communicate(timeout=600) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert (p.returncode, out) == (fresh.returncode, fresh.stdout), err
    again = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True)
    assert again.stdout == fresh.stdout
    store = tmp_path / "shared" / "results"
    assert len(list(store.glob("*.json"))) == len(FILES)
    assert not [p for p in store.iterdir() if p.name.startswith(".tmp-")]


def test_an_unwritable_cache_is_a_note_not_a_failure(project, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    r = check("letters", "--format", "json", "--cache-dir", str(blocker / "cache"))
    assert r.exit_code == 1 and json.loads(r.stdout)["files"]
    assert "cannot write the result cache" in r.stderr
    assert "cannot write the result cache" not in check("letters", "--quiet", "--cache-dir", str(blocker / "c")).stderr


def test_the_pre_commit_hook_reruns_from_the_cache(project):
    """The hook's own entry, run as pre-commit runs it (from the repository root, on the files
    by name, in a fresh process): the second run on unchanged files answers every file from
    the cache, prints the same, and git sees nothing new in the repository."""
    hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    entry = hook["entry"].split()
    assert entry[:2] == ["replylint", "check"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("REPLYLINT_NO_CACHE", None)
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    names = [str(Path("letters") / n) for n in FILES]
    cmd = [sys.executable, "-m", "replylint", *entry[1:], *names]
    first = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True)
    store = project / ".replylint_cache"
    assert len(entries(store)) == len(FILES)
    for p in entries(store):
        os.utime(p, (1_000_000, 1_000_000))
    second = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True)
    assert (second.returncode, second.stdout) == (first.returncode, first.stdout)
    assert all(p.stat().st_mtime > 1_000_000 for p in entries(store))     # every one a hit
    assert len(entries(store)) == len(FILES)
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=project,
                            capture_output=True, text=True, check=True).stdout
    assert ".replylint_cache" not in status and "letters/" in status


def _stored(tmp_path, diagnostic):
    from replylint.report import FileResult

    class Doc:
        format = "txt"

    c = cachemod.ResultCache(tmp_path / "c")
    c.put("a" * 40, FileResult(path="a.txt", diagnostics=[diagnostic], lang="ru", doc=Doc(), cacheable=True))
    return c.get("a" * 40, "a.txt")


def test_an_entry_gives_back_exactly_what_was_stored(tmp_path):
    from replylint.diagnostic import Diagnostic
    d = Diagnostic(rule="common.emoji", start=3, end=5, message="Эмодзи «\ud83d» и «🙂»", match="\ud83d",
                   suggestion="", fixable=True, line=1, column=4, end_line=1, end_column=6, exact=False)
    got = _stored(tmp_path, d)
    assert got is not None and got.diagnostics == [d] and got.doc.format == "txt"
    # a value JSON would not give back as it was is not stored at all
    assert _stored(tmp_path / "t", Diagnostic(rule="r", start=0, end=1, match=("a", "b"))) is None
