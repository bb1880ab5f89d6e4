"""Each generic check kind, through rules loaded by the real pack loader."""
import pytest

from replylint.document import Zone
from replylint.packs import PackError

from helpers import make_rule, matches, run


def test_existence_lemmas_match_every_inflected_form(tmp_path):
    rule = make_rule(tmp_path, "zones: [all]\ncheck: existence\nlemmas: [извинение, приносить … извинение]\n")
    assert matches(rule, "Приносим Вам свои извинения.") == ["Приносим Вам свои извинения"]
    assert matches(rule, "Без извинений и с извинением.") == ["извинений", "извинением"]
    assert matches(rule, "Извиняемся.") == []  # another lemma


def test_existence_words_are_whole_tokens_and_case_aware(tmp_path):
    rule = make_rule(tmp_path, "zones: [all]\ncheck: existence\ncase_sensitive: true\nwords: [ок]\n")
    assert matches(rule, "Всё ок, спасибо") == ["ок"]
    assert matches(rule, "ОКПО 42424932, ОК 011-93, Окно") == []


def test_existence_vietnamese_words_follow_segmentation(tmp_path):
    rule = make_rule(tmp_path, "zones: [all]\ncheck: existence\nwords: [thôi, xin lỗi]\n", language="vi")
    assert matches(rule, "Bà đã thôi việc từ tháng 3.", lang="vi") == []
    assert matches(rule, "Thôi, chúng tôi xin lỗi Bà.", lang="vi") == ["Thôi", "xin lỗi"]


def test_existence_fold_diacritics(tmp_path):
    rule = make_rule(tmp_path, "zones: [all]\ncheck: existence\nfold_diacritics: true\nwords: [được]\n",
                     language="vi")
    assert matches(rule, "ho so duoc duyet", lang="vi") == ["duoc"]


def test_existence_exceptions_and_quotes(tmp_path):
    rule = make_rule(tmp_path, """\
        zones: [all]
        check: existence
        skip_quoted: true
        patterns: ['\\bзаявител\\w*']
        exceptions: ['заявитель вправе']
        """)
    assert matches(rule, "Заявителю направлен ответ.") == ["Заявителю"]
    assert matches(rule, "Согласно закону заявитель вправе обжаловать.") == []
    assert matches(rule, "Закон гласит: «заявителю направляется ответ».") == []


def test_zones_scope_the_search(tmp_path):
    rule = make_rule(tmp_path, "zones: [body]\ncheck: existence\nwords: [спс]\n")
    text = "спс\nспс"
    assert len(run(rule, text, zones=[Zone("header", 0, 3), Zone("body", 4, 7)])) == 1


def test_substitution_proposes_replacement_with_case(tmp_path):
    rule = make_rule(tmp_path, "zones: [all]\ncheck: substitution\nfixable: true\nswap_words: {спс: спасибо}\n")
    found = run(rule, "Спс за ожидание")
    assert found[0].suggestion == "Спасибо" and found[0].fixable


def test_required_zone_and_header(tmp_path):
    rule = make_rule(tmp_path, "check: required\nzone: signature\n")
    assert run(rule, "Текст письма.", zones=[Zone("body", 0, 13)])
    assert not run(rule, "Текст.\nИ.И. Иванов", zones=[Zone("body", 0, 6), Zone("signature", 7, 18)])
    rule = make_rule(tmp_path, "check: required\nheader: subject\nkinds: [email]\n")
    assert run(rule, "Текст", kind="email", metadata={"subject": "  "})
    assert not run(rule, "Текст", kind="email", metadata={"subject": "О пособии"})
    assert not run(rule, "Текст", kind="letter", metadata={})


def test_conditional_negation_and_modality(tmp_path):
    rule = make_rule(tmp_path, """\
        zones: [all]
        check: conditional
        if: {lemmas: [довод … подтвердиться]}
        then: {lemmas: [приносить … извинение]}
        unless: {lemmas: [будет проверить]}
        negation: true
        """)
    assert run(rule, "Ваши доводы подтвердились.")
    assert not run(rule, "Ваши доводы подтвердились. Приносим извинения.")
    assert not run(rule, "Ваши доводы не подтвердились.")


def test_conditional_within_sentence(tmp_path):
    rule = make_rule(tmp_path, """\
        zones: [all]
        check: conditional
        if: {lemmas: [отказать]}
        then: {lemmas: [согласно, на основание]}
        within: next-sentence
        """)
    assert run(rule, "Вам отказано. Спасибо.\n\nСогласно закону всё.")
    assert not run(rule, "Вам отказано. Согласно ст. 5 закона причина такова.")


def test_metric_sentence_length_counts_citations_as_one_word(tmp_path):
    rule = make_rule(tmp_path, """\
        zones: [all]
        check: metric
        measure: sentence_length
        max: 5
        collapse: ['ст\\. \\d+ Федерального закона от [\\d.]+ № [\\w-]+']
        """)
    assert not run(rule, "Согласно ст. 12 Федерального закона от 02.05.2006 № 59-ФЗ ответ дан.")
    assert run(rule, "Один два три четыре пять шесть семь.")


