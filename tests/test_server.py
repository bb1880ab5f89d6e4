"""`replylint serve` as a real process on a loopback port, driven by real clients: curl with a
.docx upload, httpx, and language-tool-python (a LanguageTool client nobody here wrote)."""
from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path

import httpx
import pytest

from serving import REPO, Server

MARKER = "Зеленоглазовскому"   # a word only the letters sent here contain: it must not be logged

LETTER_RU = f"""{MARKER} И. П.
ул. Лесная, д. 4, кв. 2, г. Чебоксары

Уважаемый Иван Петрович!

Центр занятости рассмотрел Ваше обращение о назначении пособия. Короче, пособие назначено
с 01.06.2026, щас документы готовятся 😀. Ждём Вас в кабинете 12.

С уважением,
директор центра
А. В. Николаев
"""


def _cli(*args, cwd, stdin=None):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "replylint", *args], cwd=cwd, env=env,
                          input=stdin, capture_output=True, timeout=300)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    d = tmp_path_factory.mktemp("serve")
    (d / "tmp").mkdir()
    return d


@pytest.fixture(scope="module")
def server(workdir):
    with Server("--workers", "2", "--max-body", "3MB", cwd=workdir,
                env={"TMPDIR": str(workdir / "tmp")}) as s:
        yield s


def _files(d: Path) -> set[str]:
    return {str(p.relative_to(d)) for p in d.rglob("*") if not p.name.startswith("serve-")}


# ---- health, rules -------------------------------------------------------------------------

def test_healthz_reports_warm_checkers(server):
    body = httpx.get(server.url + "/healthz").json()
    assert body["status"] == "ok" and body["checkers"] == 2 and body["ready"] == 2
    assert len(set(body["pids"])) == 2


def test_rules_and_explain(server):
    rules = httpx.get(server.url + "/v1/rules").json()
    by_id = {r["id"]: r for r in rules}
    assert by_id["common.emoji"]["scope"] == "fragment"
    assert by_id["common.signature-missing"]["scope"] == "letter"
    vi_only = httpx.get(server.url + "/v1/rules", params={"lang": "vi"}).json()
    assert {r["lang"] for r in vi_only} == {None, "vi"}
    page = httpx.get(server.url + "/v1/rules/ru.third-person-address").json()
    assert page["id"] == "ru.third-person-address"
    assert "третьем лице" in page["quote"] and page["source_clause"] == "п. 4.4"
    assert "ru.third-person-address (error" in page["text"]
    missing = httpx.get(server.url + "/v1/rules/ru.nope")
    assert missing.status_code == 404 and "unknown rule" in missing.json()["error"]


# ---- POST /v1/check: exactly the CLI's JSON -------------------------------------------------

def test_curl_docx_upload_gives_the_cli_report(server, workdir):
    if shutil.which("curl") is None:
        if os.environ.get("CI"):
            pytest.fail("CI needs curl, the client this test drives")
        pytest.skip("curl is not installed")
    shutil.copy(REPO / "examples" / "docx" / "ru-bad.docx", workdir / "draft.docx")
    out = subprocess.run(["curl", "-sS", "--fail-with-body", "-F", "file=@draft.docx",
                          server.url + "/v1/check"], cwd=workdir, capture_output=True, timeout=60)
    assert out.returncode == 0, out.stderr
    served = json.loads(out.stdout)
    cli = _cli("check", "--format", "json", "--no-config", "draft.docx", cwd=workdir)
    assert cli.returncode == 1
    assert served == json.loads(cli.stdout)
    rules = {d["rule"] for d in served["files"][0]["diagnostics"]}
    assert {"common.font", "ru.third-person-address"} <= rules
    assert served["files"][0]["diagnostics"][0]["paragraph"] >= 1   # .docx positions


def test_json_text_with_options_gives_the_cli_report(server, workdir):
    options = {"lang": "ru", "ignore": ["ru.colloquial"], "min_severity": "warning"}
    served = httpx.post(server.url + "/v1/check", json={"text": LETTER_RU, **options}).json()
    cli = _cli("check", "-", "--format", "json", "--no-config", "--lang", "ru", "--ignore",
               "ru.colloquial", "--min-severity", "warning", cwd=workdir, stdin=LETTER_RU.encode())
    assert served == json.loads(cli.stdout)
    found = {d["rule"] for d in served["files"][0]["diagnostics"]}
    assert "common.emoji" in found and "ru.colloquial" not in found
    assert served["files"][0]["path"] == "-"


