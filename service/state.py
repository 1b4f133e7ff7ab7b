"""What a running service holds: settings, the store, and the QA engine (built once, lazily)."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from flask import current_app

from sharaka.errors import GraphNotReady, SharakaError
from sharaka.qa.engine import QAEngine
from sharaka.settings import Settings
from sharaka.store import Store

log = logging.getLogger(__name__)


@dataclass
class ServiceState:
    settings: Settings
    store: Store
    manifest: dict[str, Any] = field(default_factory=dict)
    started_at: float = field(default_factory=time.time)
    _engine: QAEngine | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    extras: dict[str, Any] = field(default_factory=dict)

    def engine(self) -> QAEngine:
        """The QA engine; built on first use, so a remote store that was down at start is retried."""
        if self._engine is None:
            with self._lock:
                if self._engine is None:
                    self._engine = self._build_engine()
        return self._engine

    def _build_engine(self) -> QAEngine:
        """A failure is not kept: the next request tries again (a remote store may come back)."""
        try:
            engine = QAEngine(self.store, max_results=self.settings.max_results,
                              max_question_length=self.settings.max_question_length)
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

    @property
    def engine_ready(self) -> bool:
        return self._engine is not None


def state() -> ServiceState:
    found: ServiceState = current_app.extensions["sharaka"]
    return found
