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


VIEWS = ("corpus", "balanced", "index")
VIEW_NAMES = {
    "corpus": "Corpus as it is",
    "balanced": "Balanced panel",
    "index": "Within-issuer index",
}
MIN_ISSUERS = 2  # fewest issuers a balanced panel must hold to be drawn
# Metrics charted together on the trends page; a balanced panel holds the issuers stating all of a group's metrics.
TREND_GROUPS = {
    "requests": ["requests_received"],
    "outcomes": ["share_granted", "share_partial", "share_denied", "share_not_held"],
    "cases": ["reviews_per_100_requests", "lawsuits_per_100_requests"],
    "corrected": ["share_reviews_corrected", "share_lawsuits_corrected"],
    "proactive": ["proactive_total"],
    "days_late": ["days_late"],
}


def _stats(frame: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    """Reports and issuers behind each point, sum, median with its quartiles, mean and the pooled ratio."""
    return frame.group_by(keys).agg(
        pl.len().cast(pl.Int64).alias("n_reports"),
        pl.col("panel_id").n_unique().cast(pl.Int64).alias("n_issuers"),
        pl.col("value").sum().alias("sum"),
        pl.col("value").median().alias("median"),
        pl.col("value").quantile(0.25, "linear").alias("q25"),
        pl.col("value").quantile(0.75, "linear").alias("q75"),
        pl.col("value").mean().alias("mean"),
        pl.when(pl.col("denominator").sum() > 0).then(pl.col("numerator").sum() / pl.col("denominator").sum()).alias("pooled"),
    )


def balanced_range(keyed: pl.DataFrame, metrics: list[str], min_issuers: int = MIN_ISSUERS) -> tuple[int, int, list[str]] | None:
    """The run of consecutive reporting years (at least two) whose balanced panel holds the most reports: the issuers
    stating every one of ``metrics`` in every year of it (at least ``min_issuers``) times its years; ties: the
    longer run, then the later. (first, last, issuers) or None. A long run of few issuers and a short run of
    many both lose to the run that keeps the most of the corpus.

    ``keyed`` is report metrics with ``panel_id`` and ``year`` (one report per issuer and year, as the panel chooses).
    """
    have = keyed.filter(pl.col("metric").is_in(metrics)).group_by("panel_id", "year").agg(pl.col("metric").n_unique().alias("n"))
    have = have.filter(pl.col("n") == len(set(metrics))).select("panel_id", "year").sort("panel_id", "year")
    # Each issuer's runs of consecutive years; a run from s to e covers every range inside it. Counting issuers per
    # range from the (s, e) pairs costs years⁴ at most, whatever the number of issuers.
    runs = (have.with_columns((pl.col("year") - pl.int_range(pl.len()).over("panel_id")).alias("run"))
            .group_by("panel_id", "run").agg(pl.col("year").min().alias("s"), pl.col("year").max().alias("e")))
    pairs = runs.group_by("s", "e").agg(pl.len().alias("n")).rows()
    years = sorted({y for s, e, _ in pairs for y in range(s, e + 1)})
    best = None
    for i, first in enumerate(years):
        for last in years[i + 1:]:
            n = sum(k for s, e, k in pairs if s <= first and e >= last)
            if n < min_issuers:
                continue
            key = (n * (last - first + 1), last - first, last)
            if best is None or key > best[0]:
                best = (key, (first, last))
    if best is None:
        return None
    first, last = best[1]
    members = runs.filter((pl.col("s") <= first) & (pl.col("e") >= last))["panel_id"].unique().sort().to_list()
    return first, last, members


def trends(docs: pl.DataFrame, metrics: pl.DataFrame, panel: pl.DataFrame | None = None,
           groups: dict[str, list[str]] | None = None, min_issuers: int = MIN_ISSUERS) -> pl.DataFrame:
    """Per view, reporting year and metric: reports and issuers behind it, sum, median and quartiles, mean, pooled ratio.

    Views: ``corpus`` — every report stating the metric, as the corpus is; with the ``panel`` table also
    ``balanced`` — one report per issuer and year (the panel's choice), only issuers stating the metrics of
    their group (``groups``: name → metrics charted together; each metric alone by default) in every year
    of the run of years chosen by :func:`balanced_range` (``range_first``, ``range_last``); and ``index`` (counts only) — each
    issuer's value over its value in its own first year with a value above 0, × 100, for issuers with two
    years or more. Sums are given for counts, pooled ratios (ratio of sums) for ratios.
    """
    scale = {m: s for m, (_, _, s) in METRICS.items()}
    counts = [m for m in (*METRICS, "days_late") if m not in scale or METRICS[m][1] is None]
    keys = panel.select("report_id", "panel_id") if panel is not None else docs.select("report_id", pl.col("report_id").alias("panel_id"))
    meta = docs.select("report_id", "year").join(keys, on="report_id", how="left").with_columns(pl.coalesce("panel_id", "report_id").alias("panel_id"))
    joined = metrics.join(meta, on="report_id").drop_nulls("year")
    frames = [_stats(joined, ["year", "metric"]).with_columns(pl.lit("corpus").alias("view"))]
    if panel is not None:
        chosen = joined.join(panel.select("report_id"), on="report_id", how="semi")
        groups = groups or {m: [m] for m in chosen["metric"].unique().sort().to_list()}
        for name, members in groups.items():
            found = balanced_range(chosen, members, min_issuers)
            if found is None:
                continue
            first, last, issuers = found
            rows = chosen.filter(pl.col("metric").is_in(members) & pl.col("panel_id").is_in(issuers) & pl.col("year").is_between(first, last))
            frames.append(_stats(rows, ["year", "metric"]).with_columns(
                pl.lit("balanced").alias("view"), pl.lit(name).alias("group"), pl.lit(first).alias("range_first"), pl.lit(last).alias("range_last")))
        base = (chosen.filter(pl.col("metric").is_in(counts) & (pl.col("metric") != "days_late") & (pl.col("value") > 0))
                .sort("year").group_by("panel_id", "metric").agg(pl.col("year").first().alias("base_year"), pl.col("value").first().alias("base")))
        indexed = (chosen.join(base, on=["panel_id", "metric"]).filter(pl.col("year") >= pl.col("base_year"))
                   .filter(pl.col("year").n_unique().over("panel_id", "metric") >= 2)
                   .with_columns((pl.col("value") / pl.col("base") * 100).alias("value"), pl.lit(None, dtype=pl.Float64).alias("numerator"),
                                 pl.lit(None, dtype=pl.Float64).alias("denominator")))
        frames.append(_stats(indexed.drop("base_year", "base"), ["year", "metric"]).with_columns(pl.lit("index").alias("view")))
    out = pl.concat(frames, how="diagonal_relaxed")
    for col, dtype in (("group", pl.String), ("range_first", pl.Int64), ("range_last", pl.Int64)):
        if col not in out.columns:
            out = out.with_columns(pl.lit(None, dtype=dtype).alias(col))
    is_count = pl.col("metric").is_in(counts)
    out = out.with_columns(
        pl.when(is_count).then(None).otherwise(pl.col("pooled") * pl.col("metric").replace_strict(scale, default=1.0, return_dtype=pl.Float64)).alias("pooled"),
        pl.when(is_count & (pl.col("view") != "index") & (pl.col("metric") != "days_late")).then(pl.col("sum")).alias("sum"),
    )
    return out.select("view", "group", "range_first", "range_last", "year", "metric", "n_reports", "n_issuers", "sum", "median", "q25", "q75",
                      "mean", "pooled").sort("view", "group", "metric", "year", nulls_last=True)
