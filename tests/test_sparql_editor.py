"""The SPARQL editor in a real browser: Playwright driving Debian's Chromium against a live server.

Every test fails on a console error, a page error, a Content-Security-Policy violation or a request that
leaves 127.0.0.1, unless it names the one it provokes. Screenshots go to tests/artifacts/.
Playwright's wait_for_function evaluates its predicate with eval, which the CSP forbids: these tests poll
with page.evaluate from Python instead."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from rdflib import Graph

from tests.browser_chat import ARTIFACTS, RECORD_CSP_VIOLATIONS, guarded_page

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated")]

WAIT_MS = 15_000
SK = "PREFIX sk: <https://w3id.org/sharaka/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
KINDS = SK + "SELECT ?kind (COUNT(?a) AS ?agreements) WHERE { ?a a ?kind . ?kind rdfs:subClassOf sk:Agreement }\n" \
             "GROUP BY ?kind"
CONSTRUCT = SK + "CONSTRUCT { ?n rdfs:label ?l } WHERE { ?n sk:iso3 \"PAK\" ; rdfs:label ?l }"


@dataclass
class Editor:
    """One browser tab on the editor page, with everything it complained about."""

    page: Any
    base: str
    problems: list[str] = field(default_factory=list)
    allowed: list[re.Pattern[str]] = field(default_factory=list)
    posts: list[str] = field(default_factory=list)

    def open(self, path: str = "/sparql") -> None:
        self.page.goto(self.base + path)
        self.page.locator(".yasqe .CodeMirror-line span[class^=cm-]").first.wait_for(timeout=WAIT_MS)

    def allow(self, pattern: str) -> None:
        self.allowed.append(re.compile(pattern))

    def js(self, expression: str) -> Any:
        """Evaluate with `y` (the current YASQE) and `tab` (the current YASGUI tab) in scope."""
        return self.page.evaluate("(() => { const tab = window.sharakaYasgui.getTab(); const y = tab.getYasqe(); "
                                  f"return {expression}; }})()")

    def poll(self, expression: str, timeout_ms: int = WAIT_MS) -> Any:
        for _ in range(timeout_ms // 100):
            value = self.js(expression)
            if value:
                return value
            self.page.wait_for_timeout(100)
        raise AssertionError(f"never true: {expression}")

    def run(self, query: str | None = None) -> None:
        if query is not None:
            self.js(f"y.setValue({json.dumps(query)})")
        self.js("(window.__drawn = false, tab.getYasr().once('drawn', () => { window.__drawn = true; }), true)")
        self.page.click(".yasqe_queryButton")
        self.poll("window.__drawn === true")
        self.page.wait_for_timeout(200)

    def hints(self, text: str) -> list[str]:
        self.js("(y.setValue(''), y.focus(), true)")
        self.page.keyboard.type(text, delay=20)
        self.page.wait_for_timeout(400)
        if not self.page.locator(".CodeMirror-hints").count():
            self.page.keyboard.press("Control+Space")
            self.page.wait_for_timeout(400)
        return [t.strip() for t in self.page.locator(".CodeMirror-hint").all_inner_texts()]

    @property
    def rows(self) -> Any:
        return self.page.locator(".yasr table.dataTable tbody tr")

    def csp_violations(self) -> list[str]:
        return list(self.page.evaluate("window.__cspViolations || []"))

    def unexpected(self) -> list[str]:
        found = self.problems + [f"CSP: {v}" for v in self.csp_violations()]
        return [p for p in found if not any(a.search(p) for a in self.allowed)]

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / name
        self.page.screenshot(path=str(path), full_page=True)
        return path


def _editor(browser: Any, live_url: str, viewport: dict[str, int]) -> Iterator[Editor]:
    problems: list[str] = []
    context, page = guarded_page(browser, problems, WAIT_MS, viewport=viewport, accept_downloads=True)
    editor = Editor(page, live_url)
    editor.problems = problems
    page.on("request", lambda r: editor.posts.append(r.post_data or "") if r.method == "POST" else None)
    try:
        yield editor
        assert editor.unexpected() == []
    finally:
        context.close()


@pytest.fixture(scope="module")
def warm(app: Any) -> None:
    """The first editor page builds the chat's examples and the vocabulary (seconds): not in a browser's timeout."""
    app.test_client().get("/sparql", headers={"Accept": "text/html"})


@pytest.fixture()
def editor(browser: Any, live_url: str, warm: None) -> Iterator[Editor]:
    yield from _editor(browser, live_url, {"width": 1280, "height": 900})


@pytest.fixture()
def phone_editor(browser: Any, live_url: str, warm: None) -> Iterator[Editor]:
    yield from _editor(browser, live_url, {"width": 390, "height": 844})


def test_highlighting_run_and_a_table_that_sorts_numbers(editor: Editor) -> None:
    editor.open()
    kinds = editor.page.evaluate("Array.from(new Set(Array.from(document.querySelectorAll("
                                 "'.CodeMirror-line span[class^=cm-]')).map(s => s.className)))")
    assert any("keyword" in k for k in kinds) and any("variable" in k for k in kinds), kinds
    editor.run(KINDS)
    assert editor.rows.count() >= 10
    header = editor.page.locator(".yasr table.dataTable thead th", has_text="agreements")
    header.click()
    header.click()  # descending
    editor.page.wait_for_timeout(300)
    counts = [int(t) for t in editor.page.locator(".yasr table.dataTable tbody tr td:last-child").all_inner_texts()]
    assert counts == sorted(counts, reverse=True) and counts[0] > 1000  # as numbers: "117" after "1871"
    links = editor.page.evaluate("Array.from(document.querySelectorAll('.yasr a')).map(a => a.getAttribute('href'))"
                                 ".filter(h => h && h.includes('ontology'))")
    assert links and all(h.startswith("/ontology#") for h in links)  # our IRIs open this site's pages
    editor.page.fill(".tableFilter", "Nuclear")
    editor.page.keyboard.press("Enter")
    editor.page.wait_for_timeout(300)
    assert editor.rows.count() == 1 and "NuclearCooperation" in editor.rows.first.inner_text()
    editor.page.fill(".tableFilter", "")
    editor.page.keyboard.press("Enter")
    editor.screenshot("sparql-editor-table.png")


def test_completion_of_prefixes_classes_and_properties(editor: Editor) -> None:
    editor.open()
    hints = editor.hints("PREFIX s")
    assert "sk: <https://w3id.org/sharaka/ontology#>" in hints
    assert not [h for h in hints if "leaks" in h or "ping:" in h]  # not YASQE's prefix.cc snapshot
    editor.page.keyboard.press("Escape")
    hints = editor.hints("PREFIX sk: <https://w3id.org/sharaka/ontology#>\nSELECT * WHERE { ?x a sk:Na")
    assert any(h.startswith("sk:Nation") and h.endswith("nation") for h in hints), hints  # the label beside it
    editor.screenshot("sparql-editor-completion-class.png")
    editor.page.keyboard.press("Enter")
    assert "?x a sk:Nation" in editor.js("y.getValue()")
    hints = editor.hints("PREFIX sk: <https://w3id.org/sharaka/ontology#>\nSELECT * WHERE { ?x sk:join")
    assert any(h.startswith("sk:joinYear") for h in hints), hints
    editor.page.keyboard.press("Escape")
    editor.hints("SELECT * WHERE { ?x a sk:")  # an undeclared prefix of ours gets its PREFIX line
    editor.page.keyboard.press("Escape")
    assert editor.js("y.getValue()").startswith("PREFIX sk: <https://w3id.org/sharaka/ontology#>")


def test_a_syntax_error_is_marked_where_it_is_and_not_sent(editor: Editor) -> None:
    editor.open()
    editor.js("y.setValue('SELECT * WHERE {\\n  ?s ?p ?o .\\n  FILTER(?o = )\\n}')")
    editor.page.wait_for_timeout(300)
    mark = editor.page.locator(".sk-syntax-error")
    assert mark.count() == 1 and mark.inner_text() == ")"
    assert editor.page.locator(".parseErrorIcon").count() == 1
    editor.page.locator(".parseErrorIcon").hover()
    assert "Expected" in editor.page.locator(".yasqe_tooltip").inner_text()
    editor.screenshot("sparql-editor-syntax-error.png")
    before = len(editor.posts)
    editor.page.click(".yasqe_queryButton")
    editor.page.wait_for_timeout(500)
    assert len(editor.posts) == before  # an invalid query is not sent: the reason is shown instead
    shown = editor.page.locator(".yasr .sk-problem").inner_text()
    assert "Syntax error" in shown and "line 3, column 15" in shown and "not sent" in shown


def test_an_error_from_the_endpoint_is_marked_at_its_line_and_column(editor: Editor) -> None:
    """The endpoint's problem+json carries `line` and `column` (1-based) when its parser knows them."""
    problem = {"type": "https://w3id.org/sharaka/problems/malformed_query", "title": "Malformed query", "status": 400,
               "detail": "syntax error at line 2, column 26: ?nope is not bound here", "code": "malformed_query",
               "line": 2, "column": 26}

    def answer(route: Any) -> None:
        route.fulfill(status=400, content_type="application/problem+json", body=json.dumps(problem))

    editor.allow(r"status of 400")
    editor.open()
    editor.page.route(re.compile(r".*/sparql$"), answer)
    editor.run("SELECT * WHERE {\n  ?s ?p ?o . FILTER(?o = ?nope)\n}")  # valid for the editor's own parser
    mark = editor.page.locator(".sk-server-error")
    assert mark.count() == 1 and mark.inner_text() == "?nope"
    shown = editor.page.locator(".yasr .sk-problem").inner_text()
    assert "Malformed query (400)" in shown and "?nope is not bound" in shown and "line 2, column 26" in shown
    assert "{" not in shown  # the problem, not its JSON
    editor.screenshot("sparql-editor-server-error.png")
    editor.js("y.setValue(y.getValue() + ' ')")  # an edit clears the mark
    editor.page.wait_for_timeout(200)
    assert editor.page.locator(".sk-server-error").count() == 0


