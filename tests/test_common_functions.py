"""Unit tests of the common pack's Python checks: checksums, masking, e-mail metadata, working
hours, signature detection; and the labelled corpus for the common rules owned here."""
from datetime import datetime, time, timedelta, timezone
from pathlib import Path

import pytest
import yaml

from replylint.linter import document_from_text, lint
from replylint.packs import builtin_rules_dir, load_pack
from replylint.rules_py.common import after_hours as hours, personal_data as ids, personal_mailbox as mailbox
from replylint.structure import signer as sig

MINE = {"common.placeholder", "common.shouting", "common.personal-data",
        "common.signature-missing", "common.signature-contact", "common.subject-missing",
        "common.personal-mailbox", "common.after-hours"}
RULES = {r.id: r for r in load_pack(Path(builtin_rules_dir()) / "common")}


def run(rule_id, text, lang="ru", kind="letter", metadata=None, settings=None):
    doc = document_from_text(text, lang=lang, kind=kind, metadata=metadata)
    return lint(doc, [RULES[rule_id]], settings=settings)


# ------------------------------------------------------------------ identifiers

def test_luhn_and_card_detection():
    assert ids.luhn("4276380012345679")
    assert not ids.luhn("4276380012345678")
    found = ids.find_identifiers("Карта 4276 3800 1234 5679, карта 2200-7004-1234-5679.", "ru")
    assert [k for *_, k in found] == ["card", "card"]


def test_ogrn_is_not_a_card_even_when_luhn_valid():
    assert ids.luhn("1025202841124")
    assert not ids.find_identifiers("ОГРН 1025202841124, ИНН 5250012343", "ru")
    assert not ids.find_identifiers("Номер 1025202841124 в реестре", "ru")


def test_snils_checksum():
    assert ids.snils_ok("11223344595")
    assert not ids.snils_ok("11223344596")
    assert not ids.snils_ok("00100100001")        # below the checksum range
    found = ids.find_identifiers("СНИЛС 112-233-445 95", "ru")
    assert found and found[0][3] == "snils"
    assert not ids.find_identifiers("СНИЛС 112-233-445 96", "ru") or \
        ids.find_identifiers("СНИЛС 112-233-445 96", "ru")[0][3] != "snils"


def test_inn_person_and_organisation():
    assert ids.inn12_ok("500100732259")
    assert not ids.inn12_ok("500100732258")
    assert ids.inn10_ok("7702149170")
    assert ids.find_identifiers("ИНН 500100732259", "ru")[0][3] == "inn"
    # an organisation's ИНН/КПП (10 digits) and a 12-digit ИНН in the letterhead are quiet
    assert not ids.find_identifiers("ИНН/КПП 7702149170/770201001", "ru")
    assert not ids.find_identifiers("ИНН 500100732259", "ru", header_spans=[(0, 100)])


def test_passport_and_oms():
    f = ids.find_identifiers("паспорт серия 45 06 № 123456 выдан", "ru")
    assert f and f[0][3] == "passport"
    assert ids.mask("45 06 № 123456", 2) == "** ** № ****56"
    f = ids.find_identifiers("полис ОМС № 7751 2300 1234 5678", "ru")
    assert f and f[0][3] == "oms"


def test_cccd_structure():
    assert ids.cccd_ok("089086004215")          # An Giang, male born 1986
    assert not ids.cccd_ok("003086004215")      # no province 003
    assert not ids.cccd_ok("089586004215")      # century digit 5
    assert not ids.cccd_ok("089399004215", today=datetime(2026, 1, 1).date())  # born 2099
    assert ids.find_identifiers("Căn cước số 089086004215", "vi")[0][3] == "cccd"
    assert ids.find_identifiers("số CMND 212345678", "vi")[0][3] == "cmnd"


def test_mask_keeps_separators():
    assert ids.mask("112-233-445 95", 2) == "***-***-*** 95"
    assert ids.mask("4276 3800 1234 5679", 4) == "**** **** **** 5679"


@pytest.mark.parametrize("text", [
    "Телефон: 8 (495) 539-54-54, +7 (495) 787-43-30, доб. 4787",
    "№ 01-05-7892/26 от 24.04.2026, на № 57518839 от 31.03.2026",
    "Москва, 127994; ОКПО 42424932, ОГРН 1037700088403",
    "Сертификат: 00AECE42A87D7B8726BE847CC34D9A8F17\nВладелец: Латыпов Роман Маратович",
    "машина № 165024 в 22:06, маршрут № 688, ID 57749841",
])
def test_personal_data_quiet(text):
    assert not run("common.personal-data", text)


