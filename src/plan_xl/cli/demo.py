"""``plan-xl demo OUTDIR``: the main job on the built-in example, end to end.

Builds the fictional "Gemeente Voorbeeld", validates it, and writes the
annotated copy plus a JSON and a text report into OUTDIR. Exit 0 when the
example is clean (no errors, no warnings).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from plan_xl.cli import app
from plan_xl.i18n import normalise_lang, t
from plan_xl.report_text import render_text

EXAMPLE_NAME = "plan-xl-voorbeeld.xlsx"
JSON_NAME = "plan-xl-voorbeeld.rapport.json"
TEXT_NAME = "plan-xl-voorbeeld.rapport.txt"


@app.command("demo")
def demo_command(
    outdir: Annotated[Path, typer.Argument(help="Map waarin de demobestanden komen.")],
    lang: Annotated[str, typer.Option("--lang", help="nl of en.")] = "nl",
) -> None:
    """Bouw het voorbeeld, controleer het en schrijf kopie en rapporten in OUTDIR."""
    from plan_xl.atomic import atomic_write_text
    from plan_xl.template import build_workbook
    from plan_xl.validate import validate_file, write_annotated_copy
    from plan_xl.workbook.writer import default_output

    lang = normalise_lang(lang)
    outdir.mkdir(parents=True, exist_ok=True)
    example = build_workbook(outdir / EXAMPLE_NAME, example=True, lang=lang)
    result = validate_file(example, lang=lang)
    annotated = write_annotated_copy(result, example, default_output(example))

    report = result.to_json_text() + "\n"
    json_path = atomic_write_text(outdir / JSON_NAME, report, lang=lang)
    text = render_text(example.name, result.findings, result.lang, written=annotated)
    text_path = atomic_write_text(outdir / TEXT_NAME, text, lang=lang)

    lines = [t("demo.title", lang), t("report.counts", lang, **result.counts), ""]
    lines.append(t("demo.files", lang, dir=str(outdir)))
    for key, path in (
        ("demo.workbook", example),
        ("demo.annotated", annotated),
        ("demo.json", json_path),
        ("demo.text", text_path),
    ):
        lines.append(f"  {t(key, lang)}: {path.name}")
    typer.echo("\n".join(lines))
    raise typer.Exit(1 if result.has_findings_at("warning") else 0)
