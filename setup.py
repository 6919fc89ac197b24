"""Package layout that pyproject.toml cannot express on its own.

The VBA sources live in the top-level ``macros/`` folder (where consultants and
reviewers look for them); they ship inside the package as
``plan_xl.excel.macros`` so ``plan-xl addin`` works from a plain install.
"""

from setuptools import find_namespace_packages, setup

setup(
    packages=[*find_namespace_packages("src", include=["plan_xl*"]), "plan_xl.excel.macros"],
    package_dir={"": "src", "plan_xl.excel.macros": "macros"},
)
