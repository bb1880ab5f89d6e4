"""`--fix` never loses data (issue 14, class 0): the original encoding with its BOM, mode,
owner, symlinks; read-only files and files it cannot write back exactly are refused with a
one-line note; no temporary file is ever left; a second `--fix` changes nothing; SIGKILL at
any moment leaves every file as it was or fully fixed."""
import errno
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from replylint import atomic, config as cfgmod, encoding
from replylint.cli import app

runner = CliRunner()
LETTER = ("Уважаемый Иван Иванович!\nВаше обращение рассмотрено 🙂.\nС уважением,\n"
          "Начальник отдела И.И. Петров\n")
FIXED = LETTER.replace(" 🙂", "")


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cfgmod._DISCOVERED.clear()


def fix(*paths, extra=()):
    return runner.invoke(app, ["check", "--no-config", "--select", "common.emoji", "--fix",
                               *map(str, paths), *extra])


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if atomic.TMP_MARK in p.name or "tmp" in p.name]


BOMS = {"utf-8-sig": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff",
        "utf-32-le": b"\xff\xfe\x00\x00", "utf-32-be": b"\x00\x00\xfe\xff"}


@pytest.mark.parametrize("enc", sorted(BOMS))
def test_fix_keeps_a_bom_encoding(tmp_path, enc):
    p = tmp_path / "a.txt"
    p.write_bytes(BOMS[enc] + LETTER.replace("\n", "\r\n").encode(enc.replace("-sig", "")))
    r = fix(p)
    assert r.exit_code == 0, r.output            # every finding fixed: nothing remains
    assert p.read_bytes() == BOMS[enc] + FIXED.replace("\n", "\r\n").encode(enc.replace("-sig", ""))
    again = runner.invoke(app, ["check", "--no-config", "--format", "json", str(p)])
    assert '"error": null' in again.stdout and f'"encoding": "{enc}"' in again.stdout


@pytest.mark.parametrize("enc", ["cp1251", "koi8-r", "cp866"])
def test_fix_keeps_a_russian_code_page_byte_for_byte(tmp_path, enc):
    p = tmp_path / "a.txt"
    text = LETTER.replace("🙂", ":)") + "Ответ подготовлен в соответствии с законом.\n" * 5
    p.write_bytes(text.encode(enc))
    fix(p)
    assert p.read_bytes() == text.replace(" :)", "").encode(enc)


def _cp1258(text: str) -> bytes:
    return encoding._cp1258_writer(False)(text)


VI = ("Kính gửi: Ông Nguyễn Văn An\nỦy ban nhân dân phường đã nhận được đơn của Ông :).\n"
      "Trân trọng,\nChủ tịch\nNguyễn Văn Bình\n")


def test_fix_writes_windows_1258_back_with_its_combining_tones(tmp_path):
    p = tmp_path / "vi.txt"
    p.write_bytes(_cp1258(VI))
    r = fix(p)
    assert r.exit_code == 0, r.output
    assert p.read_bytes() == _cp1258(VI.replace(" :)", ""))


def test_fix_refuses_a_file_it_cannot_write_back_exactly(tmp_path):
    # one "à" precomposed (E0), the others decomposed (a + CC): no writer reproduces the mix
    data = _cp1258(VI + "Hồ sơ và giấy tờ và ảnh.\n").replace(b"a\xcc", b"\xe0", 1)
    assert b"\xe0" in data and b"a\xcc" in data
    p = tmp_path / "vi.txt"
    p.write_bytes(data)
    r = fix(p)
    assert r.exit_code == 2
    assert p.read_bytes() == data
    note = [l for l in r.stderr.splitlines() if "not fixed" in l]
    assert note == [f"replylint: {p}: not fixed: its cp1258 bytes cannot be written back exactly "
                    "(replacement characters or mixed letter forms)"]
    assert leftovers(tmp_path) == []


def test_fix_refuses_text_decoded_with_replacement_characters(tmp_path):
    data = LETTER.replace("🙂", ":)").encode("cp1251") + b"\x98 \n"    # 0x98: undefined in cp1251
    p = tmp_path / "a.txt"
    p.write_bytes(data)
    r = fix(p)
    assert r.exit_code == 2 and p.read_bytes() == data
    assert "not fixed" in r.stderr


def test_fix_refuses_a_replacement_the_encoding_cannot_hold(tmp_path):
    from replylint.diagnostic import Diagnostic
    from replylint.fixes import FixRefused, _fix_one
    from replylint.readers import read
    from replylint.report import FileResult
    p = tmp_path / "a.txt"
    p.write_bytes("Ответ дан вам.\n".encode("koi8-r"))
    doc = read(str(p))
    d = Diagnostic(rule="x", severity="warning", message="", start=10, end=13, match="вам",
                   suggestion="«Вам»")
    d.fixable = True
    with pytest.raises(FixRefused, match="cannot be written in koi8-r"):
        _fix_one(FileResult(path=str(p), doc=doc, diagnostics=[d]), None)


