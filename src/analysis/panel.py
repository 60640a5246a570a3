"""The analysis-ready panel: one row per issuer and reporting year, the main figures as columns.

Researchers load it in one line in Stata, R or Python. An issuer is the body that signs the
report (else the body its title names, else its jurisdiction), told apart from namesakes by its
jurisdiction's code. When the corpus holds several reports of one issuer and year (the same report
scraped as page text and as HTML, a corrected re-issue), one is chosen by a written rule — most
figures stated in tables, then most figures, then the longest text, then the first file — and the
row says how many there were and where they disagree; figures are never averaged.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import polars as pl

from . import stata
from .aggregates import DENIED_2021
from .names import PANEL_INDICATORS, indicator_name
from .publish import flush_to_disk
from .schema import INDICATOR_NAMES, METRIC_DEFINITIONS, PANEL, conform

STATED = ("reported", "zero_stated")
_TITLE_YEAR = r"^\s*(?:19|20)\d\d\s*年度?\s*"
_TITLE_BODY = r"^(.{2,40}?)\s*(?:(?:19|20)\d\d\s*年度?|政府信息公开|信息公开)"


def _title_body(title: pl.Expr) -> pl.Expr:
    """The body a report's title names before its year or "政府信息公开" (上海市科委 in "2024 年上海市科委政府信息公开工作年度报告")."""
    return title.str.replace(_TITLE_YEAR, "").str.extract(_TITLE_BODY, 1).str.replace_all(r"\s+", "")


def body_from_title(title: str | None) -> str | None:
    """:func:`_title_body` of one title."""
    return pl.select(_title_body(pl.lit(title, dtype=pl.String))).item()


def issuers(docs: pl.DataFrame, named: pl.DataFrame | None = None) -> pl.DataFrame:
    """The ok reports with a reporting year, each with its ``issuer_name``, ``issuer_source`` and ``panel_id``
    (``named``: :func:`issuer_columns` of these reports, computed earlier)."""
    ok = docs.filter((pl.col("status") == "ok") & pl.col("year").is_not_null())
    if named is None:
        named = issuer_columns(ok)
    ok = ok.drop([c for c in ISSUER_COLUMNS if c != "report_id" and c in ok.columns])  # the documents' issuer_source is another
    return ok.join(named, on="report_id", how="inner").drop_nulls("issuer_name")


ISSUER_COLUMNS = {"report_id": pl.String, "issuer_name": pl.String, "issuer_source": pl.String, "panel_id": pl.String}
# The documents columns issuer_columns reads
ISSUER_SOURCE_COLUMNS = {"report_id": pl.String, "title": pl.String, "issuer": pl.String, "jurisdiction": pl.String,
                         "adcode": pl.String, "province": pl.String}


def issuer_columns(docs: pl.DataFrame) -> pl.DataFrame:
    """report_id, issuer_name, issuer_source, panel_id of each report: a function of its own documents row only."""
    ok = docs
    titled = _title_body(pl.col("title")).alias("title_body")
    signed = pl.col("issuer").str.replace_all(r"\s+", "")
    # A signature naming its level but not its place (区公安局 in a report of 平潭综合实验区) gets the place's name.
    bare = signed.str.slice(0, 1)
    # (Not a word that starts with a level's character: 市场监督管理局, 市政…, 区域….)
    word = signed.str.contains(r"^(?:市场|市政|市容|区域|县域)")
    signed = (pl.when(bare.is_in(["区", "县", "市", "旗"]) & ~word & pl.col("jurisdiction").str.ends_with(bare) & (signed.str.len_chars() > 2))
              .then(pl.col("jurisdiction").str.slice(0, pl.col("jurisdiction").str.len_chars() - 1) + signed).otherwise(signed))
    signed = pl.when(signed != "").then(signed)
    ok = ok.with_columns(titled).with_columns(
        pl.coalesce(signed, "title_body", "jurisdiction").alias("issuer_name"),
        pl.when(signed.is_not_null()).then(pl.lit("issuer")).when(pl.col("title_body").is_not_null()).then(pl.lit("title"))
        .otherwise(pl.lit("jurisdiction")).alias("issuer_source"),
    )
    return ok.with_columns(
        pl.format("{}:{}", pl.coalesce("adcode", "province", pl.lit("")), "issuer_name").alias("panel_id"),
    ).select(list(ISSUER_COLUMNS))


