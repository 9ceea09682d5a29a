"""Use cases. Each public method is one user action in one short transaction."""
