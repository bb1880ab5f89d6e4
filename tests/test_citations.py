"""Citations a clerk can read, and rule texts in the document's language (issue 9, item 9).

Every rule's `source` renders as a clean citation — the document's title (or its short name)
and the clause, never the seed files' internal numbers («(004), 004 п. 4.5», «ND30») or a clause
repeating its document («Phụ lục I, Phụ lục I»). A rule's why and fix are in its language; a
common.* rule has message, why and fix in Russian, Vietnamese and English, and each output picks
the document's language.
"""
import json
import re
import unicodedata
from pathlib import Path

import pytest

from replylint.engine import RunOptions, ruleset
from replylint.meta_rules import META_RULES
from replylint.reporters import render

from helpers import make_rule

RULES = list(ruleset(None, RunOptions(no_config=True)).rules)
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
LANGS = ("ru", "vi", None)

# what a clerk must never read in a citation
INTERNAL = [
    (re.compile(r"\(0\d\d\)"), "a seed file's number in brackets"),
    (re.compile(r"(?<![\w./-])0\d\d(?![\w./-])"), "a seed file's number"),
    (re.compile(r"\bND ?30\b"), "the internal abbreviation ND30"),
    (re.compile(r"seeds/|\.txt\b|_[0-9a-f]{8,}"), "a file name"),
]


def _doubled(citation: str) -> str | None:
    """A part of a citation written twice in a row («Phụ lục I, Phụ lục I»)."""
    for one in citation.split("; "):
        parts = [p.strip() for p in one.split(",")]
        for a, b in zip(parts, parts[1:]):
            if a and a == b:
                return a
    return None


def test_the_rules_are_all_here():
    assert len(RULES) >= 40 and {r.pack for r in RULES} == {"common", "ru", "vi"}


@pytest.mark.parametrize("rule", RULES + list(META_RULES), ids=lambda r: r.id)
def test_every_citation_reads_clean(rule):
    for lang in LANGS:
        for text in (rule.source_text(lang), rule.short_citation(lang)):
            assert text.strip(), f"{rule.id}: no citation for {lang}"
            for pattern, what in INTERNAL:
                assert not pattern.search(text), f"{rule.id} ({lang}): {what} in «{text}»"
            assert _doubled(text) is None, f"{rule.id} ({lang}): «{_doubled(text)}» twice in «{text}»"
    for c in rule.citations():
        assert str(c.get("quote") or "").strip(), f"{rule.id}: a citation without its quote"
        doc_parts = {p.strip() for p in str(c["document"]).split(",")}
        first = str(c["clause"]).split(",")[0].strip()
        assert first not in doc_parts, f"{rule.id}: the clause «{c['clause']}» repeats its document"


def test_a_document_has_one_short_name():
    shorts = {}
    for rule in RULES:
        for c in rule.citations():
            shorts.setdefault(c["document"], set()).add(c.get("short"))
    assert {d: s for d, s in shorts.items() if len(s) > 1} == {}


def test_a_common_rule_cites_the_code_of_the_document_language():
    rule = next(r for r in RULES if r.id == "common.signature-missing")
    assert rule.short_citation("ru") == "Кодекс ЦЗН, п. 4.5; ГОСТ Р 7.0.97-2016, п. 5.23 (подпись)"
    assert rule.short_citation("vi") == "Quy tắc ứng xử TTPVHCC xã Uar, mục I.4"
    assert "Кодекс ЦЗН" in rule.short_citation(None) and "xã Uar" in rule.short_citation(None)
    # clauses of one document follow its title once
    apology = next(r for r in RULES if r.id == "ru.apology-missing")
    assert apology.source_text("ru").count("Кодекс клиентоцентричности") == 1


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"(?m)^\s*[-•]\s+", "", text)          # the seeds' list bullets
    text = text.translate(str.maketrans("ερё", "ере"))   # look-alike letters of the seeds' OCR
    return re.sub(r"\s+", " ", text).lower()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents (../shared/seeds) are not here")
