"""Keeping one odd article from stopping a batch.

Each diplograph component runs its work through ``guarded``: if it fails on a document,
the failure is logged with the article id, the document keeps empty results for that
stage, and the batch goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

logger = logging.getLogger("diplograph")


def guarded(stage: str, work: Callable[[Doc], Doc], fallback: Callable[[Doc], None], doc: Doc) -> Doc:
    try:
        return work(doc)
    except Exception:  # noqa: BLE001 - any failure of one document must not end the batch
        logger.warning("%s failed on article %s; its %s are left empty", stage, doc._.article_id, stage, exc_info=True)
        fallback(doc)
        return doc
