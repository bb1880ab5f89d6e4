"""Every finding on every corpus equals the stored snapshot (tests/snapshots/findings.json), so a
speed or refactoring change that alters one finding fails here. A change meant to alter
findings regenerates it: `python scripts/findings_snapshot.py --update` (commit the result)."""
import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("findings_snapshot", ROOT / "scripts" / "findings_snapshot.py")
snap = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(snap)

STORED = json.loads(snap.SNAPSHOT.read_text(encoding="utf-8"))
PRESENT = snap.corpora()


@pytest.mark.parametrize("name", sorted(STORED))
def test_findings_equal_the_snapshot(name):
    if name not in PRESENT:
        pytest.skip(f"corpus {name} not present on this machine")
    root, files = PRESENT[name]
    current = {name: snap.findings(root, files)}
    diff = snap.differences({name: STORED[name]}, current)
    assert not diff, ("findings changed (if intended: python scripts/findings_snapshot.py --update)\n"
                      + "\n".join(diff))


def test_every_present_corpus_is_in_the_snapshot():
    assert set(PRESENT) <= set(STORED), "regenerate: python scripts/findings_snapshot.py --update"


def test_the_comparison_sees_a_changed_finding():
    stored = {"c": {"a.txt": {"diagnostics": [{"rule": "x", "start": 1}]}}}
    moved = {"c": {"a.txt": {"diagnostics": [{"rule": "x", "start": 2}]}}}
    assert snap.differences(stored, moved) and not snap.differences(stored, stored)
    assert snap.differences(stored, {"c": {}}) == ["c/a.txt: file gone"]
