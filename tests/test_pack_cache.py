"""Pack regexes compile on first use once a pack's content compiled before (pack_cache.py), and a
bad regex in a pack is still a load error with file:line."""
from pathlib import Path

import pytest
import regex
from typer.testing import CliRunner

from replylint import pack_cache, packs
from replylint.cli import app
from replylint.linter import document_from_text, lint
from replylint.packs import PackError, load_pack, load_rules

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    """An empty marker folder and packs loaded afresh (the process keeps loaded packs)."""
    where = tmp_path / "pack-cache"
    monkeypatch.setenv(pack_cache.ENV_DIR, str(where))
    monkeypatch.setattr(packs, "_CACHE", {})
    monkeypatch.setattr(packs, "_LISTS", {})
    return where


@pytest.fixture
def compiles(monkeypatch):
    """The patterns passed to regex.compile from now on."""
    seen = []
    real = regex.compile

    def counting(pattern, flags=0, *args, **kwargs):
        seen.append(pattern)
        return real(pattern, flags, *args, **kwargs)

    monkeypatch.setattr(regex, "compile", counting)
    return seen


def _reload():
    packs._CACHE.clear()
    packs._LISTS.clear()
    return load_rules()


def _pack(tmp_path, body, lists=None, name="user"):
    folder = tmp_path / name
    folder.mkdir(exist_ok=True)
    (folder / "pack.yaml").write_text("name: t\nlanguage: ru\n", encoding="utf-8")
    (folder / "x.yaml").write_text(
        "id: t.x\nseverity: warning\nmessage: 'found {match}'\n"
        "source: {document: test, clause: '1', quote: q}\n" + body, encoding="utf-8")
    for list_name, text in (lists or {}).items():
        (folder / "lists").mkdir(exist_ok=True)
        (folder / "lists" / f"{list_name}.yaml").write_text(text, encoding="utf-8")
    return folder


def _matchers(rule):
    checker = rule.checker
    return [m for m in (getattr(checker, a, None) for a in ("matcher", "exceptions", "trigger",
                                                            "companion", "unless")) if m is not None]


def test_a_pack_seen_before_compiles_no_pattern_at_load(cache_dir, compiles):
    first = _reload()
    at_first_load = len(compiles)
    assert at_first_load > 300              # every pattern, to find a bad one
    assert sorted(p.name for p in cache_dir.iterdir()) and len(list(cache_dir.iterdir())) == 3
    compiles.clear()
    second = _reload()
    assert compiles == []
    assert [r.id for r in second] == [r.id for r in first]


def test_a_document_compiles_only_the_patterns_of_its_language(cache_dir):
    _reload()
    rules = _reload()                       # deferred
    text = (CORPUS / "ru").glob("*.txt").__next__().read_text(encoding="utf-8") \
        if (CORPUS / "ru").is_dir() else "Уважаемый Иван Иванович!\nВаше обращение рассмотрено.\n"
    lint(document_from_text(text, lang="ru"), rules)
    vi = [m for r in rules if r.lang == "vi" for m in _matchers(r) if m._sources]
    ru = [m for r in rules if r.lang == "ru" for m in _matchers(r) if m._sources]
    assert vi and ru
    assert all(m._patterns is None for m in vi)
    assert any(m._patterns is not None for m in ru)


def test_deferred_rules_find_what_compiled_rules_find(cache_dir, monkeypatch):
    texts = sorted(p for p in CORPUS.rglob("*.txt"))[:12]
    assert texts

    def findings(rules):
        out = []
        for p in texts:
            lang = "vi" if "/vi" in str(p) or p.name.startswith("vi") else "ru"
            doc = document_from_text(p.read_text(encoding="utf-8"), lang=lang)
            out.append([(d.rule, d.start, d.end, d.message) for d in lint(doc, rules)])
        return out

    monkeypatch.setenv(pack_cache.ENV_DIR, "off")
    eager = findings(_reload())
    monkeypatch.setenv(pack_cache.ENV_DIR, str(cache_dir))
    _reload()
    deferred = _reload()
    assert not pack_cache.deferring()
    assert findings(deferred) == eager
    assert any(eager)


