"""Read the published tables (for notebooks and the site)."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from .config import processed_dir
from .schema import TABLES

TABLE_NAMES = tuple(t.name for t in TABLES)
_BY_NAME = {t.name: t for t in TABLES}


def scan(name: str, data: Path | None = None) -> pl.LazyFrame:
    """One table by name as a lazy frame (a partitioned table's parts read together)."""
    if name not in TABLE_NAMES:
        raise KeyError(f"unknown table {name!r}; tables are {', '.join(TABLE_NAMES)}")
    table = _BY_NAME[name]
    base = data or processed_dir()
    path = base / name if table.partitioned else base / f"{name}.parquet"
    parts = sorted(path.glob("*.parquet")) if table.partitioned else [path]
    if not path.exists() or not parts:
        raise FileNotFoundError(f"{path} not found: run `make site` or `python -m analysis build` first")
    return pl.scan_parquet(parts)


def load(name: str, data: Path | None = None) -> pl.DataFrame:
    """One table by name, e.g. ``load("documents")``; a clear error when the build has not run.

    A table published as parts comes back sorted by its key, whatever the parts.
    """
    df = scan(name, data).collect()
    table = _BY_NAME[name]
    return df.sort(list(table.primary_key)) if table.partitioned else df


def export_csv(names: list[str], data: Path | None = None, out: Path | None = None) -> list[Path]:
    """Write tables as CSV files ``out/<table>.csv`` (a table of parts as one file); returns the paths.

    Parquet is what a build stores; CSV is for opening a table elsewhere. The rows are streamed from
    the Parquet files to the CSV file (a table of millions of rows is never held whole), in the order of
    the parts (each part sorted by the table's key), and each file is written under a temporary name
    and renamed when complete.
    """
    base = data or processed_dir()
    out = Path(out) if out is not None else base.parent / "csv"
    wanted = list(TABLE_NAMES) if "all" in names else list(dict.fromkeys(names))
    for name in wanted:  # every name checked before anything is written
        if name not in TABLE_NAMES:
            raise KeyError(f"unknown table {name!r}; tables are {', '.join(TABLE_NAMES)}")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in wanted:
        lf = scan(name, base)
        dst = out / f"{name}.csv"
        tmp = out / f".tmp-{name}.csv"
        try:
            lf.sink_csv(tmp)
            tmp.replace(dst)
        finally:
            tmp.unlink(missing_ok=True)
        written.append(dst)
    return written