# ------------------------------------------------------------------ e-mail

def test_public_and_work_domains():
    assert mailbox.is_public("gmail.com") and mailbox.is_public("mail.ru") and mailbox.is_public("yahoo.com.vn")
    assert mailbox.is_public("gmx.de") and not mailbox.is_public("mos.ru")
    meta = {"from_address": "ivanov@czn.cap.ru", "subject": "Ответ"}
    assert not run("common.personal-mailbox", "Текст.", kind="email", metadata=meta)
    assert run("common.personal-mailbox", "Текст.", kind="email", metadata=meta,
               settings={"work_domains": ["mos.ru"]})
    assert not run("common.personal-mailbox", "Текст.", kind="email", metadata=meta,
                   settings={"work_domains": ["cap.ru"]})


def test_personal_mailbox_only_for_emails():
    assert not run("common.personal-mailbox", "Текст.", metadata={"from_address": "x@gmail.com"})


def test_working_hours_defaults_and_settings():
    msk = timezone(timedelta(hours=3))
    wd = {"start": "08:00", "end": "18:00", "days": [1, 2, 3, 4, 5]}
    assert hours.outside_hours(datetime(2026, 4, 16, 20, 17, tzinfo=msk), wd)       # Thu 20:17
    assert not hours.outside_hours(datetime(2026, 4, 16, 17, 59, tzinfo=msk), wd)
    assert hours.outside_hours(datetime(2026, 3, 21, 10, 0, tzinfo=msk), wd)        # Saturday
    assert hours.outside_hours(datetime(2026, 4, 16, 7, 59, tzinfo=msk), wd)
    # judged in the office's zone when configured: 16:30 UTC is 19:30 in Moscow
    utc = datetime(2026, 4, 16, 16, 30, tzinfo=timezone.utc)
    assert not hours.outside_hours(utc, wd)
    assert hours.outside_hours(utc, wd, hours.parse_tz("+03:00"))
    assert hours.outside_hours(utc, wd, hours.parse_tz("Europe/Moscow"))
    assert hours.parse_hhmm(480, time(0)) == time(8, 0)     # YAML 1.1 sexagesimal 08:00


def test_after_hours_from_raw_date_and_settings():
    meta = {"date": "Thu, 16 Apr 2026 19:17:44 +0300"}
    assert run("common.after-hours", "Текст.", kind="email", metadata=meta)
    late = {"working_hours": {"start": "09:00", "end": "20:00", "days": [1, 2, 3, 4, 5]}}
    assert not run("common.after-hours", "Текст.", kind="email", metadata=meta, settings=late)
    assert not run("common.after-hours", "Текст.", kind="email", metadata={"date": "garbage"})
    assert not run("common.after-hours", "Текст.", kind="email", metadata={})


def test_subject_missing():
    assert run("common.subject-missing", "Текст.", kind="email", metadata={"subject": None})
    assert run("common.subject-missing", "Текст.", kind="email", metadata={"subject": ""})
    assert not run("common.subject-missing", "Текст.", kind="email", metadata={"subject": "Ответ"})
    assert not run("common.subject-missing", "Текст без метаданных.", kind="email")
    cv = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/UBND-VP\n\nKính gửi: Ông A.\n\nNội dung."
    assert run("common.subject-missing", cv, lang="vi")
    assert not run("common.subject-missing", cv.replace("\n\nKính", "\nV/v trả lời đơn\n\nKính"), lang="vi")
    # a two-column line: number on the left, trích yếu on the right
    assert not run("common.subject-missing", cv.replace("Số: 12/UBND-VP", "Số: 12/UBND-VP      V/v trả lời"), lang="vi")


# ------------------------------------------------------------------ signature

def test_phones():
    got = [m.group() for m in sig.phones("тел. 8 (8352) 62-17-41; 8(495)361-7940 (2274); 0263 3545 212; "
                                         "№ 01-05-7892/26 от 24.04.2026; тел. 62-17-41")]
    assert got == ["8 (8352) 62-17-41", "8(495)361-7940", "0263 3545 212", "62-17-41"]


