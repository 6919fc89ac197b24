"""Rule catalogue (DOMAIN.md section 4): one module per group of checks.

Importing this package registers every rule; see :mod:`plan_xl.rules.registry`.
"""
