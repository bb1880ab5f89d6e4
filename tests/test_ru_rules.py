"""Near misses of the Russian rules beyond their YAML examples: negation, modality,
quotations, other people's surnames, act numbers, dates."""
from pathlib import Path

import pytest

from replylint.linter import document_from_text, lint
from replylint.packs import load_pack

RULES = {r.id: r for r in load_pack(Path(__file__).resolve().parents[1] / "rules" / "ru")}
HEAD = "Захаровой Е.В.\nул. Магистральная, д. 9, кв. 51,\nг. Кстово, 607661\n\nУважаемая Елена Викторовна!\n\n"
SIGN = "\n\nДиректор\nС.Н. Лебедев\n\nИсп. Баранова О.И.\n8 (83145) 3-12-17\n"


def run(rule_id, body, head=HEAD, kind="letter", metadata=None):
    doc = document_from_text(head + body + SIGN, lang="ru", kind=kind, metadata=metadata)
    return [d for d in lint(doc, [RULES[rule_id]])]


def fires(rule_id, body, **kw):
    return bool(run(rule_id, body, **kw))


# ---------------------------------------------------------------- third person
def test_third_person_any_case():
    assert fires("ru.third-person-address", "Захарова Е.В. зарегистрирована в центре занятости с 14.01.2026.")
    assert fires("ru.third-person-address", "Направить Захарову на обучение в мае не представляется возможным, поскольку набор завершен.")


def test_third_person_other_people():
    body = ("Ваш консультант – ведущий инспектор Захарова Ольга Ивановна. Консультацию также проводит "
            "Захаров П.С. Обратитесь к Баранову И.И.")
    assert not fires("ru.third-person-address", body)


def test_third_person_salutation_and_quoted_law():
    body = ("Согласно ч. 1 ст. 7 Федерального закона № 210-ФЗ «заявитель вправе представить документы "
            "по собственной инициативе». Беззаявительный порядок применяется с 01.01.2026.")
    assert not fires("ru.third-person-address", body)


def test_third_person_zayavitel_fires():
    d = run("ru.third-person-address", "По обращению заявителя проведена проверка.")
    assert [x.match for x in d] == ["заявителя"]


# ---------------------------------------------------------------- Вы
def test_vy_capital_skips_quotes_and_plural():
    assert not fires("ru.vy-capital", "В обращении Вы пишете: «вы не ответили на мой вопрос».")
    plural = "Жителям дома № 5\nпо ул. Ленина\n\nУважаемые жители!\n\n"
    assert not fires("ru.vy-capital", "Сообщаем вам, что работы выполнены.", head=plural)


def test_vy_capital_suggestion_is_the_fix():
    d = run("ru.vy-capital", "Сообщаем вам, что ваше заявление принято.")
    assert [(x.match, x.suggestion, x.fixable) for x in d] == [("вам", "Вам", True), ("ваше", "Ваше", True)]


# ---------------------------------------------------------------- apology
@pytest.mark.parametrize("body", [
    "Доводы, изложенные в Вашем обращении, не подтвердились.",
    "Нарушений со стороны работников центра не выявлено.",
    "Ошибок при расчете не допущено.",
    "Обоснованность Ваших доводов будет проверена до 01.06.2026.",
    "Если доводы подтвердятся, специалист будет привлечен к ответственности.",
    "Факты, изложенные в обращении, не нашли подтверждения.",
])
def test_apology_not_needed(body):
    assert not fires("ru.apology-missing", body)


@pytest.mark.parametrize("body", [
    "Факты, изложенные в обращении, нашли подтверждение.",
    "Ваша жалоба на действия специалиста признана обоснованной.",
    "Специалистом отдела допущена ошибка при расчете пособия.",
])
def test_apology_needed(body):
    assert fires("ru.apology-missing", body)
    assert not fires("ru.apology-missing", body + " Приносим Вам извинения за доставленные неудобства.")


# ---------------------------------------------------------------- refusal
def test_refusal_grounds():
    assert fires("ru.refusal-without-reason", "Вам отказано в предоставлении субсидии.")
    assert not fires("ru.refusal-without-reason",
                     "Вам отказано в предоставлении субсидии. Основанием является пункт 5 Порядка, утвержденного постановлением № 12 от 01.02.2024.")
    assert not fires("ru.refusal-without-reason",
                     "Вам отказано в предоставлении субсидии в связи с тем, что доход семьи превышает порог.")
    assert not fires("ru.refusal-without-reason", "Отказ в предоставлении субсидии может быть обжалован в суд.")
    assert not fires("ru.refusal-without-reason", "Вы вправе отказаться от участия в программе.")


