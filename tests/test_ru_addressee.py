"""The Russian addressee parser (replylint/structure/addressee_ru.py)."""
from pathlib import Path

import pytest

from replylint.context import Context
from replylint.linter import document_from_text, prepare
from replylint.structure.addressee_ru import surname_forms

SIGN = "\n\nНачальник отдела\nА.В. Николаев\n"


def parse(text, kind="letter"):
    doc = prepare(document_from_text(text, lang="ru", kind=kind))
    return Context(doc).addressee


@pytest.mark.parametrize("block,surname,i1,i2,gender", [
    ("Иванову И. И.", "Иванову", "И", "И", "masc"),
    ("Иванову И.И.", "Иванову", "И", "И", "masc"),
    ("Иванову И.И", "Иванову", "И", "И", "masc"),
    ("Петровой А.С.", "Петровой", "А", "С", "femn"),
    ("Петровой Анне Сергеевне", "Петровой", "А", "С", "femn"),
    ("Иванову Ивану Ивановичу", "Иванову", "И", "И", "masc"),
    ("И.И. Иванову", "Иванову", "И", "И", "masc"),
    ("Римскому-Корсакову Н.А.", "Римскому-Корсакову", "Н", "А", "masc"),
    ("Смирновой-Ковалёвой Е.В.", "Смирновой-Ковалёвой", "Е", "В", "femn"),
    ("Сидорчику И. А.", "Сидорчику", "И", "А", "masc"),
    ("Гражданину Гайнуллину Р.Ф.", "Гайнуллину", "Р", "Ф", "masc"),
])
def test_person(block, surname, i1, i2, gender):
    a = parse(f"{block}\nул. Ленина, д. 1, кв. 2,\nг. Тверь, 170100\n\nУважаемый Иван Иванович!\n\n"
              f"Отдел рассмотрел Ваше обращение и сообщает следующее.{SIGN}")
    assert a.kind == "person"
    assert a.surname == surname
    assert (a.i1, a.i2) == (i1, i2)
    if gender == "femn" or "Петровой" in block:
        # the salutation says "Уважаемый" here: the dative ending and patronymic decide
        assert a.gender == gender
    assert a.one_person


def test_position_lines_above():
    a = parse("Генеральному директору\nООО «Ромашка»\nЛапшину К.Е.\n\nУважаемый Кирилл Евгеньевич!\n\n"
              f"Рассмотрено Ваше обращение о вывозе мусора.{SIGN}")
    assert a.kind == "person" and a.surname == "Лапшину" and a.gender == "masc"


def test_plural():
    a = parse("Жителям многоквартирного дома\n№ 27 по проспекту Циолковского\nг. Дзержинска\n\n"
              f"Уважаемые жители!\n\nУправление рассмотрело ваше коллективное обращение.{SIGN}")
    assert a.kind == "plural"
    assert not a.one_person


def test_institution():
    a = parse("Директору ООО «Ромашка»\nул. Ленина, д. 1\n\nОб оплате\n\n"
              f"Управление рассмотрело письмо организации о задолженности по аренде помещений.{SIGN}")
    assert a.kind == "institution"
    assert not a.one_person


def test_no_salutation_female():
    a = parse("Воронцовой Н.С.\nул. Гарибальди, д. 15, кв. 88,\nМосква, 117335\n\nО профессиональном обучении\n\n"
              f"Центр занятости рассмотрел Ваше обращение о направлении на обучение.{SIGN}")
    assert a.kind == "person" and a.gender == "femn" and a.salutation is None
    assert {"воронцова", "воронцовой", "воронцову"} <= a.forms


def test_email_salutation_only():
    a = parse("Уважаемая Гульнара Ильдаровна!\n\nВаше обращение рассмотрено.\n\nС уважением,\n"
              "Р.Ф. Хабибуллина\nтел. 8 (843) 222-01-45\n", kind="email")
    assert a.kind == "unknown" and a.one_person and a.salutation.gender == "femn"


@pytest.mark.parametrize("dative,gender,expected", [
    ("Иванову", None, {"иванов", "иванова", "иванову", "ивановым", "иванове"}),
    ("Захаровой", None, {"захарова", "захаровой", "захарову"}),
    ("Сидорчику", None, {"сидорчик", "сидорчика", "сидорчику", "сидорчиком", "сидорчике"}),
    ("Достоевскому", None, {"достоевский", "достоевского", "достоевскому", "достоевским"}),
])
def test_surname_forms(dative, gender, expected):
    forms, _ = surname_forms(dative, gender)
    assert expected <= forms


