"""Altair charts that work offline: one house theme and a renderer that inlines Vega's JavaScript.

Altair's default HTML output loads Vega from a CDN, which a site opened from
disk without network cannot do. The ``offline`` renderer puts the Vega /
Vega-Lite / Vega-Embed bundle (from vl-convert, no network needed) into the
first chart of each notebook and plain ``vegaEmbed`` calls into the others,
so a page carries the libraries once whatever the number of charts or the
size of the corpus. The chart specification is embedded as JSON with ``</``
escaped, so text from a report (a tooltip, a label) can never close the
script element and run as code.
"""

from __future__ import annotations

import hashlib
import itertools
import textwrap
import json
from functools import lru_cache

import altair as alt

FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'
_counter = itertools.count()
_state = {"bundle_emitted": False}


@lru_cache(maxsize=1)
def _bundle() -> str:
    import vl_convert as vlc

    version = "v" + ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    try:
        return vlc.javascript_bundle(vl_version=version)
    except ValueError:
        return vlc.javascript_bundle()


def script_json(obj) -> str:
    """JSON safe to place inside a <script> element."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True).replace("</", "<\\/").replace("<!--", "<\\!--").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def offline_renderer(spec: dict, **metadata) -> dict:
    """Mimebundle with the chart as self-contained HTML (bundle inlined on the first chart of a kernel)."""
    digest = hashlib.sha1(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:10]
    div = f"vis-{digest}-{next(_counter)}"
    head = ""
    if not _state["bundle_emitted"]:
        head = f'<script type="text/javascript">{_bundle()}</script>'
        _state["bundle_emitted"] = True
    html = (
        f'{head}<div id="{div}" class="vega-chart"></div>'
        f'<script type="text/javascript">(function(){{var spec={script_json(spec)};'
        f'vegaEmbed("#{div}",spec,{{"actions":false,"renderer":"svg"}})'
        f'.catch(function(e){{document.getElementById("{div}").textContent="Chart failed: "+e;}});}})();</script>'
    )
    return {"text/html": html, "text/plain": "<Altair chart>"}


def house_theme() -> dict:
    return {
        "config": {
            "font": FONT,
            "view": {"continuousWidth": 560, "continuousHeight": 300, "stroke": None},
            "axis": {"labelFont": FONT, "titleFont": FONT, "labelFontSize": 12, "titleFontSize": 12, "grid": True, "gridOpacity": 0.4},
            "legend": {"labelFont": FONT, "titleFont": FONT},
            "title": {"font": FONT, "fontSize": 14, "anchor": "start"},
            "range": {"category": ["#2c7fb8", "#d95f0e", "#31a354", "#756bb1", "#e7298a", "#636363", "#a6761d", "#1b9e77"]},
        }
    }


def setup() -> None:
    """Register and enable the offline renderer and the house theme (call once per notebook)."""
    alt.renderers.register("offline", offline_renderer)
    alt.renderers.enable("offline")
    try:
        alt.theme.register("house", enable=True)(house_theme)
    except AttributeError:  # Altair < 5.5
        alt.themes.register("house", house_theme)
        alt.themes.enable("house")
    alt.data_transformers.disable_max_rows()


# ---------------------------------------------------------------- charts ---

def year_axis(data: list[dict]) -> alt.X:
    """Reporting years on a linear axis, ticks only at the years present."""
    years = sorted({d["year"] for d in data if d.get("year") is not None})
    axis = alt.Axis(format="d", values=years) if years else alt.Axis(format="d")
    return alt.X("year:Q", title="Reporting year", axis=axis, scale=alt.Scale(zero=False, nice=False))


LEGEND = alt.Legend(orient="bottom", direction="vertical", labelLimit=0)
SOURCE = "Source: government information disclosure annual reports in data/raw/, built by `analysis build`."


STAT_TITLES = {
    "median": "Median per report (band: interquartile range)",
    "pooled": "Pooled: sum of numerators ÷ sum of denominators",
    "sum": "Sum over reports",
    "mean": "Mean per report",
}


def view_subtitle(trends, view: str, metrics: list[str]) -> str:
    """What a trend panel shows, in words: the view, its years and issuers, or why it is empty."""
    from .aggregates import MIN_ISSUERS, VIEW_NAMES

    rows = trends.filter((trends["view"] == view) & trends["metric"].is_in(metrics))
    name = VIEW_NAMES.get(view, view)
    if view == "corpus":
        return f"{name}: every report stating the figure, whoever reports in a year"
    if rows.is_empty():
        if view == "balanced":
            return f"{name}: none — fewer than {MIN_ISSUERS} issuers state these figures in every year of any run of two years or more"
        return f"{name}: none — no issuer states this figure (above 0) in two years"
    if view == "balanced":
        first, last = rows["range_first"][0], rows["range_last"][0]
        return f"{name} {first}–{last}: the {rows['n_issuers'].max()} issuers stating the figures in every year, one report per issuer and year"
    return f"{name}: each issuer's value ÷ its value in its own first year × 100 (issuers with two years or more)"


def _trend_view(trends, metrics: list[str], stat: str, view: str, width: int, percent: bool) -> alt.VConcatChart:
    """One view of a trend: lines (with the interquartile band for medians) over a strip of the reports behind each point."""
    from .aggregates import METRIC_LABELS

    stat = "median" if view == "index" else stat
    rows = trends.filter((trends["view"] == view) & trends["metric"].is_in(metrics)).drop_nulls(stat)
    data = rows.select("year", "metric", "n_reports", "n_issuers", stat, "q25", "q75").to_dicts()
    order = [METRIC_LABELS.get(m, m) for m in metrics]
    for d in data:
        d["label"] = METRIC_LABELS.get(d["metric"], d["metric"])
    x = year_axis(data)
    fmt = ".0%" if percent and view != "index" else ",.3~f"
    color = alt.Color("label:N", title=None, legend=LEGEND, sort=order, scale=alt.Scale(domain=order))
    ytitle = "Index, own first year = 100 (median, band: IQR)" if view == "index" else STAT_TITLES.get(stat, stat)
    base = alt.Chart(alt.Data(values=data))
    tips = [alt.Tooltip("label:N", title="Metric"), alt.Tooltip("year:O", title="Year"), alt.Tooltip(f"{stat}:Q", title=stat, format=fmt),
            alt.Tooltip("n_reports:Q", title="Reports"), alt.Tooltip("n_issuers:Q", title="Issuers")]
    layers = [base.mark_line(point=True).encode(
        x=x, y=alt.Y(f"{stat}:Q", title=ytitle, axis=alt.Axis(format=fmt, titleFontSize=11)), color=color, tooltip=tips)]
    if stat == "median":
        layers.append(base.mark_area(opacity=0.15).encode(x=x, y="q25:Q", y2="q75:Q", color=color))
    if not data:
        layers.append(alt.Chart(alt.Data(values=[{"t": "nothing to draw: see the subtitle"}])).mark_text(color="#6c757d").encode(text="t:N"))
    lines = alt.layer(*layers).properties(width=width, height=200)
    # The reports behind each point: one row of numbers per metric, under the years.
    strip = base.mark_text(fontSize=10).encode(
        x=alt.X("year:Q", axis=None, scale=alt.Scale(zero=False, nice=False)),
        y=alt.Y("label:N", sort=order, title="Reports", axis=alt.Axis(labels=False, ticks=False, domain=False, titleFontSize=11, titleAngle=0,
                                                                      titleAlign="right", titleBaseline="middle", titlePadding=14)),
        # The lines' colour channel itself: one legend for both (a second spec without a legend conflicts with it in Vega).
        text="n_reports:Q", color=color, tooltip=tips,
    )
    return alt.vconcat(lines, strip.properties(width=width, height=14 * max(1, len(metrics))), spacing=2).resolve_scale(x="shared")


def trend_chart(trends, metrics: list[str], value: str = "pooled", title: str = "", views: tuple[str, ...] = ("corpus", "balanced"),
                percent: bool = False) -> alt.HConcatChart:
    """A trend side by side in several views (corpus as it is, balanced panel, within-issuer index), each saying what it
    shows; below each line, the number of reports behind each point; medians with their interquartile band."""
    width = 300 if len(views) <= 2 else 220
    panels = []
    for view in views:
        chart = _trend_view(trends, metrics, value, view, width, percent)
        lines = textwrap.wrap(view_subtitle(trends, view, metrics), 52 if width < 300 else 64)
        panels.append(chart.properties(title=alt.Title(lines, fontSize=11, fontWeight="normal")))
    return alt.hconcat(*panels, spacing=24).properties(title=alt.Title(title, subtitle=SOURCE)).resolve_scale(color="shared")


def keyness_chart(keyness, comparison: str, part: str = "all", top: int = 15) -> alt.Chart:
    """Horizontal bars of the most typical terms of each side of a comparison (z-scores)."""
    k = keyness.filter((keyness["comparison"] == comparison) & (keyness["part"] == part))
    if k.is_empty():
        data = []
        a = b = ""
    else:
        a, b = k["group_a"][0], k["group_b"][0]
        k = k.sort("z", descending=True)
        data = (k.head(top).to_dicts() + k.tail(top).to_dicts()) if k.height > 2 * top else k.to_dicts()
        for d in data:
            d["side"] = a if d["z"] > 0 else b
    return (
        alt.Chart(alt.Data(values=data), title=alt.Title(f"Keyness: {a} vs {b} ({part})", subtitle="weighted log-odds z-scores; positive = typical of " + str(a)))
        .mark_bar()
        .encode(
            y=alt.Y("token:N", sort="-x", title=None),
            x=alt.X("z:Q", title="z-score"),
            color=alt.Color("side:N", title=None),
            tooltip=["token:N", alt.Tooltip("z:Q", format=".2f"), "count_a:Q", "count_b:Q"],
        )
        .properties(width=420)
    )


def themes_chart(themes_by_year) -> alt.VConcatChart:
    """Mean share of each theme per year, over a row giving the reports behind each year's points."""
    data = themes_by_year.to_dicts()
    lines = (
        alt.Chart(alt.Data(values=data), title=alt.Title("Themes of the problems sections over time",
                                                         subtitle=[SOURCE, "Corpus as it is: every report with a problems section; the row below gives the reports behind each year"]))
        .mark_line(point=True)
        .encode(
            x=year_axis(data),
            y=alt.Y("mean_share:Q", title="Mean share of problem vocabulary", axis=alt.Axis(format="%")),
            color=alt.Color("theme:N", title="Theme"),
            tooltip=["theme:N", "year:O", alt.Tooltip("mean_share:Q", format=".1%"), "n_reports:Q"],
        )
        .properties(width=560, height=300)
    )
    years = {d["year"]: d["n_reports"] for d in data if d.get("year") is not None}
    strip = (
        alt.Chart(alt.Data(values=[{"year": y, "n_reports": n, "row": "Reports"} for y, n in sorted(years.items())]))
        .mark_text(fontSize=10)
        .encode(x=alt.X("year:Q", axis=None, scale=alt.Scale(zero=False, nice=False)),
                y=alt.Y("row:N", title=None, axis=alt.Axis(ticks=False, domain=False, labelPadding=14)), text="n_reports:Q")
        .properties(width=560, height=16)
    )
    return alt.vconcat(lines, strip, spacing=2).resolve_scale(x="shared")