@pytest.mark.parametrize("body,lists,message", [
    ("check: existence\npatterns: ['(unclosed']\n", None, r"x\.yaml:5: bad pattern '\(unclosed'"),
    ("check: existence\ntokens: [a]\nexceptions: {patterns: ['[']}\n", None, r"x\.yaml:5: bad pattern '\['"),
    ("check: python\nfunction: common.sentence_length\noptions:\n  max: 40\n  collapse: ['[']\n", None,
     r"x\.yaml:9: option 'collapse': bad regular expression '\['"),
    ("check: existence\npatterns: [{list: rx}]\n", {"rx": "description: d\ntype: patterns\nentries: ['(a']\n"},
     r"rx\.yaml:3: bad pattern '\(a'"),
])
def test_a_bad_regex_in_a_user_pack_is_a_load_error_with_the_built_ins_known(
        cache_dir, tmp_path, body, lists, message):
    _reload()                                # built-in packs marked: they load deferred now
    assert _reload() and pack_cache.folder() == cache_dir
    folder = _pack(tmp_path, body, lists)
    for _ in range(2):                       # and again: a failed load marks nothing
        with pytest.raises(PackError, match=message):
            load_pack(folder)


def test_a_marked_pack_edited_to_a_bad_regex_is_a_load_error(cache_dir, tmp_path):
    folder = _pack(tmp_path, "check: existence\npatterns: ['спс']\n")
    assert load_pack(folder)[0].checker.matcher.patterns
    assert load_pack(folder)                 # now known
    (folder / "x.yaml").write_text((folder / "x.yaml").read_text(encoding="utf-8").replace("спс", "сп(с"),
                                   encoding="utf-8")
    with pytest.raises(PackError, match=r"x\.yaml:5: bad pattern 'сп\(с'"):
        load_pack(folder)


def test_a_bad_regex_in_a_user_pack_fails_the_cli_run_with_file_and_line(cache_dir, tmp_path):
    folder = _pack(tmp_path, "check: existence\npatterns: ['(unclosed']\n")
    (tmp_path / ".replylint.yaml").write_text(f"packs: [common, ru, '{folder}']\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Ответ.\n", encoding="utf-8")
    runner = CliRunner()
    runner.invoke(app, ["check", str(tmp_path / "a.txt"), "--no-config"])   # marks the built-ins
    r = runner.invoke(app, ["check", str(tmp_path / "a.txt"), "--config", str(tmp_path / ".replylint.yaml")])
    assert r.exit_code == 2
    assert f"{folder / 'x.yaml'}:5: bad pattern '(unclosed'" in r.output


@pytest.mark.parametrize("where", ["file", "off"])
def test_an_unusable_marker_folder_only_costs_the_full_compile(tmp_path, monkeypatch, compiles, where):
    monkeypatch.setattr(packs, "_CACHE", {})
    monkeypatch.setattr(packs, "_LISTS", {})
    if where == "file":
        blocker = tmp_path / "not-a-folder"
        blocker.write_text("x", encoding="utf-8")
        monkeypatch.setenv(pack_cache.ENV_DIR, str(blocker / "sub"))
    else:
        monkeypatch.setenv(pack_cache.ENV_DIR, "off")
    for _ in range(2):
        compiles.clear()
        assert _reload()
        assert len(compiles) > 300
    folder = _pack(tmp_path, "check: existence\npatterns: ['(']\n")
    with pytest.raises(PackError, match="bad pattern"):
        load_pack(folder)


def test_the_key_follows_the_content_of_rules_and_lists(tmp_path):
    builtin = packs.builtin_rules_dir()
    folder = _pack(tmp_path, "check: existence\npatterns: [{list: w}]\n",
                   {"w": "description: d\ntype: patterns\nentries: [a]\n"})
    before = pack_cache.key(folder, builtin)
    assert pack_cache.key(folder, builtin) == before
    (folder / "lists" / "w.yaml").write_text("description: d\ntype: patterns\nentries: [b]\n", encoding="utf-8")
    after_list = pack_cache.key(folder, builtin)
    (folder / "x.yaml").write_text((folder / "x.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert len({before, after_list, pack_cache.key(folder, builtin)}) == 3