def test_eml_upload_with_httpx(server, workdir):
    data = (REPO / "examples" / "ru-email-bad.eml").read_bytes()
    (workdir / "reply.eml").write_bytes(data)
    served = httpx.post(server.url + "/v1/check", files={"file": ("reply.eml", data, "message/rfc822")},
                        data={"select": "common,ru.colloquial"}).json()
    cli = _cli("check", "--format", "json", "--no-config", "--select", "common",
               "--select", "ru.colloquial", "reply.eml", cwd=workdir)
    assert served == json.loads(cli.stdout)
    assert served["files"][0]["kind"] == "email"


def test_appeal_is_compared_as_on_the_command_line(server, workdir):
    letter = ("Уважаемый Иван Петрович!\n\nВаше обращение о ремонте подъезда рассмотрено. Ремонт "
              "подъезда включён в план на 2027 год.\n\nС уважением,\nначальник отдела    А.В. Николаев\n")
    appeal = "Прошу отремонтировать подъезд. Также прошу установить скамейки и урны во дворе дома 5."
    (workdir / "reply.txt").write_text(letter, encoding="utf-8")
    (workdir / "appeal.txt").write_text(appeal, encoding="utf-8")
    served = httpx.post(server.url + "/v1/check", files={"file": ("reply.txt", letter.encode()),
                                                         "appeal": ("appeal.txt", appeal.encode())}).json()
    cli = _cli("check", "--format", "json", "--no-config", "--appeal", "appeal.txt", "reply.txt",
               cwd=workdir)
    assert served == json.loads(cli.stdout)
    as_json = httpx.post(server.url + "/v1/check", json={"text": letter, "filename": "reply.txt",
                                                         "appeal": appeal}).json()
    assert as_json == served
    without = httpx.post(server.url + "/v1/check", json={"text": letter}).json()
    assert "common.unanswered-question" in {d["rule"] for d in served["files"][0]["diagnostics"]}
    assert "common.unanswered-question" not in {d["rule"] for d in without["files"][0]["diagnostics"]}


@pytest.mark.parametrize("body, status, cause", [
    ({"json": {"nottext": "x"}}, 400, "needs \"text\""),
    ({"json": {"text": "x", "lang": "en"}}, 400, "lang must be one of"),
    ({"json": {"text": "x", "select": ["ru.nope"]}}, 400, "unknown rule or pack 'ru.nope'"),
    ({"json": {"text": "x", "colour": 1}}, 400, "unknown key(s) colour"),
    ({"data": {"lang": "ru"}}, 400, "field 'file' or a text field 'text'"),
    ({"content": b"hello", "headers": {"Content-Type": "text/plain"}}, 415, "multipart/form-data"),
    ({"content": b"{not json", "headers": {"Content-Type": "application/json"}}, 400, "not valid JSON"),
])
def test_bad_requests_are_400_with_a_cause(server, body, status, cause):
    r = httpx.post(server.url + "/v1/check", **body)
    assert r.status_code == status
    assert cause in r.json()["error"]


def test_unreadable_document_is_422_with_the_cli_cause(server, workdir):
    broken = random.Random(7).randbytes(3000)
    (workdir / "broken.docx").write_bytes(broken)
    r = httpx.post(server.url + "/v1/check", files={"file": ("broken.docx", broken)})
    assert r.status_code == 422
    cli = _cli("check", "--no-config", "broken.docx", cwd=workdir)
    assert cli.returncode == 2
    assert "replylint: " + r.json()["error"] == cli.stderr.decode().strip().splitlines()[-1]
    assert r.json()["report"]["files"][0]["diagnostics"] == []


# ---- limits, disk, logs, metrics ------------------------------------------------------------

