"""On PostgreSQL, refuse UPDATE and DELETE on the audit log in the database itself.

The model already refuses them; the trigger also stops raw SQL and other programs. On other
databases (SQLite in development) this migration does nothing. TRUNCATE stays possible (the
test runner's flush needs it; only the database owner can truncate), and so does clearing
actor_id when a user is deleted (actor_label keeps the name).
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION bluebridge_audit_append_only() RETURNS trigger AS $$
BEGIN
    -- Deleting a user sets actor_id to NULL (actor_label keeps the name): allow only that.
    IF TG_OP = 'UPDATE' AND NEW.actor_id IS NULL
       AND (to_jsonb(NEW) - 'actor_id') = (to_jsonb(OLD) - 'actor_id') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the audit log is append-only (% refused on core_auditevent)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS core_auditevent_append_only ON core_auditevent;
CREATE TRIGGER core_auditevent_append_only
    BEFORE UPDATE OR DELETE ON core_auditevent
    FOR EACH ROW EXECUTE FUNCTION bluebridge_audit_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS core_auditevent_append_only ON core_auditevent;
DROP FUNCTION IF EXISTS bluebridge_audit_append_only();
"""


def add_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(add_trigger, drop_trigger, elidable=False)]
