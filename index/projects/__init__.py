"""The key-project registry: agency gazetteer, appendix-4 extraction and a searchable store."""
