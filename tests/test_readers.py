import email.policy
import os
from email.message import EmailMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

import pytest

from replylint.document import ReadError
from replylint.readers import EXTENSIONS, ReadOptions, read
from replylint.readers.html import html_to_text
from replylint.readers.template import PLACEHOLDER_CHAR, is_placeholder, mask

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
LETTER = "Уважаемый Иван Петрович!\n\nСообщаем, что Ваше обращение рассмотрено.\n\nС уважением,\nИ.И. Иванов\n"


def write(tmp_path, name, data):
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return str(p)


# --- text and encodings ---------------------------------------------------------------------

@pytest.mark.parametrize("codec,bom,expected", [
    ("utf-8", b"", "utf-8"), ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"),
    ("utf-16-le", b"\xff\xfe", "utf-16-le"), ("utf-16-be", b"\xfe\xff", "utf-16-be"),
    ("cp1251", b"", "cp1251"), ("koi8-r", b"", "koi8-r")])
def test_text_file_encodings(tmp_path, codec, bom, expected):
    doc = read(write(tmp_path, "a.txt", bom + LETTER.encode(codec)))
    assert doc.text == LETTER and doc.raw_text == LETTER
    assert doc.encoding == expected
    assert (doc.format, doc.lang, doc.kind, doc.is_template) == ("txt", "ru", "letter", False)
    assert doc.zones == []
    pos = doc.source_map.position(doc.text.index("Сообщаем"))
    assert (pos.line, pos.column) == (3, 1)


def test_crlf_kept_and_positions(tmp_path):
    doc = read(write(tmp_path, "a.txt", LETTER.replace("\n", "\r\n").encode("cp1251")))
    assert "\r\n" in doc.text
    pos = doc.source_map.position(doc.text.index("обращение"))
    assert (pos.line, pos.column) == (3, 20)


def test_vietnamese_text(tmp_path):
    doc = read(write(tmp_path, "v.txt", "Kính gửi: Ông Nguyễn Văn An,\nỦy ban xin trả lời như sau.\n"))
    assert (doc.lang, doc.encoding) == ("vi", "utf-8")


def test_options_override_lang_and_kind(tmp_path):
    doc = read(write(tmp_path, "a.txt", LETTER), ReadOptions(lang="vi", kind="email"))
    assert (doc.lang, doc.kind) == ("vi", "email")


def test_empty_file_is_an_empty_document(tmp_path):
    doc = read(write(tmp_path, "e.txt", b""))
    assert doc.text == "" and doc.lang == "unknown"


def test_binary_refused(tmp_path):
    with pytest.raises(ReadError, match=r"binary file \(NUL bytes\)"):
        read(write(tmp_path, "b.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00"))


def test_stdin():
    doc = read("-", stdin=LETTER.encode("koi8-r"))
    assert (doc.path, doc.text, doc.encoding, doc.format) == ("-", LETTER, "koi8-r", "txt")


def test_unknown_extension_read_as_text(tmp_path):
    assert read(write(tmp_path, "letter.text", LETTER)).text == LETTER


# --- file errors ----------------------------------------------------------------------------

def test_size_limit_refused_before_reading(tmp_path):
    p = write(tmp_path, "big.txt", "а" * 60_000)
    with pytest.raises(ReadError) as e:
        read(p, ReadOptions(max_bytes=100_000))
    assert "file too large: 117.2 KB > limit 97.7 KB" == str(e.value)
    assert read(p, ReadOptions(max_bytes=120_000)).text  # just under: read


def test_size_limit_megabytes_message(tmp_path):
    p = tmp_path / "huge.txt"
    with open(p, "wb") as f:
        f.truncate(int(52.1 * 1024 * 1024))
    with pytest.raises(ReadError, match=r"^file too large: 52.1 MB > limit 20 MB$"):
        read(str(p))


def test_missing_file(tmp_path):
    with pytest.raises(ReadError, match="^no such file$"):
        read(str(tmp_path / "nope.txt"))


