"""Exception and warning tree of rootfit.

Every error rootfit raises on purpose is a :class:`RootfitError`; each subclass also derives from
the builtin exception a Python user would expect (``ValueError`` for bad input, ``ImportError``
for a missing optional dependency, ``RuntimeError`` for a fit that cannot run), so generic
``except ValueError`` code keeps working.

This module imports nothing from rootfit.
"""

from __future__ import annotations

import difflib
import os
import pickle
import sys
import warnings
from collections.abc import Iterable

__all__ = [
    "ConvergenceWarning",
    "DataError",
    "DataFileError",
    "DataWarning",
    "EmptyFitDataError",
    "FitError",
    "FitOptionError",
    "FitOptionTypeError",
    "FitWarning",
    "FormulaSyntaxError",
    "FunctionError",
    "FunctionTypeError",
    "LimitWarning",
    "MissingDependencyError",
    "MissingFileError",
    "NoParametersError",
    "ParameterKeyError",
    "RootfitError",
    "RootfitWarning",
    "StartValueWarning",
    "UnpicklableModelError",
    "WorkerError",
    "did_you_mean",
    "nearest_first",
    "warn",
]


class RootfitError(Exception):
    """Base class of every error raised by rootfit."""


class FitOptionError(RootfitError, ValueError):
    """An option string or a minimizer option is invalid."""


class FitOptionTypeError(FitOptionError, TypeError):
    """An option of the wrong type (an option string that is not a string...)."""


class DataError(RootfitError, ValueError):
    """Data (histogram, graph, events, fit data) is malformed or unusable."""


class EmptyFitDataError(DataError):
    """No point (or event) is left to fit after the selection (range, zoom, empty bins)."""


class DataFileError(DataError, OSError):
    """A data file cannot be read: missing (also a ``FileNotFoundError`` then), truncated,
    corrupted, or not of the expected kind."""


class MissingFileError(DataFileError, FileNotFoundError):
    """A data file does not exist."""


class FunctionError(RootfitError, ValueError):
    """A model function is ill defined (unknown name, wrong number of parameters, ...)."""


class FunctionTypeError(FunctionError, TypeError):
    """A model of the wrong type, or a Python model returning something other than numbers."""


class NoParametersError(FunctionError):
    """The model has no parameter to fit (ROOT's ``Fit`` returns -3)."""


class FormulaSyntaxError(FunctionError):
    """A formula string does not follow the grammar.

    Parameters
    ----------
    message : str
        What is wrong.
    text : str
        The formula text.
    position : int
        Zero-based character offset where the problem was found.
    """

    def __init__(self, message: str, text: str = "", position: int = 0) -> None:
        self.text = text
        self.position = position
        detail = message
        if text:
            detail = f"{message} at position {position}\n    {text}\n    {' ' * position}^"
        super().__init__(detail)


class MissingDependencyError(RootfitError, ImportError):
    """An optional dependency needed for a feature is not installed."""


class FitError(RootfitError, RuntimeError):
    """A fit cannot be carried out (as opposed to a fit that ran and did not converge), or —
    with ``strict=True`` — a fit that ran and did not converge; then :attr:`result` holds it.
    """

    def __init__(self, message: str = "", result: object = None) -> None:
        super().__init__(message)
        self.result = result


class WorkerError(RootfitError, RuntimeError):
    """A batch task whose worker died or whose executor could not run it (recorded for that
    item; the rest of the batch is kept)."""


class ParameterKeyError(RootfitError, KeyError, IndexError):
    """A parameter named or numbered that does not exist (a ``KeyError`` for names, an
    ``IndexError`` for positions)."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class UnpicklableModelError(RootfitError, pickle.PicklingError):
    """A model cannot be pickled (its Python callable is a lambda or a local function, which
    another process could not import)."""


class RootfitWarning(UserWarning):
    """Base class of every warning emitted by rootfit."""


class FitWarning(RootfitWarning):
    """A fit ran but its outcome needs attention (an option ignored, a ROOT fallback...); the
    more specific fit warnings below derive from it."""


class ConvergenceWarning(FitWarning):
    """The minimizer did not converge: the result is ``valid=False`` (ROOT's status says why)."""


class LimitWarning(FitWarning):
    """A parameter limit changed the fit: a start value moved inside its limits, or a parameter
    ended at a limit."""


class StartValueWarning(FitWarning):
    """The start values cannot lead anywhere useful (all zero, or the model is flat there)."""


class DataWarning(RootfitWarning):
    """The data needed attention: points dropped (non-finite, outside), negative contents in a
    likelihood fit, no degrees of freedom left..."""


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """Return ``"; did you mean 'x'?"`` for the closest candidate, or an empty string.

    Parameters
    ----------
    word : str
        The unknown word.
    candidates : iterable of str
        The known words.
    """
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f"; did you mean '{matches[0]}'?" if matches else ""


_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep


def warn(message: str, category: type[Warning] = RootfitWarning) -> None:
    """Emit a warning attributed to the first caller outside rootfit (the user's line).

    Parameters
    ----------
    message : str
        The text.
    category : Warning subclass
        :class:`FitWarning`, :class:`RootfitWarning`...
    """
    frame = sys._getframe(1)  # the caller of warn(): stacklevel 2
    level = 2
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE_DIR):
        frame = frame.f_back  # type: ignore[assignment]
        level += 1
    warnings.warn(message, category, stacklevel=level)


def nearest_first(word: str, candidates: Iterable[str]) -> list[str]:
    """``candidates`` ordered by similarity to ``word`` (the closest first)."""
    items = list(candidates)
    return sorted(items, key=lambda c: -difflib.SequenceMatcher(None, word, c).ratio())
