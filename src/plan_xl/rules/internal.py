"""Findings about plan-xl itself rather than the workbook (PLX0xx)."""

from __future__ import annotations

from collections.abc import Iterator

from plan_xl.core.findings import Finding
from plan_xl.core.plan import PlanData
from plan_xl.rules.context import CheckContext
from plan_xl.rules.registry import rule

GROUP = "internal"
INTERNAL_FAILURE = "PLX001"


@rule(
    INTERNAL_FAILURE,
    "error",
    GROUP,
    title={"nl": "Controle kon niet lopen", "en": "Check could not run"},
    message={
        "nl": "De controle {rule} liep onverwacht vast; details staan in het logbestand "
        "{log}. De andere controles liepen wel.",
        "en": "The check {rule} failed unexpectedly; details are in the log file {log}. The "
        "other checks did run.",
    },
    description={
        "nl": "Fout in plan-xl zelf: een controle liep vast op de inhoud van deze werkmap. De "
        "andere controles lopen gewoon verder, maar de resultaten van die ene controle "
        "ontbreken. Beter: bezorg het logbestand en (indien mogelijk) de werkmap aan de "
        "beheerder van plan-xl.",
        "en": "A fault in plan-xl itself: a check failed on the content of this workbook. The "
        "other checks still run, but the results of that one check are missing. Best "
        "practice: send the log file and (if possible) the workbook to the plan-xl "
        "maintainer.",
    },
)
def internal_failure(plan: PlanData, ctx: CheckContext) -> Iterator[Finding]:
    """Never fires by itself: the engine reports a crashing rule under this code."""
    yield from ()
