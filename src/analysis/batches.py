"""Per-report results as columnar batches: what the build's workers produce and keep between builds.

A worker processes a batch of files (a pure function of their bytes) and writes
one Parquet file per table into the batch's folder of the store
(``<out>/.cache/<code fingerprint>/batches/<id>/``), plus the CSV versions of
the published per-report tables that have them (none by default: CSV is an
export), so that publishing an unchanged batch is a hard link, not a copy. Rows are validated against the data dictionary here,
in the worker, where the work is spread over all cores.
"""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
from pathlib import Path

import polars as pl

from .aggregates import report_metrics
from .ingest import DocResult, Entry, process_file
from .keywords import group_partials
from .publish import PARQUET
from .schema import DOCUMENTS, PER_REPORT, REPORT_METRICS, REPORT_THEMES, ROW_TABLES, conform  # noqa: F401  (PER_REPORT, ROW_TABLES: re-exported)
from .similarity import PRINT_SCHEMA, fingerprint
from .statements import report_statements
from .themes import report_themes, theme_partials

# Kept in the store only, beside PER_REPORT and ROW_TABLES (analysis.schema): sums over the batch's reports.
PARTIALS = ("kw_counts", "kw_totals", "theme_partials")
CARRIED = ("requests_carried_over", "requests_carried_forward")
PROBLEM_SECTIONS = ("problems", "improvements")
COLLECT_AFTER = 50  # files in a batch after which the worker runs a full garbage collection