def test_metric_options_override_bounds(tmp_path):
    rule = make_rule(tmp_path, "zones: [all]\ncheck: metric\nmeasure: sentence_length\nmax: {ru: 3, vi: 10}\n")
    assert run(rule, "Один два три четыре.")
    assert not run(rule, "Một hai ba bốn.", lang="vi")


def test_consistency_flags_the_minority_variant(tmp_path):
    rule = make_rule(tmp_path, "zones: [all]\ncheck: consistency\nvariants: [['\\bВы\\b', '\\bвы\\b']]\ncase_sensitive: true\n")
    found = run(rule, "Вы правы. Вы можете. Если вы хотите.")
    assert [d.match for d in found] == ["вы"]


def test_python_kind_resolves_function(tmp_path):
    with pytest.raises(PackError, match=r"x\.yaml:5: no code for python rule 't\.x' \(replylint/rules_py/t/x\.py\)"):
        make_rule(tmp_path, "check: python\n")
    with pytest.raises(PackError, match=r"no code for python rule .*rules_py/nowhere/nothing\.py"):
        make_rule(tmp_path, "check: python\nfunction: nowhere.nothing\n")


def test_schema_errors_name_file_and_line(tmp_path):
    with pytest.raises(PackError, match=r"x\.yaml:6: unknown key 'lemmes'"):
        make_rule(tmp_path, "check: existence\nlemmes: [a]\n")
    with pytest.raises(PackError, match=r"x\.yaml:5: unknown check kind"):
        make_rule(tmp_path, "check: existance\n")
    with pytest.raises(PackError, match="bad pattern"):
        make_rule(tmp_path, "check: existence\npatterns: ['(']\n")


def test_suppressed_and_unreadable_spans_are_dropped(tmp_path):
    from replylint.linter import document_from_text, lint
    rule = make_rule(tmp_path, "zones: [all]\ncheck: existence\nwords: [спс]\n")
    doc = document_from_text("спс и спс", lang="ru")
    doc.suppressed = {"t.x": [(0, 4)]}
    assert [d.start for d in lint(doc, [rule])] == [6]
    doc = document_from_text("спс и спс", lang="ru")
    doc.unreadable = [(5, 9)]
    assert [d.start for d in lint(doc, [rule])] == [0]


def test_gap_counts_words_not_punctuation(tmp_path):
    rule = make_rule(tmp_path, "zones: [all]\ncheck: existence\nlemmas: [довод … подтвердиться]\n")
    assert matches(rule, "Доводы, изложенные в обращении, подтвердились.")
    assert not matches(rule, "Доводы жителей дома номер пять по улице подтвердились.")
    rule = make_rule(tmp_path, "zones: [all]\ncheck: conditional\nif: {max_gap: 6, lemmas: [довод … подтвердиться]}\n"
                               "then: {lemmas: [извинение]}\n")
    assert run(rule, "Доводы жителей дома номер пять по улице подтвердились.")


def test_a_backtracking_user_regex_costs_its_rule_not_the_file(tmp_path, monkeypatch):
    from replylint import matching
    from replylint.linter import document_from_text, lint
    monkeypatch.setattr(matching, "REGEX_TIMEOUT", 0.05)
    slow = make_rule(tmp_path, "zones: [all]\ncheck: existence\npatterns: ['(a|aa)+b']\n")
    fast = make_rule(tmp_path, "zones: [all]\ncheck: existence\nwords: [спс]\n")
    doc = document_from_text("спс " + "a" * 40 + "!", lang="ru")
    found = lint(doc, [slow, fast])
    assert [d.match for d in found] == ["спс"]
    assert any("skipped" in n for n in doc.metadata["notes"])


def test_quotations_with_a_nested_quote_are_skipped_whole(tmp_path):
    rule = make_rule(tmp_path, "zones: [all]\ncheck: existence\nskip_quoted: true\nwords: [cái]\n",
                     language="vi")
    text = "Ông nói: “cái nào không biết thì hỏi cơ quan “công quyền” như trước”. Còn cái này thì sao."
    assert matches(rule, text, lang="vi") == ["cái"]


def test_document_kinds_are_declared_and_honoured(tmp_path):
    from replylint.linter import document_from_text, lint
    rule = make_rule(tmp_path, "zones: [all]\ndocument_kinds: [congvan]\ncheck: existence\npatterns: [Hồ sơ]\n",
                     language="vi")
    congvan = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 05/UBND-VP\n\nKính gửi: Bà Lan\n\nHồ sơ đã nhận.\n"
    reply = "Kính gửi: Bà Lan\n\nHồ sơ đã nhận.\n"
    assert [d.match for d in lint(document_from_text(congvan, lang="vi"), [rule])] == ["Hồ sơ"]
    assert lint(document_from_text(reply, lang="vi"), [rule]) == []
    with pytest.raises(PackError, match=r"x\.yaml:6: unknown document kind 'portal'"):
        make_rule(tmp_path, "zones: [all]\ndocument_kinds: [portal]\ncheck: existence\nwords: [a]\n")
