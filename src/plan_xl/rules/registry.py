"""The rule catalogue: every check is a small unit with a stable code.

A rule is a function ``(plan, ctx) -> Iterable[Finding]`` registered with
:func:`rule`, carrying its code, severity, group, and Dutch/English title,
message template and description. The descriptions are the user docs
(``plan-xl rules``, ``docs/rules.md``). Codes are never reused.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from plan_xl.core.findings import Finding, Severity

CheckFn = Callable[..., Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    group: str
    title: Mapping[str, str]  # lang -> short title
    message: Mapping[str, str]  # lang -> str.format template over the finding's params
    description: Mapping[str, str]  # lang -> what is wrong and how to fix it
    check: CheckFn

    def render(self, lang: str, params: Mapping[str, Any]) -> str:
        template = self.message.get(lang) or self.message["nl"]
        try:
            return template.format(**params)
        except (KeyError, IndexError, ValueError):
            return template


_RULES: dict[str, Rule] = {}


def rule(
    code: str,
    severity: Severity | str,
    group: str,
    *,
    title: Mapping[str, str],
    message: Mapping[str, str],
    description: Mapping[str, str],
) -> Callable[[CheckFn], CheckFn]:
    """Register a check function as the rule ``code``."""

    def register(fn: CheckFn) -> CheckFn:
        if code in _RULES:
            raise ValueError(f"rule code {code} registered twice")
        _RULES[code] = Rule(code, Severity(severity), group, title, message, description, fn)
        return fn

    return register


def all_rules() -> list[Rule]:
    _load_rule_modules()
    return sorted(_RULES.values(), key=lambda r: r.code)


def get_rule(code: str) -> Rule:
    _load_rule_modules()
    return _RULES[code]


def render_message(code: str, lang: str, params: Mapping[str, Any]) -> str:
    return get_rule(code).render(lang, params)


def _load_rule_modules() -> None:
    # Importing the package registers every rule module it lists.
    import plan_xl.rules  # noqa: F401
