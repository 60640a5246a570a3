"""Themes of the problems text: what share of a report's problem vocabulary is about each theme."""

from __future__ import annotations

import math
from functools import lru_cache

import polars as pl

from .datafiles import read_tsv


@lru_cache(maxsize=1)
def lexicon() -> dict[str, str]:
    """term → theme, from data/themes.tsv (a term belongs to one theme)."""
    out: dict[str, str] = {}
    for r in read_tsv("themes.tsv"):
        if r["term"] in out:
            raise ValueError(f"themes.tsv: {r['term']} is in two themes")
        out[r["term"]] = r["theme"]
    return out


def themes() -> list[str]:
    return sorted(set(lexicon().values()))


def report_themes(tokens: pl.DataFrame) -> pl.DataFrame:
    """Per report and theme: theme-term tokens in the problems text and their share of all its counted tokens."""
    problems = tokens.filter(pl.col("part") == "problems")
    totals = problems.group_by("report_id").agg(pl.col("count").sum().alias("n_tokens"))
    lex = pl.DataFrame({"token": list(lexicon()), "theme": list(lexicon().values())})
    hits = problems.join(lex, on="token").group_by("report_id", "theme").agg(pl.col("count").sum().alias("n_terms"))
    grid = totals.join(pl.DataFrame({"theme": themes()}), how="cross")
    return (
        grid.join(hits, on=["report_id", "theme"], how="left")
        .with_columns(pl.col("n_terms").fill_null(0))
        .with_columns((pl.col("n_terms") / pl.col("n_tokens")).alias("share"))
        .select("report_id", "theme", "n_terms", "n_tokens", "share")
        .sort("report_id", "theme")
    )


def themes_by_year(report_themes_df: pl.DataFrame, docs: pl.DataFrame) -> pl.DataFrame:
    """Mean share of each theme per reporting year, with the number of reports behind it."""
    return themes_by_year_from_partials(theme_partials(report_themes_df, docs))


def _exact_sum(column: str) -> pl.Expr:
    """A correctly rounded sum (math.fsum): the same float whichever batch or thread delivered the values first."""
    return pl.col(column).map_batches(lambda values: math.fsum(values.to_list()), return_dtype=pl.Float64, returns_scalar=True)


PARTIAL_SCHEMA = {"year": pl.Int64, "theme": pl.String, "n_reports": pl.Int64, "share_sum": pl.Float64, "n_share": pl.Int64, "n_naming": pl.Int64}


def theme_partials(report_themes_df: pl.DataFrame, docs: pl.DataFrame) -> pl.DataFrame:
    """Sums that add up across disjoint sets of reports (the build keeps one per batch of reports)."""
    return (
        report_themes_df.join(docs.select("report_id", "year"), on="report_id")
        .drop_nulls("year")
        .group_by("year", "theme")
        .agg(pl.len().alias("n_reports"), _exact_sum("share").alias("share_sum"), pl.col("share").count().alias("n_share"),
             (pl.col("n_terms") > 0).sum().alias("n_naming"))
        .cast(PARTIAL_SCHEMA)  # type: ignore[arg-type]
        .sort("year", "theme")
    )


def themes_by_year_from_partials(partials: pl.DataFrame | pl.LazyFrame) -> pl.DataFrame:
    return (
        partials.lazy().group_by("year", "theme")
        .agg(pl.col("n_reports").sum(), _exact_sum("share_sum"), pl.col("n_share").sum(), pl.col("n_naming").sum())
        .select("year", "theme", "n_reports",
                (pl.col("share_sum") / pl.col("n_share")).alias("mean_share"),
                (pl.col("n_naming") / pl.col("n_reports")).alias("share_of_reports_naming"))
        .sort("year", "theme")
        .collect()
    )
