"""The process side of /sparql: the graph holder and the query workers it forks.

One *graph holder* per service process loads the app's graph into memory once, seals itself off the network
(sharaka.sparql.seal) and then only forks: each query worker is a fork of it, ready in milliseconds and sharing
the graph's pages copy-on-write, so a killed or retired worker is replaced at once, and every worker runs
queries at in-memory speed (a read-only on-disk copy was 2–3× slower on the heavy queries of the benchmark mix).
The holder is single-threaded when it forks, as forking requires.

A worker reads one request at a time from its pipe, checks the query with the guard (the only text it executes
is the checked text), runs it and writes the result once, in the negotiated format, within the byte limit
(sharaka.sparql.serialize); it sends back a small header, then the bytes. It never decides about time or memory:
the service process watches it and kills it (sharaka.sparql.pool). After an answer that left it larger than the
recycle threshold it leaves, and the service forks a fresh one.

Each process dies with its parent (PR_SET_PDEATHSIG): worker → holder → multiprocessing's fork server → the
service process, whose death closes the fork server's pipe.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import resource
import signal
from collections.abc import Callable, Collection
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.reduction import recv_handle
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox

from sharaka.errors import MalformedQuery, QueryFailed, QueryOutOfMemory, SharakaError
from sharaka.sparql.guard import check, check_graph_iri
from sharaka.sparql.seal import Sealing, die_with_parent, seal_network
from sharaka.sparql.serialize import Answer, write_result
from sharaka.store import DatasetSpec

PAGE = os.sysconf("SC_PAGE_SIZE")
MIB = 1 << 20


class Checked(Protocol):
    """What the guard says about a query: the text that may be executed, its kind, its dataset, and (when asked)
    why its shape is obviously expensive."""

    @property
    def text(self) -> str: ...

    @property
    def kind(self) -> str: ...

    @property
    def dataset(self) -> DatasetSpec: ...

    @property
    def expensive(self) -> str: ...


Check = Callable[["Query", Collection[str], bool], Checked]


def guarded(query: Query, graphs: Collection[str], judge_cost: bool) -> Checked:
    """The guard's verdict on a query (its one reading; only its canonical text is executed). The only place a
    worker asks it."""
    return check(query.text, max_length=query.max_length, max_nesting=query.max_nesting, graphs=graphs,
                 base_iri=query.base_iri, judge_cost=judge_cost)


@dataclass(frozen=True)
class Query:
    """A query from outside (prechecked in the request, not yet parsed) and how to write its result."""

    text: str
    result_media_type: str
    graph_media_type: str
    dataset: DatasetSpec | None  # from the protocol's parameters; None: the query's own FROM
    max_length: int
    max_bytes: int | None
    base_iri: str | None = None  # relative IRIs in the query resolve against it (the endpoint's URL)
    max_nesting: int | None = None  # max_query_nesting (None: the guard's own ceiling)


@dataclass(frozen=True)
class HolderSpec:
    """What a graph holder loads and how its workers check queries (`check`: a module-level function)."""

    nquads: str
    service_pid: int
    recycle_bytes: int
    memory_bytes: int  # what one query may add to its worker (the service's watchdog enforces it)
    check: Check = guarded
    # The read-only on-disk copy, when the app's store is one (store=disk): then the holder loads nothing and each
    # worker opens the copy (milliseconds, pages shared through the OS cache) instead of sharing an in-memory graph.
    disk: str | None = None


@dataclass(frozen=True)
class Ready:
    pid: int
    rss: int  # bytes resident when ready: the worker's size with the graph mapped, before any query
    cpu_s: float


@dataclass(frozen=True)
class Reply:
    kind: str = ""
    media_type: str = ""
    error: SharakaError | None = None
    expensive: str = ""  # the fast lane's judge said no (the query was not run): why
    retire: bool = False  # the worker leaves after this answer
    cpu_s: float = 0.0  # the worker's CPU seconds so far (the service measures the next query from it)


def pack(reply: Reply, body: bytes) -> bytes:
    """One message for the reply: its header's length (4 bytes), the header, then the body. One write wakes the
    service once (two messages cost a second wake-up, measurable on a busy machine)."""
    header = pickle.dumps(reply)
    return len(header).to_bytes(4, "big") + header + body


def unpack(message: bytes) -> tuple[Reply, bytes]:
    size = int.from_bytes(message[:4], "big")
    reply: Reply = pickle.loads(memoryview(message)[4:4 + size])
    return reply, message[4 + size:]


def rss_bytes(pid: int | str = "self") -> int:
    with open(f"/proc/{pid}/statm", "rb") as statm:
        return int(statm.read().split()[1]) * PAGE


def cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system


def dataset_arguments(dataset: DatasetSpec | None) -> dict[str, Any]:
    """Oxigraph's arguments for a dataset: the protocol's (or FROM's) graphs replace the union default graph."""
    if dataset is None or not dataset.given:
        return {"use_default_graph_as_union": True}
    return {"default_graph": [ox.NamedNode(g) for g in dataset.default_graphs],
            "named_graphs": [ox.NamedNode(g) for g in dataset.named_graphs]}


def execute(store: ox.Store, graphs: Collection[str], query: Query, check: Check,
            judge_cost: bool) -> tuple[Reply, bytes]:
    """Check, run and write one query; every failure becomes a reply the service can show."""
    try:
        checked = check(query, graphs, judge_cost)
        if query.dataset is not None:  # the protocol's dataset replaces the query's FROM
            for iri in (*query.dataset.default_graphs, *query.dataset.named_graphs):
                check_graph_iri(iri, "default-graph-uri or named-graph-uri", graphs)
        if checked.expensive:  # after every check that refuses it: a bad query gets its 400 from the fast lane
            return Reply(expensive=checked.expensive), b""
        try:
            result = store.query(checked.text, **dataset_arguments(query.dataset or checked.dataset))
        except SyntaxError as exc:
            error = MalformedQuery(f"syntax error: {exc}")
            # The guard's reading can place an error the store found in the checked text where the user wrote it.
            locate = getattr(checked, "locate", None)
            raise (locate(error) if locate is not None else error) from None
        except (OSError, ValueError) as exc:
            raise QueryFailed(f"the query failed while running: {exc}") from None
        answer: Answer = write_result(result, query.result_media_type, query.graph_media_type, query.max_bytes)
        return Reply(answer.kind, answer.media_type), answer.body
    except SharakaError as exc:
        return Reply(error=exc), b""
    except MemoryError:
        return Reply(error=QueryOutOfMemory("the query needed more memory than this process could get",
                                            setting="query_memory_mb")), b""
    except RecursionError:
        return Reply(error=QueryFailed("the query is too deeply nested to evaluate")), b""


def serve_queries(connection: Connection, store: ox.Store, graphs: Collection[str], spec: HolderSpec) -> None:
    """The worker's loop: one request in, one reply out, until the pipe closes or it retires."""
    _warm_up(store, graphs, spec)  # touch, and so copy, the pages a query writes to, before the first query
    started = rss_bytes()
    connection.send_bytes(pickle.dumps(Ready(os.getpid(), started, cpu_seconds())))
    while True:
        try:
            query, judge_cost = pickle.loads(connection.recv_bytes())
        except EOFError:
            return
        reply, body = execute(store, graphs, query, spec.check, judge_cost)
        retire = rss_bytes() - started > spec.recycle_bytes
        connection.send_bytes(pack(Reply(reply.kind, reply.media_type, reply.error, reply.expensive, retire,
                                         cpu_seconds()), body))
        if retire:
            return


def _become_worker(connection: Connection, fd: int, nice: int, holder_pid: int, store: ox.Store | None,
                   graphs: Collection[str], spec: HolderSpec) -> None:
    """In the forked child: die with the holder, take the lane's priority, serve on the pipe it was given."""
    code = 0
    try:
        connection.close()  # the holder's pipe to the service is the holder's alone
        die_with_parent(holder_pid)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        if nice:
            os.nice(nice)  # the slow lane yields the CPU to the service and the fast lane
        if store is None:  # store=disk: this worker's own read-only handle on the copy
            store = ox.Store.read_only(str(spec.disk))
            graphs = frozenset(g.value for g in store.named_graphs())
        _backstop(spec.memory_bytes)
        serve_queries(Connection(fd), store, graphs, spec)
    except BaseException:  # a worker never returns into the holder's loop
        code = 1
    finally:
        os._exit(code)


def _backstop(memory_bytes: int) -> None:
    """A hard limit behind the service's watchdog, for memory taken faster than it looks (it looks every few
    ms): twice the allowance over the writable memory mapped now. An allocation past it fails; Oxigraph then
    aborts the worker, which the service reports as the memory limit."""
    with open("/proc/self/status") as status:
        data_kib = next(int(line.split()[1]) for line in status if line.startswith("VmData:"))
    limit = data_kib * 1024 + 2 * memory_bytes
    resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))


