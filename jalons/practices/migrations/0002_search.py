"""Full-text search objects, for the database in use only (see jalons/practices/db.py)."""

from django.db import migrations

from jalons.practices.db import install_search, uninstall_search


def forwards(apps, schema_editor):
    install_search(schema_editor)


def backwards(apps, schema_editor):
    uninstall_search(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("practices", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
