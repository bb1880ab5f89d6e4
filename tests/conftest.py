import os
from pathlib import Path

import pytest

# Strict mode (replylint/failures.py): a rule or segmenter that raises fails the test that ran
# it instead of becoming a note. Tests of the non-strict behaviour unset it with monkeypatch.
os.environ["REPLYLINT_STRICT"] = "1"

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture
def shared_corpus():
    corpus = SHARED / "corpus"
    if not corpus.exists():
        pytest.skip("../shared/corpus not present")
    return corpus
