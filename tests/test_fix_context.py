"""A fix is applied only where it is right in context: ambiguous shorthands and words whose case
or gender depends on the sentence are hints, not fixes; every fixable rule's fixes round-trip."""
import dataclasses

import pytest
from typer.testing import CliRunner

from replylint import examples
from replylint.cli import app
from replylint.fixes import fixed_text
from replylint.packs import load_rules

runner = CliRunner()
FIXABLE = [r for r in load_rules() if r.fixable]


def fix(tmp_path, text, rule):
    p = tmp_path / "a.txt"
    p.write_text(text, encoding="utf-8")
    r = runner.invoke(app, ["check", "--no-config", "--select", rule, "--fix", str(p)])
    assert "Traceback" not in r.output, r.output
    return p.read_text(encoding="utf-8"), r


VI = "Kính gửi: Bà Nguyễn Thị Hoa\n\n{}\n\nTrân trọng,\nChủ tịch\nLê Văn Thành\n"


@pytest.mark.parametrize("line,expected", [
    ("Ok Bà? Cán bộ sẽ gọi lại.", "Ok Bà? Cán bộ sẽ gọi lại."),              # a tag question: asks
    ("Ok, hồ sơ của Bà đã được tiếp nhận.", "Ok, hồ sơ của Bà đã được tiếp nhận."),
    ("Con của Bà là hs lớp 9 nên được miễn.", "Con của Bà là hs lớp 9 nên được miễn."),   # học sinh
    ("Hồ sơ đang xl, Bà chờ thêm.", "Hồ sơ đang xl, Bà chờ thêm."),          # xử lý, not xin lỗi
    ("Lệ phí Bà ck vào tài khoản.", "Lệ phí Bà ck vào tài khoản."),          # chuyển khoản
    ("Thửa đất có dt 120 m2.", "Thửa đất có dt 120 m2."),                   # diện tích
    ("Hồ sơ đã đc duyệt, cán bộ gọi lại sau 15p.", "Hồ sơ đã được duyệt, cán bộ gọi lại sau 15 phút."),
    ("Bà ko cần nộp thêm giấy tờ.", "Bà không cần nộp thêm giấy tờ."),
    ("Thank you Bà đã phản ánh.", "Cảm ơn Bà đã phản ánh."),
])
def test_vietnamese_chat_forms_are_fixed_only_when_the_reading_is_certain(tmp_path, line, expected):
    text, r = fix(tmp_path, VI.format(line), "vi.teencode")
    assert text == VI.format(expected), r.output


def test_a_hint_is_shown_but_not_applied(tmp_path):
    text, r = fix(tmp_path, VI.format("Ok Bà? Hồ sơ đã đc duyệt."), "vi.teencode")
    assert "«Ok»" in r.stdout and "0 fixed" not in r.stdout
    assert r.stdout.rstrip().endswith("1 fixed, 1 remaining (1 error, 0 warnings, 0 suggestions) in 1 file.")


RU = "Уважаемая Анна Сергеевна!\n\n{}\n\nНачальник отдела\nМ.К. Рябинина\n"


@pytest.mark.parametrize("line,expected", [
    ("Обращение рассмотрено зам. начальника отдела.", "Обращение рассмотрено зам. начальника отдела."),
    ("Размер з/п указан в договоре.", "Размер з/п указан в договоре."),
    ("Это т.н. «серые» схемы.", "Это т.н. «серые» схемы."),
    ("Приём закрыт, т.к. идёт ремонт.", "Приём закрыт, так как идёт ремонт."),
    ("Документы можно подать ч/з портал.", "Документы можно подать через портал."),
])
def test_russian_abbreviations_are_fixed_only_when_the_form_is_certain(tmp_path, line, expected):
    text, r = fix(tmp_path, RU.format(line), "ru.informal-abbreviation")
    assert text == RU.format(expected), r.output


@pytest.mark.parametrize("rule", FIXABLE, ids=[r.id for r in FIXABLE])
def test_every_fixable_rule_round_trips_its_bad_examples(rule):
    """Fixing a bad example leaves no exact fix of the rule behind, and fixing again changes
    nothing (the examples' `fix:` texts pin the first round; this pins the fixpoint)."""
    for ex in examples.parse(rule, "bad"):
        once = examples.fixed(ex, examples.run(rule, ex))
        again = examples.run(rule, dataclasses.replace(ex, text=once))
        assert not [d for d in again if d.fixable], (rule.id, once)
        assert fixed_text(once, again) == once
