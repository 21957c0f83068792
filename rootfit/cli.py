"""The ``rootfit`` command.

``rootfit fit FILE[:NAME] FUNC [--option STR] [--range LO HI] [--start NAME=V] [--fix NAME[=V]]
[--limit NAME=LO:HI] [--plot OUT.png]`` reads a
histogram (``.root``, ``.npz``, or a text/CSV file of values), fits it with ROOT's semantics,
prints ROOT's result block and optionally saves a figure.

``rootfit demo [--out FILE]`` writes a demo file like ROOT's ``hsimple``: a histogram ``hpx``
of 25000 gaussian values (fixed seed).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import numpy as np

from rootfit.errors import FitOptionError, RootfitError

__all__ = ["main"]


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("rootfit")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"


def _demo(out: str, seed: int) -> int:
    from rootfit.hist import Histogram

    rng = np.random.default_rng(seed)
    hpx = Histogram(100, -4, 4, name="hpx", title="This is the px distribution", label="px")
    hpx.fill(rng.normal(0.0, 1.0, 25000))
    if out.endswith(".root"):
        from rootfit.io import write_root

        write_root(out, {"hpx": hpx})
    else:
        np.savez(out, counts=hpx.values(), edges=hpx.axis.edges)
    print(
        f"wrote {out}: hpx with {hpx.entries:g} entries (mean {hpx.mean():.4g}, std dev {hpx.std():.4g})"
    )
    return 0


def _fit(args: argparse.Namespace) -> int:
    from rootfit.io import read_histogram

    hist = read_histogram(args.file, bins=args.bins)
    # the command prints the result block itself: the fit runs quiet (option Q) and the block
    # is printed once below, exactly as ROOT's Fit would print it
    option = args.option.replace("Q", "").replace("q", "")
    result = hist.fit(
        args.function,
        option + "Q",
        range=tuple(args.range) if args.range else None,
        start=_assignments(args.start, "--start") or None,
        fix=_fixes(args.fix) or None,
        limits=_limits(args.limit) or None,
    )
    print(
        f"Fit of {hist.name or args.file} ({hist.entries:g} entries) with {args.function!r}, "
        f"option {args.option!r}"
    )
    result.print("V" if args.verbose else "")
    if args.plot:
        from rootfit.plotting import plot_fit

        plot_fit(hist, result, args.plot, pulls="pull")
        print(f"figure written to {args.plot}")
    return 0 if result.valid else 1


def _assignments(items: Sequence[str] | None, flag: str) -> dict[str, float]:
    """``["Mean=0.3", ...]`` as ``{"Mean": 0.3}``."""
    out: dict[str, float] = {}
    for item in items or ():
        name, sep, value = item.partition("=")
        try:
            if not sep or not name:
                raise ValueError
            out[name.strip()] = float(value)
        except ValueError:
            raise FitOptionError(f"{flag} takes NAME=VALUE, not {item!r}") from None
    return out


def _fixes(items: Sequence[str] | None) -> dict[str, float] | list[str]:
    """``--fix Sigma`` (at its start value) or ``--fix Sigma=1.2``."""
    items = list(items or ())
    if all("=" in item for item in items):
        return _assignments(items, "--fix")
    if any("=" in item for item in items):
        raise FitOptionError("give every --fix as NAME or every one as NAME=VALUE")
    return [item.strip() for item in items]


def _limits(items: Sequence[str] | None) -> dict[str, tuple[float | None, float | None]]:
    """``--limit Sigma=0:5`` (either side may be empty: ``Sigma=0:``)."""
    out: dict[str, tuple[float | None, float | None]] = {}
    for item in items or ():
        name, sep, bounds = item.partition("=")
        lo, colon, hi = bounds.partition(":")
        try:
            if not sep or not colon or not name:
                raise ValueError
            out[name.strip()] = (float(lo) if lo else None, float(hi) if hi else None)
        except ValueError:
            raise FitOptionError(f"--limit takes NAME=LO:HI, not {item!r}") from None
    return out


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``rootfit`` command."""
    parser = argparse.ArgumentParser(
        prog="rootfit", description="Fit histograms the way ROOT does."
    )
    parser.add_argument("--version", action="version", version=f"rootfit {_version()}")
    sub = parser.add_subparsers(dest="command", required=True)
    fit = sub.add_parser("fit", help="fit a histogram from a file")
    fit.add_argument("file", help="FILE[:NAME] (.root, .npz, or text/CSV of values)")
    fit.add_argument("function", help="predefined name (gaus, expo, pol2...) or formula")
    fit.add_argument("--option", "-o", default="", help="ROOT fit options, e.g. L, WW, E")
    fit.add_argument("--range", nargs=2, type=float, metavar=("LO", "HI"), help="fit range")
    fit.add_argument("--plot", metavar="OUT", help="save a figure (png, pdf...)")
    fit.add_argument("--bins", type=int, default=100, help="bins for raw values (default 100)")
    fit.add_argument("--verbose", "-v", action="store_true", help="print the matrices too")
    fit.add_argument(
        "--start", action="append", metavar="NAME=VALUE", help="a start value (repeatable)"
    )
    fit.add_argument(
        "--fix", action="append", metavar="NAME[=VALUE]", help="fix a parameter (repeatable)"
    )
    fit.add_argument(
        "--limit", action="append", metavar="NAME=LO:HI", help="limits; a side may be empty"
    )
    demo = sub.add_parser("demo", help="write a demo data file (like ROOT's hsimple)")
    demo.add_argument("--out", default="hsimple.root", help="output file (.root or .npz)")
    demo.add_argument("--seed", type=int, default=12345)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status (1 if the fit did not converge, 2 on bad input)."""
    args = build_parser().parse_args(argv)
    try:
        if args.command == "demo":
            return _demo(args.out, args.seed)
        return _fit(args)
    except RootfitError as exc:
        print(f"rootfit: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
