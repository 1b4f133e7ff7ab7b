"""The `sharaka` command: build, validate, sparql, ask, questions, eval, serve, load, bench."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from sharaka.errors import SharakaError
from sharaka.settings import SETTINGS, Settings

Command = Callable[[argparse.Namespace, Settings], int]


def _add_setting_flags(parser: argparse.ArgumentParser, names: Sequence[str]) -> None:
    """Flags generated from the settings declarations (one place documents them)."""
    by_name = {s.name: s for s in SETTINGS}
    for name in names:
        s = by_name[name]
        parser.add_argument(f"--{name.replace('_', '-')}", dest=f"setting_{name}", default=None,
                            help=f"{s.help} (env {s.env_var}, default {s.default})")


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {k.removeprefix("setting_"): v for k, v in vars(args).items() if k.startswith("setting_")}
    return Settings.load(overrides)


def cmd_build(args: argparse.Namespace, settings: Settings) -> int:
    from kg.build import build, input_fingerprint, summary_rows, unexpected_unmapped, write_graph, write_manifest

    result = build()
    out = Path(args.out) if args.out else Path(settings.data_dir) / "sharaka.nq"
    write_graph(result, out)
    if not args.out:
        write_manifest(result, out.parent, input_fingerprint())
    for line in summary_rows(result):
        print(line)
    print(f"wrote {out}")
    unexpected = unexpected_unmapped(result)
    if unexpected:
        print(f"error: codes not in the known-exceptions table: {unexpected}", file=sys.stderr)
        return 1
    return 0


def cmd_validate(args: argparse.Namespace, settings: Settings) -> int:
    from kg.validate import validate_file
    from sharaka.graph import built_graph_path

    report = validate_file(built_graph_path(settings))
    print(report.text if report.violations else f"conforms: 0 violations ({report.focus_nodes} nodes checked)")
    return 0 if report.conforms else 1


def cmd_sparql(args: argparse.Namespace, settings: Settings) -> int:
    from sharaka.graph import open_store
    from sharaka.media_types import cli_format
    from sharaka.sparql_safety import check_query

    query = sys.stdin.read() if args.query == "-" else args.query
    parsed = check_query(query, max_length=settings.max_query_length, max_nesting=settings.max_query_nesting)
    store, _ = open_store(settings)
    result_type, graph_type = cli_format(args.format, parsed.kind)
    raw = store.raw(query, result_type, graph_type, parsed.dataset)
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
    from queries import load_templates

    for template in load_templates():
        print(f"{template.id}: {template.description}")
        for example in template.examples:
            print(f"    - {example}")
    return 0


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from sharaka.qa.engine import open_engine
    from sharaka.qa.evaluate import evaluate_file, format_report

    report = evaluate_file(open_engine(settings), Path(args.file))
    print(json.dumps(report, indent=2, ensure_ascii=False) if args.json else format_report(report))
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from service.app import create_app

    app = create_app(settings)
    # debug=False: app.run() would otherwise take FLASK_DEBUG and start Werkzeug's debugger console.
    app.run(host=settings.host, port=settings.port, threaded=True, debug=False)
    return 0


def cmd_load(args: argparse.Namespace, settings: Settings) -> int:
    from sharaka.graph import built_graph_path
    from sharaka.remote_store import load_into_remote

    count = load_into_remote(built_graph_path(settings), args.to, settings)
    print(f"loaded and verified {count:,} triples at {args.to}")
    return 0


def cmd_bench(args: argparse.Namespace, settings: Settings) -> int:
    from benchmarks.__main__ import main as bench_main

    return bench_main(args.bench_args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sharaka", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build", help="build the graph from kg/sources and print triples per source")
    p.add_argument("--out", help="write the N-Quads here instead of the data directory")
    _add_setting_flags(p, ["data_dir"])
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("validate", help="SHACL-validate the built graph; exit 1 on any violation")
    _add_setting_flags(p, ["data_dir"])
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("sparql", help="run a read-only SPARQL query on the graph ('-' reads stdin)")
    p.add_argument("query")
    p.add_argument("--format", default="json", choices=["json", "csv", "tsv", "xml", "turtle", "ntriples"])
    _add_setting_flags(p, ["data_dir", "store", "max_query_length", "max_query_nesting"])
    p.set_defaults(func=cmd_sparql)

    p = sub.add_parser("ask", help="answer a question")
    p.add_argument("question")
    p.add_argument("--json", action="store_true", help="print the whole answer object")
    _add_setting_flags(p, ["data_dir", "store"])
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("questions", help="list every question type with its examples")
    p.set_defaults(func=cmd_questions)

    p = sub.add_parser("eval", help="score a JSONL question set")
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    _add_setting_flags(p, ["data_dir", "store"])
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("serve", help="run the web service (chat, API, SPARQL endpoint)")
    _add_setting_flags(p, [s.name for s in SETTINGS if s.name != "store_update_url"])
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("load", help="load the built graph into a remote store and verify the count")
    p.add_argument("--to", required=True,
                   help="the remote store: its Graph Store URL (http://127.0.0.1:7878/store) or its query URL "
                        "(…/query; the store URL is then derived, or taken from --store-update-url)")
    _add_setting_flags(p, ["data_dir", "store", "store_update_url", "store_connect_timeout", "store_timeout",
                           "store_retries"])
    p.set_defaults(func=cmd_load)

    p = sub.add_parser("bench", help="run the benchmarks (python -m benchmarks): write benchmarks/results/latest.*",
                       add_help=False)
    p.add_argument("bench_args", nargs="*", help="--quick, --only, --sizes … (see sharaka bench --help)")
    p.set_defaults(func=cmd_bench)
    return parser


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
    except SharakaError as exc:
        print(f"error ({exc.code}): {exc.detail}", file=sys.stderr)
        return 2
    except ValueError as exc:  # bad setting values
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
