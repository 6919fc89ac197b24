"""rapport.json: the batch report for machines; its schema is docs/batch-report.schema.json."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from plan_xl.batch.atomic import atomic_write_text
from plan_xl.batch.report_model import BatchReport
from plan_xl.jsonout import dumps

SCHEMA_ID = "https://plan-xl.example/schemas/batch-report.schema.json"


def report_json(report: BatchReport) -> dict[str, Any]:
    return report.model_dump(mode="json")


def write_json_report(report: BatchReport, target: Path) -> Path:
    text = dumps(report_json(report))
    return atomic_write_text(target, text + "\n")


def report_schema() -> dict[str, Any]:
    """The JSON Schema of rapport.json, as committed in docs/batch-report.schema.json."""
    schema = BatchReport.model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }


def schema_text() -> str:
    return dumps(report_schema()) + "\n"
