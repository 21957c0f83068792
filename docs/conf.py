"""Sphinx configuration of the rootfit user guide."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gallery_scraper import TutorialFigures  # noqa: E402

project = "rootfit"
author = "rootfit developers"
extensions = ["sphinx.ext.autodoc", "sphinx.ext.napoleon", "sphinx_gallery.gen_gallery"]
source_suffix = {".rst": "restructuredtext"}
master_doc = "index"
html_theme = "alabaster"
exclude_patterns = ["_build", "gallery/*.ipynb"]

# numpydoc "Attributes" sections as instance-variable fields (no duplicate attribute entries)
napoleon_use_ivar = True
# short names (x, y, Profile...) exist in several modules; the links go to the first
suppress_warnings = ["ref.python"]
autodoc_member_order = "bysource"

# the tutorials as a gallery: each one runs, its text and code become a page, the figures it
# writes are collected (``-D plot_gallery=0`` builds the pages without running them)
_figures = TutorialFigures()
sphinx_gallery_conf = {
    "examples_dirs": "../tutorials",
    "gallery_dirs": "gallery",
    "filename_pattern": r".*\.py$",
    "ignore_pattern": r"__init__\.py",
    "image_scrapers": (_figures,),
    "reset_modules": (_figures.reset,),
    "download_all_examples": False,
    "remove_config_comments": True,
    "abort_on_example_error": True,
    "min_reported_time": 10**9,
}
