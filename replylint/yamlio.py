"""YAML parsed once into both data and node, so errors can name the line of a key.

Configuration and rule packs are untrusted input: ``read_yaml`` refuses, with the line and a
one-line cause (``YAMLFileError``), a file that is missing (a dangling symlink), not a regular
file, too large, not UTF-8, not valid YAML, with a duplicate key, or whose aliases expand past
``MAX_NODES`` nodes (a "billion laughs" bomb: every pass that walks the data as a tree -- the
line-number pass, the validators -- would otherwise be exponential).
"""
from __future__ import annotations

import os
import stat

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # libyaml when present: 10x faster

MAX_BYTES = 5 * 1024 * 1024      # a configuration or a rule file; real ones are a few KB
MAX_NODES = 200_000              # nodes once aliases are expanded
MAX_CHARS = 4 * MAX_BYTES        # characters of every scalar once aliases are expanded


class YAMLFileError(ValueError):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line


def parse(text: str):
    """(data, node) of a YAML document; raises yaml.YAMLError or YAMLFileError."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            check_nodes(node)
        return (loader.construct_document(node) if node is not None else None), node
    finally:
        loader.dispose()


def check_nodes(root) -> None:
    """Refuse duplicate keys, recursive aliases and alias bombs: the size of the node tree with
    every alias expanded -- in nodes and in characters (a 1 MB string aliased 100,000 times is
    few nodes but 100 GB to any pass that joins them) -- computed once per node."""
    sizes: dict[int, int] = {}
    chars: dict[int, int] = {}
    active: set[int] = set()
    stack = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            active.discard(key)
            children = _children(node)
            total = 1 + sum(sizes[id(c)] for c in children)
            length = (len(node.value) if isinstance(node, yaml.ScalarNode) else 0) \
                + sum(chars[id(c)] for c in children)
            if total > MAX_NODES:
                raise YAMLFileError(node.start_mark.line + 1,
                                    f"aliases expand to more than {MAX_NODES:,} values (an alias bomb?)")
            if length > MAX_CHARS:
                raise YAMLFileError(node.start_mark.line + 1, f"aliases expand to more than "
                                    f"{MAX_CHARS // (1024 * 1024)} M characters (an alias bomb?)")
            sizes[key], chars[key] = total, length
            continue
        if key in sizes:
            continue
        if key in active:
            raise YAMLFileError(node.start_mark.line + 1, "a recursive alias (an anchor used inside itself)")
        active.add(key)
        stack.append((node, True))
        if isinstance(node, yaml.MappingNode):
            seen = {}
            for k, _ in node.value:
                if isinstance(k, yaml.ScalarNode):
                    if k.value in seen and k.tag != "tag:yaml.org,2002:merge":
                        raise YAMLFileError(k.start_mark.line + 1, f"duplicate key '{k.value}' "
                                                                   f"(first on line {seen[k.value]})")
                    seen[k.value] = k.start_mark.line + 1
        for child in _children(node):
            if id(child) not in sizes:
                stack.append((child, False))


def _children(node) -> list:
    if isinstance(node, yaml.MappingNode):
        return [x for kv in node.value for x in kv]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def error_line(e: yaml.YAMLError) -> int:
    mark = getattr(e, "problem_mark", None)
    return mark.line + 1 if mark else 1


def read_yaml(path, what: str = "file"):
    """(data, node) of a YAML file; YAMLFileError(line, cause) for every way it can be bad."""
    path = str(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise YAMLFileError(1, "no such file" + (" (a dangling symlink)" if os.path.islink(path) else "")) from None
    except OSError as e:
        raise YAMLFileError(1, f"cannot read the {what}: {(e.strerror or type(e).__name__).lower()}") from None
    if not stat.S_ISREG(st.st_mode):
        raise YAMLFileError(1, f"not a regular file, cannot read the {what}")
    if st.st_size > MAX_BYTES:
        raise YAMLFileError(1, f"the {what} is {st.st_size // 1024:,} KB, more than the "
                               f"{MAX_BYTES // (1024 * 1024)} MB a {what} may have")
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_BYTES + 1)
    except OSError as e:
        raise YAMLFileError(1, f"cannot read the {what}: {(e.strerror or type(e).__name__).lower()}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        raise YAMLFileError(line, f"the {what} is not UTF-8 (byte {e.start + 1})") from None
    if "\x00" in text:
        raise YAMLFileError(text.count("\n", 0, text.index("\x00")) + 1, f"the {what} holds NUL bytes")
    try:
        return parse(text)
    except yaml.YAMLError as e:
        problem = getattr(e, "problem", None) or "not valid YAML"
        raise YAMLFileError(error_line(e), f"invalid YAML: {' '.join(str(problem).split())}") from None
    except RecursionError:
        raise YAMLFileError(1, "invalid YAML: nested too deeply") from None
