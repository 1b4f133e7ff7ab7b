"""The README and the docs pages are executed: the README opens with the two commands of a fresh machine,
fits on a page, its example questions get the answers it shows, its command-line and HTTP examples work,
its links lead to pages that exist; docs/settings.md holds the table the settings declaration generates,
and docs/limits.md the defaults the settings declare."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from sharaka.qa.engine import QAEngine
from sharaka.settings import SETTINGS, page_with_settings_table, settings_table_markdown

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = ROOT / "docs"


def example_rows() -> list[tuple[str, str, list[str]]]:
    """(question, status, names the answer must contain); names are separated by "; "."""
    section = README.split("## Examples", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| (?!question \|)(.+?) \| `(\w+)` \|(.*?)\|$", section, flags=re.M)
    return [(q, status, [n for n in names.strip().split("; ") if n]) for q, status, names in rows]


def test_readme_opens_with_the_two_commands() -> None:
    blocks = re.findall(r"```sh\n(.*?)```", README, flags=re.S)
    assert blocks[0].strip() == "python3 -m pip install -e . && python3 -m sharaka serve"
    assert blocks[1].strip() == "python3 -m pip install -e '.[test]' && python3 -m pytest"
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert blocks[1].strip() in ci


def test_readme_fits_on_a_page() -> None:
    assert len(README.encode("utf-8")) <= 12 * 1024


@pytest.mark.parametrize(("question", "status", "names"), example_rows())
def test_readme_examples(engine: QAEngine, question: str, status: str, names: list[str]) -> None:
    answer = engine.answer(question)
    assert answer.status == status, answer.text
    for name in names:
        assert name in answer.text


def test_readme_has_enough_examples() -> None:
    rows = example_rows()
    assert len(rows) >= 6
    assert sum(1 for _, status, _ in rows if status == "answered") >= 5


def test_readme_links_lead_to_pages() -> None:
    """Every relative link of the README and of the docs pages names a file of the repository."""
    pages = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]
    broken = []
    for page in pages:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            if "://" not in target and not (page.parent / target).exists():
                broken.append(f"{page.relative_to(ROOT)}: {target}")
    assert broken == []


def test_settings_table_is_generated() -> None:
    page = (DOCS / "settings.md").read_text(encoding="utf-8")
    assert page_with_settings_table(page) == page  # `python3 -m sharaka.settings --write` would change nothing


def test_settings_table_is_written_between_the_markers() -> None:
    stale = "# Settings\n\n<!-- settings-table:start -->\n| old |\n<!-- settings-table:end -->\n\nAfter.\n"
    written = page_with_settings_table(stale)
    assert written == ("# Settings\n\n<!-- settings-table:start -->\n" + settings_table_markdown()
                       + "\n<!-- settings-table:end -->\n\nAfter.\n")
    with pytest.raises(ValueError, match="markers"):
        page_with_settings_table("# Settings without a table\n")


def limits_rows() -> list[tuple[str, str]]:
    """(setting, the default as the Limits table writes it) for each `setting` (default) of its middle column."""
    page = (DOCS / "limits.md").read_text(encoding="utf-8")
    return re.findall(r"`(\w+)` \(([^)]*)\)", page.split("| limit |", 1)[1].split("\n\n", 1)[0])


UNITS = {"MiB": 1 << 20, "KiB": 1 << 10}


@pytest.mark.parametrize(("name", "written"), limits_rows())
def test_limits_table_repeats_the_defaults(name: str, written: str) -> None:
    defaults = {s.name: s.default for s in SETTINGS}
    number, _, rest = written.partition(" ")
    value = float(number.replace(",", "")) * UNITS.get(rest.split(" ", 1)[0], 1)
    assert value == defaults[name], f"docs/limits.md says {name} is {written}"


def test_limits_table_has_its_rows() -> None:
    assert {"max_results", "max_query_length", "query_timeout", "rate_limit"} <= {n for n, _ in limits_rows()}


def curl_requests() -> list[tuple[str, str, dict[str, str], str | None]]:
    requests = []
    for line in re.findall(r"^curl .*$", README, flags=re.M):
        args = shlex.split(line)[1:]
        method, headers, data, url = "GET", {}, None, ""
        i = 0
        while i < len(args):
            if args[i] == "-X":
                method = args[i + 1]
                i += 2
            elif args[i] == "-H":
                key, _, value = args[i + 1].partition(": ")
                headers[key] = value
                i += 2
            elif args[i] == "-d":
                data = args[i + 1]
                i += 2
            else:
                url = args[i]
                i += 1
        parts = urlsplit(url)
        requests.append((method, parts.path + ("?" + parts.query if parts.query else ""), headers, data))
    return requests


@pytest.mark.parametrize(("method", "path", "headers", "data"), curl_requests())
def test_readme_http_examples(client, method: str, path: str, headers: dict[str, str], data: str | None) -> None:  # type: ignore[no-untyped-def]
    response = client.open(path, method=method, headers=headers, data=data)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    if "Accept" in headers:
        assert response.mimetype == headers["Accept"]


def cli_examples() -> list[list[str]]:
    section = README.split("From the command line:", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    commands = []
    for line in section.splitlines():
        command = line.split("  #", 1)[0].strip()
        if command:
            commands.append(shlex.split(command))
    return commands


@pytest.mark.parametrize("argv", cli_examples(), ids=lambda a: " ".join(a[3:5]))
def test_readme_cli_examples(argv: list[str], data_dir: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    assert argv[:3] == ["python3", "-m", "sharaka"]
    command = argv[3]
    # `build` writes, so it gets a fresh directory; the others read the session's built graph. `sparql` reads it
    # through its on-disk copy, which opens at once instead of loading 1.6 M quads (~40 s on a busy 2-core
    # machine); `ask` and `eval` build the QA index, which is faster in memory, so they keep the default.
    target = tmp_path if command == "build" else data_dir
    store = ["--store", "disk"] if command == "sparql" else []
    extra = [] if command == "questions" else ["--data-dir", str(target), *store]
    completed = subprocess.run([sys.executable, "-m", "sharaka", *argv[3:], *extra], capture_output=True,
                               text=True, timeout=600)
    assert completed.returncode in (0, 3), completed.stderr[-2000:]  # 3: asked, not answered
    assert completed.stdout.strip()


def test_readable_sparql_is_the_one_sent() -> None:
    """The README's readable SPARQL block is the query its /sparql curl line sends, not a paraphrase."""
    from urllib.parse import parse_qs

    readable = re.findall(r"```sparql\n(.*?)```", README, flags=re.S)
    sent = [parse_qs(urlsplit(path).query)["query"][0] for _, path, _, _ in curl_requests()
            if path.startswith("/sparql?")]
    assert readable and [q.strip() for q in readable] == sent