def hold_graph(connection: Connection, spec: HolderSpec) -> None:
    """The graph holder's main (a multiprocessing target): seal, load, report, then fork workers on request."""
    die_with_parent(os.getppid(), spec.service_pid)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C in a terminal is the service's to handle
    sealing: Sealing = seal_network()  # before the graph is loaded: nothing it reads can reach the network
    store: ox.Store | None = None
    graphs: frozenset[str] = frozenset()
    if spec.disk is None:
        store = ox.Store()
        store.bulk_load(path=spec.nquads, format=ox.RdfFormat.N_QUADS, lenient=True)  # our own canonical build
        graphs = frozenset(g.value for g in store.named_graphs())
        _warm_up(store, graphs, spec)
    else:  # the workers open the copy themselves: RocksDB's threads must not exist in a process that forks
        _warm_up(ox.Store(), graphs, spec)  # the parser's first use, on an empty in-memory store
    gc.freeze()  # the collector will not walk (and so copy) the objects every worker inherits
    connection.send(("ready", sealing, Path(spec.nquads).name))
    children: set[int] = set()
    ended: dict[int, int] = {}
    # A worker that ends is reaped at once (no zombie lingers), woken by SIGCHLD through a pipe.
    woken, wake = os.pipe()
    os.set_blocking(wake, False)
    signal.set_wakeup_fd(wake)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    while True:
        ready = wait([connection, woken])
        if woken in ready:
            os.read(woken, 512)
            _reap(children, ended)
        if connection not in ready:
            continue
        try:
            command, argument = connection.recv()
        except (EOFError, OSError):  # the service closed its end: it is done with us, or gone
            break
        if command == "fork":
            fd = recv_handle(connection)
            pid = os.fork()
            if pid == 0:
                signal.set_wakeup_fd(-1)
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                os.close(woken)
                os.close(wake)
                _become_worker(connection, fd, argument, os.getppid(), store, graphs, spec)
            os.close(fd)
            children.add(pid)
            connection.send(pid)
        elif command == "ended":  # how a worker that closed its pipe ended: its wait status, or None
            connection.send(_wait_for(argument, children, ended))
    for pid in children:  # the service let go of us: our workers go too
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


