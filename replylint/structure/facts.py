"""The facts of one letter that rules need, each found once per document on first use.

`Context` exposes them (`ctx.addressee`, `ctx.salutation`, `ctx.signer`, `ctx.contact_phones`,
`ctx.reply_end`, `ctx.quotes`, `ctx.vi_kind`, `ctx.legacy_passages`, `ctx.unreadable`);
rules read them and never parse the letter for them again. Each fact is computed lazily: a
run that selects no rule asking for the signer never looks for it."""
from __future__ import annotations

from functools import cached_property

from ..document import Document
from ..language import legacy_passages
from ..matching import quoted_spans
from . import addressee_ru, signer, vi_kind


class Facts:
    def __init__(self, doc: Document):
        self.doc = doc

    @cached_property
    def quotes(self) -> list[tuple[int, int]]:
        """Quotations «…», “…”, „…“, "…" (one level of nesting), sorted."""
        return sorted(set(quoted_spans(self.doc.text)))

    @cached_property
    def addressee(self) -> addressee_ru.Addressee:
        """Who a Russian letter speaks to, with its salutation."""
        return addressee_ru.parse(self.doc, self.quotes)

    @property
    def salutation(self) -> addressee_ru.Salutation | None:
        return self.addressee.salutation

    @cached_property
    def reply_end(self) -> int:
        """End of the reply proper: an e-mail's quoted history and mail-system footer cut off."""
        return signer.reply_end(self.doc)

    @cached_property
    def tail_lines(self) -> list[tuple[int, int, str]]:
        """The lines after the last paragraph of prose: closing, signature, executor …"""
        return signer.tail_lines(self.doc, self.reply_end)

    @cached_property
    def signer(self) -> signer.Signer | None:
        """The line naming the person who signs (not the executor), or None."""
        return signer.find_signer(self.doc, self.tail_lines)

    @cached_property
    def contact_phones(self) -> list[tuple[int, int]]:
        """Phones of the signer or the executor (the letterhead's and the addressee's excluded)."""
        return signer.contact_phones(self.doc, self.reply_end, self.tail_lines)

    @cached_property
    def vi_kind(self) -> str:
        """congvan | vanban | reply | email (structure/vi_kind.py)."""
        return vi_kind.detect(self.doc)

    @cached_property
    def document_kind(self) -> str:
        """What the document is, for rules that apply to some kinds only (YAML
        `document_kinds`): email; a Vietnamese congvan, vanban or reply (structure/vi_kind.py),
        or `unreadable` when most of it is in a legacy encoding and its kind cannot be read;
        a Russian `letter`; `other` (a letter in no language of the packs)."""
        doc = self.doc
        if doc.kind == "email":
            return "email"
        if doc.lang == "vi":
            return "unreadable" if self.unreadable else self.vi_kind
        return "letter" if doc.lang == "ru" else "other"

    @cached_property
    def legacy_passages(self) -> list[tuple[int, int, str]]:
        """(start, end, encoding) of TCVN3/VNI passages, line by line."""
        return legacy_passages(self.doc.text)

    @cached_property
    def legacy_share(self) -> float:
        """Share of the non-space characters inside legacy-encoded passages."""
        return vi_kind.legacy_share(self.doc, self.legacy_passages)

    @property
    def unreadable(self) -> bool:
        """Most of the letter is in a legacy encoding: its formalities cannot be read."""
        return self.legacy_share > vi_kind.LEGACY_SHARE
