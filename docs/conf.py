"""Sphinx configuration of the rootfit user guide."""

project = "rootfit"
author = "rootfit developers"
extensions = ["sphinx.ext.autodoc", "sphinx.ext.napoleon"]
source_suffix = {".rst": "restructuredtext"}
master_doc = "index"
html_theme = "alabaster"
exclude_patterns = ["_build"]

# numpydoc "Attributes" sections as instance-variable fields (no duplicate attribute entries)
napoleon_use_ivar = True
# short names (x, y, Profile...) exist in several modules; the links go to the first
suppress_warnings = ["ref.python"]
autodoc_member_order = "bysource"