# Run in the holder, so that every worker forked from it starts with the parser's first-use work done, and again
# in each worker before it says it is ready: its first query would otherwise pay for copying the pages it writes
# to (measured: the first query of a fresh worker took 25–110 ms more than the next).
WARM_UP_QUERY = """PREFIX sk: <https://w3id.org/sharaka/ontology#>
SELECT ?s (COUNT(?o) AS ?n) WHERE { ?s sk:iso3 "PAK" ; ?p ?o OPTIONAL { ?o a ?c } FILTER(?p != sk:iso2) }
GROUP BY ?s ORDER BY DESC(?n) LIMIT 1"""


def _warm_up(store: ox.Store, graphs: Collection[str], spec: HolderSpec) -> None:
    query = Query(WARM_UP_QUERY, "application/sparql-results+json", "text/turtle", None, 10_000, None)
    execute(store, graphs, query, spec.check, True)


def _reap(children: set[int], ended: dict[int, int]) -> None:
    for pid in list(children):
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            children.discard(pid)
            ended[pid] = status
    while len(ended) > 256:
        ended.pop(next(iter(ended)))


def _wait_for(pid: int, children: set[int], ended: dict[int, int]) -> int | None:
    if pid in children:
        _, status = os.waitpid(pid, 0)  # its pipe is closed: it has ended or is ending
        children.discard(pid)
        return status
    return ended.pop(pid, None)


def memory_limit_error(limit_mb: int) -> QueryOutOfMemory:
    return QueryOutOfMemory(f"the query needed more than {limit_mb:,} MiB of memory, the most one query may use "
                            "here; it was stopped. Narrow it (more patterns bound, no long strings built)",
                            setting="query_memory_mb", limit=limit_mb)
