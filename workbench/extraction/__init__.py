"""Claims and who says them: the extraction engine, attribution rules, sources, summaries.

`engine.extract(text)` is the way in; `attribution`, `stance` and `clause_stance` find (source,
cue, content) relations, `vetoes` holds the guards they consult (rows with an example each);
`source_kinds` classifies source phrases and `sources` resolves them in reading order;
`lexicon/` holds the word lists the rules read.
"""

from workbench.extraction.engine import extract, extraction_to_json
from workbench.extraction.source_kinds import classify, describe
from workbench.extraction.sources import SourceTracker
from workbench.extraction.summary import claim_kind, is_checkable, summarise

__all__ = [
    "SourceTracker",
    "claim_kind",
    "classify",
    "describe",
    "extract",
    "extraction_to_json",
    "is_checkable",
    "summarise",
]
