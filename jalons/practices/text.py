"""Text helpers of the good practices: French words for search and similarity.

Words: `significant_words` cuts a text into lower-case, accent-free words without French stop words;
`light_stem` removes the common French inflexions (plural, feminine, -ment, -tion…). They serve the SQLite
search fallback (prefix queries) and the "similar practices" computed locally.
"""

import re
import unicodedata

# PostgreSQL's French stop words (tsearch_data/french.stop), without accents since words are compared unaccented.
_STOP_WORDS_TEXT = """
au aux avec ce ces dans de des du elle en et eux il je la le leur lui ma mais me même mes moi mon ne nos notre
nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous c d j l à m n s t
y été étée étées étés étant étante étants étantes suis es est sommes êtes sont serai seras sera serons serez
seront serais serait serions seriez seraient étais était étions étiez étaient fus fut fûmes fûtes furent sois
soit soyons soyez soient fusse fusses fût fussions fussiez fussent ayant ayante ayantes ayants eu eue eues eus ai
as avons avez ont aurai auras aura aurons aurez auront aurais aurait aurions auriez auraient avais avait avions
aviez avaient eut eûmes eûtes eurent aie aies ait ayons ayez aient eusse eusses eût eussions eussiez eussent
les a"""


def unaccent(text):
    decomposed = unicodedata.normalize("NFKD", text)
    return (
        "".join(char for char in decomposed if not unicodedata.combining(char)).replace("œ", "oe").replace("æ", "ae")
    )


STOP_WORDS = frozenset(unaccent(word) for word in _STOP_WORDS_TEXT.split())
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Longest first: the first matching ending that leaves a stem of at least 4 letters is removed (after the plural).
_ENDINGS = sorted(
    ["ement", "ation", "ition", "ateur", "atrice", "ance", "ence", "isme", "iste", "ite", "euse", "eur"]
    + ["ive", "if", "able", "ible", "aux", "ale", "ee", "er", "ez", "ent", "e"],
    key=len,
    reverse=True,
)
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 12


def words(text):
    """Lower-case, accent-free words of a text."""
    return _WORD.findall(unaccent(text or "").lower())


def _significant(word):
    if len(word) < 2 or word in STOP_WORDS:
        return False
    # Numbers (a year, a number of a chantier) are kept when written with 0-9; other digits (², ①…) are not.
    return not word.isdigit() or (word.isascii() and word.isdecimal())


def significant_words(text):
    return [word for word in words(text) if _significant(word)]


def light_stem(word):
    """A light French stemmer: hebergement, hebergements, heberges, hebergee → heberg."""
    if len(word) > 4 and word[-1] in "sx":
        word = word[:-1]
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def stems(text):
    return [light_stem(word) for word in significant_words(text)]


def search_terms(query):
    """The words of a search that can match: at most MAX_QUERY_WORDS, stop words and punctuation removed."""
    terms = []
    query = query or ""
    if len(query) > MAX_QUERY_LENGTH:
        # Cut at the last space so that no word is cut in the middle.
        query = query[:MAX_QUERY_LENGTH].rsplit(None, 1)[0]
    for word in significant_words(query):
        if word not in terms:
            terms.append(word)
    return terms[:MAX_QUERY_WORDS]
