import os
from pathlib import Path

import pytest

# Strict mode (replylint/failures.py): a rule or segmenter that raises fails the test that ran
# it instead of becoming a note. Tests of the non-strict behaviour unset it with monkeypatch.
os.environ["REPLYLINT_STRICT"] = "1"
# No result cache unless a test asks for one (tests/test_cache.py): a test that patches a rule
# must see it run, not a result a run before the patch stored.
os.environ["REPLYLINT_NO_CACHE"] = "1"
os.environ.pop("REPLYLINT_CACHE_DIR", None)

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture
def shared_corpus():
    corpus = SHARED / "corpus"
    if not corpus.exists():
        pytest.skip("../shared/corpus not present")
    return corpus
