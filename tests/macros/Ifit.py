"""ROOT's tutorials/math/fit/Ifit.C in PyROOT: a χ² of five points minimised with TMinuit's
command interface (``SetFCN``, ``mnparm``, ``mnexcm``, ``mnstat``).

Changes: the import; C++'s reference arguments are ``ctypes`` objects, as PyROOT passes them.
"""

import ctypes

import numpy as np
from rootfit import compat as ROOT

z = np.zeros(5, dtype=np.float32)
x = np.zeros(5, dtype=np.float32)
y = np.zeros(5, dtype=np.float32)
errorz = np.zeros(5, dtype=np.float32)


def func(x, y, par):
    value = ((par[0] * par[0]) / (x * x) - 1) / (par[1] + par[2] * y - par[3] * y * y)
    return value


def fcn(npar, gin, f, par, iflag):
    nbins = 5
    # calculate chisquare
    chisq = 0
    for i in range(nbins):
        delta = (z[i] - func(float(x[i]), float(y[i]), par)) / float(errorz[i])
        chisq += delta * delta
    f.value = chisq


# The z values
z[0] = 1
z[1] = 0.96
z[2] = 0.89
z[3] = 0.85
z[4] = 0.78
# The errors on z values
error = np.float32(0.01)
errorz[0] = error
errorz[1] = error
errorz[2] = error
errorz[3] = error
errorz[4] = error
# the x values
x[0] = 1.5751
x[1] = 1.5825
x[2] = 1.6069
x[3] = 1.6339
x[4] = 1.6706
# the y values
y[0] = 1.0642
y[1] = 0.97685
y[2] = 1.13168
y[3] = 1.128654
y[4] = 1.44016

gMinuit = ROOT.TMinuit(5)  # initialize TMinuit with a maximum of 5 params
gMinuit.SetFCN(fcn)

arglist = np.zeros(10)
ierflg = ctypes.c_int(0)

arglist[0] = 1
gMinuit.mnexcm("SET ERR", arglist, 1, ierflg)

# Set starting values and step sizes for parameters
vstart = [3, 1, 0.1, 0.01]
step = [0.1, 0.1, 0.01, 0.001]
gMinuit.mnparm(0, "a1", vstart[0], step[0], 0, 0, ierflg)
gMinuit.mnparm(1, "a2", vstart[1], step[1], 0, 0, ierflg)
gMinuit.mnparm(2, "a3", vstart[2], step[2], 0, 0, ierflg)
gMinuit.mnparm(3, "a4", vstart[3], step[3], 0, 0, ierflg)

# Now ready for minimization step
arglist[0] = 500
arglist[1] = 1.0
gMinuit.mnexcm("MIGRAD", arglist, 2, ierflg)

# Print results
amin, edm, errdef = ctypes.c_double(0), ctypes.c_double(0), ctypes.c_double(0)
nvpar, nparx, icstat = ctypes.c_int(0), ctypes.c_int(0), ctypes.c_int(0)
gMinuit.mnstat(amin, edm, errdef, nvpar, nparx, icstat)
# gMinuit->mnprin(3,amin);

values, errors = [], []
for i in range(4):
    v, e = ctypes.c_double(0), ctypes.c_double(0)
    gMinuit.GetParameter(i, v, e)
    values.append(v.value)
    errors.append(e.value)

RESULTS = {
    "ierflg": ierflg.value,
    "amin": amin.value,
    "errdef": errdef.value,
    "nvpar": nvpar.value,
    "nparx": nparx.value,
    "values": values,
    "errors": errors,
}
