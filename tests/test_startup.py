"""Start-up: a command imports only what it needs. --version, --help and `rules` load no NLP and no
format library; checking a text in one language loads that language's NLP only."""
import json
import subprocess
import sys

import pytest

NLP = ("spacy", "pymorphy3", "pyvi", "pycrfsuite", "sklearn", "sklearn_crfsuite", "thinc")
FORMATS = ("lxml", "docx", "pdfminer", "striprtf", "olefile")
SERVER = ("starlette", "uvicorn", "multipart", "prometheus_client")

# runs the CLI in-process, then prints which of the heavy modules got imported
PROBE = """
import json, sys
from replylint.cli import main
heavy = json.loads(sys.argv[2])
sys.argv = ["replylint"] + json.loads(sys.argv[1])
try:
    main()
except SystemExit:
    pass
print("\\nLOADED " + json.dumps(sorted(m for m in heavy if m in sys.modules)))
"""


def loaded(args, tmp_path, stdin=None):
    heavy = NLP + FORMATS + SERVER
    out = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args), json.dumps(heavy)],
                         capture_output=True, text=True, cwd=tmp_path, input=stdin, timeout=300)
    line = [x for x in out.stdout.splitlines() if x.startswith("LOADED ")]
    assert line, out.stderr[-2000:]
    return set(json.loads(line[-1][len("LOADED "):]))


@pytest.mark.parametrize("args", [["--version"], ["-V"], ["--help"], ["check", "--help"],
                                  ["rules"], ["rules", "--format", "json"], ["explain", "ru.colloquial"]])
def test_commands_that_check_nothing_load_no_nlp_and_no_format_library(args, tmp_path):
    assert loaded(args, tmp_path) == set()


def test_a_vietnamese_text_loads_only_the_vietnamese_segmenter(tmp_path):
    (tmp_path / "a.txt").write_text("Kính gửi Ông Nguyễn Văn A.\n\nỦy ban nhân dân thành phố trả lời "
                                    "như sau.\n", encoding="utf-8")
    got = loaded(["check", "a.txt", "--no-config", "--fail-on", "never"], tmp_path)
    assert got == {"pycrfsuite"}       # pyvi's model without pyvi, scikit-learn or spaCy


def test_a_russian_text_loads_spacy_and_pymorphy3_only(tmp_path):
    (tmp_path / "a.txt").write_text("Уважаемый Иван Иванович!\n\nВаше обращение рассмотрено.\n",
                                    encoding="utf-8")
    got = loaded(["check", "a.txt", "--no-config", "--fail-on", "never"], tmp_path)
    assert got == {"spacy", "pymorphy3", "thinc"}
