"""scripts/benchmark.py: the corpus generator makes two-page letters, and --help works.
No timing here: the benchmark itself is a script, not a test."""
from __future__ import annotations

import importlib.util
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "benchmark.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("replylint_benchmark_script", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MARKERS = {
    "ru": ("Уважаем", "С уважением", "Исп."),
    "vi": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Kính gửi:", "Nơi nhận:"),
    "en": ("Dear ", "Yours sincerely,"),
}


@pytest.mark.parametrize("lang", ["ru", "vi", "en"])
@pytest.mark.parametrize("source", ["builtin", "shared"])
def test_letters_have_the_intended_size_and_parts(bench, lang, source):
    shared = None if source == "builtin" else bench.SHARED_CORPUS
    pool = bench.paragraph_pool(lang, shared)
    assert pool, "no paragraphs to build letters from"
    lo, hi = bench.TARGET[lang]
    rng = random.Random(7)
    sizes = []
    for _ in range(25):
        letter = bench.build_letter(lang, rng, pool)
        n = bench.count_units(letter, lang)
        assert lo <= n <= hi, (lang, n)
        for marker in MARKERS[lang]:
            assert marker in letter
        sizes.append(n)
    mean = sum(sizes) / len(sizes)
    assert abs(mean - (lo + hi) / 2) <= 40, mean  # about 600 words / 900 syllables on average


def test_without_shared_folder_only_builtin_paragraphs(bench, tmp_path):
    for lang in ("ru", "vi"):
        assert bench.harvest(lang, tmp_path / "missing") == []
        assert bench.paragraph_pool(lang, tmp_path / "missing") == bench.BUILTIN[lang]


def test_units_count_words_and_vietnamese_syllables(bench):
    assert bench.count_units("Уважаемый Никита Олегович! Пособие назначено 11.02.2026.", "ru") == 6
    assert bench.count_units("Ủy ban nhân dân phường trả lời Ông ngày 20/4/2026 - như sau.", "vi") == 12


