"""Rule options are declared (replylint/options.py) and checked where they are written: the rule
YAML when the pack loads, the configuration when a run starts. A misspelt or mistyped option
is an error with file:line and exit 2, never a rule that silently finds nothing."""
import ast
import inspect

import pytest
from typer.testing import CliRunner

from replylint import config as cfgmod
from replylint.checks.python import Python
from replylint.cli import app
from replylint.options import Option, problem, problems
from replylint.packs import PackError, load_rules

from helpers import make_rule

runner = CliRunner()


def _read_names(module) -> set[str]:
    """Option names a rule module reads: opts.get("x"), opts["x"], limits(ctx, check, "x")."""
    tree = ast.parse(inspect.getsource(module))
    names = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "get" \
                and isinstance(n.func.value, ast.Name) and n.func.value.id == "opts" \
                and n.args and isinstance(n.args[0], ast.Constant):
            names.add(n.args[0].value)
        if isinstance(n, ast.Subscript) and isinstance(n.value, ast.Name) and n.value.id == "opts" \
                and isinstance(n.slice, ast.Constant):
            names.add(n.slice.value)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "limits" \
                and len(n.args) >= 3 and isinstance(n.args[2], ast.Constant):
            names.add(n.args[2].value)
    return names


PYTHON_RULES = [r for r in load_rules() if isinstance(r.checker, Python)]


@pytest.mark.parametrize("rule", PYTHON_RULES, ids=lambda r: r.id)
def test_a_python_rule_declares_every_option_it_reads(rule):
    declared = rule.checker.declared_options()
    assert _read_names(rule.checker.module) <= set(declared)
    assert all(isinstance(o, Option) for o in declared.values())


@pytest.mark.parametrize("rule", load_rules(), ids=lambda r: r.id)
def test_builtin_options_and_defaults_are_valid(rule):
    declared = rule.checker.declared_options()
    assert problems(declared, rule.options) == []
    assert all(problem(k, o, o.default) is None for k, o in declared.items() if o.default is not None)


def test_option_values_are_typed_per_language():
    assert problem("max", Option("int"), {"ru": 40, "vi": 60}) is None
    assert "must be an integer" in problem("max", Option("int"), {"ru": "40"})
    assert "must be a list of lemmas" in problem("traits", Option("lemmas"), "возраст")
    assert "bad regular expression '('" in problem("p", Option("regexes"), ["("])
    assert "bad regular expression" in problem("p", Option("regex_map"), {"т.к(": "так как"})
    assert "must be working hours" in problem("h", Option("hours"), {"start": "9", "lunch": "13"})


@pytest.mark.parametrize("body,message", [
    ("options:\n  days: 30\n", r"x\.yaml:8: unknown option 'days' \(this rule takes: heading_words, legal_forms, min_words, name_titles, state_names\)"),
    ("options:\n  min_words: many\n", r"x\.yaml:8: option 'min_words' must be an integer, not str 'many'"),
])
def test_rule_yaml_options_are_checked_at_load(tmp_path, body, message):
    with pytest.raises(PackError, match=message):
        make_rule(tmp_path, "check: python\nfunction: common.shouting\n" + body)


def test_a_bad_regex_in_an_option_is_a_load_error(tmp_path):
    with pytest.raises(PackError, match=r"x\.yaml:9: option 'collapse': bad regular expression '\['"):
        make_rule(tmp_path, "check: python\nfunction: common.sentence_length\noptions:\n  max: 40\n"
                            "  collapse: ['[']\n")


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cfgmod._DISCOVERED.clear()


@pytest.mark.parametrize("options,message", [
    ("      dayz: 10\n", "rules.ru.deadline.options: unknown option 'dayz' (did you mean 'days'? this rule takes: appeal_date, "
     "days, extension"),
    ("      days: soon\n", "rules.ru.deadline.options: option 'days' must be an integer, not str 'soon'"),
])
def test_config_options_are_checked_with_file_and_line(tmp_path, isolated, options, message):
    (tmp_path / ".replylint.yaml").write_text("rules:\n  ru.deadline:\n    options:\n" + options,
                                              encoding="utf-8")
    (tmp_path / "a.txt").write_text("Уважаемый Иван Петрович!\n\nОтвет.\n", encoding="utf-8")
    r = runner.invoke(app, ["check", str(tmp_path / "a.txt")])
    assert r.exit_code == 2
    assert f".replylint.yaml:4: {message}" in r.output


def test_config_bad_regex_option_is_an_error(tmp_path, isolated):
    (tmp_path / ".replylint.yaml").write_text(
        "rules:\n  ru.informal-abbreviation:\n    options:\n      abbreviations: {'т.к(': так как}\n",
        encoding="utf-8")
    (tmp_path / "a.txt").write_text("Ответ.\n", encoding="utf-8")
    r = runner.invoke(app, ["check", str(tmp_path / "a.txt")])
    assert r.exit_code == 2
    assert ".replylint.yaml:4: rules.ru.informal-abbreviation.options: option 'abbreviations': " \
           "bad regular expression 'т.к('" in r.output
