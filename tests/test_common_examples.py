"""The common pack's YAML examples, loaded from the pack alone (independent of other packs)."""
from pathlib import Path

import pytest

from replylint.examples import example_cases, run_example
from replylint.packs import builtin_rules_dir, load_pack

MINE = {"common.placeholder", "common.sentence-length", "common.shouting", "common.personal-data",
        "common.signature-missing", "common.signature-contact", "common.subject-missing",
        "common.personal-mailbox", "common.after-hours"}
RULES = [r for r in load_pack(Path(builtin_rules_dir()) / "common") if r.id in MINE]
CASES = [pytest.param(rule, *case, id=f"{rule.id}-{'bad' if case[0] else 'good'}{i}")
         for rule in RULES for i, case in enumerate(example_cases(rule))]


def test_every_rule_present_with_source_and_messages():
    assert {r.id for r in RULES} == MINE
    for r in RULES:
        assert r.examples.get("bad") and r.examples.get("good"), r.id
        assert r.source.get("quote") and r.description and r.why and r.fix, r.id
        assert set(r.message) >= {"ru", "vi", "en"}, r.id


@pytest.mark.parametrize("rule,expect,text,lang,kind,metadata,fmt", CASES)
def test_example(rule, expect, text, lang, kind, metadata, fmt):
    found = run_example(rule, text, lang, kind, metadata, fmt)
    if expect:
        assert found, f"{rule.id} should fire on: {text!r}"
    else:
        assert not found, f"{rule.id} should stay quiet on: {text!r}, got {[(d.match, d.message) for d in found]}"
