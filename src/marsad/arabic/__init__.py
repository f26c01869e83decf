"""The Arabic language layer: pure functions every stage uses, nothing re-implemented elsewhere.

- :mod:`.normalize` — matching keys (alef, yeh, teh marbuta, diacritics, digits, quotes, controls)
- :mod:`.segment` — sentences and tokens with offsets into the original text
- :mod:`.clitics` — proclitic separation that spares names
- :mod:`.stem` — Snowball stems for search
- :mod:`.lexicon` — builds the word-frequency lexicon the clitic rules consult
- :mod:`.keys` — word keys of normalized text at C speed, and vectorized word hashes (shingles)
- :mod:`.numbers` — number words and digits to values (ثمانية آلاف = 8 آلاف = 8000)
- :mod:`.skeleton` — name skeletons that fold transliteration variants (جونغ/جونج، بيونغ يانغ/بيونجيانج)
- :mod:`.stopwords` — function words (normalized)
- :mod:`.months` — month names of every family and the Hijri months, and when they stand in a date
- :mod:`.nisba` — relational adjectives (كوري، السعودية) and the places they relate to
- :mod:`.roots` — light root keys that survive derivation (يوقع، التوقيع → وقع; اعلن، اعلان → علن)
"""

from marsad.arabic.clitics import split_proclitics, strip_proclitics
from marsad.arabic.normalize import arabic_ratio, normalize
from marsad.arabic.segment import Span, Token, base_words, split_sentences, tokenize, words
from marsad.arabic.stem import stem, stems

__all__ = [
    "Span",
    "Token",
    "arabic_ratio",
    "base_words",
    "normalize",
    "split_proclitics",
    "split_sentences",
    "stem",
    "stems",
    "strip_proclitics",
    "tokenize",
    "words",
]
