"""search_text on SopVersion and its index: FTS5 on SQLite, GIN tsvector on PostgreSQL.

The index objects are created by vendor (RunPython, since RunSQL cannot be guarded by
vendor); the backfill computes the text of every existing version with sopan.sops.search.
"""

from django.db import migrations, models

FTS = "sops_version_fts"
PG_INDEX = "sopversion_search_tsv"


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(search_text, "
            "tokenize = 'unicode61 remove_diacritics 2')"
        )
    elif vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON sops_sopversion "
            "USING GIN (to_tsvector('simple'::regconfig, search_text))"
        )


def drop_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS}")
    elif vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {PG_INDEX}")


def backfill(apps, schema_editor):
    from sopan.document import SopDocument
    from sopan.sops.search import search_text_for

    SopVersion = apps.get_model("sops", "SopVersion")
    conn = schema_editor.connection
    for version in SopVersion.objects.only("pk", "document").iterator(chunk_size=500):
        try:
            text = search_text_for(SopDocument.model_validate(version.document))
        except ValueError:
            text = ""
        SopVersion.objects.filter(pk=version.pk).update(search_text=text)
        if conn.vendor == "sqlite":
            with conn.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {FTS} (rowid, search_text) VALUES (%s, %s)", [version.pk, text]
                )


class Migration(migrations.Migration):
    dependencies = [
        ("sops", "0003_rendered_file"),
    ]

    operations = [
        migrations.AddField(
            model_name="sopversion",
            name="search_text",
            field=models.TextField(
                blank=True, default="", editable=False, verbose_name="teks pencarian"
            ),
        ),
        migrations.RunPython(create_index, drop_index),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
