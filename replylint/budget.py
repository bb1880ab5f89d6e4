"""The time budget of one document: a check that runs away becomes a one-line error, never a
hang.

``with time_budget(seconds):`` arms a timer.  In the main thread (the CLI, every ``--jobs``
worker) a SIGALRM interrupts whatever Python code is running when the time is up; elsewhere
(a server thread) the linter loop asks ``check()`` between rules.  Either way
``BudgetExceeded`` is raised: a ``BaseException``, so that no ``except Exception`` on the way
(a reader's, a rule's) turns it into a partial result.
"""
from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager

DEFAULT_TIME_LIMIT = 60.0     # seconds per document


class BudgetExceeded(BaseException):
    def __init__(self, seconds: float):
        super().__init__(seconds)
        self.seconds = seconds

    def __str__(self) -> str:
        return (f"check stopped after {self.seconds:g} s (time_limit): the document is too slow "
                "to check; split it or raise time_limit")


_state = threading.local()


def check() -> None:
    """Raise BudgetExceeded when the current document's time is up."""
    deadline = getattr(_state, "deadline", None)
    if deadline is not None and time.monotonic() > deadline[0]:
        raise BudgetExceeded(deadline[1])


@contextmanager
def time_budget(seconds: float | None):
    if not seconds or seconds <= 0:
        yield
        return
    outer = getattr(_state, "deadline", None)
    _state.deadline = (time.monotonic() + seconds, seconds)
    use_alarm = (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
                 and outer is None)
    previous = None
    if use_alarm:
        def on_alarm(signum, frame):
            raise BudgetExceeded(seconds)
        try:
            previous = signal.signal(signal.SIGALRM, on_alarm)
            signal.setitimer(signal.ITIMER_REAL, seconds)
        except (ValueError, OSError):    # not allowed here: cooperative checks only
            use_alarm = False
    try:
        yield
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous or signal.SIG_DFL)
        _state.deadline = outer
