"""replylint's Vietnamese segmentation is pyvi's: the same labels from the same model and the same
words as spaCy's pyvi tokenizer gave, on every line of every corpus and every rule example."""
from pathlib import Path

import pytest

from replylint import vi_segmenter
from replylint.examples import parse
from replylint.packs import load_rules
from replylint.readers import ReadOptions, read

ROOT = Path(__file__).resolve().parent.parent
CORPORA = [ROOT / "tests" / "corpus", ROOT / "tests" / "fixtures", ROOT.parent / "shared" / "corpus",
           Path("/work/shared/corpus")]


def _lines():
    seen, texts = set(), []
    for root in CORPORA:
        if not root.is_dir():
            continue
        for p in sorted(root.rglob("*")):
            if p.suffix in (".txt", ".md", ".eml") and p.resolve() not in seen:
                seen.add(p.resolve())
                texts.append(read(str(p), ReadOptions()).text)
    for rule in load_rules():
        for which in ("bad", "good"):
            texts += [ex.text for ex in parse(rule, which)]
    return sorted({line for t in texts for line in t.split("\n") if line.strip()})


@pytest.fixture(scope="module")
def pyvi_reference():
    pytest.importorskip("sklearn_crfsuite")
    import spacy
    from pyvi import ViTokenizer
    return ViTokenizer.ViTokenizer, spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": True}}}).tokenizer


def test_same_words_and_labels_as_pyvi_on_every_corpus(pyvi_reference):
    vit, spacy_vi = pyvi_reference
    lines = _lines()
    assert len(lines) > 2000       # the corpora are there: this test must not pass on nothing
    sylls = [[s for _, s in vi_segmenter.syllables(line)] for line in lines]
    theirs = vit.model.predict([vit.sent2features(s, False) for s in sylls])
    diffs = []
    for line, syll, their_labels in zip(lines, sylls, theirs):
        words = vi_segmenter.segment(line)
        assert all(line[i:i + len(w)] == w for i, w in words)
        if vi_segmenter.labels(syll) != list(their_labels) \
                or [w for _, w in words] != spacy_vi.pyvi_tokenize(line):
            diffs.append(line)
    assert diffs == []


def test_words_of_a_line():
    assert vi_segmenter.segment("  Ủy ban nhân dân  thành phố Hà Nội: trả lời.") == [
        (2, "Ủy ban"), (9, "nhân dân"), (19, "thành phố"), (29, "Hà Nội"), (35, ":"),
        (37, "trả lời"), (44, ".")]
    assert vi_segmenter.segment(" \t ") == []


def test_the_model_pickle_may_name_only_pyvis_classes(tmp_path):
    import pickle
    bad = tmp_path / "m.pkl"
    bad.write_bytes(pickle.dumps(ReadOptions()))
    with pytest.raises(pickle.UnpicklingError, match="unexpected"):
        vi_segmenter._model_bytes(bad)
