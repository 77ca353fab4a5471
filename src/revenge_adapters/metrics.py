"""Prometheus metrics shared by adapters and the app. One registry per process."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

REGISTRY = CollectorRegistry(auto_describe=True)

HTTP_REQUESTS = Counter(
    "revenge_http_requests_total",
    "HTTP requests by method, route template and status.",
    ["method", "route", "status"],
    registry=REGISTRY,
)
HTTP_LATENCY = Histogram(
    "revenge_http_request_duration_seconds",
    "HTTP request latency by method and route template.",
    ["method", "route"],
    registry=REGISTRY,
)
DB_POOL = Gauge(
    "revenge_db_pool_connections",
    "Database pool connections by state (checked_out, idle, overflow).",
    ["state"],
    registry=REGISTRY,
)
CACHE_LOOKUPS = Counter(
    "revenge_cache_lookups_total",
    "Cache lookups by cache name, level (l1, l2) and result (hit, miss).",
    ["cache", "level", "result"],
    registry=REGISTRY,
)
CACHE_BYPASSED = Counter(
    "revenge_cache_bypassed_total",
    "Cache operations skipped because Redis was unavailable, by operation.",
    ["operation"],
    registry=REGISTRY,
)
JOBS = Counter(
    "revenge_jobs_total",
    "Jobs by kind, queue and outcome (enqueued, succeeded, retried, dead).",
    ["kind", "queue", "outcome"],
    registry=REGISTRY,
)
JOB_DURATION = Histogram(
    "revenge_job_duration_seconds",
    "Job run time by kind.",
    ["kind"],
    registry=REGISTRY,
)
SEARCH_LATENCY = Histogram(
    "revenge_search_duration_seconds",
    "Search backend call latency by collection and operation.",
    ["collection", "operation"],
    registry=REGISTRY,
)
SEARCH_ERRORS = Counter(
    "revenge_search_errors_total",
    "Search backend failures by operation.",
    ["operation"],
    registry=REGISTRY,
)
EVENTS_DROPPED = Counter(
    "revenge_events_dropped_total",
    "Events lost by reason (publish_failed: Redis unavailable; slow_subscriber: queue full).",
    ["reason"],
    registry=REGISTRY,
)
SEARCH_FALLBACKS = Counter(
    "revenge_search_fallbacks_total",
    "Searches answered by the database because the search engine could not, by collection.",
    ["collection"],
    registry=REGISTRY,
)
