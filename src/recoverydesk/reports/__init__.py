"""PDF handouts with ReportLab: DTOs in, PDF out. No Qt, no database."""