def test_quotes_of_the_seed_codes_are_in_the_seeds():
    seeds = {p.name[:3]: _fold(p.read_text(encoding="utf-8")) for p in SEEDS.glob("0*.txt")}
    titles = {"Кодекс клиентоцентричности": "004", "TTPVHCC xã Uar": "000",
              "Thanh Hóa": "002", "Báo Đồng Tháp": "003"}
    checked = 0
    for rule in RULES:
        for c in rule.citations():
            seed = next((n for t, n in titles.items() if t in c["document"] + c.get("short", "")), None)
            if seed is None:
                continue
            for fragment in re.split(r"\s*…\s*", str(c["quote"])):
                fragment = fragment.strip(" ;.")
                if fragment:
                    assert _fold(fragment) in seeds[seed], f"{rule.id}: «{fragment}» is not in seed {seed}"
                    checked += 1
    assert checked > 40


# --- the rule's language -------------------------------------------------------------------

CYR = re.compile(r"[а-яё]", re.I)
VI_LETTERS = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùý]", re.I)


def _speaks(text: str, lang: str) -> bool:
    # quoted examples («Исп. …», "Điện thoại: …") and {placeholders} are not the text's language
    text = re.sub(r"«[^«»]*»|\"[^\"]*\"|\{\w+\}", " ", text)
    letters = [ch for ch in text if ch.isalpha()]
    cyr = sum(bool(CYR.match(ch)) for ch in letters)
    if lang == "ru":
        return cyr > len(letters) * 0.6
    if lang == "vi":
        return len(VI_LETTERS.findall(text)) >= 2 and cyr < len(letters) * 0.2
    # English: mostly plain Latin letters (quoted Russian or Vietnamese examples aside)
    return sum(ch.isascii() for ch in letters) > len(letters) * 0.7


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_why_and_fix_speak_the_rule_language(rule):
    if rule.lang:
        for what in ("why", "fix", "message"):
            value = getattr(rule, what)
            assert isinstance(value, str) and _speaks(value, rule.lang), f"{rule.id}.{what} is not in {rule.lang}"
        return
    for what in ("message", "why", "fix"):
        value = getattr(rule, what)
        assert isinstance(value, dict) and set(value) == {"ru", "vi", "en"}, f"{rule.id}.{what}: ru, vi and en"
        for lang, text in value.items():
            assert _speaks(text, lang), f"{rule.id}.{what}.{lang} is not in {lang}: {text}"


def test_why_and_fix_by_language_and_citations_are_validated(tmp_path):
    from replylint.packs import PackError, load_pack
    with pytest.raises(PackError, match=r"x\.yaml:\d+: 'why' by language takes ru, vi and en"):
        make_rule(tmp_path, "check: existence\nwords: [x]\nwhy: {ru: а, de: b}\n", language=None)
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "pack.yaml").write_text("name: p\nlanguage: null\n", encoding="utf-8")
    (folder / "x.yaml").write_text("id: p.x\nseverity: warning\nmessage: m\ncheck: existence\nwords: [x]\n"
                                   "source:\n  - document: d\n    quote: q\n", encoding="utf-8")
    with pytest.raises(PackError, match=r"x\.yaml:7: a citation needs document, clause and quote \(missing: clause\)"):
        load_pack(folder)


# --- each output in the document's language --------------------------------------------------

RU = "Уважаемый Иван Иванович!\n\nВаше обращение рассмотрено 🙂\n"
VI = "Kính gửi: Ông Nguyễn Văn An,\n\nHồ sơ của Ông đã được tiếp nhận 🙂\n"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    from replylint.engine import run
    d = tmp_path_factory.mktemp("letters")
    (d / "ru.txt").write_text(RU, encoding="utf-8")
    (d / "vi.txt").write_text(VI, encoding="utf-8")
    return run([str(d / "ru.txt"), str(d / "vi.txt")],
               RunOptions(no_config=True, select=["common.emoji", "common.signature-missing"]))


def _by_file(report, name):
    return next(f for f in report.files if f.path.endswith(name))


def test_text_output_speaks_each_document_language(report):
    out = render(report, "text")
    ru_line = next(line for line in out.splitlines() if "ru.txt" in line and "common.emoji" in line)
    vi_line = next(line for line in out.splitlines() if "vi.txt" in line and "common.emoji" in line)
    assert CYR.search(ru_line.split("common.emoji", 1)[1]) and ru_line.endswith("[Кодекс ЦЗН, п. 4.5]")
    assert VI_LETTERS.search(vi_line) and vi_line.endswith("[Quy tắc ứng xử TTPVHCC xã Uar, mục I.4]")
    assert "(004)" not in out and "000 I.4" not in out


