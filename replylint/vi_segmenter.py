"""Vietnamese word segmentation: pyvi's own CRF model and features, run through python-crfsuite.

pyvi ships its model as a pickled sklearn-crfsuite estimator, so `import pyvi` imports
scikit-learn (about 1 s of a cold start) and builds each syllable's features as a dict in
Python. Here the pickle is read without those classes (only the crfsuite model bytes inside
it are kept), and the features are the same attributes pyvi's ViTokenizer.word2features
gives, as crfsuite receives them: a string feature "key:value" of weight 1, a boolean one
"key" of weight 1 when true (a false boolean has weight 0 and adds nothing to a score).
Syllables are split and joined as spaCy's Vietnamese tokenizer does with pyvi (whitespace
kept, no Unicode normalisation), so the words are those the pipeline had before;
tests/test_vi_segmenter.py compares them with pyvi on every corpus."""
from __future__ import annotations

import importlib.util
import pickle
import re
import string
from functools import cache
from pathlib import Path

# spaCy's VietnameseTokenizer.pyvi_sylabelize_with_ws: pyvi's syllable pattern plus whitespace
_SYLLABLE = re.compile("|".join([
    r"\s+", r"[A-ZĐ]+\.", r"Tp\.", r"Mr\.", r"Mrs\.", r"Ms\.", r"Dr\.", r"ThS\.",
    r"==>", r"->", r"\.\.\.", r">>", r"\w+://[^\s]+",
    r"([a-zA-Z0-9_.+-]+@([a-zA-Z0-9-]+\.)+[a-zA-Z0-9-]+)", r"\d+([\.,_]\d+)+",
    r"[^\w\s]", r"\w+"]))


def _pyvi_dir() -> Path:
    spec = importlib.util.find_spec("pyvi")     # the package's files, without importing it
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pyvi is not installed (pip install pyvi)")
    return Path(next(iter(spec.submodule_search_locations)))


class _Stub:
    """Stands for the estimator, its file resource, numpy's scalars and the training log."""

    def __init__(self, *args, **kwargs):
        self.state = {}

    def __setstate__(self, state):
        self.state = state


class _ModelUnpickler(pickle.Unpickler):
    # only the classes pyvi's pickle names: anything else is not pyvi's model
    STUBBED = {("sklearn_crfsuite.estimator", "CRF"), ("sklearn_crfsuite._fileresource", "FileResource"),
               ("numpy.core.multiarray", "scalar"), ("numpy", "dtype"),
               ("pycrfsuite._logparser", "TrainLogParser")}

    def find_class(self, module, name):
        if (module, name) == ("_codecs", "encode"):     # how protocol 2 stores bytes
            import codecs
            return codecs.encode
        if (module, name) in self.STUBBED:
            return _Stub
        raise pickle.UnpicklingError(f"unexpected {module}.{name} in pyvi's model")


def _model_bytes(path: Path) -> bytes:
    with open(path, "rb") as f:
        crf = _ModelUnpickler(f).load()
    return crf.state["modelfile"].state["__FILE_RESOURCE_DATA__"]


_KEEP: list = []


@cache
def _model():
    """(crfsuite tagger, bigrams, trigrams) of pyvi's tokenizer, loaded once per process."""
    import pycrfsuite
    folder = _pyvi_dir() / "models"
    tagger = pycrfsuite.Tagger()
    data = _model_bytes(folder / "pyvi3.pkl")
    tagger.open_inmemory(data)
    _KEEP.append(data)      # crfsuite reads the model from this buffer: keep it alive
    bigrams, trigrams = set(), set()
    # as ViTokenizer reads words.txt
    with open(folder / "words.txt", encoding="utf-8") as fin:
        for entry in fin.read().split("\n"):
            n = len(entry.split(" "))
            if n == 2:
                bigrams.add(entry)
            elif n == 3:
                trigrams.add(entry)
    return tagger, bigrams, trigrams


_SYLL_CACHE: dict = {}


def _syllable(s: str):
    """(lower, own attributes, as the previous syllable, as the next) of one syllable."""
    got = _SYLL_CACHE.get(s)
    if got is None:
        if len(_SYLL_CACHE) > 200_000:     # bounded: a long run must not hoard every string
            _SYLL_CACHE.clear()
        low, up, title = s.lower(), s.isupper(), s.istitle()
        own = ["bias", "word.lower():" + low]
        if up:
            own.append("word.isupper()")
        if title:
            own.append("word.istitle()")
        if s.isdigit():
            own.append("word.isdigit()")
        prev = ["-1:word.lower():" + low]       # pyvi's order: lower, istitle, isupper
        nxt = ["+1:word.lower():" + low]
        if title:
            prev.append("-1:word.istitle()")
            nxt.append("+1:word.istitle()")
        if up:
            prev.append("-1:word.isupper()")
            nxt.append("+1:word.isupper()")
        got = _SYLL_CACHE[s] = (low, own, prev, nxt)
    return got


def features(syllables: list[str]) -> list[list[str]]:
    """pyvi's ViTokenizer.sent2features, as the crfsuite attributes it amounts to."""
    _, bigrams, trigrams = _model()
    info = [_syllable(s) for s in syllables]
    lows = [x[0] for x in info]
    n = len(syllables)
    # bi[i]: syllables i-1, i form a known bigram; tri[i]: i-2, i-1, i a trigram
    bi = [False] + [f"{lows[i - 1]} {lows[i]}" in bigrams for i in range(1, n)]
    tri = [False, False][:n] + [f"{lows[i - 2]} {lows[i - 1]} {lows[i]}" in trigrams
                                for i in range(2, n)]
    out = []
    for i in range(n):
        f = list(info[i][1])
        if i > 0:
            f += info[i - 1][2]
            if bi[i]:
                f.append("-1:word.bi_gram()")
            if i > 1 and tri[i]:
                f.append("-2:word.tri_gram()")
        if i < n - 1:
            f += info[i + 1][3]
            if bi[i + 1]:
                f.append("+1:word.bi_gram()")
            if i < n - 2 and tri[i + 2]:
                f.append("+2:word.tri_gram()")
        out.append(f)
    return out


def labels(syllables: list[str]) -> list[str]:
    """B_W / I_W of each syllable, by pyvi's model."""
    return _model()[0].tag(features(syllables))


_PUNCT = string.punctuation


def syllables(text: str) -> list[tuple[int, str]]:
    """(offset, syllable) of one line: pyvi's units (words, numbers, e-mails, addresses,
    abbreviations, punctuation marks)."""
    return [(m.start(), m.group()) for m in _SYLLABLE.finditer(text) if not m.group().isspace()]


def segment(text: str) -> list[tuple[int, str]]:
    """(offset, word) of the words of one line, as spaCy's pyvi tokenizer joins syllables:
    an I_W syllable joins the word before it with the whitespace between them, except next to
    punctuation or a digit, or a capitalised syllable after a lower-case one."""
    sylls = syllables(text)
    if not sylls:
        return []
    tags = labels([s for _, s in sylls])
    words: list[tuple[int, str]] = []
    start, prev_end = sylls[0][0], sylls[0][0] + len(sylls[0][1])
    prev = sylls[0][1]
    for i in range(1, len(sylls)):
        pos, s = sylls[i]
        if (tags[i] == "I_W" and s not in _PUNCT and prev not in _PUNCT
                and not s[0].isdigit() and not prev[0].isdigit()
                and not (s[0].istitle() and not prev[0].istitle())):
            prev_end = pos + len(s)
        else:
            words.append((start, text[start:prev_end]))
            start, prev_end = pos, pos + len(s)
        prev = s
    words.append((start, text[start:prev_end]))
    return words
