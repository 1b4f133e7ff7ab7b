"""The benchmark suite: the quick run end to end, the synthetic generator, the growth exponent, the SPARQL mix."""

from __future__ import annotations

import hashlib
import json
import math
import os
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rdflib.plugins.sparql import prepareQuery

from sharaka.benchmarks.chart import latency_chart
from sharaka.benchmarks.growth import exponents, growth_questions, nation_lookup_types, slope
from sharaka.benchmarks.sparql_mix import embedded_runner, load_mix, oxrdflib_runner
from sharaka.benchmarks.synthetic import generate, offsets, split_graph
from sharaka.store import MemoryStore
from tests.processes import run_and_reap

REPO = Path(__file__).resolve().parents[1]
SVG = "{http://www.w3.org/2000/svg}"


# -- the growth exponent -----------------------------------------------------------------------------
@pytest.mark.parametrize(("sizes", "values", "expected"), [
    ([1, 10, 100], [2.0, 20.0, 200.0], 1.0),        # linear
    ([1, 10, 100], [3.0, 3.0, 3.0], 0.0),           # flat
    ([1, 100], [1.0, 10.0], 0.5),                   # square root
    ([1, 10, 100], [1.0, 100.0, 10000.0], 2.0),     # quadratic
    ([1, 10, 100], [1.0, 2.0, 8.0], (math.log(8) - 0) / math.log(100)),  # least squares through 3 points
])
def test_slope_on_known_numbers(sizes: list[float], values: list[float], expected: float) -> None:
    assert slope(sizes, values) == pytest.approx(expected, abs=0.02)


def test_slope_needs_two_sizes() -> None:
    assert slope([10], [5.0]) is None
    assert slope([10, 10], [5.0, 6.0]) is None


def test_exponents_flag_linear_nation_lookups() -> None:
    lookup = nation_lookup_types()[0]
    by_size = {"1": {"load_s": 1.0, "index_s": 1.0, "peak_rss_mb": 200.0,
                     "per_type": {lookup: {"p50": 2.0, "status": "answered"}}},
               "10": {"load_s": 10.0, "index_s": 9.0, "peak_rss_mb": 900.0,
                      "per_type": {lookup: {"p50": 20.0, "status": "answered"}}}}
    found = exponents(by_size, [lookup])
    assert found["exponents"][lookup]["slope"] == pytest.approx(1.0)
    assert found["load_slope"] == pytest.approx(1.0)
    assert found["nation_lookups"]["sublinear"] is False
    by_size["10"]["per_type"][lookup]["p50"] = 4.0
    assert exponents(by_size, [lookup])["nation_lookups"]["sublinear"] is True


def test_growth_questions_one_per_type() -> None:
    from sharaka.queries import load_templates

    questions = growth_questions()
    assert set(questions) == {t.id for t in load_templates()}
    assert "partners" in nation_lookup_types() and "agreements_between" not in nation_lookup_types()


# -- the synthetic generator --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def reduced_graph(reduced_data_dir: Path) -> Path:
    """The generator copies agreement records whatever their source: the graph without SIPRI shows it as well, at a
    quarter of the size (three copies of the full graph would be 5 M quads in memory)."""
    return reduced_data_dir / "sharaka.nq"


def test_synthetic_graph_is_deterministic_with_the_expected_count(reduced_graph: Path, tmp_path: Path) -> None:
    graph_file = reduced_graph
    with graph_file.open(encoding="utf-8") as fh:
        kept, records = split_graph(fh)
    first = generate(graph_file, tmp_path / "a.nq", 3, seed=5)
    second = generate(graph_file, tmp_path / "b.nq", 3, seed=5)
    digest = [hashlib.sha256(p.read_bytes()).hexdigest() for p in (first.path, second.path)]
    assert digest[0] == digest[1]
    assert first.quads == len(kept) + 3 * len(records)
    # No replica line repeats another: the store holds every line written.
    store = MemoryStore.from_nquads(first.path)
    assert store.triple_count() == first.quads
    assert generate(graph_file, tmp_path / "c.nq", 3, seed=6).path.read_bytes() != first.path.read_bytes()


