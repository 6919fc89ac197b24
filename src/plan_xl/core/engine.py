"""Run the rule catalogue over a plan: every rule, sorted findings, never raises."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from plan_xl.core.findings import Finding, Severity, sorted_findings
from plan_xl.core.gcpause import paused_gc
from plan_xl.core.plan import PlanData
from plan_xl.errors import log_unexpected

INTERNAL_FAILURE = "PLX001"  # documented in plan_xl.rules.internal

logger = logging.getLogger("plan_xl")


def check_plan(plan: PlanData, codes: Iterable[str] | None = None) -> list[Finding]:
    """All findings of ``plan`` (or of the rules ``codes`` only), sorted, without duplicates.

    A rule that crashes does not stop the run: the failure is logged and
    reported as a :data:`INTERNAL_FAILURE` finding naming the rule.
    """
    with paused_gc():
        return _check_plan(plan, codes)


def _check_plan(plan: PlanData, codes: Iterable[str] | None) -> list[Finding]:
    from plan_xl.rules.context import CheckContext
    from plan_xl.rules.registry import all_rules

    wanted = set(codes) if codes is not None else None
    ctx: CheckContext | None = None
    findings: list[Finding] = []
    # Findings by place; the full identity (params as text) is only compared when
    # two findings share a place, which is rare: 4,800 findings at 50,000 lines.
    seen: dict[tuple[str, str, str, str], list[Finding]] = {}
    for rule in all_rules():
        if wanted is not None and rule.code not in wanted:
            continue
        try:
            if ctx is None:
                ctx = CheckContext.of(plan)
            produced = list(rule.check(plan, ctx))
        except Exception as exc:  # a broken rule must not break the whole validation
            produced = [_internal_failure(rule.code, exc)]
        for found in produced:
            place = (found.code, found.sheet, found.cell, found.subject)
            same_place = seen.get(place)
            if same_place is None:
                seen[place] = [found]
            elif _is_new(found, same_place):
                same_place.append(found)
            else:
                continue
            findings.append(found)
    return sorted_findings(findings)


def _is_new(found: Finding, same_place: list[Finding]) -> bool:
    """False when a finding at the same place has the same params (as text)."""
    identity = _identity(found)
    return all(_identity(other) != identity for other in same_place)


def _identity(found: Finding) -> tuple[object, ...]:
    params = tuple(sorted((str(k), str(v)) for k, v in found.params.items()))
    return (found.code, found.sheet, found.cell, found.subject, params)


def _internal_failure(code: str, exc: Exception) -> Finding:
    try:
        log = str(log_unexpected(exc))
    except OSError:  # an unwritable log must not hide the finding
        log = "-"
    logger.debug("rule %s failed", code, exc_info=exc)
    return Finding(INTERNAL_FAILURE, Severity.ERROR, "", "", code, {"rule": code, "log": log})