def test_body_over_the_limit_is_413(server):
    big = b"x" * (3 * 1024 * 1024 + 10)
    r = httpx.post(server.url + "/v1/check", files={"file": ("big.txt", big)})
    assert r.status_code == 413 and "too large" in r.json()["error"]

    def chunks():   # no Content-Length: the limit holds while the body streams in
        for _ in range(40):
            yield b"y" * 100_000
    r = httpx.post(server.url + "/v2/check", content=chunks(),
                   headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413


def test_uploads_are_never_written_to_disk(server, workdir):
    before = _files(workdir)
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "czn@cap.ru", "ivanov@mail.ru", "Ответ на обращение"
    msg.set_content(LETTER_RU)
    msg.add_attachment(random.Random(1).randbytes(2_000_000), maintype="application",
                       subtype="octet-stream", filename="scan.bin")
    data = msg.as_bytes()
    assert 2_000_000 < len(data) < 3 * 1024 * 1024    # past Starlette's 1 MB spooling threshold
    r = httpx.post(server.url + "/v1/check", files={"file": ("reply.eml", data)}, timeout=60)
    assert r.status_code == 200, r.text
    assert r.json()["files"][0]["kind"] == "email"
    assert _files(workdir) == before
    assert not any((workdir / "tmp").iterdir())


def test_logs_carry_no_letter_text(server):
    httpx.post(server.url + "/v1/check", json={"text": LETTER_RU})
    httpx.post(server.url + "/v2/check", data={"language": "ru", "text": LETTER_RU})
    assert httpx.get(server.url + "/v2/check", params={"language": "ru", "text": MARKER}).status_code == 200
    log = server.wait_for_log("GET /v2/check 200")   # logged once the answer has gone out
    assert "POST /v1/check 200" in log
    assert MARKER not in log and "Центр занятости" not in log


def test_metrics_count_requests_and_latency(server):
    httpx.post(server.url + "/v1/check", json={"text": "Уважаемый Иван Петрович!"})
    text = httpx.get(server.url + "/metrics").text
    assert 'replylint_http_requests_total{method="POST",route="/v1/check",status="200"}' in text
    assert 'replylint_http_request_duration_seconds_bucket{le="0.05",route="/v1/check"}' in text
    assert 'replylint_check_duration_seconds_count{job="check"}' in text
    assert 'replylint_checkers_ready 2.0' in text
    rss = [float(line.split()[-1]) for line in text.splitlines()
           if line.startswith("replylint_checker_resident_memory_bytes{")]
    assert len(rss) == 2 and all(m > 50e6 for m in rss)


# ---- the LanguageTool API -------------------------------------------------------------------

def test_languages_in_languagetools_shape(server):
    langs = httpx.get(server.url + "/v2/languages").json()
    assert {"name": "Russian", "code": "ru", "longCode": "ru-RU"} in langs
    assert {"name": "Vietnamese", "code": "vi", "longCode": "vi-VN"} in langs


@pytest.fixture
def lt_client(server, monkeypatch, tmp_path):
    """language-tool-python pointed at replylint: it must never download or start LanguageTool
    (no Java here), so anything that would is made to fail loudly."""
    import language_tool_python
    import language_tool_python.server as lt_server

    def refuse(*args, **kwargs):
        raise AssertionError("language-tool-python tried to download or start LanguageTool")
    monkeypatch.setattr(lt_server, "LocalLanguageTool", refuse, raising=False)
    monkeypatch.setattr(lt_server.subprocess, "Popen", refuse)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "ltp"))
    tools = []

    def make(lang):
        tool = language_tool_python.LanguageTool(lang, remote_server=server.url)
        tools.append(tool)
        return tool
    yield make
    for tool in tools:
        tool.close()
    assert not (tmp_path / "ltp").exists() and not (tmp_path / ".cache").exists()


def _span(text, m):
    """The text a match covers; language-tool-python gives offsets in Python code points but
    the length in LanguageTool's UTF-16 units."""
    units, end = 0, m.offset
    while units < m.error_length:
        units += 2 if ord(text[end]) > 0xFFFF else 1
        end += 1
    return text[m.offset:end]


def test_language_tool_python_russian_paragraph(lt_client):
    tool = lt_client("ru-RU")
    text = "Добрый день 😀! Короче, ваша заявка рассмотрена 👍🏽, щас всё будет. Ваш ЦЗН"
    matches = tool.check(text)
    got = sorted((m.rule_id, _span(text, m)) for m in matches)
    assert ("common.emoji", "😀") in got
    assert ("common.emoji", "👍🏽") in got
    assert ("ru.colloquial", "Короче") in got and ("ru.colloquial", "щас") in got
    emoji = next(m for m in matches if _span(text, m) == "😀")
    assert emoji.offset == text.index("😀") and emoji.error_length == 2
    shchas = next(m for m in matches if _span(text, m) == "щас")
    assert shchas.offset == text.index("щас")            # after two emoji: UTF-16 offsets right
    assert shchas.replacements == ["сейчас"]
    assert shchas.category == "RU" and shchas.rule_issue_type == "register"
    # one paragraph is not a letter: no "signature missing", no "salutation missing"
    assert not {m.rule_id for m in matches} & {"common.signature-missing", "ru.salutation-missing"}


