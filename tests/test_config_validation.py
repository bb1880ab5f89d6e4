"""Every setting and top-level value is validated when the configuration loads (issue 14,
class 4): a wrong type or range is `file:line: message`, exit 2, before any file is read --
never a rule crashing at lint time or a setting silently ignored."""
import json
from datetime import time

import pytest
from typer.testing import CliRunner

from replylint import config as cfgmod
from replylint.cli import app
from replylint.config import ConfigError, load_file

runner = CliRunner()


@pytest.fixture(autouse=True)
def fresh(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cfgmod._DISCOVERED.clear()
    yield
    cfgmod._DISCOVERED.clear()


BAD = [
    ("settings:\n  working_hours: \"9-18\"\n", 2, "settings.working_hours must be a mapping"),
    ("settings:\n  working_hours: {start: \"9-18\"}\n", 2, "settings.working_hours.start must be a time"),
    ("settings:\n  working_hours: {start: \"25:00\"}\n", 2, "is not a time of day"),
    ("settings:\n  working_hours:\n    days: [x]\n", 3, "'x' is not an ISO weekday"),
    ("settings:\n  working_hours:\n    days: [0, 8]\n", 3, "0 is not an ISO weekday"),
    ("settings:\n  working_hours:\n    day: [1]\n", 3, "unknown key 'day'"),
    ("settings:\n  timezone: 99\n", 2, "99 is not an offset in hours"),
    ("settings:\n  timezone: \"Mars/Base\"\n", 2, "unknown time zone 'Mars/Base'"),
    ("settings:\n  timezone: \"+25:00\"\n", 2, "is not an offset"),
    ("settings:\n  timezone: [1]\n", 2, "must be a time zone"),
    ("settings:\n  layout: A4\n", 2, "settings.layout must be a mapping"),
    ("settings:\n  layout: {font_size: big}\n", 2, "settings.layout.font_size must be a number"),
    ("settings:\n  layout: {ru: {left: -5}}\n", 2, "out of range"),
    ("settings:\n  layout: {ru: {left: .inf}}\n", 2, "must be a number"),
    ("settings:\n  layout: {colour: red}\n", 2, "unknown layout key 'colour'"),
    ("settings:\n  layout: {ru: {margins: {top: [1, 2, 3]}}}\n", 2, "[min, max]"),
    ("settings:\n  allowed_abbreviations: [[ЦЗН]]\n", 2, "is not abbreviation"),
    ("settings:\n  allowed_abbreviations: {a: 1}\n", 2, "must be a list of abbreviations"),
    ("settings:\n  work_domains: [\"mos ru\"]\n", 2, "is not a mail domain"),
    ("settings:\n  wrk: 1\n", 2, "unknown setting 'wrk'"),
    ("max_file_size: 1e999MB\n", 1, "max_file_size must be a size like 20MB"),
    ("max_file_size: -1\n", 1, "max_file_size must be a size like 20MB"),
    ("max_file_size: 0\n", 1, "max_file_size"),
    ("max_file_size: 5TB\n", 1, "max_file_size"),
    ("max_file_size: true\n", 1, "max_file_size"),
    ("max_file_size: 1.5e400\n", 1, "max_file_size"),
    ("max_text_length: many\n", 1, "max_text_length (characters) must be a positive whole number"),
    ("max_text_length: 0\n", 1, "max_text_length"),
    ("time_limit: -3\n", 1, "time_limit (seconds) must be a positive number"),
    ("time_limit: .nan\n", 1, "time_limit"),
    ("templates: [\"*.j2\"]\n", 1, "templates takes extensions"),
    ("select: [a]\nselect: [b]\n", 2, "duplicate key 'select' (first on line 1)"),
    ("a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
     "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
     "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
     "settings: {allowed_abbreviations: *f}\n", 6, "alias bomb"),
    ("a: &a [*a]\n", 1, "recursive alias"),
]


@pytest.mark.parametrize("text,line,needle", BAD)
def test_a_bad_value_is_file_line_message(tmp_path, text, line, needle):
    p = tmp_path / ".replylint.yaml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_file(p)
    msg = str(e.value)
    assert msg.startswith(f"{p}:{line}: ") and needle in msg, msg
    assert "\n" not in msg and "Error" not in msg.split(": ", 1)[1][:20]


def test_the_cli_stops_before_reading_any_file(tmp_path):
    (tmp_path / ".replylint.yaml").write_text("settings:\n  timezone: 99\n", encoding="utf-8")
    (tmp_path / "a.eml").write_text("From: a@b.ru\nDate: Sun, 1 Mar 2026 23:00:00 +0300\n"
                                    "Subject: x\n\nТекст\n", encoding="utf-8")
    r = runner.invoke(app, ["check", "a.eml", "--format", "json"])
    assert r.exit_code == 2
    assert r.stdout == ""
    assert r.stderr.strip().endswith(".replylint.yaml:2: settings.timezone: 99 is not an offset "
                                     "in hours (-23 … +23)")


def test_good_settings_are_normalised(tmp_path):
    p = tmp_path / ".replylint.yaml"
    p.write_text("settings:\n  working_hours: {start: 08:30, end: \"17.45\", days: [5, 1, 1]}\n"
                 "  timezone: Europe/Moscow\n  work_domains: \"@Mos.ru\"\n"
                 "  layout: {ru: {font_size: 13, margins: {left: [20, null]}}}\n"
                 "max_file_size: 512 KB\nmax_text_length: 200_000\ntime_limit: 2m\n", encoding="utf-8")
    cfg = load_file(p)
    hours = cfg.settings["working_hours"]
    assert hours == {"start": time(8, 30), "end": time(17, 45), "days": [1, 5]}
    assert str(cfg.settings["timezone"]) == "Europe/Moscow"
    assert cfg.settings["work_domains"] == ["mos.ru"]
    assert cfg.max_file_size == 512 * 1024 and cfg.max_text_length == 200_000
    assert cfg.time_limit == 120


def test_after_hours_uses_a_validated_zone(tmp_path):
    (tmp_path / ".replylint.yaml").write_text(
        "settings:\n  timezone: \"+07:00\"\n  working_hours: {start: \"08:00\", end: \"17:00\"}\n",
        encoding="utf-8")
    (tmp_path / "a.eml").write_text(
        "From: a@b.ru\nTo: c@d.ru\nDate: Mon, 2 Mar 2026 03:30:00 +0000\nSubject: Trả lời\n\n"
        "Kính gửi: Ông An\nỦy ban đã nhận được đơn của Ông.\nTrân trọng,\nChủ tịch\nNguyễn Văn Bình\n",
        encoding="utf-8")
    r = runner.invoke(app, ["check", "a.eml", "--format", "json", "--select", "common.after-hours"])
    assert r.exit_code in (0, 1), r.output
    assert json.loads(r.stdout)["files"][0]["diagnostics"] == []     # 10:30 in +07:00
