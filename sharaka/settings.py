"""Every setting of Sharaka, declared once: CLI flags, the README table and /version read this list."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str

    @property
    def env_var(self) -> str:
        return "SHARAKA_" + self.name.upper()


def _default_data_dir() -> str:
    cache_home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return str(Path(cache_home) / "sharaka")


SETTINGS: tuple[Setting, ...] = (
    Setting("store", "memory",
            "Where the graph lives: 'memory' (embedded Oxigraph store, built or loaded at start) or the URL "
            "of a SPARQL 1.1 query endpoint, e.g. http://127.0.0.1:7878/query."),
    Setting("store_update_url", "",
            "Graph Store Protocol URL of a remote store, used by 'sharaka load'; derived from "
            "'store' when empty (…/query → …/store)."),
    Setting("data_dir", _default_data_dir(),
            "Directory holding the built graph (N-Quads) and its build manifest."),
    Setting("host", "127.0.0.1", "Interface 'sharaka serve' listens on."),
    Setting("port", 8000, "Port 'sharaka serve' listens on."),
    Setting("max_results", 10000,
            "Most rows an answer or a SPARQL result returns; longer results say truncated=true "
            "(X-Sharaka-Truncated: true at /sparql)."),
    Setting("max_question_length", 500, "Longest question accepted, in characters."),
    Setting("max_query_length", 20000, "Longest SPARQL query accepted at /sparql, in characters."),
    Setting("max_query_nesting", 20,
            "Deepest nesting of { ( [ in a SPARQL query, counted before it is parsed (HTTP 400 query_too_deep)."),
    Setting("max_request_bytes", 1 << 20,
            "Largest request body accepted, in bytes (HTTP 413 payload_too_large)."),
    Setting("query_timeout", 10.0,
            "Seconds a SPARQL query from /sparql may run before it is stopped (HTTP 503 query_timeout)."),
    Setting("sparql_workers", 2,
            "Worker processes (per service process) of the fast lane that runs /sparql queries first; "
            "a query is run in a process so that it can be killed."),
    Setting("query_fast_slice", 0.25,
            "CPU seconds a /sparql query may use in the fast lane; one that needs more is moved to the slow "
            "lane for the rest of query_timeout."),
    Setting("query_slow_workers", 1,
            "Worker processes (per service process, at lower CPU priority) of the slow lane; when they are "
            "busy, further long queries are refused with HTTP 503 query_busy."),
    Setting("query_slow_slots", 1,
            "Long /sparql queries running at once on this host, across every service process (lock files in "
            "data_dir); 0 = no host-wide cap, only query_slow_workers per process."),
    Setting("store_connect_timeout", 3.0, "Seconds to wait for a connection to a remote store."),
    Setting("store_timeout", 10.0, "Total seconds a query to a remote store may take."),
    Setting("store_retries", 2, "Extra attempts for a failed read from a remote store (with backoff)."),
    Setting("rate_limit", 300,
            "Requests per minute per client on /api/*, /sparql and the data pages (HTTP 429 rate_limited); "
            "0 turns the limit off."),
    Setting("rate_limit_burst", 60, "Requests a client may make at once before the per-minute rate applies."),
    Setting("rate_limit_backend", "memory",
            "Where request counts live: 'memory' (each process its own) or sqlite:///path/to/file.db "
            "(shared by every worker process on one host)."),
    Setting("trusted_proxies", 0,
            "Reverse proxies in front of the service whose X-Forwarded-For is trusted to name the client; "
            "0: the header is ignored."),
    Setting("cors_origins", "*", "Value of Access-Control-Allow-Origin on the API and SPARQL routes."),
    Setting("log_level", "INFO", "Logging level of the service."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def _coerce(setting: Setting, raw: Any) -> Any:
    if isinstance(setting.default, bool):
        return str(raw).lower() in {"1", "true", "yes", "on"}
    if isinstance(setting.default, int):
        return int(raw)
    if isinstance(setting.default, float):
        return float(raw)
    return str(raw)


@dataclass(frozen=True)
class Settings:
    """Resolved values: explicit overrides, then SHARAKA_* environment variables, then defaults."""

    values: Mapping[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        if name == "values":
            raise AttributeError(name)
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None

    @classmethod
    def load(cls, overrides: Mapping[str, Any] | None = None,
             environ: Mapping[str, str] | None = None) -> Settings:
        environ = os.environ if environ is None else environ
        overrides = dict(overrides or {})
        unknown = set(overrides) - set(_BY_NAME)
        if unknown:
            raise ValueError(f"unknown settings: {', '.join(sorted(unknown))}")
        values: dict[str, Any] = {}
        for setting in SETTINGS:
            if setting.name in overrides and overrides[setting.name] is not None:
                raw = overrides[setting.name]
            elif setting.env_var in environ:
                raw = environ[setting.env_var]
            else:
                raw = setting.default
            try:
                values[setting.name] = _coerce(setting, raw)
            except ValueError as exc:
                raise ValueError(f"setting {setting.name} ({setting.env_var}): {exc}") from None
        return cls(values)

    def public(self) -> dict[str, Any]:
        """Values safe to show at /version: a store URL loses any user:password in it."""
        values = dict(self.values)
        for name in ("store", "store_update_url"):
            parts = urlsplit(str(values.get(name, "")))
            if parts.username or parts.password:
                host = (parts.hostname or "") + (f":{parts.port}" if parts.port else "")
                values[name] = urlunsplit(parts._replace(netloc=host))
        return values


def settings_table_markdown() -> str:
    """The README's settings table, generated from the declarations."""
    rows = ["| setting | environment variable | default | meaning |", "|---|---|---|---|"]
    for s in SETTINGS:
        default = "~/.cache/sharaka" if s.name == "data_dir" else s.default
        rows.append(f"| `{s.name}` | `{s.env_var}` | `{default}` | {s.help} |")
    return "\n".join(rows)