def test_a_refused_query_shows_the_problem_readably(editor: Editor) -> None:
    editor.allow(r"status of 400")
    editor.open()
    editor.run("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    shown = editor.page.locator(".yasr .sk-problem").inner_text()
    assert "(400)" in shown and "SERVICE" in shown and '"type"' not in shown


def test_downloads_in_every_format(editor: Editor) -> None:
    editor.open()
    editor.run(KINDS)
    visible = editor.page.locator("#sparql-downloads button:visible").all_inner_texts()
    assert visible == ["SPARQL JSON", "SPARQL XML", "CSV", "TSV"]
    bodies = {}
    for fmt, suffix in (("json", "srj"), ("xml", "srx"), ("csv", "csv"), ("tsv", "tsv")):
        with editor.page.expect_download() as download:
            editor.page.click(f"#sparql-downloads button[value={fmt}]")
        assert download.value.suggested_filename == f"sharaka-query.{suffix}"
        bodies[fmt] = Path(download.value.path()).read_text(encoding="utf-8")
    assert json.loads(bodies["json"])["head"]["vars"] == ["kind", "agreements"]
    assert "<sparql" in bodies["xml"] and bodies["csv"].startswith("kind,agreements")
    assert bodies["tsv"].startswith("?kind\t?agreements")
    assert len(bodies["csv"].splitlines()) == editor.rows.count() + 1  # every row, as the table shows
    editor.run(CONSTRUCT)
    visible = editor.page.locator("#sparql-downloads button:visible").all_inner_texts()
    assert visible == ["Turtle", "N-Triples", "JSON-LD", "RDF/XML"]
    for fmt, suffix, rdflib_format in (("turtle", "ttl", "turtle"), ("ntriples", "nt", "nt"),
                                       ("jsonld", "jsonld", "json-ld"), ("rdfxml", "rdf", "xml")):
        with editor.page.expect_download() as download:
            editor.page.click(f"#sparql-downloads button[value={fmt}]")
        assert download.value.suggested_filename == f"sharaka-query.{suffix}"
        graph = Graph().parse(data=Path(download.value.path()).read_bytes(), format=rdflib_format)
        assert any("Pakistan" in str(o) for o in graph.objects())


def test_the_permalink_holds_the_query(editor: Editor) -> None:
    editor.open()
    query = SK + "SELECT ?name WHERE { ?n sk:iso3 \"TUR\" ; rdfs:label ?name }"
    editor.run(query)
    assert parse_qs(urlsplit(editor.page.url).query)["query"] == [query]  # the address follows the query run
    editor.page.click(".yasqe_share")
    link = editor.page.locator(".yasqe_sharePopup input").input_value()
    assert urlsplit(link).path == "/sparql" and parse_qs(urlsplit(link).query)["query"] == [query]
    editor.page.keyboard.press("Escape")
    fresh = editor.page.context.browser.new_context()  # someone else's browser: nothing stored
    other = fresh.new_page()
    other.add_init_script(RECORD_CSP_VIOLATIONS)
    posts: list[str] = []
    other.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    other.goto(link)
    other.locator(".yasqe .CodeMirror").wait_for(timeout=WAIT_MS)
    other.wait_for_timeout(500)
    assert other.evaluate("window.sharakaYasgui.getTab().getQuery()") == query
    assert other.locator(".yasr table.dataTable tbody tr").count() == 0 and posts == []  # opened, not run
    other.goto(editor.base + "/sparql?" + urlencode({"query": query, "run": "1"}))
    other.locator(".yasr table.dataTable tbody tr").first.wait_for(timeout=WAIT_MS)
    assert "Turkey" in other.locator(".yasr table.dataTable tbody").inner_text()
    assert other.evaluate("window.__cspViolations") == [] and len(posts) == 1
    fresh.close()


def test_a_chart_of_numeric_results(editor: Editor) -> None:
    editor.open()
    query = SK + "SELECT ?year (COUNT(?a) AS ?agreements) WHERE { ?a sk:hasParty " \
                 "<https://w3id.org/sharaka/id/nation/TUR> ; sk:startYear ?year FILTER(?year >= 2000) }\n" \
                 "GROUP BY ?year ORDER BY ?year"
    editor.run(query)
    rows = editor.rows.count()
    editor.page.click(".yasr_btn.select_chart")
    editor.page.locator(".sk-chart-svg").wait_for()
    bars = editor.page.locator(".sk-chart-svg rect.sk-chart-bar")
    assert bars.count() == min(rows, 30)
    assert editor.page.locator(".sk-chart-svg [style]").count() == 0  # attributes only, as the CSP wants
    labels = editor.page.locator(".sk-chart-svg text[text-anchor=end]").all_text_contents()
    assert labels[:2] == ["2000", "2001"]  # label: the year; value: the count (the last numeric column)
    editor.screenshot("sparql-editor-chart.png")
    with editor.page.expect_download() as download:
        editor.page.click(".yasr_downloadIcon")
    assert Path(download.value.path()).read_text(encoding="utf-8").startswith("<svg")


def test_the_gallery_opens_a_research_query_in_its_own_tab(editor: Editor) -> None:
    editor.open()
    tabs = editor.page.locator(".tabsList .tab").count()
    link = editor.page.locator("a.gallery-query", has_text="Alliances of a nation, with their years")
    link.click()
    editor.page.wait_for_timeout(300)
    assert editor.js("tab.getQuery()") == parse_qs(urlsplit(link.get_attribute("href") or "").query)["query"][0]
    assert editor.page.locator(".tabsList .tab").count() in (tabs, tabs + 1)
    editor.run()
    assert "ATOP alliance 3222" in editor.page.locator(".yasr table.dataTable tbody").inner_text()
    editor.screenshot("sparql-editor-gallery-query.png")


def test_the_plain_editor_works_without_the_library(editor: Editor) -> None:
    editor.page.goto(editor.base + "/sparql?plain=1")
    assert editor.page.evaluate("typeof window.Yasgui") == "undefined"
    box = editor.page.get_by_label("Query", exact=True)
    box.fill(KINDS)
    editor.page.get_by_role("button", name="Run query").click()
    editor.page.locator(".results-table tbody tr").first.wait_for(timeout=WAIT_MS)
    assert editor.page.locator(".results-table tbody tr").count() >= 10


def test_phone_width(phone_editor: Editor) -> None:
    phone_editor.open()
    phone_editor.run(KINDS)
    assert phone_editor.page.evaluate("document.scrollingElement.scrollWidth") <= 390
    phone_editor.screenshot("sparql-editor-phone.png")