# ---------------------------------------------------------------- abbreviations
def test_abbreviations_codes_and_definitions():
    body = ("Постановлением № 2334-ПП и законом № 59-ФЗ, ГОСТ 26804-86, СП 42.13330.2016 установлено. "
            "ООО «Ромашка» и ГБУ «Жилищник» уведомлены. Многофункциональный центр (МФЦ) работает. В МФЦ выдают паспорта.")
    assert not fires("ru.abbreviation-undefined", body)
    d = run("ru.abbreviation-undefined", "Документы поступили в УСЗН. УСЗН рассмотрит их.")
    assert [x.match for x in d] == ["УСЗН"]


def test_abbreviation_allow_option():
    doc = document_from_text(HEAD + "Документы поступили в УСЗН." + SIGN, lang="ru")
    assert not lint(doc, [RULES["ru.abbreviation-undefined"]],
                    rule_options={"ru.abbreviation-undefined": {"allow": ["УСЗН"]}})
    doc = document_from_text(HEAD + "Документы поступили в УСЗН." + SIGN, lang="ru")
    assert not lint(doc, [RULES["ru.abbreviation-undefined"]], settings={"allowed_abbreviations": ["УСЗН"]})


# ---------------------------------------------------------------- dates
def test_deadline():
    head = "20.05.2026 № 14-02/1187\nна № З-512 от 02.04.2026\n\n" + HEAD
    assert fires("ru.deadline", "Центр рассмотрел Ваше обращение.", head=head)
    head_ok = "24.04.2026 № 14-02/1187\nна № З-512 от 02.04.2026\n\n" + HEAD
    assert not fires("ru.deadline", "Центр рассмотрел Ваше обращение.", head=head_ok)
    assert not fires("ru.deadline", "Срок рассмотрения обращения продлён до 25.05.2026.", head=head)


def test_deadline_email_date_header():
    meta = {"date": "Wed, 20 May 2026 14:25:08 +0300"}
    assert fires("ru.deadline", "Ваше обращение от 02.04.2026 рассмотрено.",
                 head="Уважаемая Елена Викторовна!\n\n", kind="email", metadata=meta)


# ---------------------------------------------------------------- lists
def test_colloquial_codes_and_surname():
    head = "Оку А.Б.\nул. Ленина, д. 1\n\nУважаемый Антон Борисович!\n\n"
    assert not fires("ru.colloquial", "Коды ОКПО 12458867, ОКВЭД 84.11 указаны верно.", head=head)
    assert fires("ru.colloquial", "Ок, документы получили, щас передадим.")


def test_informal_abbreviation_quiet_units_and_acts():
    body = ("Выплата 1 482 руб. по адресу: г. Тверь, ул. Советская, д. 42, кв. 5, тел. 8 (4822) 78-60-15 доб. 3; "
            "см. п. 3 ч. 1 ст. 12, и т.д., и т.п.")
    assert not fires("ru.informal-abbreviation", body)
    d = run("ru.informal-abbreviation", "Приходите утром, т.к. днем приема нет.")
    assert d and d[0].suggestion == "так как" and d[0].fixable


def test_vague_wording():
    assert fires("ru.vague-wording", "Работы будут выполнены в кратчайшие сроки.")
    assert not fires("ru.vague-wording", "Работы будут выполнены в кратчайшие сроки, до 01.12.2026.")
    assert not fires("ru.vague-wording", "Заявление рассмотрено в установленном порядке (ст. 12 Федерального закона № 59-ФЗ).")


def test_rude_and_neutral_reference():
    assert fires("ru.rude-tone", "Как Вам уже сообщалось, вопрос решен.")
    assert not fires("ru.rude-tone", "Как сообщалось ранее в письме от 12.02.2026 № 05-0311, вопрос решен.")


def test_discriminatory_neutral_category():
    assert not fires("ru.discriminatory", "Граждане пожилого возраста имеют право на бесплатную юридическую помощь.")
    assert fires("ru.discriminatory", "В Ваши годы переобучаться уже поздно.")


