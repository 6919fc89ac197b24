"""``plan-xl rules``: list the rule catalogue (or print docs/rules.md)."""

from __future__ import annotations

from typing import Annotated

import typer

from plan_xl.cli import app
from plan_xl.docs_rules import render_markdown, render_text
from plan_xl.errors import PlanXlError


@app.command("rules")
def rules_command(
    lang: Annotated[str | None, typer.Option("--lang", help="nl of en.")] = None,
    output_format: Annotated[
        str, typer.Option("--format", help="text (lijst) of markdown (docs/rules.md).")
    ] = "text",
) -> None:
    """Toon alle controles: code, ernst en titel."""
    if output_format == "text":
        typer.echo(render_text(lang), nl=False)
    elif output_format == "markdown":
        typer.echo(render_markdown(lang), nl=False)
    else:
        raise PlanXlError("rules.bad_format", lang, value=output_format)
