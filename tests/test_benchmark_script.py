"""scripts/benchmark.py: the corpus generator makes two-page letters, and --help works.
No timing here: the benchmark itself is a script, not a test."""
from __future__ import annotations

import importlib.util
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
