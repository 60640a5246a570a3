"""Per-report metrics and their trends: the numbers the site's charts are drawn from.

One value per report and indicator is taken from ``indicators`` — the table's
(total column) where the report has a table, else its prose — and only where
the report states it (reported or zero stated; blank and "/" cells are not
zeros). Shares are computed per report and pooled per year (ratio of sums),
each with the number of reports behind it.
"""

from __future__ import annotations

import polars as pl

from .names import metric_name, metric_specs

DENIED_2021 = (
    "outcome_denied_state_secret", "outcome_denied_law_prohibited", "outcome_denied_security", "outcome_denied_third_party",
    "outcome_denied_internal", "outcome_denied_process", "outcome_denied_enforcement_file", "outcome_denied_query",
)
# metric → (numerator, denominator or None, scale); numerators/denominators are indicators. Defined in
# analysis/data/metrics.tsv with their Chinese and English names (analysis.names).
METRICS: dict[str, tuple[str, str | None, float]] = metric_specs()
METRIC_LABELS = {m: metric_name(m) for m in (*METRICS, "days_late")}


def report_values(indicators: pl.DataFrame) -> pl.DataFrame:
    """report_id, indicator, value: one stated value per report and indicator (table total first, then prose)."""
    usable = indicators.filter(
        pl.col("value_kind").is_in(["reported", "zero_stated"]) & (pl.col("breakdown").is_null() | (pl.col("breakdown") == "total"))
    ).with_columns(pl.when(pl.col("source") == "table").then(0).otherwise(1).alias("rank"))
    values = usable.sort("report_id", "indicator", "rank").unique(["report_id", "indicator"], keep="first", maintain_order=True)
    values = values.select("report_id", "indicator", "value")
    # All refusals of the 2021 table (its eight reasons have no subtotal row).
    denied = (
        values.filter(pl.col("indicator").is_in(DENIED_2021)).group_by("report_id")
        .agg(pl.col("value").sum(), pl.len().alias("n")).filter(pl.col("n") == len(DENIED_2021))
        .select("report_id", pl.lit("outcome_denied_all").alias("indicator"), "value")
    )
    single = values.filter(pl.col("indicator") == "outcome_denied").with_columns(pl.lit("outcome_denied_all").alias("indicator"))
    return pl.concat([values, denied, single.join(denied.select("report_id"), on="report_id", how="anti")]).sort("report_id", "indicator")


def report_metrics(docs: pl.DataFrame, indicators: pl.DataFrame) -> pl.DataFrame:
    """report_id, metric, value, numerator, denominator: the site's metrics per report."""
    values = report_values(indicators)
    # Lazy, so that the metrics are one query (one collect) rather than a hundred small eager steps.
    wide = {ind: part.lazy().select("report_id", pl.col("value").alias(ind))
            for (ind,), part in values.partition_by("indicator", as_dict=True, maintain_order=True).items()}
    frames = []
    for metric, (num, den, scale) in METRICS.items():
        if num not in wide or (den is not None and den not in wide):
            continue
        f = wide[num]
        if den is None:
            f = f.with_columns(pl.col(num).alias("value"), pl.col(num).alias("numerator"), pl.lit(None, dtype=pl.Float64).alias("denominator"))
        else:
            f = f.join(wide[den], on="report_id").filter(pl.col(den) > 0).with_columns(
                (pl.col(num) / pl.col(den) * scale).alias("value"), pl.col(num).alias("numerator"), pl.col(den).alias("denominator"))
        frames.append(f.select("report_id", pl.lit(metric).alias("metric"), "value", "numerator", "denominator"))
    late = docs.filter(pl.col("days_late").is_not_null()).select(
        "report_id", pl.lit("days_late").alias("metric"), pl.col("days_late").cast(pl.Float64).alias("value"),
        pl.lit(None, dtype=pl.Float64).alias("numerator"), pl.lit(None, dtype=pl.Float64).alias("denominator"))
    frames.append(late.lazy())
    return pl.concat(frames).sort("report_id", "metric").collect()


def trends(docs: pl.DataFrame, metrics: pl.DataFrame) -> pl.DataFrame:
    """Per reporting year and metric: reports behind it, sum, median, mean and pooled ratio."""
    scale = {m: s for m, (_, _, s) in METRICS.items()}
    joined = metrics.join(docs.select("report_id", "year"), on="report_id").drop_nulls("year")
    out = joined.group_by("year", "metric").agg(
        pl.len().alias("n_reports"),
        pl.col("value").sum().alias("sum"),
        pl.col("value").median().alias("median"),
        pl.col("value").mean().alias("mean"),
        (pl.col("numerator").sum() / pl.col("denominator").sum()).alias("pooled"),
    )
    out = out.with_columns(
        (pl.col("pooled") * pl.col("metric").replace_strict(scale, default=1.0, return_dtype=pl.Float64)).alias("pooled"),
        pl.when(pl.col("metric").is_in(["requests_received", "proactive_total", "days_late"])).then(pl.col("sum")).otherwise(None).alias("sum"),
    )
    return out.select("year", "metric", "n_reports", "sum", "median", "mean", "pooled").sort("metric", "year")