def test_json_message_and_source_speak_the_document_language(report):
    data = json.loads(render(report, "json"))
    by = {Path(f["path"]).name: {d["rule"]: d for d in f["diagnostics"]} for f in data["files"]}
    assert by["ru.txt"]["common.emoji"]["message"] == _rule("common.emoji").message["ru"].replace("{match}", "🙂")
    assert by["vi.txt"]["common.emoji"]["message"] == _rule("common.emoji").message["vi"].replace("{match}", "🙂")
    assert by["ru.txt"]["common.emoji"]["source"].startswith("Кодекс клиентоцентричности")
    assert by["vi.txt"]["common.emoji"]["source"].startswith("Quy tắc giao tiếp, ứng xử")


def _rule(rid):
    return next(r for r in RULES if r.id == rid)


def test_sarif_help_is_in_the_languages_of_the_documents(report):
    sarif = json.loads(render(report, "sarif"))
    desc = {d["id"]: d for d in sarif["runs"][0]["tool"]["driver"]["rules"]}
    emoji = desc["common.emoji"]
    for lang in ("ru", "vi"):
        assert _rule("common.emoji").why[lang] in emoji["help"]["text"]
        assert _rule("common.emoji").fix[lang] in emoji["help"]["text"]
    assert _rule("common.emoji").why["en"] not in emoji["help"]["text"]
    assert {c["short"] for c in emoji["properties"]["source"]} == {"Кодекс ЦЗН", "Quy tắc ứng xử TTPVHCC xã Uar"}
    results = {(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].rsplit("/", 1)[-1], r["ruleId"]):
               r["message"]["text"] for r in sarif["runs"][0]["results"]}
    assert CYR.search(results[("ru.txt", "common.emoji")]) and VI_LETTERS.search(results[("vi.txt", "common.emoji")])


def test_sarif_help_of_a_vietnamese_run_is_vietnamese(tmp_path):
    from replylint.engine import run
    (tmp_path / "vi.txt").write_text(VI, encoding="utf-8")
    rep = run([str(tmp_path / "vi.txt")], RunOptions(no_config=True, select=["common.emoji"]))
    emoji = json.loads(render(rep, "sarif"))["runs"][0]["tool"]["driver"]["rules"][0]
    text = emoji["help"]["text"]
    assert _rule("common.emoji").why["vi"] in text and _rule("common.emoji").fix["vi"] in text
    assert _rule("common.emoji").why["ru"] not in text and "Кодекс" not in text
    assert _rule("common.emoji").why["vi"] in emoji["fullDescription"]["text"]


def test_html_report_explains_in_the_document_language(tmp_path):
    from replylint.engine import run
    (tmp_path / "vi.txt").write_text(VI, encoding="utf-8")
    html = render(run([str(tmp_path / "vi.txt")], RunOptions(no_config=True, select=["common.emoji"])), "html")
    assert "Xóa biểu tượng cảm xúc." in html and "Удалите смайлик" not in html and "Delete the emoji" not in html


@pytest.mark.parametrize("lang,why,fix", [
    ("ru", "Кодексы поведения не допускают смайликов", "Удалите смайлик или эмодзи."),
    ("vi", "Quy tắc ứng xử không cho phép", "Xóa biểu tượng cảm xúc."),
    ("en", "Codes of conduct forbid emoticons", "Delete the emoji or emoticon."),
])
def test_explain_lang_picks_why_fix_and_citation(lang, why, fix):
    from typer.testing import CliRunner

    from replylint.cli import app
    r = CliRunner().invoke(app, ["explain", "common.emoji", "--lang", lang])
    assert r.exit_code == 0, r.output
    assert why in r.output and fix in r.output
    if lang == "ru":
        assert "Source: Кодекс клиентоцентричности" in r.output and "xã Uar" not in r.output
    if lang == "vi":
        assert "Source: Quy tắc giao tiếp" in r.output and "Кодекс" not in r.output
    if lang == "en":
        assert "Кодекс ЦЗН, п. 4.5" in r.output and "mục I.4" in r.output


def test_the_api_explains_in_the_asked_language():
    from replylint.api import explain_dict
    page = explain_dict(_rule("common.signature-contact"), "vi")
    assert page["why"] == _rule("common.signature-contact").why["vi"]
    assert page["source"] == "Quy tắc giao tiếp, ứng xử của Trung tâm Phục vụ hành chính công xã Uar, mục I.4"
    assert page["quote"].startswith("Sử dụng ngôn ngữ văn phòng")
