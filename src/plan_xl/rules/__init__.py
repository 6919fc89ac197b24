"""Rule catalogue (DOMAIN.md section 4): one module per group of checks.

Importing this package registers every rule; see :mod:`plan_xl.rules.registry`.
"""

from plan_xl.rules import actions, budget, internal, maturity, projects, workbook

GROUPS = ("workbook", "maturity", "actions", "projects", "budget", "internal")

__all__ = ["GROUPS", "actions", "budget", "internal", "maturity", "projects", "workbook"]
