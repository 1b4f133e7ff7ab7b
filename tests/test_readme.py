"""The README is executed: its example questions give the answers it shows, its HTTP examples work,
its settings table is the one the settings declaration generates, and it opens with the two
commands of a fresh machine."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from sharaka.qa.engine import QAEngine
from sharaka.settings import settings_table_markdown

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def example_rows() -> list[tuple[str, str]]:
    section = README.split("## Examples", 1)[1].split("##", 1)[0]
    rows = re.findall(r"^\| (?!question \|)(.+?) \| (.+?) \|$", section, flags=re.M)
    return [(q, a) for q, a in rows if not q.startswith("---")]


def test_readme_opens_with_the_two_commands() -> None:
    blocks = re.findall(r"```sh\n(.*?)```", README, flags=re.S)
    assert blocks[0].strip() == "python3 -m pip install -e . && python3 -m sharaka serve"
    assert blocks[1].strip() == "python3 -m pip install -e '.[test]' && python3 -m pytest"
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert blocks[1].strip() in ci


@pytest.mark.parametrize(("question", "expected"), example_rows())
def test_readme_examples(engine: QAEngine, question: str, expected: str) -> None:
    assert expected in engine.answer(question).text


def test_readme_has_enough_examples() -> None:
    assert len(example_rows()) >= 6


def test_settings_table_is_generated() -> None:
    table = README.split("<!-- settings-table:start -->\n", 1)[1].split("\n<!-- settings-table:end -->", 1)[0]
    assert table == settings_table_markdown()


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
    # `build` writes, so it gets a fresh directory; the others read the session's built graph.
    target = tmp_path if command == "build" else data_dir
    extra = [] if command == "questions" else ["--data-dir", str(target)]
    completed = subprocess.run([sys.executable, "-m", "sharaka", *argv[3:], *extra], capture_output=True,
                               text=True, timeout=600)
    assert completed.returncode in (0, 3), completed.stderr[-2000:]  # 3: asked, not answered
    assert completed.stdout.strip()
