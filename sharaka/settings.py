"""Every setting of Sharaka, declared once: CLI flags, docs/settings.md and /version read this list.

`python3 -m sharaka.settings` prints the settings table in Markdown; `--write docs/settings.md` puts it in the
page (between its markers), which a test compares with this declaration."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from dataclasses import MISSING, Field, dataclass, field, fields
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


def _setting(default: Any, *, help: str, default_factory: Any = None) -> Any:
    """A field of Settings with its help text (the one declaration of a setting)."""
    if default_factory is not None:
        return field(default_factory=default_factory, metadata={"help": help})
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    """Every setting, declared once (name, type, default, help): CLI flags, the settings page and /version read
    these fields. Resolved by `load`: explicit overrides, then SHARAKA_* environment variables, then defaults."""

    store: str = _setting("memory", help=(
        "Where the graph lives: 'memory' (embedded Oxigraph store, built or loaded into memory at start), 'disk' "
        "(embedded, its read-only on-disk copy: opens at once, ~60 MB, queries slower) or the URL of a SPARQL 1.1 "
        "query endpoint, e.g. http://127.0.0.1:7878/query."))
    store_update_url: str = _setting("", help=(
        "Graph Store Protocol URL of a remote store, used by 'sharaka load'; derived from 'store' when "
        "empty (…/query → …/store)."))
    data_dir: str = _setting(None, default_factory=_default_data_dir, help=(
        "Directory holding the built graph (N-Quads) and its build manifest."))
    host: str = _setting("127.0.0.1", help=(
        "Interface 'sharaka serve' listens on."))
    port: int = _setting(8000, help=(
        "Port 'sharaka serve' listens on."))
    workers: int = _setting(2, help=(
        "Processes 'sharaka serve' runs, about one per core; the app and its graph are loaded once, before "
        "they are forked, and shared."))
    threads: int = _setting(16, help=(
        "Request threads per process of 'sharaka serve' (a /sparql request holds one while its query runs)."))
    max_connections: int = _setting(1000, help=(
        "Open connections per process of 'sharaka serve'; beyond it new connections wait in the kernel's "
        "queue. A connection that is still sending its request holds no thread, only this slot."))
    idle_timeout: float = _setting(15.0, help=(
        "Seconds a connection may stay silent, between requests (keep-alive) or in the middle of one, "
        "before 'sharaka serve' closes it."))
    request_read_timeout: float = _setting(30.0, help=(
        "Seconds a client has to send a whole request, headers and body, however slowly it trickles; "
        "then 'sharaka serve' closes the connection."))
    max_header_bytes: int = _setting(65536, help=(
        "Largest request line and headers accepted by 'sharaka serve', in bytes (HTTP 431)."))
    shutdown_timeout: float = _setting(15.0, help=(
        "Seconds 'sharaka serve' lets requests in progress finish after SIGTERM or Ctrl-C (at least "
        "query_timeout + 2 is used, so a running query ends with its answer or its 503)."))
    max_results: int = _setting(10000, help=(
        "Most rows an answer of the chat or the answer API shows; longer answers say truncated=true (\"Showing "
        "N of M\"). /sparql has no row cap: see max_result_bytes."))
    max_question_length: int = _setting(500, help=(
        "Longest question accepted, in characters."))
    max_query_length: int = _setting(20000, help=(
        "Longest SPARQL query accepted at /sparql, in characters."))
    max_query_nesting: int = _setting(20, help=(
        "Deepest nesting of { ( [ in a SPARQL query, counted before it is parsed (HTTP 400 "
        "query_too_deep)."))
    max_request_bytes: int = _setting(1048576, help=(
        "Largest request body accepted, in bytes (HTTP 413 payload_too_large)."))
    max_result_bytes: int = _setting(33554432, help=(
        "Largest /sparql result, in bytes of the format asked for (32 MiB: 4x the old 10,000-row cap written "
        "as SPARQL JSON with 10 columns, 7.8 MB; the whole graph as SPARQL JSON is 58 MB). A larger result is "
        "refused whole, never cut (HTTP 413 result_too_large)."))
    query_timeout: float = _setting(10.0, help=(
        "Seconds a SPARQL query from /sparql may run before it is stopped (HTTP 503 query_timeout)."))
    sparql_workers: int = _setting(2, help=(
        "Worker processes (per service process) of the fast lane that runs /sparql queries first; a query"
        " is run in a process so that it can be killed."))
    query_fast_slice: float = _setting(0.25, help=(
        "CPU seconds a /sparql query may use in the fast lane; one that needs more is moved to the slow "
        "lane for the rest of query_timeout."))
    query_slow_workers: int = _setting(1, help=(
        "Worker processes (per service process, at lower CPU priority) of the slow lane; when they are "
        "busy, further long queries are refused with HTTP 503 query_busy."))
    query_slow_slots: int = _setting(1, help=(
        "Long /sparql queries running at once on this host, across every service process (lock files in "
        "data_dir); 0 = no host-wide cap, only query_slow_workers per process."))
    query_memory_mb: int = _setting(512, help=(
        "Memory (MiB) one /sparql query may add to its worker process; a worker over it is killed and replaced "
        "and the query refused (HTTP 507 query_memory)."))
    query_worker_recycle_mb: int = _setting(128, help=(
        "A /sparql worker that has grown by more than this (MiB) after answering is replaced by a fresh one, so "
        "that memory a heavy query took goes back to the system."))
    store_connect_timeout: float = _setting(3.0, help=(
        "Seconds to wait for a connection to a remote store."))
    store_timeout: float = _setting(10.0, help=(
        "Total seconds a query to a remote store may take."))
    store_retries: int = _setting(2, help=(
        "Extra attempts for a failed read from a remote store (with backoff)."))
    rate_limit: int = _setting(300, help=(
        "Requests per minute per client on /api/*, /sparql and the data pages (HTTP 429 rate_limited); 0 "
        "turns the limit off."))
    rate_limit_burst: int = _setting(60, help=(
        "Requests a client may make at once before the per-minute rate applies."))
    rate_limit_backend: str = _setting("memory", help=(
        "Where request counts live: 'memory' (each process its own) or sqlite:///path/to/file.db (shared "
        "by every worker process on one host)."))
    trusted_proxies: int = _setting(0, help=(
        "Reverse proxies in front of the service whose X-Forwarded-For, -Proto and -Host are trusted (the "
        "client's address; the scheme and host of permalinks and links); 0: those headers are ignored."))
    cors_origins: str = _setting("*", help=(
        "Value of Access-Control-Allow-Origin on the API and SPARQL routes."))
    log_level: str = _setting("INFO", help=(
        "Logging level of the service."))
    exclude_noncommercial: bool = _setting(False, help=(
        "Build (and serve) the graph without the source datasets whose terms are non-commercial (today the "
        "SIPRI Arms Transfers Database); for a commercial deployment or a public release, see docs/sources.md."))

    @property
    def values(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

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
        return cls(**values)

    def public(self) -> dict[str, Any]:
        """Values safe to show at /version: a store URL loses any user:password in it."""
        values = self.values
        for name in ("store", "store_update_url"):
            parts = urlsplit(str(values.get(name, "")))
            if parts.username or parts.password:
                host = (parts.hostname or "") + (f":{parts.port}" if parts.port else "")
                values[name] = urlunsplit(parts._replace(netloc=host))
        return values


def _default(f: Field[Any]) -> Any:
    if f.default is not MISSING:
        return f.default
    factory = f.default_factory
    assert callable(factory), f"setting {f.name} has no default"
    return factory()


SETTINGS: tuple[Setting, ...] = tuple(Setting(f.name, _default(f), f.metadata["help"]) for f in fields(Settings))
_BY_NAME = {s.name: s for s in SETTINGS}


def _coerce(setting: Setting, raw: Any) -> Any:
    if isinstance(setting.default, bool):
        return str(raw).lower() in {"1", "true", "yes", "on"}
    if isinstance(setting.default, int):
        return int(raw)
    if isinstance(setting.default, float):
        return float(raw)
    return str(raw)


def settings_table_markdown() -> str:
    """The settings table of docs/settings.md, generated from the declarations."""
    rows = ["| setting | environment variable | default | meaning |", "|---|---|---|---|"]
    for s in SETTINGS:
        default = "~/.cache/sharaka" if s.name == "data_dir" else s.default
        rows.append(f"| `{s.name}` | `{s.env_var}` | `{default}` | {s.help} |")
    return "\n".join(rows)


TABLE_START, TABLE_END = "<!-- settings-table:start -->\n", "\n<!-- settings-table:end -->"


def page_with_settings_table(page_text: str) -> str:
    """The page with the text between its settings-table markers replaced by the generated table."""
    if TABLE_START not in page_text or TABLE_END not in page_text:
        raise ValueError(f"the page has no {TABLE_START.strip()} … {TABLE_END.strip()} markers")
    before, rest = page_text.split(TABLE_START, 1)
    after = rest.split(TABLE_END, 1)[1]
    return before + TABLE_START + settings_table_markdown() + TABLE_END + after


def main(argv: list[str] | None = None) -> int:
    """Print the settings table, or write it into a page."""
    # A script rather than a `sharaka` command: it is for whoever edits the documentation, and it needs
    # nothing above this module.
    parser = argparse.ArgumentParser(prog="python3 -m sharaka.settings", description=main.__doc__)
    parser.add_argument("--write", metavar="PAGE", type=Path,
                        help="replace the table between the markers of PAGE (docs/settings.md) instead of printing it")
    args = parser.parse_args(argv)
    if args.write is None:
        try:
            print(settings_table_markdown(), flush=True)
        except BrokenPipeError:  # `| head`: the reader has what it wanted; no traceback at exit either
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    try:
        text = args.write.read_text(encoding="utf-8")
        args.write.write_text(page_with_settings_table(text), encoding="utf-8")
    except (OSError, ValueError) as exc:
        print(f"error: {args.write}: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
