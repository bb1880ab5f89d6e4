"""Any input gets a report or a one-line error: never a traceback (SPEC 6)."""
import json
import random

import pytest
from typer.testing import CliRunner

from replylint.cli import app
from replylint.linter import document_from_text, lint
from replylint.packs import load_rules

ALPHABET = ("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯ"
            "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?-–—«»\"'()[]{}/\\№@#%^&*_+=<>\n\n\t©®🙂👍\u0301\ue000")


def random_texts(n, seed=7):
    rng = random.Random(seed)
    for _ in range(n):
        yield "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 1500)))


@pytest.mark.parametrize("lang", ["ru", "vi", "unknown"])
def test_every_rule_survives_random_text(lang):
    rules = load_rules()
    for text in random_texts(15, seed=hash(lang) % 1000):
        for kind in ("letter", "email"):
            doc = document_from_text(text, lang=lang, kind=kind, metadata={"subject": None})
            for d in lint(doc, rules):
                assert 0 <= d.start <= d.end <= len(text)


def test_garbage_files_never_crash_the_cli(tmp_path):
    rng = random.Random(3)
    paths = []
    for i in range(12):
        ext = [".txt", ".md", ".eml", ".html", ".docx", ".j2"][i % 6]
        p = tmp_path / f"g{i}{ext}"
        p.write_bytes(bytes(rng.randrange(256) for _ in range(rng.randint(0, 3000))))
        paths.append(str(p))
    r = CliRunner().invoke(app, ["check", *paths, "--format", "json", "--no-config"])
    assert r.exit_code in (0, 1, 2)
    assert "Traceback" not in r.output
    report = json.loads(r.stdout)
    assert len(report["files"]) == len(paths)
    for f in report["files"]:
        assert f["error"] is None or "\n" not in f["error"]
