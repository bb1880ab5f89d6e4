"""Rule packs: `rules/<pack>/pack.yaml` plus one YAML file per rule, validated with file:line."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import messages, pack_cache, yamlio
from .checks import KINDS
from .diagnostic import SEVERITIES
from .examples import validate as validate_examples
from .options import problems as option_problems
from .wordlists import Lists, WordListError, expand, load_lists

RULE_KEYS = {
    "id": str, "severity": str, "message": (str, dict), "source": (dict, list), "zones": list,
    "kinds": list, "formats": list, "examples": dict, "check": str, "description": str,
    "why": (str, dict), "fix": (str, dict), "fixable": bool, "options": dict, "suggestion": (str, dict),
    "templates": bool, "sees_unreadable": bool, "document_kinds": list, "scope": str,
}
REQUIRED_KEYS = ("id", "severity", "message", "source", "check")
PACK_KEYS = {"name": str, "language": (str, type(None)), "description": str, "sources": list}
# a citation: the document's title, its short name for one-line output, the clause, the quoted
# text and the language of the documents it speaks to (none: every document)
SOURCE_KEYS = {"document", "short", "clause", "quote", "lang"}
SOURCE_REQUIRED = ("document", "clause", "quote")
LANGS = ("ru", "vi", "en")
# `scope: fragment`: the rule judges any passage on its own (a word, a sentence) and also runs on
# a paragraph sent alone (the LanguageTool API); `letter` (default): it needs the whole letter.
SCOPES = ("letter", "fragment")
# what structure/facts.py tells a document is (Context.document_kind)
DOCUMENT_KINDS = ("email", "letter", "congvan", "vanban", "reply", "unreadable", "other")
ZONE_NAMES = {"header", "addressee", "subject", "salutation", "body", "closing", "signature",
              "executor", "recipients", "attachments", "all"}


class PackError(Exception):
    """`path:line: message` of a broken pack or rule."""


@dataclass
class Rule:
    id: str
    pack: str
    lang: str | None            # None: every language (the common pack)
    severity: str
    message: str | dict         # str, or {ru:…, vi:…, en:…} for language-neutral rules
    source: dict | list         # a citation {document, short, clause, quote, lang} or a list of them
    check: str
    params: dict
    zones: list[str] = field(default_factory=lambda: ["body"])
    kinds: list[str] = field(default_factory=lambda: ["letter", "email"])
    formats: list[str] | None = None      # e.g. ["docx"] for layout rules
    templates: bool = True                # False: off for template files
    examples: dict = field(default_factory=dict)
    description: str = ""
    why: str | dict = ""                  # str, or {ru:…, vi:…, en:…} like the message
    fix: str | dict = ""
    fixable: bool = False
    options: dict = field(default_factory=dict)
    suggestion: str | dict | None = None
    sees_unreadable: bool = False         # runs on legacy-encoded passages other rules skip
    document_kinds: list[str] | None = None  # only these document kinds (DOCUMENT_KINDS)
    scope: str = "letter"                 # "fragment": also runs on a lone paragraph (SCOPES)
    path: str = ""
    line: int = 0
    checker: object = None

    def message_for(self, lang: str) -> str:
        return _localised(self.message, lang)

    def suggestion_for(self, lang: str) -> str | None:
        return _localised(self.suggestion, lang) if self.suggestion is not None else None

    def why_for(self, lang: str | None = None) -> str:
        return (_localised(self.why, lang or self.lang or "en") or "").strip()

    def fix_for(self, lang: str | None = None) -> str:
        return (_localised(self.fix, lang or self.lang or "en") or "").strip()

    def citations(self, lang: str | None = None) -> list[dict]:
        """The rule's sources that speak to a document in `lang` (all of them when none is
        marked for it, or for a document of unknown language)."""
        sources = self.source if isinstance(self.source, list) else [self.source]
        if lang in ("ru", "vi"):
            mine = [s for s in sources if s.get("lang") in (None, lang)]
            sources = mine or sources
        return sources

    def source_text(self, lang: str | None = None) -> str:
        """The citation a clerk reads: "Document, clause" (several joined with "; ", the
        clauses of one document after its title once)."""
        return _cite(self.citations(lang), "document")

    def short_citation(self, lang: str | None = None) -> str:
        """The one-line form: the document's short name and the clause."""
        return _cite(self.citations(lang), "short")


def _cite(citations, name_key) -> str:
    groups: list[list] = []
    for s in citations:
        name = str(s.get(name_key) or s.get("document") or "").strip()
        clause = str(s.get("clause") or "").strip()
        if groups and groups[-1][0] == name:
            if clause and clause not in groups[-1][1]:
                groups[-1][1].append(clause)
        else:
            groups.append([name, [clause] if clause else []])
    return "; ".join(", ".join(x for x in [name, *clauses] if x) for name, clauses in groups)