def test_directory_as_file(tmp_path):
    with pytest.raises(ReadError, match="is a directory"):
        read(str(tmp_path))


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root reads anything")
def test_permission_denied(tmp_path):
    p = write(tmp_path, "secret.txt", LETTER)
    os.chmod(p, 0)
    with pytest.raises(ReadError, match="permission denied"):
        read(p)


def test_unexpected_exceptions_become_read_errors(tmp_path, monkeypatch):
    import replylint.readers.text as text_mod

    def boom(*a, **k):
        raise ValueError("bad\nthing")
    monkeypatch.setattr(text_mod, "read_text", boom)
    # a library's raw text is no cause for a user: a sentence, with the type for a bug report
    with pytest.raises(ReadError, match=r"^the file is malformed in a way replylint cannot read \(ValueError\)$"):
        read(write(tmp_path, "a.txt", LETTER))


def test_docx_dispatch_without_module(tmp_path, monkeypatch):
    import builtins
    import sys
    real_import = builtins.__import__
    monkeypatch.delitem(sys.modules, "replylint.readers.docx", raising=False)

    def fake_import(name, globals=None, locals=None, fromlist=(), level=0):
        if level == 1 and fromlist and "docx" in fromlist:
            err = ModuleNotFoundError("No module named 'replylint.readers.docx'")
            err.name = "replylint.readers.docx"
            raise err
        return real_import(name, globals, locals, fromlist, level)
    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(ReadError, match=r"\.docx support is not installed"):
        read(write(tmp_path, "a.docx", b"PK\x03\x04"))


# --- markdown -------------------------------------------------------------------------------

def test_markdown_masks_markup_keeps_offsets(tmp_path):
    src = ("# 15.05.2026 № 3105\n\n**Управа района**\n\n> Цитата из обращения\n\n---\n\n"
           "См. [портал](https://mos.ru) и __важно__.\n"
           "Срок до «___» __________ 2026 г.\n<!-- черновик -->\n- пункт списка\n")
    doc = read(write(tmp_path, "a.md", src))
    assert doc.format == "md" and len(doc.text) == len(src) and doc.raw_text == src
    t = doc.text
    assert "#" not in t and "**" not in t and ">" not in t and "---" not in t
    assert "https" not in t and "черновик" not in t
    for word in ("15.05.2026", "Управа района", "Цитата из обращения", "портал", "важно",
                 "«___» __________", "- пункт списка"):
        assert word in t
        assert t.index(word) == src.index(word)
    pos = doc.source_map.position(t.index("Цитата"))
    assert (pos.line, pos.column) == (5, 3)


def test_markdown_multiline_bold_and_snake_case(tmp_path):
    src = "**Государственное учреждение\n«МФЦ»**\n\nимя_отчество и 2 * 3 * 4\n"
    t = read(write(tmp_path, "a.md", src)).text
    assert "**" not in t
    assert "имя_отчество" in t and "2 * 3 * 4" in t


def test_real_markdown_corpus_reads():
    folder = CORPUS / "real-ru"
    if not folder.is_dir():
        pytest.skip("corpus not present")
    for p in sorted(folder.glob("*.reply.md")):
        doc = read(str(p))
        assert doc.lang == "ru" and len(doc.text) == len(doc.raw_text)
        assert "**" not in doc.text


# --- html -----------------------------------------------------------------------------------

HTML = """<html><head><title>Ответ</title><style>p {color: red}</style></head>
<body>
<p>Уважаемый&nbsp;Иван   Петрович!</p>
<p>Сообщаем &laquo;важное&raquo;:<br>первая строка<br/>вторая &amp; третья</p>
<script>alert("x")</script>
<div>С уважением,</div><div>И.И. Иванов</div>
</body></html>
"""


def test_html_to_text(tmp_path):
    doc = read(write(tmp_path, "a.html", HTML))
    t = doc.text
    assert doc.format == "html" and doc.lang == "ru"
    assert "Уважаемый\u00a0Иван Петрович!" in t
    assert "Сообщаем «важное»:\nпервая строка\nвторая & третья" in t
    assert "Ответ" not in t and "color" not in t and "alert" not in t
    assert "С уважением,\nИ.И. Иванов" in t
    assert "Петрович!\n\nСообщаем" in t