def test_language_tool_python_vietnamese_paragraph(lt_client):
    tool = lt_client("vi-VN")
    text = "Ủy ban đã nhận được đơn của bà nhé 👍, hồ sơ ko hợp lệ, bà tự đi mà hỏi."
    matches = tool.check(text)
    got = {(m.rule_id, _span(text, m)) for m in matches}
    assert ("common.emoji", "👍") in got
    assert ("vi.teencode", "ko") in got
    ko = next(m for m in matches if m.rule_id == "vi.teencode")
    assert ko.offset == text.index("ko") and ko.replacements == ["không"]
    assert not {m.rule_id for m in matches} & {"vi.recipient-missing", "common.signature-missing"}


def test_language_tool_python_auto_language_and_whole_letter(lt_client):
    tool = lt_client("auto")
    matches = tool.check(LETTER_RU.replace("директор центра\nА. В. Николаев\n", ""))
    assert {"common.emoji", "ru.colloquial"} <= {m.rule_id for m in matches}
    # a whole letter (head and closing): the whole-letter rules run too
    assert "common.signature-missing" in {m.rule_id for m in matches}


def test_languagetool_response_shape_and_rule_selection(server):
    text = "Короче, ваша заявка 😀 рассмотрена."
    r = httpx.post(server.url + "/v2/check", data={"language": "ru", "text": text,
                                                   "disabledRules": "WHITESPACE_RULE,ru.colloquial"})
    body = r.json()
    assert body["software"]["name"] == "replylint"
    assert body["language"] == {"name": "Russian", "code": "ru-RU", "detectedLanguage": {
        "name": "Russian", "code": "ru-RU", "confidence": 1.0, "source": "replylint"}}
    [m] = body["matches"]
    assert m["rule"]["id"] == "common.emoji" and m["offset"] == 20 and m["length"] == 2
    assert m["context"] == {"text": text, "offset": 20, "length": 2}
    assert m["sentence"] == text and m["replacements"] == [{"value": ""}]
    assert set(m["rule"]) >= {"id", "description", "issueType", "category"}
    assert set(m["rule"]["category"]) == {"id", "name"} and m["type"] == {"typeName": "Other"}
    assert body["sentenceRanges"] == [[0, len(text) + 1]]
    only = httpx.post(server.url + "/v2/check", json={"language": "ru", "text": text,
                                                      "enabledRules": "ru.colloquial",
                                                      "enabledOnly": "true"}).json()
    assert [m["rule"]["id"] for m in only["matches"]] == ["ru.colloquial"]


def test_languagetool_annotated_data_counts_positions_with_markup(server):
    annotation = [{"markup": "<p>"}, {"text": "Короче, всё "}, {"markup": "<b>"}, {"text": "щас"},
                  {"markup": "</b>"}, {"text": " будет 🙂."}, {"markup": "</p>", "interpretAs": "\n\n"},
                  {"markup": "<p>"}, {"text": "Спс за терпение!"}, {"markup": "</p>"}]
    original = "".join(a.get("text", a.get("markup")) for a in annotation)
    r = httpx.post(server.url + "/v2/check", data={"language": "ru-RU",
                                                   "data": json.dumps({"annotation": annotation})})
    found = {m["rule"]["id"] + ":" + original[m["offset"]:m["offset"] + m["length"]]
             for m in r.json()["matches"] if "🙂" not in original[:m["offset"]]}
    assert {"ru.colloquial:Короче", "ru.colloquial:щас"} <= found
    spasibo = next(m for m in r.json()["matches"]
                   if m["rule"]["id"] == "ru.colloquial" and m["offset"] >= original.index("Спс"))
    # after the emoji (2 UTF-16 units, 1 Python character): one unit more than a Python index
    assert spasibo["offset"] == original.index("Спс") + 1
    assert "<b>щас</b>" in next(m for m in r.json()["matches"]
                                if m["offset"] == original.index("щас"))["context"]["text"]


@pytest.mark.parametrize("params, cause", [
    ({"language": "ru"}, "Missing 'text' or 'data' parameter"),
    ({"text": "x"}, "Missing 'language' parameter"),
    ({"text": "x", "language": "en-US"}, "'en-US' is not a language code known to replylint"),
    ({"text": "x", "data": "{}", "language": "ru"}, "Set only 'text' or 'data' parameter"),
    ({"data": "{oops", "language": "ru"}, "Could not parse JSON from 'data' parameter"),
    ({"text": "x", "language": "ru", "enabledOnly": "true"}, "You must specify enabled rules"),
])
def test_languagetool_errors_are_plain_400(server, params, cause):
    r = httpx.post(server.url + "/v2/check", data=params)
    assert r.status_code == 400 and r.text.startswith("Error: ") and cause in r.text


# ---- command-line guards --------------------------------------------------------------------

