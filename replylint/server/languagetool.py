"""The LanguageTool HTTP API (v2) spoken by replylint: `POST /v2/check`, `GET /v2/languages`.

Requests follow LanguageTool's: form fields (or a JSON object) `text` or `data` (annotated text:
`{"annotation": [{"text": …}, {"markup": …, "interpretAs": …}]}`), `language` (ru, ru-RU, vi,
vi-VN or auto), `enabledRules`, `disabledRules`, `enabledCategories`, `disabledCategories`
(comma-separated; the categories are the packs COMMON, RU, VI), `enabledOnly`. Rule ids replylint
does not have are ignored, as LanguageTool ignores ids it does not know (LibreOffice sends its own,
e.g. `disabledRules=WHITESPACE_RULE`). Bad requests are `400` with a plain-text `Error: …`, as
LanguageTool answers.

The answer has LanguageTool's shape (`software`, `warnings`, `language` with `detectedLanguage`,
`matches`, `sentenceRanges`); every offset and length counts UTF-16 code units, as Java strings do
(an emoji is 2), and with `data` they are positions in the text *with* its markup. `context` is 40
units either side, `...` where it is cut, line breaks shown as spaces, like LanguageTool's.

Clients send a paragraph at a time: the text is checked with scope "auto" (see `api.py`), so the
whole-letter rules only run when it is a whole letter, head and tail.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

CONTEXT_SIZE = 40
LANGUAGES = [  # what GET /v2/languages lists, in LanguageTool's shape, sorted by name
    {"name": "Russian", "code": "ru", "longCode": "ru-RU"},
    {"name": "Vietnamese", "code": "vi", "longCode": "vi-VN"},
]
_BY_CODE = {}
for _l in LANGUAGES:
    _BY_CODE[_l["code"].lower()] = _l
    _BY_CODE[_l["longCode"].lower()] = _l
NO_LANGUAGE = {"name": "No language", "code": "zz"}   # LanguageTool's own "noop" language
CATEGORY_NAMES = {
    "ru": "Официальный ответ гражданину", "vi": "Văn bản trả lời công dân",
    "en": "Official reply to a citizen",
}
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


class BadRequest(ValueError):
    """The message LanguageTool would send with its 400."""


@dataclass
class LTRequest:
    parts: list                      # [(kind, text, interpret_as)] kind "text" | "markup"
    language: str                    # "ru" | "vi" | "auto"
    enabled_rules: list = field(default_factory=list)
    disabled_rules: list = field(default_factory=list)
    enabled_categories: list = field(default_factory=list)
    disabled_categories: list = field(default_factory=list)
    enabled_only: bool = False


# ---- parsing the request (HTTP process) -------------------------------------------------

def _csv(params, name) -> list[str]:
    value = params.get(name)
    if value is None:
        return []
    if isinstance(value, list):
        value = ",".join(str(v) for v in value)
    return [v.strip() for v in str(value).split(",") if v.strip()]


def _truthy(value) -> bool:
    return value is True or str(value).lower() in ("true", "yes", "1")


def parse_request(params: dict) -> LTRequest:
    """LanguageTool's parameters → an LTRequest; raises BadRequest with LanguageTool's wording."""
    if "text" in params and "data" in params:
        raise BadRequest("Set only 'text' or 'data' parameter, not both")
    if "text" in params:
        parts = [("text", str(params["text"]), None)]
    elif "data" in params:
        parts = _annotation(params["data"])
    else:
        raise BadRequest("Missing 'text' or 'data' parameter")
    lang_param = str(params.get("language") or "").strip()
    if not lang_param:
        raise BadRequest("Missing 'language' parameter, e.g. 'language=ru-RU' for Russian or "
                         "'language=vi' for Vietnamese")
    if lang_param.lower() == "auto":
        language = "auto"
    elif lang_param.lower() in _BY_CODE:
        language = _BY_CODE[lang_param.lower()]["code"]
    else:
        raise BadRequest(f"'{lang_param}' is not a language code known to replylint: "
                         "use ru, ru-RU, vi, vi-VN or auto")
    for old, new in (("enabled", "enabledRules"), ("disabled", "disabledRules")):
        if old in params:
            raise BadRequest(f"You specified '{old}' but the parameter is now called '{new}' "
                             "in v2 of the API")
    req = LTRequest(parts=parts, language=language,
                    enabled_rules=_csv(params, "enabledRules"),
                    disabled_rules=_csv(params, "disabledRules"),
                    enabled_categories=_csv(params, "enabledCategories"),
                    disabled_categories=_csv(params, "disabledCategories"),
                    enabled_only=_truthy(params.get("enabledOnly", False)))
    if req.enabled_only and (req.disabled_rules or req.disabled_categories):
        raise BadRequest("You cannot specify disabled rules or categories using enabledOnly=true")
    if req.enabled_only and not (req.enabled_rules or req.enabled_categories):
        raise BadRequest("You must specify enabled rules or categories when using enabledOnly=true")
    return req


def _annotation(data) -> list:
    if isinstance(data, (str, bytes)):
        try:
            data = json.loads(data)
        except ValueError:
            raise BadRequest("Could not parse JSON from 'data' parameter") from None
    if not isinstance(data, dict):
        raise BadRequest("'data' key in JSON requires 'text' or 'annotation' key")
    if "text" in data and "annotation" in data:
        raise BadRequest("'data' key in JSON requires either 'text' or 'annotation' key, not both")
    if "text" in data:
        return [("text", str(data["text"]), None)]
    items = data.get("annotation")
    if not isinstance(items, list):
        raise BadRequest("'data' key in JSON requires 'text' or 'annotation' key")
    parts = []
    for node in items:
        if not isinstance(node, dict):
            raise BadRequest(f"Only 'text' and 'markup' are supported in 'annotation' list: {node}")
        if "text" in node and "markup" in node:
            raise BadRequest("Only either 'text' or 'markup' are supported in an object in "
                             f"'annotation' list, not both: {node}")
        if "text" in node and "interpretAs" in node:
            raise BadRequest(f"'text' cannot be used with 'interpretAs' (only 'markup' can): {node}")
        if "text" in node:
            parts.append(("text", str(node["text"]), None))
        elif "markup" in node:
            interp = node.get("interpretAs")
            parts.append(("markup", str(node["markup"]), None if interp is None else str(interp)))
        else:
            raise BadRequest(f"Only 'text' and 'markup' are supported in 'annotation' list: {node}")
    return parts


# ---- text and positions -----------------------------------------------------------------

class Annotated:
    """The plain text checked (text parts + markup read as its `interpretAs`) and the text with
    its markup, with the map from one to the other (LanguageTool's AnnotatedText)."""

    def __init__(self, parts):
        plain, original, self._segs = [], [], []   # (plain_start, plain_len, orig_start, orig_len, markup)
        p = o = 0
        for kind, text, interp in parts:
            shown = text if kind == "text" else (interp or "")
            self._segs.append((p, len(shown), o, len(text), kind == "markup"))
            plain.append(shown)
            original.append(text)
            p += len(shown)
            o += len(text)
        self.plain = "".join(plain)
        self.original = "".join(original)

    def to_original(self, pos: int, is_end: bool) -> int:
        """A position in the plain text → the same place in the text with markup."""
        for ps, pl, os_, ol, markup in self._segs:
            if ps <= pos < ps + pl or (is_end and pos == ps + pl and pl):
                if markup:   # inside a markup's interpretAs: the markup as a whole
                    return os_ + ol if is_end else os_
                return os_ + (pos - ps)
        return len(self.original) if is_end or pos >= len(self.plain) else 0


class Utf16:
    """Python (code point) index → UTF-16 code unit index, as LanguageTool (Java) counts."""

    def __init__(self, text: str):
        self.text = text
        self._table = None
        if _ASTRAL.search(text):
            table, units = [0], 0
            for ch in text:
                units += 2 if ord(ch) > 0xFFFF else 1
                table.append(units)
            self._table = table

    def __call__(self, i: int) -> int:
        i = max(0, min(i, len(self.text)))
        return i if self._table is None else self._table[i]


def context(text: str, start: int, end: int, u16: Utf16) -> dict:
    """LanguageTool's context: CONTEXT_SIZE UTF-16 units either side (never half an emoji)."""
    u_start, u_end = u16(start), u16(end)
    lo = start
    while lo > 0 and u_start - u16(lo - 1) <= CONTEXT_SIZE:
        lo -= 1
    hi = end
    while hi < len(text) and u16(hi + 1) - u_end <= CONTEXT_SIZE:
        hi += 1
    prefix = "..." if lo > 0 else ""
    postfix = "..." if hi < len(text) else ""
    body = text[lo:hi].replace("\n", " ")
    return {"text": prefix + body + postfix, "offset": len(prefix) + u_start - u16(lo),
            "length": u_end - u_start}


# ---- answering (checker process) --------------------------------------------------------

def _lang_entry(code: str | None) -> dict:
    entry = _BY_CODE.get(code or "")
    return {"name": entry["name"], "code": entry["longCode"]} if entry else dict(NO_LANGUAGE)


def _category(rule, doc_lang: str) -> dict:
    lang = rule.lang or (doc_lang if doc_lang in CATEGORY_NAMES else "en")
    return {"id": rule.pack.upper(), "name": f"{CATEGORY_NAMES.get(lang, CATEGORY_NAMES['en'])} "
                                             f"(replylint {rule.pack})"}


def _issue_type(rule) -> str:
    # LanguageTool's types (ITS 2.0 localization quality issue types): the register of speech
    # for the tone and spoken-language rules, "style" for the rest of the codes of conduct.
    if any(w in rule.id for w in ("colloquial", "rude-tone", "teencode", "informal")):
        return "register"
    if rule.id in ("common.length", "common.sentence-length"):
        return "length"
    if rule.id.endswith(("font", "margins", "page-format")):
        return "formatting"
    return "style"


def select_rules(linter, req: LTRequest) -> tuple[list, list] | None:
    """(select, ignore) for the Linter from LanguageTool's rule/category parameters; None when
    enabledOnly names nothing replylint has (then nothing runs)."""
    known = {r.id for r in linter.all_rules}
    packs = {r.pack.upper(): r.pack for r in linter.all_rules}
    enabled = [r for r in req.enabled_rules if r in known] \
        + [packs[c.upper()] for c in req.enabled_categories if c.upper() in packs]
    disabled = [r for r in req.disabled_rules if r in known] \
        + [packs[c.upper()] for c in req.disabled_categories if c.upper() in packs]
    if req.enabled_only:
        return (enabled, []) if enabled else None
    return [], disabled


def respond(linter, req: LTRequest) -> dict:
    from ..language import detect
    from ..nlp import analyse
    ann = Annotated(req.parts)
    detected = detect(ann.plain) if ann.plain.strip() else "unknown"
    lang = detected if req.language == "auto" else req.language
    out = {
        "software": {"name": "replylint", "version": _version(), "buildDate": "",
                     "apiVersion": 1, "premium": False, "status": ""},
        "warnings": {"incompleteResults": False},
        "language": {**_lang_entry(lang if lang in ("ru", "vi") else None),
                     "detectedLanguage": {**_lang_entry(detected if detected in ("ru", "vi") else None),
                                          "confidence": 1.0 if detected in ("ru", "vi") else 0.0,
                                          "source": "replylint"}},
        "matches": [], "sentenceRanges": [],
    }
    chosen = select_rules(linter, req)
    if chosen is None or not ann.plain.strip():
        return out
    select, ignore = chosen
    result = linter.check_result(ann.plain, "languagetool.txt",
                                 lang=lang if lang in ("ru", "vi") else "auto",
                                 select=select, ignore=ignore, scope="auto")
    if result.error:
        raise ValueError(result.error)
    doc = result.doc
    shift = len(ann.plain) - len(doc.text)   # a byte-order mark the reader dropped
    u16 = Utf16(ann.original)
    analysis = analyse(doc) if doc.lang in ("ru", "vi") else None
    doc_lang = doc.lang if doc.lang in ("ru", "vi") else "en"
    for d in result.diagnostics:
        rule = linter.rule(d.rule)
        s, e = d.start + shift, max(d.end, d.start) + shift
        os_, oe = ann.to_original(s, False), ann.to_original(e, True)
        sentence = ""
        if analysis is not None:
            ss, se = analysis.sentence_span(d.start)
            sentence = doc.text[ss:max(se, d.end)].strip()
        match = {
            "message": d.message,
            "shortMessage": "",
            "replacements": _replacements(d.suggestion),
            "offset": u16(os_), "length": u16(oe) - u16(os_),
            "context": context(ann.original, os_, oe, u16),
            "sentence": sentence,
            "type": {"typeName": "Other"},
            "rule": {"id": d.rule,
                     "description": _description(rule, doc_lang),
                     "issueType": _issue_type(rule) if rule else "style",
                     "category": _category(rule, doc_lang) if rule else
                     {"id": d.rule.split(".")[0].upper(), "name": d.rule.split(".")[0]}},
            "ignoreForIncompleteSentence": False,
            "contextForSureMatch": 0,
        }
        out["matches"].append(match)
    out["matches"].sort(key=lambda m: (m["offset"], m["length"]))
    if analysis is not None:
        out["sentenceRanges"] = [[u16(ann.to_original(s + shift, False)),
                                  u16(ann.to_original(e + shift, True))]
                                 for s, e in analysis.sentences]
    skipped = [n for n in result.notes if " skipped: " in n]   # a rule that crashed or timed out
    if skipped:
        out["warnings"] = {"incompleteResults": True, "incompleteResultsReason": "; ".join(skipped)}
    return out


def _replacements(suggestion: str | None) -> list[dict]:
    # "(удалить)" is advice in words, not text a client should put in the letter
    if suggestion is None or (suggestion.startswith("(") and suggestion.endswith(")")):
        return []
    return [{"value": suggestion}]


def _description(rule, lang: str) -> str:
    """A one-line description in the letter's language: the rule's message without its
    placeholders (the YAML descriptions are English)."""
    if rule is None:
        return ""
    from ..rule_doc import rule_message, short_description
    msg = rule_message(rule, lang).strip()
    return msg.split(": ")[0].rstrip(".") if msg else short_description(rule, lang)


def _version() -> str:
    try:
        from importlib.metadata import version
        return version("replylint")
    except Exception:
        return "0"
