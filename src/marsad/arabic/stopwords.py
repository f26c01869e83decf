"""Arabic function words: particles, pronouns, prepositions and reporting glue.

A small closed list in normalized form (see :func:`marsad.arabic.normalize`: أإآ→ا، ى→ي، ة→ه),
checked against a token's ``base`` (proclitics removed). It serves lexical similarity and
summarization, where these words carry no content; it is not meant for search.
"""

from __future__ import annotations

from marsad.arabic.normalize import normalize

_WORDS = """
في من الي علي عن مع عند لدي حتي منذ مذ خلال بين بعد قبل تحت فوق امام وراء حول ضد دون نحو عبر لدى
ان انه انها انهم ان ما لا لم لن قد لقد كان كانت كانوا يكون تكون هو هي هم هن انا نحن انت انتم
هذا هذه هذان هاتان هؤلاء ذلك تلك اولئك الذي التي الذين اللذين اللتين اللواتي
او ام ثم بل لكن لكنه لكنها اذا اذ ايضا كما كل بعض غير سوي اي اية اخر اخري عدة
حيث كيف متي اين لماذا هل ليس ليست مازال مايزال ظل اصبح
له لها لهم لهما به بها بهم منه منها منهم عليه عليها عليهم اليه اليها فيه فيها فيهم عنه عنها
يوم اليوم وفق وفقا بحسب حسب حسبما اثناء لدي ذات الا اما وقد فقد وكان
قال قالت وقال اضاف اضافت اكد اكدت اوضح ذكر ذكرت يقول تقول
""".split()  # noqa: SIM905 (one word list, easier to read and extend)

#: normalized Arabic function words (teh marbuta folded to heh, as in every matching key)
STOPWORDS: frozenset[str] = frozenset(normalize(w) for w in _WORDS)


def is_stopword(base: str) -> bool:
    """True when ``base`` (a normalized word without proclitics) is a function word."""
    return base in STOPWORDS or len(base) < 2
