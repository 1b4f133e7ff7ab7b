"""What a running service holds: settings, the store, its /sparql query workers, the QA engine (built once,
lazily) and the few things built once per app (typed fields, each named for what it holds)."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from flask import current_app

from sharaka.errors import GraphNotReady, SharakaError
from sharaka.qa.engine import QAEngine
from sharaka.qa.index_cache import index_cache_for
from sharaka.qa.prefix_index import PrefixIndex
from sharaka.settings import Settings
from sharaka.sparql.execution import QueryService, query_service
from sharaka.store import Store
from sharaka.store.remote import RemoteStore

log = logging.getLogger(__name__)
INDEX_TIMEOUT_S = 120.0  # per start-up index query on a remote store (answers keep store_timeout)


@dataclass
class ServiceState:
    settings: Settings
    store: Store
    manifest: dict[str, Any] = field(default_factory=dict)
    started_at: float = field(default_factory=time.time)
    _engine: QAEngine | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _last_failure: tuple[float, SharakaError] | None = None
    _building: threading.Thread | None = None  # a remote store's engine being built
    sparql: QueryService = field(init=False)  # who runs /sparql queries: this app's workers, or the remote store
    prefix_index: PrefixIndex | None = None  # the entity search's prefix index, built on first use
    documents: dict[tuple[object, ...], bytes] = field(default_factory=dict)  # VoID, ontology: built once per form

    def __post_init__(self) -> None:
        self.sparql = query_service(self.store, lambda: self.settings)

    def close(self, drain_s: float = 0.0) -> None:
        """Let running /sparql queries finish (at most `drain_s`), then stop the query workers."""
        if drain_s > 0:
            self.sparql.drain(drain_s)
        self.sparql.close()

    def engine(self) -> QAEngine:
        """The QA engine. On the embedded store it is built at start, before the fork; on a remote store on first
        use, so that a store that was down at start is retried, in a thread of its own: the index's start-up
        queries may take longer than an answer may wait (INDEX_TIMEOUT_S each), so a request waits at most one
        store timeout for the build and then gets 503 graph_not_ready (with Retry-After) while it goes on.
        Requests that waited for a build that failed get its failure; the next request starts another."""
        if self._engine is not None:
            return self._engine
        if self.store.kind == "memory":
            return self._engine_now()
        waiting_since = time.monotonic()
        with self._lock:
            if self._engine is None and (self._building is None or not self._building.is_alive()):
                self._building = threading.Thread(target=self._build_in_background, name="sharaka-qa-engine",
                                                  daemon=True)
                self._building.start()
            building = self._building
        if building is not None:
            building.join(self.settings.store_timeout)
        if self._engine is not None:
            return self._engine
        failure = self._last_failure
        if failure is not None and failure[0] >= waiting_since:
            raise failure[1]
        raise GraphNotReady("the question-answering index is being built from the store; try again shortly")

    def _build_in_background(self) -> None:
        try:
            self._engine = self._build_engine()
            self._last_failure = None
        except SharakaError as exc:
            self._last_failure = (time.monotonic(), exc)
        except Exception as exc:  # never lost in a thread: the waiting requests get it as a store error
            log.exception("building the QA engine failed")
            self._last_failure = (time.monotonic(), GraphNotReady(f"the QA engine could not be built ({exc})"))

    def _engine_now(self) -> QAEngine:
        """The embedded store's engine, built in the calling thread (at start, before any request)."""
        with self._lock:
            if self._engine is None:
                self._engine = self._build_engine()
            return self._engine

    def _index_source(self) -> Store | None:
        """A remote store gives the index's start-up queries more time than an answer gets (they read every name
        of the graph once; an on-disk Oxigraph holding the full graph takes ~5 s for the largest, more when busy)."""
        if isinstance(self.store, RemoteStore):
            return self.store.with_timeout(max(self.settings.store_timeout, INDEX_TIMEOUT_S))
        return None

    def _build_engine(self) -> QAEngine:
        """A failure is not kept: the next request tries again (a remote store may come back)."""
        try:
            engine = QAEngine(self.store, max_results=self.settings.max_results,
                              max_question_length=self.settings.max_question_length,
                              index_cache=index_cache_for(self.settings, self.manifest),
                              index_source=self._index_source())
        except SharakaError:
            raise  # store_unavailable, store_timeout, store_error: already what the client should see
        except Exception as exc:
            if self.store.kind == "memory":
                raise
            raise GraphNotReady(f"the store does not hold a usable Sharaka graph ({exc}): "
                                "load it with 'sharaka load --to URL'") from exc
        if self.store.kind != "memory" and not engine.dataset_version:
            raise GraphNotReady("the store does not hold the Sharaka graph yet: load it with 'sharaka load --to URL'")
        return engine


def state() -> ServiceState:
    found: ServiceState = current_app.extensions["sharaka"]
    return found
