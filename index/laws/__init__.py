"""Law structure as data: sections of every Act and the facts they state, extracted at ingest."""
