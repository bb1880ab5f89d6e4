"""Class 5 of issue 14: a user rule pack is untrusted input.  Every problem is a load error
``pack/file.yaml:line: message``, exit 2, before any file is read."""
import os
import subprocess
import sys

import pytest

GOOD = """id: my.x
severity: warning
message: "Слово «{match}»"
source: {document: D, clause: "1", quote: Q}
check: existence
words: [письма]
"""


def make(tmp_path, rule: str | bytes | None = GOOD, pack: str = "name: my\nlanguage: ru\n"):
    d = tmp_path / "pk"
    d.mkdir()
    (d / "pack.yaml").write_text(pack)
    if isinstance(rule, bytes):
        (d / "r.yaml").write_bytes(rule)
    elif rule is not None:
        (d / "r.yaml").write_text(rule)
    (tmp_path / ".replylint.yaml").write_text("packs: [common, ./pk]\n")
    (tmp_path / "a.txt").write_text("Уважаемый Иван Иванович!\n\nТекст письма.\n")
    return d


def check(tmp_path):
    out = subprocess.run([sys.executable, "-m", "replylint", "check", "a.txt"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=120)
    return out.returncode, out.stdout, out.stderr


def load_error(tmp_path) -> str:
    from replylint.packs import PackError, load_pack
    with pytest.raises(PackError) as e:
        load_pack(tmp_path / "pk")
    return str(e.value)


def test_a_good_user_pack_fires(tmp_path):
    make(tmp_path)
    rc, out, err = check(tmp_path)
    assert "a.txt:3:7: warning my.x Слово «письма»" in out, out + err


@pytest.mark.parametrize("rule, where, says", [
    ("", "r.yaml:1", "a rule must be a mapping"),
    ("- a\n- b\n", "r.yaml:1", "a rule must be a mapping"),
    (GOOD.replace('"Слово «{match}»"', '""'), "r.yaml:3", "the message is empty"),
    (GOOD.replace('"Слово «{match}»"', "{ru: '', vi: ''}"), "r.yaml:3", "the message is empty"),
    (GOOD.replace("words: [письма]", 'patterns: ["(unclosed"]'), "r.yaml:5", "bad pattern"),
    (GOOD.replace("Слово «{match}»", "{match:>900000000}"), "r.yaml:3", "width or precision over 200"),
    (GOOD.replace("Слово «{match}»", "{match:{match}>9}"), "r.yaml:3", "a field inside a field"),
    (GOOD.replace("Слово «{match}»", "{match.__class__}"), "r.yaml:3", "only plain names"),
    (GOOD.replace("Слово «{match}»", "{0}"), "r.yaml:3", "only plain names"),
    (GOOD.replace("words: [письма]", "words: [1, null]"), "r.yaml:5", "not a non-empty string"),
    (GOOD.replace("words: [письма]", "words: {a: b}"), "r.yaml:5", "a list of strings was expected"),
    (GOOD.encode() + b"\xff\xfe\n", "r.yaml:7", "not UTF-8"),
])
def test_a_broken_rule_is_a_load_error_with_its_line(tmp_path, rule, where, says):
    make(tmp_path, rule)
    msg = load_error(tmp_path)
    assert f"{where}: " in msg and says in msg, msg
    rc, out, err = check(tmp_path)
    assert rc == 2 and out == "", out
    assert err.count("\n") == 1 and says in err and "Traceback" not in err


@pytest.mark.parametrize("pack, says", [
    ("", "rule id 'my.x' must start with 'pk.'"),     # empty: the folder's name is the pack's
    ("- x\n", "pack.yaml must be a mapping"),
    ("name: 5\n", "'name' has the wrong type"),
    ("name: my\nlanguage: fr\n", "language must be ru, vi or null"),
])
def test_a_broken_pack_yaml_is_a_load_error(tmp_path, pack, says):
    make(tmp_path, pack=pack)
    assert says in load_error(tmp_path)
    rc, out, err = check(tmp_path)
    assert rc == 2 and says in err and "Traceback" not in err


def test_a_dangling_symlink_is_a_load_error(tmp_path):
    d = make(tmp_path, rule=None)
    os.symlink(tmp_path / "nowhere.yaml", d / "r.yaml")
    assert "r.yaml:1: no such file (a dangling symlink)" in load_error(tmp_path)
    rc, out, err = check(tmp_path)
    assert rc == 2 and "dangling symlink" in err


def test_every_builtin_message_passes_the_message_check():
    from replylint import messages
    from replylint.packs import load_rules
    for rule in load_rules():
        texts = rule.message.values() if isinstance(rule.message, dict) else [rule.message]
        for t in texts:
            assert messages.problems(t) == [], (rule.id, t)
