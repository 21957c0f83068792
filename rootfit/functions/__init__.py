"""Model functions: formulas, predefined functions, callables.

:class:`Model` is the frozen mathematics, :class:`ParameterState` the changeable values, and
:class:`Function` (ROOT's TF1) the user-facing pair of both.
"""

from rootfit.functions.function import Function
from rootfit.functions.model import Model
from rootfit.functions.parser import ParsedFormula, parse_formula
from rootfit.functions.predefined import PREDEFINED, apply_start_rule, init_expo, init_gaus
from rootfit.functions.state import ParameterState
from rootfit.functions.traits import ClosedIntegral, ModelTraits, StartRule

__all__ = [
    "PREDEFINED",
    "ClosedIntegral",
    "Function",
    "Model",
    "ModelTraits",
    "ParameterState",
    "ParsedFormula",
    "StartRule",
    "apply_start_rule",
    "init_expo",
    "init_gaus",
    "parse_formula",
]
