"""Deployment: the wheel carries the page's assets, and the Dockerfile runs what CI proves (no
container engine runs here, so its steps are checked against the README and run directly)."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile

from serving import REPO, Server

DOCKERFILE = (REPO / "Dockerfile").read_text(encoding="utf-8")


def _instruction(name: str) -> list[str]:
    joined = re.sub(r"\\\n\s*", " ", DOCKERFILE)
    return [line.split(None, 1)[1] for line in joined.splitlines()
            if line.split(None, 1)[:1] == [name]]


def test_the_wheel_ships_the_page_the_font_and_the_rules(tmp_path):
    out = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                          str(tmp_path), str(REPO)], capture_output=True, timeout=600)
    assert out.returncode == 0, out.stderr.decode()[-2000:]
    [wheel] = tmp_path.glob("replylint-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for asset in ("index.html", "app.js", "app.css", "i18n.js", "fonts/DejaVuSans-subset.woff2",
                  "fonts/DejaVuSans-Bold-subset.woff2", "fonts/LICENSE-DejaVu.txt"):
        assert f"replylint/server/web/{asset}" in names
    assert "replylint/rules/common/pack.yaml" in names


def test_dockerfile_is_slim_non_root_with_the_readme_install_and_a_healthcheck():
    [base] = _instruction("FROM")
    assert re.fullmatch(r"python:3\.\d+-slim", base)
    [user] = _instruction("USER")
    assert user not in ("root", "0")
    [run] = _instruction("RUN")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert run.startswith("pip install . ") and "pip install . && replylint check examples/" in readme
    entry = json.loads(_instruction("ENTRYPOINT")[0])
    assert entry[:2] == ["replylint", "serve"]
    assert _instruction("HEALTHCHECK")


def test_the_container_command_and_healthcheck_work(tmp_path):
    """The ENTRYPOINT + CMD as the container runs them (on loopback here, the test machine's
    network being no one else's), then the HEALTHCHECK command against it."""
    entry = json.loads(_instruction("ENTRYPOINT")[0]) + json.loads(_instruction("CMD")[0])
    args = entry[2:]
    args[args.index("--host") + 1] = "127.0.0.1"
    port_at = args.index("--port")
    del args[port_at:port_at + 2]              # Server picks a free port
    with Server(*args, cwd=tmp_path) as server:
        health = _instruction("HEALTHCHECK")[0]
        cmd = json.loads(health[health.index("CMD") + 3:].strip())
        cmd = [c.replace("127.0.0.1:8081", f"127.0.0.1:{server.port}") for c in cmd]
        assert cmd[0] == "python"
        probe = subprocess.run([sys.executable, *cmd[1:]], capture_output=True, timeout=30)
        assert probe.returncode == 0, probe.stderr
