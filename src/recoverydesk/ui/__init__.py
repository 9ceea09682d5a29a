"""Qt widgets. Imports services, domain and PySide6 only; never the database layer."""
