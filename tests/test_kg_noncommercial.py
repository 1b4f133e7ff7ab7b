"""A build without the sources whose terms are non-commercial (exclude_noncommercial: today SIPRI) is a graph of
its own: it holds nothing of them, conforms to the shapes, and answers the question sets with the gold computed
for it (the "expect_without_noncommercial" of a line, where it differs: honest no_results where SIPRI was the
only source)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sharaka.kg.build import GRAPH_FILE, BuildResult, build, input_fingerprint, write_graph, write_manifest
from sharaka.kg.validate import AGREEMENT_GRAPHS, validate_file
from sharaka.qa.evaluate import read_jsonl
from sharaka.store import MemoryStore

QUESTIONS = Path(__file__).parent / "questions"
BASE = "https://w3id.org/sharaka/"


@pytest.fixture(scope="module")
def open_build() -> BuildResult:
    return build(exclude_noncommercial=True)


@pytest.fixture(scope="module")
def open_dir(tmp_path_factory: pytest.TempPathFactory, open_build: BuildResult) -> Path:
    directory = tmp_path_factory.mktemp("sharaka-open")
    write_graph(open_build, directory / GRAPH_FILE)
    write_manifest(open_build, directory, input_fingerprint(exclude_noncommercial=True))
    return directory


def test_nothing_of_sipri_is_left(open_build: BuildResult, open_dir: Path) -> None:
    assert open_build.report.excluded == ["sipri"]
    assert "sipri" not in open_build.graph_counts()
    data = [line for line in open_build.lines if not line.endswith(f"<{BASE}graph/ontology> .\n")]
    assert not [line for line in data if "/agreement/sipri-" in line or "/dataset/sipri>" in line
                or "ArmsTransfer>" in line.split(" ", 3)[2]]
    manifest = json.loads((open_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["excluded_datasets"] == ["sipri"]
    assert manifest["fingerprint"] != input_fingerprint()  # never taken for the full build's cache


def test_the_rest_is_the_full_build(open_build: BuildResult, build_result: BuildResult) -> None:
    """Every other source gives the same triples (nations and the description aside)."""
    for graph in ("atop", "dcad", "desta", "nca", "curated", "mme", "oic", "cow_igo"):
        assert open_build.graph_counts()[graph] == build_result.graph_counts()[graph], graph


def test_description_says_what_was_left_out(open_dir: Path) -> None:
    store = MemoryStore.from_nquads(open_dir / GRAPH_FILE)
    assert not store.ask(f"ASK {{ <{BASE}id/dataset/sharaka> <http://rdfs.org/ns/void#subset> "
                         f"<{BASE}id/dataset/sipri> }}")
    assert store.ask(f'ASK {{ <{BASE}id/dataset/sharaka> <http://www.w3.org/2000/01/rdf-schema#comment> ?c '
                     f'FILTER(CONTAINS(?c, "exclude_noncommercial")) }}')
    assert store.ask(f"ASK {{ <{BASE}id/dataset/mme> <http://purl.org/dc/terms/rights> ?terms ; "
                     f"<{BASE}ontology#nonCommercial> false }}")


def graph_of(line: str) -> str:
    return line.rsplit(" ", 2)[-2].strip("<>").rsplit("/", 1)[-1]


def test_open_build_conforms(open_build: BuildResult, build_result: BuildResult, tmp_path: Path) -> None:
    """The open build is the full one without SIPRI's graph and a few context lines of SIPRI's alone. Its agreement
    graphs are the full build's line for line, validated there (test_kg_shape); what differs is the context
    (ontology, nations, organizations, description, lexicon), validated here on its own."""
    others = [g for g in AGREEMENT_GRAPHS if g != "sipri"]
    assert ({line for line in open_build.lines if graph_of(line) in others}
            == {line for line in build_result.lines if graph_of(line) in others})
    dropped = ({line for line in build_result.lines if graph_of(line) not in AGREEMENT_GRAPHS}
               - set(open_build.lines))
    referenced = {word for line in open_build.lines if graph_of(line) in others for word in line.split(" ")[:3]}
    assert not [line for line in dropped if graph_of(line) != "meta" and line.split(" ", 1)[0] in referenced], \
        "the open build lost context that its agreements refer to"
    context = tmp_path / GRAPH_FILE
    context.write_text("".join(line for line in open_build.lines if graph_of(line) not in AGREEMENT_GRAPHS),
                       encoding="utf-8")
    report = validate_file(context)
    assert (report.conforms, report.violations) == (True, 0), report.text[:3000]


@pytest.mark.timeout(1200)
@pytest.mark.parametrize("name", ["dev", "heldout", "blind"])
def test_question_sets_on_the_open_build(open_dir: Path, tmp_path: Path, name: str) -> None:
    lines = read_jsonl(QUESTIONS / f"{name}.jsonl")
    changed = [line for line in lines if "expect_without_noncommercial" in line]
    assert changed, "every set has answers that only SIPRI gave"
    swapped = tmp_path / f"{name}.jsonl"
    swapped.write_text("".join(json.dumps({**line, "expect": line.get("expect_without_noncommercial",
                                                                        line["expect"])}) + "\n"
                               for line in lines), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "sharaka", "eval", str(swapped), "--json", "--data-dir",
                           str(open_dir), "--exclude-noncommercial"], capture_output=True, text=True, timeout=1100,
                          check=True)
    report = json.loads(done.stdout)
    assert report["errors"] == 0, report["error_details"]
    assert report["overall_f1"] >= 0.95, report["misses"]
    assert report["failure_accuracy"] >= 0.95, report["misses"]
