"""Model functions: formulas, predefined functions, callables."""

from rootfit.functions.function import Function
from rootfit.functions.parser import ParsedFormula, parse_formula
from rootfit.functions.predefined import PREDEFINED, init_expo, init_gaus

__all__ = ["PREDEFINED", "Function", "ParsedFormula", "init_expo", "init_gaus", "parse_formula"]