def comparison_chart(metrics_long) -> alt.LayerChart:
    """Jurisdictions over years for one metric at a time, chosen from a dropdown; click the legend to pick jurisdictions."""
    data = metrics_long.to_dicts()
    names = sorted({d["metric"] for d in data})
    metric = alt.param(name="metric", value=names[0] if names else "", bind=alt.binding_select(options=names, name="Metric "))
    years = [d["year"] for d in data] or [2008]
    lo, hi = min(years), max(years)
    first = alt.param(name="from_year", value=lo, bind=alt.binding_range(min=lo, max=max(hi, lo + 1), step=1, name="From "))
    last = alt.param(name="to_year", value=hi, bind=alt.binding_range(min=lo, max=max(hi, lo + 1), step=1, name="To "))
    pick = alt.selection_point(fields=["jurisdiction"], bind="legend")
    base = alt.Chart(alt.Data(values=data), title=alt.Title("Jurisdictions compared", subtitle="choose a metric and years; click legend entries to highlight jurisdictions"))
    return (
        base.mark_line(point=True)
        .encode(
            x=year_axis(data),
            y=alt.Y("value:Q", title=None),
            color=alt.Color("jurisdiction:N", title="Jurisdiction"),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.15)),
            tooltip=["jurisdiction:N", "province:N", "year:O", "metric:N", alt.Tooltip("value:Q", format=",.3~f")],
        )
        .transform_filter((alt.datum.metric == metric) & (alt.datum.year >= first) & (alt.datum.year <= last))
        .add_params(metric, first, last, pick)
        .properties(width=560, height=320)
    )


def map_chart(places) -> alt.Chart:
    """Seats at their gazetteer coordinates (no base map: it would need network tiles).

    ``places`` is what :func:`views.places` returns: the seats drawn and how many there are in all.
    """
    seats, total = places
    shown = f"all {total:,} seats" if seats.height == total else f"the {seats.height:,} seats with the most reports, of {total:,}"
    return (
        alt.Chart(alt.Data(values=seats.to_dicts()), title=alt.Title("Where the reports come from", subtitle=f"one point per seat (gazetteer coordinates): {shown}"))
        .mark_circle(opacity=0.7)
        .encode(
            longitude="longitude:Q",
            latitude="latitude:Q",
            size=alt.Size("reports:Q", title="Reports"),
            color=alt.Color("admin_level:N", title="Level"),
            tooltip=[alt.Tooltip("place:N", title="Seat of"), "province:N", "admin_level:N", "reports:Q",
                     alt.Tooltip("jurisdictions:Q", title="Jurisdictions at this seat")],
        )
        .project(type="equirectangular")
        .properties(width=560, height=380)
    )
