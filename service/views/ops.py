"""Operations: /healthz (alive), /readyz (graph loaded, store reachable), /version."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from service.state import state
from sharaka import __version__
from sharaka.errors import GraphNotReady, SharakaError, StoreUnavailable

ops = Blueprint("ops", __name__)


@ops.get("/healthz")
def healthz() -> Response:
    return jsonify({"status": "ok"})


@ops.get("/readyz")
def readyz() -> Response:
    s = state()
    if not s.store.ping():
        raise StoreUnavailable(getattr(s.store, "problem", "") or f"the {s.store.kind} store does not answer")
    try:
        engine = s.engine()
    except SharakaError:
        raise
    except Exception as exc:  # the index could not be built from the store
        raise GraphNotReady(f"the graph is not loaded: {exc}") from None
    return jsonify({"status": "ready", "store": s.store.kind, "dataset_version": engine.dataset_version})


@ops.get("/version")
def version() -> Response:
    s = state()
    engine = s.engine()
    return jsonify({
        "version": __version__,
        "dataset_version": engine.dataset_version,
        "triples": s.store.triple_count(),
        "store": s.store.kind,
        "question_types": len(engine.templates),
        "sources": [{"dataset": d.key, "title": d.title, "version": d.version, "citation": d.citation}
                    for d in sorted(engine.datasets.values(), key=lambda d: d.key)],
        "settings": {k: v for k, v in s.settings.public().items() if k not in ("data_dir",)},
    })
