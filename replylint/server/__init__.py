"""`replylint serve`: a warm HTTP service (Starlette on uvicorn).

    main.py          the command: options, loopback/token checks, uvicorn
    app.py           routes, limits, authentication, access log
    pool.py          warm checker processes; time limit by killing and replacing one
    worker.py        the checker process: one `replylint.api.Linter`, jobs over a pipe
    languagetool.py  LanguageTool's /v2 protocol (annotated text, UTF-16 offsets, its JSON shape)
    metrics.py       Prometheus metrics
    web/             the page for clerks (HTML, JS, CSS and a font: no network needed)
"""
