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
        """The QA engine; built on first use, so a remote store that was down at start is retried.

        Requests that waited while another one's build failed get that failure instead of trying again
        one after the other; no request waits longer than one store timeout for the lock."""
        if self._engine is not None:
            return self._engine
        waiting_since = time.monotonic()
        if not self._lock.acquire(timeout=self.settings.store_timeout):
            raise GraphNotReady("the graph is still being loaded; try again shortly")
        try:
            failure = self._last_failure
            if self._engine is None and failure is not None and failure[0] >= waiting_since:
                raise failure[1]
            if self._engine is None:
                try:
                    self._engine = self._build_engine()
                    self._last_failure = None
                except SharakaError as exc:
                    self._last_failure = (time.monotonic(), exc)
                    raise
            return self._engine
        finally:
            self._lock.release()

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
