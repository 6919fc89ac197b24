"""plan-xl: the digital strategy in a Flemish multi-year plan, checked in Excel."""

from plan_xl.contract import TEMPLATE_VERSION

__version__ = "0.1.0"
__all__ = ["TEMPLATE_VERSION", "__version__"]
