"""The entity index kept beside the built graph, so that a warm start reads it instead of building it.

Why: building the index reads every name of the graph (40,000 agreement labels among them) through SPARQL,
~6–8 s on the full graph; reading it back takes a fraction of a second. The file is keyed by the graph's SHA-256
(from the manifest) and by a fingerprint of the code and word lists that make the index, so a new graph or a
changed engine never reads an old index. Its own SHA-256 is kept in a sidecar and checked before it is read:
a damaged or half-written file is rebuilt, never loaded. The file is a pickle: it lives in the data directory,
which the service trusts as it trusts the graph beside it (whoever can write there can change the graph).
A data directory that cannot be written still starts: the index is built in memory, as before.
"""

from __future__ import annotations

import contextlib
import copyreg
import functools
import gc
import hashlib
import io
import json
import logging
import pickle
import platform
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from rdflib import URIRef

from sharaka.kg.build import replace_file
from sharaka.settings import Settings
from sharaka.store.opening import EMBEDDED

log = logging.getLogger(__name__)

PREFIX = "qa-index-"
KEEP = 3  # indexes kept in one directory
T = TypeVar("T")


@functools.cache  # the code does not change under a running process; hashing it takes ~40 ms
def code_fingerprint() -> str:
    """SHA-256 over what shapes the index: the QA package (code and word lists), the queries, the versions of
    Python and rdflib (pickles of their objects) and of pyoxigraph (what the queries found)."""
    import pyoxigraph
    import rdflib

    import sharaka.queries

    versions = f"{platform.python_version()} rdflib {rdflib.__version__} pyoxigraph {pyoxigraph.__version__}"
    digest = hashlib.sha256(versions.encode())
    for root in (Path(__file__).resolve().parent, Path(sharaka.queries.__file__).resolve().parent):
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix != ".pyc" and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root.parent)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class IndexCache:
    """Where the index of one graph is kept: `directory` (the data directory) and what identifies the graph: the
    SHA-256 of the embedded store's file, or the dataset version a remote store's description gives (the version
    is the fingerprint of the sources and the build code: one version, one graph)."""
    directory: Path
    graph: str

    def key(self) -> str:
        return hashlib.sha256(f"{self.graph} {code_fingerprint()}".encode()).hexdigest()[:24]

    def path(self) -> Path:
        return self.directory / f"{PREFIX}{self.key()}.pickle"

    def load_or_build(self, kind: type[T], build: Callable[[], T]) -> T:
        """The `kind` read from the file of this graph and code, or built (and kept) when there is none."""
        path = self.path()
        found = _read(path)
        if isinstance(found, kind):
            return found
        value = build()
        _write(path, value)
        return value


def index_cache_for(settings: Settings, manifest: dict[str, Any]) -> IndexCache | None:
    """Where the QA index of the service's graph is kept: beside the graph, keyed by the embedded graph's SHA-256 or
    by the dataset version a remote store describes; None without either (a test's own store, a remote store that
    was down at start)."""
    if settings.store in EMBEDDED:
        graph = manifest.get("graph_sha256")
        return IndexCache(Path(settings.data_dir), graph) if isinstance(graph, str) and graph else None
    version = manifest.get("dataset_version")
    if not isinstance(version, str) or not version:
        return None
    return IndexCache(Path(settings.data_dir), f"dataset-version {version}")


def _read(path: Path) -> object | None:
    sidecar = path.with_suffix(".json")
    try:
        expected = json.loads(sidecar.read_text(encoding="utf-8"))
        data = path.read_bytes()
    except (OSError, ValueError):
        return None
    if not isinstance(expected, dict) or expected.get("sha256") != hashlib.sha256(data).hexdigest():
        log.warning("the cached QA index %s does not match its checksum: building it again", path.name)
        return None
    gc.disable()  # unpickling ~1 M small objects: the collector would run dozens of times for nothing (2× slower)
    try:
        return pickle.loads(data)
    except Exception as exc:  # a pickle of another library version that slipped past the key: rebuild
        log.warning("the cached QA index %s could not be read (%s): building it again", path.name, exc)
        return None
    finally:
        gc.enable()


def _write(path: Path, value: object) -> None:
    """Atomic, pickle first and its sidecar last: a reader that finds the sidecar finds the whole file."""
    try:
        data = _dumps(value)
        replace_file(path, data)
        replace_file(path.with_suffix(".json"), json.dumps({"sha256": hashlib.sha256(data).hexdigest(),
                                                        "bytes": len(data)}).encode())
    except OSError as exc:
        log.info("the QA index is not kept in %s (%s): it is built at every start", path.parent, exc)
        return
    # Older indexes go, the last few stay: an embedded and a remote store of one data directory keep one each.
    kept = sorted(path.parent.glob(f"{PREFIX}*.pickle"), key=_modified, reverse=True)
    for stale in (p for p in kept[KEEP:] if p != path):
        for old in (stale, stale.with_suffix(".json")):
            with contextlib.suppress(OSError):
                old.unlink()


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def trusted_uri(text: str) -> URIRef:
    """A URIRef read back from our own index: it was checked when the graph was read; URIRef() would check
    it again (a third of the time it takes to read the index)."""
    return str.__new__(URIRef, text)


def _dumps(value: object) -> bytes:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    table: dict[type, Any] = dict(copyreg.dispatch_table)  # this pickler's only: URIRef elsewhere is untouched
    table[URIRef] = lambda uri: (trusted_uri, (str(uri),))
    pickler.dispatch_table = table
    pickler.dump(value)
    return buffer.getvalue()