def _localised(value, lang):
    if isinstance(value, dict):
        return value.get(lang) or value.get("en") or value.get("ru") or next(iter(value.values()))
    return value


def _err(path, node, msg):
    line = node.start_mark.line + 1 if node is not None else 1
    return PackError(f"{path}:{line}: {msg}")


def _key_lines(node) -> dict:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: (k, v) for k, v in node.value}


def _load_yaml(path: Path):
    try:
        return yamlio.read_yaml(path, "rule file")
    except yamlio.YAMLFileError as e:
        raise PackError(f"{path}:{e.line}: {e}") from None


def load_rule(path: Path, pack: str, lang: str | None, lists: Lists | None = None) -> Rule:
    data, node = _load_yaml(path)
    keys = _key_lines(node)
    if not isinstance(data, dict):
        raise _err(path, node, "a rule must be a mapping")
    kind = data.get("check")
    if kind not in KINDS:
        raise _err(path, keys.get("check", (node,))[0],
                   f"unknown check kind {kind!r} (one of {', '.join(sorted(KINDS))})")
    kind_cls = KINDS[kind]
    params = {}
    for k, v in data.items():
        knode = keys[k][0]
        if k in RULE_KEYS:
            if not isinstance(v, RULE_KEYS[k]):
                raise _err(path, knode, f"'{k}' has the wrong type ({type(v).__name__})")
        elif k in kind_cls.PARAMS:
            params[k] = _expand(v, keys[k][1], lists, path)
        else:
            raise _err(path, knode, f"unknown key '{k}'")
    for k in REQUIRED_KEYS:
        if k not in data:
            raise _err(path, node, f"missing key '{k}'")
    for msg_lang, text in (data["message"].items() if isinstance(data["message"], dict)
                           else [(None, data["message"])]):
        where = keys["message"][1]
        if msg_lang is not None:
            where = _key_lines(where).get(msg_lang, (where, where))[1]
        if not isinstance(text, str):
            raise _err(path, where, f"message{f'.{msg_lang}' if msg_lang else ''} must be a string")
        for problem in messages.problems(text)[:1]:
            raise _err(path, where, problem)
    if data["severity"] not in SEVERITIES:
        raise _err(path, keys["severity"][0], f"severity must be one of {', '.join(SEVERITIES)}")
    if not str(data["id"]).startswith(pack + "."):
        raise _err(path, keys["id"][0], f"rule id {data['id']!r} must start with '{pack}.'")
    _check_source(path, keys["source"], data["source"])
    for k in ("message", "why", "fix"):
        if isinstance(data.get(k), dict):
            bad = [x for x, v in data[k].items() if x not in LANGS or not isinstance(v, str)]
            if bad or not data[k]:
                raise _err(path, keys[k][0], f"'{k}' by language takes ru, vi and en texts (not {bad})")
    for z in data.get("zones", []):
        if z not in ZONE_NAMES:
            raise _err(path, keys["zones"][0], f"unknown zone {z!r}")
    if data.get("scope", "letter") not in SCOPES:
        raise _err(path, keys["scope"][0], f"scope must be one of {', '.join(SCOPES)}")
    for dk in data.get("document_kinds", []):
        if dk not in DOCUMENT_KINDS:
            raise _err(path, keys["document_kinds"][0],
                       f"unknown document kind {dk!r} (one of {', '.join(DOCUMENT_KINDS)})")
    for k in set(data.get("examples", {})) - {"bad", "good"}:
        raise _err(path, keys["examples"][0], f"examples take 'bad' and 'good', not {k!r}")
    rule = Rule(
        id=data["id"], pack=pack, lang=lang, severity=data["severity"], message=data["message"],
        source=data["source"], check=kind, params=params,
        zones=data.get("zones", ["body"]), kinds=data.get("kinds", ["letter", "email"]),
        formats=data.get("formats"), templates=data.get("templates", True),
        examples=data.get("examples", {}), description=data.get("description", ""),
        why=data.get("why", ""), fix=data.get("fix", ""), fixable=data.get("fixable", False),
        options=data.get("options", {}), suggestion=data.get("suggestion"),
        sees_unreadable=data.get("sees_unreadable", False), document_kinds=data.get("document_kinds"), scope=data.get("scope", "letter"),
        path=str(path), line=1)
    for which, n, problem in validate_examples(rule):
        ex_node = keys["examples"][1]
        node_at = _key_lines(ex_node).get(which, (ex_node, ex_node))[1]
        if n >= 0 and isinstance(node_at, yaml.SequenceNode) and n < len(node_at.value):
            node_at = node_at.value[n]
        raise _err(path, node_at, problem)
    try:
        rule.checker = kind_cls(rule)
    except (ValueError, KeyError, TypeError) as e:
        raise _err(path, keys["check"][0], str(e)) from None
    declared = rule.checker.declared_options()
    if rule.options:
        opt_kids = _key_lines(keys["options"][1])
        rule.options = {
            name: _expand(v, opt_kids[name][1], lists, path,
                          declared[name].type if name in declared else None)
            for name, v in rule.options.items()}
    for name, problem in option_problems(declared, rule.options):
        opt_node = keys["options"][1]
        raise _err(path, _key_lines(opt_node).get(name, (opt_node,))[0], problem)
    return rule


