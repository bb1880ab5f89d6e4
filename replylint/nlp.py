"""One NLP analysis per document, shared by every rule.

Russian: spaCy's `ru` tokenizer, pymorphy3 lemmas and tags cached per word form.
Vietnamese: pyvi's word segmentation (its CRF model through python-crfsuite, vi_segmenter.py),
run line by line because pyvi joins words across line breaks. Each language's tools are
loaded on first use only."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from .document import Document

_TOKENIZERS: dict = {}

SENT_END = {".", "!", "?", "…", "!..", "?.."}
# Tokens after which a full stop does not end a sentence (Russian legal and address usage).
NO_BREAK_AFTER = {
    "г", "гг", "ст", "п", "пп", "ч", "д", "ул", "кв", "корп", "стр", "рис", "см", "т", "тел",
    "исп", "руб", "коп", "тыс", "млн", "млрд", "им", "пр", "пос", "обл", "р", "н", "с", "л",
    "др", "пр-т", "пер", "наб", "мкр", "доб", "экз", "вх", "исх", "прим", "абз", "подп",
    "ph", "tp", "q", "tt", "đ", "k", "khoản", "điểm", "ths", "ts", "pgs", "gs", "kt", "tm",
    "tl", "tuq", "ông", "bà",
}
# Units close a sentence when a capitalised word follows ("24 318 руб. 46 коп. Доплата …"),
# but not before a number ("руб. 46 коп."); "г." after a year is the unit "год".
UNITS = {"руб", "коп", "тыс", "млн", "млрд", "экз", "шт", "кг", "км", "га", "мин", "сек"}


@dataclass
class Token:
    text: str
    start: int
    end: int
    lemma: str                      # the most likely lemma, lower case
    lemmas: frozenset               # every lemma pymorphy3 allows (ru); {lemma} for vi
    sent: int = 0                   # sentence index
    is_word: bool = True
    tags: tuple = ()                # pymorphy3 tag strings of the parses (ru)
    lower: str = field(init=False, repr=False, compare=False)   # read by every rule: set once

    def __post_init__(self):
        self.lower = self.text.lower()


@dataclass
class Analysis:
    lang: str
    text: str
    tokens: list[Token]
    sentences: list[tuple[int, int]]      # char spans
    paragraphs: list[tuple[int, int]]     # char spans split at blank lines
    _starts: list[int] = field(default_factory=list)
    memo: dict = field(default_factory=dict)   # what matchers derive from the tokens, once

    def __post_init__(self):
        self._starts = [t.start for t in self.tokens]
        self._sent_starts = [s for s, _ in self.sentences]
        self._para_starts = [s for s, _ in self.paragraphs]

    def tokens_in(self, start: int, end: int) -> list[Token]:
        i = bisect.bisect_left(self._starts, start)
        j = bisect.bisect_left(self._starts, end)
        return self.tokens[i:j]

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Indices [i, j) of the tokens that start in [start, end)."""
        return bisect.bisect_left(self._starts, start), bisect.bisect_left(self._starts, end)

    def token_index_at(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def sentence_span(self, offset: int) -> tuple[int, int]:
        return _span_at(self.sentences, self._sent_starts, offset)

    def paragraph_span(self, offset: int) -> tuple[int, int]:
        return _span_at(self.paragraphs, self._para_starts, offset)

    def sentence_index(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._sent_starts, offset) - 1)


def _span_at(spans, starts, offset):
    i = bisect.bisect_right(starts, offset) - 1
    return spans[i] if i >= 0 else (0, 0)


# ---------------------------------------------------------------- Russian

@cache
def morph_ru():
    import pymorphy3
    import pymorphy3.shapes
    pymorphy3.shapes.is_latin_char = _is_latin_char
    return pymorphy3.MorphAnalyzer(lang="ru")


def _is_latin_char(ch: str) -> bool:
    """pymorphy3's test with a default: its ``unicodedata.name(ch)`` raises ValueError on a
    valid letter with no name in Python's tables (Tangut U+17000), which cost every rule that
    lemmatised the letter its findings."""
    import unicodedata
    return "LATIN" in unicodedata.name(ch, "")


