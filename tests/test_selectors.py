"""Rule selectors are checked everywhere (CLI, config with file:line, suppression comments);
unused suppressions are reported on request; `explain` takes packs and suggests ids."""
import json

import pytest
from typer.testing import CliRunner

from replylint import config as cfgmod
from replylint.cli import app
from replylint.packs import load_rules
from replylint.selectors import Known

runner = CliRunner()
DRAFT = ("Уважаемая Ольга Петровна!\n\nВаше обращение рассмотрено 🙂. Решение вы получите "
         "по почте.\n\nС уважением,\nначальник отдела    Т.В. Гаврилова\n")


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cfgmod._DISCOVERED.clear()


def invoke(*args, input=None):
    return runner.invoke(app, list(args), input=input)


@pytest.fixture
def draft(tmp_path):
    p = tmp_path / "draft.txt"
    p.write_text(DRAFT, encoding="utf-8")
    return str(p)


def test_nearest_names():
    known = Known(load_rules())
    assert known.nearest("ru.vy_capital") == "ru.vy-capital"
    assert known.nearest("RU.VY-CAPITAL") == "ru.vy-capital"
    assert known.nearest("comon") == "common"
    assert known.nearest("ru.vy-capitl") == "ru.vy-capital"
    assert known.nearest("zz.qqqqq") is None
    assert "ru" in known and "ru." in known and "common.emoji" in known
    assert "replylint.unknown-directive" in known and "replylint" in known
    assert "ru.vy" not in known          # a prefix of an id is not a selector


@pytest.mark.parametrize("flag", ["--select", "--ignore"])
def test_unknown_cli_selector_is_exit_2_with_a_suggestion(draft, flag):
    r = invoke("check", draft, flag, "ru.vy_capital")
    assert r.exit_code == 2
    assert f"replylint: {flag}: unknown rule 'ru.vy_capital' (did you mean ru.vy-capital?)" in r.output
    r = invoke("check", draft, flag, "common,rru")
    assert r.exit_code == 2 and "unknown rule or pack 'rru' (did you mean ru?)" in r.output
    r = invoke("check", draft, flag, "zz.qqqq")
    assert r.exit_code == 2 and "unknown rule 'zz.qqqq' (see `replylint rules`)" in r.output


def test_comma_separated_selectors_work(draft):
    r = invoke("check", draft, "--format", "json", "--select", "common.emoji,ru.vy-capital")
    rules = {d["rule"] for d in json.loads(r.stdout)["files"][0]["diagnostics"]}
    assert rules == {"common.emoji", "ru.vy-capital"}


@pytest.mark.parametrize("text,line,where,bad,hint", [
    ("select:\n  - common\n  - ru.vy_capital\n", 3, "select", "ru.vy_capital", "ru.vy-capital"),
    ("ignore: [ru.colloqial]\n", 1, "ignore", "ru.colloqial", "ru.colloquial"),
    ("rules:\n  common.emoji: warning\n  ru.vy_capital: off\n", 3, "rules", "ru.vy_capital", "ru.vy-capital"),
    ("rules:\n  ru.dedline:\n    options: {days: 15}\n", 2, "rules", "ru.dedline", "ru.deadline"),
    ('per_file_ignores:\n  "*.txt":\n    - common.emoji\n    - commn\n', 4, "per_file_ignores", "commn", "common"),
])
def test_unknown_config_selector_is_file_line(tmp_path, draft, text, line, where, bad, hint):
    (tmp_path / ".replylint.yaml").write_text(text, encoding="utf-8")
    r = invoke("check", draft)
    assert r.exit_code == 2, r.output
    assert f".replylint.yaml:{line}: {where}: unknown rule" in r.output
    assert f"'{bad}' (did you mean {hint}?)" in r.output
    assert "Traceback" not in r.output


def test_a_pack_in_rules_is_named_as_such(tmp_path, draft):
    (tmp_path / ".replylint.yaml").write_text("rules:\n  ru: off\n", encoding="utf-8")
    r = invoke("check", draft)
    assert r.exit_code == 2 and ".replylint.yaml:2: rules: 'ru' is a pack, not a rule id" in r.output


def test_pyproject_selector_error_names_the_file(tmp_path, draft):
    (tmp_path / "pyproject.toml").write_text('[tool.replylint]\nselect = ["comon"]\n', encoding="utf-8")
    r = invoke("check", draft)
    assert r.exit_code == 2 and "pyproject.toml:2: select: unknown rule or pack 'comon'" in r.output


