"""The manifest that makes a test's graph file the built graph of today's sources, so a process started on its data
directory uses it as it is (the cache check compares the fingerprint, the size and the SHA-256; else it rebuilds)."""

from __future__ import annotations

import json
from pathlib import Path

from sharaka.kg.build import GRAPH_FILE, MANIFEST_FILE, file_digest, input_fingerprint


def write_fixture_manifest(data_dir: Path, triples: int, graphs: dict[str, int], version: str | None = None) -> Path:
    """A test fixture only: nothing in such a graph need trace to a source record."""
    fingerprint = input_fingerprint()
    size, sha256 = file_digest(data_dir / GRAPH_FILE)
    manifest = {"fingerprint": fingerprint, "dataset_version": version or fingerprint[:12], "triples": triples,
                "graph_bytes": size, "graph_sha256": sha256, "graphs": graphs, "fixture": True}
    (data_dir / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return data_dir
