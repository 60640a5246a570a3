"""Content-hash cache of per-file results, so a rerun only processes new or changed files.

A file's result is stored under ``<out>/.cache/<code fingerprint>/<sha256 of its bytes>-<format>.pkl``.
The fingerprint hashes every module and data file of the package (label maps,
dictionaries, gazetteer), so any change to extraction code or rules starts a
fresh cache; deleting the output folder deletes the cache too and forces a full
rebuild.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
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


def load(folder: Path, key: str):
    path = folder / f"{key}.pkl"
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None


def store(folder: Path, key: str, value) -> None:
    """Write atomically (temporary file, then rename) so a killed build never leaves half a cache entry."""
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"{key}.pkl")
    except OSError:
        pass  # a cache that cannot be written only costs time
