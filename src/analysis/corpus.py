"""The corpus-wide steps of a build: tables computed across reports from each stored batch's compact columns.

Each batch of the store (:mod:`analysis.batches`) holds, beside its per-report tables, the sums and compact
columns the corpus-wide tables need (keyword and theme counts, carried-over figures, MinHash prints). The
steps here read those, never every token or text: the year-to-year checks, keywords and themes, the panel
(:mod:`analysis.panel`) and copy-paste similarity (:mod:`analysis.similarity`, recomputed only for the years
whose reports changed). :func:`jobs` returns them as independent jobs, which the build runs side by side.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from . import panel
from .checks import carry_over_checks
from .publish import PARQUET
from .keywords import COUNT_SCHEMA, TOTAL_SCHEMA, by_group_from_counts, keyness_from_counts, sum_partials
from .schema import (
    CHECKS, DOCUMENTS, INDICATOR_LABELS, INDICATORS, KEYWORDS_BY_GROUP, KEYWORDS_KEYNESS, SIMILARITY, THEMES_BY_YEAR,
    conform, dictionary_frame,
)
from .similarity import PRINT_SCHEMA, in_years, update_similarities
from .themes import themes_by_year_from_partials


@dataclass
class Published:
    """What the corpus-wide steps read of one batch: stored files, or frames filtered of duplicates."""

    folder: Path
    allowed: set[str]
    frames: dict[str, pl.DataFrame] | None = None  # set when the batch had rows of duplicates to drop


def read_all(parts: list[Published], name: str) -> pl.LazyFrame:
    """Table ``name`` of every batch, in order. Stored files are read by one scan per run of them: a scan per
    file costs a few milliseconds each (a second for the MinHash prints of 100 batches), one scan of all a tenth."""
    pieces: list[pl.LazyFrame] = []
    files: list[Path] = []
    for p in parts:
        if p.frames is None:
            files.append(p.folder / f"{name}.parquet")
            continue
        if files:
            pieces.append(pl.scan_parquet(files))
            files = []
        pieces.append(p.frames[name].lazy())
    if files:
        pieces.append(pl.scan_parquet(files))
    return pl.concat(pieces, how="vertical")


def similarity_table(parts: list[Published], docs: pl.DataFrame, store: Path) -> pl.DataFrame:
    """Copy-paste similarity, recomputed only for the reporting years whose reports changed since the last build."""
    ok_docs = docs.drop("batch").filter(pl.col("status") == "ok")

    def load_prints(years):
        if not parts:
            return pl.DataFrame(schema=PRINT_SCHEMA)
        return prints_of_years(parts, years, store)

    previous, digests = None, None
    try:
        previous = pl.read_parquet(store / "similarity.parquet")
        saved = json.loads((store / "similarity_years.json").read_text(encoding="utf-8"))
        digests = {None if k == "null" else int(k): v for k, v in saved.items()}
    except (OSError, ValueError, pl.exceptions.PolarsError):
        previous, digests = None, None
    result, digests = update_similarities(load_prints, ok_docs, previous, digests)
    result = conform(SIMILARITY, result)
    # Stored with each report's year: a year that only gained reports is then updated near the new ones.
    result.join(ok_docs.select("report_id", "year").unique("report_id"), on="report_id", how="left").write_parquet(
        store / ".tmp-similarity.parquet", compression="lz4", statistics=False)  # read back at the next build: fast both ways
    os.replace(store / ".tmp-similarity.parquet", store / "similarity.parquet")
    (store / ".tmp-similarity_years.json").write_text(json.dumps({("null" if k is None else str(k)): v for k, v in digests.items()}), encoding="utf-8")
    os.replace(store / ".tmp-similarity_years.json", store / "similarity_years.json")
    return result


def _part_names(parts: list[Published]) -> list[str]:
    """A name per part: its folder's, which stands for its content (a stored part is never written again)."""
    return [f"{p.folder.parent.name}/{p.folder.name}" for p in parts]