# ---------------------------------------------------------------- generalisation (tests/corpus/ru/a*)
@pytest.mark.parametrize("body", [
    "Учитывая Ваш возраст, обучение программированию Вам не подойдет.",
    "Приезжие из Средней Азии часто представляют поддельные договоры, поэтому к таким заявлениям особое отношение.",
    "Как многодетной матери Вам лучше не устраиваться на работу с графиком сменности.",
    "Вы, как иностранец, должны сначала выучить русский язык.",
    "Вашей семье с таким доходом рассчитывать на квартиру в центре не стоит.",
])
def test_discriminatory_trait_and_judgement(body):
    assert fires("ru.discriminatory", body)


@pytest.mark.parametrize("body", [
    "Если Вам трудно прийти лично из-за возраста, специалист приедет к Вам на дом.",
    "Иностранные граждане обязаны встать на миграционный учет в течение семи рабочих дней.",
    "Многодетным семьям земельные участки предоставляются бесплатно.",
    "Работодатели неохотно берут граждан предпенсионного возраста, поэтому центр занятости предлагает Вам обучение.",
    "Иностранные граждане часто обращаются к нам с вопросом о патенте, поэтому памятка размещена на сайте.",
    "Вакансия слишком удалена от Вашего места жительства, поэтому мы подобрали другие варианты.",
])
def test_discriminatory_neutral(body):
    assert not fires("ru.discriminatory", body)


@pytest.mark.parametrize("body", [
    "Вам следовало бы внимательнее читать уведомления.",
    "Вы не удосужились представить справку.",
    "Ваши претензии безосновательны.",
    "Вам должно быть известно, что срок подачи истек 01.03.2026.",
    "Вы, видимо, не поняли ответ управления.",
    "Вы пытаетесь ввести управление в заблуждение.",
])
def test_rude_reproach(body):
    assert fires("ru.rude-tone", body)


@pytest.mark.parametrize("body", [
    "Для получения выплаты Вам следует обратиться в клиентскую службу.",
    "Ваши доводы о нарушении сроков не подтвердились, поскольку заявление рассмотрено 10.03.2026.",
    "Вы должны представить справку до 01.06.2026.",
])
def test_rude_neutral(body):
    assert not fires("ru.rude-tone", body)


@pytest.mark.parametrize("body,expected", [
    ("Выплата была задержана из-за ошибки специалиста отдела.", True),
    ("Проверкой установлено, что заявление было утеряно сотрудником отдела.", True),
    ("Установлено, что специалист нарушил порядок приема документов.", True),
    ("Факт нарушения срока выдачи документов подтвержден.", True),
    ("Управляющей организацией допущено нарушение температурного режима.", False),
    ("Факт проживания подтвержден актом обследования.", False),
    ("Сведения о доходах подтвердились, поэтому решение оставлено без изменения.", False),
    ("Если будет установлено, что допущена ошибка, выплата будет пересчитана.", False),
])
def test_apology_findings(body, expected):
    assert fires("ru.apology-missing", body) is expected


def test_refusal_conditions_and_negative_decision():
    assert not fires("ru.refusal-without-reason", "Если Вам откажут в приеме документов, сообщите об этом.")
    assert fires("ru.refusal-without-reason", "По Вашему заявлению принято отрицательное решение.")
    assert fires("ru.refusal-without-reason", "Ваше заявление отклонено.")


def test_vague_promise_after_short_participle():
    assert fires("ru.vague-wording", "Документы будут рассмотрены в установленном порядке.")
    assert not fires("ru.vague-wording", "Проект утвержден в установленном порядке.")


def test_colloquial_ok_sentence():
    assert fires("ru.colloquial", "Ок. Документы получены.")
    assert not fires("ru.colloquial", "Пункт выдачи находится ок. 10 км от города.")


@pytest.mark.parametrize("head", [
    "Исх. № 14-02/1187 от 20.05.2026\nна вх. № З-512 от 02.04.2026\n\n",
    "Дата: 20.05.2026 Исх. № 14-02/1187\n\n",
])
def test_deadline_registration_forms(head):
    body = "Ваше обращение, поступившее 02.04.2026, рассмотрено."
    assert fires("ru.deadline", body, head=head + HEAD)


def test_abbreviation_defined_with_commas():
    assert not fires("ru.abbreviation-undefined",
                     "Управление социальной защиты населения, далее – УСЗН, рассмотрело обращение. УСЗН сообщает.")
