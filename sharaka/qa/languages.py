"""One engine, several languages: each language has its vocabulary (vocabulary/<lang>/), its linker, its
answer sentences and a view of the entity index whose labels are in that language. Everything else — the
frame, the compiler, the query shapes, the store — is shared: an Arabic question is read into the same
frame as an English one (docs/languages.md)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from sharaka.qa.lexicon import Entity, EntityIndex
from sharaka.qa.link import Linker
from sharaka.qa.refusals import Refusals
from sharaka.qa.render import DatasetInfo, Sentences
from sharaka.qa.typos import NameTypos
from sharaka.qa.vocabulary import Vocabulary, load_vocabulary

if TYPE_CHECKING:
    from sharaka.queries import Template


@dataclass
class Language:
    """What the pipeline needs in one language; `respond` reads index, sentences, datasets and showcase."""

    lang: str
    vocabulary: Vocabulary
    index: EntityIndex
    linker: Linker
    sentences: Sentences
    refusals: Refusals
    datasets: dict[str, DatasetInfo]
    showcase: list[Any]
    known_words: frozenset[str]


def localized_index(index: EntityIndex, lang: str, sentences: Sentences) -> EntityIndex:
    """The index with each entity's label in `lang` where the graph has one (nations: CLDR names via
    countrycode; kinds and sectors: the ontology's labels) or the vocabulary names it (organizations:
    `[organization_names]` of answers.toml); otherwise the English label stays."""
    if lang == "en":
        return index
    found = dict(index.translations.get(lang, {}))
    entities: dict[Any, Entity] = {}
    for uri, entity in index.entities.items():
        label = found.get(uri)
        if entity.kind == "organization":
            label = sentences.get(f"organization_names.{entity.local_name}")
            if label:
                found[uri] = label
        entities[uri] = replace(entity, label=label) if label else entity
    return replace(index, entities=entities, lang=lang, translations={**index.translations, lang: found})


def build_language(lang: str, index: EntityIndex, templates: tuple[Template, ...],
                   datasets: dict[str, DatasetInfo], showcase: list[Any], name_typos: NameTypos) -> Language:
    """`name_typos`: the engine's; a localized index changes labels, not the aliases typos are matched on."""
    vocabulary = load_vocabulary(lang)
    sentences = Sentences(vocabulary)
    local = localized_index(index, vocabulary.answers_in or lang, sentences)
    linker = Linker(local, vocabulary, name_typos)
    return Language(lang, vocabulary, local, linker, sentences, Refusals(local, sentences, templates),
                    datasets, showcase, frozenset(linker.known))