def test_surname_forms_keep_gender():
    forms, g = surname_forms("Захаровой", None)
    assert g == "femn" and "захаров" not in forms


def test_real_replies_addressee(shared_corpus):
    files = sorted((shared_corpus / "real-ru").glob("*.reply.md"))
    assert files
    for p in files:
        text = p.read_text(encoding="utf-8")
        a = parse(text)
        if "Сидорчику" not in text:
            continue
        assert a.kind == "person", p.name
        assert a.surname == "Сидорчику", p.name
        assert (a.i1, a.i2) == ("И", "А"), p.name
        assert a.gender == "masc", p.name
        assert a.one_person


@pytest.mark.parametrize("block", ["Иванову И.И., ул. Ленина, д. 5", "Кому: Иванову И. И.",
                                   "Иванову И.И. ivanov@example.org"])
def test_person_line_with_tail(block):
    a = parse(f"{block}\n\nУважаемый Иван Иванович!\n\nОтдел рассмотрел Ваше обращение.{SIGN}")
    assert a.kind == "person" and a.surname == "Иванову"


def test_email_to_one_address_is_one_person():
    doc = prepare(document_from_text("Добрый день!\n\nВаше обращение рассмотрено.\n\nС уважением,\nР.Ф. Хабибуллина\n",
                                     lang="ru", kind="email", metadata={"to_addresses": ["a@example.org"]}))
    assert Context(doc).addressee.one_person


def _third(text, kind="letter", metadata=None):
    from replylint.linter import lint
    from replylint.packs import load_pack
    rules = {r.id: r for r in load_pack(Path(__file__).resolve().parents[1] / "rules" / "ru")}
    doc = document_from_text(text, lang="ru", kind=kind, metadata=metadata)
    return [d.match for d in lint(doc, [rules["ru.third-person-address"]])]


def test_email_recipient_surname_from_display_name():
    body = ("Уважаемая Гульнара Ильдаровна!\n\nОбращение гражданки Гариповой о выдаче документов рассмотрено. "
            "Документы можно получить в офисе.\n\nС уважением,\nглавный специалист\nР.Ф. Хабибуллина\n"
            "тел. 8 (843) 222-01-45\n")
    meta = {"to": "Гарипова Гульнара <g.garipova84@mail.ru>", "to_addresses": ["g.garipova84@mail.ru"]}
    assert _third(body, kind="email", metadata=meta) == ["гражданки Гариповой"]
    # another recipient's name: no surname taken
    meta_other = {"to": "Отдел кадров <hr@example.org>", "to_addresses": ["hr@example.org"]}
    assert _third(body, kind="email", metadata=meta_other) == []


def test_third_person_by_salutation_initials_without_block():
    body = ("Уважаемая Гульнара Ильдаровна!\n\nОбращение Гариповой Г.И. рассмотрено. Консультацию проводит "
            "инспектор Сафина Р.М.\n\nС уважением,\nглавный специалист\nР.Ф. Хабибуллина\n")
    assert _third(body, kind="email") == ["Гариповой"]


# ---------------------------------------------------------------- round d: block forms and their near misses
_SIGN_D = "\n\nНачальник отдела\nА.Г. Лебедев\n\nИсп. Тарасов П.Е.\nтел. 8 (3812) 79-31-15\n"
_BLOCK_CASES = [
    ("ru.salutation-form", "Смирнову Сергею Анатольевичу\nг. Омск\n\nУважаемый Сергей Петрович!\n\n", "Обращение рассмотрено.", True),
    ("ru.salutation-form", "Смирнову Сергею Анатольевичу\nг. Омск\n\nУважаемый Сергей Анатольевич!\n\n", "Обращение рассмотрено.", False),
    ("ru.salutation-form", "С.А. Смирнову\nг. Омск\n\nУважаемый Андрей Сергеевич!\n\n", "Обращение рассмотрено.", True),
    ("ru.salutation-form", "Петрову И.С.\nг. Ярославль\n\nУважаемая Ольга Ивановна!\n\n", "Обращение рассмотрено.", True),
    ("ru.salutation-form", "Кузнецову С.П.\nг. Тула\n\nУважаемый Сергей Петрович\n\n", "Обращение рассмотрено.", True),
    ("ru.salutation-form", "Ивановой Н.П.\nг. Тула\n\nУважаемая Иванова!\n\n", "Обращение рассмотрено.", True),
    ("ru.salutation-form", "Сидоренко В.А.\nг. Тула\n\nУважаемая Валентина Александровна!\n\n", "Обращение рассмотрено.", False),
    ("ru.third-person-address", "Смирнову Сергею Анатольевичу\nг. Омск\n\nУважаемый Сергей Анатольевич!\n\n", "Смирнову С.А. разъяснено право на обжалование.", True),
    ("ru.third-person-address", "С.А. Смирнову\nг. Омск\n\nУважаемый Сергей Анатольевич!\n\n", "Обращение С.А. Смирнова рассмотрено.", True),
    ("ru.third-person-address", "Смирновой-Петровой А.В.\nг. Омск\n\nУважаемая Анна Викторовна!\n\n", "Смирновой-Петровой А.В. разъяснено право на обжалование.", True),
    ("ru.third-person-address", "Смирнову С.А.\nг. Омск\n\nУважаемый Сергей Анатольевич!\n\n", "Со Смирновым С.А. проведена беседа.", True),
    ("ru.third-person-address", "Смирнову С.А.\nг. Омск\n\nУважаемый Сергей Анатольевич!\n\n", "Вашей супруге Смирновой Т.И. направлено приглашение.", False),
    ("ru.third-person-address", "Шаровой Е.Н.\nг. Ижевск\n\nУважаемая Елена Николаевна!\n\n", "Вашему сыну Шарову Артему Игоревичу предоставлена отсрочка.", False),
    ("ru.vy-capital", "Смирнову С.А.\nг. Омск\n\nУважаемый Сергей Анатольевич!\n\n", "Сообщаем, что с вас будет удержана переплата.", True),
]