@lru_cache(maxsize=200_000)
def parse_ru(word: str):
    """(best lemma, all lemmas, tag strings) of a Russian word form; cached per form."""
    w = word.lower().replace("ё", "е")
    parses = morph_ru().parse(w)
    if not parses:
        return w, frozenset([w]), ()
    best = parses[0].normal_form.replace("ё", "е")
    lemmas = frozenset(p.normal_form.replace("ё", "е") for p in parses if p.score >= 0.01) | {best}
    return best, lemmas, tuple(str(p.tag) for p in parses)


def _ru_tokenizer():
    """spaCy's Russian tokenizer (its rules and exceptions) alone: the lemmas are pymorphy3's,
    set on our tokens, so no pipeline component runs."""
    import spacy
    return spacy.blank("ru").tokenizer


def tokenizer(lang: str):
    if lang not in _TOKENIZERS:
        _TOKENIZERS[lang] = _ru_tokenizer()
    return _TOKENIZERS[lang]


_WORDISH = re.compile(r"\w", re.UNICODE)
_PLAIN = re.compile(r"\w+(?:[-.]\w+)*|[^\w\s]")
# spaCy's tokenizer is quadratic on long runs of punctuation and refuses texts over its
# max_length: such lines are tokenized with a plain regex instead.
_PATHOLOGICAL = re.compile(r"([^\w\s])\1{40,}|[^\w\s]{200,}")
MAX_SPACY_LINE = 20_000


def _lines(text: str):
    """(offset, line) of the non-blank lines: pipelines run line by line (pyvi would join
    words across line breaks; it also bounds spaCy's work per call)."""
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            yield pos, line
        pos += len(line) + 1


def _ru_token(text: str, start: int) -> Token:
    word = bool(_WORDISH.search(text))
    if word and (text.isalpha() or "-" in text):
        best, lemmas, tags = parse_ru(text)
    else:
        best, lemmas, tags = text.lower(), frozenset([text.lower()]), ()
    return Token(text, start, start + len(text), best, lemmas, is_word=word, tags=tags)


def _vi_token(text: str, start: int) -> Token:
    low = text.lower()
    return Token(text, start, start + len(text), low, frozenset([low]),
                 is_word=bool(_WORDISH.search(text)))


def _tokens(lang: str, text: str) -> list[Token]:
    make = _ru_token if lang == "ru" else _vi_token
    plain_lines, out = [], []
    for base, line in _lines(text):
        if len(line) > MAX_SPACY_LINE or _PATHOLOGICAL.search(line):
            out.append((base, [make(m.group(), base + m.start()) for m in _PLAIN.finditer(line)]))
        else:
            plain_lines.append(line)
            out.append((base, None))
    if lang == "vi":
        from .vi_segmenter import segment
        words = iter([segment(line) for line in plain_lines])
    else:
        words = ([(tok.idx, tok.text) for tok in doc if not tok.is_space]
                 for doc in tokenizer(lang).pipe(plain_lines))
    tokens: list[Token] = []
    for base, ready in out:
        if ready is not None:
            tokens += ready
            continue
        for idx, word in next(words):
            if word.strip():
                tokens.append(make(word, base + idx))
    return tokens


def _tokens_ru(text: str) -> list[Token]:
    return _tokens("ru", text)


def _tokens_vi(text: str) -> list[Token]:
    return _tokens("vi", text)


