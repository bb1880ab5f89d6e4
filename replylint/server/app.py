"""The Starlette application of `replylint serve`.

Routes (JSON unless said otherwise):
    GET  /                  the page for clerks (static, from web/)
    GET  /healthz           {"status", "checkers", "ready", "version"}; 503 until a checker is warm
    GET  /metrics           Prometheus text format
    GET  /v1/rules          every rule (id, severity, fixable, source, description, scope …)
    GET  /v1/rules/{id}     the explain page of one rule
    POST /v1/check          a document (multipart `file`, or JSON {"text", …}) → the SPEC 2 report
    POST /v1/annotate       as /v1/check → {"report", "text"}: the page also needs the text it shows
    POST /v2/check          LanguageTool's check (languagetool.py)
    GET  /v2/languages      LanguageTool's language list;  GET /v2/info
Limits: a body over `max_body` bytes is 413 before it is read; a check over `timeout` seconds is
504 and its checker is replaced (pool.py). Uploaded documents stay in memory and are never
written anywhere; the access log has method, path, status and time, never a query string or a
body.
"""
from __future__ import annotations

import contextlib
import hmac
import json
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartParser
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from . import languagetool
from .metrics import Metrics
from .pool import CheckerDied, CheckerPool, CheckTimeout

log = logging.getLogger("replylint.server")
WEB = Path(__file__).resolve().parent / "web"
PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; font-src 'self'; "
            "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
            "frame-ancestors 'none'")


@dataclass
class ServeSettings:
    config: str | None = None         # configuration file, loaded once by every checker
    workers: int = 1                  # checker processes
    timeout: float = 10.0             # seconds one check may take
    max_body: int = 20 * 1024 * 1024  # bytes of a request body
    token: str | None = None          # bearer token required by the API (None: no token)


class HTTPError(Exception):
    def __init__(self, status: int, message: str, plain: bool = False):
        super().__init__(message)
        self.status, self.message, self.plain = status, message, plain

    def response(self) -> Response:
        if self.plain:   # LanguageTool's clients expect its plain-text errors
            return PlainTextResponse(f"Error: {self.message}", status_code=self.status)
        headers = {"WWW-Authenticate": "Bearer"} if self.status == 401 else None
        return JSONResponse({"error": self.message}, status_code=self.status, headers=headers)


class BodyTooLarge(Exception):
    pass


# ---- ASGI middleware: body limit, access log and metrics ---------------------------------

_ROUTES = ("/healthz", "/metrics", "/v1/rules", "/v1/check", "/v1/annotate", "/v2/check",
           "/v2/languages", "/v2/info", "/")


def route_label(path: str) -> str:
    if path in _ROUTES:
        return path
    if path.startswith("/v1/rules/"):
        return "/v1/rules/{id}"
    if path.startswith("/static/"):
        return "/static"
    return "other"


class Guard:
    """Refuses bodies over the limit (413: by Content-Length before reading, or while reading),
    logs each request without its content, and counts it for /metrics."""

    def __init__(self, app, settings: ServeSettings, metrics: Metrics):
        self.app, self.settings, self.metrics = app, settings, metrics

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        t0 = time.perf_counter()
        status = {"code": 500}
        limit = self.settings.max_body

        async def send_wrapper(message):
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            length = dict(scope.get("headers") or []).get(b"content-length")
            if length is not None and length.isdigit() and int(length) > limit:
                await _too_large(limit)(scope, receive, send_wrapper)
                return
            seen = {"n": 0}

            async def receive_limited():
                message = await receive()
                if message["type"] == "http.request":
                    seen["n"] += len(message.get("body", b""))
                    if seen["n"] > limit:
                        raise BodyTooLarge()
                return message

            await self.app(scope, receive_limited, send_wrapper)
        finally:
            seconds = time.perf_counter() - t0
            route = route_label(scope.get("path", ""))
            self.metrics.observe(route, scope.get("method", ""), status["code"], seconds)
            log.info("%s %s %d %.1f ms", scope.get("method", ""), scope.get("path", ""),
                     status["code"], seconds * 1000)


def _too_large(limit: int) -> Response:
    return JSONResponse({"error": f"request body too large: over the limit of {_size(limit)}"},
                        status_code=413, headers={"Connection": "close"})


def _size(n: int) -> str:
    from ..readers import human_size
    return human_size(n)


# ---- the application ----------------------------------------------------------------------

