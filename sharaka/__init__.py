"""Sharaka: an open knowledge graph of nations, their agreements and sectors, with question answering."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("sharaka")
except PackageNotFoundError:  # running from a checkout without installing
    __version__ = "0+unknown"