def report_figures(indicators: pl.LazyFrame | pl.DataFrame, report_ids: list[str] | None = None) -> pl.DataFrame:
    """report_id, indicator, value, value_kind for the panel's indicators: one row per report and indicator.

    A stated figure (reported or zero stated) beats a blank or '/' cell; within each, the table's (total
    column) beats the prose. Refusals of the 2019/2021 tables are the sum of their eight reasons.
    """
    wanted = [*PANEL_INDICATORS.values(), "outcome_denied", *DENIED_2021]
    lf = indicators.lazy().filter(
        pl.col("indicator").is_in(wanted) & (pl.col("breakdown").is_null() | (pl.col("breakdown") == "total"))
    )
    if report_ids is not None:
        lf = lf.filter(pl.col("report_id").is_in(report_ids))
    rows = lf.select("report_id", "indicator", "value", "value_kind", "source").collect()
    ranked = rows.with_columns(
        (pl.when(pl.col("value_kind").is_in(STATED)).then(0).otherwise(2) + pl.when(pl.col("source") == "table").then(0).otherwise(1)).alias("rank")
    ).sort("report_id", "indicator", "rank").unique(["report_id", "indicator"], keep="first", maintain_order=True)
    reasons = ranked.filter(pl.col("indicator").is_in(DENIED_2021)).group_by("report_id").agg(
        pl.col("value").sum(), pl.col("value_kind").is_in(STATED).all().alias("complete"))
    summed = reasons.select(
        "report_id", pl.lit("outcome_denied_all").alias("indicator"),
        pl.when("complete").then(pl.col("value")).alias("value"),
        pl.when("complete").then(pl.lit("sum_of_parts")).otherwise(pl.lit("parts_incomplete")).alias("value_kind"),
    )
    single = (ranked.filter(pl.col("indicator") == "outcome_denied").join(summed.select("report_id"), on="report_id", how="anti")
              .select("report_id", pl.lit("outcome_denied_all").alias("indicator"), "value", "value_kind"))
    plain = ranked.filter(~pl.col("indicator").is_in([*DENIED_2021, "outcome_denied"])).select("report_id", "indicator", "value", "value_kind")
    return pl.concat([plain, summed, single]).with_columns(
        pl.when(pl.col("value_kind").is_in([*STATED, "sum_of_parts"])).then(pl.col("value")).alias("value"))


def _table_figures(indicators: pl.LazyFrame | pl.DataFrame, report_ids: list[str] | None = None) -> pl.DataFrame:
    """report_id, n_table_figures, n_figures: figures stated, in tables and in all, per report."""
    lf = indicators.lazy().filter(pl.col("value_kind").is_in(STATED))
    if report_ids is not None:
        lf = lf.filter(pl.col("report_id").is_in(report_ids))
    return (
        lf.group_by("report_id").agg((pl.col("source") == "table").sum().cast(pl.Int64).alias("n_table_figures"),
                                     pl.len().cast(pl.Int64).alias("n_figures"))
        .collect()
    )


