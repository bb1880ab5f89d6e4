"""--jobs N: the parent loads the rule packs and the NLP pipelines, then forks; the workers use
what they inherit and never build them again. A worker that dies costs its file (named, exit
2), not the run; with the result cache, hits never reach a worker."""
import json
import os
import signal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from replylint import config as cfgmod, engine, nlp, packs, vi_segmenter
from replylint.cache import ResultCache
from replylint.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
RU = (EXAMPLES / "ru-bad.txt").read_text(encoding="utf-8")
VI = (EXAMPLES / "vi-bad.txt").read_text(encoding="utf-8")

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked on POSIX")


@pytest.fixture
def letters(tmp_path):
    """Ten Russian and four Vietnamese letters, each a little different."""
    d = tmp_path / "letters"
    d.mkdir()
    for i in range(10):
        (d / f"ru{i:02}.txt").write_text(RU + f"\nОтвет № {i}.\n", encoding="utf-8")
    for i in range(4):
        (d / f"vi{i:02}.txt").write_text(VI + f"\nSố {i}.\n", encoding="utf-8")
    return sorted(str(p) for p in d.iterdir())


def _log_calls(monkeypatch, log: Path, module, name):
    real = getattr(module, name)

    def logged(*a, **kw):
        with open(log, "a", encoding="utf-8") as f:
            f.write(f"{os.getpid()} {name}\n")
        return real(*a, **kw)

    monkeypatch.setattr(module, name, logged)


def _calls(log: Path):
    if not log.exists():
        return []
    return [tuple(line.split()) for line in log.read_text(encoding="utf-8").splitlines()]


def _findings(report):
    return [(f.path, f.error, [(d.rule, d.start, d.end, d.message) for d in f.diagnostics]) for f in report.files]


def test_workers_use_what_the_parent_loaded(letters, tmp_path, monkeypatch):
    serial = engine.run(letters, engine.RunOptions(no_config=True, jobs=1))
    log = tmp_path / "calls.log"
    import pymorphy3
    nlp._TOKENIZERS.clear()
    vi_segmenter._model.cache_clear()
    _log_calls(monkeypatch, log, nlp, "_ru_tokenizer")
    _log_calls(monkeypatch, log, vi_segmenter, "_model_bytes")    # once per model load
    _log_calls(monkeypatch, log, pymorphy3, "MorphAnalyzer")
    _log_calls(monkeypatch, log, packs, "load_pack")
    _log_calls(monkeypatch, log, engine, "lint")
    # built again, once, by the parent: the pipelines, the dictionaries, the rule packs
    monkeypatch.setattr(nlp, "_TOKENIZERS", {})
    nlp.morph_ru.cache_clear()
    nlp.parse_ru.cache_clear()
    nlp._analyse_cached.cache_clear()          # the serial run's analyses would spare the parent
    monkeypatch.setattr(packs, "_CACHE", {})
    parallel = engine.run(letters, engine.RunOptions(no_config=True, jobs=2))
    assert _findings(parallel) == _findings(serial)
    me = str(os.getpid())
    calls = _calls(log)
    builds = [c for c in calls if c[1] != "lint"]
    assert {c[1] for c in builds} >= {"_ru_tokenizer", "_model_bytes", "MorphAnalyzer", "load_pack"}
    assert all(pid == me for pid, _ in builds), builds           # nothing built in a worker
    assert len([c for c in builds if c[1] == "_ru_tokenizer"]) == 1
    workers = {pid for pid, what in calls if what == "lint" and pid != me}
    assert len(workers) == 2                                     # and the workers did the work


def test_a_worker_that_dies_costs_its_file_not_the_run(letters, monkeypatch):
    me = os.getpid()
    victim = letters[5]            # not the first of its language: not checked in the parent
    real = engine.lint

    def lint(doc, *a, **kw):
        if doc.path == victim and os.getpid() != me:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(doc, *a, **kw)

    monkeypatch.setattr(engine, "lint", lint)
    cfgmod._DISCOVERED.clear()
    r = CliRunner().invoke(app, ["check", "--no-config", "--jobs", "2", "--format", "json", *letters])
    assert r.exit_code == 2, r.output
    assert f"replylint: {victim}: the worker process checking it died (killed by signal 9 (SIGKILL))" in r.stderr
    files = json.loads(r.stdout)["files"]
    assert [f["path"] for f in files] == letters
    assert [f["path"] for f in files if f.get("error")] == [victim]
    monkeypatch.setattr(engine, "lint", real)
    serial = engine.run([p for p in letters if p != victim], engine.RunOptions(no_config=True, jobs=1))
    others = [f for f in files if f["path"] != victim]
    assert [(f["path"], len(f["diagnostics"])) for f in others] == \
        [(f.path, len(f.diagnostics)) for f in serial.files]


def test_cached_files_never_reach_a_worker(letters, tmp_path, monkeypatch):
    log = tmp_path / "calls.log"
    _log_calls(monkeypatch, log, engine, "lint")
    cache = tmp_path / "cache"
    first = engine.run(letters, engine.RunOptions(no_config=True, jobs=2, cache=ResultCache(cache)))
    linted = _calls(log)
    assert len(linted) == len(letters) and len({pid for pid, _ in linted}) == 3   # parent + 2 workers
    assert len(list((cache / "results").glob("*.json"))) == len(letters)       # workers stored theirs
    log.unlink()
    monkeypatch.setattr(engine, "ProcessPoolExecutor", None)      # a pool would fail: none is made
    second = engine.run(letters, engine.RunOptions(no_config=True, jobs=2, cache=ResultCache(cache)))
    assert _calls(log) == []
    assert _findings(second) == _findings(first)
    # one changed file: only it is checked, here (too few for workers under the default --jobs)
    Path(letters[3]).write_text(RU + "\nЕщё 🙂\n", encoding="utf-8")
    third = engine.run(letters, engine.RunOptions(no_config=True, cache=ResultCache(cache)))
    assert [c[0] for c in _calls(log)] == [str(os.getpid())]
    assert any(d.rule == "common.emoji" for d in third.files[3].diagnostics)
