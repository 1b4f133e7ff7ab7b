"""Latency of the documents the service writes itself (VoID, the ontology), built per request or cached.

    python -m sharaka.benchmarks.documents [--rounds 50]

Each app caches these documents per representation (the graph does not change while it runs). Prints the
median milliseconds of a request when the cache is emptied before it (built) and when it is not (cached),
and their ratio.
"""

from __future__ import annotations

import argparse
import logging
import statistics
from collections.abc import Callable

from sharaka.benchmarks.common import real_graph, time_ms

PATHS = ("/.well-known/void", "/ontology")
ACCEPTS = ("text/turtle", "application/ld+json", "text/html")


def median_ms(request: Callable[[], object], rounds: int, before: Callable[[], object]) -> float:
    times = []
    for _ in range(rounds):
        before()
        times.append(time_ms(request))
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    logging.getLogger("sharaka.access").setLevel(logging.WARNING)  # one line per request would drown the table
    from sharaka.service.app import create_app
    from sharaka.settings import Settings
    from sharaka.store import MemoryStore

    graph = real_graph()
    app = create_app(Settings.load({"data_dir": str(graph.parent), "store": "memory", "rate_limit": 0}),
                     store=MemoryStore.from_nquads(graph))
    client = app.test_client()
    documents = app.extensions["sharaka"].documents
    print(f"{'path':<20} {'accept':<22} {'built ms':>9} {'cached ms':>10} {'ratio':>6}")
    for path in PATHS:
        for accept in ACCEPTS:
            def request(path: str = path, accept: str = accept) -> object:
                response = client.get(path, headers={"Accept": accept})
                assert response.status_code == 200, (path, accept, response.status_code)
                return response
            request()  # warm-up: templates, the QA engine (pages show nothing of it, but be fair to both)
            built = median_ms(request, args.rounds, documents.clear)
            cached = median_ms(request, args.rounds, lambda: None)
            print(f"{path:<20} {accept:<22} {built:>9.2f} {cached:>10.2f} {built / cached:>6.1f}")


if __name__ == "__main__":
    main()
