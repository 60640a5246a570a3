"""Read the published tables (for notebooks and the site)."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from .config import processed_dir
from .schema import TABLES

TABLE_NAMES = tuple(t.name for t in TABLES)


def load(name: str, data: Path | None = None) -> pl.DataFrame:
    """One table by name, e.g. ``load("documents")``; a clear error when the build has not run."""
    if name not in TABLE_NAMES:
        raise KeyError(f"unknown table {name!r}; tables are {', '.join(TABLE_NAMES)}")
    path = (data or processed_dir()) / f"{name}.parquet"
    if not path.exists():
        raise FileNotFoundError(f"{path} not found: run `make site` or `python -m analysis build` first")
    return pl.read_parquet(path)
