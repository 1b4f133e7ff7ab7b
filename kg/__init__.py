"""Build of the Sharaka knowledge graph from the vendored source datasets."""
