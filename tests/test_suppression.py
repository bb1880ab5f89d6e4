from replylint.suppression import apply


def _span_text(text, span):
    return text[span[0]:span[1]]


def test_range_disable_enable_and_masking():
    text = ("one\n<!-- replylint-disable ru.third-person-address, common.emoji -->\n"
            "two\n<!-- replylint-enable -->\nthree\n")
    masked, sup = apply(text)
    assert len(masked) == len(text)
    assert "replylint" not in masked
    assert masked.count("\n") == text.count("\n")
    assert set(sup) == {"ru.third-person-address", "common.emoji"}
    (s, e), = sup["common.emoji"]
    assert s <= text.index("two") < e
    assert not (s <= text.index("three") < e)
    assert not (s <= text.index("one") < e)


def test_disable_without_ids_is_all_rules_and_unterminated_runs_to_end():
    text = "a\n<!-- replylint-disable -->\nb\nc"
    _, sup = apply(text)
    assert sup == {"*": [(2, len(text))]}


def test_enable_with_id_ends_only_that_id():
    text = "<!-- replylint-disable x.a,x.b -->A<!-- replylint-enable x.a -->B"
    _, sup = apply(text)
    assert sup["x.a"][0][1] <= text.index("B")
    assert sup["x.b"] == [(0, len(text))]


def test_disable_next_line_skips_blank_lines():
    text = "intro\n<!-- replylint-disable-next-line ru -->\n\n   \ntarget line\nafter\n"
    masked, sup = apply(text)
    (s, e), = sup["ru"]
    assert _span_text(text, (s, e)) == "target line"
    assert "replylint" not in masked


def test_disable_next_line_with_crlf():
    text = "<!-- replylint-disable-next-line common.emoji -->\r\nnext :)\r\nother\r\n"
    _, sup = apply(text)
    (s, e), = sup["common.emoji"]
    assert text[s:e].rstrip("\r") == "next :)"
    assert s <= text.index(":)") < e
    assert not (s <= text.index("other") < e)


def test_disable_line_is_the_same_line():
    text = "first\nsecond :) <!-- replylint-disable-line common.emoji -->\nthird :)\n"
    _, sup = apply(text)
    (s, e), = sup["common.emoji"]
    assert s <= text.index(":)") < e
    assert not (s <= text.rindex(":)") < e)


def test_template_comment_directives():
    text = "{# replylint-disable common.placeholder #}\nx\n{#- replylint-enable -#}\ny"
    masked, sup = apply(text)
    assert masked.strip().split() == ["x", "y"]
    assert len(masked) == len(text)
    assert "common.placeholder" in sup


def test_near_misses_are_left_alone():
    text = "<!-- a comment -->\n<!-- replylintdisable x -->\nreplylint-disable x\n"
    masked, sup = apply(text)
    assert masked == text and sup == {}


def test_multiline_directive_keeps_lines():
    text = "<!--\n  replylint-disable\n  ru.a\n-->\nbody"
    masked, sup = apply(text)
    assert masked.count("\n") == 4
    assert "ru.a" in sup and masked.endswith("body")