def test_user_pack_ids_are_known(tmp_path, draft):
    pack = tmp_path / "house"
    pack.mkdir()
    (pack / "pack.yaml").write_text("name: house\nlanguage: ru\n", encoding="utf-8")
    (pack / "ban.yaml").write_text(
        "id: house.ban\nseverity: error\nmessage: нельзя\nsource: {document: d, clause: c, quote: q}\n"
        "check: existence\nwords: [обращение]\nexamples: {bad: ['обращение']}\n", encoding="utf-8")
    (tmp_path / ".replylint.yaml").write_text("packs: [common, ru, ./house]\nignore: [house.bann]\n",
                                              encoding="utf-8")
    r = invoke("check", draft)
    assert r.exit_code == 2 and "(did you mean house.ban?)" in r.output
    (tmp_path / ".replylint.yaml").write_text("packs: [common, ru, ./house]\n", encoding="utf-8")
    cfgmod._DISCOVERED.clear()
    r = invoke("check", draft, "--select", "house.ban", "--format", "json")
    assert [d["rule"] for d in json.loads(r.stdout)["files"][0]["diagnostics"]] == ["house.ban"]


def _diags(r):
    return json.loads(r.stdout)["files"][0]["diagnostics"]


def test_suppression_naming_an_unknown_id_is_a_finding_at_the_comment(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Ответ.\n<!-- replylint-disable-next-line common.emoji, ru.vy_capital -->\nвы 🙂\n",
                 encoding="utf-8")
    r = invoke("check", str(p), "--format", "json")
    found = [d for d in _diags(r) if d["rule"].startswith("replylint.")]
    assert len(found) == 1
    d = found[0]
    assert d["rule"] == "replylint.unknown-directive" and d["severity"] == "warning"
    assert (d["line"], d["column"]) == (2, 48) and d["match"] == "ru.vy_capital"
    assert d["suggestion"] == "ru.vy-capital" and not d["fixable"]
    assert "ru.vy_capital" in d["message"]
    # the valid id in the same comment still works: the emoji is suppressed
    assert not any(x["rule"] == "common.emoji" for x in _diags(r))
    assert invoke("check", str(p), "--ignore", "replylint.unknown-directive", "--format",
                  "json").stdout.count("replylint.unknown-directive") == 0


def test_template_comment_directive_is_checked_too(tmp_path):
    p = tmp_path / "r.txt.j2"
    p.write_text("{# replylint-disable common.emojii #}\nОтвет {{ x }}.\n", encoding="utf-8")
    d = [x for x in _diags(invoke("check", str(p), "--format", "json"))
         if x["rule"] == "replylint.unknown-directive"]
    assert d and d[0]["match"] == "common.emojii" and d[0]["line"] == 1


def test_report_unused_directives(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("<!-- replylint-disable-next-line common.emoji -->\nОтвет 🙂\n"
                 "<!-- replylint-disable-next-line common.emoji -->\nОтвет дан.\n"
                 "<!-- replylint-disable ru -->\nДобрый день.\n<!-- replylint-enable -->\n",
                 encoding="utf-8")
    assert not any(d["rule"].startswith("replylint.") for d in _diags(invoke("check", str(p), "--format", "json")))
    r = invoke("check", str(p), "--format", "json", "--report-unused-directives")
    unused = [d for d in _diags(r) if d["rule"] == "replylint.unused-directive"]
    assert [(d["line"], d["match"]) for d in unused] == [(3, "common.emoji"), (5, "ru")]
    r = invoke("check", str(p), "--report-unused-directives")
    assert "a.txt:3:34: warning replylint.unused-directive" in r.stdout
    assert "a.txt:5:24: warning replylint.unused-directive" in r.stdout


def test_rules_and_explain_know_the_meta_rules_and_packs():
    listed = {x["id"] for x in json.loads(invoke("rules", "--format", "json").stdout)}
    assert {"replylint.unknown-directive", "replylint.unused-directive"} <= listed
    r = invoke("explain", "ru")
    assert r.exit_code == 0 and "ru.vy-capital" in r.output and "ru.colloquial" in r.output
    assert all(line.startswith("ru.") for line in r.output.splitlines())
    r = invoke("explain", "ru.vy_capital")
    assert r.exit_code == 2 and "unknown rule 'ru.vy_capital' (did you mean ru.vy-capital?)" in r.output
    r = invoke("explain", "replylint.unused-directive")
    assert r.exit_code == 0 and "--report-unused-directives" in r.output
