from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture
def shared_corpus():
    corpus = SHARED / "corpus"
    if not corpus.exists():
        pytest.skip("../shared/corpus not present")
    return corpus
