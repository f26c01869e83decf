"""Entities (issue 4): our own Arabic NER model and one canonical entity per real-world referent.

- :mod:`.ner` — CRF features, training (``marsad train ner``), tagging and evaluation
- :mod:`.clusters` — word clusters learned from unlabelled news (CRF features)
- :mod:`.gazetteer` — the project's gazetteers (countries, cities, organizations, titles, names)
- :mod:`.canonical` — linking mentions to canonical entities across spellings
- :mod:`.stage` — :class:`EntitiesStage`, the pipeline step
"""

from marsad.stages.entities.stage import EntitiesStage

__all__ = ["EntitiesStage"]
