"""Search index, second form (measured with bench/search.py on 10,000 versions).

SQLite: the FTS5 table gets two columns (judul = the title part of search_text, isi = the
rest) so the portal ranks title matches inside the index, and an index on (status, nama,
jenis, sop_id) lets counting and ranking read no whole rows (a row holds the document JSON,
which spills over several pages).

PostgreSQL: a stored generated column ``search_tsv`` (``to_tsvector('simple', search_text)``,
unknown to the Django model, kept by the database itself) with a GIN index replaces the
expression index: a common word matches most rows, and the planner then filtered them by
computing to_tsvector row by row (0.2 s for 10,000 rows).
"""

from django.db import migrations

FTS = "sops_version_fts"
COVER = "sopversion_status_nama"
PG_OLD_INDEX = "sopversion_search_tsv"
PG_INDEX = "sopversion_search_tsv_gin"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE sops_sopversion ADD COLUMN IF NOT EXISTS search_tsv tsvector "
            "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED"
        )
        schema_editor.execute(f"DROP INDEX IF EXISTS {PG_OLD_INDEX}")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON sops_sopversion USING GIN (search_tsv)"
        )
        return
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(f"DROP TABLE IF EXISTS {FTS}")
    schema_editor.execute(
        f"CREATE VIRTUAL TABLE {FTS} USING fts5(judul, isi, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    schema_editor.execute(
        f"INSERT INTO {FTS} (rowid, judul, isi) SELECT id, "
        "substr(search_text, 1, instr(search_text, '|') - 1), "
        "substr(search_text, instr(search_text, '|') + 1) "
        "FROM sops_sopversion WHERE instr(search_text, '|') > 0"
    )
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {COVER} ON sops_sopversion (status, nama, jenis, sop_id)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {PG_INDEX}")
        schema_editor.execute("ALTER TABLE sops_sopversion DROP COLUMN IF EXISTS search_tsv")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {PG_OLD_INDEX} ON sops_sopversion "
            "USING GIN (to_tsvector('simple'::regconfig, search_text))"
        )
        return
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {COVER}")
    schema_editor.execute(f"DROP TABLE IF EXISTS {FTS}")
    schema_editor.execute(
        f"CREATE VIRTUAL TABLE {FTS} USING fts5(search_text, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    schema_editor.execute(
        f"INSERT INTO {FTS} (rowid, search_text) SELECT id, search_text FROM sops_sopversion"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("sops", "0006_attachment"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
