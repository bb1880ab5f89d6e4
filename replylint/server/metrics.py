"""Prometheus metrics of the service (prometheus_client, one registry per app)."""
from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram, ProcessCollector
from prometheus_client.core import GaugeMetricFamily

LATENCY_BUCKETS = (0.005, 0.01, 0.02, 0.035, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10, 30)


class _PoolCollector:
    """Checker processes: how many are ready, and the resident memory of each."""

    def __init__(self, pool_getter):
        self._pool = pool_getter

    def collect(self):
        pool = self._pool()
        ready = GaugeMetricFamily("replylint_checkers_ready", "Checker processes warm and serving")
        mem = GaugeMetricFamily("replylint_checker_resident_memory_bytes",
                                "Resident memory of each checker process", labels=["checker"])
        restarts = GaugeMetricFamily("replylint_checker_restarts", "Checker processes replaced "
                                     "(after a time-out or a crash) since start")
        if pool is not None:
            ready.add_metric([], pool.ready())
            restarts.add_metric([], pool.restarts)
            for index, rss in sorted(pool.memory().items()):
                mem.add_metric([str(index)], rss)
        yield ready
        yield mem
        yield restarts


class Metrics:
    def __init__(self, pool_getter):
        self.registry = CollectorRegistry()
        ProcessCollector(registry=self.registry)     # the HTTP process's own memory and CPU
        self.registry.register(_PoolCollector(pool_getter))
        self.requests = Counter("replylint_http_requests", "HTTP requests by route and status",
                                ["route", "method", "status"], registry=self.registry)
        self.latency = Histogram("replylint_http_request_duration_seconds",
                                 "Time from request to response, by route", ["route"],
                                 buckets=LATENCY_BUCKETS, registry=self.registry)
        self.checks = Histogram("replylint_check_duration_seconds",
                                "Time a checker process took, by job (check, annotate, "
                                "languagetool)", ["job"], buckets=LATENCY_BUCKETS,
                                registry=self.registry)
        self.timeouts = Counter("replylint_check_timeouts", "Checks stopped at the time limit",
                                registry=self.registry)

    def observe(self, route: str, method: str, status: int, seconds: float) -> None:
        self.requests.labels(route, method, str(status)).inc()
        self.latency.labels(route).observe(seconds)