class Service:
    """The endpoints of one application: the checker pool (started by the lifespan, before the
    socket accepts anything), the metrics and the rule pages."""

    def __init__(self, settings: ServeSettings):
        from ..api import Linter
        self.settings = settings
        self.pool: CheckerPool | None = None
        self.metrics = Metrics(lambda: self.pool)
        self.rules_linter = Linter(settings.config)      # rule listing and explain pages (no NLP here)

    @contextlib.asynccontextmanager
    async def lifespan(self, app):
        pool = CheckerPool(self.settings.workers, self.settings.config, self.settings.timeout)
        await pool.start()                       # warm before the socket accepts anything
        self.pool = pool
        log.info("replylint serve: %d checker(s) warm in %.1f s", self.settings.workers,
                 pool.warm_seconds or 0)
        try:
            yield
        finally:
            self.pool = None
            await pool.close()

    def authorize(self, request: Request, params: dict | None = None) -> None:
        token = self.settings.token
        if token is None:
            return
        header = request.headers.get("authorization", "")
        given = header[7:].strip() if header.lower().startswith("bearer ") else None
        if given is None and params is not None:   # LanguageTool clients send an API key field
            given = params.get("apiKey") or params.get("token")
        if not given or not hmac.compare_digest(str(given).encode(), token.encode()):
            raise HTTPError(401, "missing or wrong bearer token")

    async def run_job(self, kind: str, payload, plain: bool = False):
        pool = self.pool
        if pool is None:
            raise HTTPError(503, "the service is starting or stopping", plain)
        t0 = time.perf_counter()
        try:
            status, value = await pool.run((kind, payload))
        except CheckTimeout as e:
            self.metrics.timeouts.inc()
            raise HTTPError(504, f"{e}; the document was not checked", plain) from None
        except CheckerDied as e:
            raise HTTPError(500, str(e), plain) from None
        finally:
            self.metrics.checks.labels(kind).observe(time.perf_counter() - t0)
        if status == "bad":
            raise HTTPError(400, value, plain)
        if status != "ok":
            raise HTTPError(500, f"internal error: {value}", plain)
        return value

    # -- native API --

    async def healthz(self, request: Request):
        pool = self.pool
        ready = pool.ready() if pool else 0
        body = {"status": "ok" if ready else "starting", "checkers": self.settings.workers,
                "ready": ready, "version": languagetool._version()}
        if pool is not None:
            body["pids"] = [c.pid for c in pool.checkers]
        return JSONResponse(body, status_code=200 if ready else 503)

    async def metrics_endpoint(self, request: Request):
        self.authorize(request)
        from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
        return Response(generate_latest(self.metrics.registry), media_type=CONTENT_TYPE_LATEST)

    async def rules(self, request: Request):
        self.authorize(request)
        lang = request.query_params.get("lang")
        if lang not in (None, "", "auto", "ru", "vi"):
            raise HTTPError(400, "lang must be ru or vi")
        return JSONResponse(self.rules_linter.rules(lang or None))

    async def rule(self, request: Request):
        self.authorize(request)
        rule_id = request.path_params["rule_id"]
        page = self.rules_linter.explain(rule_id, request.query_params.get("lang") or None)
        if page is None:
            raise HTTPError(404, f"unknown rule {rule_id!r} (see /v1/rules)")
        return JSONResponse(page)

    async def check(self, request: Request):
        self.authorize(request)
        report = await self.run_job("check", await check_payload(request, self.settings))
        return _report_response(report)

    async def annotate(self, request: Request):
        self.authorize(request)
        out = await self.run_job("annotate", await check_payload(request, self.settings))
        status = 422 if out["report"]["files"][0]["error"] else 200
        return JSONResponse(out, status_code=status)

    # -- LanguageTool API --

    async def lt_check(self, request: Request):
        params = await lt_params(request)
        self.authorize(request, params)
        try:
            req = languagetool.parse_request(params)
        except languagetool.BadRequest as e:
            raise HTTPError(400, str(e), plain=True) from None
        return JSONResponse(await self.run_job("languagetool", req, plain=True))

    async def lt_languages(self, request: Request):
        return JSONResponse(languagetool.LANGUAGES)

    async def lt_info(self, request: Request):
        return JSONResponse({"software": {"name": "replylint", "version": languagetool._version(),
                                          "buildDate": "", "premium": False}})

    # -- the page and errors --

    async def page(self, request: Request):
        return FileResponse(WEB / "index.html", headers={"Content-Security-Policy": PAGE_CSP,
                                                          "Cache-Control": "no-cache"})

    async def on_http_error(self, request: Request, exc: HTTPError):
        return exc.response()

    async def on_too_large(self, request: Request, exc: BodyTooLarge):
        return _too_large(self.settings.max_body)


