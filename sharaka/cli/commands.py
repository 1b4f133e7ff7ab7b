"""What each `sharaka` subcommand does (the parser and the error handling are in sharaka.cli)."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from sharaka.errors import BadRequest
from sharaka.settings import Settings

Command = Callable[[argparse.Namespace, Settings], int]
log = logging.getLogger("sharaka")


def cmd_build(args: argparse.Namespace, settings: Settings) -> int:
    from sharaka.kg.build import (
        build,
        input_fingerprint,
        summary_rows,
        unexpected_unmapped,
        write_graph,
        write_manifest,
    )

    out = Path(args.out) if args.out else Path(settings.data_dir) / "sharaka.nq"
    check_writable(out)  # before the build, which takes minutes: a bad path is said at once
    result = build(settings.exclude_noncommercial)
    write_graph(result, out)
    if not args.out:
        write_manifest(result, out.parent, input_fingerprint(settings.exclude_noncommercial))
    for line in summary_rows(result):
        print(line)
    print(f"wrote {out}")
    if not args.out:
        from sharaka.store.disk import disk_copy

        # Made now rather than at the first start: the service then opens the graph in milliseconds.
        copy = disk_copy(out)
        print(f"wrote the read-only on-disk copy {copy}" if copy else "no on-disk copy (see the log)")
    unexpected = unexpected_unmapped(result)
    if unexpected:
        print(f"error: codes not in the known-exceptions table: {unexpected}", file=sys.stderr)
        return 1
    return 0


def check_writable(out: Path) -> None:
    """Raise the OSError that writing `out` would raise (its directory cannot be made or written), named by `out`."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out.parent):
            pass
    except OSError as exc:
        raise type(exc)(exc.errno, exc.strerror, str(out)) from None


