"""/sparql on a remote store: the query is checked here (the store never sees a query the guard did not pass,
and the text sent is the checked text), then sent with the negotiated media type; the store's bytes are passed
on unparsed, refused whole when they pass `max_result_bytes` (read no further). The remote server's own timeout
and our store timeout bound the time (docs/scaling-out.md says how to set the server's)."""

from __future__ import annotations

from typing import Protocol

from sharaka.sparql.guard import check
from sharaka.sparql.serialize import Answer
from sharaka.sparql.worker import Query
from sharaka.store import DatasetSpec


class ForwardingStore(Protocol):
    def send_query(self, query: str, media_type: str, dataset: DatasetSpec | None = None,
                   max_bytes: int | None = None) -> bytes: ...


def forward(store: ForwardingStore, query: Query) -> Answer:
    checked = check(query.text, max_length=query.max_length, max_nesting=query.max_nesting, base_iri=query.base_iri)
    kind = "CONSTRUCT" if checked.kind in ("CONSTRUCT", "DESCRIBE") else checked.kind
    media_type = query.graph_media_type if kind == "CONSTRUCT" else query.result_media_type
    dataset = query.dataset or (checked.dataset if checked.dataset.given else None)
    body = store.send_query(checked.text, media_type, dataset, query.max_bytes)
    return Answer(body, media_type, kind)
