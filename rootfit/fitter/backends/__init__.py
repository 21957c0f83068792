"""Minimizer backends behind one protocol (:mod:`~rootfit.fitter.backends.base`), found through
a lazy registry keyed by ROOT's type/algorithm names (:mod:`~rootfit.fitter.backends.registry`).

Adding a minimizer: subclass :class:`Backend` in a new module of this package, declare its
:class:`Capabilities`, implement ``minimize`` (and the steps its :class:`Minimum` supports),
and add an entry to :data:`BACKENDS` (or give ``Fitter(backends=BACKENDS.with_backend(...))``).
"""

from rootfit.fitter.backends.base import Backend, BackendResult, Capabilities, Minimum, Request
from rootfit.fitter.backends.registry import BACKENDS, BackendRegistry

__all__ = [
    "BACKENDS",
    "Backend",
    "BackendRegistry",
    "BackendResult",
    "Capabilities",
    "Minimum",
    "Request",
]
