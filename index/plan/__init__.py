"""The plan's own structure (vision, goals, strategies, indicators, measures, focus areas), extracted at ingest."""