def with_partials(tables: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """Add the batch's sums (keywords, themes) over the reports that have rows in it."""
    ids = tables["texts"]["report_id"]
    docs = tables["documents"].filter((pl.col("status") == "ok") & pl.col("report_id").is_in(ids.to_list())).unique("report_id", keep="first")
    tables["kw_counts"], tables["kw_totals"] = group_partials(tables["tokens"], docs)
    tables["theme_partials"] = theme_partials(tables["report_themes"], docs)
    return tables


def frames(results: list[DocResult]) -> dict[str, pl.DataFrame]:
    """Validated tables of one batch. A report whose bytes occur twice in the batch gets its rows once."""
    docs = conform(DOCUMENTS, [r.row for r in results])
    seen: set[str] = set()
    ok: list[DocResult] = []
    for r in sorted(results, key=lambda r: r.row["source_path"]):
        if r.text is not None and r.row["report_id"] not in seen:
            seen.add(r.row["report_id"])
            ok.append(r)
    # Per table: the report id of each row, and the rest of the row as a tuple, in the schema's column
    # order, or in the order of the extractor's named tuple (its field names) where it has one.
    ids: dict[str, list[str]] = {t.name: [] for t in PER_REPORT}
    items: dict[str, list[tuple]] = {t.name: [] for t in PER_REPORT}
    names: dict[str, list[str]] = {}
    prints = []

    def add(table: str, rid: str, rows: list[tuple]) -> None:
        ids[table] += [rid] * len(rows)
        items[table] += rows

    for r in ok:
        rid = r.row["report_id"]
        add("texts", rid, [(r.text,)])
        add("header_fields", rid, [(i, *fields) for i, fields in enumerate(r.header_fields)])
        for table, found in (("sections", r.sections), ("indicators", r.figures), ("checks", r.checks)):
            if found:
                names.setdefault(table, list(found[0]._fields))
                add(table, rid, found)  # named tuples: the row as it is
        add("tokens", rid, r.tokens)
        add("problem_statements", rid, report_statements(r.sections))
        pi_text = "\n".join(s.text for s in r.sections if s.section in PROBLEM_SECTIONS)
        if pi_text:
            fp = fingerprint(rid, pi_text)
            if fp:
                prints.append(fp)
    out = {"documents": docs}
    for t in PER_REPORT:
        if t in (REPORT_THEMES, REPORT_METRICS):
            continue
        cols = ["report_id", *names.get(t.name, list(t.schema)[1:])]
        columns = [ids[t.name], *zip(*items[t.name])] if items[t.name] else [[] for _ in cols]  # column-wise construction is several times faster
        out[t.name] = conform(t, pl.DataFrame(dict(zip(cols, columns)), schema={c: t.schema[c] for c in cols}))
    out["report_themes"] = conform(REPORT_THEMES, report_themes(out["tokens"]))
    ok_docs = docs.filter(pl.col("report_id").is_in(list(seen))).unique("report_id", keep="first")
    out["report_metrics"] = conform(REPORT_METRICS, report_metrics(ok_docs, out["indicators"]))
    years = dict(ok_docs.select("report_id", "year").iter_rows())
    out["prints"] = pl.DataFrame([{**p, "year": years.get(p["report_id"])} for p in prints], schema=PRINT_SCHEMA)
    out["carry"] = out["indicators"].filter(pl.col("indicator").is_in(CARRIED))
    return with_partials(out)


def write_batch(folder: Path, tables: dict[str, pl.DataFrame]) -> None:
    """Write a batch's tables into ``folder`` atomically (a temporary folder renamed into place)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{folder.name}-", dir=folder.parent))
    try:
        with_csv = {t.name for t in PER_REPORT if t.csv}  # published tables that have CSV copies
        for name, df in tables.items():
            df.write_parquet(tmp / f"{name}.parquet", **PARQUET)
            if name in with_csv:
                df.write_csv(tmp / f"{name}.csv")
        if folder.exists():
            shutil.rmtree(folder)
        os.rename(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def run_batch(folder: Path, entries: list[Entry]) -> tuple[str, int]:
    """Worker: process the files of one batch and store its tables. Returns (batch id, number of files).

    The cycle collector is paused for the batch: the results are hundreds of thousands of small objects
    without cycles, which each full collection would walk again (about a tenth of the batch's time).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        write_batch(folder, frames([process_file(e) for e in entries]))
    finally:
        if enabled:
            gc.enable()
        if len(entries) >= COLLECT_AFTER:  # a few files leave little to collect, and a full collection costs a tenth of a second
            gc.collect()
    return folder.name, len(entries)


def filter_batch(src: Path, dst: Path, keep_paths: set[str]) -> None:
    """A copy of a stored batch without the files that left it (deleted, changed or moved to another batch)."""
    docs = pl.read_parquet(src / "documents.parquet").filter(pl.col("source_path").is_in(list(keep_paths)))
    ids = docs.filter(pl.col("status") == "ok")["report_id"].unique().to_list()
    tables = {"documents": docs}
    for name in ROW_TABLES:
        tables[name] = pl.read_parquet(src / f"{name}.parquet").filter(pl.col("report_id").is_in(ids))
    write_batch(dst, with_partials(tables))


def merge_batches(srcs: list[Path], dst: Path) -> None:
    """One batch from several small ones; a report stored in two of them (same bytes) keeps one copy of its rows."""
    tables: dict[str, pl.DataFrame] = {}
    for name in ("documents",) + ROW_TABLES:
        tables[name] = pl.concat([pl.read_parquet(s / f"{name}.parquet") for s in srcs], how="vertical")
    write_batch(dst, _dedupe(tables))


def copy_reports(items: list[tuple[Path, str, str]], dst: Path) -> None:
    """A batch of stored results for files found again under new names: (stored batch, old path, new path).

    A moved or copied file is recognised by the hash of its bytes, so it is not processed again.
    """
    by_src: dict[Path, dict[str, str]] = {}
    for src, old, new in items:
        by_src.setdefault(src, {})[old] = new
    parts: dict[str, list[pl.DataFrame]] = {name: [] for name in ("documents",) + ROW_TABLES}
    for src, renames in by_src.items():
        docs = pl.read_parquet(src / "documents.parquet").filter(pl.col("source_path").is_in(list(renames)))
        docs = docs.with_columns(pl.col("source_path").replace_strict(renames, return_dtype=pl.String))
        parts["documents"].append(docs)
        ids = docs.filter(pl.col("status") == "ok")["report_id"].to_list()
        for name in ROW_TABLES:
            parts[name].append(pl.read_parquet(src / f"{name}.parquet").filter(pl.col("report_id").is_in(ids)))
    tables = {name: pl.concat(frames, how="vertical") for name, frames in parts.items()}
    tables["documents"] = conform(DOCUMENTS, tables["documents"])
    write_batch(dst, _dedupe(tables))


def _dedupe(tables: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """Rows of a report stored twice (the same bytes in two source batches) kept once; sums recomputed."""
    for t in PER_REPORT:
        tables[t.name] = conform(t, tables[t.name].unique(maintain_order=True))
    for name in ("prints", "carry"):
        tables[name] = tables[name].unique(maintain_order=True)
    return with_partials(tables)
