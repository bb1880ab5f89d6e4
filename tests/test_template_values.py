"""A template placeholder stands for a value wherever a rule looks for one (issue 9, item 8).

For each fact a rule reads (the signer's name, the contact phone, the salutation's name, the
date line, the document number, the recipient …): the template with a placeholder in the slot
is exactly as clean as the same letter with a real value, in every placeholder syntax, and the
template without the line still fires.
"""
import pytest

from replylint.engine import RunOptions, check_file

SYNTAXES = {
    "jinja": "{{{{ {} }}}}",
    "jinja-tight": "{{{{{}}}}}",
    "format": "{{{}}}",
    "mustache-triple": "{{{{{{ {} }}}}}}",
    "jinja-filter": "{{{{ {}|default('') }}}}",
    "mustache-ampersand": "{{{{& {}}}}}",
}

RU_BODY = "Ваше обращение рассмотрено, пособие назначено с 01.02.2026."
RU_SIGN = "Глава администрации   А.В. Николаев"
RU_EXEC = "Исп. Петрова А.С., тел. 8 (8352) 45-12-34"

# fact -> (lang, kind, letter with [slot] marks, {slot: real value}, the line to drop, the rule
# that must fire without it)
CASES = {
    "signer after the position, one space": (
        "ru", "letter",
        f"Уважаемый Иван Иванович!\n\n{RU_BODY}\n\nС уважением,\nГлава администрации [signer]\n\n{RU_EXEC}\n",
        {"signer": "А.В. Николаев"}, "Глава администрации [signer]\n", "common.signature-missing"),
    "signer on its own line": (
        "ru", "letter",
        f"Уважаемый Иван Иванович!\n\n{RU_BODY}\n\nС уважением,\nНачальник отдела\n[signer]\n\n{RU_EXEC}\n",
        {"signer": "Николаев Алексей Викторович"}, "Начальник отдела\n[signer]\n", "common.signature-missing"),
    "position and signer both placeholders": (
        "ru", "letter",
        f"Уважаемый Иван Иванович!\n\n{RU_BODY}\n\nС уважением,\n[position] [signer]\n\n{RU_EXEC}\n",
        {"position": "Глава администрации", "signer": "А.В. Николаев"}, "[position] [signer]\n",
        "common.signature-missing"),
    "executor phone after тел.": (
        "ru", "letter",
        f"Уважаемый Иван Иванович!\n\n{RU_BODY}\n\nС уважением,\n{RU_SIGN}\n\nИсп. [executor], тел. [telefon]\n",
        {"executor": "Петрова А.С.", "telefon": "8 (8352) 45-12-34"}, ", тел. [telefon]", "common.signature-contact"),
    "executor phone on the next line, unlabelled": (
        "ru", "letter",
        f"Уважаемый Иван Иванович!\n\n{RU_BODY}\n\nС уважением,\n{RU_SIGN}\n\nИсп. [executor]\n[phone]\n",
        {"executor": "Петрова А.С.", "phone": "8 (8352) 45-12-34"}, "[phone]\n", "common.signature-contact"),
    "signer's phone line": (
        "ru", "letter",
        f"Уважаемый Иван Иванович!\n\n{RU_BODY}\n\nС уважением,\nНачальник отдела\n[signer]\nТелефон: [contact]\n",
        {"signer": "Николаев Алексей Викторович", "contact": "8 (8352) 45-12-34"}, "Телефон: [contact]\n",
        "common.signature-contact"),
    "salutation with the name": (
        "ru", "letter",
        f"Иванову И.И.\n\nУважаемый [name]!\n\n{RU_BODY}\n\nС уважением,\n{RU_SIGN}\n\n{RU_EXEC}\n",
        {"name": "Иван Иванович"}, "Уважаемый [name]!\n", "ru.salutation-missing"),
    "letterhead date, number and reference": (
        "ru", "letter",
        "Администрация города Чебоксары\n\n[date] № [number]\nна № [in_number] от [in_date]\n\n[addressee]\n"
        f"[address]\n\n[subject]\n\nУважаемый [name]!\n\n{RU_BODY}\n\nС уважением,\n{RU_SIGN}\n\n{RU_EXEC}\n",
        {"date": "26.01.2026", "number": "01-17/245", "in_number": "П-123", "in_date": "12.01.2026",
         "addressee": "Иванову И.И.", "address": "ул. Мира, д. 5, кв. 3, г. Чебоксары, 428000",
         "subject": "О рассмотрении обращения", "name": "Иван Иванович"}, None, None),
    "an e-mail's signature and phone": (
        "ru", "email",
        "Уважаемая [name]!\n\nСправка будет готова [date].\n\nС уважением,\n[position]\n[signer]\nтел. [phone]\n",
        {"name": "Анна Сергеевна", "date": "15.05.2026", "position": "главный специалист отдела",
         "signer": "Е.В. Козлова", "phone": "8 (495) 620-17-41"}, "тел. [phone]\n", "common.signature-contact"),
    "công văn: number, date line, recipient, signer": (
        "vi", "letter",
        "ỦY BAN NHÂN DÂN\nXÃ [ten_xa]\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "Số: [so]/UBND-VP\nV/v trả lời đơn của [nguoi_gui]\n[dia_danh], ngày [ngay] tháng [thang] năm [nam]\n\n"
        "Kính gửi: [nguoi_nhan]\n\nỦy ban nhân dân xã nhận được đơn đề ngày [ngay_don] của Ông/Bà. Sau khi xem "
        "xét, Ủy ban nhân dân xã trả lời như sau: [noi_dung]\n\nMọi thắc mắc xin liên hệ bộ phận một cửa theo số "
        "điện thoại [dien_thoai] trong giờ hành chính.\n\nTrân trọng./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\n"
        "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n[nguoi_ky]\n",
        {"ten_xa": "UAR", "so": "125", "nguoi_gui": "ông Nguyễn Văn An", "dia_danh": "Uar", "ngay": "15",
         "thang": "3", "nam": "2026", "nguoi_nhan": "Ông Nguyễn Văn An", "ngay_don": "01/3/2026",
         "noi_dung": "Hồ sơ của Ông đã được tiếp nhận và giải quyết đúng hạn.", "dien_thoai": "0263 3545 212",
         "nguoi_ky": "Trần Văn Bình"}, "Kính gửi: [nguoi_nhan]\n", "vi.recipient-missing"),
    "công văn: the whole date and the whole number as one value": (
        "vi", "letter",
        "ỦY BAN NHÂN DÂN\nXÃ UAR\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "Số: [so_ky_hieu]\nV/v trả lời đơn\nUar, [ngay_thang_nam]\n\nKính gửi: [nguoi_nhan]\n\n"
        "Ủy ban nhân dân xã trả lời như sau: hồ sơ đã được giải quyết.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\n"
        "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n[nguoi_ky]\n",
        {"so_ky_hieu": "125/UBND-VP", "ngay_thang_nam": "ngày 15 tháng 3 năm 2026",
         "nguoi_nhan": "Ông Nguyễn Văn An", "nguoi_ky": "Trần Văn Bình"}, "Uar, [ngay_thang_nam]\n", "vi.date-line"),
    "công văn without its number": (
        "vi", "letter",
        "ỦY BAN NHÂN DÂN\nXÃ UAR\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "Số: [so_ky_hieu]\nV/v trả lời đơn\nUar, ngày 15 tháng 3 năm 2026\n\nKính gửi: [nguoi_nhan]\n\n"
        "Ủy ban nhân dân xã trả lời như sau: hồ sơ đã được giải quyết.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\n"
        "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n[nguoi_ky]\n",
        {"so_ky_hieu": "125/UBND-VP", "nguoi_nhan": "Ông Nguyễn Văn An", "nguoi_ky": "Trần Văn Bình"},
        "Số: [so_ky_hieu]\n", "vi.number-symbol"),
    "a Vietnamese e-mail's signature and phone": (
        "vi", "email",
        "Kính gửi: [xung_ho] [ten],\n\nHồ sơ của Ông đã được tiếp nhận.\n\nTrân trọng.\n\n[nguoi_ky]\n[chuc_vu]\n"
        "Điện thoại: [so_dt]\n",
        {"xung_ho": "Ông", "ten": "Hải", "nguoi_ky": "Nguyễn Văn An", "chuc_vu": "Chuyên viên",
         "so_dt": "024.3825.1234"}, "Điện thoại: [so_dt]\n", "common.signature-contact"),
}


