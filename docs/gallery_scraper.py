"""The sphinx-gallery image scraper of rootfit's tutorials.

rootfit draws with matplotlib's object API and never through pyplot, so sphinx-gallery's own
matplotlib scraper sees no figure. The tutorials save their figures as PNG files instead; this
scraper hands sphinx-gallery every PNG written below the working directory since the example
started (``reset`` is called before each example): the files that are new or whose
modification time changed since then. (Comparing modification times with the clock instead
would miss files: the file system stamps them with a coarser clock, up to a few milliseconds
behind ``time.time()``.)"""

from __future__ import annotations

import pathlib
import shutil
from typing import Any

__all__ = ["TutorialFigures"]


class TutorialFigures:
    """Scraper (``image_scrapers``) and reset hook (``reset_modules``) in one object."""

    def __init__(self) -> None:
        self._before = self._figures()
        self._taken: set[pathlib.Path] = set()

    @staticmethod
    def _figures() -> dict[pathlib.Path, int]:
        """Every PNG below the working directory (outside the gallery) and its modification
        time in nanoseconds."""
        return {
            p: p.stat().st_mtime_ns
            for p in pathlib.Path.cwd().rglob("*.png")
            if "gallery" not in p.parts
        }

    def reset(self, gallery_conf: dict[str, Any], fname: str) -> None:
        """Before an example: only files written from now on belong to it."""
        self._before = self._figures()
        self._taken = set()

    def __call__(self, block: Any, block_vars: dict[str, Any], gallery_conf: dict[str, Any]) -> str:
        from sphinx_gallery.scrapers import figure_rst

        fresh = sorted(
            p
            for p, written in self._figures().items()
            if self._before.get(p) != written and p not in self._taken
        )
        paths = []
        for source, target in zip(fresh, block_vars["image_path_iterator"], strict=False):
            shutil.copyfile(source, target)
            self._taken.update({source, pathlib.Path(target)})
            paths.append(target)
        return str(figure_rst(paths, gallery_conf["src_dir"]))

    def __repr__(self) -> str:  # sphinx-gallery caches its configuration by repr
        return "TutorialFigures()"
