"""The one matcher behind every list-based check kind.

A matcher spec is a mapping with any of
  words:    surface forms, matched whole-token (Russian: one token each; Vietnamese: the
            syllables of pyvi words, aligned on word boundaries so "thôi" never matches inside
            "thôi việc")
  lemmas:   Russian lemma sequences ("приносить извинение" matches "приносим извинения");
            "…" inside an entry allows up to `max_gap` words (default 3, punctuation not
            counted) in between. For Vietnamese, as words.
  phrases:  surface word sequences (same alignment as words)
  tokens:   strings matched where no letter, digit, "_" or apostrophe touches them, on the
            text itself rather than on NLP tokens (chat shorthands such as "tks" that the
            Vietnamese segmenter glues to the next word); the matcher builds the pattern
  patterns: regular expressions (the `regex` module, run with a time limit)
Entries are strings, or `{text: …, suggestion: …}` mappings; a match carries its entry."""
from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

from .nlp import lemmatize_phrase
from .pack_cache import deferring

GAP = "…"
MAX_GAP = 3
REGEX_TIMEOUT = 1.0   # seconds per search: user patterns must not hang a CI run
SPEC_KEYS = ("words", "lemmas", "phrases", "tokens", "patterns", "max_gap")
# what may not touch a `tokens` entry: a letter, a digit, "_" or an apostrophe
TOKEN_EDGE = r"[\p{L}\d_\x27’]"


class PatternTimeout(Exception):
    pass


@dataclass
class Match:
    start: int
    end: int
    entry: str
    suggestion: str | None = None
    order: int = 0      # the entry's place in the spec: of two equal matches the first listed wins


@lru_cache(maxsize=100_000)
def fold(s: str) -> str:
    """Strip Vietnamese diacritics (teencode is typed without them)."""
    s = s.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def _entries(values):
    """(text, suggestion) of each entry: a non-empty string or {text, suggestion}; anything else
    is a ValueError (a pack load error), never an entry that silently matches nothing."""
    if values is None:
        return []
    if not isinstance(values, (list, tuple)):
        raise ValueError(f"a list of strings was expected, not {type(values).__name__}")
    out = []
    for v in values:
        text, sugg = (v.get("text"), v.get("suggestion")) if isinstance(v, dict) else (v, None)
        if not isinstance(text, str) or not text.strip() or not isinstance(sugg, (str, type(None))):
            raise ValueError(f"entry {v!r:.60} is not a non-empty string (or {{text, suggestion}})")
        out.append((text, sugg))
    return out


