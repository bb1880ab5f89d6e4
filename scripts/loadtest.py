#!/usr/bin/env python3
"""Load test of `replylint serve`: two-page letters, a fixed number of requests, httpx clients.

For each `--workers` value it starts `replylint serve --workers W` on a free loopback port and
measures:

1. start-up: from launching the process to the first 200 of /healthz (the packs and both NLP
   pipelines load before the port opens), then the latency of the first request of each language;
2. throughput and latency: for each language and each concurrency of `--concurrency` (default 1,
   4, 16), `--requests` POST /v1/check of two-page letters (JSON text), with that many requests
   in flight: requests/s, p50 and p99 latency (after a few unmeasured requests);
3. CPU: the user + system time the checker processes (and the HTTP process) spent per request:
   what one core pays for one check, whatever else runs on the machine;
4. memory: the resident memory of each checker process and of the HTTP process (from /metrics).

The Markdown table goes to stdout (and every number to `--json`); the load average of the machine
before and after each run is printed with it, since other processes share the cores.

    python scripts/loadtest.py                          # workers 1 and 2, 200 requests per cell
    python scripts/loadtest.py --requests 50 --workers-list 1
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
import benchmark  # noqa: E402 - the letter generator of scripts/benchmark.py


def letters(lang: str, n: int, seed: int) -> list[str]:
    rng = random.Random(f"{seed}-{lang}")
    pool = benchmark.paragraph_pool(lang)
    return [benchmark.build_letter(lang, rng, pool) for _ in range(n)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(workers: int, replylint: list[str]) -> tuple[subprocess.Popen, str, float]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    t0 = time.perf_counter()
    proc = subprocess.Popen([*replylint, "serve", "--port", str(port), "--workers", str(workers),
                             "--log-level", "warning", "--timeout", "60"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    while True:
        if proc.poll() is not None:
            raise SystemExit(f"replylint serve exited {proc.returncode}: "
                             f"{proc.stderr.read().decode()[-500:]}")
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                return proc, url, time.perf_counter() - t0
        except httpx.HTTPError:
            pass
        if time.perf_counter() - t0 > 300:
            proc.kill()
            raise SystemExit("replylint serve did not become healthy in 300 s")
        time.sleep(0.05)


async def one(client: httpx.AsyncClient, url: str, text: str) -> float:
    t0 = time.perf_counter()
    r = await client.post(url + "/v1/check", json={"text": text, "filename": "letter.txt"})
    elapsed = time.perf_counter() - t0
    if r.status_code != 200:
        raise RuntimeError(f"{r.status_code}: {r.text[:200]}")
    return elapsed


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes so far (Linux /proc)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])      # utime, stime
        except (OSError, IndexError, ValueError):
            pass
    return total / os.sysconf("SC_CLK_TCK")


async def run_cell(url: str, texts: list[str], requests: int, concurrency: int,
                   pids: list[int], http_pid: int) -> dict:
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(timeout=120, limits=limits) as client:
        for t in texts[:max(2, concurrency)]:                 # warm the connections, unmeasured
            await one(client, url, t)
        queue = list(range(requests))
        latencies: list[float] = []

        async def worker():
            while queue:
                i = queue.pop()
                latencies.append(await one(client, url, texts[i % len(texts)]))
        t0, cpu0, http0 = time.perf_counter(), cpu_seconds(pids), cpu_seconds([http_pid])
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        wall, cpu = time.perf_counter() - t0, cpu_seconds(pids) - cpu0
        http_cpu = cpu_seconds([http_pid]) - http0
    q = statistics.quantiles(latencies, n=100, method="inclusive")
    return {"requests": requests, "concurrency": concurrency, "seconds": round(wall, 3),
            "rps": round(requests / wall, 2), "p50_ms": round(q[49] * 1000, 1),
            "p99_ms": round(q[98] * 1000, 1),
            "checker_cpu_ms": round(cpu / requests * 1000, 1),
            "http_cpu_ms": round(http_cpu / requests * 1000, 1)}


def memory(url: str) -> dict:
    text = httpx.get(url + "/metrics", timeout=10).text
    checkers = [float(m.group(1)) for m in
                re.finditer(r'^replylint_checker_resident_memory_bytes\{checker="\d+"\} (\S+)$', text, re.M)]
    http = re.search(r"^process_resident_memory_bytes (\S+)$", text, re.M)
    return {"checker_mb": [round(c / 2**20) for c in checkers],
            "http_process_mb": round(float(http.group(1)) / 2**20) if http else None}


def run(args) -> dict:
    corpus = {lang: letters(lang, args.letters, args.seed) for lang in ("ru", "vi")}
    out = {"cpu": benchmark._cpu_model(), "cores": os.cpu_count(), "runs": [],
           "letter_words": {lang: round(statistics.mean(len(t.split()) for t in ts))
                            for lang, ts in corpus.items()}}
    for workers in args.workers_list:
        load_before = os.getloadavg()[0]
        proc, url, startup = start_server(workers, args.replylint)
        try:
            first = {}
            with httpx.Client(timeout=120) as client:
                for lang in ("ru", "vi"):
                    t0 = time.perf_counter()
                    r = client.post(url + "/v1/check", json={"text": corpus[lang][0]})
                    first[lang] = round((time.perf_counter() - t0) * 1000, 1)
                    r.raise_for_status()
            cells = []
            pids = httpx.get(url + "/healthz").json()["pids"]
            for lang in ("ru", "vi"):
                for c in args.concurrency:
                    cell = asyncio.run(run_cell(url, corpus[lang], args.requests, c, pids, proc.pid))
                    cell["lang"] = lang
                    cells.append(cell)
                    print(f"workers {workers} {lang} c={c}: {cell['rps']} req/s, "
                          f"p50 {cell['p50_ms']} ms, p99 {cell['p99_ms']} ms, "
                          f"{cell['checker_cpu_ms']} ms CPU/request", file=sys.stderr)
            mem = memory(url)
        finally:
            proc.terminate()
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
        out["runs"].append({"workers": workers, "startup_s": round(startup, 2),
                            "first_request_ms": first, "cells": cells, "memory": mem,
                            "load_before": round(load_before, 2),
                            "load_after": round(os.getloadavg()[0], 2)})
    return out


def markdown(res: dict) -> str:
    lines = [f"CPU: {res['cpu']}, {res['cores']} cores; letters: about "
             f"{res['letter_words']['ru']} words (ru), {res['letter_words']['vi']} syllables (vi).", "",
             "| workers | lang | concurrency | requests | req/s | p50 ms | p99 ms | "
             "CPU ms per request: checkers / HTTP process |",
             "|---|---|---|---|---|---|---|---|"]
    for run in res["runs"]:
        for c in run["cells"]:
            lines.append(f"| {run['workers']} | {c['lang']} | {c['concurrency']} | {c['requests']} | "
                         f"{c['rps']:.1f} | {c['p50_ms']:.1f} | {c['p99_ms']:.1f} | "
                         f"{c['checker_cpu_ms']:.1f} / {c['http_cpu_ms']:.1f} |")
    lines += ["", "| workers | start-up to healthy | first request ru / vi | memory per checker | "
              "HTTP process | load average before / after |", "|---|---|---|---|---|---|"]
    for run in res["runs"]:
        m = run["memory"]
        lines.append(f"| {run['workers']} | {run['startup_s']:.1f} s | "
                     f"{run['first_request_ms']['ru']:.0f} / {run['first_request_ms']['vi']:.0f} ms | "
                     f"{', '.join(f'{x} MB' for x in m['checker_mb'])} | {m['http_process_mb']} MB | "
                     f"{run['load_before']} / {run['load_after']} |")
    by = {r["workers"]: {(c["lang"], c["concurrency"]): c["rps"] for c in r["cells"]} for r in res["runs"]}
    if 1 in by and 2 in by:
        lines += ["", "Throughput of 2 workers over 1: " + ", ".join(
            f"{lang} c={c}: {by[2][(lang, c)] / by[1][(lang, c)]:.2f}×"
            for (lang, c) in by[1] if c > 1 and (lang, c) in by[2])]
    return "\n".join(lines) + "\n"


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--workers-list", type=lambda s: [int(x) for x in s.split(",")], default=[1, 2])
    p.add_argument("--concurrency", type=lambda s: [int(x) for x in s.split(",")], default=[1, 4, 16])
    p.add_argument("--requests", type=int, default=200, help="requests per language and concurrency")
    p.add_argument("--letters", type=int, default=40, help="distinct letters per language")
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("--replylint", type=lambda s: s.split(),
                   default=[sys.executable, "-m", "replylint"], help="how to run replylint")
    p.add_argument("--json", help="also write every number to this file")
    return p.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    res = run(args)
    table = markdown(res)
    sys.stdout.write(table)
    if args.json:
        Path(args.json).write_text(json.dumps({**res, "table": table}, ensure_ascii=False, indent=2),
                                   encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
