"""A pool of warm checker processes (`worker.py`) behind the HTTP process.

Each checker loads the rule packs and both NLP pipelines once, before the server accepts its
first request. A request takes an idle checker, sends it the job over a pipe and waits, in a
thread, at most `timeout` seconds. A checker that overruns is killed (SIGKILL: a runaway regex or
loop cannot be interrupted any other way) and a fresh one is started in the background, so a
slow document costs its own request (504) and never leaves a hung worker; one that dies is
replaced the same way. Processes are spawned, not forked: the HTTP process runs threads.
"""
from __future__ import annotations

import asyncio
import multiprocessing
import time

import anyio

from . import worker


class CheckTimeout(Exception):
    """The check ran past the per-request time limit; its checker was killed."""


class CheckerDied(Exception):
    """The checker process ended while checking (a crash, or killed from outside)."""


class StartupError(Exception):
    """A checker could not start (e.g. a broken configuration); the message says why."""


class Checker:
    """One checker process and the HTTP process's end of its pipe."""

    def __init__(self, ctx, config_path: str | None, index: int):
        self.index = index
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=worker.main, args=(child, config_path),
                                name=f"replylint-checker-{index}", daemon=True)
        self.proc.start()
        child.close()
        self.pid = self.proc.pid
        self.healthy = False
        self.busy = False
        self.started = time.monotonic()
        self.ready_after: float | None = None

    def wait_ready(self, timeout: float) -> None:
        if not self.conn.poll(timeout):
            self.kill()
            raise StartupError(f"checker {self.index} did not start within {timeout:.0f} s")
        try:
            status, value = self.conn.recv()
        except (EOFError, OSError):
            self.kill()
            raise StartupError(f"checker {self.index} exited while starting") from None
        if status != "ready":
            self.kill()
            raise StartupError(value)
        self.healthy = True
        self.ready_after = time.monotonic() - self.started

    def call(self, job, timeout: float):
        """Send one job and wait for its answer (runs in a worker thread)."""
        self.busy = True
        try:
            self.conn.send(job)
            if not self.conn.poll(timeout):
                self.healthy = False
                raise CheckTimeout(f"the check took longer than the limit of {timeout:g} s")
            answer = self.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self.healthy = False
            raise CheckerDied("the checker process ended during the check") from None
        self.busy = False
        return answer

    def kill(self) -> None:
        self.healthy = False
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()

    def stop(self) -> None:
        """Ask an idle checker to exit; kill it if it does not."""
        try:
            self.conn.send(None)
        except (OSError, BrokenPipeError):
            pass
        self.proc.join(3)
        self.kill()

    def rss_bytes(self) -> int | None:
        return _rss(self.pid)


def _rss(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


class CheckerPool:
    def __init__(self, size: int, config_path: str | None, timeout: float,
                 start_timeout: float = 180.0):
        self.size = size
        self.config_path = config_path
        self.timeout = timeout
        self.start_timeout = start_timeout
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: asyncio.Queue | None = None
        self.checkers: list[Checker] = []
        self.restarts = 0
        self.timeouts = 0
        self.warm_seconds: float | None = None
        self._tasks: set = set()
        self._closing = False

    # ---- life cycle ---------------------------------------------------------------------

    async def start(self) -> None:
        """Start every checker and wait until all are warm (raises StartupError)."""
        self._idle = asyncio.Queue()
        t0 = time.monotonic()
        self.checkers = [Checker(self._ctx, self.config_path, i) for i in range(self.size)]
        try:
            async with anyio.create_task_group() as tg:
                for c in self.checkers:
                    tg.start_soon(anyio.to_thread.run_sync, c.wait_ready, self.start_timeout)
        except BaseException:
            for c in self.checkers:
                c.kill()
            raise
        for c in self.checkers:
            self._idle.put_nowait(c)
        self.warm_seconds = time.monotonic() - t0

    async def close(self) -> None:
        self._closing = True
        for t in list(self._tasks):
            t.cancel()
        for c in self.checkers:
            await anyio.to_thread.run_sync(c.stop if not c.busy else c.kill)

    def ready(self) -> int:
        return sum(1 for c in self.checkers if c.healthy)

    # ---- running jobs -------------------------------------------------------------------

    async def run(self, job):
        """(status, value) from a checker; raises CheckTimeout or CheckerDied."""
        checker = await self._idle.get()
        try:
            return await anyio.to_thread.run_sync(checker.call, job, self.timeout)
        except CheckTimeout:
            self.timeouts += 1
            raise
        finally:
            # A request cancelled after its answer came back leaves the checker idle and sound;
            # one that overran or died (or was abandoned mid-call) is replaced.
            if checker.healthy and not checker.busy:
                self._idle.put_nowait(checker)
            else:
                self._replace(checker)

    def _replace(self, old: Checker) -> None:
        old.kill()
        if self._closing:
            return
        self.restarts += 1
        fresh = Checker(self._ctx, self.config_path, old.index)
        self.checkers[self.checkers.index(old)] = fresh

        async def warm():
            try:
                await anyio.to_thread.run_sync(fresh.wait_ready, self.start_timeout)
            except StartupError:
                if not self._closing:   # try again rather than shrink the pool for good
                    await asyncio.sleep(1)
                    self._replace(fresh)
                return
            self._idle.put_nowait(fresh)

        task = asyncio.get_running_loop().create_task(warm())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def memory(self) -> dict[int, int]:
        """Resident memory of each checker process, by checker index."""
        return {c.index: m for c in self.checkers if (m := c.rss_bytes()) is not None}
