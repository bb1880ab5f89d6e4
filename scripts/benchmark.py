#!/usr/bin/env python3
"""Benchmark replylint on two-page letters, with proselint on English letters as the peer.

What it measures, each in fresh subprocesses (wall time as a user sees it, and the CPU time
user + system of the process and its workers, which other load on the machine hardly changes):

1. cold start: ``replylint --version``, ``replylint rules`` (no NLP) and checking ONE letter per
   language (interpreter, imports, rule packs, the spaCy / pymorphy3 / pyvi pipeline), each after
   one untimed run: a user's second run, with the bytecode and the pack compile markers on disk
   (the runs drop PYTHONDONTWRITEBYTECODE, as pip compiles an installed package);
2. throughput: ``replylint check DIR --format json --fail-on never --no-config --jobs N`` on the
   Russian and the Vietnamese letters, for each value of ``--jobs-list`` (default: 1 and all
   cores), and the CPU per letter once started (the run's CPU less a one-letter run's);
3. size scaling: one document per process, timed after a warm-up letter: letters of 1, 2, 8 and
   32 pages, 1 MB and 5 MB texts and the 5 MB text as one line (stopped after ``--cpu-limit``
   CPU seconds);
4. a batch of ``--batch`` letters (half ru, half vi) in one process: peak memory, and, when the
   CLI has a result cache, the re-run on the unchanged files;
5. the peer: ``proselint check`` on English letters of the same size (files/s, CPU, cold start);
   the last table gives every goal as a ratio to the peer (or to the reference row).

Every row gives the 1-minute load average when it started (the machine may be shared: compare
CPU s, and ratios to the peer measured in the same run). Peak memory is the max RSS of the largest process (``os.wait4`` rusage) and the sampled sum over
the process tree. The corpus is generated deterministically (``--seed``) from real paragraphs of
``../shared/corpus`` when that folder exists, else from a small built-in set, or read from
``--corpus DIR`` (``DIR/ru``, ``DIR/vi``, optional ``DIR/en``; a folder without those
subfolders is checked as one corpus). The report is a Markdown table on stdout (and ``--json``).
The script always exits 0 after a measurement run: a failing tool is a row in the table.

    python scripts/benchmark.py                 # everything, ≈ 8 min on 2 idle cores: 200 letters
                                                # per language at --jobs 1 and 2, a batch of 1000
    python scripts/benchmark.py --quick         # ≈ 2 min: 20 letters per language, a batch of 100,
                                                # one cold-start run, scaling stopped at 20 s CPU
    python scripts/benchmark.py --only cold,throughput
"""
from __future__ import annotations

import argparse
import datetime as _dt
import email
import email.policy
import json
import os
import platform
import random
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED_CORPUS = REPO.parent / "shared" / "corpus"

# Size of a two-page letter, whole letter counted (letterhead to signature).
# ru / en: words; vi: syllables (Vietnamese writes one syllable per space-separated unit).
TARGET = {"ru": (550, 650), "vi": (850, 950), "en": (550, 650)}

_HAS_ALNUM = re.compile(r"[^\W_]")
_SENT_SPLIT = re.compile(r"(?<=[.!?…])\s+(?=[«\"„(0-9A-ZА-ЯЁÀ-ỸĐ])")


def count_units(text: str, lang: str) -> int:
    """Words (ru, en) or syllables (vi) in text: space-separated units with a letter or digit, as a
    word processor counts them (Vietnamese writes every syllable apart, so lang only names the unit)."""
    return sum(1 for unit in text.split() if _HAS_ALNUM.search(unit))


# ============================================================== built-in paragraphs