def _render(letter: str, values: dict) -> str:
    for k, v in values.items():
        letter = letter.replace(f"[{k}]", v)
    assert "[" not in letter.replace("[ФИО]", ""), letter
    return letter


def _findings(tmp_path, name, text, lang, kind):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    r = check_file(str(p), RunOptions(lang=lang, kind=kind, no_config=True))
    assert r.error is None, r.error
    return sorted((d.rule, d.line) for d in r.diagnostics)


@pytest.mark.parametrize("case", list(CASES))
def test_a_placeholder_reads_as_the_value_it_stands_for(tmp_path, case):
    lang, kind, letter, values, _, _ = CASES[case]
    real = _findings(tmp_path, "real.txt", _render(letter, values), lang, kind)
    assert real == [], f"the letter with real values must be clean: {real}"
    for syntax, form in SYNTAXES.items():
        template = _render(letter, {k: form.format(k) for k in values})
        got = _findings(tmp_path, f"{syntax}.txt.j2", template, lang, kind)
        assert got == real, f"{syntax}: {template!r}"


@pytest.mark.parametrize("case", [c for c in CASES if CASES[c][4]])
def test_a_template_missing_the_line_still_fires(tmp_path, case):
    lang, kind, letter, values, drop, rule = CASES[case]
    template = _render(letter.replace(drop, ""), {k: "{{ " + k + " }}" for k in values})
    assert rule in [r for r, _ in _findings(tmp_path, "missing.txt.j2", template, lang, kind)]


