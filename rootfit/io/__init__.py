"""Reading and writing data files (.root through uproot, .npz, text)."""

from rootfit.io.files import read_histogram, read_values
from rootfit.io.root_files import read_root, read_root_histogram, write_root

__all__ = ["read_histogram", "read_root", "read_root_histogram", "read_values", "write_root"]
