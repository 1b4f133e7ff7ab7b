"""What a running service holds: settings, the store, and the QA engine (built once, lazily)."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from flask import current_app

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
                    self._engine = QAEngine(self.store, max_results=self.settings.max_results,
                                            max_question_length=self.settings.max_question_length)
        return self._engine

    @property
    def engine_ready(self) -> bool:
        return self._engine is not None


def state() -> ServiceState:
    found: ServiceState = current_app.extensions["sharaka"]
    return found
