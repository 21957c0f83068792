"""ROOT's tutorials/math/fit/graph2dfit.C in PyROOT: a 2-D function fitted to TGraph2D points,
then the differences between the function and noisy values, the graph's Delaunay
interpolation and the fitted function, each fitted with a Gaussian.

Changes: the import; ``TRandom r`` and ``f2->GetRandom2`` draws are numpy's (``seeded``).
"""

from rootfit import compat as ROOT

import seeded

ROOT.gStyle.SetOptStat(0)
ROOT.gStyle.SetOptFit()

c = ROOT.TCanvas("c", "Graph2D example", 0, 0, 600, 800)
c.Divide(2, 3)

e = 0.3
nd = 400
np_ = 10000

r = seeded.rng()
fl = 6
f2 = ROOT.TF2("f2", "1000*(([0]*sin(x)/x)*([1]*sin(y)/y))+200", -fl, fl, -fl, fl)
f2.SetParameters(1, 1)
dt = ROOT.TGraph2D()

# Fill the 2D graph
zmax = 0
xs, ys = seeded.sample_2d(f2, nd, r)
for N in range(nd):
    x, y = xs[N], ys[N]
    rnd = 2 * r.random() * e - e
    z = f2.Eval(x, y) * (1 + rnd)
    if z > zmax:
        zmax = z
    dt.SetPoint(N, x, y, z)

hr = 350
h1 = ROOT.TH1D(
    "h1",
    "#splitline{Difference between Original}{#splitline{function and Function}{with noise}}",
    100,
    -hr,
    hr,
)
h2 = ROOT.TH1D(
    "h2",
    "#splitline{Difference between Original}{#splitline{function and Delaunay triangles}{interpolation}}",
    100,
    -hr,
    hr,
)
h3 = ROOT.TH1D(
    "h3", "#splitline{Difference between Original}{function and Minuit fit}", 500, -hr, hr
)

f2.SetParameters(0.5, 1.5)
dt.Fit(f2)
fit2 = dt.FindObject("f2")
fitted = [fit2.GetParameter(0), fit2.GetParameter(1), fit2.GetChisquare()]

f2.SetParameters(1, 1)

xs, ys = seeded.sample_2d(f2, np_, r)
for N in range(np_):
    x, y = xs[N], ys[N]
    # Generate a random number in [-e,e]
    rnd = 2 * r.random() * e - e
    z = f2.Eval(x, y) * (1 + rnd)
    h1.Fill(f2.Eval(x, y) - z)
    z = dt.Interpolate(x, y)
    h2.Fill(f2.Eval(x, y) - z)
    z = fit2.Eval(x, y)
    h3.Fill(f2.Eval(x, y) - z)

c.cd(1)
f2.SetTitle("Original function with Graph2D points on top")
f2.SetMaximum(zmax)
ROOT.gStyle.SetHistTopMargin(0)
f2.Draw("surf1")
dt.Draw("same p0")

c.cd(3)
dt.SetMargin(0.1)
dt.SetFillColor(36)
dt.SetTitle("Histogram produced with Delaunay interpolation")
dt.Draw("surf4")

c.cd(5)
fit2.SetTitle("Minuit fit result on the Graph2D points")
fit2.Draw("surf1")

h1.SetFillColor(47)
h2.SetFillColor(38)
h3.SetFillColor(29)

c.cd(2)
h1.Fit("gaus", "Q")
h1.Draw()
c.cd(4)
h2.Fit("gaus", "Q")
h2.Draw()
c.cd(6)
h3.Fit("gaus", "Q")
h3.Draw()
c.cd()
c.SaveAs("graph2dfit.png")


def gaus(h):
    f = h.GetFunction("gaus")
    return [f.GetParameter(i) for i in range(3)]


RESULTS = {
    "fit": fitted,
    "interpolated": [dt.Interpolate(x, y) for x, y in ((0.5, 0.5), (-2.0, 3.0), (4.0, -1.0))],
    "h1": gaus(h1),
    "h2_entries": h2.GetEntries(),
    "h2": gaus(h2),
    "h3": gaus(h3),
}