def test_html_source_positions(tmp_path):
    doc = read(write(tmp_path, "a.html", HTML))
    t = doc.text
    lines = HTML.splitlines()
    for needle, line in [("Уважаемый", 3), ("Петрович", 3), ("важное", 4), ("вторая", 4),
                         ("третья", 4), ("И.И.", 6)]:
        pos = doc.source_map.position(t.index(needle))
        assert (pos.line, pos.column) == (line, lines[line - 1].index(needle) + 1), needle
    assert doc.source_map.position(t.index("Петрович")).column == 26


def test_html_meta_charset_cp1251(tmp_path):
    src = '<html><head><meta charset="windows-1251"></head><body><p>Да, ответ готов.</p></body></html>'
    doc = read(write(tmp_path, "a.htm", src.encode("cp1251")))
    assert doc.text.strip() == "Да, ответ готов." and doc.encoding == "cp1251"


def test_html_directives_are_kept_for_suppression(tmp_path):
    src = "<p>a</p><!-- replylint-disable common.emoji --><p>b :)</p><!-- other -->"
    doc = read(write(tmp_path, "a.html", src))
    assert "replylint" not in doc.text and "other" not in doc.text
    (s, e), = doc.suppressed["common.emoji"]
    assert s <= doc.text.index(":)") < e


def test_html_pre_and_table():
    text, _ = html_to_text("<table><tr><td>a</td><td>b</td></tr></table><pre>x  y\n z</pre>")
    assert "a      b" in text and "x  y\n z" in text


# --- e-mail ---------------------------------------------------------------------------------

def corpus_emails():
    out = []
    for lang in ("ru", "vi"):
        out += sorted((CORPUS / "labeled" / lang).glob("*.eml"))
    return out


