"""The example runner (replylint/examples.py) fails an example whose findings are not exactly the
marked ones, or whose fix differs; the loader rejects examples that do not say where."""
import pytest

from replylint import examples
from replylint.packs import PackError

from helpers import make_rule

RULE = """\
zones: [all]
check: existence
words: [спс]
examples:
  bad:
    - {text}
  good:
    - "Спасибо."
"""


def _rule(tmp_path, bad, fixable=False):
    body = RULE.format(text=bad)
    if fixable:
        body = body.replace("check: existence\nwords: [спс]",
                            "fixable: true\ncheck: substitution\nswap_words: {спс: спасибо}")
    return make_rule(tmp_path, body)


def _problems(rule):
    return [p for ex in examples.parse(rule, "bad") + examples.parse(rule, "good")
            for p in examples.outcome_problems(rule, ex)]


def test_markers_give_text_and_spans():
    assert examples.strip_markers("а <marker>бв</marker> г <marker></marker>") == ("а бв г ", [(2, 4), (7, 7)])
    for broken in ("<marker>а", "а</marker>", "<marker><marker>а</marker></marker>"):
        with pytest.raises(examples.MarkerError):
            examples.strip_markers(broken)


def test_exact_markers_pass(tmp_path):
    assert _problems(_rule(tmp_path, '"<marker>спс</marker> и <marker>спс</marker>"')) == []


@pytest.mark.parametrize("bad", [
    '"<marker>спс</marker> и спс"',            # one finding not marked
    '"<marker>спс и</marker> спс"',            # wrong end
    '"с<marker>пс</marker>"',                  # marker where nothing is found
])
def test_a_finding_elsewhere_or_unmarked_fails(tmp_path, bad):
    problems = _problems(_rule(tmp_path, bad))
    assert problems and "finding(s) at the markers" in problems[0]


def test_a_wrong_fix_fails(tmp_path):
    rule = _rule(tmp_path, '{text: "<marker>спс</marker>!", fix: "спасибо!"}', fixable=True)
    assert _problems(rule) == []
    rule = _rule(tmp_path, '{text: "<marker>спс</marker>!", fix: "благодарю!"}', fixable=True)
    assert "the fix gives 'спасибо!'" in _problems(rule)[0]


def test_a_good_example_with_a_finding_fails(tmp_path):
    rule = _rule(tmp_path, '"<marker>спс</marker>"')
    rule.examples["good"] = ["спс"]
    assert "should stay quiet" in _problems(rule)[0]


def test_an_unmarked_bad_example_of_a_user_pack_only_has_to_fire(tmp_path):
    rule = _rule(tmp_path, '"спс"')
    assert _problems(rule) == []
    assert examples.validate(rule, complete=True) == [
        ("bad", 0, "examples.bad[1]: mark each expected finding with <marker>…</marker>")]
    rule = _rule(tmp_path, '"спасибо"')
    assert _problems(rule) == ["should fire"]


@pytest.mark.parametrize("bad,message", [
    ('"<marker>спс"', r"x\.yaml:10: examples\.bad\[1\]: <marker> not closed"),
    ('{text: "<marker>спс</marker>", fixx: "спасибо"}', r"x\.yaml:10: .*unknown key\(s\) fixx"),
])
def test_loader_rejects_examples_that_do_not_say_where(tmp_path, bad, message):
    with pytest.raises(PackError, match=message):
        _rule(tmp_path, bad)


def test_complete_examples_give_the_fix_of_a_fixable_rule(tmp_path):
    rule = _rule(tmp_path, '"<marker>спс</marker>"', fixable=True)
    assert examples.validate(rule, complete=True) == [
        ("bad", 0, "examples.bad[1]: a fixable rule's bad example gives its fixed text in 'fix'")]
