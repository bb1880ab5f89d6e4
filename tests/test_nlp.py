"""The one NLP analysis: pymorphy3 lemmas, pyvi words, sentences, lazy per-language loading."""
import subprocess
import sys

from replylint.document import Zone
from replylint.linter import document_from_text
from replylint.nlp import analyse, analyse_text, lemmatize_phrase


def test_russian_lemmas_cover_every_form():
    an = analyse_text("ru", "Приносим извинения заявителям, обратившимся в центр.")
    lemmas = {t.text: t.lemma for t in an.tokens}
    assert lemmas["Приносим"] == "приносить"
    assert lemmas["извинения"] == "извинение"
    assert lemmas["заявителям"] == "заявитель"
    assert lemmatize_phrase("ru", "приносим извинения") == [{"приносить"}, {"извинение"}]


def test_offsets_point_into_the_text():
    text = "Уважаемый Илья  Александрович!\n\nВаше обращение рассмотрено."
    for t in analyse_text("ru", text).tokens:
        assert text[t.start:t.end] == t.text


def test_vietnamese_words_from_pyvi_do_not_cross_lines():
    text = "CỘNG HÒA\n\nSố: 412/UBND-KT\nÔng đã thôi việc và xin lỗi."
    an = analyse_text("vi", text)
    words = [t.text for t in an.tokens]
    assert "thôi việc" in words and "xin lỗi" in words
    assert all("\n" not in w for w in words)
    for t in an.tokens:
        assert text[t.start:t.end] == t.text


def test_sentences_survive_abbreviations_and_initials():
    text = ("Согласно ст. 12 Федерального закона ответ дан в срок. Исп. Петрова М.А. сообщила "
            "об этом г. Москва. Новое предложение.")
    an = analyse_text("ru", text)
    got = [text[s:e] for s, e in an.sentences]
    assert got[0] == "Согласно ст. 12 Федерального закона ответ дан в срок."
    assert got[-1] == "Новое предложение."


def test_sentences_break_at_zone_boundaries():
    text = "С уважением,\nИ.И. Иванов"
    doc = document_from_text(text, lang="ru")
    doc.zones = [Zone("closing", 0, 12), Zone("signature", 13, len(text))]
    assert len(analyse(doc).sentences) == 2


def test_one_language_loads_only_its_tools():
    heavy = ("spacy", "pymorphy3", "pyvi", "sklearn", "sklearn_crfsuite", "pycrfsuite")
    code = ("import sys; from replylint.nlp import analyse_text; words = [t.text for t in "
            "analyse_text('{lang}', '{text}').tokens]; "
            f"print(words, sorted(m for m in {heavy!r} if m in sys.modules))")
    def run(lang, text):
        return subprocess.run([sys.executable, "-c", code.format(lang=lang, text=text)],
                              capture_output=True, text=True, check=True).stdout.strip()
    # Vietnamese: pyvi's model through python-crfsuite, without spaCy or scikit-learn
    assert run("vi", "Ủy ban nhân dân thành phố Hà Nội trả lời") == (
        "['Ủy ban', 'nhân dân', 'thành phố', 'Hà Nội', 'trả lời'] ['pycrfsuite']")
    assert run("ru", "Ответ дан.") == "['Ответ', 'дан', '.'] ['pymorphy3', 'spacy']"


def test_no_sentence_break_inside_a_quoted_title_or_after_heading_numbers():
    text = ("Согласно ГОСТ Р 52766-2007 «Дороги автомобильные. Элементы обустройства. Общие требования» "
            "переходы располагаются через 200 м. Второе предложение.")
    an = analyse_text("ru", text)
    assert len(an.sentences) == 2
    text = "1. Kết quả kiểm tra cho thấy phản ánh là đúng.\n2. Kết quả xử lý đã xong."
    an = analyse_text("vi", text)
    assert [text[s:e][:3] for s, e in an.sentences] == ["1. ", "2. "]


def test_pathological_punctuation_runs_are_linear_and_offsets_kept():
    text = "Ответ " + "{" * 30000 + " дан. " + "…" * 20000 + "\nКонец."
    an = analyse_text("ru", text)
    assert an.tokens[0].text == "Ответ" and an.tokens[-1].text == "."
    for t in an.tokens[:5] + an.tokens[-5:]:
        assert text[t.start:t.end] == t.text


def test_units_end_a_sentence_before_a_capital_but_not_before_a_number():
    text = "Пенсия составляет 24 318 руб. 46 коп. Доплата будет перечислена в 2026 г. Она придёт в г. Москва."
    got = [text[s:e] for s, e in analyse_text("ru", text).sentences]
    assert got == ["Пенсия составляет 24 318 руб. 46 коп.", "Доплата будет перечислена в 2026 г.",
                   "Она придёт в г. Москва."]
    text = "Температура +19,8 °C. Норматив установлен законом."
    assert len(analyse_text("ru", text).sentences) == 2
