"""``python -m plan_xl.template``: rebuild templates/ (blank template and example)."""

from plan_xl.template.builder import rebuild_committed

for path in rebuild_committed():
    print(path)
