"""The SPARQL editor page (what a browser gets at /sparql): the vendored YASGUI editor, our prefixes and
ontology terms for completion, downloads in every format, the gallery of research queries, and the
chat's question types as SPARQL. `?plain=1` gives the plain form (a textarea, no editor library), which
works without JavaScript and reads better with a screen reader; the editor page is built on it."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from flask import Response, current_app, render_template, request, url_for

from sharaka.errors import SharakaError
from sharaka.kg.vocab import BASE
from sharaka.qa.bind import named
from sharaka.queries import load_templates
from sharaka.queries.gallery import gallery_queries, offered
from sharaka.service.rdf_documents import html_response
from sharaka.service.state import state
from sharaka.sparql.formats import ALL_FORMATS
from sharaka.sparql.prefixes import DOCUMENT_PREFIXES
from sharaka.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Example:
    id: str
    title: str
    description: str
    query: str


def _cache() -> dict[str, Any]:
    """Per-app values built from the graph once (the graph does not change while the app runs)."""
    found: dict[str, Any] = current_app.extensions.setdefault("sharaka.sparql_editor", {})
    return found


def vocabulary(store: Store) -> dict[str, list[dict[str, str]]]:
    """The ontology's classes and properties with their English labels, for completion in the editor."""
    cached = _cache().get("vocabulary")
    if cached is not None:
        return cached
    terms: dict[str, list[dict[str, str]]] = {"classes": [], "properties": []}
    for row in store.select(named("vocabulary")).rows:
        kind = "classes" if str(row["kind"]) == "class" else "properties"
        terms[kind].append({"iri": str(row["term"]), "label": str(row.get("label", ""))})
    return _cache().setdefault("vocabulary", terms)


def gallery(store: Store) -> list[Any]:
    """The gallery queries this graph can answer (a query needing terms of a source not built is left out)."""
    defined = {t["iri"] for kind in vocabulary(store).values() for t in kind}
    return offered(gallery_queries(), defined)


def examples() -> list[Example]:
    """One example per question type: its query bound for its first example question (as the chat runs it),
    or the template's own text when that question does not bind."""
    cached = _cache().get("examples")
    if cached is not None:
        return cached
    try:
        engine = state().engine()
    except SharakaError as exc:  # the store is not there yet: the templates' own text, not kept
        log.info("editor examples fall back to the template texts: %s", exc.detail)
        return [Example(t.id, t.title, t.description, t.example_query.strip() + "\n") for t in load_templates()]
    found = [Example(t.id, t.title, t.description,
                     (engine.answer(t.examples[0]).sparql or t.example_query).strip() + "\n") for t in engine.templates]
    return _cache().setdefault("examples", found)


def editor_page(query: str, endpoint: str) -> Response:
    """The page for a browser at /sparql (`query`: what ?query= holds, shown and not run unless ?run=1)."""
    settings, store = state().settings, state().store
    plain = request.args.get("plain") == "1"
    page = render_template(
        "sparql_editor.html", query=query, run=request.args.get("run") == "1", plain=plain,
        endpoint=endpoint, max_result_bytes=settings.max_result_bytes, timeout=settings.query_timeout,
        downloads=[{"format": fmt, "href": _href(query=query, format=fmt.name)} for fmt in ALL_FORMATS],
        formats=ALL_FORMATS, prefixes=DOCUMENT_PREFIXES, vocabulary=_safe_vocabulary(store), our_base=BASE,
        gallery=_safe_gallery(store), examples=examples(), href=_href,
        plain_href=_href(query=query, plain="1") if query else _href(plain="1"),
        editor_href=_href(query=query) if query else _href())
    return html_response(page)


def _safe_vocabulary(store: Store) -> dict[str, list[dict[str, str]]]:
    try:
        return vocabulary(store)
    except SharakaError as exc:  # a remote store that is down: the editor still works, without term completion
        log.info("no vocabulary for the editor: %s", exc.detail)
        return {"classes": [], "properties": []}


def _safe_gallery(store: Store) -> list[Any]:
    try:
        return gallery(store)
    except SharakaError:
        return [q for q in gallery_queries() if not q.needs]


def _href(**parameters: str) -> str:
    """A link to /sparql with these parameters (?query=… is the editor's permalink)."""
    return url_for("sparql.endpoint") + ("?" + urlencode(parameters) if parameters else "")
