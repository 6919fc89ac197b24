"""The rule catalogue: every check is a small unit with a stable code.

A rule is a function ``(plan, ctx) -> Iterable[Finding]`` registered with
:func:`rule`, carrying its code, severity, group, and Dutch/English title,
message template and description. The descriptions are the user docs
(``plan-xl rules``, ``docs/rules.md``). Codes are never reused.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from plan_xl.core.findings import MAX_SHOWN_CHARS, Finding, Severity, shorten

CheckFn = Callable[..., Iterable[Finding]]

# A finding whose params name a variant (``variant="blank"``) is worded by that
# variant's template instead of the rule's main message.
VARIANT = "variant"
BLANK = "blank"  # the cell is empty: "... is niet ingevuld", not "'(leeg)' is invalid"
MISSING = "missing"  # the row or parameter is absent altogether


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    group: str
    title: Mapping[str, str]  # lang -> short title
    message: Mapping[str, str]  # lang -> str.format template over the finding's params
    description: Mapping[str, str]  # lang -> what is wrong and how to fix it
    check: CheckFn
    variants: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def render(self, lang: str, params: Mapping[str, Any]) -> str:
        messages = self.message
        if self.variants:
            messages = self.variants.get(str(params.get(VARIANT, "")), messages)
        template = messages.get(lang) or messages["nl"]
        for value in params.values():  # a loop, not any(): this runs once per finding
            if isinstance(value, str) and len(value) > MAX_SHOWN_CHARS:
                params = {k: shorten(v) if isinstance(v, str) else v for k, v in params.items()}
                break
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
    variants: Mapping[str, Mapping[str, str]] | None = None,
) -> Callable[[CheckFn], CheckFn]:
    """Register a check function as the rule ``code``.

    ``variants`` maps a variant name (e.g. :data:`BLANK`) to alternative
    message templates, chosen by a finding's ``variant`` param.
    """

    def register(fn: CheckFn) -> CheckFn:
        if code in _RULES:
            raise ValueError(f"rule code {code} registered twice")
        _RULES[code] = Rule(
            code, Severity(severity), group, title, message, description, fn, dict(variants or {})
        )
        return fn

    return register


def all_rules() -> list[Rule]:
    _load_rule_modules()
    return sorted(_RULES.values(), key=lambda r: r.code)


def get_rule(code: str) -> Rule:
    found = _RULES.get(code)
    if found is None:
        _load_rule_modules()
        found = _RULES[code]
    return found


def render_message(code: str, lang: str, params: Mapping[str, Any]) -> str:
    found = _RULES.get(code)  # get_rule inlined: this runs once per finding
    return (found if found is not None else get_rule(code)).render(lang, params)


def _load_rule_modules() -> None:
    # Importing the package registers every rule module it lists.
    import plan_xl.rules  # noqa: F401