def compact(indicators: pl.LazyFrame | pl.DataFrame) -> pl.DataFrame:
    """What the panel needs of a set of reports' indicators, one row per report: its counts of figures
    (``n_table_figures``, ``n_figures``) and each panel figure with how it is stated (``requests``,
    ``requests_kind``, …; null where the report has no row for it)."""
    counts = _table_figures(indicators)
    figures = report_figures(indicators)
    wide = figures.pivot(on="indicator", index="report_id", values=["value", "value_kind"], aggregate_function="first") if figures.height \
        else pl.DataFrame(schema={"report_id": pl.String})
    columns = []
    for col, ind in PANEL_INDICATORS.items():
        v, k = f"value_{ind}", f"value_kind_{ind}"
        columns.append(pl.col(v).cast(pl.Float64).alias(col) if v in wide.columns else pl.lit(None, dtype=pl.Float64).alias(col))
        columns.append(pl.col(k).cast(pl.String).alias(f"{col}_kind") if k in wide.columns else pl.lit(None, dtype=pl.String).alias(f"{col}_kind"))
    ids = pl.concat([counts.select("report_id"), wide.select("report_id")]).unique(maintain_order=True)
    return (ids.join(counts, on="report_id", how="left").join(wide.select("report_id", *columns), on="report_id", how="left")
            .with_columns(pl.col("n_table_figures", "n_figures").fill_null(0)))


FIGURES_CACHE = "panel_figures"  # folder of the store: the compact figures of each stored batch


def per_report(documents: pl.DataFrame, indicators: pl.LazyFrame | pl.DataFrame) -> pl.DataFrame:
    """What the panel needs of each report of a batch, one row per report: :func:`issuer_columns` of its
    documents row and :func:`compact` of its indicators."""
    wide = compact(indicators)
    return issuer_columns(documents).join(wide, on="report_id", how="left").with_columns(pl.col("n_table_figures", "n_figures").fill_null(0))


def gather(parts) -> pl.DataFrame:
    """:func:`per_report` of every published batch (the build's ``parts``: a ``folder`` of stored tables, or
    ``frames`` when the batch was filtered of duplicates). A stored batch's rows are computed once and kept
    in the store beside it, keyed by its files, so that adding a report reads the others' compact files only."""
    frames: list[pl.DataFrame | pl.LazyFrame] = []
    live: set[str] = set()
    stored: list[Path] = []  # cached rows, read by one scan: a read per file costs a millisecond each

    def flush() -> None:
        if stored:
            frames.append(pl.scan_parquet(list(stored)))
            stored.clear()

    for part in parts:
        if part.frames is not None:
            flush()
            frames.append(per_report(part.frames["documents"], part.frames["indicators"]))
            continue
        docs, inds = part.folder / "documents.parquet", part.folder / "indicators.parquet"
        key = "-".join(str(x) for p in (docs, inds) for st in [p.stat()] for x in (st.st_ino, st.st_size, st.st_mtime_ns))
        cache = part.folder.parent.parent / FIGURES_CACHE
        name = f"{part.folder.name}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.parquet"
        live.add(name)
        if (cache / name).is_file():
            stored.append(cache / name)
            continue
        df = per_report(pl.read_parquet(docs), pl.scan_parquet(inds))
        cache.mkdir(exist_ok=True)
        df.write_parquet(cache / f".tmp-{name}")
        os.replace(cache / f".tmp-{name}", cache / name)
        flush()
        frames.append(df)
    flush()
    if parts and any(p.frames is None for p in parts):  # files of batches no longer published
        for old in (parts[0].folder.parent.parent / FIGURES_CACHE).glob("*.parquet"):
            if old.name not in live:
                old.unlink(missing_ok=True)
    if not frames:
        return per_report(pl.DataFrame(schema=ISSUER_SOURCE_COLUMNS), pl.DataFrame(schema=INDICATOR_COLUMNS))
    # A report is in one batch; should it be in two, it counts once.
    return pl.concat([f.lazy() for f in frames], how="vertical_relaxed").unique("report_id", keep="first", maintain_order=True).collect()


INDICATOR_COLUMNS = {"report_id": pl.String, "indicator": pl.String, "breakdown": pl.String, "value": pl.Float64,
                     "value_kind": pl.String, "source": pl.String}