def test_fix_keeps_mode_and_refuses_read_only_files(tmp_path):
    private, readonly = tmp_path / "private.txt", tmp_path / "ro.txt"
    for p in (private, readonly):
        p.write_text(LETTER, encoding="utf-8")
    private.chmod(0o600)
    readonly.chmod(0o444)
    r = fix(private, readonly)
    assert r.exit_code == 2
    assert private.read_text(encoding="utf-8") == FIXED
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert readonly.read_text(encoding="utf-8") == LETTER
    assert stat.S_IMODE(readonly.stat().st_mode) == 0o444
    assert f"replylint: {readonly}: not fixed: read-only file" in r.stderr.splitlines()


@pytest.mark.skipif(os.geteuid() != 0, reason="changing a file's owner needs root")
def test_fix_keeps_the_owner(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(LETTER, encoding="utf-8")
    os.chown(p, 65534, 65534)
    fix(p)
    assert p.read_text(encoding="utf-8") == FIXED
    assert (p.stat().st_uid, p.stat().st_gid) == (65534, 65534)


def test_fix_writes_through_a_symlink(tmp_path):
    target = tmp_path / "real" / "letter.txt"
    target.parent.mkdir()
    target.write_text(LETTER, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    chain = tmp_path / "chain.txt"
    chain.symlink_to(link)
    fix(chain)
    assert chain.is_symlink() and link.is_symlink()
    assert target.read_text(encoding="utf-8") == FIXED
    assert leftovers(tmp_path) == [] and leftovers(target.parent) == []


def test_the_same_file_named_twice_is_fixed_once(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(LETTER, encoding="utf-8")
    (tmp_path / "b.txt").symlink_to(p)
    r = fix(p, tmp_path / "b.txt")
    assert r.exit_code == 0, r.output           # no "changed while checked" refusal
    assert p.read_text(encoding="utf-8") == FIXED


def test_report_output_writes_through_a_symlink(tmp_path):
    letter = tmp_path / "a.txt"
    letter.write_text(LETTER, encoding="utf-8")
    (tmp_path / "reports").mkdir()
    real = tmp_path / "reports" / "report.json"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    r = runner.invoke(app, ["check", "--no-config", str(letter), "--format", "json", "-o", str(link)])
    assert r.exit_code == 1, r.output
    assert link.is_symlink() and '"common.emoji"' in real.read_text(encoding="utf-8")
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


def test_a_new_report_file_gets_the_umask_mode(tmp_path):
    letter = tmp_path / "a.txt"
    letter.write_text(LETTER, encoding="utf-8")
    old = os.umask(0o027)
    try:
        runner.invoke(app, ["check", "--no-config", str(letter), "-o", "r.txt"])
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "r.txt").stat().st_mode) == 0o640


def test_fix_in_a_read_only_folder_is_a_note_not_a_traceback(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    p = folder / "a.txt"
    p.write_text(LETTER, encoding="utf-8")
    folder.chmod(0o555)
    try:
        r = fix(p)
    finally:
        folder.chmod(0o755)
    assert r.exit_code == 2 and r.exception is None or isinstance(r.exception, SystemExit)
    assert p.read_text(encoding="utf-8") == LETTER
    assert f"replylint: {p}: not fixed: its folder is read-only" in r.stderr.splitlines()
    assert "emoji" in r.stdout                    # the report is still written


def test_fix_refuses_to_split_hard_links(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(LETTER, encoding="utf-8")
    os.link(p, tmp_path / "b.txt")
    r = fix(p)
    assert r.exit_code == 2 and "hard links" in r.stderr
    assert p.read_text(encoding="utf-8") == LETTER == (tmp_path / "b.txt").read_text(encoding="utf-8")


def test_a_failing_write_leaves_the_file_and_no_temporary(tmp_path, monkeypatch):
    p = tmp_path / "a.txt"
    p.write_text("old", encoding="utf-8")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(atomic.WriteRefused, match="^no space left on the device$"):
        atomic.write_atomic(str(p), b"new")
    assert p.read_text(encoding="utf-8") == "old" and leftovers(tmp_path) == []


def test_named_temporary_fallback_and_stale_temporaries(tmp_path, monkeypatch):
    stale = tmp_path / f".a.txt{atomic.TMP_MARK}killed"
    stale.write_text("half", encoding="utf-8")
    p = tmp_path / "a.txt"
    p.write_text("old", encoding="utf-8")
    monkeypatch.delattr(atomic.os, "O_TMPFILE", raising=False)
    atomic.write_atomic(str(p), b"new")
    assert p.read_bytes() == b"new" and leftovers(tmp_path) == []


def test_an_html_template_is_never_rewritten_from_its_extracted_text(tmp_path):
    p = tmp_path / "letter.html.j2"
    source = "<p>Уважаемый {{ name }}!</p>\n<p>Ваше обращение рассмотрено 🙂.</p>\n"
    p.write_text(source, encoding="utf-8")
    fix(p)
    assert p.read_text(encoding="utf-8") == source


def test_fix_skips_a_file_changed_since_it_was_read(tmp_path, monkeypatch):
    from replylint import fixes
    p = tmp_path / "a.txt"
    p.write_text(LETTER, encoding="utf-8")
    real = fixes._current_bytes

    def edited(path, doc):
        Path(path).write_text("edited by the clerk\n", encoding="utf-8")
        return real(path, doc)
    monkeypatch.setattr(fixes, "_current_bytes", edited)
    r = fix(p)
    assert r.exit_code == 2 and "changed while it was being checked" in r.stderr
    assert p.read_text(encoding="utf-8") == "edited by the clerk\n"


EMOJI = ["👍🏽", "👨‍👩‍👧", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "❤️", "1️⃣", "🇷🇺", "🏽", "👩🏽‍💻", "👍\u200d", "☺︎"]


def test_emoji_fix_removes_whole_sequences(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Ответ: " + " и ".join(EMOJI) + " конец.\n", encoding="utf-8")
    fix(p)
    assert p.read_text(encoding="utf-8") == "Ответ: " + " ".join(["и"] * (len(EMOJI) - 1)) + " конец.\n"


def test_fix_twice_changes_nothing_the_second_time(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Уважаемый Иван Иванович!\nСообщаем вам 🙂🙂 :) что спс за обращение 👍🏽👍.\n"
                 "С уважением,\nНачальник отдела И.И. Петров\n", encoding="utf-8")
    runner.invoke(app, ["check", "--no-config", "--fix", str(p)])
    once = p.read_bytes()
    r = runner.invoke(app, ["check", "--no-config", "--diff", str(p)])
    assert r.stdout == ""
    runner.invoke(app, ["check", "--no-config", "--fix", str(p)])
    assert p.read_bytes() == once


def test_fixes_are_applied_to_a_fixpoint(tmp_path):
    """Overlapping fixes: the second is only possible after the first; one run does both."""
    from replylint.diagnostic import Diagnostic
    from replylint.fixes import apply_fixes
    from replylint.readers import read
    from replylint.report import FileResult, Report
    p = tmp_path / "a.txt"
    p.write_text("abcd\n", encoding="utf-8")

    def diag(s, e, sugg):
        d = Diagnostic(rule="x", severity="warning", message="", start=s, end=e, match="",
                       suggestion=sugg)
        d.fixable = True
        return d

    def recheck(path, data):
        text = data.decode()
        doc = read(path, data=data)
        found = [diag(i, i + 2, "X") for i in range(len(text) - 1) if text[i:i + 2] in ("ab", "cd", "XX")]
        return FileResult(path=path, doc=doc, diagnostics=found)
    first = recheck(str(p), p.read_bytes())
    out = apply_fixes(Report(files=[first]), write=True, recheck=recheck)
    assert p.read_text(encoding="utf-8") == "X\n" and out.fixed == [str(p)]


def test_many_fixes_are_linear(tmp_path):
    """150,000 deletions in one file: one pass, not one copy of the text per fix."""
    from replylint.diagnostic import Diagnostic
    from replylint.fixes import fixed_text
    text = "а 🙂 " * 150_000
    diags = []
    for i in range(150_000):
        d = Diagnostic(rule="x", severity="error", message="", start=4 * i + 2, end=4 * i + 3,
                       match="🙂", suggestion="")
        d.fixable = True
        diags.append(d)
    t0 = time.process_time()
    assert fixed_text(text, diags) == "а " * 150_000
    assert time.process_time() - t0 < 20          # quadratic: hours


@pytest.mark.slow
def test_sigkill_at_any_moment_leaves_each_file_old_or_fully_fixed(tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    originals = {}
    for i in range(120):
        p = batch / f"l{i:03}.txt"
        originals[p.name] = (LETTER * (1 + i % 7)).encode("utf-16")
    fixed = {name: (FIXED * (1 + int(name[1:4]) % 7)).encode("utf-16") for name in originals}
    cmd = [sys.executable, "-m", "replylint.cli", "check", "--no-config", "--select",
           "common.emoji", "--fix", "--jobs", "1", str(batch)]

    def reset():
        for name, data in originals.items():
            (batch / name).write_bytes(data)
    reset()
    t0 = time.monotonic()
    proc = subprocess.run(cmd, capture_output=True, timeout=600)
    took = time.monotonic() - t0
    assert proc.returncode == 0, proc.stderr
    assert all((batch / n).read_bytes() == fixed[n] for n in originals)
    mixed = 0
    for fraction in (0.5, 0.65, 0.75, 0.85, 0.9, 0.95):    # the fixes are written at the end
        reset()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(took * fraction)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        states = set()
        for name in originals:
            now = (batch / name).read_bytes()
            assert now in (originals[name], fixed[name]), name
            states.add(now == fixed[name])
        mixed += states == {True, False}
        assert leftovers(batch) == []
    assert mixed, "no kill landed while files were being written"
