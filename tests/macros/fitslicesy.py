"""ROOT's tutorials/math/fit/fitslicesy.C in PyROOT: ``FitSlicesY`` of hsimple's ``hpxpy``, its
output histograms read back from the current file.

Changes: the import; hsimple's file is made here with numpy's normal numbers in place of
``gRandom->Rannor`` (``seeded``).
"""

from rootfit import compat as ROOT

import seeded


def hsimple():
    """hsimple.C's histograms in hsimple.root (what ``hsimple(1)`` returns)."""
    hfile = ROOT.TFile("hsimple.root", "RECREATE", "Demo ROOT file with histograms")
    hpx = ROOT.TH1F("hpx", "This is the px distribution", 100, -4, 4)
    hpxpy = ROOT.TH2F("hpxpy", "py vs px", 40, -4, 4, 40, -4, 4)
    hprof = ROOT.TProfile("hprof", "Profile of pz versus px", 100, -4, 4, 0, 20)
    px, py = seeded.rng().normal(size=(2, 25000))
    pz = px * px + py * py
    hpx.FillN(25000, px, ROOT.nullptr)
    hpxpy.FillN(25000, px, py, ROOT.nullptr)
    hprof.FillN(25000, px, pz, ROOT.nullptr)
    hfile.Write()
    return hfile, (hpx, hpxpy, hprof)


# Change some default parameters in the current style
ROOT.gStyle.SetLabelSize(0.06, "x")
ROOT.gStyle.SetLabelSize(0.06, "y")
ROOT.gStyle.SetFrameFillColor(38)
ROOT.gStyle.SetTitleW(0.6)
ROOT.gStyle.SetTitleH(0.1)

hsimpleFile, kept = hsimple()
# Connect the input file and get the 2-d histogram in memory
hpxpy = hsimpleFile.Get("hpxpy")

# Create a canvas and divide it
c1 = ROOT.TCanvas("c1", "c1", 700, 500)
c1.SetFillColor(42)
c1.Divide(2, 1)
leftPad = c1.cd(1)
leftPad.Divide(1, 2)

# Draw 2-d original histogram
leftPad.cd(1)
ROOT.gPad.SetTopMargin(0.12)
ROOT.gPad.SetFillColor(33)
hpxpy.Draw()
hpxpy.GetXaxis().SetLabelSize(0.06)
hpxpy.GetYaxis().SetLabelSize(0.06)
hpxpy.SetMarkerColor(ROOT.kYellow)

# Fit slices projected along Y from bins in X [7,32] with more than 20 bins  in Y filled
hpxpy.FitSlicesY(ROOT.nullptr, 7, 32, 20)

# Show fitted "mean" for each slice
leftPad.cd(2)
ROOT.gPad.SetFillColor(33)
hpxpy_0 = hsimpleFile.Get("hpxpy_0")
hpxpy_0.Draw()
rightPad = c1.cd(2)
rightPad.Divide(1, 2)
rightPad.cd(1)
ROOT.gPad.SetTopMargin(0.12)
ROOT.gPad.SetLeftMargin(0.15)
ROOT.gPad.SetFillColor(33)
hpxpy_1 = hsimpleFile.Get("hpxpy_1")
hpxpy_1.Draw()

# Show fitted "sigma" for each slice
rightPad.cd(2)
ROOT.gPad.SetTopMargin(0.12)
ROOT.gPad.SetLeftMargin(0.15)
ROOT.gPad.SetFillColor(33)
hpxpy_2 = hsimpleFile.Get("hpxpy_2")
hpxpy_2.SetMinimum(0.8)
hpxpy_2.Draw()

# attributes
for h in (hpxpy_0, hpxpy_1, hpxpy_2):
    h.SetLineColor(5)
    h.SetMarkerColor(2)
    h.SetMarkerStyle(21)
    h.SetMarkerSize(0.6)
c1.SaveAs("fitslicesy.png")


def contents(h):
    return [h.GetBinContent(b) for b in range(1, h.GetNbinsX() + 1)]


RESULTS = {
    "names": [h.GetName() for h in (hpxpy_0, hpxpy_1, hpxpy_2)],
    "constant": contents(hpxpy_0),
    "mean": contents(hpxpy_1),
    "sigma": contents(hpxpy_2),
    "sigma_errors": [hpxpy_2.GetBinError(b) for b in range(1, 41)],
    "chi2": contents(hsimpleFile.Get("hpxpy_chi2")),
}