def build_panel(docs: pl.DataFrame, indicators: pl.LazyFrame | pl.DataFrame | None = None,
                compacted: pl.DataFrame | None = None) -> pl.DataFrame:
    """The panel table (see :data:`analysis.schema.PANEL`), from the indicators, or from each report's
    :func:`per_report` row (:func:`gather`)."""
    ok = (pl.col("status") == "ok") & pl.col("year").is_not_null()
    if compacted is None:
        compacted = per_report(docs.filter(ok), indicators)
    # Only the documents columns the panel shows or chooses by: sorting and joining 40 columns costs three times as much.
    keep = ["report_id", "status", "year", "title", "issuer", "jurisdiction", "adcode", "province", "prefecture", "admin_level",
            "template", "days_late", "n_chars", "source_path"]
    reports = (docs.select([c for c in keep if c in docs.columns]).filter(ok).join(compacted, on="report_id", how="inner")
               .drop_nulls("issuer_name").with_columns(pl.col("n_table_figures", "n_figures").fill_null(0)))
    # The choice: most figures in tables, then most figures, then the longest text, then the first file. Only the
    # keys are sorted, with each report's row number; the chosen rows are then taken from the wide frame at once.
    keys = ["panel_id", "year", "n_table_figures", "n_figures", "n_chars", "source_path"]
    ranked = reports.select("report_id", *keys).with_row_index("row").sort(
        keys, descending=[False, False, True, True, True, False], nulls_last=True)
    # Sorted, the rows of an issuer and year are consecutive: each group is numbered where its first row is,
    # which spares hashing 100,000 issuer names; only the groups of several reports are gathered by number.
    ranked = ranked.with_columns(
        ((pl.col("panel_id") != pl.col("panel_id").shift()) | (pl.col("year") != pl.col("year").shift())).fill_null(True).alias("first"))
    ranked = ranked.with_columns(pl.col("first").cum_sum().alias("group")).with_columns(pl.len().over("group").cast(pl.Int64).alias("n_reports"))
    several = (ranked.filter(pl.col("n_reports") > 1).group_by("group", maintain_order=True)
               .agg(pl.col("report_id").str.join(" ").alias("several_ids")))
    heads = (ranked.filter("first").join(several, on="group", how="left")
             .select("row", "n_reports", pl.coalesce("several_ids", "report_id").alias("report_ids")))
    chosen = reports.select(pl.all().gather(heads["row"])).with_columns(heads["row"], heads["n_reports"], heads["report_ids"])
    values = list(PANEL_INDICATORS)

    # Where another report of the same issuer and year states a different figure: counted, never resolved.
    multi = ranked.filter(pl.col("n_reports") > 1)
    pairs = (multi.select("group", pl.col("row").alias("other"))
             .join(multi.filter("first").select("group", "row"), on="group").filter(pl.col("other") != pl.col("row")))
    mine, theirs = reports.select(values).gather(pairs["row"]), reports.select(values).gather(pairs["other"])
    differs = pl.DataFrame([pairs["row"], *[(mine[v] != theirs[v]).fill_null(False).alias(v) for v in values]]) if pairs.height \
        else pl.DataFrame(schema={"row": pl.UInt32, **{v: pl.Boolean for v in values}})
    clashes = differs.group_by("row").agg(pl.sum_horizontal([pl.col(v).any() for v in values]).cast(pl.Int64).alias("n_conflicting"))
    kinds = [pl.col(f"{c}_kind").fill_null("not_stated") for c in values]
    panel = (
        chosen.join(clashes, on="row", how="left")
        .with_columns(*kinds, pl.col("n_conflicting").fill_null(0), pl.col("days_late").cast(pl.Float64),
                      pl.col("issuer_name").alias("issuer"), pl.col("admin_level").alias("level"))
    )
    return conform(PANEL, panel.select([c.name for c in PANEL.columns]))