@pytest.mark.parametrize("tail", [
    "С уважением,\nНачальник отдела\nпо городу Чебоксары                     А.В. Николаев",
    "Глава управы района Бибирево  \nгорода Москвы  \n**Д.А. Соловьёв**",
    "Первый заместитель руководителя Департамента - руководитель контрактной службы Р.М. Латыпов",
    "С уважением,\nЕкатерина Иванова\nглавный специалист",
    "Заместитель управляющего Отделением\nО.В. Михайлова\n\nДОКУМЕНТ ПОДПИСАН\nЭЛЕКТРОННОЙ ПОДПИСЬЮ\n"
    "Сертификат 02A7F3C91D4B00E85E41C6B2\nВладелец Михайлова Ольга Валентиновна",
])
def test_signature_found_ru(tail):
    assert not run("common.signature-missing", "Ваше обращение рассмотрено по существу.\n\n" + tail)


@pytest.mark.parametrize("tail", [
    "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNgô Thị Bích Vân",
    "KT. TRƯỞNG THUẾ CƠ SỞ\nPHÓ TRƯỞNG THUẾ CƠ SỞ\n\nDương Minh Triết",
    "GIÁM ĐỐC\n\nTRỊNH QUANG VINH",
    "Nguyễn Hoàng Phúc\nChuyên viên Bộ phận Tiếp nhận và Trả kết quả\nĐiện thoại: 0263 3545 212",
])
def test_signature_found_vi(tail):
    assert not run("common.signature-missing", "Sở Y tế trả lời để Bà được biết./.\n\n" + tail, lang="vi")


def test_signature_missing_office_name_or_executor_only():
    assert run("common.signature-missing", "Текст ответа.\n\nС уважением,\nУправление № 24\n\n"
               "Исп. Сизова Л.А.\nтел. 8 (3439) 39-67-52")
    assert run("common.signature-missing", "Nội dung trả lời.\n\nTrân trọng./.\n\nỦy ban nhân dân phường Hồng Gai",
               lang="vi")


def test_signature_contact_letterhead_phone_does_not_count():
    head = "Управа района\nТелефон: (499) 206-34-50\n\nУважаемая Вера Игоревна!\n\n"
    assert run("common.signature-contact", head + "Доводы не подтвердились.\n\nГлава управы\nД.А. Соловьёв")
    assert not run("common.signature-contact", head + "Доводы не подтвердились.\n\nГлава управы\nД.А. Соловьёв"
                   "\n\nИсп. Морозова Е.С.\n(499) 206-34-57")
    # Vietnamese letters (not e-mails) are not checked
    assert not run("common.signature-contact", "Nội dung.\n\nGIÁM ĐỐC\n\nTrịnh Quang Vinh", lang="vi")


# ------------------------------------------------------------------ labelled corpus

def _corpus_docs(shared_corpus):
    from replylint.language import detect
    from replylint.readers import read
    for exp in sorted((shared_corpus / "labeled").glob("*/*.expect.yaml")):
        src = exp.with_name(exp.name[: -len(".expect.yaml")])
        doc = read(str(src))
        if doc.lang in (None, "unknown"):
            doc.lang = detect(doc.text)
        if src.suffix == ".eml":
            doc.kind = "email"
        yield src.name, doc, set(yaml.safe_load(exp.read_text())["fire"] or [])


def test_labelled_corpus_common_rules(shared_corpus):
    rules = [RULES[i] for i in sorted(MINE)]
    problems = []
    for name, doc, expected in _corpus_docs(shared_corpus):
        got = {d.rule for d in lint(doc, rules)}
        want = expected & MINE
        if got != want:
            problems.append(f"{name}: missing {sorted(want - got)}, extra {sorted(got - want)}")
    assert not problems, "\n".join(problems)


# ------------------------------------------------------------------ near misses from tests/corpus c01-c14

@pytest.mark.parametrize("text,lang,kind", [
    ("Ông nhận tiền qua số thẻ 9704 2215 3467 8216 mở tại ngân hàng.", "vi", "card"),         # Napas
    ("на индивидуальном лицевом счете СНИЛС 134-578-206 69, поскольку", "ru", "snils"),
    ("Страховой номер индивидуального лицевого счета 134 578 206 69 указан верно.", "ru", "snils"),
    ("номер Вашей карты: 2202201145789034", "ru", "card"),
    ("паспорт серия 97 04 № 512345, ИНН 212804731609", "ru", "passport"),
])
def test_personal_data_labelled_forms(text, lang, kind):
    found = ids.find_identifiers(text, lang)
    assert found and found[0][3] == kind


