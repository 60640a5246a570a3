"""Where a build keeps its results between runs, and when they are thrown away.

The store (per-batch tables and the manifest, see :mod:`analysis.build`) lives
under ``<out>/.cache/<code fingerprint>/``. The fingerprint hashes every module
and data file of the package (label maps, dictionaries, gazetteer), so any
change to extraction code or rules starts a fresh store; deleting the output
folder deletes the store too and forces a full rebuild.
"""

from __future__ import annotations

import hashlib
import shutil
from functools import lru_cache
from pathlib import Path

from . import __version__

CACHE_DIR = ".cache"


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """Hash of the package's code and data files."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256(__version__.encode())
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix not in (".pyc",) and "__pycache__" not in p.parts):
        h.update(path.relative_to(root).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def cache_dir(out: Path) -> Path:
    """This code version's cache folder under ``out`` (created), with other versions' folders removed."""
    base = Path(out) / CACHE_DIR
    here = base / fingerprint()
    here.mkdir(parents=True, exist_ok=True)
    for other in base.iterdir():
        if other != here and other.is_dir():
            shutil.rmtree(other, ignore_errors=True)
    return here
