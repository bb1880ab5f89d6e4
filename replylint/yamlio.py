"""YAML parsed once into both data and node, so errors can name the line of a key."""
from __future__ import annotations

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # libyaml when present: 10x faster


def parse(text: str):
    """(data, node) of a YAML document; raises yaml.YAMLError."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node
    finally:
        loader.dispose()


def error_line(e: yaml.YAMLError) -> int:
    mark = getattr(e, "problem_mark", None)
    return mark.line + 1 if mark else 1
