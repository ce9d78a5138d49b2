"""The audit log is append-only in the database too: UPDATE and DELETE on it are refused by a trigger."""

from django.db import migrations

SQLITE = [
    "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_auditentry BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;",
    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_auditentry BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;",
]
POSTGRES = [
    """CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit log is append-only'; END; $$ LANGUAGE plpgsql;""",
    "CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit_auditentry FOR EACH ROW EXECUTE FUNCTION audit_append_only();",
]


def forwards(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(schema_editor.connection.vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_no_update;")
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_no_delete;")
    elif vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_no_change ON audit_auditentry;")
        schema_editor.execute("DROP FUNCTION IF EXISTS audit_append_only();")


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
