"""Tables shown on the site, each one great-tables chain (text is HTML-escaped by great-tables)."""

from __future__ import annotations

from html import escape

import polars as pl
from great_tables import GT

SOURCE_NOTE = "Source: documents table, built from the files in data/raw/."


ROW_LIMIT = 200  # rows a listing shows on a page: the page stays the same size however big the corpus
RANKED_ROWS = 50  # rows of the ranking table (each draws a sparkline)


def capped(gt: GT, df: pl.DataFrame, source: str, limit: int = ROW_LIMIT) -> GT:
    """A listing's note on how many rows it shows: all of them, or the first ``limit`` and where the rest are."""
    if df.height > limit:
        return gt.tab_source_note(f"Showing the first {limit:,} of {df.height:,} rows; all of them are in {source}.")
    return gt


def status_counts(docs: pl.DataFrame) -> pl.DataFrame:
    """Files by status and format."""
    return (
        docs.group_by("status", "format")
        .agg(pl.len().alias("files"), pl.col("n_chars").sum().alias("characters"))
        .sort("status", "format")
    )


def status_table(docs: pl.DataFrame) -> GT:
    return (
        GT(status_counts(docs), rowname_col="format", groupname_col="status")
        .tab_header(title="Files in the corpus", subtitle="by status and format")
        .cols_label(files="Files", characters="Characters of clean text")
        .fmt_integer(columns=["files", "characters"])
        .sub_missing(columns="characters", missing_text="no text read")
        .tab_source_note(SOURCE_NOTE)
    )


def problem_files(docs: pl.DataFrame) -> pl.DataFrame:
    """Every file that was skipped or failed, with its reason."""
    return docs.filter(pl.col("status") != "ok").select("source_path", "status", "format", "reason").sort("status", "source_path")


def problem_files_table(docs: pl.DataFrame) -> GT:
    rows = problem_files(docs)
    return capped(
        GT(rows.head(ROW_LIMIT))
        .tab_header(title="Files not processed", subtitle="skipped deliberately or failed, with the reason")
        .cols_label(source_path="File", status="Status", format="Format", reason="Reason")
        .tab_source_note(SOURCE_NOTE),
        rows, "the documents table",
    )


def text_quality(docs: pl.DataFrame) -> pl.DataFrame:
    """Processed reports by encoding and original script, with what decoding and cleaning found in them."""
    return (
        docs.filter(pl.col("status") == "ok")
        .group_by("encoding", "script")
        .agg(pl.len().alias("reports"), pl.col("n_chars").sum(), (pl.col("n_decode_errors") > 0).sum().alias("with_decode_errors"),
             (pl.col("n_mojibake") > 0).sum().alias("with_mojibake"), pl.col("n_pinyin_removed").sum(), pl.col("n_boilerplate_removed").sum())
        .sort("reports", "encoding", "script", descending=[True, False, False], nulls_last=True)
    )


def text_quality_table(docs: pl.DataFrame) -> GT:
    return (
        GT(text_quality(docs))
        .tab_header(title="Text quality of processed reports", subtitle="by encoding and original script: what decoding and cleaning found and did")
        .cols_label(
            encoding="Encoding", script="Original script", reports="Reports", n_chars="Characters",
            with_decode_errors="With undecodable bytes", with_mojibake="With lost-character runs",
            n_pinyin_removed="Pinyin glosses removed", n_boilerplate_removed="Boilerplate lines removed",
        )
        .fmt_integer(columns=["reports", "n_chars", "with_decode_errors", "with_mojibake", "n_pinyin_removed", "n_boilerplate_removed"])
        .sub_missing(missing_text="not detected")
        .tab_source_note(SOURCE_NOTE + " Per file: the documents table (n_decode_errors, n_mojibake, n_pinyin_removed, n_boilerplate_removed).")
    )


