"""The public Python API (replylint.api) and rule scopes: one code path with the CLI, and
whole-letter rules quiet on a paragraph."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from replylint.api import AppealError, Linter, UnknownSelector
from replylint.packs import PackError, load_pack

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="module")
def linter():
    return Linter()


def _cli_json(*args, cwd=REPO, stdin=None):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    out = subprocess.run([sys.executable, "-m", "replylint", "check", "--format", "json",
                          "--no-config", *args], cwd=cwd, env=env, input=stdin,
                         capture_output=True, timeout=300)
    return json.loads(out.stdout)


@pytest.mark.parametrize("name", ["examples/ru-bad.txt", "examples/vi-bad.txt",
                                  "examples/ru-email-bad.eml", "examples/docx/vi-bad.docx"])
def test_check_is_the_cli_json(linter, name):
    data = (REPO / name).read_bytes()
    assert linter.check(data, filename=name) == _cli_json(name)


def test_text_without_a_name_is_stdin(linter):
    text = (REPO / "examples" / "ru-bad.txt").read_text(encoding="utf-8")
    report = linter.check(text, lang="ru", select=["ru"], min_severity="warning")
    assert report == _cli_json("-", "--lang", "ru", "--select", "ru", "--min-severity",
                               "warning", stdin=text.encode())
    assert report["files"][0]["path"] == "-"
    assert {d["rule"].split(".")[0] for d in report["files"][0]["diagnostics"]} == {"ru"}


def test_unreadable_document_is_a_file_error_not_an_exception(linter):
    report = linter.check(b"PK\x03\x04 not really a zip", filename="reply.docx")
    f = report["files"][0]
    assert f["error"] and f["diagnostics"] == [] and report["summary"]["failed_files"] == 1


def test_callers_mistakes_are_exceptions(linter):
    with pytest.raises(UnknownSelector, match="unknown rule or pack 'ru.vy-capitl'"):
        linter.check("текст", select=["ru.vy-capitl"])
    with pytest.raises(ValueError, match="lang must be one of"):
        linter.check("текст", lang="de")
    with pytest.raises(ValueError, match="scope must be one of"):
        linter.check("текст", scope="page")
    with pytest.raises(AppealError, match="appeal.docx: "):
        linter.check("текст", appeal=b"not a docx", appeal_filename="appeal.docx")


def test_rules_and_explain(linter):
    ids = [r["id"] for r in linter.rules("ru")]
    assert "ru.vy-capital" in ids and not any(i.startswith("vi.") for i in ids)
    page = linter.explain("ru.vy-capital")
    assert page["quote"] and page["examples"]["bad"] and page["text"].startswith("ru.vy-capital (")
    assert linter.explain("ru.nope") is None


def test_a_crashing_rule_costs_that_rule_with_a_note(linter, monkeypatch):
    monkeypatch.delenv("REPLYLINT_STRICT")      # the lenient behaviour, not the suite's strict mode
    rule = linter.rule("common.emoji")

    def boom(ctx):
        raise KeyError("broken")
    monkeypatch.setattr(rule.checker, "run", boom)
    report = linter.check("Короче, спс за терпение 🙂", lang="ru")
    f = report["files"][0]
    assert f["notes"] == ["common.emoji skipped: internal error KeyError: 'broken'"]
    assert "ru.colloquial" in {d["rule"] for d in f["diagnostics"]}


# ---- scope: fragment | letter | auto ---------------------------------------------------------

PARAGRAPH = "Короче, ваше обращение рассмотрено 🙂, щас всё сделаем."


def test_whole_letter_rules_are_quiet_on_a_fragment(linter):
    as_letter = {d["rule"] for d in linter.check(PARAGRAPH)["files"][0]["diagnostics"]}
    as_fragment = {d["rule"] for d in linter.check(PARAGRAPH, scope="fragment")["files"][0]["diagnostics"]}
    assert "common.signature-missing" in as_letter
    assert as_fragment == {"common.emoji", "ru.colloquial"}
    assert linter.check(PARAGRAPH, scope="auto") == linter.check(PARAGRAPH, scope="fragment")


@pytest.mark.parametrize("name", ["examples/ru-bad.txt", "examples/vi-bad.txt", "examples/ru-good.txt"])
def test_auto_scope_checks_a_whole_letter_as_a_letter(linter, name):
    text = (REPO / name).read_text(encoding="utf-8")
    assert linter.check(text, scope="auto") == linter.check(text)


@pytest.mark.parametrize("text", ["Уважаемый Иван Петрович!", "С уважением,\nдиректор А. В. Николаев",
                                  "Kính gửi: Ông Nguyễn Văn A"])
def test_auto_scope_checks_a_letter_part_as_a_fragment(linter, text):
    assert linter.check(text, scope="auto") == linter.check(text, scope="fragment")


def test_scope_is_validated_with_file_and_line(tmp_path):
    pack = tmp_path / "t"
    pack.mkdir()
    (pack / "pack.yaml").write_text("name: t\nlanguage: ru\n", encoding="utf-8")
    (pack / "x.yaml").write_text(
        "id: t.x\nseverity: warning\nmessage: m\nsource: {document: d, clause: c, quote: q}\n"
        "scope: paragraph\ncheck: existence\nwords: [ок]\n", encoding="utf-8")
    with pytest.raises(PackError, match=r"x\.yaml:5: scope must be one of letter, fragment"):
        load_pack(pack)


def _letters():
    dirs = [REPO / "tests" / "corpus", SHARED / "corpus" / "labeled"]
    # the labelled letters (a letter has its .expect.yaml; README, SOURCES.md and BASELINE.md do not)
    return sorted(p for d in dirs if d.exists() for p in d.rglob("*")
                  if p.suffix in (".txt", ".md") and p.with_name(p.name + ".expect.yaml").exists())


def test_fragment_findings_are_whole_letter_findings(linter):
    """Every paragraph of every corpus letter, checked alone as a fragment, finds nothing the
    whole letter does not find at that place: a fragment rule never cries wolf for want of
    context (a header line, a definition further up, the addressee)."""
    letters = _letters()
    assert len(letters) > 50
    extra, found = [], 0
    for path in letters:
        whole = linter.check_result(path.read_bytes(), filename=path.name)
        text = whole.doc.text
        spans = [(d.rule, d.start, d.end) for d in whole.diagnostics]
        # a rule that reads legacy-encoded passages may report one the whole letter's reader
        # marked unreadable, where the letter-wide pass reported only its neighbour
        spans += [(r.id, a, b) for r in linter.all_rules if r.sees_unreadable
                  for a, b in whole.doc.unreadable]
        for m in re.finditer(r"(?:[^\n]|\n(?![ \t]*\n))+", text):
            if not m.group().strip():
                continue
            part = linter.check_result(m.group(), "part.txt", lang=whole.lang, scope="fragment")
            for d in part.diagnostics:
                s, e = d.start + m.start(), d.end + m.start()
                if not any(r == d.rule and a <= s and e <= b for r, a, b in spans):
                    extra.append(f"{path.name}: {d.rule} {text[s:e]!r}")
                found += 1
    assert not extra, "\n".join(extra)
    assert found > 50       # the fragment rules do find things on paragraphs
