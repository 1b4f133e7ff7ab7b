"""The `sharaka` command: build, validate, sparql, ask, questions, eval, serve, load, store-supervisor, bench.

Every mistake a user can make gets one line on stderr and an exit code, never a traceback (docs/cli.md):
0 done; 1 the command ran and found a problem (violations, unmapped codes); 2 bad input (arguments, settings,
files, a refused query); 3 `ask`: the question was not answered; 4 the store or the service failed (unreachable,
timed out); 70 a bug (one line; --traceback shows it); 130 interrupted."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from sharaka.cli.commands import (
    cmd_ask,
    cmd_bench,
    cmd_build,
    cmd_eval,
    cmd_load,
    cmd_questions,
    cmd_serve,
    cmd_sparql,
    cmd_store_supervisor,
    cmd_validate,
)
from sharaka.errors import SharakaError
from sharaka.settings import SETTINGS, Settings

__all__ = ["build_parser", "main"]

DONE, FOUND_PROBLEMS, BAD_INPUT, NOT_ANSWERED, FAILED, BUG, INTERRUPTED = 0, 1, 2, 3, 4, 70, 130
SPARQL_FORMATS = ["table", "json", "csv", "tsv", "xml", "turtle", "ntriples"]


def _add_setting_flags(parser: argparse.ArgumentParser, names: Sequence[str]) -> None:
    """Flags generated from the settings declarations (one place documents them)."""
    by_name = {s.name: s for s in SETTINGS}
    for name in names:
        s = by_name[name]
        if isinstance(s.default, bool):  # a switch: --exclude-noncommercial, no value
            parser.add_argument(f"--{name.replace('_', '-')}", dest=f"setting_{name}", default=None,
                                action="store_const", const="true",
                                help=f"{s.help} (env {s.env_var}=true, default off)")
            continue
        default = "~/.cache/sharaka" if name == "data_dir" else s.default
        parser.add_argument(f"--{name.replace('_', '-')}", dest=f"setting_{name}", default=None,
                            metavar=_metavar(s.default, name), help=f"{s.help} (env {s.env_var}, default {default})")


def _metavar(default: object, name: str) -> str:
    if isinstance(default, bool):
        return "BOOL"
    if isinstance(default, float):
        return "SECONDS" if "timeout" in name or name.endswith("_slice") else "NUMBER"
    if isinstance(default, int):
        return "N"
    return {"data_dir": "DIR", "store": "URL", "store_update_url": "URL", "host": "HOST"}.get(name, "TEXT")


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {k.removeprefix("setting_"): v for k, v in vars(args).items() if k.startswith("setting_")}
    return Settings.load(overrides)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sharaka", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--traceback", action="store_true",
                        help="on an unexpected error (a bug), show the Python traceback for a bug report")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("build", help="build the graph from kg/sources and print triples per source")
    p.add_argument("--out", metavar="FILE", help="write the N-Quads here instead of the data directory")
    _add_setting_flags(p, ["data_dir", "exclude_noncommercial"])
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("validate", help="SHACL-validate the built graph; exit 1 on any violation")
    _add_setting_flags(p, ["data_dir", "exclude_noncommercial"])
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("sparql", help="run a read-only SPARQL query on the graph")
    p.add_argument("query", nargs="?", help="the query text ('-' reads it from standard input)")
    p.add_argument("--file", "-f", metavar="FILE", help="read the query from this file ('-': standard input)")
    p.add_argument("--format", choices=SPARQL_FORMATS, default=None,
                   help="table (the default on a terminal: IRIs shortened, long values cut), or the bytes of "
                        "json (the default otherwise), csv, tsv, xml for SELECT/ASK; turtle, ntriples, json "
                        "(JSON-LD) for CONSTRUCT/DESCRIBE")
    _add_setting_flags(p, ["data_dir", "store", "max_query_length", "max_query_nesting", "exclude_noncommercial"])
    p.set_defaults(func=cmd_sparql)

    p = sub.add_parser("ask", help="answer a question (exit 3 when it is not answered)")
    p.add_argument("question", help="a question in English, Arabic, French or Turkish, e.g. 'Who left CENTO?'")
    p.add_argument("--json", action="store_true", help="print the whole answer object")
    _add_setting_flags(p, ["data_dir", "store", "exclude_noncommercial"])
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("questions", help="list every question type with its examples")
    p.set_defaults(func=cmd_questions)

    p = sub.add_parser("eval", help="score a JSONL question set")
    p.add_argument("file", help="JSONL: one {\"question\": …, \"expect\": {…}} per line (tests/questions/*.jsonl)")
    p.add_argument("--json", action="store_true", help="print the whole report as JSON")
    _add_setting_flags(p, ["data_dir", "store", "exclude_noncommercial"])
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("serve", help="run the web service (chat, API, SPARQL endpoint); docs/production.md")
    p.add_argument("--dev", action="store_true",
                   help="Werkzeug's development server instead, reloading when the code changes (one process; "
                        "not for production: slow clients can hold its threads)")
    _add_setting_flags(p, [s.name for s in SETTINGS if s.name != "store_update_url"])
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("load", help="load the built graph into a remote store and verify the count")
    p.add_argument("--to", required=True, metavar="URL",
                   help="the remote store: its Graph Store URL (http://127.0.0.1:7878/store) or its query URL "
                        "(…/query; the store URL is then derived, or taken from --store-update-url)")
    _add_setting_flags(p, ["data_dir", "store", "store_update_url", "store_connect_timeout", "store_timeout",
                           "store_retries", "exclude_noncommercial"])
    p.set_defaults(func=cmd_load)

    p = sub.add_parser("store-supervisor", help="serve an Oxigraph database read-only, killing any query that "
                       "runs too long (for SHARAKA_STORE; docs/scaling-out.md)")
    p.add_argument("--location", required=True, metavar="DIR", help="the database (oxigraph load --location DIR)")
    p.add_argument("--bind", default="127.0.0.1:7878", metavar="HOST:PORT",
                   help="where to answer (default %(default)s)")
    p.add_argument("--processes", type=int, default=2, metavar="N",
                   help="oxigraph processes, each running one query at a time (default %(default)s)")
    p.add_argument("--query-timeout", type=float, default=12.0, metavar="SECONDS",
                   help="a query still running after this is stopped: its process is killed and replaced "
                        "(default %(default)s: the service's query_timeout, 10 s, and 2 more)")
    p.add_argument("--wait", type=float, default=2.0, metavar="SECONDS",
                   help="how long a query waits for a free process before a 503 (default %(default)s)")
    p.set_defaults(func=cmd_store_supervisor)

    p = sub.add_parser("bench", help="run the benchmarks: write benchmarks/results/latest.* (sharaka bench --help)",
                       add_help=False)
    p.add_argument("bench_args", nargs="*", help="--quick, --only, --sizes … (see sharaka bench --help)")
    p.set_defaults(func=cmd_bench)
    return parser


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def _failure(exc: BaseException) -> tuple[int, str]:
    """The exit code and the one line for an error that ends a command."""
    if isinstance(exc, SharakaError):
        return (FAILED if exc.status >= 500 else BAD_INPUT), f"error ({exc.code}): {_one_line(exc.detail)}"
    if isinstance(exc, OSError):  # a file or directory given by the user (or derived from a setting)
        where = f" {exc.filename}" if exc.filename else ""
        reason = ("is not a directory (a file is in the way)" if isinstance(exc, (FileExistsError, NotADirectoryError))
                  else exc.strerror or exc)
        return BAD_INPUT, f"error:{where}: {_one_line(reason)}"
    if isinstance(exc, UnicodeDecodeError):
        return BAD_INPUT, f"error: not UTF-8 text ({_one_line(exc.reason)} at byte {exc.start})"
    if isinstance(exc, ValueError):  # setting values
        return BAD_INPUT, f"error: {_one_line(exc)}"
    return BUG, (f"internal error ({type(exc).__name__}: {_one_line(exc)[:300]}); this is a bug: "
                 "run again with --traceback and report it")


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    parser = build_parser()
    # `sharaka bench` hands every flag to the benchmark's own parser (argparse's REMAINDER misses leading flags).
    args, extra = parser.parse_known_args(argv)
    if extra and args.command != "bench":
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if args.command == "bench":
        args.bench_args = extra + args.bench_args
    try:
        settings = _settings(args)
        return int(args.func(args, settings))
    except KeyboardInterrupt:
        return INTERRUPTED
    except Exception as exc:
        if args.traceback:
            raise
        code, line = _failure(exc)
        print(line, file=sys.stderr)
        return code
