"""replylint's own rules, about its suppression comments (as ruff's RUF100): they are found by
the engine from the directives, not by a check over the letter, but are selected, ignored,
listed, explained and reported like every other rule."""
from __future__ import annotations

from .packs import Rule

META_PACK = "replylint"

_SOURCE = {"document": "replylint README", "clause": "Inline suppression",
           "quote": "Inline suppression in any text format: <!-- replylint-disable ID[,ID] --> … "
                    "<!-- replylint-enable -->, <!-- replylint-disable-next-line ID -->. "
                    "An id may be a pack name."}

UNKNOWN_DIRECTIVE = Rule(
    id="replylint.unknown-directive", pack=META_PACK, lang=None, severity="warning",
    message={"en": "Suppression comment names an unknown rule '{match}': it suppresses nothing.",
             "ru": "Комментарий-исключение называет неизвестное правило «{match}»: он ничего "
                   "не отключает.",
             "vi": "Chú thích tắt kiểm tra nêu quy tắc không tồn tại «{match}»: không có tác "
                   "dụng."},
    source=_SOURCE, check="directive", params={}, zones=["all"],
    description="A replylint-disable comment naming a rule id or pack that does not exist.",
    why="A misspelt id silently suppresses nothing, and the finding it was meant to silence "
        "is still reported, or the comment hides a typo for years.",
    fix="Correct the id (see `replylint rules`) or delete the comment.",
    examples={"bad": ["<!-- replylint-disable-next-line ru.vy_capital -->\nвы"],
              "good": ["<!-- replylint-disable-next-line ru.vy-capital -->\nвы"]})

UNUSED_DIRECTIVE = Rule(
    id="replylint.unused-directive", pack=META_PACK, lang=None, severity="warning",
    message={"en": "Suppression comment for '{match}' suppressed nothing: delete it.",
             "ru": "Комментарий-исключение для «{match}» ничего не отключил: удалите его.",
             "vi": "Chú thích tắt kiểm tra «{match}» không tắt phát hiện nào: hãy xóa."},
    source=_SOURCE, check="directive", params={}, zones=["all"],
    description="A replylint-disable comment under which the named rules found nothing "
                "(reported with --report-unused-directives).",
    why="A stale suppression hides the next real finding in the same place.",
    fix="Delete the comment, or narrow it to the rule that still fires.",
    examples={"bad": ["<!-- replylint-disable-next-line common.emoji -->\nОтвет дан."],
              "good": ["<!-- replylint-disable-next-line common.emoji -->\nОтвет дан 🙂"]})

META_RULES = (UNKNOWN_DIRECTIVE, UNUSED_DIRECTIVE)