def test_replicas_have_fresh_uris_and_shifted_years(reduced_graph: Path, tmp_path: Path) -> None:
    graph_file = reduced_graph
    made = generate(graph_file, tmp_path / "g.nq", 2, seed=5)
    store = MemoryStore.from_nquads(made.path)
    shift = offsets(2, 5)[0]
    assert shift != 0
    query = """PREFIX sk: <https://w3id.org/sharaka/ontology#>
    SELECT ?year ?id ?name (COUNT(?party) AS ?parties) WHERE {
      <https://w3id.org/sharaka/id/agreement/atop-3222%s> sk:startYear ?year ; sk:sourceId ?id ;
        <http://www.w3.org/2000/01/rdf-schema#label> ?name ; sk:participation/sk:participant ?party .
    } GROUP BY ?year ?id ?name"""
    original = store.select(query % "").rows
    replica = store.select(query % "-r1").rows
    assert len(original) == len(replica) == 1
    assert int(replica[0]["year"]) == int(original[0]["year"]) + shift
    assert str(replica[0]["id"]) == "atop:3222-r1"
    assert str(replica[0]["name"]) == str(original[0]["name"]) + " copy1"
    assert int(replica[0]["parties"]) == int(original[0]["parties"])  # same nations, as they are
    nations = "SELECT (COUNT(?n) AS ?c) WHERE { ?n a <https://w3id.org/sharaka/ontology#Nation> }"
    assert store.select(nations).rows == MemoryStore.from_nquads(graph_file).select(nations).rows


# -- the SPARQL mix -----------------------------------------------------------------------------------
def test_sparql_mix_files_parse_and_say_what_they_ask() -> None:
    mix = load_mix()
    assert len(mix) >= 10
    for query in mix:
        assert len(query.about) > 20, f"{query.name}: say what the query asks in a comment at the top"
        prepareQuery(query.text)


def test_sparql_mix_row_counts_agree_on_embedded_and_oxrdflib(reduced_memory_store: MemoryStore) -> None:
    embedded, oxrdflib = embedded_runner(reduced_memory_store), oxrdflib_runner(reduced_memory_store)
    for query in load_mix():
        rows = embedded(query.text)
        assert rows > 0, f"{query.name} returns nothing on the real graph"
        assert oxrdflib(query.text) == rows, query.name


# -- the chart ----------------------------------------------------------------------------------------
def test_chart_is_svg_with_one_line_per_type() -> None:
    svg = latency_chart({"partners": {1: 2.0, 10: 4.0, 100: 9.0}, "rank_nations": {1: 10.0, 10: 90.0}},
                        "title <&>", highlight=["partners"])
    root = ET.fromstring(svg)
    assert root.tag == SVG + "svg"
    assert len(root.findall(f"{SVG}polyline")) == 2
    assert ET.fromstring(latency_chart({}, "empty")).tag == SVG + "svg"


# -- the whole run ------------------------------------------------------------------------------------
@pytest.mark.server
def test_quick_run_writes_json_markdown_and_svg(tmp_path: Path, reduced_data_dir: Path) -> None:
    """`python -m sharaka.benchmarks --quick` end to end: every section, in a fresh process, on the graph without
    SIPRI (what is tested is the run, not the figures; the full graph's figures are in docs/benchmarks.md)."""
    env = dict(os.environ, SHARAKA_DATA_DIR=str(reduced_data_dir))
    done = run_and_reap([sys.executable, "-m", "benchmarks", "--quick", "--out", str(tmp_path)], 900, cwd=REPO,
                        env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads((tmp_path / "latest.json").read_text(encoding="utf-8"))
    assert {"meta", "qa", "sparql", "startup", "growth", "http"} <= results.keys()
    assert results["qa"]["overall"]["p50"] > 0 and results["qa"]["by_type"]
    assert results["sparql"]["row_count_mismatches"] == []
    assert set(results["sparql"]["total_ms"]) == {"embedded", "oxrdflib", "server"}
    assert results["startup"]["warm"]["first_answer_status"] == "answered"
    assert results["startup"]["warm_disk"]["first_answer_status"] == "answered"
    # The first start keeps the QA index beside the graph; the warm starts read it back.
    assert results["startup"]["first_start"]["index_cache"] in ("written", "read")
    assert results["startup"]["warm"]["index_cache"] == results["startup"]["warm_disk"]["index_cache"] == "read"
    assert results["growth"]["sizes"] == [1, 2]
    assert all(e["slope"] is not None for e in results["growth"]["exponents"].values())
    assert results["growth"]["by_size"]["2"]["quads"] > results["growth"]["by_size"]["1"]["quads"]
    assert results["http"]["best_answers_per_s"] > 0
    assert all(set(r["status"]) == {"200"} for r in results["http"]["runs"].values())  # no 429: limit off
    markdown = (tmp_path / "latest.md").read_text(encoding="utf-8")
    for heading in ("## Targets", "## Question answering", "## SPARQL mix", "## Start-up", "## Growth",
                    "## Answers over HTTP"):
        assert heading in markdown
    assert markdown in done.stdout
    svg = ET.fromstring((tmp_path / "latest.svg").read_text(encoding="utf-8"))
    assert len(svg.findall(f"{SVG}polyline")) == len(results["growth"]["exponents"])


def test_sharaka_bench_passes_its_flags_on(capsys: pytest.CaptureFixture[str]) -> None:
    from sharaka.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["bench", "--help"])
    assert exit_.value.code == 0
    assert "--quick" in capsys.readouterr().out
