"""Count the language knowledge that lives in Python rather than in the rule YAML.

    python scripts/count_knowledge.py [--by-file] [PATH ...]

For every Python file under the given paths (default: the rule code, ``replylint/rules_py``,
or ``replylint/functions`` in older checkouts) it reports
  words    words of Russian or Vietnamese text in string literals (a literal counts when it
           holds a Cyrillic letter or a Vietnamese letter with a diacritic; every run of 2+
           letters in it is a word, after regex escapes such as \\b, \\s, \\p{L} and group
           names are removed);
  entries  word-list entries: language strings that are elements of a list, set, tuple or
           dict literal, plus the words of a triple-quoted string split into a list;
  regexes  calls of re/regex compile, search, match, fullmatch, finditer, findall, sub, split
           whose pattern argument holds such a literal.
Words in the descriptions of declared options (`Option(type, default, "doc")`) are counted apart:
they document the option with examples; the share is given with and without them.
The YAML line gives the same word count over the rule packs' check parameters and options
(messages, descriptions, sources and examples excluded), so the share kept in Python can be
followed over time.
"""
from __future__ import annotations

import argparse
import ast
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
# Vietnamese letters outside ASCII (đ, ơ, ư, ă, â, ê, ô and the tone marks)
VIETNAMESE = re.compile(r"[ĂÂĐÊÔƠƯăâđêôơưÀ-ÃÈ-ÊÌÍÒ-ÕÙÚÝà-ãè-êìíò-õùúýĨĩŨũƠơƯưẠ-ỹ]")
REGEX_NOISE = re.compile(r"\\[pPN]\{[^}]*\}|\\[a-zA-Z]|\(\?P?<[^>]*>|\(\?[a-zA-Z]+[:)]|\{[^{}]*\}")
WORD = re.compile(r"[^\W\d_]{2,}")
REGEX_FUNCS = {"compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"}
YAML_SKIP = {"id", "severity", "message", "description", "why", "fix", "source", "examples",
             "zones", "kinds", "formats", "check", "function", "suggestion", "templates",
             "sees_unreadable", "fixable"}


def is_language_text(s: str) -> bool:
    return bool(CYRILLIC.search(s) or VIETNAMESE.search(s))


def words_of(s: str) -> int:
    return len(WORD.findall(REGEX_NOISE.sub(" ", s)))


def _strings(node) -> list[str]:
    out = []
    for n in ast.walk(node):
        if isinstance(n, ast.Constant) and isinstance(n.value, str):
            out.append(n.value)
    return out


def _docstring_nodes(tree) -> set[int]:
    ids = set()
    for n in ast.walk(tree):
        if isinstance(n, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = getattr(n, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                ids.add(id(body[0].value))
    return ids


def _option_docs(tree) -> set[int]:
    """The description of each declared option, `Option(type, default, "doc")`: documentation
    that quotes examples, not knowledge the rule matches with."""
    ids = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "Option":
            docs = n.args[2:3] + [k.value for k in n.keywords if k.arg == "doc"]
            ids.update(id(c) for d in docs for c in ast.walk(d) if isinstance(c, ast.Constant))
    return ids


def count_python(path: Path) -> tuple[int, int, int, int]:
    """(entries, words, regexes, words in option descriptions) of one module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstring_nodes(tree)
    option_docs = _option_docs(tree)
    entries = 0
    for n in ast.walk(tree):
        items = []
        if isinstance(n, (ast.List, ast.Set, ast.Tuple)):
            items = n.elts
        elif isinstance(n, ast.Dict):
            items = [k for k in n.keys if k is not None] + n.values
        elif (isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "split"
              and not n.args and isinstance(n.func.value, ast.Constant)
              and isinstance(n.func.value.value, str) and is_language_text(n.func.value.value)):
            entries += len(n.func.value.value.split())
        entries += sum(1 for x in items if isinstance(x, ast.Constant) and isinstance(x.value, str)
                       and is_language_text(x.value))
    words = described = 0
    for n in ast.walk(tree):
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs \
                and is_language_text(n.value):
            if id(n) in option_docs:
                described += words_of(n.value)
            else:
                words += words_of(n.value)
    regexes = 0
    for n in ast.walk(tree):
        if not (isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                and n.func.attr in REGEX_FUNCS and n.args):
            continue
        owner = n.func.value
        if not (isinstance(owner, ast.Name) and owner.id in ("re", "regex")):
            continue
        if any(is_language_text(s) for s in _strings(n.args[0])):
            regexes += 1
    return entries, words, regexes, described


def count_yaml(rules_dir: Path) -> int:
    total = 0

    def walk(v):
        nonlocal total
        if isinstance(v, str):
            if is_language_text(v):
                total += words_of(v)
        elif isinstance(v, dict):
            for k, x in v.items():
                walk(k)
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    for p in sorted(rules_dir.rglob("*.yaml")):
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            continue
        if p.name == "pack.yaml":
            continue
        if "id" not in data:          # a shared list file: its entries are knowledge
            walk(data.get("entries", data) if "description" in data else data)
            continue
        for k, v in data.items():
            if k not in YAML_SKIP:
                walk(v)
    return total


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--by-file", action="store_true")
    args = ap.parse_args(argv)
    paths = [Path(p) for p in args.paths] or [
        p for p in (ROOT / "replylint" / "rules_py", ROOT / "replylint" / "functions") if p.exists()]
    files = sorted(f for p in paths for f in ([p] if p.is_file() else p.rglob("*.py")))
    te = tw = tr = td = 0
    for f in files:
        e, w, r, d = count_python(f)
        te, tw, tr, td = te + e, tw + w, tr + r, td + d
        if args.by_file and (e or w or r):
            name = f.relative_to(ROOT) if f.is_absolute() else f
            print(f"{e:5d} entries {w:6d} words {r:4d} regexes  {name}")
    yw = count_yaml(ROOT / "rules")
    where = ", ".join(str(p.relative_to(ROOT) if p.is_absolute() else p) for p in paths)
    print(f"python ({where}): {te} word-list entries, {tw} language words in literals, "
          f"{tr} regexes with language text")
    print(f"yaml (rules/): {yw} language words in check parameters, options and lists")
    share = (tw + td) / (tw + td + yw) if tw + td + yw else 0.0
    print(f"share of language words kept in Python: {share:.1%}")
    # the same without the options' descriptions, which quote examples for the reader
    print(f"  of which in option descriptions: {td} words; without them: {tw / (tw + yw) if tw + yw else 0:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
