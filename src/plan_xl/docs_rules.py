"""The rule catalogue as text: the ``plan-xl rules`` listing and docs/rules.md.

Both are generated from the registered rules, so the documentation can never
drift from the checks (a test compares docs/rules.md with :func:`render_markdown`).
"""

from __future__ import annotations

from collections.abc import Iterator

from plan_xl import contract as c
from plan_xl.i18n import normalise_lang, t
from plan_xl.rules import GROUPS
from plan_xl.rules.registry import Rule, all_rules


def rules_by_group() -> Iterator[tuple[str, list[Rule]]]:
    """(group, rules sorted by code) in catalogue order."""
    rules = all_rules()
    known = [*GROUPS, *sorted({r.group for r in rules} - set(GROUPS))]
    for group in known:
        members = [r for r in rules if r.group == group]
        if members:
            yield group, members


def render_text(lang: str | None = None) -> str:
    """A plain listing: per group, code, severity and title."""
    lang = normalise_lang(lang)
    labels = c.SEVERITY_LABELS[lang]
    width = max(len(label) for label in labels.values())
    lines: list[str] = []
    count = 0
    for group, rules in rules_by_group():
        if lines:
            lines.append("")
        lines.append(t(f"rules.group.{group}", lang))
        for rule in rules:
            count += 1
            severity = labels[rule.severity.value].ljust(width)
            lines.append(f"  {rule.code:<7} {severity}  {rule.title.get(lang, rule.title['nl'])}")
    lines.extend(["", t("rules.count", lang, count=count)])
    return "\n".join(lines) + "\n"


def render_markdown(lang: str | None = None) -> str:
    """The rules page: per group, each rule's code, severity, title and description
    in the chosen language (Dutch by default) followed by the other language."""
    lang = normalise_lang(lang)
    other = "en" if lang == "nl" else "nl"
    out = [f"# {t('rules.doc.title', lang)}", "", t("rules.doc.generated", lang), ""]
    out += [t("rules.doc.intro", lang), ""]
    for group, rules in rules_by_group():
        out += [f"## {t(f'rules.group.{group}', lang)}", ""]
        out += [
            f"| {t('rules.header.code', lang)} | {t('rules.header.severity', lang)} "
            f"| {t('rules.header.title', lang)} |",
            "|---|---|---|",
        ]
        for rule in rules:
            severity = c.SEVERITY_LABELS[lang][rule.severity.value]
            out.append(f"| [{rule.code}](#{rule.code.lower()}) | {severity} | {rule.title[lang]} |")
        out.append("")
        for rule in rules:
            severity = c.SEVERITY_LABELS[lang][rule.severity.value]
            out += [f"### {rule.code}", ""]
            out += [f"**{rule.title[lang]}** — {t('rules.doc.severity', lang)}: {severity}", ""]
            out += [rule.description[lang], ""]
            out += [f"*{t('rules.doc.english', lang)}:* **{rule.title[other]}** — "
                    f"{rule.description[other]}", ""]  # fmt: skip
    return "\n".join(out).rstrip("\n") + "\n"
