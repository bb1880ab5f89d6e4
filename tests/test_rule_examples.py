"""Every rule's YAML examples run as tests (sqlfluff/LanguageTool-style cases kept beside the
rule): each `bad` text must give exactly the findings its `<marker>…</marker>` spans mark --
same count, same start and end -- and, for a fixable rule, its `fix:` text after the fixes;
each `good` text must give none. Each rule is run alone (replylint/examples.py)."""
import re
from pathlib import Path

import pytest

from replylint import examples
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
CASES = [pytest.param(rule, ex, id=f"{rule.id}-{'bad' if ex.bad else 'good'}{i}")
         for rule in load_rules() for which in ("bad", "good")
         for i, ex in enumerate(examples.parse(rule, which))]


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
    assert not examples.validate(rule, complete=True), "bad examples mark their findings (and fixes)"
    assert rule.examples.get("good") or rule.formats, "no good example"
    assert rule.citations() and all(c.get("quote") and c.get("clause") for c in rule.citations()), \
        "no quoted clause"
    assert rule.description and rule.why and rule.fix, "description, why and fix are shown by explain"
    if rule.lang is None:
        assert isinstance(rule.message, dict) and {"ru", "vi", "en"} <= set(rule.message)


@pytest.mark.parametrize("rule,ex", CASES)
def test_example(rule, ex):
    problems = examples.outcome_problems(rule, ex)
    assert not problems, f"{rule.id}: " + "\n".join(problems)