@pytest.mark.parametrize("rule,head,body,expected", _BLOCK_CASES)
def test_block_forms_round_d(rule, head, body, expected):
    from replylint.linter import document_from_text, lint
    from replylint.packs import load_pack
    rules = {r.id: r for r in load_pack(Path(__file__).resolve().parents[1] / "rules" / "ru")}
    doc = document_from_text(head + body + _SIGN_D, lang="ru", kind="letter")
    assert bool(lint(doc, [rules[rule]])) is expected


def _missing(text, kind="email"):
    from replylint.linter import lint
    from replylint.packs import load_pack
    rules = {r.id: r for r in load_pack(Path(__file__).resolve().parents[1] / "rules" / "ru")}
    doc = document_from_text(text, lang="ru", kind=kind, metadata={"to_addresses": ["a@example.org"]})
    return [d.rule for d in lint(doc, [rules["ru.salutation-missing"]])]


def test_bare_greeting_is_no_salutation_but_a_named_one_is():
    tail = "\n\nВаше обращение рассмотрено.\n\nС уважением,\nглавный специалист\nР.Ф. Хабибуллина\n"
    assert _missing("Добрый день!" + tail)
    assert _missing("Здравствуйте!" + tail)
    assert not _missing("Добрый день, Гульнара Ильдаровна!" + tail)
    assert not _missing("Здравствуйте, Гульнара Ильдаровна!" + tail)
    assert not _missing("Уважаемая Гульнара Ильдаровна!" + tail)
    assert not _missing("Добрый день, коллеги!" + tail)


# whom a reply with no addressee block speaks to (structure/reader_ru.py)
@pytest.mark.parametrize("body,reader", [
    ("Рассмотрев Ваше обращение № 12 от 01.03.2026, сообщаем, что ремонт запланирован на май.", "person"),
    ("В ответ на Ваш запрос администрация сообщает, что участок не относится к муниципальной собственности.", "person"),
    ("На сообщение № ГК-5 от 02.03.2026, поступившее на портал, информирую. Двор убран 05.03.2026.", "person"),
    ("Я знаком с вашей ситуацией. Работы будут завершены до 01.07.2026.", "person"),
    ("Рассмотрев обращение Вашей организации, инспекция сообщает, что проверка перенесена.", "institution"),
    ("Рассмотрев обращение ООО «Вега» о переносе проверки, инспекция сообщает следующее.", "institution"),
    ("Рассмотрев Ваше коллективное обращение, управа сообщает, что двор отремонтируют в мае.", "plural"),
    ("Сообщаем, что каждому из вас будет направлено уведомление до 01.07.2026.", "plural"),
    ("Федеральная налоговая служба, рассмотрев обращение, сообщает следующее. Вычет предоставляется один раз.", "unknown"),
    ("В рубрике «Ваш вопрос к власти» опубликованы ответы префектуры за март.", "unknown"),
])
def test_reader_without_an_addressee_block(body, reader):
    doc = prepare(document_from_text(body + "\n\nГлава управы\nА.В. Гущин\n", lang="ru", kind="letter"))
    a = Context(doc).addressee
    assert a.kind == "unknown" and a.reader == reader
    assert a.one_person is (reader == "person")
