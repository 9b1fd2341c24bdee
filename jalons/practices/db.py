# ruff: noqa: S608 — every statement is built from the constant table names above, never from input.
"""Database objects of the full-text search, created by migrations for the database in use only.

PostgreSQL: the unaccent extension, the `french_unaccent` configuration, the trigger that keeps
`search_vector` current and its GIN index. SQLite: the FTS5 table and the triggers that keep it current.

Django rebuilds a SQLite table (and so drops its triggers) when a migration alters some of its columns: a
later migration that alters practices_goodpractice must call `install_search(schema_editor)` again (it is
idempotent). The search tests fail if the triggers are missing.
"""

TABLE = "practices_goodpractice"
FTS_TABLE = "practices_goodpractice_fts"
CONTENT_COLUMNS = (
    "title, summary, tags, description, results, commune, lead_organisation_name, partners, cost_and_funding"
)

POSTGRES_INSTALL = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
        ALTER TEXT SEARCH CONFIGURATION french_unaccent
          ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
      END IF;
    END $$
    """,
    f"""
    CREATE OR REPLACE FUNCTION {TABLE}_search_vector() RETURNS trigger AS $$
    BEGIN
      NEW.search_vector :=
        setweight(to_tsvector('french_unaccent', coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector('french_unaccent',
             coalesce(NEW.summary, '') || ' ' || replace(coalesce(NEW.tags, ''), ',', ' ')), 'B')
        || setweight(to_tsvector('french_unaccent', concat_ws(' ', NEW.description, NEW.results, NEW.commune,
             NEW.lead_organisation_name, NEW.partners, NEW.cost_and_funding)), 'C');
      RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    f"DROP TRIGGER IF EXISTS {TABLE}_search_vector_update ON {TABLE}",
    f"""
    CREATE TRIGGER {TABLE}_search_vector_update
      BEFORE INSERT OR UPDATE OF {CONTENT_COLUMNS} ON {TABLE}
      FOR EACH ROW EXECUTE FUNCTION {TABLE}_search_vector()
    """,
    # Fill the vectors of the rows that already exist (the trigger fires on this update).
    f"UPDATE {TABLE} SET title = title",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_search_gin ON {TABLE} USING gin (search_vector)",
]
POSTGRES_UNINSTALL = [
    f"DROP INDEX IF EXISTS {TABLE}_search_gin",
    f"DROP TRIGGER IF EXISTS {TABLE}_search_vector_update ON {TABLE}",
    f"DROP FUNCTION IF EXISTS {TABLE}_search_vector()",
    # The configuration and the extension may serve other tables: they stay.
]

_FTS_VALUES = (
    "new.id, new.title, new.summary || ' ' || replace(new.tags, ',', ' '), "
    "new.description || ' ' || new.results || ' ' || new.commune || ' ' || new.lead_organisation_name || ' ' "
    "|| new.partners || ' ' || new.cost_and_funding"
)
SQLITE_INSTALL = [
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE}
        USING fts5(title, summary, body, tokenize = 'unicode61 remove_diacritics 2')""",
    f"DROP TRIGGER IF EXISTS {TABLE}_fts_insert",
    f"DROP TRIGGER IF EXISTS {TABLE}_fts_update",
    f"DROP TRIGGER IF EXISTS {TABLE}_fts_delete",
    f"""CREATE TRIGGER {TABLE}_fts_insert AFTER INSERT ON {TABLE} BEGIN
          INSERT INTO {FTS_TABLE}(rowid, title, summary, body) VALUES ({_FTS_VALUES});
        END""",
    f"""CREATE TRIGGER {TABLE}_fts_update AFTER UPDATE OF {CONTENT_COLUMNS} ON {TABLE} BEGIN
          DELETE FROM {FTS_TABLE} WHERE rowid = old.id;
          INSERT INTO {FTS_TABLE}(rowid, title, summary, body) VALUES ({_FTS_VALUES});
        END""",
    f"""CREATE TRIGGER {TABLE}_fts_delete AFTER DELETE ON {TABLE} BEGIN
          DELETE FROM {FTS_TABLE} WHERE rowid = old.id;
        END""",
    # Rebuild from the rows that exist (none on a fresh database).
    f"DELETE FROM {FTS_TABLE}",
    f"INSERT INTO {FTS_TABLE}(rowid, title, summary, body) SELECT {_FTS_VALUES.replace('new.', '')} FROM {TABLE}",
]
SQLITE_UNINSTALL = [
    f"DROP TRIGGER IF EXISTS {TABLE}_fts_insert",
    f"DROP TRIGGER IF EXISTS {TABLE}_fts_update",
    f"DROP TRIGGER IF EXISTS {TABLE}_fts_delete",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement, params=None)


def install_search(schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, POSTGRES_INSTALL)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_INSTALL)


def uninstall_search(schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, POSTGRES_UNINSTALL)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_UNINSTALL)
