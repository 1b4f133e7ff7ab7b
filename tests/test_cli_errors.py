"""The command line never shows a traceback (issue 14, item 7): every subcommand, given bad input, ends with one
error line and the exit code docs/cli.md gives (2 bad input, 3 not answered, 4 the store failed); every argument
has help text; `sharaka bench --help` names itself."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sharaka.cli import build_parser

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("cli-inputs")
    paths = {"a_file": d / "a-file", "not_json": d / "not-json.jsonl", "no_expect": d / "no-expect.jsonl",
             "no_question": d / "no-question.jsonl", "binary": d / "binary.rq", "query": d / "ask.rq"}
    paths["a_file"].write_text("just a file\n")
    paths["not_json"].write_text('{"question": "Who left CENTO?", "expect": {"nations": ["IRQ"]}}\nnope\n')
    paths["no_expect"].write_text('{"question": "Who left CENTO?"}\n')
    paths["no_question"].write_text('{"expect": {"status": "out_of_scope"}}\n')
    paths["binary"].write_bytes(b"\xff\xfe ASK {}")
    paths["query"].write_text("ASK {}")
    return paths


# (arguments, exit code, what the last line of stderr says); {name} is a path from `files`, {data} the data dir
CASES: list[tuple[str, int, str]] = [
    ("", 2, "the following arguments are required: COMMAND"),
    ("frobnicate", 2, "invalid choice: 'frobnicate'"),
    ("build --data-dir {a_file}", 2, "is not a directory (a file is in the way)"),
    ("build --out /proc/no/such.nq", 2, "error: /proc/no/such.nq: No such file or directory"),
    ("validate --data-dir {a_file}/sub", 2, "is not a directory (a file is in the way)"),
    ("sparql", 2, "error (bad_request): give a query"),
    ("sparql --file /no/such.rq", 2, "error: /no/such.rq: No such file or directory"),
    ("sparql --file {binary}", 2, "error: not UTF-8 text"),
    ("sparql 'ASK {{}}' --file {query}", 2, "error (bad_request): give the query as an argument or with --file"),
    ("sparql 'SELEC ?x'", 2, "error (malformed_query): "),
    ("sparql 'ASK {{}}' --format excel", 2, "invalid choice: 'excel'"),
    ("sparql 'ASK {{}}' --data-dir {a_file}", 2, "is not a directory (a file is in the way)"),
    ("sparql 'ASK {{}}' --store http://127.0.0.1:9/query", 4, "error (store_unavailable): "),
    ("ask", 2, "the following arguments are required: question"),
    ("ask 'What is the weather on Mars?' --data-dir {data}", 3, ""),
    ("ask 'Who left CENTO?' --store ftp://example.org/", 2, "error: setting store must be 'memory' or the http(s) URL"),
    ("questions --json", 2, "unrecognized arguments: --json"),
    ("eval /no/such.jsonl", 2, "error: /no/such.jsonl: No such file or directory"),
    ("eval {not_json}", 2, "not-json.jsonl:2: not JSON"),
    ("eval {no_expect}", 2, 'no-expect.jsonl:1: "expect" must be an object'),
    ("eval {no_question}", 2, 'no-question.jsonl:1: no "question" text'),
    ("eval /tmp", 2, "error: /tmp: Is a directory"),
    ("serve --port abc", 2, "error: setting port (SHARAKA_PORT): invalid literal"),
    ("serve --port 99999", 2, "error (serve_error): cannot listen on 127.0.0.1:99999"),
    ("serve --host 203.0.113.7", 2, "error (serve_error): cannot listen on 203.0.113.7:8000"),
    ("serve --workers many", 2, "error: setting workers (SHARAKA_WORKERS)"),
    ("load", 2, "the following arguments are required: --to"),
    ("load --to http://127.0.0.1:9/store --data-dir {data}", 4, "error (store_unavailable): cannot reach the store"),
    ("bench --only nonsense", 2, "unknown sections ['nonsense']"),
]


@pytest.mark.parametrize(("args", "code", "says"), CASES, ids=[c[0] or "(nothing)" for c in CASES])
def test_bad_input_gives_one_line_and_an_exit_code(args: str, code: int, says: str, files: dict[str, Path],
                                                   mini_data_dir: Path) -> None:
    import shlex

    argv = shlex.split(args.format(data=mini_data_dir, **files))
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHARAKA_")}
    env["SHARAKA_DATA_DIR"] = str(mini_data_dir)  # never the user's cache; small: what is tested is the CLI
    done = subprocess.run([sys.executable, "-m", "sharaka", *argv], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=180, check=False)
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert done.returncode == code, done.stderr[-2000:]
    # Progress (INFO) and warnings may come first; the error itself is one line.
    errors = [line for line in done.stderr.splitlines()
              if line and not line.startswith(("INFO ", "WARNING ", "usage:", "  "))]
    if says:
        assert len(errors) == 1, done.stderr
        assert says in errors[0], errors[0]


def _all_actions(parser: argparse.ArgumentParser, path: str = "sharaka") -> list[tuple[str, argparse.Action]]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found += _all_actions(sub, f"{path} {name}")
        elif not isinstance(action, argparse._HelpAction):
            found.append((path, action))
    return found


def test_every_argument_has_help_and_a_plain_metavar() -> None:
    actions = _all_actions(build_parser())
    assert len(actions) > 50
    for where, action in actions:
        assert action.help, f"{where} {action.option_strings or action.dest} has no help"
        assert "SETTING_" not in str(action.metavar or ""), f"{where} {action.option_strings}"
    help_text = build_parser()._subparsers._group_actions[0].choices["serve"].format_help()  # type: ignore[union-attr]
    assert "SETTING_" not in help_text and "--port N" in help_text and "--data-dir DIR" in help_text


def test_bench_help_names_sharaka_bench() -> None:
    done = subprocess.run([sys.executable, "-m", "sharaka", "bench", "--help"], cwd=REPO, capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0 and done.stdout.startswith("usage: sharaka bench")