def corpus_composition(docs: pl.DataFrame) -> pl.DataFrame:
    """Processed reports by reporting year (rows) and level of government (columns), with the templates seen."""
    ok = docs.filter(pl.col("status") == "ok").with_columns(pl.col("admin_level").fill_null("unknown"))
    levels = [lv for lv in ("province", "prefecture", "county", "township", "department", "unknown") if lv in set(ok["admin_level"].to_list())]
    wide = ok.pivot(on="admin_level", index="year", values="report_id", aggregate_function="len").fill_null(0) if ok.height else pl.DataFrame({"year": []})
    templates = ok.group_by("year").agg(pl.col("template").drop_nulls().unique().sort().str.join(", ").alias("templates"), pl.len().alias("reports"))
    return wide.join(templates, on="year", how="left").select("year", *levels, "reports", "templates").sort("year", nulls_last=True)


def composition_table(docs: pl.DataFrame) -> GT:
    table = corpus_composition(docs)
    counts = [c for c in table.columns if c not in ("year", "templates")]
    return (
        GT(table)
        .tab_header(title="Reports by year and level of government", subtitle="processed reports only (status ok); provinces on the comparison page")
        .cols_label(year="Reporting year", reports="All", templates="Templates")
        .fmt_integer(columns=counts)
        .sub_missing(missing_text="unknown")
        .tab_source_note(SOURCE_NOTE)
    )


def report_list(docs: pl.DataFrame) -> pl.DataFrame:
    """Each processed report with who, where and when."""
    return docs.filter(pl.col("status") == "ok").select(
        "source_path", "title", "jurisdiction", "province", "admin_level", "year", "published", "days_late", "template"
    ).sort("year", "province", "jurisdiction", nulls_last=True)


def report_list_table(docs: pl.DataFrame) -> GT:
    rows = report_list(docs)
    return capped(
        GT(rows.head(ROW_LIMIT))
        .tab_header(title="Reports", subtitle="metadata extracted from each report; days late is negative when published before the deadline")
        .cols_label(source_path="File", title="Title", jurisdiction="Jurisdiction", province="Province", admin_level="Level",
                    year="Year", published="Published", days_late="Days late", template="Template")
        .fmt_date(columns="published", date_style="iso")
        .sub_missing(columns="title", missing_text="no title found")
        .sub_missing(columns=["jurisdiction", "province"], missing_text="not found")
        .sub_missing(columns=["admin_level", "year", "template"], missing_text="unknown")
        .sub_missing(columns="published", missing_text="date not stated")
        .sub_missing(columns="days_late", missing_text="no date")
        .tab_source_note(SOURCE_NOTE),
        rows, "the documents table",
    )


# ------------------------------------------------------------- trends ---


def _fmt(x: float | None, percent: bool) -> str | None:
    if x is None:
        return None
    if percent:
        return f"{x:.1%}"
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}"


