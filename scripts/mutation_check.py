#!/usr/bin/env python3
"""Show that the test suite catches a broken rule: in a temporary copy of the project, make one
rule raise on every call, and separately make it report a wrong span (the first character of
the letter instead of the offending words); run the tests that concern the rule and print which
ones fail. A mutation that no test catches is a hole in the suite (exit 1).

    python scripts/mutation_check.py                       # vi.colloquial and ru.bureaucratese
    python scripts/mutation_check.py --rule common.shouting --tests tests/test_rule_examples.py

The mutation is made where the linter runs a rule (replylint/linter.py), so it works for every
check kind, not only for python rules. The tests run with the copy first on PYTHONPATH, in
strict mode like the suite (tests/conftest.py)."""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parents[1]
RUN_LINE = "            found = list(rule.checker.run(ctx))\n"
MUTATIONS = {
    "raise": RUN_LINE.replace("found =", "if rule.id == {rule!r}:\n"
                              "                raise RuntimeError('mutation: the rule raises')\n"
                              "            found ="),
    "span": RUN_LINE + ("            if rule.id == {rule!r}:\n"
                        "                for d in found:\n"
                        "                    d.start, d.end, d.match = 0, 1, doc.text[:1]\n"),
}
# tests every rule goes through, besides those that name the rule
GENERIC_TESTS = ["tests/test_rule_examples.py", "tests/test_findings_snapshot.py",
                 "tests/test_list_coverage.py", "tests/test_corpus.py"]


def copy_project(dest: Path) -> None:
    ignore = shutil.ignore_patterns(".git", "__pycache__", "*.pyc", ".pytest_cache", "build", "dist",
                                    "*.egg-info", ".ruff_cache")
    shutil.copytree(ROOT, dest, ignore=ignore, symlinks=True)
    # the shared corpora the tests look for beside the project
    shared = ROOT.parent / "shared"
    if not shared.exists() and (ROOT.parent.parent / "shared").exists():
        shared = ROOT.parent.parent / "shared"
    if shared.exists() and not (dest.parent / "shared").exists():
        (dest.parent / "shared").symlink_to(shared)


def mutate(copy: Path, kind: str, rule: str) -> None:
    linter = copy / "replylint" / "linter.py"
    src = linter.read_text(encoding="utf-8")
    if RUN_LINE not in src:
        sys.exit(f"{linter}: the line that runs a rule is not where this script expects it")
    linter.write_text(src.replace(RUN_LINE, MUTATIONS[kind].format(rule=rule), 1), encoding="utf-8")


def tests_for(rule: str, extra: list[str]) -> list[str]:
    """The generic tests plus every test file that names the rule."""
    if extra:
        return extra
    naming = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests").glob("test_*.py")
                    if rule in p.read_text(encoding="utf-8"))
    return list(dict.fromkeys(GENERIC_TESTS + naming))


def run_tests(copy: Path, tests: list[str]) -> tuple[int, list[str]]:
    """pytest's exit code and the ids of the tests that failed (from its JUnit XML report)."""
    env = dict(os.environ, PYTHONPATH=str(copy), REPLYLINT_STRICT="1")
    junit = copy / "mutation-junit.xml"
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--no-header",
                           f"--junitxml={junit}", *tests], cwd=copy, env=env, capture_output=True, text=True)
    if not junit.exists():
        sys.exit(f"pytest did not run (exit {proc.returncode}):\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    failed = []
    for case in ElementTree.parse(junit).iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            module = case.get("classname", "").replace(".", "/")
            failed.append(f"{module}.py::{case.get('name')}")
    return proc.returncode, failed


def summary(failed: list[str], shown: int) -> list[str]:
    """Per test file: how many failed, and the first `shown` of them."""
    by_file: dict[str, list[str]] = {}
    for name in failed:
        by_file.setdefault(name.split("::")[0], []).append(name)
    out = []
    for f, names in by_file.items():
        out.append(f"  {f}: {len(names)} failed")
        out += [f"    {n}" for n in names[:shown]]
        if len(names) > shown:
            out.append(f"    … and {len(names) - shown} more")
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rule", action="append", help="rule id to mutate (repeatable)")
    ap.add_argument("--tests", nargs="*", default=[], help="test files to run (default: the relevant ones)")
    ap.add_argument("--mutation", choices=sorted(MUTATIONS), action="append")
    ap.add_argument("--show", type=int, default=5, help="failing tests listed per test file (default 5)")
    args = ap.parse_args(argv)
    rules = args.rule or ["vi.colloquial", "ru.bureaucratese"]
    holes = 0
    for rule in rules:
        tests = tests_for(rule, args.tests)
        for kind in args.mutation or sorted(MUTATIONS):
            with tempfile.TemporaryDirectory(prefix="replylint-mutant-") as tmp:
                copy = Path(tmp) / "project"
                copy_project(copy)
                mutate(copy, kind, rule)
                code, failed = run_tests(copy, tests)
            what = "raises on every call" if kind == "raise" else "reports the first character"
            print(f"{rule} {what}: {len(failed)} failing tests (pytest exit {code}) in {' '.join(tests)}")
            print("\n".join(summary(failed, args.show)))
            if not failed:
                holes += 1
                print("  NO TEST FAILED: the suite does not catch this mutation")
    return 1 if holes else 0


if __name__ == "__main__":
    sys.exit(main())
