"""One blueprint per surface: chat page, answer API, SPARQL endpoint, linked-data pages, operations."""

from __future__ import annotations

from flask import Blueprint


def blueprints() -> list[Blueprint]:
    from sharaka.service.views.api import api
    from sharaka.service.views.chat import chat
    from sharaka.service.views.linked_data import linked_data
    from sharaka.service.views.ops import ops
    from sharaka.service.views.sparql import sparql

    return [chat, api, sparql, linked_data, ops]
