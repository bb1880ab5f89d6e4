r"""Shared word lists of a rule pack, and regular expressions built from word lists.

A list is a file `rules/<pack>/lists/<name>.yaml`:

    description: Honorifics a Vietnamese reply addresses the citizen with
    type: words            # words | lemmas | phrases | patterns | map (default words)
    entries: [Ông, Bà, Ông/Bà, Quý Ông/Bà, Anh, Chị]

A rule's YAML uses it in its check parameters or `options:` in three ways, resolved when the
pack loads (an unknown list, a malformed list file or a list of the wrong type for the option is
an error with file:line):
  * `{list: name}` as a value: the list's entries (`options: {stop_words: {list: stop-ru}}`);
  * `{list: name}` as an element of a list: the entries spliced in (`words: [спс, {list: x}]`);
  * `{list:name}` inside a regular expression: the entries as one escaped alternation
    `(?:Quý\s+Ông/Bà|Ông/Bà|Anh|…)`, longest first, a space matching any white space, so the
    pattern keeps the structure and the list keeps the words.
`name` is a list of the rule's own pack, or `pack/name` for another built-in pack's list.

Python rules build their patterns from list options with `alternation()` and `compiled()`."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex
import yaml

from . import yamlio
from .pack_cache import deferring

LIST_TYPES = ("words", "lemmas", "phrases", "patterns", "map")
LIST_KEYS = {"description": str, "type": str, "entries": (list, dict)}
PLACEHOLDER = regex.compile(r"\{list:([\w./-]+)\}")
SPACE = r"\s+"
# option types a list of each type may be given to
FITS = {
    "words": {"words", "strings", "str_or_strings", "phrases"},
    "lemmas": {"lemmas"},
    "phrases": {"phrases", "strings", "str_or_strings"},
    "patterns": {"regexes", "strings"},
    "map": {"map", "regex_map"},
}


class WordListError(ValueError):
    """`path:line: message` of a broken list file or a bad reference to a list."""


@dataclass(frozen=True)
class WordList:
    name: str
    type: str
    entries: tuple | dict
    description: str
    path: str

    def values(self):
        return dict(self.entries) if self.type == "map" else list(self.entries)


def _line(node) -> int:
    return node.start_mark.line + 1 if node is not None else 1


def load_list(path: Path) -> WordList:
    try:
        data, node = yamlio.read_yaml(path, "word list")
    except yamlio.YAMLFileError as e:
        raise WordListError(f"{path}:{e.line}: {e}") from None
    if not isinstance(data, dict):
        raise WordListError(f"{path}:{_line(node)}: a word list is a mapping with description, type, entries")
    keys = {k.value: (k, v) for k, v in node.value}
    _check_keys(path, data, keys, node)
    kind = data.get("type", "words")
    entries = data["entries"]
    _check_entries(path, kind, entries, keys["entries"][1])
    return WordList(name=path.stem, type=kind, description=data["description"], path=str(path),
                    entries=dict(entries) if kind == "map" else tuple(entries))


def _check_keys(path: Path, data: dict, keys: dict, node) -> None:
    for k, v in data.items():
        if k not in LIST_KEYS:
            raise WordListError(f"{path}:{_line(keys[k][0])}: unknown key '{k}' "
                                f"(a word list takes {', '.join(LIST_KEYS)})")
        if not isinstance(v, LIST_KEYS[k]):
            raise WordListError(f"{path}:{_line(keys[k][0])}: '{k}' has the wrong type ({type(v).__name__})")
    for k in ("description", "entries"):
        if k not in data:
            raise WordListError(f"{path}:{_line(node)}: missing key '{k}'")
    if data.get("type", "words") not in LIST_TYPES:
        raise WordListError(f"{path}:{_line(keys['type'][1])}: type must be one of {', '.join(LIST_TYPES)}")


def _check_entries(path: Path, kind: str, entries, enode) -> None:
    if kind == "map":
        if not isinstance(entries, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in entries.items()):
            raise WordListError(f"{path}:{_line(enode)}: entries of a map list are 'text: replacement' strings")
        return
    if not isinstance(entries, list):
        raise WordListError(f"{path}:{_line(enode)}: entries of a {kind} list are a list")
    for i, e in enumerate(entries):
        if not isinstance(e, str) or not e.strip():
            raise WordListError(f"{path}:{_line(enode.value[i])}: entry {i + 1} is not a non-empty string")
    if len(set(entries)) != len(entries):
        dup = next(e for i, e in enumerate(entries) if e in entries[:i])
        raise WordListError(f"{path}:{_line(enode)}: entry {dup!r} is listed twice")
    if kind == "patterns" and not deferring():
        for i, e in enumerate(entries):
            try:
                regex.compile(e)
            except regex.error as err:
                raise WordListError(f"{path}:{_line(enode.value[i])}: bad pattern {e!r}: {err}") from None


def load_lists(folder: Path) -> dict[str, WordList]:
    """The lists of a pack folder (`lists/*.yaml`), by name."""
    d = folder / "lists"
    if not d.is_dir():
        return {}
    return {p.stem: load_list(p) for p in sorted(d.glob("*.yaml"))}


class Lists:
    """Looks up `name` in the pack's own lists, `pack/name` in another built-in pack's."""

    def __init__(self, own: dict[str, WordList], other_pack):
        self.own = own
        self.other_pack = other_pack     # pack name -> its lists (loaded on demand)

    def get(self, name: str) -> WordList | None:
        if "/" in name:
            pack, _, short = name.partition("/")
            return self.other_pack(pack).get(short)
        return self.own.get(name)

    def known(self) -> str:
        return ", ".join(sorted(self.own)) or "none"


def _is_ref(v) -> bool:
    return isinstance(v, dict) and len(v) == 1 and "list" in v and isinstance(v["list"], str)


def _lookup(lists: Lists, name: str, path, node) -> WordList:
    wl = lists.get(name)
    if wl is None:
        raise WordListError(f"{path}:{_line(node)}: unknown word list {name!r} "
                            f"(lists of this pack: {lists.known()})")
    return wl


def _children(node):
    if isinstance(node, yaml.MappingNode):
        return {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}
    return {}


def expand(value, node, lists: Lists, path, option_type: str | None = None):
    """`value` with every list reference replaced (see the module doc); `node` is its YAML node
    (for the line of an error), `option_type` the declared type of the option it is."""
    if _is_ref(value):
        wl = _lookup(lists, value["list"], path, node)
        if option_type is not None and option_type not in FITS[wl.type]:
            raise WordListError(f"{path}:{_line(node)}: list {value['list']!r} holds {wl.type}, "
                                f"this option takes {option_type}")
        return wl.values()
    if isinstance(value, str):
        return PLACEHOLDER.sub(lambda m: _alternation_of(_lookup(lists, m.group(1), path, node)), value)
    if isinstance(value, list):
        items = node.value if isinstance(node, yaml.SequenceNode) else [node] * len(value)
        out = []
        for v, n in zip(value, items):
            if _is_ref(v):
                wl = _lookup(lists, v["list"], path, n)
                if wl.type == "map":
                    raise WordListError(f"{path}:{_line(n)}: list {v['list']!r} is a map, not a list to splice")
                out += wl.values()
            else:
                out.append(expand(v, n, lists, path))
        return out
    if isinstance(value, dict):
        kids = _children(node)
        if option_type is not None and set(value) <= {"ru", "vi", "en", "default"}:
            # a per-language option value: each language's value is of the option's type
            return {k: expand(v, kids.get(k, node), lists, path, option_type) for k, v in value.items()}
        return {expand(k, kids.get(k, node), lists, path) if isinstance(k, str) else k:
                expand(v, kids.get(k, node), lists, path) for k, v in value.items()}
    return value


def _alternation_of(wl: WordList) -> str:
    if wl.type == "map":
        return alternation(tuple(wl.entries))
    return alternation(wl.entries, escape=wl.type != "patterns")


@lru_cache(maxsize=4096)
def _alternation(entries: tuple, escape: bool, space: str) -> str:
    if not entries:
        return "(?!)"       # an empty list matches nothing
    ordered = list(dict.fromkeys(entries))
    if escape:
        ordered.sort(key=len, reverse=True)     # stable: longest first
        ordered = [space.join(regex.escape(w) for w in e.split()) for e in ordered]
    return "(?:" + "|".join(ordered) + ")"


def alternation(entries, escape: bool = True, space: str = SPACE) -> str:
    """`(?:a|b|c)`: the entries as one regex group, longest first (a phrase before the word it
    starts with); each entry escaped, with a space matching any run of white space (a phrase
    broken across lines); entries that are patterns (`escape=False`) keep their order, which the
    author chose. `space` is what a space between words matches (`[ \t]+`: not a line break).
    An empty list gives a group that matches nothing."""
    return _alternation(tuple(entries), escape, space)


@lru_cache(maxsize=4096)
def compiled(pattern: str, flags: int = 0) -> regex.Pattern:
    """A compiled pattern, cached: rule code builds patterns from its (overridable) list options
    on every document, so the same string must not be compiled twice."""
    return regex.compile(pattern, flags)
