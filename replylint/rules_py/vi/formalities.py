"""What the formal checks of a công văn (Nghị định 30/2020/NĐ-CP, Phụ lục I) share: the
document kind they apply to, named in every finding."""
from __future__ import annotations


def _checked_kind(ctx, kinds) -> str | None:
    """The document's kind when the formal checks apply to it: a kind in `kinds`, and not a
    letter mostly in a legacy encoding (only vi.legacy-encoding speaks about that one)."""
    if ctx.unreadable:
        return None
    k = ctx.vi_kind
    return k if k in kinds else None