def test_a_public_host_needs_an_explicit_flag(workdir):
    r = _cli("serve", "--host", "0.0.0.0", "--port", "1", cwd=workdir)
    assert r.returncode == 2
    assert "not a loopback address: add --allow-remote" in r.stderr.decode()


def test_a_broken_config_stops_the_start_with_its_cause(workdir):
    (workdir / "bad.yaml").write_text("rules:\n  ru.vy-capital: loud\n", encoding="utf-8")
    r = _cli("serve", "--config", "bad.yaml", "--port", "1", cwd=workdir)
    assert r.returncode == 2
    assert "bad.yaml:2: severity of ru.vy-capital must be one of" in r.stderr.decode()


# ---- a guarded server: token, time limit, a crashing rule -----------------------------------

FAULT = '''
# Fault injection for the tests: common.shouting raises in every process of this server.
import replylint.rules_py.common.shouting as module


def find(ctx, check):
    raise RuntimeError("injected fault")
    yield


module.find = find
'''


@pytest.fixture(scope="module")
def guarded(workdir):
    site = workdir / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(FAULT, encoding="utf-8")
    (workdir / "token.txt").write_text("s3cret-token\n", encoding="utf-8")
    with Server("--token-file", "token.txt", "--timeout", "0.5", cwd=workdir,
                # the server's own behaviour on a crash: not the suite's strict mode
                env={"PYTHONPATH": f"{site}{os.pathsep}{REPO}", "REPLYLINT_STRICT": "0"}) as s:
        yield s


AUTH = {"Authorization": "Bearer s3cret-token"}


def test_token_is_required_except_for_health_and_the_page(guarded):
    assert httpx.get(guarded.url + "/healthz").status_code == 200
    assert httpx.get(guarded.url + "/").status_code == 200
    r = httpx.post(guarded.url + "/v1/check", json={"text": "x"})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    wrong = httpx.post(guarded.url + "/v1/check", json={"text": "x"},
                       headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    assert httpx.get(guarded.url + "/metrics").status_code == 401
    assert httpx.post(guarded.url + "/v1/check", json={"text": "x"}, headers=AUTH).status_code == 200
    lt = httpx.post(guarded.url + "/v2/check", data={"language": "ru", "text": "x", "apiKey": "s3cret-token"})
    assert lt.status_code == 200


def test_a_crashing_rule_is_a_200_with_a_note(guarded):
    r = httpx.post(guarded.url + "/v1/check", json={"text": LETTER_RU}, headers=AUTH)
    assert r.status_code == 200
    f = r.json()["files"][0]
    assert any(n.startswith("common.shouting skipped: internal error RuntimeError: injected fault")
               for n in f["notes"])
    assert {"common.emoji", "ru.colloquial"} <= {d["rule"] for d in f["diagnostics"]}
    lt = httpx.post(guarded.url + "/v2/check", headers=AUTH,
                    data={"language": "ru", "text": LETTER_RU}).json()
    assert lt["warnings"]["incompleteResults"] is True
    assert "common.shouting skipped" in lt["warnings"]["incompleteResultsReason"]


def test_a_check_past_the_time_limit_is_504_and_the_worker_is_replaced(guarded):
    before = httpx.get(guarded.url + "/healthz").json()["pids"]
    paragraph = ("Центр занятости рассмотрел Ваше обращение о назначении пособия по безработице "
                 "и сообщает, что решение будет принято после проверки всех документов. ")
    long_letter = "Уважаемый Иван Петрович!\n\n" + "\n\n".join([paragraph * 4] * 400)
    r = httpx.post(guarded.url + "/v1/check", json={"text": long_letter}, headers=AUTH, timeout=60)
    assert r.status_code == 504 and "limit of 0.5 s" in r.json()["error"]
    # the overrunning checker is gone and a fresh one serves the next request
    after = httpx.get(guarded.url + "/healthz").json()["pids"]
    assert after != before and not _alive(before[0])
    ok = httpx.post(guarded.url + "/v1/check", json={"text": "Уважаемый Иван Петрович!"},
                    headers=AUTH, timeout=120)
    assert ok.status_code == 200
    metrics = httpx.get(guarded.url + "/metrics", headers=AUTH).text
    assert "replylint_check_timeouts_total 1.0" in metrics
    assert "replylint_checker_restarts 1.0" in metrics


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "zombie" not in \
        Path(f"/proc/{pid}/status").read_text().lower()


def test_token_file_must_hold_a_token(workdir):
    (workdir / "empty-token").write_text("\n", encoding="utf-8")
    r = _cli("serve", "--token-file", "empty-token", "--port", "1", cwd=workdir)
    assert r.returncode == 2 and "must hold one token" in r.stderr.decode()