def _summed_parts(folder: Path | None, names: list[str]) -> set[str] | None:
    """The parts a folder of sums over parts was made from (its ``parts.json``), when they are all still
    parts (the sums then need only the new parts added); else None."""
    if folder is None:
        return None
    try:
        old = set(json.loads((folder / "parts.json").read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return None
    return old if old and old <= set(names) else None


PRINTS_BY_YEAR = "prints_by_year"  # every part's MinHash prints, a file per reporting year, and which parts they were


def _year_file(year: int | None) -> str:
    return f"y{'null' if year is None else year}.parquet"


def prints_of_years(parts: list[Published], years: set[int | None] | None, store: Path | None) -> pl.DataFrame:
    """The MinHash prints of the reports of ``years`` (all when None), from the last build's prints filed by
    year plus the new parts' (a rerun adding a report reads three years' prints, not 100,000 reports').

    The files are brought up to date here: a year the new parts add to is rewritten, the others are linked;
    when a part of the last build is gone (merged, filtered), all are filed again from the parts.
    """
    names = _part_names(parts)
    folder = store / PRINTS_BY_YEAR if store is not None else None
    old = _summed_parts(folder, names)
    if old is None:
        every = read_all(parts, "prints").collect()
        if folder is not None:
            _file_by_year(store, every, names)
        return every.filter(in_years(years)) if years is not None else every
    new = [p for p, n in zip(parts, names) if n not in old]
    added = read_all(new, "prints").collect() if new else pl.DataFrame(schema=PRINT_SCHEMA)
    touched = set(added["year"].unique().to_list())
    stored = {y: folder / _year_file(y) for y in (years if years is not None else _filed_years(folder))}
    pieces = [pl.scan_parquet(f) for f in stored.values() if f.is_file()]
    base = pl.concat(pieces).collect() if pieces else pl.DataFrame(schema=PRINT_SCHEMA)
    if new:
        rewrite = {}
        for y in touched:
            if y in stored:
                prior = base.filter(in_years({y}))
            else:
                prior = pl.read_parquet(folder / _year_file(y)) if (folder / _year_file(y)).is_file() else pl.DataFrame(schema=PRINT_SCHEMA)
            rewrite[y] = pl.concat([prior, added.filter(in_years({y}))])
        _file_by_year(store, None, names, replace=rewrite)
    chosen = added.filter(in_years(years)) if years is not None else added
    return pl.concat([base, chosen]) if chosen.height else base


def _filed_years(folder: Path) -> list[int | None]:
    return [None if f.stem == "ynull" else int(f.stem[1:]) for f in sorted(folder.glob("y*.parquet"))]


def _file_by_year(store: Path, every: pl.DataFrame | None, names: list[str], replace: dict | None = None) -> None:
    """Write the prints by year (``every``: all of them) or replace some years' files (``replace``: year → rows),
    linking the others; the folder is swapped in whole."""
    folder, tmp = store / PRINTS_BY_YEAR, store / f".tmp-{PRINTS_BY_YEAR}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    if every is not None:
        for (year,), rows in every.partition_by("year", as_dict=True, maintain_order=True).items():
            rows.write_parquet(tmp / _year_file(year), **PARQUET)
    else:
        replaced = {_year_file(y) for y in replace}
        for f in folder.glob("y*.parquet"):
            if f.name not in replaced:
                try:
                    os.link(f, tmp / f.name)
                except OSError:
                    shutil.copyfile(f, tmp / f.name)
        for year, rows in replace.items():
            rows.write_parquet(tmp / _year_file(year), **PARQUET)
    (tmp / "parts.json").write_text(json.dumps(names), encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    os.rename(tmp, folder)


KW_SUMS = "keyword_sums"  # the keyword partials summed over the parts of the last build, and which parts they were


def keyword_sums(parts: list[Published], store: Path | None) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The keyword counts summed over every part; the last build's sums plus the new parts' when none left.

    A part's folder is never written again once made (a batch with other reports is a new folder), so
    its name stands for its content; the counts are integers, so the sums do not depend on the order.
    """
    names = _part_names(parts)
    folder = store / KW_SUMS if store is not None else None
    new = parts
    base: list[tuple[pl.DataFrame, pl.DataFrame]] = []
    old = _summed_parts(folder, names)
    if old is not None:
        try:
            base = [(pl.read_parquet(folder / "kw_counts.parquet"), pl.read_parquet(folder / "kw_totals.parquet"))]
            new = [p for p, n in zip(parts, names) if n not in old]
        except (OSError, pl.exceptions.PolarsError):
            base, new = [], parts
    if base and not new:
        counts, totals = base[0]
    else:
        counts, totals = sum_partials(
            pl.concat([b[0].lazy() for b in base] + [read_all(new, "kw_counts")], how="vertical"),
            pl.concat([b[1].lazy() for b in base] + [read_all(new, "kw_totals")], how="vertical"))
    if folder is not None and new:
        tmp = store / f".tmp-{KW_SUMS}"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        counts.write_parquet(tmp / "kw_counts.parquet", **PARQUET)
        totals.write_parquet(tmp / "kw_totals.parquet", **PARQUET)
        (tmp / "parts.json").write_text(json.dumps(names), encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)
        os.rename(tmp, folder)
    return counts, totals


def jobs(docs: pl.DataFrame, parts: list[Published], store: Path | None = None):
    """The tables computed across reports, as independent jobs (label, function returning {table: frame}), from each
    batch's sums and compact columns (never from every token); copy-paste similarity apart (:func:`similarity_table`)."""
    documents = conform(DOCUMENTS, docs.drop("batch"))

    def gather(name: str) -> pl.DataFrame:
        return read_all(parts, name).collect() if parts else pl.DataFrame()

    def checks() -> dict[str, pl.DataFrame]:
        carried = gather("carry") if parts else pl.DataFrame(schema=INDICATORS.schema)
        return {"checks": conform(CHECKS, carry_over_checks(documents, carried))}

    def keywords() -> dict[str, pl.DataFrame]:
        if parts:
            counts, totals = keyword_sums(parts, store)
            themes = themes_by_year_from_partials(gather("theme_partials"))
        else:
            counts, totals = pl.DataFrame(schema=COUNT_SCHEMA), pl.DataFrame(schema=TOTAL_SCHEMA)
            themes = pl.DataFrame(schema=THEMES_BY_YEAR.schema)
        return {"keywords_by_group": conform(KEYWORDS_BY_GROUP, by_group_from_counts(counts, totals)),
                "keywords_keyness": conform(KEYWORDS_KEYNESS, keyness_from_counts(counts)),
                "themes_by_year": conform(THEMES_BY_YEAR, themes)}

    def fixed() -> dict[str, pl.DataFrame]:
        from .indicators import catalogue  # (the label maps: loaded here, beside the other steps)

        return {"documents": documents, "indicator_labels": conform(INDICATOR_LABELS, catalogue()), "data_dictionary": dictionary_frame()}

    return [("documents, labels, dictionary", fixed), ("year-to-year checks", checks), ("keywords, themes", keywords),
            ("panel", lambda: panel.tables(documents, parts))]


def tables(docs: pl.DataFrame, parts: list[Published], store: Path | None = None) -> dict[str, pl.DataFrame]:
    """Every table of :func:`jobs`, one job after another."""
    out: dict[str, pl.DataFrame] = {}
    for _, job in jobs(docs, parts, store):
        out.update(job())
    return out