def test_generate_corpus_is_deterministic(bench, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    stats = bench.generate_corpus(a, 3, seed=11, shared=None)
    bench.generate_corpus(b, 3, seed=11, shared=None)
    for lang in ("ru", "vi", "en"):
        files = sorted((a / lang).glob("*.txt"))
        assert [f.name for f in files] == [f"{lang}-000{i}.txt" for i in (1, 2, 3)]
        assert [f.read_text(encoding="utf-8") for f in files] == \
            [f.read_text(encoding="utf-8") for f in sorted((b / lang).glob("*.txt"))]
        lo, hi = bench.TARGET[lang]
        assert stats[lang]["files"] == 3 and lo <= stats[lang]["min"] <= stats[lang]["max"] <= hi


def test_help_works():
    out = subprocess.run([sys.executable, str(SCRIPT), "--help"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    for option in ("--files", "--quick", "--jobs-list", "--keep", "--json", "--replylint", "--corpus"):
        assert option in out.stdout


def test_scaling_corpus_sizes_grow_and_the_long_line_has_no_break(bench, tmp_path, monkeypatch):
    monkeypatch.setattr(bench, "SCALING_MB", (1,))
    rows = bench.scaling_corpus(tmp_path, 3, None, langs=("ru",))["ru"]
    labels = [label for label, _ in rows]
    assert labels == ["1 page", "2 pages", "8 pages", "32 pages", "1 MB", "1 MB, one line"]
    sizes = [f.stat().st_size for _, f in rows]
    assert sizes[0] < sizes[1] < sizes[2] < sizes[3] < sizes[4] == sizes[5]
    assert sizes[4] >= 1024 * 1024
    lo, hi = bench.PAGE_UNITS["ru"]
    assert 8 * lo <= bench.count_units(rows[2][1].read_text(encoding="utf-8"), "ru") <= 8 * hi
    assert "\n" not in rows[5][1].read_text(encoding="utf-8")


def test_batch_corpus_is_half_russian_half_vietnamese(bench, tmp_path):
    d = bench.batch_corpus(tmp_path, 7, 1, None)
    assert len(list((d / "ru").glob("*.txt"))) == 4 and len(list((d / "vi").glob("*.txt"))) == 3


def test_goal_ratios_are_computed_from_the_rows(bench):
    result = {
        "throughput": [
            {"tool": "replylint", "corpus": "ru", "jobs": 1, "wall_s": 10, "files_per_s": 20.0,
             "cpu_s": 10.0, "cpu_ms_per_file_after_startup": 40.0},
            {"tool": "replylint", "corpus": "ru", "jobs": 2, "wall_s": 6, "files_per_s": 35.0,
             "cpu_s": 11.0, "cpu_ms_per_file_after_startup": 40.0},
            {"tool": "proselint", "corpus": "en", "jobs": None, "wall_s": 2, "files_per_s": 100.0,
             "cpu_s": 2.0, "cpu_ms_per_file_after_startup": 10.0}],
        "cold_start": [{"what": "replylint check 1 ru file", "key": "ru", "wall_s": 1.2, "cpu_s": 1.0, "status": "ok"},
                       {"what": "proselint check 1 en file", "key": "en", "wall_s": 0.2, "cpu_s": 0.1, "status": "ok"}],
        "scaling": [{"corpus": "ru", "size": "2 pages", "us_per_char": 4.0, "status": "ok"},
                    {"corpus": "ru", "size": "32 pages", "us_per_char": 5.0, "status": "ok"}],
        "batch": [{"what": "no result cache", "files": 10, "wall_s": 30.0, "cpu_s": 28.0, "maxrss_mb": 200},
                  {"what": "result cache, re-run on unchanged files", "files": 10, "wall_s": 1.0, "cpu_s": 0.7}],
    }
    got = {g["what"]: g["value"] for g in bench.ratios(result)}
    assert got["ru letters/s ÷ proselint's, one core (wall, whole run)"] == 0.2
    assert got["ru letters/s ÷ proselint's, one core (CPU per letter after start-up)"] == 0.25
    assert got["ru --jobs 2 ÷ --jobs 1 files/s (wall; meaningful on an idle machine)"] == 1.75
    assert got["ru cold start ÷ proselint's (CPU)"] == 10.0
    assert got["ru 32 pages ÷ 2 pages, CPU per character"] == 1.25
    assert got["10 unchanged files: no cache ÷ cached re-run (wall)"] == 30.0
    assert got["peak memory, 10 letters in one process (MB)"] == 200


@pytest.mark.skipif(not Path("/proc/self/smaps_rollup").exists(), reason="Linux /proc")
def test_measure_samples_the_memory_of_the_process_tree(bench):
    """RSS counts pages a forked child shares with its parent twice, PSS once: the child here
    touches nothing of the parent's 60 MB, so the tree's PSS stays near one copy."""
    code = ("import os, time\nx = bytearray(60_000_000)\npid = os.fork()\n"
            "time.sleep(0.6)\nos._exit(0) if pid == 0 else os.waitpid(pid, 0)")
    res = bench.measure([sys.executable, "-c", code])
    assert res["rc"] == 0
    assert res["tree_rss_mb"] >= 110                 # both processes map the 60 MB
    assert 55 <= res["tree_pss_mb"] <= res["tree_rss_mb"] - 40
    row = {"tool": "replylint", "corpus": "ru", "jobs": 2, "files": 2, "wall_s": 1.0, "cpu_s": 1.0,
           "files_per_s": 2.0, "files_per_s_after_startup": None, "cpu_ms_per_file": 500.0,
           "cpu_ms_per_file_after_startup": None, "maxrss_mb": res["maxrss_mb"],
           "tree_rss_mb": res["tree_rss_mb"], "tree_pss_mb": res["tree_pss_mb"], "findings": 3, "status": "ok"}
    table = bench.markdown({"date": "d", "machine": {"cpus": 2, "processor": "p", "python": "3"},
                            "corpus": {}, "throughput": [row], "cold_start": [], "scaling": [], "batch": []})
    rows = [ln for ln in table.splitlines() if ln.startswith("|")]
    at = next(i for i, ln in enumerate(rows) if ln.startswith("| tool |"))
    header, line = rows[at], rows[at + 2]
    assert "peak PSS MB (all processes)" in header
    assert header.count("|") == line.count("|") and f"| {res['tree_pss_mb']:.0f} |" in line


def test_each_row_gives_the_load_average_and_runs_with_bytecode(bench, monkeypatch):
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    res = bench.measure([sys.executable, "-c", "import sys; print(sys.dont_write_bytecode)"])
    assert res["stdout"].strip() == "False"
    assert res["load"] == pytest.approx(os.getloadavg()[0], abs=5)
    row = {"what": "replylint rules (no NLP)", "runs": 1, "wall_s": 0.3, "wall_min_s": 0.3, "cpu_s": 0.3,
           "maxrss_mb": 40, "load": 3.25, "status": "ok"}
    table = bench.markdown({"date": "d", "machine": {"cpus": 2, "processor": "p", "python": "3"},
                            "corpus": {}, "throughput": [], "cold_start": [row], "scaling": [], "batch": []})
    rows = [ln for ln in table.splitlines() if ln.startswith("|")]
    at = next(i for i, ln in enumerate(rows) if ln.startswith("| cold start"))
    header, line = rows[at], rows[at + 2]
    assert "| load |" in header and "| 3.25 |" in line and header.count("|") == line.count("|")
