"""Entity names by prefix, for the autocomplete of the chat and /api/v1/entities."""

from __future__ import annotations

import bisect
from collections.abc import Collection
from typing import Any

from sharaka.qa.lexicon import EntityIndex


class PrefixIndex:
    """Sorted (folded name, uri) pairs for autocomplete by prefix."""

    def __init__(self, index: EntityIndex, kinds: Collection[str]) -> None:
        pairs = {(alias, uri) for alias, entry in index.aliases.items() if not entry.case_sensitive
                 for uri in entry.entities if index.entities[uri].kind in kinds}
        self.pairs = sorted(pairs)
        self.keys = [p[0] for p in self.pairs]

    def search(self, prefix: str) -> list[Any]:
        start = bisect.bisect_left(self.keys, prefix)
        found = []
        for i in range(start, len(self.keys)):
            if not self.keys[i].startswith(prefix):
                break
            found.append(self.pairs[i][1])
        return found