BUILTIN = {
    "ru": [
        "Ваше обращение, поступившее в управление социальной защиты населения, рассмотрено в "
        "порядке, установленном Федеральным законом от 02.05.2006 № 59-ФЗ «О порядке "
        "рассмотрения обращений граждан Российской Федерации». По результатам рассмотрения "
        "сообщаем следующее.",
        "Ежемесячная денежная выплата назначена Вам с 01.02.2026 на основании заявления, "
        "поданного через многофункциональный центр. Размер выплаты определен исходя из "
        "величины прожиточного минимума, установленной в регионе на 2026 год, и составляет "
        "7 412 рублей в месяц. Выплата производится через кредитную организацию, указанную "
        "в заявлении, не позднее 25 числа текущего месяца.",
        "Перерасчет размера выплаты за период с 01.11.2025 по 31.01.2026 проведен в марте "
        "2026 года после поступления сведений о доходах членов семьи из Социального фонда "
        "России и Федеральной налоговой службы. Сумма доплаты в размере 3 186 рублей "
        "перечислена на Ваш счет 18.03.2026. Ошибок при расчете не выявлено.",
        "В соответствии с пунктом 12 Порядка предоставления мер социальной поддержки, "
        "утвержденного постановлением Правительства области от 14.09.2021 № 388, для "
        "продления выплаты на следующий период необходимо представить справку о составе "
        "семьи и сведения о доходах за последние двенадцать месяцев. Документы можно подать "
        "лично, через многофункциональный центр или в электронном виде на Едином портале "
        "государственных и муниципальных услуг.",
        "По вопросу о ремонте кровли многоквартирного дома сообщаем, что дом включен в "
        "региональную программу капитального ремонта на 2027–2029 годы. Обследование "
        "технического состояния кровли проведено управляющей организацией 11.03.2026, "
        "по его результатам выполнен частичный ремонт над подъездами № 2 и № 3. Контроль за "
        "выполнением работ возложен на жилищную инспекцию района.",
        "Обращаем внимание, что срок рассмотрения письменного обращения составляет 30 дней "
        "со дня его регистрации. В исключительных случаях руководитель органа вправе продлить "
        "этот срок не более чем на 30 дней, уведомив о продлении гражданина, направившего "
        "обращение.",
        "Если Вы не согласны с принятым решением, Вы вправе обжаловать его в вышестоящий "
        "орган или в суд в порядке, установленном законодательством Российской Федерации. "
        "Жалоба может быть подана в письменной форме на бумажном носителе, в электронной "
        "форме или при личном приеме.",
        "Дополнительно сообщаем, что прием граждан по вопросам назначения мер социальной "
        "поддержки ведется специалистами отдела по понедельникам и средам с 9:00 до 13:00 "
        "по адресу: ул. Ленина, д. 15, каб. 104. Предварительная запись осуществляется по "
        "телефону 8 (831) 412-27-55 или через электронную приемную.",
        "Для получения консультации о порядке назначения пособия Вы можете обратиться к "
        "ведущему специалисту отдела Смирновой Елене Викторовне. Специалист разъяснит, какие "
        "документы необходимо представить, и поможет заполнить заявление.",
        "Информация о выполненных работах по благоустройству дворовой территории размещена "
        "на официальном сайте управы района в разделе «Благоустройство». Работы по замене "
        "покрытия детской площадки и установке освещения будут завершены до 30.06.2026.",
        "Префектура округа благодарит Вас за неравнодушное отношение к состоянию дорожной "
        "инфраструктуры района. Ваше предложение об установке искусственной неровности "
        "направлено в Центр организации дорожного движения для рассмотрения при подготовке "
        "изменений в проект организации дорожного движения.",
        "Приносим извинения за задержку с ответом на Ваше первое обращение. Причиной "
        "задержки стала необходимость запросить сведения в нескольких организациях; "
        "ответственным специалистам указано на необходимость соблюдения сроков рассмотрения "
        "обращений.",
    ],
    "vi": [
        "Ngày 22/4/2026, Ủy ban nhân dân phường nhận được đơn của Ông đề ngày 20/4/2026 phản "
        "ánh việc một số hộ kinh doanh trên tuyến đường sử dụng vỉa hè để bày bán hàng hóa, "
        "đặt bàn ghế, gây cản trở người đi bộ và mất vệ sinh khu dân cư. Sau khi kiểm tra, xác "
        "minh, Ủy ban nhân dân phường trả lời Ông như sau.",
        "Ngày 28/4/2026, Tổ công tác quản lý trật tự đô thị phường phối hợp với Công an phường "
        "kiểm tra thực tế tại đoạn đường nêu trên. Qua kiểm tra, có bốn hộ kinh doanh đặt bàn "
        "ghế, biển quảng cáo vượt quá phần vỉa hè được phép sử dụng tạm thời; trong đó hai hộ "
        "đã được nhắc nhở trong quá trình kiểm tra định kỳ nhưng chưa khắc phục. Như vậy, nội "
        "dung phản ánh của Ông là đúng.",
        "Tổ công tác đã lập biên bản vi phạm hành chính đối với hai hộ tái phạm, yêu cầu các "
        "hộ tháo dỡ bàn ghế, biển quảng cáo, trả lại lối đi cho người đi bộ. Đến ngày 08/5/2026, "
        "các hộ đã chấp hành. Ủy ban nhân dân phường đã giao Tổ công tác kiểm tra đột xuất vào "
        "buổi chiều tối và công khai kết quả xử lý trên bảng tin của tổ dân phố.",
        "Căn cứ Luật Đất đai năm 2024 và Nghị định số 101/2024/NĐ-CP ngày 29 tháng 7 năm 2024 "
        "của Chính phủ quy định về điều tra cơ bản đất đai, đăng ký, cấp Giấy chứng nhận quyền "
        "sử dụng đất, hồ sơ đề nghị cấp Giấy chứng nhận của Bà đã được Chi nhánh Văn phòng đăng "
        "ký đất đai tiếp nhận ngày 15/3/2026 và đang được giải quyết theo đúng thời hạn quy định.",
        "Theo quy định tại khoản 2 Điều 22 Nghị định số 101/2024/NĐ-CP, thời gian thực hiện thủ "
        "tục đăng ký biến động đất đai không quá mười ngày làm việc kể từ ngày nhận đủ hồ sơ hợp "
        "lệ. Do hồ sơ của Bà còn thiếu bản sao hợp đồng thế chấp đã được công chứng, Chi nhánh đã "
        "có văn bản hướng dẫn bổ sung gửi Bà ngày 20/3/2026.",
        "Về chế độ trợ cấp hằng tháng đối với người có công với cách mạng, Sở Nội vụ đã phối hợp "
        "với Ủy ban nhân dân xã rà soát hồ sơ của ông Nguyễn Văn Hùng. Kết quả rà soát cho thấy "
        "hồ sơ đủ điều kiện hưởng trợ cấp theo quy định tại Nghị định số 55/2023/NĐ-CP; mức trợ "
        "cấp được điều chỉnh kể từ ngày 01 tháng 7 năm 2026.",
        "Trường hợp Bà cần được hướng dẫn thêm, đề nghị Bà liên hệ trực tiếp với bộ phận một cửa "
        "của Trung tâm Phục vụ hành chính công tỉnh vào giờ hành chính các ngày làm việc trong "
        "tuần, hoặc gọi số điện thoại 0263 3822 114 để được giải đáp kịp thời.",
        "Ủy ban nhân dân xã đã chỉ đạo công chức địa chính - xây dựng phối hợp với Trưởng thôn "
        "kiểm tra hiện trạng nhà ở của gia đình Ông. Qua kiểm tra, nhà ở bị hư hỏng nặng do ảnh "
        "hưởng của mưa lũ cuối năm 2025, thuộc đối tượng được hỗ trợ sửa chữa nhà ở theo Nghị "
        "quyết của Hội đồng nhân dân tỉnh.",
        "Mức hỗ trợ sửa chữa nhà ở là hai mươi triệu đồng mỗi hộ, được chi trả thành hai đợt: "
        "đợt một sau khi khởi công và đợt hai sau khi hoàn thành, có biên bản nghiệm thu của Ủy "
        "ban nhân dân xã. Đề nghị gia đình Ông hoàn thiện hồ sơ theo hướng dẫn của công chức văn "
        "hóa - xã hội trước ngày 30/6/2026.",
        "Ủy ban nhân dân phường thành thật xin lỗi Ông vì việc kiểm tra, xử lý trước đây chưa "
        "triệt để, để tình trạng lấn chiếm kéo dài, ảnh hưởng đến sinh hoạt của người dân trong "
        "khu vực. Thời gian tới, phường sẽ tăng cường kiểm tra và xử lý nghiêm các trường hợp "
        "tái phạm.",
        "Trung tâm Phục vụ hành chính công tỉnh đã tiếp nhận hồ sơ đề nghị cấp Phiếu lý lịch tư "
        "pháp số 2 của Bà qua Cổng dịch vụ công quốc gia. Hồ sơ đã được chuyển đến Sở Tư pháp "
        "để giải quyết; thời hạn trả kết quả là mười ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
    ],
    "en": [
        "Thank you for your letter of 12 March 2026 about the condition of the footpath on "
        "Station Road between the library and the primary school. We have considered the "
        "points you raised and I am writing to explain what the council has found and what it "
        "will do next.",
        "Our highways inspector visited the site on 19 March 2026. The inspection confirmed "
        "that two sections of the footpath have uneven paving slabs and that one drainage "
        "grate is partly blocked. These defects meet our criteria for repair within twenty "
        "working days, and the work has been added to the programme for April.",
        "You also asked whether the footpath could be widened near the school entrance. A "
        "widening scheme would need a traffic order and funding from the local transport "
        "plan, which is reviewed every autumn. We have recorded your request so that it can be "
        "assessed with other proposals for the next financial year.",
        "I am sorry that your earlier report, made by telephone in January, was not logged "
        "correctly and did not lead to an inspection. We have reviewed how telephone reports "
        "are recorded and staff have been reminded to create a case reference for every call.",
        "If the repairs are not completed by the end of April, or if you notice any other "
        "defects, please contact the highways team on 01632 960 418 or through the online "
        "reporting form on the council website, quoting the reference at the top of this "
        "letter.",
        "If you are not satisfied with this response, you can ask for your complaint to be "
        "considered at the second stage of our complaints procedure. You can do this by "
        "writing to the complaints team within twenty-eight days of the date of this letter. "
        "You also have the right to contact the Local Government Ombudsman.",
        "The council is responsible for maintaining about 1,200 kilometres of footpaths, and "
        "we rely on residents to tell us about problems between our routine inspections. Your "
        "report has helped us to put right a defect that could have caused an accident.",
        "For your information, the resurfacing of the car park behind the library is planned "
        "for the summer holidays, when the school is closed. Residents living nearby will "
        "receive a letter two weeks before the work starts, with details of temporary parking "
        "arrangements.",
        "We have also asked the waste services team to clear the leaves and litter that had "
        "collected along the kerb. This was done on 21 March 2026, and the area has been added "
        "to the autumn street cleansing schedule so that the drains do not block again.",
    ],
}


# ============================================================== harvesting real paragraphs

_SKIP_START = {
    "ru": ("Уважаем", "С уважением", "Исп", "Тел", "тел", "Приложени", "На №", "на №", "#", "-",
           "–", "—", "*", ">", "Заместитель", "Начальник", "Руководитель", "Глава", "Директор"),
    "vi": ("Kính gửi", "Nơi nhận", "Trân trọng", "-", "+", "#", "*", ">", "TM.", "KT.", "TL.", "Số:",
           "V/v"),
}
_SCRIPT_RE = {"ru": re.compile(r"[А-Яа-яЁё]"), "vi": re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]")}


