"""Shared word lists (rules/<pack>/lists/*.yaml): referenced from rule YAML, resolved and
validated when the pack loads, and patterns built from them."""
import textwrap

import pytest

from replylint.packs import PackError, builtin_rules_dir, load_pack
from replylint.wordlists import alternation, load_lists

from helpers import matches

HEAD = "id: t.x\nseverity: warning\nmessage: 'found {match}'\nsource: {document: test, clause: '1', quote: q}\n"


def pack(tmp_path, rule: str, lists: dict[str, str], name="t"):
    folder = tmp_path / name
    (folder / "lists").mkdir(parents=True)
    (folder / "pack.yaml").write_text(f"name: {name}\nlanguage: ru\n", encoding="utf-8")
    (folder / "x.yaml").write_text(HEAD + textwrap.dedent(rule), encoding="utf-8")
    for n, body in lists.items():
        (folder / "lists" / f"{n}.yaml").write_text(textwrap.dedent(body), encoding="utf-8")
    return folder


GREETINGS = "description: greetings\ntype: words\nentries: [привет, здорово]\n"


def test_a_list_spliced_into_a_word_list(tmp_path):
    folder = pack(tmp_path, "zones: [all]\ncheck: existence\nwords: [спс, {list: greetings}]\n",
                  {"greetings": GREETINGS})
    rule = load_pack(folder)[0]
    assert rule.params["words"] == ["спс", "привет", "здорово"]
    assert matches(rule, "Привет! Спс за письмо, здорово.") == ["Привет", "Спс", "здорово"]


def test_a_list_as_an_option_value_checked_against_the_declared_type(tmp_path):
    # common.shouting declares no list option: an unknown option stays an error
    body = "zones: [all]\ncheck: metric\nmeasure: sentence_length\nmax: 3\noptions:\n  max: {list: greetings}\n"
    with pytest.raises(PackError, match=r"x\.yaml:10: list 'greetings' holds words, this option takes number"):
        load_pack(pack(tmp_path, body, {"greetings": GREETINGS}))


def test_a_placeholder_in_a_pattern_becomes_an_escaped_alternation(tmp_path):
    folder = pack(tmp_path, r"""
        zones: [all]
        check: existence
        patterns: ['\b{list:verbs}\s+срочно\b']
        """, {"verbs": "description: verbs\nentries: [ответьте, ответь+те, сделайте]\n"})
    rule = load_pack(folder)[0]
    assert rule.params["patterns"] == [r"\b(?:ответь\+те|ответьте|сделайте)\s+срочно\b"]
    assert matches(rule, "Сделайте срочно. Ответь+те срочно. Сделайте завтра.") == \
        ["Сделайте срочно", "Ответь+те срочно"]


def test_unknown_list_names_the_rule_file_and_line(tmp_path):
    folder = pack(tmp_path, "zones: [all]\ncheck: existence\nwords:\n  - спс\n  - {list: greetins}\n",
                  {"greetings": GREETINGS})
    with pytest.raises(PackError, match=r"x\.yaml:9: unknown word list 'greetins' \(lists of this pack: greetings\)"):
        load_pack(folder)


@pytest.mark.parametrize("body,problem", [
    ("description: d\nentries: [a, '']\n", r"g\.yaml:2: entry 2 is not a non-empty string"),
    ("description: d\nentries: [a, b, a]\n", r"g\.yaml:2: entry 'a' is listed twice"),
    ("description: d\ntype: wordz\nentries: [a]\n", r"g\.yaml:2: type must be one of"),
    ("description: d\nentires: [a]\n", r"g\.yaml:2: unknown key 'entires'"),
    ("entries: [a]\n", r"g\.yaml:1: missing key 'description'"),
    ("description: d\ntype: patterns\nentries: ['(a']\n", r"g\.yaml:3: bad pattern '\(a'"),
    ("description: d\ntype: map\nentries: [a]\n", r"g\.yaml:3: entries of a map list"),
])
def test_a_broken_list_file_is_a_load_error_with_its_line(tmp_path, body, problem):
    folder = pack(tmp_path, "zones: [all]\ncheck: existence\nwords: [спс]\n", {"g": body})
    with pytest.raises(PackError, match=problem):
        load_pack(folder)


def test_a_map_list_as_substitution_swaps(tmp_path):
    folder = pack(tmp_path, "zones: [all]\ncheck: substitution\nswap_words: {list: swaps}\n",
                  {"swaps": "description: d\ntype: map\nentries: {спс: спасибо, плз: пожалуйста}\n"})
    rule = load_pack(folder)[0]
    assert rule.params["swap_words"] == {"спс": "спасибо", "плз": "пожалуйста"}
    assert matches(rule, "Спс, плз.") == ["Спс", "плз"]


def test_lists_of_another_built_in_pack(tmp_path):
    builtin = load_lists(builtin_rules_dir() / "common")
    name = next(n for n, wl in builtin.items() if wl.type != "map")
    folder = pack(tmp_path, f"zones: [all]\ncheck: existence\nwords: [{{list: common/{name}}}]\n", {})
    rule = load_pack(folder)[0]
    assert rule.params["words"] == list(builtin[name].entries)


def test_alternation_longest_first_and_escaped():
    assert alternation(["Ông", "Quý Ông/Bà", "Ông/Bà", "a.b"]) == r"(?:Quý\s+Ông/Bà|Ông/Bà|Ông|a\.b)"
    assert alternation([r"\d+", "x"], escape=False) == r"(?:\d+|x)"
    assert alternation([]) == "(?!)"


def test_every_built_in_list_is_used_by_a_rule():
    """A list no rule references is dead knowledge."""
    base = builtin_rules_dir()
    text = "\n".join(p.read_text(encoding="utf-8") for p in base.glob("*/*.yaml"))
    for folder in sorted(p for p in base.iterdir() if (p / "pack.yaml").exists()):
        for name in load_lists(folder):
            own = f"list: {name}" in text or f"{{list:{name}}}" in text
            other = f"list: {folder.name}/{name}" in text or f"{{list:{folder.name}/{name}}}" in text
            assert own or other, f"{folder.name}/lists/{name}.yaml is used by no rule"
