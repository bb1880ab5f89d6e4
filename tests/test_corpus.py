"""Labelled letters scored like ../shared/tools/eval.py: per (document, rule id), every id in
`fire` must be reported (any severity), every other scored id must stay quiet (suggestions never
count). Runs on the project's own corpus (tests/corpus) and on ../shared/corpus/labeled."""
from pathlib import Path

import pytest
import yaml

from replylint.engine import RunOptions, run

HERE = Path(__file__).resolve().parent / "corpus"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "labeled"
SUFFIXES = {".txt", ".md", ".eml", ".docx", ".html"}


def labelled(root: Path):
    return sorted(p for p in root.rglob("*") if p.suffix in SUFFIXES
                  and p.with_name(p.name + ".expect.yaml").exists())


def score(root: Path):
    scored = set(yaml.safe_load((root / "SCORED.yaml").read_text(encoding="utf-8"))["scored"])
    docs = labelled(root)
    report = run([str(d) for d in docs], RunOptions(no_config=True, jobs=1))
    misses, false = [], []
    for doc, result in zip(docs, report.files):
        exp = yaml.safe_load(doc.with_name(doc.name + ".expect.yaml").read_text(encoding="utf-8"))
        fire = set(exp.get("fire") or [])
        ignore = set(exp.get("ignore") or [])
        quiet = set(exp.get("quiet") or (scored - fire)) - ignore
        assert result.error is None, f"{doc.name}: {result.error}"
        got = {d.rule for d in result.diagnostics if d.severity != "suggestion" or d.rule in fire}
        misses += [(doc.name, r) for r in sorted(fire & scored - got)]
        false += [(doc.name, r) for r in sorted(got & quiet & scored)]
    fired = sum(len(set(yaml.safe_load(d.with_name(d.name + ".expect.yaml").read_text(encoding="utf-8"))
                        .get("fire") or []) & scored) for d in docs)
    return docs, fired, misses, false


@pytest.mark.parametrize("root", [HERE, SHARED], ids=["own", "shared"])
def test_labelled_corpus(root):
    if not (root / "SCORED.yaml").exists():
        pytest.skip(f"{root} not present")
    docs, fired, misses, false = score(root)
    assert docs
    recall = 1 - len(misses) / fired if fired else 1.0
    assert recall >= 0.95, f"recall {recall:.3f}; missed {misses}"
    assert len(false) / len(docs) <= 0.1, f"false alarms {false}"
