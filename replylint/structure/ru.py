"""Russian letter patterns (data only). Lines are cleaned first: Markdown and extra spaces gone."""
from __future__ import annotations

import re

from .common import LangPatterns

U = "А-ЯЁ"
L = "а-яё"
SURNAME = rf"[{U}][{L}]+(?:-[{U}][{L}]+)?"
# signers are also typed in capitals ("И.И. ИВАНОВ")
SIGNER_SURNAME = rf"(?:{SURNAME}|[{U}]{{2,}}(?:-[{U}]{{2,}})?)"
# OCR often turns Cyrillic initials into Latin look-alikes ("A.B. Николаев")
_I = rf"[{U}ABEKMHOPCTX]"
INITIALS = rf"{_I}\.(?:\s?-\s?{_I}\.)?\s?(?:{_I}\.?)?"  # "И.А.", "И. А.", "И.", "А.-М. П."

# The facts' patterns, each written once (structure/signer.py, structure/addressee_ru.py and the
# rules build on these sources):
# the salutation's opening words ("Уважаемый Иван Иванович!", "Здравствуйте, …", "Добрый день, …")
SALUTATION_OPENERS = (r"(?:Много)?[Уу]важаем(?:ый|ая|ые|ой)|[Дд]орог(?:ой|ая|ие)|[Зз]дравствуйте"
                      r"|[Дд]обр(?:ый|ое|ого)\s+(?:день|вечер|утро|времени\s+суток)")
# the closing before the signature
CLOSINGS = (r"С\s+уважением|С\s+наилучшими\s+пожеланиями|С\s+благодарностью|Всего\s+(?:доброго|хорошего)"
            r"|Искренне\s+Ваш[а]?")
# the executor's label ("Исп. Сидорова Е.К., тел. …")
EXECUTOR_LABELS = r"Исп\.|Исп:|Исп\s|Исп-ль|Исполнител[ьи]\b|Ответственный\s+исполнитель"
# the lines of an e-signature stamp ("ДОКУМЕНТ ПОДПИСАН ЭЛЕКТРОННОЙ ПОДПИСЬЮ", "Владелец …")
STAMP_OPENERS = (r"ДОКУМЕНТ\s+ПОДПИСАН|Документ\s+подписан|ЭЛЕКТРОННОЙ\s+ПОДПИСЬЮ|электронной\s+подписью"
                 r"|СВЕДЕНИЯ\s+О\s+СЕРТИФИКАТЕ|Сведения\s+о\s+сертификате|Сертификат|СЕРТИФИКАТ"
                 r"|Владелец|ВЛАДЕЛЕЦ|Действителен|ДЕЙСТВИТЕЛЕН|Подписано|Подлинник\s+электронного\s+документа"
                 r"|ПОДЛИННИК\s+ЭЛЕКТРОННОГО")

_sal = re.compile(rf"^(?:{SALUTATION_OPENERS})\b")

_closing = re.compile(rf"^(?:{CLOSINGS})\b[\s,.!]*", re.I)

_subject = [
    re.compile(rf"^(?:О|Об|Обо)\s+[{L}«\"]"),
    re.compile(r"^(?:По\s+вопросу|По\s+обращению|Относительно|На\s+обращение)\b"),
    re.compile(r"^(?:Тема|Тема письма)\s*:", re.I),
]

# The dative addressee: "Сидорчику И.А.", "И.А. Сидорчику", "Петровой Анне Сергеевне",
# a role in the dative ("Жителям …", "Директору …").
_addressee = [
    re.compile(rf"^{SURNAME}\s+{INITIALS}$"),
    re.compile(rf"^{INITIALS}\s?{SURNAME}$"),
    re.compile(rf"^{SURNAME}\s+[{U}][{L}]+\s+[{U}][{L}]+(?:вичу|вне|чне|ичу|ичне|оглы|кызы)$"),
    re.compile(r"^(?:Жителям|Жильцам|Собственникам|Гражданам|Гражданину|Гражданке|Директору|Генеральному"
               r"|Главе|Руководителю|Председателю|Начальнику|Заведующему|Заведующей|Президенту"
               r"|Уполномоченному|Депутату|Прокурору|Министру|Префекту|Господину|Госпоже|Г-ну|Г-же"
               r"|Управляющему|Заместителю|Ректору|Главному|Первому\s+заместителю"
               # plural addressees: "Руководителям управлений …", "Главам администраций …"
               r"|Руководителям|Главам|Директорам|Начальникам|Председателям|Заведующим|Членам|Родителям"
               r"|Участникам|Работникам|Сотрудникам|Пенсионерам|Ветеранам|Арендаторам|Пользователям)\b"),
]

