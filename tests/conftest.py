import os
import shutil
import tempfile
from pathlib import Path

import pytest

# Strict mode (replylint/failures.py): a rule or segmenter that raises fails the test that ran
# it instead of becoming a note. Tests of the non-strict behaviour unset it with monkeypatch.
os.environ["REPLYLINT_STRICT"] = "1"
# No result cache unless a test asks for one (tests/test_cache.py): a test that patches a rule
# must see it run, not a result a run before the patch stored.
os.environ["REPLYLINT_NO_CACHE"] = "1"
os.environ.pop("REPLYLINT_CACHE_DIR", None)
# Pack compile markers (replylint/pack_cache.py) in a folder of this run, not the user's cache.
os.environ["REPLYLINT_PACK_CACHE_DIR"] = tempfile.mkdtemp(prefix="replylint-packs-")

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture
def shared_corpus():
    corpus = SHARED / "corpus"
    if not corpus.exists():
        pytest.skip("../shared/corpus not present")
    return corpus


# The quick loop is `python -m pytest -m "not slow"`. Besides the tests marked slow where they are
# written, these modules are slow as a whole: they start real servers, browsers, containers,
# LibreOffice or pip, and each of their tests costs seconds to minutes. CI runs everything.
SLOW_MODULES = {
    "test_format_invariance_office.py",   # LibreOffice converts every labelled letter
    "test_server.py", "test_web_page.py", "test_loadtest_script.py",   # replylint serve, a browser
    "test_deploy.py", "test_precommit.py",  # the container command, the wheel, pre-commit's own env
    "test_cache.py",                        # every test runs replylint twice in fresh processes
}
# ... of which the quick loop still runs these: a cached report is the fresh one
QUICK_KEEP = ("test_cache.py::test_a_cached_report_equals_a_fresh_one[json]",)

# single tests that start a fresh replylint process (spaCy, pymorphy3, pyvi loaded each time)
SLOW_TESTS = (
    "test_api.py::test_check_is_the_cli_json", "test_api.py::test_fragment_findings_are_whole_letter_findings",
    "test_api.py::test_text_without_a_name_is_stdin", "test_nlp.py::test_one_language_loads_only_its_pipeline",
)


def pytest_collection_modifyitems(config, items):
    for item in items:
        where = f"{item.path.name}::{item.name}"
        if where in QUICK_KEEP:
            continue
        if item.path.name in SLOW_MODULES or where.startswith(SLOW_TESTS):
            item.add_marker(pytest.mark.slow)


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(os.environ["REPLYLINT_PACK_CACHE_DIR"], ignore_errors=True)