def create_app(settings: ServeSettings) -> Starlette:
    # Uploads stay in memory: Starlette spools a file part to a temporary file past this size.
    MultiPartParser.spool_max_size = max(MultiPartParser.spool_max_size, settings.max_body + 1)
    svc = Service(settings)
    routes = [
        Route("/", svc.page),
        Route("/healthz", svc.healthz),
        Route("/metrics", svc.metrics_endpoint),
        Route("/v1/rules", svc.rules),
        Route("/v1/rules/{rule_id:path}", svc.rule),
        Route("/v1/check", svc.check, methods=["POST"]),
        Route("/v1/annotate", svc.annotate, methods=["POST"]),
        Route("/v2/check", svc.lt_check, methods=["GET", "POST"]),
        Route("/v2/languages", svc.lt_languages),
        Route("/v2/info", svc.lt_info),
        Mount("/static", StaticFiles(directory=str(WEB)), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=svc.lifespan,
                    exception_handlers={HTTPError: svc.on_http_error, BodyTooLarge: svc.on_too_large})
    app.state.settings = settings
    return Guard(app, settings, svc.metrics)


def _report_response(report: dict) -> Response:
    f = report["files"][0]
    if f["error"]:
        return JSONResponse({"error": f"{f['path']}: {f['error']}", "report": report},
                            status_code=422)
    return JSONResponse(report)


# ---- request parsing ----------------------------------------------------------------------

_OPTION_KEYS = ("lang", "kind", "min_severity", "scope")


def _listify(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise HTTPError(400, "select and ignore take rule ids or pack names")
    return [p.strip() for v in value for p in v.split(",") if p.strip()]


def _clean_name(name: str | None) -> str:
    """The file name a client gave, without any folder: it only says the format."""
    base = os.path.basename(str(name or "").replace("\\", "/")).strip()
    return base or "-"


async def check_payload(request: Request, settings: ServeSettings) -> dict:
    """Linter.check keyword arguments from a JSON body or a multipart/urlencoded form."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/json":
        payload, getlist = await _json_payload(request)
    elif ctype in ("multipart/form-data", "application/x-www-form-urlencoded"):
        payload, getlist = await _form_payload(request, settings)
    else:
        raise HTTPError(415, 'send multipart/form-data (a field "file") or application/json '
                             '({"text": …})')
    for key in _OPTION_KEYS:
        value = getlist(key)
        if isinstance(value, list):
            value = value[0] if value else None
        if value not in (None, ""):
            if not isinstance(value, str):
                raise HTTPError(400, f"{key} must be a string")
            payload[key] = value
    payload["select"] = _listify(getlist("select"))
    payload["ignore"] = _listify(getlist("ignore"))
    return payload


async def _json_payload(request: Request):
    """The document and its options from `{"text", "filename"?, "appeal"?, …}`."""
    try:
        data = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError):
        raise HTTPError(400, "the body is not valid JSON") from None
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise HTTPError(400, 'a JSON body needs "text": the document as a string')
    unknown = set(data) - {"text", "filename", "select", "ignore", "appeal", *_OPTION_KEYS}
    if unknown:
        raise HTTPError(400, f"unknown key(s) {', '.join(sorted(unknown))}")
    payload = {"content": data["text"], "filename": _clean_name(data.get("filename"))}
    appeal = data.get("appeal")
    if appeal is not None and not isinstance(appeal, str):
        raise HTTPError(400, '"appeal" is the text of the appeal (a string)')
    if appeal is not None:
        payload["appeal"] = appeal
    return payload, data.get


async def _form_payload(request: Request, settings: ServeSettings):
    """The document from a file field `file` or a text field `text`, the appeal likewise."""
    try:
        form = await request.form(max_files=2, max_fields=64, max_part_size=settings.max_body)
    except BodyTooLarge:
        raise
    except Exception as e:
        raise HTTPError(400, f"cannot read the form: {e}") from None
    upload = form.get("file")
    if isinstance(upload, UploadFile):
        payload = {"content": await upload.read(),
                   "filename": _clean_name(form.get("filename") or upload.filename)}
    elif isinstance(form.get("text"), str):
        payload = {"content": form["text"], "filename": _clean_name(form.get("filename"))}
    else:
        raise HTTPError(400, "send the document as a file field 'file' or a text field 'text'")
    appeal = form.get("appeal")
    if isinstance(appeal, UploadFile):
        payload["appeal"] = await appeal.read()
        payload["appeal_filename"] = _clean_name(appeal.filename) if appeal.filename else "appeal.txt"
    elif isinstance(appeal, str) and appeal.strip():
        payload["appeal"] = appeal

    def getlist(k):
        return [v for v in form.getlist(k) if isinstance(v, str)] or None
    return payload, getlist


async def lt_params(request: Request) -> dict:
    """LanguageTool's parameters from the query string and a form or JSON body."""
    params = dict(request.query_params)
    if request.method == "POST":
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype == "application/json":
            try:
                data = json.loads(await request.body())
            except (ValueError, UnicodeDecodeError):
                raise HTTPError(400, "Could not parse the JSON body", plain=True) from None
            if not isinstance(data, dict):
                raise HTTPError(400, "the JSON body must be an object", plain=True)
            params.update(data)
        else:
            try:
                form = await request.form(max_files=0, max_fields=64,
                                          max_part_size=request.app.state.settings.max_body)
            except BodyTooLarge:
                raise
            except Exception as e:
                raise HTTPError(400, f"cannot read the form: {e}", plain=True) from None
            params.update({k: v for k, v in form.items() if isinstance(v, str)})
    return params
