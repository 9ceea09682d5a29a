"""Database layer: SQLAlchemy models, the engine, units of work and migrations."""
