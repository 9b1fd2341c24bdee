"""Search quality: a small French fixture set, the expected hits and their order.

The same expectations hold on PostgreSQL (stored tsvector, french_unaccent, GIN) and on the SQLite fallback
(FTS5): run with DATABASE_URL=postgres://… for the production database. The tests marked `postgres` check
the PostgreSQL machinery itself and are skipped on SQLite.
"""

import pytest
from django.db import connection
from django.urls import reverse

from jalons.practices.models import GoodPractice

from .factories import GoodPracticeFactory

only_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite seulement")

FIXTURES = {
    "urgence": (
        "Hébergement d'urgence des familles",
        "Des places d'hébergement ouvertes toute l'année.",
        "L'hébergement est assuré dans des appartements diffus.",
    ),
    "colocation": (
        "Jeunes hébergés en colocation solidaire",
        "Des colocations pour les sortants de l'aide sociale à l'enfance.",
        "Un bail glissant puis un logement autonome.",
    ),
    "hotel": (
        "Accompagnement à l'hôtel",
        "Les familles hébergées à l'hôtel sont suivies par une équipe mobile.",
        "Visites à domicile chaque semaine.",
    ),
    "maraudes": (
        "Maraudes mixtes",
        "Des équipes de nuit vont au-devant des personnes à la rue.",
        "Les maraudeurs proposent une orientation vers un hébergement.",
    ),
    "logement_jeunes": (
        "Logement d'abord pour les jeunes",
        "Un logement pérenne sans condition préalable pour les jeunes sans domicile.",
        "Suivi par un travailleur social.",
    ),
    "jardins": (
        "Jardins partagés au pied des immeubles",
        "Des légumes frais cultivés par les habitants.",
        "Une association fournit les graines.",
    ),
    "epicerie": (
        "Épicerie solidaire itinérante",
        "Une aide alimentaire de proximité dans les villages.",
        "Le camion passe chaque mardi.",
    ),
    "famille": (
        "Une famille, un parrain",
        "Le parrainage d'une famille par un bénévole.",
        "Rencontres mensuelles.",
    ),
}


@pytest.fixture
def practices(db):
    return {
        key: GoodPracticeFactory(title=title, summary=summary, description=description, tags="")
        for key, (title, summary, description) in FIXTURES.items()
    }


def search(client, query):
    response = client.get(reverse("practices:practice_list"), {"q": query})
    assert response.status_code == 200
    return [practice.pk for practice in response.context["page_obj"].object_list]


def keys(practices, *names):
    return [practices[name].pk for name in names]


def test_accents_and_inflections(practices, client):
    # "hebergement" without accent: hébergement, hébergés, hébergées; ranked by where the word is (title first).
    assert search(client, "hebergement") == keys(practices, "urgence", "colocation", "hotel", "maraudes")
    assert search(client, "HÉBERGEMENT") == search(client, "hebergement")
    assert set(search(client, "hébergées")) == set(search(client, "hebergement"))


def test_plural_and_singular(practices, client):
    assert search(client, "jardin") == keys(practices, "jardins")
    assert set(search(client, "familles")) == set(keys(practices, "urgence", "hotel", "famille"))
    assert set(search(client, "logements")) == set(keys(practices, "colocation", "logement_jeunes"))


def test_every_word_must_match_and_order(practices, client):
    # Both words in the title first; then a title word with the other in the description.
    assert search(client, "jeunes logement") == keys(practices, "logement_jeunes", "colocation")
    assert search(client, "aide alimentation") == keys(practices, "epicerie")
    assert search(client, "piscine") == []


def test_stop_words_and_punctuation_mean_no_search(practices, client):
    assert len(search(client, "les de la ... !?")) == len(FIXTURES)


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL seulement")
def test_postgres_vector_is_stored_by_the_database_and_indexed(practices):
    practice = practices["urgence"]
    # Written by the trigger, not by Django: an update through the ORM's update() keeps it current too.
    GoodPractice.objects.filter(pk=practice.pk).update(title="Mise à l'abri hivernale")
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vector::text FROM practices_goodpractice WHERE id = %s", [practice.pk])
        (vector,) = cursor.fetchone()
        assert "'abri':" in vector and "'hivernal':" in vector
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM practices_goodpractice "
            "WHERE search_vector @@ to_tsquery('french_unaccent', 'abri')"
        )
        plan = " ".join(row[0] for row in cursor.fetchall())
    assert "practices_goodpractice_search_gin" in plan


@only_sqlite
def test_sqlite_fts_table_follows_the_rows(practices):
    practice = practices["urgence"]
    GoodPractice.objects.filter(pk=practice.pk).update(title="Mise à l'abri hivernale")
    with connection.cursor() as cursor:
        cursor.execute("SELECT title FROM practices_goodpractice_fts WHERE rowid = %s", [practice.pk])
        assert cursor.fetchone() == ("Mise à l'abri hivernale",)
        cursor.execute("SELECT count(*) FROM practices_goodpractice_fts")
        assert cursor.fetchone() == (len(FIXTURES),)
