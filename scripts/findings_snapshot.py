#!/usr/bin/env python3
"""The findings of every corpus, as the JSON report gives them, kept to catch any change.

A speed change must not change a single finding; a change that is meant to (a rule fixed, a
letter added to a corpus) regenerates the snapshot in the same commit:

    python scripts/findings_snapshot.py --update     # rewrite tests/snapshots/findings.json
    python scripts/findings_snapshot.py              # compare; exit 1 and show what differs

Corpora: examples/, tests/corpus (labelled letters, including tests/corpus/real), and, when the
shared folder is present, ../shared/corpus/labeled and ../shared/corpus/real-ru/*.reply.md.
Each file's entry is the report's file object (`replylint check --format json --no-config`)
with the path relative to its corpus root; a corpus that is absent is skipped, not failed."""
from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
SNAPSHOT = ROOT / "tests" / "snapshots" / "findings.json"
LETTERS = {".txt", ".md", ".eml", ".docx", ".html", ".odt", ".pdf", ".rtf", ".j2"}


def _labelled(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.suffix in LETTERS
                  and p.with_name(p.name + ".expect.yaml").exists())


def corpora() -> dict[str, tuple[Path, list[Path]]]:
    """name -> (root, files) of every corpus present on this machine."""
    out = {
        "examples": (ROOT / "examples",
                     sorted(p for p in (ROOT / "examples").rglob("*") if p.suffix in LETTERS)),
        "tests/corpus": (ROOT / "tests" / "corpus", _labelled(ROOT / "tests" / "corpus")),
        "shared/labeled": (SHARED / "labeled", _labelled(SHARED / "labeled")),
        "shared/real-ru": (SHARED / "real-ru", sorted((SHARED / "real-ru").glob("*.reply.md"))),
    }
    return {name: (root, files) for name, (root, files) in out.items() if root.is_dir() and files}


def findings(root: Path, files: list[Path]) -> dict[str, dict]:
    """relative path -> the JSON report's file object (without the path) of each file."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from replylint.engine import RunOptions, run
    from replylint.reporters.json import file_dict
    report = run([str(f) for f in files], RunOptions(no_config=True, jobs=1))
    out = {}
    for f, result in zip(files, report.files):
        entry = file_dict(result)
        del entry["path"]
        out[f.relative_to(root).as_posix()] = entry
    return out


def snapshot() -> dict[str, dict]:
    return {name: findings(root, files) for name, (root, files) in corpora().items()}


def dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def differences(stored: dict, current: dict) -> list[str]:
    """One line per corpus file whose findings changed (only corpora present in both)."""
    out = []
    for name in sorted(set(stored) & set(current)):
        old, new = stored[name], current[name]
        for rel in sorted(set(old) | set(new)):
            if old.get(rel) == new.get(rel):
                continue
            if rel not in old or rel not in new:
                out.append(f"{name}/{rel}: {'new file' if rel not in old else 'file gone'}")
                continue
            diff = difflib.unified_diff(dumps(old[rel]).splitlines(), dumps(new[rel]).splitlines(),
                                        "snapshot", "now", lineterm="", n=1)
            out.append(f"{name}/{rel}:\n" + "\n".join(list(diff)[2:40]))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--update", action="store_true", help="rewrite the stored snapshot")
    a = ap.parse_args()
    current = snapshot()
    if a.update:
        stored = json.loads(SNAPSHOT.read_text(encoding="utf-8")) if SNAPSHOT.exists() else {}
        for name, data in stored.items():   # keep a corpus this machine lacks
            current.setdefault(name, data)
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT.write_text(dumps(current), encoding="utf-8")
        print(f"wrote {SNAPSHOT.relative_to(ROOT)}: "
              + ", ".join(f"{n} {len(v)} files" for n, v in sorted(current.items())))
        return 0
    stored = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    diff = differences(stored, current)
    print("\n".join(diff) if diff else "findings identical to the snapshot")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main())
