"""Arabic function words: particles, pronouns, prepositions and reporting glue.

A small closed list in normalized form (see :func:`marsad.arabic.normalize`: أإآ→ا، ى→ي، ة→ه),
checked against a token's ``base`` (proclitics removed). It serves lexical similarity and
summarization, where these words carry no content; it is not meant for search.

:data:`FUNCTION_WORDS` / :func:`is_function_word` are the same kind of list keyed by the stricter
:func:`marsad.arabic.normalize.spelling_key`, for telling function words from names: in normalized
form the preposition على and the given name علي are one word.
"""

from __future__ import annotations

from functools import lru_cache

from marsad.arabic.normalize import normalize, spelling_key

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


# --- function words as spelled, for telling them from names ------------------------------------

_SPELLED = """
في من على إلى عن مع عند لدى حتى منذ مذ خلال بين بعد قبل تحت فوق أمام وراء حول ضد دون نحو عبر سوى عدا
إزاء تجاه أثناء لدن حيال قرب إثر جراء وفق وفقا حسب بحسب حسبما لأن لكي كي
أن إن أنّ لكن بل أو أم ثم إذا إذ إذن لو لولا كأن كأنما إنما أنما إما أما ألا إلا لئلا
قد لقد لم لن لا ما ليس ليست ليسوا سوف هل كيف متى أين لماذا ماذا كم أي أية أيضا
كما بما فيما مما عما ممن كلما بينما عندما حينما طالما ربما لما مهما أينما
هو هي هم هن هما أنا نحن أنت أنتم أنتما إياه إياها إياهم
هذا هذه هذان هذين هاتان هاتين هؤلاء ذلك تلك ذاك أولئك هنا هناك هنالك
الذي التي الذين اللذين اللذان اللتين اللتان اللواتي اللاتي اللائي
كان كانت كانوا كنت كنا يكون تكون يكونوا يكن تكن أصبح أصبحت صار صارت ظل ظلت مازال مازالت لازال
يزال تزال لايزال لاتزال بات باتت أضحى أمسى
له لها لهم لهما لنا لي لك لكم به بها بهم بهما بنا منه منها منهم منا عليه عليها عليهم علينا إليه إليها إليهم
فيه فيها فيهم عنه عنها عنهم معه معها معهم معنا لديه لديها لديهم عنده عندها عندهم بينهم
أنه أنها أنهم أننا إنه إنها إنهم إننا لأنه لأنها لكنه لكنها كأنه بأن بأنه بأنها
كل كلا كلتا بعض غير جميع عدة معظم أغلب سائر
"""


def _spelled_function_words() -> frozenset[str]:
    words = set()
    for word in _SPELLED.split():
        key = spelling_key(word)
        words.add(key)
        words.add(key.replace("أ", "ا").replace("إ", "ا").replace("آ", "ا"))  # hamza left unwritten
    return frozenset(words)


#: function words as :func:`marsad.arabic.normalize.spelling_key` writes them (ى and hamza kept, so
#: على is here and the given name علي is not; the hamza-less spellings news text uses are added)
FUNCTION_WORDS: frozenset[str] = _spelled_function_words()
_CLITIC_LETTERS = "وفبلك"


@lru_cache(maxsize=1 << 16)
def is_function_word(word: str) -> bool:
    """True when ``word`` (one word, any spelling; proclitics allowed: وعلى، فإن، بأن) is a function
    word and so can never be a name; judged on the spelling key, so على is one and علي is not.
    Memoized: a pure function of ``word``, asked for the same words millions of times in a corpus."""
    key = spelling_key(word)
    if len(key) < 2:
        return True
    for _ in range(3):
        if key in FUNCTION_WORDS:
            return True
        if len(key) > 2 and key[0] in _CLITIC_LETTERS:
            key = key[1:]
        else:
            return False
    return False