class Matcher:
    def __init__(self, spec, case_sensitive: bool = False, fold_diacritics: bool = False):
        if isinstance(spec, (list, tuple)):   # a bare list means patterns
            spec = {"patterns": list(spec)}
        spec = spec or {}
        unknown = set(spec) - set(SPEC_KEYS)
        if unknown:
            raise ValueError(f"unknown matcher key(s) {sorted(unknown)}; use {', '.join(SPEC_KEYS)}")
        self.case_sensitive = case_sensitive
        self.max_gap = int(spec.get("max_gap", MAX_GAP))
        self.fold = fold_diacritics
        self.words = _entries(spec.get("words"))
        self.lemmas = _entries(spec.get("lemmas"))
        self.phrases = _entries(spec.get("phrases"))
        self._flags = regex.V0 | regex.MULTILINE | (0 if case_sensitive else regex.IGNORECASE)
        self._sources = [(rf"(?<!{TOKEN_EDGE}){regex.escape(text)}(?!{TOKEN_EDGE})", text, sugg)
                         for text, sugg in _entries(spec.get("tokens"))]
        self.tokens = len(self._sources)     # the first patterns were built from `tokens`
        self._sources += [(text, text, sugg) for text, sugg in _entries(spec.get("patterns"))]
        self._patterns = None
        if not deferring():      # a pack seen for the first time: a bad pattern is a load error
            self.patterns  # noqa: B018
        self._compiled: dict = {}

    @property
    def patterns(self) -> list:
        """(compiled regex, entry, suggestion) of the `tokens` and `patterns` entries, compiled on
        first use when the pack's content compiled before (pack_cache.py)."""
        if self._patterns is None:
            out = []
            for rx, text, sugg in self._sources:
                try:
                    out.append((regex.compile(rx, self._flags), text, sugg))
                except regex.error as e:
                    raise ValueError(f"bad pattern {text!r}: {e}") from None
            self._patterns = out
        return self._patterns

    def __bool__(self):
        return bool(self.words or self.lemmas or self.phrases or self._sources)

    # -- token sequences --------------------------------------------------------------
    def _units_of_entry(self, lang, text, lemma_mode):
        if lang == "ru" and lemma_mode:
            parts = text.split(GAP)
            units = []
            for k, part in enumerate(parts):
                if k:
                    units.append(GAP)
                units += [frozenset(s) for s in lemmatize_phrase("ru", part.strip())]
            return units
        out = []
        for w in text.replace(GAP, f" {GAP} ").split():
            if w == GAP:
                out.append(GAP)
            else:
                w = w if self.case_sensitive else w.lower()
                out.append(frozenset([fold(w) if self.fold else w]))
        return out

    def compile(self, lang: str) -> None:
        """Build the token index of `lang` now (lemmatising the entries of a Russian list needs
        pymorphy3, so it is built when that language's analysis is loaded)."""
        self._index(lang)

    def _index(self, lang):
        """{by lemma?: {first unit: [entry, …]}}: a Russian lemma entry is looked up by the
        token's lemmas, every other entry by its surface form."""
        if lang not in self._compiled:
            index: dict[bool, dict[str, list]] = {False: {}, True: {}}
            order = 0
            for entries, lemma_mode in ((self.words, False), (self.phrases, False),
                                        (self.lemmas, True)):
                for text, sugg in entries:
                    order += 1
                    units = self._units_of_entry(lang, text, lemma_mode)
                    if not units or units[0] == GAP:
                        continue
                    by_lemma = lemma_mode and lang == "ru"
                    # the second unit, checked before the walk: most candidates fail there
                    second = units[1] if len(units) > 1 and units[1] != GAP else None
                    for first in units[0]:
                        index[by_lemma].setdefault(first, []).append(
                            (units, text, sugg, by_lemma, order, second))
            self._compiled[lang] = index
        return self._compiled[lang]

    def _match_from(self, view, i, end, units):
        """Token index after the match of `units` starting at token i (tokens before `end`),
        or None. `view` holds each token's units (one per token; the syllables of a
        Vietnamese word)."""
        tokens = view.tokens
        max_gap = self.max_gap

        def walk(ti, ui, tu):
            # ti: token index, tu: unit offset inside token ti, ui: entry unit index
            if ui == len(units):
                return ti if tu == 0 else None
            if units[ui] == GAP:
                if tu:
                    return None
                words, k = 0, ti
                while k <= end:
                    r = walk(k, ui + 1, 0)
                    if r is not None:
                        return r
                    if k == end:
                        return None
                    words += tokens[k].is_word
                    if words > max_gap:
                        return None
                    k += 1
                return None
            if ti >= end:
                return None
            tunits = view.units[ti]
            if tunits[tu].isdisjoint(units[ui]):
                return None
            if tu + 1 < len(tunits):
                return walk(ti, ui + 1, tu + 1)
            return walk(ti + 1, ui + 1, 0)
        return walk(i, 0, 0)

    def _candidates(self, view, index, i0, end):
        """(token index, entry) of every entry whose first unit a token in [i0, end) has: by
        token where the span is shorter than the index, else by the index's keys."""
        if end - i0 <= len(index):
            keys = view.keys
            for i in range(i0, end):
                for key in keys[i]:
                    for entry in index.get(key, ()):
                        yield i, entry
        else:
            positions = view.positions()
            for key, entries in index.items():
                at = positions.get(key)
                if not at:
                    continue
                for i in at[bisect.bisect_left(at, i0):bisect.bisect_left(at, end)]:
                    for entry in entries:
                        yield i, entry

    def _find_sequences(self, ctx, spans, out):
        lang = ctx.lang
        index = self._index(lang)
        an = ctx.analysis
        views = {by_lemma: token_view(an, lang, by_lemma, self.case_sensitive, self.fold)
                 for by_lemma in (False, True) if index[by_lemma]}
        tokens = an.tokens
        for s, e in spans:
            i0, end = an.token_range(s, e)
            if i0 >= end:
                continue
            for by_lemma, view in views.items():
                units_of = view.units
                for i, (units, entry, sugg, _, order, second) in self._candidates(
                        view, index[by_lemma], i0, end):
                    if second is not None:      # the second-word pre-check
                        here = units_of[i]
                        nxt = here[1] if len(here) > 1 else (
                            units_of[i + 1][0] if i + 1 < end else None)
                        if nxt is None or nxt.isdisjoint(second):
                            continue
                    j = self._match_from(view, i, end, units)
                    if j is not None and j > i:
                        out.append(Match(tokens[i].start, tokens[j - 1].end, entry, sugg, order))

    def find(self, ctx, spans) -> list[Match]:
        out: list[Match] = []
        text = ctx.doc.text
        if self.words or self.phrases or self.lemmas:
            self._find_sequences(ctx, spans, out)
        first_pattern = len(self.words) + len(self.phrases) + len(self.lemmas)
        for order, (pat, entry, sugg) in enumerate(self.patterns, first_pattern + 1):
            for s, e in spans:
                try:
                    for m in pat.finditer(text, s, e, timeout=REGEX_TIMEOUT):
                        if m.end() > m.start():
                            g = m.span("m") if "m" in pat.groupindex and m.group("m") else m.span()
                            out.append(Match(g[0], g[1], entry, sugg, order))
                except TimeoutError:
                    raise PatternTimeout(f"pattern {entry!r} exceeded {REGEX_TIMEOUT}s") from None
        return dedupe(out)


