"""Every rule's YAML examples run as tests: each `bad` text must fire the rule, each `good`
text must not (sqlfluff-style test cases kept beside the rule)."""
import pytest

from replylint.examples import example_cases, run_example
from replylint.packs import load_rules

CASES = [pytest.param(rule, *case, id=f"{rule.id}-{'bad' if case[0] else 'good'}{i}")
         for rule in load_rules() for i, case in enumerate(example_cases(rule))]


def test_every_rule_has_examples_and_a_quoted_source():
    for rule in load_rules():
        assert rule.examples.get("bad") or rule.formats, f"{rule.id} has no bad example"
        assert rule.source.get("quote"), f"{rule.id} quotes no clause"


@pytest.mark.parametrize("rule,expect,text,lang,kind,metadata,fmt", CASES)
def test_example(rule, expect, text, lang, kind, metadata, fmt):
    found = run_example(rule, text, lang, kind, metadata, fmt)
    if expect:
        assert found, f"{rule.id} should fire on: {text!r}"
    else:
        assert not found, f"{rule.id} should stay quiet on: {text!r}, got {[(d.match, d.message) for d in found]}"
