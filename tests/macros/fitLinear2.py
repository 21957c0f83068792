"""ROOT's tutorials/math/fit/fitLinear2.C in PyROOT: a 5-dimensional hyperplane fitted by
``TLinearFitter`` — all points at once, with more points, without the constant, and with a
fixed parameter.

Changes: the import; ``TRandom randNum`` draws are numpy's (``seeded``).
"""

import numpy as np
from rootfit import compat as ROOT

import seeded

n = 100
randNum = seeded.rng()
lf = ROOT.TLinearFitter(5)

# The predefined "hypN" functions are the fastest to fit
lf.SetFormula("hyp5")

x = np.zeros(n * 10 * 5)
y = np.zeros(n * 10)
e = np.zeros(n * 10)

# Create the points and put them into the fitter
for i in range(n):
    x[0 + i * 5] = randNum.uniform(-10, 10)
    x[1 + i * 5] = randNum.uniform(-10, 10)
    x[2 + i * 5] = randNum.uniform(-10, 10)
    x[3 + i * 5] = randNum.uniform(-10, 10)
    x[4 + i * 5] = randNum.uniform(-10, 10)
    e[i] = 0.01
    y[i] = (
        4 * x[0 + i * 5]
        + x[1 + i * 5]
        + 2 * x[2 + i * 5]
        + 3 * x[3 + i * 5]
        + 0.2 * x[4 + i * 5]
        + randNum.normal() * e[i]
    )

# To avoid copying the data into the fitter, the following function can be used:
lf.AssignData(n, 5, x, y, e)
# A different way to put the points into the fitter would be to use
# the AddPoint function for each point. This way the points are copied and stored
# inside the fitter

# Perform the fitting and look at the results
lf.Eval()
params = ROOT.TVectorD()
errors = ROOT.TVectorD()
lf.GetParameters(params)
lf.GetErrors(errors)
for i in range(6):
    print("par[%d]=%f+-%f" % (i, params(i), errors(i)))
chisquare = lf.GetChisquare()
print("chisquare=%f" % chisquare)
first = [list(params), list(errors), chisquare]

# Now suppose you want to add some more points and see if the parameters will change
for i in range(n, n * 2):
    x[0 + i * 5] = randNum.uniform(-10, 10)
    x[1 + i * 5] = randNum.uniform(-10, 10)
    x[2 + i * 5] = randNum.uniform(-10, 10)
    x[3 + i * 5] = randNum.uniform(-10, 10)
    x[4 + i * 5] = randNum.uniform(-10, 10)
    e[i] = 0.01
    y[i] = (
        4 * x[0 + i * 5]
        + x[1 + i * 5]
        + 2 * x[2 + i * 5]
        + 3 * x[3 + i * 5]
        + 0.2 * x[4 + i * 5]
        + randNum.normal() * e[i]
    )

# Assign the data the same way as before
lf.AssignData(n * 2, 5, x, y, e)
lf.Eval()
lf.GetParameters(params)
lf.GetErrors(errors)
print("\nMore Points:")
for i in range(6):
    print("par[%d]=%f+-%f" % (i, params(i), errors(i)))
chisquare = lf.GetChisquare()
print("chisquare=%.15f" % chisquare)
more = [list(params), list(errors), chisquare]

# Suppose, you are not satisfied with the result and want to try a different formula
# Without a constant:
# Since the AssignData() function was used, you don't have to add all points to the fitter again
lf.SetFormula("x0++x1++x2++x3++x4")
lf.Eval()
lf.GetParameters(params)
lf.GetErrors(errors)
print("\nWithout Constant")
for i in range(5):
    print("par[%d]=%f+-%f" % (i, params(i), errors(i)))
chisquare = lf.GetChisquare()
print("chisquare=%f" % chisquare)
without = [list(params), list(errors), chisquare]

# Now suppose that you want to fix the value of one of the parameters
# Let's fix the first parameter at 4:
lf.SetFormula("hyp5")
lf.FixParameter(1, 4)
lf.Eval()
lf.GetParameters(params)
lf.GetErrors(errors)
print("\nFixed Constant:")
for i in range(6):
    print("par[%d]=%f+-%f" % (i, params(i), errors(i)))
chisquare = lf.GetChisquare()
print("chisquare=%.15f" % chisquare)
fixed = [list(params), list(errors), chisquare]

RESULTS = {"first": first, "more": more, "without": without, "fixed": fixed}
