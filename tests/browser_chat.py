"""The chat page in a real browser, shared by the browser test modules: Playwright driving Debian's Chromium
against a live server, one `Chat` per tab.

Every test fails on a console error, an uncaught page error, a Content-Security-Policy violation or a request
that leaves 127.0.0.1, unless it says which one it expects. Screenshots go to tests/artifacts/. Viewports: a
desktop (1280×800) and a phone (390×844)."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("SHARAKA_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
WAIT_MS = 10_000
# Recorded before any page script runs, so a violation by the page itself is caught.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", e => {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests cannot run in CI: {reason}")
    pytest.skip(f"browser tests skipped: {reason} (install with `apt-get install -y chromium`)")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        _unavailable(f"no Chromium at {CHROMIUM}")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield launched
        launched.close()


@dataclass
class Chat:
    """One browser tab on the chat page, with everything it complained about."""

    page: Any
    base: str
    problems: list[str] = field(default_factory=list)
    allowed: list[re.Pattern[str]] = field(default_factory=list)

    def open(self, path: str = "/") -> None:
        self.page.goto(self.base + path)
        # attached, not visible: after /?q=… the examples are folded away
        self.page.locator("#example-list button").first.wait_for(state="attached", timeout=WAIT_MS)

    def allow(self, pattern: str) -> None:
        """A console error this test provokes on purpose."""
        self.allowed.append(re.compile(pattern))

    @property
    def answers(self) -> Any:
        return self.page.locator(".bubble.answer:not(.pending)")

    def ask(self, question: str) -> Any:
        """Type the question, send it with Enter, return the new answer bubble."""
        before = self.answers.count()
        box = self.page.get_by_role("combobox", name="Your question")  # the bubbles are "Your question" articles
        box.fill(question)
        box.press("Enter")
        return self.wait_answer(before)

    def wait_answer(self, before: int) -> Any:
        from playwright.sync_api import expect

        expect(self.answers).to_have_count(before + 1, timeout=WAIT_MS)
        return self.answers.nth(before)

    def csp_violations(self) -> list[str]:
        return list(self.page.evaluate("window.__cspViolations || []"))

    def unexpected(self) -> list[str]:
        found = self.problems + [f"CSP: {v}" for v in self.csp_violations()]
        return [p for p in found if not any(a.search(p) for a in self.allowed)]

    def screenshot(self, name: str, full_page: bool = True) -> Path:
        """Keep a picture of the page (the whole page, or what the window shows) in tests/artifacts/."""
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / name
        self.page.screenshot(path=str(path), full_page=full_page)
        return path

    def screenshot_of(self, element: Any, name: str) -> Path:
        """Keep a picture of one element (a figure), which a full-page picture may show under the pinned box."""
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / name
        element.screenshot(path=str(path))
        return path


DESKTOP = {"viewport": {"width": 1280, "height": 800}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}


def guarded_page(browser: Any, problems: list[str], wait_ms: int = WAIT_MS, **options: Any) -> tuple[Any, Any]:
    """(context, page): a page that refuses every request leaving 127.0.0.1 and records in `problems` what it
    complains of (console errors, page errors, CSP violations, external requests)."""
    context = browser.new_context(locale="en-GB", **options)
    page = context.new_page()
    page.set_default_timeout(wait_ms)
    page.add_init_script(RECORD_CSP_VIOLATIONS)

    def refuse_external(route: Any) -> None:
        problems.append(f"external request: {route.request.url}")
        route.abort()

    page.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    page.route(re.compile(r"^(?!http://127\.0\.0\.1[:/]).*"), refuse_external)  # offline: stay on this host
    return context, page


def open_tab(browser: Any, live_url: str, device: dict[str, Any], **options: Any) -> Iterator[Chat]:
    """A chat tab on `live_url` (guarded_page); on leaving, asserts that nothing unexpected was recorded."""
    problems: list[str] = []
    context, page = guarded_page(browser, problems, **device, **options)
    chat = Chat(page, live_url)
    chat.problems = problems
    try:
        yield chat
        assert chat.unexpected() == []
    finally:
        context.close()


@pytest.fixture()
def chat(browser: Any, live_url: str) -> Iterator[Chat]:
    yield from open_tab(browser, live_url, DESKTOP)


@pytest.fixture()
def phone_chat(browser: Any, live_url: str) -> Iterator[Chat]:
    yield from open_tab(browser, live_url, PHONE)


def cells(answer: Any, column: int) -> list[str]:
    """The texts of one column of an answer's table (1 = the first)."""
    found = answer.locator(f".answer-table tbody tr td:nth-child({column})")
    return [text.strip() for text in found.all_inner_texts()]
