"""French full-text search of the good practices, on PostgreSQL and, as a fallback, on SQLite.

PostgreSQL: `search_vector` (title A, summary and tags B, the rest C) is kept by a trigger with the
`french_unaccent` configuration (unaccent then the French Snowball stemmer), indexed with GIN, queried with a
tsquery of stems and light-stem prefixes (see `tsquery`) and ranked with ts_rank.
SQLite: an FTS5 table kept by triggers (unicode61, diacritics removed), queried with prefixes of light stems
(jalons.practices.text.light_stem) and ranked with bm25.
See docs/adr/0006-recherche-plein-texte-des-bonnes-pratiques.md for the differences.

In both cases the query is cut to its significant words first: an empty query, stop words or punctuation
only mean "no search"; a very long query is cut to its first words.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, FloatField
from django.db.models.expressions import RawSQL

from .text import light_stem, search_terms

SEARCH_CONFIG = "french_unaccent"
FTS_TABLE = "practices_goodpractice_fts"


_FTS_MATCHES = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608 — constant names
# bm25 is lower for better matches; the rank is its opposite so that both databases sort rank descending.
_FTS_RANK = (
    f"SELECT -bm25({FTS_TABLE}, 10.0, 4.0, 1.0) FROM {FTS_TABLE} "  # noqa: S608 — constant names
    f"WHERE {FTS_TABLE} MATCH %s AND {FTS_TABLE}.rowid = {{table}}.id"
)


def uses_postgres():
    return connection.vendor == "postgresql"


def tsquery(terms):
    """Every word must match, either as the Snowball stem of the whole word or as a prefix of its light stem.

    The prefix bridges what the French Snowball stemmer does differently once accents are removed:
    "hébergées" is stemmed "heberge" but "hébergement" "heberg"; heberg:* finds both.
    Terms are made of letters and digits only (search_terms), so no tsquery operator comes from the user.
    """
    return " & ".join(f"({term} | {light_stem(term)}:*)" for term in terms)


def fts5_query(terms):
    return " AND ".join(f'"{light_stem(term)}"*' for term in terms)


def search(queryset, query):
    """(queryset restricted to the matches, rank expression, the significant words searched).

    The rank expression (higher is better) is None without significant words; the queryset is then untouched.
    """
    terms = search_terms(query)
    if not terms:
        return queryset, None, []
    if uses_postgres():
        search_query = SearchQuery(tsquery(terms), config=SEARCH_CONFIG, search_type="raw")
        return queryset.filter(search_vector=search_query), SearchRank(F("search_vector"), search_query), terms
    match = fts5_query(terms)
    table = queryset.model._meta.db_table
    matches = RawSQL(_FTS_MATCHES, [match])  # noqa: S611 — the term is a bound parameter
    rank = RawSQL(_FTS_RANK.format(table=table), [match], output_field=FloatField())  # noqa: S611
    return queryset.filter(pk__in=matches), rank, terms
