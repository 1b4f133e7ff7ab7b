"""One blueprint per surface: chat page, answer API, SPARQL endpoint, linked-data pages, operations."""

from __future__ import annotations

from flask import Blueprint


def blueprints() -> list[Blueprint]:
    from service.views.api import api
    from service.views.ops import ops

    found = [api, ops]
    for module, name in (("service.views.chat", "chat"), ("service.views.sparql", "sparql"),
                         ("service.views.linked_data", "linked_data")):
        try:
            found.append(getattr(__import__(module, fromlist=[name]), name))
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
    return found