def _expand(value, node, lists, path, option_type=None):
    """A parameter or option value with its word-list references resolved (wordlists.py)."""
    try:
        return expand(value, node, lists or Lists({}, _builtin_lists), path, option_type)
    except WordListError as e:
        raise PackError(str(e)) from None


_LISTS: dict = {}


def _lists_of(folder: Path) -> dict:
    key = str(folder.resolve())
    if key not in _LISTS:
        try:
            _LISTS[key] = load_lists(folder)
        except WordListError as e:
            raise PackError(str(e)) from None
    return _LISTS[key]


def _builtin_lists(pack: str) -> dict:
    folder = builtin_rules_dir() / pack
    return _lists_of(folder) if (folder / "pack.yaml").exists() else {}


def _check_source(path, key_value, source) -> None:
    knode, vnode = key_value
    items = source if isinstance(source, list) else [source]
    nodes = vnode.value if isinstance(source, list) and isinstance(vnode, yaml.SequenceNode) else [vnode]
    if not items:
        raise _err(path, knode, "source needs at least one citation")
    for i, cite in enumerate(items):
        node = nodes[i] if i < len(nodes) else knode
        if not isinstance(cite, dict):
            raise _err(path, node, "a citation is a mapping: document, clause, quote (short, lang)")
        unknown = sorted(set(cite) - SOURCE_KEYS)
        missing = [k for k in SOURCE_REQUIRED if not str(cite.get(k) or "").strip()]
        if unknown or missing:
            raise _err(path, node, "a citation needs document, clause and quote"
                       + (f" (missing: {', '.join(missing)})" if missing else "")
                       + (f" (unknown: {', '.join(unknown)})" if unknown else ""))
        if cite.get("lang") not in (None, "ru", "vi"):
            raise _err(path, node, f"a citation's lang is ru or vi, not {cite['lang']!r}")


def load_pack(folder: Path) -> list[Rule]:
    meta_path = folder / "pack.yaml"
    if not meta_path.exists():
        raise PackError(f"{folder}: not a rule pack (no pack.yaml)")
    meta, node = _load_yaml(meta_path)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise _err(meta_path, node, "pack.yaml must be a mapping (name, language, description, sources)")
    for k, (knode, _) in _key_lines(node).items():
        if k not in PACK_KEYS:
            raise _err(meta_path, knode, f"unknown key '{k}'")
        if not isinstance(meta[k], PACK_KEYS[k]):
            raise _err(meta_path, knode, f"'{k}' has the wrong type ({type(meta[k]).__name__})")
    if meta.get("language") not in (None, "ru", "vi"):
        raise _err(meta_path, _key_lines(node)["language"][0], "language must be ru, vi or null")
    name = meta.get("name") or folder.name
    with pack_cache.loading(folder, builtin_rules_dir()):   # regexes compiled at first use if known good
        lists = Lists(_lists_of(folder), _builtin_lists)
        rules = [load_rule(p, name, meta.get("language"), lists)
                 for p in sorted(folder.glob("*.yaml")) if p.name != "pack.yaml"]
    seen = {}
    for r in rules:
        if r.id in seen:
            raise PackError(f"{r.path}:1: duplicate rule id {r.id!r} (also in {seen[r.id]})")
        seen[r.id] = r.path
    return rules


def builtin_rules_dir() -> Path:
    """Inside the wheel the packs sit in replylint/rules; in a source checkout, beside it."""
    here = Path(__file__).resolve().parent
    for cand in (here / "rules", here.parent / "rules"):
        if (cand / "common" / "pack.yaml").exists():
            return cand
    raise PackError(f"{here}: built-in rule packs not found")


_CACHE: dict = {}


def load_rules(packs: list[str] | None = None, extra_dirs: list[str] | None = None) -> list[Rule]:
    """Built-in packs (all, or those named) plus user pack folders."""
    key = (tuple(packs or ()), tuple(extra_dirs or ()))
    if key not in _CACHE:
        base = builtin_rules_dir()
        names = packs or sorted(p.name for p in base.iterdir() if (p / "pack.yaml").exists())
        rules = []
        for n in names:
            folder = base / n
            if not (folder / "pack.yaml").exists():
                raise PackError(f"unknown rule pack {n!r}")
            rules += load_pack(folder)
        for d in extra_dirs or ():
            rules += load_pack(Path(d))
        _CACHE[key] = rules
    return _CACHE[key]
