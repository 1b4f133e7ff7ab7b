"""`sharaka sparql`: every output format, and the same refusals as the endpoint (exit code 2)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sharaka import cli
from tests.sparql_helpers import (
    ASK_3222,
    CONSTRUCT_3222,
    COUNT_AGREEMENTS,
    PAK,
    PARTIES_3222,
    SAU,
    G,
    result_rows,
    triples,
)


@pytest.fixture()
def run(monkeypatch: pytest.MonkeyPatch, memory_store: Any, data_dir: Path,
        capsysbinary: pytest.CaptureFixture[bytes]) -> Any:
    """Run `sharaka sparql …` in-process on the session's store (no second load of the graph)."""
    monkeypatch.setattr("sharaka.store.opening.open_store", lambda settings: (memory_store, {}))

    def sparql(*args: str, stdin: str | None = None) -> tuple[int, bytes, str]:
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = cli.main(["sparql", *args, "--data-dir", str(data_dir)])
        out, err = capsysbinary.readouterr()
        return code, out, err.decode()
    return sparql


@pytest.mark.parametrize(("fmt", "media_type"), [
    ("json", "application/sparql-results+json"), ("csv", "text/csv"), ("tsv", "text/tab-separated-values"),
    ("xml", "application/sparql-results+xml"),
])
def test_select_formats(run: Any, fmt: str, media_type: str) -> None:
    code, out, _ = run(PARTIES_3222, "--format", fmt)
    assert code == 0
    assert sorted(row["party"].strip("<>") for row in result_rows(out, media_type)) == [PAK, SAU]


@pytest.mark.parametrize(("fmt", "media_type"), [("turtle", "text/turtle"), ("ntriples", "application/n-triples"),
                                                 ("json", "application/ld+json")])
def test_graph_formats(run: Any, fmt: str, media_type: str) -> None:
    code, out, _ = run(CONSTRUCT_3222, "--format", fmt)
    assert code == 0
    assert len(triples(out, media_type)) == 2


def test_ask_and_stdin(run: Any) -> None:
    code, out, _ = run("-", stdin=ASK_3222)
    assert code == 0 and json.loads(out)["boolean"] is True


def test_from_is_honoured(run: Any) -> None:
    code, out, _ = run(COUNT_AGREEMENTS.replace("WHERE", f"FROM <{G}curated> WHERE"), "--format", "csv")
    assert code == 0 and out.decode().split() == ["n", "99"]


@pytest.mark.parametrize(("args", "code_name"), [
    (["INSERT DATA { <http://a/b> <http://a/c> 1 }"], "forbidden_query"),
    (["SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }"], "forbidden_query"),
    (["SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"], "forbidden_query"),
    (["SELECT * WHERE { ?s ?p"], "malformed_query"),
    (["SELECT * WHERE " + "{" * 40 + "}" * 40], "query_too_deep"),
    (["ASK { { { } } }", "--max-query-nesting", "2"], "query_too_deep"),
    ([""], "malformed_query"),
    (["ASK {}" + " " * 50, "--max-query-length", "50"], "query_too_long"),
    ([PARTIES_3222, "--format", "turtle"], "not_acceptable"),
    ([CONSTRUCT_3222, "--format", "csv"], "not_acceptable"),
])
def test_refusals(run: Any, args: list[str], code_name: str) -> None:
    code, out, err = run(*args)
    assert code == 2
    assert out == b""
    assert err.startswith(f"error ({code_name}): ")


def test_unknown_format_is_an_argument_error(run: Any) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run(PARTIES_3222, "--format", "excel")
    assert exit_info.value.code == 2


@pytest.mark.parametrize(("nation", "member"), [("PAK", "true"), ("USA", "false")])
def test_the_real_command(mini_data_dir: Path, nation: str, member: str) -> None:
    """Once end to end, in a process of its own, on the small hand-made graph (tests/mini_data.py): the built
    graph is loaded, not rebuilt. In mini.trig Pakistan is a member of the OIC and the United States is not."""
    ask = (f"ASK {{ <https://w3id.org/sharaka/id/nation/{nation}> "
           "<https://w3id.org/sharaka/ontology#memberOf> <https://w3id.org/sharaka/id/organization/OIC> }")
    built = (mini_data_dir / "sharaka.nq").stat().st_mtime_ns
    done = subprocess.run([sys.executable, "-m", "sharaka.cli", "sparql", ask, "--format", "xml",
                           "--data-dir", str(mini_data_dir)], capture_output=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert f"<boolean>{member}</boolean>".encode() in done.stdout
    assert (mini_data_dir / "sharaka.nq").stat().st_mtime_ns == built  # checked and loaded, not rebuilt


def test_the_query_from_a_file(run: Any, tmp_path: Path) -> None:
    query_file = tmp_path / "parties.rq"
    query_file.write_text(PARTIES_3222, encoding="utf-8")
    code, out, _ = run("--file", str(query_file), "--format", "csv")
    assert code == 0
    assert sorted(row["party"] for row in result_rows(out, "text/csv")) == [PAK, SAU]


def test_a_query_and_a_file_at_once_is_refused(run: Any, tmp_path: Path) -> None:
    (tmp_path / "q.rq").write_text(ASK_3222, encoding="utf-8")
    code, out, err = run(ASK_3222, "--file", str(tmp_path / "q.rq"))
    assert code == 2 and out == b"" and err.startswith("error (bad_request): give the query as an argument or")


@pytest.mark.parametrize(("query", "lines"), [
    (PARTIES_3222, ["party", "---------------", "skid:nation/PAK", "skid:nation/SAU", "(2 rows)"]),
    (ASK_3222, ["yes"]),
    (ASK_3222.replace("PAK", "FRA"), ["no"]),
    (CONSTRUCT_3222, ["subject                   predicate    object",
                      "------------------------  -----------  ---------------",
                      "skid:agreement/atop-3222  sk:hasParty  skid:nation/PAK",
                      "skid:agreement/atop-3222  sk:hasParty  skid:nation/SAU", "(2 rows)"]),
])
def test_a_table_for_people(run: Any, query: str, lines: list[str]) -> None:
    code, out, _ = run(query, "--format", "table")
    assert code == 0
    got = out.decode().splitlines()
    assert got[:2] == lines[:2] and got[-1] == lines[-1]
    assert sorted(got[2:-1]) == lines[2:-1]  # a graph's triples come in no set order


def test_the_table_is_the_default_on_a_terminal(run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, out, _ = run(COUNT_AGREEMENTS)
    assert code == 0 and out.decode().splitlines()[0].strip() == "n" and out.decode().endswith("(1 row)\n")