def _read_body(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix.lower() == ".eml":
        msg = email.message_from_bytes(data, policy=email.policy.default)
        part = msg.get_body(preferencelist=("plain",)) if msg.is_multipart() else msg
        try:
            return part.get_content() if part is not None else ""
        except Exception:  # noqa: BLE001 - odd encodings are simply skipped
            return ""
    for enc in ("utf-8", "cp1251"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return ""


def _paragraphs_of(text: str, lang: str) -> list[str]:
    out = []
    for block in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n")):
        para = re.sub(r"\s+", " ", block.replace("  \n", " ")).strip()
        if not para or para.startswith(_SKIP_START[lang]):
            continue
        if any(x in para for x in ("replylint", "@", "http", "|", "...", "…", ": -", "; -")):
            continue
        if not para[0].isupper() or para[-1] not in ".!?":
            continue
        if len(_SCRIPT_RE[lang].findall(para)) < len(para) // (4 if lang == "ru" else 25):
            continue
        n = count_units(para, lang)
        lo, hi = (25, 130) if lang == "ru" else (35, 200)
        if lo <= n <= hi:
            out.append(para.rstrip("/.") + "." if para.endswith("./.") else para)
    return out


def harvest(lang: str, shared: Path | None = SHARED_CORPUS) -> list[str]:
    """Body paragraphs of the shared corpus for lang (empty when the folder is missing)."""
    if shared is None or not shared.is_dir():
        return []
    files: list[Path] = []
    labeled = shared / "labeled" / lang
    if labeled.is_dir():
        files += sorted(p for p in labeled.iterdir()
                        if p.suffix.lower() in (".txt", ".md", ".eml") and p.is_file())
    if lang == "ru" and (shared / "real-ru").is_dir():
        files += sorted((shared / "real-ru").glob("*.reply.md"))
    seen, out = set(), []
    for f in files:
        try:
            paras = _paragraphs_of(_read_body(f), lang)
        except OSError:
            continue
        for p in paras:
            if p not in seen:
                seen.add(p)
                out.append(p)
    return out


def paragraph_pool(lang: str, shared: Path | None = SHARED_CORPUS) -> list[str]:
    """Real paragraphs when there are enough of them, always with the built-in ones."""
    pool = harvest(lang, shared) if lang in ("ru", "vi") else []
    return pool + [p for p in BUILTIN[lang] if p not in pool]


# ============================================================== letter frames

_RU_ORGS = [
    ("Министерство труда и социальной защиты\nУправление социальной защиты населения\nпо городу Дзержинску",
     "ул. Гайдара, д. 61, г. Дзержинск, 606000\nтел. 8 (8313) 26-11-40, e-mail: uszn@dzr.example.ru",
     "Начальник управления"),
    ("Правительство Москвы\nУПРАВА РАЙОНА БИБИРЕВО\nгорода Москвы",
     "ул. Плещеева, д. 22, Москва, 127560\nтел. (499) 204-13-44\nОКПО 42432050, ОГРН 1037715035960, ИНН/КПП 7715086412/771501001",
     "Глава управы"),
    ("Казенное учреждение Чувашской Республики\n«Центр занятости населения Чувашской Республики»",
     "пр. Ивана Яковлева, д. 10, г. Чебоксары, 428003\nтел. 8 (8352) 62-17-35",
     "Директор"),
    ("Администрация города Кирова\nУправление жилищного хозяйства",
     "ул. Воровского, д. 39, г. Киров, 610000\nтел. 8 (8332) 54-00-18",
     "Заместитель начальника управления"),
]
_RU_PEOPLE = [
    ("Сергееву Н.О.", "Уважаемый Никита Олегович!"),
    ("Ивановой А.С.", "Уважаемая Анна Сергеевна!"),
    ("Петрову В.И.", "Уважаемый Василий Иванович!"),
    ("Кузнецовой Е.М.", "Уважаемая Елена Михайловна!"),
    ("Морозову Д.А.", "Уважаемый Дмитрий Андреевич!"),
    ("Соколовой Т.П.", "Уважаемая Татьяна Петровна!"),
]
_RU_STREETS = ["ул. Гражданская, д. 58, кв. 117", "пр. Мира, д. 12, кв. 4", "ул. Садовая, д. 3, кв. 41",
               "ул. Лесная, д. 7, корп. 2, кв. 90"]
_RU_SUBJECTS = ["О рассмотрении обращения", "О размере ежемесячной выплаты", "О ремонте кровли",
                "О предоставлении мер социальной поддержки", "О благоустройстве дворовой территории"]
_RU_SIGNERS = ["А.В. Орлов", "Н.Г. Белова", "С.П. Лебедев", "М.Ю. Гусева"]
_RU_EXECUTORS = ["Смирнова Е.В.", "Федоров К.Н.", "Волкова И.А."]

_VI_ORGS = [("ỦY BAN NHÂN DÂN", "PHƯỜNG HÒA CƯỜNG", "UBND-KT", "Hòa Cường", "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"),
            ("SỞ NỘI VỤ", "TỈNH NGHỆ AN", "SNV-NCC", "Nghệ An", "GIÁM ĐỐC"),
            ("ỦY BAN NHÂN DÂN", "XÃ MƯỜNG BÚ", "UBND", "Mường Bú", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"),
            ("CHI NHÁNH VĂN PHÒNG", "ĐĂNG KÝ ĐẤT ĐAI QUẬN NINH KIỀU", "CNVPĐKĐĐ", "Cần Thơ", "GIÁM ĐỐC")]
_VI_PEOPLE = [("Ông Trần Văn Lâm", "tổ dân phố 27, phường Hòa Cường, thành phố Đà Nẵng"),
              ("Bà Nguyễn Thị Hoa", "thôn Bản Mòng, xã Mường Bú, tỉnh Sơn La"),
              ("Ông Lê Minh Tuấn", "khối 5, phường Hưng Bình, thành phố Vinh, tỉnh Nghệ An"),
              ("Bà Phạm Thị Thu", "khu vực 3, phường An Hòa, quận Ninh Kiều, thành phố Cần Thơ")]
_VI_SUBJECTS = ["V/v trả lời đơn phản ánh của công dân", "V/v trả lời kiến nghị về chế độ chính sách",
                "V/v giải quyết hồ sơ đăng ký đất đai", "V/v hỗ trợ sửa chữa nhà ở"]
_VI_SIGNERS = ["Ngô Thị Bích Vân", "Hoàng Văn Nam", "Đặng Quốc Bảo", "Vũ Thị Lan"]

_EN_ORGS = [("Northfield District Council\nHighways and Transport", "Town Hall, Market Street, Northfield NF1 2AB"),
            ("Riverside Borough Council\nHousing Services", "Civic Centre, Bridge Road, Riverside RV3 9QQ")]
_EN_PEOPLE = [("Mr J. Carter", "Dear Mr Carter,"), ("Ms L. Patel", "Dear Ms Patel,"),
              ("Mrs A. Green", "Dear Mrs Green,"), ("Mr T. Okafor", "Dear Mr Okafor,")]
_EN_SIGNERS = [("Helen Marsh", "Head of Highways"), ("David Lowe", "Customer Services Manager")]


def _frame(lang: str, rng: random.Random) -> tuple[str, str]:
    """(letterhead … salutation, closing … signature) of one letter."""
    day, month = rng.randint(1, 28), rng.randint(1, 12)
    date = f"{day:02d}.{month:02d}.2026"
    if lang == "ru":
        org, addr, post = rng.choice(_RU_ORGS)
        person, salut = rng.choice(_RU_PEOPLE)
        head = (f"{org}\n\n{addr}\n\n{date} № {rng.randint(1, 99):02d}-{rng.randint(10, 99)}/{rng.randint(100, 9999)}\n"
                f"на № {rng.randint(1000, 99999)} от {max(1, day - 5):02d}.{month:02d}.2026\n\n"
                f"{person}\n{rng.choice(_RU_STREETS)},\nг. Дзержинск, {rng.randint(600000, 699999)}\n\n"
                f"{rng.choice(_RU_SUBJECTS)}\n\n{salut}\n\n")
        tail = (f"\n\nС уважением,\n\n{post}{' ' * 20}{rng.choice(_RU_SIGNERS)}\n\n"
                f"Исп. {rng.choice(_RU_EXECUTORS)}\nтел. 8 (8313) 26-{rng.randint(10, 99)}-{rng.randint(10, 99)}\n")
        return head, tail
    if lang == "vi":
        org1, org2, code, place, sign = rng.choice(_VI_ORGS)
        person, where = rng.choice(_VI_PEOPLE)
        head = (f"{org1:<40}CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n{org2:<40}Độc lập - Tự do - Hạnh phúc\n\n"
                f"{'Số: ' + str(rng.randint(10, 999)) + '/' + code:<40}{place}, ngày {day} tháng {month} năm 2026\n"
                f"{rng.choice(_VI_SUBJECTS)}\n\n"
                f"Kính gửi: {person}, {where}.\n\n")
        tail = ("\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\n"
                f"{sign}\n\n{rng.choice(_VI_SIGNERS)}\n")
        return head, tail
    org, addr = rng.choice(_EN_ORGS)
    person, salut = rng.choice(_EN_PEOPLE)
    name, post = rng.choice(_EN_SIGNERS)
    head = (f"{org}\n{addr}\n\nOur ref: HW/{rng.randint(1000, 9999)}\nDate: {day} March 2026\n\n"
            f"{person}\n{rng.randint(1, 120)} Station Road\nNorthfield NF2 {rng.randint(1, 9)}CD\n\n{salut}\n\n")
    tail = f"\n\nYours sincerely,\n\n{name}\n{post}\n"
    return head, tail


def _sentences(para: str) -> list[str]:
    return [s for s in _SENT_SPLIT.split(para) if s.strip()]


def build_letter(lang: str, rng: random.Random, pool: list[str], target: tuple[int, int] | None = None) -> str:
    """One letter of TARGET[lang] size (or `target` units): frame plus body paragraphs from pool."""
    lo, hi = target or TARGET[lang]
    head, tail = _frame(lang, rng)
    total = count_units(head, lang) + count_units(tail, lang)
    goal = rng.randint(lo, (lo + hi) // 2)  # letters vary in length; the last paragraph overshoots
    body: list[str] = []
    deck: list[str] = []
    for _ in range(max(10_000, hi // 10)):
        if total >= goal:
            break
        if not deck:
            deck = list(pool)
            rng.shuffle(deck)
        para = deck.pop()
        n = count_units(para, lang)
        if total + n > hi:  # keep the leading sentences that fit
            kept: list[str] = []
            for s in _sentences(para):
                if total + count_units(" ".join(kept + [s]), lang) > hi:
                    break
                kept.append(s)
            if not kept:
                if hi - total < 20:  # nothing fits any more: cut words (never in practice)
                    words = para.split()[: max(1, hi - total - 1)]
                    kept = [" ".join(words).rstrip(",;:") + "."]
                else:
                    continue
            para, n = " ".join(kept), count_units(" ".join(kept), lang)
        body.append(para)
        total += n
    if lang == "vi" and body:  # Vietnamese official letters end the body with "./."
        body[-1] = body[-1].rstrip(".") + "./."
    return head + "\n\n".join(body) + tail


def generate_corpus(out: Path, files: int, seed: int = 2026, langs=("ru", "vi", "en"),
                    shared: Path | None = SHARED_CORPUS) -> dict:
    """Write files letters per language to out/<lang>/<lang>-NNNN.txt; return size stats."""
    stats = {}
    for lang in langs:
        pool = paragraph_pool(lang, shared)
        rng = random.Random(f"{seed}-{lang}")
        d = out / lang
        d.mkdir(parents=True, exist_ok=True)
        sizes = []
        for i in range(files):
            text = build_letter(lang, rng, pool)
            (d / f"{lang}-{i + 1:04d}.txt").write_text(text, encoding="utf-8")
            sizes.append(count_units(text, lang))
        stats[lang] = _size_stats(lang, sizes, [p.read_text(encoding="utf-8") for p in sorted(d.glob("*.txt"))[:20]],
                                  len(pool))
    return stats


def _size_stats(lang: str, sizes: list[int], sample: list[str], pool: int | None) -> dict:
    out = {"files": len(sizes), "unit": "syllables" if lang == "vi" else "words",
           "mean": round(statistics.mean(sizes)) if sizes else 0,
           "min": min(sizes, default=0), "max": max(sizes, default=0), "paragraph_pool": pool}
    pages = _estimate_pages(lang, sample)
    if pages is not None:
        out["pages_estimate"] = pages
    return out


def _estimate_pages(lang: str, texts: list[str]) -> float | None:
    """Mean A4 pages by replylint's own layout estimate (None when replylint can't be imported)."""
    if not texts:
        return None
    try:
        sys.path.insert(0, str(REPO))
        from replylint.pages import estimate_pages, layout_for
    except Exception:  # noqa: BLE001
        return None
    finally:
        sys.path.pop(0)
    return round(statistics.mean(estimate_pages(t, layout_for("ru" if lang == "en" else lang)) for t in texts), 2)



# units of one A4 page (half of TARGET, the two-page letter)
PAGE_UNITS = {lang: (lo // 2, hi // 2) for lang, (lo, hi) in TARGET.items()}
SCALING_PAGES = (1, 2, 8, 32)
SCALING_MB = (1, 5)


def sized_text(lang: str, rng: random.Random, pool: list[str], nbytes: int) -> str:
    """A letter whose body is paragraphs of pool repeated until the UTF-8 text reaches nbytes."""
    head, tail = _frame(lang, rng)
    parts, size, deck = [head], len((head + tail).encode("utf-8")), []
    while size < nbytes:
        if not deck:
            deck = list(pool)
            rng.shuffle(deck)
        para = deck.pop()
        parts.append(para + "\n\n")
        size += len(para.encode("utf-8")) + 2
    return "".join(parts).rstrip() + tail


def scaling_corpus(out: Path, seed: int, shared: Path | None, langs=("ru", "vi")) -> dict[str, list[tuple[str, Path]]]:
    """(label, file) per language: letters of 1, 2, 8, 32 pages, 1 MB and 5 MB texts, and the
    5 MB text as one line (every newline a space)."""
    rows: dict[str, list[tuple[str, Path]]] = {}
    for lang in langs:
        pool = paragraph_pool(lang, shared)
        rng = random.Random(f"{seed}-scaling-{lang}")
        d = out / "scaling" / lang
        d.mkdir(parents=True, exist_ok=True)
        rows[lang] = []
        for pages in SCALING_PAGES:
            lo, hi = PAGE_UNITS[lang]
            text = build_letter(lang, rng, pool, (lo * pages, hi * pages))
            f = d / f"{pages:02d}-pages.txt"
            f.write_text(text, encoding="utf-8")
            rows[lang].append((f"{pages} page{'s' if pages > 1 else ''}", f))
        for mb in SCALING_MB:
            text = sized_text(lang, rng, pool, mb * 1024 * 1024)
            f = d / f"{mb}mb.txt"
            f.write_text(text, encoding="utf-8")
            rows[lang].append((f"{mb} MB", f))
        one = d / f"{SCALING_MB[-1]}mb-one-line.txt"
        one.write_text(text.replace("\n", " "), encoding="utf-8")
        rows[lang].append((f"{SCALING_MB[-1]} MB, one line", one))
    return rows


def batch_corpus(out: Path, files: int, seed: int, shared: Path | None) -> Path:
    """files letters, half Russian and half Vietnamese, in one folder (the memory and cache runs)."""
    d = out / "batch"
    for lang, n in (("ru", files - files // 2), ("vi", files // 2)):
        pool = paragraph_pool(lang, shared)
        rng = random.Random(f"{seed}-batch-{lang}")
        (d / lang).mkdir(parents=True, exist_ok=True)
        for i in range(n):
            (d / lang / f"{lang}-{i + 1:04d}.txt").write_text(build_letter(lang, rng, pool), encoding="utf-8")
    return d


# ============================================================== measuring a subprocess

def _children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rfind(b")") + 2:].split()[1])
        kids.setdefault(ppid, []).append(int(entry.name))
    return kids


def _tree_memory_kb(root: int) -> tuple[int, int]:
    """(RSS, PSS) summed over the process tree, in KB. RSS counts a page shared by forked
    workers once per process; PSS (/proc/PID/smaps_rollup) splits it between them, so its sum
    is the memory the tree really holds."""
    kids, todo, rss, pss = _children_map(), [root], 0, 0
    page_kb = os.sysconf("SC_PAGE_SIZE") // 1024
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/statm") as f:
                rss += int(f.read().split()[1]) * page_kb
            with open(f"/proc/{pid}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1])
                        break
        except (OSError, IndexError, ValueError):
            pass
        todo += kids.get(pid, [])
    return rss, pss


def measure(cmd: list[str], cwd: str | None = None, timeout: float = 3600) -> dict:
    """Run cmd; wall time, exit code, stdout, last stderr line, peak RSS (largest process, from
    os.wait4) and the peaks of the sampled RSS and PSS sums over the process tree (Linux /proc)."""
    out = tempfile.TemporaryFile()
    err = tempfile.TemporaryFile()
    env = dict(os.environ, NO_COLOR="1", PYTHONUNBUFFERED="1")
    # an installed package has its bytecode (pip compiles it): a run must not compile every
    # module from source because this shell says not to write .pyc files
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    load = _loadavg()
    t0 = time.perf_counter()
    try:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=cwd, env=env)
    except OSError as e:  # the command does not exist: a FAILED row, not a crash
        out.close()
        err.close()
        return {"cmd": cmd, "wall": time.perf_counter() - t0, "rc": 127, "stdout": "",
                "stderr_tail": f"cannot start {cmd[0]}: {e.strerror or e}", "maxrss_mb": 0.0,
                "tree_rss_mb": None, "tree_pss_mb": None, "cpu_s": 0.0, "load": load}
    peak_tree, peak_pss, done = [0], [0], threading.Event()
    can_sample = os.path.isdir("/proc/self")

    def sample():
        while not done.is_set():
            try:
                rss, pss = _tree_memory_kb(proc.pid)
                peak_tree[0], peak_pss[0] = max(peak_tree[0], rss), max(peak_pss[0], pss)
            except Exception:  # noqa: BLE001
                pass
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    if can_sample:
        sampler.start()
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
        done.set()
    wall = time.perf_counter() - t0
    if can_sample:
        sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    out.seek(0)
    err.seek(0)
    stdout = out.read().decode("utf-8", "replace")
    stderr_lines = [ln for ln in err.read().decode("utf-8", "replace").splitlines() if ln.strip()]
    out.close()
    err.close()
    maxrss_kb = usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss // 1024
    return {"cmd": cmd, "wall": wall, "rc": proc.returncode, "stdout": stdout,
            "stderr_tail": stderr_lines[-1] if stderr_lines else "",
            "maxrss_mb": maxrss_kb / 1024, "tree_rss_mb": (peak_tree[0] / 1024) or None,
            "tree_pss_mb": (peak_pss[0] / 1024) or None,
            "cpu_s": usage.ru_utime + usage.ru_stime, "load": load}


def _replylint_outcome(res: dict, expected_files: int) -> dict:
    """Files checked, findings and failed files from the JSON report; a status for the table."""
    info = {"status": "ok", "findings": None, "failed_files": None, "checked": None, "pages": None}
    try:
        report = json.loads(res["stdout"])
        files = report["files"]
    except (ValueError, KeyError, TypeError):
        info["status"] = f"FAILED rc={res['rc']}: {res['stderr_tail'][:100] or 'no JSON report'}"
        return info
    info["checked"] = len(files)
    info["findings"] = sum(len(f.get("diagnostics") or []) for f in files)
    info["failed_files"] = sum(1 for f in files if f.get("error"))
    pages = [f.get("pages") for f in files if isinstance(f.get("pages"), (int, float))]
    info["pages"] = round(statistics.mean(pages), 2) if pages else None
    if res["rc"] not in (0, 1):
        info["status"] = f"rc={res['rc']}"
    if info["failed_files"]:
        first = next(f for f in files if f.get("error"))
        info["status"] = f"{info['failed_files']} failed ({first['error'][:80]})"
    if info["checked"] != expected_files:
        info["status"] += f"; checked {info['checked']} of {expected_files}"
    return info


def _proselint_outcome(res: dict) -> dict:
    """proselint exits 1 when it found something, so rc 1 without findings is a failure."""
    lines = [ln for ln in res["stdout"].splitlines() if re.match(r".+:\d+:\d+: ", ln)]
    ok = res["rc"] == 0 or (res["rc"] == 1 and lines)
    status = "ok" if ok else f"FAILED rc={res['rc']}: {res['stderr_tail'][:100] or 'no output'}"
    return {"status": status, "findings": len(lines), "failed_files": None, "checked": None, "pages": None}


# ============================================================== the run

SECTIONS = ("cold", "throughput", "scaling", "batch")

# Checks one file in a warm process (pipelines loaded, one letter of the language checked first)
# and prints its CPU and wall time: the scaling rows measure the document, not the start-up.
# RLIMIT_CPU stops a run that would not finish, whatever else keeps the machine busy.
SCALING_DRIVER = """
import json, resource, sys, time
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_CPU, (limit, limit + 5))
from replylint.engine import RunOptions, check_one
opts = RunOptions(no_config=True, jobs=1)
check_one(sys.argv[2], opts)
t0, c0 = time.perf_counter(), time.process_time()
r = check_one(sys.argv[3], opts)
print(json.dumps({"wall": time.perf_counter() - t0, "cpu": time.process_time() - c0,
                  "chars": len(r.doc.text) if r.doc is not None else None,
                  "findings": len(r.diagnostics), "error": r.error, "notes": list(r.notes)}))
"""


def find_proselint(cmd: str | None) -> list[str] | None:
    if cmd:
        return shlex.split(cmd)
    local = Path(sys.executable).with_name("proselint")
    if local.exists():
        return [str(local)]
    found = shutil.which("proselint")
    return [found] if found else None


def _files_in(d: Path) -> list[Path]:
    return sorted(p for p in d.rglob("*") if p.is_file() and not p.name.startswith("."))


def _python_of(replylint: list[str]) -> str:
    """The interpreter that runs replylint (for the in-process scaling driver)."""
    return replylint[0] if replylint[1:2] == ["-m"] else sys.executable


def _supports(replylint: list[str], option: str) -> bool:
    res = measure(replylint + ["check", "--help"], timeout=120)
    return option in res["stdout"]


def run_benchmark(args) -> dict:
    replylint = shlex.split(args.replylint) if args.replylint else [sys.executable, "-m", "replylint"]
    jobs_list = [int(j) for j in args.jobs_list.split(",")] if args.jobs_list else sorted({1, 2, os.cpu_count() or 1})
    sections = set(args.only.split(",")) if args.only else set(SECTIONS)
    tmp = Path(tempfile.mkdtemp(prefix="replylint-bench-"))
    # the pack compile markers of this run's replylint, filled by the first (untimed) run
    os.environ.setdefault("REPLYLINT_PACK_CACHE_DIR", str(tmp / "pack-cache"))
    if args.corpus:
        root = Path(args.corpus)
        corpora = {lang: root / lang for lang in ("ru", "vi", "en") if (root / lang).is_dir()}
        if not any(lang in corpora for lang in ("ru", "vi")):
            corpora = {"all": root}
        stats = {}
        for lang, d in corpora.items():
            files = _files_in(d)
            key = lang if lang in TARGET else "ru"
            sample = [p.read_text(encoding="utf-8", errors="replace") for p in files[:200]]
            stats[lang] = _size_stats(key, [count_units(t, key) for t in sample], sample[:20], None)
            stats[lang]["files"] = len(files)
        if "en" not in corpora:
            stats.update(generate_corpus(tmp, args.files, args.seed, langs=("en",), shared=args.shared))
            corpora["en"] = tmp / "en"
    else:
        if args.keep:
            root = Path(args.keep)
            root.mkdir(parents=True, exist_ok=True)
        else:
            root = tmp
        stats = generate_corpus(root, args.files, args.seed, shared=args.shared)
        corpora = {lang: root / lang for lang in ("ru", "vi", "en")}
    proselint = None if args.no_peer else find_proselint(args.proselint)
    check = replylint + ["check"]
    opts = ["--format", "json", "--fail-on", "never", "--no-config"]
    # every run but the cache rows checks for real: a result cache would answer the second
    # --jobs run of the same corpus from the first
    fresh = opts + (["--no-cache"] if _supports(replylint, "--no-cache") else [])
    result = {
        "date": _dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform(), "processor": _cpu_model()},
        "command": " ".join(shlex.quote(a) for a in sys.argv),
        "replylint": " ".join(replylint), "proselint": " ".join(proselint) if proselint else None,
        "commit": _commit(), "corpus": stats, "throughput": [], "cold_start": [], "scaling": [],
        "batch": [],
    }
    load_before = _loadavg()
    log = (lambda *a: print(*a, file=sys.stderr, flush=True)) if not args.silent else (lambda *a: None)

    # -- cold start (first, so that nothing else has warmed the OS caches more than a user's run)
    cold, cold_cpu = {}, {}

    def cold_row(name: str, cmd: list[str], outcome=None, key=None):
        # one untimed run first writes what an installed replylint keeps between runs: bytecode
        # and the pack compile markers (replylint/pack_cache.py)
        measure(cmd)
        runs = [measure(cmd) for _ in range(args.repeat)]
        walls, cpus = [r["wall"] for r in runs], [r["cpu_s"] for r in runs]
        row = {"what": name, "cmd": " ".join(cmd), "runs": len(runs), "key": key,
               "wall_s": statistics.median(walls), "wall_min_s": min(walls),
               "cpu_s": statistics.median(cpus), "maxrss_mb": max(r["maxrss_mb"] for r in runs),
               "load": runs[0]["load"],
               "status": outcome(runs[-1])["status"] if outcome else
               ("ok" if runs[-1]["rc"] == 0 else
                f"FAILED rc={runs[-1]['rc']}: {runs[-1]['stderr_tail'][:100] or 'no stderr'}")}
        result["cold_start"].append(row)
        log(f"cold start {name}: {row['wall_s']:.2f}s wall {row['cpu_s']:.2f}s CPU "
            f"{row['maxrss_mb']:.0f} MB {row['status']}")
        if key and row["status"] == "ok":
            cold[key], cold_cpu[key] = row["wall_s"], row["cpu_s"]
        return row

    if sections & {"cold", "throughput"}:
        cold_row("python -c pass (interpreter only)", [sys.executable, "-c", "pass"])
        cold_row("replylint --version", replylint + ["--version"])
        cold_row("replylint rules (no NLP)", replylint + ["rules"])
        for lang in ("ru", "vi", "all"):
            if lang in corpora and lang != "en":
                files = _files_in(corpora[lang])
                if files:
                    cold_row(f"replylint check 1 {lang} file", check + [str(files[0])] + fresh + ["--jobs", "1"],
                             lambda r: _replylint_outcome(r, 1), key=lang)
        if proselint and "en" in corpora:
            files = _files_in(corpora["en"])
            cold_row("proselint check 1 en file", proselint + ["check", str(files[0])], _proselint_outcome, key="en")

    # -- throughput
    def through_row(tool: str, lang: str, jobs: int | None, cmd: list[str], outcome):
        n = len(_files_in(corpora[lang]))
        res = measure(cmd)
        info = outcome(res)
        base, base_cpu = cold.get(lang), cold_cpu.get(lang)
        steady = (n - 1) / (res["wall"] - base) if base is not None and res["wall"] > base and n > 1 else None
        # CPU of one more letter once started: the run's CPU less a one-letter run's, per letter
        per_letter = (res["cpu_s"] - base_cpu) / (n - 1) * 1000 if base_cpu is not None and n > 1 else None
        row = {"tool": tool, "corpus": lang, "jobs": jobs, "files": n, "wall_s": res["wall"],
               "files_per_s": n / res["wall"], "files_per_s_after_startup": steady,
               "cpu_s": res["cpu_s"], "cpu_ms_per_file": res["cpu_s"] / n * 1000,
               "cpu_ms_per_file_after_startup": per_letter,
               "maxrss_mb": res["maxrss_mb"], "tree_rss_mb": res["tree_rss_mb"],
               "tree_pss_mb": res["tree_pss_mb"], "load": res["load"], **info}
        if info["status"].startswith("FAILED"):  # no speed for a run that did not work
            row.update(files_per_s=None, files_per_s_after_startup=None, cpu_ms_per_file_after_startup=None)
        result["throughput"].append(row)
        log(f"{tool} {lang} jobs={jobs}: {n} files {res['wall']:.1f}s wall {res['cpu_s']:.1f}s CPU "
            f"{_f(row['files_per_s'])} files/s {row['maxrss_mb']:.0f} MB {info['status']}")

    if "throughput" in sections:
        for lang in ("ru", "vi", "all"):
            if lang not in corpora:
                continue
            for jobs in jobs_list:
                through_row("replylint", lang, jobs, check + [str(corpora[lang])] + fresh + ["--jobs", str(jobs)],
                            lambda r, lang=lang: _replylint_outcome(r, len(_files_in(corpora[lang]))))
        if "en" in corpora:
            if proselint:
                through_row("proselint", "en", None, proselint + ["check", str(corpora["en"])], _proselint_outcome)
            else:
                result["throughput"].append({"tool": "proselint", "corpus": "en", "status": "not installed"})

    # -- size scaling: one document per process, timed after a warm-up letter
    if "scaling" in sections:
        rows = scaling_corpus(tmp, args.seed, args.shared)
        python = _python_of(replylint)
        for lang, items in rows.items():
            warm = items[1][1]   # the two-page letter
            for label, f in items:
                res = measure([python, "-c", SCALING_DRIVER, str(args.cpu_limit), str(warm), str(f)],
                              timeout=args.cpu_limit * 6 + 120)
                row = {"corpus": lang, "size": label, "bytes": f.stat().st_size,
                       "chars": len(f.read_text(encoding="utf-8")), "maxrss_mb": res["maxrss_mb"],
                       "load": res["load"]}
                try:
                    got = json.loads(res["stdout"].strip().splitlines()[-1])
                    row.update(cpu_s=got["cpu"], wall_s=got["wall"], findings=got["findings"],
                               status="ok" if not got["error"] else f"error: {got['error'][:80]}")
                    if got["notes"]:
                        row["status"] += "; note: " + got["notes"][0][:80]
                except (ValueError, IndexError, KeyError):
                    stopped = res["rc"] in (-24, -9, 128 + 24, 152) or res["cpu_s"] >= args.cpu_limit
                    row.update(cpu_s=None, wall_s=None, findings=None,
                               status=f"stopped after {args.cpu_limit} s CPU" if stopped else
                               f"FAILED rc={res['rc']}: {res['stderr_tail'][:100]}")
                if row["cpu_s"] is not None:
                    row["us_per_char"] = row["cpu_s"] / row["chars"] * 1e6
                result["scaling"].append(row)
                log(f"scaling {lang} {label}: {_f(row.get('cpu_s'))} s CPU {row['maxrss_mb']:.0f} MB {row['status']}")

    # -- a batch of letters in one process: peak memory, and the result cache on a re-run
    if "batch" in sections:
        batch = batch_corpus(tmp, args.batch, args.seed, args.shared)
        n = len(_files_in(batch))
        base_cmd = check + [str(batch)] + opts + ["--jobs", "1"]
        cache = _supports(replylint, "--cache-dir")

        def batch_row(what, cmd):
            res = measure(cmd)
            info = _replylint_outcome(res, n)
            row = {"what": what, "files": n, "wall_s": res["wall"], "cpu_s": res["cpu_s"],
                   "maxrss_mb": res["maxrss_mb"], "findings": info["findings"], "status": info["status"],
                   "load": res["load"]}
            result["batch"].append(row)
            log(f"batch {what}: {res['wall']:.1f}s wall {res['cpu_s']:.1f}s CPU {res['maxrss_mb']:.0f} MB {info['status']}")

        batch_row("no result cache", base_cmd + (["--no-cache"] if cache else []))
        if cache:
            cache_dir = tmp / "cache"
            batch_row("result cache, first run (fills it)", base_cmd + ["--cache-dir", str(cache_dir)])
            batch_row("result cache, re-run on unchanged files", base_cmd + ["--cache-dir", str(cache_dir)])
        else:
            result["batch"].append({"what": "result cache", "status": "not supported (no --cache-dir)"})

    result["machine"]["loadavg_1min"] = {"before": load_before, "after": _loadavg()}
    if args.profile:
        for lang in ("ru", "vi", "all"):
            if lang in corpora and replylint[1:2] == ["-m"]:
                result.setdefault("profile", {})[lang] = profile(replylint, corpora[lang], args.profile, fresh)
    if args.keep:
        result["corpus_dir"] = str(root)
    shutil.rmtree(tmp, ignore_errors=True)
    return result


def profile(replylint: list[str], corpus: Path, files: int, opts: list[str], top: int = 15) -> str:
    """cProfile of one `--jobs 1` run over the first files of corpus: the top functions by own
    time (pipeline loading included, as in any real run)."""
    import io
    import pstats
    paths = [str(p) for p in _files_in(corpus)[:files]]
    with tempfile.TemporaryDirectory() as d:
        prof = os.path.join(d, "run.prof")
        cmd = [replylint[0], "-m", "cProfile", "-o", prof] + replylint[1:] + ["check"] + paths + opts + ["--jobs", "1"]
        res = measure(cmd)
        if not os.path.exists(prof):
            return f"profile failed: rc={res['rc']} {res['stderr_tail']}"
        parts = []
        for order, restrict in (("cumulative", r"/replylint/"), ("tottime", None)):
            buf = io.StringIO()
            stats = pstats.Stats(prof, stream=buf).sort_stats(order)
            stats.print_stats(*([restrict] if restrict else []), top)
            text = buf.getvalue()
            body = text[text.find("ncalls"):] if "ncalls" in text else text
            body = re.sub(r"\S*/(replylint|site-packages)/", "", body)
            title = ("by cumulative time, replylint's own functions" if restrict else "by own time, all code")
            parts.append(f"top {top} {title}:\n" + body.rstrip())
    return f"{len(paths)} files, {res['wall']:.1f} s under cProfile\n" + "\n\n".join(parts)


def _loadavg() -> float | None:
    try:
        return round(os.getloadavg()[0], 2)
    except (OSError, AttributeError):
        return None


def _commit() -> str | None:
    try:
        out = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, timeout=10)
        return out.stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def _f(x, fmt="{:.2f}", none="–"):
    return none if x is None else fmt.format(x)


def _ratio(a, b):
    return a / b if a is not None and b else None


def ratios(result: dict) -> list[dict]:
    """The goals of the speed issue, each as measured ÷ peer (or ÷ the reference row)."""
    out = []
    thr = {(r["tool"], r["corpus"], r.get("jobs")): r for r in result["throughput"] if "wall_s" in r}
    cold = {r.get("key") or r["what"]: r for r in result["cold_start"] if r["status"] == "ok"}
    peer = thr.get(("proselint", "en", None))
    for lang, goal in (("ru", 1.0), ("vi", 0.4)):
        one = thr.get(("replylint", lang, 1))
        if one and peer:
            out.append({"what": f"{lang} letters/s ÷ proselint's, one core (wall, whole run)",
                        "value": _ratio(one["files_per_s"], peer["files_per_s"]), "goal": f"≥ {goal}"})
            out.append({"what": f"{lang} letters/s ÷ proselint's, one core (CPU per letter after start-up)",
                        "value": _ratio(peer["cpu_ms_per_file_after_startup"], one["cpu_ms_per_file_after_startup"]),
                        "goal": f"≥ {goal}"})
        two = thr.get(("replylint", lang, 2))
        if one and two:
            out.append({"what": f"{lang} --jobs 2 ÷ --jobs 1 files/s (wall; meaningful on an idle machine)",
                        "value": _ratio(two["files_per_s"], one["files_per_s"]), "goal": "≥ 1.7"})
            out.append({"what": f"{lang} --jobs 2 CPU s ÷ --jobs 1 CPU s (work added by the second process)",
                        "value": _ratio(two["cpu_s"], one["cpu_s"]), "goal": "≈ 1"})
        if lang in cold and "en" in cold:
            out.append({"what": f"{lang} cold start ÷ proselint's (wall)",
                        "value": _ratio(cold[lang]["wall_s"], cold["en"]["wall_s"]), "goal": "≤ 6"})
            out.append({"what": f"{lang} cold start ÷ proselint's (CPU)",
                        "value": _ratio(cold[lang]["cpu_s"], cold["en"]["cpu_s"]), "goal": "≤ 6"})
    for what in ("replylint --version", "replylint rules (no NLP)"):
        if what in cold:
            out.append({"what": f"{what}: wall s", "value": cold[what]["wall_s"], "goal": "≤ 0.25"})
            out.append({"what": f"{what}: CPU s", "value": cold[what]["cpu_s"], "goal": "≤ 0.25"})
    for lang in ("ru", "vi"):
        rows = {r["size"]: r for r in result["scaling"] if r["corpus"] == lang}
        two, big = rows.get("2 pages"), rows.get("32 pages")
        if two and big and two.get("us_per_char") and big.get("us_per_char"):
            out.append({"what": f"{lang} 32 pages ÷ 2 pages, CPU per character",
                        "value": big["us_per_char"] / two["us_per_char"], "goal": "≤ 1.5"})
        for size, goal in (("5 MB", 15), ("5 MB, one line", 60)):
            r = rows.get(size)
            if r:
                out.append({"what": f"{lang} {size}: CPU s", "value": r.get("cpu_s"), "goal": f"< {goal}",
                            "note": r["status"]})
    batch = {r["what"]: r for r in result["batch"]}
    plain, warm = batch.get("no result cache"), batch.get("result cache, re-run on unchanged files")
    if plain and warm and "wall_s" in warm:
        out.append({"what": f"{plain['files']} unchanged files: no cache ÷ cached re-run (wall)",
                    "value": _ratio(plain["wall_s"], warm["wall_s"]), "goal": "≥ 20"})
        out.append({"what": f"{plain['files']} unchanged files: no cache ÷ cached re-run (CPU)",
                    "value": _ratio(plain["cpu_s"], warm["cpu_s"]), "goal": "≥ 20"})
    if plain and "maxrss_mb" in plain:
        out.append({"what": f"peak memory, {plain['files']} letters in one process (MB)",
                    "value": plain["maxrss_mb"], "goal": "≤ 250"})
    return out


def markdown(result: dict) -> str:
    m = result["machine"]
    lines = [f"replylint benchmark, {result['date']}; {m['cpus']} CPU(s) {m['processor']}, "
             f"Python {m['python']}" + (f", replylint at {result['commit']}" if result.get("commit") else "")]
    load = m.get("loadavg_1min") or {}
    if load.get("before") is not None:
        busy = load["before"] >= 0.5
        lines.append(f"1-min load average before the run: {load['before']} (after it, the run included: "
                     f"{load.get('after')})" + (" — other processes were busy: wall times are pessimistic, "
                                               "compare CPU s" if busy else ""))
    lines.append("")
    lines += ["| corpus | files | size per letter (mean, min–max) | est. A4 pages |",
              "|---|---:|---|---:|"]
    for lang, s in result["corpus"].items():
        lines.append(f"| {lang} | {s['files']} | {s['mean']} {s['unit']} ({s['min']}–{s['max']}) | "
                     f"{_f(s.get('pages_estimate'))} |")
    if result["throughput"]:
        lines += ["", "| tool | corpus | jobs | files | wall s | CPU s | files/s | files/s after start-up | "
                      "CPU ms per file | CPU ms per file after start-up | peak RSS MB (largest process) | "
                      "peak RSS MB (all processes) | peak PSS MB (all processes) | findings | load | status |",
                  "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
        for r in result["throughput"]:
            if "wall_s" not in r:
                lines.append(f"| {r['tool']} | {r['corpus']} | | | | | | | | | | | | | | {r['status']} |")
                continue
            lines.append(f"| {r['tool']} | {r['corpus']} | {r['jobs'] or '1 (no option)'} | {r['files']} | "
                         f"{r['wall_s']:.1f} | {r['cpu_s']:.1f} | {_f(r['files_per_s'])} | "
                         f"{_f(r['files_per_s_after_startup'])} | {r['cpu_ms_per_file']:.1f} | "
                         f"{_f(r['cpu_ms_per_file_after_startup'], '{:.1f}')} | {r['maxrss_mb']:.0f} | "
                         f"{_f(r['tree_rss_mb'], '{:.0f}')} | {_f(r.get('tree_pss_mb'), '{:.0f}')} | "
                         f"{_f(r['findings'], '{}')} | {_f(r.get('load'))} | {r['status']} |")
    if result["cold_start"]:
        lines += ["", "| cold start (fresh process) | runs | wall s (median) | wall s (min) | CPU s (median) | "
                      "peak RSS MB | load | status |", "|---|---:|---:|---:|---:|---:|---:|---|"]
        for r in result["cold_start"]:
            lines.append(f"| {r['what']} | {r['runs']} | {r['wall_s']:.2f} | {r['wall_min_s']:.2f} | "
                         f"{r['cpu_s']:.2f} | {r['maxrss_mb']:.0f} | {_f(r.get('load'))} | {r['status']} |")
    if result["scaling"]:
        lines += ["", "| size scaling (one document, warm process) | corpus | characters | CPU s | wall s | "
                      "CPU µs per character | ÷ 2 pages | peak RSS MB | findings | load | status |",
                  "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
        two = {r["corpus"]: r.get("us_per_char") for r in result["scaling"] if r["size"] == "2 pages"}
        for r in result["scaling"]:
            per = r.get("us_per_char")
            lines.append(f"| {r['size']} | {r['corpus']} | {r['chars']} | {_f(r.get('cpu_s'))} | "
                         f"{_f(r.get('wall_s'))} | {_f(per)} | {_f(_ratio(per, two.get(r['corpus'])))} | "
                         f"{r['maxrss_mb']:.0f} | {_f(r.get('findings'), '{}')} | {_f(r.get('load'))} | "
                         f"{r['status']} |")
    if result["batch"]:
        lines += ["", "| batch in one process (--jobs 1) | files | wall s | CPU s | peak RSS MB | findings | load | "
                      "status |", "|---|---:|---:|---:|---:|---:|---:|---|"]
        for r in result["batch"]:
            if "wall_s" not in r:
                lines.append(f"| {r['what']} | | | | | | | {r['status']} |")
                continue
            lines.append(f"| {r['what']} | {r['files']} | {r['wall_s']:.1f} | {r['cpu_s']:.1f} | "
                         f"{r['maxrss_mb']:.0f} | {_f(r['findings'], '{}')} | {_f(r.get('load'))} | {r['status']} |")
    goals = ratios(result)
    if goals:
        lines += ["", "| goal | measured | goal |", "|---|---:|---|"]
        for g in goals:
            note = f" ({g['note']})" if g.get("note") and g["note"] != "ok" else ""
            lines.append(f"| {g['what']} | {_f(g['value'])}{note} | {g['goal']} |")
    for lang, text in (result.get("profile") or {}).items():
        lines += ["", f"Profile, {lang}: " + text.splitlines()[0], "", "```", *text.splitlines()[1:], "```"]
    if not result.get("proselint"):
        lines += ["", "proselint: not installed (or skipped with --no-peer); no peer numbers."]
    return "\n".join(lines) + "\n"


def parse_args(argv=None):
    p = argparse.ArgumentParser(
        description="Benchmark replylint (files/s, CPU per letter, cold start, size scaling, peak memory, "
                    "result cache) on generated Russian and Vietnamese letters, with proselint on English "
                    "letters as the peer.")
    p.add_argument("--files", type=int, default=200, help="letters per language (default 200)")
    p.add_argument("--quick", action="store_true",
                   help="20 letters per language, one cold-start run, a 100-letter batch")
    p.add_argument("--jobs-list", default=None,
                   help="comma-separated --jobs values (default: 1 and the number of cores)")
    p.add_argument("--only", default=None, metavar="LIST",
                   help=f"comma-separated sections to run: {','.join(SECTIONS)} (default: all)")
    p.add_argument("--batch", type=int, default=1000, help="letters of the one-process batch (default 1000)")
    p.add_argument("--cpu-limit", type=int, default=None,
                   help="CPU seconds after which a size-scaling run is stopped (default 60, enough to "
                        "decide the goals of 15 s and 60 s; 20 with --quick)")
    p.add_argument("--corpus", metavar="DIR", help="check this corpus (DIR/ru, DIR/vi, DIR/en) instead of generating one")
    p.add_argument("--keep", metavar="DIR", help="write the generated corpus here and keep it")
    p.add_argument("--json", metavar="OUT", help="also write the results as JSON")
    p.add_argument("--replylint", metavar="CMD", default=None,
                   help="command that runs replylint (default: this Python -m replylint)")
    p.add_argument("--proselint", metavar="CMD", default=None, help="command that runs proselint (default: found on PATH)")
    p.add_argument("--no-peer", action="store_true", help="skip proselint")
    p.add_argument("--repeat", type=int, default=None, help="cold-start runs per command (default 3; 1 with --quick)")
    p.add_argument("--seed", type=int, default=2026, help="corpus seed (default 2026)")
    p.add_argument("--shared", type=Path, default=SHARED_CORPUS,
                   help=f"folder with real paragraphs (default {SHARED_CORPUS}; used when present)")
    p.add_argument("--profile", type=int, metavar="K", default=0,
                   help="also profile (cProfile) replylint on the first K files per language")
    p.add_argument("--silent", action="store_true", help="no progress lines on stderr")
    args = p.parse_args(argv)
    if args.quick:
        args.files = 20 if args.files == 200 else args.files
        args.batch = 100 if args.batch == 1000 else args.batch
        args.repeat = args.repeat or 1
        args.cpu_limit = args.cpu_limit or 20
    args.repeat = max(1, args.repeat or 3)
    args.cpu_limit = args.cpu_limit or 60
    if args.files < 2:
        p.error("--files must be at least 2")
    if args.only and not set(args.only.split(",")) <= set(SECTIONS):
        p.error(f"--only takes {', '.join(SECTIONS)}")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.replylint is None:
        os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    result = run_benchmark(args)
    table = markdown(result)
    result["markdown"] = table
    sys.stdout.write(table)
    if args.json:
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
