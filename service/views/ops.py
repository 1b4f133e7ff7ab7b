"""Operations: /healthz (alive), /readyz (graph loaded and checked against its manifest, store reachable; and, for
information, how this process's /sparql workers are doing and whether they are sealed off the network), /version."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from sharaka import __version__
from sharaka.errors import GraphNotReady, SharakaError, StoreUnavailable
from sharaka.service.service_description import dataset_size
from sharaka.service.state import state

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
    body = {"status": "ready", "store": s.store.kind, "dataset_version": engine.dataset_version,
            "sparql": s.sparql.status()}
    if "cache_check" in s.manifest:  # the embedded store: how its cached graph was checked at start
        body["graph"] = s.manifest["cache_check"]
    return jsonify(body)


@ops.get("/version")
def version() -> Response:
    s = state()
    engine = s.engine()
    return jsonify({
        "version": __version__,
        "dataset_version": engine.dataset_version,
        "triples": dataset_size(s.store),  # VoID's count, the one the service description states too
        "store": s.store.kind,
        "question_types": len(engine.templates),
        "sources": [{"dataset": d.key, "title": d.title, "version": d.version, "citation": d.citation}
                    for d in sorted(engine.datasets.values(), key=lambda d: d.key)],
        "settings": {k: v for k, v in s.settings.public().items() if k not in ("data_dir",)},
    })
