"""Compiled kernels: the only package that imports numba.

Every kernel here has a plain-numpy twin (:mod:`rootfit.kernels.reference`, or the numpy code
generator for formulas) that the tests compare it with.
"""
