"""Alembic migration scripts (run through ``recoverydesk.db.migrate``)."""
