"""Every Python code block of the README and the guide runs as written (blocks of one file run
in order, in one namespace, as a reader would type them)."""

from __future__ import annotations

import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.rst"))]


def python_blocks(path: pathlib.Path) -> list[str]:
    text = path.read_text()
    if path.suffix == ".md":
        return re.findall(r"```python\n(.*?)```", text, re.DOTALL)
    blocks = []
    for match in re.finditer(r"\.\. code-block:: python\n\n((?:    .*\n|\n)+)", text):
        lines = match.group(1).splitlines()
        blocks.append("\n".join(line[4:] for line in lines) + "\n")
    return blocks


@pytest.mark.parametrize("path", [p for p in DOCUMENTS if python_blocks(p)], ids=lambda p: p.name)
def test_code_blocks_run_as_written(path, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": f"doc_{path.stem}"}
    for i, block in enumerate(python_blocks(path)):
        code = compile(block, f"{path.name} block {i + 1}", "exec")
        exec(code, namespace)  # documentation examples, not user input
    capsys.readouterr()


def test_the_documents_have_examples():
    assert len(python_blocks(ROOT / "README.md")) >= 1
    assert len(python_blocks(ROOT / "docs" / "architecture.rst")) >= 3


def test_the_documentation_builds_without_warnings(tmp_path):
    import warnings

    sphinx = pytest.importorskip("sphinx.cmd.build")
    with warnings.catch_warnings():  # Python-level deprecations of sphinx's dependencies
        warnings.simplefilter("ignore")
        # the gallery's pages without running the tutorials (their own tests run them)
        argv = [
            "-E",
            "-W",
            "-q",
            "-D",
            "plot_gallery=0",
            "-b",
            "html",
            str(ROOT / "docs"),
            str(tmp_path),
        ]
        status = sphinx.build_main(argv)
    assert status == 0 and (tmp_path / "api.html").exists()


def test_every_facade_class_is_in_the_root_users_guide():
    from rootfit import compat

    text = (ROOT / "docs" / "for_root_users.rst").read_text()
    # colours share one row; TH1D/F/I/S/C/L, TH2*, TH3* share another
    shown = [
        n for n in compat.__all__ if not n.startswith("k") and not re.fullmatch(r"TH[123]\w?", n)
    ]
    missing = [n for n in shown if not re.search(rf"\b{n}\b", text)]
    assert not missing, missing


def test_the_gallery_scraper_collects_the_figures_a_tutorial_writes(tmp_path, monkeypatch):
    import os
    import sys
    import time

    pytest.importorskip("sphinx_gallery")
    sys.path.insert(0, str(ROOT / "docs"))
    try:
        from gallery_scraper import TutorialFigures
    finally:
        sys.path.remove(str(ROOT / "docs"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "old.png").write_bytes(b"written before the example")
    scraper = TutorialFigures()
    scraper.reset({}, "example.py")
    (tmp_path / "output").mkdir()
    figure = tmp_path / "output" / "fit.png"
    figure.write_bytes(b"the example's figure")
    # the file system stamps files with a coarser clock than time.time(): a file written just
    # after the reset may carry an earlier time, and still belongs to the example
    stamp = time.time() - 1.0
    os.utime(figure, (stamp, stamp))
    targets = iter([str(tmp_path / "sphx_glr_example_001.png"), str(tmp_path / "unused.png")])
    rst = scraper(None, {"image_path_iterator": targets}, {"src_dir": str(tmp_path)})
    assert "sphx_glr_example_001.png" in rst and "old" not in rst
    assert (tmp_path / "sphx_glr_example_001.png").read_bytes() == b"the example's figure"
    assert scraper(None, {"image_path_iterator": targets}, {"src_dir": str(tmp_path)}) == ""
