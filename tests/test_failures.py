"""A rule or the segmenter that raises is an internal error (replylint/failures.py): strict mode
(the suite's default, tests/conftest.py) lets it propagate; a normal run notes it in every
report format and exits 2."""
import json

import pytest
from typer.testing import CliRunner

from replylint import config as cfgmod, structure
from replylint.cli import app
from replylint.failures import STRICT_ENV, strict
from replylint.linter import document_from_text, lint
from replylint.packs import load_rules
from replylint.rules_py.common import signature_missing

runner = CliRunner()
LETTER = "Уважаемая Ольга Петровна!\n\nВаше обращение рассмотрено 🙂\n\nНачальник отдела\nТ.В. Гаврилова\n"


def _boom(ctx, check):
    raise RuntimeError("rule exploded")
    yield  # a generator like every rule


@pytest.fixture
def crashing_rule(monkeypatch):
    monkeypatch.setattr(signature_missing, "find", _boom)
    rule = next(r for r in load_rules() if r.id == "common.signature-missing")
    monkeypatch.setattr(rule.checker, "func", _boom)
    return rule


@pytest.fixture
def lenient(monkeypatch):
    monkeypatch.delenv(STRICT_ENV, raising=False)
    cfgmod._DISCOVERED.clear()


def test_the_suite_runs_strict():
    assert strict()


def test_strict_mode_propagates_a_rule_crash(crashing_rule):
    with pytest.raises(RuntimeError, match="rule exploded"):
        lint(document_from_text(LETTER, lang="ru"), [crashing_rule])


def test_strict_mode_propagates_a_segmenter_crash(monkeypatch):
    def broken(self):
        raise ValueError("segmenter exploded")
    monkeypatch.setattr(structure._Segmenter, "run", broken)
    with pytest.raises(ValueError, match="segmenter exploded"):
        structure.segment(LETTER, "ru", "letter", {})


def test_lenient_segmenter_crash_is_a_note_and_one_body(monkeypatch, lenient):
    def broken(self):
        raise ValueError("segmenter exploded")
    monkeypatch.setattr(structure._Segmenter, "run", broken)
    meta: dict = {}
    zones = structure.segment(LETTER, "ru", "letter", meta)
    assert [z.name for z in zones] == ["body"]
    assert meta["internal_errors"] == meta["notes"]
    assert "structure failed: internal error ValueError: segmenter exploded" in meta["notes"][0]


def test_lenient_rule_crash_keeps_other_rules_and_notes_it(crashing_rule, lenient):
    emoji = next(r for r in load_rules() if r.id == "common.emoji")
    doc = document_from_text(LETTER, lang="ru")
    found = lint(doc, [crashing_rule, emoji])
    assert [d.rule for d in found] == ["common.emoji"]
    assert doc.metadata["internal_errors"] == [
        "common.signature-missing skipped: internal error RuntimeError: rule exploded"]


@pytest.mark.parametrize("fmt,expect", [
    ("text", "note: common.signature-missing skipped: internal error RuntimeError: rule exploded"),
    ("github", "::error file="),
    ("html", "internal error RuntimeError: rule exploded"),
])
def test_lenient_crash_is_shown_in_every_format_and_exits_2(tmp_path, crashing_rule, lenient, fmt, expect):
    path = tmp_path / "letter.txt"
    path.write_text(LETTER, encoding="utf-8")
    r = runner.invoke(app, ["check", str(path), "--no-config", "--format", fmt, "--fail-on", "never"])
    assert r.exit_code == 2, r.output
    assert expect in r.output
    assert "internal error RuntimeError: rule exploded" in r.output


def test_lenient_crash_in_json_notes_and_sarif_notifications(tmp_path, crashing_rule, lenient):
    path = tmp_path / "letter.txt"
    path.write_text(LETTER, encoding="utf-8")
    r = runner.invoke(app, ["check", str(path), "--no-config", "--format", "json", "--fail-on", "never"])
    assert r.exit_code == 2
    data = json.loads(r.stdout)
    assert data["files"][0]["notes"] == [
        "common.signature-missing skipped: internal error RuntimeError: rule exploded"]
    assert "common.emoji" in {d["rule"] for d in data["files"][0]["diagnostics"]}
    r = runner.invoke(app, ["check", str(path), "--no-config", "--format", "sarif", "--fail-on", "never"])
    assert r.exit_code == 2
    inv = json.loads(r.stdout)["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    [note] = inv["toolExecutionNotifications"]
    assert note["level"] == "error" and note["descriptor"]["id"] == "internal-error"
    assert "rule exploded" in note["message"]["text"]
