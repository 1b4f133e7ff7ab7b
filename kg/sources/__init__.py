"""The vendored source datasets: their description (datasets.toml), checksums and readers."""

from __future__ import annotations

import csv
import hashlib
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sharaka.errors import BuildError

SOURCES_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class SourceFile:
    path: str
    sha256: str
    rows: int
    encoding: str = "utf-8"

    @property
    def location(self) -> Path:
        return SOURCES_DIR / self.path

    @property
    def name(self) -> str:
        return Path(self.path).name


@dataclass(frozen=True)
class Dataset:
    key: str
    title: str
    version: str
    publisher: str
    homepage: str
    citation: str
    terms: str
    coverage_start: str
    coverage_end: str
    files: tuple[SourceFile, ...]
    derived_by: str = ""
    license: str = ""           # URL of a published licence, where the terms are one
    noncommercial: bool = False  # the terms forbid commercial use without the publisher's agreement

    def file(self, name: str) -> SourceFile:
        for f in self.files:
            if f.name == name:
                return f
        raise KeyError(f"{self.key} has no file {name}")


@cache
def datasets() -> dict[str, Dataset]:
    """All datasets described in datasets.toml, by key."""
    raw = tomllib.loads((SOURCES_DIR / "datasets.toml").read_text(encoding="utf-8"))
    result = {}
    for key, entry in raw.items():
        files = tuple(SourceFile(**f) for f in entry.pop("files"))
        result[key] = Dataset(key=key, files=files, **entry)
    return result


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verify_checksums() -> dict[str, str]:
    """Checksum of every source file; raises BuildError when a pinned checksum differs."""
    sums: dict[str, str] = {}
    for dataset in datasets().values():
        for f in dataset.files:
            if not f.location.exists():
                raise BuildError(f"source file missing: kg/sources/{f.path}")
            actual = sha256_of(f.location)
            if f.sha256 and actual != f.sha256:
                raise BuildError(f"checksum mismatch for kg/sources/{f.path}: expected {f.sha256}, got {actual}")
            sums[f.path] = actual
    return sums


def read_rows(dataset_key: str, file_name: str) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a source CSV with their 1-based row number (header excluded)."""
    f = datasets()[dataset_key].file(file_name)
    with f.location.open(encoding=f.encoding, newline="") as fh:
        yield from enumerate(csv.DictReader(fh), start=1)