def _n(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def _spread(median, q25, q75, percent: bool) -> str | None:
    """"median (q25–q75)", or None when there is no median."""
    if median is None:
        return None
    return f"{_fmt(median, percent)} ({_fmt(q25, percent)}–{_fmt(q75, percent)})"


def trend_numbers(trends: pl.DataFrame, metrics: list[str], percent: bool = False) -> pl.DataFrame:
    """One row per metric and year, every cell a number or words saying why there is none (never empty)."""
    from .aggregates import METRIC_LABELS, METRICS
    from .names import metric_unit

    out = []
    for metric in metrics:
        count = metric not in METRICS or METRICS[metric][1] is None
        pct = percent and metric_unit(metric) == "share"
        t = trends.filter(pl.col("metric") == metric)
        years = sorted(t["year"].unique().to_list())
        by = {(r["view"], r["year"]): r for r in t.iter_rows(named=True)}
        balanced = t.filter(pl.col("view") == "balanced")
        span = (balanced["range_first"][0], balanced["range_last"][0]) if balanced.height else None
        for y in years:
            c, b, i = by.get(("corpus", y)), by.get(("balanced", y)), by.get(("index", y))
            if count and metric != "days_late":
                total = f"sum {_fmt(c['sum'], False)}" if c else "no report states it"
            elif count:
                total = "not summed (days per report)"
            else:
                total = f"pooled {_fmt(c['pooled'], pct)}" if c and c["pooled"] is not None else "no report states both figures"
            if span is None:
                bal = "no balanced panel"
            elif b is None:
                bal = f"outside the balanced years {span[0]}–{span[1]}"
            else:
                bal = f"{_spread(b['median'], b['q25'], b['q75'], pct)}; {_n(b['n_reports'], 'report')}"
            if not count or metric == "days_late":
                idx = "no index for a ratio" if not count else "no index for days"
            elif i is None:
                idx = "no issuer with two years and a first value above 0"
            else:
                idx = f"{_spread(i['median'], i['q25'], i['q75'], False)}; {_n(i['n_issuers'], 'issuer')}"
            out.append({
                "metric": METRIC_LABELS.get(metric, metric), "year": str(y),
                "reports": c["n_reports"] if c else 0, "issuers": c["n_issuers"] if c else 0,
                "median": _spread(c["median"], c["q25"], c["q75"], pct) if c else "no report states it",
                "total": total, "balanced": bal, "index": idx,
            })
    schema = {"metric": pl.String, "year": pl.String, "reports": pl.Int64, "issuers": pl.Int64, "median": pl.String, "total": pl.String,
              "balanced": pl.String, "index": pl.String}
    return pl.DataFrame(out, schema=schema)


def trends_table(trends: pl.DataFrame, metrics: list[str] | None = None, percent: bool = True) -> GT:
    """The numbers behind the trend charts in the three views; a value that cannot be computed says why."""
    from .aggregates import METRIC_LABELS

    metrics = metrics or [m for m in METRIC_LABELS if m in set(trends["metric"].to_list())]
    table = trend_numbers(trends, metrics, percent)
    if table.is_empty():
        table = pl.DataFrame([{"metric": "No metric", "year": "no year", "reports": 0, "issuers": 0, "median": "no report states a figure",
                               "total": "nothing to sum", "balanced": "no balanced panel", "index": "no index"}], schema=table.schema)
    return (
        GT(table, rowname_col="year", groupname_col="metric")
        .tab_header(title="Trends by reporting year", subtitle="corpus as it is, balanced panel and within-issuer index; median with interquartile range in brackets")
        .cols_label(reports="Reports", issuers="Issuers", median="Median (IQR)", total="Sum or pooled ratio",
                    balanced="Balanced panel: median (IQR)", index="Index, own first year = 100: median (IQR)")
        .fmt_integer(columns=["reports", "issuers"])
        .tab_source_note(SOURCE_NOTE + " Metrics: report_metrics; issuers and the one report per issuer and year: the panel table.")
    )


def metric_definitions_table(metrics: list[str], trends: pl.DataFrame | None = None) -> GT:
    """The definition of each charted metric (numerator, denominator, indicators, report formats), from analysis/data/metrics.tsv."""
    from .names import definition, metric_name

    rows = []
    for m in metrics:
        n = int(trends.filter((pl.col("metric") == m) & (pl.col("view") == "corpus"))["n_reports"].sum()) if trends is not None else None
        rows.append({"metric": metric_name(m), "definition": definition(m), "reports": n if n is not None else 0})
    gt = (
        GT(pl.DataFrame(rows), rowname_col="metric")
        .tab_header(title="What the chart counts")
        .cols_label(definition="Definition", reports="Reports stating it (all years)")
        .fmt_integer(columns="reports")
        .tab_source_note("Definitions: analysis/data/metrics.tsv and the label maps; published as the metric_definitions table.")
    )
    return gt if trends is not None else gt.cols_hide("reports")


# ------------------------------------------------------------ keywords ---


def top_terms(by_group: pl.DataFrame, grouping: str, part: str, top: int = 15) -> pl.DataFrame:
    return (
        by_group.filter((pl.col("grouping") == grouping) & (pl.col("part") == part))
        .sort("group", "tf", "token", descending=[False, True, False])
        .group_by("group", maintain_order=True).head(top)
        .select("group", "token", "tf", "df", "df_share", "n_reports")
    )


def top_terms_table(by_group: pl.DataFrame, grouping: str, part: str, top: int = 15) -> GT:
    return (
        GT(top_terms(by_group, grouping, part, top), rowname_col="token", groupname_col="group")
        .tab_header(title=f"Top {top} terms of the {part} sections", subtitle=f"by {grouping.replace('_', ' ')}")
        .cols_label(tf="Occurrences", df="Reports naming it", df_share="Share of reports", n_reports="Reports in group")
        .fmt_percent(columns="df_share", decimals=0)
        .tab_source_note("Source: tokens table (jieba precise mode with the domain dictionary analysis/data/userdict.tsv).")
    )


def near_copies(similarity: pl.DataFrame, docs: pl.DataFrame) -> pl.DataFrame:
    names = docs.select("report_id", "source_path", "jurisdiction", "year")
    flagged = similarity.filter(pl.col("is_near_copy_of_previous").fill_null(False) | pl.col("is_near_copy_of_other").fill_null(False))
    return (
        flagged.join(names, on="report_id")
        .join(names.select(pl.col("report_id").alias("nearest_report_id"), pl.col("source_path").alias("nearest_file")), on="nearest_report_id", how="left")
        .select("source_path", "jurisdiction", "year", "previous_similarity", "nearest_file", "nearest_similarity")
        .sort("year", "source_path")
    )


def near_copies_table(similarity: pl.DataFrame, docs: pl.DataFrame) -> GT:
    rows = near_copies(similarity, docs)
    return capped(
        GT(rows.head(ROW_LIMIT))
        .tab_header(title="Near-copies in problems and improvements", subtitle="Jaccard similarity of character 5-grams ≥ 0.8")
        .cols_label(source_path="File", jurisdiction="Jurisdiction", year="Year", previous_similarity="vs own previous year",
                    nearest_file="Most similar other report", nearest_similarity="Similarity")
        .fmt_number(columns=["previous_similarity", "nearest_similarity"], decimals=2)
        .sub_missing(columns="previous_similarity", missing_text="no previous report")
        .sub_missing(columns=["nearest_file", "nearest_similarity"], missing_text="none found")
        .sub_missing(columns="jurisdiction", missing_text="not found")
        .tab_source_note("Source: similarity table."),
        rows, "the similarity table",
    )


# ---------------------------------------------------------- comparison ---


COMPARED = 12  # jurisdictions a comparison chart draws (more lines are unreadable)


def named_places(docs: pl.DataFrame) -> pl.DataFrame:
    """The ok reports with a jurisdiction, each with ``place``: the jurisdiction's name, followed by where
    it is when another jurisdiction of the corpus has the same name (鼓楼区 is in Nanjing, Xuzhou, Fuzhou
    and Kaifeng; 东城街道 in twenty provinces), so that no chart or ranking merges different places.

    A jurisdiction is its name and its gazetteer code (a township has its county's), or its name and
    province when the gazetteer does not place it. Its ``level`` is its own administrative level (the
    government's, not a department's), "department" when only departments report for it.
    """
    ok = docs.filter(pl.col("status") == "ok").drop_nulls("jurisdiction")
    identity = pl.coalesce(pl.col("adcode"), pl.col("province"), pl.lit(""))
    where = pl.concat_str(
        [pl.when(pl.col(c) != pl.col("jurisdiction")).then(pl.col(c)) for c in ("province", "prefecture", "county")],
        ignore_nulls=True,
    )
    where = pl.when(where != "").then(where).otherwise(pl.coalesce(pl.col("adcode"), pl.lit("place unknown")))
    shared = identity.n_unique().over("jurisdiction") > 1
    level = pl.col("admin_level").filter(pl.col("admin_level") != "department").first().over("jurisdiction", identity)
    return ok.with_columns(
        pl.when(shared).then(pl.format("{}（{}）", pl.col("jurisdiction"), where)).otherwise(pl.col("jurisdiction")).alias("place"),
        level.fill_null("department").alias("level"),
    )


def compared_jurisdictions(docs: pl.DataFrame, top: int = COMPARED) -> list[str]:
    """The places (see :func:`named_places`) with the most reports, ties by name: all of them in a small corpus."""
    counts = named_places(docs).group_by("place").agg(pl.len().alias("n")).sort(["n", "place"], descending=[True, False])
    return counts.head(top)["place"].to_list()


def jurisdiction_series(docs: pl.DataFrame, metrics: pl.DataFrame, only: list[str] | None = None) -> pl.DataFrame:
    """Long table jurisdiction × year × metric: the mean over the reports of the jurisdiction (its government's
    and its departments') of that year. ``jurisdiction`` is the place's name from :func:`named_places`."""
    from .aggregates import METRIC_LABELS

    keyed = named_places(docs).drop_nulls("year").select("report_id", pl.col("place").alias("jurisdiction"), "province", pl.col("level").alias("admin_level"), "year")
    if only is not None:
        keyed = keyed.filter(pl.col("jurisdiction").is_in(only))
    return (
        metrics.join(keyed, on="report_id")
        .group_by("jurisdiction", "province", "admin_level", "year", "metric")
        .agg(pl.col("value").mean())
        .with_columns(pl.col("metric").replace_strict(METRIC_LABELS, default=pl.col("metric")))
        .sort("jurisdiction", "metric", "year")
    )


def ranking_table(series: pl.DataFrame, metric: str) -> GT:
    from .aggregates import METRIC_LABELS

    label = METRIC_LABELS.get(metric, metric)
    s = series.filter(pl.col("metric") == label).sort("year")
    ranked = (
        s.group_by("jurisdiction", "province", "admin_level")
        .agg(pl.col("year").last().alias("latest_year"), pl.col("value").last().alias("latest"), pl.col("value").alias("series"))
        .sort("latest", "jurisdiction", descending=[True, False], nulls_last=True)
    )
    return capped(
        GT(ranked.head(RANKED_ROWS), rowname_col="jurisdiction")
        .tab_header(title=f"Jurisdictions ranked: {label}", subtitle="latest year stated; sparkline of all years")
        .cols_label(province="Province", admin_level="Level", latest_year="Year", latest="Value", series="Series")
        .fmt_number(columns="latest", decimals=2, drop_trailing_zeros=True)
        .fmt_nanoplot(columns="series", plot_type="line")
        .tab_source_note(SOURCE_NOTE),
        ranked, "the report_metrics table", RANKED_ROWS,
    )


MAPPED = 500  # seats a map draws: the page stays the same size however many places the corpus covers


def places(docs: pl.DataFrame, top: int = MAPPED) -> tuple[pl.DataFrame, int]:
    """Reports per seat (the coordinates of a jurisdiction's seat, shared by its departments): the
    ``top`` seats with the most reports (ties by place), and how many seats there are in all.

    Each seat is named after its jurisdiction with the most reports (as :func:`named_places` names it),
    with that jurisdiction's level; ``jurisdictions`` counts those reporting from it (a county's
    townships share its seat; a department reports for its jurisdiction).
    """
    located = named_places(docs).drop_nulls(["longitude", "latitude"])
    per_place = located.group_by("longitude", "latitude", "place").agg(pl.len().alias("n"), pl.col("province").first(), pl.col("level").first())
    seats = (
        per_place.sort(["n", "place"], descending=[True, False])
        .group_by("longitude", "latitude", maintain_order=True)
        .agg(
            pl.col("place").first(),
            pl.col("province").first(),
            pl.col("level").first().alias("admin_level"),
            pl.col("n").sum().alias("reports"),
            pl.len().alias("jurisdictions"),
        )
        .sort(["reports", "place", "longitude", "latitude"], descending=[True, False, False, False])
    )
    return seats.head(top).select("place", "province", "admin_level", "longitude", "latitude", "reports", "jurisdictions"), seats.height


# -------------------------------------------------------------- quality ---


def check_summary_table(checks: pl.DataFrame | pl.LazyFrame) -> GT:
    """Pass / fail / not checkable per check family (pass ``tables.scan("checks")``: only two columns are read)."""
    df = (
        checks.lazy().with_columns(pl.col("check").str.split(":").list.first().alias("check"))
        .group_by("check", "status").agg(pl.len().alias("n")).collect()
        .pivot(on="status", index="check", values="n").fill_null(0).sort("check")
    )
    for col in ("pass", "fail", "not_applicable"):
        if col not in df.columns:
            df = df.with_columns(pl.lit(0).alias(col))
    return (
        GT(df.select("check", "pass", "fail", "not_applicable"), rowname_col="check")
        .tab_header(title="Consistency checks", subtitle="per check family, all reports")
        .cols_label(**{"pass": "Pass", "fail": "Fail", "not_applicable": "Not checkable"})
        .tab_source_note("Source: checks table.")
    )


def failed_checks(checks: pl.DataFrame | pl.LazyFrame, docs: pl.DataFrame) -> pl.DataFrame:
    """The failed checks with their file and what each is about, named (a lazy ``checks`` reads only the failures)."""
    from .names import subject_name

    rows = (
        checks.lazy().filter(pl.col("status") == "fail")
        .join(docs.lazy().select("report_id", "source_path"), on="report_id")
        .select("source_path", "check", "expected", "observed", "detail")
        .sort("source_path", "check")
        .collect()
    )
    about = [subject_name(c.split(":", 1)[1]) if ":" in c else "the whole report" for c in rows["check"].to_list()]
    return rows.with_columns(pl.Series("about", about, dtype=pl.String)).select("source_path", "check", "about", "expected", "observed", "detail")


def failed_checks_table(checks: pl.DataFrame | pl.LazyFrame, docs: pl.DataFrame) -> GT:
    rows = failed_checks(checks, docs)
    return capped(
        GT(rows.head(ROW_LIMIT))
        .tab_header(title="Failed checks", subtitle="the report contradicts itself; nothing was corrected")
        .cols_label(source_path="File", check="Check", about="About", expected="Expected", observed="Observed", detail="Evidence")
        .fmt_number(columns=["expected", "observed"], decimals=2, drop_trailing_zeros=True)
        .sub_missing(columns=["expected", "observed"], missing_text="not stated")
        .sub_missing(columns="detail", missing_text="no detail")
        .tab_source_note("Source: checks table."),
        rows, "the checks table",
    )


def value_kinds_table(indicators: pl.DataFrame | pl.LazyFrame) -> GT:
    """Counts per indicator and value kind (pass ``tables.scan("indicators")``: only two columns are read)."""
    counts = indicators.lazy().group_by("indicator", "value_kind").agg(pl.len().alias("n")).collect()
    df = counts.pivot(on="value_kind", index="indicator", values="n").fill_null(0)
    for col in ("reported", "zero_stated", "blank", "not_applicable"):
        if col not in df.columns:
            df = df.with_columns(pl.lit(0).alias(col))
    from .names import indicator_name

    df = df.sort("indicator").with_columns(
        pl.col("indicator").map_elements(lambda i: indicator_name(i, "en"), return_dtype=pl.String).alias("name_en"),
        pl.col("indicator").map_elements(lambda i: indicator_name(i, "zh"), return_dtype=pl.String).alias("name_zh"),
    )
    return (
        GT(df.select("indicator", "name_en", "name_zh", "reported", "zero_stated", "blank", "not_applicable"), rowname_col="indicator")
        .tab_header(title="How each indicator is stated", subtitle="figures by value kind, table and prose together")
        .cols_label(name_en="Indicator", name_zh="报告用语", reported="Number printed", zero_stated="Stated as none (无)", blank="Blank cell",
                    not_applicable="'/' cell")
        .tab_source_note("Source: indicators table; names: indicator_names.")
    )


# ---------------------------------------------------------- data pages ---


def downloads(data_dictionary: pl.DataFrame, prefix: str = "data/processed/") -> pl.DataFrame:
    """One row per table with its download links; a table published as parts links to its folder."""
    tables = data_dictionary.select("table", "table_description", "files").unique("table", maintain_order=True)
    # CSV copies exist only for the tables whose files list them (schema's csv flag); the rest are
    # Parquet, exported as CSV on demand with `analysis export --csv TABLE`.
    csv = pl.when(pl.col("files").str.contains(r"\.csv\b")).then(
        pl.lit(f'<a href="{prefix}') + pl.col("table") + pl.lit('.csv">CSV</a> · ')).otherwise(pl.lit(""))
    single = csv + pl.lit(f'<a href="{prefix}') + pl.col("table") + pl.lit('.parquet">Parquet</a>')
    folder = (pl.lit(f'<a href="{prefix}') + pl.col("table")
              + pl.lit('/">folder of Parquet parts</a> (read all parts together; as one CSV: <code>analysis export --csv ') + pl.col("table") + pl.lit("</code>)"))
    # Further formats a table is written in (the panel's Stata file): "<table>.dta" in its files.
    stata = pl.when(pl.col("files").str.contains(r"\.dta\b")).then(
        pl.lit(f' · <a href="{prefix}') + pl.col("table") + pl.lit('.dta">Stata .dta</a>')).otherwise(pl.lit(""))
    return tables.with_columns(
        (pl.when(pl.col("files").str.contains("part-")).then(folder).otherwise(single) + stata).alias("download")
    ).drop("files")


def downloads_table(data_dictionary: pl.DataFrame, prefix: str = "data/processed/") -> GT:
    return (
        GT(downloads(data_dictionary, prefix), rowname_col="table")
        .tab_header(title="Tables", subtitle="every table of the build as Parquet; the small ones also as CSV")
        .cols_label(table_description="One row per", download="Download")
        .fmt_markdown(columns="download")
        .tab_source_note("Table and file names are fixed by the package; descriptions come from the data dictionary.")
    )


def dictionary_table(data_dictionary: pl.DataFrame) -> GT:
    shown = data_dictionary.drop("table_description").with_columns(
        pl.col("unit").fill_null("no unit"), pl.col("allowed_values").fill_null("any"),
        pl.when(pl.col("is_primary_key")).then(pl.lit("key")).otherwise(pl.lit("no")).alias("is_primary_key"),
    )
    return (
        GT(shown, rowname_col="column", groupname_col="table")
        .tab_header(title="Data dictionary", subtitle="every column of every table")
        .cols_label(dtype="Type", unit="Unit", description="Description", allowed_values="Allowed values", is_primary_key="Key", files="Files")
        .tab_source_note("Generated from analysis/schema.py, which the build also validates every table against.")
    )


KIND_WORDS = {"blank": "blank cell", "not_applicable": "'/' cell", "parts_incomplete": "reasons incomplete", "not_stated": "not stated"}


def panel_preview(panel: pl.DataFrame, limit: int = ROW_LIMIT) -> pl.DataFrame:
    """The panel's first rows with its main figures; where a report gives no figure, how it says so, in words."""
    from .names import PANEL_INDICATORS

    cols = ["requests", "granted", "partly_granted", "refused", "not_held", "reviews", "lawsuits", "proactive_items"]
    assert set(cols) <= set(PANEL_INDICATORS)
    shown = panel.sort("panel_id", "year").head(limit)
    return shown.select(
        "issuer", pl.coalesce("jurisdiction", pl.lit("not named")).alias("jurisdiction"), pl.col("year").cast(pl.String),
        *[pl.when(pl.col(c).is_not_null()).then(pl.col(c).map_elements(lambda v: f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}", return_dtype=pl.String))
          .otherwise(pl.col(f"{c}_kind").replace_strict(KIND_WORDS, default=pl.col(f"{c}_kind"))).alias(c) for c in cols],
        "n_reports", "n_conflicting",
    )


PANEL_PREVIEW = 25  # rows of the panel the Data page shows: a preview, the table is a download


def panel_table(panel: pl.DataFrame, limit: int = PANEL_PREVIEW) -> GT:
    from .names import PANEL_INDICATORS, indicator_name

    from great_tables import html as html_label

    rows = panel_preview(panel, limit)
    labels = {c: html_label(f"{escape(indicator_name(PANEL_INDICATORS[c], 'en'))}<br>{escape(indicator_name(PANEL_INDICATORS[c], 'zh'))}")
              for c in rows.columns if c in PANEL_INDICATORS}
    return capped(
        GT(rows, rowname_col="issuer")
        .cols_width({"issuer": "190px", "jurisdiction": "90px", "year": "50px"})
        .tab_header(title="The panel: one row per issuer and reporting year", subtitle="main figures of the report chosen for the row; words where the report gives no number")
        .cols_label(jurisdiction="Jurisdiction", year="Year", n_reports="Reports behind the row", n_conflicting="Columns where they disagree", **labels)
        .tab_source_note("Source: panel table (panel.parquet, panel.csv, panel.dta)."),
        panel, "the panel table (download above)", limit,
    )


def panel_coverage(panel: pl.DataFrame) -> pl.DataFrame:
    """Issuers by the number of reporting years the corpus holds for them: how much of a panel there is."""
    rows = panel.select("panel_id", "year", "n_reports").sort("panel_id", "year")
    runs = (rows.with_columns((pl.col("year") - pl.int_range(pl.len()).over("panel_id")).alias("run"))
            .group_by("panel_id", "run").agg(pl.len().alias("length")).group_by("panel_id").agg(pl.col("length").max().alias("longest")))
    per = rows.group_by("panel_id").agg(pl.len().alias("years"), pl.col("n_reports").sum().alias("reports")).join(runs, on="panel_id")
    return (
        per.group_by("years").agg(pl.len().cast(pl.Int64).alias("issuers"), pl.col("reports").sum().cast(pl.Int64),
                                  pl.col("longest").max().cast(pl.Int64).alias("longest"))
        .sort("years").with_columns(pl.col("years").cast(pl.String))
    )


def panel_coverage_table(panel: pl.DataFrame) -> GT:
    table = panel_coverage(panel)
    if table.is_empty():
        table = pl.DataFrame({"years": ["none"], "issuers": [0], "reports": [0], "longest": [0]}, schema=table.schema)
    return (
        GT(table, rowname_col="years")
        .tab_header(title="Issuers by the number of years they report", subtitle="one report per issuer and year (the panel); what a balanced panel can draw on")
        .cols_label(issuers="Issuers", reports="Reports behind them", longest="Longest run of consecutive years")
        .fmt_integer(columns=["issuers", "reports", "longest"])
        .tab_source_note("Source: panel table. Reports counts every report behind a row, duplicates included (see n_reports).")
    )


def indicator_names_table(names: pl.DataFrame) -> GT:
    """Every indicator with its Chinese and English names and the report formats that give it."""
    shown = names.select(
        "indicator", "name_zh", "name_en",
        pl.col("templates").fill_null("no table (sentences only)"),
        pl.when(pl.col("from_prose")).then(pl.lit("yes")).otherwise(pl.lit("no")).alias("from_prose"),
    )
    return (
        GT(shown, rowname_col="indicator")
        .tab_header(title="Indicators: names in Chinese and English", subtitle="the report forms' own wording, and where each indicator is read from")
        .cols_label(name_zh="中文（报告表格用语）", name_en="English", templates="Tables of formats", from_prose="Also read from sentences")
        .tab_source_note("Source: indicator_names table (analysis/data/indicator_names.tsv and the label maps); Chinese labels as regular expressions: indicator_labels.")
    )


def headline(docs: pl.DataFrame, metrics: pl.DataFrame, checks: pl.DataFrame, n_figures: int) -> pl.DataFrame:
    """A few numbers for the front page (from the small tables: the front page costs the same for any corpus)."""
    ok = docs.filter(pl.col("status") == "ok")
    req = metrics.filter(pl.col("metric") == "requests_received")
    rows = [
        ("Reports processed", ok.height),
        ("Files that could not be processed", docs.height - ok.height),
        ("Reporting years", ok["year"].drop_nulls().n_unique()),
        ("Provinces", ok["province"].drop_nulls().n_unique()),
        ("Requests received · 本年新收申请数 (all reports stating it)", int(req["value"].sum()) if req.height else 0),
        ("Figures extracted", n_figures),
        ("Failed consistency checks", checks.filter(pl.col("status") == "fail").height),
    ]
    return pl.DataFrame(rows, schema={"what": pl.String, "value": pl.Int64}, orient="row")


def headline_table(docs: pl.DataFrame, metrics: pl.DataFrame, checks: pl.DataFrame, n_figures: int) -> GT:
    return (
        GT(headline(docs, metrics, checks, n_figures), rowname_col="what")
        .tab_header(title="At a glance")
        .cols_label(value="")
        .fmt_integer(columns="value")
        .tab_source_note(SOURCE_NOTE)
    )