def test_a_placeholder_is_a_phone_only_where_a_phone_would_stand(tmp_path):
    # {{ executor }} is the executor's name, not a phone; "E-mail: {{ email }}" is no signer
    text = (f"Уважаемый Иван Иванович!\n\n{RU_BODY}\n\nС уважением,\n{RU_SIGN}\n\n"
            "Исп. {{ executor }}\nE-mail: {{ email }}\n")
    assert "common.signature-contact" in [r for r, _ in _findings(tmp_path, "a.txt.j2", text, "ru", "letter")]
    text = f"Уважаемый Иван Иванович!\n\n{RU_BODY}\n\nС уважением,\nE-mail: {{{{ email }}}}\n\n{RU_EXEC}\n"
    assert "common.signature-missing" in [r for r, _ in _findings(tmp_path, "b.txt.j2", text, "ru", "letter")]


@pytest.mark.parametrize("open_tag,close_tag", [("{% if signed %}", "{% endif %}"),
                                                 ("{{#signed}}", "{{/signed}}"),
                                                 ("{{^unsigned}}", "{{/unsigned}}")])
def test_a_signature_inside_a_conditional_block_is_read(tmp_path, open_tag, close_tag):
    text = (f"Уважаемый {{{{ name }}}}!\n\n{RU_BODY}\n\nС уважением,\n{open_tag}\nГлава администрации "
            f"{{{{ signer }}}}\n{close_tag}\n\nИсп. {{{{ executor }}}}, тел. {{{{ telefon }}}}\n")
    assert _findings(tmp_path, "a.txt.mustache", text, "ru", "letter") == []