class TokenView:
    """Each token of one analysis as a list matcher compares it: its units (a frozenset per
    unit: the lower-case or exact form, folded or not; a Russian token's lemmas and lower-case
    form in lemma mode; one unit per syllable of a Vietnamese word), the keys its first unit
    offers, and where each key occurs. Built once per analysis and mode, for every matcher."""

    def __init__(self, an, lang, by_lemma, case_sensitive, fold_diacritics):
        self.tokens = an.tokens
        units = []
        if by_lemma:
            for tok in an.tokens:
                units.append((tok.lemmas | {tok.lower},))
        else:
            split = lang == "vi"
            cache: dict = {}
            for tok in an.tokens:
                t = tok.text if case_sensitive else tok.lower
                got = cache.get(t)
                if got is None:
                    parts = t.split() if split else [t]
                    got = cache[t] = tuple(frozenset([fold(p) if fold_diacritics else p])
                                           for p in parts)
                units.append(got)
        self.units = units
        self.keys = [u[0] if u else () for u in units]
        self._positions = None

    def positions(self) -> dict:
        if self._positions is None:
            pos: dict[str, list[int]] = {}
            for i, keys in enumerate(self.keys):
                for k in keys:
                    pos.setdefault(k, []).append(i)
            self._positions = pos
        return self._positions


def token_view(an, lang, by_lemma, case_sensitive, fold_diacritics) -> TokenView:
    key = (lang, by_lemma, by_lemma or case_sensitive, by_lemma or fold_diacritics)
    views = an.memo.setdefault("token_views", {})
    view = views.get(key)
    if view is None:
        view = views[key] = TokenView(an, lang, by_lemma, case_sensitive, fold_diacritics)
    return view


def dedupe(matches: list[Match]) -> list[Match]:
    """Longest match wins where matches overlap (of equal ones, the first listed entry);
    order by position."""
    matches.sort(key=lambda m: (m.start, -(m.end - m.start), m.order))
    out: list[Match] = []
    for m in matches:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


# one level of nesting: «… «name» …», “… “word” …”
QUOTES = regex.compile(r"«(?:[^«»]|«[^«»]{0,400}»){0,2000}»|„[^“”]{0,2000}[“”]"
                       r"|“(?:[^“”]|“[^“”]{0,400}”){0,2000}”|\"[^\"\n]{1,400}\"")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in QUOTES.finditer(text)]


_CACHED: dict = {}


def cached_matcher(spec, case_sensitive: bool = False, fold_diacritics: bool = False) -> Matcher:
    """A Matcher built once per spec (specs that rule code builds from its options)."""
    key = (repr(spec), case_sensitive, fold_diacritics)
    m = _CACHED.get(key)
    if m is None:
        m = _CACHED[key] = Matcher(spec, case_sensitive, fold_diacritics)
    return m
