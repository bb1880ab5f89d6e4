"""The code of the built-in `check: python` rules, one module per rule, named after its id:
`ru.apology-missing` is `rules_py/ru/apology_missing.py`. A rule module defines

    OPTIONS   the options it reads, declared (name -> Option: type and default), checked when
              the pack loads and when a config sets them
    find(ctx, check)   yields the findings, made with `check.hit(ctx, start, end, ...)`

Modules that are not rules (shared helpers) say what they share: `ru/clauses.py`,
`ru/legal_refs.py`, `common/layout_limits.py`, `vi/formalities.py`. The facts of a letter
(addressee, salutation, signer, contact phones, quoted history, Vietnamese document kind) are
read once by `replylint.structure` and reached through the `Context` (`ctx.addressee` …)."""
