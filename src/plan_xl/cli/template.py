"""``plan-xl template``: write a blank template, the example, or rebuild templates/."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from plan_xl.cli import app
from plan_xl.errors import PlanXlError
from plan_xl.i18n import t


@app.command("template")
def template_command(
    out: Annotated[
        Path | None,
        typer.Argument(help="Doelbestand (.xlsx), bv. sjabloon.xlsx.", show_default=False),
    ] = None,
    example: Annotated[
        bool, typer.Option("--example", help="Het ingevulde voorbeeld 'Gemeente Voorbeeld'.")
    ] = False,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="Consultantprofiel (TOML): organisatie, periode, thema's."),
    ] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", help="Taal van de instructies: nl of en.")
    ] = None,
    rebuild_committed: Annotated[
        bool,
        typer.Option(
            "--rebuild-committed",
            help="Bouw templates/plan-xl-sjabloon.xlsx en templates/plan-xl-voorbeeld.xlsx "
            "opnieuw (in de map OUT, standaard templates/ van de broncode).",
        ),
    ] = False,
) -> None:
    """Maak een leeg sjabloon of het voorbeeld (Gemeente Voorbeeld)."""
    from plan_xl.template import build_workbook, load_profile
    from plan_xl.template import rebuild_committed as rebuild

    if lang is not None and lang.strip().lower() not in ("nl", "en"):
        raise typer.BadParameter("nl | en", param_hint="--lang")
    if rebuild_committed:
        for path in rebuild(out):
            typer.echo(t("template.written", lang, path=str(path)))
        return
    if out is None:
        raise PlanXlError("template.out_missing", lang)
    profile = load_profile(config, lang) if config is not None else None
    written = build_workbook(out, example=example, profile=profile, lang=lang)
    typer.echo(t("template.written", lang, path=str(written)))
