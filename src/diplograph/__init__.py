"""diplograph: read news, code who did what to whom, who said what, with provenance.

>>> import diplograph
>>> result = diplograph.extract("France expelled the Malian ambassador.", date="2024-05-14")
>>> [(e.source.code, e.code, e.target.code) for e in result.events]
"""

from .api import extract, extract_articles, result_from_doc
from .errors import (
    DiplographError,
    InputError,
    KnowledgeError,
    ModelError,
    QueryError,
    StoreError,
)
from .records import Actor, ActorRef, Article, Event, Evidence, Location, Quote, Result

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "ActorRef",
    "Article",
    "DiplographError",
    "Event",
    "Evidence",
    "InputError",
    "KnowledgeError",
    "Location",
    "ModelError",
    "QueryError",
    "Quote",
    "Result",
    "StoreError",
    "__version__",
    "extract",
    "extract_articles",
    "result_from_doc",
]