def _tokens_plain(text: str) -> list[Token]:
    return [_vi_token(m.group(), m.start()) for m in _PLAIN.finditer(text)]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in re.finditer(r"\n[ \t]*\n", text):
        if text[start:m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans or [(0, len(text))]


def _first_on_line(text: str, pos: int) -> bool:
    """Only spaces between the line start and ``pos`` (a walk back over them, not over the
    whole line: a 10 MB line with many numbers must not cost a scan per number)."""
    j = pos - 1
    while j >= 0 and text[j] in " \t\r\f\v":
        j -= 1
    return j < 0 or text[j] == "\n"


def _sentences(text: str, tokens: list[Token], paragraphs, breaks=()) -> list[tuple[int, int]]:
    """Sentence spans: a break after . ! ? … followed by a capital, digit or quote, unless the
    full stop closes an abbreviation or an initial; always a break at a paragraph or zone
    boundary (`breaks`)."""
    para_starts = sorted({s for s, _ in paragraphs} | set(breaks))
    spans, start = [], None
    quote_open = None   # offset of an open «…»: no sentence ends inside a quoted title
    for i, tok in enumerate(tokens):
        if start is None:
            start = tok.start
        if tok.text == "«":
            quote_open = tok.start
        elif tok.text == "»":
            quote_open = None
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        brk = nxt is None
        if nxt is not None:
            gap = text[tok.end:nxt.start]
            k = bisect.bisect_left(para_starts, tok.end)
            if re.search(r"\n[ \t]*\n", gap) or (k < len(para_starts) and para_starts[k] <= nxt.start):
                brk, quote_open = True, None
            elif tok.is_word and tok.text.endswith(".") and nxt.text[:1].isupper() and (
                    tok.lower[:-1] in UNITS or tok.lower == "г." and i > 0
                    and tokens[i - 1].text.isdigit() and len(tokens[i - 1].text) == 4):
                brk = True      # the tokenizer keeps "г." / "руб." whole: "в 2026 г. Оно …"
            elif tok.text in SENT_END or tok.text.endswith((".", "!", "?")) and not tok.is_word:
                prev = tokens[i - 1] if i else None
                before = tokens[i - 2] if i > 1 else None
                unit = prev is not None and (prev.lower in UNITS or prev.lower == "г" and before is not None
                                             and before.text.isdigit() and len(before.text) == 4)
                abbrev = prev is not None and prev.end == tok.start and not (
                    unit and nxt.text[:1].isupper()) and (
                    prev.lower in NO_BREAK_AFTER
                    # an initial "И." — not the C of "°C"
                    or (len(prev.text) == 1 and prev.text.isupper() and not (before and before.text == "°"))
                    # "1." numbering a heading or list item at the start of a line
                    or prev.text.isdigit() and _first_on_line(text, prev.start))
                in_quote = quote_open is not None and tok.start - quote_open < 400
                if (tok.text != "." or not abbrev) and not in_quote:
                    first = nxt.text[:1]
                    brk = first.isupper() or first.isdigit() or first in "«\"(—–-"
        if brk:
            spans.append((start, tok.end))
            start = None
    return spans


@lru_cache(maxsize=8)   # reused within one document's rules; a long run must not hoard them
def _analyse_cached(lang: str, text: str, breaks: tuple = ()) -> Analysis:
    tokens = {"ru": _tokens_ru, "vi": _tokens_vi}.get(lang, _tokens_plain)(text)
    paragraphs = _paragraphs(text)
    sentences = _sentences(text, tokens, paragraphs, breaks)
    starts = [s for s, _ in sentences]
    for t in tokens:
        t.sent = max(0, bisect.bisect_right(starts, t.start) - 1)
    return Analysis(lang, text, tokens, sentences, paragraphs)


def analyse(doc: Document) -> Analysis:
    return _analyse_cached(doc.lang, doc.text, tuple(sorted({z.start for z in doc.zones})))


def analyse_text(lang: str, text: str) -> Analysis:
    """For rule examples and phrase lists: the same analysis as a document gets."""
    return _analyse_cached(lang, text)


def lemmatize_phrase(lang: str, phrase: str) -> list[frozenset]:
    """The lemma sets of a phrase's words, so a list entry in any form matches every form."""
    if lang == "ru":
        return [frozenset([t.lemma]) if t.is_word else frozenset([t.text.lower()])
                for t in _tokens_ru(phrase)]
    if lang == "vi":
        return [frozenset([t.lemma]) for t in _tokens_vi(phrase)]
    return [frozenset([t.lemma]) for t in _tokens_plain(phrase)]