_header_strong = [
    re.compile(r"\d{1,2}\.\d{1,2}\.\d{2,4}\s*(?:г\.?\s*)?(?:№|N[oº°]?\b|No\b)\s*\S"),
    re.compile(r"^(?:на|На|НА)\s*(?:№|N[oº°]?\b|No\b)"),
    re.compile(r"^(?:№|N[oº°]\b|No\b)\s*\S"),
    re.compile(r"^(?:№|N[oº°]|No)$"),
    re.compile(r"^(?:от|ОТ|OT|оТ)(?:\s.{0,30})?$"),
    re.compile(r"\b(?:ОКПО|ОГРН|ИНН|КПП|ОКОГУ|ОКВЭД|ОКАТО)\b"),
    re.compile(r"^(?:Тел|тел|ТЕЛ|Телефон|телефон|ТЕЛЕФОН|Факс|факс)\.?(?:\s?/\s?[Фф]акс)?\s*[:.]?\s*[\d+(]"),
    re.compile(r"^(?:E-mail|e-mail|Email|email|Эл\.\s*почта|Электронная\s+почта)\s*:?\s*\S+@"),
    re.compile(r"^(?:https?://|www\.)"),
    re.compile(r"(?:Юридический|Фактический|Почтовый)\s+адрес"),
    re.compile(r"^(?:ул\.|пр\.|пр-т|пл\.|пер\.|ш\.|б-р|наб\.|г\.|д\.)\s"),
    re.compile(r",\s*\d{6},?$"),
    re.compile(r"\b(?:ул\.|д\.|стр\.|корп\.|пр\.|пер\.)\s.*\b\d{6}\b"),
    re.compile(r"^\d{1,2}\.\d{1,2}\.\d{4}(?:\s*г\.?)?$"),
]

_header_org = [
    re.compile(r"^(?:Правительство|Министерство|Департамент|Управление|Управа|Администрация|Комитет"
               r"|Фонд|Отделение|Отдел|Филиал|Центр|Префектура|Заместитель\s+префекта|Инспекция|Служба"
               r"|Прокуратура|Главное\s+управление|ГКУ|ГБУ|ГАУ|МФЦ|МКУ|МБУ|ФГБУ|Мэрия|Совет|Дума"
               r"|Российская\s+Федерация|Москомархитектура)\b"
               r"|^(?:Государственн|Муниципальн|Федеральн|Территориальн|Казенн|Казённ|Бюджетн|Автономн)[а-я]{2,3}\s"),
    re.compile(r"^\([^()]{2,60}\)$"),
]

# the words a signer's position starts with ("Заместитель префекта", "Глава управы", "И.о. …")
POSITION_WORDS = (r"(?:Первый\s+|первый\s+)?(?:[Зз]аместитель|Зам\.|[Нн]ачальник|[Дд]иректор|[Гг]лава|[Рр]уководитель"
               r"|[Пп]редседатель|[Мм]инистр|[Пп]рефект|[Уу]правляющ|[Гг]лавный|[Вв]едущий|[Сс]тарший|[Сс]оветник"
               r"|[Кк]онсультант|[Сс]пециалист|[Ии]нспектор|[Уу]полномоченн|[Зз]аведующ|[Ии]сполняющ|И\.\s?о\."
               r"|[Вв]рио|ВРИО|[Пп]резидент|[Рр]ектор|[Гг]енеральн|[Пп]рокурор|[Мм]эр|[Гг]убернатор|[Сс]екретарь"
               r"|[Пп]омощник|[Рр]еферент|[Дд]ежурн|[Оо]ператор)")

_position = [re.compile(rf"^{POSITION_WORDS}")]

# Person names at the end of a line: the signer ("А.В. Николаев", "Николаев А.В.",
# "Николаев Алексей Викторович"); kind tells how strong the evidence is.
_name_end = [
    # (a surname in an oblique case, "к специалисту А.А. Петровой", is no signer)
    ("init", re.compile(rf"(?:^|\s){INITIALS}\s?(?![{U}][{L}]*(?:ову|еву|ину|ому|ему|ым|ого|овой|евой|иной|ской|цкой)\b)"
                        rf"{SIGNER_SURNAME}(?:\s\([^()]{{1,20}}\))?$")),
    ("surname", re.compile(rf"(?:^|\s){SIGNER_SURNAME}\s+{INITIALS}(?:\s\([^()]{{1,20}}\))?$")),
    ("full", re.compile(rf"^{SURNAME}\s+[{U}][{L}]+\s+[{U}][{L}]+(?:вич|вна|чна|ична|ич|оглы|кызы)$")),
    # "Мария Иванова" in e-mails: accepted only right after a closing line (see the segmenter)
    ("pair", re.compile(rf"^[{U}][{L}]+\s+{SURNAME}$")),
]

_executor = [re.compile(rf"^(?:{EXECUTOR_LABELS})", re.I)]

_contact = [
    re.compile(r"^(?:Контакт-центр|Контактный\s+центр|Справочная\s+служба|Справочная|Горячая\s+линия"
               r"|Единая\s+справочная|Call-центр|Колл-центр)", re.I),
]

_stamp = [re.compile(rf"^(?:{STAMP_OPENERS})")]

_recipients = [re.compile(r"^(?:Рассылка|Разослать|Копия|Копии)\s*:", re.I)]
_attachments = [re.compile(r"^(?:Приложени[ея]|Прилож\.)\s*(?::|на\s+\d|№|\d|$)", re.I)]

PATTERNS = LangPatterns(
    salutation=[_sal],
    closing=[_closing],
    subject=_subject,
    addressee_line=_addressee,
    header_strong=_header_strong,
    header_org=_header_org,
    position=_position,
    name_end=_name_end,
    executor=_executor,
    contact=_contact,
    stamp=_stamp,
    recipients=_recipients,
    attachments=_attachments,
)
