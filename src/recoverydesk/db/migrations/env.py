"""Alembic environment: runs on the connection that ``recoverydesk.db.migrate`` passes in."""

from alembic import context

from recoverydesk.db import models  # noqa: F401  (registers the tables)
from recoverydesk.db.base import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
