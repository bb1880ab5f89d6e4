"""`replylint serve`: check the options, build the app, run it on uvicorn."""
from __future__ import annotations

import ipaddress
import logging
import socket
import sys

from .app import ServeSettings, create_app


class UsageError(Exception):
    """A one-line cause; the command exits 2."""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        try:   # a host name: every address it resolves to must be loopback
            infos = socket.getaddrinfo(host, None)
        except OSError:
            return False
        return bool(infos) and all(ipaddress.ip_address(i[4][0]).is_loopback for i in infos)


def read_token(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as f:
            token = f.read().strip()
    except OSError as e:
        raise UsageError(f"{path}: cannot read the token file: {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: the token file is not UTF-8 text") from None
    if not token or any(c.isspace() for c in token):
        raise UsageError(f"{path}: the token file must hold one token (no spaces)")
    return token


def parse_size(text: str) -> int:
    from ..config import ConfigError, _size
    try:
        return _size(text, "--max-body")
    except ConfigError as e:
        raise UsageError(str(e).replace("max_file_size", "--max-body")) from None


def build(host: str, workers: int, config: str | None, token_file: str | None,
          allow_remote: bool, timeout: float, max_body: str):
    """(app, settings) or UsageError; also loads the configuration and rules once to fail early."""
    from ..config import ConfigError
    from ..packs import PackError
    if not is_loopback(host) and not allow_remote:
        raise UsageError(f"--host {host} is not a loopback address: add --allow-remote to serve "
                         "other machines (and protect it with --token-file)")
    if workers < 1:
        raise UsageError("--workers must be at least 1")
    if timeout <= 0:
        raise UsageError("--timeout must be a positive number of seconds")
    settings = ServeSettings(config=config, workers=workers, timeout=timeout,
                             max_body=parse_size(max_body),
                             token=read_token(token_file) if token_file else None)
    try:
        app = create_app(settings)
    except (ConfigError, PackError) as e:
        raise UsageError(str(e)) from None
    return app, settings


def serve(host: str = "127.0.0.1", port: int = 8081, workers: int = 1, config: str | None = None,
          token_file: str | None = None, allow_remote: bool = False, timeout: float = 10.0,
          max_body: str = "20MB", log_level: str = "info") -> int:
    import uvicorn
    try:
        app, settings = build(host, workers, config, token_file, allow_remote, timeout, max_body)
    except UsageError as e:
        print(f"replylint: {e}", file=sys.stderr)
        return 2
    logging.basicConfig(level=getattr(logging, log_level.upper(), logging.INFO),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    if not is_loopback(host) and settings.token is None:
        logging.getLogger("replylint.server").warning(
            "serving %s without --token-file: anyone who can reach the port can use it", host)
    server = uvicorn.Server(uvicorn.Config(
        app, host=host, port=port, log_level=log_level, access_log=False, lifespan="on",
        timeout_graceful_shutdown=10, server_header=False))
    server.run()
    return 0 if server.started else 1
