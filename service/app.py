"""The Sharaka web service: `create_app(settings)` builds one Flask app for all three kinds of users."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from service import problems, rate_limit, security
from service.state import ServiceState
from sharaka.settings import Settings
from sharaka.store import Store


def create_app(settings: Settings | None = None, *, store: Store | None = None,
               manifest: dict[str, Any] | None = None) -> Flask:
    """An app on the configured store; tests may pass a store of their own."""
    settings = settings or Settings.load()
    logging.basicConfig(level=getattr(logging, str(settings.log_level).upper(), logging.INFO),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if store is None:
        from sharaka.graph import open_store

        store, manifest = open_store(settings)
    app = Flask(__name__)
    app.debug = False  # whatever FLASK_DEBUG says: debug shows tracebacks and can start an interactive debugger
    app.config["MAX_CONTENT_LENGTH"] = int(settings.max_request_bytes)  # larger bodies: 413, unread
    if int(settings.trusted_proxies) > 0:  # else X-Forwarded-For is ignored: a client cannot pick its address
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=int(settings.trusted_proxies))  # type: ignore[method-assign]
    app.config["JSON_SORT_KEYS"] = False
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]
    service_state = ServiceState(settings, store, manifest or {})
    app.extensions["sharaka"] = service_state
    if store.kind == "memory":
        service_state.engine()  # ready before the first request; a remote store is tried lazily
    problems.register_error_handlers(app)
    security.install(app, settings.cors_origins)
    rate_limit.install(app, settings)
    from service.views import blueprints

    for blueprint in blueprints():
        app.register_blueprint(blueprint)
    return app
