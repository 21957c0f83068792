"""Import optional dependencies with an error that says how to install them."""

from __future__ import annotations

import importlib
from types import ModuleType

from rootfit.errors import MissingDependencyError


def require(module: str, *, feature: str, extra: str) -> ModuleType:
    """Import and return ``module`` or raise :class:`MissingDependencyError`.

    Parameters
    ----------
    module : str
        Importable module name, e.g. ``"uproot"``.
    feature : str
        What the caller wanted to do, used in the message.
    extra : str
        The pyproject extra that installs the module.
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingDependencyError(
            f"{feature} needs the optional package '{module}'; "
            f"install it with: pip install 'rootfit[{extra}]'"
        ) from exc
