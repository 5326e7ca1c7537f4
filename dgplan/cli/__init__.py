"""The dgplan command line: one module per command group, on top of every layer (no lower layer imports it)."""

from __future__ import annotations

import typer

from dgplan.cli import corpus_commands, eval_commands, feedback_commands, index_commands, serve_commands

app = typer.Typer(help="dgplan: cited answers about Thailand's Digital Government Plan 2566–2570.",
                  no_args_is_help=True, add_completion=False)
app.add_typer(corpus_commands.corpus_app, name="corpus")
app.command()(index_commands.ingest)
app.command()(serve_commands.ask)
app.command()(serve_commands.serve)
app.command()(serve_commands.up)
app.command("projects")(index_commands.projects_command)
app.command("eval")(eval_commands.eval_command)
app.command("bench")(eval_commands.bench_command)
app.add_typer(feedback_commands.feedback_app, name="feedback")
app.add_typer(eval_commands.laws_app, name="laws")
