"""``python -m dgplan`` runs the CLI."""

from dgplan.cli import app

app()