@pytest.mark.skipif(not (CORPUS / "labeled").is_dir(), reason="corpus not present")
@pytest.mark.parametrize("path", corpus_emails(), ids=lambda p: p.name)
def test_corpus_emails(path):
    doc = read(str(path))
    raw = path.read_bytes()
    m = doc.metadata
    assert (doc.format, doc.kind) == ("eml", "email")
    assert doc.lang == path.parent.name
    assert "@" in m["from_address"] and m["from_address"] in m["from"]
    assert m["date_parsed"] is not None and m["date_parsed"].tzinfo is not None
    assert m["date"].startswith(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"))
    if b"\nSubject:" in raw or raw.startswith(b"Subject:"):
        assert m["subject"]
    else:
        assert m["subject"] is None
    assert doc.text.startswith(("Уважаем", "Kính gửi"))
    # the first body line maps to its line in the .eml file
    lines = raw.decode("utf-8").split("\n")
    first = doc.text.split("\n")[0].rstrip("\r")
    pos = doc.source_map.position(0)
    assert lines[pos.line - 1].rstrip("\r") == first
    assert "Subject:" not in doc.text and "Content-Type" not in doc.text


def test_corpus_email_subject_values():
    p = CORPUS / "labeled" / "ru" / "002-mfc-kazan-vydacha-dokumentov.eml"
    if not p.exists():
        pytest.skip("corpus not present")
    m = read(str(p)).metadata
    assert m["subject"] == "Ответ на обращение от 06.03.2026 о выдаче документов после регистрации"
    assert m["from_address"] == "obrashcheniya@mfc16.tatarstan.ru"
    assert m["to_addresses"] == ["g.garipova84@mail.ru"]
    assert m["date_parsed"].utcoffset().total_seconds() == 3 * 3600
    assert m["message_id"] == "<20260311142508.4471@mfc16.tatarstan.ru>"


def _headers(msg, subject="Ответ на обращение"):
    msg["From"] = "МФЦ <info@mfc.ru>"
    msg["To"] = "Иванов И.И. <ivanov@example.org>"
    if subject is not None:
        msg["Subject"] = subject
    msg["Date"] = "Mon, 02 Mar 2026 10:00:00 +0300"
    msg["Message-ID"] = "<1@mfc.ru>"


def test_multipart_alternative_prefers_plain_and_lists_attachments(tmp_path):
    msg = EmailMessage()
    _headers(msg)
    msg.set_content(LETTER, charset="utf-8")
    msg.add_alternative("<p>HTML версия</p>", subtype="html")
    msg.add_attachment(b"%PDF-1.4", maintype="application", subtype="pdf", filename="Решение.pdf")
    doc = read(write(tmp_path, "m.eml", msg.as_bytes(policy=email.policy.SMTP)))
    assert doc.text.replace("\r\n", "\n") == LETTER
    m = doc.metadata
    assert m["attachments"] == ["Решение.pdf"]
    assert m["subject"] == "Ответ на обращение" and m["from_address"] == "info@mfc.ru"
    assert m["body_type"] == "text/plain"


def test_html_only_email(tmp_path):
    msg = EmailMessage()
    _headers(msg)
    msg.set_content("<p>Уважаемый Иван Петрович!</p><p>Ответ&nbsp;готов.</p>", subtype="html",
                    charset="utf-8", cte="8bit")
    data = msg.as_bytes()
    doc = read(write(tmp_path, "h.eml", data))
    assert doc.text.startswith("Уважаемый Иван Петрович!\n\nОтвет\u00a0готов.")
    assert doc.metadata["body_type"] == "text/html"
    lines = data.decode("utf-8").split("\n")
    pos = doc.source_map.position(doc.text.index("Ответ"))
    assert lines[pos.line - 1][pos.column - 1:].startswith("Ответ")


def test_quoted_printable_koi8r(tmp_path):
    msg = MIMEMultipart("mixed")
    _headers(msg)
    part = MIMEText(LETTER, "plain", "koi8-r")
    del part["Content-Transfer-Encoding"]
    import email.charset
    cs = email.charset.Charset("koi8-r")
    cs.body_encoding = email.charset.QP
    part = MIMEText(LETTER, "plain", cs)
    msg.attach(part)
    data = msg.as_bytes()
    assert b"quoted-printable" in data and "Уважаемый".encode("koi8-r") not in data
    doc = read(write(tmp_path, "q.eml", data))
    assert doc.text == LETTER
    assert doc.encoding == "koi8-r" and doc.lang == "ru"
    assert doc.metadata["body_transfer_encoding"] == "quoted-printable"
    # decoded lines counted from the line where the encoded body starts
    header_end = data[:data.index(b"=F5")].count(b"\n") + 1
    assert doc.source_map.position(0).line == header_end


def test_base64_cp1251_and_mislabelled_charset(tmp_path):
    msg = EmailMessage()
    _headers(msg)
    msg.set_content(LETTER.encode("cp1251"), maintype="text", subtype="plain", cte="base64")
    msg.set_param("charset", "windows-1251")
    assert read(write(tmp_path, "b.eml", msg.as_bytes())).text == LETTER
    # 8-bit cp1251 bytes labelled us-ascii: detected instead of garbled
    raw = (b"From: a@b.ru\nSubject: x\nContent-Type: text/plain; charset=us-ascii\n"
           b"Content-Transfer-Encoding: 8bit\n\n" + LETTER.encode("cp1251"))
    doc = read(write(tmp_path, "c.eml", raw))
    assert doc.text == LETTER and doc.encoding == "cp1251"
    assert doc.source_map.position(0).line == 6


def test_missing_vs_empty_subject(tmp_path):
    m1 = EmailMessage()
    _headers(m1, subject=None)
    m1.set_content("Текст")
    m2 = EmailMessage()
    _headers(m2, subject="")
    m2.set_content("Текст")
    assert read(write(tmp_path, "a.eml", m1.as_bytes())).metadata["subject"] is None
    assert read(write(tmp_path, "b.eml", m2.as_bytes())).metadata["subject"] == ""


def test_not_an_email(tmp_path):
    with pytest.raises(ReadError, match="^not an e-mail message: no headers$"):
        read(write(tmp_path, "x.eml", LETTER))
    # a near miss: one real header is enough
    doc = read(write(tmp_path, "y.eml", "Subject: Ответ\n\n" + LETTER))
    assert doc.metadata["subject"] == "Ответ" and doc.metadata["from"] is None
    assert doc.text == LETTER


def test_unparsable_date_is_none(tmp_path):
    doc = read(write(tmp_path, "d.eml", "From: a@b.ru\nDate: вчера\n\nТекст\n"))
    assert doc.metadata["date"] == "вчера" and doc.metadata["date_parsed"] is None


# --- templates ------------------------------------------------------------------------------

def test_template_masking_keeps_offsets():
    src = "Уважаемый {{ имя_отчество }}!"
    masked, spans, values = mask(src)
    assert len(masked) == len(src)
    assert masked.startswith("Уважаемый ") and masked.endswith("!")
    assert masked.index("!") == src.index("!")
    token = masked[len("Уважаемый "):-1]
    assert is_placeholder(token) and set(token) == {PLACEHOLDER_CHAR}
    assert spans == values == [(10, len(src) - 1)]


@pytest.mark.parametrize("src,kept", [
    ("{% if female %}Уважаемая{% else %}Уважаемый{% endif %} {name}!", ["Уважаемая", "Уважаемый"]),
    ("{{{ raw_html }}} и {{# items }}пункт{{/ items }} {# комментарий #}", ["пункт"]),
    ("Дата: {{ date | format('%d.%m.%Y') }}\n{%- for x in xs -%}\n{{ x }}\n{% endfor %}", ["Дата:"]),
])
def test_template_tags(src, kept):
    masked, spans, values = mask(src)
    assert len(masked) == len(src) and masked.count("\n") == src.count("\n")
    assert "{" not in masked and "}" not in masked and "%" not in masked
    for word in kept:
        assert masked.index(word) == src.index(word)
    for s, e in values:
        assert is_placeholder(masked[s:e].replace("\n", ""))


def test_template_near_misses():
    src = "Ставка {5%} и { пробел } и JSON {\"a\": 1}"
    masked, spans, _ = mask(src)
    assert masked == src and spans == []


def test_template_file_and_directives(tmp_path):
    src = ("{# replylint-disable common.placeholder #}\n"
           "Уважаемый {{ имя_отчество }}!\n{# replylint-enable #}\nС уважением,\n")
    doc = read(write(tmp_path, "reply.txt.j2", src))
    assert doc.is_template and doc.format == "template" and doc.metadata["template_of"] == "txt"
    assert doc.raw_text == src and len(doc.text) == len(src)
    assert "replylint" not in doc.text and "{{" not in doc.text
    assert doc.text.index("Уважаемый") == src.index("Уважаемый")
    (s, e), = doc.suppressed["common.placeholder"]
    assert s <= doc.text.index("Уважаемый") < e
    assert not (s <= doc.text.index("С уважением") < e)
    assert doc.metadata["template_values"] == [(src.index("{{"), src.index("}}") + 2)]
    assert doc.lang == "ru"


def test_markdown_template(tmp_path):
    src = "# {{ title }}\n\n**Уважаемый {{ name }}!**\n"
    doc = read(write(tmp_path, "reply.md.jinja", src))
    assert doc.metadata["template_of"] == "md"
    assert "#" not in doc.text and "**" not in doc.text and "{" not in doc.text


def test_placeholders_not_masked_outside_templates(tmp_path):
    doc = read(write(tmp_path, "a.txt", "Уважаемый {{ имя }}!"))
    assert "{{ имя }}" in doc.text and not doc.is_template


def test_suppression_applies_to_text_files(tmp_path):
    src = "a\n<!-- replylint-disable-next-line ru -->\nб\n"
    doc = read(write(tmp_path, "a.txt", src))
    assert doc.raw_text == src and "replylint" not in doc.text
    assert doc.is_suppressed("ru.some-rule", src.index("б"))
    assert not doc.is_suppressed("vi.some-rule", src.index("б"))


def test_extensions_constant():
    assert set(EXTENSIONS) >= {".txt", ".md", ".eml", ".html", ".htm", ".docx", ".j2", ".jinja",
                               ".mustache"}


def test_tcvn3_text_file_is_vietnamese_and_unreadable(tmp_path):
    src = "Céng hßa x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc\n"
    doc = read(write(tmp_path, "legacy.txt", src.encode("latin-1")))
    assert doc.lang == "vi" and doc.encoding in ("latin-1", "cp1252")
    assert doc.unreadable == [(0, len(src) - 1)]
    assert read(write(tmp_path, "ok.txt", LETTER)).unreadable == []


def test_multipart_8bit_koi8r_body_line(tmp_path):
    raw = (b"From: a@b.ru\nSubject: multi\nContent-Type: multipart/alternative; boundary=YY\n\n"
           b"--YY\nContent-Type: text/plain; charset=koi8-r\nContent-Transfer-Encoding: 8bit\n\n"
           + "Привет\nмир\n".encode("koi8-r") + b"--YY--\n")
    doc = read(write(tmp_path, "m.eml", raw))
    assert doc.text.startswith("Привет\nмир")
    assert doc.source_map.position(doc.text.index("мир")).line == 10


@pytest.mark.parametrize("markup", [
    '<p>Глава управы<span style="padding-left:200px">А.С. Белов</span></p>',
    '<p><span style="margin-right:20em">Глава управы</span>А.С. Белов</p>',
    '<p><span style="display:inline-block;width:300px">Глава управы</span>А.С. Белов</p>',
    '<p>Глава управы<span style="float:right">А.С. Белов</span></p>',
    '<p>Глава управы&nbsp;&nbsp;&nbsp;&nbsp;А.С. Белов</p>',
])
def test_html_inline_column_gap_is_a_run_of_spaces(markup):
    from replylint.structure.lines import COLUMN_GAP
    text, anchors = html_to_text(markup)
    line = text.strip("\n")
    assert line.startswith("Глава управы") and line.endswith("А.С. Белов")
    assert COLUMN_GAP.search(line), repr(line)
    from replylint.document import SourceMap
    pos = SourceMap(text, anchors).position(text.index("А.С."))
    assert markup.index("А.С.") == pos.column - 1


def test_html_small_padding_and_plain_inline_stay_one_space():
    text, _ = html_to_text('<p>a <b>b</b> <span style="padding:1px 2px">c</span>d</p>')
    assert text == "a b cd\n"


def test_html_padded_element_at_line_start_is_an_indent_but_an_inline_block_is_not():
    text, _ = html_to_text('<p><span style="margin-left:120px">Y Khoa Byă</span></p>')
    assert text.startswith(" " * 12) and text.strip() == "Y Khoa Byă"
    text, _ = html_to_text('<p><span style="display:inline-block">Начальник</span>И.И. Петров</p>')
    assert text == "Начальник   И.И. Петров\n"


def test_html_table_row_is_laid_out_as_columns():
    from replylint.document import SourceMap
    src = ('<table><tr><td>ỦY BAN NHÂN DÂN<br>PHƯỜNG A<br><br>Số: 5/UBND</td>'
           '<td>CỘNG HÒA XÃ HỘI<br>Độc lập<br><br>A, ngày 1</td></tr></table><p>Kính gửi</p>')
    text, anchors = html_to_text(src)
    assert text.split("\n")[:5] == ["ỦY BAN NHÂN DÂN      CỘNG HÒA XÃ HỘI",
                                     "PHƯỜNG A             Độc lập", "",
                                     "Số: 5/UBND           A, ngày 1", ""]
    sm = SourceMap(text, anchors)
    for word in ("Độc", "A, ngày", "Số:", "Kính"):
        assert src.index(word) == sm.position(text.index(word)).column - 1


def test_markdown_pipe_table_reads_as_columns():
    from replylint.readers.text import mask_markdown
    text = ("**UBND PHƯỜNG** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n---|---\n"
            "Số: 09/UBND-VP | Hà Nội, ngày 05 tháng 3 năm 2026\n\nplain | pipe\n")
    masked = mask_markdown(text)
    assert len(masked) == len(text)
    assert "Số: 09/UBND-VP   Hà Nội" in masked and "|" not in masked.split("\n\n")[0]
    assert masked.endswith("plain | pipe\n")     # not a table: no delimiter row
