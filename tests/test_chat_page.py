"""The chat page `/` as the server sends it: strict CSP, no inline code, every asset local and served."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parents[1] / "service" / "static"
# URLs that are names, never fetched: the SVG namespace and the graph's URI base (mapped to /id/…).
IDENTIFIER_URLS = ("http://www.w3.org/2000/svg", "https://w3id.org/sharaka/id/")
ABSOLUTE_URL = re.compile(r"""(?:https?:)?//[^\s"'`)<>]+""")


class PageParts(HTMLParser):
    """Collects what the browser would load or run from a page."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.stylesheets: list[str] = []
        self.icons: list[str] = []
        self.inline_styles: list[str] = []
        self.style_elements = 0
        self.event_handlers: list[str] = []
        self.labels: dict[str, str] = {}
        self.inputs: list[dict[str, str | None]] = []
        self._label_for: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if "style" in named:
            self.inline_styles.append(tag)
        self.event_handlers += [name for name in named if name.startswith("on")]
        if tag == "script":
            self.scripts.append(named)
        elif tag == "style":
            self.style_elements += 1
        elif tag == "link" and named.get("rel") == "stylesheet":
            self.stylesheets.append(named.get("href") or "")
        elif tag == "link" and named.get("rel") == "icon":
            self.icons.append(named.get("href") or "")
        elif tag == "label":
            self._label_for = named.get("for")
            if self._label_for:
                self.labels[self._label_for] = ""
        elif tag == "input":
            self.inputs.append(named)

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self._label_for = None

    def handle_data(self, data: str) -> None:
        if self._label_for:
            self.labels[self._label_for] += data


@pytest.fixture()
def page(client):  # type: ignore[no-untyped-def]
    response = client.get("/")
    parts = PageParts()
    parts.feed(response.get_data(as_text=True))
    return response, parts


def _assets(parts: PageParts) -> list[str]:
    return [str(s.get("src")) for s in parts.scripts] + parts.stylesheets + parts.icons


def test_chat_page_is_html_with_strict_csp(page) -> None:  # type: ignore[no-untyped-def]
    response, _ = page
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_no_inline_scripts_styles_or_handlers(page) -> None:  # type: ignore[no-untyped-def]
    _, parts = page
    assert parts.scripts, "the chat page loads its code from /static"
    assert all(s.get("src") for s in parts.scripts), "every <script> has a src"
    assert all("defer" in s for s in parts.scripts), "scripts are deferred"
    assert parts.inline_styles == [] and parts.style_elements == 0
    assert parts.event_handlers == []


def test_every_asset_is_local_and_served(page, client) -> None:  # type: ignore[no-untyped-def]
    _, parts = page
    expected_types = {".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml"}
    assets = _assets(parts)
    assert any(a.endswith("/chat.js") for a in assets) and any(a.endswith("/chat.css") for a in assets)
    for asset in assets:
        assert asset.startswith("/static/"), asset
        served = client.get(asset)
        assert served.status_code == 200, asset
        assert served.mimetype == expected_types[Path(asset).suffix], asset
        assert (STATIC / asset.removeprefix("/static/")).is_file()


def _external_urls(text: str) -> list[str]:
    return [url for url in ABSOLUTE_URL.findall(text) if not url.startswith(IDENTIFIER_URLS)]


@pytest.mark.parametrize("text, found", [
    ('fetch("/api/v1/answer")', []),
    ('src="https://cdn.example.org/x.js"', ["https://cdn.example.org/x.js"]),
    ("url(//fonts.example.com/a.woff)", ["//fonts.example.com/a.woff"]),
    ('createElementNS("http://www.w3.org/2000/svg", "svg")', []),
])
def test_external_url_finder(text: str, found: list[str]) -> None:
    assert _external_urls(text) == found



def test_page_and_its_code_make_no_external_requests(page, client) -> None:  # type: ignore[no-untyped-def]
    response, parts = page
    assert _external_urls(response.get_data(as_text=True)) == []
    for asset in _assets(parts):
        text = client.get(asset).get_data(as_text=True)
        assert _external_urls(text) == [], asset
        assert "@import" not in text and "innerHTML" not in text, asset


def test_question_box_is_labelled_and_completes_names(page, settings) -> None:  # type: ignore[no-untyped-def]
    _, parts = page
    question = next(i for i in parts.inputs if i.get("id") == "question")
    assert parts.labels["question"].strip() == "Your question"
    assert question["role"] == "combobox" and question["aria-controls"] == "name-options"
    assert question["dir"] == "auto" and question["maxlength"] == str(settings.max_question_length)


def test_page_maps_graph_uris_to_local_pages(client) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/").get_data(as_text=True)
    assert 'data-id-base="https://w3id.org/sharaka/id/"' in html


def test_the_world_map_is_vendored_with_its_licence_and_served(client) -> None:  # type: ignore[no-untyped-def]
    import hashlib
    import json

    html = client.get("/").get_data(as_text=True)
    found = re.search(r'data-world-map="([^"]+)"', html)
    assert found and found.group(1) == "/static/vendor/world-atlas/world-110m.json"
    served = client.get(found.group(1))
    assert served.status_code == 200 and served.mimetype == "application/json"
    folder = STATIC / "vendor" / "world-atlas"
    data = (folder / "world-110m.json").read_bytes()
    assert hashlib.sha256(data).hexdigest() in (folder / "README.md").read_text(), "the README pins the file"
    licence = (folder / "LICENSE").read_text()
    assert "ISC" in licence and "public domain" in licence and "Michael Bostock" in licence
    world = json.loads(data)
    ids = [c["id"] for c in world["countries"]] + [p["id"] for p in world["points"]]
    assert all(re.fullmatch(r"[A-Z]{3}", i) for i in ids) and len(ids) == len(set(ids))
    assert {"PAK", "TUR", "XKX", "BHR", "PSE"} <= set(ids) and "ATA" not in ids
    assert _external_urls(data.decode()) == []
