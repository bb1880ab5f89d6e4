"""The vi pack's YAML examples, loaded from rules/vi alone (independent of other packs)."""
import pytest

from replylint.examples import example_cases, run_example
from replylint.packs import builtin_rules_dir, load_pack

VI_RULES = load_pack(builtin_rules_dir() / "vi")
CASES = [pytest.param(rule, *case, id=f"{rule.id}-{'bad' if case[0] else 'good'}{i}")
         for rule in VI_RULES for i, case in enumerate(example_cases(rule))]


def test_vi_pack_has_every_spec_rule():
    ids = {r.id for r in VI_RULES}
    spec = {"vi.teencode", "vi.colloquial", "vi.abbreviation", "vi.national-title",
            "vi.number-symbol", "vi.date-line", "vi.recipient-missing", "vi.recipients-list",
            "vi.apology-missing", "vi.rejection-unexplained", "vi.rude-tone",
            "vi.legacy-encoding", "vi.deadline"}
    assert ids <= spec
    for r in VI_RULES:
        assert r.examples.get("bad") and r.examples.get("good"), r.id
        assert r.source.get("quote"), r.id


@pytest.mark.parametrize("rule,expect,text,lang,kind,metadata,fmt", CASES)
def test_vi_example(rule, expect, text, lang, kind, metadata, fmt):
    found = run_example(rule, text, lang, kind, metadata, fmt)
    if expect:
        assert found, f"{rule.id} should fire on: {text!r}"
    else:
        assert not found, f"{rule.id} should stay quiet on: {text!r}, got {[(d.match, d.message) for d in found]}"
