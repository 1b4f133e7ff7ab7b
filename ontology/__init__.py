"""The Sharaka ontology (OWL, SKOS) and its SHACL shapes, in Turtle."""

from pathlib import Path

ONTOLOGY_DIR = Path(__file__).resolve().parent
ONTOLOGY_FILE = ONTOLOGY_DIR / "sharaka.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
