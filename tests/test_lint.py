"""The project's own code passes its linter: `ruff check` with the rules of pyproject.toml."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _ruff() -> list[str]:
    try:
        import ruff  # noqa: F401  (the test extras install it)
    except ImportError:
        if shutil.which("ruff") is None:
            pytest.fail("ruff is not installed: pip install '.[test]'")
        return ["ruff"]
    return [sys.executable, "-m", "ruff"]


def test_ruff_check_is_clean():
    proc = subprocess.run([*_ruff(), "check", "--no-cache", "--output-format", "concise", "."],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, f"ruff check . found:\n{proc.stdout}{proc.stderr}"
