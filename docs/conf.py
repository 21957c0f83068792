"""Sphinx configuration of the rootfit user guide."""

project = "rootfit"
author = "rootfit developers"
extensions = ["sphinx.ext.autodoc", "sphinx.ext.napoleon"]
source_suffix = {".rst": "restructuredtext"}
master_doc = "index"
html_theme = "alabaster"
exclude_patterns = ["_build"]
