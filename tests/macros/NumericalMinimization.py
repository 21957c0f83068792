"""ROOT's tutorials/math/fit/NumericalMinimization.py: the Rosenbrock function minimised with a
``ROOT.Math.Minimizer`` made by ``ROOT.Math.Factory.CreateMinimizer``.

Changes: the import; the function's result is kept for the comparison.
"""

import numpy as np
from rootfit import compat as ROOT


def RosenBrock(vecx):
    x = vecx[0]
    y = vecx[1]
    return (y - x**2) ** 2 + (1 - x) ** 2


def NumericalMinimization(minimizerName="Minuit2", algoName="", randomSeed=-1):
    minimizer = ROOT.Math.Factory.CreateMinimizer(minimizerName, algoName)
    if not minimizer:
        raise RuntimeError(
            f'Cannot create minimizer "{minimizerName}". Maybe the required library was not built?'
        )

    # Set tolerance and other minimizer parameters, one can also use default
    # values
    minimizer.SetMaxFunctionCalls(1000000)  # working for Minuit/Minuit2
    minimizer.SetMaxIterations(10000)  # working for GSL minimizers
    minimizer.SetTolerance(0.001)
    minimizer.SetPrintLevel(1)

    # Create function wrapper for minimizer
    f = ROOT.Math.Functor(RosenBrock, 2)

    # Evaluate function at a point
    x0 = np.array([-1.0, 2.0])
    print("f(-1,1.2) = ", f(x0))

    # Starting point
    variable = [-1.0, 1.2]
    step = [0.01, 0.01]

    minimizer.SetFunction(f)

    # Set the free variables to be minimized!
    minimizer.SetVariable(0, "x", variable[0], step[0])
    minimizer.SetVariable(1, "y", variable[1], step[1])

    # Do the minimization
    ret = minimizer.Minimize()

    xs = minimizer.X()
    print(f"Minimum: f({xs[0]} , {xs[1]}) = {minimizer.MinValue()}")

    # Expected minimum is f(1, 1) = 0
    if ret and minimizer.MinValue() < 1.0e-4:
        print(f"Minimizer {minimizerName} - {algoName} converged to the right minimum!")
    else:
        print(f"Minimizer {minimizerName} - {algoName} failed to converge !!!")
        raise RuntimeError("NumericalMinimization failed to converge!")
    return minimizer, bool(ret), f(x0)


minimizer, converged, f0 = NumericalMinimization()
migrad, _, _ = NumericalMinimization("Minuit2", "Migrad")
xs, errors = minimizer.X(), minimizer.Errors()
RESULTS = {
    "f0": f0,
    "converged": converged,
    "x": [xs[0], xs[1]],
    "errors": [errors[0], errors[1]],
    "min": minimizer.MinValue(),
    "ncalls": minimizer.NCalls(),
    "migrad_x": [migrad.X()[0], migrad.X()[1]],
}
