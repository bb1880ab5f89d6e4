"""The explain page of a rule: what it checks, why, the quoted clause, examples, the fix.

Used by `replylint explain ID` (plain text or Markdown) and as the SARIF `help` of each
`reportingDescriptor`.

    explain_text(rule, lang=None) -> str
    explain_markdown(rule, lang=None) -> str
    explain(rule, fmt="text" | "markdown", lang=None) -> str

`lang` picks the message, why, fix and citations of a language-neutral rule (a common.* rule
speaks Russian to a Russian letter and Vietnamese to a Vietnamese one); by default the rule's
own language, else English, else the first given.
"""
from __future__ import annotations

import re

from .examples import strip_markers

__all__ = ["explain", "explain_text", "explain_markdown", "examples_of", "quotes", "rule_message",
           "short_description"]


def _lang(rule, lang):
    return lang or rule.lang or "en"


def rule_message(rule, lang: str | None = None) -> str:
    """The rule's message, with its `{placeholders}` shown as `…`."""
    return re.sub(r"\{\w+\}", "…", rule.message_for(_lang(rule, lang)) or "")


def short_description(rule, lang: str | None = None) -> str:
    """One line: the rule's description, else its message."""
    desc = (rule.description or "").strip()
    if desc:
        return desc.splitlines()[0].strip()
    return rule_message(rule, lang).strip() or rule.id


def examples_of(rule, which: str) -> list[str]:
    """Example texts (their <marker> tags removed); a mapping example is its text, labelled
    with its kind and metadata."""
    value = (rule.examples or {}).get(which) or []
    if isinstance(value, str):
        value = [value]
    out = []
    for v in value:
        if isinstance(v, dict):
            facts = [v["kind"]] if v.get("kind") else []
            facts += [f"{k}: {x}" for k, x in (v.get("metadata") or {}).items() if k != "appeal"]
            if (v.get("metadata") or {}).get("appeal"):
                facts.append(f"appeal: {v['metadata']['appeal'].get('text', '')}")
            text = strip_markers(str(v.get("text", "")))[0]
            out.append(f"[{'; '.join(facts)}] {text}" if facts else text)
        else:
            out.append(strip_markers(str(v))[0])
    return out


def _facts(rule) -> str:
    bits = [rule.severity]
    if rule.fixable:
        bits.append("fixable")
    bits.append(f"language: {rule.lang or 'any'}")
    bits.append(f"pack: {rule.pack}")
    return ", ".join(bits)


def _citations(rule, lang) -> list[dict]:
    return rule.citations(lang) if hasattr(rule, "citations") else []


def quotes(rule, lang: str | None = None) -> list[str]:
    """The quoted clauses of the rule's citations for a document in `lang`."""
    return [str(c["quote"]).strip() for c in _citations(rule, lang) if str(c.get("quote") or "").strip()]


def explain_text(rule, lang: str | None = None) -> str:
    out = [f"{rule.id} ({_facts(rule)})", ""]
    out += ["What it checks:", _indent(short_description(rule, lang) if not rule.description
                                       else rule.description.strip()), ""]
    msg = rule_message(rule, lang)
    if msg:
        out += ["Message:", _indent(msg), ""]
    why = rule.why_for(lang)
    if why:
        out += ["Why:", _indent(why), ""]
    cites = _citations(rule, lang)
    if cites:
        out.append("Source: " + rule.source_text(lang))
        for c in cites:
            if str(c.get("quote") or "").strip():
                out.append(_indent(f"{c.get('short') or c['document']}, {c['clause']}: «{str(c['quote']).strip()}»"))
        out.append("")
    for which, title in (("bad", "Bad:"), ("good", "Good:")):
        ex = examples_of(rule, which)
        if ex:
            out.append(title)
            for e in ex:   # a whole letter: its lines indented under the bullet
                lines = e.rstrip("\n").splitlines() or [""]
                out.append(f"  - {lines[0]}")
                out += [f"    {line}" if line else "" for line in lines[1:]]
            out.append("")
    fix = rule.fix_for(lang)
    if fix:
        out += ["Fix:", _indent(fix), ""]
    return "\n".join(out).rstrip() + "\n"


def _indent(text: str, prefix: str = "  ") -> str:
    return "\n".join(prefix + line if line else line for line in str(text).splitlines())


def _md_code(text: str) -> str:
    """An inline code span that survives backticks in the text."""
    text = text.replace("\n", " ")
    runs = [len(m) for m in re.findall(r"`+", text)]
    fence = "`" * (max(runs) + 1 if runs else 1)
    pad = " " if text.startswith("`") or text.endswith("`") or fence != "`" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _md_escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", str(text))


def explain_markdown(rule, lang: str | None = None) -> str:
    out = [f"## {_md_escape(rule.id)}", "", f"*{_md_escape(_facts(rule))}*", ""]
    desc = (rule.description or "").strip() or short_description(rule, lang)
    out += ["**What it checks.** " + _md_escape(desc), ""]
    msg = rule_message(rule, lang)
    if msg:
        out += ["**Message.** " + _md_escape(msg), ""]
    why = rule.why_for(lang)
    if why:
        out += ["**Why.** " + _md_escape(why), ""]
    cites = _citations(rule, lang)
    if cites:
        out += ["**Source:** " + _md_escape(rule.source_text(lang)), ""]
        for c in cites:
            if str(c.get("quote") or "").strip():
                out += [f"> {_md_escape(c.get('short') or c['document'])}, {_md_escape(c['clause'])}: "
                        + " ".join(_md_escape(str(c["quote"]).strip()).splitlines()), ""]
    for which, title in (("bad", "**Bad**"), ("good", "**Good**")):
        ex = examples_of(rule, which)
        if ex:
            out += [title, ""] + [f"- {_md_code(e)}" for e in ex] + [""]
    fix = rule.fix_for(lang)
    if fix:
        out += ["**Fix.** " + _md_escape(fix), ""]
    return "\n".join(out).rstrip() + "\n"


def explain(rule, fmt: str = "text", lang: str | None = None) -> str:
    if fmt in ("markdown", "md"):
        return explain_markdown(rule, lang)
    if fmt == "text":
        return explain_text(rule, lang)
    raise ValueError(f"unknown explain format {fmt!r} (text or markdown)")
