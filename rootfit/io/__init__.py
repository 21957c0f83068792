"""Reading and writing data files (.root through uproot, .npz, text)."""

from rootfit.io.convert import from_uhi, to_boost, to_hist
from rootfit.io.files import read_histogram, read_values
from rootfit.io.root_files import list_root, read_root, read_root_histogram, write_root

__all__ = [
    "from_uhi",
    "list_root",
    "read_histogram",
    "read_root",
    "read_root_histogram",
    "read_values",
    "to_boost",
    "to_hist",
    "write_root",
]