@pytest.mark.parametrize("text", [
    "Ваше обращение зарегистрировано на портале под номером 2202201145789034.",
    "р/с 03100643000000013600 в Отделении Тверь, БИК 012809106",
    "Сертификат 4F2A90C1D7E36B5508A1C4E7\nДействителен с 20.01.2026 по 15.04.2027",
    "Số biên nhận hồ sơ 079260410012.",
])
def test_personal_data_quiet_numbers(text):
    assert not ids.find_identifiers(text, "vi" if "Số" in text else "ru")


SIG_BODY = ("Уважаемая Анна Сергеевна!\n\nУправа рассмотрела Ваше обращение о ремонте детской площадки. "
            "Работы будут выполнены до 31.08.2026.\n\n")


@pytest.mark.parametrize("tail", [
    # the mos.ru stamp footer is prose-like but not the letter's text
    "Глава управы                                   А.Н. Смирнов\n\nПодлинник электронного документа, "
    "подписанного ЭП, хранится в системе электронного документооборота Правительства Москвы.\n\n"
    "СВЕДЕНИЯ О СЕРТИФИКАТЕ ЭП\nСертификат: 00AECE42A87D7B8726BE847CC34D9A8F17\nВладелец: Смирнов Андрей Николаевич\n\n"
    "Исп. Козлова Е.В.\nтел. 8 (499) 204-12-33\n",
    "Глава управы\nА.Н. СМИРНОВ\n\nИсп. Козлова Е.В., тел. 8 (499) 204-12-33\n",
    "| Глава управы | А.Н. Смирнов |\n|---|---|\n\nИсп. Козлова Е.В., 8 (499) 204-12-33\n",
    "Глава управыА.Н. Смирнов\n\nИсп. Козлова Е.В.\nтел. 8 (499) 204-12-33\n",     # HTML span glued
])
def test_signature_found_in_stamped_or_reformatted_tails(tail):
    assert not run("common.signature-missing", SIG_BODY + tail)
    assert not run("common.signature-contact", SIG_BODY + tail)


def test_vietnamese_ethnic_name_signs():
    text = ("Kính gửi: Bà Lê Thị Hạnh.\n\nỦy ban nhân dân xã trả lời để Bà được biết./.\n\nNơi nhận:\n- Như trên;\n"
            "- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nH'Zen Niê\n")
    assert not run("common.signature-missing", text, lang="vi")


EMAIL_BODY = ("Уважаемая Анна Сергеевна!\n\nВаше обращение рассмотрено. Справка будет готова 15.05.2026.\n\n"
              "С уважением,\nглавный специалист отдела\nЕ.В. Козлова\n")


@pytest.mark.parametrize("quoted", [
    "\n14.04.2026, 09:41, \"Анна Егорова\" <a.egorova@yandex.ru>:\n> Прошу сообщить срок.\n> Тел. 8 (917) 654-32-10\n",
    "\nОт: Анна Егорова <a.egorova@yandex.ru>\nОтправлено: 14 апреля 2026 г. 9:41\nТема: Справка\n\n"
    "Прошу сообщить срок. Мой телефон 8 (917) 654-32-10.\n",
])
def test_quoted_citizen_phone_is_not_the_signer_contact(quoted):
    assert run("common.signature-contact", EMAIL_BODY + quoted, kind="email")
    assert run("common.signature-contact", EMAIL_BODY + "тел. 8 (8352) 62-17-41\n" + quoted, kind="email") == []


def test_mail_system_footer_does_not_hide_the_signature_phone():
    text = EMAIL_BODY + "тел. 8 (495) 620-17-41\n\nВнимание! Это письмо сформировано автоматически, не отвечайте на него.\n"
    assert not run("common.signature-contact", text, kind="email")
    assert not run("common.signature-missing", text, kind="email")


@pytest.mark.parametrize("text,lang", [
    ("паспорт гражданина Российской Федерации 97 04 512345 выдан МВД по Чувашской Республике", "ru"),
    ("заграничный паспорт № 75 1234567 оформлен", "ru"),
    ("Hộ chiếu số C1234567 của Ông đã được cấp.", "vi"),
])
def test_passport_forms(text, lang):
    found = ids.find_identifiers(text, lang)
    assert found and found[0][3] == "passport"


@pytest.mark.parametrize("text,lang", [
    ("паспорт, выданный в 2004 году, недействителен", "ru"),
    ("Hộ chiếu phổ thông được cấp trong 08 ngày làm việc.", "vi"),
])
def test_passport_label_without_number_is_quiet(text, lang):
    assert not ids.find_identifiers(text, lang)
