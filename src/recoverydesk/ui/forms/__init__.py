"""UI forms."""
