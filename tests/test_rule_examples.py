"""Every rule's YAML examples run as tests: each `bad` text must fire the rule, each `good`
text must not (sqlfluff-style test cases kept beside the rule). Each rule is run alone."""
import re
from pathlib import Path

import pytest

from replylint.examples import example_cases, run_example
from replylint.packs import load_rules

SPEC = Path(__file__).resolve().parents[2] / "shared" / "SPEC.md"
CATALOGUE = {
    "common.after-hours", "common.emoji", "common.font", "common.length", "common.margins",
    "common.page-format", "common.personal-data", "common.personal-mailbox", "common.placeholder",
    "common.sentence-length", "common.shouting", "common.signature-contact",
    "common.signature-missing", "common.subject-missing", "common.unanswered-question",
    "ru.abbreviation-undefined", "ru.apology-missing", "ru.bureaucratese", "ru.colloquial",
    "ru.deadline", "ru.discriminatory", "ru.informal-abbreviation", "ru.refusal-without-reason",
    "ru.rude-tone", "ru.salutation-form", "ru.salutation-missing", "ru.third-person-address",
    "ru.vague-wording", "ru.vy-capital",
    "vi.abbreviation", "vi.apology-missing", "vi.colloquial", "vi.date-line", "vi.deadline",
    "vi.legacy-encoding", "vi.national-title", "vi.number-symbol", "vi.recipient-missing",
    "vi.recipients-list", "vi.rejection-unexplained", "vi.rude-tone", "vi.teencode",
}
CASES = [pytest.param(rule, *case, id=f"{rule.id}-{'bad' if case[0] else 'good'}{i}")
         for rule in load_rules() for i, case in enumerate(example_cases(rule))]


def test_the_packs_hold_exactly_the_catalogue():
    assert {r.id for r in load_rules()} == CATALOGUE


def test_catalogue_matches_the_spec():
    if not SPEC.exists():
        pytest.skip("../shared/SPEC.md not present")
    ids = set(re.findall(r"`((?:common|ru|vi)\.[a-z-]+)`", SPEC.read_text(encoding="utf-8")))
    assert ids == CATALOGUE


@pytest.mark.parametrize("rule", load_rules(), ids=lambda r: r.id)
def test_rule_is_documented(rule):
    assert rule.examples.get("bad") or rule.formats, "no bad example"
    assert rule.examples.get("good") or rule.formats, "no good example"
    assert rule.source.get("quote") and rule.source.get("clause"), "no quoted clause"
    assert rule.description and rule.why and rule.fix, "description, why and fix are shown by explain"
    if rule.lang is None:
        assert isinstance(rule.message, dict) and {"ru", "vi", "en"} <= set(rule.message)


@pytest.mark.parametrize("rule,expect,text,lang,kind,metadata,fmt", CASES)
def test_example(rule, expect, text, lang, kind, metadata, fmt):
    found = run_example(rule, text, lang, kind, metadata, fmt)
    if expect:
        assert found, f"{rule.id} should fire on: {text!r}"
    else:
        assert not found, f"{rule.id} should stay quiet on: {text!r}, got {[(d.match, d.message) for d in found]}"
