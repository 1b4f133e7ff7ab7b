"""Who runs a /sparql query for an app: its own lanes of sealed workers on the graph its store holds, or the remote
store it was given. The app state creates one with `query_service(store, settings)`, uses it, and closes it.

- Embedded store: the workers open the very graph the app's MemoryStore holds, the same way: the N-Quads file it
  was loaded from into memory (store=memory), the read-only on-disk copy it opened (store=disk), or, for a store
  built otherwise (tests), a dump of it made once. They start on first use (or `warm()`),
  in the process that uses them: with gunicorn --preload the app is made before the fork, each process then
  starts its own.
- Remote store: the query is checked here, then forwarded, and the store's bytes are passed on as they are,
  within the same byte limit (sharaka.sparql.forward).
"""

from __future__ import annotations

import atexit
import logging
import os
import tempfile
import threading
import time
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, cast

from sharaka.errors import GraphNotReady, MalformedQuery, StoreUnavailable
from sharaka.settings import Settings
from sharaka.sparql.forward import ForwardingStore, forward
from sharaka.sparql.guard import check_query
from sharaka.sparql.lanes import QueryRunner
from sharaka.sparql.remote_limits import RemoteLimits
from sharaka.sparql.serialize import Answer, write_result
from sharaka.sparql.worker import Check, Query, dataset_arguments, guarded
from sharaka.store import DatasetSpec, MemoryStore, Store

log = logging.getLogger(__name__)


class QueryService(Protocol):
    def run(self, query: Query, client: str = "") -> Answer: ...

    def warm(self) -> None: ...

    def status(self) -> dict[str, Any]: ...

    def drain(self, timeout: float) -> bool: ...

    def close(self) -> None: ...


SettingsSource = Callable[[], Settings]  # the app's settings as they are now (tests change them on a running app)


class EmbeddedQueries:
    """The lanes of an app on the embedded store, made on first use in each process and closed with the app."""

    def __init__(self, store: MemoryStore, settings: SettingsSource, check: Check = guarded) -> None:
        self.store = store
        self._settings = settings
        self.check = check
        self._runner: QueryRunner | None = None
        self._dump: tempfile.TemporaryDirectory[str] | None = None
        self._lock = threading.Lock()
        self._closed = False
        # Closed at exit (atexit holds only a weak reference: an app dropped by its tests may go sooner).
        atexit.register(_close_at_exit, weakref.ref(self))

    def _graph_path(self) -> Path:
        if self.store.source is not None:
            return self.store.source
        if self._dump is None:
            self._dump = tempfile.TemporaryDirectory(prefix="sharaka-graph-")
            path = Path(self._dump.name) / "graph.nq"
            self.store.dump(path)
            log.info("the query workers load a dump of the app's store (%s)", path)
        return Path(self._dump.name) / "graph.nq"

    @property
    def settings(self) -> Settings:
        return self._settings()

    def runner(self) -> QueryRunner:
        with self._lock:
            if self._closed:
                raise StoreUnavailable("the service is shutting down; try again shortly")
            runner = self._runner
            if runner is not None and (runner.pid != os.getpid() or runner.broken):
                if runner.pid == os.getpid():
                    runner.close()
                runner = None  # a fork's inherited handles belong to the parent: never used, never closed here
            if runner is None:
                s = self.settings
                runner = QueryRunner(self._graph_path(), s.sparql_workers, s.query_slow_workers,
                                     host_slots=s.query_slow_slots, slots_dir=Path(s.data_dir),
                                     memory_mb=s.query_memory_mb, recycle_mb=s.query_worker_recycle_mb,
                                     check=self.check, disk=self.store.disk)
                self._runner = runner
            return runner

    def run(self, query: Query, client: str = "") -> Answer:
        settings = self.settings
        runner = self.runner()
        # The first queries of a process wait for its workers to load the graph (seconds), and only then is the
        # query's own time counted.
        if runner.sealing(wait=settings.query_timeout) is None:
            raise GraphNotReady("the query workers are still loading the graph; try again in a few seconds")
        return runner.run(query, settings.query_timeout, settings.query_fast_slice, client)

    def warm(self) -> None:
        self.runner()

    def status(self) -> dict[str, Any]:
        runner = self._runner if self._runner is not None and self._runner.pid == os.getpid() else None
        sealing = runner.sealing() if runner is not None else None
        if runner is None:
            return {"workers": "not started (they start with the first query)"}
        if sealing is None:
            return {"workers": "loading the graph"}
        return {"workers": "ready", "sealed": sealing.sealed,
                "sealing": sealing.method if sealing.sealed else f"none: {sealing.detail}"}

    def drain(self, timeout: float) -> bool:
        runner = self._runner
        return runner is None or runner.pid != os.getpid() or runner.drain(timeout)

    def close(self) -> None:
        with self._lock:
            runner, self._runner = self._runner, None
            self._closed = True
        if runner is not None and runner.pid == os.getpid():
            runner.close()
        if self._dump is not None:
            self._dump.cleanup()
            self._dump = None


def _close_at_exit(reference: weakref.ref[EmbeddedQueries]) -> None:
    found = reference()
    if found is not None:
        found.close()


class RemoteQueries:
    """/sparql on a remote store: checked here, forwarded, the store's bytes passed on within the byte limit."""

    def __init__(self, store: ForwardingStore, settings: SettingsSource) -> None:
        self.store = store
        self.settings = settings
        self._in_flight = 0
        self._lock = threading.Lock()

    def run(self, query: Query, client: str = "") -> Answer:
        with self._lock:
            self._in_flight += 1
        try:
            # The same cost check and places for long queries as the embedded store's (sharaka.sparql.remote_limits).
            expensive = check_query(query.text, query.max_length, judge_cost=True).expensive
            return RemoteLimits.of_process(self.settings()).run(expensive, client, lambda: forward(self.store, query))
        finally:
            with self._lock:
                self._in_flight -= 1

    def warm(self) -> None:
        return None

    def status(self) -> dict[str, Any]:
        return {"workers": "none: queries are forwarded to the remote store"}

    def drain(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while self._in_flight > 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        return self._in_flight <= 0

    def close(self) -> None:
        return None


def query_service(store: Store, settings: SettingsSource) -> QueryService:
    if isinstance(store, MemoryStore):
        return EmbeddedQueries(store, settings)
    return RemoteQueries(cast(ForwardingStore, store), settings)


def run_here(store: Store, text: str, kind: str, media_type: str, dataset: DatasetSpec | None = None) -> Answer:
    """A checked query run in this process, for the command line (a local user, not a stranger: no workers, no
    byte limit); `media_type` is for the result of its kind."""
    if isinstance(store, MemoryStore):
        try:
            result = store.inner.query(text, **dataset_arguments(dataset))
        except SyntaxError as exc:
            raise MalformedQuery(f"syntax error: {exc}") from None
        return write_result(result, media_type, media_type, None)
    from sharaka.store.remote import RemoteStore

    assert isinstance(store, RemoteStore), store
    return Answer(store.send_query(text, media_type, dataset), media_type, kind)