def cmd_validate(args: argparse.Namespace, settings: Settings) -> int:
    from sharaka.kg.validate import load_union, validate_graph
    from sharaka.store.opening import built_graph_path

    path = built_graph_path(settings)
    started = time.monotonic()
    progress(f"reading {path} …")
    graph = load_union(path)
    progress(f"{len(graph):,} triples read in {time.monotonic() - started:.0f} s; checking them against the "
             "ontology's SHACL shapes (about 40 s) …")
    with heartbeat("still checking", every_s=10.0):
        report = validate_graph(graph)
    progress(f"checked in {time.monotonic() - started:.0f} s")
    print(report.text if report.violations else f"conforms: 0 violations ({report.focus_nodes} nodes checked)")
    return 0 if report.conforms else 1


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextlib.contextmanager
def heartbeat(message: str, every_s: float) -> Iterator[None]:
    """A line on stderr every `every_s` while a long step runs (a person at a terminal knows it is alive)."""
    done = threading.Event()
    started = time.monotonic()

    def beat() -> None:
        while not done.wait(every_s):
            progress(f"… {message} ({time.monotonic() - started:.0f} s)")

    thread = threading.Thread(target=beat, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()


def read_query(args: argparse.Namespace) -> str:
    if args.file and args.query:
        raise BadRequest("give the query as an argument or with --file, not both")
    if args.file:
        return sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
    if args.query is None:
        raise BadRequest("give a query: sharaka sparql 'SELECT …', --file query.rq, or - to read standard input")
    return sys.stdin.read() if args.query == "-" else str(args.query)


def cmd_sparql(args: argparse.Namespace, settings: Settings) -> int:
    from sharaka.cli.table import render_table
    from sharaka.sparql.execution import run_here
    from sharaka.sparql.formats import cli_format
    from sharaka.sparql.guard import check
    from sharaka.store.opening import open_store

    query = read_query(args)
    parsed = check(query, max_length=settings.max_query_length, max_nesting=settings.max_query_nesting)
    fmt = args.format or ("table" if sys.stdout.isatty() else "json")
    store, _ = open_store(settings)
    # A table is written from the JSON results or the N-Triples of the query's answer.
    result_type, graph_type = cli_format("json" if fmt == "table" else fmt, parsed.kind)
    if fmt == "table":
        graph_type = "application/n-triples"
    media_type = graph_type if parsed.kind in ("CONSTRUCT", "DESCRIBE") else result_type
    # the checked text, not the raw one
    raw = run_here(store, parsed.text, parsed.kind, media_type, parsed.dataset if parsed.dataset.given else None)
    if fmt == "table":
        print(render_table(raw.body, media_type))
        return 0
    sys.stdout.buffer.write(raw.body)
    if not raw.body.endswith(b"\n"):
        sys.stdout.write("\n")
    return 0


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from sharaka.qa.engine import open_engine
    from sharaka.qa.render import readable

    engine = open_engine(settings)
    answer = engine.answer(args.question)
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(readable(answer))
    return 0 if answer.status == "answered" else 3


def cmd_questions(args: argparse.Namespace, settings: Settings) -> int:
    from sharaka.queries import load_templates

    for template in load_templates():
        print(f"{template.id}: {template.description}")
        for example in template.examples:
            print(f"    - {example}")
    return 0


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from sharaka.qa.engine import open_engine
    from sharaka.qa.evaluate import evaluate_lines, format_report, read_jsonl

    lines = read_jsonl(Path(args.file))  # read and checked first: a bad file costs no graph load
    report = evaluate_lines(open_engine(settings), lines)
    print(json.dumps(report, indent=2, ensure_ascii=False) if args.json else format_report(report))
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from sharaka.service.app import create_app

    # The service's own level (log_level), and each line names its process: several serve at once.
    logging.basicConfig(force=True, level=getattr(logging, settings.log_level.upper(), logging.INFO), stream=sys.stderr,
                        format="%(asctime)s [%(process)d] %(levelname)s %(name)s: %(message)s")
    if args.dev:
        # Werkzeug's server, reloading on code changes; never its debugger (debug=False whatever FLASK_DEBUG says).
        create_app(settings).run(host=settings.host, port=settings.port, threaded=True, debug=False,
                                 use_reloader=True)
        return 0
    from sharaka.service.server import WorkerHooks, listen, serve

    sock = listen(settings.host, settings.port)  # a port in use is said now, not after the graph has loaded
    app = create_app(settings)  # once, before the fork: every process shares the graph
    queries = app.extensions["sharaka"].sparql

    def stop_query_workers(drain_s: float) -> None:
        queries.drain(drain_s)  # the queries still running end with their answer or their 503
        queries.close()

    # warm: in each server process, after the fork, its query workers start: the first query does not wait
    hooks = WorkerHooks(started=queries.warm, stopping=stop_query_workers)
    return serve(app, settings, hooks, sock)


def cmd_load(args: argparse.Namespace, settings: Settings) -> int:
    from sharaka.store.opening import built_graph_path
    from sharaka.store.remote import load_into_remote

    count = load_into_remote(built_graph_path(settings), args.to, settings)
    print(f"loaded and verified {count:,} triples at {args.to}")
    return 0


def cmd_store_supervisor(args: argparse.Namespace, settings: Settings) -> int:
    import shutil
    import signal

    import waitress

    from sharaka.service.server import listen
    from sharaka.store.supervisor import StoreSupervisor, parse_bind, wsgi_app

    oxigraph = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(oxigraph).exists():
        raise BadRequest("the oxigraph command is not installed: pip install oxigraph==0.5.13")
    if not (Path(args.location) / "CURRENT").exists():
        raise BadRequest(f"{args.location} holds no Oxigraph database: oxigraph load --location {args.location} "
                         "--file sharaka.nq")
    host, port = parse_bind(args.bind)
    sock = listen(host, port)
    supervisor = StoreSupervisor(oxigraph, Path(args.location), args.processes, args.query_timeout, args.wait)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # waitress stops on SystemExit; the copies follow
    server = waitress.create_server(wsgi_app(supervisor), sockets=[sock], threads=args.processes * 2 + 2,
                                    connection_limit=1000, channel_timeout=30, asyncore_use_poll=True,
                                    ident="sharaka-store")
    print(f" * Oxigraph ({args.processes} read-only processes on {args.location}) at http://{host}:{port}/query; "
          f"a query is stopped at {args.query_timeout:g} s", flush=True)
    try:
        server.run()
    finally:
        supervisor.close()
    return 0


def cmd_bench(args: argparse.Namespace, settings: Settings) -> int:
    from sharaka.benchmarks.__main__ import main as bench_main

    return bench_main(args.bench_args, prog="sharaka bench")
