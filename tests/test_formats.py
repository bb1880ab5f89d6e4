"""Pipeline formats end to end, each validated against its schema or read by a real consumer:
GitLab Code Quality (schema from GitLab's documented format), JUnit (the Jenkins xUnit XSD and
junitparser), SARIF 2.1.0 (OASIS schema) with fingerprints and base ids, --statistics in JSON."""
import json
from pathlib import Path

import jsonschema
import junitparser
import pytest
from lxml import etree
from typer.testing import CliRunner

from replylint import config as cfgmod
from replylint.cli import app

FIXTURES = Path(__file__).parent / "fixtures"
runner = CliRunner()

LETTER = ("Уважаемая Ольга Петровна!\n\nВаше обращение рассмотрено 🙂, решение вы получите "
          "по почте :)\n\nС уважением,\nначальник отдела    Т.В. Гаврилова\n")
CLEAN = ("Уважаемая Ольга Петровна!\n\nВаше обращение рассмотрено, решение направлено почтой.\n\n"
         "С уважением,\nначальник отдела    Т.В. Гаврилова\nИсп. Т.В. Гаврилова, тел. 8 (8352) 22-33-44\n")


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cfgmod._DISCOVERED.clear()


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "letters").mkdir()
    (tmp_path / "letters" / "bad.txt").write_text(LETTER, encoding="utf-8")
    (tmp_path / "letters" / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "letters" / "broken.txt").write_bytes(b"\x00\x01binary\x00")
    return tmp_path


def run(*args):
    r = runner.invoke(app, ["check", "--no-config", *args])
    assert "Traceback" not in r.output, r.output
    return r


# ---- GitLab -------------------------------------------------------------------------------

def test_gitlab_matches_the_code_quality_format(tree):
    r = run("letters", "--format", "gitlab")
    assert r.exit_code == 2          # the broken file
    issues = json.loads(r.stdout)
    jsonschema.validate(issues, json.loads((FIXTURES / "gitlab-codequality.schema.json").read_text()))
    emoji = [i for i in issues if i["check_name"] == "common.emoji"]
    assert len(emoji) == 2
    assert emoji[0]["location"] == {"path": "letters/bad.txt", "lines": {"begin": 3}}
    assert emoji[0]["severity"] == "major" and "🙂" in emoji[0]["description"]
    assert any(i["check_name"] == "replylint.read-error" and i["severity"] == "critical"
               and i["location"]["path"] == "letters/broken.txt" for i in issues)
    assert len({i["fingerprint"] for i in issues}) == len(issues)     # unique
    assert not any(i["location"]["path"] == "letters/clean.txt" for i in issues)


def test_gitlab_fingerprints_are_stable_across_runs_and_edits(tree):
    first = {(i["check_name"], i["description"]): i["fingerprint"]
             for i in json.loads(run("letters/bad.txt", "--format", "gitlab").stdout)}
    again = {(i["check_name"], i["description"]): i["fingerprint"]
             for i in json.loads(run("letters/bad.txt", "--format", "gitlab").stdout)}
    assert first == again
    bad = tree / "letters" / "bad.txt"
    bad.write_text("Исх. № 12 от 01.03.2026\n" + LETTER, encoding="utf-8")   # every line moves down
    moved = json.loads(run("letters/bad.txt", "--format", "gitlab").stdout)
    emoji = sorted(i["fingerprint"] for i in moved if i["check_name"] == "common.emoji")
    assert emoji == sorted(v for (rule, _), v in first.items() if rule == "common.emoji")


# ---- JUnit --------------------------------------------------------------------------------

def test_junit_is_valid_against_the_jenkins_xsd(tree):
    r = run("letters", "--format", "junit")
    schema = etree.XMLSchema(etree.parse(str(FIXTURES / "junit-10.xsd")))
    doc = etree.fromstring(r.stdout.encode("utf-8"))
    schema.assertValid(doc)


def test_junit_has_one_testcase_per_file_read_by_junitparser(tree):
    out = tree / "junit.xml"
    r = run("letters", "--format", "junit", "-o", str(out))
    assert r.exit_code == 2
    xml = junitparser.JUnitXml.fromfile(str(out))
    suites = list(xml) if isinstance(xml, junitparser.JUnitXml) else [xml]
    cases = {c.name: c for s in suites for c in s}
    assert set(cases) == {"letters/bad.txt", "letters/clean.txt", "letters/broken.txt"}
    assert cases["letters/clean.txt"].is_passed
    bad = cases["letters/bad.txt"].result
    assert len(bad) == 1 and isinstance(bad[0], junitparser.Failure)
    assert "common.emoji" in bad[0].text and bad[0].message == "2 findings"
    broken = cases["letters/broken.txt"].result
    assert isinstance(broken[0], junitparser.Error)
    assert suites[0].tests == 3 and suites[0].failures == 1 and suites[0].errors == 1


def test_junit_failure_follows_fail_on(tree):
    (tree / "letters" / "broken.txt").unlink()
    (tree / "letters" / "warn.txt").write_text(CLEAN.replace("Исп. Т.В. Гаврилова, тел. 8 (8352) 22-33-44\n", ""),
                                                encoding="utf-8")
    r = run("letters/warn.txt", "--format", "junit")
    case = next(iter(next(iter(junitparser.JUnitXml.fromstring(r.stdout.encode('utf-8'))))))
    assert case.is_passed and "common.signature-contact" in (case.system_out or "")
    r = run("letters/warn.txt", "--format", "junit", "--fail-on", "warning")
    case = next(iter(next(iter(junitparser.JUnitXml.fromstring(r.stdout.encode('utf-8'))))))
    assert not case.is_passed and r.exit_code == 1


# ---- SARIF --------------------------------------------------------------------------------

def test_sarif_fingerprints_and_base_ids(tree):
    r = run("letters", "--format", "sarif")
    log = json.loads(r.stdout)
    jsonschema.validate(log, json.loads((FIXTURES / "sarif-2.1.0.json").read_text(encoding="utf-8")))
    run_ = log["runs"][0]
    base = run_["originalUriBaseIds"]["SRCROOT"]["uri"]
    assert base == tree.resolve().as_uri() + "/"
    results = run_["results"]
    assert results and all(res["partialFingerprints"]["replylintFinding/v1"] for res in results)
    loc = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc == {"uri": "letters/bad.txt", "uriBaseId": "SRCROOT"}
    gitlab = json.loads(run("letters", "--format", "gitlab").stdout)
    assert {res["partialFingerprints"]["replylintFinding/v1"] for res in results} == \
        {i["fingerprint"] for i in gitlab if i["check_name"] != "replylint.read-error"}


def test_sarif_file_outside_the_working_folder_is_absolute(tmp_path, monkeypatch):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "here").mkdir()
    p = tmp_path / "elsewhere" / "a.txt"
    p.write_text(LETTER, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "here")
    log = json.loads(run(str(p), "--format", "sarif").stdout)
    loc = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc == {"uri": p.as_uri()}


# ---- JSON statistics ----------------------------------------------------------------------

def test_statistics_in_json(tree):
    r = run("letters/bad.txt", "--format", "json", "--statistics")
    stats = json.loads(r.stdout)["statistics"]
    emoji = next(s for s in stats if s["rule"] == "common.emoji")
    assert emoji == {"rule": "common.emoji", "severity": "error", "count": 2, "fixable": 2}
    assert stats == sorted(stats, key=lambda s: (-s["count"], s["rule"]))
    assert "statistics" not in json.loads(run("letters/bad.txt", "--format", "json").stdout)
