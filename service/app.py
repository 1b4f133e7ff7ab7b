"""The Sharaka web service: `create_app(settings)` builds one Flask app for all three kinds of users."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from sharaka.service import problems, rate_limit, request_body, security
from sharaka.service.state import ServiceState
from sharaka.settings import Settings
from sharaka.store import Store


def create_app(settings: Settings | None = None, *, store: Store | None = None,
               manifest: dict[str, Any] | None = None) -> Flask:
    """An app on the configured store; tests may pass a store of their own."""
    settings = settings or Settings.load()
    logging.basicConfig(level=getattr(logging, settings.log_level.upper(), logging.INFO),
                        format="%(asctime)s [%(process)d] %(levelname)s %(name)s: %(message)s")
    if store is None:
        from sharaka.store.opening import open_store

        store, manifest = open_store(settings)
    app = Flask(__name__)
    app.debug = False  # whatever FLASK_DEBUG says: debug shows tracebacks and can start an interactive debugger
    app.config["MAX_CONTENT_LENGTH"] = settings.max_request_bytes  # larger bodies: 413, unread
    if settings.trusted_proxies > 0:
        # Behind a TLS proxy the client's address, and the scheme and host its links must use (permalinks,
        # /sparql's endpoint URL, resource pages), come from the proxy's X-Forwarded-For/-Proto/-Host. Without a
        # trusted proxy those headers are ignored: a client cannot pick its address or the links others are sent.
        hops = settings.trusted_proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    app.config["JSON_SORT_KEYS"] = False
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]
    service_state = ServiceState(settings, store, manifest or {})
    app.extensions["sharaka"] = service_state
    if store.kind == "memory":
        service_state.engine()  # ready before the first request; a remote store is tried lazily
    problems.register_error_handlers(app)
    security.install(app, settings.cors_origins)
    request_body.install(app, settings.max_request_bytes)
    rate_limit.install(app, settings)
    from sharaka.service.views import blueprints

    for blueprint in blueprints():
        app.register_blueprint(blueprint)
    return app