def tables(docs: pl.DataFrame, parts) -> dict[str, pl.DataFrame]:
    """The corpus-wide tables of this module: panel, indicator_names, metric_definitions (``parts``: see :func:`gather`)."""
    from .names import indicator_names, metric_definitions

    return {
        "panel": build_panel(docs, compacted=gather(parts)),
        "indicator_names": conform(INDICATOR_NAMES, indicator_names()),
        "metric_definitions": conform(METRIC_DEFINITIONS, metric_definitions()),
    }


# ------------------------------------------------------------------ Stata ---

STATA_LABEL = 80  # characters a Stata variable label holds


LABELS = {  # Stata labels of the panel's other columns (the dictionary, schema.PANEL, describes them in full)
    "panel_id": "Issuer id (adcode:issuer); encode panel_id, gen(id)",
    "issuer": "Reporting body 发布机构",
    "issuer_source": "Where the issuer name comes from (issuer, title, jurisdiction)",
    "jurisdiction": "Jurisdiction as named in the report 地区",
    "adcode": "GB/T 2260 code of the jurisdiction 行政区划代码",
    "level": "Administrative level of the reporting body 层级",
    "province": "Province 省",
    "prefecture": "Prefecture 地级市",
    "year": "Reporting year 报告年度",
    "template": "Report format (pre2014, 2014_2018, 2019, 2021)",
    "days_late": "Days after the statutory deadline 逾期发布天数",
    "report_id": "Report the figures come from",
    "source_path": "Its file under data/raw",
    "n_reports": "Reports of this issuer and year in the corpus",
    "report_ids": "All of them, the chosen one first",
    "n_table_figures": "Figures stated in tables (chosen report)",
    "n_conflicting": "Columns where another report of the row differs",
}


def variable_labels() -> dict[str, str]:
    """A label per panel column: the indicator's English and Chinese names, else a short description."""
    labels = {}
    for c in PANEL.columns:
        if c.name in LABELS:
            text = LABELS[c.name]
        elif c.name in PANEL_INDICATORS:
            ind = PANEL_INDICATORS[c.name]
            text = f"{indicator_name(ind, 'en')} · {indicator_name(ind, 'zh')}"
        elif c.name.endswith("_kind") and c.name[: -len("_kind")] in PANEL_INDICATORS:
            text = f"How stated: {indicator_name(PANEL_INDICATORS[c.name[: -len('_kind')]], 'en')}"
        else:
            text = c.description.split(":")[0].split(". ")[0]
        labels[c.name] = text if len(text) <= STATA_LABEL else text[: STATA_LABEL - 1] + "…"
    return labels


LABELLED = tuple(c.name for c in PANEL.columns if c.allowed or c.name in ("province", "prefecture", "adcode"))


def _dta_stamp(df: pl.DataFrame) -> str:
    """What the Stata file is a function of: the rows, the labels and the writer (12 hex digits)."""
    import hashlib

    h = hashlib.sha256(repr((variable_labels(), LABELLED, stata.FORMAT_VERSION)).encode())
    h.update(df.hash_rows().sort().to_numpy().tobytes())
    h.update(repr(df.schema).encode())
    return h.hexdigest()[:12]


def write_dta(df: pl.DataFrame, path: Path, previous: Path | None = None) -> None:
    """The panel as a Stata 14+ file (format 118: Unicode names and labels), written atomically.

    Stata has no missing string: a null string is written as "" (Stata's missing string); a null number as ".".
    Columns of few values (value kinds, level, format, places) are labelled integers (Stata value labels).
    When ``previous`` (the last build's file) was written from the same rows with the same labels, it is
    linked instead: a rerun with nothing changed writes nothing.
    """
    label = f"Government information disclosure reports: panel [{_dta_stamp(df)}]"
    if previous is not None and stata.data_label(previous) == label:
        tmp = path.with_name(f".tmp-{path.name}")
        try:
            os.link(previous, tmp)
        except OSError:
            import shutil

            shutil.copyfile(previous, tmp)
        os.replace(tmp, path)
        return
    stata.write(df, path, labels=variable_labels(), value_labelled=set(LABELLED), label=label)
    flush_to_disk(path)
